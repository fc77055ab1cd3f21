"""results.xlsx, Parquet copies, typical quotes and report.docx, on a hand-made run."""
from __future__ import annotations

import re
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from pipeline import columns, tables
from pipeline.report import FIGURES, typical_quotes, write_report_outputs
from pipeline.config import StyleThresholds
from pipeline.report.document import (TEXT_WIDTH_MM, dutch_date, fit_widths, short_citation,
                                      style_method_text)
from pipeline.report.quotes import style_evidence
from pipeline.report.workbook import MAX_WIDTH
from test_figures import build_fake_run, fake_run  # noqa: F401  (shared hand-made run)

EPOCH_2025_03_04 = "1741046400"  # 2025-03-04T00:00:00Z


def _write(tmp_path_factory, *, empty: bool):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_03_04)
        out = tmp_path_factory.mktemp("empty" if empty else "full") / "out"
        run = build_fake_run(out, empty=empty)
        paths = write_report_outputs(run, out)
    return run, out, paths


# Module scope: rendering all charts takes seconds; the tests below only read the files.
@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return _write(tmp_path_factory, empty=False)


@pytest.fixture(scope="module")
def written_empty(tmp_path_factory):
    return _write(tmp_path_factory, empty=True)


def _captions(doc, kind):
    return [p.text for p in doc.paragraphs if p.style.name == "Caption" and p.text.startswith(kind)]


def _table_after(doc, caption_start):
    """The table that directly follows the caption paragraph starting with ``caption_start``."""
    body = doc.element.body
    children = list(body.iterchildren())
    for i, child in enumerate(children):
        if child.tag == qn("w:p") and "".join(child.itertext()).startswith(caption_start):
            nxt = children[i + 1]
            assert nxt.tag == qn("w:tbl"), f"no table after {caption_start!r}"
            return next(t for t in doc.tables if t._tbl is nxt)
    raise AssertionError(f"caption {caption_start!r} not found")


# --------------------------------------------------------------------------------------------
# the package entry point


def test_write_report_outputs_lists_every_file(written):
    run, out, paths = written
    assert all(p.exists() for p in paths)
    names = {p.relative_to(out).as_posix() for p in paths}
    for name in FIGURES:
        assert f"figures/{name}.png" in names and f"figures/{name}.svg" in names
    assert "results.xlsx" in names and "report.docx" in names
    assert {f"parquet/{t}.parquet" for t in columns.TABLES} <= names


# --------------------------------------------------------------------------------------------
# workbook and parquet


