#!/usr/bin/env bash
# The release reader against `less` on the same text, in a 120x40 pseudo-terminal, measured
# with ../shared/tools/tuiprobe.py: time to first screen, per-key latency (median, p95),
# bytes written per key and peak memory, side by side with the ratios briefing/less.
#
#   scripts/bench-vs-less.sh              # 5 runs of each probe
#   RUNS=9 scripts/bench-vs-less.sh       # more runs
#
# Environment: RUNS (default 5), TUIPROBE (default ../shared/tools/tuiprobe.py),
# BRIEFING_BIN (default: build and use target/release/briefing), OUT (where the JSON of every
# probe is kept, default target/bench-vs-less).
#
# The probes:
#   first screen   `briefing` on the bundled briefing vs `less` on its plain text
#                  (`briefing | cat`), until the last screen line is drawn;
#   j x50          one-line scrolls, and
#   PageDown x20   on a 1 MB synthetic briefing whose sections are merged by 16 (30-60 KB
#                  each: hundreds of screens, so every key moves the text; 3-10 claims a
#                  section as in synth; see scripts/long-sections.py), vs `less` on its
#                  plain text;
#   j x50 again    with every claim kept (about 100 a section): not a target, it shows what
#                  the side panes cost per key.
# The reader gets a --data-dir of its own (new for each run of this script) and quits with
# `g q` (back to the top first, as positions are kept), so every run starts at the top; less
# runs with LESSHISTFILE=- and no $LESS.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
TUIPROBE=${TUIPROBE:-../shared/tools/tuiprobe.py}
OUT=${OUT:-target/bench-vs-less}
SIZE=120x40
TARGET_DIR=${CARGO_TARGET_DIR:-target}

if [[ ! -f $TUIPROBE ]]; then
    echo "bench-vs-less: no $TUIPROBE (set TUIPROBE=path/to/tuiprobe.py)" >&2
    exit 2
fi
command -v less >/dev/null || { echo "bench-vs-less: less is not installed" >&2; exit 2; }
if ! python3 -c 'import importlib.metadata as m, sys; sys.exit(m.version("pyte") != "0.8.2")' \
    2>/dev/null; then
    echo "bench-vs-less: installing pyte==0.8.2" >&2
    python3 -m pip install --quiet 'pyte==0.8.2'
fi

if [[ -z ${BRIEFING_BIN:-} ]]; then
    cargo build --release --quiet --bin briefing
    BRIEFING_BIN=$TARGET_DIR/release/briefing
fi
DATA=target/bench-data
mkdir -p "$DATA" "$OUT"
if [[ ! -f $DATA/synth-1MB.toml ]]; then
    cargo run --quiet --release --example synth -- --size 1MB -o "$DATA/synth-1MB.toml.part"
    mv "$DATA/synth-1MB.toml.part" "$DATA/synth-1MB.toml"
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-vs-less.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# less's first prompt is the file name (as given) on the bottom line: what we wait for.
python3 scripts/long-sections.py "$DATA/synth-1MB.toml" "$WORK/long.toml"
python3 scripts/long-sections.py --all-claims "$DATA/synth-1MB.toml" "$WORK/long-claims.toml"
"$BRIEFING_BIN" check "$WORK/long.toml" "$WORK/long-claims.toml" >/dev/null
"$BRIEFING_BIN" >"$WORK/bundled.txt"
"$BRIEFING_BIN" "$WORK/long.toml" >"$WORK/long.txt"

# The last of the 40 screen lines: drawn last by both programs.
last_line() { printf '(?s)\\A(?:[^\\n]*\\n){39}[^\\n]*%s' "$1"; }

probe() { # NAME WAIT KEYS QUIT -- CMD...
    local name=$1 wait=$2 keys=$3 quit=$4
    shift 5
    local args=(run --size "$SIZE" --wait "$wait" --quit "$quit" --repeat "$RUNS" --json
        --env LESSHISTFILE=- --env LESS=)
    [[ -n $keys ]] && args+=(--keys "$keys")
    echo "bench-vs-less: $name ($RUNS runs)" >&2
    if ! python3 "$TUIPROBE" "${args[@]}" -- "$@" >"$OUT/$name.json"; then
        echo "bench-vs-less: probe $name failed, see $OUT/$name.json" >&2
        python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(next((r["error"] for r in d.get("runs", [d]) if not r["ok"]), d.get("error")))' \
            "$OUT/$name.json" >&2 || true
        exit 1
    fi
}

brief=("$BRIEFING_BIN" --data-dir "$WORK/data")
status='§1/'
probe first-briefing "$(last_line "$status")" "" q -- "${brief[@]}"
probe first-less "$(last_line 'bundled\.txt')" "" q -- less "$WORK/bundled.txt"
probe j-briefing "$(last_line "$status")" 'j*50' g,q -- "${brief[@]}" "$WORK/long.toml"
probe j-less "$(last_line 'long\.txt')" 'j*50' q -- less "$WORK/long.txt"
probe pgdn-briefing "$(last_line "$status")" 'PageDown*20' g,q -- \
    "${brief[@]}" "$WORK/long.toml"
probe pgdn-less "$(last_line 'long\.txt')" 'PageDown*20' q -- less "$WORK/long.txt"
# Not a target: the same j with every claim kept (about 100 a section), for the side panes.
probe j-briefing-claims "$(last_line "$status")" 'j*50' g,q -- \
    "${brief[@]}" "$WORK/long-claims.toml"

