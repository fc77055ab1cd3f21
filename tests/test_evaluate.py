"""Agreement metrics at respondent-turn level, checked against hand-computed values."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from rich.console import Console

from pipeline import columns, tables
from pipeline.codebook import Codebook, load_codebook
from pipeline.config import DEFAULT_CODEBOOK
from pipeline.errors import InputError, RegieError
from pipeline.evaluate import (
    binary_metrics, cohen_kappa, evaluate, evaluate_cli, krippendorff_alpha, read_gold,
)

GOLD = np.array([1, 1, 0, 0, 0, 0, 1, 0, 0, 0], dtype=bool)
PRED = np.array([1, 0, 1, 0, 0, 0, 1, 0, 0, 0], dtype=bool)


def test_binary_metrics_by_hand():
    # tp=2 fp=1 fn=1 tn=6; p_o=.8; p_e=(3*3+7*7)/100=.58; kappa=.22/.42
    m = binary_metrics(GOLD, PRED)
    assert (m["support"], m["n_predicted"], m["tp"], m["fp"], m["fn"]) == (3, 3, 2, 1, 1)
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 / 3)
    assert m["kappa"] == pytest.approx(0.22 / 0.42)
    # nominal alpha, two coders: 1 - (n-1) * o_01 / (n_0 * n_1) with n=20, n_1=6, n_0=14, o_01=2
    assert m["alpha"] == pytest.approx(1 - 19 * 2 / (14 * 6))


def test_kappa_formula_on_a_textbook_table():
    # 20 agree yes, 15 agree no, 5 and 10 disagreements (n=50): p_o=.7, p_e=.5 -> kappa=.4
    assert cohen_kappa(tp=20, fp=5, fn=10, tn=15) == pytest.approx(0.4)


def test_degenerate_codes():
    none = np.zeros(5, dtype=bool)
    m = binary_metrics(none, none)
    assert all(math.isnan(m[k]) for k in ("precision", "recall", "f1", "kappa", "alpha"))
    missed = binary_metrics(np.array([1, 0, 0, 0], bool), none[:4])
    assert (missed["precision"], missed["recall"], missed["f1"]) == (0.0, 0.0, 0.0)
    assert missed["kappa"] == pytest.approx(0.0)
    perfect = binary_metrics(GOLD, GOLD)
    assert perfect["kappa"] == pytest.approx(1.0) and perfect["alpha"] == pytest.approx(1.0)
    assert math.isnan(krippendorff_alpha(np.ones(3, bool), np.ones(3, bool)))


def small_book() -> Codebook:
    return Codebook.model_validate({"name": "t", "version": "0", "codes": [
        {"id": "a", "label": "A"}, {"id": "a.x", "label": "x", "parent": "a"},
        {"id": "a.y", "label": "y", "parent": "a"}]})


def small_segments() -> pd.DataFrame:
    # doc d1: turns 1 (interviewer), 2 (respondent, two paragraphs), 3 (interviewer), 4 (respondent)
    rows = [("d1", "d1:0001", 1, "interviewer"), ("d1", "d1:0002", 2, "respondent"),
            ("d1", "d1:0003", 2, "respondent"), ("d1", "d1:0004", 3, "interviewer"),
            ("d1", "d1:0005", 4, "respondent"), ("d2", "d2:0001", 1, "interviewer"),
            ("d2", "d2:0002", 2, "respondent"), ("d3", "d3:0001", 2, "respondent")]
    df = pd.DataFrame(rows, columns=["doc_id", "segment_id", "turn_index", "role"])
    return df.assign(speaker="s", start=0, end=0, text="t")[list(columns.SEGMENTS)]


def codings(rows) -> pd.DataFrame:
    return pd.DataFrame([(d, s, c, coder, 1.0, "") for d, s, c, coder in rows], columns=list(columns.CODINGS))


def test_segments_are_aggregated_to_respondent_turns_of_gold_documents():
    gold = pd.DataFrame([("d1", 2, "a.x"), ("d2", 2, "")], columns=list(columns.GOLD))
    cod = codings([("d1", "d1:0003", "a.x", "rules"),   # 2nd paragraph of turn 2: counts for the turn
                   ("d1", "d1:0002", "a.x", "rules"),   # same turn again: still one unit
                   ("d1", "d1:0005", "a.y", "rules"),   # false positive
                   ("d1", "d1:0004", "a.x", "rules"),   # interviewer segment: outside the universe
                   ("d3", "d3:0001", "a.x", "rules"),   # d3 is not a gold document
                   ("d2", "d2:0002", "a.x", "other")])  # another coder
    per_code, macro = evaluate(cod, small_segments(), gold, small_book(), coder="rules")
    assert tuple(per_code.columns) == columns.EVALUATION
    x = per_code.set_index("code_id").loc["a.x"]
    y = per_code.set_index("code_id").loc["a.y"]
    assert (x.support, x.n_predicted, x.tp, x.fp, x.fn) == (1, 1, 1, 0, 0)
    assert (y.support, y.n_predicted, y.tp, y.fp) == (0, 1, 0, 1)
    assert macro["all"]["n_units"] == 3  # d1:2, d1:4, d2:2
    assert x.kappa == pytest.approx(1.0)
    assert macro["all"]["kappa"] == pytest.approx(np.nanmean([1.0, y.kappa]))


def write_gold(tmp_path, text: str):
    path = tmp_path / "gold.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_gold_accepts_extra_columns_and_empty_codes(tmp_path):
    path = write_gold(tmp_path, "doc_id,turn_index,code_id,note\nd1,2,a.x,ok\nd2,2,,geen code\nd1,2,a.x,dubbel\n")
    gold = read_gold(path, small_book(), small_segments())
    assert gold.values.tolist() == [["d1", 2, "a.x"], ["d2", 2, ""]]


@pytest.mark.parametrize("content, message", [
    ("doc,turn_index,code_id\nd1,2,a.x\n", r"gold\.csv, line 1: missing column\(s\) doc_id"),
    ("doc_id,turn_index,code_id\nd1,2,a.x\nd1,2,a.z\n", r"gold\.csv, line 3: unknown code_id 'a\.z'"),
    ("doc_id,turn_index,code_id\nd1,2,a\n", r"line 2: unknown code_id 'a' \(a grouping code"),
    ("doc_id,turn_index,code_id\nd9,2,a.x\n", r"line 2: doc_id 'd9' is not among the coded transcripts"),
    ("doc_id,turn_index,code_id\nd1,3,a.x\n", r"line 2: turn 3 of d1 is not a respondent turn \(role: interviewer\)"),
    ("doc_id,turn_index,code_id\nd1,7,a.x\n", r"line 2: d1 has no turn 7"),
    ("doc_id,turn_index,code_id\nd1,twee,a.x\n", r"line 2: turn_index 'twee' is not a positive"),
    ("doc_id,turn_index,code_id\nd1,2,a.z\nd1,x,a.x\n", r"2 problems: line 2: .*; line 3: "),
])
def test_bad_gold_names_file_and_line(tmp_path, content, message):
    with pytest.raises(InputError, match=message):
        read_gold(write_gold(tmp_path, content), small_book(), small_segments())


def test_missing_gold_file(tmp_path):
    with pytest.raises(InputError, match="gold file not found"):
        read_gold(tmp_path / "nope.csv", small_book())


def test_evaluate_cli_on_a_run_folder(tmp_path):
    run = tmp_path / "run"
    tables.write_csv(small_segments(), run / "segments.csv", "segments")
    tables.write_csv(codings([("d1", "d1:0002", "a.x", "rules"), ("d1", "d1:0005", "a.y", "rules")]),
                     run / "codings.csv", "codings")
    book_path = tmp_path / "book.yaml"
    book_path.write_text(
        "name: t\nversion: '0'\ncodes:\n  - {id: a, label: A}\n  - {id: a.x, label: x, parent: a}\n"
        "  - {id: a.y, label: y, parent: a}\n", encoding="utf-8")
    gold = write_gold(tmp_path, "doc_id,turn_index,code_id\nd1,2,a.x\nd1,4,a.y\nd2,2,a.x\n")
    out = tmp_path / "eval.csv"
    console = Console(record=True, width=120)
    per_code, macro = evaluate_cli(gold=gold, run_dir=run, codebook=book_path, out=out, console=console)
    table = tables.read_csv(out)
    assert table["code_id"].tolist() == ["a.x", "a.y", "macro:core", "macro:all"]
    assert table.loc[0, "recall"] == pytest.approx(0.5)
    assert "agreement of coder 'rules'" in console.export_text()
    with pytest.raises(RegieError, match="no codings by coder 'keywords'"):
        evaluate_cli(gold=gold, run_dir=run, codebook=book_path, coder="keywords", console=console)


def test_evaluate_cli_codes_transcripts_in_process(tmp_path):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    (folder / "t1.txt").write_text(
        "Interviewer: Hoe ging het met de informatie?\n\n"
        "Respondent: De GGZ mocht me niks vertellen vanwege het beroepsgeheim.\n\n"
        "Interviewer: En nu?\n\n"
        "Respondent: Het regent.\n", encoding="utf-8")
    gold = write_gold(tmp_path, "doc_id,turn_index,code_id\nt1,2,belemmering.informatiedeling\nt1,4,\n")
    out = tmp_path / "eval.csv"
    per_code, macro = evaluate_cli(gold=gold, transcripts=folder, out=out, console=Console(quiet=True))
    row = per_code.set_index("code_id").loc["belemmering.informatiedeling"]
    assert (row.tp, row.fp, row.fn) == (1, 0, 0)
    assert macro["core"]["n_units"] == 2
    assert len(tables.read_csv(out)) == len(load_codebook(DEFAULT_CODEBOOK).codable()) + 2
    assert not (tmp_path / "outputs").exists()
