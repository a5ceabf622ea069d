//! `claimwatch check` against a real local HTTP server: alerts, unchanged
//! passes, conditional GET, error pages, and the JSON summary contract.

mod common;

use std::process::Command;

use common::{Site, alerts, bin, news_page, write_config};

fn check(cfg: &std::path::Path) -> (i32, serde_json::Value, String) {
    let out = Command::new(bin())
        .args(["--config"])
        .arg(cfg)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let summary = stdout
        .lines()
        .last()
        .map(|l| serde_json::from_str(l).unwrap())
        .unwrap_or_default();
    (
        out.status.code().unwrap_or(-1),
        summary,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const V1: &[&str] = &[
    "A total of 38 projects worth $25 billion have been completed under the corridor, the ministry said.",
    "The country has 161 million mobile phone subscribers, the regulator said.",
];
const V2: &[&str] = &[
    "A total of 41 projects worth $25 billion have been completed under the corridor, the ministry said.",
    "The country has 161 million mobile phone subscribers, the regulator said.",
];

#[test]
fn summary_has_the_contract_fields_and_unchanged_pass_is_silent() {
    let site = Site::start();
    site.set_html("/a.html", &news_page("Corridor progress", "2026-05-01", V1));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    let (code, s1, err) = check(&cfg);
    assert_eq!(code, 0, "{err}");
    for k in [
        "sources",
        "fetched",
        "not_modified",
        "unchanged",
        "changed_documents",
        "alerts",
        "errors",
    ] {
        assert!(
            s1.get(k).is_some_and(serde_json::Value::is_u64),
            "summary lacks {k}: {s1}"
        );
    }
    assert_eq!(s1["fetched"], 1);
    assert_eq!(s1["new_documents"], 1);
    let first = alerts(dir.path()).len();
    assert_eq!(s1["alerts"].as_u64().unwrap() as usize, first);

    let (code, s2, _) = check(&cfg);
    assert_eq!(code, 0);
    assert_eq!(s2["alerts"], 0, "an unchanged pass raised alerts: {s2}");
    assert_eq!(
        s2["not_modified"], 1,
        "second pass did not use a conditional request: {s2}"
    );
    assert_eq!(alerts(dir.path()).len(), first);
    let hits: Vec<_> = site
        .hits()
        .into_iter()
        .filter(|h| h.0 == "/a.html")
        .collect();
    assert!(
        !hits[0].1 && hits[1].1,
        "second request must carry If-None-Match: {hits:?}"
    );
}

#[test]
fn a_changed_page_raises_exactly_the_changed_claim() {
    let site = Site::start();
    site.set_html("/a.html", &news_page("Corridor progress", "2026-05-01", V1));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    check(&cfg);
    let before = alerts(dir.path()).len();
    site.set_html("/a.html", &news_page("Corridor progress", "2026-05-01", V2));
    let (code, s, err) = check(&cfg);
    assert_eq!(code, 0, "{err}");
    assert_eq!(s["changed_documents"], 1);
    let new: Vec<_> = alerts(dir.path()).into_iter().skip(before).collect();
    let changed: Vec<_> = new.iter().filter(|a| a["kind"] == "changed").collect();
    assert_eq!(changed.len(), 1, "expected one changed alert, got {new:?}");
    let a = changed[0];
    assert_eq!(
        (a["old"].as_f64(), a["new"].as_f64(), a["delta"].as_f64()),
        (Some(38.0), Some(41.0), Some(3.0))
    );
    assert_eq!(a["unit"], "count");
    assert_eq!(a["source"], "a");
    assert!(a["sentence"].as_str().unwrap().contains("41 projects"));
    assert!(a["url"].as_str().unwrap().ends_with("/a.html"));
    for k in [
        "id",
        "ts",
        "kind",
        "quantity",
        "key",
        "unit",
        "old",
        "new",
        "delta",
        "delta_pct",
        "baseline",
        "as_of",
        "source",
        "url",
        "title",
        "sentence",
    ] {
        assert!(a.get(k).is_some(), "alert lacks {k}");
    }
}

/// The same quantity worded differently in the page's next version: the
/// figure continues its timeline (one `changed` alert), instead of a
/// `dropped` figure and a `new` one.
#[test]
fn a_reworded_page_continues_its_quantity() {
    let site = Site::start();
    let v1 = ["The harbour handled 412 cruise ship visits this year, the port authority said."];
    let v2 = [
        "Cruise ships called at the harbour 455 times this year, according to the port authority.",
    ];
    site.set_html("/h.html", &news_page("Harbour report", "2026-05-01", &v1));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("h", "/h.html")], "");
    check(&cfg);
    let before = alerts(dir.path()).len();
    site.set_html("/h.html", &news_page("Harbour report", "2026-05-02", &v2));
    let (code, _, err) = check(&cfg);
    assert_eq!(code, 0, "{err}");
    let new: Vec<_> = alerts(dir.path()).into_iter().skip(before).collect();
    let kinds: Vec<_> = new
        .iter()
        .map(|a| a["kind"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(kinds, ["changed"], "{new:?}");
    assert_eq!(
        (new[0]["old"].as_f64(), new[0]["new"].as_f64()),
        (Some(412.0), Some(455.0))
    );
}

/// The next version of a story names one figure with no word in common;
/// it is the only figure of its unit left over on both sides, and the
/// versions share two quantities: the daemon continues its timeline, as
/// `claimwatch diff` pairs it.
#[test]
fn a_lone_reworded_figure_of_one_unit_continues_its_quantity() {
    let site = Site::start();
    let page = |visitors: &str, fees: &str| {
        let paras = [
            format!("The park received {visitors} visitors last year, the wildlife service said."),
            "Rangers numbered 160 across the reserve.".to_owned(),
            fees.to_owned(),
        ];
        let paras: Vec<&str> = paras.iter().map(String::as_str).collect();
        news_page("Park report", "2026-05-01", &paras)
    };
    site.set_html(
        "/p.html",
        &page("412,000", "Gate collections reached $1.9 million."),
    );
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("p", "/p.html")], "");
    check(&cfg);
    let before = alerts(dir.path()).len();
    site.set_html(
        "/p.html",
        &page("455,000", "Park fees brought in 2.4 million dollars."),
    );
    let (code, _, err) = check(&cfg);
    assert_eq!(code, 0, "{err}");
    let new: Vec<_> = alerts(dir.path()).into_iter().skip(before).collect();
    let mut got: Vec<_> = new
        .iter()
        .map(|a| {
            (
                a["kind"].as_str().unwrap_or("").to_owned(),
                a["unit"].as_str().unwrap_or("").to_owned(),
                a["old"].as_f64(),
                a["new"].as_f64(),
            )
        })
        .collect();
    got.sort_by(|a, b| a.1.cmp(&b.1));
    assert_eq!(
        got,
        [
            (
                "changed".to_owned(),
                "USD".to_owned(),
                Some(1.9e6),
                Some(2.4e6)
            ),
            (
                "changed".to_owned(),
                "count".to_owned(),
                Some(412_000.0),
                Some(455_000.0)
            ),
        ],
        "{new:?}"
    );
}

