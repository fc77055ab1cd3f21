"""Speaker labels at the start of transcript lines.

Dutch transcripts mark speakers in many ways: ``Interviewer:``, ``I:``/``R:``, ``INT:``, ``Int.:``,
``R6:``, ``Interviewer (SA):``, ``Geïnterviewde:``, a first name (``Fatima:``), a full name
(``Mark de Vries:``), ``Spreker 1:``; with timestamps before or after the label
(``[00:03:12] I:``, ``Respondent: (00:12:45)``, ``00:01:02 Interviewer:``); wrapped in bold
markers (``**I:**``); or as a label on its own line above the text (``Speaker 1  0:03``).

Ordinary sentences also start with a word and a colon ("Ik zei: dat kan niet", "Het punt is:
...", "Nou ja: ..."). Telling them apart takes two steps:

1. :func:`scan` finds a *candidate* — the syntax of a label at the start of a line (short: at most
   four words and 40 characters, starting with a letter). Pure, no judgement.
2. :func:`label_evidence` and :func:`decide` score it. A role word (``Interviewer``, ``R6``,
   ``Spreker 1``) is a label. Otherwise the candidate must look like a name (every word
   capitalised, apart from particles such as *de*, *van*, *ter*), must not start with a
   function word, interjection or metadata key (``Ik``, ``Nou``, ``Het``, ``Datum``), and gains
   points for being an unknown word (names are mostly not in the Dutch lexicon), for occurring
   more than once in the document as a label, for a timestamp and for bold type. It loses
   points when it stands on its own line, when it breaks the document's label style, or when
   it sits in a list of one-off candidates (an enumeration such as ``Politie: ...``,
   ``GGZ: ...``).

:func:`split_label` is the pure single-line form used by the property tests; it always
satisfies ``prefix + text == line``.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

from .roles import fold, is_generic_label, is_role_label, role_from_label, speaker_key

TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_LONG_TS = r"\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?"


def _br_ts(prefix: str) -> str:
    """A bracketed timestamp with named groups ``{prefix}1`` / ``{prefix}2``."""
    return rf"\[\s*(?P<{prefix}1>{TS})\s*\]|\(\s*(?P<{prefix}2>{TS})\s*\)"


#: A timestamp leading the line: bracketed or bare, then a separator (space, dash, bar) or the end.
_LEAD_TS = re.compile(
    rf"[ \t]*(?:\[\s*(?P<a>{TS})\s*\]|\(\s*(?P<b>{TS})\s*\)|(?P<c>{TS})(?![\d:]))"
    r"(?:[ \t]*[-–|][ \t]*|[ \t]+|$|(?=\*\*|__|\S))")
#: A timestamp alone or leading a line without label: bracketed, or a bare ``hh:mm:ss``
#: (a bare ``10:30`` is more likely the time of day in a sentence).
_TEXT_TS = re.compile(
    rf"[ \t]*(?:\[\s*(?P<a>{TS})\s*\]|\(\s*(?P<b>{TS})\s*\)|(?P<c>{_LONG_TS})(?![\d:]))"
    r"(?:[ \t]*[-–|][ \t]*(?=\S)|[ \t]+|$)")
#: f4/f5 transcription software writes ``#00:01:23-4#`` at the end of a paragraph.
F4_TS = re.compile(r"[ \t]*#(\d{1,2}:\d{2}:\d{2})(?:[-.,]\d{1,3})?#")

_NAME = r"[^\W\d_][^:\t\n\[\]()*_#]{0,44}?"
_PAREN = r"\([^()\n]{1,30}\)"
#: ``Label`` [markup] [timestamp] ``:`` or tab [markup] [timestamp].
_CAND = re.compile(
    rf"(?P<label>{_NAME}(?:[ \t]*{_PAREN})?)[ \t]*(?P<close1>\*\*|__)?"
    rf"[ \t]*(?:{_br_ts('t')})?"
    r"[ \t]*(?P<sep>(?<!\d):|(?<=\d):(?!\d)|\t)(?P<close2>\*\*|__)?"
    rf"(?:[ \t]*(?:{_br_ts('u')}|(?P<u3>{_LONG_TS})(?=\s|$)))?[ \t]*")
#: A label alone on its line: ``Interviewer``, ``Speaker 1  0:03``, ``Jansen, Piet   00:01:02``.
_ONLY = re.compile(
    rf"(?P<label>[^\W\d_][^:\t\n\[\]()*_#]{{0,44}}?(?:[ \t]*{_PAREN})?)[ \t]*(?P<close1>\*\*|__)?"
    rf"(?:[ \t]*(?:{_br_ts('t')}|(?P<t3>{TS})))?[ \t]*$")
_BRACKET_LABEL = re.compile(r"[ \t]*(?:>>[ \t]*)?\[(?P<label>[^\W\d_][^\[\]\n:]{0,39})\][ \t]*:?[ \t]*")
_OPEN = re.compile(r"[ \t]*(?:>>[ \t]*)?(\*\*|__)")
_CHEVRONS = re.compile(r"[ \t]*>>[ \t]*")
_LEADING_MARKS = re.compile(r"^(?:\s*(?:\([^()]*\)|\[[^\[\]]*\]|[\"'“”‘’„«»\-–—…\.]+))*\s*")
_LABEL_SYNTAX = re.compile(rf"(?P<name>[^\W\d_][\w'’.\-&]*(?:,? [\w'’.\-&]+){{0,4}})(?: ?(?P<paren>{_PAREN}))?")
_SEPARATOR_LINE = re.compile(r"\s*([-*_=~])(?:\s*\1){2,}\s*")

MAX_WORDS = 4
MAX_CHARS = 40

#: First words that start sentences, not labels (case-folded, accents stripped).
STOPWORDS = frozenset("""
ik jij je u hij zij ze wij we jullie men het de een dit dat die deze daar hier er
wat wie waar hoe waarom wanneer welke welk mijn jouw zijn haar ons onze hun uw
nou ja nee nja neen oke ok okay okee goed prima dus maar en of want omdat toen dan daarna eerst
later soms vaak altijd nooit ook zo zeg kijk let stel eigenlijk namelijk kortom bijvoorbeeld bijv bv
conclusie samenvattend samengevat nb ps noot opmerking opmerkingen voorbeeld punt probleem thema
stap fase doel doelen resultaat tip advies uitkomst situatie casus belangrijk kernpunt pluspunt
minpunt voordeel nadeel oftewel ofwel dwz tja hmm hm eh uh ehm uhm ah oh o och ach nouja jawel
jazeker zeker precies inderdaad klopt echt gewoon wel niet geen al nog even heel erg veel weinig
meer minder alle elke ieder iedere sommige andere ander eerste tweede derde vierde laatste volgende
vorige als terwijl hoewel tenzij zodat zoals behalve tot van met in op aan bij voor na naar over
om door uit tegen tussen zonder sinds volgens iemand niemand iedereen alles niets niks enfin
anyway vervolgens uiteindelijk daarom toch alleen misschien waarschijnlijk natuurlijk trouwens
overigens bovendien ten slotte tenslotte immers dus wellicht helaas gelukkig ooit nu
the a an and but so then note example answer well yes no okay
mm mmm mhm mmhm hmhm hm-hm uhu aha ahum jaja tsja pff he hè oei oeps wauw joh hoor
datum locatie plaats duur tijd tijdstip lengte transcriptie transcript getranscribeerd transcribent
onderwerp titel project studie onderzoek aanwezig aanwezigen opname bestand bestandsnaam
organisatie functie code versie taal setting interviewdatum gespreksdatum naam leeftijd geslacht
notitie notities toelichting anonimisering geanonimiseerd codering respondentnummer interviewnummer
nummer start einde eind begin begintijd eindtijd date location duration interview gesprek verslag
deel bijlage hoofdstuk sectie pagina notulen samenvatting instructie legenda kenmerken context
achtergrond vragen topic topiclijst
""".split())

#: Metadata keys of a transcript header (``Datum: 3 maart``); never speaker labels.
META_KEYS = frozenset("""
datum locatie plaats duur tijd tijdstip lengte transcriptie transcript getranscribeerd transcribent
onderwerp titel project studie onderzoek deelnemers aanwezig aanwezigen opname bestand bestandsnaam
organisatie functie code versie taal setting interviewdatum gespreksdatum naam leeftijd geslacht
notitie notities toelichting anonimisering geanonimiseerd codering respondentnummer interviewnummer
nummer begintijd eindtijd date location duration
""".split())
_META_LINE = re.compile(
    r"[ \t]*(?:\*\*|__)?(?P<key>[^\W\d_][\w\-]*(?: [\w\-]+){0,2})[ \t]*(?:\*\*|__)?[ \t]*:")
_END_LINE = re.compile(
    r"[ \t]*[\[(]?\s*(?:einde|eind|end)\b.{0,10}\b(?:interview|gesprek|opname|transcript|transcriptie|"
    r"van het interview|van het gesprek|of interview|of transcript|recording)\b[^\n]{0,30}", re.I)

#: Marks transcribers put in brackets, never speakers (``[Lacht]``).
TRANSCRIPTION_MARKS = frozenset("""
lacht lachen gelach lachend onverstaanbaar onhoorbaar stilte pauze zucht zucht hoest kucht
inaudible laughter laughs crosstalk muziek music telefoon geluid onduidelijk door elkaar
""".split())
#: Role labels that transcribers also write in lower case (``i:``, ``interviewer:``).
LOWERCASE_ROLE_LABELS = frozenset("i r int iv interviewer respondent resp geinterviewde spreker speaker".split())
#: Particles that start a surname written without first name (``De Vries``, ``Van Dijk``).
SURNAME_PARTICLES = frozenset("de van ter ten den der op in".split())
#: Name particles, allowed in lower case inside a name (``Mark de Vries``).
TUSSENVOEGSELS = frozenset("""
van de der den het 't te ten ter in op 'n la le du da di del della dos das von zu el al bin ben
ibn abu d' l' 's v.d. vd
""".split())
_CODE = re.compile(r"[A-Z]{1,3}\d{0,3}[a-z]?|[A-Z][a-z]?[A-Z]\d{0,3}")


@lru_cache(maxsize=4)
def _deduce_names(kind: str) -> frozenset[str]:
    """A name list of ``deduce`` (case-folded), minus its own exceptions; empty when unavailable.

    ``deduce`` is already a dependency (pseudonymisation). Its lists tell ``Els``, ``Karin``,
    ``Noor`` (names that are also in the Dutch lexicon) from ``Politie`` or ``Voorbeeld``; the
    exceptions are names that are mostly words (*Door*, *Juli*).
    """
    try:
        from importlib.util import find_spec

        # Locate the package without importing it: importing deduce configures the root logger.
        spec = find_spec("deduce")
        base = Path(spec.origin).parent / "data" / "lookup" / "src" / "names" / kind
        items = (base / "items.txt").read_text(encoding="utf-8").splitlines()
        exceptions_file = base / "exceptions.txt"
        exceptions = (set(exceptions_file.read_text(encoding="utf-8").splitlines())
                      if exceptions_file.is_file() else set())
    except (ImportError, OSError, TypeError, AttributeError):
        return frozenset()
    return frozenset(n.strip().casefold() for n in items if n.strip() and n.strip() not in exceptions)


def first_names() -> frozenset[str]:
    """Dutch first names, case-folded (from ``deduce``)."""
    return _deduce_names("lst_first_name")


def surnames() -> frozenset[str]:
    """Dutch surnames, case-folded (from ``deduce``)."""
    return _deduce_names("lst_surname")


def is_person_name(label: str) -> bool:
    """``Sanne``, ``Karin van der Linden``, ``Jansen``, ``De Vries``: a label that is a known name."""
    words = re.sub(rf"\s*{_PAREN}$", "", label).replace(",", " ").split()
    if not words:
        return False
    if words[0].casefold() in first_names():
        return True
    content = [w for w in words if fold(w) not in TUSSENVOEGSELS]
    return len(content) == 1 and content[0].casefold() in surnames()


@lru_cache(maxsize=4096)
def is_dutch_word(word: str) -> bool:
    """True when ``word`` (any case) is in simplemma's Dutch lexicon: then it may be no name."""
    import simplemma

    w = word.strip(".'’-").lower()
    return bool(w) and simplemma.is_known(w, lang="nl")


