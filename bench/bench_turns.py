"""How well the turn-orientation model reads answers, set-wise cross-validated.

    .venv/bin/python bench/bench_turns.py [--folds K] [NGRAMS ...]

The labelled style sets (``data/*/orientation.csv``) are split into ``K`` folds of whole sets
(default 10); each fold's turns are read by a model fitted on the other folds, so no interview
is read by a model that saw it. For each estimator (default: lemmas only, ``ngrams`` 1, and
lemmas with pairs of adjacent lemmas, ``ngrams`` 2) it prints

- of the turns an author marked casus or netwerk: the share read that way, how many were read the
  other way (the costly error: it moves a respondent's balance), and how many were read as neither;
- of the unmarked turns: how many were read as leaning;
- per respondent, the even-split gate's view (``balanced_share`` 0.4): of the respondents whose
  author-marked answers split at least 0.4 the less common way, how many the model reads so; and
  of the casus- and netwerkgericht respondents, how many it wrongly reads so.

Figures, not assertions: the numbers move with the sets in ``data/``.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline import orientation
from pipeline.config import StyleThresholds

DATA = Path(__file__).resolve().parents[1] / "data"


def marked_sets() -> list[Path]:
    return sorted(p.parent for p in DATA.glob("*/orientation.csv"))


def load_turns(sets: list[Path]) -> pd.DataFrame:
    frames = []
    for set_dir in sets:
        turns = orientation.labelled_turns(set_dir)
        styles = pd.read_csv(set_dir / "styles.csv", dtype=str)[["doc_id", "style"]]
        frames.append(turns.merge(styles, on="doc_id", how="left"))
    return pd.concat(frames, ignore_index=True)


def cross_read(turns: pd.DataFrame, folds: int, ngrams: int, probability: float) -> pd.Series:
    """Each turn's reading by a model fitted on the folds without its set."""
    names = sorted(turns["source"].unique())
    fold_of = {name: i % folds for i, name in enumerate(names)}
    fold = turns["source"].map(fold_of)
    read = pd.Series("neither", index=turns.index)
    for k in range(folds):
        test = fold == k
        model = orientation.TurnOrientationModel(ngrams=ngrams).fit(turns[~test])
        read[test] = model.predict(turns.loc[test, "text"], min_probability=probability)
    return read


def report(turns: pd.DataFrame, read: pd.Series, balanced: float) -> str:
    marked = turns["orientation"] != "neither"
    right = (read[marked] == turns.loc[marked, "orientation"]).mean()
    other = (marked & (read != "neither") & (read != turns["orientation"])).sum()
    missed = (marked & (read == "neither")).sum()
    unmarked_leaning = (~marked & (read != "neither")).sum()

    def minority(frame: pd.DataFrame, column: str) -> pd.Series:
        c = frame.groupby(["source", "doc_id"])[column].apply(lambda s: (s == "casus").sum())
        n = frame.groupby(["source", "doc_id"])[column].apply(lambda s: (s == "netwerk").sum())
        return np.minimum(c, n) / np.maximum(c + n, 1)

    frame = turns.assign(read=read)
    author, model = minority(frame, "orientation"), minority(frame, "read")
    style = frame.groupby(["source", "doc_id"])["style"].first()
    even = (style == "onbepaald") & (author >= balanced)
    decided = style.isin(["casusgericht", "netwerkgericht"])
    return (f"marked read right {right:.3f} ({marked.sum()} turns), read the other way {other}, "
            f"read as neither {missed}; unmarked read as leaning {unmarked_leaning} of {(~marked).sum()}\n"
            f"    even split (>= {balanced}): {(model[even] >= balanced).sum()}/{even.sum()} mixed respondents "
            f"read so; {(model[decided] >= balanced).sum()}/{decided.sum()} casus/netwerk respondents wrongly")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ngrams", nargs="*", type=int, default=[1, 2])
    parser.add_argument("--folds", type=int, default=10)
    args = parser.parse_args()
    defaults = StyleThresholds()
    started = time.perf_counter()
    sets = marked_sets()
    turns = load_turns(sets)
    print(f"{len(sets)} sets, {len(turns)} respondent turns, {args.folds} folds of whole sets "
          f"(read in {time.perf_counter() - started:.0f} s); turn_probability {defaults.turn_probability}\n")
    for ngrams in args.ngrams:
        started = time.perf_counter()
        read = cross_read(turns, args.folds, ngrams, defaults.turn_probability)
        print(f"ngrams {ngrams}: {report(turns, read, defaults.balanced_share)}   "
              f"[{time.perf_counter() - started:.0f} s]", flush=True)


if __name__ == "__main__":
    main()
