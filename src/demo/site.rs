//! The bundled demo site: fictional CPEC and telecom news pages and a feed,
//! served on loopback in two versions, with ETags and conditional GET.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio_util::sync::CancellationToken;

/// One version of the site: (slug, article text) pairs and the feed.
struct Version {
    articles: &'static [(&'static str, &'static str)],
    feed: &'static str,
}

const VERSIONS: [Version; 2] = [
    Version {
        articles: &[
            (
                "cpec-progress",
                include_str!("../../config/demo/v1/cpec-progress.txt"),
            ),
            (
                "telecom-indicators",
                include_str!("../../config/demo/v1/telecom-indicators.txt"),
            ),
            (
                "it-exports",
                include_str!("../../config/demo/v1/it-exports.txt"),
            ),
        ],
        feed: include_str!("../../config/demo/v1/feed.xml"),
    },
    Version {
        articles: &[
            (
                "cpec-progress",
                include_str!("../../config/demo/v2/cpec-progress.txt"),
            ),
            (
                "telecom-indicators",
                include_str!("../../config/demo/v2/telecom-indicators.txt"),
            ),
            (
                "it-exports",
                include_str!("../../config/demo/v2/it-exports.txt"),
            ),
            (
                "freelancers",
                include_str!("../../config/demo/v2/freelancers.txt"),
            ),
        ],
        feed: include_str!("../../config/demo/v2/feed.xml"),
    },
];

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Wraps an article (title line, date line, blank, paragraphs) in a news page
/// with navigation, a teaser sidebar, comments and a footer.
pub fn render_page(article: &str, edition: usize) -> String {
    let mut lines = article.lines();
    let title = lines.next().unwrap_or_default().trim();
    let date = lines.next().unwrap_or_default().trim();
    let body: String = lines
        .collect::<Vec<_>>()
        .join("\n")
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("      <p>{}</p>\n", esc(p)))
        .collect();
    let t = esc(title);
    format!(
        r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{t} | Demo Business Daily</title>
  <meta property="og:title" content="{t}">
  <meta property="article:published_time" content="{date}T09:00:00+05:00">
  <script type="application/ld+json">{{"@context":"https://schema.org","@type":"NewsArticle","headline":"{t}","datePublished":"{date}T09:00:00+05:00"}}</script>
  <style>body {{ font-family: sans-serif; }} .sidebar {{ float: right; width: 30%; }}</style>
</head>
<body>
  <header><nav><a href="/">Home</a> <a href="/news/">Business</a> <a href="/news/">Technology</a> <a href="/news/">Markets</a></nav>
    <div class="ticker">Breaking: KSE-100 gains 1,250 points; rupee closes at 281.4 per dollar</div></header>
  <main>
    <article>
      <h1>{t}</h1>
      <div class="byline">By Staff Reporter · {date}</div>
      <div class="entry-content">
{body}      </div>
    </article>
    <aside class="sidebar">
      <h3>Trending</h3>
      <ul>
        <li><a href="/news/">Exports cross $32 billion mark, says commerce ministry</a></li>
        <li><a href="/news/">Circular debt climbs to Rs2,400 billion</a></li>
        <li><a href="/news/">Over 45 million users now on digital wallets</a></li>
      </ul>
    </aside>
    <section class="comments">
      <h3>3 Comments</h3>
      <div class="comment"><p>I heard 50 projects were done already, not these numbers.</p></div>
      <div class="comment"><p>My internet still drops 10 times a day.</p></div>
      <div class="comment"><p>Great news for the 220 million people of this country.</p></div>
    </section>
  </main>
  <footer><p>© 2026 Demo Business Daily. Call 051-1234567. Edition {edition}.</p></footer>
</body>
</html>
"#
    )
}

/// The running demo site.
#[derive(Clone)]
pub struct DemoSite {
    version: Arc<AtomicUsize>,
    addr: SocketAddr,
}

fn etag_of(body: &str) -> String {
    format!("\"{:016x}\"", xxhash_rust::xxh3::xxh3_64(body.as_bytes()))
}

fn respond(headers: &HeaderMap, content_type: &'static str, body: String) -> Response {
    let etag = etag_of(&body);
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return (StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response();
    }
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::ETAG, etag),
        ],
        body,
    )
        .into_response()
}

async fn page(
    State(v): State<Arc<AtomicUsize>>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Response {
    let version = &VERSIONS[v.load(Ordering::SeqCst).min(VERSIONS.len() - 1)];
    let slug = name.trim_end_matches(".html");
    match version.articles.iter().find(|(s, _)| *s == slug) {
        Some((_, text)) => respond(&headers, "text/html; charset=utf-8", render_page(text, 1)),
        None => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

async fn feed(State(v): State<Arc<AtomicUsize>>, headers: HeaderMap) -> Response {
    let version = &VERSIONS[v.load(Ordering::SeqCst).min(VERSIONS.len() - 1)];
    respond(&headers, "application/rss+xml", version.feed.to_owned())
}

impl DemoSite {
    /// Starts serving on `127.0.0.1:0` until `cancel` fires.
    pub async fn start(cancel: CancellationToken) -> std::io::Result<Self> {
        let version = Arc::new(AtomicUsize::new(0));
        let app = Router::new()
            .route("/news/{name}", get(page))
            .route("/feed.xml", get(feed))
            .with_state(version.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        tokio::spawn(async move {
            let served = axum::serve(listener, app)
                .with_graceful_shutdown(async move { cancel.cancelled().await })
                .await;
            if let Err(e) = served {
                tracing::error!(error = %e, "demo site stopped");
            }
        });
        Ok(Self { version, addr })
    }

    /// The site's base URL.
    pub fn base(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Switches to version `n` (0 or 1).
    pub fn set_version(&self, n: usize) {
        self.version.store(n, Ordering::SeqCst);
    }
}
