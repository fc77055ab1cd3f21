"""Cross-check the project's tolerant WebVTT reader against the independent webvtt-py parser."""
from __future__ import annotations

from pathlib import Path

import webvtt

from pipeline.ingest import read_transcript

SAMPLE_VTT = Path(__file__).resolve().parents[1] / "data" / "sample" / "transcripts" / "R03.vtt"


def test_same_words_and_speakers_as_webvtt_py():
    captions = webvtt.read(str(SAMPLE_VTT))
    reference_words = " ".join(c.text for c in captions).split()
    doc = read_transcript(SAMPLE_VTT)
    assert " ".join(t.text for t in doc.turns).split() == reference_words
    # consecutive cues of one voice are one turn: as many turns as voice changes
    voices = [c.voice for c in captions]
    changes = 1 + sum(a != b for a, b in zip(voices, voices[1:]))
    assert len(doc.turns) == changes
    assert {t.speaker for t in doc.turns} == set(voices)
