"""Build the embedded sample study (``data/sample/``) from its plain-text sources.

Run from the project root::

    .venv/bin/python data/sample/build/build_sample.py

The interviews are written once, in a neutral format, in ``build/src/R0n.txt``: blocks separated by
a blank line; a block starting with ``I:`` (interviewer) or ``R:`` (respondent) starts a turn, a block
without a label is a further paragraph of the previous turn. This script renders each interview in
the file format a researcher would actually receive it in (Word with bold labels, a Windows-1252
text file, a Teams WebVTT export, ...), writes ``respondents.csv`` and the competence scans.

Everything is deterministic: timestamps follow from word counts, cue identifiers from a hash, and
the zip containers (.docx, .xlsx) get fixed member dates and fixed core properties, so rebuilding
gives byte-identical files.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import textwrap
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from openpyxl import Workbook
from openpyxl.styles import Font

BUILD = Path(__file__).resolve().parent
SRC = BUILD / "src"
SAMPLE = BUILD.parent
TRANSCRIPTS = SAMPLE / "transcripts"
SCANS = SAMPLE / "scans"

AUTHOR = "regie-pipeline sample"
FIXED_TIME = dt.datetime(2023, 6, 1, 9, 0, 0)
ZIP_TIME = (2023, 6, 1, 9, 0, 0)

#: Speaking rate used to derive plausible, deterministic timestamps (words per second).
WORDS_PER_SECOND = 2.1
TURN_GAP_SECONDS = 1.5


# --------------------------------------------------------------------------------------------
# Source model
# --------------------------------------------------------------------------------------------

@dataclass
class SourceTurn:
    """One turn of a source interview: ``role`` is ``"I"`` or ``"R"``; one string per paragraph."""

    role: str
    paragraphs: list[str] = field(default_factory=list)
    start: float = 0.0  # seconds from the start of the recording
    end: float = 0.0

    @property
    def text(self) -> str:
        return " ".join(self.paragraphs)


def read_source(doc_id: str) -> list[SourceTurn]:
    """Parse ``src/{doc_id}.txt`` into turns and give every turn a start and end time."""
    text = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    turns: list[SourceTurn] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        block = " ".join(block.split())
        match = re.match(r"^(I|R): (.*)$", block)
        if match:
            turns.append(SourceTurn(match.group(1), [match.group(2)]))
        else:
            if not turns:
                raise ValueError(f"{doc_id}: text before the first labelled turn")
            turns[-1].paragraphs.append(block)
    clock = 4.0
    for turn in turns:
        turn.start = clock
        turn.end = clock + len(turn.text.split()) / WORDS_PER_SECOND
        clock = turn.end + TURN_GAP_SECONDS
    return turns


def count_words(turns: list[SourceTurn]) -> int:
    return sum(len(t.text.split()) for t in turns)


def hms(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"


def cue_time(seconds: float, sep: str) -> str:
    ms = int(round(seconds * 1000))
    return f"{ms // 3_600_000:02d}:{ms % 3_600_000 // 60_000:02d}:{ms % 60_000 // 1000:02d}{sep}{ms % 1000:03d}"


def curly_quotes(text: str) -> str:
    """Typographic quotes as Word's autocorrect produces them."""
    text = re.sub(r'"(?=\w|\()', "\u201c", text)
    text = text.replace('"', "\u201d")
    return text.replace("'", "\u2019")


# --------------------------------------------------------------------------------------------
# Deterministic zip containers
# --------------------------------------------------------------------------------------------

