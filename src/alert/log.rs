//! The JSON-lines alert log: appends one alert per line, rotates by size
//! keeping N files, and knows the last id it wrote so that a restart never
//! writes an alert twice.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::diff::Alert;

/// The alert log file.
#[derive(Debug)]
pub struct AlertLog {
    path: PathBuf,
    file: File,
    size: u64,
    max_bytes: u64,
    keep: usize,
    last_id: u64,
}

/// The id of the last complete line in `path`, if any.
fn last_id_in(path: &Path) -> io::Result<Option<u64>> {
    let mut f = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let len = f.metadata()?.len();
    let start = len.saturating_sub(256 * 1024);
    f.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::new();
    f.read_to_end(&mut buf)?;
    let text = String::from_utf8_lossy(&buf);
    // Only lines ended by '\n' are complete; a torn last line is ignored.
    let complete = match text.rfind('\n') {
        Some(i) => &text[..i],
        None => return Ok(None),
    };
    Ok(complete.lines().rev().find_map(|l| {
        serde_json::from_str::<serde_json::Value>(l)
            .ok()
            .and_then(|v| v.get("id").and_then(serde_json::Value::as_u64))
    }))
}

/// Path of the `n`th rotated file (`alerts.jsonl.1`, …).
pub fn rotated(path: &Path, n: usize) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(format!(".{n}"));
    PathBuf::from(s)
}

impl AlertLog {
    /// Opens (creating) the log at `path`.
    pub fn open(path: &Path, max_bytes: u64, keep: usize) -> io::Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut last_id = last_id_in(path)?;
        if last_id.is_none() {
            last_id = last_id_in(&rotated(path, 1))?;
        }
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(path)?;
        let mut size = file.metadata()?.len();
        // A torn last line (crash mid-write) is ended so the next line stays parseable.
        if size > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(size - 1))?;
            file.read_exact(&mut last)?;
            if last[0] != b'\n' {
                file.write_all(b"\n")?;
                size += 1;
            }
        }
        Ok(Self {
            path: path.to_path_buf(),
            file,
            size,
            max_bytes,
            keep,
            last_id: last_id.unwrap_or(0),
        })
    }

    /// The last id written.
    pub fn last_id(&self) -> u64 {
        self.last_id
    }

    /// Appends `alert` unless an alert with this or a later id was already
    /// written. Returns whether it wrote.
    pub fn append(&mut self, alert: &Alert) -> io::Result<bool> {
        if alert.id <= self.last_id {
            return Ok(false);
        }
        let mut line = serde_json::to_vec(alert).map_err(io::Error::other)?;
        line.push(b'\n');
        if self.size > 0 && self.size + line.len() as u64 > self.max_bytes {
            self.rotate()?;
        }
        if let Err(e) = self.file.write_all(&line) {
            // A partial line (disk full) would glue itself to the next one.
            let _ = self.file.set_len(self.size);
            return Err(e);
        }
        self.size += line.len() as u64;
        self.last_id = alert.id;
        Ok(true)
    }

    /// Forces written lines to disk.
    pub fn sync(&mut self) -> io::Result<()> {
        self.file.sync_data()
    }

    fn rotate(&mut self) -> io::Result<()> {
        self.file.sync_data()?;
        if self.keep == 0 {
            self.file.set_len(0)?;
            self.size = 0;
            return Ok(());
        }
        let _ = std::fs::remove_file(rotated(&self.path, self.keep));
        for n in (1..self.keep).rev() {
            let from = rotated(&self.path, n);
            if from.exists() {
                std::fs::rename(&from, rotated(&self.path, n + 1))?;
            }
        }
        std::fs::rename(&self.path, rotated(&self.path, 1))?;
        self.file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(&self.path)?;
        self.size = 0;
        Ok(())
    }
}

/// Follows the alert log like `tail -F`: returns complete new lines, and
/// after a rotation finishes the old file before starting on the new one.
#[derive(Debug)]
pub struct Tail {
    path: PathBuf,
    file: Option<File>,
    inode: u64,
    partial: Vec<u8>,
}

fn inode(m: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(m)
}

impl Tail {
    /// Starts at the beginning of `path` (which may not exist yet).
    pub fn open(path: &Path) -> Self {
        let mut t = Self {
            path: path.to_path_buf(),
            file: None,
            inode: 0,
            partial: Vec::new(),
        };
        t.reopen();
        t
    }

    fn reopen(&mut self) {
        self.file = File::open(&self.path).ok();
        self.inode = self
            .file
            .as_ref()
            .and_then(|f| f.metadata().ok())
            .map_or(0, |m| inode(&m));
        self.partial.clear();
    }

