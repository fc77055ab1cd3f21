"""The Pseudonymiser: consistent pseudonyms for every identifier across a study.

Fit on all documents of a study (so that "Dylan" in one interview and "Dylan van Dam" in another
get the same pseudonym and numbering is stable), then transform them. The key that maps pseudonyms
back is written to the private folder, never to the output folder.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Sequence

import pandas as pd

from ..errors import ConfigError
from ..model import Document, Turn
from . import lexicon
from .allow_list import AllowList, load_allow_list
from .engine import DeduceEngine, Detection
from .names import (ROLE_CODES, VOICE_TAG, PersonName, PersonRegistry, after_form_of_address, label_name_spans,
                    parse_person, sentence_start, split_sentences, trim_person, trim_place)
from ..columns import PSEUDONYM_KEY as KEY_COLUMNS
from ..columns import REVIEW as REVIEW_COLUMNS
from .organisations import (CONTEXT_SOURCES, NAMES_OVER_ALLOW_LIST, ORGANISATION_TAILS, is_compass_district,
                            is_generic_organisation_word,
                            looks_like_region)
from .patterns import NAME_FOLLOWS, NOT_INITIALS, detect_patterns, place_context

logger = logging.getLogger(__name__)

#: Pseudonym types, in the order the key lists them.
TYPES = ("PERSOON", "LOCATIE", "ADRES", "POSTCODE", "INSTELLING", "DATUM", "LEEFTIJD", "TELEFOON",
         "EMAIL", "URL", "BSN", "DOSSIER", "ID")
#: Types whose spans give way to the allow-list and are trimmed to the name itself.
_NAMED = {"PERSOON", "LOCATIE", "INSTELLING"}
_PSEUDONYM = re.compile(r"\[(?:%s)-\d+\]" % "|".join(TYPES))
_CONTEXT = 40
#: Types whose every mention is replaced once one is detected (persons have their own linking).
_PROPAGATED = ("LOCATIE", "INSTELLING")
_DIMINUTIVE = re.compile(r"(?:tje|pje|kje)$")
_ONE_INITIAL = re.compile(r"[A-Z]\.")
_ONE_INITIAL_MENTION = re.compile(r"(?<![\w.\[-])([A-Z]\.)(?=[\s,;:)!?]|$)")
#: An initial right before a word: "N. Bouzidi" (an e-mail address writes "n.bouzidi@...").
_AFTER_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.\s*$")
#: A word in lower case; after a quote that opens a quotation too ("hij zegt 'ewa Yassine'", blind
#: set KY), not after the apostrophe inside "z'n".
_LOWER_WORD = re.compile(r"(?:(?<![\w'’-])|(?<=\s['‘])|(?<=^['‘]))[a-zà-öø-ÿ][\w'’-]*")
#: A lower-case word after an article or a possessive: a noun of the study's language.
#: The determiner may open a sentence: "Het bewind loopt" (blind set KG).
_DETERMINED_WORD = re.compile(r"(?<![\w'’-])(?i:de|het|een|deze|die|dat|mijn|zijn|haar|onze|ons|hun|jullie)\s+"
                              r"([a-zà-öø-ÿ][a-zà-öø-ÿ]+)(?![\w'’-])")
_CAPITALS_LABEL = re.compile(r"[A-ZÀ-Þ]{2,12}")
#: Role words in a header that lists the speakers: "LB (interviewer)", "SB = respondent".
_ROLE_WORDS = (r"(?:interviewer|interviewster|onderzoeker|onderzoekster|respondent|respondente"
               r"|ge[iï]nterviewde|deelnemer|gespreksleider|notulist)")


def _initials_of(name: PersonName) -> set[str]:
    """"ak" for Angela Koster, "avdm" and "am" for Anne van der Meer."""
    if not name.given or not name.surname:
        return set()
    first = name.given[0][:1]
    return {first + "".join(w[:1] for w in name.surname.split()), first + name.core[:1]}

_HOUSE_NUMBER = re.compile(r"[A-Za-z]\s+\d{1,4}\s?[a-zA-Z]?$")
_BARE_ARTICLE = re.compile(r"(?i)(?:de|het|den|['’]t|der)")
#: Detectors that may take an ordinary word for a name because of its context.
_LEXICAL_SOURCES = {"pattern:place_word", "pattern:name_context"}
#: ... and a school's name: "basisschool De Regenboog" is a school, not the allow-listed De Regenboog Groep.
_NAMES_OVER_ALLOW_LIST = NAMES_OVER_ALLOW_LIST | {"pattern:named_school"}
#: Detectors whose context proves a name ("basisschool De Regenboog", "Gezondheidscentrum Lunetten").
_CONTEXT_SOURCES = {"pattern:named_school", "pattern:named_before_school", "pattern:school_name",
                    "pattern:place_word", "pattern:place_phrase", "pattern:street_list",
                    "pattern:listed_place", "pattern:places_to_pseudonymise"} | CONTEXT_SOURCES


@dataclass
class _Span:
    start: int
    end: int
    type: str
    entity: str = ""
    weak: bool = False
    #: An ordinary word taken for a name by its context ("in de Baarsjes", "oma Riet"): dropped
    #: when the study also writes it in lower case.
    lexical: bool = False
    #: A nickname stated as such ("noemt hem Kleine J", "noemt hem gewoon "Den""): its last word is
    #: searched in the rest of the interview, even when it is a letter or a particle.
    nickname: bool = False


@dataclass
class _Unit:
    """A piece of text that is pseudonymised on its own: a header line, a label or a turn text."""

    doc_id: str
    doc_pos: int
    turn_index: int  # 1-based; 0 for header lines
    part: int  # 0 header/label, 1 text
    line: int
    text: str
    spans: list[_Span] = field(default_factory=list)

    @property
    def position(self) -> tuple[int, int, int, int]:
        return (self.doc_pos, self.turn_index, self.part, self.line)

    @property
    def is_label(self) -> bool:
        return self.part == 0 and self.turn_index > 0


def _norm(kind: str, text: str) -> str:
    text = " ".join(text.split()).casefold()
    if kind == "TELEFOON":
        digits = re.sub(r"\D", "", text)
        return re.sub(r"^(?:0031|31)", "0", digits) if not text.startswith("0") else digits
    if kind == "DATUM":
        text = re.sub(r"\b(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|de)\b", " ", text)
        for short, full in (("jan", "januari"), ("febr", "februari"), ("feb", "februari"),
                            ("mrt", "maart"), ("apr", "april"), ("jun", "juni"), ("jul", "juli"),
                            ("aug", "augustus"), ("sept", "september"), ("sep", "september"),
                            ("okt", "oktober"), ("nov", "november"), ("dec", "december")):
            text = re.sub(rf"\b{short}\b\.?", full, text)
        text = re.sub(r"(\d)(?:e|ste|de|ë)\b", r"\1", text)
        return " ".join(text.split())
    if kind in ("BSN", "DOSSIER", "ID"):
        return re.sub(r"[\s.]", "", text)
    return text


#: The running number at the end of a code ("ZVH-EM-2023-0561"), a digit group said alone, a year.
_NUMBER_TAIL = re.compile(r"\w[-/.](\d{3,})$")
_BARE_NUMBER = re.compile(r"(?<![\w./-])\d{3,}(?![\w/-]|[.,]\d)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_DANGLING = re.compile(r"(?:^|[\s-])(?:van|de|der|den|ter|ten|te|la|le|el)$", re.IGNORECASE)
_NEXT_NAME = re.compile(r"(?:\s+(?:der|den|de))?\s*[A-Z][\w'’-]*")


def _extend_double_names(text: str, det: Detection) -> Detection:
    """deduce stops "Dekker-Van Houten" after "Van" (Houten is a town); take the surname whole."""
    if det.type != "PERSOON" or not _DANGLING.search(text[det.start:det.end]):
        return det
    m = _NEXT_NAME.match(text, det.end)
    return replace(det, end=m.end()) if m and m.end() > det.end else det


def _lowercase_name(word: str) -> bool:
    """A name written in lower case that no word list of Dutch or English knows: "met een punt
    tussen de a en brandsma" (a respondent spelling her e-mail address, blind set KL)."""
    return (" " not in word and len(word) >= 4 and word.isalpha() and word.islower()
            and not lexicon.is_known_form(word) and not lexicon.is_dictionary_word(word)
            and not lexicon.is_english_word(word))


