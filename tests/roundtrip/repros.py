"""Minimal transcripts distilled from round-trip failures, with the turns a reader should return.

Each entry is ``(name, file_name, content, expected)`` with ``expected`` a list of
``(speaker, role, words)``. Run ``.venv/bin/python tests/roundtrip/repros.py`` to see which the
current readers get wrong; once fixed, they belong in the reader tests.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

_IR = [("I", "interviewer", "Hoe begon die casus?"), ("R", "respondent", "Via de wijkagent, eh, in maart.")]

REPROS: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    (
        "initials that are also function words (NB, WE, ER, AL, EH, HM, PS, BV, NA, 'NÖ' folds to 'no')",
        "initials.txt",
        "FV: Hoe begon die casus?\n\nNB: Via de wijkagent, eh, in maart.\n\nFV: En toen?\n\n"
        "NB: Toen belden we de GGD.\n",
        [("FV", "interviewer", "Hoe begon die casus?"), ("NB", "respondent", "Via de wijkagent, eh, in maart."),
         ("FV", "interviewer", "En toen?"), ("NB", "respondent", "Toen belden we de GGD.")],
    ),
    (
        "a capitalised phrase + colon + lower-case text opening two continuation paragraphs",
        "org_colon.txt",
        "I: Hoe begon die casus?\n\nR: Via de wijkagent, eh, in maart.\n\n"
        "Bureau Halt: die zaten er vanaf het begin bij.\n\nI: En toen?\n\nR: Toen belden we de GGD.\n\n"
        "Bureau Halt: daar had ik eigenlijk niks aan.\n\nI: Oké.\n",
        [("I", "interviewer", "Hoe begon die casus?"),
         ("R", "respondent", "Via de wijkagent, eh, in maart. Bureau Halt: die zaten er vanaf het begin bij."),
         ("I", "interviewer", "En toen?"),
         ("R", "respondent", "Toen belden we de GGD. Bureau Halt: daar had ik eigenlijk niks aan."),
         ("I", "interviewer", "Oké.")],
    ),
    (
        "the same in subtitles: a wrapped cue line that starts 'Amsterdam: daar ...' (twice)",
        "wrapped_colon.srt",
        "1\n00:00:01,000 --> 00:00:03,000\nI: Hoe begon die casus?\n\n"
        "2\n00:00:03,500 --> 00:00:07,000\nR: Dat was in maart. Politie\nAmsterdam: daar had ik niks aan.\n\n"
        "3\n00:00:07,500 --> 00:00:09,000\nI: En toen?\n\n"
        "4\n00:00:09,500 --> 00:00:13,000\nR: Toen belden we de GGD. Politie\nAmsterdam: die zaten er ook bij.\n\n",
        [("I", "interviewer", "Hoe begon die casus?"),
         ("R", "respondent", "Dat was in maart. Politie Amsterdam: daar had ik niks aan."),
         ("I", "interviewer", "En toen?"),
         ("R", "respondent", "Toen belden we de GGD. Politie Amsterdam: die zaten er ook bij.")],
    ),
    (
        "subtitles: an en dash inside a sentence that wrapping puts at the start of a line is a word",
        "dash.srt",
        "1\n00:00:01,000 --> 00:00:03,000\nInterviewer: Hoe begon die casus?\n\n"
        "2\n00:00:03,500 --> 00:00:08,000\nRespondent: We hadden – hoe zeg je dat\n– een soort doorbraakoverleg.\n\n",
        [("Interviewer", "interviewer", "Hoe begon die casus?"),
         ("Respondent", "respondent", "We hadden – hoe zeg je dat – een soort doorbraakoverleg.")],
    ),
    (
        "a third speaker who speaks once, named with a Dutch word (Els, Roos, Noor, Mark)",
        "one_off_name.txt",
        "Sanne: Hoe begon die casus?\n\nMark: Via de wijkagent, eh, in maart.\n\n"
        "Els: Ik zet de koffie hier even neer.\n\nSanne: En toen?\n\nMark: Toen belden we de GGD.\n",
        [("Sanne", "interviewer", "Hoe begon die casus?"), ("Mark", "respondent", "Via de wijkagent, eh, in maart."),
         ("Els", "other", "Ik zet de koffie hier even neer."), ("Sanne", "interviewer", "En toen?"),
         ("Mark", "respondent", "Toen belden we de GGD.")],
    ),
    (
        "labels alone on their line: a one-off speaker in that style",
        "own_line.txt",
        "Sanne\nHoe begon die casus?\n\nMark\nVia de wijkagent, eh, in maart.\n\nSanne\nEn toen?\n\n"
        "Mark\nToen belden we de GGD.\n\nNoor\nSorry dat ik stoor, je volgende afspraak is er al.\n\n"
        "Sanne\nOké. Wie had de lead?\n\nMark\nNiemand eigenlijk.\n",
        [("Sanne", "interviewer", "Hoe begon die casus?"), ("Mark", "respondent", "Via de wijkagent, eh, in maart."),
         ("Sanne", "interviewer", "En toen?"), ("Mark", "respondent", "Toen belden we de GGD."),
         ("Noor", "other", "Sorry dat ik stoor, je volgende afspraak is er al."),
         ("Sanne", "interviewer", "Oké. Wie had de lead?"), ("Mark", "respondent", "Niemand eigenlijk.")],
    ),
]


def check(reader) -> list[tuple[str, bool, list[tuple[str, str, str]]]]:
    """``(name, ok, got)`` per repro; ``ok`` when speakers, roles and words all match."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, file_name, content, expected in REPROS:
            path = Path(tmp) / file_name
            path.write_text(content, encoding="utf-8")
            doc = reader(path)
            got = [(t.speaker, t.role, " ".join(t.text.split())) for t in doc.turns]
            out.append((name, got == expected, got))
    return out


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from pipeline.ingest import read_transcript

    for name, ok, got in check(read_transcript):
        print(("ok   " if ok else "FAIL ") + name)
        if not ok:
            for turn in got:
                print("       read:", turn)
