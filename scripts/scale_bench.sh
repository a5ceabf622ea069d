#!/usr/bin/env bash
# scale_bench.sh — a daemon with many sources on a local site: idle RSS,
# average CPU and scheduling lateness (p99).
#
#   scripts/scale_bench.sh [SOURCES=1000] [MINUTES=10]
#
# Generates a news corpus with the shared benchmark's generator (../shared/bench),
# serves it on 127.0.0.1 with its stdlib server, writes a config with SOURCES page
# sources whose intervals are spread between 1 and 30 minutes, runs
# `claimwatch run` for MINUTES, samples the daemon's RSS and CPU from /proc
# every 5 s, and reads the lateness histogram from its /metrics endpoint.
# Only loopback is used; only the processes this script starts are stopped.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-1000}
MINUTES=${2:-10}
SHARED=${CLAIMWATCH_SHARED:-../shared}
WORK=${WORK:-$(mktemp -d /tmp/claimwatch-scale.XXXXXX)}
PORT=${PORT:-18181}
STATUS_PORT=${STATUS_PORT:-18182}
BIN=${CLAIMWATCH_BIN:-target/release/claimwatch}
[[ -x $BIN ]] || cargo build --release
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

python3 "$SHARED/bench/gen_corpus.py" generate "$WORK/corpus" --n "$N" >/dev/null
python3 "$SHARED/bench/serve.py" "$WORK/corpus" "$PORT" "$WORK/access.log" >/dev/null 2>&1 &
pids+=($!)
sleep 1
{
  echo '[daemon]'
  echo "state_dir = \"$WORK/state\""
  echo "alert_log = \"$WORK/alerts.jsonl\""
  echo 'concurrency = 8'
  echo 'per_host_concurrency = 8'
  echo 'per_host_delay = "0s"'
  echo "status_listen = \"127.0.0.1:$STATUS_PORT\""
  i=0
  while read -r path; do
    i=$((i + 1))
    minutes=$(( (i * 7919) % 30 + 1 ))
    printf '[[source]]\nid = "s%05d"\nurl = "http://127.0.0.1:%s%s"\ninterval = "%dm"\n' "$i" "$PORT" "$path" "$minutes"
  done < "$WORK/corpus/urls.txt"
} > "$WORK/claimwatch.toml"

CLAIMWATCH_LOG=warn "$BIN" --config "$WORK/claimwatch.toml" run 2>"$WORK/daemon.err" &
dpid=$!
pids+=($dpid)
clk=$(getconf CLK_TCK)
start=$(date +%s)
end=$((start + MINUTES * 60))
: > "$WORK/samples.tsv"
while (( $(date +%s) < end )); do
  sleep 5
  [[ -r /proc/$dpid/stat ]] || { echo "daemon exited early; see $WORK/daemon.err" >&2; exit 1; }
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$dpid/status")
  ticks=$(awk '{print $14 + $15}' "/proc/$dpid/stat")
  echo -e "$(( $(date +%s) - start ))\t$rss_kb\t$ticks" >> "$WORK/samples.tsv"
done
curl -s "http://127.0.0.1:$STATUS_PORT/metrics" > "$WORK/metrics.txt" 2>/dev/null \
  || python3 -c "import urllib.request,sys; sys.stdout.write(urllib.request.urlopen('http://127.0.0.1:$STATUS_PORT/metrics').read().decode())" > "$WORK/metrics.txt"
kill -TERM "$dpid"
wait "$dpid" || true

python3 - "$WORK" "$clk" "$MINUTES" "$N" <<'PY'
import sys, re
work, clk, minutes, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
rows = [tuple(map(int, l.split())) for l in open(f"{work}/samples.tsv") if l.strip()]
t_end, _, ticks_end = rows[-1]
cpu_avg = ticks_end / clk / max(t_end, 1) * 100
half = [r for r in rows if r[0] >= t_end / 2]
idle_rss = sorted(r[1] for r in half)[len(half) // 2] / 1024
peak_rss = max(r[1] for r in rows) / 1024
buckets, count = [], 0
for line in open(f"{work}/metrics.txt"):
    m = re.match(r'claimwatch_schedule_lateness_seconds_bucket\{le="([^"]+)"\} (\d+)', line)
    if m:
        buckets.append((float("inf") if m.group(1) == "+Inf" else float(m.group(1)), int(m.group(2))))
    m = re.match(r"claimwatch_schedule_lateness_seconds_count (\d+)", line)
    if m:
        count = int(m.group(1))
p99 = next((le for le, c in buckets if count and c >= 0.99 * count), float("nan"))
p50 = next((le for le, c in buckets if count and c >= 0.50 * count), float("nan"))
print(f"sources {n}, {minutes} min, {count} passes")
print(f"idle RSS (median, second half) {idle_rss:.1f} MB; peak RSS {peak_rss:.1f} MB")
print(f"average CPU {cpu_avg:.2f}% of one core")
print(f"scheduling lateness p50 <= {p50} s, p99 <= {p99} s (histogram bucket upper bounds)")
PY
echo "work dir: $WORK"
