"""Build the held-out transcripts, gold.csv and identifiers.csv from the annotated sources.

Source format (``src/hoNN.ann.txt``), UTF-8:

* lines 1-3: header (title, ``Datum: ...``, ``Transcriptie: ...``), then a blank line;
* then one paragraph per speaker turn, separated by blank lines, starting with
  ``Interviewer:`` or ``Respondent:``;
* every Respondent paragraph ends in ``|| code, code`` (or a bare ``||`` for no code);
* identifying details are marked inline as ``[[text|TYPE]]``.

The build strips annotations and markup, so the transcript text, the turn indices in
``gold.csv`` and the identifier list cannot drift apart.  Run: ``python3 src/build.py``.
"""

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD"}


def parse(path):
    """Return (header_lines, turns, identifiers) for one annotated source.

    turns: list of (speaker, text, codes) with codes a list of str (respondent only).
    identifiers: list of (identifier, type) in order of first appearance, deduplicated.
    """
    raw = path.read_text(encoding="utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", raw.strip())]
    header = blocks[0].splitlines()
    turns, idents = [], []
    for block in blocks[1:]:
        para = " ".join(line.strip() for line in block.splitlines())
        speaker, _, rest = para.partition(": ")
        codes = []
        if speaker == "Respondent":
            if "||" not in rest:
                sys.exit(f"{path.name}: respondent turn without '||': {rest[:60]}")
            rest, _, code_part = rest.rpartition("||")
            codes = [c.strip() for c in code_part.split(",") if c.strip()]
        elif "||" in rest:
            sys.exit(f"{path.name}: interviewer turn with codes: {rest[:60]}")
        for m in MARK.finditer(rest):
            if m.group(2) not in TYPES:
                sys.exit(f"{path.name}: unknown identifier type {m.group(2)}")
            pair = (m.group(1), m.group(2))
            if pair not in idents:
                idents.append(pair)
        text = MARK.sub(lambda m: m.group(1), rest).strip()
        if "[[" in text or "]]" in text:
            sys.exit(f"{path.name}: broken markup near: {text[:80]}")
        turns.append((speaker, text, codes))
    return header, turns, idents


def main():
    gold, ident_rows = [], []
    for src in sorted(HERE.glob("ho*.ann.txt")):
        doc_id = src.name.split(".")[0]
        header, turns, idents = parse(src)
        out = "\n".join(header) + "\n\n"
        out += "\n\n".join(f"{speaker}: {text}" for speaker, text, _ in turns) + "\n"
        (ROOT / "transcripts" / f"{doc_id}.txt").write_text(out, encoding="utf-8")
        for i, (_, _, codes) in enumerate(turns, start=1):
            for code in codes:
                gold.append((doc_id, i, code))
        ident_rows += [(doc_id, ident, typ) for ident, typ in idents]
    gold = sorted(set(gold))
    with open(ROOT / "gold.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "code_id"])
        w.writerows(gold)
    with open(ROOT / "identifiers.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(sorted(ident_rows))
    print(f"{len(gold)} gold rows, {len(ident_rows)} identifiers")


if __name__ == "__main__":
    main()
