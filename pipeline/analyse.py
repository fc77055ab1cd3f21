"""From codings to findings: code frequencies, code × respondent, co-occurrence, regie styles.

Plain functions from tidy DataFrames to tidy DataFrames (columns in :mod:`pipeline.columns`),
sorted by their key columns so that the CSV files are byte-identical for the same inputs.

Which codings count
    ``codings.csv`` may hold the codings of several coders (``rules``, ``model:…``, ``human:…``).
    Counting them together would count a segment twice, so every function here uses one coder:
    the ``coder`` argument when given, else the coder of the first row of ``codings`` — the run
    concatenates coders in the order of ``coders`` in the study config, so that is the first
    configured coder (``rules`` by default). A segment coded twice with the same code by that
    coder counts once.

Inputs
    ``codings``: DataFrame[CODINGS]. ``seg_meta``: DataFrame[SEGMENTS] plus ``respondent_id``
    (without it, ``respondent_id = doc_id``; without ``role``, every segment counts as a
    respondent segment). ``codebook``: :class:`pipeline.codebook.Codebook` for labels and parents.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from . import columns, tables
from .config import STYLE_CODES, STYLE_INDICATORS

#: Codes that carry each regie style, with a weight per code: each style code plus the trust role
#: at the heart of the style (``pipeline.config.STYLE_INDICATORS``, where the weights are
#: explained). The study config (``styles: indicators:``) can replace them.
DEFAULT_STYLE_INDICATORS: dict[str, dict[str, float]] = STYLE_INDICATORS
#: Only the two style codes: pass as ``indicators`` to score on explicit style talk alone.
STYLE_CODES_ONLY: dict[str, dict[str, float]] = {
    "casusgericht": {"stijl.casusgericht": 1.0},
    "netwerkgericht": {"stijl.netwerkgericht": 1.0},
}
#: How many segment ids go into ``respondents.evidence``.
N_EVIDENCE = 3


# --------------------------------------------------------------------------------------------
# Helpers


def primary_coder(codings: pd.DataFrame, coder: str | None = None) -> str | None:
    """The coder whose codings the analysis uses (see the module docstring)."""
    if coder is not None:
        return coder
    if codings is None or codings.empty:
        return None
    return str(codings["coder"].iloc[0])


def _coded(codings: pd.DataFrame, coder: str | None) -> pd.DataFrame:
    """The chosen coder's codings, one row per (segment, code), with the highest score kept."""
    cols = ["doc_id", "segment_id", "code_id", "score"]
    if codings is None or codings.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in cols})
    who = primary_coder(codings, coder)
    df = codings.loc[codings["coder"].astype(str) == who, cols].copy()
    df["score"] = pd.to_numeric(df["score"], errors="coerce").fillna(0.0)
    df = df.sort_values(["segment_id", "code_id", "score"], ascending=[True, True, False], kind="mergesort")
    return df.drop_duplicates(["segment_id", "code_id"]).reset_index(drop=True)


def _segments(seg_meta: pd.DataFrame) -> pd.DataFrame:
    """``doc_id, segment_id, role, respondent_id, text`` for every segment, ids as strings (text
    empty when ``seg_meta`` has none)."""
    df = seg_meta.copy()
    if "respondent_id" not in df.columns:
        df["respondent_id"] = df["doc_id"]
    df["respondent_id"] = df["respondent_id"].where(df["respondent_id"].notna(), df["doc_id"])
    if "role" not in df.columns:
        df["role"] = "respondent"
    if "text" not in df.columns:
        df["text"] = ""
    df["text"] = df["text"].fillna("").astype(str)
    out = df[["doc_id", "segment_id", "role", "respondent_id", "text"]].astype(
        {"doc_id": str, "segment_id": str, "respondent_id": str})
    return out.drop_duplicates("segment_id").reset_index(drop=True)


def _descendants(codebook) -> dict[str, set[str]]:
    """Each code id → itself and every code below it."""
    children: dict[str, list[str]] = defaultdict(list)
    for code in codebook.codes:
        if code.parent:
            children[code.parent].append(code.id)
    out: dict[str, set[str]] = {}

    def walk(code_id: str, seen: frozenset) -> set[str]:
        found = {code_id}
        for child in children.get(code_id, []):
            if child not in seen:  # a cycle in a broken codebook must not hang the run
                found |= walk(child, seen | {child})
        return found

    for code in codebook.codes:
        out[code.id] = walk(code.id, frozenset({code.id}))
    return out


# --------------------------------------------------------------------------------------------
# Tables


