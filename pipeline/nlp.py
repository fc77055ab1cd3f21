"""Offline Dutch NLP for coding: tokeniser, sentences and a simplemma-based lemmatiser.

The pipeline is ``spacy.blank("nl")`` + ``sentencizer`` + ``regie_lemmatizer``; no model download
is ever needed. The lemmatiser is a registered spaCy factory that wraps :func:`simplemma.lemmatize`
(which knows about nine in ten tokens of Dutch interview text, against about one in ten for
spaCy's lookup table) and adds two things simplemma lacks:

* a project override list for domain words it gets wrong (``keten`` → ``keet``, ``sprake`` →
  ``spraak``), kept in ``pipeline/resources/lemma_overrides.yaml``;
* compound fallback: an unknown compound is lemmatised on its longest known tail
  (``uitvoerdersoverleggen`` → ``uitvoerders`` + ``overleg``), and a hyphenated word on its last
  part (``informatie-uitwisselingen`` → ``informatie-uitwisseling``).

Stop words are never removed: ``niet``, ``geen`` and ``wel`` carry meaning for coding.
Codebook terms are lemmatised with the same function (:func:`lemmatise_phrase`) as the text.

When ``StudyConfig.spacy_model`` names a trained Dutch pipeline (e.g. ``nl_core_news_sm``) that
happens to be installed, :func:`get_nlp` uses its tokeniser and parser-based sentences, still with
this lemmatiser; when it is not installed the blank pipeline is used and a warning is issued.
"""
from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path

import simplemma
import spacy
import yaml
from spacy.language import Language
from spacy.tokens import Doc

#: Default override list shipped with the package.
OVERRIDES_PATH = Path(__file__).resolve().parent / "resources" / "lemma_overrides.yaml"

_LANG = "nl"
_MIN_HEAD = 3  # shortest first part of a compound ("zorg", "ggz" …)
_MIN_TAIL = 4  # shortest known last part we trust as the head noun/verb
_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


def load_overrides(path: str | Path | None = None) -> dict[str, str]:
    """Read a lemma override file.

    Parameters
    ----------
    path : str or Path, optional
        YAML file with a mapping ``overrides: {word form: lemma}``; default :data:`OVERRIDES_PATH`.

    Returns
    -------
    dict of str to str
        Lower-case word form → lemma.
    """
    path = Path(path) if path else OVERRIDES_PATH
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    overrides = raw.get("overrides", {}) if isinstance(raw, dict) else {}
    return {str(k).lower(): str(v).lower() for k, v in overrides.items()}


class DutchLemmatizer:
    """Context-free Dutch lemmatiser: overrides, then simplemma, then compound fallback.

    Parameters
    ----------
    overrides : dict of str to str
        Lower-case word form → lemma; wins over everything else.
    """

    def __init__(self, overrides: dict[str, str]):
        self.overrides = dict(overrides)
        # One cache per instance: the same word form is lemmatised once per process.
        self.lemmatize = lru_cache(maxsize=200_000)(self._lemmatize)

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token.lemma_ = self.lemmatize(token.lower_)
        return doc

    def known(self, word: str) -> bool:
        """Whether ``word`` is in the override list or simplemma's dictionary."""
        word = word.lower()
        return word in self.overrides or simplemma.is_known(word, lang=_LANG)

    def source(self, word: str) -> str:
        """How ``word`` gets its lemma: ``override``, ``known``, ``hyphen``, ``compound`` or
        ``unknown`` (simplemma's guess)."""
        word = word.lower()
        if word in self.overrides:
            return "override"
        if "-" in word.strip("-"):
            return "hyphen"
        if simplemma.is_known(word, lang=_LANG):
            return "known"
        return "compound" if self._tail(word) is not None else "unknown"

    def _tail(self, word: str) -> int | None:
        for cut in range(_MIN_HEAD, len(word) - _MIN_TAIL + 1):
            tail = word[cut:]
            if tail in self.overrides or simplemma.is_known(tail, lang=_LANG):
                return cut
        return None

    def _lemmatize(self, word: str) -> str:
        word = word.lower()
        if word in self.overrides:
            return self.overrides[word]
        if not _WORD.search(word):
            return word
        if "-" in word.strip("-"):
            head, _, last = word.rpartition("-")
            return f"{head}-{self.lemmatize(last)}" if last else word
        if simplemma.is_known(word, lang=_LANG):
            return _clean(simplemma.lemmatize(word, lang=_LANG))
        return self._compound(word)

    def _compound(self, word: str) -> str:
        # Dutch compounds put the head last: lemmatise the longest known tail.
        cut = self._tail(word)
        if cut is not None:
            return word[:cut] + self.lemmatize(word[cut:])
        return _clean(simplemma.lemmatize(word, lang=_LANG))