def normalise_timestamp(ts: str) -> str:
    """``"1:02:03"`` → ``"01:02:03"``; ``"03:12"`` → ``"00:03:12"``; fractions dropped."""
    if not ts:
        return ""
    parts = re.split(r"[.,]", ts.strip())[0].split(":")
    parts = ["0"] * (3 - len(parts)) + parts
    return ":".join(f"{int(p):02d}" for p in parts[-3:])


def _first(m: re.Match, *names: str) -> str:
    for name in names:
        value = m.group(name) if name in m.re.groupindex else None
        if value:
            return value
    return ""


@dataclass(frozen=True)
class Candidate:
    """The syntax of a speaker label at the start of a line (not yet judged).

    ``line == prefix + text`` always holds; ``prefix`` holds the label, its timestamp(s),
    separator and markup exactly as written.
    """

    label: str
    key: str
    timestamp: str
    prefix: str
    text: str
    sep: str  # ":", "\t", "]", "bold" (a bold run without colon) or "" (label alone on its line)
    bold: bool = False

    @property
    def has_timestamp(self) -> bool:
        return bool(self.timestamp)


@dataclass(frozen=True)
class LabelSplit:
    """One line split into an (accepted) label, timestamp and text; ``prefix + text == line``."""

    label: str | None
    timestamp: str
    text: str
    prefix: str