def code_summary(codings: pd.DataFrame, seg_meta: pd.DataFrame, codebook, coder: str | None = None
                 ) -> pd.DataFrame:
    """How often each code of the codebook was applied.

    Parameters
    ----------
    codings : DataFrame[CODINGS]
    seg_meta : DataFrame[SEGMENTS] plus ``respondent_id``
    codebook : Codebook
    coder : str, optional
        Whose codings to count (default: the first coder in ``codings``).

    Returns
    -------
    DataFrame[CODE_SUMMARY]
        One row per code of the codebook, also codes never applied (zeros), plus codes found in
        the codings but missing from the codebook (label = id). ``parent`` is ``""`` at the top
        level. ``n_segments``/``n_documents``/``n_respondents`` count distinct segments,
        documents and respondents coded with the code *or any code below it* (a parent code
        rolls up its children). Sorted by ``code_id``.
    """
    coded = _coded(codings, coder)
    segs = _segments(seg_meta)
    respondent_of = dict(zip(segs["segment_id"], segs["respondent_id"]))
    coded["respondent_id"] = [respondent_of.get(s, d) for s, d in zip(coded["segment_id"], coded["doc_id"])]
    by_code = {cid: g for cid, g in coded.groupby("code_id", sort=True)}

    rows = []
    tree = _descendants(codebook)
    known = set(tree)
    for code in codebook.codes:
        parts = [by_code[c] for c in sorted(tree[code.id]) if c in by_code]
        hits = pd.concat(parts) if parts else coded.iloc[0:0]
        rows.append((code.id, code.label, code.parent or "", hits["segment_id"].nunique(),
                     hits["doc_id"].nunique(), hits["respondent_id"].nunique()))
    for cid, hits in by_code.items():
        if cid not in known:
            rows.append((cid, cid, "", hits["segment_id"].nunique(), hits["doc_id"].nunique(),
                         hits["respondent_id"].nunique()))
    df = pd.DataFrame(rows, columns=list(columns.CODE_SUMMARY))
    df = df.astype({"n_segments": int, "n_documents": int, "n_respondents": int})
    return tables.tidy(df, "code_summary")


def code_by_respondent(codings: pd.DataFrame, seg_meta: pd.DataFrame, codebook, coder: str | None = None
                       ) -> pd.DataFrame:
    """Each code per respondent, complete (zeros included) so heatmaps have every cell.

    Returns
    -------
    DataFrame[CODE_BY_RESPONDENT]
        One row per (code, respondent) for every codable code of the codebook (codes without
        children) and every code that occurs in the codings, times every respondent in
        ``seg_meta``. ``n_segments`` counts the respondent's *respondent-role* segments coded with
        the code; ``share = n_segments / `` the respondent's number of respondent-role segments
        (NaN for a respondent without any). Sorted by ``code_id, respondent_id``.
    """
    coded = _coded(codings, coder)
    segs = _segments(seg_meta)
    talk = segs[segs["role"] == "respondent"]
    n_talk = talk.groupby("respondent_id")["segment_id"].nunique()
    hits = coded.merge(talk[["segment_id", "respondent_id"]], on="segment_id", how="inner")
    counts = hits.groupby(["code_id", "respondent_id"])["segment_id"].nunique()

    codes = sorted({c.id for c in codebook.codable()} | set(coded["code_id"].astype(str)))
    respondents = sorted(set(segs["respondent_id"]))
    grid = pd.MultiIndex.from_product([codes, respondents], names=["code_id", "respondent_id"])
    df = counts.reindex(grid, fill_value=0).rename("n_segments").reset_index()
    df["n_segments"] = df["n_segments"].astype(int)
    denominator = df["respondent_id"].map(n_talk).astype(float)
    df["share"] = np.where(denominator > 0, df["n_segments"] / denominator.where(denominator > 0, 1.0), np.nan)
    return tables.tidy(df, "code_by_respondent")


def cooccurrence(codings: pd.DataFrame, coder: str | None = None) -> pd.DataFrame:
    """How often two codes were applied to the same segment.

    Returns
    -------
    DataFrame[COOCCURRENCE]
        One row per pair ``code_a < code_b`` (alphabetical) applied together to at least one
        segment; ``n_segments`` = number of such segments. No diagonal (how often a code occurs
        on its own is in ``code_summary``) and no zero rows; codes as coded (no roll-up to
        parents). :func:`cooccurrence_matrix` turns it into a square table for a heatmap.
    """
    coded = _coded(codings, coder)
    pairs: dict[tuple[str, str], int] = defaultdict(int)
    for _, group in coded.groupby("segment_id", sort=True):
        for a, b in combinations(sorted(set(group["code_id"].astype(str))), 2):
            pairs[(a, b)] += 1
    if not pairs:
        return tables.empty("cooccurrence").astype({"n_segments": int})
    df = pd.DataFrame([(a, b, n) for (a, b), n in sorted(pairs.items())], columns=list(columns.COOCCURRENCE))
    return tables.tidy(df, "cooccurrence")