python3 - "$OUT" "$RUNS" <<'PY'
import json
import sys

out, runs = sys.argv[1], sys.argv[2]


def load(name):
    with open(f"{out}/{name}.json") as f:
        doc = json.load(f)
    return doc.get("aggregate", doc)


def get(d, *path):
    for p in path:
        if d is None:
            return None
        d = d.get(p)
    return d


def pooled(agg, field, stat):
    block = get(agg, field, "pooled")
    return block and block[stat]


agg = {n: load(n) for n in ["first-briefing", "first-less", "j-briefing", "j-less",
                            "pgdn-briefing", "pgdn-less", "j-briefing-claims"]}
for name, a in agg.items():
    lat = get(a, "key_latency_ms", "pooled")
    if lat is not None and lat["n"] and name.startswith(("j-", "pgdn-")):
        with open(f"{out}/{name}.json") as f:
            doc = json.load(f)
        silent = sum(get(r, "keys", "no_response") or 0 for r in doc["runs"])
        if silent:
            print(f"warning: {name}: {silent} keys drew nothing", file=sys.stderr)

rows = []  # (label, briefing, less, unit)


def row(label, b, l, unit, nd=2):
    rows.append((label, b, l, unit, nd))


row("first screen (bundled), median", get(agg["first-briefing"], "first_frame_ms", "median"),
    get(agg["first-less"], "first_frame_ms", "median"), "ms")
row("first screen bytes", get(agg["first-briefing"], "first_frame_bytes"),
    get(agg["first-less"], "first_frame_bytes"), "B", 0)
row("first screen peak RSS", get(agg["first-briefing"], "peak_rss_kb", "median"),
    get(agg["first-less"], "peak_rss_kb", "median"), "KiB", 0)
for key, name in [("j", "j"), ("PageDown", "pgdn")]:
    b, l = agg[f"{name}-briefing"], agg[f"{name}-less"]
    row(f"{key}: latency median", pooled(b, "key_latency_ms", "median"),
        pooled(l, "key_latency_ms", "median"), "ms", 3)
    row(f"{key}: latency p95", pooled(b, "key_latency_ms", "p95"),
        pooled(l, "key_latency_ms", "p95"), "ms", 3)
    row(f"{key}: bytes per key, median", pooled(b, "bytes_per_key", "median"),
        pooled(l, "bytes_per_key", "median"), "B", 0)
    row(f"{key}: peak RSS", get(b, "peak_rss_kb", "median"), get(l, "peak_rss_kb", "median"),
        "KiB", 0)
heavy = agg["j-briefing-claims"]
row("j, ~100 claims a section: median", pooled(heavy, "key_latency_ms", "median"),
    pooled(agg["j-less"], "key_latency_ms", "median"), "ms", 3)
row("j, ~100 claims a section: bytes", pooled(heavy, "bytes_per_key", "median"),
    pooled(agg["j-less"], "bytes_per_key", "median"), "B", 0)


def fmt(v, nd):
    return "-" if v is None else f"{v:,.{nd}f}"


def ratio(b, l):
    return b / l if b is not None and l else None


print(f"\nbriefing vs less, 120x40 pty, {runs} runs each (pooled over runs)")
print(f"{'':34} {'briefing':>11} {'less':>11} {'ratio':>8}")
for label, b, l, unit, nd in rows:
    r = ratio(b, l)
    print(f"{label + ' (' + unit + ')':34} {fmt(b, nd):>11} {fmt(l, nd):>11} "
          f"{'-' if r is None else f'{r:.2f}x':>8}")

first = ratio(get(agg["first-briefing"], "first_frame_ms", "median"),
              get(agg["first-less"], "first_frame_ms", "median"))
j_lat = ratio(pooled(agg["j-briefing"], "key_latency_ms", "median"),
              pooled(agg["j-less"], "key_latency_ms", "median"))
pg_lat = ratio(pooled(agg["pgdn-briefing"], "key_latency_ms", "median"),
               pooled(agg["pgdn-less"], "key_latency_ms", "median"))
j_bytes = pooled(agg["j-briefing"], "bytes_per_key", "median")
pane = pooled(agg["pgdn-briefing"], "bytes_per_key", "median")
screen = get(agg["first-briefing"], "first_frame_bytes")
less_j = pooled(agg["j-less"], "bytes_per_key", "median")


def verdict(label, ok, detail):
    print(f"  {'met   ' if ok else 'MISSED'}  {label}: {detail}")


print("\ntargets (issue 6):")
verdict("first screen <= 1.5x less", first is not None and first <= 1.5, f"{first:.2f}x")
verdict("j median latency <= 2x less", j_lat is not None and j_lat <= 2, f"{j_lat:.2f}x")
verdict("PageDown median latency <= 2x less", pg_lat is not None and pg_lat <= 2,
        f"{pg_lat:.2f}x")
verdict("bytes per j <= a repaint of the reading pane (PageDown's bytes), never the screen",
        j_bytes is not None and pane is not None and j_bytes <= pane and j_bytes < screen,
        f"{j_bytes:,.0f} B vs pane {pane:,.0f} B, whole first screen {screen:,.0f} B")
verdict("stretch: bytes per j <= 2x less", j_bytes is not None and j_bytes <= 2 * less_j,
        f"{j_bytes:,.0f} B vs less {less_j:,.0f} B = {j_bytes / less_j:.1f}x")
print(f"\n(JSON of every probe in {out}/)")
PY
