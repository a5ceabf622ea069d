//! A hostile HTTP/1.1 server for tests, on any 127.0.0.x address: raw
//! sockets so that it can misbehave — drip-feed a body, send 200 MiB
//! generated lazily, stream gzip and brotli bombs compressed on the fly,
//! redirect in loops, flap between statuses, speak TLS with a self-signed
//! certificate. Included by the hostile and sources tests; it also runs as
//! its own small test binary.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// What a path answers.
#[derive(Clone, Debug)]
pub enum Route {
    /// A fixed response.
    Static {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Headers, then one byte of body every 500 ms, forever.
    Slowloris,
    /// `len` bytes of HTML-ish filler, with or without Content-Length (chunked).
    Huge { len: u64, content_length: bool },
    /// `decoded` zero bytes compressed on the fly ("gzip" or "br").
    Bomb {
        encoding: &'static str,
        decoded: u64,
    },
    /// A redirect.
    Redirect { status: u16, to: String },
    /// The n-th request gets `routes[n % len]`.
    Cycle(Vec<Route>),
}

impl Route {
    pub fn page(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self::Static {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }
    pub fn html(body: &str) -> Self {
        Self::page(200, "text/html; charset=utf-8", body)
    }
    pub fn with_header(self, name: &str, value: &str) -> Self {
        match self {
            Self::Static {
                status,
                mut headers,
                body,
            } => {
                headers.push((name.into(), value.into()));
                Self::Static {
                    status,
                    headers,
                    body,
                }
            }
            other => other,
        }
    }
}

#[derive(Default)]
struct State {
    routes: Mutex<HashMap<String, Route>>,
    hits: Mutex<Vec<String>>,
    counters: Mutex<HashMap<String, usize>>,
}

/// A running server.
#[derive(Clone)]
pub struct Server {
    pub addr: SocketAddr,
    state: Arc<State>,
}

/// TLS settings for [`Server::start_tls`].
pub type Acceptor = tokio_rustls::TlsAcceptor;

impl Server {
    /// Starts on `ip` (e.g. "127.0.0.2") with an ephemeral port, on a thread
    /// of its own.
    pub fn start(ip: &str) -> Self {
        Self::spawn(ip, None)
    }

    /// Starts a TLS server with the given acceptor.
    pub fn start_tls(ip: &str, acceptor: Acceptor) -> Self {
        Self::spawn(ip, Some(acceptor))
    }

    fn spawn(ip: &str, tls: Option<Acceptor>) -> Self {
        let state = Arc::new(State::default());
        let (tx, rx) = std::sync::mpsc::channel();
        let st = state.clone();
        let ip = ip.to_owned();
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let listener = TcpListener::bind((ip.as_str(), 0)).await.unwrap();
                tx.send(listener.local_addr().unwrap()).unwrap();
                loop {
                    let Ok((sock, _)) = listener.accept().await else {
                        continue;
                    };
                    let st = st.clone();
                    let tls = tls.clone();
                    tokio::spawn(async move {
                        match tls {
                            None => serve(sock, st).await,
                            Some(acc) => {
                                if let Ok(s) = acc.accept(sock).await {
                                    serve(s, st).await;
                                }
                            }
                        }
                    });
                }
            });
        });
        let addr = rx.recv().unwrap();
        Self { addr, state }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn https_url(&self, path: &str) -> String {
        format!("https://{}{path}", self.addr)
    }

    pub fn route(&self, path: &str, r: Route) {
        self.state.routes.lock().unwrap().insert(path.to_owned(), r);
    }

    /// Requests seen for `path`.
    pub fn hits(&self, path: &str) -> usize {
        self.state
            .hits
            .lock()
            .unwrap()
            .iter()
            .filter(|p| *p == path)
            .count()
    }

    /// Every request seen.
    pub fn total(&self) -> usize {
        self.state.hits.lock().unwrap().len()
    }
}

async fn read_head<S: AsyncReadExt + Unpin>(s: &mut S) -> Option<String> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = s.read(&mut byte).await.ok()?;
        if n == 0 || buf.len() > 64 * 1024 {
            return None;
        }
        buf.extend_from_slice(&byte[..n]);
    }
    let head = String::from_utf8_lossy(&buf).into_owned();
    let line = head.lines().next()?;
    Some(line.split_whitespace().nth(1)?.to_owned())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

