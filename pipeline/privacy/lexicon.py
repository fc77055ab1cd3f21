"""Is a capitalised word an ordinary Dutch word or possibly a name?

Two word lists answer it, both offline: simplemma's Dutch dictionary (every inflected form of
ordinary words, but also many first names such as "hans" or "dylan") and deduce's own lists of
common words, first names and surnames. A word is

* *plain* when it is an ordinary word and not a known name ("volgens", "gisteren"), or on deduce's
  short list of very common words — such a word is never taken for a name on its own;
* *ambiguous* when it is both an ordinary word and a known name ("Bakker", "Roos", "Wil");
* a *name word* when deduce lists it as a first name or surname.
"""
from __future__ import annotations

import threading
from functools import lru_cache

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _deduce_lists() -> dict[str, frozenset[str]]:
    with _LOCK:
        from .engine import import_deduce

        import_deduce()
        from deduce.deduce import _LOOKUP_LIST_PATH
        from deduce.lookup_structs import load_raw_itemsets

        raw = load_raw_itemsets(
            base_path=_LOOKUP_LIST_PATH,
            subdirs=["names/lst_first_name", "names/lst_surname", "names/lst_interfix",
                     "names/lst_interfix_surname", "names/lst_prefix", "whitelist/lst_common_word",
                     "whitelist/lst_stop_word"],
        )
    return {
        "names": frozenset(w.casefold() for w in raw["first_name"] | raw["surname"]),
        "first_names": frozenset(w.casefold() for w in raw["first_name"]),
        "common": frozenset(w.casefold() for w in raw["common_word"] | raw["stop_word"]),
        "stop": frozenset(w.casefold() for w in raw["stop_word"]),
        # Multi-word particles ("van der", "in 't") count word by word.
        "interfix": frozenset(t.casefold() for w in raw["interfix"] for t in w.split()),
        "prefix": frozenset(w.casefold().rstrip(".") for w in raw["prefix"] if " " not in w),
        # Surnames that follow a particle: "Jong" of "de Jong", "Vries" of "de Vries".
        "interfix_surname": frozenset(w.casefold() for w in raw["interfix_surname"]),
    }


@lru_cache(maxsize=200_000)
def _simplemma_known(word: str) -> bool:
    from simplemma import is_known

    try:
        return bool(is_known(word, lang="nl"))
    except Exception:  # simplemma without Dutch data: fall back to deduce's lists only
        return False


def _core(word: str) -> str:
    return word.strip(".,;:!?()[]\"'“”‘’«»-–—").casefold()


#: Compass points that name parts of towns ("Schiedam-Oost", "in Zuidoost") and that neither
#: word list has.
_COMPASS_WORDS = frozenset({"oost", "noordoost", "zuidoost", "noordwest", "zuidwest"})


def is_ordinary_word(word: str) -> bool:
    """:func:`is_dictionary_word`, or a compass point missing from both lists ("Oost")."""
    return is_dictionary_word(word) or _core(word) in _COMPASS_WORDS


def is_name_word(word: str) -> bool:
    """Whether deduce lists ``word`` as a first name or surname."""
    return _core(word) in _deduce_lists()["names"]


def is_first_name(word: str) -> bool:
    return _core(word) in _deduce_lists()["first_names"]


def is_surname_after_particle(word: str) -> bool:
    """Whether deduce lists ``word`` as a surname written after a particle ("Jong" of "de Jong")."""
    return _core(word) in _deduce_lists()["interfix_surname"]


def is_dictionary_word(word: str) -> bool:
    """Whether ``word`` (any case) is an ordinary Dutch word form."""
    w = _core(word)
    return bool(w) and (w in _deduce_lists()["common"] or _simplemma_known(w))


def is_plain_word(word: str) -> bool:
    """An ordinary word that is not also a name: never a name on its own."""
    w = _core(word)
    if not w:
        return True
    if w in _deduce_lists()["common"]:
        return True
    return _simplemma_known(w) and w not in _deduce_lists()["names"]


def is_ambiguous(word: str) -> bool:
    """Both an ordinary word and a name ("Bakker", "Roos")."""
    return is_dictionary_word(word) and is_name_word(word) and not is_plain_word(word)


def is_particle(word: str) -> bool:
    """A surname particle ("van", "de", "ter", "el")."""
    return _core(word) in _deduce_lists()["interfix"] or _core(word) in {"el", "al", "ben", "bin", "abu"}


def is_title(word: str) -> bool:
    """A form of address before a name ("mevrouw", "dhr.", "dr.")."""
    return _core(word).rstrip(".") in _deduce_lists()["prefix"] | {
        "meneer", "mevrouw", "mevr", "mw", "dhr", "heer", "juffrouw", "juf", "meester", "mr",
        "dr", "drs", "prof", "ir", "ing", "zuster", "broeder", "pastor", "imam", "dominee",
    }


