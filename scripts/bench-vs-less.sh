#!/usr/bin/env bash
# The release reader against `less` on the same text, in a 120x40 pseudo-terminal, measured
# with ../shared/tools/tuiprobe.py: time to first screen, per-key latency (median, p95),
# bytes written per key and peak memory, side by side with the ratios briefing/less.
#
#   scripts/bench-vs-less.sh              # 7 rounds: one run of each probe a round
#   RUNS=11 scripts/bench-vs-less.sh      # more rounds
#
# Each round runs the reader and `less` back to back on each probe, which goes first
# alternating, so the machine's drift falls on both alike; latencies are pooled over the rounds
# and the ratio of each round is printed too, to show the noise.
#
# Environment: RUNS (default 7), TUIPROBE (default ../shared/tools/tuiprobe.py),
# BRIEFING_BIN (default: build and use target/release/briefing), OUT (where the JSON of every
# probe is kept, default target/bench-vs-less).
#
# The probes:
#   first screen   `briefing` on the bundled briefing vs `less` on its plain text
#                  (`briefing | cat`), until the last screen line is drawn (three launches
#                  of each a round); also, not a target, `briefing briefings/china-ai.toml`,
#                  the same briefing parsed and checked at start;
#   j x50          one-line scrolls, and
#   PageDown x20   on a 1 MB synthetic briefing whose sections are merged by 16 (30-60 KB
#                  each: hundreds of screens, so every key moves the text; 3-10 claims a
#                  section as in synth; see scripts/long-sections.py), vs `less` on its
#                  plain text;
#   j x50 again    with every claim kept (about 100 a section): not a target, it shows what
#                  the side panes cost per key;
#   j x50 at 80x24 the narrow layout, where the text's rows span the screen and the terminal
#                  scrolls them (the stretch target on bytes is reachable there; at 120x40
#                  the side panes share the text's rows, and only DECSLRM margins, which
#                  pyte and many terminals lack, could scroll the text alone).
# The reader gets a data folder of its own (XDG_DATA_HOME, new for each run of this script:
# the first screen runs `briefing` with no arguments, as a user starts it) and quits with
# `g q` (back to the top first, as positions are kept), so every run starts at the top; less
# runs with LESSHISTFILE=- and no $LESS.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-7}
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

probe() { # NAME ROUND WAIT KEYS QUIT -- CMD...   one run, its JSON in $OUT/NAME.ROUND.json
    local name=$1 round=$2 wait=$3 keys=$4 quit=$5
    shift 6
    local args=(run --size "${PROBE_SIZE:-$SIZE}" --wait "$wait" --quit "$quit" --json
        --repeat "${PROBE_REPEAT:-1}"
        --env LESSHISTFILE=- --env LESS= --env XDG_DATA_HOME="$WORK/data")
    [[ -n $keys ]] && args+=(--keys "$keys")
    local json=$OUT/$name.$round.json
    if ! python3 "$TUIPROBE" "${args[@]}" -- "$@" >"$json"; then
        echo "bench-vs-less: probe $name failed, see $json" >&2
        python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(next((r["error"] for r in d.get("runs", [d]) if not r["ok"]), d.get("error")))' \
            "$json" >&2 || true
        exit 1
    fi
}

