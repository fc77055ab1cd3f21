"""Sanity check for the development gold set (data/devgold).

Parses the transcripts the simple way (a header block, a blank line, then one
paragraph per speaker turn), checks that every gold row points at a Respondent
turn and names one of the 18 codes, and prints per-code counts.

Usage::

    .venv/bin/python data/devgold/check_gold.py            # check + counts
    .venv/bin/python data/devgold/check_gold.py --list dev03  # numbered turns

Exit status 0 when everything checks out, 1 when a problem was found.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRANSCRIPTS = HERE / "transcripts"
GOLD = HERE / "gold.csv"

CODES = (
    "stijl.casusgericht",
    "stijl.netwerkgericht",
    "proces.visie",
    "proces.partners_verkennen",
    "proces.gezamenlijk_plan",
    "proces.capaciteit",
    "proces.uitvoeren_bijstellen",
    "sturing.belangen",
    "vertrouwen.persoon",
    "vertrouwen.partners",
    "vertrouwen.wantrouwen_doelgroep",
    "werkwijze.instrumenten",
    "succes.ervaring",
    "succes.ondersteuning",
    "belemmering.bureaucratie",
    "belemmering.botsende_belangen",
    "belemmering.informatiedeling",
    "uitkomst.small_wins",
)

TURN = re.compile(r"^(Interviewer|Respondent): (\S.*)$", re.DOTALL)


def parse_transcript(path: Path) -> list[tuple[str, str]]:
    """Return the turns of one transcript.

    Parameters
    ----------
    path : Path
        A UTF-8 .txt file: header lines, a blank line, then paragraphs.

    Returns
    -------
    list of (speaker, text)
        One entry per turn, in document order; list index + 1 = turn_index.
    """
    text = path.read_text(encoding="utf-8")
    header, sep, body = text.partition("\n\n")
    if not sep or len(header.splitlines()) not in (2, 3):
        raise ValueError(f"{path.name}: header must be 2-3 lines followed by a blank line")
    turns = []
    for n, para in enumerate(body.strip().split("\n\n"), start=1):
        if "\n" in para:
            raise ValueError(f"{path.name}: paragraph {n} spans several lines")
        m = TURN.match(para)
        if not m:
            raise ValueError(f"{path.name}: paragraph {n} has no 'Interviewer:'/'Respondent:' label")
        turns.append((m.group(1), m.group(2)))
    return turns


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", metavar="DOC", help="print the numbered turns of one transcript")
    args = ap.parse_args(argv)

    docs = {p.stem: parse_transcript(p) for p in sorted(TRANSCRIPTS.glob("*.txt"))}
    if args.list:
        gold = {}
        if GOLD.exists():
            with GOLD.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    gold.setdefault((row["doc_id"], int(row["turn_index"])), []).append(row["code_id"])
        for i, (speaker, text) in enumerate(docs[args.list], start=1):
            codes = ", ".join(gold.get((args.list, i), []))
            print(f"[{i}] {speaker}: {text}\n     -> {codes}\n")
        return 0

    problems: list[str] = []
    with GOLD.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        if header != ["doc_id", "turn_index", "code_id"]:
            problems.append(f"gold.csv: bad header {header}")
        rows = [tuple(r) for r in reader]
    keys = [(d, int(t), c) for d, t, c in rows]
    if keys != sorted(keys):
        problems.append("gold.csv: rows are not sorted by doc_id, turn_index, code_id")
    if len(set(keys)) != len(keys):
        problems.append("gold.csv: duplicate rows")
    for line, (doc, turn, code) in enumerate(keys, start=2):
        if code not in CODES:
            problems.append(f"gold.csv:{line}: unknown code {code!r}")
        if doc not in docs:
            problems.append(f"gold.csv:{line}: unknown doc {doc!r}")
            continue
        if not 1 <= turn <= len(docs[doc]):
            problems.append(f"gold.csv:{line}: {doc} has no turn {turn}")
        elif docs[doc][turn - 1][0] != "Respondent":
            problems.append(f"gold.csv:{line}: {doc} turn {turn} is not a Respondent turn")

    coded_turns = {(d, t) for d, t, _ in keys}
    print(f"{'doc':6} {'words':>6} {'turns':>6} {'resp':>5} {'coded':>6} {'uncoded':>8} {'codes':>6}")
    tot = Counter()
    for doc, turns in docs.items():
        resp = [i for i, (s, _) in enumerate(turns, start=1) if s == "Respondent"]
        words = sum(len(t.split()) for _, t in turns)
        coded = sum((doc, i) in coded_turns for i in resp)
        n_codes = sum(d == doc for d, _, _ in keys)
        print(f"{doc:6} {words:6d} {len(turns):6d} {len(resp):5d} {coded:6d} {len(resp) - coded:8d} {n_codes:6d}")
        tot.update(words=words, resp=len(resp), coded=coded, codes=n_codes)
    print(f"{'total':6} {tot['words']:6d} {'':6} {tot['resp']:5d} {tot['coded']:6d} "
          f"{tot['resp'] - tot['coded']:8d} {tot['codes']:6d}")

    per_code = Counter(c for _, _, c in keys)
    print("\ncode_id                              n  docs")
    for code in CODES:
        n_docs = len({d for d, _, c in keys if c == code})
        flag = "  <-- fewer than 4" if per_code[code] < 4 else ""
        print(f"{code:35} {per_code[code]:3d} {n_docs:5d}{flag}")
        if per_code[code] < 4:
            problems.append(f"{code} occurs only {per_code[code]} times")
    per_turn = Counter(Counter((d, t) for d, t, _ in keys).values())
    per_turn[0] = tot["resp"] - tot["coded"]
    print("\ncodes per respondent turn: " + ", ".join(f"{k}: {per_turn[k]}" for k in sorted(per_turn)))

    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
