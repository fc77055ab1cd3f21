"""Where a respondent's answer leans, learned from turns that human readers marked.

The regie style shows in what a respondent's answers are *about*: the person in regie and the
family (casus), or the partners, their organisations and the agreements between them (netwerk).
The codebook's ``style_focus`` word lists give one reading of that; this module gives a second,
learned one: a linear model over the terms of a turn — its lemmas and the pairs of adjacent
lemmas (:func:`turn_terms`) — fitted on respondent turns whose orientation a reader marked
(``orientation.csv`` of a labelled set: ``doc_id, turn_index, orientation``; unmarked respondent
turns count as ``neither``).

Two estimators read a turn the same way, as a linear score per orientation over the terms
present in it (:data:`TURN_MODEL_METHODS`): ``logistic`` (multinomial logistic regression with an
L2 penalty, the default since session 8) and ``naive_bayes`` (multinomial naive Bayes, sessions
4–7). Fitted discriminatively, the logistic model learns that the client story told to show what a
network did is not casework: left out of the fit set by set, it reads 0.889 of the marked turns
right against 0.870, and a netwerkgericht respondent's answers split between person and network
far less often (``bench/bench_styles.py``).

The model shipped with the package (:data:`DEFAULT_TURN_MODEL`) is fitted on the 290 blind style
sets in ``data/styleset_*`` (written by independent contributors, 20,000+ marked turns) and is
rebuilt by ``regie styles train data/styleset_* --out pipeline/resources/turn_orientation.json.gz``
(byte for byte on one machine; another machine's floating point may move a weight in its sixth
decimal). A model file whose name ends in ``.gz`` is written gzip-compressed (no time stamp or
file name in the header, so the same model gives the same bytes); :meth:`TurnOrientationModel.load`
reads either kind.
A study with its own marked turns can fit its own and set ``styles: turn_model:``.

What the model file holds: per term (a lemma, or two adjacent lemmas joined by a space), the
number of training turns of each orientation it occurs in and, for the logistic model, its three
weights — no sentences. Terms seen in fewer than ``min_documents`` documents are left out, so a
name that recurs within one interview (a client, a colleague), or a phrase only one interview
uses, never enters the model. The training turns are
pseudonymised first, as in a run, and pseudonyms (``[PERSOON-3]``) are dropped before counting, so
names of people and places are not features.
"""
from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError

#: The orientations a turn can have, in the model's column order.
ORIENTATIONS = ("casus", "netwerk", "neither")
#: The orientations a reader can mark in ``orientation.csv``.
MARKED = ("casus", "netwerk")
DEFAULT_TURN_MODEL = Path(__file__).parent / "resources" / "turn_orientation.json.gz"
MODEL_FORMAT = "regie-turn-orientation/3"
#: Earlier formats that still load, as lemma-only models (``/1``: naive Bayes counts only; ``/2``:
#: sessions 8–9, no ``ngrams``).
_OLD_FORMATS = ("regie-turn-orientation/1", "regie-turn-orientation/2")
#: Decimals kept of a logistic weight in the model file.
WEIGHT_DECIMALS = 6

_PSEUDONYM = re.compile(r"\[[A-Z]+-\d+\]")
_WORD = re.compile(r"[^\W\d_]+")


def turn_lemmas(text: str) -> list[str]:
    """The lemmas of one turn, lower case, pseudonyms and numbers left out.

    >>> turn_lemmas("Ik belde [PERSOON-2] over de afspraken met de woningcorporaties.")
    ['ik', 'bellen', 'over', 'de', 'afspraak', 'met', 'de', 'woningcorporatie']
    """
    return list(_cached_lemmas(text))


@lru_cache(maxsize=65536)
def _cached_lemmas(text: str) -> tuple[str, ...]:
    # fitting one model per held-out set (bench, cross-validation) reads the same turns again
    from .nlp import lemmatizer  # spaCy loads only when lemmas are needed

    lemmatise = lemmatizer().lemmatize
    return tuple(lemmatise(word) for word in _WORD.findall(_PSEUDONYM.sub(" ", text).lower()))


def turn_terms(lemmas: Sequence[str], ngrams: int = 2) -> list[str]:
    """The terms a model reads in a turn: its lemmas and, up to ``ngrams``, runs of adjacent lemmas
    joined by a space, each once, sorted.

    A lemma alone cannot tell "zijn moeder" from "de moeder van de afspraken"; a pair can
    ("met elkaar", "de partner", "zijn moeder").

    >>> turn_terms(["met", "de", "partner"])
    ['de', 'de partner', 'met', 'met de', 'partner']
    """
    terms = set(lemmas)
    for n in range(2, ngrams + 1):
        terms.update(" ".join(lemmas[i:i + n]) for i in range(len(lemmas) - n + 1))
    return sorted(terms)


