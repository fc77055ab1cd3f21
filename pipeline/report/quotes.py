"""Quotes for authors: the most typical respondent segments per code, and style evidence.

Quotes come from ``segments.text``, which is already pseudonymised by the run.
"""
from __future__ import annotations

import re

import pandas as pd

QUOTE_COLUMNS = ("code_id", "rank", "segment_id", "doc_id", "respondent_id", "score", "n_words",
                 "text", "shortened")
EVIDENCE_COLUMNS = ("respondent_id", "style", "rank", "segment_id", "text")


def _word_count(text: str) -> int:
    return len(str(text).split())


def _shorten(text: str, max_words: int) -> str:
    words = str(text).split()
    return " ".join(words[:max_words]) + " […]"


def typical_quotes(codings: pd.DataFrame, segments: pd.DataFrame, documents: pd.DataFrame | None = None,
                   *, n: int = 3, min_words: int = 8, max_words: int = 80, distinct: bool = True) -> pd.DataFrame:
    """The ``n`` most typical respondent quotes per code.

    Typical means: highest coding score first (the best of all coders for that segment), then the
    shortest segment, then segment id (so ties are broken the same way every run). Segments of
    ``min_words``–``max_words`` words are preferred; only when a code has fewer than ``n`` of
    those are others used: longer ones cut to ``max_words`` words and marked ``[…]``, shorter
    ones as they are.

    With ``distinct`` (default), codes are filled in ``code_id`` order and a segment already quoted
    for an earlier code comes after the other segments of the same range, so one vivid answer
    that carries five codes is not printed five times; it is quoted again only when a code has
    nothing else.

    Parameters
    ----------
    codings : DataFrame
        Columns ``segment_id, code_id, score`` (``columns.CODINGS``).
    segments : DataFrame
        Columns ``doc_id, segment_id, role, text`` (``columns.SEGMENTS``).
    documents : DataFrame, optional
        ``doc_id, respondent_id``; without it the respondent id is the doc id.
    n : int
        Quotes per code.
    distinct : bool
        Prefer segments not yet quoted for another code.

    Returns
    -------
    DataFrame
        Columns :data:`QUOTE_COLUMNS`, sorted by ``code_id, rank``; ``rank`` starts at 1.
    """
    if codings.empty or segments.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in QUOTE_COLUMNS})
    segs = segments[segments["role"].astype(str) == "respondent"][["doc_id", "segment_id", "text"]].copy()
    segs["segment_id"] = segs["segment_id"].astype(str)
    segs["text"] = segs["text"].fillna("").astype(str)
    if documents is not None and not documents.empty and "respondent_id" in documents:
        owners = documents[["doc_id", "respondent_id"]].drop_duplicates("doc_id")
        segs = segs.merge(owners, on="doc_id", how="left")
        segs["respondent_id"] = segs["respondent_id"].fillna(segs["doc_id"]).astype(str)
    else:
        segs["respondent_id"] = segs["doc_id"].astype(str)
    coded = codings[["segment_id", "code_id", "score"]].copy()
    coded["segment_id"] = coded["segment_id"].astype(str)
    coded["code_id"] = coded["code_id"].astype(str)
    coded["score"] = pd.to_numeric(coded["score"], errors="coerce").fillna(0.0)
    coded = coded.groupby(["code_id", "segment_id"], as_index=False)["score"].max()
    df = coded.merge(segs, on="segment_id", how="inner")
    if df.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in QUOTE_COLUMNS})
    df["n_words"] = df["text"].map(_word_count)
    df = df[df["n_words"] > 0]
    df["in_range"] = df["n_words"].between(min_words, max_words)
    # Out-of-range segments: the nearer to the range, the better.
    df["distance"] = (min_words - df["n_words"]).clip(lower=0) + (df["n_words"] - max_words).clip(lower=0)
    df = df.sort_values(["code_id", "in_range", "score", "distance", "n_words", "segment_id"],
                        ascending=[True, False, False, True, True, True], kind="mergesort")
    if distinct:
        quoted: set[str] = set()
        picks = []
        for _, group in df.groupby("code_id", sort=True):
            fresh = ~group["segment_id"].isin(quoted)
            # Stable sort: within a range, unquoted first; the order above holds inside each part.
            order = group.assign(_fresh=fresh).sort_values(["in_range", "_fresh"], ascending=False,
                                                           kind="mergesort")
            chosen = order.head(n).drop(columns="_fresh")
            quoted.update(chosen["segment_id"])
            picks.append(chosen)
        df = pd.concat(picks)
    else:
        df = df.groupby("code_id", sort=True).head(n).copy()
    df["rank"] = df.groupby("code_id").cumcount() + 1
    df["shortened"] = df["n_words"] > max_words
    df.loc[df["shortened"], "text"] = df.loc[df["shortened"], "text"].map(lambda t: _shorten(t, max_words))
    return df[list(QUOTE_COLUMNS)].reset_index(drop=True)


def evidence_ids(evidence) -> list[str]:
    """Segment ids in a ``respondents.evidence`` cell (separated by ``;``, ``,``, ``|`` or spaces)."""
    if evidence is None or (isinstance(evidence, float) and evidence != evidence):
        return []
    return [part for part in re.split(r"[;,|\s]+", str(evidence)) if part]


def style_evidence(respondents: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """The segments named as evidence for each respondent's regie style, with their text.

    Parameters
    ----------
    respondents : DataFrame
        Columns ``respondent_id, style, evidence``.
    segments : DataFrame
        Columns ``segment_id, text``.

    Returns
    -------
    DataFrame
        Columns :data:`EVIDENCE_COLUMNS`, one row per (respondent, evidence segment), in the
        order the evidence lists them; ids not found among the segments are left out.
    """
    texts = dict(zip(segments["segment_id"].astype(str), segments["text"].fillna("").astype(str))) \
        if not segments.empty else {}
    rows = []
    for row in respondents.sort_values("respondent_id").itertuples(index=False):
        ids = [i for i in evidence_ids(getattr(row, "evidence", None)) if i in texts]
        for rank, segment_id in enumerate(ids, start=1):
            rows.append((str(row.respondent_id), row.style, rank, segment_id, texts[segment_id]))
    return pd.DataFrame(rows, columns=list(EVIDENCE_COLUMNS))
