"""Property-based fuzzing of the readers (hypothesis).

- Random bytes under every transcript suffix, and byte-level mutations of a valid .docx, give a
  Document or an InputError naming the file — never another exception.
- Random transcripts with random speaker labels, written as .txt (four encodings), .md, .docx,
  .vtt and .srt, come back with every word of the spoken text, in order, and with the labels
  as speakers: no text lost, none duplicated.
- Random bytes, mutated workbooks and random grids as competence scans give problems, never an
  exception.

Examples are bounded (``max_examples``) so the file runs in well under a minute;
set ``REGIE_FUZZ_SCALE`` to multiply them.
"""
from __future__ import annotations

import io
import os
import random
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from pipeline import columns
from pipeline.config import StudyConfig
from pipeline.errors import InputError
from pipeline.ingest import TRANSCRIPT_SUFFIXES, read_transcript
from pipeline.scans import read_scans

BROKEN = Path(__file__).parent / "fixtures" / "broken"
VALID_DOCX = (BROKEN / "duplicate" / "R01.docx").read_bytes()
VALID_XLSX = (BROKEN / "scans" / "merged_header.xlsx").read_bytes()
COMPETENCES = BROKEN / "competences.yaml"

#: ``REGIE_FUZZ_SCALE=20 pytest tests/test_fuzz.py`` fuzzes 20 times longer (for bug hunting).
SCALE = max(1, int(os.environ.get("REGIE_FUZZ_SCALE", "1")))


def fuzz(max_examples: int) -> settings:
    # tmp_path is shared by the examples of one test; each example overwrites its one file.
    return settings(max_examples=max_examples * SCALE, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


def read_or_input_error(path: Path):
    """The Document, or None after checking that the InputError names the file."""
    try:
        doc = read_transcript(path)
    except InputError as exc:
        assert exc.path == str(path)
        assert str(exc).startswith(path.name), str(exc)
        assert exc.message.strip()
        return None
    assert doc.turns, "a Document without turns should have been an InputError"
    assert all(t.role in columns.ROLES and t.text.strip() for t in doc.turns)
    return doc


# --------------------------------------------------------------------------------------------
# Random bytes → Document or InputError

PREFIXES = [b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
            b"%PDF-1.7\n", b"\x89PNG\r\n\x1a\n", b"WEBVTT\n\n", b"1\n00:00:01,000 --> 00:00:02,000\n",
            b"00:00:01.000 --> 00:00:02.000\n<v Jansen, P. (Actiecentrum)>", b"Interviewer: ",
            "Interviewer: ".encode("utf-16-le"), b"**I:** ", b"---\ntitel: x\n---\n"]


@fuzz(200)
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=800),
       suffix=st.sampled_from(TRANSCRIPT_SUFFIXES))