def _clean_label(raw: str) -> tuple[str, str] | None:
    """Collapse whitespace and check the label's shape; returns ``(label, timestamp_in_parens)``."""
    label = " ".join(raw.split())
    ts = ""
    m = re.fullmatch(rf"(?P<rest>.*?)\s*\((?P<ts>{TS})\)", label)
    if m:  # ``Interviewer (00:01:02)`` - the parenthetical is a timestamp
        label, ts = m.group("rest"), m.group("ts")
    m = _LABEL_SYNTAX.fullmatch(label)
    if not m or len(label) > MAX_CHARS or not label:
        return None
    if len(m.group("name").split()) > MAX_WORDS:
        return None
    return label, ts


def scan(line: str, bold_end: int | None = None, brackets: bool = False) -> Candidate | None:
    """Find a label candidate at the start of ``line``; no judgement about whether it is one.

    Parameters
    ----------
    line : str
        One line (paragraph line, text line or subtitle cue line), without line break.
    bold_end : int, optional
        Offset in ``line`` where a leading bold run ends (Word documents); lets a bold label
        without colon (``**Fatima** Ik weet het niet``) count.
    brackets : bool
        Also accept ``[Name]`` labels (subtitles).
    """
    pos, ts = 0, ""
    m = _LEAD_TS.match(line)
    if m and m.end() > 0:
        # A bare ``10:30`` may be the time of day in a sentence; it only counts when a label
        # follows, and a sentence never passes label_evidence.
        ts = _first(m, "a", "b", "c")
        pos = m.end()
    bold = False
    mo = _OPEN.match(line, pos)
    if mo:
        bold, pos = True, mo.end()
    elif brackets and (mg := _CHEVRONS.match(line, pos)):  # ``>> Name:`` (broadcast subtitles)
        pos = mg.end()

    cand = None
    if brackets:
        mb = _BRACKET_LABEL.match(line, pos)
        if mb:
            cleaned = _clean_label(mb.group("label"))
            if cleaned:
                cand = (cleaned[0], cleaned[1], "]", mb.end())
    if cand is None and bold_end is not None and pos < bold_end < len(line):
        bold_part = line[pos:bold_end]
        after = line[bold_end:]
        if ":" not in bold_part and not after.lstrip().startswith(":") and after[:1].isspace() and after.strip():
            cleaned = _clean_label(bold_part)
            if cleaned:
                end = bold_end + len(after) - len(after.lstrip())
                cand = (cleaned[0], cleaned[1], "bold", end)
                bold = True
    if cand is None:
        mc = _CAND.match(line, pos)
        if mc:
            cleaned = _clean_label(mc.group("label"))
            if cleaned:
                label, paren_ts = cleaned
                after_ts = _first(mc, "t1", "t2", "u1", "u2", "u3")
                cand = (label, paren_ts or after_ts, mc.group("sep"), mc.end())
                bold = bold or bool(mc.group("close1") or mc.group("close2"))
                if bold_end is not None and bold_end >= mc.start("sep"):
                    bold = True
    if cand is None:
        mo2 = _ONLY.match(line, pos)
        if mo2 and mo2.group("label").strip():
            cleaned = _clean_label(mo2.group("label"))
            if cleaned:
                label, paren_ts = cleaned
                cand = (label, paren_ts or _first(mo2, "t1", "t2", "t3"), "", len(line))
                bold = bold or bool(mo2.group("close1")) or (bold_end is not None and bold_end >= len(line.rstrip()))
    if cand is None:
        return None
    label, inner_ts, sep, end = cand
    ts = ts or inner_ts
    if "," in label and not ts:
        return None  # ``Jansen, Piet`` only in the timestamped style of Teams/Otter exports
    return Candidate(label=label, key=speaker_key(label), timestamp=normalise_timestamp(ts),
                     prefix=line[:end], text=line[end:], sep=sep, bold=bold)


def strip_timestamp(line: str) -> tuple[str, str, str]:
    """Split a leading timestamp (or several) off a line without label: ``(timestamp, text, prefix)``."""
    pos, ts = 0, ""
    while True:
        m = _TEXT_TS.match(line, pos)
        if not m or m.end() == pos:
            break
        ts = ts or _first(m, "a", "b", "c")
        pos = m.end()
    if pos and not line[pos:].strip():
        pos = len(line)
    return normalise_timestamp(ts), line[pos:], line[:pos]


