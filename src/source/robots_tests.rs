//! Tests of robots.txt matching: the `ID_*` (RFC behaviour) cases of
//! Google's robots.txt parser tests, re-expressed from the behaviour they
//! specify, plus access results, caching and the parse limit.

use super::*;

fn allowed(txt: &str, agent: &str, url: &str) -> bool {
    let p = Policy::new(
        &Access::Rules {
            text: txt.to_owned(),
        },
        agent,
    );
    p.allowed(&Url::parse(url).expect("test URL"))
}

/// (case, robots.txt, agent, url, allowed)
type Case = (&'static str, &'static str, &'static str, &'static str, bool);

fn run(cases: &[Case]) {
    for (name, txt, agent, url, want) in cases {
        assert_eq!(
            allowed(txt, agent, url),
            *want,
            "{name}: {agent} {url}\n{txt}"
        );
    }
}

#[test]
fn id_line_syntax_line() {
    run(&[
        (
            "correct",
            "user-agent: FooBot\ndisallow: /\n",
            "FooBot",
            "http://foo.bar/x/y",
            false,
        ),
        (
            "unknown keys",
            "foo: FooBot\nbar: /\n",
            "FooBot",
            "http://foo.bar/x/y",
            true,
        ),
        (
            "missing colon accepted",
            "user-agent FooBot\ndisallow /\n",
            "FooBot",
            "http://foo.bar/x/y",
            false,
        ),
    ]);
}

const GROUPS: &str = "allow: /foo/bar/\n\nuser-agent: FooBot\ndisallow: /\nallow: /x/\nuser-agent: BarBot\n\
disallow: /\nallow: /y/\n\n\nallow: /w/\nuser-agent: BazBot\n\nuser-agent: FooBot\nallow: /z/\ndisallow: /\n";

#[test]
fn id_line_syntax_groups() {
    run(&[
        ("foo x", GROUPS, "FooBot", "http://foo.bar/x/b", true),
        ("foo z", GROUPS, "FooBot", "http://foo.bar/z/d", true),
        ("foo y", GROUPS, "FooBot", "http://foo.bar/y/c", false),
        ("bar y", GROUPS, "BarBot", "http://foo.bar/y/c", true),
        (
            "bar w: blank lines do not end a group",
            GROUPS,
            "BarBot",
            "http://foo.bar/w/a",
            true,
        ),
        ("bar z", GROUPS, "BarBot", "http://foo.bar/z/d", false),
        (
            "baz z: empty group merges with the next",
            GROUPS,
            "BazBot",
            "http://foo.bar/z/d",
            true,
        ),
        (
            "rules outside groups are ignored: foo",
            GROUPS,
            "FooBot",
            "http://foo.bar/foo/bar/",
            false,
        ),
        (
            "rules outside groups are ignored: bar",
            GROUPS,
            "BarBot",
            "http://foo.bar/foo/bar/",
            false,
        ),
        (
            "rules outside groups are ignored: baz",
            GROUPS,
            "BazBot",
            "http://foo.bar/foo/bar/",
            false,
        ),
    ]);
}

#[test]
fn id_line_syntax_groups_other_rules() {
    let sitemap =
        "User-agent: BarBot\nSitemap: https://foo.bar/sitemap\nUser-agent: *\nDisallow: /\n";
    let unknown = "User-agent: FooBot\nInvalid-Unknown-Line: unknown\nUser-agent: *\nDisallow: /\n";
    run(&[
        (
            "sitemap does not end a group: foo",
            sitemap,
            "FooBot",
            "http://foo.bar/",
            false,
        ),
        (
            "sitemap does not end a group: bar",
            sitemap,
            "BarBot",
            "http://foo.bar/",
            false,
        ),
        (
            "unknown line does not end a group: foo",
            unknown,
            "FooBot",
            "http://foo.bar/",
            false,
        ),
        (
            "unknown line does not end a group: bar",
            unknown,
            "BarBot",
            "http://foo.bar/",
            false,
        ),
    ]);
}

#[test]
fn id_rep_line_names_case_insensitive() {
    for txt in [
        "USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n",
        "user-agent: FooBot\nallow: /x/\ndisallow: /\n",
        "uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n",
    ] {
        assert!(allowed(txt, "FooBot", "http://foo.bar/x/y"), "{txt}");
        assert!(!allowed(txt, "FooBot", "http://foo.bar/a/b"), "{txt}");
    }
}

