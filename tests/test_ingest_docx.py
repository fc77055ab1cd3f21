"""Word transcripts: plain and bold labels, multi-paragraph turns, tables, bad files."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_transcript

FIX = Path(__file__).parent / "fixtures" / "transcripts"


def triples(doc):
    return [(t.speaker, t.role, t.text) for t in doc.turns]


def test_plain_labels_tables_title_and_metadata():
    doc = read_transcript(FIX / "plain_labels.docx")
    assert doc.format == "docx" and doc.encoding == ""
    assert doc.header == ["Interview R02", "Datum: 14 maart 2024", "Duur: 54 minuten", "Einde interview"]
    assert triples(doc) == [
        ("Interviewer", "interviewer", "Hoe ziet een gewone werkdag eruit?"),
        ("Respondent", "respondent", "Dat wisselt. Soms zit ik de hele dag in overleggen.\n"
                                     "Soms ben ik op straat, met de wijkagent.\n"
                                     "Het punt is: je weet het 's ochtends nooit."),
        ("Interviewer", "interviewer", "Wat vindt u daarvan?"),
        ("Respondent", "respondent", "Heerlijk. (lacht)"),
    ]
    # nothing from the tables
    assert not any("tabel" in t.text or "Codes" in t.text for t in doc.turns)
    assert doc.turns[0].location == "paragraph 5"


def test_bold_labels_with_and_without_colon():
    doc = read_transcript(FIX / "bold_labels.docx")
    assert doc.header == ["Gesprek met twee regisseurs", "Locatie: Amsterdam"]
    assert triples(doc) == [
        ("Interviewer", "interviewer", "Hoe bepaalt u wat er in een casus moet gebeuren?"),
        ("Fatima", "respondent", "Eerst kijk ik wat iedereen al doet. Dan maak ik een plan.\n"
                                 "Dat plan bespreek ik met de partners, één voor één."),
        ("Interviewer", "interviewer", "En als iemand niet meewerkt?"),
        ("Fatima", "respondent", "Dan escaleer ik. Maar pas als het echt niet anders kan."),
        # label split over two bold runs; a bold first word ("Nooit") is emphasis, not a speaker
        ("Fatima", "respondent", "Meestal is een goed gesprek genoeg.\nNooit heb ik spijt gehad van dat gesprek."),
    ]
    assert doc.role_method == "label+inferred: most words"


def test_line_breaks_inside_a_paragraph_and_enumerations():
    doc = read_transcript(FIX / "line_breaks.docx")
    assert triples(doc) == [
        ("I", "interviewer", "Wie zat er aan tafel?"),
        ("R", "respondent", "De politie, de GGZ en de school.\nPolitie: die had het dossier.\n"
                            "GGZ: die kende de moeder."),
        ("I", "interviewer", "En de school?"),
        ("R", "respondent", "Die kwam later."),
    ]


def _save(d, path: Path) -> Path:
    d.save(path)
    return path


def test_bold_label_paragraph_above_the_text(tmp_path):
    d = docx.Document()
    for label, text in [("Interviewer", "Hoe begon het?"), ("Fatima", "Met een telefoontje."),
                        ("Interviewer", "Van wie?"), ("Fatima", "Van de school.")]:
        d.add_paragraph().add_run(label).bold = True
        d.add_paragraph(text)
    doc = read_transcript(_save(d, tmp_path / "boven.docx"))
    assert [(t.speaker, t.text) for t in doc.turns] == [
        ("Interviewer", "Hoe begon het?"), ("Fatima", "Met een telefoontje."),
        ("Interviewer", "Van wie?"), ("Fatima", "Van de school.")]


def test_bold_style_label_and_heading_style(tmp_path):
    d = docx.Document()
    d.add_heading("Transcript interview 4", level=1)
    p = d.add_paragraph()
    p.add_run("R:", style="Strong")  # bold through a character style
    p.add_run(" Ik ben begonnen als jongerenwerker.")
    p = d.add_paragraph()
    p.add_run("I:", style="Strong")
    p.add_run(" En daarna?")
    doc = read_transcript(_save(d, tmp_path / "stijl.docx"))
    assert doc.header == ["Transcript interview 4"]
    assert [(t.speaker, t.role) for t in doc.turns] == [("R", "respondent"), ("I", "interviewer")]


def test_tracked_changes_show_inserted_not_deleted_text(tmp_path):
    d = docx.Document()
    d.add_paragraph("I: Hoe ging het?")
    p = d.add_paragraph("R: Het ging ")
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    p._p.append(p._p.makeelement(f"{{{w}}}del", {f"{{{w}}}id": "1", f"{{{w}}}author": "x"}))
    p._p[-1].append(docx.oxml.parse_xml(
        f'<w:r xmlns:w="{w}"><w:delText>slecht</w:delText></w:r>'))
    ins = p._p.makeelement(f"{{{w}}}ins", {f"{{{w}}}id": "2", f"{{{w}}}author": "x"})
    ins.append(docx.oxml.parse_xml(f'<w:r xmlns:w="{w}"><w:t>goed</w:t></w:r>'))
    p._p.append(ins)
    doc = read_transcript(_save(d, tmp_path / "wijzigingen.docx"))
    assert doc.turns[1].text == "Het ging goed"


def test_docx_is_opened_read_only(tmp_path):
    src = FIX / "plain_labels.docx"
    copy = tmp_path / "kopie.docx"
    copy.write_bytes(src.read_bytes())
    before = copy.stat().st_mtime_ns, copy.read_bytes()
    read_transcript(copy)
    assert (copy.stat().st_mtime_ns, copy.read_bytes()) == before


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "password-protected"),
    (b"Interviewer: dit is eigenlijk tekst", "not a Word document"),
    (b"PK\x03\x04 not really a docx", "damaged"),
    (_zip({"foto.jpg": b"\xff\xd8\xff"}), "zip archive but not a Word document"),
    (_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<kapot"}), "damaged"),
])
def test_bad_docx_files(tmp_path, data, message):
    p = tmp_path / "kapot.docx"
    p.write_bytes(data)
    with pytest.raises(InputError, match=message) as err:
        read_transcript(p)
    assert str(err.value).startswith("kapot.docx")


def test_truncated_docx_is_damaged(tmp_path):
    data = (FIX / "plain_labels.docx").read_bytes()
    p = tmp_path / "half.docx"
    p.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match="damaged"):
        read_transcript(p)


def test_docx_without_labels_or_text(tmp_path):
    d = docx.Document()
    d.add_paragraph("Een verslag zonder sprekers.")
    with pytest.raises(InputError, match="no speaker labels"):
        read_transcript(_save(d, tmp_path / "verslag.docx"))
    d = docx.Document()
    d.add_table(rows=1, cols=1).cell(0, 0).text = "I: alleen in een tabel"
    with pytest.raises(InputError, match="no text"):
        read_transcript(_save(d, tmp_path / "leeg.docx"))


def test_labels_in_a_heading_style(tmp_path):
    d = docx.Document()
    d.add_heading("Interview R07", level=1)
    for label, text in [("Interviewer", "Hoe begon het?"), ("Respondent", "Met een melding.\nDaarna ging het snel."),
                        ("Interviewer", "Hm-hm.")]:
        d.add_heading(label, level=3)
        for line in text.split("\n"):
            d.add_paragraph(line)
    doc = read_transcript(_save(d, tmp_path / "koppen.docx"))
    assert doc.header == ["Interview R07"]
    assert triples(doc) == [("Interviewer", "interviewer", "Hoe begon het?"),
                            ("Respondent", "respondent", "Met een melding.\nDaarna ging het snel."),
                            ("Interviewer", "interviewer", "Hm-hm.")]


def test_strict_open_xml_is_named(tmp_path):
    data = (FIX / "plain_labels.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files["_rels/.rels"] = files["_rels/.rels"].replace(
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships")
    p = tmp_path / "strikt.docx"
    p.write_bytes(_zip(files))
    with pytest.raises(InputError, match="Strict Open XML"):
        read_transcript(p)