def label_evidence(c: Candidate) -> int | None:
    """Points a candidate earns by its own form; None when it can never be a label.

    Role words and generic labels (``Interviewer``, ``R6``, ``Spreker 1``) earn 3; a name-like
    label earns 2 (a known first name, initials, words joined by a name particle, or a word
    not in the Dutch lexicon), or 1 when every word is also a Dutch word (``Politie``,
    ``Voorbeeld``).
    """
    name = re.sub(rf"\s*{_PAREN}$", "", c.label).replace(",", " ")
    words = name.split()
    if not words:
        return None
    # ``WSS. Dagbesteding``: a sentence ended inside the candidate (initials such as ``P.`` are fine).
    if any(w.endswith(".") and len(w.rstrip(".")) > 2 for w in words[:-1]):
        return None
    # A label alone on its line ending in a full stop is a sentence (``Absoluut.``), unless it
    # is an abbreviated role (``Int.``).
    if c.sep == "" and c.label.endswith(".") and not is_role_label(c.label):
        return None
    if is_role_label(c.label):
        if c.label[0].isupper():
            return 3
        # ``vraag: wat zou je...`` in a wrapped subtitle line: lower-case role nouns are words;
        # only the classic codes and role words count, and only when they recur.
        return 1 if fold(words[0]).strip(".").rstrip("0123456789") in LOWERCASE_ROLE_LABELS else None
    if any(fold(w).strip(".") in TRANSCRIPTION_MARKS for w in words):
        return None
    compact = name.replace(" ", "")
    if len(words) == 1 and compact.isupper() and len(compact) <= 4:
        # Initials and codes (``SV``, ``NB``, ``SÖ``): a code that is also a word (``AL``,
        # ``NB``) needs to recur before it counts.
        return 1 if fold(compact).strip(".") in STOPWORDS else 2
    first = fold(words[0]).strip(".")
    surname = (first in SURNAME_PARTICLES and len(words) > 1
               and all(w[0].isupper() for w in words[1:] if fold(w) not in TUSSENVOEGSELS))
    # ``A. Slotboom``: an initial, though "a" (like "u", "o") is a word too
    initial = len(words) > 1 and re.fullmatch(r"(?:[A-Z]\.){1,3}", words[0]) is not None
    if first in STOPWORDS and not surname and not initial:  # ``De Vries`` is a name, ``De moeder`` is not
        return None
    if not words[0][0].isupper():
        return None
    for w in words[1:]:
        if not (w[0].isupper() or w[0].isdigit() or fold(w) in TUSSENVOEGSELS):
            return None
    if _CODE.fullmatch(name.replace(" ", "")) and len(words) == 1:
        return 2
    content = [w for w in words if fold(w) not in TUSSENVOEGSELS and w[0].isalpha()]
    if words[0].casefold() in first_names():
        return 2
    # ``Karin van der Linden``: names joined by a particle, whatever the lexicon says.
    if any(fold(w) in TUSSENVOEGSELS for w in words[1:-1]) and words[-1][0].isupper():
        return 2
    if content and all(is_dutch_word(w) for w in content):
        return 1
    return 2


def is_meta_line(line: str) -> bool:
    """``Datum: 3 maart 2024``, ``Locatie: kantoor`` and the like."""
    m = _META_LINE.match(line)
    return bool(m) and fold(m.group("key")).split()[0] in META_KEYS


def is_end_line(line: str) -> bool:
    """``Einde interview``, ``[einde opname]``: the closing line of a transcript."""
    return bool(_END_LINE.fullmatch(line.strip())) and len(line.split()) <= 8


def is_separator_line(line: str) -> bool:
    """``---``, ``***``, ``=====``: a visual rule, no words."""
    return bool(_SEPARATOR_LINE.fullmatch(line))


def split_label(line: str, known: frozenset[str] | set[str] = frozenset(), *,
                bold_end: int | None = None, brackets: bool = False) -> LabelSplit:
    """Split one line into label, timestamp and text, judging it on its own.

    ``known`` holds speaker keys (:func:`~pipeline.ingest.roles.speaker_key`) seen before in the
    document; a candidate whose key is known is accepted like a repeated label. A label alone on
    its line (no colon) is only accepted here for role words with or without timestamp, or for
    known speakers. Always ``prefix + text == line``.
    """
    c = scan(line, bold_end=bold_end, brackets=brackets)
    if c is not None:
        base = label_evidence(c)
        if base is not None:
            score = base + (2 if c.key in known else 0) + c.has_timestamp + c.bold - (c.sep == "")
            if score >= 2:
                return LabelSplit(c.label, c.timestamp, c.text, c.prefix)
    ts, text, prefix = strip_timestamp(line)
    return LabelSplit(None, ts, text, prefix)


@dataclass(frozen=True)
class LineIn:
    """One input line for :func:`decide`: its text and, for Word documents, the bold-run end."""

    text: str
    bold_end: int | None = None
    heading: bool = False
    #: The format gives the speaker (a WebVTT voice tag): nothing to scan.
    given: bool = False
    #: The first line of its subtitle cue (always True outside subtitles).
    first: bool = True