def _initial_before_sentence(text: str, found: list[Detection]) -> list[Detection]:
    """Cut deduce's "T. Jongen" back to "T." where a pattern found the initial as a name by its
    context ("Ik noem hem even T. Jongen van negentien, ..."): the next sentence opens with an
    ordinary word, which is no surname. As one name, "T. Jongen", the bare "T." later in the
    interview would not be linked to it (blind set IR)."""
    initials = {d.start for d in found if d.source == "pattern:initials"
                and _ONE_INITIAL.fullmatch(text[d.start:d.end])}
    if not initials:
        return found
    out = []
    for det in found:
        if det.type == "PERSOON" and det.start in initials and det.end > det.start + 2:
            rest = text[det.start + 2:det.end].strip()
            if rest and " " not in rest and lexicon.is_plain_word(rest) and not lexicon.is_name_word(rest):
                det = replace(det, end=det.start + 2)
        out.append(det)
    return out


_WORD_BEFORE = re.compile(r"(?<![\w'’.\[-])([A-ZÀ-Þ][a-zà-ÿ]{2,})[ \t]+$")
_SURNAME_SOURCES = frozenset({"deduce:persoon", "pattern:name_lists"})


def _first_name_before_surname(text: str, found: list[Detection], allow_list: AllowList) -> list[Detection]:
    """Take a listed first name that is also a word into the surname right after it.

    deduce and the name lists skip a first name that is also a word: "(Wiel Janssen, regisseur)"
    gave "Janssen" only, and "Wiel" stayed in the header and in "Ik ben Wiel" (blind set JN).
    Right before a surname such a word is the first name; function words, titles, places,
    compass districts and allow-listed words are left.
    """
    out = []
    for det in found:
        word = text[det.start:det.end]
        if det.type == "PERSOON" and det.source in _SURNAME_SOURCES and " " not in word:
            m = _WORD_BEFORE.search(text, max(0, det.start - 40), det.start)
            if m:
                first = m.group(1)
                if (lexicon.is_first_name(first) and not lexicon.is_stop_word(first)
                        and not lexicon.is_title(first) and not lexicon.is_place_name(first)
                        and not is_compass_district(first) and not allow_list.contains(first)
                        and not allow_list.contains(f"{first} {word}")):
                    det = replace(det, start=m.start(1))
        out.append(det)
    return out


def _subtract(start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(start, end)]
    for ts, te in taken:
        nxt = []
        for s, e in pieces:
            if te <= s or ts >= e:
                nxt.append((s, e))
                continue
            if s < ts:
                nxt.append((s, ts))
            if te < e:
                nxt.append((te, e))
        pieces = nxt
    return pieces


def _listed_place(det: Detection, text: str, start: int, end: int) -> bool:
    """A place of deduce's that its place list has and the Dutch word list also knows ("Zwolle").

    Inside a sentence such a word is a place unless the study also writes it in lower case (then
    it is the ordinary word, like "in de Baarsjes"); at a sentence start ("Leg het vast") only when
    it is a place elsewhere in the study (:meth:`Pseudonymiser._propagate_places`).
    """
    word = text[start:end].strip()
    return (det.type == "LOCATIE" and det.source.startswith("deduce") and " " not in word
            and word[:1].isupper() and not sentence_start(text, start) and lexicon.is_place_name(word))


def _addressable(word: str, allow_list: AllowList) -> bool:
    """A word that can be a name after a form of address: not a role, title, particle, month or day.

    Stop words can ("zuster Wil", "meneer Dan"): a capitalised word there is used as a name.
    """
    from .patterns import _NOT_NAMES

    last = word.split()[-1]
    return not (word.casefold() in allow_list.role_words or last.casefold() in allow_list.role_words
                or lexicon.is_title(last) or lexicon.is_particle(last) or _NOT_NAMES.match(last))


