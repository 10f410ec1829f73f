#!/usr/bin/env python3
"""Merge every K consecutive sections of a briefing into one, for key-latency benchmarks.

usage: long-sections.py IN.toml OUT.toml [--merge K] [--all-claims]

`examples/synth` makes sections of 2-4 KB: about 60 lines in the 120x40 reader, so 50 `j`
or 20 `PageDown` reach the end of the section and the later keys draw nothing. Merged by 16
(the default) a section is 30-60 KB, several hundred screens of text, and every key moves.

By default a merged section keeps only the claims of its first original section (3-10, as
in synth), so the side panes hold what they hold in an ordinary briefing; counterpoints and
factors lose the claims that went. `--all-claims` keeps every claim (about 100 a section),
which measures the side panes rather than the text. Kept claims keep their quotes (the
merged body holds every original paragraph), and the briefing gets its own id, so reading
positions saved for the original do not apply. Needs Python 3.11+ (tomllib).
"""

import argparse
import json
import sys
import tomllib


def string(value: str) -> str:
    # A JSON string without ASCII escaping is a valid TOML basic string: the escapes it uses
    # (\" \\ \b \f \n \r \t \uXXXX) are TOML's too.
    return json.dumps(value, ensure_ascii=False)


def value(v) -> str:
    if isinstance(v, str):
        return string(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    raise TypeError(f"unexpected value {v!r}")


def table(out: list[str], header: str, fields: dict) -> None:
    out.append("")
    out.append(header)
    for k, v in fields.items():
        out.append(f"{k} = {value(v)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--merge", type=int, default=16, metavar="K")
    parser.add_argument("--all-claims", action="store_true")
    args = parser.parse_args()
    with open(args.input, "rb") as f:
        doc = tomllib.load(f)

    sections = doc.get("section", [])
    merged = []
    rename = {}
    firsts = set()
    for start in range(0, len(sections), args.merge):
        group = sections[start : start + args.merge]
        first = group[0]
        firsts.add(first["id"])
        for s in group:
            rename[s["id"]] = first["id"]
        body = "\n\n".join(s["body"].strip("\n") for s in group)
        merged.append({"id": first["id"], "title": first["title"], "body": body})

    meta = dict(doc["briefing"])
    meta["id"] = meta["id"] + f"-long{args.merge}"
    meta["title"] = meta["title"] + f" (sections merged by {args.merge})"

    out = ["# Made by scripts/long-sections.py from " + args.input, f"format = {doc['format']}"]
    table(out, "[briefing]", meta)
    for s in merged:
        table(out, "[[section]]", s)
    kept = set()
    for c in doc.get("claim", []):
        if not args.all_claims and c["section"] not in firsts:
            continue
        kept.add(c["id"])
        c = dict(c)
        c["section"] = rename[c["section"]]
        table(out, "[[claim]]", c)
    for cp in doc.get("counterpoint", []):
        cp = dict(cp)
        cp["claims"] = [c for c in cp["claims"] if c in kept]
        if cp["claims"]:
            table(out, "[[counterpoint]]", cp)
    for fa in doc.get("factor", []):
        fa = dict(fa)
        if "sections" in fa:
            fa["sections"] = list(dict.fromkeys(rename[s] for s in fa["sections"]))
        if "claims" in fa:
            fa["claims"] = [c for c in fa["claims"] if c in kept]
        table(out, "[[factor]]", fa)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
