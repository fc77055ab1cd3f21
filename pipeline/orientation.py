"""Where a respondent's answer leans, learned from turns that human readers marked.

The regie style shows in what a respondent's answers are *about*: the person in regie and the
family (casus), or the partners, their organisations and the agreements between them (netwerk).
The codebook's ``style_focus`` word lists give one reading of that; this module gives a second,
learned one: a multinomial naive Bayes model over the lemmas of a turn, fitted on respondent turns
whose orientation a reader marked (``orientation.csv`` of a labelled set: ``doc_id, turn_index,
orientation``; unmarked respondent turns count as ``neither``).

The model shipped with the package (:data:`DEFAULT_TURN_MODEL`) is fitted on the forty-eight blind style
sets in ``data/styleset_*`` (written by independent contributors, 3,800+ marked turns) and is
rebuilt byte for byte by ``regie styles train data/styleset_* --out pipeline/resources/turn_orientation.json``.
A study with its own marked turns can fit its own and set ``styles: turn_model:``.

What the model file holds: per lemma, the number of training turns of each orientation it occurs
in — no text. Lemmas seen in fewer than ``min_documents`` documents are left out, so a name that
recurs within one interview (a client, a colleague) never enters the model. The training turns are
pseudonymised first, as in a run, and pseudonyms (``[PERSOON-3]``) are dropped before counting, so
names of people and places are not features.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError

#: The orientations a turn can have, in the model's column order.
ORIENTATIONS = ("casus", "netwerk", "neither")
#: The orientations a reader can mark in ``orientation.csv``.
MARKED = ("casus", "netwerk")
DEFAULT_TURN_MODEL = Path(__file__).parent / "resources" / "turn_orientation.json"
MODEL_FORMAT = "regie-turn-orientation/1"

_PSEUDONYM = re.compile(r"\[[A-Z]+-\d+\]")
_WORD = re.compile(r"[^\W\d_]+")


def turn_lemmas(text: str) -> list[str]:
    """The lemmas of one turn, lower case, pseudonyms and numbers left out.

    >>> turn_lemmas("Ik belde [PERSOON-2] over de afspraken met de woningcorporaties.")
    ['ik', 'bellen', 'over', 'de', 'afspraak', 'met', 'de', 'woningcorporatie']
    """
    from .nlp import lemmatizer  # spaCy loads only when lemmas are needed

    lemmatise = lemmatizer().lemmatize
    return [lemmatise(word) for word in _WORD.findall(_PSEUDONYM.sub(" ", text).lower())]


class TurnOrientationModel:
    """Multinomial naive Bayes over the lemmas present in a turn: casus, netwerk or neither.

    Parameters
    ----------
    alpha : float, default 1.0
        Additive (Laplace) smoothing of the per-orientation lemma counts.
    min_documents : int, default 3
        A lemma enters the vocabulary only when it occurs in at least this many training
        documents: general words, never a name that recurs inside one interview.

    Attributes (after :meth:`fit`)
    ----------
    vocabulary_ : list of str, sorted
    counts_ : ndarray of int, shape (n_lemmas, 3)
        In how many training turns of each orientation (:data:`ORIENTATIONS`) a lemma occurs.
    turns_ : ndarray of int, shape (3,)
        Training turns per orientation.
    sources_ : list of dict
        Per training set: ``name`` and its turns per orientation (provenance).
    """

    def __init__(self, alpha: float = 1.0, min_documents: int = 3):
        self.alpha = alpha
        self.min_documents = min_documents

    # -- fitting ---------------------------------------------------------------------------------
    def fit(self, turns: pd.DataFrame) -> "TurnOrientationModel":
        """Fit on marked turns.

        Parameters
        ----------
        turns : DataFrame with ``doc_id``, ``text``, ``orientation`` and optionally ``source``
            One row per respondent turn; ``orientation`` one of :data:`ORIENTATIONS`.

        Returns
        -------
        self
        """
        missing = {"doc_id", "text", "orientation"} - set(turns.columns)
        if missing:
            raise ValueError(f"turns need the columns doc_id, text, orientation; missing {', '.join(sorted(missing))}")
        unknown = sorted(set(turns["orientation"]) - set(ORIENTATIONS))
        if unknown:
            raise ValueError(f"unknown orientation(s) {', '.join(map(str, unknown))}; use {', '.join(ORIENTATIONS)}")
        if self.alpha <= 0 or self.min_documents < 1:
            raise ValueError("alpha must be > 0 and min_documents ≥ 1")
        if turns.empty or turns["orientation"].nunique() < 2:
            raise ValueError("fitting needs turns of at least two orientations")
        present = [sorted(set(turn_lemmas(t))) for t in turns["text"]]
        documents: dict[str, set[str]] = defaultdict(set)
        for lemmas, doc in zip(present, turns["doc_id"].astype(str)):
            for lemma in lemmas:
                documents[lemma].add(doc)
        self.vocabulary_ = sorted(w for w, docs in documents.items() if len(docs) >= self.min_documents)
        index = {w: i for i, w in enumerate(self.vocabulary_)}
        self.counts_ = np.zeros((len(self.vocabulary_), len(ORIENTATIONS)), dtype=np.int64)
        column = [ORIENTATIONS.index(o) for o in turns["orientation"]]
        for lemmas, j in zip(present, column):
            for lemma in lemmas:
                i = index.get(lemma)
                if i is not None:
                    self.counts_[i, j] += 1
        self.turns_ = np.bincount(column, minlength=len(ORIENTATIONS)).astype(np.int64)
        sources = turns["source"] if "source" in turns.columns else pd.Series("", index=turns.index)
        self.sources_ = [{"name": str(name), **{o: int((group["orientation"] == o).sum()) for o in ORIENTATIONS}}
                         for name, group in turns.assign(source=sources.astype(str)).groupby("source", sort=True)]
        self._prepare()
        return self

    def _prepare(self) -> None:
        # Log-probabilities of a lemma's presence per orientation (multinomial NB over the set
        # of lemmas in a turn: a word repeated in a long story counts once).
        totals = self.counts_.sum(axis=0) + self.alpha * len(self.vocabulary_)
        self._log_word = np.log((self.counts_ + self.alpha) / totals)
        self._log_prior = np.log(self.turns_ / self.turns_.sum())
        self._index = {w: i for i, w in enumerate(self.vocabulary_)}

    def _check_fitted(self) -> None:
        if not hasattr(self, "counts_"):
            raise RuntimeError("this TurnOrientationModel is not fitted yet; call fit() or load()")

    # -- prediction ------------------------------------------------------------------------------
    def predict_proba(self, texts: Iterable[str]) -> np.ndarray:
        """Probability of each orientation per turn.

        Parameters
        ----------
        texts : iterable of str, length n

        Returns
        -------
        ndarray of float, shape (n, 3)
            Columns in :data:`ORIENTATIONS` order; rows sum to 1.
        """
        self._check_fitted()
        rows = []
        for text in texts:
            ids = sorted({self._index[w] for w in turn_lemmas(text) if w in self._index})
            scores = self._log_prior + self._log_word[ids].sum(axis=0)
            scores = np.exp(scores - scores.max())
            rows.append(scores / scores.sum())
        return np.array(rows, dtype=float).reshape(-1, len(ORIENTATIONS))

    def predict(self, texts: Iterable[str], min_probability: float = 0.5) -> list[str]:
        """The orientation of each turn: the most probable one when it reaches ``min_probability``,
        else ``neither`` (the model is not sure enough to let the turn count either way).

        Returns
        -------
        list of str, length n, each in :data:`ORIENTATIONS`
        """
        proba = self.predict_proba(texts)
        best = proba.argmax(axis=1)
        return [ORIENTATIONS[j] if proba[i, j] >= min_probability else "neither" for i, j in enumerate(best)]

    # -- persistence -----------------------------------------------------------------------------
    def to_dict(self) -> dict:
        self._check_fitted()
        return {
            "format": MODEL_FORMAT,
            "alpha": self.alpha,
            "min_documents": self.min_documents,
            "orientations": list(ORIENTATIONS),
            "turns": self.turns_.tolist(),
            "sources": self.sources_,
            "lemmas": {w: self.counts_[i].tolist() for i, w in enumerate(self.vocabulary_)},
        }

    @classmethod
    def from_dict(cls, data: dict, path: str | Path = "<model>") -> "TurnOrientationModel":
        try:
            if data.get("format") != MODEL_FORMAT:
                raise ValueError(f"format is {data.get('format')!r}, expected {MODEL_FORMAT!r}")
            if list(data["orientations"]) != list(ORIENTATIONS):
                raise ValueError(f"orientations are {data['orientations']}, expected {list(ORIENTATIONS)}")
            model = cls(alpha=float(data["alpha"]), min_documents=int(data["min_documents"]))
            model.vocabulary_ = sorted(data["lemmas"])
            model.counts_ = np.array([data["lemmas"][w] for w in model.vocabulary_], dtype=np.int64) \
                .reshape(-1, len(ORIENTATIONS))
            model.turns_ = np.array(data["turns"], dtype=np.int64)
            model.sources_ = list(data.get("sources", []))
            if model.turns_.shape != (len(ORIENTATIONS),) or (model.turns_ <= 0).sum() > 1:
                raise ValueError("'turns' must hold three counts, at least two of them positive")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(path, f"not a turn-orientation model: {exc}") from None
        model._prepare()
        return model

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (sorted keys, one lemma per line: diffable, byte-stable)."""
        data = self.to_dict()
        lemmas = data.pop("lemmas")
        head = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
        body = ",\n".join(f"  {json.dumps(w, ensure_ascii=False)}: {json.dumps(c)}" for w, c in lemmas.items())
        text = head[:-2] + ',\n "lemmas": {\n' + body + "\n }\n}\n"
        Path(path).write_text(text, encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path | None = None) -> "TurnOrientationModel":
        """Read a model written by :meth:`save` (default: :data:`DEFAULT_TURN_MODEL`)."""
        path = Path(path) if path is not None else DEFAULT_TURN_MODEL
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(path, "turn-orientation model not found") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(path, f"not a turn-orientation model (not JSON: {exc})") from None
        if not isinstance(data, dict):
            raise InputError(path, "not a turn-orientation model (expected a JSON object)")
        return cls.from_dict(data, path)