def decide(lines: Sequence[LineIn], brackets: bool = False, cues: bool = False) -> list[Candidate | None]:
    """Judge the label candidates of a whole document at once.

    Parameters
    ----------
    lines : sequence of LineIn
        The document's lines in order (blank lines included: they separate paragraphs).
    brackets : bool
        Accept ``[Name]`` labels (subtitles).
    cues : bool
        The lines are subtitle cue lines, wrapped anywhere: a short line is never a label on
        its own line.

    Returns
    -------
    list of Candidate or None
        For each line the accepted label, or None (text, header or blank line).
    """
    cands: list[Candidate | None] = []
    base: list[int | None] = []
    for ln in lines:
        c = None
        if ln.text.strip() and not ln.given and not is_meta_line(ln.text):
            c = scan(ln.text, bold_end=ln.bold_end, brackets=brackets)
        b = label_evidence(c) if c is not None else None
        if b is None:
            c = None
        cands.append(c)
        base.append(b)
    counts = Counter(c.key for c in cands if c is not None)

    # The document's label style, from the labels that are certain (role words, repeated).
    strong = [c for c, b in zip(cands, base) if c is not None and (b == 3 or counts[c.key] >= 2)]
    ts_style = len(strong) >= 3 and sum(c.has_timestamp for c in strong) >= 0.9 * len(strong)
    bold_style = len(strong) >= 3 and sum(c.bold for c in strong) >= 0.9 * len(strong)
    # When codes already name both an interviewer and a respondent (``I``/``R``), a one-off name
    # is more likely a word in the text than a new speaker.
    strong_roles = {role_from_label(c.label) for c in strong}
    codes_only = all(is_role_label(c.label) for c in strong) and {"interviewer", "respondent"} <= strong_roles

    own_line_style = len(strong) >= 3 and sum(c.sep == "" for c in strong) >= 0.9 * len(strong)
    # Subtitles put a speaker name at the start of a cue, not on its wrapped second line.
    at_start = Counter(c.key for c, ln in zip(cands, lines) if c is not None and ln.first)
    strong_keys = {c.key for c in strong}

    def cue_start_style(key: str) -> bool:
        """Do the other certain labels stand at the start of their cue?"""
        n = sum(counts[k] for k in strong_keys if k != key)
        return cues and n >= 3 and sum(at_start[k] for k in strong_keys if k != key) >= 0.9 * n
    with_text = [c for c in strong if c.sep]
    inline_style = len(with_text) >= 3 and sum(bool(c.text.strip()) for c in with_text) >= 0.9 * len(with_text)

    def starts_lower(i: int, c: Candidate) -> bool:
        return first_char_after(i, c).islower()

    nonblank = [i for i, ln in enumerate(lines) if ln.text.strip()]
    nb_pos = {i: k for k, i in enumerate(nonblank)}

    def neighbour(i: int, step: int) -> int | None:
        k = nb_pos[i] + step
        return nonblank[k] if 0 <= k < len(nonblank) else None

    def singleton(i: int | None) -> bool:
        return (i is not None and cands[i] is not None and counts[cands[i].key] == 1
                and base[i] != 3)

    def first_char_after(i: int, c: Candidate) -> str:
        """The first letter of the turn's text (on the next line when the label ends its line),
        after marks such as ``(lacht)`` and opening quotes."""
        text = c.text.strip()
        if not text:
            nxt = neighbour(i, 1)
            text = lines[nxt].text.strip() if nxt is not None and cands[nxt] is None else ""
        text = _LEADING_MARKS.sub("", text)
        return text[:1]

    # Turns start with a capital. A non-role candidate followed by lower case wherever it occurs
    # (``Bureau Halt: die zaten er...``), in a document whose other labels are followed by
    # capitals, is a phrase in the text.
    lower = Counter(c.key for i, c in enumerate(cands) if c is not None and c.sep and starts_lower(i, c))
    with_sep = Counter(c.key for i, c in enumerate(cands)
                       if c is not None and c.sep and first_char_after(i, c).isalpha())

    def capital_doc(key: str) -> bool:
        """Are the other labels followed by a capital? (Not so in subtitles with the name on
        every cue, which continue sentences after it.)"""
        n = sum(with_sep.values()) - with_sep[key]
        return n > 0 and sum(lower.values()) - lower[key] < 0.2 * n

    scores: list[int] = [0] * len(lines)
    for i, c in enumerate(cands):
        if c is None:
            continue
        b = base[i]
        score = b + (2 if counts[c.key] >= 2 else 0) + c.has_timestamp + c.bold
        if c.sep == "" and not own_line_style:
            score -= 1
        if c.sep == "" and own_line_style and b == 1:
            score += 1  # in a layout of labels on their own line, a one-word line is a label
        if (b != 3 and with_sep[c.key] and lower[c.key] == with_sep[c.key] and capital_doc(c.key)
                and not is_person_name(c.label)):
            score = min(score, 1)
        # Where labels are followed by their text on the same line, a name ending its line
        # (``... Dan heb je nog`` / ``Jeugdbescherming:``) is a wrapped sentence.
        if b != 3 and inline_style and c.sep and not c.text.strip():
            score = min(score, 1)
        # ... and a name alone on its line, without a timestamp, is a line of the text: such a
        # document does not switch to labels above their text (``Aa Veilig`` twice, fuzzed).
        if b != 3 and inline_style and c.sep == "" and not c.has_timestamp:
            score = min(score, 1)
        if b != 3 and not lines[i].first and cue_start_style(c.key):
            score = min(score, 1)
        if b != 3 and counts[c.key] == 1:
            if ts_style and not c.has_timestamp:
                score -= 1
            if bold_style and not c.bold:
                score -= 1
            if codes_only:
                score -= 1
            # Turns start with a capital; ``Kevin: die was toen zestien`` is a sentence.
            if c.sep in (":", "bold", "]") and first_char_after(i, c).islower():
                score -= 1
            # An enumeration (``Politie: ...`` / ``GGZ: ...``) is a list, not a conversation.
            if singleton(neighbour(i, -1)) or singleton(neighbour(i, 1)):
                score = min(score, 1)
        scores[i] = score

    accepted: list[Candidate | None] = [None] * len(lines)
    seen_turn = False
    for i, c in enumerate(cands):
        if c is None:
            continue
        score = scores[i]
        if c.sep == "" and cues:
            continue  # a short cue line (``Jeugdbescherming``) is wrapped text, never a label
        if c.sep == "":
            # A label on its own line needs the turn's text below it.
            nxt = neighbour(i, 1)
            if (nxt is None or scores[nxt] >= 2 or is_meta_line(lines[nxt].text)
                    or lines[nxt].heading):
                score = min(score, 1)
            if counts[c.key] < 2 and not c.has_timestamp and (not seen_turn or not own_line_style):
                # A title line (``R03``, ``Regiegesprek``), or a one-word paragraph (``G.``).
                score = min(score, 1)
        if score >= 2:
            accepted[i] = c
            seen_turn = True
    return accepted


#: The last field of a header value naming the interviewer or the day: ``; afgenomen door S.
#: Wolters``, `` – Interviewer: F. Dassen``, `` – afgenomen op 7 maart 2024``, and where: `` –
#: afgenomen op 16 mei 2024 in buurtcentrum De Kolibrie`` (blind set IW, session 16).
_WHO_ASKED_FIELD = re.compile(
    r"\s*(?:;|\||\s[–—-]\s)\s*(?:(?:afgenomen|gehouden|gevoerd|uitgewerkt)\s+(?:door|op)|interviewer\s*:?)"
    r"\s+[^\s;|]+(?:\s+[^\s;|]+){0,3}(?:\s+(?:in|bij|te|op)\s+[^\s;|]+(?:\s+[^\s;|]+){0,3})?$", re.IGNORECASE)


def header_value_is_name(text: str) -> bool:
    """``SA``, ``Sanne de Wit (onderzoeker)``, ``R4``: a short value naming a person or code.

    A closing parenthesis is set aside first: ``Ingrid Dekker, procesregisseur (opname 52 min.,
    uitgewerkt door IV)`` names a person as much as without it; so does a trailing field that
    says who asked (``Ruud Kramer (reclassering); afgenomen door S. Wolters``)."""
    t = _WHO_ASKED_FIELD.sub("", _FORM_OF_ADDRESS.sub("", text.strip())).strip() or text.strip()
    t = re.sub(r"\s*\([^()\n]{1,80}\)$", "", t) or t
    if not t or len(t.split()) > 6 or len(t) > 60 or t[-1] in ".?!…" or not (t[0].isupper() or t[0].isdigit()):
        return False
    # ``Interviewer: Thea, fijn dat ik bij`` (a subtitle cue's first line, blind set IW): the
    # speaker addresses someone; no header value speaks of "ik" or "je"
    return not _SPEAKING_PRONOUN.search(t)


