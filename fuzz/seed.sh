#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with a few small seeds from the repository's
# fixtures and inline samples. The corpora are not kept in git.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus="$here/corpus"
mkdir -p "$corpus"/{claims,extract_html,feed,config}

# extract_html: the first byte picks the options (even: detection only).
for f in "$root"/tests/fixtures/extract/*.html; do
    [ -f "$f" ] || continue
    { printf '\x00'; cat "$f"; } >"$corpus/extract_html/$(basename "$f").0"
    { printf '\x01'; cat "$f"; } >"$corpus/extract_html/$(basename "$f").1"
done

# claims: the first byte picks dated (odd) or undated text.
for f in "$root"/tests/fixtures/extract/*.txt "$root"/config/baselines/*.txt "$root"/config/demo/v*/*.txt; do
    [ -f "$f" ] || continue
    name=$(basename "$(dirname "$f")")-$(basename "$f")
    { printf '\x01'; head -c 4096 "$f"; } >"$corpus/claims/$name"
done
printf '\x00A total of 41 projects have been completed, up from 38 in 2019.' >"$corpus/claims/inline-1"
printf '\x01Mobile subscribers rose to 161 million; over $25 billion was invested by March 2026.' >"$corpus/claims/inline-2"
printf '\x00Exports fell 3.5%% to Rs1.2tr (about $4.3bn) in FY2025-26, against 12-15 million tonnes.' >"$corpus/claims/inline-3"

# config: the shipped configs.
for f in "$root"/config/*.toml; do
    cp "$f" "$corpus/config/$(basename "$f")"
done

# feed: the demo feeds, then one RSS, one Atom, one JSON Feed.
for f in "$root"/config/demo/v*/feed.xml; do
    [ -f "$f" ] || continue
    cp "$f" "$corpus/feed/$(basename "$(dirname "$f")")-feed.xml"
done
cat >"$corpus/feed/rss.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>News</title><link>https://news.example.org/</link>
<item><title>Projects rise to 41</title><link>/2026/03/projects.html</link><guid>a1</guid>
<description>41 projects completed</description></item>
<item><title>Subscribers</title><link>https://news.example.org/2026/03/subs.html</link></item>
</channel></rss>
XML
cat >"$corpus/feed/atom.xml" <<'XML'
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><id>urn:x</id><updated>2026-03-01T00:00:00Z</updated>
<entry><title>Projects</title><id>urn:a1</id><updated>2026-03-01T00:00:00Z</updated>
<link rel="alternate" href="/2026/03/projects.html"/><summary>41 projects</summary></entry>
</feed>
XML
cat >"$corpus/feed/feed.json" <<'JSON'
{"version":"https://jsonfeed.org/version/1.1","title":"News","items":[{"id":"1","url":"https://news.example.org/a.html","title":"A"},{"id":"2","url":"b.html"}]}
JSON
echo "seeded: $(find "$corpus" -type f | wc -l) files in $corpus"
