#!/usr/bin/env bash
# kill -9 torture: starts `claimwatch run` against a local 50-page site whose
# figures change every second, kills it with SIGKILL at a random moment
# (0.1-3 s after start) CYCLES times, then stops it cleanly and checks
# offline that nothing was torn, lost or repeated.
#
#   scripts/torture.sh [CYCLES]        (default 200; CI runs e.g. 30)
#
# Environment:
#   CLAIMWATCH_BIN   the binary to test (default: build target/release/claimwatch)
#   TORTURE_SEED     seed of the kill times (default: random; printed)
#   TORTURE_KEEP=1   keep the work directory even when everything passed
#
# Per cycle: the daemon must not exit by itself (exit code 3 would mean the
# database did not open), must not move a corrupt database aside, and must
# not panic. A start that was killed before its first fetch is followed by a
# start that must reach its first fetch (20 s deadline) before it may be
# killed, so the aftermath of every kill is proven to open and work.
#
# At the end: `claimwatch db verify` must say consistent, and the alert log
# (with its rotated files) must hold every alert exactly once: unique ids,
# increasing; no `changed` transition (url, key, old -> new) twice; at most
# one `new` per (url, key); the changes of each (url, key) chain (each old
# value is the previous alert's new value, so none was lost or repeated);
# and every delivered-kind alert in the database is in the log.
#
# Exits 0 when no problem was found, 1 otherwise. Only processes this script
# started are signalled, by pid.
set -euo pipefail

CYCLES=${1:-200}
case "$CYCLES" in '' | *[!0-9]*) echo "usage: $0 [CYCLES]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)

if [ -n "${CLAIMWATCH_BIN:-}" ]; then
    BIN=$CLAIMWATCH_BIN
else
    (cd "$root" && cargo build --release --quiet)
    BIN=$root/target/release/claimwatch
fi
[ -x "$BIN" ] || { echo "not executable: $BIN" >&2; exit 2; }

SEED=${TORTURE_SEED:-$(( $(date +%s) % 32768 ))}
RANDOM=$SEED
work=$(mktemp -d "${TMPDIR:-/tmp}/claimwatch-torture.XXXXXX")
site_pid=""
daemon_pid=""
problems=()
passed=0

problem() {
    problems+=("$*")
    echo "PROBLEM: $*" >&2
}

cleanup() {
    # Only the processes this script started.
    if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
        kill -KILL "$daemon_pid" 2>/dev/null || true
        wait "$daemon_pid" 2>/dev/null || true
    fi
    if [ -n "$site_pid" ] && kill -0 "$site_pid" 2>/dev/null; then
        kill -TERM "$site_pid" 2>/dev/null || true
        wait "$site_pid" 2>/dev/null || true
    fi
    if [ "$passed" = 1 ] && [ "${TORTURE_KEEP:-0}" != 1 ]; then
        rm -rf "$work"
    else
        echo "work directory kept: $work" >&2
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }

python3 "$root/scripts/torture_site.py" --pages 50 --slice 1 --port-file "$work/port" &
site_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
[ -s "$work/port" ] || { echo "the test site did not start" >&2; exit 1; }
port=$(cat "$work/port")

page_requests() {
    curl -fsS --max-time 2 "http://127.0.0.1:$port/_stats" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["page_requests"])'
}

cfg=$work/claimwatch.toml
{
    cat <<EOF
[daemon]
state_dir = "$work/state"
alert_log = "$work/alerts.jsonl"
default_interval = "1s"
jitter = 0.0
concurrency = 50
per_host_delay = "0s"
per_host_concurrency = 50
request_timeout = "10s"
alert_log_max_bytes = 1048576
alert_log_keep = 1000

EOF
    for n in $(seq 0 49); do
        printf '[[source]]\nid = "p%d"\nkind = "page"\nurl = "http://127.0.0.1:%s/p/%d.html"\ninterval = "1s"\n\n' "$n" "$port" "$n"
    done
} >"$cfg"
"$BIN" --config "$cfg" config check >/dev/null

log=$work/daemon.log
echo "torture: $CYCLES cycles, seed $SEED, binary $BIN, site 127.0.0.1:$port, work $work"

# Starts the daemon in the background; sets daemon_pid.
start_daemon() {
    echo "=== $1" >>"$log"
    CLAIMWATCH_LOG=info "$BIN" --config "$cfg" run >>"$log" 2>&1 &
    daemon_pid=$!
}