def test_results_xlsx_has_a_formatted_sheet_per_table(written):
    run, out, _ = written
    wb = openpyxl.load_workbook(out / "results.xlsx")
    assert wb.sheetnames == list(columns.TABLES)
    for name, cols in columns.TABLES.items():
        ws = wb[name]
        header = [c.value for c in ws[1]]
        assert header[: len(cols)] == list(cols), name
        assert ws.max_row == len(run.table(name)) + 1, name
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
        assert all(ws[1][i].font.b for i in range(len(header)))
        widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width for i in range(len(header))]
        assert all(6 <= w <= MAX_WIDTH for w in widths)
    # Values survive: the competence means in the workbook equal the table's.
    ws = wb["competence_summary"]
    header = [c.value for c in ws[1]]
    means = [row[header.index("mean")] for row in ws.iter_rows(min_row=2, values_only=True)]
    expected = tables.tidy(run.competence_summary, "competence_summary")["mean"].tolist()
    assert np.allclose(means, expected)
    # A missing score is an empty cell, not 0 or "nan".
    ws = wb["competences"]
    header = [c.value for c in ws[1]]
    scores = [row[header.index("score")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert None in scores and "nan" not in scores


def test_xlsx_and_docx_are_byte_identical_on_rerun(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_03_04)
    for sub in ("a", "b"):
        run = build_fake_run(tmp_path / sub)
        write_report_outputs(run, tmp_path / sub)
    for rel in ("results.xlsx", "report.docx", "parquet/codings.parquet", "figures/competentieprofiel.svg"):
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel
    with zipfile.ZipFile(tmp_path / "a" / "report.docx") as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_parquet_round_trips(written):
    run, out, _ = written
    for name in columns.TABLES:
        back = pd.read_parquet(out / "parquet" / f"{name}.parquet")
        expected = tables.tidy(run.table(name), name)
        assert list(back.columns) == list(expected.columns), name
        assert len(back) == len(expected), name
        for col in expected.columns:
            if pd.api.types.is_numeric_dtype(expected[col]):
                assert np.allclose(back[col].astype(float), expected[col].astype(float), equal_nan=True), (name, col)
            else:
                left = back[col].map(lambda v: None if v is None or v is pd.NA or v != v else str(v)).tolist()
                right = expected[col].map(lambda v: None if v is None or v != v else str(v)).tolist()
                assert left == right, (name, col)


# --------------------------------------------------------------------------------------------
# quotes


def _quote_inputs():
    segments = pd.DataFrame({
        "doc_id": ["A"] * 6,
        "segment_id": [f"A:{i:04d}" for i in range(1, 7)],
        "role": ["interviewer", "respondent", "respondent", "respondent", "respondent", "respondent"],
        "text": [
            "Wat doet u als regisseur precies in zo'n casus met veel partners?",  # interviewer
            "Ik bel eerst de wijkagent en daarna de reclassering over deze jongen.",  # 12 words
            "Kort.",  # 1 word: too short
            " ".join(["woord"] * 100),  # 100 words: too long
            "We zitten samen aan tafel en maken een plan met alle partners erbij vandaag.",  # 14
            "Vertrouwen is alles in dit werk, zonder vertrouwen gebeurt er helemaal niets.",  # 12
        ],
    })
    codings = pd.DataFrame({
        "doc_id": ["A"] * 7,
        "segment_id": ["A:0001", "A:0002", "A:0003", "A:0004", "A:0005", "A:0006", "A:0006"],
        "code_id": ["x"] * 6 + ["x"],
        "coder": ["rules"] * 6 + ["human:an"],
        "score": [1.0, 0.8, 1.0, 1.0, 0.8, 0.5, 0.9],
        "evidence": [""] * 7,
    })
    return codings, segments


def test_typical_quotes_prefer_high_score_then_short_in_range():
    codings, segments = _quote_inputs()
    quotes = typical_quotes(codings, segments, n=3)
    # A:0001 is the interviewer; A:0003/A:0004 are out of range while three in-range ones exist.
    # A:0006 has the best score over coders (0.9); A:0002 and A:0005 tie on 0.8 → shorter first.
    assert quotes["segment_id"].tolist() == ["A:0006", "A:0002", "A:0005"]
    assert quotes["rank"].tolist() == [1, 2, 3]
    assert quotes["respondent_id"].tolist() == ["A", "A", "A"]


def test_typical_quotes_fall_back_to_out_of_range_and_shorten():
    codings, segments = _quote_inputs()
    quotes = typical_quotes(codings, segments, n=5)
    assert len(quotes) == 5
    long = quotes[quotes["segment_id"] == "A:0004"].iloc[0]
    assert long["shortened"] and long["text"].endswith("[…]") and len(long["text"].split()) == 81


def test_typical_quotes_prefer_a_segment_not_quoted_for_an_earlier_code():
    codings, segments = _quote_inputs()
    # Code "y" carries the same segments; its two best (A:0006, A:0002) are already quoted for "x".
    second = codings[codings["segment_id"].isin(["A:0002", "A:0005", "A:0006"])].assign(code_id="y")
    both = pd.concat([codings.assign(code_id="w"), second])  # "w" sorts before "y"
    quotes = typical_quotes(both, segments, n=2)
    by_code = quotes.groupby("code_id")["segment_id"].apply(list).to_dict()
    assert by_code["w"] == ["A:0006", "A:0002"]
    assert by_code["y"] == ["A:0005", "A:0006"]  # the fresh one first, then the best repeated
    assert typical_quotes(both, segments, n=2, distinct=False).query("code_id == 'y'")[
        "segment_id"].tolist() == ["A:0006", "A:0002"]


def test_style_evidence_reads_segment_ids(fake_run):
    ev = style_evidence(fake_run.respondents, fake_run.segments)
    listed = sum(len([i for i in re.split(r"[;,|\s]+", str(e)) if i]) for e in fake_run.respondents["evidence"])
    assert len(ev) == listed > 0
    texts = dict(zip(fake_run.segments["segment_id"], fake_run.segments["text"]))
    assert all(texts[r.segment_id] == r.text for r in ev.itertuples())


# --------------------------------------------------------------------------------------------
# report.docx


def test_report_title_page_and_properties(written):
    run, out, _ = written
    doc = Document(out / "report.docx")
    titles = [p.text for p in doc.paragraphs if p.style.name == "Title"]
    assert titles == [run.config.name]
    assert any(p.text == "Rundatum: 4 maart 2025" for p in doc.paragraphs)
    props = doc.core_properties
    assert props.created.date().isoformat() == "2025-03-04" == props.modified.date().isoformat()
    assert props.title == run.config.name
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.5) and abs(section.page_height - Mm(297)) < Mm(0.5)
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and "fldChar" in footer_xml


def test_report_method_paragraph_is_computed_from_the_run(written):
    run, out, _ = written
    doc = Document(out / "report.docx")
    text = "\n".join(p.text for p in doc.paragraphs)
    ok = run.documents[run.documents["status"] == "ok"]
    words = f"{int(ok['n_words'].sum()):,}".replace(",", ".")
    assert f"{len(ok)} interviews ({words} woorden)" in text
    assert f"{len(run.segments)} segmenten (eenheid: spreekbeurt)" in text
    assert f"‘{run.codebook.name}’ (versie {run.codebook.version}" in text
    assert "regelgebaseerde codeerder (rules)" in text
    assert "gepseudonimiseerd" in text
    assert "Eén bestand is overgeslagen" in text


def test_style_method_paragraph_describes_the_index_rule_with_its_thresholds():
    styles = StyleThresholds().model_dump()
    text = style_method_text(styles)
    assert "stijlindex" in text and "factor" not in text
    assert f"minder dan {styles['min_index']:.1f}".replace(".", ",") + " van nul" in text
    assert "gelijk verdeeld" in text and f"ten minste {styles['balanced_min_turns']} elke kant op" in text
    assert "zegt beide te doen" in text and "het model dat met regie-pipeline wordt meegeleverd" in text
    assert "style_index, casus_turns en netwerk_turns" in text


def test_style_method_paragraph_leaves_out_the_checks_that_are_switched_off():
    styles = StyleThresholds(thin_share=None, balanced_share=None, mixed_band=0,
                             self_label_band=None, turn_leaning="focus_words").model_dump()
    text = style_method_text(styles)
    for gone in ("gelijk verdeeld", "zegt beide te doen", "zichzelf uitdrukkelijk", "hoogstens",
                 "getraind"):
        assert gone not in text
    assert "woordenlijsten van het codeboek." in text
    assert f"minder dan {styles['min_segments']} gecodeerde respondentsegmenten." in text


def test_style_method_paragraph_of_the_ratio_rule_names_its_factor():
    styles = StyleThresholds(rule="ratio", min_ratio=1.8).model_dump()
    text = style_method_text(styles)
    assert "met een factor 1,8 overtreft" in text and "stijlindex" not in text
    # min_share None: the ratio rule's own 0.05
    assert "de stijl ten minste 5,0% van de segmenten draagt" in text


def test_style_method_paragraph_names_a_code_gate_only_when_one_is_set():
    assert "code van de leidende stijl" not in style_method_text(StyleThresholds().model_dump())
    text = style_method_text(StyleThresholds(min_share=0.1).model_dump())
    assert "wanneer minder dan 10,0% van de segmenten een code van de leidende stijl draagt" in text


def test_report_method_paragraph_follows_the_style_rule_of_the_run(written):
    run, out, _ = written
    text = "\n".join(p.text for p in Document(out / "report.docx").paragraphs)
    assert style_method_text(run.config.styles.model_dump()).split(";")[0] in text


def test_report_style_table_shows_the_index_and_the_leaning_answers(written):
    run, out, _ = written
    table = _table_after(Document(out / "report.docx"), "Tabel 2.")
    assert [c.text for c in table.rows[0].cells] == [
        "Respondent", "Regiestijl", "Casus", "Netwerk", "Segmenten", "Antwoorden", "Index"]
    by_id = run.respondents.set_index("respondent_id")
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        resp = by_id.loc[cells[0]]
        assert cells[5] == f"{int(resp['casus_turns'])} / {int(resp['netwerk_turns'])}"
        assert cells[6] == f"{resp['style_index']:.2f}".replace(".", ",")


def test_report_captions_are_numbered_in_order(written):
    run, out, _ = written
    doc = Document(out / "report.docx")
    figures = _captions(doc, "Figuur")
    tables_ = _captions(doc, "Tabel")
    assert [c.split(".")[0] for c in figures] == [f"Figuur {i}" for i in range(1, len(FIGURES) + 1)]
    assert [c.split(".")[0] for c in tables_] == [f"Tabel {i}" for i in range(1, 5)]
    assert len(doc.inline_shapes) == len(FIGURES)
    for shape in doc.inline_shapes:
        assert shape.width <= Mm(TEXT_WIDTH_MM) + Mm(0.5)
    # Captions are Word SEQ fields, so Word can make a list of figures from them.
    assert doc.element.body.xml.count("SEQ Figuur") == len(FIGURES)


def test_report_tables_have_the_expected_rows(written):
    run, out, _ = written
    doc = Document(out / "report.docx")
    code_table = _table_after(doc, "Tabel 1.")
    assert len(code_table.rows) == len(run.code_summary) + 1
    assert [c.text for c in code_table.rows[0].cells] == ["Code", "Segmenten", "Respondenten"]
    labels = [r.cells[0].text for r in code_table.rows[1:]]
    assert "Vertrouwen en wantrouwen tussen professionals" in labels
    assert not any("." in label and " " not in label for label in labels)  # labels, not ids
    style_table = _table_after(doc, "Tabel 2.")
    assert len(style_table.rows) == len(run.respondents) + 1
    comp_table = _table_after(doc, "Tabel 3.")
    assert len(comp_table.rows) == len(run.competence_summary) + 1
    first = comp_table.rows[1].cells
    top = run.competence_summary.sort_values("rank").iloc[0]
    assert first[0].text.lower() == top["competence"] and first[6].text == "1"
    assert first[2].text == f"{top['mean']:.2f}".replace(".", ",")
    appendix = _table_after(doc, "Tabel 4.")
    assert len(appendix.rows) == len(run.codebook.codes) + 1
    for table in (code_table, style_table, comp_table, appendix):
        assert table.style.name == "Table Grid"
        header_pr = table.rows[0]._tr.trPr
        assert header_pr is not None and header_pr.find(qn("w:tblHeader")) is not None
        total = sum(c.width for c in table.columns)
        assert total <= Mm(TEXT_WIDTH_MM) + Mm(0.5)


def test_report_quotes_carry_segment_ids(written):
    run, out, _ = written
    doc = Document(out / "report.docx")
    quote_paragraphs = [p.text for p in doc.paragraphs if p.style.name == "Quote"]
    expected = typical_quotes(run.codings, run.segments, run.documents, n=run.config.n_quotes)
    assert len(quote_paragraphs) == len(expected) > 0
    assert expected.groupby("code_id").size().max() <= 3
    for q in expected.itertuples():
        assert any(q.segment_id in p and q.text in p for p in quote_paragraphs), q.segment_id
    interviewer_ids = set(run.segments.loc[run.segments["role"] == "interviewer", "segment_id"])
    assert not any(i in p for p in quote_paragraphs for i in interviewer_ids)


def test_report_appendix_has_definitions_and_full_citations(written):
    run, out, _ = written
    doc = Document(out / "report.docx")
    assert any(p.text == "Bijlage A. Codeboek" and p.style.name == "Heading 1" for p in doc.paragraphs)
    appendix = _table_after(doc, "Tabel 4.")
    code = run.codebook.get("proces.probleemanalyse")
    row = next(r for r in appendix.rows if r.cells[0].text.startswith(code.label))
    assert row.cells[1].text == code.definition
    paragraphs = [p.text for p in doc.paragraphs]
    for key in code.sources:
        full = run.codebook.references[key]
        assert short_citation(full, key) in row.cells[2].text.split("\n")
        assert full in paragraphs  # once, in the reference list under the table
    assert "Literatuur" in paragraphs
    cited = {k for c in run.codebook.codes for k in c.sources}
    assert sum(p in run.codebook.references.values() for p in paragraphs) == len(cited)


def test_report_headings_use_word_styles(written):
    _, out, _ = written
    doc = Document(out / "report.docx")
    h1 = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert h1 == ["Methode", "Codes", "Regiestijlen", "Competenties", "Typerende citaten", "Bijlage A. Codeboek"]
    assert any(p.style.name == "Heading 2" for p in doc.paragraphs)


def test_empty_run_gives_complete_outputs_without_crashing(written_empty):
    run, out, paths = written_empty
    doc = Document(out / "report.docx")
    assert len(doc.inline_shapes) == 0
    text = "\n".join(p.text for p in doc.paragraphs)
    assert text.count("er zijn geen gegevens voor") == len(FIGURES)
    assert "Er is geen competentiescan ingelezen." in text
    assert _captions(doc, "Figuur") == []
    appendix = _table_after(doc, "Tabel 1.")  # only the codebook table remains
    assert len(appendix.rows) == len(run.codebook.codes) + 1
    wb = openpyxl.load_workbook(out / "results.xlsx")
    assert wb.sheetnames == list(columns.TABLES)
    assert all(wb[name].max_row == 1 for name in columns.TABLES)
    assert all((out / "figures" / f"{n}.png").exists() for n in FIGURES)


def test_report_without_codebook_still_has_labels(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_03_04)
    run = build_fake_run(tmp_path / "out")
    run.codebook = None
    run.config = None  # as after load_run without a manifest
    write_report_outputs(run, tmp_path / "out")
    doc = Document(tmp_path / "out" / "report.docx")
    labels = [r.cells[0].text for r in _table_after(doc, "Tabel 1.").rows[1:]]
    assert "Informatiedeling en privacyregels" in labels


def test_fit_widths_keeps_headers_whole_and_fits_the_page():
    widths = fit_widths(["Omschrijving", "Netwerkgericht", "Respondenten"], [150, 10, 10])
    assert sum(widths) <= TEXT_WIDTH_MM + 1e-9
    assert widths[1] >= len("Netwerkgericht") * 1.95 and widths[2] >= len("Respondenten") * 1.95


def test_short_citation():
    assert short_citation("Licht, H. (2013). Sturing zonder hiërarchie.", "licht") == "Licht (2013)"
    assert short_citation("Bosselaar, H., & Bannink, D. (2020). Titel.", "b") == "Bosselaar & Bannink (2020)"
    assert short_citation("Achbab, S., Bosselaar, H., & van Steden, R. (2022). T.", "a") == "Achbab et al. (2022)"
    assert short_citation("ZonMw (z.j.). Aanpak HGKM.", "z") == "ZonMw (z.j.)"
    assert short_citation("Geen jaartal hier.", "key") == "key"


def test_dutch_date():
    import datetime as dt

    assert dutch_date(dt.date(2025, 3, 4)) == "4 maart 2025"


def test_run_date_from_environment_then_manifest(monkeypatch):
    import datetime as dt
    from types import SimpleNamespace

    from pipeline.report.reproducible import run_date

    loaded = SimpleNamespace(manifest={"run_info": {"started": "2024-05-06T10:00:00Z"}})
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert run_date(loaded) == dt.date(2024, 5, 6)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_03_04)
    assert run_date(loaded) == dt.date(2025, 3, 4)


def test_style_method_paragraph_names_the_thin_gate_that_is_set():
    default = style_method_text(StyleThresholds().model_dump())
    assert "gemiddeld een kans van hoogstens 0,3 geeft dat ze naar de persoon of naar het netwerk neigen" in default
    assert "van de antwoorden (van ten minste" not in default  # the count gate is off by default
    counted = style_method_text(StyleThresholds(thin_share=0.25, thin_probability=None).model_dump())
    assert "gemiddeld een kans" not in counted
    assert "hoogstens 25,0% van de antwoorden (van ten minste 8 woorden)" in counted
