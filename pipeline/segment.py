"""Segmentation: documents → the segments table (the units of coding) and the texts they point into.

A segment is a turn, a paragraph of a turn, or a sentence of a paragraph (``segment_unit`` in
the study config). Offsets are code-point offsets into the document's rendered text
(:meth:`pipeline.model.Document.render`, written to ``texts/{doc_id}.txt``), end exclusive, so
``texts[doc_id][start:end] == text`` for every segment.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator

import pandas as pd

from . import columns
from .model import Document

Span = tuple[int, int]

_nlp = None


def _sentencizer():
    """spaCy's rule-based Dutch sentencizer, built once (no model download)."""
    global _nlp
    if _nlp is None:
        import spacy

        nlp = spacy.blank("nl")
        nlp.add_pipe("sentencizer")
        _nlp = nlp
    return _nlp


def _paragraph_spans(text: str, start: int) -> Iterator[Span]:
    """Spans of the non-empty lines of a turn's text (lines are separated by ``"\\n"``)."""
    for m in re.finditer(r"[^\n]+", text):
        piece = m.group(0)
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece) - len(piece.rstrip())
        if piece.strip():
            yield start + m.start() + lead, start + m.end() - trail


def _turn_spans(text: str, start: int) -> Iterator[Span]:
    if text.strip():
        yield start, start + len(text)


def _sentence_spans(text: str, start: int) -> Iterator[Span]:
    nlp = _sentencizer()
    paragraphs = list(_paragraph_spans(text, 0))
    docs = nlp.pipe(text[a:b] for a, b in paragraphs)
    for (a, _), doc in zip(paragraphs, docs):
        for sent in doc.sents:
            s, e = sent.start_char, sent.end_char
            piece = doc.text[s:e]
            s += len(piece) - len(piece.lstrip())
            e -= len(piece) - len(piece.rstrip())
            if e > s:
                yield start + a + s, start + a + e


#: Unit name → function ``(turn_text, turn_start) -> spans`` in the rendered text.
UNITS: dict[str, Callable[[str, int], Iterator[Span]]] = {
    "turn": _turn_spans,
    "paragraph": _paragraph_spans,
    "sentence": _sentence_spans,
}


def segment_documents(documents: list[Document], unit: str = "turn") -> tuple[pd.DataFrame, dict[str, str]]:
    """Split documents into segments.

    Parameters
    ----------
    documents : list of Document
        Documents with roles assigned.
    unit : {"turn", "paragraph", "sentence"}
        The unit of coding.

    Returns
    -------
    segments : pandas.DataFrame
        Columns :data:`pipeline.columns.SEGMENTS`, one row per segment, sorted by
        ``doc_id, segment_id``; ``segment_id = f"{doc_id}:{n:04d}"`` numbered from 1 in document
        order; ``turn_index`` 1-based over all turns (interviewer turns included).
    texts : dict of str to str
        ``doc_id`` → rendered text that the offsets refer to.

    Raises
    ------
    ValueError
        Unknown ``unit``, or two documents with the same ``doc_id``.
    """
    if unit not in UNITS:
        raise ValueError(f"unknown segment unit {unit!r}; choose one of {', '.join(UNITS)}")
    ids = [d.doc_id for d in documents]
    if len(set(ids)) != len(ids):
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        raise ValueError(f"duplicate doc_id(s): {', '.join(dupes)}")
    spans_of = UNITS[unit]
    rows: list[dict] = []
    texts: dict[str, str] = {}
    for doc in sorted(documents, key=lambda d: d.doc_id):
        text, turn_spans = doc.render()
        texts[doc.doc_id] = text
        n = 0
        for turn_index, (turn, (t_start, t_end)) in enumerate(zip(doc.turns, turn_spans), 1):
            for start, end in spans_of(text[t_start:t_end], t_start):
                n += 1
                rows.append({
                    "doc_id": doc.doc_id, "segment_id": f"{doc.doc_id}:{n:04d}",
                    "turn_index": turn_index, "speaker": turn.speaker, "role": turn.role,
                    "start": start, "end": end, "text": text[start:end],
                })
    segments = pd.DataFrame(rows, columns=list(columns.SEGMENTS))
    for col in ("turn_index", "start", "end"):
        segments[col] = segments[col].astype("int64")
    return segments, texts