@example(prefix=b"", data=b"", suffix=".docx")
@example(prefix=b"\xff\xfe", data=b"\x00", suffix=".txt")
def test_random_bytes_give_a_document_or_an_input_error(tmp_path, prefix, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(prefix + data)
    read_or_input_error(path)
    assert path.read_bytes() == prefix + data


# --------------------------------------------------------------------------------------------
# Mutations of a valid .docx → Document or InputError


def _member_data_offset(data: bytes, name: str) -> int:
    """Where a zip member's compressed bytes start."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        header = zf.getinfo(name).header_offset
    return header + 30 + int.from_bytes(data[header + 26:header + 28], "little") + \
        int.from_bytes(data[header + 28:header + 30], "little")


def _zip_version_flip(data: bytes) -> tuple[int, int]:
    """The flip that makes the first central-directory entry ask for zip version 8.4, which
    zipfile refuses with NotImplementedError (found by the fuzzer in session 21)."""
    entry = data.index(b"PK\x01\x02")
    return entry + 6, data[entry + 6] ^ 84


@fuzz(150)
@given(flips=st.lists(st.tuples(st.integers(0, len(VALID_DOCX) - 1), st.integers(1, 255)),
                      min_size=1, max_size=8),
       cut=st.one_of(st.none(), st.integers(0, len(VALID_DOCX))))
# A flipped bit in deflated _rels/.rels: zlib.error while decompressing.
@example(flips=[(_member_data_offset(VALID_DOCX, "_rels/.rels") + 93, 1)], cut=None)
@example(flips=[_zip_version_flip(VALID_DOCX)], cut=None)
def test_flipped_bytes_in_a_docx_give_a_document_or_an_input_error(tmp_path, flips, cut):
    data = bytearray(VALID_DOCX)
    for index, mask in flips:
        data[index] ^= mask
    path = tmp_path / "R01.docx"
    path.write_bytes(bytes(data[:cut] if cut is not None else data))
    read_or_input_error(path)


def _rezip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


with zipfile.ZipFile(io.BytesIO(VALID_DOCX)) as _zf:
    DOCX_MEMBERS = {name: _zf.read(name) for name in _zf.namelist()}

XML_PARTS = sorted(n for n in DOCX_MEMBERS if n.endswith((".xml", ".rels")))


@fuzz(150)
@given(part=st.sampled_from(XML_PARTS), seed=st.integers(0, 2**32 - 1),
       n=st.integers(1, 6), op=st.sampled_from(["flip", "delete", "insert", "truncate", "uri"]))
@example(part="word/document.xml", seed=0, n=1, op="truncate")
@example(part="word/document.xml", seed=0, n=1, op="namespace")
@example(part="[Content_Types].xml", seed=1, n=1, op="truncate")
@example(part="word/_rels/document.xml.rels", seed=2, n=3, op="delete")
def test_damaged_xml_inside_a_valid_zip_gives_a_document_or_an_input_error(tmp_path, part, seed, n, op):
    """The zip is intact (CRCs right), so the damage reaches the XML parser and python-docx."""
    rng = random.Random(seed)
    content = bytearray(DOCX_MEMBERS[part])
    if op == "namespace":  # one damaged byte in the WordprocessingML namespace URI
        w_main = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        content = bytearray(bytes(content).replace(w_main, w_main.replace(b"openxml", b"opInxml")))
    uris = [i for i in range(len(content)) if content.startswith(b"http://", i)]
    for _ in range(n if op != "namespace" else 0):
        i = rng.randrange(len(content))
        if op == "flip":
            content[i] ^= rng.randrange(1, 256)
        elif op == "delete":
            del content[i:i + rng.randrange(1, 40)]
        elif op == "uri" and uris:
            j = rng.choice(uris) + rng.randrange(7, 30)
            content[j:j + 1] = rng.choice([b"I", b"x", b"", b"/"])
        elif op == "insert":
            content[i:i] = rng.choice([b"<", b">", b"&", b'"', b"</w:p>", b"<w:r>", b"\x00", b"\xff",
                                       b"<w:t>Interviewer: x</w:t>", b"<w:b/>"])
        else:
            del content[i:]
            break
    path = tmp_path / "R01.docx"
    path.write_bytes(_rezip({**DOCX_MEMBERS, part: bytes(content)}))
    read_or_input_error(path)


# --------------------------------------------------------------------------------------------
# Random transcripts with random labels → no word lost, none duplicated

VOCAB = ("casus wijkagent reclassering overleg moeder jongen school plan afspraak partners regie netwerk "
         "zorg politie gemeente dossier melding hulp gezin buurt officier week dag jaar samen eerst "
         "daarna gewoon eigenlijk echt heel veel niet wel ja nee nou eh uh (lacht) [onverstaanbaar] "
         "(stilte) ... 10:30 z'n één café coördinatie naïef geïnterviewd zei: vond: dus, toch? "
         "Veilig Thuis GGZ Top600 Actiecentrum").split()
LETTERS = "abcdefghijklmnopqrstuvwxyzáéëïóöüç"
#: Labels that are labels by their form (role words, speaker numbers).
SPEAKER_SETS = [("Interviewer", "Respondent"), ("I", "R"), ("INT", "R6"), ("Interviewer", "Geïnterviewde"),
                ("Spreker 1", "Spreker 2"), ("Interviewer (SA)", "Respondent", "Notulist"),
                ("Onderzoeker", "Regisseur"), ("Int.", "Resp."), ("Interviewer", "Respondent 2", "Respondent 3")]
#: Names as labels: recognised from how they are used (see pipeline.ingest.labels).
NAME_SETS = [("Sanne", "Fatima"), ("Interviewer", "Mark de Vries"), ("Interviewer (SA)", "Respondent", "Ahmed"),
             ("Jansen", "Bakker")]


#: Spoken one-word lines. A lone other word on its own line ("Wijkagent", "G.") has the form of
#: a label above its turn (``Speaker 1`` style, ``G.`` = geïnterviewde) and may be read as one.
ONE_WORD = ["Ja.", "Nee.", "Precies.", "Klopt.", "Inderdaad!", "Zeker.", "Oké.", "Hm?", "Tja...", "Nou..."]


@st.composite
def line_text(draw, min_words: int = 1, capital: bool = False) -> str:
    words = draw(st.lists(st.one_of(st.sampled_from(VOCAB), st.text(LETTERS, min_size=1, max_size=9)),
                          min_size=max(min_words, 2), max_size=14))
    if min_words <= 1 and draw(st.integers(0, 5)) == 0:
        return draw(st.sampled_from(ONE_WORD))
    if words[0].endswith(":"):
        # "Zei:" alone on a line is a speaker label with an empty turn; "Ik zei: ..." is speech.
        words.insert(0, "ik")
    if len(words) == 2 and "10:30" in words:
        # "Wijkagent 10:30" alone on a line has the form of a label with its time stamp
        # ("Spreker 1 00:01:23"), and a reader may take it for one; speech goes on after it.
        words.append("uur")
    if capital or draw(st.booleans()):
        words[0] = words[0][:1].upper() + words[0][1:]
    return " ".join(words) + draw(st.sampled_from(["", ".", "?", "!", "..."]))


@st.composite
def conversation(draw, one_off: bool = False, names: bool = False) -> list[tuple[str, list[str]]]:
    """``[(label, [first line, continuation lines...]), ...]``; the first turn opens the document.

    Every speaker speaks at least twice (a name used once as a label cannot be told apart from
    ``Onderwerp: ...``). With ``names``, names are labels: every speaker speaks three times or
    more, in lines of four words or more, as in a real interview. With ``one_off``, the first
    speaker has a role label and speaks again later, and names used only once may follow. (An
    opening role code used once, ``I: Karim Bouzid`` above ``Interviewer:`` turns, is a header
    naming the interviewer; ``I: B GGZ`` cannot be told apart from it.)
    """
    if names:
        speakers = draw(st.sampled_from(NAME_SETS))
        order = list(speakers) * 3 + draw(st.lists(st.sampled_from(speakers), max_size=4))
        # After a name label speech starts with a capital ("Sanne: casus ..." reads like "Key: value").
        return [(label, [draw(line_text(min_words=4, capital=True))]
                 + draw(st.lists(line_text(min_words=4), max_size=2))) for label in order]
    if one_off:
        order = [draw(st.sampled_from(["Interviewer", "I", "Respondent", "R6"]))]
        order += draw(st.lists(st.sampled_from(["Interviewer", "Respondent", "Sanne", "Mark de Vries",
                                                "Fatima", "Collega", "Spreker 3"]), min_size=1, max_size=6))
        if order[0] not in order[1:]:
            order.insert(draw(st.integers(1, len(order))), order[0])
    else:
        speakers = draw(st.sampled_from(SPEAKER_SETS))
        order = list(speakers) * 2
        order += draw(st.lists(st.sampled_from(speakers), max_size=5))
        if draw(st.booleans()):
            order = order[:len(speakers)] + draw(st.permutations(order[len(speakers):]))
    return [(label, draw(st.lists(line_text(), min_size=1, max_size=3))) for label in order]


def is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(n == h for h in it) for n in needles)


def spoken_words(conv) -> list[str]:
    return [w for _, lines in conv for line in lines for w in line.split()]


def turn_words(doc) -> list[str]:
    return [w for t in doc.turns for w in t.text.split()]


def expected_speakers(conv, merge: bool) -> list[str]:
    labels = [label for label, _ in conv]
    if merge:
        labels = [s for i, s in enumerate(labels) if i == 0 or labels[i - 1] != s]
    return labels


def as_txt(conv, blank: bool) -> str:
    sep = "\n\n" if blank else "\n"
    return sep.join(f"{label}: " + sep.join(lines) for label, lines in conv) + "\n"


def as_md(conv) -> str:
    return "\n\n".join(f"**{label}:** " + "\n\n".join(lines) for label, lines in conv) + "\n"


def as_vtt(conv) -> str:
    cues, t = ["WEBVTT", ""], 0
    for label, lines in conv:
        for k, line in enumerate(lines):
            voice = f"<v {label}>" if k == 0 else ""
            cues += [f"00:{t // 60:02d}:{t % 60:02d}.000 --> 00:{(t + 2) // 60:02d}:{(t + 2) % 60:02d}.000",
                     voice + line, ""]
            t += 2
    return "\n".join(cues)


def as_srt(conv) -> str:
    cues, t, number = [], 0, 1
    for label, lines in conv:
        for k, line in enumerate(lines):
            text = f"{label}: {line}" if k == 0 else line
            cues += [str(number), f"00:{t // 60:02d}:{t % 60:02d},000 --> 00:{(t + 2) // 60:02d}:{(t + 2) % 60:02d},000",
                     text, ""]
            t, number = t + 2, number + 1
    return "\n".join(cues)


def as_docx(conv, bold: bool) -> bytes:
    document = docx.Document()
    for label, lines in conv:
        p = document.add_paragraph()
        p.add_run(f"{label}:").bold = bold
        p.add_run(" " + lines[0])
        for line in lines[1:]:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def check_nothing_lost(path: Path, conv, merge: bool = False) -> None:
    doc = read_transcript(path)
    assert turn_words(doc) == spoken_words(conv), [(t.speaker, t.text) for t in doc.turns]
    assert [t.speaker for t in doc.turns] == expected_speakers(conv, merge)


@fuzz(150)
@given(conv=conversation(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
       eol=st.sampled_from(["\n", "\r\n"]), blank=st.booleans())
def test_txt_keeps_every_word_in_order(tmp_path, conv, encoding, eol, blank):
    path = tmp_path / "gesprek.txt"
    path.write_bytes(as_txt(conv, blank).replace("\n", eol).encode(encoding))
    check_nothing_lost(path, conv)


@fuzz(80)
@given(conv=conversation())
def test_md_with_bold_labels_keeps_every_word_in_order(tmp_path, conv):
    path = tmp_path / "gesprek.md"
    path.write_text(as_md(conv), encoding="utf-8")
    check_nothing_lost(path, conv)


@fuzz(60)
@given(conv=conversation(), bold=st.booleans())
def test_docx_keeps_every_word_in_order(tmp_path, conv, bold):
    path = tmp_path / "gesprek.docx"
    path.write_bytes(as_docx(conv, bold))
    check_nothing_lost(path, conv)


@fuzz(80)
@given(conv=conversation(), kind=st.sampled_from(["vtt", "srt"]))
def test_subtitles_keep_every_word_in_order(tmp_path, conv, kind):
    path = tmp_path / f"gesprek.{kind}"
    path.write_text(as_vtt(conv) if kind == "vtt" else as_srt(conv), encoding="utf-8")
    # Consecutive cues of one speaker form one turn.
    check_nothing_lost(path, conv, merge=True)


@fuzz(60)
@given(conv=conversation(names=True), kind=st.sampled_from(["txt", "md", "docx"]))
def test_names_as_labels_keep_every_word_in_order(tmp_path, conv, kind):
    path = tmp_path / f"gesprek.{kind}"
    if kind == "docx":
        path.write_bytes(as_docx(conv, bold=True))
    else:
        path.write_text(as_txt(conv, True) if kind == "txt" else as_md(conv), encoding="utf-8")
    check_nothing_lost(path, conv)


@fuzz(100)
@given(conv=conversation(one_off=True), kind=st.sampled_from(["txt", "md", "vtt", "srt"]))
def test_labels_used_once_never_make_words_disappear(tmp_path, conv, kind):
    """A name used once as a label may not be recognised (then it stays in the text), but no
    spoken word may be dropped."""
    writer = {"txt": lambda c: as_txt(c, True), "md": as_md, "vtt": as_vtt, "srt": as_srt}[kind]
    path = tmp_path / f"gesprek.{kind}"
    path.write_text(writer(conv), encoding="utf-8")
    doc = read_transcript(path)
    assert is_subsequence(spoken_words(conv), turn_words(doc)), [(t.speaker, t.text) for t in doc.turns]


# --------------------------------------------------------------------------------------------
# Competence scans: problems, never exceptions

SCAN_CONFIG = StudyConfig(competences=COMPETENCES)


def check_scan(path: Path) -> None:
    df, problems = read_scans(path, SCAN_CONFIG)
    assert list(df.columns) == list(columns.COMPETENCES)
    assert df["score"].between(SCAN_CONFIG.scale_min, SCAN_CONFIG.scale_max).all()
    for p in problems:
        assert Path(p.path).name == path.name
        assert p.message.startswith(path.name), p.message


@fuzz(150)
@given(prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\xef\xbb\xbf",
                               b"\xff\xfe", b"respondent;competentie;score\n", b"Respondent,Netwerken\n"]),
       data=st.binary(max_size=800), suffix=st.sampled_from([".xlsx", ".csv"]))
@example(prefix=b"", data=b"", suffix=".xlsx")
@example(prefix=b"", data=b"", suffix=".csv")
def test_random_bytes_as_scans_give_problems_not_exceptions(tmp_path, prefix, data, suffix):
    path = tmp_path / f"scan{suffix}"
    path.write_bytes(prefix + data)
    check_scan(path)
    assert path.read_bytes() == prefix + data


@fuzz(80)
@given(flips=st.lists(st.tuples(st.integers(0, len(VALID_XLSX) - 1), st.integers(1, 255)),
                      min_size=1, max_size=6))
@example(flips=[_zip_version_flip(VALID_XLSX)])
def test_flipped_bytes_in_an_xlsx_give_problems_not_exceptions(tmp_path, flips):
    data = bytearray(VALID_XLSX)
    for index, mask in flips:
        data[index] ^= mask
    path = tmp_path / "scan.xlsx"
    path.write_bytes(bytes(data))
    check_scan(path)


CELLS = st.one_of(
    st.sampled_from(["", "Respondent", "respondent_id", "competentie", "score", "Oordeelsvorming",
                     "Onderhandelen", "Netwerken", "Netwerk", "Oordeelsv.", "Gemiddelde", "n.v.t.", "-",
                     "X", "☒", "1", "5", "3,5", "0", "7", "goed", "R01", "R02", "1-5"]),
    st.integers(-3, 9).map(str), st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8))


@fuzz(120)
@given(rows=st.lists(st.lists(CELLS, min_size=1, max_size=6), min_size=1, max_size=8),
       delimiter=st.sampled_from([",", ";", "\t"]))
def test_random_grids_as_csv_scans_give_scores_in_range_or_problems(tmp_path, rows, delimiter):
    import csv

    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter).writerows(rows)
    path = tmp_path / "scan_R09.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    check_scan(path)


@fuzz(40)
@given(rows=st.lists(st.lists(st.one_of(CELLS, st.integers(-2, 8), st.floats(allow_nan=False, allow_infinity=False)),
                              min_size=1, max_size=5), min_size=1, max_size=6),
       merges=st.lists(st.tuples(st.integers(1, 6), st.integers(1, 5), st.integers(0, 2), st.integers(0, 2)),
                       max_size=3))
def test_random_grids_as_xlsx_scans_give_scores_in_range_or_problems(tmp_path, rows, merges):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    for r, c, dr, dc in merges:
        try:
            sheet.merge_cells(start_row=r, start_column=c, end_row=r + dr, end_column=c + dc)
        except ValueError:
            pass
    path = tmp_path / "scan.xlsx"
    book.save(path)
    check_scan(path)
