"""Reading a whole study: discovery, duplicates, skipped files, respondents, the documents table,
and a fuzz test that readers raise nothing but InputError."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import columns
from pipeline.config import StudyConfig
from pipeline.errors import ConfigError, InputError
from pipeline.ingest import (
    READERS, SCAN_SUFFIXES, TRANSCRIPT_SUFFIXES, discover, documents_table, read_respondents,
    read_study, read_transcript,
)
from pipeline.segment import segment_documents

FIX = Path(__file__).parent / "fixtures" / "transcripts"


def test_suffixes_and_registry():
    assert TRANSCRIPT_SUFFIXES == (".docx", ".txt", ".md", ".vtt", ".srt")
    assert SCAN_SUFFIXES == (".xlsx", ".csv")
    assert set(READERS) == set(TRANSCRIPT_SUFFIXES)


def test_discover_recursive_sorted_skipping_hidden_and_lock_files(tmp_path):
    for rel in ["b/R02.docx", "a/R01.txt", "R03.vtt", "~$R01.docx", ".verborgen.txt", ".git/x.txt",
                "notities.pdf", "scan.xlsx", "R04.SRT"]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    got = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path, TRANSCRIPT_SUFFIXES)]
    assert got == ["R03.vtt", "R04.SRT", "a/R01.txt", "b/R02.docx"]
    everything = [p.name for p in discover(tmp_path)]
    assert "scan.xlsx" in everything and "notities.pdf" not in everything
    assert discover(tmp_path / "R03.vtt") == [tmp_path / "R03.vtt"]
    with pytest.raises(ConfigError):
        discover(tmp_path / "bestaat-niet")


def _study(tmp_path, names):
    folder = tmp_path / "transcripts"
    folder.mkdir()
    for name in names:
        src, _, dst = name.partition("->")
        shutil.copy(FIX / src, folder / (dst or src))
    return StudyConfig(transcripts=folder)


def test_read_study_skips_bad_files_and_duplicate_stems(tmp_path):
    config = _study(tmp_path, ["cp1252.txt", "plain_labels.docx->cp1252.docx", "teams.vtt",
                               "no_labels.txt"])
    (config.transcripts / "kapot.docx").write_bytes(b"PK\x03\x04 not really a docx")
    documents, rows, skipped = read_study(config)
    assert [d.doc_id for d in documents] == ["cp1252", "teams"]
    by_path = {r["source_path"]: r for r in rows}
    assert list(by_path) == ["transcripts/cp1252.docx", "transcripts/cp1252.txt", "transcripts/kapot.docx",
                             "transcripts/no_labels.txt", "transcripts/teams.vtt"]
    dup = by_path["transcripts/cp1252.txt"]  # the later one in path order is skipped
    assert dup["status"] == "skipped"
    assert "cp1252.txt" in dup["message"] and "transcripts/cp1252.docx" in dup["message"]
    assert by_path["transcripts/cp1252.docx"]["status"] == "ok"
    assert by_path["transcripts/kapot.docx"]["status"] == "skipped"
    assert by_path["transcripts/kapot.docx"]["message"].startswith("kapot.docx: ")
    assert "no speaker labels" in by_path["transcripts/no_labels.txt"]["message"]
    assert sorted(Path(s.path).name for s in skipped) == ["cp1252.txt", "kapot.docx", "no_labels.txt"]
    assert all(s.kind == "transcript" for s in skipped)
    assert by_path["transcripts/teams.vtt"]["encoding"] == "utf-8"
    assert by_path["transcripts/teams.vtt"]["role_method"] == "label+inferred: most words"


def test_read_study_applies_config_roles(tmp_path):
    config = _study(tmp_path, ["names.txt"]).model_copy(update={"roles": {"mark de vries": "other"}})
    documents, rows, _ = read_study(config)
    roles = {t.speaker: t.role for t in documents[0].turns}
    assert roles["Mark de Vries"] == "other" and roles["Interviewer"] == "interviewer"
    assert rows[0]["role_method"].startswith("config+label")


def test_read_study_of_a_missing_folder_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError):
        read_study(StudyConfig(transcripts=tmp_path / "nergens"))


def test_read_study_single_file(tmp_path):
    documents, rows, skipped = read_study(StudyConfig(transcripts=FIX / "f4.txt"))
    assert [d.doc_id for d in documents] == ["f4"] and rows[0]["source_path"] == "f4.txt" and not skipped


def test_respondents_without_file_and_with_csv(tmp_path):
    docs = [read_transcript(FIX / n) for n in ("f4.txt", "cp1252.txt", "teams.vtt")]
    plain = read_respondents(None, docs)
    assert plain.to_dict("list") == {"doc_id": ["cp1252", "f4", "teams"], "respondent_id": ["cp1252", "f4", "teams"]}
    csv = tmp_path / "respondenten.csv"
    csv.write_text("doc_id;respondent_id;organisatie\nf4;P1;Actiecentrum\nteams;;Veilig Thuis\nander;P9;x\n",
                   encoding="cp1252")
    meta = read_respondents(csv, docs)
    assert list(meta.columns) == ["doc_id", "respondent_id", "organisatie"]
    assert meta.to_dict("records") == [
        {"doc_id": "cp1252", "respondent_id": "cp1252", "organisatie": ""},
        {"doc_id": "f4", "respondent_id": "P1", "organisatie": "Actiecentrum"},
        {"doc_id": "teams", "respondent_id": "teams", "organisatie": "Veilig Thuis"},
    ]


@pytest.mark.parametrize("content, message", [
    ("doc,respondent\nf4,P1\n", "lacks column"),
    ("doc_id,respondent_id\nf4,P1\nf4,P2\n", "more than once"),
])
def test_bad_respondents_file(tmp_path, content, message):
    csv = tmp_path / "resp.csv"
    csv.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as err:
        read_respondents(csv, [read_transcript(FIX / "f4.txt")])
    assert "resp.csv" in str(err.value)
    with pytest.raises(ConfigError, match="not found"):
        read_respondents(tmp_path / "geen.csv", [])


def test_documents_table(tmp_path):
    config = _study(tmp_path, ["plain_utf8.txt", "teams.vtt", "no_labels.txt"])
    documents, rows, _ = read_study(config)
    segments, _ = segment_documents(documents, unit="sentence")
    meta = read_respondents(None, documents)
    table = documents_table(documents, rows, segments, meta)
    assert tuple(table.columns) == columns.DOCUMENTS
    assert list(table["doc_id"]) == ["no_labels", "plain_utf8", "teams"]
    row = table.set_index("doc_id").loc["plain_utf8"]
    assert row["status"] == "ok" and row["n_turns"] == 4 and row["format"] == "txt"
    assert row["n_segments"] == (segments["doc_id"] == "plain_utf8").sum() > 4
    assert row["n_words"] == documents[0].n_words > 50
    assert row["respondent_id"] == "plain_utf8" and row["role_method"] == "label"
    bad = table.set_index("doc_id").loc["no_labels"]
    assert (bad["status"], bad["n_turns"], bad["n_segments"], bad["n_words"]) == ("skipped", 0, 0, 0)
    assert "no speaker labels" in bad["message"]


# --- fuzz: random bytes give an InputError with a specific message, never another exception ---

GENERIC = "could not be read ("


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from(TRANSCRIPT_SUFFIXES),
       prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xff\xfe", b"WEBVTT\n\n",
                               b"1\n00:00:01,000 --> 00:00:02,000\n"]))
def test_readers_raise_only_input_errors_on_random_bytes(tmp_path, data, suffix, prefix):
    p = tmp_path / f"fuzz{suffix}"
    p.write_bytes(prefix + data)
    try:
        doc = read_transcript(p)
    except InputError as exc:
        assert exc.path == str(p)
        assert GENERIC not in exc.message, exc.message
    else:
        assert doc.turns and all(t.role in columns.ROLES for t in doc.turns)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400), suffix=st.sampled_from([".txt", ".md", ".vtt", ".srt"]))
def test_readers_on_random_text(tmp_path, text, suffix):
    p = tmp_path / f"tekst{suffix}"
    p.write_bytes(text.encode("utf-8", "surrogatepass") if text else b"")
    try:
        doc = read_transcript(p)
    except InputError as exc:
        assert GENERIC not in exc.message, exc.message
    else:
        rendered, spans = doc.render()
        assert all(rendered[a:b] == t.text for (a, b), t in zip(spans, doc.turns))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(flips=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=1, max_value=255)),
                      min_size=1, max_size=4),
       source=st.sampled_from(["plain_labels.docx", "teams.vtt", "cp1252.txt"]))
def test_damaged_copies_of_good_files(tmp_path, flips, source):
    data = bytearray((FIX / source).read_bytes())
    for pos, xor in flips:
        data[pos % len(data)] ^= xor
    p = tmp_path / f"kapot{Path(source).suffix}"
    p.write_bytes(bytes(data))
    try:
        doc = read_transcript(p)
    except InputError as exc:
        assert GENERIC not in exc.message, exc.message
    else:
        assert all(t.role in columns.ROLES and t.text for t in doc.turns)


def test_a_broken_file_does_not_take_the_id_of_a_readable_one(tmp_path):
    from pipeline.config import StudyConfig
    from pipeline.ingest import read_study

    (tmp_path / "R01.docx").write_bytes(b"PK\x03\x04 truncated")
    (tmp_path / "R01.txt").write_text("Interviewer: Hoe gaat het?\n\nRespondent: Goed, dank je.\n", encoding="utf-8")
    documents, rows, skipped = read_study(StudyConfig(transcripts=tmp_path))
    assert [d.doc_id for d in documents] == ["R01"]
    assert documents[0].format == "txt"
    assert [s.path.endswith("R01.docx") for s in skipped] == [True]
    assert "same document id" not in skipped[0].message
