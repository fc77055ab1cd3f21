"""Person names: trimming detected spans, parsing names, speaker labels, and linking mentions.

A person is mentioned in many ways across a study: "Dylan van Dam", later "Dylan"; "mevrouw
Bakker", later "Bakker"; the speaker label "Jansen, P." and "Jansen" in the text. The
:class:`PersonRegistry` links each mention to one person (one pseudonym) when that is unambiguous
in the study, else when it is unambiguous in the document, else keeps the mention as its own
person.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import lexicon
from .allow_list import AllowList

#: A word; a curly quote is no part of it, except in the old article of "’s-Heerenhoek".
TOKEN = re.compile(r"(?:[’‘][st]-)?[^\s,;:()\[\]{}\"“”‘’«»/<>|]+")
INITIALS = re.compile(r"^(?:[A-Z]\.){1,4}$|^[A-Z]\.?[A-Z]?\.?$")
_SENTENCE_END = tuple(".!?:;…\n\"“”'‘’-–—([*")
_PLACE_PREPOSITIONS = {"in", "naar", "uit", "te", "bij", "richting", "vanuit", "rond", "omgeving",
                       "buurt", "wijk", "regio", "gemeente", "heel", "buiten"}
#: Forms of address and family titles used like one ("tante", "opa"): the capitalised word after
#: them is a name even when it is also an ordinary word ("mevrouw Kok", "oma Roos", "dhr. Smit").
FORMS_OF_ADDRESS = (r"(?:mevrouw|meneer|mevr\.?|mw\.?|mvr\.?|dhr\.?|hr\.?|heer|juffrouw|juf|mr\.?"
                    r"|tante|oom|opa|oma|zuster|broeder|dokter"
                    # "de dominee, ds. Bakker" in a study that also has "een eigen bakker" (blind set MW)
                    r"|ds\.?|dr\.|drs\.|dominee|pastoor|pater)")
_ADDRESSED = re.compile(rf"(?i)(?:^|(?<=[\s(\"'“‘]))(?<![\w.]){FORMS_OF_ADDRESS}\s+"
                        r"(?:(?:van|de|der|den|ter|ten|te|'t)\s+)*$")


#: A stage direction of the transcript that opens a sentence: "(lacht)", "(stilte)", "[zucht]".
_OPENING_DIRECTION = re.compile(r"(?:^|[.!?:;…]\s*)[(\[][a-zà-ÿ][^()\[\]]{0,30}[)\]]$")


def sentence_start(text: str, pos: int) -> bool:
    """Whether ``pos`` begins a sentence (start of text, or after . ! ? : ; a quote or a dash, or
    after a stage direction at a sentence start: "(lacht) Uiteen.", blind set JV)."""
    before = text[:pos].rstrip(" \t")
    return not before or before.endswith(_SENTENCE_END) or _OPENING_DIRECTION.search(before) is not None


def after_form_of_address(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` directly follows a form of address ("mevrouw Kok", "dhr. de Wit").

    The word itself must be capitalised: "meneer de burgemeester" names a role, not a person.
    """
    return text[pos:pos + 1].isupper() and _ADDRESSED.search(text, max(0, pos - 30), pos) is not None