class TurnOrientationModel:
    """Where a turn leans (casus, netwerk or neither), from the set of lemmas present in it.

    Parameters
    ----------
    method : {"logistic", "naive_bayes"}, default "logistic"
        The estimator (:data:`TURN_MODEL_METHODS`). Both score a turn as ``bias_ + sum of
        weights_`` over its lemmas and take the softmax.
    alpha : float, default 1.0
        ``naive_bayes``: additive (Laplace) smoothing of the per-orientation lemma counts.
    C : float, default 1.0
        ``logistic``: inverse strength of the L2 penalty on the weights (larger: less penalty).
    min_documents : int, default 3
        A term enters the vocabulary only when it occurs in at least this many training
        documents: general words, never a name that recurs inside one interview.
    ngrams : int, default 2
        The longest run of adjacent lemmas read as one term (:func:`turn_terms`); 1 reads single
        lemmas only (the models of sessions 4–9).

    Attributes (after :meth:`fit`)
    ----------
    vocabulary_ : list of str, sorted
        The terms: lemmas, and lemma pairs joined by a space.
    counts_ : ndarray of int, shape (n_terms, 3)
        In how many training turns of each orientation (:data:`ORIENTATIONS`) a term occurs.
    turns_ : ndarray of int, shape (3,)
        Training turns per orientation.
    weights_ : ndarray of float, shape (n_terms, 3)
        What a term's presence adds to each orientation's score.
    bias_ : ndarray of float, shape (3,)
        Each orientation's score of a turn without a known lemma.
    sources_ : list of dict
        Per training set: ``name`` and its turns per orientation (provenance).
    """

    def __init__(self, method: str = "logistic", alpha: float = 1.0, C: float = 1.0, min_documents: int = 3,
                 ngrams: int = 2):
        self.method = method
        self.alpha = alpha
        self.C = C
        self.min_documents = min_documents
        self.ngrams = ngrams

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
        if self.method not in TURN_MODEL_METHODS:
            raise ValueError(f"unknown method {self.method!r}; use {', '.join(sorted(TURN_MODEL_METHODS))}")
        if self.alpha <= 0 or self.C <= 0 or self.min_documents < 1:
            raise ValueError("alpha and C must be > 0 and min_documents ≥ 1")
        if isinstance(self.ngrams, bool) or not isinstance(self.ngrams, int) or self.ngrams < 1:
            raise ValueError(f"ngrams must be a whole number ≥ 1, not {self.ngrams!r}")
        if turns.empty or turns["orientation"].nunique() < 2:
            raise ValueError("fitting needs turns of at least two orientations")
        present = [turn_terms(turn_lemmas(t), self.ngrams) for t in turns["text"]]
        documents: dict[str, set[str]] = defaultdict(set)
        for lemmas, doc in zip(present, turns["doc_id"].astype(str)):
            for lemma in lemmas:
                documents[lemma].add(doc)
        self.vocabulary_ = sorted(w for w, docs in documents.items() if len(docs) >= self.min_documents)
        index = {w: i for i, w in enumerate(self.vocabulary_)}
        column = np.array([ORIENTATIONS.index(o) for o in turns["orientation"]], dtype=np.int64)
        presence = _presence_matrix(present, index)
        self.counts_ = np.vstack([np.asarray(presence[column == j].sum(axis=0)).ravel()
                                  for j in range(len(ORIENTATIONS))]).T.astype(np.int64)
        self.counts_ = self.counts_.reshape(len(self.vocabulary_), len(ORIENTATIONS))
        self.turns_ = np.bincount(column, minlength=len(ORIENTATIONS)).astype(np.int64)
        sources = turns["source"] if "source" in turns.columns else pd.Series("", index=turns.index)
        self.sources_ = [{"name": str(name), **{o: int((group["orientation"] == o).sum()) for o in ORIENTATIONS}}
                         for name, group in turns.assign(source=sources.astype(str)).groupby("source", sort=True)]
        weights, bias = TURN_MODEL_METHODS[self.method](self, presence, column)
        if self.method != "naive_bayes":
            # rounded as stored, so a fitted model and the same model loaded from its file read alike
            weights, bias = np.round(weights, WEIGHT_DECIMALS) + 0.0, np.round(bias, WEIGHT_DECIMALS) + 0.0
        self.weights_, self.bias_ = weights, bias
        self._prepare()
        return self

    def _prepare(self) -> None:
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
            ids = sorted({self._index[w] for w in turn_terms(turn_lemmas(text), self.ngrams) if w in self._index})
            scores = self.bias_ + self.weights_[ids].sum(axis=0)
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
        data = {
            "format": MODEL_FORMAT,
            "method": self.method,
            "alpha": self.alpha,
            "C": self.C,
            "min_documents": self.min_documents,
            "ngrams": self.ngrams,
            "orientations": list(ORIENTATIONS),
            "turns": self.turns_.tolist(),
            "sources": self.sources_,
            "lemmas": {w: self.counts_[i].tolist() for i, w in enumerate(self.vocabulary_)},
        }
        if self.method != "naive_bayes":  # naive Bayes weights follow from the counts
            data["bias"] = [float(b) for b in self.bias_]
            data["weights"] = {w: [float(x) for x in self.weights_[i]] for i, w in enumerate(self.vocabulary_)}
        return data

    @classmethod
    def from_dict(cls, data: dict, path: str | Path = "<model>") -> "TurnOrientationModel":
        try:
            if data.get("format") not in (MODEL_FORMAT, *_OLD_FORMATS):
                raise ValueError(f"format is {data.get('format')!r}, expected {MODEL_FORMAT!r}")
            if list(data["orientations"]) != list(ORIENTATIONS):
                raise ValueError(f"orientations are {data['orientations']}, expected {list(ORIENTATIONS)}")
            method = data.get("method", "naive_bayes")
            if method not in TURN_MODEL_METHODS:
                raise ValueError(f"method is {method!r}, expected one of {', '.join(sorted(TURN_MODEL_METHODS))}")
            ngrams = 1 if data["format"] in _OLD_FORMATS else data["ngrams"]
            if isinstance(ngrams, bool) or not isinstance(ngrams, int) or ngrams < 1:
                raise ValueError(f"ngrams is {ngrams!r}, expected a whole number ≥ 1")
            model = cls(method=method, alpha=float(data["alpha"]), C=float(data.get("C", 1.0)),
                        min_documents=int(data["min_documents"]), ngrams=ngrams)
            model.vocabulary_ = sorted(data["lemmas"])
            model.counts_ = np.array([data["lemmas"][w] for w in model.vocabulary_], dtype=np.int64) \
                .reshape(-1, len(ORIENTATIONS))
            model.turns_ = np.array(data["turns"], dtype=np.int64)
            model.sources_ = list(data.get("sources", []))
            if model.turns_.shape != (len(ORIENTATIONS),) or (model.turns_ <= 0).sum() > 1:
                raise ValueError("'turns' must hold three counts, at least two of them positive")
            if method == "naive_bayes":
                model.weights_, model.bias_ = _naive_bayes_weights(model.counts_, model.turns_, model.alpha)
            else:
                weights = data["weights"]
                if sorted(weights) != model.vocabulary_:
                    raise ValueError("'weights' and 'lemmas' name different lemmas")
                model.weights_ = np.array([weights[w] for w in model.vocabulary_], dtype=float) \
                    .reshape(-1, len(ORIENTATIONS))
                model.bias_ = np.array(data["bias"], dtype=float)
                if model.bias_.shape != (len(ORIENTATIONS),):
                    raise ValueError("'bias' must hold three numbers")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise InputError(path, f"not a turn-orientation model: {exc}") from None
        model._prepare()
        return model

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (sorted keys, one term per line: diffable, byte-stable).

        A ``path`` ending in ``.gz`` is written gzip-compressed, without a time stamp, so that
        saving the same model twice gives the same bytes.
        """
        data = self.to_dict()
        sections = {key: data.pop(key) for key in ("lemmas", "weights") if key in data}
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)[:-2]
        for key, per_lemma in sections.items():
            body = ",\n".join(f"  {json.dumps(w, ensure_ascii=False)}: {json.dumps(v)}" for w, v in per_lemma.items())
            text += f',\n "{key}": {{\n' + body + "\n }"
        raw = (text + "\n}\n").encode("utf-8")
        if Path(path).name.endswith(".gz"):
            raw = gzip.compress(raw, compresslevel=9, mtime=0)
        Path(path).write_bytes(raw)

    @classmethod
    def load(cls, path: str | Path | None = None) -> "TurnOrientationModel":
        """Read a model written by :meth:`save`, plain or gzip-compressed (default: :data:`DEFAULT_TURN_MODEL`)."""
        path = Path(path) if path is not None else DEFAULT_TURN_MODEL
        try:
            data = json.loads(read_model_text(path))
        except FileNotFoundError:
            raise InputError(path, "turn-orientation model not found") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(path, f"not a turn-orientation model (not JSON: {exc})") from None
        if not isinstance(data, dict):
            raise InputError(path, "not a turn-orientation model (expected a JSON object)")
        return cls.from_dict(data, path)


def read_model_text(path: str | Path) -> str:
    """The JSON text of a model file, decompressed when it is gzip (recognised by its first bytes).

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    InputError
        When the file starts as gzip but cannot be decompressed (cut off or damaged).
    """
    raw = Path(path).read_bytes()
    if raw[:2] == b"\x1f\x8b":  # the gzip magic number, whatever the file's name
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(path, f"not a turn-orientation model (damaged gzip file: {exc})") from None
    return raw.decode("utf-8")


# -- estimators -----------------------------------------------------------------------------------
def _presence_matrix(present: Sequence[Sequence[str]], index: dict[str, int]):
    """Turns × lemmas, 1 where a vocabulary lemma occurs in the turn (scipy CSR)."""
    from scipy import sparse

    rows, cols = [], []
    for row, lemmas in enumerate(present):
        for lemma in lemmas:
            col = index.get(lemma)
            if col is not None:
                rows.append(row)
                cols.append(col)
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(present), len(index)))


def _naive_bayes_weights(counts: np.ndarray, turns: np.ndarray, alpha: float) -> tuple[np.ndarray, np.ndarray]:
    # multinomial NB over the set of lemmas in a turn: a word repeated in a long story counts once
    totals = counts.sum(axis=0) + alpha * counts.shape[0]
    with np.errstate(divide="ignore"):
        prior = np.log(turns / turns.sum())
    return np.log((counts + alpha) / totals), prior


def _fit_naive_bayes(model: TurnOrientationModel, presence, column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return _naive_bayes_weights(model.counts_, model.turns_, model.alpha)


def _fit_logistic(model: TurnOrientationModel, presence, column: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression, L2 penalty ``1/(2C)·‖W‖²`` on the weights (not the bias),
    fitted to convergence with L-BFGS from zero weights: a deterministic optimum."""
    from scipy.optimize import minimize

    n_lemmas, k = presence.shape[1], len(ORIENTATIONS)
    target = np.eye(k)[column]
    presence_t = presence.T.tocsr()

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = flat[:-k].reshape(n_lemmas, k), flat[-k:]
        scores = presence @ weights + bias
        scores -= scores.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(scores).sum(axis=1, keepdims=True))
        proba = np.exp(scores - log_norm)
        loss = -(target * (scores - log_norm)).sum() + 0.5 / model.C * (weights ** 2).sum()
        error = proba - target
        gradient = np.concatenate([(presence_t @ error + weights / model.C).ravel(), error.sum(axis=0)])
        return float(loss), gradient

    result = minimize(loss_and_gradient, np.zeros(n_lemmas * k + k), jac=True, method="L-BFGS-B",
                      options={"maxiter": 5000, "maxcor": 20, "ftol": 1e-14, "gtol": 1e-7})
    return result.x[:-k].reshape(n_lemmas, k), result.x[-k:]


#: How each ``method`` fits its weights: ``(model, presence matrix, orientation column) →
#: (weights, bias)``. A new estimator is one more entry.
TURN_MODEL_METHODS: dict[str, Callable] = {
    "logistic": _fit_logistic,
    "naive_bayes": _fit_naive_bayes,
}


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


def train(set_dirs: Sequence[str | Path], method: str = "logistic", alpha: float = 1.0, C: float = 1.0,
          min_documents: int = 3, ngrams: int = 2) -> TurnOrientationModel:
    """Fit a :class:`TurnOrientationModel` on the marked turns of one or more labelled sets."""
    frames = [labelled_turns(d) for d in sorted(map(Path, set_dirs), key=lambda p: p.name)]
    model = TurnOrientationModel(method=method, alpha=alpha, C=C, min_documents=min_documents, ngrams=ngrams)
    return model.fit(pd.concat(frames, ignore_index=True))


__all__ = ["ORIENTATIONS", "DEFAULT_TURN_MODEL", "TURN_MODEL_METHODS", "TurnOrientationModel", "read_model_text",
           "turn_lemmas", "turn_terms",
           "read_orientation_marks",
           "labelled_turns", "train"]
