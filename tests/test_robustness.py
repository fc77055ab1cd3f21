"""Broken inputs: every one gives a clear message naming the file (and the place), as the
project's own error type or as a skipped input; the batch goes on; inputs are never modified;
the CLI never shows a traceback.

The corpus is ``tests/fixtures/broken/`` (written by ``make_broken.py`` there); the 50 MB
transcript is generated in a temporary folder.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import columns
from pipeline.cli import app
from pipeline.codebook import check_codebook, load_codebook
from pipeline.config import StudyConfig
from pipeline.errors import ConfigError, InputError
from pipeline.ingest import read_respondents, read_study, read_transcript
from pipeline.scans import read_scans

BROKEN = Path(__file__).parent / "fixtures" / "broken"
TRANSCRIPTS = BROKEN / "transcripts"
SCANS = BROKEN / "scans"
GOOD = BROKEN / "good"
GOOD_TRANSCRIPTS = ("G01.txt", "G02.vtt")
COMPETENCES = BROKEN / "competences.yaml"

#: The fallback message a reader gives when a library exception slipped through unexplained.
GENERIC = "could not be read ("

#: Broken transcript → what a clear message must say (regex, case-insensitive).
BROKEN_TRANSCRIPTS = {
    "zero_bytes.docx": r"\bempty\b",
    "truncated.docx": r"damaged|corrupt|truncated",
    "zip_not_docx.docx": r"not a Word document|word/document\.xml",
    "only_table.docx": r"table",
    "encrypted.docx": r"password|encrypt",
    "old_word.docx": r"\.doc\b",
    "header_only.vtt": r"\bcues?\b",
    "broken_timestamps.srt": r"\bcues?\b|timing|timestamp",
    "png.txt": r"PNG|image",
    "empty.txt": r"\bempty\b",
    "whitespace.txt": r"\bempty\b",
    "no_labels.txt": r"speaker labels?",
    # Saved by Word as "Strict Open XML Document": valid, but python-docx cannot read it; the
    # researcher must be told to save it as an ordinary Word document, not that it is damaged.
    "strict.docx": r"strict",
    # A valid zip whose document.xml has a wrong main namespace.
    "wrong_namespace.docx": r"damaged|corrupt|not a (?:valid )?Word",
    # One flipped bit in a deflated part: the zip lists fine, decompressing fails (zlib.error).
    "bad_deflate.docx": r"damaged|corrupt",
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(root: Path) -> dict[str, tuple[str, int, int]]:
    """sha256, mtime (ns) and mode of every file under ``root``."""
    return {p.relative_to(root).as_posix(): (sha256(p), p.stat().st_mtime_ns, stat.S_IMODE(p.stat().st_mode))
            for p in sorted(root.rglob("*")) if p.is_file()}


def make_read_only(root: Path) -> None:
    for p in sorted(root.rglob("*"), reverse=True):
        p.chmod(0o444 if p.is_file() else 0o555)
    root.chmod(0o555)


def make_writable(root: Path) -> None:
    root.chmod(0o755)
    for p in sorted(root.rglob("*")):
        p.chmod(0o644 if p.is_file() else 0o755)


def folder(tmp_path: Path, name: str, files: list[Path]) -> Path:
    out = tmp_path / name
    out.mkdir()
    for f in files:
        shutil.copy2(f, out / f.name)
    return out


# --------------------------------------------------------------------------------------------
# One broken transcript at a time


@pytest.mark.parametrize("name", sorted(BROKEN_TRANSCRIPTS))
def test_broken_transcript_gives_input_error_naming_the_file(name):
    path = TRANSCRIPTS / name
    with pytest.raises(InputError) as info:
        read_transcript(path)
    exc = info.value
    assert exc.path == str(path)
    assert str(exc).startswith(name), str(exc)
    assert re.search(BROKEN_TRANSCRIPTS[name], exc.message, re.I), exc.message
    assert GENERIC not in exc.message, exc.message
    assert "Traceback" not in str(exc)


def test_broken_transcripts_in_corpus_match_the_table():
    # Every file in the corpus is either a broken case above or a readable one tested below.
    readable = {"no_header.vtt", "utf16_nobom.txt", "utf16be_nobom.txt", "half_broken.srt",
                "half_broken.vtt"}
    assert {p.name for p in TRANSCRIPTS.iterdir()} == set(BROKEN_TRANSCRIPTS) | readable


def test_vtt_without_header_is_read():
    doc = read_transcript(TRANSCRIPTS / "no_header.vtt")
    assert [(t.speaker, t.role) for t in doc.turns] == [("Interviewer", "interviewer"),
                                                        ("Respondent", "respondent")]
    assert doc.turns[1].text == "Ik ben regisseur bij het Actiecentrum, sinds twee jaar."
    assert doc.turns[1].timestamp == "00:00:04"


@pytest.mark.parametrize("name", ["utf16_nobom.txt", "utf16be_nobom.txt"])
def test_utf16_without_bom_keeps_dutch_text_and_labels(name):
    doc = read_transcript(TRANSCRIPTS / name)
    assert doc.encoding.startswith("utf-16")
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Geïnterviewde"] * 2
    assert [t.role for t in doc.turns] == ["interviewer", "respondent"] * 2
    assert doc.turns[0].text == "Hoe gaat het met de coördinatie tussen politie en GGZ?"
    assert doc.turns[3].text == "Ik heb iedereen aan één tafel gezet. Naïef misschien, maar het werkte."
    assert "Café De Hoek" in doc.turns[1].text


@pytest.mark.parametrize("name", ["half_broken.srt", "half_broken.vtt"])
def test_a_cue_with_a_damaged_timing_line_is_not_dropped_silently(name):
    """Line 6 is ``00:00:04,500 - 00:00:08,000`` (or ``->``): the cue's words must either be
    kept or the file must be refused with a message pointing at that line — never vanish."""
    path = TRANSCRIPTS / name
    try:
        doc = read_transcript(path)
    except InputError as exc:
        assert exc.path == str(path)
        assert exc.location and re.search(r"\b6\b", exc.location), str(exc)
    else:
        text = " ".join(t.text for t in doc.turns)
        assert "Hoe begon het?" in text and "Daarna ging het snel." in text
        assert "Met een melding van Veilig Thuis." in text, [t.text for t in doc.turns]


def test_fifty_megabyte_transcript_reads_with_every_turn(tmp_path):
    block = ("Interviewer: Hoe verliep het overleg met de reclassering en de wijkagent deze week?\n\n"
             "Respondent: Eh, wisselend. We hebben afspraken gemaakt over wie wat doet, maar de GGZ "
             "was er niet bij. (lacht)\nDat moeten we volgende keer beter regelen.\n\n")
    repeats = 50 * 1024 * 1024 // len(block.encode("utf-8")) + 1
    path = tmp_path / "groot.txt"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        for _ in range(repeats):
            fh.write(block)
    assert path.stat().st_size >= 50 * 1024 * 1024
    before = sha256(path)
    doc = read_transcript(path)
    assert len(doc.turns) == 2 * repeats
    assert [t.role for t in doc.turns[:4]] == ["interviewer", "respondent"] * 2
    assert doc.turns[-1].speaker == "Respondent"
    assert doc.turns[-1].text == ("Eh, wisselend. We hebben afspraken gemaakt over wie wat doet, maar de "
                                  "GGZ was er niet bij. (lacht)\nDat moeten we volgende keer beter regelen.")
    assert doc.n_words == repeats * len(block.replace("Interviewer:", "").replace("Respondent:", "").split())
    assert sha256(path) == before


# --------------------------------------------------------------------------------------------
# Batches: the broken file is listed as skipped, the good files are read


def _study(tmp_path: Path, extra: list[Path]) -> StudyConfig:
    root = folder(tmp_path, "transcripts", [GOOD / n for n in GOOD_TRANSCRIPTS] + extra)
    return StudyConfig(transcripts=root)


@pytest.mark.parametrize("name", sorted(BROKEN_TRANSCRIPTS))
def test_batch_reads_good_files_and_skips_the_broken_one(tmp_path, name):
    config = _study(tmp_path, [TRANSCRIPTS / name])
    documents, rows, skipped = read_study(config)
    assert [d.doc_id for d in documents] == ["G01", "G02"]
    assert all(d.turns for d in documents)
    by_id = {r["doc_id"]: r for r in rows}
    bad = by_id[Path(name).stem]
    assert bad["status"] == "skipped"
    assert bad["message"].startswith(name) and len(bad["message"]) > len(name) + 10
    assert [by_id[g]["status"] for g in ("G01", "G02")] == ["ok", "ok"]
    assert [(Path(s.path).name, s.kind) for s in skipped] == [(name, "transcript")]
    assert skipped[0].message == bad["message"]


def test_batch_with_every_broken_file_at_once(tmp_path):
    config = _study(tmp_path, [TRANSCRIPTS / n for n in BROKEN_TRANSCRIPTS])
    documents, rows, skipped = read_study(config)
    assert [d.doc_id for d in documents] == ["G01", "G02"]
    assert sorted(Path(s.path).name for s in skipped) == sorted(BROKEN_TRANSCRIPTS)
    for s in skipped:
        assert s.message.startswith(Path(s.path).name)
    assert len(rows) == 2 + len(BROKEN_TRANSCRIPTS)


def test_two_inputs_with_the_same_stem(tmp_path):
    config = _study(tmp_path, [BROKEN / "duplicate" / "R01.txt", BROKEN / "duplicate" / "R01.docx"])
    documents, rows, skipped = read_study(config)
    assert [d.doc_id for d in documents] == ["G01", "G02", "R01"]
    r01 = next(d for d in documents if d.doc_id == "R01")
    assert r01.format == "docx"  # the first in path order wins, deterministically
    dup = [r for r in rows if r["doc_id"] == "R01"]
    assert sorted(r["status"] for r in dup) == ["ok", "skipped"]
    message = next(r["message"] for r in dup if r["status"] == "skipped")
    assert message.startswith("R01.txt") and "R01.docx" in message
    assert [Path(s.path).name for s in skipped] == ["R01.txt"]


# --------------------------------------------------------------------------------------------
# Competence scans


@pytest.fixture
def scan_config() -> StudyConfig:
    return StudyConfig(competences=COMPETENCES)


def scores(df: pd.DataFrame, source: str) -> dict[tuple[str, str], float]:
    part = df[df["source_file"] == source]
    return {(r.respondent_id, r.competence): r.score for r in part.itertuples()}


def test_scan_with_merged_header_cells_is_read(scan_config):
    df, problems = read_scans(SCANS / "merged_header.xlsx", scan_config)
    assert problems == []
    assert scores(df, "merged_header.xlsx") == {
        ("R01", "oordeelsvorming"): 4, ("R01", "onderhandelen"): 3, ("R01", "netwerken"): 5,
        ("R02", "oordeelsvorming"): 2, ("R02", "onderhandelen"): 4, ("R02", "netwerken"): 3,
        ("R03", "oordeelsvorming"): 5, ("R03", "onderhandelen"): 5, ("R03", "netwerken"): 4,
    }


def test_semicolon_csv_from_dutch_excel_is_read(scan_config):
    df, problems = read_scans(SCANS / "semicolon.csv", scan_config)
    assert problems == []
    assert scores(df, "semicolon.csv") == {
        ("S01", "oordeelsvorming"): 4, ("S01", "onderhandelen"): 3.5, ("S01", "netwerken"): 5,
        ("S02", "oordeelsvorming"): 2, ("S02", "onderhandelen"): 4, ("S02", "netwerken"): 3,
    }  # the "Gemiddelde" row is a summary, not a respondent


@pytest.mark.parametrize("name, cells, pattern, first", [
    ("text_scores.xlsx", ["text_scores.xlsx!Scan!C2", "text_scores.xlsx!Scan!D3"], r"not a number", "T01"),
    ("out_of_range.xlsx", ["out_of_range.xlsx!Scores!C2", "out_of_range.xlsx!Scores!D3"], r"outside 1.5", "U01"),
])
def test_bad_score_cells_are_problems_naming_the_cell(scan_config, name, cells, pattern, first):
    df, problems = read_scans(SCANS / name, scan_config)
    assert [p.message.split(": ", 1)[0] for p in problems] == cells
    assert all(re.search(pattern, p.message) for p in problems), [p.message for p in problems]
    assert all(Path(p.path).name == name for p in problems)
    # The other cells of the file are still used; the bad ones are missing, never zero.
    got = scores(df, name)
    assert len(got) == 4 if name == "out_of_range.xlsx" else len(got) == 7
    assert (first, "onderhandelen") not in got and (first, "oordeelsvorming") in got
    assert all(1 <= v <= 5 for v in got.values())


UNREADABLE_SCANS = {
    "truncated.xlsx": r"not a valid \.xlsx|damaged",
    "zip_not_xlsx.xlsx": r"not a valid \.xlsx|damaged",
    "encrypted.xlsx": r"password",
    "png.csv": r"not a text|binary|image",
}


@pytest.mark.parametrize("name", sorted(UNREADABLE_SCANS))
def test_unreadable_scan_file_is_one_problem_naming_it(scan_config, name):
    df, problems = read_scans(SCANS / name, scan_config)
    assert df.empty
    assert len(problems) == 1
    assert problems[0].message.startswith(f"{name}: ")
    assert re.search(UNREADABLE_SCANS[name], problems[0].message, re.I), problems[0].message
    assert "Error:" not in problems[0].message  # not a bare library exception


def test_scan_batch_reads_good_file_and_lists_every_broken_one(tmp_path, scan_config):
    root = folder(tmp_path, "scans", [GOOD / "scan_goed.csv", *sorted(SCANS.iterdir())])
    df, problems = read_scans(root, scan_config)
    assert scores(df, "scan_goed.csv") == {("G01", "oordeelsvorming"): 4, ("G01", "onderhandelen"): 3,
                                           ("G02", "oordeelsvorming"): 5, ("G02", "onderhandelen"): 2}
    assert len(scores(df, "merged_header.xlsx")) == 9 and len(scores(df, "semicolon.csv")) == 6
    named = {Path(p.path).name for p in problems}
    assert named == set(UNREADABLE_SCANS) | {"text_scores.xlsx", "out_of_range.xlsx"}
    for p in problems:
        assert p.message.startswith(Path(p.path).name)


# --------------------------------------------------------------------------------------------
# Codebook, study config, respondents


def test_codebook_with_yaml_syntax_error_names_file_and_line():
    path = BROKEN / "codebooks" / "syntax_error.yaml"
    with pytest.raises(ConfigError) as info:
        load_codebook(path)
    assert re.search(r"syntax_error\.yaml:[56]: .*YAML", str(info.value)), str(info.value)


def test_codebook_with_unknown_key_names_file_line_and_key():
    problems = check_codebook(BROKEN / "codebooks" / "unknown_key.yaml")
    assert len(problems) == 1
    assert re.search(r"unknown_key\.yaml:6: .*'defintion'", problems[0]), problems
    assert "definition" in problems[0].split("'defintion'", 1)[1]  # the suggestion


def test_study_config_with_typo_names_file_and_key():
    path = BROKEN / "config" / "study_typo.yaml"
    with pytest.raises(ConfigError) as info:
        StudyConfig.from_yaml(path)
    assert "study_typo.yaml" in str(info.value) and "transcirpts" in str(info.value)


def test_respondents_without_respondent_id_names_file_and_column():
    doc = read_transcript(GOOD / "G01.txt")
    with pytest.raises(ConfigError) as info:
        read_respondents(BROKEN / "config" / "respondents_no_id.csv", [doc])
    assert "respondents_no_id.csv" in str(info.value) and "respondent_id" in str(info.value)


# --------------------------------------------------------------------------------------------
# Read-only inputs are read and left exactly as they were


def test_read_only_inputs_are_read_and_not_modified(tmp_path, scan_config):
    transcripts = folder(tmp_path, "transcripts", [GOOD / n for n in GOOD_TRANSCRIPTS]
                         + [TRANSCRIPTS / n for n in BROKEN_TRANSCRIPTS]
                         + [BROKEN / "duplicate" / "R01.docx"])
    scans = folder(tmp_path, "scans", [GOOD / "scan_goed.csv", *sorted(SCANS.iterdir())])
    make_read_only(transcripts)
    make_read_only(scans)
    try:
        before = {**fingerprint(transcripts), **{f"scans/{k}": v for k, v in fingerprint(scans).items()}}
        assert all(mode == 0o444 for _, _, mode in before.values())
        documents, _, skipped = read_study(StudyConfig(transcripts=transcripts))
        df, problems = read_scans(scans, scan_config)
        assert [d.doc_id for d in documents] == ["G01", "G02", "R01"]
        assert len(skipped) == len(BROKEN_TRANSCRIPTS)
        assert len(scores(df, "scan_goed.csv")) == 4 and problems
        after = {**fingerprint(transcripts), **{f"scans/{k}": v for k, v in fingerprint(scans).items()}}
        assert after == before
        assert sorted(os.listdir(transcripts)) == sorted(p.split("/")[-1] for p in before if "/" not in p)
    finally:
        make_writable(transcripts)
        make_writable(scans)


# --------------------------------------------------------------------------------------------
# The command line


runner = CliRunner()


def regie(*args):
    return runner.invoke(app, [str(a) for a in args])


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "Traceback" not in (result.stderr or "")


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    """``regie run`` once on read-only good + broken transcripts."""
    base = tmp_path_factory.mktemp("cli-broken")
    transcripts = folder(base, "transcripts", [GOOD / n for n in GOOD_TRANSCRIPTS]
                         + [TRANSCRIPTS / n for n in BROKEN_TRANSCRIPTS])
    make_read_only(transcripts)
    before = fingerprint(transcripts)
    cwd = os.getcwd()
    os.chdir(base)  # the CLI's private/ folder defaults to the working folder
    try:
        result = regie("run", "--transcripts", transcripts, "--out", base / "out", "--no-pseudonymise")
    finally:
        os.chdir(cwd)
    after = fingerprint(transcripts)
    make_writable(transcripts)
    return result, base / "out", before, after


def test_cli_run_skips_broken_files_and_exits_zero(cli_run):
    result, out, _, _ = cli_run
    no_traceback(result)
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.split())
    assert f"skipped {len(BROKEN_TRANSCRIPTS)} input" in flat
    for name in BROKEN_TRANSCRIPTS:
        assert f"- {name}: " in flat, name


def test_cli_run_writes_skipped_rows_to_documents_csv(cli_run):
    _, out, _, _ = cli_run
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert list(docs.columns) == list(columns.DOCUMENTS)
    by_file = {Path(p).name: row for p, row in zip(docs["source_path"], docs.to_dict("records"))}
    assert set(by_file) == set(GOOD_TRANSCRIPTS) | set(BROKEN_TRANSCRIPTS)
    for name in GOOD_TRANSCRIPTS:
        assert by_file[name]["status"] == "ok" and int(by_file[name]["n_turns"]) > 0
    for name in BROKEN_TRANSCRIPTS:
        row = by_file[name]
        assert row["status"] == "skipped"
        assert row["n_turns"] == "0" and row["n_segments"] == "0"
        assert row["message"].startswith(f"{name}: ") and "Traceback" not in row["message"]
    assert set(pd.read_csv(out / "segments.csv", dtype=str)["doc_id"]) == {"G01", "G02"}


def test_cli_run_leaves_read_only_inputs_untouched(cli_run):
    _, _, before, after = cli_run
    assert after == before


def test_cli_run_with_only_broken_files_exits_2_and_lists_them(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    transcripts = folder(tmp_path, "kapot", [TRANSCRIPTS / n for n in BROKEN_TRANSCRIPTS])
    result = regie("run", "--transcripts", transcripts, "--out", tmp_path / "out", "--no-pseudonymise")
    no_traceback(result)
    assert result.exit_code == 2, result.output
    flat = " ".join(result.output.split())
    for name in BROKEN_TRANSCRIPTS:
        assert f"{name}: " in flat, name
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name, line", [("syntax_error.yaml", r"[56]"), ("unknown_key.yaml", "6")])
def test_cli_codebook_check_exits_1_with_file_and_line(name, line):
    result = regie("codebook", "check", BROKEN / "codebooks" / name)
    no_traceback(result)
    assert result.exit_code == 1
    assert re.search(rf"{re.escape(name)}:{line}: ", result.output), result.output


def test_cli_run_with_broken_codebook_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = regie("run", "--transcripts", GOOD, "--codebook", BROKEN / "codebooks" / "syntax_error.yaml",
                   "--out", tmp_path / "out", "--no-pseudonymise")
    no_traceback(result)
    assert result.exit_code == 1
    assert re.search(r"syntax_error\.yaml:[56]: ", result.output), result.output


def test_cli_run_with_typo_in_study_config_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = regie("run", "--config", BROKEN / "config" / "study_typo.yaml", "--out", tmp_path / "out")
    no_traceback(result)
    assert result.exit_code == 1
    assert "study_typo.yaml" in result.output and "transcirpts" in result.output


def test_cli_run_with_respondents_without_id_exits_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = regie("run", "--transcripts", GOOD, "--respondents", BROKEN / "config" / "respondents_no_id.csv",
                   "--out", tmp_path / "out", "--no-pseudonymise")
    no_traceback(result)
    assert result.exit_code == 1
    flat = " ".join(result.output.split())
    assert "respondents_no_id.csv" in flat and "respondent_id" in flat
    assert not (tmp_path / "out").exists()