_SPEAKING_PRONOUN = re.compile(r"(?i)(?<![\w'’-])(?:ik|je|jij|jou|jullie|we|wij|mij|me|u)(?![\w'’-])")


def role_hint(c: Candidate) -> tuple[str, str] | None:
    """From a header line ``Interviewer: Sanne``: ``("sanne", "interviewer")``."""
    role = role_from_label(c.label)
    value = " ".join(c.text.split())
    if role and value:
        value = re.sub(rf"\s*{_PAREN}$", "", value)
        return speaker_key(value), role
    return None


# --- header lines that carry several fields ------------------------------------------------
#
# Typists and transcription tools write the interview's metadata on one line, often starting
# with a role word: ``Respondent: Esther Schouten, procesregisseur. Interviewer: onderzoeker (I).
# Duur: 58 min.``, ``Interviewer: SA | Respondent: R4 | Datum: 3 maart 2024``. The first label
# makes such a line look like a turn; the further fields give it away.

#: Keys of fields inside a header line: the metadata keys plus a few that only occur there.
HEADER_KEYS = META_KEYS | frozenset("""
aanwezig aanwezigen afwezig audio video legenda uitwerking uitgewerkt afgenomen interviewers respondenten
geinterviewden sprekers spreker rol rollen functie functies
""".split())
#: Where one field of a header line ends and the next begins.
_FIELD_BREAK = re.compile(r"\s*(?:\||¦|;|•|·|\t|\s[–—]\s|\s-{1,2}\s|(?<=[.!?])\s+|,\s+)\s*")
_FIELD = re.compile(rf"(?P<key>[^\W\d_][\w.\-]*(?: [\w.\-]+){{0,2}}?)[ \t]*(?:{_PAREN})?[ \t]*:(?!\d)")
_LEGEND = re.compile(r"(?P<code>[^\W_][\w.\-]{0,15}(?: \d{1,2})?)[ \t]*=[ \t]*(?P<role>[^\W\d_][\w\-]*)")
_KEY_THEN_NUMBER = re.compile(r"(?P<key>[^\W\d_][\w\-]*)[ \t]+\d")
#: Endings of Dutch job titles that follow a name in a header line (``Karin, wijkagent``).
FUNCTION_ENDINGS = ("regisseur", "agent", "werker", "werkster", "coordinator", "verpleegkundige", "manager",
                    "leider", "leidster", "onderzoeker", "adviseur", "consulent", "officier", "medewerker",
                    "kundige", "rechter", "ambtenaar", "behandelaar", "begeleider", "hulpverlener",
                    "contactpersoon", "directeur", "voorzitter", "jurist", "psycholoog", "toezichthouder",
                    # ``jeugdarts (J.M. Kuiper)`` (blind set MA); not the adverbs in ``-waarts``
                    "arts", "psychiater", "therapeut", "pedagoog", "rechercheur", "advocaat", "docent",
                    "mentor", "specialist", "bewindvoerder")


def is_function_word(word: str) -> bool:
    """Does ``word`` end like a Dutch job title (``wijkagent``, ``jeugdarts``; not ``voorwaarts``)?"""
    w = fold(word).strip(".,")
    return w.endswith(FUNCTION_ENDINGS) and not w.endswith("waarts")
#: At most this many words on a header line (a spoken turn that reads the metadata out is longer).
MAX_HEADER_WORDS = 40


@dataclass(frozen=True)
class HeaderField:
    """One ``Key: value`` (or ``code = role``) field found inside a line.

    ``strong`` fields are unmistakable (a capitalised role word, speaker number or metadata
    key followed by a colon, or a legend ``I = interviewer``); weak ones also occur in speech
    (``duur 58 min``, ``respondent: ...`` in lower case).
    """

    key: str
    value: str
    strong: bool


def _field_key_kind(key: str) -> str | None:
    """``role`` for role words and speaker numbers, ``meta`` for metadata keys, else None."""
    if is_role_label(key):
        return "role"
    words = fold(key).strip(" .").split()
    return "meta" if words and words[0] in HEADER_KEYS else None


def header_fields(text: str) -> list[HeaderField]:
    """The fields inside ``text`` (the part of a line after its leading label).

    Parameters
    ----------
    text : str
        E.g. ``"Esther Schouten, procesregisseur. Interviewer: onderzoeker (I). Duur: 58 min."``.

    Returns
    -------
    list of HeaderField
        In order; the example gives ``Interviewer`` and ``Duur`` (both strong). A field must
        start a segment of the line (after ``|``, ``;``, a sentence end, a comma, a dash), so
        ``Nou, de respondent zei: ...`` holds none.
    """
    fields: list[HeaderField] = []
    for segment in _FIELD_BREAK.split(text):
        segment = segment.strip()
        if not segment:
            continue
        m = _FIELD.match(segment)
        if m and _field_key_kind(m.group("key")):
            fields.append(HeaderField(m.group("key"), segment[m.end():].strip(), segment[0].isupper()))
            continue
        m = _LEGEND.match(segment)
        if m and is_role_label(m.group("role")) and _field_key_kind(m.group("code")) != "meta":
            fields.append(HeaderField(m.group("code"), m.group("role"), True))
            continue
        m = _KEY_THEN_NUMBER.match(segment)
        if m and fold(m.group("key")) in HEADER_KEYS:
            fields.append(HeaderField(m.group("key"), segment[m.end("key"):].strip(), False))
    return fields


def value_head(text: str) -> str:
    """The first field value of a header line.

    ``"Esther Schouten, procesregisseur."`` → ``"Esther Schouten"``; ``"onderzoeker (I)"`` and
    ``"onderzoeker (gemeente, team Noord)"`` → ``"onderzoeker"``.
    """
    head = _FIELD_BREAK.split(text.strip(), maxsplit=1)[0]
    # a comma inside brackets breaks the field there: ``Rachid Amrani (regisseur, voorheen Halt)``
    head = re.sub(r"\s*\([^()]*$", "", head)
    return re.sub(rf"\s*{_PAREN}.*$", "", head).strip(" .:")