def tokens_in(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Word tokens of ``text[start:end]`` as ``(start, end, word)`` with absolute offsets."""
    out = []
    for m in TOKEN.finditer(text, start, end):
        s, e = m.span()
        # A trailing full stop belongs to the sentence unless the token is an initial ("P.").
        while e > s + 1 and text[e - 1] in ".-'’" and not INITIALS.match(text[s:e]):
            e -= 1
        out.append((s, e, text[s:e]))
    return out


_ARTICLE_PREFIX = re.compile(r"^(?:['’][st][- ]|['’‘\"“(])*")


def _capitalised(word: str) -> bool:
    """Starts with a capital, after quotes and an old article ("'s-Hertogenbosch", "'t Gooi")."""
    return word[len(_ARTICLE_PREFIX.match(word).group(0)):][:1].isupper()


def is_initials(word: str) -> bool:
    return bool(INITIALS.match(word))


_BOUNDARY = re.compile(r"([^\s.!?]*)[.!?]+\s+")


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a span at sentence ends: deduce merges "De Groot. De Groot" into one span.

    A full stop after an initial ("P. Jansen") or a form of address ("mr. Vermeulen") is no end.
    """
    pieces, begin = [], start
    for m in _BOUNDARY.finditer(text, start, end):
        word = m.group(1)
        if len(word) < 2 or is_initials(word + ".") or lexicon.is_title(word):
            continue
        pieces.append((begin, m.start() + len(word)))
        begin = m.end()
    pieces.append((begin, end))
    return [(s, e) for s, e in pieces if e > s]


#: Words naming a kind of institution end a person's name: "Bos van Gezondheidscentrum Lunetten".
_INSTITUTION_WORD = re.compile(r"(?i)(?:centrum|praktijk|ziekenhuis|school|college|lyceum|kliniek|instelling"
                               r"|stichting|team|teams|afdeling|gemeente|bureau)$")


#: Inflected adjectives of a country or region: "Belgische", "Duitse", "Marokkaanse".
_NATIONALITY = re.compile(r"^[A-ZÀ-Þ]\w+(?:ische|sche|se)$")
#: A form of address right before a span ("meneer de Franse" is a surname after all).
_ADDRESS_BEFORE = re.compile(r"(?i:\b(?:meneer|mevrouw|mevr\.?|mw\.?|dhr\.?|heer|familie))\s+$")


def trim_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim a detected person span to the name itself.

    Drops forms of address ("mevrouw"), sentence-initial ordinary words ("Volgens Hans"),
    lower-case words and dangling particles ("Bakker van" → "Bakker"), and cuts at the first
    lower-case word that is not a surname particle. Returns ``None`` when nothing name-like is left.
    """
    toks = tokens_in(text, start, end)
    # Cut at the first lower-case non-particle word after the start ("Dylan zei"), or at the name
    # of a kind of institution ("Bos van Gezondheidscentrum Lunetten").
    for i, (s, e, w) in enumerate(toks):
        if i and ((not _capitalised(w) and not lexicon.is_particle(w) and not is_initials(w))
                  or _INSTITUTION_WORD.search(w)):
            toks = toks[:i]
            break
    addressed = False
    # "In het Top-X-overleg", "In de Pijp": a sentence's first preposition and article, not the
    # particles of a surname like "In het Veld" (which a form of address would precede)
    if (len(toks) > 2 and toks[0][2] == "In" and toks[1][2].casefold() in ("het", "de", "'t", "’t")
            and sentence_start(text, toks[0][0]) and not after_form_of_address(text, toks[0][0])):
        toks = toks[2:]
    # "woont in het Noorden", "naar het Gooi": inside a sentence, a preposition and a neuter
    # article that start the span are no particles; "in het Veld" as a surname comes after a first
    # name or a form of address, which would start the span or precede it
    elif (len(toks) > 2 and toks[0][2] in ("in", "uit", "naar", "vanuit")
            and toks[1][2] in ("het", "'t", "’t") and not after_form_of_address(text, toks[0][0])):
        toks = toks[2:]
    while toks:
        s, e, w = toks[0]
        nxt = toks[1][2] if len(toks) > 1 else ""
        if lexicon.is_title(w):
            toks = toks[1:]
            addressed = True
        elif not _capitalised(w) and not (lexicon.is_particle(w) and _capitalised(nxt)):
            toks = toks[1:]
        elif (len(toks) > 1 and lexicon.is_plain_word(w) and not lexicon.is_name_word(w)
              and not lexicon.is_particle(w) and not is_initials(w)):  # "A. Bouzian" (blind set LZ)
            toks = toks[1:]
        else:
            break
    while toks and (lexicon.is_particle(toks[-1][2]) or not _capitalised(toks[-1][2])
                    or lexicon.is_title(toks[-1][2])
                    or (len(toks) > 1 and lexicon.is_plain_word(toks[-1][2])
                        and not lexicon.is_name_word(toks[-1][2])
                        # "Dekker-Van Houten", "van Wit": after a particle it is the surname
                        and not lexicon.is_particle(toks[-2][2].rsplit("-", 1)[-1]))):  # "Erik Kooij Training"
        toks = toks[:-1]
    # initials alone are no name ("de R."), except after a form of address: "meneer D., 43" is
    # how a respondent anonymises a client, and the initial still points at one man
    if not toks or (all(is_initials(w) for _, _, w in toks) and not addressed):
        return None
    # "collega bij de Belgische lokale politie" (blind set KX): an article and an adjective of
    # nationality are no particle and surname
    if (len(toks) == 2 and toks[0][2] in ("de", "het") and _NATIONALITY.search(toks[1][2])
            and lexicon.is_dictionary_word(toks[1][2]) and not _ADDRESS_BEFORE.search(text, 0, toks[0][0])):
        return None
    return toks[0][0], toks[-1][1]


def trim_place(text: str, start: int, end: int, in_context: bool = False) -> tuple[int, int] | None:
    """Trim a place or institution span; drop one-word spans that are ordinary words in context.

    "Best" at the start of a sentence is the adverb; "in Best" is the town. With ``in_context``
    (the detector saw a context that makes it a name: "Gezondheidscentrum Lunetten") an ordinary
    word is kept.
    """
    toks = tokens_in(text, start, end)
    while toks and (not _capitalised(toks[0][2]) and not any(c.isdigit() for c in toks[0][2])
                    or (len(toks) > 1 and sentence_start(text, toks[0][0])
                        and lexicon.is_plain_word(toks[0][2]))):
        toks = toks[1:]
    while toks and not _capitalised(toks[-1][2]) and not any(c.isdigit() for c in toks[-1][2]):
        toks = toks[:-1]
    if not toks:
        return None
    if len(toks) == 1 and lexicon.is_plain_word(toks[0][2]) and not in_context:
        before = text[:toks[0][0]].split()
        # "in Best", "in de Baarsjes", "op de Pijp": an ordinary word as a place name.
        after_article = len(before) > 1 and before[-1].casefold() in ("de", "het", "'t", "’t") \
            and before[-2].casefold() in _PLACE_PREPOSITIONS | {"op", "aan"}
        if sentence_start(text, toks[0][0]) or not before or not (
                before[-1].casefold() in _PLACE_PREPOSITIONS or after_article):
            return None
    return toks[0][0], toks[-1][1]


# ------------------------------------------------------------------------------ speaker labels
VOICE_TAG = re.compile(r"<v(?:\.[^\s>]+)*\s+([^>]+)>")


#: Speaker labels in capitals that stand for a role, not for someone's initials ("IV = interviewer",
#: "RESP:").
ROLE_CODES = frozenset("""
    I R P V IV INT INTV INTER INTW RESP RES RSP RS RP GI GEI OZ ONZ OND ONDZ
""".split())


def label_name_spans(label: str, allow_list: AllowList) -> list[tuple[int, int]]:
    """Name parts of a speaker label or VTT voice name.

    ``"Jansen, P. (Actiecentrum)"`` → the span of ``"Jansen, P."``; ``"Interviewer"``, ``"R6"``,
    ``"Spreker 2"`` → none. Capitalised words that are not roles, codes, allow-listed phrases or
    plain ordinary words are taken as a name: in a label a capitalised word is a name by default.
    """
    protected = allow_list.protected_spans(label)

    def is_protected(s: int, e: int) -> bool:
        return any(ps <= s and e <= pe for ps, pe in protected)

    spans: list[tuple[int, int]] = []
    current: list[tuple[int, int, str]] = []

    def close():
        while current and lexicon.is_particle(current[-1][2]):
            current.pop()
        if current:
            spans.append((current[0][0], current[-1][1]))
        current.clear()

    # Parentheses, brackets and separators end a name ("Jansen (Actiecentrum)").
    for m in re.finditer(r"[^()\[\]{}<>|/;:–—]+", label):
        after_word = False  # "Moeder van Dylan": the particle belongs to the sentence, not the name
        for s, e, w in tokens_in(label, m.start(), m.end()):
            # Codes ("R6"), forms of address and short capital abbreviations ("IV", "INT") are no names.
            if (is_protected(s, e) or any(c.isdigit() for c in w) or lexicon.is_title(w)
                    or (w.isupper() and len(w) <= 3 and "." not in w) or w in ROLE_CODES):
                close()
                after_word = True
                continue
            if is_initials(w) and current:
                current.append((s, e, w))
            elif lexicon.is_particle(w) and (current or not after_word):
                current.append((s, e, w))
            # After a given name or a particle, a capitalised word is a surname even when it is also
            # an ordinary word: "Marloes de Kraker", "Anne Bakker".
            elif _capitalised(w) and len(w.rstrip(".")) > 1 and (
                    current or not lexicon.is_plain_word(w) or lexicon.is_name_word(w)):
                current.append((s, e, w))
            elif is_initials(w) and len(w) > 1 and w.endswith("."):
                current.append((s, e, w))
            else:
                close()
                after_word = True
        close()
    return spans


# ------------------------------------------------------------------------------ name parsing
@dataclass(frozen=True)
class PersonName:
    """A parsed person mention (all parts case-folded).

    ``kind`` is ``full`` (given name and surname), ``initials`` (initials and surname),
    ``surname`` (a surname with particle, "De Boer") or ``single`` (one word).
    """

    given: tuple[str, ...]
    initials: str
    surname: str
    core: str
    kind: str

    @property
    def key(self) -> str:
        if self.kind == "full":
            return f"full:{' '.join(self.given)}|{self.surname}"
        if self.kind == "initials":
            return f"init:{self.initials}|{self.surname}"
        if self.kind == "surname":
            return f"sur:{self.surname}"
        return f"one:{self.core}"


def _fold(word: str) -> str:
    return word.strip(".,'’").casefold()


def parse_person(text: str) -> PersonName:
    """Parse a trimmed person mention into given names, initials and surname."""
    text = re.sub(r"(?:'s|’s)$", "", " ".join(text.split()))
    if "," in text:
        left, right = text.split(",", 1)
        surname_words, given_words = left.split(), right.split()
    else:
        words = text.split()
        # "Peter de Jong", and "Peter De Jong" as some write it: the surname starts at the particle.
        cut = next((i for i, w in enumerate(words) if i and lexicon.is_particle(w)
                    and (w[:1].islower() or i < len(words) - 1)), None)
        if cut is None and len(words) > 1 and lexicon.is_particle(words[0]):
            cut = 0
        if cut is None:
            cut = len(words) - 1
        given_words, surname_words = words[:cut], words[cut:]
    initials = "".join(c for w in given_words if is_initials(w) for c in w if c.isalpha()).casefold()
    given = tuple(_fold(w) for w in given_words if not is_initials(w))
    surname = " ".join(_fold(w) for w in surname_words)
    core = _fold(surname_words[-1]) if surname_words else ""
    if given and surname:
        kind = "full"
    elif initials and surname:
        kind = "initials"
    elif len(surname_words) > 1:
        kind = "surname"
    else:
        kind = "single"
        core = core or (given[0] if given else "")
    return PersonName(given, initials, surname, core, kind)


@dataclass
class PersonRegistry:
    """Links person mentions to persons (entity keys) across a study.

    Add every full-name mention first (:meth:`add`), then :meth:`resolve` the partial ones.
    """

    names: dict[str, PersonName] = field(default_factory=dict)
    by_part: dict[str, set[str]] = field(default_factory=dict)
    in_doc: dict[str, set[str]] = field(default_factory=dict)

    def _index(self, key: str, name: PersonName, doc_id: str) -> None:
        self.names.setdefault(key, name)
        parts = set(name.given) | {name.surname, name.core}
        for part in parts - {""}:
            self.by_part.setdefault(part, set()).add(key)
        self.in_doc.setdefault(doc_id, set()).add(key)

    def add(self, name: PersonName, doc_id: str) -> str:
        """Register a full-name mention; return its entity key."""
        self._index(name.key, name, doc_id)
        return name.key

    def _candidates(self, name: PersonName) -> set[str]:
        if name.kind == "initials":
            found = self.by_part.get(name.surname, set()) | self.by_part.get(name.core, set())
            return {k for k in found if self.names[k].kind == "full"
                    and self.names[k].given and self.names[k].given[0][:1] == name.initials[:1]}
        if name.kind == "surname":
            found = self.by_part.get(name.surname, set())
        else:
            found = self.by_part.get(name.core, set())
        return {k for k in found if self.names[k].kind == "full"}

    def resolve(self, name: PersonName, doc_id: str) -> str:
        """Entity key of a mention: a full name's own key, or the person it unambiguously refers to."""
        if name.kind == "full":
            return self.add(name, doc_id)
        candidates = self._candidates(name)
        if len(candidates) != 1:
            candidates &= self.in_doc.get(doc_id, set())
        if len(candidates) != 1 and name.kind == "single":
            # "mevrouw Bakker" earlier, "Bakker" now: a partial person seen before.
            partial = {k for k in self.by_part.get(name.core, set()) if self.names[k].kind != "full"}
            candidates = partial if len(partial) == 1 else candidates
        if len(candidates) == 1:
            key = next(iter(candidates))
            self.in_doc.setdefault(doc_id, set()).add(key)
            return key
        self._index(name.key, name, doc_id)
        return name.key

    def name_parts(self) -> dict[str, set[str]]:
        """Part (case-folded word or surname) → entity keys, for finding bare mentions."""
        return {part: set(keys) for part, keys in self.by_part.items()}
