#!/usr/bin/env python3
"""Quality gates on the shared evaluation sets (standard library only).

Usage (from the crate root, as .ci/run calls it):

    python3 scripts/quality_gate.py claims SHARED_DIR BIN
    python3 scripts/quality_gate.py extraction SHARED_DIR BIN

claims      runs SHARED_DIR/claims-eval/evaluate.py --bin BIN --set SHARED_DIR/claims-eval/dev
            --json, prints the figures and fails when one misses its bar.
extraction  gunzips SHARED_DIR/extraction-bench/data/html/*.html.gz into a temporary folder,
            runs `cargo run --release --example extract_bench -- DIR OUT.jsonl` in the crate
            root, scores OUT.jsonl with SHARED_DIR/extraction-bench/evaluate.py and fails when
            F1 is below its bar. BIN is not used by this gate.

Bars (each overridable by the environment variable named, so a ratchet can be set):

    GATE_CLAIMS_F1          claims F1            >= 0.85
    GATE_CLAIMS_P           claims precision     >= 0.88
    GATE_CLAIMS_R           claims recall        >= 0.82
    GATE_CHANGE_RECALL      change recall        >= 0.85
    GATE_IDENTITY_ERRORS    identity errors      <= 2
    GATE_FALSE_ALARMS       false alarms         <= 0
    GATE_EXTRACT_F1         extraction F1        >= 0.95

A figure the scorer could not compute (for example identity errors on a set without quantity
ids) fails its bar. GATE_EVAL_TIMEOUT sets evaluate.py's per-call timeout (default 120 s);
CARGO names the cargo command (default `cargo`).

Exit status: 0 when every bar is met, 1 when a bar is missed, 2 on a usage or setup error
(missing scorer, scorer crash, unreadable report).
"""

import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile

CRATE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# (label, env var, default, direction, path into the report)
CLAIMS_BARS = [
    ("claims F1", "GATE_CLAIMS_F1", 0.85, "min", ("claims", "f1")),
    ("claims precision", "GATE_CLAIMS_P", 0.88, "min", ("claims", "precision")),
    ("claims recall", "GATE_CLAIMS_R", 0.82, "min", ("claims", "recall")),
    ("change recall", "GATE_CHANGE_RECALL", 0.85, "min", ("changes", "recall")),
    ("identity errors", "GATE_IDENTITY_ERRORS", 2, "max", ("changes", "identity_errors")),
    ("false alarms", "GATE_FALSE_ALARMS", 0, "max", ("changes", "false_alarms")),
]
EXTRACT_BARS = [
    ("extraction F1", "GATE_EXTRACT_F1", 0.95, "min", ("f1",)),
]


class SetupError(Exception):
    """The gate could not run (as opposed to a missed bar)."""


def bar_value(env, default):
    raw = os.environ.get(env)
    if raw is None or raw.strip() == "":
        return default
    try:
        return float(raw)
    except ValueError:
        raise SetupError("%s=%r is not a number" % (env, raw))


def dig(report, path):
    cur = report
    for key in path:
        if not isinstance(cur, dict) or key not in cur:
            return None
        cur = cur[key]
    return cur


def fmt(v):
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return "%.4f" % v
    return str(v)


def check_bars(report, bars):
    """Prints one line per bar; returns the number of bars missed."""
    missed = 0
    print("\nGATE")
    for label, env, default, direction, path in bars:
        bar = bar_value(env, default)
        value = dig(report, path)
        if value is None:
            ok = False
            note = "not measured"
        elif direction == "min":
            ok = value >= bar
            note = ">= %s" % fmt(bar)
        else:
            ok = value <= bar
            note = "<= %s" % fmt(bar)
        missed += not ok
        print("  %-4s %-17s %-8s (bar %s, %s)" % ("ok" if ok else "FAIL", label, fmt(value), note, env))
    print("gate: %s" % ("passed" if missed == 0 else "FAILED (%d bar(s) missed)" % missed))
    return missed


def run(cmd, cwd=None, timeout=None):
    print("$ " + " ".join(cmd), flush=True)
    try:
        return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout, check=False)
    except FileNotFoundError as e:
        raise SetupError("cannot run %s: %s" % (cmd[0], e))
    except subprocess.TimeoutExpired:
        raise SetupError("%s timed out after %s s" % (cmd[0], timeout))


def text(b):
    return b.decode("utf-8", "replace")


