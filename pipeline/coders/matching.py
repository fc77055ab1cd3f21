"""Compiling codebook patterns into fast matchers over lemmatised spaCy docs.

A *phrase* (see :mod:`pipeline.coders.patterns` for the syntax) compiles to a tuple of
:class:`TokenTest`; all phrases of a codebook go into one :class:`PhraseIndex`, keyed on the
phrase's first token, so a document is scanned once whatever the number of codes.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Token

#: Suffix of the key that marks a clause-final word (so "=bij#" matches a separated particle).
FINAL = "#"
#: Shortest stem allowed in a compound key (``"keten*"``): shorter ones match half the lexicon.
MIN_STEM = 3


@dataclass(frozen=True)
class TokenTest:
    """One position of a phrase.

    ``kind`` is ``exact`` (``keys``: word forms/lemmas any of which the token must have),
    ``form`` (``keys``: the token's own lower-case form, hyphens ignored, must be one of them;
    no lemma), ``prefix``, ``suffix`` or ``infix`` (``stem``: compound part the token starts
    with, ends with or contains).
    """

    kind: str
    keys: frozenset[str] = frozenset()
    stem: str = ""

    def matches(self, keys: tuple[str, ...], parts: tuple[str, ...]) -> bool:
        if self.kind == "exact":
            return not self.keys.isdisjoint(keys)
        if self.kind == "form":
            return (keys[0] in self.keys or keys[0].replace("-", "") in self.keys
                    or (keys[-1].endswith(FINAL) and keys[-1] in self.keys))
        if self.kind == "prefix":
            return any(p.startswith(self.stem) for p in parts)
        if self.kind == "suffix":
            return any(p.endswith(self.stem) for p in parts)
        return any(self.stem in p for p in parts)


Phrase = tuple[TokenTest, ...]


def token_keys(token: Token) -> tuple[str, ...]:
    """Forms a text token is matched on: lower case, lemma, both without hyphens."""
    lower, lemma = token.lower_, token.lemma_ or token.lower_
    keys = [lower]
    for form in (lemma, lower.replace("-", ""), lemma.replace("-", "")):
        if form not in keys:
            keys.append(form)
    return tuple(keys)


def token_parts(keys: tuple[str, ...]) -> tuple[str, ...]:
    """Keys plus hyphen-separated parts, for compound tests (``informatie-uitwisseling``)."""
    parts = list(keys)
    for key in keys:
        if "-" in key:
            parts.extend(p for p in key.split("-") if p and p not in parts)
    return tuple(parts)


class PhraseCompiler:
    """Turns phrase strings into :data:`Phrase` tuples with the coding pipeline's tokeniser."""

    def __init__(self, nlp: Language):
        self.nlp = nlp
        self._cache: dict[str, tuple[Phrase, ...]] = {}

    def compile(self, text: str) -> tuple[Phrase, ...]:
        """All alternatives of ``text`` (split on ``|``); raises ``ValueError`` when malformed."""
        if text not in self._cache:
            alternatives = [a.strip() for a in text.split("|")]
            if not text.strip() or any(not a for a in alternatives):
                raise ValueError(f"empty phrase or empty alternative in {text!r}")
            self._cache[text] = tuple(self._alternative(a) for a in alternatives)
        return self._cache[text]

    def _alternative(self, text: str) -> Phrase:
        tests: list[TokenTest] = []
        for piece in text.split():
            if piece.startswith("=") and len(piece) > 1:
                form = piece[1:].lower()
                tests.append(TokenTest("form", keys=frozenset({form, form.replace("-", "")})))
                continue
            if "*" in piece:
                tests.append(_wildcard(piece))
                continue
            doc = self.nlp(piece)
            for tok in doc:
                tests.append(_exact_test(tok))
        if not tests:
            raise ValueError(f"phrase {text!r} has no words")
        return tuple(tests)


