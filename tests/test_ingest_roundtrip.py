"""Round trip: generated interviews → real files → ``read_transcript`` → turns, scored.

The acceptance criterion of the ingestion issue: on interviews in the supported formats, at
least 99% of the speaker turns come out with the right role and the exact words. The generator
(``tests/roundtrip``) writes interviews with known turns in every variant we know of — Word
(bold/plain labels, header and tables, line breaks, Teams layout), text and Markdown (four
encodings, three line-end conventions, wrapped lines, labels on their own line), WebVTT (voice
tags, Zoom prefixes, NOTE/STYLE) and SubRip — and this test reads them back.

``pytest -s tests/test_ingest_roundtrip.py`` prints the breakdown per variant, label style and
timestamp style; the same breakdown is the assertion message.
"""
from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from pipeline.ingest import read_transcript
from roundtrip.generate import (
    LABEL_STYLES, VARIANTS, VOICE_STYLES, TruthTurn, generate_case, generate_set, make_interview,
)
from roundtrip.score import accuracy, breakdown, report, run_reader, score

#: 8 files per variant (≈150 files): a few seconds, and every variant is scored.
PER_VARIANT = 8
TARGET = 0.99


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    folder = tmp_path_factory.mktemp("roundtrip")
    return run_reader(generate_set(folder, PER_VARIANT), read_transcript)


def test_turn_accuracy_at_least_99_percent(results):
    text = report(results)
    print("\n" + text)
    assert len(results) == PER_VARIANT * len(VARIANTS)
    assert accuracy(results) >= TARGET, "\n" + text


def test_no_generated_file_is_rejected(results):
    errors = [f"{r.case.path.name}: {r.error}" for r in results if r.error]
    assert not errors, "\n".join(errors)


def test_every_variant_is_measured(results):
    rows = breakdown(results, lambda r: r.case.variant)
    assert [row[0] for row in rows] == sorted(VARIANTS)
    assert all(row[3] >= 20 * PER_VARIANT for row in rows)  # at least 20 turns per file


# --- the generator itself: the measurement is only as good as its ground truth -----------------


@pytest.mark.parametrize("style", sorted(set(LABEL_STYLES) | set(VOICE_STYLES)))
def test_generated_interviews_are_well_formed(style):
    styles = LABEL_STYLES if style in LABEL_STYLES else VOICE_STYLES
    for seed in range(30):
        interview = make_interview(random.Random(seed), style, styles)
        turns = interview.turns
        assert 20 <= len(turns) <= 60
        assert {t.role for t in turns} <= {"interviewer", "respondent", "other"}
        assert {"interviewer", "respondent"} <= {t.role for t in turns}
        # Subtitle readers merge consecutive cues of one speaker, so the truth never has them.
        assert all(a.speaker != b.speaker for a, b in zip(turns, turns[1:]))
        # One label, one role.
        assert len({(t.speaker, t.role) for t in turns}) == len({t.speaker for t in turns})
        for t in turns:
            assert t.words and t.words == " ".join(t.words.split())
            assert 1 <= len(t.paragraphs) <= 3
            "".join(t.paragraphs).encode("cp1252")  # every interview can be written in cp1252


def test_interviewer_asks_and_respondent_talks_when_labels_name_no_role():
    """Where roles must be inferred, the generated truth follows the rule a reader can use."""
    for seed in range(40):
        turns = make_interview(random.Random(seed), "first_names").turns
        by_role = {role: [t for t in turns if t.role == role] for role in ("interviewer", "respondent")}
        q = {role: sum(t.words.endswith("?") for t in ts) / len(ts) for role, ts in by_role.items()}
        words = {role: sum(len(t.words.split()) for t in ts) / len(ts) for role, ts in by_role.items()}
        assert q["interviewer"] > q["respondent"]
        assert words["interviewer"] < words["respondent"]


def test_generation_is_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    for variant in ("txt_cp1252_crlf", "txt_utf16_crlf", "md_bold", "vtt_voice", "srt_prefix"):
        a = generate_case(3, variant, tmp_path / "a")
        b = generate_case(3, variant, tmp_path / "b")
        assert a.turns == b.turns and (a.label_style, a.timestamps) == (b.label_style, b.timestamps)
        assert a.path.read_bytes() == b.path.read_bytes()
    assert generate_case(4, "md_bold", tmp_path / "a").turns != generate_case(3, "md_bold", tmp_path / "b").turns


def test_variants_cover_the_formats_and_styles_of_the_issue():
    assert {v.suffix for v in VARIANTS.values()} == {".docx", ".txt", ".md", ".vtt", ".srt"}
    assert {"role_words", "codes_ir", "codes_int", "int_dot", "initials", "geinterviewde", "first_names",
            "spreker"} <= set(LABEL_STYLES)
    names = {make_interview(random.Random(s), "full_names", VOICE_STYLES).turns[0].speaker for s in range(40)}
    assert any("," in n and "(" in n for n in names)  # ``Jansen, P. (Actiecentrum)``


# --- the scorer ----------------------------------------------------------------------------------


def _t(speaker, role, text):
    return SimpleNamespace(speaker=speaker, role=role, text=text)


TRUTH = [TruthTurn("I", "interviewer", ("Hoe begon het?",)),
         TruthTurn("R", "respondent", ("Via de wijkagent.", "Toen belde ik Veilig Thuis.")),
         TruthTurn("I", "interviewer", ("En toen?",)),
         TruthTurn("R", "respondent", ("Niks.",))]


def test_score_counts_whitespace_differences_as_right():
    got = [_t("I", "interviewer", "Hoe  begon het?"),
           _t("R", "respondent", "Via de wijkagent.\nToen belde ik Veilig Thuis."),
           _t("I", "interviewer", "En toen?"), _t("R", "respondent", " Niks. ")]
    s = score(TRUTH, got)
    assert (s.correct, s.words_correct, s.accuracy, s.problems) == (4, 4, 1.0, [])


def test_score_counts_a_split_turn_and_a_wrong_role_as_wrong():
    got = [_t("I", "interviewer", "Hoe begon het?"),
           _t("R", "respondent", "Via de wijkagent."),
           _t("Veilig Thuis", "respondent", "Toen belde ik Veilig Thuis."),
           _t("I", "respondent", "En toen?"), _t("R", "respondent", "Niks.")]
    s = score(TRUTH, got)
    assert s.correct == 2  # the first and the last; the split turn and the wrong role are lost
    assert s.words_correct == 3  # ignoring roles, "En toen?" is right
    assert s.problems and "truth[1:3]" in s.problems[0]


def test_score_counts_a_merged_turn_and_lost_words_as_wrong():
    got = [_t("I", "interviewer", "Hoe begon het? Via de wijkagent. Toen belde ik Veilig Thuis."),
           _t("I", "interviewer", "En toen?"), _t("R", "respondent", "Niks")]
    s = score(TRUTH, got)
    assert (s.correct, s.n_read) == (1, 3)