#: A function or role followed by a speaker code in brackets: ``schuldhulpverlener (R)``.
_FUNCTION_WITH_CODE = re.compile(r"[^\W\d_][\w-]*(?:\s+[^\W\d_][\w-]*){0,2}\s*\([A-Z]{1,3}\d{0,2}\)(?:[\s,;.]|$)")


_JOB_MODIFIERS = frozenset({"senior", "junior", "ervaren", "hoofd", "eerste", "tweede", "voormalig",
                            "voormalige", "gemeentelijk", "gemeentelijke", "regionaal", "regionale"})


#: Endings of the adjectives before a job title (``sociaal``, ``psychiatrisch``, ``maatschappelijk``).
_JOB_ADJECTIVE = re.compile(r"(?:isch|aal|eel|ief|lijk|ant|ent|air|iek)$")


def names_function(head: str) -> bool:
    """Is a header value's head a job title, optionally with its organisation
    (``gezinsmanager Jeugdbescherming``, ``wijkagent bij Politie Noord``)?

    Only capitalised words (the organisation) and ``bij``/``van``/``de``/``het``/``en`` may follow the
    title, so speech that starts with a function word (``regisseur zijn is lastig``) is not one.
    """
    words = re.sub(r"\s*\(.*$", "", head).split()  # ``... (aandachtsgebied ketensamenwerking)``
    if len(words) > 1 and fold(words[0]) in _JOB_MODIFIERS:
        words = words[1:]  # ``senior medewerker Veilig Thuis``
    for _ in range(2):  # ``sociaal psychiatrisch verpleegkundige``, ``forensisch medewerker``
        if (len(words) > 1 and words[0].islower() and _JOB_ADJECTIVE.search(words[0])
                and not is_function_word(words[0])):  # not ``wijkagent``
            words = words[1:]
    if not words or len(words) > 5 or not is_function_word(words[0]):
        return False
    return all(w[0].isupper() or fold(w) in ("bij", "van", "de", "het", "en") for w in words[1:])


def names_role_holder(text: str) -> bool:
    """Is a header value a list of fields about the person interviewed, too long for
    :func:`header_value_is_name` (``Hanneke Kodde, senior medewerker Veilig Thuis, MDA++-trajecten``,
    ``procesregisseur radicalisering, Zorg- en Veiligheidshuis Parkstad``,
    ``jeugdagent / Top400-contactpersoon politie``)?

    Fields separated by commas or by a slash between spaces, no sentence end; the first a name
    (capitalised words) or a job title, with at most one lower-case word after it (its
    portfolio); a later one a job title (with its portfolio) or an organisation (capitalised words with ``en``/``van``/``de``/``het``/``bij``/``voor``). Speech
    (``Goed, Veilig Thuis doet dat``) has a verb in lower case in every later field.
    """
    t = " ".join(text.split())
    # a further ``Key:`` makes it a line of several fields (:func:`is_metadata_line`), read there
    if not t or t[-1] in ".?!…" or ":" in t or not _ROLE_FIELD_BREAK.search(t) or len(t.split()) > 12:
        return False
    first, *rest = [f.strip() for f in _ROLE_FIELD_BREAK.split(t)]
    first = _FORM_OF_ADDRESS.sub("", first)  # ``mevr. J. Zwart``
    # ``Ilse Donkers (47)``, ``Sanne de Groot (Thuiszorg Vlietlanden)``: an age or employer in brackets
    first = re.sub(r"\s*\((?:\d{2}(?: jaar)?|[A-Z][^()]{0,40})\)", "", first)
    words = first.split()
    connectors = ("en", "van", "de", "het", "bij", "voor", "der", "den")
    name_first = 1 <= len(words) <= 4 and header_value_is_name(first) and all(
        w[0].isupper() or fold(w) in connectors for w in words) and fold(words[0]) not in _ANSWER_WORDS
    if not (name_first or _title_with_portfolio(first)):
        return False
    return any(f and (_title_with_portfolio(f) or _EMPLOYER_FIELD.fullmatch(f) or _WHEN_FIELD.fullmatch(f)
                      or all(_title_with_portfolio(part) for part in f.split(" en "))  # two titles
                      or all(w[0].isupper() or fold(w) in connectors for w in f.split()))
               for f in rest)


#: Words that open a spoken answer, not a name: ``Ja, toezichthouder en regisseur``.
_ANSWER_WORDS = frozenset({"ja", "nee", "nou", "oke", "oké", "goed", "tja", "ach", "eh", "hm", "precies", "klopt"})
#: A form of address before the name of the person interviewed: ``mevr. J. Zwart``, ``dhr. De Vries``.
_FORM_OF_ADDRESS = re.compile(r"^(?i:mevr\.?|mw\.?|dhr\.?|mevrouw|meneer|de\s+heer)\s+(?=[A-Z])")
#: A name written with initials: ``A. Peeters``, ``F.J. de Vries`` (followed by a field break or the end).
_INITIALS_AND_SURNAME = re.compile(
    r"(?:[A-Z]\.\s?){1,4}\s*(?:(?:van|de|der|den|ter|ten|het|'t|in)\s+)*[A-Z][^\W\d_]+(?:-[A-Z][^\W\d_]+)?"
    r"(?=\s*(?:\(|,|;|\||\s[–—-]\s|$))")
#: An employer in a header field: ``gemeente Alkmaar``, ``politie Noord-Holland Noord``.
_EMPLOYER_FIELD = re.compile(r"(?:gemeente|politie|provincie|regio|stichting|team)(?:\s+[A-Z][\w'’-]*){1,3}")


#: When and how long, as header fields: ``3 april 2024``, ``12-03-2024``, ``17 minuten``, ``58 min.``.
_WHEN_FIELD = re.compile(
    r"(?i)\d{1,2}\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?\s+\d{4}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}"
    r"|\d{1,3}\s*(?:minuten|min\.?|uur|kwartier)")
#: Fields of a header value: commas, or a slash between spaces (``jeugdagent / Top400-contactpersoon politie``).
_ROLE_FIELD_BREAK = re.compile(r",|\s/\s")