brief=("$BRIEFING_BIN")
status='§1/'
# Each pair runs back to back, round after round, the one going first alternating: drift in
# the machine's speed falls on both alike.
pair() { # ROUND NAME-A ARGS-A... -- NAME-B ARGS-B...   (each: WAIT KEYS QUIT CMD...)
    local round=$1
    shift
    local a=() b=() in_b=
    for arg in "$@"; do
        if [[ $arg == --- ]]; then in_b=1; elif [[ -n $in_b ]]; then b+=("$arg"); else a+=("$arg"); fi
    done
    if ((round % 2)); then
        probe "${a[0]}" "$round" "${a[@]:1:3}" -- "${a[@]:4}"
        probe "${b[0]}" "$round" "${b[@]:1:3}" -- "${b[@]:4}"
    else
        probe "${b[0]}" "$round" "${b[@]:1:3}" -- "${b[@]:4}"
        probe "${a[0]}" "$round" "${a[@]:1:3}" -- "${a[@]:4}"
    fi
}
rm -f "$OUT"/*.json
for ((round = 1; round <= RUNS; round++)); do
    echo "bench-vs-less: round $round of $RUNS" >&2
    # Three launches of each a round: a first screen is one sample a launch, keys are 50.
    PROBE_REPEAT=3 pair "$round" first-briefing "$(last_line "$status")" "" q "${brief[@]}" --- \
        first-less "$(last_line 'bundled\.txt')" "" q less "$WORK/bundled.txt"
    # Not a target: the same briefing from its file, parsed and checked at start (the
    # bundled one was checked when the binary was built).
    PROBE_REPEAT=3 probe first-file "$round" "$(last_line "$status")" "" g,q -- \
        "${brief[@]}" briefings/china-ai.toml
    pair "$round" j-briefing "$(last_line "$status")" 'j*50' g,q "${brief[@]}" "$WORK/long.toml" --- \
        j-less "$(last_line 'long\.txt')" 'j*50' q less "$WORK/long.txt"
    pair "$round" pgdn-briefing "$(last_line "$status")" 'PageDown*20' g,q \
        "${brief[@]}" "$WORK/long.toml" --- \
        pgdn-less "$(last_line 'long\.txt')" 'PageDown*20' q less "$WORK/long.txt"
    # Not a target: the same j with every claim kept (about 100 a section), for the side panes.
    probe j-briefing-claims "$round" "$(last_line "$status")" 'j*50' g,q -- \
        "${brief[@]}" "$WORK/long-claims.toml"
    # At 80x24 the side panes go below the text, whose rows then span the screen: the
    # terminal scrolls them (DECSTBM), as less does.
    PROBE_SIZE=80x24 pair "$round" j80-briefing "$status" 'j*50' g,q \
        "${brief[@]}" "$WORK/long.toml" --- j80-less 'long\.txt' 'j*50' q less "$WORK/long.txt"
done

python3 - "$OUT" "$RUNS" <<'PY'
import json
import sys

out, runs = sys.argv[1], sys.argv[2]


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return None if n == 0 else (xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2)


def p95(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(0.95 * len(xs)))] if xs else None


def load(name):
    """The runs of one probe, one JSON per round, pooled as tuiprobe's own aggregate is."""
    docs = []
    for round in range(1, int(runs) + 1):
        with open(f"{out}/{name}.{round}.json") as f:
            docs.append(json.load(f))
    runs_ = [r for d in docs for r in d.get("runs", [d])]
    events = [e for r in runs_ for e in (r.get("keys") or {}).get("events", [])]
    latencies = [e["latency_ms"] for e in events if e.get("latency_ms") is not None]
    key_bytes = [e["bytes"] for e in events if e.get("latency_ms") is not None]
    silent = sum((r.get("keys") or {}).get("no_response") or 0 for r in runs_)
    if silent:
        print(f"warning: {name}: {silent} keys drew nothing", file=sys.stderr)
    firsts = [r["first_frame"]["ms"] for r in runs_]
    return {
        "first_frame_ms": {"median": median(firsts), "values": firsts},
        "first_frame_bytes": median([r["first_frame"]["bytes"] for r in runs_]),
        "peak_rss_kb": {"median": median([r["rss"]["peak_kb"] for r in runs_])},
        "key_latency_ms": {"pooled": {"median": median(latencies), "p95": p95(latencies)}},
        "bytes_per_key": {"pooled": {"median": median(key_bytes)}},
    }


def get(d, *path):
    for p in path:
        if d is None:
            return None
        d = d.get(p)
    return d


def pooled(agg, field, stat):
    block = get(agg, field, "pooled")
    return block and block[stat]


agg = {n: load(n) for n in ["first-briefing", "first-less", "first-file", "j-briefing", "j-less",
                            "pgdn-briefing", "pgdn-less", "j-briefing-claims",
                            "j80-briefing", "j80-less"]}
rows = []  # (label, briefing, less, unit)


def row(label, b, l, unit, nd=2):
    rows.append((label, b, l, unit, nd))


row("first screen (bundled), median", get(agg["first-briefing"], "first_frame_ms", "median"),
    get(agg["first-less"], "first_frame_ms", "median"), "ms")
row("first screen, from its file", get(agg["first-file"], "first_frame_ms", "median"),
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
narrow_b, narrow_l = agg["j80-briefing"], agg["j80-less"]
row("j at 80x24: latency median", pooled(narrow_b, "key_latency_ms", "median"),
    pooled(narrow_l, "key_latency_ms", "median"), "ms", 3)
row("j at 80x24: bytes per key, median", pooled(narrow_b, "bytes_per_key", "median"),
    pooled(narrow_l, "bytes_per_key", "median"), "B", 0)


def fmt(v, nd):
    return "-" if v is None else f"{v:,.{nd}f}"


def ratio(b, l):
    return b / l if b is not None and l else None


print(f"\nbriefing vs less, 120x40 pty, {runs} rounds (each pair back to back, pooled)")
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
j80_b = pooled(narrow_b, "bytes_per_key", "median")
j80_l = pooled(narrow_l, "bytes_per_key", "median")
verdict("stretch at 80x24 (text rows span the screen): bytes per j <= 2x less",
        j80_b is not None and j80_b <= 2 * j80_l,
        f"{j80_b:,.0f} B vs less {j80_l:,.0f} B = {j80_b / j80_l:.1f}x")


def round_ratios(b_name, l_name, pick):
    """Each round's ratio of the medians of its launches."""
    ratios = []
    for round in range(1, int(runs) + 1):
        with open(f"{out}/{b_name}.{round}.json") as f:
            b = json.load(f)
            b = median([pick(r) for r in b.get("runs", [b])])
        with open(f"{out}/{l_name}.{round}.json") as f:
            l = json.load(f)
            l = median([pick(r) for r in l.get("runs", [l])])
        ratios.append(b / l if b and l else float("nan"))
    return " ".join(f"{r:.2f}" for r in ratios)


print("\nratio briefing/less in each round (the noise):")
print("  first screen  ", round_ratios("first-briefing", "first-less", lambda r: r["first_frame"]["ms"]))
for key, name in [("j", "j"), ("PageDown", "pgdn"), ("j at 80x24", "j80")]:
    print(f"  {key + ' median':<14}", round_ratios(f"{name}-briefing", f"{name}-less",
                                                   lambda r: r["keys"]["latency_ms"]["median"]))
print(f"\n(JSON of every probe in {out}/)")
PY
