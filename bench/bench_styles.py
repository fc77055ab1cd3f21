"""Regie style per respondent on every labelled set, and a leave-one-set-out choice of the rule.

Usage::

    .venv/bin/python bench/bench_styles.py

Codes the four labelled sets (sample, checkgold, heldout, devgold; 22 respondents) with the
rules coder — read, segment by turn, no pseudonymisation (it replaces names only, so styles are
unaffected) — once, kept in memory. Then:

1. Leave one set out: for each candidate rule family (which codes count, with which weights;
   with or without the contradiction test; with or without a lexical organisation-vocabulary
   signal), thresholds (``min_ratio`` × ``min_margin``) are tuned on three sets and the calls
   are scored on the fourth. Ties on the training sets go to the thresholds whose neighbours
   on the ``min_ratio`` grid do best too (the middle of a plateau, not its lucky edge), then to
   the one nearest the shipped 1.8. Prints accuracy per fold and family.
2. The shipped default (``StyleThresholds()``) through :func:`pipeline.analyse.respondent_styles`:
   per respondent the scores, explicit style-code counts, the call and the intended style.

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

from pipeline import analyse, ingest, segment  # noqa: E402
from pipeline.codebook import load_codebook  # noqa: E402
from pipeline.coders import make_coder  # noqa: E402
from pipeline.config import DEFAULT_CODEBOOK, STYLE_INDICATORS, StudyConfig, StyleThresholds  # noqa: E402

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

#: Organisation-level vocabulary (from the stijl.netwerkgericht definition: structural
#: agreements, chain level, escalation to management and board, patterns across cases), matched
#: as word beginnings. Only used by the "+ lexicon" families, as a pseudo-code on the network side.
ORGANISATION_TERMS = (
    "werkafspra", "afspraken tussen", "samenwerkingsafspra", "structure", "escal", "opschal", "opgeschaald",
    "convenant", "bestuur", "programmamanager", "ketenmanager", "ketenregisseur", "ketenniveau", "manager",
    "directeur", "directie", "stuurgroep", "beleid", "patroon", "werkgroep", "kernpartner", "casusoverstijg",
    "alle casussen", "al mijn casussen", "meer casussen", "andere casussen", "organisaties", "laag hoger",
    "regionaal", "regionale", "leidinggevende",
)
LEXICON_CODE = "lexicon.organisatie"
_ORG = re.compile(r"\b(?:" + "|".join(re.escape(t) for t in ORGANISATION_TERMS) + ")", re.IGNORECASE)

RATIOS = (1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.2, 2.5, 3.0)
MARGINS = (0.0, 0.03)


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
    lexicon: float = 0.0          # weight of a segment with organisation vocabulary, network side
    contradiction: int | None = None
    explicit_lead: int | None = None  # explicit style talk decides alone at this lead


HALF_TRUST = {C: {"stijl.casusgericht": 1.0, "vertrouwen.persoon": 0.5, "vertrouwen.wantrouwen_doelgroep": 0.5},
              N: {"stijl.netwerkgericht": 1.0, "vertrouwen.partners": 0.25, "samenwerking.netwerk": 0.5}}
MORE_CODES = {C: {**STYLE_INDICATORS[C], "proces.gezamenlijk_plan": 0.25, "proces.partners_verkennen": 0.25},
              N: {**STYLE_INDICATORS[N], "samenwerking.organisatie": 0.5, "belemmering.botsende_belangen": 0.25}}
FAMILIES = (
    Family("style codes only", analyse.STYLE_CODES_ONLY),
    Family("codes + trust roles (1.1.0)", STYLE_INDICATORS),
    Family("trust roles at half weight", HALF_TRUST),
    Family("more codes (proces, samenwerking)", MORE_CODES),
    Family("1.1.0 + lexicon 0.25", STYLE_INDICATORS, lexicon=0.25),
    Family("1.1.0 + lexicon 0.5", STYLE_INDICATORS, lexicon=0.5),
    Family("style codes + lexicon 0.5", analyse.STYLE_CODES_ONLY, lexicon=0.5),
    Family("1.1.0 + contradiction (default)", STYLE_INDICATORS, contradiction=2),
    Family("half trust + contradiction", HALF_TRUST, contradiction=2),
    Family("1.1.0 + lexicon 0.25 + contradiction", STYLE_INDICATORS, lexicon=0.25, contradiction=2),
    Family("default + explicit lead 2", STYLE_INDICATORS, contradiction=2, explicit_lead=2),
    Family("default + explicit lead 3", STYLE_INDICATORS, contradiction=2, explicit_lead=3),
    Family("default + explicit lead 4", STYLE_INDICATORS, contradiction=2, explicit_lead=4),
)


def features(coded: dict, family: Family) -> pd.DataFrame:
    """respondent_id, set, casus, netwerk, n_coded, said_c, said_n for every respondent."""
    loose = StyleThresholds(min_segments=0, min_share=0.0, min_margin=0.0, min_ratio=1.0, min_contradiction=None)
    frames = []
    for name, (codings, segs) in coded.items():
        indicators = {s: dict(w) for s, w in family.indicators.items()}
        if family.lexicon:
            talk = segs[(segs["role"] == "respondent") & segs["text"].str.contains(_ORG)]
            extra = pd.DataFrame({"doc_id": talk["doc_id"], "segment_id": talk["segment_id"],
                                  "code_id": LEXICON_CODE, "coder": "rules", "score": 1.0, "evidence": ""})
            codings = pd.concat([codings, extra], ignore_index=True)
            indicators[N][LEXICON_CODE] = family.lexicon
        res = analyse.respondent_styles(codings, segs, None, loose, indicators=indicators)
        said = analyse.respondent_styles(codings, segs, None, loose, indicators=analyse.STYLE_CODES_ONLY)
        talk_ids = set(segs.loc[segs["role"] == "respondent", "segment_id"])
        real = codings[(codings["code_id"] != LEXICON_CODE) & codings["segment_id"].isin(talk_ids)]
        n_coded = real.merge(segs[["segment_id", "respondent_id"]], on="segment_id") \
            .groupby("respondent_id")["segment_id"].nunique()
        frames.append(pd.DataFrame({
            "respondent_id": res["respondent_id"], "set": name,
            "casus": res["casus_score"], "netwerk": res["netwerk_score"],
            "n_coded": res["respondent_id"].map(n_coded).fillna(0).astype(int),
            "said_c": (said["casus_score"] * said["n_segments"]).round().astype(int),
            "said_n": (said["netwerk_score"] * said["n_segments"]).round().astype(int)}))
    return pd.concat(frames, ignore_index=True)


def calls(feat: pd.DataFrame, thresholds: StyleThresholds) -> list[str]:
    return [analyse.style_label(r.casus, r.netwerk, r.n_coded, thresholds, (r.said_c, r.said_n))
            for r in feat.itertuples()]


def accuracy(feat: pd.DataFrame, gold: dict, thresholds: StyleThresholds) -> int:
    return sum(call in gold[rid] for rid, call in zip(feat["respondent_id"], calls(feat, thresholds)))


def choose(feat: pd.DataFrame, gold: dict, family: Family) -> tuple[StyleThresholds, int]:
    """The thresholds that do best on ``feat``; among ties the one whose neighbours on the
    ``min_ratio`` grid do best too (the middle of a plateau, not its lucky edge)."""
    best, best_key = None, None
    for margin in MARGINS:
        grid = [StyleThresholds(min_ratio=r, min_margin=margin, min_contradiction=family.contradiction,
                                min_explicit_lead=family.explicit_lead)
                for r in RATIOS]
        scores = [accuracy(feat, gold, t) for t in grid]
        for i, t in enumerate(grid):
            near = scores[max(i - 1, 0):i + 2]
            key = (scores[i], sum(near) / len(near), -abs(t.min_ratio - 1.8), -margin)
            if best_key is None or key > best_key:
                best, best_key = t, key
    return best, best_key[0]


def plateau(feat: pd.DataFrame, gold: dict, family: Family) -> str:
    """Best accuracy on all 22 and the thresholds that reach it (how wide the safe region is)."""
    found = {(m, r): accuracy(feat, gold, StyleThresholds(min_ratio=r, min_margin=m,
                                                          min_contradiction=family.contradiction,
                                                          min_explicit_lead=family.explicit_lead))
             for m in MARGINS for r in RATIOS}
    top = max(found.values())
    parts = []
    for m in MARGINS:
        ratios = [r for r in RATIOS if found[(m, r)] == top]
        if ratios:
            parts.append(f"m{m}: r{min(ratios)}-{max(ratios)}" if len(ratios) > 1 else f"m{m}: r{ratios[0]}")
    return f"{top}/{len(feat)} at " + ", ".join(parts)


def leave_one_set_out(feat: pd.DataFrame, gold: dict, family: Family) -> dict[str, tuple[int, int, str]]:
    out = {}
    for held in SETS:
        train, test = feat[feat["set"] != held], feat[feat["set"] == held]
        chosen, train_right = choose(train, gold, family)
        wrong = [rid for rid, call in zip(test["respondent_id"], calls(test, chosen)) if call not in gold[rid]]
        out[held] = (len(test) - len(wrong), len(test),
                     f"ratio {chosen.min_ratio}, margin {chosen.min_margin} (train {train_right}/{len(train)})"
                     f" wrong: {', '.join(wrong) or '-'}")
    return out


def main() -> None:
    codebook = load_codebook(DEFAULT_CODEBOOK)
    coded = {name: code_set(name, codebook) for name in SETS}
    gold = {rid: styles for name in SETS for rid, styles in intended(name).items()}

    print("Leave-one-set-out accuracy (thresholds tuned on the other three sets)\n")
    print(f"{'family':40s} " + " ".join(f"{s:>10s}" for s in SETS) + "     total   all-sets plateau")
    details = {}
    for family in FAMILIES:
        feat = features(coded, family)
        folds = leave_one_set_out(feat, gold, family)
        details[family.name] = folds
        total = sum(f[0] for f in folds.values())
        print(f"{family.name:40s} " + " ".join(f"{f'{a}/{n}':>10s}" for a, n, _ in folds.values())
              + f"    {total}/{len(feat)}   {plateau(feat, gold, family)}")
    for name in ("1.1.0 + contradiction (default)", "trust roles at half weight", "codes + trust roles (1.1.0)"):
        print(f"\nChosen thresholds per fold, {name}:")
        for held, (a, n, how) in details[name].items():
            print(f"  test {held:10s} {a}/{n}   {how}")

    print("\nThe shipped default (StyleThresholds()) per respondent\n")
    thresholds = StyleThresholds()
    right = 0
    rows = []
    for name, (codings, segs) in coded.items():
        res = analyse.respondent_styles(codings, segs, None, thresholds)
        said = analyse.respondent_styles(codings, segs, None, thresholds, indicators=analyse.STYLE_CODES_ONLY)
        said = said.set_index("respondent_id")
        for r in res.itertuples():
            ok = r.style in gold[r.respondent_id]
            right += ok
            n_said = said.loc[r.respondent_id]
            rows.append((name, r.respondent_id, f"{r.casus_score:.3f}", f"{r.netwerk_score:.3f}",
                         f"{round(n_said.casus_score * r.n_segments)}/{round(n_said.netwerk_score * r.n_segments)}",
                         r.style, "|".join(sorted(gold[r.respondent_id])), "" if ok else "WRONG"))
    table = pd.DataFrame(rows, columns=["set", "respondent", "casus", "netwerk", "stijl c/n", "call", "intended", ""])
    print(table.to_string(index=False))
    print(f"\n{right}/{len(table)} as intended (all sets seen; the leave-one-set-out table is the honest figure)")


if __name__ == "__main__":
    main()
