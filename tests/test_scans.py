"""Competence scans: three layouts with messy headers, validation with cell references, summary."""
from __future__ import annotations

import math
import statistics
from fractions import Fraction
from pathlib import Path

import docx
import openpyxl
import pandas as pd
import pytest

from pipeline import columns, scans
from pipeline.config import StudyConfig
from pipeline.errors import ConfigError

FIXTURES = Path(__file__).parent / "fixtures" / "scans"
COMPETENCES = FIXTURES / "competences.yaml"


@pytest.fixture
def config(tmp_path):
    return StudyConfig(competences=COMPETENCES, out=tmp_path / "out")


@pytest.fixture
def names():
    return scans.load_competences(COMPETENCES)


def messages(problems):
    return [p.message for p in problems]


# ---------------------------------------------------------------------------- builders

#: The group's true scores; None = left empty in the file.
WIDE = {
    "R01": {"oordeelsvorming": 5, "onderhandelen": 2, "aanpassingsvermogen": 4, "communiceren": 4},
    "R02": {"oordeelsvorming": 4, "onderhandelen": None, "aanpassingsvermogen": 3, "communiceren": 5},
    "R03": {"oordeelsvorming": 4, "onderhandelen": 3, "aanpassingsvermogen": 4, "communiceren": 3},
}
WIDE_HEADERS = {"oordeelsvorming": "Oordeels-vorming ", "onderhandelen": "Onderh.",
                "aanpassingsvermogen": "AANPASSINGSVERMOGEN", "communiceren": "communicatie"}


