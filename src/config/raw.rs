//! Raw config: the serde shapes of the TOML files, exactly as written, with
//! spans kept so validation can point at file, line and key.

use serde::Deserialize;
use toml::Spanned;

/// `[daemon]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDaemon {
    pub state_dir: Option<Spanned<String>>,
    pub alert_log: Option<Spanned<String>>,
    pub alert_log_max_bytes: Option<Spanned<i64>>,
    pub alert_log_keep: Option<Spanned<i64>>,
    pub default_interval: Option<Spanned<String>>,
    pub jitter: Option<Spanned<f64>>,
    pub concurrency: Option<Spanned<i64>>,
    pub per_host_delay: Option<Spanned<String>>,
    pub per_host_concurrency: Option<Spanned<i64>>,
    pub user_agent: Option<Spanned<String>>,
    pub request_timeout: Option<Spanned<String>>,
    pub max_body_bytes: Option<Spanned<i64>>,
    pub max_feed_bytes: Option<Spanned<i64>>,
    pub cache_capacity_mb: Option<Spanned<i64>>,
    pub min_free_mb: Option<Spanned<i64>>,
    pub status_listen: Option<Spanned<String>>,
    pub alert_kinds: Option<Vec<Spanned<String>>>,
    pub export_interval: Option<Spanned<String>>,
    pub export_keep: Option<Spanned<i64>>,
    pub history_max_age: Option<Spanned<String>>,
    pub refuse_private_addresses: Option<bool>,
    pub unhealthy_after: Option<Spanned<i64>>,
}

/// One `[[source]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Spanned<String>,
    pub kind: Option<Spanned<String>>,
    pub url: Spanned<String>,
    pub interval: Option<Spanned<String>>,
    #[serde(default)]
    pub keywords: Vec<Spanned<String>>,
    pub keywords_mode: Option<Spanned<String>>,
    pub selector: Option<Spanned<String>>,
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    pub link_selector: Option<Spanned<String>>,
    pub enabled: Option<bool>,
    pub max_articles: Option<Spanned<i64>>,
    pub insecure: Option<bool>,
    pub expect_update: Option<Spanned<String>>,
    #[serde(default)]
    pub url_include: Vec<Spanned<String>>,
    #[serde(default)]
    pub url_exclude: Vec<Spanned<String>>,
    pub recheck: Option<Vec<Spanned<String>>>,
}

/// One `[[baseline]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBaseline {
    pub path: Spanned<String>,
    pub published: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
}

/// One `[[host]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHost {
    pub name: Spanned<String>,
    pub concurrency: Option<Spanned<i64>>,
    pub delay: Option<Spanned<String>>,
}

/// One `[[quantity]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawQuantity {
    pub name: Spanned<String>,
    pub unit: Option<Spanned<String>>,
    #[serde(default)]
    pub terms: Vec<Spanned<String>>,
}

/// One `[[synonym]]`: words that name the same thing in a quantity key.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSynonym {
    pub word: Spanned<String>,
    pub means: Spanned<String>,
}

/// One `[[webhook]]`: a sink that POSTs alerts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWebhook {
    pub name: Spanned<String>,
    pub url: Spanned<String>,
    pub template: Option<Spanned<String>>,
    pub body: Option<Spanned<String>>,
    pub kinds: Option<Vec<Spanned<String>>>,
    pub timeout: Option<Spanned<String>>,
    pub retry_initial: Option<Spanned<String>>,
    pub give_up_after: Option<Spanned<String>>,
}
