"""Every option of the ``regie`` command line, on two tiny transcripts."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
runner = CliRunner()


@pytest.fixture
def workdir(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def regie(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_help_on_every_command():
    for args in (["--help"], ["run", "--help"], ["evaluate", "--help"], ["codebook", "--help"],
                 ["codebook", "check", "--help"], ["codebook", "show", "--help"],
                 ["codebook", "export", "--help"]):
        result = regie(*args)
        assert result.exit_code == 0, args
        assert "Usage" in result.output


def test_run_transcripts_and_out(workdir):
    result = regie("run", "--transcripts", FIXTURES / "transcripts", "--out", workdir / "res")
    assert result.exit_code == 0, result.output
    docs = pd.read_csv(workdir / "res" / "documents.csv", dtype=str)
    assert sorted(docs["doc_id"]) == ["A01", "A02"]
    # without --respondents, respondent_id = doc_id; without --scans, no competences
    assert sorted(docs["respondent_id"]) == ["A01", "A02"]
    assert pd.read_csv(workdir / "res" / "competences.csv").empty
    assert (workdir / "private" / "pseudonym_key.csv").is_file()
    assert not list((workdir / "res").rglob("pseudonym_key*"))


def test_run_single_file_respondents_and_scans(workdir):
    result = regie("run", "--transcripts", FIXTURES / "transcripts" / "A01.txt",
                   "--respondents", FIXTURES / "respondents.csv",
                   "--scans", FIXTURES / "scans", "--out", "res")
    assert result.exit_code == 0, result.output
    docs = pd.read_csv(workdir / "res" / "documents.csv", dtype=str)
    assert docs["doc_id"].tolist() == ["A01"]
    assert docs["respondent_id"].tolist() == ["P1"]
    resp = pd.read_csv(workdir / "res" / "respondents.csv", dtype=str)
    assert "organisatie" in resp.columns
    summary = pd.read_csv(workdir / "res" / "competence_summary.csv").set_index("competence")
    assert summary.loc["oordeelsvorming", "mean"] == pytest.approx(4.5)
    assert summary.loc["oordeelsvorming", "rank"] == 1


def test_pseudonymised_by_default_and_switch_off_warns(workdir):
    regie("run", "--transcripts", FIXTURES / "transcripts", "--out", "pseudo")
    text = (workdir / "pseudo" / "texts" / "A01.txt").read_text(encoding="utf-8")
    assert "Kevin" not in text and "de Graaf" not in text
    result = regie("run", "--transcripts", FIXTURES / "transcripts", "--out", "plain", "--no-pseudonymise")
    assert result.exit_code == 0
    assert "no-pseudonymise" in result.output
    assert "Kevin" in (workdir / "plain" / "texts" / "A01.txt").read_text(encoding="utf-8")
    manifest = json.loads((workdir / "plain" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["settings"]["pseudonymise"] is False


def test_quiet_prints_only_the_summary_line(workdir):
    loud = regie("run", "--transcripts", FIXTURES / "transcripts", "--out", "a")
    quiet = regie("run", "--transcripts", FIXTURES / "transcripts", "--out", "b", "--quiet")
    assert quiet.exit_code == 0
    assert "done:" in quiet.output
    assert len(quiet.output.splitlines()) < len(loud.output.splitlines())


def test_codebook_option_and_bad_codebook_exit_1(workdir):
    from pipeline.config import DEFAULT_CODEBOOK

    ok = regie("run", "--transcripts", FIXTURES / "transcripts", "--codebook", DEFAULT_CODEBOOK, "--out", "c")
    assert ok.exit_code == 0
    broken = workdir / "broken.yaml"
    broken.write_text("name: x\nversion: '1'\ncodes: [\n", encoding="utf-8")
    result = regie("run", "--transcripts", FIXTURES / "transcripts", "--codebook", broken, "--out", "d")
    assert result.exit_code == 1
    assert "broken.yaml" in result.output
    assert not (workdir / "d").exists()


def test_config_file_and_unit_option(workdir):
    config = workdir / "study.yaml"
    config.write_text(
        f"name: Teststudie\ntranscripts: {FIXTURES / 'transcripts'}\nout: cfg-out\nsegment_unit: sentence\n",
        encoding="utf-8")
    result = regie("run", "--config", config)
    assert result.exit_code == 0, result.output
    by_sentence = pd.read_csv(workdir / "cfg-out" / "segments.csv")
    result = regie("run", "--config", config, "--unit", "turn", "--out", "turns")
    by_turn = pd.read_csv(workdir / "turns" / "segments.csv")
    assert len(by_sentence) > len(by_turn)
    assert not by_turn.duplicated(["doc_id", "turn_index"]).any()
    assert by_sentence.duplicated(["doc_id", "turn_index"]).any()


def test_usage_errors_exit_1(workdir):
    assert regie("run", "--transcripts", workdir / "nope").exit_code == 1
    assert regie("run", "--transcripts", FIXTURES / "transcripts", "--unit", "chapter").exit_code == 1
    bad = workdir / "bad.yaml"
    bad.write_text("nmae: typo\n", encoding="utf-8")
    result = regie("run", "--config", bad)
    assert result.exit_code == 1 and "nmae" in result.output


def test_no_readable_input_exits_2(workdir):
    folder = workdir / "junk"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    result = regie("run", "--transcripts", folder, "--out", "x")
    assert result.exit_code == 2
    assert "empty.txt" in result.output and "binary.txt" in result.output


def test_skipped_inputs_are_listed_and_run_goes_on(workdir):
    folder = workdir / "mixed"
    folder.mkdir()
    for src in (FIXTURES / "transcripts").iterdir():
        (folder / src.name).write_bytes(src.read_bytes())
    (folder / "kapot.docx").write_bytes(b"PK\x03\x04 not really a docx")
    result = regie("run", "--transcripts", folder, "--out", "m")
    assert result.exit_code == 0
    assert "kapot.docx" in result.output
    docs = pd.read_csv(workdir / "m" / "documents.csv", dtype=str, keep_default_na=False)
    row = docs.set_index("doc_id").loc["kapot"]
    assert row["status"] == "skipped" and "kapot.docx" in row["message"]


def test_python_dash_m_is_the_same_command(workdir):
    result = subprocess.run([sys.executable, "-m", "pipeline", "run", "--help"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0
    assert "--transcripts" in result.stdout


def test_config_typo_names_line_and_suggests_the_key(workdir):
    bad = workdir / "study.yaml"
    bad.write_text("name: Studie\ntranscirpts: interviews/\n", encoding="utf-8")
    result = regie("run", "--config", bad)
    assert result.exit_code == 1
    assert "study.yaml:2: transcirpts: unknown setting (did you mean 'transcripts'?)" in result.output


def test_leak_check_fails_the_run_and_never_names_the_identifier(workdir):
    """A name in a file name becomes doc_id in every output: the leak check must catch it."""
    folder = workdir / "named"
    folder.mkdir()
    text = (FIXTURES / "transcripts" / "A01.txt").read_text(encoding="utf-8")
    (folder / "Kevin de Graaf.txt").write_text(text, encoding="utf-8")
    result = regie("run", "--transcripts", folder, "--out", "leaky")
    assert result.exit_code == 3
    assert "leak check" in result.output
    manifest_text = (workdir / "leaky" / "manifest.json").read_text(encoding="utf-8")
    manifest = json.loads(manifest_text)
    leaks = manifest["leak_check"]["leaks"]
    assert manifest["leak_check"]["identifiers_found_in_outputs"] == len(leaks) > 0
    assert {"documents.csv", "segments.csv"} <= {leak["file"] for leak in leaks}
    assert all("Kevin" not in json.dumps(leak) for leak in leaks)


def test_a_transcript_date_that_is_the_run_date_is_no_leak(workdir, monkeypatch):
    """Blind set EC (session 9): "23 november" in a transcript was found in the report's "Rundatum:
    23 november 2026", and the run ended with exit code 3."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795392000")  # 2026-11-23 00:00 UTC
    folder = workdir / "dated"
    folder.mkdir()
    text = (FIXTURES / "transcripts" / "A01.txt").read_text(encoding="utf-8")
    (folder / "A01.txt").write_text(text.rstrip() + "\nRespondent: Op 23 november belde ze me nog.\n",
                                    encoding="utf-8")
    result = regie("run", "--transcripts", folder, "--out", "dated_out")
    assert result.exit_code == 0, result.output
    manifest = json.loads((workdir / "dated_out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["leak_check"]["leaks"] == []
    texts = "".join(p.read_text(encoding="utf-8") for p in (workdir / "dated_out" / "texts").glob("*.txt"))
    assert "[DATUM-" in texts and "23 november" not in texts
