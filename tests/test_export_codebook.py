"""Codebook exports: REFI-QDA ``codebook.qdc`` (valid against the XSD), Markdown, Word, quanteda.

Every export must be deterministic: the same codebook gives byte-identical files.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import uuid
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import xmlschema
import yaml

from pipeline.codebook import load_codebook
from pipeline.export import CODEBOOK_EXPORTS, export_codebook, write_exports
from pipeline.export.refi import CODEBOOK_XSD, GUID_NAMESPACE, PROJECT_XSD, code_guid, validate_xml

ROOT = Path(__file__).resolve().parents[1]
VALID = Path(__file__).parent / "fixtures" / "codebooks" / "valid.yaml"
NS = {"q": "urn:QDA-XML:codebook:1.0"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SCHEMAS = ROOT / "pipeline" / "schemas"


def shared_refi() -> Path:
    shared = Path(os.environ.get("REGIE_SHARED") or Path(__file__).resolve().parents[2] / "shared")
    refi = shared / "refi-qda"
    if not refi.is_dir():
        pytest.skip(f"REFI-QDA reference files not found at {refi} (set REGIE_SHARED to the shared folder)")
    return refi


@pytest.fixture(scope="module")
def book():
    return load_codebook(VALID)


@pytest.fixture(scope="module")
def exported(book, tmp_path_factory):
    out = tmp_path_factory.mktemp("export")
    paths = export_codebook(book, out)
    return {p.name: p for p in paths}


def tricky_book(tmp_path: Path):
    """A codebook whose texts need escaping in XML, Markdown and YAML."""
    path = tmp_path / "tricky.yaml"
    path.write_text(
        'name: "Regie & <samenwerking>"\nversion: "2"\n'
        "references:\n  A & B 2020: 'A & B (2020). \"Regie\" <met> haakjes.'\n"
        "codes:\n"
        "  - id: stijl\n    label: 'Stijl & \"aanpak\" <x>'\n"
        "    definition: \"Regel met | pipe en\\ttab\\u000b en control-teken.\"\n"
        "    include: ['a < b', 'c | d']\n    sources: [A & B 2020]\n"
        "    patterns:\n      terms: ['op één lijn|op 1 lijn', 'ik: ja']\n      compounds: ['*overleg']\n",
        encoding="utf-8")
    return load_codebook(path)


# --- codebook.qdc ----------------------------------------------------------------------------


def test_export_writes_the_registered_files_in_order(exported):
    assert list(exported) == ["codebook.qdc", "codebook.md", "codebook.docx", "codebook_quanteda.yml"]
    assert list(CODEBOOK_EXPORTS) == list(exported)


def test_qdc_is_valid_against_the_codebook_xsd(exported):
    schema = xmlschema.XMLSchema(str(SCHEMAS / "Codebook.xsd"))
    schema.validate(str(exported["codebook.qdc"]))  # raises with the reason when invalid
    assert validate_xml(exported["codebook.qdc"]) == []


def test_qdc_nests_codes_by_parent_with_label_guid_and_description(book, exported):
    root = ET.parse(exported["codebook.qdc"]).getroot()
    assert root.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    top = root.findall("q:Codes/q:Code", NS)
    assert [c.get("name") for c in top] == ["Stijl van regievoering", "Vertrouwen"]
    by_guid = {c.get("guid"): c for c in root.iter("{urn:QDA-XML:codebook:1.0}Code")}
    assert len(by_guid) == len(book.codes)
    for code in book.codes:
        element = by_guid[str(uuid.uuid5(GUID_NAMESPACE, code.id))]
        assert element.get("name") == code.label
        assert element.get("isCodable") == "true"
        children = [c.get("name") for c in element.findall("q:Code", NS)]
        assert children == [c.label for c in book.children(code.id)]
    casus = by_guid[code_guid("stijl.casusgericht")]
    description = casus.find("q:Description", NS).text
    assert description.startswith("Regie gericht op het afstemmen van partners rond één persoon.")
    assert "Wel coderen:\n- De regisseur brengt partners samen rond één casus." in description
    assert "Niet coderen:\n- Afspraken op ketenniveau (dan stijl.netwerkgericht)." in description
    assert "Bosselaar, H. & Bannink, D. (2020)" in description
    # A code without definition, rules or sources has no (empty) Description element.
    assert by_guid[code_guid("vertrouwen.partners")].find("q:Description", NS) is None


def test_guids_are_uuid5_of_the_id_and_stable():
    assert code_guid("proces.visie") == str(uuid.uuid5(uuid.UUID("7903454f-b938-5110-95a9-632c0b74534c"), "proces.visie"))
    assert code_guid("proces.visie") == code_guid("proces.visie")
    assert code_guid("proces.visie") != code_guid("proces.visi")
    assert uuid.UUID(code_guid("stijl")).version == 5


def test_qdc_escapes_special_characters_and_stays_valid(tmp_path):
    book = tricky_book(tmp_path)
    [qdc] = export_codebook(book, tmp_path / "out", formats=["codebook.qdc"])
    assert validate_xml(qdc) == []
    code = ET.parse(qdc).getroot().find("q:Codes/q:Code", NS)
    assert code.get("name") == 'Stijl & "aanpak" <x>'
    assert "\x0b" not in code.find("q:Description", NS).text  # not representable in XML 1.0
    assert "- A & B (2020). \"Regie\" <met> haakjes." in code.find("q:Description", NS).text


def test_validator_is_not_vacuous(exported):
    broken = exported["codebook.qdc"].read_text(encoding="utf-8").replace(' isCodable="true"', "", 1)
    errors = validate_xml(broken.encode("utf-8"))
    assert len(errors) == 1 and "isCodable" in errors[0]
    bad_guid = exported["codebook.qdc"].read_text(encoding="utf-8")
    bad_guid = re.sub(r'guid="[^"]+"', 'guid="not-a-guid"', bad_guid, count=1)
    assert validate_xml(bad_guid.encode("utf-8"))
    assert validate_xml(b"<CodeBook") and validate_xml(b"<CodeBook")[0].startswith("not well-formed XML")


@pytest.mark.parametrize("sample", ["spec_annexA1_codebook.qdc", "atlasti23_codebook_requal.qdc"])
def test_our_validator_accepts_real_world_codebooks(sample):
    path = shared_refi() / "samples" / sample
    assert validate_xml(path) == []
    assert len(ET.parse(path).getroot().findall(".//q:Code", NS)) >= 1


def test_schema_copies_are_the_published_files():
    notice = (SCHEMAS / "README.md").read_text(encoding="utf-8")
    for name in ("Codebook.xsd", "Project-mrt2019.xsd"):
        digest = hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest()
        assert f"`{digest}`" in notice, f"{name} changed; its checksum is not the one in schemas/README.md"
    assert "Permission is hereby granted, free of charge" in notice
    assert "Copyright 2019 REFI www.qdasoftware.org." in (SCHEMAS / "Project-mrt2019.xsd").read_text(encoding="utf-8")
    xmlschema.XMLSchema(str(PROJECT_XSD))  # compiles
    assert CODEBOOK_XSD == SCHEMAS / "Codebook.xsd"


def test_schema_copies_match_shared_reference():
    refi = shared_refi()
    for name in ("Codebook.xsd", "Project-mrt2019.xsd"):
        assert (SCHEMAS / name).read_bytes() == (refi / name).read_bytes()


# --- codebook.md -----------------------------------------------------------------------------


def test_markdown_table_has_dutch_headers_and_one_row_per_code(book, exported):
    text = exported["codebook.md"].read_text(encoding="utf-8")
    lines = text.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Code"))
    assert lines[header] == "| Code | Label | Definitie | Wel coderen | Niet coderen | Bronnen |"
    assert lines[header + 1] == "|---|---|---|---|---|---|"
    rows = lines[header + 2: header + 2 + len(book.codes)]
    assert [re.match(r"\| `([^`]+)` \|", row).group(1) for row in rows] == book.ids
    assert all(row.count(" | ") == 5 for row in rows)  # the pipe in a definition is escaped
    assert "escalatie \\| opschalen" in text
    casus = rows[1]
    assert "Afspraken op ketenniveau" in casus and "• Licht 2013<br>• Bosselaar & Bannink 2020" in casus
    assert text.startswith("# Codeboek: Testcodeboek regie\n")
    assert "## Literatuur" in text and "- Licht, J. (2013). Regie in de praktijk." in text


def test_markdown_cells_survive_special_characters(tmp_path):
    [md] = export_codebook(tricky_book(tmp_path), tmp_path / "out", formats=["codebook.md"])
    row = next(line for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("| `stijl`"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 7  # 6 cells: escaped pipes do not split cells
    assert "a &lt; b" in row and "c \\| d" in row


# --- codebook.docx ---------------------------------------------------------------------------


def test_word_table_is_landscape_with_repeated_header(book, exported):
    import docx

    document = docx.Document(str(exported["codebook.docx"]))
    section = document.sections[0]
    assert section.page_width > section.page_height
    [table] = document.tables
    assert len(table.rows) == len(book.codes) + 1
    assert [c.text for c in table.rows[0].cells] == ["Code", "Label", "Definitie", "Wel coderen", "Niet coderen", "Bronnen"]
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    assert [r.cells[0].text for r in table.rows[1:]] == book.ids
    casus = table.rows[2].cells
    assert casus[1].text == "Casusgerichte regie"
    assert [p.text for p in casus[5].paragraphs] == ["• Licht 2013", "• Bosselaar & Bannink 2020"]
    widths = [col.width for col in table.columns]
    assert sum(widths) <= section.page_width - section.left_margin - section.right_margin
    assert min(widths) > 0 and widths[2] == max(widths)  # the definition gets the most room
    assert document.core_properties.created is None  # no clock time in the file


# --- codebook_quanteda.yml -------------------------------------------------------------------


def test_quanteda_dictionary_is_nested_by_parent_with_globs(exported):
    text = exported["codebook_quanteda.yml"].read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data == {
        "stijl": {
            "casusgericht": ["casus", "plan van aanpak", "casus*", "*overleg"],
            "netwerkgericht": ["keten*"],
        },
        "vertrouwen": {"persoon": ["vertrouwen", "band opbouwen", "vertrouwen winnen"]},
    }
    assert "# Left out (no terms or compounds to list): vertrouwen.partners" in text
    assert text.startswith("# quanteda dictionary")


def test_quanteda_splits_alternatives(tmp_path):
    [yml] = export_codebook(tricky_book(tmp_path), tmp_path / "out", formats=["codebook_quanteda.yml"])
    assert yaml.safe_load(yml.read_text(encoding="utf-8")) == {"stijl": ["op één lijn", "op 1 lijn", "ik: ja", "*overleg"]}


# --- determinism, run outputs ----------------------------------------------------------------


def test_exports_are_byte_identical_for_the_same_codebook(book, exported, tmp_path):
    elsewhere = tmp_path / "elsewhere" / "codebook.yaml"
    elsewhere.parent.mkdir()
    shutil.copy(VALID, elsewhere)
    again = export_codebook(load_codebook(elsewhere), tmp_path / "again")
    for path in again:
        assert path.read_bytes() == exported[path.name].read_bytes(), path.name


def test_exports_follow_the_codebook(tmp_path, exported):
    changed = tmp_path / "changed.yaml"
    changed.write_text(VALID.read_text(encoding="utf-8").replace("Casusgerichte regie", "Casusregie"), encoding="utf-8")
    again = {p.name: p for p in export_codebook(load_codebook(changed), tmp_path / "out")}
    for name in ("codebook.qdc", "codebook.md", "codebook.docx"):
        assert again[name].read_bytes() != exported[name].read_bytes(), name
    assert "Casusregie" in again["codebook.qdc"].read_text(encoding="utf-8")


def test_docx_has_no_timestamps(exported):
    with zipfile.ZipFile(exported["codebook.docx"]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "dcterms:created" not in core and "dcterms:modified" not in core


def test_write_exports_writes_the_qdc_into_the_run_folder(book, exported, tmp_path):
    written = write_exports(SimpleNamespace(codebook=book), tmp_path)
    assert written == [tmp_path / "codebook.qdc"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["codebook.qdc"]
    assert written[0].read_bytes() == exported["codebook.qdc"].read_bytes()
    assert write_exports(SimpleNamespace(codebook=None), tmp_path / "none") == []


def test_unknown_export_format_is_refused(book, tmp_path):
    with pytest.raises(ValueError, match="unknown codebook export"):
        export_codebook(book, tmp_path, formats=["codebook.pdf"])
