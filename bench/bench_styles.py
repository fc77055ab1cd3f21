"""Regie style per respondent on every labelled set, and a leave-one-set-out choice of the rule.

Usage::

    .venv/bin/python bench/bench_styles.py [--folds K] [NAME_PART ...]

With arguments, only the rule families whose name contains one of them run (and the default).
``--folds K`` reads each set's answers by a model fitted without its fold of K groups of whole
sets instead of without the set alone: K model fits instead of one per set.

Codes every labelled set (the sample study, devgold, and each ``data/<set>/styles.csv``: checkgold,
heldout, styleset_a–em; 568 respondents in session 11) with the rules coder — read, segment by turn, no
pseudonymisation (it replaces names only, so styles are unaffected) — once, kept in memory. Then:

1. Leave one set out: for each candidate rule family (``ratio`` or ``index`` rule, which codes
   count with which weights, the weight of the talk's focus, how answers are read — word lists or
   the learned turn model; for the latter every set's answers are read by a model fitted on the
   marked turns of the *other* sets, :func:`cross_fitted_turn_models`), the thresholds (``min_ratio`` ×
   ``min_margin`` for ``ratio``; ``focus_pivot`` × ``min_index`` for ``index``) are tuned on the
   other sets and the calls are scored on the one left out. Ties on the training sets go to the
   thresholds whose grid neighbours do best too (the middle of a plateau, not its lucky edge),
   then to the one nearest the shipped default. Prints accuracy per fold and family, and the
   best accuracy on all sets with the settings that reach it.
2. The shipped default (``StyleThresholds()``, codebook ``style_focus``) through
   :func:`pipeline.analyse.respondent_styles`: per respondent the scores, focus rates, index,
   explicit style-code counts, the call and the intended style.

Prints figures, asserts nothing.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from pipeline import analyse, ingest, orientation, segment  # noqa: E402
from pipeline.codebook import load_codebook  # noqa: E402
from pipeline.coders import make_coder  # noqa: E402
from pipeline.config import (DEFAULT_CODEBOOK, STYLE_INDICATORS, STYLE_INDICATORS_1_2, StudyConfig,  # noqa: E402
                             StyleThresholds)

DATA = ROOT / "data"
#: The labelled sets: the sample study and devgold (styles in their READMEs, below), then every
#: ``data/<set>/styles.csv`` (``doc_id,style``), in name order.
SETS = ("sample", "devgold") + tuple(sorted(p.parent.name for p in DATA.glob("*/styles.csv")))
C, N, O = "casusgericht", "netwerkgericht", "onbepaald"

#: Accepted calls per respondent. sample: data/sample/README.md ("The interviews and the intended
#: regie style"); checkgold, heldout: their styles.csv; devgold: data/devgold/README.md (dev01
#: casus, dev06 netwerk, dev02 "leans netwerkgericht" so netwerk or onbepaald; dev03–05 casus by
#: their self-description, a weaker label).
SAMPLE_STYLES = {"R01": C, "R02": C, "R03": C, "R04": N, "R05": N, "R06": O}
DEVGOLD_STYLES = {"dev01": {C}, "dev02": {N, O}, "dev03": {C}, "dev04": {C}, "dev05": {C}, "dev06": {N}}

RATIOS = (1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.2, 2.5, 3.0)
MARGINS = (0.0, 0.03)
PIVOTS = (0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28, 0.3)
TURN_PIVOTS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.56, 0.63, 0.7, 0.8, 0.9, 1.0)
BANDS = (0.3, 0.4, 0.5, 0.6, 0.7)
DEFAULT = StyleThresholds()


def intended(name: str) -> dict[str, set[str]]:
    if name == "sample":
        return {k: {v} for k, v in SAMPLE_STYLES.items()}
    if name == "devgold":
        return DEVGOLD_STYLES
    styles = pd.read_csv(DATA / name / "styles.csv", dtype=str)
    return {d: {s} for d, s in zip(styles["doc_id"], styles["style"])}


def code_set(name: str, codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    folder = DATA / name
    respondents = folder / "respondents.csv"
    config = StudyConfig(transcripts=folder / "transcripts", pseudonymise=False,
                         respondents=respondents if respondents.exists() else None)
    documents, _rows, _skipped = ingest.read_study(config)
    segs, _texts = segment.segment_documents(documents, unit="turn")
    codings = make_coder("rules", codebook=codebook, config=config).predict(segs)
    # one interview per respondent in every set, named by its doc id
    return codings, segs.assign(respondent_id=segs["doc_id"])


@dataclass(frozen=True)
class Family:
    name: str
    indicators: dict
    rule: str = "ratio"
    focus_weight: float = 0.0        # index rule: weight of the talk's focus (words)
    contradiction: int | None = None
    turn_weight: float = 0.0         # index rule: weight of the answers' leaning (turns)
    mixed_band: float = 0.0          # index rule: own mixed self-description → onbepaald below this |index|
    mixed_band_turns: int = 1        # index rule: the band grows with each mixed turn up to this many (session 7)
    self_label_band: float | None = None  # index rule: a style named by the respondent stands below this
    thin_share: float | None = None  # index rule: onbepaald when at most this share of answers lean
    turn_leaning: str = "focus_words"  # how answers lean: codebook focus words, or the learned turn model
    turn_probability: float = 0.6    # learned: the model's probability a turn needs to lean
    turn_method: str = "naive_bayes"  # learned: the estimator (naive Bayes in sessions 4–7, logistic since 8)
    turn_ngrams: int = 1             # learned: lemmas only (sessions 4–9) or also lemma pairs (2, session 10)
    balanced_share: float | None = None  # index rule: answers split at least this evenly → onbepaald ...
    balanced_band: float = 2.0       # ... below this |index| (session 8)
    mixed_and_balanced_band: float | None = None  # ... own words and an even split together (session 11)
    thin_band: float | None = None   # index rule: thin answers give way to an index this strong (session 13)
    min_share: float | None = 0.05   # the leading code score a call needs (session 1's gate; None: the default's)
    thin_max_leaning: int | None = None  # index rule: thin answers only with at most this many leaning (session 13)
    thin_probability: float | None = None  # index rule: onbepaald when answers lean at most this, read as probabilities (14)
    one_sided_answers: int | None = None  # index rule: this many answers, nearly all one way, decide in the band (16)
    one_sided_share: float = 0.25    # ... with at most this share the other way (0.2 in sessions 16-17)
    mixed_unclear_turns_only: bool = False  # own mixed words count only in an answer not read clearly one way (21)

    def grid(self) -> list[list[StyleThresholds]]:
        """Rows of candidate thresholds; neighbours along a row count for the plateau tie-break."""
        if self.rule == "index" and self.turn_weight:
            return [[StyleThresholds(rule="index", focus_weight=self.focus_weight, turn_weight=self.turn_weight,
                                     turn_pivot=p, min_index=b, mixed_band=self.mixed_band,
                                     mixed_band_turns=self.mixed_band_turns,
                                     self_label_band=self.self_label_band, thin_share=self.thin_share,
                                     balanced_share=self.balanced_share, balanced_band=self.balanced_band,
                                     mixed_and_balanced_band=self.mixed_and_balanced_band,
                                     thin_band=self.thin_band, min_share=self.min_share,
                                     thin_max_leaning=self.thin_max_leaning,
                                     thin_probability=self.thin_probability,
                                     one_sided_answers=self.one_sided_answers, one_sided_share=self.one_sided_share,
                                     mixed_unclear_turns_only=self.mixed_unclear_turns_only)
                     for p in TURN_PIVOTS] for b in BANDS]
        if self.rule == "index":
            return [[StyleThresholds(rule="index", focus_weight=self.focus_weight, turn_weight=0.0, focus_pivot=p,
                                     min_index=b, mixed_band=self.mixed_band, mixed_band_turns=self.mixed_band_turns,
                                     self_label_band=self.self_label_band,
                                     thin_share=self.thin_share, balanced_share=self.balanced_share,
                                     thin_probability=self.thin_probability, one_sided_answers=None)
                     for p in PIVOTS] for b in BANDS]
        return [[StyleThresholds(rule="ratio", min_ratio=r, min_margin=m, min_contradiction=self.contradiction,
                                 balanced_share=None)
                 for r in RATIOS] for m in MARGINS]

    def distance(self, t: StyleThresholds) -> float:
        if self.rule == "index":
            return (abs(t.focus_pivot - DEFAULT.focus_pivot) + abs(t.turn_pivot - DEFAULT.turn_pivot)
                    + abs(t.min_index - DEFAULT.min_index))
        return abs(t.min_ratio - 1.8) + t.min_margin


HALF_TRUST = {C: {"stijl.casusgericht": 1.0, "vertrouwen.persoon": 0.5, "vertrouwen.wantrouwen_doelgroep": 0.5},
              N: {"stijl.netwerkgericht": 1.0, "vertrouwen.partners": 0.25, "samenwerking.netwerk": 0.5}}
FAMILIES = (
    Family("ratio: style codes only", analyse.STYLE_CODES_ONLY),
    Family("ratio: 1.2 indicators", STYLE_INDICATORS_1_2),
    Family("ratio: 1.2 trust at half weight", HALF_TRUST),
    Family("ratio: 1.3 indicators", STYLE_INDICATORS),
    Family("ratio: 1.2 + contradiction (session 1)", STYLE_INDICATORS_1_2, contradiction=2),
    Family("index: 1.2 indicators, no focus", STYLE_INDICATORS_1_2, rule="index"),
    Family("index: 1.3 indicators, no focus", STYLE_INDICATORS, rule="index"),
    Family("index: 1.2 indicators + focus", STYLE_INDICATORS_1_2, rule="index", focus_weight=1.0),
    Family("index: 1.3 + focus x0.5", STYLE_INDICATORS, rule="index", focus_weight=0.5),
    Family("index: 1.3 + focus x0.75", STYLE_INDICATORS, rule="index", focus_weight=0.75),
    Family("index: 1.3 + focus (session 2)", STYLE_INDICATORS, rule="index", focus_weight=1.0),
    Family("index: 1.3 + focus x1.5", STYLE_INDICATORS, rule="index", focus_weight=1.5),
    Family("index: 1.3 + turns x1, no focus", STYLE_INDICATORS, rule="index", turn_weight=1.0),
    Family("index: 1.3 + focus x0.5 + turns x0.5 (session 3)", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=0.5),
    Family("index: session 3 + own words, band 1.5", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=0.5, mixed_band=1.5),
    Family("index: session 3 + own words, band 2.5", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=0.5, mixed_band=2.5),
    Family("index: session 3 + own words + named style", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=0.5, mixed_band=2.5, self_label_band=1.0),
    Family("index: + own words + named + thin answers (session 4)", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=0.5, mixed_band=2.5, self_label_band=1.0, thin_share=0.5),
    Family("index: same, answers read by the learned model x0.5", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=0.5, mixed_band=2.5, self_label_band=1.0, thin_share=0.5,
           turn_leaning="learned"),
    Family("index: learned answers x1, no thin check", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, self_label_band=1.0, turn_leaning="learned"),
    Family("index: learned answers x1, p 0.7", STYLE_INDICATORS, rule="index", focus_weight=0.5, turn_weight=1.0,
           mixed_band=2.5, self_label_band=1.0, thin_share=0.5, turn_leaning="learned", turn_probability=0.7),
    Family("index: learned answers x1, p 0.8", STYLE_INDICATORS, rule="index", focus_weight=0.5, turn_weight=1.0,
           mixed_band=2.5, self_label_band=1.0, thin_share=0.5, turn_leaning="learned", turn_probability=0.8),
    Family("index: learned answers x1, one-turn band (session 6)", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=1.0, mixed_band=2.5, self_label_band=1.0, thin_share=0.5, turn_leaning="learned"),
    Family("index: learned answers x1, two-turn band (session 7)", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0, thin_share=0.5,
           turn_leaning="learned"),
    Family("index: session 7 + even split", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0, thin_share=0.5,
           turn_leaning="learned", balanced_share=0.4),
    Family("index: session 7, logistic answers p 0.7", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0, thin_share=0.25,
           turn_leaning="learned", turn_method="logistic", turn_probability=0.7),
    Family("index: logistic answers + even split (session 9)", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0, thin_share=0.25,
           turn_leaning="learned", turn_method="logistic", turn_probability=0.7, balanced_share=0.4),
    # Session 10: the model also reads pairs of adjacent lemmas ("zijn moeder", "met elkaar").
    Family("index: logistic answers on lemma pairs + even split from 0.4", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
           thin_share=0.25, turn_leaning="learned", turn_method="logistic", turn_ngrams=2, turn_probability=0.7,
           balanced_share=0.4),
    # Session 9's two blind misses (di06, ec03) split 0.33 and 0.375 as the model read them; with
    # lemma pairs read, the gate from a third loses no respondent leave-one-set-out (session 10).
    # Since session 13 without the code gate (min_share None: none under the index rule); with it
    # (0.05, sessions 1-12) leave-one-set-out gave the same 755/760 with ten folds.
    Family("index: lemma pairs + even split from 1/3 (session 13)", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0, thin_share=0.25,
           turn_leaning="learned", turn_method="logistic", turn_ngrams=2, turn_probability=0.7, balanced_share=0.33,
           min_share=None),
    # Session 14: the terse respondents with a style that the count gate stopped (gl04, gp05, gz04,
    # he04, hk02) have answers the model finds leaning at 0.35-0.48 on average, though few reach
    # turn_probability; the guarded ones 0.02-0.27. Gate on the mean probability instead.
    Family("index: thin answers read as probabilities (session 14)", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0, thin_share=None,
           thin_probability=0.3, turn_leaning="learned", turn_method="logistic", turn_ngrams=2, turn_probability=0.7,
           balanced_share=0.33, min_share=None),
    *(Family(f"index: thin answers read as probabilities, at most {p}", STYLE_INDICATORS, rule="index",
             focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
             thin_share=None, thin_probability=p, turn_leaning="learned", turn_method="logistic", turn_ngrams=2,
             turn_probability=0.7, balanced_share=0.33, min_share=None) for p in (0.2, 0.25, 0.35, 0.4)),
    # Session 15: of the default's misses on 171 sets (answers read by models fitted without the
    # set's tenth), nine are mixed respondents called netwerkgericht: answers split 2:3 to 5:7 at
    # index 1.9-2.9, past balanced_band 2.0. A wider band at fixed thresholds: 1012/1024 at 2.5,
    # 1013 at 2.75 and 3.0 against 1009 (losing checkgold test03 and heldout ho03); leave-one-set-
    # out 1012 (2.5) and 1013 (3.0) against 1006. On the 180 blind respondents of sessions 14-15
    # it changes no call. Left at 2.0 until a blind round measures it.
    *(Family(f"index: default, even split decides under index {band}", STYLE_INDICATORS, rule="index",
             focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
             thin_share=None, thin_probability=0.3, turn_leaning="learned", turn_method="logistic", turn_ngrams=2,
             turn_probability=0.7, balanced_share=0.33, balanced_band=band, min_share=None) for band in (2.5, 3.0)),
    # Session 16: three blind misses (im04, iq02, jc02) are casus-oriented respondents who explain the
    # partners' work at length: answers read 8:2, 8:3, 12:2 to the person, index -0.1 to -0.4 inside
    # min_index. Let eight or more leaning answers with at most a fifth the other way decide there.
    # Session 15's harness on 171 sets (fixed thresholds): 1010/1024 against 1009 (only hh06 changes,
    # rightly); at a share of 0.25 a mixed respondent (ht06, 6:2) is lost. With ten folds on 183 sets
    # (1,096 respondents): 1081 against 1075 for session 14's rule (cs03, dev02, hh06, ht06, ia04,
    # il02 gained, none lost); from 6 answers 1078, from 10 answers 1076, at most 0.25 1082 (bq03).
    Family("index: answers all but one-sided decide in the band (default)", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
           thin_share=None, thin_probability=0.3, turn_leaning="learned", turn_method="logistic", turn_ngrams=2,
           turn_probability=0.7, balanced_share=0.33, min_share=None, one_sided_answers=8),
    *(Family(f"index: default, one-sided from {k} answers, at most {share} the other way", STYLE_INDICATORS,
             rule="index", focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
             thin_share=None, thin_probability=0.3, turn_leaning="learned", turn_method="logistic", turn_ngrams=2,
             turn_probability=0.7, balanced_share=0.33, min_share=None, one_sided_answers=k, one_sided_share=share)
      for k, share in ((6, 0.2), (10, 0.2), (8, 0.25))),
    # Session 20's blind misses me04 and ml03 (both netwerkgericht): after naming the parties they
    # stand between ("Leerplicht valt onder onderwijs, de Top400 onder veiligheid ..."), "ik zit er
    # tussenin" was coded as a mixed self-description, and one such turn widened the band to 2.5
    # (index 2.04, 2.37). The candidate written down then: count such a turn only when the turn
    # model does not read it clearly one way (at turn_probability). Session 21, 274 sets, ten folds:
    # leave-one-set-out 1625/1642 as the default; at the default's thresholds it gains me04 and loses
    # bh05 (too little evidence, its one mixed turn read to the person). Not adopted.
    Family("index: default, own mixed words only in an answer not read clearly one way (session 21)",
           STYLE_INDICATORS, rule="index", focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2,
           self_label_band=1.0, thin_share=None, thin_probability=0.3, turn_leaning="learned",
           turn_method="logistic", turn_ngrams=2, turn_probability=0.7, balanced_share=0.33, min_share=None,
           one_sided_answers=8, mixed_unclear_turns_only=True),
    # Session 11's blind miss eu06 (mixed) said so once and its answers split 4/6, but its index,
    # 2.83, passed both bands (2.5 and 2.0); the two signs together could ask for more. Measured on
    # 95 sets: 552/568 at band 4 and at band 5, against 557 for the default; left off.
    Family("index: default + own words and even split together, band 4", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
           thin_share=0.25, turn_leaning="learned", turn_method="logistic", turn_ngrams=2, turn_probability=0.7,
           balanced_share=0.33, mixed_and_balanced_band=4.0),
    Family("index: default + own words and even split together, band 5", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
           thin_share=0.25, turn_leaning="learned", turn_method="logistic", turn_ngrams=2, turn_probability=0.7,
           balanced_share=0.33, mixed_and_balanced_band=5.0),
    # Session 12's blind miss gl04 (casus) answered so briefly that 4 of her 33 answers were read
    # as leaning (0.12, under thin_share), yet her index was -3.12: let a strong index pass the gate.
    *(Family(f"index: default + thin answers give way at index {band}", STYLE_INDICATORS, rule="index",
             focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
             thin_share=0.25, turn_leaning="learned", turn_method="logistic", turn_ngrams=2, turn_probability=0.7,
             balanced_share=0.33, thin_band=band) for band in (2.0, 2.5, 3.0, 4.0)),
    # Session 13's blind miss gp02 (casus, very brief answers): 13 answers read to the person and
    # none to the network, index -3.80, but only 2 of 43 segments carry a casus code (0.047, under
    # min_share 0.05). With the answers and the words counted, does the code gate still help?
    *(Family(f"index: default, leading code score from {share}", STYLE_INDICATORS, rule="index",
             focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
             thin_share=0.25, turn_leaning="learned", turn_method="logistic", turn_ngrams=2, turn_probability=0.7,
             balanced_share=0.33, min_share=share) for share in (0.0, 0.02, 0.04)),
    # Session 13's terse respondents (gz02, hd01, hd04, he04, gl04 ...): 4–10 answers read as
    # leaning of 30–40, a share under thin_share; the guarded ones of the same rounds 0–2.
    *(Family(f"index: default, thin answers only with at most {few} leaning", STYLE_INDICATORS, rule="index",
             focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
             thin_share=0.25, turn_leaning="learned", turn_method="logistic", turn_ngrams=2, turn_probability=0.7,
             balanced_share=0.33, min_share=None, thin_max_leaning=few) for few in (2, 3, 4, 6)),
    Family("index: logistic answers (lemmas) + even split from 1/3", STYLE_INDICATORS, rule="index",
           focus_weight=0.5, turn_weight=1.0, mixed_band=2.5, mixed_band_turns=2, self_label_band=1.0,
           thin_share=0.25, turn_leaning="learned", turn_method="logistic", turn_probability=0.7, balanced_share=0.33),
    Family("index: 1.3 + focus x0.5 + turns x1", STYLE_INDICATORS, rule="index", focus_weight=0.5,
           turn_weight=1.0),
    Family("index: 1.3 + focus x1 + turns x0.5", STYLE_INDICATORS, rule="index", focus_weight=1.0,
           turn_weight=0.5),
)


def cross_fitted_turn_models(estimators, folds: int | None = None
                             ) -> dict[tuple[str, int], dict[str, orientation.TurnOrientationModel]]:
    """Per estimator (method, ngrams) and labelled set, a turn-orientation model fitted on the marked
    turns of every *other* set with an ``orientation.csv`` (so no set's answers are read by a model
    that saw them); sets without marks get the model fitted on all (the shipped one).

    With ``folds``, the marked sets are dealt in name order into that many groups and each set is
    read by the model fitted without its group: ``folds`` fits instead of one per set (about 130),
    at the price of a training set smaller by a group."""
    marked = {name: orientation.labelled_turns(DATA / name) for name in SETS
              if (DATA / name / "orientation.csv").exists()}
    group = {name: (i % folds if folds else i) for i, name in enumerate(sorted(marked))}
    models = {}
    for method, ngrams in sorted(set(estimators)):
        fit = lambda names: orientation.TurnOrientationModel(method=method, ngrams=ngrams).fit(  # noqa: E731
            pd.concat([marked[n] for n in names], ignore_index=True))
        everything = fit(sorted(marked))
        without = {g: fit(sorted(n for n in marked if group[n] != g)) for g in sorted(set(group.values()))}
        models[(method, ngrams)] = {name: without[group[name]] if name in marked else everything
                                    for name in SETS}
    return models


def features(coded: dict, family: Family, focus, turn_models: dict | None = None) -> pd.DataFrame:
    """One row per respondent: set, the rule's evidence (:class:`analyse.StyleEvidence` fields)."""
    loose = StyleThresholds(min_segments=0, min_share=0.0, rule="ratio", min_margin=0.0, min_ratio=1.0,
                            min_contradiction=None, turn_leaning="focus_words",
                            turn_probability=family.turn_probability,
                            mixed_unclear_turns_only=family.mixed_unclear_turns_only)
    frames = []
    for name, (codings, segs) in coded.items():
        model = turn_models[(family.turn_method, family.turn_ngrams)][name] if family.turn_leaning == "learned" \
            else None
        res = analyse.respondent_styles(codings, segs, None, loose, indicators=family.indicators, style_focus=focus,
                                        turn_model=model)
        leanings = analyse.turn_leanings(segs[segs["role"] == "respondent"], focus)
        said = analyse.respondent_styles(codings, segs, None, loose, indicators=analyse.STYLE_CODES_ONLY)
        talk_ids = set(segs.loc[segs["role"] == "respondent", "segment_id"])
        n_coded = codings[codings["segment_id"].isin(talk_ids)].merge(segs[["segment_id", "respondent_id"]],
                                                                      on="segment_id") \
            .groupby("respondent_id")["segment_id"].nunique()
        frames.append(pd.DataFrame({
            "respondent_id": res["respondent_id"], "set": name,
            "casus": res["casus_score"], "netwerk": res["netwerk_score"],
            "n_coded": res["respondent_id"].map(n_coded).fillna(0).astype(int),
            "said_c": (said["casus_score"] * said["n_segments"]).round().astype(int),
            "said_n": (said["netwerk_score"] * said["n_segments"]).round().astype(int),
            "casus_focus": res["casus_focus"], "netwerk_focus": res["netwerk_focus"],
            "casus_turns": res["casus_turns"], "netwerk_turns": res["netwerk_turns"],
            "mixed_turns": res["mixed_turns"], "self_label": res["self_label"],
            "answers": res["respondent_id"].map(leanings["answers"]).fillna(0).astype(int),
            "expected": res["leaning_probability"] * res["respondent_id"].map(leanings["answers"]).fillna(0)}))
    return pd.concat(frames, ignore_index=True)