def normalise_zip(path: Path) -> None:
    """Rewrite a .docx/.xlsx with fixed member dates so that rebuilding is byte-identical."""
    with zipfile.ZipFile(path) as src:
        members = [(info.filename, src.read(info.filename)) for info in src.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    path.write_bytes(buffer.getvalue())


def new_document(title: str) -> docx.Document:
    document = docx.Document()
    props = document.core_properties
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.created = FIXED_TIME
    props.modified = FIXED_TIME
    props.last_printed = FIXED_TIME
    props.revision = 1
    props.title = title
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    return document


def save_document(document: docx.Document, path: Path) -> None:
    document.save(path)
    normalise_zip(path)


# --------------------------------------------------------------------------------------------
# Transcript writers, one per format variant
# --------------------------------------------------------------------------------------------

def split_runs(paragraph, text: str, n: int) -> None:
    """Add ``text`` as one or two normal runs; Word often splits runs at a sentence boundary."""
    cut = text.find(". ", len(text) // 2)
    if n % 3 == 1 and 0 < cut < len(text) - 2:
        paragraph.add_run(text[: cut + 2])
        paragraph.add_run(text[cut + 2:])
    else:
        paragraph.add_run(text)


def write_r01_docx(turns: list[SourceTurn], path: Path) -> None:
    """Word transcript: title, metadata lines and a table, then bold speaker-label runs."""
    document = new_document("Interview R01")
    document.add_paragraph("Interview regievoering Top600 – respondent R01", style="Title")
    for line in (
        "Datum: 14 april 2023",
        "Locatie: kantoor Actiecentrum Veiligheid en Zorg, Amsterdam",
        "Transcriptie: letterlijk uitgewerkt, inclusief stopwoorden; namen nog niet verwijderd",
    ):
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for key, value in (
        ("Respondent", "R01 (Fatima)"),
        ("Functie", "Regisseur Top600"),
        ("Duur opname", hms(turns[-1].end)),
        ("Toestemming", "Mondeling en schriftelijk gegeven"),
    ):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
    document.add_paragraph()
    for n, turn in enumerate(turns):
        label = "Interviewer:" if turn.role == "I" else "Fatima:"
        for k, para_text in enumerate(turn.paragraphs):
            paragraph = document.add_paragraph()
            if k == 0:
                paragraph.add_run(label).bold = True
                paragraph.add_run(" ")
            split_runs(paragraph, curly_quotes(para_text), n + k)
        if n % 4 == 3:
            document.add_paragraph()  # transcribers leave stray empty paragraphs
    save_document(document, path)


def write_r02_txt(turns: list[SourceTurn], path: Path) -> None:
    """Plain text as saved by Notepad on Dutch Windows: Windows-1252, CRLF, ``[hh:mm:ss] I:``."""
    lines = [
        "Interview R02 – regisseur Top400",
        "Datum: 21 maart 2023",
        "Locatie: stadsdeelkantoor Nieuw-West",
        f"Duur: {hms(turns[-1].end)}",
        "Transcriptie: letterlijk, tijdcodes per spreekbeurt",
        "",
    ]
    for turn in turns:
        label = "I:" if turn.role == "I" else "R:"
        lines.append(f"[{hms(turn.start)}] {label} {curly_quotes(turn.paragraphs[0])}")
        lines.extend(curly_quotes(p) for p in turn.paragraphs[1:])
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")  # strict: fails loudly on a character cp1252 lacks
    path.write_bytes(data)


def chunk_words(text: str, doc_id: str, turn_no: int) -> list[str]:
    """Split a turn into subtitle-sized cues, mostly at sentence ends but sometimes mid-sentence,
    as speech-to-text exports do."""
    words = text.split()
    targets = (14, 9, 17, 11, 15, 8, 13, 19, 10)
    chunks: list[str] = []
    i = turn_no
    while words:
        target = targets[i % len(targets)]
        i += 1
        if len(words) <= target + 4:
            chunks.append(" ".join(words))
            break
        cut = target
        for j in range(max(4, target - 3), min(len(words) - 2, target + 4)):
            if words[j - 1][-1] in ".?!" and i % 3:  # every third cue ignores sentence ends
                cut = j
                break
        chunks.append(" ".join(words[:cut]))
        words = words[cut:]
    return chunks


def timed_cues(turn: SourceTurn, chunks: list[str]) -> list[tuple[float, float, str]]:
    total = sum(len(c.split()) for c in chunks)
    t = turn.start
    cues = []
    for chunk in chunks:
        d = (turn.end - turn.start) * len(chunk.split()) / total
        cues.append((t, t + d, chunk))
        t += d
    return cues


def guid(*parts: object) -> str:
    h = hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:32]}"


def write_r03_vtt(turns: list[SourceTurn], path: Path) -> None:
    """Microsoft Teams WebVTT export: GUID cue ids, ``<v Name>`` voice tags, NOTE block."""
    voices = {"I": "Vermeer, L. (onderzoeker)", "R": "Dekker, Sanne"}
    out = [
        "WEBVTT",
        "",
        "NOTE",
        "Transcript gegenereerd door Microsoft Teams; fouten in de automatische",
        "herkenning en non-verbale aanduidingen handmatig gecorrigeerd.",
        "",
    ]
    for n, turn in enumerate(turns):
        base = guid("R03", n)
        for k, (start, end, chunk) in enumerate(timed_cues(turn, chunk_words(turn.text, "R03", n))):
            out += [
                f"{base}/{n + 11}-{k}",
                f"{cue_time(start, '.')} --> {cue_time(end, '.')}",
                f"<v {voices[turn.role]}>{chunk}</v>",
                "",
            ]
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_r04_docx(turns: list[SourceTurn], path: Path) -> None:
    """Word transcript with plain-text labels, one paragraph per turn, some timestamps."""
    document = new_document("Interview R04")
    heading = document.add_paragraph()
    heading.add_run("Transcript interview R04").bold = True
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Datum: 6 juni 2023 – Transcriptie: uitgewerkt uit geluidsopname")
    document.add_paragraph()
    n_resp = 0
    for turn in turns:
        if turn.role == "I":
            prefix = "Interviewer: "
        else:
            n_resp += 1
            stamp = f"({hms(turn.start)}) " if n_resp % 4 == 2 else ""
            prefix = f"Respondent: {stamp}"
        document.add_paragraph(prefix + curly_quotes(turn.text))
    save_document(document, path)