def print_claims_summary(r):
    c, ch = r.get("claims", {}), r.get("changes", {})
    print("set %s: %s documents" % (r.get("set"), r.get("documents")))
    for f in r.get("failures", []):
        print("  FAILURE %-8s %-8s %s" % (f.get("doc"), f.get("command"), f.get("error")))
    print("CLAIMS   precision %s  recall %s  F1 %s   (tp %s, fp %s, fn %s, %s predictions ignored)"
          % (fmt(c.get("precision")), fmt(c.get("recall")), fmt(c.get("f1")), c.get("tp"), c.get("fp"),
             c.get("fn"), c.get("ignored_predictions")))
    print("         qualifier accuracy on matched claims: %s (%s matched)"
          % (fmt(c.get("qualifier_accuracy")), c.get("qualifier_matched")))
    units = c.get("per_unit_recall", {})
    print("         recall per unit: " + ", ".join(
        "%s %s (%s)" % (u, fmt(v.get("recall")), v.get("gold")) for u, v in sorted(units.items())))
    print("CHANGES  recall %s (%s of %s gold pairs, %s diff runs)"
          % (fmt(ch.get("recall")), ch.get("recalled"), ch.get("gold_pairs"), ch.get("diff_runs")))
    print("         false alarms on no_change controls: %s of %s"
          % (ch.get("false_alarms"), ch.get("no_change_controls")))
    for x in ch.get("false_alarm_details", []):
        print("           " + x)
    print("         identity errors: %s (%s)" % (fmt(ch.get("identity_errors")), ch.get("identity_check")))
    for x in ch.get("identity_error_details", [])[:20]:
        print("           " + x)
    for x in ch.get("missed", []):
        print("         missed pair: " + x)
    fps = r.get("false_positives", [])
    if fps:
        print("         false positives (%d, first 15):" % len(fps))
        for doc, value, unit, sentence in fps[:15]:
            print("           %s %s %s | %s" % (doc, value, unit, sentence))
    t = r.get("timing", {})
    print("TIMING   %s s in the binary over %s calls" % (t.get("seconds_in_binary"), t.get("calls")))


def gate_claims(shared, binary):
    evaluate = os.path.join(shared, "claims-eval", "evaluate.py")
    setdir = os.path.join(shared, "claims-eval", "dev")
    if not os.path.isfile(evaluate):
        raise SetupError("no scorer at %s" % evaluate)
    if not any(ch.isspace() for ch in binary) and not os.path.exists(binary):
        print("warning: %s does not exist; every call will be listed as a failure" % binary)
    timeout = os.environ.get("GATE_EVAL_TIMEOUT", "120")
    cp = run([sys.executable, evaluate, "--bin", binary, "--set", setdir, "--json", "--timeout", timeout])
    out, err = text(cp.stdout), text(cp.stderr)
    if err.strip():
        sys.stderr.write(err)
    if cp.returncode != 0:
        sys.stdout.write(out)
        raise SetupError("claims scorer exited with status %d" % cp.returncode)
    report, summary = None, None
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("{") and report is None:
            try:
                report = json.loads(s)
            except json.JSONDecodeError as e:
                raise SetupError("cannot read the scorer's JSON report: %s" % e)
        elif s.startswith("claims_f1="):
            summary = s
    if report is None:
        sys.stdout.write(out)
        raise SetupError("the scorer printed no JSON report")
    print_claims_summary(report)
    if summary:
        print(summary)
    return check_bars(report, CLAIMS_BARS)


def gate_extraction(shared, _binary):
    bench = os.path.join(shared, "extraction-bench")
    evaluate = os.path.join(bench, "evaluate.py")
    html_dir = os.path.join(bench, "data", "html")
    if not os.path.isfile(evaluate) or not os.path.isdir(html_dir):
        raise SetupError("no scorer or pages under %s" % bench)
    cargo = os.environ.get("CARGO", "cargo")
    tmp = tempfile.mkdtemp(prefix="claimwatch-gate-")
    try:
        pages = os.path.join(tmp, "html")
        os.mkdir(pages)
        n = 0
        for name in sorted(os.listdir(html_dir)):
            if not name.endswith(".html.gz"):
                continue
            with gzip.open(os.path.join(html_dir, name), "rb") as src, \
                    open(os.path.join(pages, name[:-3]), "wb") as dst:
                shutil.copyfileobj(src, dst)
            n += 1
        if n == 0:
            raise SetupError("no .html.gz pages in %s" % html_dir)
        print("unpacked %d pages" % n)
        out_jsonl = os.path.join(tmp, "claimwatch.jsonl")
        cp = run([cargo, "run", "--quiet", "--release", "--example", "extract_bench", "--",
                  pages, out_jsonl], cwd=CRATE_ROOT)
        sys.stdout.write(text(cp.stdout))
        if cp.returncode != 0:
            sys.stderr.write(text(cp.stderr))
            raise SetupError("extract_bench exited with status %d" % cp.returncode)
        metrics_path = os.path.join(tmp, "metrics.json")
        cp = run([sys.executable, evaluate, out_jsonl, "--json", metrics_path])
        sys.stdout.write(text(cp.stdout))
        sys.stderr.write(text(cp.stderr))
        if cp.returncode != 0:
            raise SetupError("extraction scorer exited with status %d" % cp.returncode)
        try:
            with open(metrics_path, encoding="utf-8") as fh:
                metrics = json.load(fh)
        except (OSError, json.JSONDecodeError) as e:
            raise SetupError("cannot read %s: %s" % (metrics_path, e))
        return check_bars(metrics, EXTRACT_BARS)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    gates = {"claims": gate_claims, "extraction": gate_extraction}
    if len(argv) != 3 or argv[0] not in gates:
        sys.stderr.write(__doc__)
        return 2
    which, shared, binary = argv
    shared = os.path.abspath(shared)
    try:
        for _, env, default, _, _ in CLAIMS_BARS if which == "claims" else EXTRACT_BARS:
            bar_value(env, default)
        missed = gates[which](shared, binary)
    except SetupError as e:
        print("gate %s: error: %s" % (which, e))
        return 2
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