def calls(feat: pd.DataFrame, thresholds: StyleThresholds) -> list[str]:
    return [analyse.style_label(analyse.StyleEvidence(r.casus, r.netwerk, r.n_coded, (r.said_c, r.said_n),
                                                      r.casus_focus, r.netwerk_focus, r.casus_turns,
                                                      r.netwerk_turns, r.mixed_turns, r.self_label, r.answers,
                                                      r.expected),
                                  thresholds)
            for r in feat.itertuples()]


def accuracy(feat: pd.DataFrame, gold: dict, thresholds: StyleThresholds) -> int:
    return sum(call in gold[rid] for rid, call in zip(feat["respondent_id"], calls(feat, thresholds)))


def choose(feat: pd.DataFrame, gold: dict, family: Family) -> tuple[StyleThresholds, int]:
    """The thresholds that do best on ``feat``; among ties the one whose grid neighbours do best
    too (the middle of a plateau, not its lucky edge), then the one nearest the default."""
    best, best_key = None, None
    for row in family.grid():
        scores = [accuracy(feat, gold, t) for t in row]
        for i, t in enumerate(row):
            near = scores[max(i - 1, 0):i + 2]
            key = (scores[i], sum(near) / len(near), -family.distance(t))
            if best_key is None or key > best_key:
                best, best_key = t, key
    return best, best_key[0]


