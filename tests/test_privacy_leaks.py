"""The leak check finds identifiers in every kind of output file, and nothing in a clean folder."""
from __future__ import annotations

import json
import zipfile

import pandas as pd
import pytest

from pipeline.privacy import check_leaks
from pipeline.privacy.leaks import EXTRACTORS

IDENTIFIERS = pd.DataFrame({
    "identifier": ["Kees Verhoeven", "Verhoeven", "Özdemir", "06-41234567", "Bakker"],
    "pseudonym": ["[PERSOON-4]", "[PERSOON-4]", "[PERSOON-7]", "[TELEFOON-1]", "[PERSOON-3]"],
    "type": ["PERSOON", "PERSOON", "PERSOON", "TELEFOON", "PERSOON"],
    "case_sensitive": [False, False, False, False, True],
})
CLEAN = "[PERSOON-4] belde met de bakker en het Actiecentrum; Verhoevenstraat is geen naam."


def write_docx(path, paragraphs):
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(path)


def write_xlsx(path, rows):
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def write_split_run_docx(path):
    """A name split over two runs of one paragraph, as Word does after an edit."""
    import docx

    document = docx.Document()
    para = document.add_paragraph("Gesprek met Kees Verh")
    para.add_run("oeven over regie.")
    document.save(path)


PLANTED = {
    "segments.csv": lambda p: p.write_text("doc_id,text\nR01,Ja\nR01,Toen belde Kees Verhoeven.\n", encoding="utf-8"),
    "texts/R01.txt": lambda p: p.write_text("regel een\nregel twee\nhij heette ÖZDEMIR\n", encoding="utf-8"),
    "report.docx": lambda p: write_docx(p, ["Inleiding", "Citaat: bel 06-41234567 maar."]),
    "split.docx": write_split_run_docx,
    "tables.xlsx": lambda p: write_xlsx(p, [["code", "quote"], ["stijl", "volgens Verhoeven werkt het"]]),
    "figures/chart.svg": lambda p: p.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&#214;zdemir</text></svg>\n', encoding="utf-8"),
    "manifest.json": lambda p: p.write_text(json.dumps({"settings": {"note": "Kees Verhoeven"}}), encoding="utf-8"),
    "project.qdpx": lambda p: _write_qdpx(p),
}


def _write_qdpx(path):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", '<?xml version="1.0"?><Project name="x"><Sources>'
                                        '<TextSource name="R01" plainTextPath="sources/a.txt"/>'
                                        '</Sources><Notes><Note name="Bakker"/></Notes></Project>')
        archive.writestr("sources/a.txt", "eerste regel\nniets bijzonders\n")


EXPECTED = {
    "segments.csv": ("line 3", "[PERSOON-4]"),
    "texts/R01.txt": ("line 3", "[PERSOON-7]"),
    "report.docx": ("word/document.xml, paragraph 2", "[TELEFOON-1]"),
    "split.docx": ("word/document.xml, paragraph 1", "[PERSOON-4]"),
    "tables.xlsx": (None, "[PERSOON-4]"),
    "figures/chart.svg": ("line 1", "[PERSOON-7]"),
    "manifest.json": ("$.settings.note", "[PERSOON-4]"),
    "project.qdpx": (None, "[PERSOON-3]"),
}


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_planted_identifier_is_found(tmp_path, name):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    PLANTED[name](path)
    leaks = check_leaks(tmp_path, IDENTIFIERS)
    assert leaks, f"nothing found in {name}"
    assert {leak["file"] for leak in leaks} == {name}
    part, pseudonym = EXPECTED[name]
    assert pseudonym in {leak["pseudonym"] for leak in leaks}
    if part is not None:
        assert part in {leak["line_or_part"] for leak in leaks}
    for leak in leaks:
        assert set(leak) == {"file", "line_or_part", "type", "pseudonym"}
        assert not any(i.casefold() in json.dumps(leak, ensure_ascii=False).casefold()
                       for i in IDENTIFIERS.identifier)


def test_xlsx_leak_names_the_shared_string(tmp_path):
    write_xlsx(tmp_path / "t.xlsx", [["volgens Verhoeven werkt het"]])
    (leak,) = [x for x in check_leaks(tmp_path, IDENTIFIERS) if x["pseudonym"] == "[PERSOON-4]"]
    assert leak["line_or_part"].startswith("xl/sharedStrings.xml") or "cell A1" in leak["line_or_part"]