#[test]
fn id_verify_valid_user_agents_to_obey() {
    for (token, ok) in [
        ("Foobot", true),
        ("Foobot-Bar", true),
        ("Foo_Bar", true),
        ("", false),
        ("ツ", false),
        ("Foobot*", false),
        (" Foobot ", false),
        ("Foobot/2.1", false),
        ("Foobot Bar", false),
    ] {
        assert_eq!(valid_token(token), ok, "{token:?}");
    }
    assert_eq!(
        product_token("claimwatch/0.1 (+https://example.org/claimwatch)"),
        "claimwatch"
    );
    assert!(valid_token(product_token(
        crate::config::DEFAULT_USER_AGENT
    )));
}

#[test]
fn id_user_agent_value_case_insensitive() {
    for txt in [
        "User-Agent: FOO BAR\nAllow: /x/\nDisallow: /\n",
        "User-Agent: foo bar\nAllow: /x/\nDisallow: /\n",
        "User-Agent: FoO bAr\nAllow: /x/\nDisallow: /\n",
    ] {
        for agent in ["Foo", "foo"] {
            assert!(allowed(txt, agent, "http://foo.bar/x/y"), "{agent} {txt}");
            assert!(!allowed(txt, agent, "http://foo.bar/a/b"), "{agent} {txt}");
        }
    }
}

#[test]
fn id_global_groups_secondary() {
    let global = "user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n";
    let only_specific = "user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n";
    run(&[
        ("empty file", "", "FooBot", "http://foo.bar/x/y", true),
        (
            "specific group wins",
            global,
            "FooBot",
            "http://foo.bar/x/y",
            false,
        ),
        ("others use *", global, "QuxBot", "http://foo.bar/x/y", true),
        (
            "no * group: no rules",
            only_specific,
            "QuxBot",
            "http://foo.bar/x/y",
            true,
        ),
    ]);
}

#[test]
fn id_allow_disallow_value_case_sensitive() {
    run(&[
        (
            "lower rule",
            "user-agent: FooBot\ndisallow: /x/\n",
            "FooBot",
            "http://foo.bar/x/y",
            false,
        ),
        (
            "upper rule",
            "user-agent: FooBot\ndisallow: /X/\n",
            "FooBot",
            "http://foo.bar/x/y",
            true,
        ),
    ]);
}

#[test]
fn id_longest_match() {
    let page = "http://foo.bar/x/page.html";
    run(&[
        (
            "tie, disallow first",
            "user-agent: FooBot\ndisallow: /x/page.html\nallow: /x/page.html\n",
            "FooBot",
            page,
            true,
        ),
        (
            "tie, allow first",
            "user-agent: FooBot\nallow: /x/page.html\ndisallow: /x/page.html\n",
            "FooBot",
            page,
            true,
        ),
        (
            "longer disallow",
            "user-agent: FooBot\nallow: /x/\ndisallow: /x/page.html\n",
            "FooBot",
            page,
            false,
        ),
        (
            "longer allow",
            "user-agent: FooBot\ndisallow: /x/\nallow: /x/page.html\n",
            "FooBot",
            page,
            true,
        ),
        (
            "root tie",
            "user-agent: FooBot\ndisallow: /\nallow: /\n",
            "FooBot",
            "http://foo.bar/",
            true,
        ),
        (
            "empty values",
            "user-agent: FooBot\ndisallow: \nallow: \n",
            "FooBot",
            "http://foo.bar/",
            true,
        ),
        (
            "/x vs /x/ on /x",
            "user-agent: FooBot\ndisallow: /x\nallow: /x/\n",
            "FooBot",
            "http://foo.bar/x",
            false,
        ),
        (
            "/x vs /x/ on /x/",
            "user-agent: FooBot\ndisallow: /x\nallow: /x/\n",
            "FooBot",
            "http://foo.bar/x/",
            true,
        ),
        (
            "wildcard longer",
            "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n",
            "FooBot",
            "http://foo.bar/page.html",
            false,
        ),
        (
            "wildcard no match",
            "user-agent: FooBot\nallow: /page\ndisallow: /*.html\n",
            "FooBot",
            "http://foo.bar/page",
            true,
        ),
        (
            "prefix longer than wildcard",
            "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n",
            "FooBot",
            page,
            true,
        ),
        (
            "wildcard only",
            "user-agent: FooBot\nallow: /x/page.\ndisallow: /*.html\n",
            "FooBot",
            "http://foo.bar/x/y.html",
            false,
        ),
        (
            "specific group only",
            "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
            "FooBot",
            "http://foo.bar/x/page",
            true,
        ),
        (
            "specific group rule",
            "User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n",
            "FooBot",
            "http://foo.bar/y/page",
            false,
        ),
    ]);
}