# -- training data -------------------------------------------------------------------------------
def read_orientation_marks(path: str | Path) -> pd.DataFrame:
    """Read a labelled set's ``orientation.csv``.

    Parameters
    ----------
    path : str or Path
        CSV with a header ``doc_id,turn_index,orientation``; ``turn_index`` is the 1-based speaker
        turn (interviewer turns counted), ``orientation`` ``casus`` or ``netwerk``.

    Returns
    -------
    DataFrame with ``doc_id`` (str), ``turn_index`` (int), ``orientation`` (str), ``line`` (int,
    the CSV line, for messages)

    Raises
    ------
    InputError
        Naming the file and line: a missing column, a turn index that is not a positive whole
        number, an unknown orientation, or one turn marked twice.
    """
    path = Path(path)
    try:
        marks = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "orientation file not found") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, f"cannot read the orientation file: {exc}") from None
    marks.columns = [c.strip() for c in marks.columns]
    missing = [c for c in ("doc_id", "turn_index", "orientation") if c not in marks.columns]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}; expected doc_id,turn_index,orientation",
                         "line 1")
    rows, seen = [], {}
    for i, (doc, turn, orientation) in enumerate(marks[["doc_id", "turn_index", "orientation"]]
                                                 .itertuples(index=False), start=2):
        doc, turn, orientation = doc.strip(), turn.strip(), orientation.strip().lower()
        if not turn.isdigit() or int(turn) < 1:
            raise InputError(path, f"turn_index {turn!r} is not a turn number (1, 2, …)", f"line {i}")
        if orientation not in MARKED:
            raise InputError(path, f"orientation {orientation!r} is not one of {', '.join(MARKED)}", f"line {i}")
        key = (doc, int(turn))
        if key in seen:
            raise InputError(path, f"turn {turn} of {doc} is marked twice (also on line {seen[key]})", f"line {i}")
        seen[key] = i
        rows.append((doc, int(turn), orientation, i))
    return pd.DataFrame(rows, columns=["doc_id", "turn_index", "orientation", "line"])