LABEL_LIKE = re.compile(r"^[\w .()'-]{1,25}:(\s|$)")


def write_r05_srt(turns: list[SourceTurn], path: Path) -> None:
    """SubRip file: numbered cues, ``Spreker 1:``/``Spreker 2:`` at a turn's first cue only."""
    out: list[str] = []
    number = 0
    for n, turn in enumerate(turns):
        speaker = "Spreker 1" if turn.role == "I" else "Spreker 2"
        chunks = chunk_words(turn.text, "R05", n)
        # A continuation cue opening with "En wat bleek: ..." would read as a new speaker;
        # subtitle editors break such lines a word later, so do the same.
        for k in range(1, len(chunks)):
            while LABEL_LIKE.match(chunks[k]) and len(chunks[k].split()) > 1:
                first, rest = chunks[k].split(" ", 1)
                chunks[k - 1] += " " + first
                chunks[k] = rest
        for k, (start, end, chunk) in enumerate(timed_cues(turn, chunks)):
            if k == 0:
                chunk = f"{speaker}: {chunk}"
            elif LABEL_LIKE.match(chunk):
                raise ValueError(f"R05 cue would look like a speaker label: {chunk!r}")
            number += 1
            lines = textwrap.wrap(chunk, width=62) or [""]
            out += [str(number), f"{cue_time(start, ',')} --> {cue_time(end, ',')}", *lines, ""]
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_r06_txt(turns: list[SourceTurn], path: Path) -> None:
    """UTF-8 text with LF line endings and ``INT:``/``R6:`` labels."""
    lines = [
        "Transcript interview R6",
        "Project: Regievoering Top600/Top400",
        "Datum: 12 januari 2024",
        "Legenda: INT = interviewer, R6 = respondent 6",
        "",
    ]
    for turn in turns:
        label = "INT:" if turn.role == "I" else "R6:"
        lines.append(f"{label} {turn.paragraphs[0]}")
        lines.extend(turn.paragraphs[1:])
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


WRITERS = {
    "R01": ("R01.docx", write_r01_docx),
    "R02": ("R02.txt", write_r02_txt),
    "R03": ("R03.vtt", write_r03_vtt),
    "R04": ("R04.docx", write_r04_docx),
    "R05": ("R05.srt", write_r05_srt),
    "R06": ("R06.txt", write_r06_txt),
}

RESPONDENTS = [
    # doc_id, respondent_id, organisatie, functie, jaren_ervaring, aanpak
    ("R01", "R01", "Actiecentrum Veiligheid en Zorg", "regisseur", 7, "Top600"),
    ("R02", "R02", "Actiecentrum Veiligheid en Zorg", "regisseur", 4, "Top400"),
    ("R03", "R03", "Actiecentrum Veiligheid en Zorg", "regisseur", 9, "Top600"),
    ("R04", "R04", "Actiecentrum Veiligheid en Zorg", "senior regisseur", 11, "Top600"),
    ("R05", "R05", "Regionale aanpak huiselijk geweld", "regisseur huiselijk geweld", 8,
     "Huiselijk geweld"),
    ("R06", "R06", "Actiecentrum Veiligheid en Zorg", "regisseur", 6, "Top400"),
]


# --------------------------------------------------------------------------------------------
# Competence scans
# --------------------------------------------------------------------------------------------

COMPETENCES = ("netwerken", "aanpassingsvermogen", "probleemanalyse", "oordeelsvorming",
               "onderhandelen", "verbinden", "communiceren", "ondernemen", "afstemmen",
               "samenwerken", "resultaatgerichtheid")

#: Self-ratings 1-5 per respondent, in the order of COMPETENCES; None = left empty.
SCORES = {
    "R01": (4, 4, 4, 5, 3, 5, 4, 4, 4, 4, 3),
    "R02": (3, 4, 4, 5, 2, 4, 4, 3, 4, 5, 3),
    "R03": (4, 3, 4, 4, 3, 5, 5, None, 4, 4, 4),
    "R04": (5, 4, 5, 5, 3, 4, 4, 4, 4, 4, 4),
    "R05": (5, 3, 4, 4, 2, 4, 3, 4, 4, 5, 4),
    "R06": (4, 4, 3, 5, 3, 4, 5, 4, 3, 4, 3),
}