def _exact_test(tok: Token) -> TokenTest:
    low = tok.lower_
    if low.endswith(("je", "jes")) and not (tok.lemma_ or "").endswith(("je", "jes")):
        # A diminutive is its own word ("tijdje" is not "tijd", "regeltjes" not "regels"):
        # match it and its plural/singular, never the base word the lemmatiser maps it to.
        forms = {low, low + "s"} if low.endswith("je") else {low, low[:-1]}
        return TokenTest("form", keys=frozenset(forms))
    return TokenTest("exact", keys=frozenset(token_keys(tok)))


def _wildcard(piece: str) -> TokenTest:
    low = piece.lower()
    stem = low.strip("*")
    if "*" in stem:
        raise ValueError(f"compound key {piece!r}: '*' only at the start and/or end")
    if len(stem.replace("-", "")) < MIN_STEM:
        raise ValueError(f"compound key {piece!r}: stem shorter than {MIN_STEM} letters")
    starts, ends = low.startswith("*"), low.endswith("*")
    kind = "infix" if starts and ends else "suffix" if starts else "prefix"
    return TokenTest(kind, stem=stem)


@dataclass(frozen=True)
class Match:
    """A phrase found in a doc: ``ref`` is what the phrase was registered with."""

    ref: Hashable
    start: int
    end: int


class PhraseIndex:
    """All phrases of a codebook, indexed on their first token for a single pass over a doc."""

    def __init__(self):
        self._exact: dict[str, list[tuple[Phrase, Hashable]]] = defaultdict(list)
        self._prefix: dict[str, list[tuple[Phrase, Hashable]]] = defaultdict(list)
        self._suffix: dict[str, list[tuple[Phrase, Hashable]]] = defaultdict(list)
        self._infix: list[tuple[str, Phrase, Hashable]] = []
        self._prefix_lengths: list[int] = []
        self._suffix_lengths: list[int] = []

    def add(self, phrase: Phrase, ref: Hashable) -> None:
        first = phrase[0]
        if first.kind in ("exact", "form"):
            for key in sorted(first.keys):
                self._exact[key].append((phrase, ref))
        elif first.kind == "prefix":
            self._prefix[first.stem].append((phrase, ref))
            self._prefix_lengths = sorted({len(s) for s in self._prefix})
        elif first.kind == "suffix":
            self._suffix[first.stem].append((phrase, ref))
            self._suffix_lengths = sorted({len(s) for s in self._suffix})
        else:
            self._infix.append((first.stem, phrase, ref))

    def _candidates(self, keys: tuple[str, ...], parts: tuple[str, ...]):
        seen: set[int] = set()
        for key in keys:
            for item in self._exact.get(key, ()):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item
        for part in parts:
            for n in self._prefix_lengths:
                if len(part) < n:
                    break
                for item in self._prefix.get(part[:n], ()):
                    if id(item) not in seen:
                        seen.add(id(item))
                        yield item
            for n in self._suffix_lengths:
                if len(part) < n:
                    break
                for item in self._suffix.get(part[-n:], ()):
                    if id(item) not in seen:
                        seen.add(id(item))
                        yield item
        for stem, phrase, ref in self._infix:
            if any(stem in p for p in parts):
                yield phrase, ref

    def find(self, keys: Sequence[tuple[str, ...]], parts: Sequence[tuple[str, ...]],
             skip: Sequence[bool] | None = None) -> list[Match]:
        """Every occurrence of every phrase in a doc given its per-token keys and parts.

        Tokens flagged in ``skip`` (hesitations, commas: see :func:`doc_keys`) are transparent,
        so ``"op één lijn"`` also matches "op, eh, één lijn". Returns matches in document
        order (by start, then end, then registration order); ``start``/``end`` are token
        indices of the doc.
        """
        pos = [i for i in range(len(keys)) if not (skip and skip[i])]
        k_keys = [keys[i] for i in pos]
        k_parts = [parts[i] for i in pos]
        found: list[tuple[int, int, int, Match]] = []
        n = len(pos)
        order = 0
        for i in range(n):
            for phrase, ref in self._candidates(k_keys[i], k_parts[i]):
                end = i + len(phrase)
                if end > n:
                    continue
                if all(test.matches(k_keys[i + j], k_parts[i + j]) for j, test in enumerate(phrase)):
                    start_tok, end_tok = pos[i], pos[end - 1] + 1
                    found.append((start_tok, end_tok, order, Match(ref, start_tok, end_tok)))
                    order += 1
        found.sort(key=lambda x: (x[0], x[1], x[2]))
        return [m for *_, m in found]