must_prove=0
early_kills=0
proven=0
first_fetch_total=0
cycle_start=$(now_ms)
for cycle in $(seq 1 "$CYCLES"); do
    base=$(page_requests)
    start_daemon "cycle $cycle"
    t0=$(now_ms)
    kill_at=$(( t0 + 100 + RANDOM % 2901 ))
    fetched=0
    exited=""
    while :; do
        if ! kill -0 "$daemon_pid" 2>/dev/null; then
            rc=0
            wait "$daemon_pid" || rc=$?
            exited=$rc
            break
        fi
        if [ "$fetched" = 0 ] && [ "$(page_requests)" -gt "$base" ]; then
            fetched=1
        fi
        t=$(now_ms)
        if [ "$t" -ge "$kill_at" ]; then
            if [ "$must_prove" = 1 ] && [ "$fetched" = 0 ]; then
                if [ $(( t - t0 )) -gt 20000 ]; then
                    problem "cycle $cycle: no first fetch within 20 s of a start after a kill -9"
                    break
                fi
            else
                break
            fi
        fi
        sleep 0.02
    done
    if [ -n "$exited" ]; then
        problem "cycle $cycle: the daemon exited by itself with code $exited$([ "$exited" = 3 ] && echo ' (database did not open)')"
        daemon_pid=""
        must_prove=1
        continue
    fi
    kill -KILL "$daemon_pid" 2>/dev/null || true
    rc=0
    wait "$daemon_pid" 2>/dev/null || rc=$?
    daemon_pid=""
    # 137 = killed by our SIGKILL; anything else means it ended by itself first.
    [ "$rc" = 137 ] || problem "cycle $cycle: the daemon ended with code $rc just before the kill"
    if [ "$must_prove" = 1 ] && [ "$fetched" = 1 ]; then proven=$(( proven + 1 )); fi
    if [ "$fetched" = 1 ]; then
        first_fetch_total=$(( first_fetch_total + 1 ))
        must_prove=0
    else
        early_kills=$(( early_kills + 1 ))
        must_prove=1
    fi
    if compgen -G "$work/state/db.corrupt-*" >/dev/null; then
        problem "cycle $cycle: the database was found corrupt and moved aside: $(ls -d "$work"/state/db.corrupt-*)"
        break
    fi
    if [ $(( cycle % 25 )) = 0 ]; then
        echo "  $cycle cycles, $(( ($(now_ms) - cycle_start) / 1000 )) s, alerts so far: $(cat "$work"/alerts.jsonl* 2>/dev/null | wc -l)"
    fi
done
cycles_s=$(( ($(now_ms) - cycle_start) / 1000 ))

# A clean run to the end: first fetch, a few more passes, SIGTERM, exit 0.
base=$(page_requests)
start_daemon "final"
deadline=$(( $(now_ms) + 20000 ))
while [ "$(page_requests)" -le $(( base + 100 )) ]; do
    if ! kill -0 "$daemon_pid" 2>/dev/null; then
        rc=0; wait "$daemon_pid" || rc=$?; daemon_pid=""
        problem "final start: the daemon exited by itself with code $rc"
        break
    fi
    if [ "$(now_ms)" -gt "$deadline" ]; then
        problem "final start: fewer than two passes within 20 s"
        break
    fi
    sleep 0.05
done
if [ -n "$daemon_pid" ]; then
    kill -TERM "$daemon_pid"
    deadline=$(( $(now_ms) + 15000 ))
    while kill -0 "$daemon_pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
    if kill -0 "$daemon_pid" 2>/dev/null; then
        problem "final stop: still running 15 s after SIGTERM"
        kill -KILL "$daemon_pid"
        wait "$daemon_pid" 2>/dev/null || true
    else
        rc=0; wait "$daemon_pid" || rc=$?
        [ "$rc" = 0 ] || problem "final stop: exit code $rc after SIGTERM (want 0)"
    fi
    daemon_pid=""
fi

if grep -q "panicked" "$log"; then
    problem "a panic is in the daemon log: $(grep -m1 panicked "$log")"
fi

# Offline checks.
verify_out=$("$BIN" --config "$cfg" db verify 2>&1) && verify_rc=0 || verify_rc=$?
echo "db verify: $verify_out"
if [ "$verify_rc" != 0 ] || ! grep -q consistent <<<"$verify_out"; then
    problem "db verify: exit $verify_rc: $verify_out"
fi
"$BIN" --config "$cfg" db export "$work/export.jsonl" 2>/dev/null ||
    problem "db export failed"