def test_clean_folder_has_no_leaks(tmp_path):
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "R01.txt").write_text(CLEAN + "\n", encoding="utf-8")
    (tmp_path / "segments.csv").write_text(f'doc_id,text\nR01,"{CLEAN}"\n', encoding="utf-8")
    write_docx(tmp_path / "report.docx", [CLEAN])
    write_xlsx(tmp_path / "t.xlsx", [[CLEAN]])
    (tmp_path / "chart.svg").write_text(f"<svg><text>{CLEAN}</text></svg>", encoding="utf-8")
    (tmp_path / "manifest.json").write_text(json.dumps({"x": CLEAN}), encoding="utf-8")
    (tmp_path / "figure.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    assert check_leaks(tmp_path, IDENTIFIERS) == []


def test_matching_rules(tmp_path):
    (tmp_path / "a.txt").write_text("kees   VERHOEVEN\nBakker\nbakker\n06-41234567x\n", encoding="utf-8")
    leaks = check_leaks(tmp_path, IDENTIFIERS)
    places = {(x["line_or_part"], x["pseudonym"]) for x in leaks}
    # case-insensitive, any white space; case-sensitive for words that are also ordinary words;
    # whole words only.
    assert places == {("line 1", "[PERSOON-4]"), ("line 2", "[PERSOON-3]")}


def test_plain_forms_of_identifiers(tmp_path):
    (tmp_path / "a.md").write_text("# Kop\n\nHier staat Verhoeven.\n", encoding="utf-8")
    assert check_leaks(tmp_path, ["Verhoeven"]) == [
        {"file": "a.md", "line_or_part": "line 3", "type": "", "pseudonym": ""}]
    assert check_leaks(tmp_path, {"Verhoeven": "[PERSOON-4]"})[0]["type"] == "PERSOON"
    assert check_leaks(tmp_path, ["Ve"]) == []  # shorter than 3 characters: skipped
    assert check_leaks(tmp_path / "missing", ["Verhoeven"]) == []


def test_result_is_sorted_and_deterministic(tmp_path):
    for name in ("b.txt", "a.txt", "c/d.csv"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("Verhoeven\nniets\nKees Verhoeven\n", encoding="utf-8")
    first = check_leaks(tmp_path, IDENTIFIERS)
    assert first == check_leaks(tmp_path, IDENTIFIERS)
    assert [x["file"] for x in first] == sorted(x["file"] for x in first)
    assert len(first) == 6


def test_corrupt_office_file_does_not_stop_the_check(tmp_path):
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip, Verhoeven")
    (tmp_path / "ok.txt").write_text("Kees Verhoeven\n", encoding="utf-8")
    files = {x["file"] for x in check_leaks(tmp_path, IDENTIFIERS)}
    assert "ok.txt" in files


def test_extractor_registry_covers_output_formats():
    for suffix in (".csv", ".txt", ".md", ".json", ".svg", ".docx", ".xlsx", ".qdpx", ".qdc", ".png"):
        assert suffix in EXTRACTORS


def test_places_sort_naturally(tmp_path):
    (tmp_path / "a.txt").write_text("Verhoeven\n" + "x\n" * 9 + "Verhoeven\n", encoding="utf-8")
    assert [x["line_or_part"] for x in check_leaks(tmp_path, ["Verhoeven"])] == ["line 1", "line 11"]


def test_office_theme_script_codes_are_no_leaks(tmp_path):
    # xl/theme/theme1.xml names fonts per script: <a:font script="Hans" .../> is Simplified Chinese.
    import zipfile

    from pipeline.privacy import check_leaks

    path = tmp_path / "results.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/theme/theme1.xml", '<a:theme xmlns:a="urn:a"><a:font script="Hans" typeface="x"/></a:theme>')
        archive.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                         '2006/main"><si><t>[PERSOON-1] belde Jansen</t></si></sst>')
    leaks = check_leaks(tmp_path, {"Hans": "[PERSOON-2]", "Jansen": "[PERSOON-3]"})
    assert [leak["pseudonym"] for leak in leaks] == ["[PERSOON-3]"]
