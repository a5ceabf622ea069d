//! Shared helpers for integration tests: a local HTTP site on 127.0.0.1
//! whose pages can be changed between passes, and config writers.
#![allow(dead_code)]

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// One served page.
#[derive(Clone, Debug)]
pub struct Page {
    pub status: u16,
    pub content_type: String,
    pub body: String,
}

#[derive(Default)]
pub struct SiteState {
    pub pages: Mutex<HashMap<String, Page>>,
    /// Requests seen, by path.
    pub hits: Mutex<Vec<(String, bool)>>,
    pub requests: AtomicUsize,
    pub not_modified: AtomicUsize,
}

/// A test site; pages are set by path.
#[derive(Clone)]
pub struct Site {
    pub addr: SocketAddr,
    pub state: Arc<SiteState>,
}

fn etag(body: &str) -> String {
    format!(
        "\"{:x}\"",
        body.len() * 31 + body.bytes().map(usize::from).sum::<usize>()
    )
}

async fn serve(State(st): State<Arc<SiteState>>, uri: Uri, headers: HeaderMap) -> Response {
    st.requests.fetch_add(1, Ordering::SeqCst);
    let path = uri.path().to_owned();
    let conditional = headers.contains_key(header::IF_NONE_MATCH);
    // The page is chosen before the hit is recorded, so a test that waits for
    // a hit and then changes the page never races this response.
    let page = st.pages.lock().unwrap().get(&path).cloned();
    st.hits.lock().unwrap().push((path.clone(), conditional));
    let Some(page) = page else {
        return (StatusCode::NOT_FOUND, "no such page").into_response();
    };
    let tag = etag(&page.body);
    if page.status == 200
        && headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            == Some(tag.as_str())
    {
        st.not_modified.fetch_add(1, Ordering::SeqCst);
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, tag)]).into_response();
    }
    let status = StatusCode::from_u16(page.status).unwrap();
    (
        status,
        [
            (header::CONTENT_TYPE, page.content_type),
            (header::ETAG, tag),
        ],
        page.body,
    )
        .into_response()
}

impl Site {
    /// Starts on 127.0.0.1 with an ephemeral port, on a thread of its own so
    /// that it serves whether or not the test has a runtime.
    pub fn start() -> Self {
        let state = Arc::new(SiteState::default());
        let addr = serve_on_thread(
            "127.0.0.1:0",
            Router::new().fallback(serve).with_state(state.clone()),
        );
        Self { addr, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn set(&self, path: &str, status: u16, content_type: &str, body: &str) {
        self.state.pages.lock().unwrap().insert(
            path.to_owned(),
            Page {
                status,
                content_type: content_type.to_owned(),
                body: body.to_owned(),
            },
        );
    }

    pub fn set_html(&self, path: &str, body: &str) {
        self.set(path, 200, "text/html; charset=utf-8", body);
    }

    pub fn hits(&self) -> Vec<(String, bool)> {
        self.state.hits.lock().unwrap().clone()
    }

    pub fn not_modified(&self) -> usize {
        self.state.not_modified.load(Ordering::SeqCst)
    }
}

/// A news page with furniture around the article paragraphs.
pub fn news_page(title: &str, date: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Test Daily</title>
<meta property="article:published_time" content="{date}T08:00:00Z"></head><body>
<nav><a href="/">Home</a> <a href="/b">Business</a></nav>
<article><h1>{title}</h1><div class="entry-content">
{body}</div></article>
<aside class="sidebar"><h3>Related</h3><ul><li><a href="/x">Exports hit 99 billion dollars</a></li></ul></aside>
<footer>© 2026 Test Daily. Call 021-5550000.</footer></body></html>"#
    )
}

/// Writes a config for `site` with page sources for `paths`, returns its path.
pub fn write_config(dir: &Path, site: &Site, paths: &[(&str, &str)], extra: &str) -> PathBuf {
    let mut s = format!(
        "[daemon]\nstate_dir = \"{state}\"\nalert_log = \"{log}\"\nper_host_delay = \"0s\"\nper_host_concurrency = 4\ndefault_interval = \"1s\"\njitter = 0.0\n\n",
        state = dir.join("state").display(),
        log = dir.join("alerts.jsonl").display()
    );
    for (id, path) in paths {
        s.push_str(&format!(
            "[[source]]\nid = \"{id}\"\nkind = \"page\"\nurl = \"{}\"\n\n",
            site.url(path)
        ));
    }
    s.push_str(extra);
    let p = dir.join("claimwatch.toml");
    std::fs::write(&p, s).unwrap();
    p
}

/// Parsed alert log lines.
pub fn alerts(dir: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(dir.join("alerts.jsonl"))
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The path of the built binary.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_claimwatch"))
}

/// A plain HTTP/1.0 GET over a TCP socket: (status, body).
pub fn http_get(addr: &str, path: &str) -> Option<(u16, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    s.set_read_timeout(Some(std::time::Duration::from_secs(5)))
        .ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").ok()?;
    let mut buf = String::new();
    s.read_to_string(&mut buf).ok()?;
    let (head, body) = buf.split_once("\r\n\r\n")?;
    let status = head.split_whitespace().nth(1)?.parse().ok()?;
    Some((status, body.to_owned()))
}

/// A loopback port that was free a moment ago.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A `claimwatch run` child process, killed when dropped.
pub struct Daemon(pub std::process::Child);

impl Daemon {
    /// Starts `claimwatch --config CFG run` with quiet logs.
    pub fn start(cfg: &Path) -> Self {
        let child = std::process::Command::new(bin())
            .arg("--config")
            .arg(cfg)
            .arg("run")
            .env("CLAIMWATCH_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        Self(child)
    }

    /// Sends `sig` to the daemon.
    pub fn signal(&self, sig: i32) {
        let pid = i32::try_from(self.0.id()).unwrap();
        // SAFETY: kill(2) on the pid of our own child process.
        assert_eq!(unsafe { libc::kill(pid, sig) }, 0);
    }

    /// The exit code, or None if it is still running after `within`.
    pub fn wait_exit(&mut self, within: std::time::Duration) -> Option<i32> {
        let deadline = std::time::Instant::now() + within;
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return Some(status.code().unwrap_or(-1));
            }
            if std::time::Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Polls until `cond` holds (the daemon is another process; there is no
/// clock to pause here), failing after `within`.
pub fn wait_for(within: std::time::Duration, what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + within;
    while !cond() {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

/// Serves `app` on `bind` (a loopback address, port 0 for an ephemeral one)
/// from a thread with its own runtime, so it serves whether or not the test
/// has one; returns the bound address.
pub fn serve_on_thread(bind: &str, app: Router) -> SocketAddr {
    let bind = bind.to_owned();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind(&bind).await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    rx.recv().unwrap()
}