#: Tokens that phrases see through: hesitations and pause marks of spoken transcripts.
TRANSPARENT = frozenset({"eh", "ehm", "uh", "uhm", "euh", "ehh", "uhh", "hm", "hmm", "mm", ",", "...",
                         "…", "–", "—", "-"})


#: Separable-verb particles: in a main clause Dutch splits "bijstellen" into "stel ... bij".
PARTICLES = ("samen", "terug", "achter", "tegen", "neer", "door", "over", "voor", "rond", "vast", "langs", "binnen",
             "weg", "mee", "los", "vrij", "toe", "aan", "uit", "op", "bij", "om", "na", "af", "in")
#: Words after which a separated particle still ends its clause ("ik stel het bij, want …").
CLAUSE_END = frozenset({"en", "maar", "als", "want", "omdat", "dat", "zodat", "of", "dan", "toen",
                        "terwijl", "wanneer", "zodra", "voordat", "nadat", "tot", "hè", "he", "hoor",
                        "eh", "zeg", "ja", "nee",
                        # a separated particle may be followed by a prepositional phrase:
                        # "ik schaal op naar de manager", "ik zet het in bij de opvang"
                        "naar", "met", "bij", "voor", "tegen", "aan", "op", "in", "over", "door"})

def doc_keys(doc: Doc) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], list[bool]]:
    """Per-token keys, parts and transparency flags of a doc (arguments of :meth:`PhraseIndex.find`).

    A token that ends its clause (followed by punctuation, the end of the text or a conjunction)
    gets the extra key ``word#``: separated verb particles are found that way.
    """
    keys = [token_keys(t) for t in doc]
    skip = [t.lower_ in TRANSPARENT for t in doc]
    n = len(doc)
    for i, tok in enumerate(doc):
        if tok.is_punct or tok.is_space:
            continue
        j = i + 1
        while j < n and skip[j] and doc[j].lower_ != ",":
            j += 1
        if j >= n or (doc[j].is_punct and doc[j].text not in "-'") or doc[j].lower_ in CLAUSE_END:
            keys[i] = keys[i] + (tok.lower_ + FINAL,)
    return keys, [token_parts(k) for k in keys], skip


def split_separable(lemma: str, known) -> tuple[str, str] | None:
    """``("bij", "stellen")`` for ``"bijstellen"``: particle and verb of a separable verb.

    Parameters
    ----------
    lemma : str
        A one-word lemma.
    known : callable
        ``known(word) -> bool``: whether the verb part is a real word (the lemmatiser's lexicon).
    """
    for particle in PARTICLES:
        rest = lemma[len(particle):]
        if lemma.startswith(particle) and len(rest) >= 4 and rest.endswith("en") and known(rest):
            return particle, rest
    return None


def within_window(positions: Sequence[Iterable[int]], window: int,
                  ordered: bool = False) -> tuple[int, ...] | None:
    """Pick one start position per element, all distinct, spanning at most ``window`` tokens.

    Parameters
    ----------
    positions : sequence of iterables of int
        Start positions of each element's matches within one sentence.
    window : int
    ordered : bool
        Require the positions to increase in element order.

    Returns
    -------
    tuple of int or None
        The chosen positions (earliest such choice), or None.
    """
    lists = [sorted(set(p)) for p in positions]
    if any(not p for p in lists):
        return None
    best: tuple[int, ...] | None = None

    def search(k: int, chosen: list[int]):
        nonlocal best
        if k == len(lists):
            cand = tuple(chosen)
            if best is None or (min(cand), max(cand)) < (min(best), max(best)):
                best = cand
            return
        for pos in lists[k]:
            if pos in chosen or (ordered and chosen and pos <= chosen[-1]):
                continue
            lo = min(chosen + [pos])
            hi = max(chosen + [pos])
            if hi - lo > window:
                continue
            chosen.append(pos)
            search(k + 1, chosen)
            chosen.pop()

    search(0, [])
    return best