    fn drain(&mut self, out: &mut Vec<String>) {
        let Some(f) = self.file.as_mut() else { return };
        let mut buf = Vec::new();
        if f.read_to_end(&mut buf).is_err() {
            return;
        }
        self.partial.extend_from_slice(&buf);
        while let Some(i) = self.partial.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.partial.drain(..=i).collect();
            out.push(String::from_utf8_lossy(&line[..line.len() - 1]).into_owned());
        }
    }

    /// Complete lines written since the last call.
    pub fn read_lines(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        self.drain(&mut out);
        let now = std::fs::metadata(&self.path)
            .ok()
            .map(|m| (inode(&m), m.len()));
        let pos = self
            .file
            .as_mut()
            .and_then(|f| f.stream_position().ok())
            .unwrap_or(0);
        match now {
            Some((ino, _)) if self.file.is_none() || ino != self.inode => {
                self.reopen();
                self.drain(&mut out);
            }
            Some((_, len)) if len < pos => {
                // Truncated in place: start over.
                self.reopen();
                self.drain(&mut out);
            }
            _ => {}
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;

    use super::*;
    use crate::diff::AlertKind;

    fn alert(id: u64) -> Alert {
        Alert {
            id,
            ts: Utc::now(),
            kind: AlertKind::Changed,
            quantity: "q".into(),
            key: "q".into(),
            unit: "count".into(),
            old: Some(1.0),
            new: Some(2.0),
            delta: Some(1.0),
            delta_pct: Some(100.0),
            baseline: None,
            as_of: None,
            source: "s".into(),
            url: "u".into(),
            title: "t".into(),
            sentence: "x".repeat(100),
            qualifier: Default::default(),
            old_url: None,
            old_sentence: None,
            old_as_of: None,
        }
    }

    fn ids(path: &Path) -> Vec<u64> {
        std::fs::read_to_string(path)
            .unwrap_or_default()
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["id"].as_u64())
            .collect()
    }

    #[test]
    fn never_writes_an_id_twice_across_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        let mut log = AlertLog::open(&p, 1 << 20, 3).unwrap();
        assert!(log.append(&alert(1)).unwrap());
        assert!(log.append(&alert(2)).unwrap());
        assert!(!log.append(&alert(2)).unwrap());
        drop(log);
        let mut log = AlertLog::open(&p, 1 << 20, 3).unwrap();
        assert_eq!(log.last_id(), 2);
        assert!(!log.append(&alert(1)).unwrap());
        assert!(log.append(&alert(3)).unwrap());
        assert_eq!(ids(&p), [1, 2, 3]);
    }

    #[test]
    fn a_torn_last_line_is_closed_and_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        let mut line = serde_json::to_string(&alert(1)).unwrap();
        line.push('\n');
        line.push_str("{\"id\":2,\"ts\":\"20");
        std::fs::write(&p, line).unwrap();
        let mut log = AlertLog::open(&p, 1 << 20, 3).unwrap();
        assert_eq!(log.last_id(), 1);
        assert!(log.append(&alert(2)).unwrap());
        assert_eq!(ids(&p), [1, 2]);
    }

    #[test]
    fn rotates_by_size_and_keeps_n_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        let mut log = AlertLog::open(&p, 1000, 2).unwrap();
        for id in 1..=20 {
            log.append(&alert(id)).unwrap();
        }
        assert!(rotated(&p, 1).exists() && rotated(&p, 2).exists() && !rotated(&p, 3).exists());
        let mut all = ids(&rotated(&p, 2));
        all.extend(ids(&rotated(&p, 1)));
        all.extend(ids(&p));
        assert!(all.windows(2).all(|w| w[1] == w[0] + 1), "{all:?}");
        assert_eq!(all.last(), Some(&20));
        drop(log);
        // Just after a rotation the live file is empty; the last id comes from .1.
        std::fs::write(&p, "").unwrap();
        let log = AlertLog::open(&p, 1000, 2).unwrap();
        assert_eq!(log.last_id(), *ids(&rotated(&p, 1)).last().unwrap());
    }
}

#[cfg(test)]
mod tail_tests {
    use super::*;

    #[test]
    fn tail_follows_appends_and_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.jsonl");
        let mut t = Tail::open(&p);
        assert!(t.read_lines().is_empty());
        std::fs::write(&p, "one\ntw").unwrap();
        assert_eq!(t.read_lines(), ["one"]);
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"o\nthree\n").unwrap();
        assert_eq!(t.read_lines(), ["two", "three"]);
        f.write_all(b"four\n").unwrap();
        std::fs::rename(&p, rotated(&p, 1)).unwrap();
        std::fs::write(&p, "five\n").unwrap();
        assert_eq!(t.read_lines(), ["four", "five"]);
    }
}
