"""Sanity checks of the built sample study: formats open, words survive, scans agree with the intent.

Run from the project root: ``.venv/bin/python data/sample/build/check_sample.py``. Independent of
the pipeline's own readers on purpose (it uses python-docx, webvtt-py and openpyxl directly), so it
checks the files, not the code under test.
"""
from __future__ import annotations

import csv
import re
import statistics
import sys
from pathlib import Path

import docx
import openpyxl
import webvtt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_sample import COMPETENCES, SAMPLE, SCORES, SCANS, TRANSCRIPTS, read_source  # noqa: E402

LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(Interviewer|Fatima|Respondent|I|R|INT|R6|Spreker [12]):"
                   r"(?: \(\d\d:\d\d:\d\d\))?\s*")


def words_docx(path: Path, skip: int) -> list[str]:
    paragraphs = [p.text for p in docx.Document(path).paragraphs][skip:]
    return " ".join(LABEL.sub("", p) for p in paragraphs).split()


def words_txt(path: Path, encoding: str, newline: str) -> list[str]:
    raw = path.read_bytes()
    text = raw.decode(encoding)
    assert newline in text and (newline == "\r\n" or "\r" not in text), path
    body = text.split(newline + newline, 1)[1]  # header block ends at the first blank line
    return " ".join(LABEL.sub("", line) for line in body.splitlines()).split()


def words_cues(path: Path) -> list[str]:
    captions = webvtt.read(str(path)) if path.suffix == ".vtt" else webvtt.from_srt(str(path))
    return " ".join(LABEL.sub("", c.text.replace("\n", " ")) for c in captions).split()


def normalise(words: list[str]) -> list[str]:
    return [w.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'") for w in words]


def main() -> None:
    readers = {
        "R01.docx": lambda p: words_docx(p, 4),
        "R02.txt": lambda p: words_txt(p, "cp1252", "\r\n"),
        "R03.vtt": words_cues,
        "R04.docx": lambda p: words_docx(p, 2),
        "R05.srt": words_cues,
        "R06.txt": lambda p: words_txt(p, "utf-8", "\n"),
    }
    print(f"{'file':10s} {'words':>6s} {'resp.':>6s} {'int.':>5s}")
    for name, read in readers.items():
        turns = read_source(name.split(".")[0])
        expected = " ".join(t.text for t in turns).split()
        got = normalise(read(TRANSCRIPTS / name))
        assert got == normalise(expected), f"{name}: words differ from the source"
        resp = sum(len(t.text.split()) for t in turns if t.role == "R")
        print(f"{name:10s} {len(got):6d} {resp:6d} {len(got) - resp:5d}")
        assert 1700 <= len(got) <= 2200, name

    wb = openpyxl.load_workbook(SCANS / "competentiescan.xlsx")
    rows = list(wb["Scan"].iter_rows(values_only=True))
    assert rows[0][0] == "Respondent" and len(rows) == 5
    assert sum(v is None for r in rows[1:] for v in r) == 1
    for name in ("scan_R05.docx", "scan_R06.docx"):
        table = docx.Document(SCANS / name).tables[0]
        assert len(table.rows) == len(COMPETENCES) + 1, name

    means = {c: statistics.mean(s[i] for s in SCORES.values() if s[i] is not None)
             for i, c in enumerate(COMPETENCES)}
    ranked = sorted(means.items(), key=lambda kv: -kv[1])
    print("means:", ", ".join(f"{c} {m:.3f}" for c, m in ranked))
    assert ranked[0][0] == "oordeelsvorming" and ranked[0][1] > ranked[1][1]
    assert ranked[-1][0] == "onderhandelen" and ranked[-1][1] < ranked[-2][1]

    with (SAMPLE / "respondents.csv").open(encoding="utf-8") as fh:
        ids = [row["doc_id"] for row in csv.DictReader(fh)]
    assert ids == [n.split(".")[0] for n in readers], ids
    print("all checks passed")


if __name__ == "__main__":
    main()
