//! The shipped config files load, and the example documents every key.

use std::path::Path;

use claimwatch::config;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn shipped_default_config_loads() {
    let cfg =
        config::load(&root().join("config/claimwatch.toml")).expect("default config is valid");
    assert!(cfg.sources.len() >= 4);
    assert!(
        cfg.sources
            .iter()
            .any(|s| s.kind == config::SourceKind::Feed)
    );
    assert!(
        cfg.sources
            .iter()
            .all(|s| s.interval >= std::time::Duration::from_secs(3600)),
        "shipped intervals are polite"
    );
    assert_eq!(cfg.baselines.len(), 1);
    assert!(
        cfg.baselines[0]
            .path
            .ends_with("baselines/it-ministry-cpec-2019-12-08.txt")
    );
}

#[test]
fn example_config_loads_and_names_every_key() {
    let path = root().join("config/claimwatch.example.toml");
    let cfg = config::load(&path).expect("example config is valid");
    assert!(!cfg.sources.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    let raw = std::fs::read_to_string(root().join("src/config/raw.rs")).unwrap();
    // Every field of every raw struct appears in the example as `key =`
    // (commented out for optional listeners).
    let mut missing = Vec::new();
    for line in raw.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("pub ")
            && let Some((name, _)) = rest.split_once(':')
            && !name.starts_with("struct")
            && !text.contains(&format!("{name} = "))
        {
            missing.push(name.to_owned());
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from the example config: {missing:?}"
    );
}

#[test]
fn shipped_baseline_matches_the_seed_layout() {
    let text =
        std::fs::read_to_string(root().join("config/baselines/it-ministry-cpec-2019-12-08.txt"))
            .unwrap();
    assert!(text.contains("IT ministry to soon begin cooperation with China under CPEC framework"));
}

#[test]
fn dropins_add_sources_and_are_validated() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("claimwatch.toml"),
        "[[source]]\nid = \"a\"\nurl = \"http://127.0.0.1/a\"\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("sources.d")).unwrap();
    std::fs::write(
        dir.path().join("sources.d/10-more.toml"),
        "[[source]]\nid = \"b\"\nurl = \"http://127.0.0.1/b\"\n",
    )
    .unwrap();
    let cfg = config::load(&dir.path().join("claimwatch.toml")).unwrap();
    assert_eq!(
        cfg.sources
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["a", "b"]
    );

    std::fs::write(
        dir.path().join("sources.d/20-dup.toml"),
        "[daemon]\nconcurrency = 2\n[[source]]\nid = \"a\"\nurl = \"http://127.0.0.1/c\"\n",
    )
    .unwrap();
    let err = config::load(&dir.path().join("claimwatch.toml")).unwrap_err();
    let issues = err.issues();
    assert_eq!(issues.len(), 2, "{err}");
    assert!(
        issues
            .iter()
            .all(|i| i.file.ends_with("sources.d/20-dup.toml"))
    );
    assert!(issues.iter().any(|i| i.key == "daemon" && i.line == 1));
    assert!(
        issues
            .iter()
            .any(|i| i.key == "source[2].id" && i.line == 4 && i.message.contains("duplicate"))
    );
}
