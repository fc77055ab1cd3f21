"""Build the held-out transcripts and gold.csv from the annotated sources.

Each ``src/testNN.ann.txt`` holds a three-line header, a blank line, then one paragraph per turn:
``I: text`` or ``R: text || code, code`` (codes may be empty). This script writes
``transcripts/testNN.txt`` (labels ``Interviewer:`` / ``Respondent:``, codes removed) and
``gold.csv`` (``doc_id,turn_index,code_id``, sorted), so that the text and the turn indices of the
gold can never drift apart.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LABELS = {"I": "Interviewer", "R": "Respondent"}


def parse(path: Path) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    blocks = [b.strip() for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    header = blocks[0].splitlines()
    turns = []
    for b in blocks[1:]:
        if "\n" in b:
            sys.exit(f"{path.name}: turn spans several lines: {b[:60]!r}")
        who, _, rest = b.partition(": ")
        if who not in LABELS:
            sys.exit(f"{path.name}: bad label in {b[:60]!r}")
        text, sep, codes = rest.partition(" ||")
        if who == "I" and sep:
            sys.exit(f"{path.name}: interviewer turn carries codes: {b[:60]!r}")
        if who == "R" and not sep:
            sys.exit(f"{path.name}: respondent turn without '||': {b[:60]!r}")
        ids = [c.strip() for c in codes.split(",") if c.strip()]
        turns.append((who, text.strip(), ids))
    return header, turns


def main() -> None:
    rows = []
    out_dir = ROOT / "transcripts"
    out_dir.mkdir(exist_ok=True)
    for src in sorted(HERE.glob("test*.ann.txt")):
        doc_id = src.name.split(".")[0]
        header, turns = parse(src)
        paras = ["\n".join(header)]
        for i, (who, text, ids) in enumerate(turns, start=1):
            expected = "I" if i % 2 else "R"
            if who != expected:
                sys.exit(f"{src.name}: turn {i} should be {expected}")
            paras.append(f"{LABELS[who]}: {text}")
            rows.extend((doc_id, i, c) for c in ids)
        out = out_dir / f"{doc_id}.txt"
        out.write_text("\n\n".join(paras) + "\n", encoding="utf-8", newline="\n")
        words = sum(len(t.split()) for _, t, _ in turns)
        n_resp = sum(1 for w, _, _ in turns if w == "R")
        print(f"{doc_id}: {len(out.read_text(encoding='utf-8').split())} words in file, "
              f"{words} in turns, {n_resp} respondent turns")
    rows.sort()
    with open(ROOT / "gold.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "code_id"])
        w.writerows(rows)
    print(f"gold.csv: {len(rows)} rows")


if __name__ == "__main__":
    main()