#[test]
fn id_encoding() {
    run(&[
        (
            "query characters",
            "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar?qux=taz&baz=http://foo.bar?tar&par\n",
            "FooBot",
            "http://foo.bar/foo/bar?qux=taz&baz=http://foo.bar?tar&par",
            true,
        ),
        (
            "UTF-8 rule, encoded URL",
            "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/ツ\n",
            "FooBot",
            "http://foo.bar/foo/bar/%E3%83%84",
            true,
        ),
        (
            "encoded rule, encoded URL",
            "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%E3%83%84\n",
            "FooBot",
            "http://foo.bar/foo/bar/%E3%83%84",
            true,
        ),
        (
            "encoded unreserved in rule, plain URL",
            "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n",
            "FooBot",
            "http://foo.bar/foo/bar/baz",
            false,
        ),
        (
            "encoded unreserved in rule and URL",
            "User-agent: FooBot\nDisallow: /\nAllow: /foo/bar/%62%61%7A\n",
            "FooBot",
            "http://foo.bar/foo/bar/%62%61%7A",
            true,
        ),
    ]);
    // Google's test also expects a raw "ツ" in the URL not to match; our URLs
    // are always `url::Url`, which percent-encodes it, so that case cannot occur.
}

#[test]
fn id_special_characters() {
    let star = "User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n";
    let dollar = "User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n";
    let hash = "User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n";
    run(&[
        (
            "star 1",
            star,
            "FooBot",
            "http://foo.bar/foo/bar/quz",
            false,
        ),
        ("star 2", star, "FooBot", "http://foo.bar/foo/quz", true),
        ("star 3", star, "FooBot", "http://foo.bar/foo//quz", true),
        ("star 4", star, "FooBot", "http://foo.bar/foo/bax/quz", true),
        (
            "dollar 1",
            dollar,
            "FooBot",
            "http://foo.bar/foo/bar",
            false,
        ),
        (
            "dollar 2",
            dollar,
            "FooBot",
            "http://foo.bar/foo/bar/qux",
            true,
        ),
        (
            "dollar 3",
            dollar,
            "FooBot",
            "http://foo.bar/foo/bar/",
            true,
        ),
        (
            "dollar 4",
            dollar,
            "FooBot",
            "http://foo.bar/foo/bar/baz",
            true,
        ),
        ("comment 1", hash, "FooBot", "http://foo.bar/foo/bar", true),
        ("comment 2", hash, "FooBot", "http://foo.bar/foo/quz", false),
    ]);
}

#[test]
fn id_utf8_byte_order_mark_is_skipped() {
    run(&[
        (
            "full BOM",
            "\u{FEFF}User-Agent: foo\nDisallow: /AnyValue\n",
            "foo",
            "http://foo.bar/AnyValue",
            false,
        ),
        // A BOM inside the file is not skipped: that line is unknown.
        (
            "BOM mid-file",
            "User-Agent: foo\n\u{FEFF}Disallow: /AnyValue\n",
            "foo",
            "http://foo.bar/AnyValue",
            true,
        ),
    ]);
    // A partial BOM breaks the first line, so the rule is outside any group.
    let p = Policy::new(
        &Access::Rules {
            text: String::from_utf8_lossy(b"\xEF\xBBUser-Agent: foo\nDisallow: /x\n").into(),
        },
        "foo",
    );
    assert!(p.allowed(&Url::parse("http://foo.bar/x").expect("test URL")));
}

#[test]
fn id_non_standard_line_example_sitemap() {
    for txt in [
        "User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\n\n\nSitemap: http://foo.bar/sitemap.xml\n",
        "Sitemap: http://foo.bar/sitemap.xml\nUser-Agent: foo\nAllow: /some/path\n",
    ] {
        let p = Policy::new(
            &Access::Rules {
                text: txt.to_owned(),
            },
            "foo",
        );
        assert_eq!(p.sitemaps(), ["http://foo.bar/sitemap.xml"], "{txt}");
    }
}

