#!/usr/bin/env bash
# Disk full: runs `claimwatch run` with its state directory and alert log on
# a small tmpfs (default 8 MiB) that is partly taken by a filler file,
# against a local site whose pages are large and change every second, until
# the filesystem is full (or until the daemon's free-space guard pauses its
# passes, after which another writer fills what is left). It then watches the daemon for a while (it must not
# crash or panic-loop: still alive, or exited with a clear error), deletes the
# filler so space returns, and checks that the daemon recovers by itself
# (new alerts are written again). Finally it stops the daemon with SIGTERM
# and runs `claimwatch db verify` and an alert-log check.
#
#   sudo scripts/disk_full.sh [SIZE_MIB]
#
# Environment: CLAIMWATCH_BIN (default: build target/release/claimwatch),
# DISK_FULL_KEEP=1 keeps the work directory. Needs root (mount -t tmpfs).
# Unmounts what it mounted and signals only the processes it started.
# Exits 0 when the daemon survived, recovered and the database is
# consistent; 1 otherwise (the report says where it went wrong).
set -euo pipefail

SIZE_MIB=${1:-8}
# The daemon's free-space guard (min_free_mb); 0 lets sled hit the full disk.
MIN_FREE_MIB=${MIN_FREE_MIB:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "disk_full.sh needs root (it mounts a tmpfs)" >&2; exit 2; }

if [ -n "${CLAIMWATCH_BIN:-}" ]; then
    BIN=$CLAIMWATCH_BIN
else
    (cd "$root" && cargo build --release --quiet)
    BIN=$root/target/release/claimwatch
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/claimwatch-diskfull.XXXXXX")
mnt=$work/fs
mkdir -p "$mnt"
mounted=0
site_pid=""
daemon_pid=""
problems=()
problem() {
    problems+=("$*")
    echo "PROBLEM: $*" >&2
}

cleanup() {
    if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
        kill -KILL "$daemon_pid" 2>/dev/null || true
        wait "$daemon_pid" 2>/dev/null || true
    fi
    if [ -n "$site_pid" ] && kill -0 "$site_pid" 2>/dev/null; then
        kill -TERM "$site_pid" 2>/dev/null || true
        wait "$site_pid" 2>/dev/null || true
    fi
    if [ "$mounted" = 1 ]; then
        if [ "${DISK_FULL_KEEP:-0}" = 1 ] || [ "${#problems[@]}" != 0 ]; then
            cp -a "$mnt" "$work/fs-copy" 2>/dev/null || true
        fi
        umount "$mnt" || echo "could not unmount $mnt" >&2
    fi
    if [ "${DISK_FULL_KEEP:-0}" = 1 ] || [ "${#problems[@]}" != 0 ]; then
        echo "work directory kept: $work" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(( ${EPOCHREALTIME/./} / 1000 )); }
avail_kib() { df -k --output=avail "$mnt" | tail -n 1 | tr -d ' '; }
alerts_logged() { cat "$mnt"/alerts.jsonl* 2>/dev/null | wc -l; }

mount -t tmpfs -o "size=${SIZE_MIB}m,mode=0700" tmpfs "$mnt"
mounted=1
# The filler takes 40% of the filesystem; deleting it is "space returns".
filler_mib=$(( SIZE_MIB * 4 / 10 ))
dd if=/dev/zero of="$mnt/filler" bs=1M count="$filler_mib" status=none

python3 "$root/scripts/torture_site.py" --pages 50 --slice 1 --fill 16384 --port-file "$work/port" &
site_pid=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.05; done
port=$(cat "$work/port")

cfg=$work/claimwatch.toml
{
    cat <<EOF
[daemon]
state_dir = "$mnt/state"
alert_log = "$mnt/alerts.jsonl"
default_interval = "1s"
jitter = 0.0
concurrency = 50
per_host_delay = "0s"
per_host_concurrency = 50
request_timeout = "10s"
cache_capacity_mb = 8
min_free_mb = $MIN_FREE_MIB

EOF
    for n in $(seq 0 49); do
        printf '[[source]]\nid = "p%d"\nkind = "page"\nurl = "http://127.0.0.1:%s/p/%d.html"\ninterval = "1s"\n\n' "$n" "$port" "$n"
    done
} >"$cfg"