def cooccurrence_matrix(cooc: pd.DataFrame, codes: list[str] | None = None,
                        diagonal: Mapping[str, int] | None = None) -> pd.DataFrame:
    """A square, symmetric code × code table from :func:`cooccurrence` output.

    Parameters
    ----------
    cooc : DataFrame[COOCCURRENCE]
    codes : list of str, optional
        Row/column order (default: every code in ``cooc``, sorted). Codes without pairs get zeros.
    diagonal : mapping code → int, optional
        Values for the diagonal, e.g. ``code_summary.set_index("code_id")["n_segments"]``;
        zeros when not given.
    """
    found = sorted(set(cooc["code_a"]) | set(cooc["code_b"])) if len(cooc) else []
    order = list(codes) if codes is not None else found
    matrix = pd.DataFrame(0, index=order, columns=order, dtype=int)
    for a, b, n in cooc[list(columns.COOCCURRENCE)].itertuples(index=False):
        if a in matrix.index and b in matrix.index:
            matrix.loc[a, b] = matrix.loc[b, a] = int(n)
    if diagonal is not None:
        for code in order:
            matrix.loc[code, code] = int(diagonal.get(code, 0))
    return matrix


# --------------------------------------------------------------------------------------------
# Regie style per respondent


@dataclass(frozen=True)
class StyleEvidence:
    """One respondent's evidence for the style rules.

    ``casus_score``/``netwerk_score``: shares of respondent segments with the style's indicator
    codes; ``n_coded``: respondent segments with any code; ``explicit``: segments with each
    explicit style code (casus, netwerk); ``casus_focus``/``netwerk_focus``: style_focus words
    per 100 respondent words (NaN without a ``style_focus`` in the codebook);
    ``casus_turns``/``netwerk_turns``: respondent turns whose focus words lean each way
    (:func:`turn_leanings`); ``mixed_turns``: respondent turns coded as a mixed self-description
    (``thresholds.mixed_code``); ``self_label``: the style the respondent names for themselves
    (:func:`self_labels`; ``""`` when none or both); ``answers``: respondent turns of at least
    ``substantive_words`` words; ``expected_leaning``: the sum, over those answers, of the turn
    model's probability that the answer leans either way (NaN when answers are read by focus words).
    """

    casus_score: float
    netwerk_score: float
    n_coded: int
    explicit: tuple[int, int] = (0, 0)
    casus_focus: float = float("nan")
    netwerk_focus: float = float("nan")
    casus_turns: int = 0
    netwerk_turns: int = 0
    mixed_turns: int = 0
    self_label: str = ""
    answers: int = 0
    expected_leaning: float = float("nan")

    @property
    def minority_share(self) -> float:
        """Share of the leaning answers that lean the less common way (0–0.5; NaN without any)."""
        leaning = self.casus_turns + self.netwerk_turns
        return min(self.casus_turns, self.netwerk_turns) / leaning if leaning else float("nan")

    @property
    def leaning_share(self) -> float:
        """Share of the substantive answers that lean either way (NaN without answers)."""
        return (self.casus_turns + self.netwerk_turns) / self.answers if self.answers else float("nan")

    @property
    def leaning_probability(self) -> float:
        """The turn model's mean probability, over the substantive answers, that an answer leans
        either way (NaN without answers or without a model).

        Unlike :attr:`leaning_share` it counts an answer the model finds 0.55 casus as half an answer
        and one it finds 0.95 neither as nearly nothing: short answers, whose few words rarely lift one
        orientation to ``turn_probability``, still add what they say."""
        return self.expected_leaning / self.answers if self.answers else float("nan")


#: Added to both code scores and both focus rates before their ratio is taken: a respondent with
#: no segment (or no word) on one side gets a large but finite ratio.
SCORE_SMOOTHING = 0.02
FOCUS_SMOOTHING = 0.05
TURN_SMOOTHING = 0.5


def style_index(evidence: StyleEvidence, thresholds) -> float:
    """The evidence on one scale; > 0 leans netwerkgericht, < 0 casusgericht.

    ln of the code-score ratio (netwerk over casus), plus ``focus_weight`` × ln of the focus
    ratio over ``focus_pivot`` (words: how much of the talk is about organisations rather than
    the person), plus ``turn_weight`` × ln of the turn ratio over ``turn_pivot`` (answers: how
    many of them lean to organisations rather than the person). The focus and turn terms are
    left out when the codebook has no ``style_focus`` (NaN focus rates)."""
    index = math.log((evidence.netwerk_score + SCORE_SMOOTHING) / (evidence.casus_score + SCORE_SMOOTHING))
    if math.isnan(evidence.casus_focus) or math.isnan(evidence.netwerk_focus):
        return index
    ratio = (evidence.netwerk_focus + FOCUS_SMOOTHING) / (evidence.casus_focus + FOCUS_SMOOTHING)
    index += getattr(thresholds, "focus_weight", 1.0) * math.log(ratio / getattr(thresholds, "focus_pivot", 1.0))
    turn_weight = getattr(thresholds, "turn_weight", 0.0)
    if turn_weight:
        turns = (evidence.netwerk_turns + TURN_SMOOTHING) / (evidence.casus_turns + TURN_SMOOTHING)
        index += turn_weight * math.log(turns / thresholds.turn_pivot)
    return index