@lru_cache(maxsize=1)
def _street_names() -> frozenset[str]:
    """deduce's street lists (BAG), case-folded: "stationsstraat", "amsterdamse poort", ..."""
    from .engine import import_deduce

    with _LOCK:
        import_deduce()
        from deduce.deduce import _LOOKUP_LIST_PATH

    folder = _LOOKUP_LIST_PATH / "src" / "locations" / "lst_street"
    names: set[str] = set()
    for name in ("items.txt", "streets_bag.txt"):
        path = folder / name
        if path.exists():
            names.update(" ".join(line.split()).casefold()
                         for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    return frozenset(names)


def is_street_name(phrase: str) -> bool:
    """Whether ``phrase`` is on deduce's list of Dutch street names (any case)."""
    return " ".join(phrase.replace("’", "'").split()).casefold() in _street_names()


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """deduce's lists of residences, municipalities, regions and provinces, case-folded."""
    with _LOCK:
        from .engine import import_deduce

        import_deduce()
        from deduce.deduce import _LOOKUP_LIST_PATH
        from deduce.lookup_structs import load_raw_itemsets

        raw = load_raw_itemsets(base_path=_LOOKUP_LIST_PATH, subdirs=["locations/lst_placename"])
    return frozenset(" ".join(w.split()).casefold() for w in raw["placename"])


def is_place_name(phrase: str) -> bool:
    """Whether ``phrase`` is on deduce's list of Dutch places and regions ("Zwolle", "Twente",
    "Den Haag", "Noord-Limburg"). Many are ordinary words too ("Best", "Plein", "Noord"): a
    caller needs a context that makes the phrase a name."""
    return " ".join(phrase.split()).casefold() in _place_names()


def is_common_word(word: str) -> bool:
    """On deduce's short list of very common words and stop words ("de", "dus", "toen")."""
    return _core(word) in _deduce_lists()["common"]


_PRONOMINAL = None
_EMPHASIS = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


def _pronominal_adverb(word: str) -> bool:
    global _PRONOMINAL
    if _PRONOMINAL is None:
        import re

        _PRONOMINAL = re.compile(
            r"(?:daar|hier|waar|er|ergens|nergens|overal)(?:aan|achter|bij|binnen|boven|buiten|door|heen|in"
            r"|langs|mee|na|naar|naast|om|omheen|onder|op|over|tegen|tegenover|toe|tussen|uit|van|vandaan"
            r"|voor|zonder|omtrent|mede)")
    return bool(_PRONOMINAL.fullmatch(word))


@lru_cache(maxsize=1)
def _spacy_stop_words() -> frozenset[str]:
    try:
        from spacy.lang.nl.stop_words import STOP_WORDS
    except Exception:  # spaCy without Dutch: the other lists still apply
        return frozenset()
    return frozenset(STOP_WORDS)


@lru_cache(maxsize=100_000)
def is_known_form(word: str) -> bool:
    """Whether ``word`` is an ordinary Dutch word in a form the word lists miss.

    Besides :func:`is_dictionary_word`: nouns of action from a known verb ("handhaving"), emphasis
    accents ("wéér"), pronominal adverbs
    ("daarvoor", "waarmee", "hierdoor"), spaCy's Dutch stop words ("sindsdien") and compounds of
    two ordinary words, optionally with a linking s/e/en ("woning|inbraken", "bewind|voering",
    "dader|hulp", "ja|zeker"). A compound needs a right part of four letters or more and a left
    part of three or more (or a very common word), so "Nador" (na|dor) is no compound.
    """
    w = _core(word)
    if not w:
        return True
    if is_dictionary_word(w) or w in _spacy_stop_words() or _pronominal_adverb(w):
        return True
    plain = w.translate(_EMPHASIS)
    if plain != w and is_dictionary_word(plain):
        return True
    if "-" in w:
        return False
    # A noun of action from a known verb ("handhaving" of "handhaven", which the lists lack); not
    # when the form is a listed name ("Kisting")
    if w.endswith("ing") and len(w) > 7 and is_dictionary_word(w[:-3] + "en") and w not in _deduce_lists()["names"]:
        return True
    for i in range(2, len(w) - 3):
        left, right = w[:i], w[i:]
        if not is_dictionary_word(right):
            continue
        for stem in (left, left[:-1] if left.endswith(("s", "e")) else None,
                     left[:-2] if left.endswith("en") else None):
            if stem and (len(stem) >= 3 and is_dictionary_word(stem) or stem in _deduce_lists()["common"]):
                return True
    return False


def is_stop_word(word: str) -> bool:
    """A function word ("de", "dus", "sindsdien"): deduce's and spaCy's Dutch stop words."""
    w = _core(word)
    return w in _deduce_lists()["stop"] or w in _spacy_stop_words()


@lru_cache(maxsize=100_000)
def is_english_word(word: str) -> bool:
    """Whether ``word`` is an English word form ("Policy", "Housing"): interviews quote English
    terms and titles, which are no names unless a name list says so."""
    from simplemma import is_known

    w = _core(word)
    try:
        return bool(w) and bool(is_known(w, lang="en"))
    except Exception:  # simplemma without English data
        return False
