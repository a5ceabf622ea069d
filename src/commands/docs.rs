//! `extract` and `diff`: the article and claims of one document, and the
//! claim-level diff of two (JSON per the extract/diff contract).

use serde::Serialize;

use super::{CommandError, EXIT_OK, is_url, read_file};
use crate::alert::format_value;
use crate::claims::{Claim, Lexicon, extract_claims};
use crate::cli::Format;
use crate::diff::{Change, ChangeKind, diff_claims};
use crate::extract::{Article, ExtractOptions, charset, extract_document};
use crate::source::{FetchOutcome, FetchRequest, Fetcher};

#[derive(Serialize)]
struct ExtractOut<'a> {
    title: &'a str,
    published: Option<chrono::NaiveDate>,
    url: Option<&'a str>,
    text: &'a str,
    claims: &'a [Claim],
    #[serde(skip_serializing_if = "Option::is_none")]
    modified: Option<chrono::NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lang: Option<&'a str>,
}

fn load(input: &str, selector: Option<String>) -> Result<(Article, Option<String>), CommandError> {
    let opts = ExtractOptions {
        body_selector: selector,
        exclude_selectors: Vec::new(),
    };
    if is_url(input) {
        let url = url::Url::parse(input)
            .map_err(|e| CommandError::Input(format!("bad URL {input}: {e}")))?;
        let rt = super::runtime()?;
        let fetched = rt.block_on(async {
            let f = Fetcher::new(
                crate::config::DEFAULT_USER_AGENT,
                std::time::Duration::from_secs(30),
            )?;
            f.fetch(&FetchRequest {
                url: &url,
                etag: None,
                last_modified: None,
                max_bytes: 5 * 1024 * 1024,
            })
            .await
        });
        let fetched = match fetched {
            Ok(FetchOutcome::Body(b)) => b,
            Ok(FetchOutcome::NotModified) => {
                return Err(CommandError::Input("unexpected 304".into()));
            }
            Err(e) => return Err(CommandError::Input(format!("cannot fetch {input}: {e}"))),
        };
        let text = charset::decode(&fetched.body, fetched.content_type.as_deref());
        let is_html = fetched
            .content_type
            .as_deref()
            .map(|c| c.contains("html") || c.contains("xml"));
        Ok((
            extract_document(&text, is_html, &opts),
            Some(fetched.final_url.to_string()),
        ))
    } else {
        let bytes = read_file(input)?;
        let text = charset::decode(&bytes, None);
        let lower = input.to_ascii_lowercase();
        let is_html = (lower.ends_with(".html") || lower.ends_with(".htm")).then_some(true);
        Ok((extract_document(&text, is_html, &opts), None))
    }
}

fn claims_of(article: &Article, lexicon: &Lexicon) -> Vec<Claim> {
    extract_claims(&article.text, article.published, lexicon)
}

/// `claimwatch extract`.
pub fn extract(
    input: &str,
    format: Format,
    selector: Option<String>,
    lexicon: &Lexicon,
) -> Result<u8, CommandError> {
    let (article, fetched_url) = load(input, selector)?;
    let claims = claims_of(&article, lexicon);
    match format {
        Format::Json => {
            let out = ExtractOut {
                title: &article.title,
                published: article.published,
                url: article.url.as_deref().or(fetched_url.as_deref()),
                text: &article.text,
                claims: &claims,
                modified: article.modified,
                byline: article.byline.as_deref(),
                lang: article.lang.as_deref(),
            };
            println!(
                "{}",
                serde_json::to_string(&out).map_err(|e| CommandError::Input(e.to_string()))?
            );
        }
        Format::Text => {
            println!("title:     {}", article.title);
            println!(
                "published: {}",
                article
                    .published
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "unknown".into())
            );
            if let Some(u) = article.url.as_deref().or(fetched_url.as_deref()) {
                println!("url:       {u}");
            }
            println!("claims:    {}", claims.len());
            for c in &claims {
                let q = serde_json::to_value(c.qualifier)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let kind = serde_json::to_value(c.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                println!(
                    "  {:>18} {:<8} {:<8} {:<7} {}",
                    format_value(c.value),
                    c.unit,
                    if q.is_empty() { "exact" } else { &q },
                    kind,
                    c.subject
                );
            }
        }
    }
    Ok(EXIT_OK)
}

#[derive(Serialize)]
struct DiffOut<'a> {
    changes: &'a [Change],
}

/// `claimwatch diff`.
pub fn diff(old: &str, new: &str, format: Format, lexicon: &Lexicon) -> Result<u8, CommandError> {
    let (a, _) = load(old, None)?;
    let (b, _) = load(new, None)?;
    let changes = diff_claims(&claims_of(&a, lexicon), &claims_of(&b, lexicon));
    match format {
        Format::Json => {
            println!(
                "{}",
                serde_json::to_string(&DiffOut { changes: &changes })
                    .map_err(|e| CommandError::Input(e.to_string()))?
            )
        }
        Format::Text => {
            for c in changes.iter().filter(|c| c.kind != ChangeKind::Restated) {
                let v = |x: Option<f64>| x.map_or_else(|| "—".to_owned(), format_value);
                let kind = serde_json::to_value(c.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                println!(
                    "{kind:<9} {}  {} → {} {}",
                    c.subject,
                    v(c.old),
                    v(c.new),
                    if c.unit == "count" { "" } else { &c.unit }
                );
            }
        }
    }
    Ok(EXIT_OK)
}