def _index_rule(evidence: StyleEvidence, thresholds) -> str:
    index = round(style_index(evidence, thresholds), 9)
    band = getattr(thresholds, "self_label_band", None)
    if band is not None and evidence.self_label:
        # the style they name stands unless their talk leans the other way by at least the band
        toward_other = index if evidence.self_label == "casusgericht" else -index
        if toward_other < band:
            return evidence.self_label
    thin = getattr(thresholds, "thin_share", None)
    thin_band = getattr(thresholds, "thin_band", None)
    few = getattr(thresholds, "thin_max_leaning", None)
    if (thin is not None and evidence.answers and round(evidence.leaning_share, 9) <= thin
            and (thin_band is None or abs(index) < thin_band)
            and (few is None or evidence.casus_turns + evidence.netwerk_turns <= few)):
        return "onbepaald"  # most answers speak of neither the person nor the organisations
    thin_probability = getattr(thresholds, "thin_probability", None)
    if (thin_probability is not None and evidence.answers and not math.isnan(evidence.leaning_probability)
            and round(evidence.leaning_probability, 9) <= thin_probability):
        return "onbepaald"  # the same, read as the model's probabilities rather than counted answers
    # each turn of their own mixed words widens the band, up to ``mixed_band_turns`` turns:
    # saying it twice, in answer to different questions, outweighs a stronger lean than once
    widening = min(evidence.mixed_turns, getattr(thresholds, "mixed_band_turns", 1))
    if evidence.mixed_turns and abs(index) < getattr(thresholds, "mixed_band", 0.0) * widening:
        return "onbepaald"
    # answers that split evenly between the person and the network are the mixed respondent
    # who never says so; a strong lean of codes and words still decides
    balanced = getattr(thresholds, "balanced_share", None)
    split = (balanced is not None and min(evidence.casus_turns, evidence.netwerk_turns) >= thresholds.balanced_min_turns
             and round(evidence.minority_share, 9) >= balanced)
    if split and abs(index) < thresholds.balanced_band:
        return "onbepaald"
    # both signs at once, their own words and an even split of their answers, outweigh more
    both = getattr(thresholds, "mixed_and_balanced_band", None)
    if both is not None and split and evidence.mixed_turns and abs(index) < both:
        return "onbepaald"
    if index >= thresholds.min_index:
        return "netwerkgericht"
    if index <= -thresholds.min_index:
        return "casusgericht"
    # many answers that lean one way all but together decide where codes and words balance out:
    # a casus-oriented respondent who talks at length about the partners' ways of working, each a
    # means for one person's plan (blind misses im04, iq02, jc02); a named style is left to its band
    many = getattr(thresholds, "one_sided_answers", None)
    if (many is not None and not evidence.self_label and evidence.casus_turns + evidence.netwerk_turns >= many
            and round(evidence.minority_share, 9) <= thresholds.one_sided_share):
        return "casusgericht" if evidence.casus_turns > evidence.netwerk_turns else "netwerkgericht"
    return "onbepaald"


def _ratio_rule(evidence: StyleEvidence, thresholds) -> str:
    scores = {"casusgericht": evidence.casus_score, "netwerkgericht": evidence.netwerk_score}
    leader = max(scores, key=lambda s: (scores[s], s == "casusgericht"))
    other = "netwerkgericht" if leader == "casusgericht" else "casusgericht"
    # Rounded so that a margin exactly at the threshold (1/10 − 0/10 vs 0.1) is not lost to float noise.
    if round(scores[leader] - scores[other], 9) < thresholds.min_margin:
        return "onbepaald"
    if round(scores[leader] - getattr(thresholds, "min_ratio", 1.0) * scores[other], 9) < 0:
        return "onbepaald"
    contradiction = getattr(thresholds, "min_contradiction", None)
    if contradiction is not None:
        said = dict(zip(("casusgericht", "netwerkgericht"), evidence.explicit))
        if said[other] - said[leader] >= contradiction:
            return "onbepaald"
    return leader


#: Style rules by name (``styles: rule:`` in the study config); each maps a respondent's
#: :class:`StyleEvidence` and the thresholds to a style. A new rule is one more entry.
STYLE_RULES: dict[str, Callable[[StyleEvidence, object], str]] = {
    "index": _index_rule,
    "ratio": _ratio_rule,
}


def style_label(evidence: StyleEvidence, thresholds) -> str:
    """The style of one respondent: ``onbepaald`` on too little evidence (fewer than
    ``min_segments`` coded segments, or a leading code score under :func:`min_code_share`), else the
    configured rule (:data:`STYLE_RULES`, ``thresholds.rule``; ``ratio`` when the thresholds
    object has no ``rule``)."""
    rule = getattr(thresholds, "rule", "ratio")
    if evidence.n_coded < thresholds.min_segments:
        return "onbepaald"
    if max(evidence.casus_score, evidence.netwerk_score) < min_code_share(getattr(thresholds, "min_share", None), rule):
        return "onbepaald"
    return STYLE_RULES[rule](evidence, thresholds)


#: The ``ratio`` rule's leading code score when ``min_share`` is not set (session 1's value).
RATIO_MIN_SHARE = 0.05