#[test]
fn id_lines_numbers_are_counted_correctly() {
    for txt in [
        "User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\nDisallow: /\n",
        "User-Agent: foo\r\nAllow: /some/path\r\nUser-Agent: bar\r\nDisallow: /\r\n",
        "User-Agent: foo\rAllow: /some/path\rUser-Agent: bar\rDisallow: /\r",
        "User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\rDisallow: /",
    ] {
        assert!(allowed(txt, "foo", "http://foo.bar/some/path"), "{txt:?}");
        assert!(!allowed(txt, "bar", "http://foo.bar/some/path"), "{txt:?}");
    }
}

#[test]
fn robots_txt_itself_is_always_allowed() {
    assert!(allowed(
        "User-agent: *\nDisallow: /\n",
        "claimwatch",
        "http://foo.bar/robots.txt"
    ));
    assert!(
        Policy::DisallowAll.allowed(&Url::parse("http://foo.bar/robots.txt").expect("test URL"))
    );
}

#[test]
fn access_results() {
    let u = Url::parse("http://foo.bar/news/1").expect("test URL");
    assert!(Policy::new(&Access::Unavailable { status: 404 }, "claimwatch").allowed(&u));
    assert!(
        !Policy::new(
            &Access::Unreachable {
                reason: "503".into()
            },
            "claimwatch"
        )
        .allowed(&u)
    );
    let rules = Access::Rules {
        text: "User-agent: claimwatch\nDisallow: /news/\nCrawl-delay: 7\n".into(),
    };
    let p = Policy::new(&rules, "claimwatch");
    assert!(!p.allowed(&u));
    assert_eq!(p.crawl_delay(), Some(Duration::from_secs(7)));
    let huge = Policy::new(
        &Access::Rules {
            text: "User-agent: *\nCrawl-delay: 86400\n".into(),
        },
        "claimwatch",
    );
    assert_eq!(huge.crawl_delay(), Some(MAX_CRAWL_DELAY));
}

#[test]
fn cache_lifetimes() {
    let t0 = Utc::now();
    let h = |n: i64| t0 + chrono::Duration::hours(n);
    let rules = RobotsRecord {
        fetched_at: t0,
        access: Access::Rules {
            text: String::new(),
        },
    };
    let down = RobotsRecord {
        fetched_at: t0,
        access: Access::Unreachable { reason: "x".into() },
    };
    for (rec, at, fresh) in [
        (&rules, h(23), true),
        (&rules, h(25), false),
        (&down, t0, true),
        (&down, h(1), false),
    ] {
        assert_eq!(rec.fresh(at), fresh, "{rec:?} at {at}");
    }
    // Unreachable after a good fetch keeps the rules, but asks again soon.
    let kept = RobotsRecord::updated(
        Some(&rules),
        Access::Unreachable {
            reason: "503".into(),
        },
        h(30),
    );
    assert_eq!(kept.access, rules.access);
    assert!(kept.fresh(h(30)) && !kept.fresh(h(31)));
    // Too old to stand in: unreachable wins.
    let old = RobotsRecord::updated(
        Some(&rules),
        Access::Unreachable {
            reason: "503".into(),
        },
        h(24 * 31),
    );
    assert!(matches!(old.access, Access::Unreachable { .. }));
}

#[test]
fn parse_limit_cuts_at_a_line() {
    let mut body = b"User-agent: *\nDisallow: /early/\n".to_vec();
    while body.len() < PARSE_LIMIT - 100 {
        body.extend_from_slice(
            b"# filler filler filler filler filler filler filler filler filler\n",
        );
    }
    body.extend_from_slice(b"Disallow: /late/\n");
    let mid = body.len();
    while body.len() < 600 * 1024 {
        body.extend_from_slice(
            b"# filler filler filler filler filler filler filler filler filler\n",
        );
    }
    body.extend_from_slice(b"Disallow: /beyond/\n");
    let text = truncate(&body);
    assert!(text.len() <= PARSE_LIMIT && text.len() >= mid && text.ends_with('\n'));
    let p = Policy::new(&Access::Rules { text }, "claimwatch");
    let at = |p2: &str| p.allowed(&Url::parse(&format!("http://foo.bar{p2}")).expect("test URL"));
    assert!(!at("/early/a") && !at("/late/a") && at("/beyond/a"));
}