#: Column headers as a researcher typed them in the spreadsheet (same order as COMPETENCES).
XLSX_HEADERS = ("Netwerken ", "AANPASSINGSVERMOGEN", "Probleemanalyse", "Oordeels-vorming ",
                "onderhandelen", "Verbinden", "communicatie", "Ondernemen", "Afstemmen ",
                "Samenwerking", "Resultaatgericht")

#: Row labels of the Word form template.
FORM_LABELS = ("Netwerken", "Aanpassingsvermogen", "Probleemanalyse", "Oordeelsvorming",
               "Onderhandelen", "Verbinden", "Communiceren", "Ondernemen", "Afstemmen",
               "Samenwerken", "Resultaatgerichtheid")

FORM_INTRO = (
    "Geef per competentie aan in welke mate u deze inzet bij het regievoeren "
    "(1 = nauwelijks, 5 = in zeer sterke mate)."
)


def write_scan_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Scan"
    ws.append(["Respondent", *XLSX_HEADERS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for rid in ("R01", "R02", "R03", "R04"):
        ws.append([rid, *SCORES[rid]])
    ws.freeze_panes = "B2"
    ws.column_dimensions["A"].width = 12
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.save(path)
    fix_xlsx_core(path)
    normalise_zip(path)


def fix_xlsx_core(path: Path) -> None:
    """openpyxl stamps ``dcterms:modified`` with the save time; pin it."""
    with zipfile.ZipFile(path) as src:
        members = [(i.filename, src.read(i.filename)) for i in src.infolist()]
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    fixed = []
    for name, data in members:
        if name == "docProps/core.xml":
            data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                          rb"\g<1>" + stamp + rb"\g<2>", data)
        fixed.append((name, data))
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name, data in fixed:
            dst.writestr(name, data)


def set_widths(table, widths_cm: tuple[float, ...]) -> None:
    """Fixed column widths, in the grid (LibreOffice reads that) and in every cell (Word does)."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm):
        col.w = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def form_heading(document: docx.Document, rid: str) -> None:
    document.add_heading(f"Competentiescan – respondent {rid}", level=1)
    document.add_paragraph("Onderzoek regievoering op het snijvlak van veiligheid en zorg")
    document.add_paragraph(FORM_INTRO)


def write_scan_score_form(rid: str, path: Path) -> None:
    """Form layout A: a row per competence with the score as a number."""
    document = new_document(f"Competentiescan {rid}")
    form_heading(document, rid)
    table = document.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Competentie", "Score", "Toelichting")):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    remarks = {"onderhandelen": "vind ik lastig, ik heb weinig om mee te ruilen",
               "samenwerken": "kern van het werk"}
    for label, comp, score in zip(FORM_LABELS, COMPETENCES, SCORES[rid]):
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = "" if score is None else str(score)
        cells[2].text = remarks.get(comp, "")
    set_widths(table, (5.0, 2.0, 9.0))
    document.add_paragraph()
    document.add_paragraph("Ingevuld na afloop van het interview.")
    save_document(document, path)


def write_scan_cross_form(rid: str, path: Path) -> None:
    """Form layout B: columns Competentie | 1 | 2 | 3 | 4 | 5 with an X in the chosen cell."""
    document = new_document(f"Competentiescan {rid}")
    form_heading(document, rid)
    table = document.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Competentie", "1", "2", "3", "4", "5")):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for label, score in zip(FORM_LABELS, SCORES[rid]):
        cells = table.add_row().cells
        cells[0].text = label
        if score is not None:
            cells[score].text = "X"
            cells[score].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_widths(table, (5.5, 1.8, 1.8, 1.8, 1.8, 1.8))
    save_document(document, path)


# --------------------------------------------------------------------------------------------

def main() -> None:
    TRANSCRIPTS.mkdir(parents=True, exist_ok=True)
    SCANS.mkdir(parents=True, exist_ok=True)
    for doc_id, (name, writer) in WRITERS.items():
        turns = read_source(doc_id)
        writer(turns, TRANSCRIPTS / name)
        print(f"{name:10s} {len(turns):3d} turns {count_words(turns):5d} words")
    with (SAMPLE / "respondents.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["doc_id", "respondent_id", "organisatie", "functie", "jaren_ervaring",
                         "aanpak"])
        writer.writerows(RESPONDENTS)
    write_scan_xlsx(SCANS / "competentiescan.xlsx")
    write_scan_score_form("R05", SCANS / "scan_R05.docx")
    write_scan_cross_form("R06", SCANS / "scan_R06.docx")
    print("scans: competentiescan.xlsx (R01-R04), scan_R05.docx, scan_R06.docx")


if __name__ == "__main__":
    main()
