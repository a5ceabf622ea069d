#!/usr/bin/env bash
# Extraction comparison in one command: runs examples/compare_extractors
# (claimwatch and dom_smoothie over the same benchmark pages, one thread,
# release build), then scores both JSONL files with the benchmark's
# evaluate.py and prints P / R / F1 next to pages/s and peak heap per page.
#
# Usage (from anywhere): scripts/bench_extract.sh [SHARED_DIR] [OUT_DIR]
#   SHARED_DIR  default $CLAIMWATCH_SHARED, else ../shared (from the crate root)
#   OUT_DIR     default target/compare
#   REPEAT=N    timing rounds (default 3; memory and outputs come from round 1)
#   TEXT_MODE   dom_smoothie text mode: raw | formatted (default) | markdown
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-${CLAIMWATCH_SHARED:-../shared}}
out=${2:-target/compare}
bench=$shared/extraction-bench
if [[ ! -f $bench/evaluate.py || ! -d $bench/data/html ]]; then
  echo "bench_extract: no extraction benchmark under $bench" >&2
  exit 2
fi

cargo build --quiet --release --example compare_extractors
./target/release/examples/compare_extractors "$bench/data/html" "$out" \
  --repeat "${REPEAT:-3}" --text-mode "${TEXT_MODE:-formatted}"

echo
printf '%-14s %7s %7s %7s %7s\n' extractor P R F1 acc
for name in claimwatch dom_smoothie; do
  python3 "$bench/evaluate.py" "$out/$name.jsonl" --json "$out/$name.metrics.json" >/dev/null
  python3 - "$name" "$out/$name.metrics.json" <<'EOF'
import json, sys
m = json.load(open(sys.argv[2]))
print("%-14s %7.4f %7.4f %7.4f %7.4f" % (sys.argv[1], m["precision"], m["recall"], m["f1"], m["accuracy"]))
EOF
done