check_out=$(python3 - "$work" <<'PY'
import glob, json, os, re, sys

work = sys.argv[1]
base = os.path.join(work, "alerts.jsonl")
rotated = sorted(glob.glob(base + ".*"), key=lambda p: -int(p.rsplit(".", 1)[1]))
files = rotated + ([base] if os.path.exists(base) else [])
problems = []
alerts = []
for f in files:
    with open(f, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                alerts.append(json.loads(line))
            except ValueError:
                problems.append(f"{os.path.basename(f)}:{i}: unreadable line")

ids = [a["id"] for a in alerts]
seen = set()
for i in ids:
    if i in seen:
        problems.append(f"alert id {i} is in the log twice")
    seen.add(i)
for a, b in zip(ids, ids[1:]):
    if b <= a:
        problems.append(f"alert ids not increasing: {a} then {b}")

kinds = {}
for a in alerts:
    kinds[a["kind"]] = kinds.get(a["kind"], 0) + 1

transitions = {}
firsts = {}
last_new = {}
chain_breaks = 0
for a in alerts:
    k = (a["url"], a["key"])
    if a["kind"] == "new":
        if k in firsts:
            problems.append(f"second `new` for {k}: ids {firsts[k]} and {a['id']}")
        firsts[k] = a["id"]
        last_new[k] = (a["id"], a["new"])
    elif a["kind"] == "changed":
        t = k + (a["old"], a["new"])
        if t in transitions:
            problems.append(f"change {t} alerted twice: ids {transitions[t]} and {a['id']}")
        transitions[t] = a["id"]
        prev = last_new.get(k)
        if prev is None:
            problems.append(f"change {t} (id {a['id']}) has no earlier alert for its quantity")
        elif prev[1] != a["old"]:
            chain_breaks += 1
            problems.append(
                f"change {t} (id {a['id']}) does not follow alert {prev[0]} (which said {prev[1]}): "
                "a change was lost or repeated")
        last_new[k] = (a["id"], a["new"])

# Every delivered-kind alert in the database is in the log.
delivered = {"changed", "new", "dropped", "conflict", "source_unhealthy", "source_recovered"}
db_alerts = 0
db_ids = set()
pending = 0
export = os.path.join(work, "export.jsonl")
entries = []
if os.path.exists(export):
    with open(export, encoding="utf-8") as fh:
        entries = [json.loads(line) for line in fh if line.strip()]
else:
    problems.append("no database export to compare the log with")
for e in entries:
    if e["tree"] == "outbox":
        pending += 1
    if e["tree"] != "alerts" or not e.get("record"):
        continue
    db_alerts += 1
    r = e["record"]
    db_ids.add(r["id"])
    if r["kind"] in delivered and r["id"] not in seen:
        problems.append(f"alert {r['id']} ({r['kind']}) is in the database but not in the log")
if pending:
    problems.append(f"{pending} outbox entries still pending after a clean stop")

# Informational: alerts written to the log whose database commit did not
# survive a kill (the database lost its last writes after the log line).
logged_not_in_db = sorted(seen - db_ids)
print(json.dumps({
    "log_files": len(files),
    "alerts": len(alerts),
    "by_kind": kinds,
    "db_alerts": db_alerts,
    "quantities_new": len(firsts),
    "chain_breaks": chain_breaks,
    "logged_not_in_db": len(logged_not_in_db),
    "logged_not_in_db_ids": logged_not_in_db[:20],
    "problems": problems,
}))
PY
) || problem "the alert log check failed to run"

[ -n "$check_out" ] || check_out='{"alerts":0,"log_files":0,"by_kind":{},"db_alerts":0,"quantities_new":0,"logged_not_in_db":0,"logged_not_in_db_ids":[],"problems":["no result from the alert log check"]}'
summary=$(python3 -c '
import json, sys
d = json.loads(sys.argv[1])
print("alerts logged: %d in %d file(s); by kind: %s; in database: %d; quantities: %d" % (
    d["alerts"], d["log_files"], ", ".join("%s %d" % kv for kv in sorted(d["by_kind"].items())),
    d["db_alerts"], d["quantities_new"]))
print("logged alerts whose database commit was lost by a kill: %d %s" % (
    d["logged_not_in_db"], d["logged_not_in_db_ids"]))
for p in d["problems"][:50]:
    print("PROBLEM: " + p)
if len(d["problems"]) > 50:
    print("PROBLEM: ... and %d more" % (len(d["problems"]) - 50))
print("COUNT %d" % len(d["problems"]))
' "$check_out")
echo "$summary" | grep -v '^COUNT'
log_problems=$(echo "$summary" | sed -n 's/^COUNT //p')
for _ in $(seq 1 "${log_problems:-0}"); do problems+=("alert log"); done

echo
echo "summary: cycles $CYCLES ($cycles_s s), kills before the first fetch $early_kills, forced proofs $proven," \
    "starts that fetched $first_fetch_total, problems ${#problems[@]}"
echo "log: $(grep -c '=== ' "$log") starts, $(du -sh "$work/state" | cut -f1) state"
if [ "${#problems[@]}" = 0 ]; then
    passed=1
    echo "torture: OK"
    exit 0
fi
echo "torture: FAILED" >&2
exit 1