def min_code_share(min_share: float | None, rule: str) -> float:
    """The leading code score a call needs: ``min_share``, or when it is ``None`` 0.05 under the
    ``ratio`` rule and nothing under the ``index`` rule (which reads thin evidence from the answers)."""
    if min_share is not None:
        return min_share
    return RATIO_MIN_SHARE if rule == "ratio" else 0.0


def focus_pattern(terms: list[str]) -> re.Pattern:
    """One case-insensitive pattern for a ``style_focus`` word list: whole words, and any word
    beginning with a term that ends in ``*``."""
    parts = [re.escape(t[:-1]) + r"\w*" if t.endswith("*") else re.escape(t) for t in terms]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def focus_rates(talk: pd.DataFrame, style_focus) -> pd.DataFrame:
    """How often each respondent speaks in each style's focus words, per 100 words.

    Parameters
    ----------
    talk : DataFrame with ``respondent_id`` and ``text``
        The respondent-role segments.
    style_focus : pipeline.codebook.StyleFocus or None

    Returns
    -------
    DataFrame indexed by ``respondent_id`` with float columns ``casus_focus``, ``netwerk_focus``
    (NaN for all when ``style_focus`` is None; 0 words gives NaN).
    """
    if style_focus is None or talk.empty:
        return pd.DataFrame({"casus_focus": pd.Series(dtype=float), "netwerk_focus": pd.Series(dtype=float)},
                            index=pd.Index(sorted(set(talk["respondent_id"])), name="respondent_id"))
    words = talk.groupby("respondent_id")["text"].apply(lambda t: sum(len(x.split()) for x in t))
    out = pd.DataFrame(index=words.index)
    for column, style in (("casus_focus", "casusgericht"), ("netwerk_focus", "netwerkgericht")):
        pattern = focus_pattern(getattr(style_focus, style))
        hits = talk.groupby("respondent_id")["text"].apply(lambda t: sum(len(pattern.findall(x)) for x in t))
        out[column] = (100.0 * hits / words.where(words > 0)).astype(float)
    return out


def self_labels(talk: pd.DataFrame, style_focus) -> pd.Series:
    """The regie style each respondent names for themselves, if any.

    Parameters
    ----------
    talk : DataFrame with ``respondent_id`` and ``text``
        The respondent-role segments.
    style_focus : pipeline.codebook.StyleFocus or None
        Its ``self_labels`` hold, per style, regular expressions for a first-person naming of it.

    Returns
    -------
    Series of str indexed by ``respondent_id``
        ``casusgericht`` or ``netwerkgericht`` when the respondent's turns name only that style,
        ``""`` when they name neither or both (or there are no ``self_labels``).
    """
    ids = sorted(set(talk["respondent_id"]))
    labels = getattr(style_focus, "self_labels", None)
    if labels is None:
        return pd.Series("", index=pd.Index(ids, name="respondent_id"), dtype=object)
    patterns = {style: [re.compile(p, re.IGNORECASE) for p in getattr(labels, style)]
                for style in ("casusgericht", "netwerkgericht")}
    named: dict[str, set[str]] = defaultdict(set)
    for rid, text in talk[["respondent_id", "text"]].itertuples(index=False):
        for style, compiled in patterns.items():
            if any(p.search(text) for p in compiled):
                named[rid].add(style)
    return pd.Series([next(iter(named[r])) if len(named[r]) == 1 else "" for r in ids],
                     index=pd.Index(ids, name="respondent_id"), dtype=object)


def turn_leanings(talk: pd.DataFrame, style_focus, turn_ratio: float = 3.0,
                  substantive_words: int = 8, model=None, min_probability: float = 0.7) -> pd.DataFrame:
    """How many of each respondent's turns lean to the person, and how many to the network.

    Two readings (``styles: turn_leaning:``):

    ``learned`` (a ``model`` is given)
        The :class:`pipeline.orientation.TurnOrientationModel` reads each turn; it leans the way
        the model finds most probable when that probability reaches ``min_probability``.
    ``focus_words`` (no ``model``)
        A turn leans netwerk when it has at least one netwerk focus word and ``turn_ratio`` times
        its netwerk words are at least its casus words (organisation words are rarer in any talk,
        so one counts for several); else casus when it has a casus focus word; else neither.

    Counting answers rather than words keeps one long story about a client from outweighing
    ten answers about agreements between organisations.

    Parameters
    ----------
    talk : DataFrame with ``respondent_id``, ``doc_id``, ``turn_index`` and ``text``
        The respondent-role segments; the segments of one turn are read together.
    style_focus : pipeline.codebook.StyleFocus or None
        Without it there is no turn evidence (the style index then uses the codes alone).
    turn_ratio : float
    substantive_words : int
        Turns of at least this many words count as answers (``answers``); shorter ones are
        back-channel ("Ja.", "Klopt, ja.") that can lean neither way.
    model : pipeline.orientation.TurnOrientationModel, optional
    min_probability : float

    Returns
    -------
    DataFrame indexed by ``respondent_id`` with int columns ``casus_turns``, ``netwerk_turns``,
    ``answers`` and float column ``expected_leaning`` (the sum, over the answers, of the model's
    probability of casus plus that of netwerk; NaN without a model). Empty when ``style_focus`` is
    None.
    """
    return _count_leanings(turn_readings(talk, style_focus, turn_ratio, substantive_words, model, min_probability))