log=$work/daemon.log
start_daemon() {
    echo "=== $1 ($(date -u +%H:%M:%S))" >>"$log"
    CLAIMWATCH_LOG=info "$BIN" --config "$cfg" run >>"$log" 2>&1 &
    daemon_pid=$!
}
# Waits up to $1 ms for the daemon to exit; sets daemon_rc when it did.
daemon_rc=""
watch_daemon() {
    local until=$(( $(now_ms) + $1 ))
    daemon_rc=""
    while [ "$(now_ms)" -lt "$until" ]; do
        if ! kill -0 "$daemon_pid" 2>/dev/null; then
            local rc=0
            wait "$daemon_pid" || rc=$?
            daemon_rc=$rc
            daemon_pid=""
            return
        fi
        sleep 0.1
    done
}

echo "disk_full: ${SIZE_MIB} MiB tmpfs, filler ${filler_mib} MiB, site 127.0.0.1:$port, work $work"
start_daemon "start"
t0=$(now_ms)

# Phase 1: run until the filesystem is full, or the daemon paused its passes
# for lack of space (or 90 s). Then another writer takes what is left, so
# the disk is really full either way.
while [ "$(avail_kib)" -gt 64 ] && [ $(( $(now_ms) - t0 )) -lt 90000 ]; do
    watch_daemon 500
    [ -z "$daemon_rc" ] || break
    grep -q "low disk space" "$log" && break
done
grep -q "low disk space" "$log" && echo "phase 1: the daemon paused its passes at $(avail_kib) KiB free"
dd if=/dev/zero of="$mnt/filler2" bs=64k status=none 2>/dev/null || true
full_after=$(( ($(now_ms) - t0) / 1000 ))
echo "phase 1: filesystem at $(avail_kib) KiB free after ${full_after} s; alerts logged $(alerts_logged)"
[ -n "$daemon_rc" ] && echo "phase 1: the daemon exited with code $daemon_rc"

# Phase 2: 20 s with the disk full. If it exits, restart it like systemd
# (Restart=on-failure), at most three times, and record what happens.
restarts=0
full_rcs=()
t1=$(now_ms)
alerts_full_start=$(alerts_logged)
while [ $(( $(now_ms) - t1 )) -lt 20000 ]; do
    if [ -z "$daemon_pid" ]; then
        [ -n "$daemon_rc" ] && full_rcs+=("$daemon_rc")
        [ "$restarts" -ge 3 ] && break
        restarts=$(( restarts + 1 ))
        start_daemon "restart $restarts while full"
    fi
    watch_daemon 1000
done
[ -n "$daemon_rc" ] && full_rcs+=("$daemon_rc")
alive_full=$([ -n "$daemon_pid" ] && echo yes || echo no)
cpu_full=""
if [ -n "$daemon_pid" ]; then
    cpu_full=$(ps -o %cpu= -p "$daemon_pid" | tr -d ' ')
fi
echo "phase 2 (full, 20 s): alive $alive_full, exits ${full_rcs[*]:-none}, restarts $restarts, cpu ${cpu_full:-n/a}%," \
    "alerts logged while full $(( $(alerts_logged) - alerts_full_start )), free $(avail_kib) KiB"
echo "  distinct errors while full:"
grep -E 'ERROR|WARN|panicked|No space' "$log" | sed -E 's/^[0-9T:.Z-]+ +//; s/[0-9]{2,}/N/g' | sort | uniq -c | sort -rn | head -12 | sed 's/^/    /'
if grep -q panicked "$log"; then
    problem "a panic while the disk was full: $(grep -m1 panicked "$log")"
fi
if [ "${#full_rcs[@]}" -ge 2 ]; then
    problem "the daemon exited ${#full_rcs[@]} times while the disk was full (codes ${full_rcs[*]}): a restart loop"
fi