def plateau(feat: pd.DataFrame, gold: dict, family: Family) -> str:
    """Best accuracy on all sets and how many grid settings reach it."""
    found = [accuracy(feat, gold, t) for row in family.grid() for t in row]
    top = max(found)
    return f"{top}/{len(feat)} ({found.count(top)} of {len(found)} settings)"


def describe(t: StyleThresholds) -> str:
    if t.rule == "index" and t.turn_weight:
        return f"turn pivot {t.turn_pivot}, index {t.min_index}"
    if t.rule == "index":
        return f"pivot {t.focus_pivot}, index {t.min_index}"
    return f"ratio {t.min_ratio}, margin {t.min_margin}"


def leave_one_set_out(feat: pd.DataFrame, gold: dict, family: Family) -> dict[str, tuple[int, int, str]]:
    out = {}
    for held in SETS:
        train, test = feat[feat["set"] != held], feat[feat["set"] == held]
        chosen, train_right = choose(train, gold, family)
        wrong = [rid for rid, call in zip(test["respondent_id"], calls(test, chosen)) if call not in gold[rid]]
        out[held] = (len(test) - len(wrong), len(test),
                     f"{describe(chosen)} (train {train_right}/{len(train)})"
                     f" wrong: {', '.join(wrong) or '-'}")
    return out