def write_wide_xlsx(path: Path, data=WIDE, sheet="Scan", extra=None):
    """Title rows above the header (one merged), a Datum column, a Gemiddelde row below."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    ws["A1"] = "Competentiescan regisseurs 2024"
    ws.merge_cells("A1:F1")
    ws["A2"] = "Schaal 1 (zwak) tot 5 (sterk)"
    comps = list(WIDE_HEADERS)
    ws.append(["Resp.nr.", *[WIDE_HEADERS[c] for c in comps], "Datum"])  # row 3
    for rid, scores in data.items():
        ws.append([rid, *[scores.get(c) for c in comps], "12-03-2024"])
    ws.append(["Gemiddelde", 4.33, 2.5, 3.67, 4, None])
    for cell, value in (extra or {}).items():
        ws[cell] = value
    book.save(path)
    return path


def write_form_docx(path: Path, scores: dict[str, int | None], *, title: str | None = None,
                    layout: str = "marks", respondent_row: str | None = None, mark: str = "X"):
    """A per-respondent form: a table with a row per competence, marks in columns 1–5 or a score."""
    document = docx.Document()
    if title:
        document.add_paragraph(title)
    document.add_paragraph("Kruis per competentie aan hoe sterk u die bij uzelf vindt.")
    if layout == "marks":
        table = document.add_table(rows=1, cols=6)
        for j, text in enumerate(["Competentie", "1", "2", "3", "4", "5"]):
            table.rows[0].cells[j].text = text
    else:
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Competentie"
        table.rows[0].cells[1].text = "Score"
    if respondent_row:
        row = table.add_row().cells
        row[0].text = "Respondent"
        row[1].text = respondent_row
    for name, score in scores.items():
        row = table.add_row().cells
        row[0].text = name
        if layout == "marks":
            points = score if isinstance(score, (list, tuple)) else ([] if score is None else [score])
            for point in points:
                row[point].text = mark
        else:
            row[1].text = "" if score is None else str(score)
    document.save(path)
    return path


# ---------------------------------------------------------------------------- names


@pytest.mark.parametrize("header, expected", [
    ("Oordeels-vorming ", "oordeelsvorming"),
    ("AANPASSINGSVERMOGEN", "aanpassingsvermogen"),
    ("communicatie", "communiceren"),
    ("Oordeelsv.", "oordeelsvorming"),
    ("Probl.analyse", "probleemanalyse"),
    ("  Oordéelsvorming", "oordeelsvorming"),
    ("3. Netwerken (1-5)", "netwerken"),
    ("Aanpasingsvermogen", "aanpassingsvermogen"),  # one letter short: a typing error
    ("Verbinden – mensen bij elkaar brengen", "verbinden"),
])
def test_messy_competence_names_map_to_canonical(names, header, expected):
    assert names.match(header) == expected


def test_ambiguous_and_unknown_names_do_not_map(names):
    assert names.resolve("Onder.") == (None, ["onderhandelen", "ondernemen"])
    assert names.resolve("Creativiteit") == (None, [])
    assert names.match("Respondent") is None


def test_a_synonym_listed_for_two_competences_is_a_config_error(tmp_path):
    bad = tmp_path / "c.yaml"
    bad.write_text("competences:\n  - {name: a, synonyms: [x]}\n  - {name: b, synonyms: [x]}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'x' is listed for both a and b"):
        scans.load_competences(bad)


def test_missing_competence_list_is_a_config_error(tmp_path):
    config = StudyConfig(competences=tmp_path / "nope.yaml")
    (tmp_path / "s.csv").write_text("respondent,competentie,score\nR1,netwerken,3\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="competence list not found"):
        scans.read_scans(tmp_path / "s.csv", config)


# ---------------------------------------------------------------------------- three layouts


def expected_means(*datasets) -> dict[str, Fraction]:
    merged: dict[tuple[str, str], int] = {}
    for data in datasets:
        for rid, scores in data.items():
            for comp, score in scores.items():
                if score is not None:
                    merged[(rid, comp)] = score
    by_comp: dict[str, list[int]] = {}
    for (rid, comp), score in merged.items():
        by_comp.setdefault(comp, []).append(score)
    return {comp: Fraction(sum(v), len(v)) for comp, v in by_comp.items()}


def test_wide_xlsx_with_title_rows_merged_title_and_missing_cell(tmp_path, config):
    path = write_wide_xlsx(tmp_path / "competentiescan.xlsx")
    comp, problems = scans.read_scans(path, config)
    assert problems == []
    assert list(comp.columns) == list(columns.COMPETENCES)
    assert set(comp["source_file"]) == {"competentiescan.xlsx"}
    summary = scans.competence_summary(comp).set_index("competence")
    # the empty cell lowers n and is not a zero
    assert summary.loc["onderhandelen", "n"] == 2
    assert summary.loc["onderhandelen", "mean"] == pytest.approx(2.5)
    assert summary.loc["oordeelsvorming", "n"] == 3
    assert round(summary.loc["oordeelsvorming", "mean"], 3) == 4.333
    assert round(summary.loc["aanpassingsvermogen", "mean"], 3) == 3.667
    # the "Gemiddelde" row and the "Datum" column are not data
    assert set(comp["respondent_id"]) == {"R01", "R02", "R03"}
    assert scans.highest_lowest(scans.competence_summary(comp)) == (["oordeelsvorming"], ["onderhandelen"])


def test_long_csv_semicolons_decimal_commas_header_below_a_title(tmp_path, config):
    path = tmp_path / "scan_lang.csv"
    path.write_text(
        "Competentiescan (lang formaat);;\n"
        "Resp;Competentie;Score\n"
        "R04;Oordeelsv.;4,0\n"
        "R04;onderhandeling;2\n"
        "R04;Netwerken;\n"
        "R05;OORDEELSVORMING;5\n"
        "R05;Onderhandelen;1.0\n"
        "R05;netwerk;3\n",
        encoding="cp1252",
    )
    comp, problems = scans.read_scans(path, config)
    assert problems == []
    got = {(r, c): s for r, c, s, _ in comp.itertuples(index=False)}
    assert got == {("R04", "oordeelsvorming"): 4.0, ("R04", "onderhandelen"): 2.0,
                   ("R05", "oordeelsvorming"): 5.0, ("R05", "onderhandelen"): 1.0,
                   ("R05", "netwerken"): 3.0}


def test_docx_forms_marks_and_score_column_with_respondent_from_text_row_or_name(tmp_path, config):
    write_form_docx(tmp_path / "form_a.docx", {"Oordeelsvorming": 5, "Onderhandelen": 1, "Netwerken": None},
                    title="Competentiescan – respondent R07")
    write_form_docx(tmp_path / "form_b.docx", {"Oordeels-vorming": 3, "ONDERHANDELEN": 2},
                    layout="score", respondent_row="R08")
    write_form_docx(tmp_path / "scan_R09.docx", {"oordeelsvorming": 4, "onderhandelen": 2, "netwerk": 4},
                    mark="☒")
    write_form_docx(tmp_path / "form_d.docx", {"Oordeelsvorming": 2}, title="Respondent: R10", mark="✓")
    comp, problems = scans.read_scans(tmp_path, config)
    assert problems == []
    got = {(r, c): s for r, c, s, _ in comp.itertuples(index=False)}
    assert got == {
        ("R07", "oordeelsvorming"): 5.0, ("R07", "onderhandelen"): 1.0,
        ("R08", "oordeelsvorming"): 3.0, ("R08", "onderhandelen"): 2.0,
        ("R09", "oordeelsvorming"): 4.0, ("R09", "onderhandelen"): 2.0, ("R09", "netwerken"): 4.0,
        ("R10", "oordeelsvorming"): 2.0,
    }
    assert comp.loc[comp["respondent_id"] == "R09", "source_file"].unique().tolist() == ["scan_R09.docx"]


@pytest.mark.parametrize(("title", "expected"), [
    ("Respondent: Regisseur B – zelfscan competenties regievoering.", "Regisseur B"),
    ("Competentiescan – Regisseur A. Kruis per competentie aan (1 = zeer zwak, 5 = zeer sterk).", "Regisseur A"),
    ("Respondent: R05 Datum: 3 maart", "R05"),
    ("Respondent: R07, team Noord", "R07"),
    ("Competentiescan: R09", "R09"),
])
def test_form_respondent_ids_written_in_running_text(tmp_path, config, title, expected):
    # Found by a blind test set: "Respondent: Regisseur B – …" gave "Regisseur" for B, D and F,
    # whose scores then conflicted and were all left out.
    write_form_docx(tmp_path / "scan.docx", {"Oordeelsvorming": 4, "Onderhandelen": 2}, title=title)
    comp, problems = scans.read_scans(tmp_path, config)
    assert problems == []
    assert comp["respondent_id"].unique().tolist() == [expected]


def test_form_titled_with_a_description_not_an_id_falls_back_to_the_file_name(tmp_path, config):
    write_form_docx(tmp_path / "scan_R11.docx", {"Oordeelsvorming": 4},
                    title="Competentiescan – zelfbeoordeling regisseurs Top600")
    comp, problems = scans.read_scans(tmp_path, config)
    assert problems == []
    assert comp["respondent_id"].unique().tolist() == ["R11"]


def test_three_layouts_together_give_exact_means_and_highest_lowest(tmp_path, config):
    folder = tmp_path / "scans"
    folder.mkdir()
    write_wide_xlsx(folder / "competentiescan.xlsx")
    long_data = {"R04": {"oordeelsvorming": 4, "onderhandelen": 3, "communiceren": None},
                 "R05": {"oordeelsvorming": 5, "onderhandelen": 1, "communiceren": 4}}
    lines = ["respondent_id,competence,score"]
    for rid, scores in long_data.items():
        for comp_name, score in scores.items():
            lines.append(f"{rid},{comp_name.upper()},{'' if score is None else score}")
    (folder / "lang.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    form_data = {"R06": {"oordeelsvorming": 5, "onderhandelen": 2, "aanpassingsvermogen": None}}
    write_form_docx(folder / "scan_R06.docx", {"Oordeelsvorming": 5, "Onderhandelen": 2,
                                               "Aanpassingsvermogen": None})
    comp, problems = scans.read_scans(folder, config)
    assert problems == []
    summary = scans.competence_summary(comp).set_index("competence")
    expected = expected_means(WIDE, long_data, form_data)
    assert set(summary.index) == set(expected)
    for name, mean in expected.items():
        assert round(summary.loc[name, "mean"], 3) == round(float(mean), 3), name
        assert summary.loc[name, "mean"] == pytest.approx(float(mean), abs=1e-12)
    assert summary.loc["oordeelsvorming", "n"] == 6          # 3 wide + 2 long + 1 form
    assert summary.loc["communiceren", "n"] == 4              # R04's empty cell
    assert summary.loc["aanpassingsvermogen", "n"] == 3       # R06's row without a mark
    highest, lowest = scans.highest_lowest(scans.competence_summary(comp))
    assert highest == [max(expected, key=expected.get)] == ["oordeelsvorming"]
    assert lowest == [min(expected, key=expected.get)] == ["onderhandelen"]


def test_transposed_wide_sheet_and_two_row_merged_header(tmp_path, config):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Per competentie"
    ws.append(["Overzicht zelfscores"])
    ws.append(["Competentie", "R11", "R12"])
    ws.append(["Oordeelsvorming", 4, 5])
    ws.append(["Onderhandelen", 2, None])
    ws2 = book.create_sheet("Blad2")
    ws2.append(["Respondent", "Competenties", None])
    ws2.append([None, "Netwerken", "Verbinden"])
    ws2.merge_cells("A1:A2")
    ws2.merge_cells("B1:C1")
    ws2.append(["R13", 3, 4])
    book.save(tmp_path / "scan.xlsx")
    comp, problems = scans.read_scans(tmp_path / "scan.xlsx", config)
    assert problems == []
    got = {(r, c): s for r, c, s, _ in comp.itertuples(index=False)}
    assert got == {("R11", "oordeelsvorming"): 4.0, ("R11", "onderhandelen"): 2.0,
                   ("R12", "oordeelsvorming"): 5.0, ("R13", "netwerken"): 3.0, ("R13", "verbinden"): 4.0}


# ---------------------------------------------------------------------------- validation


def test_cell_problems_are_reported_with_references_and_left_out(tmp_path, config):
    # Row 4 = R01, row 5 = R02, row 6 = R03; B = oordeelsvorming, C = onderhandelen,
    # D = aanpassingsvermogen, E = communiceren.
    path = write_wide_xlsx(tmp_path / "competentiescan.xlsx",
                           extra={"D5": 7, "B6": "vier", "C4": "4+", "E4": "4,0", "E5": 4.0, "E6": "4.0",
                                  "D6": True})
    comp, problems = scans.read_scans(path, config)
    assert sorted(messages(problems)) == sorted([
        "competentiescan.xlsx!Scan!D5: score 7 is outside 1–5",
        "competentiescan.xlsx!Scan!B6: score 'vier' is not a number",
        "competentiescan.xlsx!Scan!C4: score '4+' is not a number",
        "competentiescan.xlsx!Scan!D6: score True is not a number",
    ])
    assert {p.path for p in problems} == {str(path)}
    got = {(r, c): s for r, c, s, _ in comp.itertuples(index=False)}
    assert got[("R01", "communiceren")] == got[("R02", "communiceren")] == got[("R03", "communiceren")] == 4.0
    for bad in [("R02", "aanpassingsvermogen"), ("R03", "oordeelsvorming"), ("R01", "onderhandelen")]:
        assert bad not in got
    # the rest of the file is used
    assert got[("R01", "oordeelsvorming")] == 5.0


def test_scale_is_configurable(tmp_path):
    config = StudyConfig(competences=COMPETENCES, scale_min=1, scale_max=10)
    path = tmp_path / "s.csv"
    path.write_text("respondent,competentie,score\nR1,netwerken,7\nR1,verbinden,11\n", encoding="utf-8")
    comp, problems = scans.read_scans(path, config)
    assert comp["score"].tolist() == [7.0]
    assert messages(problems) == ["s.csv!C3: score 11 is outside 1–10"]


def test_unknown_competence_is_reported_with_its_header_cell(tmp_path, config):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Scan"
    ws.append(["Respondent", "Netwerken", "Creativiteit", "Onder.", "Opmerkingen"])
    ws.append(["R01", 4, 5, 3, "prima"])
    book.save(tmp_path / "scan.xlsx")
    comp, problems = scans.read_scans(tmp_path / "scan.xlsx", config)
    assert messages(problems) == [
        "scan.xlsx!Scan!C1: unknown competence 'Creativiteit' (not in the competence list)",
        "scan.xlsx!Scan!D1: unknown competence 'Onder.' (could be onderhandelen, ondernemen)",
    ]
    assert comp[["respondent_id", "competence", "score"]].values.tolist() == [["R01", "netwerken", 4.0]]


def test_unknown_competence_in_long_table_is_reported_once_with_count(tmp_path, config):
    path = tmp_path / "lang.csv"
    path.write_text("respondent,competentie,score\nR1,Creativiteit,4\nR2,Creativiteit,3\nR1,netwerken,2\n",
                    encoding="utf-8")
    comp, problems = scans.read_scans(path, config)
    assert messages(problems) == ["lang.csv!B2: unknown competence 'Creativiteit' (not in the competence list); "
                                  "2 rows left out"]
    assert len(comp) == 1


def test_form_with_two_marks_and_unknown_row(tmp_path, config):
    write_form_docx(tmp_path / "scan_R20.docx",
                    {"Oordeelsvorming": [3, 5], "Onderhandelen": 2, "Creativiteit": 4, "Netwerken": None})
    comp, problems = scans.read_scans(tmp_path, config)
    assert messages(problems) == [
        "scan_R20.docx, table 1, row 2: two marks in one row (3 and 5) for oordeelsvorming; left out",
        "scan_R20.docx, table 1, row 4: unknown competence 'Creativiteit' (not in the competence list)",
    ]
    assert comp[["respondent_id", "competence", "score"]].values.tolist() == [["R20", "onderhandelen", 2.0]]


def test_form_score_column_with_bad_value(tmp_path, config):
    write_form_docx(tmp_path / "f.docx", {"Netwerken": "vier", "Verbinden": 6, "Afstemmen": "3"},
                    layout="score", title="Respondent: R21")
    comp, problems = scans.read_scans(tmp_path / "f.docx", config)
    assert messages(problems) == ["f.docx, table 1, row 2: score 'vier' is not a number",
                                  "f.docx, table 1, row 3: score 6 is outside 1–5"]
    assert comp[["respondent_id", "competence", "score"]].values.tolist() == [["R21", "afstemmen", 3.0]]


def test_same_respondent_twice_conflict_is_reported_identical_kept_once(tmp_path, config):
    write_wide_xlsx(tmp_path / "competentiescan.xlsx")
    # R01 again in a form: oordeelsvorming agrees (5), onderhandelen differs (2 in the sheet)
    write_form_docx(tmp_path / "scan_R01.docx", {"Oordeelsvorming": 5, "Onderhandelen": 4})
    comp, problems = scans.read_scans(tmp_path, config)
    assert messages(problems) == [
        "scan_R01.docx, table 1, row 3: respondent R01 has score 4 for onderhandelen here but 2 in "
        "competentiescan.xlsx!Scan!C4; both left out"
    ]
    assert problems[0].path == str(tmp_path / "scan_R01.docx")
    r01 = comp[comp["respondent_id"] == "R01"].set_index("competence")
    assert "onderhandelen" not in r01.index
    assert (comp[["respondent_id", "competence"]].value_counts() == 1).all()
    assert r01.loc["oordeelsvorming", "score"] == 5.0
    assert r01.loc["oordeelsvorming", "source_file"] == "competentiescan.xlsx"  # the first place read


def test_unreadable_files_are_problems_and_the_others_go_on(tmp_path, config):
    (tmp_path / "kapot.xlsx").write_bytes(b"PK\x03\x04 this is not really a zip")
    (tmp_path / "beveiligd.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    (tmp_path / "kapot.docx").write_bytes(b"not a docx at all")
    (tmp_path / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "~$competentiescan.xlsx").write_bytes(b"lock file")
    (tmp_path / "notities.pdf").write_bytes(b"%PDF-1.4")
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Scan"
    ws.append(["Respondent", "Netwerken", "Verbinden"])
    ws.append(["R01", "goed", "matig"])
    ws.append(["R02", "ja", "nee"])
    book.save(tmp_path / "tekst.xlsx")
    write_form_docx(tmp_path / "scan_R30.docx", {"Netwerken": 4})
    comp, problems = scans.read_scans(tmp_path, config)
    text = messages(problems)
    assert "kapot.xlsx: cannot be read: not a valid .xlsx workbook (damaged or another format)" in text
    assert any(m.startswith("beveiligd.xlsx: cannot be read: password-protected") for m in text)
    assert any(m.startswith("kapot.docx: cannot be read: not a valid .docx") for m in text)
    assert "oud.xls: cannot be read: old .xls format; save it as .xlsx" in text
    assert sum(m.startswith("tekst.xlsx!Scan!") and "is not a number" in m for m in text) == 4
    assert not any("~$" in m or "notities" in m for m in text)
    # the good form is still read
    assert comp[["respondent_id", "competence", "score"]].values.tolist() == [["R30", "netwerken", 4.0]]


def test_scores_without_respondent_id_are_reported(tmp_path, config):
    path = tmp_path / "s.csv"
    path.write_text("respondent;netwerken;verbinden\nR1;4;3\n;5;2\n", encoding="utf-8")
    comp, problems = scans.read_scans(path, config)
    assert messages(problems) == ["s.csv!A3: scores in a row without a respondent id; row left out"]
    assert len(comp) == 2


def test_no_layout_found_is_reported(tmp_path, config):
    path = tmp_path / "s.csv"
    path.write_text("wie,wat,hoeveel\nR1,x,4\n", encoding="utf-8")
    comp, problems = scans.read_scans(path, config)
    assert comp.empty
    assert len(problems) == 1 and problems[0].message.startswith("s.csv: no competence scan found")


def test_inputs_are_not_modified_and_output_is_deterministic(tmp_path, config):
    path = write_wide_xlsx(tmp_path / "competentiescan.xlsx")
    before = path.read_bytes()
    first, _ = scans.read_scans(tmp_path, config)
    second, _ = scans.read_scans(tmp_path, config)
    assert path.read_bytes() == before
    pd.testing.assert_frame_equal(first, second)
    assert first.equals(first.sort_values(["respondent_id", "competence"]).reset_index(drop=True))


@pytest.mark.parametrize("value, expected", [
    ("4", (4.0, None)), ("4,0", (4.0, None)), (4.0, (4.0, None)), ("4.0", (4.0, None)), (3, (3.0, None)),
    ("", (None, None)), (None, (None, None)), ("n.v.t.", (None, None)), ("-", (None, None)),
    ("vier", (None, "score 'vier' is not a number")), ("4+", (None, "score '4+' is not a number")),
    (0, (None, "score 0 is outside 1–5")), ("5,5", (None, "score 5.5 is outside 1–5")),
    (float("nan"), (None, None)),
])
def test_parse_score(value, expected):
    assert scans.parse_score(value, 1, 5) == expected


# ---------------------------------------------------------------------------- summary


def test_competence_summary_statistics_and_ties():
    comp = pd.DataFrame({
        "respondent_id": ["a", "b", "c", "a", "b", "a", "b", "a"],
        "competence": ["x", "x", "x", "y", "y", "z", "z", "w"],
        "score": [1.0, 2.0, 4.0, 3.0, 4.0, 4.0, 3.0, 5.0],
        "source_file": ["f"] * 8,
    })
    summary = scans.competence_summary(comp)
    assert list(summary.columns) == list(columns.COMPETENCE_SUMMARY)
    assert summary["competence"].tolist() == ["w", "x", "y", "z"]
    s = summary.set_index("competence")
    assert s.loc["x", "n"] == 3
    assert s.loc["x", "mean"] == pytest.approx(7 / 3)
    assert s.loc["x", "sd"] == pytest.approx(statistics.stdev([1, 2, 4]))
    assert s.loc["x", "sd"] == pytest.approx(math.sqrt(((1 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (4 - 7 / 3) ** 2) / 2))
    assert math.isnan(s.loc["w", "sd"])  # n = 1
    assert (s.loc["x", "min"], s.loc["x", "max"]) == (1.0, 4.0)
    # w 5.0 → 1; y and z tie at 3.5 → both 2; x 2.33 → 4
    assert s["rank"].to_dict() == {"w": 1, "x": 4, "y": 2, "z": 2}
    assert scans.highest_lowest(summary) == (["w"], ["x"])


def test_highest_lowest_ties_and_empty():
    summary = pd.DataFrame({"competence": ["a", "b", "c"], "n": [2, 2, 2], "mean": [0.1 + 0.2, 0.3, 0.1],
                            "sd": [0, 0, 0], "min": [0, 0, 0], "max": [0, 0, 0], "rank": [1, 1, 3]})
    assert scans.highest_lowest(summary) == (["a", "b"], ["c"])
    assert scans.highest_lowest(scans.competence_summary(scans.competences_frame([]))) == ([], [])


def test_docx_form_with_merged_score_header_over_scale_columns(tmp_path, config):
    document = docx.Document()
    document.add_paragraph("Naam respondent: Q7")
    table = document.add_table(rows=2, cols=7)
    table.cell(0, 0).text = "Competentie"
    table.cell(0, 1).text = "Omschrijving"
    table.cell(0, 2).merge(table.cell(0, 6)).text = "Score"
    for j, text in enumerate(["Zeer zwak 1", "2", "3", "4", "Zeer sterk 5"], start=2):
        table.cell(1, j).text = text
    for name, point in [("Netwerken", 3), ("Onderhandelen", 1), ("Afstemmen", None)]:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = name, "contacten leggen en onderhouden"
        if point:
            cells[1 + point].text = "x"
    document.save(tmp_path / "c.docx")
    comp, problems = scans.read_scans(tmp_path / "c.docx", config)
    assert problems == []
    assert comp[["respondent_id", "competence", "score"]].values.tolist() == [
        ["Q7", "netwerken", 3.0], ["Q7", "onderhandelen", 1.0]]


def test_xlsx_with_one_form_sheet_per_respondent(tmp_path, config):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "R31"
    ws.append(["Competentie", "Score"])
    ws.append(["Netwerken", 4])
    ws.append(["Verbinden", 9])
    ws2 = book.create_sheet("Blad2")
    ws2.append(["Respondent: R32"])
    ws2.append(["Competentie", 1, 2, 3, 4, 5])
    ws2.append(["Netwerken", None, "X", None, None, None])
    book.save(tmp_path / "formulieren.xlsx")
    comp, problems = scans.read_scans(tmp_path, config)
    assert messages(problems) == ["formulieren.xlsx!R31!B3: score 9 is outside 1–5"]
    assert comp[["respondent_id", "competence", "score"]].values.tolist() == [
        ["R31", "netwerken", 4.0], ["R32", "netwerken", 2.0]]


def test_empty_folder_and_missing_path_are_reported(tmp_path, config):
    (tmp_path / "leeg").mkdir()
    comp, problems = scans.read_scans(tmp_path / "leeg", config)
    assert comp.empty and list(comp.columns) == list(columns.COMPETENCES)
    assert messages(problems) == [f"{tmp_path / 'leeg'}: no scan files (.xlsx, .csv, .docx) found"]
    comp, problems = scans.read_scans(tmp_path / "nergens", config)
    assert comp.empty and messages(problems) == [f"{tmp_path / 'nergens'}: scans not found"]