def _clean(lemma: str) -> str:
    # simplemma writes separable verbs as "samen_werken"; Dutch writes them as one word.
    return lemma.lower().replace("_", "")


@Language.factory(
    "regie_lemmatizer",
    default_config={"overrides_path": None},
    retokenizes=False,
)
def make_lemmatizer(nlp: Language, name: str, overrides_path: str | None) -> DutchLemmatizer:
    """spaCy factory: ``nlp.add_pipe("regie_lemmatizer")`` sets ``token.lemma_`` (lower case)."""
    return DutchLemmatizer(load_overrides(overrides_path))


@lru_cache(maxsize=4)
def get_nlp(model: str | None = None) -> Language:
    """The cached Dutch pipeline used for coding.

    Parameters
    ----------
    model : str, optional
        Name of an installed trained spaCy pipeline (``StudyConfig.spacy_model``). Used only if
        installed; otherwise a warning is issued and the blank pipeline is returned.

    Returns
    -------
    spacy.language.Language
        Tokeniser, sentence boundaries (``sentencizer`` or the model's parser) and
        ``regie_lemmatizer``.
    """
    nlp = None
    if model:
        if spacy.util.is_package(model) or Path(model).is_dir():
            nlp = spacy.load(model, exclude=["lemmatizer", "ner", "attribute_ruler"])
        else:
            warnings.warn(f"spaCy model {model!r} is not installed; using spacy.blank('nl')",
                          stacklevel=2)
    if nlp is None:
        nlp = spacy.blank(_LANG)
    if not nlp.has_pipe("parser") and not nlp.has_pipe("senter"):
        nlp.add_pipe("sentencizer")
    nlp.add_pipe("regie_lemmatizer", last=True)
    return nlp


def lemmatizer(model: str | None = None) -> DutchLemmatizer:
    """The :class:`DutchLemmatizer` inside :func:`get_nlp`'s pipeline."""
    return get_nlp(model).get_pipe("regie_lemmatizer")


def lemmatise_word(word: str, model: str | None = None) -> str:
    """Lemma of one word form (lower case)."""
    return lemmatizer(model).lemmatize(word.lower())


def lemmatise_phrase(text: str, model: str | None = None) -> list[str]:
    """Lemmas of a text or codebook term, with exactly the tokenisation used for transcripts.

    >>> lemmatise_phrase("Ketenpartners zaten op één lijn")
    ['ketenpartner', 'zitten', 'op', 'één', 'lijn']
    """
    return [t.lemma_ for t in get_nlp(model)(text) if not t.is_space]


def coverage(texts, model: str | None = None) -> dict[str, float]:
    """How much of a text's vocabulary the lemmatiser knows (for the README and tests).

    Parameters
    ----------
    texts : iterable of str

    Returns
    -------
    dict
        ``tokens`` (alphabetic tokens), ``known`` (share in simplemma's dictionary),
        ``overridden`` (share taken from the override list), ``compound`` (share lemmatised
        on a known compound tail), ``resolved`` (the sum of the three).
    """
    nlp = get_nlp(model)
    lem = nlp.get_pipe("regie_lemmatizer")
    counts = {"override": 0, "known": 0, "hyphen": 0, "compound": 0, "unknown": 0}
    for doc in nlp.pipe(texts):
        for token in doc:
            if token.is_alpha:
                counts[lem.source(token.lower_)] += 1
    n = sum(counts.values())
    share = {k: (v / n if n else 0.0) for k, v in counts.items()}
    return {
        "tokens": n,
        "known": share["known"],
        "overridden": share["override"],
        "compound": share["compound"],
        "resolved": share["known"] + share["override"] + share["compound"],
    }