#[test]
fn error_pages_are_errors_not_content() {
    let site = Site::start();
    site.set(
        "/down.html",
        500,
        "text/html",
        &news_page("Error", "2026-05-01", &["Error 500: 12 servers are down."]),
    );
    site.set_html("/ok.html", &news_page("Fine", "2026-05-01", V1));
    site.set("/bin.pdf", 200, "application/pdf", "%PDF-1.4 binary");
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(
        dir.path(),
        &site,
        &[
            ("down", "/down.html"),
            ("ok", "/ok.html"),
            ("pdf", "/bin.pdf"),
        ],
        "",
    );
    let (code, s, _) = check(&cfg);
    assert_eq!(code, 1, "a pass with failed sources exits 1");
    assert_eq!(s["errors"], 2);
    assert_eq!(s["fetched"], 1);
    assert!(
        alerts(dir.path()).iter().all(|a| a["source"] == "ok"),
        "an error response produced alerts"
    );
}

#[test]
fn unknown_source_is_a_usage_error() {
    let site = Site::start();
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    let out = Command::new(bin())
        .arg("--config")
        .arg(&cfg)
        .args(["check", "nope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn broken_config_exits_2_with_every_error_located() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("claimwatch.toml");
    std::fs::write(
        &cfg,
        "[daemon]\nconcurrency = 0\n\n[[source]]\nid = \"a\"\nurl = \"ftp://x.test/\"\ninterval = \"soon\"\ncolour = 1\n",
    )
    .unwrap();
    for args in [&["config", "check"][..], &["check"][..], &["run"][..]] {
        let out = Command::new(bin())
            .arg("--config")
            .arg(&cfg)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        let name = cfg.display().to_string();
        assert!(
            err.contains(&format!("{name}:2:15: daemon.concurrency")),
            "{args:?}: {err}"
        );
        assert!(
            err.contains(&format!("{name}:8:1: source[0].colour")),
            "{err}"
        );
    }
}

#[test]
fn too_little_free_space_skips_the_pass_without_fetching_or_alerting() {
    let site = Site::start();
    site.set_html("/a.html", &news_page("Corridor progress", "2026-05-01", V1));
    let dir = tempfile::tempdir().unwrap();
    let cfg = write_config(dir.path(), &site, &[("a", "/a.html")], "");
    let base = std::fs::read_to_string(&cfg).unwrap();
    let with_guard = |mib: u64| {
        let text = base.replacen("[daemon]\n", &format!("[daemon]\nmin_free_mb = {mib}\n"), 1);
        std::fs::write(&cfg, text).unwrap();
    };
    // No filesystem here has a mebibyte short of a tebibyte free.
    with_guard(1 << 20);
    let (code, s, err) = check(&cfg);
    assert_eq!(code, 0, "a paused pass is a state, not a failure: {err}");
    assert_eq!(
        (s["fetched"].as_u64(), s["skipped"].as_u64()),
        (Some(0), Some(1)),
        "{s}"
    );
    assert!(site.hits().is_empty(), "nothing may be fetched");
    assert!(alerts(dir.path()).is_empty());
    assert!(err.contains("low disk space"), "{err}");
    // Space returns (the guard is off): the same pass runs.
    with_guard(0);
    let (code, s, err) = check(&cfg);
    assert_eq!(code, 0, "{err}");
    assert_eq!(s["fetched"].as_u64(), Some(1), "{s}");
}
