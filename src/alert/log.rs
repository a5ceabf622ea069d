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
        serde_json::from_str::<serde_json::Value>(l).ok().and_then(|v| v.get("id").and_then(serde_json::Value::as_u64))
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
        let mut file = OpenOptions::new().create(true).append(true).read(true).open(path)?;
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
        Ok(Self { path: path.to_path_buf(), file, size, max_bytes, keep, last_id: last_id.unwrap_or(0) })
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
        self.file.write_all(&line)?;
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
        self.file = OpenOptions::new().create(true).append(true).read(true).open(&self.path)?;
        self.size = 0;
        Ok(())
    }
}
