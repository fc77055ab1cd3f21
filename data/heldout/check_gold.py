"""Check the held-out gold set (stdlib only).

Run from anywhere: ``python3 check_gold.py``.  Verifies transcript format and turn
alternation, that every gold row points at a Respondent turn with a valid code id, sorting,
duplicates, the minimum count per code, styles.csv and identifiers.csv.  Prints per-code
and per-document counts.  Exit status 1 on any error.
"""

import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
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
MIN_PER_CODE = 4
errors = []


def err(msg):
    errors.append(msg)


def read_transcript(path):
    """Return list of (speaker, text) turns; turn_index = position + 1."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        err(f"{path.name}: not UTF-8 ({exc})")
        return []
    if "\r" in text:
        err(f"{path.name}: CR characters found, expected LF line endings")
    blocks = text.strip("\n").split("\n\n")
    header = blocks[0].split("\n")
    if len(header) not in (2, 3) or not any(h.startswith("Datum: ") for h in header) \
            or not any(h.startswith("Transcriptie: ") for h in header):
        err(f"{path.name}: header must be 2-3 lines incl. 'Datum: ' and 'Transcriptie: '")
    turns = []
    for n, block in enumerate(blocks[1:], start=1):
        if "\n" in block:
            err(f"{path.name}: turn {n} spans several lines")
        speaker, sep, body = block.partition(": ")
        if not sep or speaker not in ("Interviewer", "Respondent") or not body.strip():
            err(f"{path.name}: turn {n} does not start with 'Interviewer: ' or 'Respondent: '")
        expected = "Interviewer" if n % 2 == 1 else "Respondent"
        if speaker != expected:
            err(f"{path.name}: turn {n} is {speaker!r}, expected {expected!r} (strict alternation)")
        turns.append((speaker, body))
    return turns


def main():
    docs = {}
    for path in sorted((ROOT / "transcripts").glob("*.txt")):
        docs[path.stem] = read_transcript(path)
    if not docs:
        err("no transcripts found")

    with open(ROOT / "gold.csv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = list(reader)
    if header != ["doc_id", "turn_index", "code_id"]:
        err(f"gold.csv: header {header} != doc_id,turn_index,code_id")
    keys = []
    for lineno, row in enumerate(rows, start=2):
        if len(row) != 3:
            err(f"gold.csv:{lineno}: expected 3 fields, got {len(row)}")
            continue
        doc, idx, code = row
        if doc not in docs:
            err(f"gold.csv:{lineno}: unknown doc_id {doc!r}")
            continue
        if not idx.isdigit():
            err(f"gold.csv:{lineno}: turn_index {idx!r} is not a positive integer")
            continue
        i = int(idx)
        if not 1 <= i <= len(docs[doc]):
            err(f"gold.csv:{lineno}: turn_index {i} out of range for {doc}")
        elif docs[doc][i - 1][0] != "Respondent":
            err(f"gold.csv:{lineno}: {doc} turn {i} is an Interviewer turn")
        if code not in CODES:
            err(f"gold.csv:{lineno}: unknown code_id {code!r}")
        keys.append((doc, i, code))
    if keys != sorted(keys):
        err("gold.csv: rows are not sorted by doc_id, turn_index, code_id")
    if len(set(keys)) != len(keys):
        err("gold.csv: duplicate rows")

    counts = Counter(code for _, _, code in keys)
    for code in CODES:
        if counts[code] < MIN_PER_CODE:
            err(f"gold.csv: {code} occurs {counts[code]} times (< {MIN_PER_CODE})")

    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as fh:
        styles = list(csv.DictReader(fh))
    if [s["doc_id"] for s in styles] != sorted(docs):
        err("styles.csv: doc_ids do not match the transcripts (one row per doc, sorted)")
    for s in styles:
        if s["style"] not in STYLES:
            err(f"styles.csv: invalid style {s['style']!r} for {s['doc_id']}")

    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as fh:
        idents = list(csv.DictReader(fh))
    for lineno, r in enumerate(idents, start=2):
        if r["doc_id"] not in docs:
            err(f"identifiers.csv:{lineno}: unknown doc_id {r['doc_id']!r}")
            continue
        if r["type"] not in ID_TYPES:
            err(f"identifiers.csv:{lineno}: invalid type {r['type']!r}")
        body = "\n".join(t for _, t in docs[r["doc_id"]])
        if not re.search(r"(?<!\w)" + re.escape(r["identifier"]) + r"(?!\w)", body):
            err(f"identifiers.csv:{lineno}: {r['identifier']!r} not found in {r['doc_id']} turns")
    id_types = Counter(r["type"] for r in idents)

    # Report.
    doc_ids = sorted(docs)
    print(f"{'code_id':34} {'n':>3}  " + " ".join(f"{d:>5}" for d in doc_ids))
    for code in CODES:
        per_doc = [sum(1 for d, _, c in keys if d == doc and c == code) for doc in doc_ids]
        print(f"{code:34} {counts[code]:>3}  " + " ".join(f"{n:>5}" for n in per_doc))
    print(f"{'total':34} {len(keys):>3}")
    print()
    print(f"{'doc':5} {'words':>6} {'resp_turns':>10} {'coded':>6} {'uncoded':>8} {'codes/turn':>10}")
    for doc in doc_ids:
        turns = docs[doc]
        words = sum(len(t.split()) for _, t in turns) + sum(
            1 for _ in turns)  # speaker labels count as one word each, like `wc -w`
        resp = [i for i, (s, _) in enumerate(turns, start=1) if s == "Respondent"]
        coded = {i for d, i, _ in keys if d == doc}
        n_codes = sum(1 for d, _, _ in keys if d == doc)
        print(f"{doc:5} {words:>6} {len(resp):>10} {len(coded):>6} {len(resp) - len(coded):>8} "
              f"{n_codes / len(resp):>10.2f}")
    print()
    print("identifiers:", len(idents), dict(sorted(id_types.items())))
    print("styles:", {s["doc_id"]: s["style"] for s in styles})

    if errors:
        print(f"\n{len(errors)} error(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    print("\nOK")


if __name__ == "__main__":
    main()