def main() -> None:
    codebook = load_codebook(DEFAULT_CODEBOOK)
    coded = {name: code_set(name, codebook) for name in SETS}
    gold = {rid: styles for name in SETS for rid, styles in intended(name).items()}

    print("Leave-one-set-out accuracy (thresholds tuned on the other sets)\n")
    print(f"{'family':42s} " + " ".join(f"{s[-10:]:>10s}" for s in SETS) + "   total  all sets")
    details = {}
    # optional arguments: run only the families whose name contains one of them (the default always)
    args = sys.argv[1:]
    n_folds = None
    if "--folds" in args:
        at = args.index("--folds")
        n_folds, args = int(args[at + 1]), args[:at] + args[at + 2:]
    families = [f for f in FAMILIES if not args or "(default)" in f.name or any(part in f.name for part in args)]
    turn_models = cross_fitted_turn_models([(f.turn_method, f.turn_ngrams) for f in families
                                            if f.turn_leaning == "learned"], n_folds)
    if n_folds:
        print(f"Answers read by models fitted without their set's fold ({n_folds} folds of whole sets)\n")
    fixed = {}
    for family in families:
        feat = features(coded, family, codebook.style_focus, turn_models)
        at_default = [t for row in family.grid() for t in row
                      if t.rule == DEFAULT.rule and t.min_index == DEFAULT.min_index
                      and (t.turn_pivot == DEFAULT.turn_pivot if family.turn_weight else t.focus_pivot == DEFAULT.focus_pivot)]
        if at_default:
            fixed[family.name] = [rid for rid, call in zip(feat["respondent_id"], calls(feat, at_default[0]))
                                  if call not in gold[rid]]
        folds = leave_one_set_out(feat, gold, family)
        details[family.name] = folds
        total = sum(f[0] for f in folds.values())
        print(f"{family.name:42s} " + " ".join(f"{f'{a}/{n}':>10s}" for a, n, _ in folds.values())
              + f"   {total}/{len(feat)}  {plateau(feat, gold, family)}")
    for name in ("ratio: 1.2 + contradiction (session 1)", "index: 1.3 + focus (session 2)",
                 "index: 1.3 + focus x0.5 + turns x0.5 (session 3)",
                 "index: + own words + named + thin answers (session 4)",
                 "index: learned answers x1, two-turn band (session 7)",
                 "index: logistic answers + even split (session 9)",
                 "index: lemma pairs + even split from 1/3 (session 13)",
                 "index: thin answers read as probabilities (session 14)",
                 "index: answers all but one-sided decide in the band (default)",
                 *(f.name for f in families if args and any(part in f.name for part in args))):
        if name not in details:
            continue
        print(f"\nChosen thresholds per fold, {name}:")
        for held, (a, n, how) in details[name].items():
            print(f"  test {held:10s} {a}/{n}   {how}")

    print("\nAt the default's pivot and min_index (no tuning), respondents called wrong per family:")
    for name, wrong in fixed.items():
        print(f"  {name}: {len(wrong)} wrong: {', '.join(wrong) or '-'}")

    print("\nThe shipped default (StyleThresholds(), codebook style_focus) per respondent\n")
    thresholds = StyleThresholds()
    right = 0
    rows = []
    for name, (codings, segs) in coded.items():
        res = analyse.respondent_styles(codings, segs, None, thresholds, style_focus=codebook.style_focus)
        said = analyse.respondent_styles(codings, segs, None, thresholds, indicators=analyse.STYLE_CODES_ONLY)
        said = said.set_index("respondent_id")
        for r in res.itertuples():
            ok = r.style in gold[r.respondent_id]
            right += ok
            n_said = said.loc[r.respondent_id]
            rows.append((name, r.respondent_id, f"{r.casus_score:.3f}", f"{r.netwerk_score:.3f}",
                         f"{r.casus_focus:.2f}", f"{r.netwerk_focus:.2f}", f"{r.style_index:+.2f}",
                         f"{round(n_said.casus_score * r.n_segments)}/{round(n_said.netwerk_score * r.n_segments)}",
                         r.mixed_turns, r.self_label[:5], f"{r.leaning_share:.2f}", r.style, "|".join(sorted(gold[r.respondent_id])), "" if ok else "WRONG"))
    table = pd.DataFrame(rows, columns=["set", "respondent", "casus", "netwerk", "focus c", "focus n", "index",
                                        "stijl c/n", "mixed", "named", "leaning", "call", "intended", ""])
    print(table.to_string(index=False))
    print(f"\n{right}/{len(table)} as intended (all sets seen; the leave-one-set-out table is the honest figure)")


if __name__ == "__main__":
    main()