async fn serve<S: AsyncReadExt + AsyncWriteExt + Unpin>(mut s: S, st: Arc<State>) {
    let Some(path) = read_head(&mut s).await else {
        return;
    };
    st.hits.lock().unwrap().push(path.clone());
    let route = st.routes.lock().unwrap().get(&path).cloned();
    let route = match route {
        None => Route::page(404, "text/plain", "not found"),
        Some(Route::Cycle(v)) => {
            let mut c = st.counters.lock().unwrap();
            let n = c.entry(path.clone()).or_default();
            let r = v[*n % v.len()].clone();
            *n += 1;
            r
        }
        Some(r) => r,
    };
    let _ = respond(&mut s, route).await;
    let _ = s.shutdown().await;
}

async fn respond<S: AsyncWriteExt + Unpin>(s: &mut S, route: Route) -> std::io::Result<()> {
    match route {
        Route::Static {
            status,
            headers,
            body,
        } => {
            let mut head = format!(
                "HTTP/1.1 {status} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
                reason(status),
                body.len()
            );
            for (k, v) in headers {
                head.push_str(&format!("{k}: {v}\r\n"));
            }
            head.push_str("\r\n");
            s.write_all(head.as_bytes()).await?;
            s.write_all(&body).await
        }
        Route::Redirect { status, to } => {
            let head = format!(
                "HTTP/1.1 {status} {}\r\nLocation: {to}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                reason(status)
            );
            s.write_all(head.as_bytes()).await
        }
        Route::Slowloris => {
            s.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n<html>")
                .await?;
            loop {
                tokio::time::sleep(Duration::from_millis(500)).await;
                s.write_all(b"x").await?;
                s.flush().await?;
            }
        }
        Route::Huge {
            len,
            content_length,
        } => {
            let mut head =
                String::from("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n");
            if content_length {
                head.push_str(&format!("Content-Length: {len}\r\n"));
            } else {
                head.push_str("Transfer-Encoding: chunked\r\n");
            }
            head.push_str("\r\n");
            s.write_all(head.as_bytes()).await?;
            let block = b"<p>lorem ipsum dolor sit amet 12345</p>\n".repeat(1600); // 64 000 bytes
            let mut sent = 0u64;
            while sent < len {
                let n = block.len().min((len - sent) as usize);
                if content_length {
                    s.write_all(&block[..n]).await?;
                } else {
                    s.write_all(format!("{n:x}\r\n").as_bytes()).await?;
                    s.write_all(&block[..n]).await?;
                    s.write_all(b"\r\n").await?;
                }
                sent += n as u64;
            }
            if !content_length {
                s.write_all(b"0\r\n\r\n").await?;
            }
            Ok(())
        }
        Route::Bomb { encoding, decoded } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: {encoding}\r\nConnection: close\r\n\r\n"
            );
            s.write_all(head.as_bytes()).await?;
            let zeros = vec![0u8; 1 << 20];
            let mut fed = 0u64;
            if encoding == "gzip" {
                let mut enc =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                while fed < decoded {
                    enc.write_all(&zeros)?;
                    fed += zeros.len() as u64;
                    let out = std::mem::take(enc.get_mut());
                    s.write_all(&out).await?;
                }
                let out = enc.finish()?;
                s.write_all(&out).await
            } else {
                let mut enc = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, 9, 22);
                while fed < decoded {
                    enc.write_all(&zeros)?;
                    enc.flush()?;
                    fed += zeros.len() as u64;
                    let out = std::mem::take(enc.get_mut());
                    s.write_all(&out).await?;
                }
                let out = enc.into_inner();
                s.write_all(&out).await
            }
        }
        Route::Cycle(_) => Ok(()),
    }
}

/// A self-signed certificate for `127.0.0.1` and its TLS acceptor.
pub fn self_signed_acceptor() -> Acceptor {
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let cert =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
            .unwrap();
    let der = cert.cert.der().clone();
    let key =
        tokio_rustls::rustls::pki_types::PrivateKeyDer::try_from(cert.signing_key.serialize_der())
            .unwrap();
    let cfg = tokio_rustls::rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(vec![der], key)
        .unwrap();
    tokio_rustls::TlsAcceptor::from(Arc::new(cfg))
}

#[cfg(test)]
mod self_test {
    use super::*;

    #[test]
    fn serves_and_counts() {
        let srv = Server::start("127.0.0.1");
        srv.route("/a", Route::html("<p>hi</p>"));
        let mut sock = std::net::TcpStream::connect(srv.addr).unwrap();
        std::io::Write::write_all(&mut sock, b"GET /a HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut out = String::new();
        std::io::Read::read_to_string(&mut sock, &mut out).unwrap();
        assert!(
            out.starts_with("HTTP/1.1 200") && out.ends_with("<p>hi</p>"),
            "{out}"
        );
        assert_eq!(srv.hits("/a"), 1);
    }
}