def _title_with_portfolio(field: str) -> bool:
    """A job title, or a title and one lower-case word (``procesregisseur radicalisering``,
    ``Top400-contactpersoon politie``), or a title and its employer (``casusregisseur gemeente
    Amsterdam``, blind set ND), or both (``regisseur nazorg gemeente Rotterdam``, blind set NJ)."""
    words = field.split()
    if len(words) >= 4 and words[1].islower() and _EMPLOYER_FIELD.fullmatch(" ".join(words[2:])):
        words = words[:1] + words[2:]  # the portfolio set aside; the title and employer judged below
    return (names_function(field) or (len(words) == 2 and words[1].islower() and names_function(words[0]))
            or (len(words) >= 3 and names_function(words[0])
                and _EMPLOYER_FIELD.fullmatch(" ".join(words[1:])) is not None))


def value_names_someone(text: str) -> bool:
    """Does a header value start with a person, code or role (``Esther Schouten, ...``,
    ``R4``, ``onderzoeker (I)``, ``[naam]``, ``mw. A. Peeters``) rather than with speech (``Ja, eh, ...``)?"""
    text = _FORM_OF_ADDRESS.sub("", text.strip())
    if _INITIALS_AND_SURNAME.match(text):
        return True  # ``A. Peeters``: the sentence break after an initial would cut the name apart
    head = value_head(text)
    words = head.split()
    # An exclamation is speech ("Interviewer: Inderdaad!"); no header value carries one.
    if not words or len(words) > 5 or "!" in head:
        return False
    if re.fullmatch(r"\[[^\[\]]{1,30}\]|<[^<>]{1,30}>", head):
        return True  # a placeholder such as ``[naam]`` or ``<respondent>``
    if is_role_label(head):
        return True
    if len(words) <= 3 and role_from_label(words[-1]) and fold(words[0]) in ("de", "het", "een"):
        return True  # ``de onderzoeker``
    if fold(words[0]).strip(".") in STOPWORDS and fold(words[0]) not in SURNAME_PARTICLES:
        return False
    if _FUNCTION_WITH_CODE.match(text.strip()):
        return True  # ``schuldhulpverlener (R), interviewer (I)``: a legend of the dialogue's labels
    if names_function(head):
        return True  # ``gezinsmanager Jeugdbescherming, regie ...``: the respondent's job, not speech
    if not all(w[0].isupper() or w[0].isdigit() or fold(w) in TUSSENVOEGSELS for w in words):
        return False
    if _CODE.fullmatch(head.replace(" ", "")):
        return True
    content = [w for w in words if fold(w) not in TUSSENVOEGSELS and w[0].isalpha()]
    if not content:
        return False
    if len(words) > 1:
        return is_person_name(head) or not all(is_dutch_word(w) for w in content)
    if not is_dutch_word(head):
        return True
    # A first name that is also a word (``Karin``, ``Mark``; the name lists even hold ``Super``
    # and ``Mooi``) only counts when a function follows: ``Karin, procesregisseur``.
    parts = _FIELD_BREAK.split(text.strip(), maxsplit=1)
    after = parts[1].split()[:1] if len(parts) > 1 else []
    return (head.casefold() in first_names() and bool(after)
            and (is_role_label(after[0]) or is_function_word(after[0])))


def is_metadata_line(c: Candidate) -> bool:
    """Is the labelled line ``c`` a header line carrying several fields?

    It is when, besides its label, it holds two unmistakable fields, or one and ``|``
    separators, or any field after a value that names someone; and it reads like a header
    (no question mark, at most :data:`MAX_HEADER_WORDS` words). ``Respondent: Esther Schouten,
    procesregisseur. Interviewer: onderzoeker (I). Duur: 58 min.`` is one; ``R: Nou, de
    respondent zei: ...`` is not.
    """
    text = c.text
    if not c.sep or "?" in text or len(text.split()) > MAX_HEADER_WORDS:
        return False
    fields = header_fields(text)
    # Unlabelled values count too: "Karim Bouzid (Veilig Thuis) – 16 januari 2025 – 14 min."
    # (blind set LL) is a name, a date and a duration.
    bare = bare_header_values(text)
    if not fields and not bare:
        return False
    strong = sum(f.strong for f in fields) + len(bare)
    return strong >= 2 or (strong >= 1 and "|" in text) or value_names_someone(text)


def bare_header_values(text: str) -> list[str]:
    """The segments of a header line that are a date or a duration (:data:`_WHEN_FIELD`) and nothing else."""
    return [s.strip() for s in _FIELD_BREAK.split(text) if s and _WHEN_FIELD.fullmatch(s.strip().rstrip("."))]


def label_form(label: str) -> str:
    """The label vocabulary a label belongs to: ``code`` (``I``, ``R6``, ``INT``, ``Int.``,
    ``KB``), ``role`` (``Interviewer``, ``Geïnterviewde``), ``generic`` (``Spreker 1``) or
    ``name`` (``Fatima``, ``Mark de Vries``)."""
    plain = re.sub(rf"\s*{_PAREN}$", "", label).strip()
    if is_generic_label(plain):
        return "generic"
    compact = plain.replace(" ", "").rstrip(".")
    if len(compact) <= 4 and (is_role_label(plain) or _CODE.fullmatch(compact)):
        return "code"
    return "role" if is_role_label(plain) else "name"


def field_hints(c: Candidate) -> dict[str, str]:
    """Speaker key → role from a header line's role fields: ``Respondent: Esther Schouten, ...``
    gives ``esther schouten`` and ``esther`` → ``respondent``."""
    hints: dict[str, str] = {}
    pairs = [(c.label, c.text)] + [(f.key, f.value) for f in header_fields(c.text)]
    for key, value in pairs:
        role = role_from_label(key)
        head = value_head(value)
        # ``onderzoeker (I)``, ``[naam]``: the value names a role or hides the name; no speaker key.
        if (role and head and value_names_someone(value) and not is_role_label(head)
                and not names_function(head) and head[0] not in "[<" and head.split()[0] not in ("de", "het", "een")):
            hints.setdefault(speaker_key(head), role)
            hints.setdefault(speaker_key(head.split()[0]), role)
    return hints


def clean_text(text: str) -> str:
    """NFC, invisible characters removed; whitespace left for the caller to normalise."""
    text = unicodedata.normalize("NFC", text)
    return _INVISIBLE.sub("", text)


_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a-\u202e]")
