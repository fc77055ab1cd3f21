"""Segmentation: units, ids, offsets into the rendered texts."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import columns
from pipeline.ingest import read_transcript
from pipeline.model import Document, Turn
from pipeline.segment import segment_documents

FIX = Path(__file__).parent / "fixtures" / "transcripts"
NAMES = ["plain_utf8.txt", "cp1252.txt", "teams.vtt", "line_breaks.docx", "labels.srt", "bold_labels.md"]


@pytest.fixture(scope="module")
def documents():
    return [read_transcript(FIX / n) for n in NAMES]


@pytest.mark.parametrize("unit", ["turn", "paragraph", "sentence"])
def test_offsets_point_into_the_texts(documents, unit):
    segments, texts = segment_documents(documents, unit=unit)
    assert tuple(segments.columns) == columns.SEGMENTS
    assert set(texts) == {d.doc_id for d in documents}
    for row in segments.itertuples():
        assert texts[row.doc_id][row.start:row.end] == row.text
        assert row.text == row.text.strip() and row.text
    for doc in documents:
        assert texts[doc.doc_id] == doc.render()[0]


def test_turn_unit_ids_and_turn_index(documents):
    segments, _ = segment_documents(documents)
    plain = segments[segments["doc_id"] == "plain_utf8"]
    assert list(plain["segment_id"]) == [f"plain_utf8:{n:04d}" for n in range(1, 5)]
    assert list(plain["turn_index"]) == [1, 2, 3, 4]
    assert list(plain["role"]) == ["interviewer", "respondent"] * 2
    assert list(plain["speaker"]) == ["Interviewer", "Respondent"] * 2
    assert segments["turn_index"].dtype.kind == "i" and segments["start"].dtype.kind == "i"
    assert list(segments["doc_id"]) == sorted(segments["doc_id"])


def test_paragraph_unit_splits_multi_paragraph_turns(documents):
    segments, _ = segment_documents(documents, unit="paragraph")
    plain = segments[segments["doc_id"] == "plain_utf8"]
    assert list(plain["turn_index"]) == [1, 2, 2, 2, 2, 3, 4]
    assert plain.iloc[2]["text"] == "Ik zei: dat kan niet zo doorgaan, we moeten met z'n allen om tafel."
    assert list(plain["segment_id"]) == [f"plain_utf8:{n:04d}" for n in range(1, 8)]


def test_sentence_unit():
    doc = Document("d1", "d1.txt", "txt", turns=[
        Turn("Interviewer", "Hoe ging dat? Vertel eens.", role="interviewer"),
        Turn("Respondent", "Nou, eh, goed. De wijkagent belde.\nToen gingen we (lacht) aan de slag!",
             role="respondent"),
    ])
    segments, texts = segment_documents([doc], unit="sentence")
    assert list(segments["text"]) == ["Hoe ging dat?", "Vertel eens.", "Nou, eh, goed.", "De wijkagent belde.",
                                      "Toen gingen we (lacht) aan de slag!"]
    assert list(segments["turn_index"]) == [1, 1, 2, 2, 2]
    assert list(segments["role"]) == ["interviewer"] * 2 + ["respondent"] * 3
    assert all(texts["d1"][s:e] == t for s, e, t in zip(segments["start"], segments["end"], segments["text"]))


def test_segmentation_is_deterministic(documents):
    a, ta = segment_documents(documents, unit="sentence")
    b, tb = segment_documents(list(reversed(documents)), unit="sentence")
    assert a.equals(b) and ta == tb


def test_unknown_unit_and_duplicate_ids():
    with pytest.raises(ValueError, match="unit"):
        segment_documents([], unit="hoofdstuk")
    doc = Document("d1", "d1.txt", "txt", turns=[Turn("I", "Vraag?", role="interviewer")])
    with pytest.raises(ValueError, match="duplicate"):
        segment_documents([doc, doc])


def test_no_documents_gives_an_empty_table():
    segments, texts = segment_documents([])
    assert tuple(segments.columns) == columns.SEGMENTS and segments.empty and texts == {}
