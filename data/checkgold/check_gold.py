"""Consistency check for the held-out test gold set (stdlib only).

Run ``python check_gold.py`` in this folder. It verifies that

- every transcript has a header block, then one paragraph per turn, strictly alternating
  ``Interviewer:`` / ``Respondent:`` and starting with the interviewer;
- ``gold.csv`` has the header ``doc_id,turn_index,code_id``, is sorted, has no duplicates,
  uses only the 18 code ids, and every row points at a Respondent turn of an existing document;
- every code occurs at least ``MIN_PER_CODE`` times;
- ``styles.csv`` names every document once with a valid style;
- every identifier in ``identifiers.csv`` has a valid type and occurs verbatim in the turns of its
  document.

It prints per-code and per-document counts and exits with status 1 on any error.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CODES = (
    "stijl.casusgericht", "stijl.netwerkgericht",
    "proces.visie", "proces.partners_verkennen", "proces.gezamenlijk_plan",
    "proces.capaciteit", "proces.uitvoeren_bijstellen",
    "sturing.belangen",
    "vertrouwen.persoon", "vertrouwen.partners", "vertrouwen.wantrouwen_doelgroep",
    "werkwijze.instrumenten",
    "succes.ervaring", "succes.ondersteuning",
    "belemmering.bureaucratie", "belemmering.botsende_belangen", "belemmering.informatiedeling",
    "uitkomst.small_wins",
)
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
ID_TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD"}
LABELS = {"Interviewer": "interviewer", "Respondent": "respondent"}
MIN_PER_CODE = 4

errors: list[str] = []


def error(msg: str) -> None:
    errors.append(msg)


def read_turns(path: Path) -> list[tuple[str, str]]:
    """Return ``[(role, text), ...]``; turn_index = list index + 1."""
    text = path.read_text(encoding="utf-8")
    if "\r" in text:
        error(f"{path.name}: CR line endings")
    paras = [p for p in text.split("\n\n") if p.strip()]
    header, body = paras[0], paras[1:]
    if any(line.split(":")[0] in LABELS for line in header.splitlines()):
        error(f"{path.name}: header block contains a speaker label")
    if not any(line.startswith("Datum:") for line in header.splitlines()):
        error(f"{path.name}: header has no 'Datum:' line")
    turns = []
    for n, p in enumerate(body, start=1):
        if "\n" in p.strip():
            error(f"{path.name}: turn {n} spans several lines")
        label, sep, rest = p.partition(": ")
        if not sep or label not in LABELS:
            error(f"{path.name}: turn {n} has no valid speaker label: {p[:40]!r}")
            continue
        role = LABELS[label]
        expected = "interviewer" if n % 2 else "respondent"
        if role != expected:
            error(f"{path.name}: turn {n} is {role}, expected {expected} (turns must alternate)")
        turns.append((role, rest.strip()))
    return turns


def main() -> int:
    docs = {p.stem: read_turns(p) for p in sorted((HERE / "transcripts").glob("*.txt"))}
    if not docs:
        error("no transcripts found")

    with open(HERE / "gold.csv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        head = next(reader)
        rows = [tuple(r) for r in reader]
    if head != ["doc_id", "turn_index", "code_id"]:
        error(f"gold.csv: bad header {head}")
    keyed = []
    for i, r in enumerate(rows, start=2):
        if len(r) != 3:
            error(f"gold.csv line {i}: expected 3 fields, got {len(r)}")
            continue
        doc, idx, code = r
        if code not in CODES:
            error(f"gold.csv line {i}: unknown code_id {code!r}")
        if doc not in docs:
            error(f"gold.csv line {i}: unknown doc_id {doc!r}")
            continue
        if not idx.isdigit() or not 1 <= int(idx) <= len(docs[doc]):
            error(f"gold.csv line {i}: turn_index {idx!r} out of range for {doc}")
            continue
        if docs[doc][int(idx) - 1][0] != "respondent":
            error(f"gold.csv line {i}: {doc} turn {idx} is not a Respondent turn")
        keyed.append((doc, int(idx), code))
    if keyed != sorted(keyed):
        error("gold.csv: rows are not sorted by (doc_id, turn_index, code_id)")
    dup = [k for k, n in Counter(keyed).items() if n > 1]
    if dup:
        error(f"gold.csv: duplicate rows {dup}")

    counts = Counter(code for _, _, code in keyed)
    print(f"{'code_id':34} {'n':>3}  per doc")
    for code in CODES:
        per_doc = Counter(d for d, _, c in keyed if c == code)
        spread = " ".join(f"{d[-2:]}:{per_doc[d]}" for d in sorted(docs))
        print(f"{code:34} {counts[code]:>3}  {spread}")
        if counts[code] < MIN_PER_CODE:
            error(f"code {code} occurs {counts[code]} times (< {MIN_PER_CODE})")
    print(f"{'total':34} {len(keyed):>3}")

    print()
    coded_turns = {(d, i) for d, i, _ in keyed}
    for doc, turns in docs.items():
        resp = [i for i, (role, _) in enumerate(turns, start=1) if role == "respondent"]
        words = sum(len(t.split()) for _, t in turns)
        n_coded = sum(1 for i in resp if (doc, i) in coded_turns)
        print(f"{doc}: {len(turns)} turns, {len(resp)} respondent turns "
              f"({n_coded} coded, {len(resp) - n_coded} uncoded), {words} words in turns")

    with open(HERE / "styles.csv", encoding="utf-8", newline="") as fh:
        st = list(csv.DictReader(fh))
    seen = Counter(r["doc_id"] for r in st)
    for r in st:
        if r["style"] not in STYLES:
            error(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
    if set(seen) != set(docs) or any(n != 1 for n in seen.values()):
        error("styles.csv: must name every document exactly once")

    with open(HERE / "identifiers.csv", encoding="utf-8", newline="") as fh:
        ids = list(csv.DictReader(fh))
    for r in ids:
        if r["type"] not in ID_TYPES:
            error(f"identifiers.csv: bad type {r['type']!r} for {r['identifier']!r}")
        if r["doc_id"] not in docs:
            error(f"identifiers.csv: unknown doc_id {r['doc_id']!r}")
            continue
        body = "\n".join(t for _, t in docs[r["doc_id"]])
        if r["identifier"] not in body:
            error(f"identifiers.csv: {r['identifier']!r} does not occur in {r['doc_id']}")
    print(f"\nidentifiers: {len(ids)} ({', '.join(f'{k} {v}' for k, v in sorted(Counter(r['type'] for r in ids).items()))})")
    print("styles: " + ", ".join(f"{r['doc_id']}={r['style']}" for r in st))

    if errors:
        print("\nERRORS:", *errors, sep="\n  ")
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