def labelled_turns(set_dir: str | Path) -> pd.DataFrame:
    """The respondent turns of one labelled set, with their marked orientation.

    Parameters
    ----------
    set_dir : str or Path
        A folder with ``transcripts/`` and ``orientation.csv``.

    Returns
    -------
    DataFrame with ``source`` (the folder name), ``doc_id``, ``turn_index``, ``text``, ``orientation``
        One row per respondent turn; turns without a mark are ``neither``. Sorted by doc_id, turn.

    Raises
    ------
    InputError
        When a mark points at a document that was not read or at a turn that is not the
        respondent's (naming ``orientation.csv`` and its line).
    """
    from . import ingest, privacy, segment
    from .config import StudyConfig

    set_dir = Path(set_dir)
    marks = read_orientation_marks(set_dir / "orientation.csv")
    transcripts = set_dir / "transcripts"
    if not transcripts.is_dir():
        raise InputError(transcripts, "folder with the set's transcripts not found")
    config = StudyConfig(transcripts=transcripts)
    documents, _rows, _skipped = ingest.read_study(config)
    # Fitted on pseudonymised text, as the model reads it in a run: names never become features.
    documents = privacy.Pseudonymiser(config=config).fit(documents).transform(documents)
    segments, _texts = segment.segment_documents(documents, unit="turn")
    talk = segments[segments["role"] == "respondent"]
    turns = talk.groupby(["doc_id", "turn_index"], sort=True)["text"].apply(" ".join).reset_index()
    known_docs = set(segments["doc_id"])
    respondent_turns = set(zip(turns["doc_id"], turns["turn_index"]))
    for doc, turn, _o, line in marks.itertuples(index=False):
        if doc not in known_docs:
            raise InputError(set_dir / "orientation.csv", f"document {doc!r} is not among the transcripts read",
                             f"line {line}")
        if (doc, turn) not in respondent_turns:
            raise InputError(set_dir / "orientation.csv", f"turn {turn} of {doc} is not a respondent turn",
                             f"line {line}")
    marked = {(d, t): o for d, t, o, _l in marks.itertuples(index=False)}
    turns["orientation"] = [marked.get(key, "neither") for key in zip(turns["doc_id"], turns["turn_index"])]
    turns.insert(0, "source", set_dir.name)
    return turns[["source", "doc_id", "turn_index", "text", "orientation"]]


def train(set_dirs: Sequence[str | Path], alpha: float = 1.0, min_documents: int = 3) -> TurnOrientationModel:
    """Fit a :class:`TurnOrientationModel` on the marked turns of one or more labelled sets."""
    frames = [labelled_turns(d) for d in sorted(map(Path, set_dirs), key=lambda p: p.name)]
    return TurnOrientationModel(alpha=alpha, min_documents=min_documents).fit(pd.concat(frames, ignore_index=True))


__all__ = ["ORIENTATIONS", "DEFAULT_TURN_MODEL", "TurnOrientationModel", "turn_lemmas", "read_orientation_marks",
           "labelled_turns", "train"]