# Phase 3: space returns. The daemon (restarted once if it is not running)
# must write alerts again within 30 s.
rm -f "$mnt/filler" "$mnt/filler2"
echo "phase 3: filler deleted, $(avail_kib) KiB free"
if [ -z "$daemon_pid" ]; then
    start_daemon "restart after space returned"
    problem "the daemon was not running when space returned (needed a restart)"
fi
before=$(alerts_logged)
t2=$(now_ms)
recovered=""
while [ $(( $(now_ms) - t2 )) -lt 30000 ]; do
    watch_daemon 500
    if [ -n "$daemon_rc" ]; then
        problem "the daemon exited with code $daemon_rc after space returned"
        break
    fi
    if [ "$(alerts_logged)" -gt $(( before + 50 )) ]; then
        recovered=$(( ($(now_ms) - t2) / 1000 ))
        break
    fi
done
if [ -n "$recovered" ]; then
    echo "phase 3: recovered: new alerts written ${recovered} s after space returned"
else
    problem "no new alerts within 30 s after space returned (the daemon did not recover by itself)"
    echo "  last log lines:"; tail -n 3 "$log" | sed 's/^/    /'
    torn=$(python3 -c '
import json, sys
bad = 0
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    try:
        json.loads(line)
    except ValueError:
        bad += 1
        print("    torn line: " + line[:60].rstrip() + " ... " + line[-60:].rstrip())
' "$mnt/alerts.jsonl")
    [ -z "$torn" ] || echo "$torn"
    # Does a restart (what systemd would do if the daemon exited) recover?
    if [ -n "$daemon_pid" ]; then
        kill -TERM "$daemon_pid"; watch_daemon 15000
        echo "phase 3b: stopped with SIGTERM: exit code ${daemon_rc:-still running}"
        if [ -z "$daemon_rc" ]; then kill -KILL "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true; daemon_pid=""; fi
    fi
    start_daemon "restart after space returned"
    before=$(alerts_logged)
    t3=$(now_ms)
    while [ $(( $(now_ms) - t3 )) -lt 30000 ]; do
        watch_daemon 500
        [ -z "$daemon_rc" ] || break
        if [ "$(alerts_logged)" -gt $(( before + 50 )) ]; then
            echo "phase 3b: a restart recovers: new alerts $(( ($(now_ms) - t3) / 1000 )) s after it"
            break
        fi
    done
    [ -z "$daemon_rc" ] || problem "the restart after space returned exited with code $daemon_rc"
fi

# Phase 4: stop and check.
if [ -n "$daemon_pid" ]; then
    kill -TERM "$daemon_pid"
    watch_daemon 15000
    if [ -z "$daemon_rc" ]; then
        problem "still running 15 s after SIGTERM"
        kill -KILL "$daemon_pid"; wait "$daemon_pid" 2>/dev/null || true; daemon_pid=""
    elif [ "$daemon_rc" != 0 ]; then
        problem "exit code $daemon_rc after SIGTERM (want 0)"
    fi
fi
verify_out=$("$BIN" --config "$cfg" db verify 2>&1) && verify_rc=0 || verify_rc=$?
echo "db verify: $verify_out"
if [ "$verify_rc" != 0 ] || ! grep -q consistent <<<"$verify_out"; then
    problem "db verify: exit $verify_rc"
fi
python3 - "$mnt" <<'PY' || problem "alert log: duplicate or unreadable lines"
import glob, json, sys
seen, bad, dup = set(), 0, 0
for f in sorted(glob.glob(sys.argv[1] + "/alerts.jsonl*")):
    for line in open(f, encoding="utf-8"):
        if not line.strip():
            continue
        try:
            i = json.loads(line)["id"]
        except ValueError:
            bad += 1
            continue
        dup += i in seen
        seen.add(i)
print(f"alert log: {len(seen)} alerts, {dup} duplicate ids, {bad} unreadable lines")
sys.exit(1 if dup or bad else 0)
PY
ls "$mnt/state" | grep -q '^db.corrupt-' && problem "a corrupt database was moved aside: $(ls "$mnt/state" | grep corrupt)"

echo
echo "summary: problems ${#problems[@]}"
for p in "${problems[@]}"; do echo "  - $p"; done
[ "${#problems[@]}" = 0 ]