class Pseudonymiser:
    """Replace identifiers in transcripts by consistent pseudonyms such as ``[PERSOON-3]``.

    scikit-learn style: nothing happens in ``__init__``; :meth:`fit` detects identifiers in all
    documents and numbers them; :meth:`transform` returns new documents with turn texts, speaker
    labels and header lines pseudonymised.

    Parameters
    ----------
    config : StudyConfig, optional
        Supplies ``allow_list``, ``private_dir`` and ``out``.
    allow_list : AllowList or path, optional
        Overrides ``config.allow_list``; default ``codebook/allow_list.yaml``.
    engine : DeduceEngine, optional
        The name detector; default the process-wide deduce instance.

    Attributes
    ----------
    entities_ : dict
        Entity key → pseudonym, after :meth:`fit`.
    problems_ : list of str
        Texts deduce failed on (pattern detectors still ran on them).
    """

    def __init__(self, config=None, *, allow_list=None, engine=None):
        self.config = config
        self.allow_list = allow_list
        self.engine = engine

    # ------------------------------------------------------------------ set-up
    def _check_folders(self, private_dir: Path | None = None) -> None:
        if self.config is None:
            return
        private = Path(private_dir if private_dir is not None else self.config.private_dir).resolve()
        out = Path(self.config.out).resolve()
        if private == out or out in private.parents:
            raise ConfigError(
                f"the private folder {private} is inside the output folder {out}: the pseudonym key "
                "would be published with the outputs; choose a private_dir outside --out")

    def _load_allow_list(self) -> AllowList:
        if isinstance(self.allow_list, AllowList):
            return self.allow_list
        if self.allow_list is not None:
            return load_allow_list(self.allow_list)
        if self.config is not None:
            return load_allow_list(self.config.allow_list)
        return load_allow_list()

    # ------------------------------------------------------------------ fit
    def fit(self, documents: list[Document]) -> "Pseudonymiser":
        """Detect identifiers in all ``documents`` and give each a pseudonym.

        Parameters
        ----------
        documents : list of Document

        Returns
        -------
        self
        """
        self._check_folders()
        self.allow_list_ = self._load_allow_list()
        self.engine_ = self.engine if self.engine is not None else DeduceEngine()
        self.problems_: list[str] = []
        self._memo: dict[str, list[_Span]] = {}
        self._vocabulary: set[str] = set()
        self.registry_ = PersonRegistry()
        self.entities_: dict[str, str] = {}
        self._counters = {t: 0 for t in TYPES}
        self._units: dict[tuple, _Unit] = {}
        self._originals: dict[tuple[str, str], set[str]] = {}
        self._place_forms: dict[str, tuple[str, str, str]] = {}  # folded form → (form, entity, type)
        self._analyse(documents)
        return self

    def _units_of(self, documents: list[Document], start_pos: int = 0) -> list[_Unit]:
        units = []
        for pos, doc in enumerate(sorted(documents, key=lambda d: d.doc_id), start=start_pos):
            for i, line in enumerate(doc.header):
                units.append(_Unit(doc.doc_id, pos, 0, 0, i, line))
            for t, turn in enumerate(doc.turns, start=1):
                units.append(_Unit(doc.doc_id, pos, t, 0, 0, turn.speaker))
                units.append(_Unit(doc.doc_id, pos, t, 1, 0, turn.text))
        return units

    def _detect(self, unit: _Unit) -> list[_Span]:
        text = unit.text
        if not text or not text.strip():
            return []
        allow = self.allow_list_
        if unit.is_label:
            voices = list(VOICE_TAG.finditer(text))
            parts = [(m.start(1), m.group(1)) for m in voices] if voices else [(0, text)]
            return [_Span(s + offset, e + offset, "PERSOON")
                    for offset, part in parts for s, e in label_name_spans(part, allow)]
        memo = self._memo
        if text in memo:  # short turns ("Ja.", "Oké, dank je.") recur in every interview
            return [replace(span) for span in memo[text]]
        found: list[Detection] = []
        try:
            found.extend(_extend_double_names(text, d) for d in self.engine_.detect(text))
        except Exception as exc:  # never fail a run on odd text; patterns below still apply
            self.problems_.append(f"{unit.doc_id} turn {unit.turn_index}: deduce failed ({type(exc).__name__})")
        found.extend(detect_patterns(text, allow))
        found = _initial_before_sentence(text, found)
        found = _first_name_before_surname(text, found, allow)
        for m in VOICE_TAG.finditer(text):
            for s, e in label_name_spans(m.group(1), allow):
                found.append(Detection(m.start(1) + s, m.start(1) + e, "PERSOON", "voice", 100))
        if not allow.pseudonymise_ages:
            found = [d for d in found if d.type != "LEEFTIJD"]
        spans = self._resolve_overlaps(text, found, allow.protected_spans(text))
        if len(text) <= 200:
            memo[text] = [replace(span) for span in spans]
        return spans

    def _resolve_overlaps(self, text: str, found: list[Detection],
                          protected: list[tuple[int, int]]) -> list[_Span]:
        """Highest priority first; lower ones keep only their parts outside taken ranges."""
        order = sorted(found, key=lambda d: (-(d.priority or (20 if d.type not in _NAMED else 10)),
                                             -(d.end - d.start), d.start, d.type))
        taken: list[tuple[int, int]] = []
        spans: list[_Span] = []
        for det in order:
            if det.type in _NAMED:
                shield = protected
                if det.source in _NAMES_OVER_ALLOW_LIST or (
                        det.type == "LOCATIE" and " " in text[det.start:det.end]
                        and lexicon.is_place_name(text[det.start:det.end])):
                    # "Fighting Spirit": an allow-listed word inside a club's name does not protect
                    # it; nor does "Zoom" (the video calls) inside the town "Bergen op Zoom".
                    shield = [(ps, pe) for ps, pe in protected if not (det.start < ps and pe <= det.end)]
                pieces = _subtract(det.start, det.end, taken + shield)
                if pieces != [(det.start, det.end)]:
                    # What is left after an allow-listed phrase was cut out: a generic word or a bare
                    # article ("Het" of "Het Leger des Heils") stays.
                    pieces = [(s, e) for s, e in pieces if not is_generic_organisation_word(text[s:e])
                              and not _BARE_ARTICLE.fullmatch(text[s:e].strip())]
            else:
                pieces = _subtract(det.start, det.end, taken)
                if pieces != [(det.start, det.end)]:
                    continue
            if det.type in _NAMED:
                pieces = [piece for s, e in pieces for piece in split_sentences(text, s, e)]
                # what another detection left of this one may be punctuation only: the full stop
                # of "D." when "D" was taken as a name ("mevrouw D."), which is no identifier
                pieces = [(s, e) for s, e in pieces if any(c.isalnum() for c in text[s:e])]
            for s, e in pieces:
                if det.source in ("pattern:initials", "pattern:nickname"):
                    trimmed = (s, e)  # initials alone, "Kleine J": trim_person would drop them
                elif det.type == "PERSOON":
                    trimmed = trim_person(text, s, e)
                elif det.type in _NAMED:
                    trimmed = trim_place(text, s, e, in_context=det.source in _CONTEXT_SOURCES
                                         or _listed_place(det, text, s, e))
                else:
                    trimmed = (s, e)
                if trimmed is None:
                    continue
                s, e = trimmed
                kind = det.type
                if kind == "LOCATIE" and _HOUSE_NUMBER.search(text[s:e]):
                    kind = "ADRES"  # deduce tags "street + number" as a place
                if self.allow_list_.contains(text[s:e]):
                    continue
                weak = lexical = False
                word = text[s:e]
                if det.type == "PERSOON" and after_form_of_address(text, s) and _addressable(word, self.allow_list_):
                    pass  # "mevrouw Kok", "oma Roos": the form of address makes even an ordinary word a name
                elif det.source == "pattern:name_stated":
                    pass  # "Toon is achtenzestig", "een echtpaar, Toon en Riet": the sentence says who
                elif ((det.source in _LEXICAL_SOURCES or _listed_place(det, text, s, e))
                      and " " not in word and lexicon.is_dictionary_word(word)
                      and not (_listed_place(det, text, s, e) and place_context(text, s))):
                    # a listed place right after "in/uit/gemeente/werkgebied" stays a place even
                    # when the study uses the word too ("in Leiden" and "leiden", "gemeente Buren")
                    lexical = True
                elif det.type == "PERSOON" and det.source not in ("voice", "pattern:initials", "pattern:nickname") \
                        and " " not in word:
                    if lexicon.is_plain_word(word):
                        continue
                    # "Roos zei" is a name only if Roos is known as a person elsewhere; an unknown
                    # word at a sentence start only if the study never writes it in lower case.
                    # So is a word the study also writes in lower case ("Ewa, ja." and "hij zegt
                    # 'ewa Yassine'", street Dutch for "hey"; blind set KY).
                    weak = sentence_start(text, s) and (lexicon.is_dictionary_word(word)
                                                        or det.source == "pattern:unknown_capitalised"
                                                        or (word.casefold() in self._vocabulary
                                                            and not _AFTER_INITIAL.search(text, 0, s)))
                if det.type == "LOCATIE" and self.allow_list_.keep_places and \
                        text[s:e].casefold() in {p.casefold() for p in self.allow_list_.keep_places}:
                    continue
                spans.append(_Span(s, e, kind, weak=weak, lexical=lexical,
                                   nickname=det.source == "pattern:nickname"))
                taken.append((s, e))
        return sorted(spans, key=lambda sp: sp.start)

    def _ordinary(self, word: str) -> bool:
        """Whether a dictionary word at a sentence start is more likely the word than a name.

        Frequency in the study itself decides: "Wil je ..." is a verb because "wil" occurs in
        lower case elsewhere; "Ilias" or "Roos" never written in lower case are names.
        """
        folded = word.casefold()
        return folded in self._vocabulary or lexicon.is_plain_word(word)

    def _analyse(self, documents: list[Document], start_pos: int = 0) -> None:
        units = self._units_of(documents, start_pos)
        for unit in units:
            if unit.part == 1 or not unit.turn_index:
                self._vocabulary.update(w for w in _LOWER_WORD.findall(unit.text))
        for unit in units:
            unit.spans = [span for span in self._detect(unit) if not (
                span.lexical and unit.text[span.start:span.end].casefold() in self._vocabulary)]
            for span in unit.spans:
                if span.weak and not self._ordinary(unit.text[span.start:span.end]):
                    span.weak = False
        registry = self.registry_
        # 1. Full names define persons; 2. partial mentions link to them.
        parsed: dict[tuple[int, int], PersonName] = {}
        for u, unit in enumerate(units):
            for k, span in enumerate(unit.spans):
                if span.type == "PERSOON":
                    parsed[(u, k)] = name = parse_person(unit.text[span.start:span.end])
                    if name.kind == "full":
                        span.entity = registry.add(name, unit.doc_id)
        for u, unit in enumerate(units):
            for k, span in enumerate(unit.spans):
                if span.type == "PERSOON" and not span.entity and not span.weak:
                    span.entity = registry.resolve(parsed[(u, k)], unit.doc_id)
        # Weak mentions ("Roos" at a sentence start) count only for known names.
        known = registry.name_parts()
        for u, unit in enumerate(units):
            keep = []
            for k, span in enumerate(unit.spans):
                if span.weak and not span.entity:
                    if parsed[(u, k)].core not in known:
                        continue
                    span.entity = registry.resolve(parsed[(u, k)], unit.doc_id)
                keep.append(span)
            unit.spans = keep
        # 3. Bare mentions of known name parts that deduce missed ("Jansen" after the label).
        self._propagate(units)
        self._propagate_word_names(units)
        self._propagate_nicknames(units)
        self._propagate_single_initials(units)
        self._link_labels(units)
        # 4. Everything else is keyed by its normalised text.
        for unit in units:
            for span in unit.spans:
                if not span.entity:
                    span.entity = f"{span.type}:{_norm(span.type, unit.text[span.start:span.end])}"
        self._propagate_number_tails(units)
        # 5. A place or institution found in one context is replaced wherever the leak check would find it.
        self._propagate_places(units)
        self._number(units)
        for unit in units:
            self._units[(unit.doc_id, unit.turn_index, unit.part, unit.line, unit.text)] = unit
            for span in unit.spans:
                original = " ".join(unit.text[span.start:span.end].split())
                self._originals.setdefault((original, self.entities_[span.entity]), set()).add(unit.doc_id)

    def _link_labels(self, units: list[_Unit]) -> None:
        """A speaker label in capitals that is the given name ("HAR" for Har Lemmens) or the
        initials ("AK" for Angela Koster) of a person named in the same document is that person,
        in the labels and in the header lines that list the speakers ("aanwezig: AK (respondent)").

        Label detection alone keeps short capitals, since "INT", "IV" and "R6" are codes; only a
        person of the same document turns one into a name, or a header that lists the label with
        a role (initials of someone never named).
        """
        registry = self.registry_
        headers: dict[str, str] = {}
        labels: dict[str, set[str]] = {}
        for unit in units:
            if not unit.is_label and not unit.turn_index and unit.text:
                headers[unit.doc_id] = headers.get(unit.doc_id, "") + "\n" + unit.text
            if unit.is_label and unit.text.strip():
                labels.setdefault(unit.doc_id, set()).add(unit.text.strip())

        def initials_label(label: str) -> bool:
            return (re.fullmatch(r"[A-Z]{2,3}", label) is not None and label not in ROLE_CODES
                    and label not in NOT_INITIALS)

        def entity_of(doc_id: str, label: str) -> str | None:
            folded = label.casefold()
            people = {k for k in registry.in_doc.get(doc_id, ())
                      if registry.names[k].kind == "full" and (
                          folded in registry.names[k].given or folded in _initials_of(registry.names[k]))}
            if len(people) == 1:
                return next(iter(people))
            # Initials of someone the transcript never names: two or three capitals that the header
            # lists with a role ("Aanwezig: LB (interviewer), JWK (respondent)", "SB = respondent");
            # role codes ("IV", "R") and abbreviations are left.
            if people or not initials_label(label):
                return None
            declared = re.compile(rf"(?<![\w-]){label}\s*(?:\(\s*|=\s*|:\s*|-\s+){_ROLE_WORDS}\b",
                                  re.IGNORECASE)
            if declared.search(headers.get(doc_id, "")):
                return registry.resolve(parse_person(label), doc_id)
            # Every speaker of the interview labelled by two or three capitals that are no code
            # ("SW:" and "YK:", blind set LF): they are the speakers' initials.
            speakers = labels.get(doc_id, set())
            if len(speakers) >= 2 and all(initials_label(s) for s in speakers):
                return registry.resolve(parse_person(label), doc_id)
            return None

        linked: dict[tuple[str, str], str | None] = {}
        for unit in units:
            label = unit.text.strip()
            if not unit.is_label or unit.spans or not _CAPITALS_LABEL.fullmatch(label):
                continue
            key = (unit.doc_id, label)
            if key not in linked:
                linked[key] = entity_of(unit.doc_id, label)
            if linked[key] is not None:
                unit.spans = [_Span(0, len(unit.text), "PERSOON", linked[key])]
        linked = {key: entity for key, entity in linked.items() if entity is not None}
        # A header names a person of the document by initials: "Deelnemers: Sanne Wiersma
        # (interviewer) ... gecorrigeerd door SW" (blind set LF).
        for doc_id in headers:
            # sorted: with setdefault below, the first key wins, and a set's order changes with
            # the hash seed from one process to the next
            for key in sorted(registry.in_doc.get(doc_id, ())):
                name = registry.names[key]
                if name.kind != "full":
                    continue
                for initials in _initials_of(name):
                    if 2 <= len(initials) <= 3 and initials_label(initials.upper()):
                        linked.setdefault((doc_id, initials.upper()), key)
        for (doc_id, label), entity in linked.items():
            pattern = re.compile(rf"(?<![\w-]){re.escape(label)}(?![\w-])")
            for unit in units:
                if unit.doc_id != doc_id or unit.turn_index or unit.is_label:
                    continue
                taken = [(sp.start, sp.end) for sp in unit.spans]
                added = [_Span(m.start(), m.end(), "PERSOON", entity) for m in pattern.finditer(unit.text)
                         if not any(ts < m.end() and m.start() < te for ts, te in taken)]
                if added:
                    unit.spans = sorted(unit.spans + added, key=lambda sp: sp.start)

    def _propagate(self, units: list[_Unit]) -> None:
        allow = self.allow_list_
        parts: set[str] = set()
        for name in self.registry_.names.values():
            parts.update(name.given)
            parts.add(name.surname)
            # "Dam" of "van Dam" is an ordinary word ("op de Dam"); search "van Dam" only.
            if name.surname == name.core or not lexicon.is_dictionary_word(name.core):
                parts.add(name.core)
        words = sorted((p for p in parts if len(p) >= 2 and not lexicon.is_plain_word(p.split()[-1])
                        and not lexicon.is_particle(p) and not allow.contains(p)),
                       key=lambda p: (-len(p), p))
        self._propagate_families(units)
        if not words:
            return
        pattern = re.compile(
            r"(?<![\w\[-])(?:%s)(?:'s|’s)?(?![\w-])" % "|".join(r"\s+".join(map(re.escape, w.split())) for w in words),
            re.IGNORECASE)
        for unit in units:
            if unit.is_label or not unit.text:
                continue
            taken = [(s.start, s.end) for s in unit.spans] + allow.protected_spans(unit.text)
            added = []
            for m in pattern.finditer(unit.text):
                s, e = m.span()
                word = re.sub(r"(?:'s|’s)$", "", m.group(0))
                e = s + len(word)
                last = word.split()[-1]
                if any(ts < e and s < te for ts, te in taken):
                    continue
                if not last[:1].isupper() and not _lowercase_name(word):
                    continue
                if sentence_start(unit.text, s) and lexicon.is_dictionary_word(last) and self._ordinary(last):
                    continue
                name = parse_person(word)
                added.append(_Span(s, e, "PERSOON", self.registry_.resolve(name, unit.doc_id)))
            if added:
                unit.spans = sorted(unit.spans + added, key=lambda sp: sp.start)

    def _propagate_families(self, units: list[_Unit]) -> None:
        """A family by its surname in the plural: "mevrouw Zeeman", then "de Zeemannen" (blind set
        JG), "de Jansens". Only capitalised, after "de", so "de zeemannen" (sailors) stays."""
        allow = self.allow_list_
        # parts are case-folded; a single word counts when it is no first name ("mevrouw Zeeman")
        surnames = sorted({w for n in self.registry_.names.values()
                           for w in (n.surname, n.core if n.kind == "single" and not lexicon.is_first_name(n.core) else "")
                           if w and len(w) >= 3 and " " not in w and not allow.contains(w)}, key=lambda w: (-len(w), w))
        if not surnames:
            return
        # "de Kamphuizen" for the Kamphuis family (blind set KU): a final s voiced to z, as in "huizen"
        voiced = {w[:-1] + "zen": w for w in surnames if re.search(r"(?:ui|ie|ee|oo|aa|eu|ou|au|ei|ij)s$", w)}
        pattern = re.compile(r"(?<![\w\[-])(?<=\bde\s)(?:(%s)(?:s|en|nen|['’]s)|(%s))(?![\w-])"
                             % ("|".join(map(re.escape, surnames)),
                                "|".join(map(re.escape, sorted(voiced, key=lambda w: (-len(w), w)))) or "(?!)"),
                             re.IGNORECASE)
        for unit in units:
            if unit.is_label or not unit.text:
                continue
            taken = [(sp.start, sp.end) for sp in unit.spans] + allow.protected_spans(unit.text)
            added = []
            for m in pattern.finditer(unit.text):
                s, e = m.span()
                stem = m.group(1) or m.group(2)
                if not stem[:1].isupper() or any(ts < e and s < te for ts, te in taken):
                    continue
                if m.group(2):
                    stem = stem[:1] + voiced[stem.casefold()][1:]  # "Kamphuizen" is the Kamphuis family
                name = parse_person(stem)
                added.append(_Span(s, e, "PERSOON", self.registry_.resolve(name, unit.doc_id)))
            if added:
                unit.spans = sorted(unit.spans + added, key=lambda sp: sp.start)

    def _propagate_nicknames(self, units: list[_Unit]) -> None:
        """Other mentions, in the same document, of a stated nickname's last word: "J" after "Iedereen
        noemt hem Kleine J", "Den" after 'noemt hem gewoon "Den"' (blind sets KH, KF).

        Only capitalised and not before another capitalised word, which would make it a particle or
        an initial of someone else ("Den Haag", "J. Pieters").
        """
        by_doc: dict[str, dict[str, str]] = {}
        for unit in units:
            for span in unit.spans:
                if span.nickname and span.entity:
                    word = unit.text[span.start:span.end].split()[-1]
                    by_doc.setdefault(unit.doc_id, {}).setdefault(word, span.entity)
        for unit in units:
            words = by_doc.get(unit.doc_id)
            if unit.is_label or not unit.text or not words:
                continue
            pattern = re.compile(r"(?<![\w.&/'’\[-])(?:%s)(?![\w&/'’.-])(?!\s+[A-ZÀ-Þ])"
                                 % "|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))
            taken = [(sp.start, sp.end) for sp in unit.spans] + self.allow_list_.protected_spans(unit.text)
            added = [_Span(m.start(), m.end(), "PERSOON", words[m.group(0)]) for m in pattern.finditer(unit.text)
                     if not any(ts < m.end() and m.start() < te for ts, te in taken)]
            if added:
                unit.spans = sorted(unit.spans + added, key=lambda sp: sp.start)

    def _propagate_word_names(self, units: list[_Unit]) -> None:
        """Other mentions, in the same document, of a name that is also an ordinary word.

        :meth:`_propagate` leaves such names out ("Toon", "Roos", "Bakker" would hit "toon",
        "roos", "bakker" across the study). Inside the document where the name was found
        ("Ik noem hem Toon", "Wiel Janssen"), the capitalised word inside a sentence ("de zaak van Toon") is that
        person; at a sentence start it is, unless the study also writes the word in lower case.
        """
        registry, allow = self.registry_, self.allow_list_
        by_doc: dict[str, dict[str, str]] = {}
        for doc_id, keys in registry.in_doc.items():
            # sorted: "Wlz-indicatie" and "Wlz-aanvraag" both clip to "Wlz", and the first key
            # wins; in a set's order that changed with the hash seed (style set ED)
            for key in sorted(keys):
                name = registry.names[key]
                word = name.core if name.kind == "single" else ""
                if (len(word) >= 3 and " " not in word and lexicon.is_plain_word(word)
                        and not lexicon.is_particle(word) and not allow.contains(word)):
                    by_doc.setdefault(doc_id, {})[word] = key
                # "Wiel Janssen" in the speaker key, then "Ik ben Wiel" (blind set JN): a first name
                # that is also a word ("wiel"), alone in the document of the full name
                for given in name.given:
                    if (len(given) >= 3 and " " not in given and lexicon.is_plain_word(given)
                            and not lexicon.is_particle(given) and not allow.contains(given)):
                        by_doc.setdefault(doc_id, {}).setdefault(given, key)
                # "Trientje heette ze, maar iedereen zei Trien": the name without its diminutive
                for given in (*name.given, word):
                    stem = _DIMINUTIVE.sub("", given)
                    if stem != given and len(stem) >= 3 and not allow.contains(stem):
                        by_doc.setdefault(doc_id, {}).setdefault(stem, key)
                # "Kevin heet hij. Kev, zeggen ze op straat": a first name clipped to three or four
                # letters that are no word of their own
                for given in name.given if name.given else ([name.core] if name.kind == "single" else []):
                    for n in (3, 4):
                        clipped = given[:n]
                        if (len(given) >= n + 2 and clipped.isalpha() and not lexicon.is_known_form(clipped)
                                and not lexicon.is_name_word(clipped) and not allow.contains(clipped)):
                            by_doc.setdefault(doc_id, {}).setdefault(clipped, key)
        for unit in units:
            words = by_doc.get(unit.doc_id)
            if unit.is_label or not unit.text or not words:
                continue
            taken = [(sp.start, sp.end) for sp in unit.spans] + allow.protected_spans(unit.text)
            added = []
            # an apostrophe inside a word only: "'Yous'" in quotes is Yous (blind set MB)
            for m in re.finditer(r"(?<![\w\[-])[A-ZÀ-Þ](?:\w|['’](?=\w))*(?![\w-])", unit.text):
                key = words.get(m.group(0).casefold())
                if key is None or any(ts < m.end() and m.start() < te for ts, te in taken):
                    continue
                if sentence_start(unit.text, m.start()) and m.group(0).casefold() in self._vocabulary:
                    continue
                added.append(_Span(m.start(), m.end(), "PERSOON", key))
            if added:
                unit.spans = sorted(unit.spans + added, key=lambda sp: sp.start)

    def _propagate_single_initials(self, units: list[_Unit]) -> None:
        """Other mentions, in the same document, of a one-letter initial found as a person.

        "jullie jongen D." makes D. a person; "en D. was ziek" a few lines on is the same boy.
        Across documents the letter means nothing, so the search stays inside the document.
        """
        found: dict[tuple[str, str], str] = {}
        for unit in units:
            for span in unit.spans:
                text = unit.text[span.start:span.end]
                if span.type == "PERSOON" and span.entity and _ONE_INITIAL.fullmatch(text):
                    found.setdefault((unit.doc_id, text), span.entity)
        if not found:
            return
        for unit in units:
            if unit.is_label or not unit.text:
                continue
            taken = [(sp.start, sp.end) for sp in unit.spans] + self.allow_list_.protected_spans(unit.text)
            added = []
            for m in _ONE_INITIAL_MENTION.finditer(unit.text):
                key = found.get((unit.doc_id, m.group(1)))
                if key is None or any(ts < m.end(1) and m.start(1) < te for ts, te in taken):
                    continue
                added.append(_Span(m.start(1), m.end(1), "PERSOON", key))
            if added:
                unit.spans = sorted(unit.spans + added, key=lambda sp: sp.start)

    def _propagate_number_tails(self, units: list[_Unit]) -> None:
        """The last digit group of a case or dossier number, said alone in the same document.

        "heb je 0561 al gezien? Dan bedoelen ze ZVH-EM-2023-0561" (blind set MQ): colleagues call a
        case by the running number at the end of its code. Only groups of three or more digits
        that are no year, and only inside the document: elsewhere the digits mean nothing.
        """
        tails: dict[tuple[str, str], tuple[str, str]] = {}
        for unit in units:
            for span in unit.spans:
                if span.type in ("DOSSIER", "ID") and span.entity:
                    m = _NUMBER_TAIL.search(unit.text[span.start:span.end])
                    if m and not _YEAR.fullmatch(m.group(1)):
                        tails.setdefault((unit.doc_id, m.group(1)), (span.entity, span.type))
        if not tails:
            return
        for unit in units:
            if unit.is_label or not unit.text:
                continue
            added = []
            for m in _BARE_NUMBER.finditer(unit.text):
                found = tails.get((unit.doc_id, m.group(0)))
                if found is None or any(sp.start < m.end() and m.start() < sp.end for sp in unit.spans):
                    continue
                added.append(_Span(m.start(), m.end(), found[1], found[0]))
            if added:
                unit.spans = sorted(unit.spans + added, key=lambda sp: sp.start)

    def _propagate_places(self, units: list[_Unit]) -> None:
        """Replace every other mention of a detected place or institution, as the leak check sees it.

        "in heel Parkstad" makes Parkstad a place; "het Parkstad-overleg" or a region after an
        organisation's name that no detector recognised would otherwise stay in the text, and the
        leak check (case-insensitive, whole words; ordinary words capitalised only) would report
        it. Mentions inside allow-listed phrases stay (the allow-list decides), and so does an
        ordinary word at a sentence start that the study also writes in lower case.
        """
        from .leaks import _fold, _pattern, leak_identifiers

        for unit in units:
            for span in unit.spans:
                if span.type in _PROPAGATED:
                    form = " ".join(unit.text[span.start:span.end].split())
                    self._place_forms.setdefault(_fold(form), (form, span.entity, span.type))
        if not self._place_forms:
            return
        districts = self._add_short_names()
        frame = pd.DataFrame([(form, entity, kind) for form, entity, kind in sorted(self._place_forms.values())],
                             columns=["original", "pseudonym", "type"])
        # a place name the transcripts also write in lower case is that word there, not the place
        # (from the units at hand: fit stores them in ``_units`` only after this step)
        wanted = leak_identifiers(frame, self.allow_list_, lowercase_words=self._lowercase_words(units))
        # A district that is also a word ("Buiten") is no identifier for the leak check, but
        # capitalised inside a sentence it is the district.
        searched = set(wanted.identifier.map(_fold))
        # So is an organisation whose one-word name is a word ("Sportschool Atlas", then "de trainer
        # van Atlas", blind set JC): capitalised inside a sentence it is the organisation.
        named = [(form, entity, kind) for form, entity, kind in self._place_forms.values()
                 if kind == "INSTELLING" and " " not in form and form[:1].isupper() and form.isalpha()
                 and lexicon.is_plain_word(form) and not lexicon.is_stop_word(form) and not lexicon.is_title(form)
                 and not is_generic_organisation_word(form) and not self.allow_list_.contains(form)]
        extra = [(form, entity, kind, True) for form, entity, kind in sorted(set(districts) | set(named))
                 if _fold(form) not in searched]
        if extra:
            wanted = pd.concat([wanted, pd.DataFrame(extra, columns=wanted.columns)], ignore_index=True)
        if wanted.empty:
            return
        entity_of = {_fold(form): (entity, kind) for form, entity, kind in self._place_forms.values()}
        patterns = [(_pattern([i for i, cs in zip(wanted.identifier, wanted.case_sensitive) if cs == flag],
                              0 if flag else re.IGNORECASE)) for flag in (False, True)]
        for unit in units:
            if unit.is_label or not unit.text:
                continue
            taken = [(sp.start, sp.end) for sp in unit.spans] + self.allow_list_.protected_spans(unit.text)
            added, replaced = [], []
            for pattern in (p for p in patterns if p is not None):
                for m in pattern.finditer(unit.text):
                    s, e = m.span()
                    word = m.group(0)
                    inner = [sp for sp in unit.spans if sp.start < e and s < sp.end]
                    # "het Oude Noorden" found as one place elsewhere, here only "Noorden" (deduce's
                    # village): the longer known place replaces the places inside it
                    widens = bool(inner) and " " in word and all(
                        s <= sp.start and sp.end <= e and sp.type in _PROPAGATED for sp in inner)
                    inner_ranges = {(sp.start, sp.end) for sp in inner} if widens else set()
                    if any(ts < e and s < te for ts, te in taken if (ts, te) not in inner_ranges):
                        continue
                    if (" " not in word and sentence_start(unit.text, s) and lexicon.is_dictionary_word(word)
                            and word.casefold() in self._vocabulary):
                        continue  # "Best is dat ..." in a study that writes "best" elsewhere
                    if lexicon.is_title(word) and NAME_FOLLOWS.match(unit.text, e):
                        continue  # the district Heer, but "Heer Bakker" is a title with a name
                    if _fold(word) not in entity_of:
                        continue
                    entity, kind = entity_of[_fold(word)]
                    added.append(_Span(s, e, kind, entity))
                    taken.append((s, e))
                    if widens:
                        replaced.extend(inner)
            if added:
                kept = [sp for sp in unit.spans if not any(sp is r for r in replaced)]
                unit.spans = sorted(kept + added, key=lambda sp: sp.start)

    def _add_short_names(self) -> list[tuple[str, str, str]]:
        """Also search an organisation by its name without the place, a district without its town.

        Housing corporations, care providers and schools are called "<name> <place>" once and by
        the name alone afterwards ("Woonbelang Reimerswaal" → "Woonbelang"): only a one-word name
        that no word list knows and that is not a generic organisation word ("Veiligheidshuis
        Parkstad" gives no short name). A district is called "<town> <district>" once and by its
        own name afterwards ("Almere Buiten" → "Buiten"), unless it is a compass point.

        Returns
        -------
        list of (form, entity, type)
            The districts and the short names that are ordinary words added: searched capitalised
            only.
        """
        from .leaks import _fold

        districts = []
        places = {fold for fold, (_, _, kind) in self._place_forms.items() if kind == "LOCATIE"}
        for form, entity, kind in sorted(self._place_forms.values()):
            words = form.split()
            if len(words) != 2:
                continue
            if kind == "LOCATIE":
                # "Almere Buiten" once, then "in Buiten": a town's district by its own name. A
                # compass district ("Amsterdam Noord" → "Noord") says nothing once the town is gone.
                town, district = words
                if (lexicon.is_place_name(town) and district[:1].isupper() and not is_compass_district(district)
                        and not lexicon.is_title(district) and not self.allow_list_.contains(district)):
                    if _fold(district) not in self._place_forms:
                        self._place_forms[_fold(district)] = (district, entity, kind)
                        districts.append((district, entity, kind))
                continue
            if kind != "INSTELLING":
                continue
            short, place = words
            # "Koers Verslavingszorg", then "bij Koers" (blind set JF): a name before the kind of
            # organisation it is (ORGANISATION_TAILS) is its short name as much as before a place
            # ... and before the district of its branch ("Stichting Buurtkracht West", then "bij
            # Buurtkracht", blind set JY)
            if not (_fold(place) in places or lexicon.is_place_name(place) or looks_like_region(place)
                    or place in ORGANISATION_TAILS or is_compass_district(place)):
                continue
            # an ordinary word ("Stichting Doorstart Haaglanden" → "bij Doorstart") is searched
            # capitalised only (leak_identifiers), and left at a sentence start the study writes
            # in lower case too
            if (not short[:1].isupper() or lexicon.is_stop_word(short) or lexicon.is_title(short)
                    or is_generic_organisation_word(short) or self.allow_list_.contains(short)):
                continue
            if _fold(short) not in self._place_forms:
                self._place_forms[_fold(short)] = (short, entity, kind)
                if lexicon.is_plain_word(short):
                    districts.append((short, entity, kind))  # searched capitalised, as a district that is a word
        return districts

    def _number(self, units: list[_Unit]) -> None:
        first: dict[str, tuple] = {}
        for unit in units:
            for span in unit.spans:
                first.setdefault(span.entity, (unit.position, span.start, span.type))
        for entity, (_, _, kind) in sorted(first.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0])):
            if entity not in self.entities_:
                self._counters[kind] = self._counters.get(kind, 0) + 1
                self.entities_[entity] = f"[{kind}-{self._counters[kind]}]"

    # ------------------------------------------------------------------ transform
    def _check_fitted(self) -> None:
        if not hasattr(self, "entities_"):
            raise RuntimeError("call fit() before transform(), key_table() or check_leaks()")

    @staticmethod
    def _apply(unit: _Unit, entities: dict[str, str]) -> str:
        text = unit.text
        for span in sorted(unit.spans, key=lambda sp: sp.start, reverse=True):
            text = text[:span.start] + entities[span.entity] + text[span.end:]
        return text

    def transform(self, documents: list[Document]) -> list[Document]:
        """Pseudonymised copies of ``documents`` (same order); the inputs are not changed.

        Texts not seen by :meth:`fit` are analysed now; new identifiers get the next numbers.
        """
        self._check_fitted()
        unseen = [d for d in documents if any(
            (u.doc_id, u.turn_index, u.part, u.line, u.text) not in self._units for u in self._units_of([d]))]
        if unseen:
            start = 1 + max((u.doc_pos for u in self._units.values()), default=-1)
            self._analyse(unseen, start_pos=start)
        out = []
        for doc in documents:
            def get(t, part, line, text):
                return self._apply(self._units[(doc.doc_id, t, part, line, text)], self.entities_)

            header = [get(0, 0, i, line) for i, line in enumerate(doc.header)]
            turns = [replace(turn, speaker=get(t, 0, 0, turn.speaker), text=get(t, 1, 0, turn.text))
                     for t, turn in enumerate(doc.turns, start=1)]
            out.append(replace(doc, turns=turns, header=header))
        return out

    def fit_transform(self, documents: list[Document]) -> list[Document]:
        return self.fit(documents).transform(documents)

    # ------------------------------------------------------------------ tables
    def key_table(self) -> pd.DataFrame:
        """The pseudonym key: one row per (original form, pseudonym).

        Returns
        -------
        DataFrame
            Columns ``original, pseudonym, type, documents`` (documents: ``;``-joined doc_ids),
            sorted by type, number, original.
        """
        self._check_fitted()
        rows = []
        for (original, pseudonym), docs in self._originals.items():
            kind, number = pseudonym[1:-1].rsplit("-", 1)
            rows.append((TYPES.index(kind) if kind in TYPES else len(TYPES), int(number), original,
                         pseudonym, kind, ";".join(sorted(docs))))
        rows.sort()
        return pd.DataFrame([r[2:] for r in rows], columns=list(KEY_COLUMNS))

    def review_table(self) -> pd.DataFrame:
        """Capitalised words that were kept and might be names, for a human to check.

        Returns
        -------
        DataFrame
            Columns ``doc_id, turn_index, token, context``: one row per (document, turn, word),
            ``context`` is the pseudonymised text ±40 characters around the word's first use.
        """
        from .review import review_candidates

        self._check_fitted()
        rows = []
        for unit in sorted(self._units.values(), key=lambda u: u.position):
            if unit.part != 1 and unit.turn_index:
                continue
            rows.extend((unit.doc_id, unit.turn_index, token, context)
                        for token, context in review_candidates(self._apply(unit, self.entities_),
                                                                self.allow_list_, _CONTEXT))
        df = pd.DataFrame(rows, columns=list(REVIEW_COLUMNS))
        return df.drop_duplicates(["doc_id", "turn_index", "token"]).reset_index(drop=True)

    def write_private(self, private_dir: str | Path | None = None) -> dict[str, Path]:
        """Write ``pseudonym_key.csv`` and ``review.csv`` into the private folder.

        Parameters
        ----------
        private_dir : path, optional
            Default ``config.private_dir``.

        Raises
        ------
        ConfigError
            When the private folder is inside the output folder.
        """
        from .. import tables

        self._check_fitted()
        folder = Path(private_dir if private_dir is not None else
                      (self.config.private_dir if self.config is not None else "private"))
        self._check_folders(folder)
        folder.mkdir(parents=True, exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            # The key re-identifies people: keep it out of any repository the folder may be in.
            ignore.write_text("# written by regie-pipeline: never commit the pseudonym key\n*\n", encoding="utf-8")
        paths = {"key": folder / "pseudonym_key.csv", "review": folder / "review.csv"}
        tables.write_csv(self.key_table(), paths["key"])
        tables.write_csv(self.review_table(), paths["review"])
        return paths

    # ------------------------------------------------------------------ leak check
    def leak_identifiers(self, generated: Sequence[str] = ()) -> pd.DataFrame:
        """What the leak check searches for: originals of the key and the parts of person names.

        ``generated``: text the run writes itself, such as the report's run date ("Rundatum: 23
        november 2026"); an identifier in it ("op 23 november" in a transcript) is no leak there.

        Returns
        -------
        DataFrame
            Columns ``identifier, pseudonym, type, case_sensitive``. Identifiers shorter than 3
            characters, allow-listed ones and ordinary words are left out; words that are both an
            ordinary word and a name ("Bakker") are searched for capitalised only.
        """
        from .leaks import leak_identifiers, without_public

        self._check_fitted()
        identifiers = leak_identifiers(self.key_table(), self.allow_list_,
                                       lowercase_words=self._lowercase_words() | _output_vocabulary())
        identifiers, self.leak_check_skipped_ = without_public(identifiers, self._public_files(), generated)
        return identifiers

    def _lowercase_words(self, units: list[_Unit] | None = None) -> set[str]:
        """Words the transcripts write in lower case outside any identifier span.

        ``units`` default to every unit seen by :meth:`fit`. Only words that Dutch knows (also
        as a compound: "bemoeizorg") count; a name typed in lower case ("in amsterdam") is still
        the name. So does a word after an article or a possessive ("naar de boksgym", blind set
        IT), unless it is on a name list: a transcript does not write "de bilal".
        """
        words: set[str] = set()
        nouns: set[str] = set()
        for unit in (self._units.values() if units is None else units):
            if unit.is_label or not unit.text:
                continue
            text, last = [], 0
            for span in sorted(unit.spans, key=lambda sp: sp.start):
                text.append(unit.text[last:span.start])
                last = max(last, span.end)
            text.append(unit.text[last:])
            words.update(_LOWER_WORD.findall(" ".join(text)))
            nouns.update(m.group(1) for m in _DETERMINED_WORD.finditer(" ".join(text)))
        return ({w for w in words if lexicon.is_known_form(w)}
                | {w for w in nouns if len(w) >= 4 and not lexicon.is_name_word(w)})

    def _public_files(self) -> list[Path]:
        """Researcher-written inputs that the outputs quote by design (codebook, competences).

        A word that is in them ("Amsterdam" in a code description) is in the report whatever the
        transcripts say, so finding it there proves no leak.
        """
        if self.config is None:
            return []
        files = []
        for path in (self.config.codebook, self.config.competences):
            path = Path(path)
            if path.is_dir():
                files += sorted(p for p in path.rglob("*") if p.suffix.lower() in (".yaml", ".yml", ".csv", ".json"))
            elif path.is_file():
                files.append(path)
        return files

    def check_leaks(self, out_dir: str | Path, generated: Sequence[str] = ()) -> list[dict]:
        """Search every file in ``out_dir`` for identifiers found in the inputs.

        ``generated`` as in :meth:`leak_identifiers`.

        Returns
        -------
        list of dict
            ``file, line_or_part, type, pseudonym`` per leak — never the identifier itself.
        """
        from .leaks import check_leaks

        return check_leaks(out_dir, self.leak_identifiers(generated))

    # ------------------------------------------------------------------ figures
    def word_retention(self) -> pd.DataFrame:
        """Per turn: words before, words left unchanged after pseudonymisation.

        Returns
        -------
        DataFrame
            Columns ``doc_id, turn_index, n_words, n_kept, n_identifiers``.
        """
        self._check_fitted()
        rows = []
        for unit in sorted(self._units.values(), key=lambda u: u.position):
            if unit.part != 1 or not unit.turn_index:
                continue
            n = len(unit.text.split())
            covered = sum(len(unit.text[s.start:s.end].split()) for s in unit.spans)
            rows.append((unit.doc_id, unit.turn_index, n, n - covered, len(unit.spans)))
        return pd.DataFrame(rows, columns=["doc_id", "turn_index", "n_words", "n_kept", "n_identifiers"])


def _output_vocabulary() -> set[str]:
    """The words of the output tables' own column names (``max`` of ``competence_summary.csv``).

    The tables write them in lower case in every run, so a name that is one of them ("Max", blind
    set EF) is searched capitalised only, as a name that is also a word is.
    """
    from .. import columns

    return {part for names in columns.TABLES.values() for name in names for part in name.split("_")
            if part.isalpha()}