def _count_leanings(turns: pd.DataFrame) -> pd.DataFrame:
    empty = pd.DataFrame({"casus_turns": pd.Series(dtype=int), "netwerk_turns": pd.Series(dtype=int),
                          "answers": pd.Series(dtype=int), "expected_leaning": pd.Series(dtype=float)},
                         index=pd.Index([], name="respondent_id"))
    if turns.empty:
        return empty
    counts = pd.DataFrame({"respondent_id": turns["respondent_id"],
                           "casus_turns": (turns["leaning"] == "casus").astype(int),
                           "netwerk_turns": (turns["leaning"] == "netwerk").astype(int),
                           "answers": turns["answer"].astype(int), "expected_leaning": turns["leaning_mass"]})
    # min_count: a respondent's sum stays NaN without a model (pandas sums NaN to 0)
    return counts.groupby("respondent_id").sum(min_count=1)


def turn_readings(talk: pd.DataFrame, style_focus, turn_ratio: float = 3.0,
                  substantive_words: int = 8, model=None, min_probability: float = 0.7) -> pd.DataFrame:
    """Each respondent turn and the way it leans, as :func:`turn_leanings` counts them.

    Parameters are those of :func:`turn_leanings`.

    Returns
    -------
    DataFrame, one row per turn
        The turn's keys (``respondent_id, doc_id, turn_index``, or ``respondent_id, segment_id``
        when ``talk`` has no ``turn_index``), ``text`` (its segments joined), ``leaning``
        (``"casus"``, ``"netwerk"`` or ``""``), ``answer`` (bool: at least ``substantive_words``
        words) and ``leaning_mass`` (float: the model's probability of casus plus netwerk for an
        answer, 0 for a shorter turn, NaN without a model). Empty when ``style_focus`` is None.
    """
    keys = ["respondent_id", "doc_id", "turn_index"] if "turn_index" in talk.columns else ["respondent_id", "segment_id"]
    if style_focus is None or talk.empty:
        return pd.DataFrame({**{k: pd.Series(dtype=object) for k in keys}, "text": pd.Series(dtype=str),
                             "leaning": pd.Series(dtype=str), "answer": pd.Series(dtype=bool),
                             "leaning_mass": pd.Series(dtype=float)})
    turns = talk.groupby(keys, sort=True)["text"].apply(" ".join).reset_index()
    answers = turns["text"].map(lambda t: len(t.split()) >= substantive_words)
    if model is not None:
        from .orientation import ORIENTATIONS

        proba = model.predict_proba(turns["text"])
        best = proba.argmax(axis=1)
        sure = proba.max(axis=1) >= min_probability
        leans_casus = (best == ORIENTATIONS.index("casus")) & sure
        leans_netwerk = (best == ORIENTATIONS.index("netwerk")) & sure
        leaning_mass = (proba[:, ORIENTATIONS.index("casus")] + proba[:, ORIENTATIONS.index("netwerk")]) \
            * answers.to_numpy()
    else:
        casus_words, netwerk_words = focus_pattern(style_focus.casusgericht), focus_pattern(style_focus.netwerkgericht)
        casus = turns["text"].map(lambda t: len(casus_words.findall(t)))
        netwerk = turns["text"].map(lambda t: len(netwerk_words.findall(t)))
        leans_netwerk = ((netwerk >= 1) & (turn_ratio * netwerk >= casus)).to_numpy()
        leans_casus = ((casus >= 1).to_numpy()) & ~leans_netwerk
        leaning_mass = np.full(len(turns), np.nan)
    turns["leaning"] = np.where(leans_casus, "casus", np.where(leans_netwerk, "netwerk", ""))
    turns["answer"] = answers.to_numpy()
    turns["leaning_mass"] = leaning_mass
    return turns


@lru_cache(maxsize=8)
def _cached_turn_model(path: str):
    from .orientation import TurnOrientationModel

    return TurnOrientationModel.load(path)


def turn_model_for(thresholds):
    """The turn-orientation model the thresholds ask for: ``None`` for ``turn_leaning:
    focus_words``, else ``turn_model`` (default: the model shipped with the package), loaded once."""
    if getattr(thresholds, "turn_leaning", "focus_words") != "learned":
        return None
    from .orientation import DEFAULT_TURN_MODEL

    path = getattr(thresholds, "turn_model", None) or DEFAULT_TURN_MODEL
    return _cached_turn_model(str(Path(path).resolve()))


def _aggregate_metadata(respondent_meta: pd.DataFrame | None) -> pd.DataFrame:
    """One row per respondent: a value shared by all their documents, or the distinct values
    joined with ``"; "`` (in document order) when they differ."""
    if respondent_meta is None or respondent_meta.empty or "respondent_id" not in respondent_meta.columns:
        return pd.DataFrame({"respondent_id": pd.Series(dtype=str)})
    meta = respondent_meta.copy()
    meta["respondent_id"] = meta["respondent_id"].astype(str)
    if "doc_id" in meta.columns:
        meta = meta.sort_values(["respondent_id", "doc_id"], kind="mergesort")
    extra = [c for c in meta.columns if c not in ("doc_id", "respondent_id")]
    rows = []
    for rid, group in meta.groupby("respondent_id", sort=True):
        row = {"respondent_id": rid}
        for col in extra:
            values = [v for v in group[col].tolist() if not (v is None or (isinstance(v, float) and np.isnan(v)))
                      and str(v) != ""]
            distinct = list(dict.fromkeys(values))
            row[col] = distinct[0] if len(distinct) == 1 else ("; ".join(map(str, distinct)) if distinct else np.nan)
        rows.append(row)
    return pd.DataFrame(rows, columns=["respondent_id", *extra])


def respondent_styles(codings: pd.DataFrame, seg_meta: pd.DataFrame, respondent_meta: pd.DataFrame | None,
                      thresholds, indicators: Mapping[str, Mapping[str, float]] | None = None,
                      coder: str | None = None, style_focus=None, turn_model=None) -> pd.DataFrame:
    """The regie style of each respondent, with its evidence and the respondent's metadata.

    Evidence
        *Codes*: ``casus_score`` and ``netwerk_score`` are the share of the respondent's
        respondent-role segments that carry the style's indicator codes, each segment counting
        with the highest weight among the indicators it carries (weights and their reasons:
        ``pipeline.config.STYLE_INDICATORS``, replaceable under ``styles: indicators:``). With
        :data:`STYLE_CODES_ONLY` as ``indicators`` the scores are exactly the shares of
        segments coded with the style codes.
        *Focus of talk*: ``casus_focus`` and ``netwerk_focus`` (:func:`focus_rates`, from the
        codebook's ``style_focus`` word lists; NaN without them). Casus orientation is mostly
        told through the person rather than named, which is what the focus picks up.

    Rule
        :func:`style_label` with the configured rule (``styles: rule:``, default ``index``;
        :class:`pipeline.config.StyleThresholds` documents both rules, their settings and how
        they were measured, ``bench/bench_styles.py`` reproduces the figures).
        ``style_index`` is :func:`style_index` (whatever the rule).

    Parameters
    ----------
    codings : DataFrame[CODINGS]
    seg_meta : DataFrame[SEGMENTS] plus ``respondent_id``
    respondent_meta : DataFrame or None
        ``doc_id, respondent_id`` and metadata columns; a respondent with several documents gets
        one row, with differing values joined by ``"; "``.
    thresholds : StyleThresholds
    indicators : mapping style → {code_id: weight}, optional
        Default: ``thresholds.indicators`` when the config has such a field (its default is
        :data:`DEFAULT_STYLE_INDICATORS`), else :data:`DEFAULT_STYLE_INDICATORS`. A style left
        out keeps its default indicators.
    coder : str, optional
        Whose codings to use (default: the first coder in ``codings``).
    turn_model : pipeline.orientation.TurnOrientationModel, optional
        Reads the answers for ``casus_turns``/``netwerk_turns`` (default: :func:`turn_model_for`
        the thresholds, i.e. the shipped model unless ``turn_leaning: focus_words``).

    Returns
    -------
    DataFrame[RESPONDENTS] followed by the metadata columns
        One row per respondent in ``seg_meta`` or ``respondent_meta``, sorted by id.
        ``n_segments`` = number of respondent-role segments; scores are NaN when it is 0.
        ``evidence`` = up to three segment ids (``;``-separated) carrying the winning style,
        strongest first (indicator weight × coding score, then segment id); for ``onbepaald``
        the strongest of either style.
    """
    indicators = indicators or getattr(thresholds, "indicators", None) or DEFAULT_STYLE_INDICATORS
    indicators = {s: dict(w) for s, w in indicators.items()}
    for style in ("casusgericht", "netwerkgericht"):
        indicators.setdefault(style, dict(DEFAULT_STYLE_INDICATORS[style]))
    coded = _coded(codings, coder)
    segs = _segments(seg_meta)
    talk = segs[segs["role"] == "respondent"]
    hits = coded.merge(talk[["segment_id", "respondent_id"]], on="segment_id", how="inner")

    n_talk = talk.groupby("respondent_id")["segment_id"].nunique().to_dict()
    n_coded = hits.groupby("respondent_id")["segment_id"].nunique().to_dict()
    said = hits[hits["code_id"].isin(STYLE_CODES.values())]
    n_said = said.groupby(["respondent_id", "code_id"])["segment_id"].nunique().to_dict()
    mixed_code = getattr(thresholds, "mixed_code", None)
    mixed = hits[hits["code_id"] == mixed_code] if mixed_code else hits.iloc[0:0]
    mixed_segments = {rid: sorted(g["segment_id"].unique()) for rid, g in mixed.groupby("respondent_id")}
    # Per (respondent, style, segment): the weight the segment counts with and its strength.
    weight: dict[tuple[str, str], dict[str, tuple[float, float]]] = defaultdict(dict)
    for rid, seg, code, score in hits[["respondent_id", "segment_id", "code_id", "score"]].itertuples(index=False):
        for style, codes in indicators.items():
            w = codes.get(code)
            if w:
                old = weight[(rid, style)].get(seg, (0.0, 0.0))
                weight[(rid, style)][seg] = (max(old[0], w), max(old[1], w * float(score)))

    focus = focus_rates(talk, style_focus)
    if turn_model is None:
        turn_model = turn_model_for(thresholds)
    readings = turn_readings(talk, style_focus, getattr(thresholds, "turn_ratio", 3.0),
                             getattr(thresholds, "substantive_words", 8), model=turn_model,
                             min_probability=getattr(thresholds, "turn_probability", 0.7))
    leanings = _count_leanings(readings)
    if getattr(thresholds, "mixed_unclear_turns_only", False) and mixed_segments and not readings.empty:
        # "ik zit er tussenin" in an answer the reading finds clearly about the network (or the
        # person) places the speaker between parties, not between the two ways of working
        keys = [k for k in readings.columns if k in ("respondent_id", "doc_id", "turn_index", "segment_id")]
        leaning_of = talk[list(dict.fromkeys(keys + ["segment_id"]))].drop_duplicates("segment_id") \
            .merge(readings[keys + ["leaning"]], on=keys, how="left").set_index("segment_id")["leaning"].fillna("")
        mixed_segments = {rid: kept for rid, segs_ in mixed_segments.items()
                          if (kept := [seg for seg in segs_ if not leaning_of.get(seg, "")])}
    named = self_labels(talk, style_focus)
    meta = _aggregate_metadata(respondent_meta)
    respondents = sorted(set(segs["respondent_id"]) | set(meta["respondent_id"]))
    rows = []
    for rid in respondents:
        n = n_talk.get(rid, 0)
        casus = weight.get((rid, "casusgericht"), {})
        netwerk = weight.get((rid, "netwerkgericht"), {})
        if n:
            casus_score = sum(w for w, _ in casus.values()) / n
            netwerk_score = sum(w for w, _ in netwerk.values()) / n
        else:
            casus_score = netwerk_score = float("nan")
        explicit = tuple(n_said.get((rid, STYLE_CODES[s]), 0) for s in ("casusgericht", "netwerkgericht"))
        casus_focus, netwerk_focus = (focus.loc[rid, "casus_focus"], focus.loc[rid, "netwerk_focus"]) \
            if rid in focus.index else (float("nan"), float("nan"))
        casus_turns, netwerk_turns, answers, expected = (
            int(leanings.loc[rid, "casus_turns"]), int(leanings.loc[rid, "netwerk_turns"]),
            int(leanings.loc[rid, "answers"]), float(leanings.loc[rid, "expected_leaning"])) \
            if rid in leanings.index else (0, 0, 0, float("nan"))
        own_words = mixed_segments.get(rid, [])
        evidence = StyleEvidence(casus_score if n else 0.0, netwerk_score if n else 0.0, n_coded.get(rid, 0),
                                 explicit, float(casus_focus), float(netwerk_focus), casus_turns, netwerk_turns,
                                 len(own_words), named.get(rid, ""), answers, expected)
        style = style_label(evidence, thresholds)
        index = style_index(evidence, thresholds) if n else float("nan")
        pool = {"casusgericht": casus, "netwerkgericht": netwerk}.get(style)
        lead: list[str] = []
        if pool is None:  # onbepaald: the respondent's own mixed self-description, then the strongest of either style
            lead = own_words[:N_EVIDENCE]
            pool = dict(casus)
            for seg, val in netwerk.items():
                pool[seg] = max(pool.get(seg, val), val)
        ranked = lead + [seg for seg, _ in sorted(pool.items(), key=lambda kv: (-kv[1][1], kv[0]))
                         if seg not in lead]
        rows.append((rid, style, casus_score, netwerk_score, n, ";".join(ranked[:N_EVIDENCE]),
                     float(casus_focus), float(netwerk_focus), index, casus_turns, netwerk_turns, len(own_words),
                     named.get(rid, ""), evidence.leaning_share, evidence.leaning_probability))
    df = pd.DataFrame(rows, columns=list(columns.RESPONDENTS))
    df["n_segments"] = df["n_segments"].astype(int)
    if len(meta.columns) > 1:
        meta = meta.rename(columns={c: f"{c}_meta" for c in meta.columns
                                    if c in columns.RESPONDENTS and c != "respondent_id"})
        df = df.merge(meta, on="respondent_id", how="left")
    return tables.tidy(df, "respondents")
