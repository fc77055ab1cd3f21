"""Pattern detectors for what deduce misses or splits badly in interview text.

Each detector is registered in :data:`DETECTORS` (name → function ``(text, allow_list) ->
iterable of Detection``). Add one with :func:`register` or :func:`register_regex`; the
pseudonymiser runs all of them next to deduce and resolves overlaps by priority (higher wins).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Callable, Iterable

from .allow_list import AllowList
from .engine import Detection

Detector = Callable[[str, AllowList], Iterable[Detection]]
DETECTORS: dict[str, Detector] = {}

#: Priorities: structured identifiers beat names; deduce's own spans come in at 10–20.
PRIORITY = {
    "EMAIL": 100, "URL": 95, "BSN": 90, "DOSSIER": 90, "TELEFOON": 85, "POSTCODE": 80,
    "ADRES": 70, "DATUM": 60, "INSTELLING": 40, "LOCATIE": 35, "LEEFTIJD": 30,
}


def register(name: str) -> Callable[[Detector], Detector]:
    """Decorator: add a detector function to :data:`DETECTORS` under ``name``."""

    def wrap(func: Detector) -> Detector:
        DETECTORS[name] = func
        return func

    return wrap


def register_regex(name: str, kind: str, pattern: str, *, group: int | str = 0, flags: int = 0,
                   check: Callable[[re.Match, str, AllowList], bool] | None = None,
                   priority: int | None = None) -> Detector:
    """Register a regular-expression detector.

    Parameters
    ----------
    name : str
        Registry key.
    kind : str
        Pseudonym type of what it finds.
    pattern : str
        The regex; ``group`` selects the identifier inside the match (context stays).
    check : callable, optional
        ``check(match, text, allow_list) -> bool``; a match is kept only when it returns True.
    """
    regex = re.compile(pattern, flags)
    prio = PRIORITY.get(kind, 50) if priority is None else priority

    def detect(text: str, allow_list: AllowList) -> Iterable[Detection]:
        for m in regex.finditer(text):
            if check is not None and not check(m, text, allow_list):
                continue
            start, end = m.span(group)
            start, end = _strip_edges(text, start, end)
            if end > start:
                yield Detection(start, end, kind, f"pattern:{name}", prio)

    DETECTORS[name] = detect
    return detect


_EDGE = ".,;:!?)('\"“”‘’»«[]"


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop white space and punctuation around a match; keep brackets that pair up: "(020) 612"."""
    def paired(i: int) -> bool:
        return (text[i] == ")" and "(" in text[start:i]) or (text[i] == "(" and ")" in text[i:end])

    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE) and not paired(end - 1):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in "([\"'“‘«") and not paired(start):
        start += 1
    return start, end


MONTHS = (r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
          r"|december|jan|feb|febr|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?(?![\w])")
WEEKDAYS = r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?"
ORDINAL = r"\d{1,2}(?:e|ste|de|ë)?"
YEAR = r"(?:(?:19|20)\d{2}|'\d{2})"

# ---------------------------------------------------------------------------- contact details
register_regex("email", "EMAIL", r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?!\w)")
register_regex(
    "url", "URL",
    r"(?:https?://|www\.)[^\s<>\"]+"
    r"|(?<![@\w.-])(?:[\w-]+\.)+(?:nl|com|org|net|eu|be|nu|info|io|de|fr|uk|edu|gov|amsterdam)"
    r"(?:/[^\s<>\"]*)?(?![\w-])",
)
# Dutch numbers: 0 + 9 digits, or +31 / 0031 + 9 digits, separators and (0) allowed.
# Separators as people type them: "06-12345678", "020 - 579 31 12", "020/5793112", "06–1234 5678".
_SEP = r"(?:\s?[-–/.]\s?|\s)?"
register_regex(
    "phone", "TELEFOON",
    rf"(?<![\w+])(?:(?:\+|00)31[ .-]?(?:\(0\)[ .-]?)?|\(?0)[1-9](?:\)?{_SEP}\d){{8}}(?!\d)",
)
# Foreign numbers: "+48 601 234 567", "0032 470 12 34 56", "+212 (0)6 12 34 56 78".
register_regex(
    "phone_international", "TELEFOON",
    r"(?<![\w+])(?:\+|00)(?!31)[1-9]\d{0,2}[ .-]?(?:\(0\)[ .-]?)?\d(?:(?:\s?[-.]\s?|\s)?\d){6,12}(?!\d)",
)
# Spelled-out addresses: "s.degraaf at roc-voorbeeld punt nl", "jan(at)gemeente(dot)nl".
_AT = r"(?:\s*(?:\(at\)|\[at\]|\{at\}|\(@\)|\[@\])\s*|\s+(?:at|apenstaartje|a-tje)\s+)"
_DOT = r"(?:\s*(?:\.|\(dot\)|\[dot\]|\(punt\)|\[punt\])\s*|\s+(?:punt|dot)\s+)"
_TLD = r"(?:nl|com|org|net|eu|be|nu|info|io|de|fr|uk|pl|tr|ma|sr|es|it|amsterdam)"
register_regex(
    "email_spelled", "EMAIL",
    rf"(?i)(?<![\w.+-])[\w.+-]*\w{_AT}[\w-]+(?:{_DOT}[\w-]+)*?{_DOT}{_TLD}(?![\w-])",
)
# Handles on social media: "@kwame.kmsi" (not the "@" inside an e-mail address).
register_regex("handle", "URL", r"(?<![\w.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])",
               priority=95)


def _bsn_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    return len(re.sub(r"\D", "", m.group(1))) == 9


def elfproef(digits: str) -> bool:
    """The BSN check: 9 digits, sum of digit × (9, 8, ..., 2, -1) divisible by 11, not all zero."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    weights = (9, 8, 7, 6, 5, 4, 3, 2, -1)
    return sum(int(d) * w for d, w in zip(digits, weights)) % 11 == 0


# A BSN without the word: nine digits as people write them (123456782, 1234.56.782, 123 456 782)
# that pass the elfproef. Phone numbers have ten digits; amounts rarely nine.
register_regex(
    "bsn_elfproef", "BSN",
    r"(?<![\w.,/-])(\d{9}|\d{4}[. ]\d{2}[. ]\d{3}|\d{3}[. ]\d{3}[. ]\d{3}|\d{2}[. ]\d{3}[. ]\d{2}[. ]\d{2})"
    r"(?![\w/-]|[.,]\d)",
    group=1, check=lambda m, text, al: elfproef(re.sub(r"\D", "", m.group(1))),
)
# "zijn BSN stond op de brief: 123.456.782": the word, a few words, then the number.
register_regex(
    "bsn_later", "BSN",
    r"(?i)\b(?:bsn|burgerservicenummer|sofi-?nummer)\b(?:[^\d\n]{0,40}?)(\d(?:[ .]?\d){8})(?!\d)",
    group=1, check=lambda m, text, al: len(re.sub(r"\D", "", m.group(1))) == 9,
)
register_regex(
    "bsn", "BSN",
    r"(?i)\b(?:bsn|burgerservicenummer|sofi-?nummer)(?:-?nummer)?\s*(?::|is|was)?\s*(\d(?:[ .]?\d){8})(?!\d)",
    group=1, check=_bsn_ok,
)
register_regex(
    "dossier", "DOSSIER",
    r"(?i)\b(?:dossier|zaak|parket|cli[eë]nt|registratie|kenmerk|referentie|pv|proces-verbaal|vonnis"
    r"|aangifte|bvh|cjib|klant|polis|factuur|rol|casus|meldings?|signaal|verbalisant)"
    r"[- ]?(?:nummer|nr\.?|no\.?|#|id)\s*(?:(?::|is|was|=)\s*)?"
    r"((?:[a-z]{1,4}[-/ ]?)?\d[\w./-]*\d|\d)",
    group=1,
)
# "zijn dossiernummer was trouwens 88123", "het zaaknummer van meneer is 22/004518": a few words between.
register_regex(
    "dossier_later", "DOSSIER",
    r"(?i)\b(?:dossier|zaak|parket|cli[eë]nt|registratie|kenmerk|referentie|bvh|meldings?|signaal)"
    r"[- ]?(?:nummer|nr\.?)\s*(?:[,:]\s*)?(?:(?:[a-zë]+|eh|,)\s+){1,4}?"
    r"((?:[a-z]{1,4}[-/ ]?)?\d[\d./-]{2,}\d)(?![\w/-]|[.,]\d)",
    group=1,
)
# "Dossier 21-0977", "zaak 2023/114": the word itself, then a number of two parts.
register_regex(
    "dossier_code", "DOSSIER",
    r"(?i:\b(?:dossier|zaak|parket|casus|kenmerk)\s*:?\s+)((?:[A-Z]{1,4}[-/ ]?)?\d{2,}[-/]\d{2,}(?:[-/]\d+)*)"
    r"(?![\w/-]|[.,]\d)",
    group=1,
)
# "gewoon een nummer, 22-0871", "op zijn huurcontract, 40-18833": a two-part number right after the
# word "nummer" or "contract", or a few words on ("zijn huurcontract destijds gedaan, 2207-4418")
# (not "2021-2022", not a phone number "06-12345678"); also after a form or a decision: "een
# aanmeldformulier liggen, 24-0193" (blind set JS).
register_regex(
    "number_serial", "DOSSIER",
    r"(?i:\b\w*(?:nummer|contract|formulier|beschikking)(?:\s+[a-zë]+){0,3}?\s*[,:]?\s+(?:is\s+|was\s+)?)([1-9]\d{1,3}[-/]\d{3,}(?:[-/]\d+)*)(?![\w/-]|[.,]\d)",
    group=1, check=lambda m, text, al: re.fullmatch(r"(?:19|20)\d\d[-/](?:19|20)\d\d", m.group(1)) is None,
)
register_regex(
    "number_code", "DOSSIER",
    r"(?i:\b(?:nummer|nr\.?|code|kenmerk)\s+(?:is\s+|was\s+)?)((?=[\w/-]*\d)(?=[\w/-]*[A-Za-z-])[A-Z0-9][\w/-]*\d)",
    group=1,
)


_CASE_CONTEXT = re.compile(r"(?i)\b(?:dossier|zaak|parket|cli[eë]nt|registratie|kenmerk|referentie|casus"
                           # "Staat in de monitor onder N23-112" (blind set MU)
                           r"|nummer|nr|code|id|systeem|monitor|register"
                           # "Ik heb hier wel een lijstje liggen, 23-0412 bijvoorbeeld" (blind set NL)
                           r"|lijst)\w*\b[^.!?\n]{0,40}"
                           # or said just before: "Nummer gekregen. 23-114872" (blind set LY)
                           r"(?:[.:]\s+)?$")

# A bare number after a word for the number it is: "onder leerlingnummer 208817" (blind set MD),
# "klantnummer 4471023"; not a phone or house number.
_NUMBER_NOUN = re.compile(r"(?i:(?<![\w-])(?P<noun>[a-zà-ÿ]*nummer|[a-zà-ÿ]*nr\.?)\s*:?\s+(?:is\s+|was\s+)?)"
                          r"(?P<number>\d{5,12})(?![\w/-]|[.,]\d)")
register_regex(
    "number_after_noun", "DOSSIER", _NUMBER_NOUN.pattern, group="number",
    check=lambda m, text, allow_list: not re.match(r"(?i)(?:telefoon|mobiel|huis|tel|gsm|06|noodnummer|fax)",
                                                   m.group("noun")),
)


def _after_case_words(m: re.Match, text: str, allow_list: AllowList | None = None) -> bool:
    """Words just before the match say it is a case number: "zijn dossier is 3B-0117"; a month
    and year ("op de lijst sinds 03-2021") is none."""
    if re.fullmatch(r"(?:0[1-9]|1[0-2])-(?:19|20)\d\d", m.group(0)):
        return False
    return _CASE_CONTEXT.search(text, max(0, m.start() - 60), m.start()) is not None


def _code_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    code = m.group(0)
    prefix = re.match(r"[A-Z0-9]+", code).group(0)
    numbers = re.findall(r"(?<=[-/])\d+(?=[-/]|$)", code)
    if len(numbers) >= 2:  # ZVH-2023-0562, T4N-2022-0117: a prefix plus two numbers is a case code
        return True
    if not numbers:
        return False
    year = re.fullmatch(r"(?:19|20)\d{2}", numbers[0]) is not None
    allowed = allow_list.contains(prefix) or allow_list.contains(re.sub(r"\d+$", "", prefix))
    serial = re.fullmatch(r"0\d{3,}", numbers[0]) is not None  # "PGA-0417": no year starts with 0
    if allowed and not serial and (year or not re.search(r"[A-Z]-[A-Z]", code)):
        return False  # "ISD-2019" is an allow-listed measure and a year; "PGA-BRD-0093" is a case
    if _after_case_words(m, text):
        return True
    # One number without such words: letters (+ digits) as in "TOP-20210" or "T600-0254" with four or
    # more digits; a mixed prefix ("T4N", "3B"), a short number (COVID-19) or a year ("A2-2019",
    # "Q3-2021") is too ambiguous.
    return (re.fullmatch(r"[A-Z]+\d*", prefix) is not None and len(numbers[0]) >= 4
            and re.fullmatch(r"(?:19|20)\d{2}", numbers[0]) is None)


# Case codes: TOP-2021-0932, ZVH-2023-0562, T600-2013-0254, VT-ZW-2021-04418, R600/2019/3312, T4N-2022-0117,
# 3B-2021-0045, HLT/UTR/23-117: a prefix of capitals and digits with at least one capital, then numbers after - or /.
# A register's initials may have a lower-case particle: "HvB-MH-23-031" (Huis van Bewaring).
# Two lower-case letters too: "RvdK-ROT-22-04417" (Raad voor de Kinderbescherming, blind set LX).
# A number with a lower-case letter inside a code: "WH-13b-2023-07" (blind set MD).
_CODE_PREFIX = r"(?:(?=[A-Z0-9]{0,5}[A-Z])[A-Z0-9]{1,6}|[A-Z][a-z]{1,2}[A-Z]{1,3}|(?<=[A-Z][-/])\d{1,3}[a-z])"
register_regex(
    "case_code", "ID",
    # a region code between the numbers: "RvdK-2022-ALM-05517" (blind set MV)
    rf"(?<![\w/-]){_CODE_PREFIX}(?:[-/]{_CODE_PREFIX})*[-/]\d{{2,8}}(?:[-/](?:[A-Z]{{2,4}}[-/])?\d{{1,8}})*"
    r"(?![\w/-]|[.,]\d)",
    check=_code_ok,
)


def _serial_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    first, sep, second = re.search(r"(\d{2})([-/])(\d+)$", m.group(0)).groups()
    if re.fullmatch(r"(?:19|20)\d{2}", second):
        # "12/2023" is a month; "COVID 19-2020" a name and a year
        return sep == "/" and int(first) > 12
    return True


# Case numbers of two-digit year and serial, with an optional register code: "ZVH-RR 23/0412",
# "23/00187" (not a month and year, "03/2024"). After a register code the serial may follow a
# hyphen, "VT-ZL 22-04418"; without one, "22-04418" is too ambiguous.
register_regex(
    "code_serial", "DOSSIER",
    r"(?<![\w/.-])(?:[A-Z][A-Z0-9]{0,5}(?:-[A-Z0-9]{1,6})*\s\d{2}[-/]|\d{2}/)\d{4,6}(?![\w/-]|[.,]\d)",
    check=_serial_ok,
)
# ... and without one when the words before say what it is: "In ons systeem is het 23-0871",
# "dossiernummer 22-04418" (blind set LF); a score "21-0" or a time "10-12" is no case.
register_regex(
    "context_serial", "DOSSIER",
    # with a register suffix too: "zaak 23-0881-LW" (blind set LQ); a letter and a full stop:
    # "het zaaknummer erbij, Z23.04417" (blind set LS)
    # or a serial and a two-digit suffix: "ik weet het nummer nog, 1184-07" (blind set NC); not a
    # phone number's area code, "één nummer, 0320-28 61 90"
    r"(?<![\w/.-])(?:(?:\d{2}-|[A-Z]{1,3}\d{2}[-.])\d{4,6}(?:-[A-Z]{1,4})?|(?!(?:19|20)\d\d-|0)\d{3,6}-\d{2}(?!\s\d))"
    r"(?![\w/-]|[.,]\d)",
    check=_after_case_words,
)
# A police investigation by its code name: "Onderzoek Zilverreiger" (blind set LR); one
# capitalised word, not a name of more words ("onderzoek Veilig Thuis"). Not "Operatie Kompas",
# which names public programmes in the style sets.
register_regex(
    "investigation_name", "DOSSIER",
    r"(?i:(?<![\w-])(?:onderzoek|politieonderzoek|opsporingsonderzoek|rechercheonderzoek)\s+)"
    r"(?P<name>[A-Z][a-zà-ÿ]{3,})(?![\w-]|\s+[A-Z])",
    group="name",
    check=lambda m, text, allow_list: not (allow_list.contains(m.group("name")) or _is_place(m.group("name"))),
)


def _is_place(word: str) -> bool:
    from . import lexicon

    return lexicon.is_place_name(word)
# Year plus serial number, "2021-0388", "2022-1143", with a register suffix "2023-0417-OT" or a
# region or programme code between them, "2023-ZO-0417", "2023-T400-0577" (blind set HP, session 14;
# not a span of years "2021-2022", not a date).
register_regex(
    "year_serial", "DOSSIER",
    r"(?<![\w/.-])(?:19|20)\d{2}[-/](?:[A-Z][A-Z0-9]{0,5}[-/])?(?!(?:19|20)\d{2}(?!\d))\d{3,7}(?:-[A-Z]{1,4})?"
    r"(?![\w/-]|[.,]\d)",
)


def _plate_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    groups = m.group(1).split("-")
    kinds = {g.isdigit() for g in groups}
    return len("".join(groups)) == 6 and kinds == {True, False}


# Dutch number plates: GZ-418-K, 12-ABC-3, 99-XX-99 (three groups, six characters, letters and digits).
register_regex(
    "number_plate", "ID",
    r"(?<![\w-])((?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3}))(?![\w-])",
    group=1, check=_plate_ok,
)
register_regex(
    "number_plate_context", "ID",
    r"(?i:\bkenteken(?:nummer)?\s*(?::|is|was)?\s*)([a-z0-9]{1,3}-?[a-z0-9]{1,3}-?[a-z0-9]{1,3})(?![\w-])",
    group=1, check=lambda m, text, al: any(c.isdigit() for c in m.group(1)) and any(c.isalpha() for c in m.group(1)),
)
# Bank account numbers, as people read them out or copy them: "NL91 ABNA 0417 1643 00",
# "NL20INGB0001234567" (the Dutch form: country, two check digits, four bank letters,
# ten digits), and foreign IBANs of groups of four ("BE68 5390 0754 7034"), in capitals as written
# down. No checksum test: an account number typed with a slip identifies as much.
register_regex(
    "iban", "ID",
    r"(?<![\w-])(?:NL\d{2}[ ]?[A-Z]{4}(?:[ ]?\d){10}"
    r"|(?!NL)[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?)(?![\w-])",
    check=lambda m, text, al: sum(c.isdigit() for c in m.group(0)) >= 8, priority=92,
)
# Bank and credit card numbers: sixteen digits in four groups of four ("5412 7534 8821 0096").
register_regex("card_number", "ID", r"(?<![\w.,/-])\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?![\w/-]|[.,]\d)",
               priority=92)
# Parketnummer form 13/123456-19.
register_regex("parketnummer", "DOSSIER", r"(?<![\w/])\d{2}/\d{6}-\d{2}(?![\w/])")


def _postcode_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    letters = m.group(0)[-2:]
    # "in 2019 OM en politie": the letters are an allow-listed acronym, not a postcode.
    return not allow_list.contains(letters)


register_regex("postcode", "POSTCODE",
               r"(?<![\w-])[1-9]\d{3}(?:\s?(?!SA|SD|SS)[A-Z]{2}|(?!sa|sd|ss)[a-z]{2})(?!\w)",
               check=_postcode_ok)

# ---------------------------------------------------------------------------- addresses
# Not "dam", "veld", "brug": they end place names ("Amsterdam 2021" is no address).
STREET_SUFFIX = (r"(?:straat|laan|weg|plein|gracht|kade|dijk|singel|steeg|dreef|hof|park|markt|pad"
                 r"|plantsoen|baan|boulevard|burgwal|wal|kwartier|zijde|haven|dwarsweg|allee"
                 r"|promenade|dok|werf|schans|wetering|vaart|hoven|gaarde|straatweg)")
_NAME_WORD = r"[A-Z][\w'.-]*"
STREET = (rf"(?:{_NAME_WORD}\s+(?:(?:{_NAME_WORD}|van|de|der|den|het|ter|ten|te|'t)\s+){{0,3}})?"
          rf"[A-Z][\w'-]*?{STREET_SUFFIX}(?:je|tje|etje)?(?![\w-])")  # "Schorrendijkje", "Kerkpaadje"
# 12, 12a, 12 A, 12-3, 212-II, 101-huis, 14 hs, 8bis, 33 III, 12A-2.
HOUSE_NUMBER = (r"\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:-\d{1,4}|[- ]?(?:hs|huis|bg|bis|zw|rd|I{1,3}|IV|V)(?![\w])"
                r"|-?[a-zA-Z](?![\w]))?")

# "-hoeve" names farms and care farms as often as streets, so only a house number makes it an address
# ("Wulpenhoeve 212", blind set LV, session 20).
register_regex("address", "ADRES",
               rf"(?<![\w-])(?:{STREET}|[A-Z][\w'-]*?hoeve)\s+{HOUSE_NUMBER}(?![\d])")


def _street_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    from .lexicon import is_dictionary_word, is_street_name
    from .names import sentence_start

    words = m.group(0).split()
    if allow_list.contains(m.group(0)):
        return False
    if len(words) == 1 and is_dictionary_word(words[0]):
        # "Snelweg" is an ordinary word, "Stationsstraat" a street in half the towns of the country:
        # capitalised inside a sentence and on the street list, it is the street.
        return is_street_name(words[0]) and not sentence_start(text, m.start())
    return True


# Below deduce's names (10): "Bram Hoogendijk" is a person, not a street ending in -dijk.
register_regex("street", "LOCATIE", rf"(?<![\w-]){STREET}", check=_street_ok, priority=5)

_NOT_A_STREET = re.compile(rf"(?i)^(?:{MONTHS}|{WEEKDAYS}|top|nummer|huisnummer|kamer|bus|lijn|tram|groep|klas"
                           r"|artikel|fase|niveau|level|pagina|hoofdstuk|week|dag|jaar|uur)$")


def _context_address_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    from .lexicon import is_plain_word

    name = m.group("name")
    words = name.split()
    if allow_list.contains(name) or any(allow_list.contains(w) for w in words) or _NOT_A_STREET.match(words[0]):
        return False
    # "op de Gooioord 114", "aan de Bleijenhoek 12": a proper name, not "op Bladzijde 12".
    return not all(is_plain_word(w) for w in words)


# Streets without a street-like ending, known by their context: "op de Zalmplaat 63b,", "aan Tussen Meer 58."
register_regex(
    "address_context", "ADRES",
    r"(?:\b(?:op|aan|in|naar|bij|via|van|langs|richting)\s+(?:de\s+|het\s+|['’]t\s+)?)"
    rf"(?P<addr>(?P<name>[A-ZÀ-Þ][\w'’.-]*(?:\s+(?:[A-ZÀ-Þ][\w'’.-]*|van|de|der|den|op|aan|ter|ten|te|in)){{0,3}})"
    rf"\s+(?!(?:19|20)\d{{2}}\b){HOUSE_NUMBER})"
    r"(?=\s*(?:[,.;:!?)\]]|$)|\s+(?:in|te|bij|en|of|dus|want|maar|daar|toen|hoog|driehoog|tweehoog|eenhoog)\b)",
    group="addr", check=_context_address_ok,
)

#: A number as part of a street's name: "Plein '40-'45", "Laan 1940-1945", "Plein 1813".
_STREET_NUMBER = r"['’]?\d{2,4}(?:\s?[-–]\s?['’]?\d{2,4})?"
_STREET_CANDIDATE = re.compile(r"(?<![\w'’-])[A-ZÀ-Þ][\w'’-]+(?:\s+(?:[A-ZÀ-Þ][\w'’-]+|van|de|der|den|op|aan|ter|ten|te|in"
                               rf"|{_STREET_NUMBER}(?![\w'’-]))){{1,4}}(?![\w-])")


@register("street_list")
def _listed_streets(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Multi-word street names on deduce's street list: "Amsterdamse Poort", "Laan op Zuid".

    Every sub-sequence of two to five words of a capitalised run is looked up (longest first);
    a run of ordinary words ("Veilig Thuis") must also not be allow-listed.
    """
    from .lexicon import is_street_name

    for m in _STREET_CANDIDATE.finditer(text):
        toks = [(t.start(), t.end()) for t in re.finditer(r"\S+", m.group(0))]
        i = 0
        while i < len(toks) - 1:
            for j in range(len(toks), i + 1, -1):
                s, e = m.start() + toks[i][0], m.start() + toks[j - 1][1]
                phrase = text[s:e]
                last = phrase.split()[-1]
                if phrase[:1].isupper() and (last[:1].isupper() or last[-1:].isdigit()) and is_street_name(phrase) \
                        and not allow_list.contains(phrase):
                    yield Detection(s, e, "LOCATIE", "pattern:street_list", 7)
                    i = j - 1
                    break
            i += 1

# A square or street named after years, on the street list or not: "Plein '40-'45", "Laan 1940-1945".
register_regex(
    "street_years", "LOCATIE",
    r"(?<![\w-])(?:[A-Z][\w'’-]*\s+){0,2}(?:Plein|Laan|Straat|Weg|Park|Kade|Hof|Singel|Brug|Dreef|Pad|Markt)"
    r"\s+(?:['’]\d{2}\s?[-–]\s?['’]\d{2}|(?:1[89]|20)\d{2}\s?[-–]\s?(?:(?:1[89]|20)\d{2}|\d{2}))(?![\w'’-])",
    priority=PRIORITY["LOCATIE"],
)

# ---------------------------------------------------------------------------- dates
_ORDINAL_NOUNS = (r"(?:verdieping|etage|plaats|keer|klas|graad|poging|ronde|rij|lijn|fase|stap|helft"
                  r"|instantie|orde|kamer|divisie|jaars|jaar|generatie|kwartaal|week|maand|dag|les"
                  r"|gesprek|afspraak|zitting|melding|kind|zoon|dochter|partner|regisseur|druk|editie)")
register_regex(
    "date_day_month", "DATUM",
    rf"(?i)(?<![\w-])(?:{WEEKDAYS}\s+(?:de\s+)?)?{ORDINAL}\s*{MONTHS}(?:\s+{YEAR}(?!\d))?",
)
register_regex("date_month_year", "DATUM", rf"(?i)(?<![\w-]){MONTHS}\s+{YEAR}(?!\d)")

# "de zomer van 2022", "voorjaar 2021", "kerst van '22", "het derde kwartaal van 2020": a season,
# holiday or quarter with its year names a span of weeks; alone ("in de zomer") it is kept.
SEASONS = (r"(?:voorjaar|najaar|zomer|winter|lente|herfst|(?:zomer|kerst|mei|herfst|voorjaars|krokus)vakantie"
           r"|kerst|kerstmis|kerstdagen|(?:eerste|tweede)\s+(?:kerst|paas|pinkster)dag|oud\s+en\s+nieuw|oudjaar|oudejaarsavond"
           r"|oudejaarsnacht|kerstavond|kerstnacht|nieuwjaarsnacht"
           r"|jaarwisseling|nieuwjaar|nieuwjaarsdag|pasen|pinksteren|hemelvaart|koningsdag|bevrijdingsdag"
           r"|carnaval|sinterklaas|ramadan|suikerfeest|offerfeest"
           r"|(?:eerste|tweede|derde|vierde|laatste)\s+(?:kwartaal|helft|half\s?jaar))")
register_regex("date_season_year", "DATUM",
               rf"(?i)(?<![\w-]){SEASONS}\s+(?:van\s+)?(?:het\s+jaar\s+)?{YEAR}(?!\d)")
# "begin 2022", "medio 2020", "eind maart 2022", "halverwege de zomer van 2021".
# "op tweede kerstdag", "Tweede Paasdag", "met oudejaarsavond": a holiday of one day names a date as
# "26 december" does, also without its year (blind sets LU, LV, LW, session 20; the authors of the
# style sets marked 37 of 42 such days as dates). Spans ("met kerst", "de zomer") stay, and so does
# a day that recurs ("elk jaar rond eerste kerstdag", "voordat het weer oudejaarsavond is").
_ONE_DAY_HOLIDAY = (r"(?i:(?:eerste|tweede)\s+(?:kerst|paas|pinkster)dag|kerstavond|kerstnacht"
                    r"|oudejaars(?:avond|dag|nacht)|nieuwjaars(?:dag|nacht)|koning(?:s|inne)dag"
                    r"|bevrijdingsdag|hemelvaartsdag|pakjesavond|sinterklaasavond|valentijnsdag"
                    r"|moederdag|vaderdag)|Goede\s+Vrijdag")
_RECURRING = re.compile(r"(?i)\b(?:elk|elke|ieder|iedere|jaarlijks|altijd|weer|steeds)\b[^.!?;]{0,25}$")


def _one_day_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    return not _RECURRING.search(text[max(0, m.start() - 40):m.start()])


register_regex("date_holiday", "DATUM", rf"(?<![\w-]){_ONE_DAY_HOLIDAY}(?![\w-])", check=_one_day_ok)
register_regex(
    "date_qualified_year", "DATUM",
    rf"(?i)(?<![\w-])(?:begin|eind|einde|medio|midden|half|halverwege|hartje)\s+"
    rf"(?:(?:van\s+)?(?:de\s+|het\s+)?(?:{MONTHS}|{SEASONS})\s+)?(?:van\s+)?{YEAR}(?!\d)",
)
_UNITS = ["één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TWENTIES = [f"{u}{sep}twintig" for u in ["een", "één"] + _UNITS[1:] for sep in ("en", "ën")]
_ORDINAL_WORDS = (["eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende",
                   "tiende", "elfde", "twaalfde", "dertiende", "veertiende", "vijftiende", "zestiende",
                   "zeventiende", "achttiende", "negentiende", "twintigste", "dertigste"]
                  + [f"{w}ste" for w in _TWENTIES] + ["eenendertigste", "éénendertigste"])
DAY_WORDS = ("(?:" + "|".join(sorted(
    set(_UNITS + ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien",
                  "achttien", "negentien", "twintig", "dertig", "eenendertig", "éénendertig"]
        + _TWENTIES + _ORDINAL_WORDS), key=lambda w: (-len(w), w))) + ")")
_FULL_MONTHS = (r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
                r"|december)(?![\w])")
# A month fixed by a year counted from now (blind sets HQ, HV, HW, session 14: "juni vorig jaar",
# "maart vorig jaar"): with the interview's date it names a month of a year, as "maart 2023" does.
# A month alone, also with "begin" or "eind", stays (as bare months do).
register_regex(
    "date_month_relative", "DATUM",
    rf"(?i)(?<![\w-])(?:(?:begin|eind|einde|medio|half|halverwege)\s+)?{_FULL_MONTHS}"
    rf"\s+(?:van\s+)?(?:vorig|verleden|afgelopen|dit|volgend|komend)\s+jaar(?![\w])"
    # the year first (blind set IX, session 16: "vorig jaar mei")
    rf"|(?<![\w-])(?:vorig|verleden|afgelopen|volgend|komend)\s+jaar\s+(?:in\s+)?"
    rf"(?:(?:begin|eind|einde|medio|half)\s+)?{_FULL_MONTHS}",
)
# Dates in words: "vijftien maart", "op eenendertig mei", "vrijdag de drieëntwintigste juni".
register_regex(
    "date_words", "DATUM",
    rf"(?i)(?<![\w-])(?:{WEEKDAYS}\s+(?:de\s+)?)?{DAY_WORDS}\s+{_FULL_MONTHS}(?:\s+{YEAR}(?!\d))?",
)
register_regex("date_numeric", "DATUM",
               r"(?<![\w/.-])\d{1,2}([-/.])\d{1,2}\1(?:19|20)?\d{2}(?![\w/.-]|\.\d)")
register_regex("date_iso", "DATUM", r"(?<![\w/.-])(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?![\w/.-])")
register_regex(
    "date_weekday_ordinal", "DATUM",
    rf"(?i)(?<![\w-]){WEEKDAYS}\s+(?:de\s+)?\d{{1,2}}(?:e|ste|de)(?![\w])",
)
# "pas op 12-11 een reactie": day-month without year, only after a preposition of time.
register_regex(
    "date_day_month_numeric", "DATUM",
    r"(?i)\b(?:op|vanaf|tot|sinds|per|rond|voor|na|t/m)\s+((?:0?[1-9]|[12]\d|3[01])[-/](?:0?[1-9]|1[0-2]))(?![\w/-]|[.,]\d)",
    group=1,
)
# "op de 14e" — not "op de 2e verdieping".
register_regex(
    "date_ordinal", "DATUM",
    rf"(?i)\b(?:op|vanaf|tot|voor|na|rond|sinds|per|van|t/m|tot en met)\s+de\s+(\d{{1,2}}(?:e|ste|de))(?![\w])"
    rf"(?!\s+{_ORDINAL_NOUNS})",
    group=1,
)

# "op de negende", "tot de twaalfde of dertiende", "op de eerste van de maand": a day of the month
# in words after a preposition of time, where the ordinal ends the phrase (not "op de tweede
# verdieping", "voor de eerste keer").
_DAY_ORDINAL_WORDS = "(?:" + "|".join(sorted(_ORDINAL_WORDS, key=lambda w: (-len(w), w))) + ")"
register_regex(
    "date_ordinal_words", "DATUM",
    rf"(?i)\b(?:op|vanaf|tot|sinds|rond|t/m|tot en met)\s+de\s+({_DAY_ORDINAL_WORDS}"
    rf"(?:\s+(?:of|en|tot)\s+(?:de\s+)?{_DAY_ORDINAL_WORDS})?)"
    rf"(?=\s*(?:[.,;:!?)]|$)|\s+(?:van\s+de(?:ze)?\s+maand|om\s+\d))",
    group=1,
)

# ---------------------------------------------------------------------------- institutions
#: What follows "school", "club", ... without being its name: a subject or language ("op school
#: Engels"), a weekday or month ("na school dinsdag").
_SUBJECTS = re.compile(
    r"(?i)^(?:engels|frans|duits|nederlands|arabisch|turks|spaans|italiaans|berbers|tamazight|pools"
    r"|russisch|chinees|latijn|grieks|wiskunde|rekenen|taal|lezen|schrijven|geschiedenis|aardrijkskunde"
    r"|biologie|scheikunde|natuurkunde|economie|gym|gymnastiek|tekenen|muziek|godsdienst|islam|koran"
    r"|maatschappijleer|informatica|techniek|zorg|sport)$")


def not_an_organisation_name(name: str) -> bool:
    """Whether the first word of a name after an organisation noun is a subject, weekday or month."""
    first = next((w for w in name.split() if w[:1].isupper()), "")
    first = first.strip(".,;:!?'’")
    return bool(_SUBJECTS.match(first) or re.fullmatch(rf"(?i){MONTHS}|{WEEKDAYS}", first))


register_regex(
    "named_school", "INSTELLING",
    r"(?i:\b(?:basisschool|school|scholengemeenschap|praktijkschool|kinderdagverblijf|buurthuis"
    r"|moskee|kerk|sportschool|voetbalclub|vereniging|jongerencentrum|opvang|obs|cbs|kindcentrum|ikc"
    r"|huisartsenpraktijk|huisartspraktijk|tandartspraktijk|gezondheidscentrum|apotheek|ziekenhuis"
    r"|polikliniek|kliniek|verpleeghuis|verzorgingshuis|woonzorgcentrum|zorgcentrum|wijkcentrum"
    r"|buurtcentrum|gevangenis|jeugdinrichting|penitentiaire\s+inrichting)\s+)"
    r"((?:(?:de|het|'t|De|Het)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})",
    group=1, check=lambda m, text, al: not al.contains(m.group(1)) and not not_an_organisation_name(m.group(1)),
)
# "De Kleine Prins, een basisschool in ..."
register_regex(
    "named_before_school", "INSTELLING",
    r"((?:De|Het|'t)\s+[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2}),?\s+(?:een|de|het|onze)\s+"
    r"(?:basisschool|school|middelbare school|scholengemeenschap|praktijkschool|kinderdagverblijf|buurthuis"
    r"|moskee|kerk|voetbalclub|vereniging|jongerencentrum|opvang|instelling|woongroep)\b",
    group=1, check=lambda m, text, al: not al.contains(m.group(1)),
)
register_regex(
    "school_name", "INSTELLING",
    r"(?<![\w-])(?:[A-Z][\w'-]+\s+){1,2}(?:College|Lyceum|Gymnasium|School|Scholengemeenschap|Academie)(?![\w])",
    check=lambda m, text, al: not al.contains(m.group(0)),
)


# ---------------------------------------------------------------------------- listed names
# Any script's letters ("Wrocław", "Koçak", "Øster"); capitalisation is checked on the match.
_WORD = re.compile(r"(?<![\w'’-])[^\W\d_][^\W\d_'’]*(?:['’][^\W\d_]+)?(?:-[^\W\d_]+)*(?![\w-])")


def capitalised_words(text: str) -> Iterable[re.Match]:
    """Words that start with a capital and are not written in capitals only ("GGZ")."""
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word[0].isupper() and any(c.islower() for c in word):
            yield m


@register("name_lists")
def _listed_names(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Capitalised words on deduce's first-name or surname lists that are no ordinary word.

    deduce's own lookup leaves out some listed names ("Ilias"); below deduce's priority, so a
    span deduce found (a longer name, a place) wins.
    """
    from . import lexicon

    for m in capitalised_words(text):
        word = m.group(0)
        if (lexicon.is_name_word(word) and not lexicon.is_dictionary_word(word)
                and not allow_list.contains(word)):
            yield Detection(m.start(), m.end(), "PERSOON", "pattern:name_lists", 8)


_NAME = r"[A-ZÀ-ÖØ-Þ][^\W\d_]*(?:['’][^\W\d_]+)?(?:-[A-ZÀ-ÖØ-Þa-z][^\W\d_]*)*"
_PARTICLES = r"(?:van|de|der|den|ter|ten|te|el|al|ben|bin|da|di|du|le|la|von|zu|op|in|'t)"
# A relative, a form of address or a relation before a capitalised word: that word is a name, even
# when it is also an ordinary word ("oma Riet", "tante Roos", "juf Annemiek", "collega Tim Bos").
KIN_WORDS = (r"(?:oma|opa|tante|oom|ome|mama|papa|mam|pap|moeder|vader|neef|nicht|neefje|nichtje|broer|broertje"
             r"|zus|zusje|zoon|zoontje|dochter|dochtertje|schoonmoeder|schoonvader|schoonzus|zwager|stiefvader"
             r"|stiefmoeder|stiefzoon|stiefdochter|peetoom|peettante|vriend|vriendin|vriendje|vriendinnetje|ex"
             r"|partner|man|vrouw|buurman|buurvrouw|collega|juf|juffrouw|meester|dokter|zuster|broeder|cliënt|cliënte"
             r"|mentor|coach|imam|pastor|dominee|baby|familie|gezin"
             # "zijn moeder, auntie Comfort" (blind set KS)
             r"|auntie|aunty|uncle)")
_KIN = re.compile(rf"(?i:\b{KIN_WORDS}\s+)(?P<name>{_NAME}(?:\s+(?:{_PARTICLES}\s+)*{_NAME})?)(?![\w-])")
_CALLED = re.compile(
    r"(?i:\b(?:heet|heette|heetten|heten|genaamd|bijnaam|roepnaam|noemen\s+(?:ze|we|wij)\s+(?:hem|haar)"
    r"|noem\s+(?:ik\s+)?(?:hem|haar)"
    # "die noemde zichzelf "de Prins"" (blind set NK)
    r"|noem(?:t|en|de|den)\s+(?:iedereen\s+|ze\s+|hij\s+|zij\s+)?(?:hem|haar|me|mij|ons|zichzelf|zich))\s+"
    # "hij noemde me toen de Lange", "ze noemen hem altijd D."; "online heet hij Lil Lias" (blind set LD)
    r"(?:(?:hij|zij|ze)\s+(?=[A-Z]))?"
    r"(?:(?:toen|altijd|vroeger|gewoon|ook|nog\s+steeds|nog)\s+)?(?:de\s+|het\s+)?)"
    # ... in quotes: 'die noemt hem gewoon "Den"' (blind set KF)
    rf"(?:(?P<quote>[\"“‘'](?=(?:(?i:de|het)\s+)?{_NAME}[\"”’']))(?i:de\s+|het\s+)?)?"
    rf"(?P<name>{_NAME}(?:\s+(?:{_PARTICLES}\s+)*{_NAME})?)(?:\s+en\s+(?P<second>{_NAME}))?(?![\w-])")
#: A name before the naming words: "een man die Ap heet", "Jojo. Zo noemt iedereen hem",
#: "op Snapchat "Dizzy", zo noemt ze hem".
_CALLED_BEFORE = re.compile(
    rf"(?:(?i:\b(?:die|dat)\s+)(?P<name>{_NAME})\s+(?i:heet|heette)\b"
    rf"|(?<![\w-])(?P<second>{_NAME})[\"”’']?[.,]\s+(?i:zo)\s+noem(?:t|en|de|den)\s+(?:\w+\s+){{0,2}}(?:hem|haar)\b"
    # "Pat noemen ze hem." (blind set LQ)
    rf"|(?:^|(?<=[.!?:]\s))(?P<third>{_NAME})\s+noem(?:t|en|de|den)\s+(?:ze|we|wij|hij|zij|iedereen|ze\s+allemaal)"
    r"\s+(?:hem|haar)(?=\s*[.!,;]|\s*$))")
#: "een groepje dat zich Dapper Squad noemde", "een jongen die zich Kleine Boss noemt" (blind set LD).
_CALLS_ITSELF = re.compile(rf"(?i:\b(?:die|dat)\s+zich\s+(?:zelf\s+)?)(?P<name>{_NAME}(?:\s+{_NAME}){{0,2}})"
                           r"\s+(?i:noem(?:t|de|den|en)|heet|heette|noemt)\b")
_GROUP_BEFORE = re.compile(r"(?i)\b(?:groep|groepje|crew|bende|gang|club|clubje|collectief|clan)\b[^.!?]{0,20}$")
#: "Zeg maar G.J., dat doet iedereen", "Noem me maar Kees" (blind set JE): how to call the speaker.
_CALL_ME = re.compile(r"(?:^|(?<=[.!?:]\s))(?:Zeg|Noem)\s+(?:me\s+|mij\s+)?(?:gewoon\s+)?maar\s+"
                      rf"(?P<name>(?:[A-Z]\.){{1,3}}|{_NAME})(?![\w-])")
#: "De vader, Florin, werkt in de kassen" (blind set LC): a name in apposition after a relative,
#: between commas. Only a word no dictionary knows (see ``_context_names``): "de vader, Roemeens,
#: werkt" is a description, and a listed first name is found by deduce.
_KIN_APPOSED = re.compile(rf"(?i:\b{KIN_WORDS}),\s+(?P<name>{_NAME})(?=,\s)(?!,\s+(?i:de|het|een)\s)")
#: An age in words or digits: "achtenzestig", "tweeëntwintig", "17".
_AGE_NUMBER = (r"(?:(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?"
               r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)"
               r"|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien|\d{1,2})")
#: "Toon is achtenzestig", "en Riet was toen 64 jaar" (blind set JS): a capitalised word with an age
#: as its predicate is someone, even when it is also a word ("toon", "riet").
_NAMED_WITH_AGE = re.compile(rf"(?:^|(?<=[.!?:;,]\s)|(?<=\ben\s))(?P<name>{_NAME})\s+(?:is|was)\s+"
                             rf"(?:(?:nu|toen|pas|al|bijna|net|inmiddels)\s+)?{_AGE_NUMBER}(?:\s+jaar(?:\s+oud)?)?"
                             r"(?=\s*(?:[.,;:!?)]|$))")
#: "Een boerenechtpaar in Nieuw-Vossemeer, Toon en Riet." (blind set JS): two people named after
#: the word for the pair or group they are.
_PAIR_NAMED = re.compile(
    r"(?i:\b(?:\w*echtpaar|stel|ouders|broers|zussen|zusjes|broertjes|tweeling|buren|kinderen|jongens|meiden"
    r"|meisjes|zonen|dochters|vriendinnen|vrienden)\b)[^.!?\n]{0,60}?,\s+"
    rf"(?P<name>{_NAME})\s+en\s+(?P<second>{_NAME})(?=\s*[.,;:!?)])")
#: "In het dossier staat hij als R.", "bekend als M.": an initial someone is registered under
#: (blind set JX).
_KNOWN_AS = re.compile(r"(?i:\b(?:(?:sta(?:at|an)|stond(?:en)?)\s+(?:hij|zij|ze|die|het)\s+(?:\w+\s+){0,3}?"
                       r"|bekend\s+|geregistreerd\s+|ingeschreven\s+|genoteerd\s+)als\s+)(?P<name>[A-Z])(?=\.)")
#: "Ik ben Jan-Willem, maar iedereen zegt JW": capitals used as a nickname.
_SAYS_NICKNAME = re.compile(r"(?i:\b(?:iedereen|ze|men|hij|zij)\s+(?:zegt|zeggen|zei|zeiden|noemt|noemen)"
                            r"\s+(?:(?:gewoon|altijd|maar)\s+)?)(?P<name>[A-Z]{2,3})(?![\w&/'’.-])")
_CAPITALS_NICKNAME = re.compile(r"[A-Z]{2,3}")
_NOT_NAMES = re.compile(rf"(?i)^(?:{MONTHS}|{WEEKDAYS}|{SEASONS})$")
#: "mevrouw Kok", "dhr. de Wit", "de heer Visser": a form of address before a capitalised word.
_ADDRESS = re.compile(r"(?i:(?<![\w.])(?:mevrouw|meneer|mevr\.?|mw\.|mvr\.|dhr\.?|heer|juffrouw|mr\.)\s+(?:e+h+m*,?\s+)?)"
                      rf"(?P<name>(?:{_PARTICLES}\s+)*{_NAME}(?:\s+(?:{_PARTICLES}\s+)*{_NAME})?)(?![\w-])")


@lru_cache(maxsize=16)
def _role_regex(roles: tuple[str, ...], apposed: bool = False) -> re.Pattern | None:
    """Allow-listed roles before a name: "huisarts Bos", "wijkagent Mark", "officier Lammers".

    ``apposed``: the name follows between commas, "De wijkagent, Florin, die heb ik gevraagd";
    not in a list, "de huisarts, Tactus, de wijkagent" (style set KU).
    """
    if not roles:
        return None
    body = "|".join(r"\s+".join(map(re.escape, r.split())) for r in sorted(roles, key=lambda r: (-len(r), r)))
    if apposed:
        # "De trainer daar, Wiel, die ken ik nog" (blind set NS): a place word may follow the role
        return re.compile(rf"(?i:\b(?:{body})(?:\s+(?:daar|hier|toen|destijds))?),\s+(?P<name>{_NAME})"
                          r"(?=,\s)(?!,\s+(?i:de|het|een)\s)")
    return re.compile(rf"(?i:\b(?:{body})\s+)(?P<name>{_NAME}(?:\s+(?:{_PARTICLES}\s+)*{_NAME})?)(?![\w-])")


def _addressed_stop_word(text: str, pos: int, word: str, allow_list: AllowList) -> bool:
    """A capitalised stop word right after a form of address is a name: "zuster Wil", "meneer Dan"."""
    from . import lexicon
    from .names import after_form_of_address

    return (after_form_of_address(text, pos) and lexicon.is_stop_word(word) and not lexicon.is_title(word)
            and not allow_list.contains(word) and word.casefold() not in allow_list.role_words
            and not _NOT_NAMES.match(word))


def _name_part_ok(word: str, allow_list: AllowList) -> bool:
    from . import lexicon

    return not (allow_list.contains(word) or lexicon.is_title(word) or _NOT_NAMES.match(word)
                or word.casefold() in allow_list.role_words or lexicon.is_stop_word(word))


@register("name_context")
def _context_names(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Names known by what comes before them: "oma Riet", "ze heette Roos", "huisarts Bos".

    A relative (:data:`KIN_WORDS`), a form of address ("mevrouw Kok", "dhr. de Wit"), "heet/noemen
    ze hem", or a role from the allow-list. After a form of address the pseudonymiser keeps the
    name even when it is an ordinary word (:func:`names.after_form_of_address`).

    Just below deduce (10), so its longer spans win; an ordinary word found this way ("Riet") is
    kept by the pseudonymiser when the study also uses it in lower case.
    """
    from . import lexicon

    for m in _CALLS_ITSELF.finditer(text):
        words = m.group("name").split()
        if all(_name_part_ok(w, allow_list) for w in words):
            group = _GROUP_BEFORE.search(text, max(0, m.start() - 40), m.start()) is not None
            yield Detection(m.start("name"), m.end("name"), "INSTELLING" if group else "PERSOON",
                            "pattern:name_stated", 9)
    roles = _role_regex(allow_list.roles)
    roles_apposed = _role_regex(allow_list.roles, apposed=True)
    for regex in (_KIN, _ADDRESS, _CALLED, _CALLED_BEFORE, _SAYS_NICKNAME, _CALL_ME, _NAMED_WITH_AGE, _PAIR_NAMED,
                  _KNOWN_AS, roles, _KIN_APPOSED, roles_apposed):
        if regex is None:
            continue
        for m in regex.finditer(text):
            for group in ("name", "second", "third"):
                if group not in regex.groupindex or m.group(group) is None:
                    continue
                start, end = m.span(group)
                if regex in (_KIN_APPOSED, roles_apposed) and (
                        (lexicon.is_dictionary_word(m.group(group)) and not lexicon.is_first_name(m.group(group)))
                        or not m.group(group)[1:].islower()):
                    # "de vader, Roemeens, werkt", "de moeder, GGZ,": only a word no list knows, or
                    # a first name that is also a word ("zijn opa, Wiel, had duiven", blind set LK)
                    continue
                if _CAPITALS_NICKNAME.fullmatch(m.group(group)) and regex is roles:
                    continue  # "regisseur JPA", "coördinator VT": capitals after a role name a programme
                if _CAPITALS_NICKNAME.fullmatch(m.group(group)) and m.group(group) not in NOT_INITIALS:
                    # "noemen ze hem JJ", "broer AK": capitals after naming words are someone's
                    # initials, which trim_person would drop as no name
                    yield Detection(start, end, "PERSOON", "pattern:initials", 9)
                    continue
                if re.fullmatch(r"(?:[A-Z]\.){2,3}", m.group(group)):
                    # "Zeg maar G.J.": initials with their stops, as the initials detector keeps them
                    yield Detection(start, end, "PERSOON", "pattern:initials", 9)
                    continue
                if end - start == 1 and text[end:end + 1] == ".":
                    # one letter and a full stop is an initial ("noemen ze hem D."): kept with its
                    # stop, as the initials detector would, so that no plain-word test drops it
                    yield Detection(start, end + 1, "PERSOON", "pattern:initials", 9)
                    continue
                words = text[start:end].split()
                if (regex is _CALLED and len(words) == 2 and not lexicon.is_particle(words[0])
                        and all(_name_part_ok(w, allow_list) for w in words) and lexicon.is_plain_word(words[1])):
                    # "online heet hij Lil Lias" (blind set LD): a stated name of two words is whole,
                    # though its last is a word ("lias"), which trim_person would drop
                    yield Detection(start, end, "PERSOON", "pattern:nickname", 9)
                    continue
                if regex is _CALLED and len(words) == 2 and _LETTER_NICKNAME.search(text, start, end):
                    # "Iedereen noemt hem Kleine J" (blind set KH): the nickname is stated, and the
                    # letter alone is his name in the rest of the interview ("tegen hem: J, luister")
                    yield Detection(start, end, "PERSOON", "pattern:nickname", 9)
                    continue
                if regex is _CALLED and m.group("quote") and len(words) == 1 and not allow_list.contains(words[0]):
                    # a name in quotes after the naming words is one, even a particle ("Den"),
                    # which trim_person would drop (the pseudonymiser finds it again in the rest of
                    # the interview: "Den, de hond kan logeren")
                    yield Detection(start, end, "PERSOON", "pattern:nickname", 9)
                    continue
                if regex is _CALLED_BEFORE and (lexicon.is_common_word(words[0]) or lexicon.is_stop_word(words[0])):
                    continue  # "Goed. Zo noemen we hem niet": an ordinary word before the naming words
                if regex is _NAMED_WITH_AGE and (lexicon.is_common_word(words[0])
                                                 or re.fullmatch(KIN_WORDS, words[0], re.IGNORECASE)):
                    continue  # "Moeder is vierenveertig", "Vader was zeventig": a relative, no name
                if regex in (_NAMED_WITH_AGE, _PAIR_NAMED):
                    if _name_part_ok(words[0], allow_list) and len(words) == 1:
                        # the context states a person: kept even where the study writes the word in
                        # lower case ("de toon was goed")
                        yield Detection(start, end, "PERSOON", "pattern:name_stated", 9)
                    continue
                lead = next(i for i, w in enumerate(words) if w[:1].isupper())  # "dhr. de Kok"
                if lexicon.is_particle(words[lead]) and len(words) > lead + 1:
                    # "dokter Van der Meer", "juf De Groot": a capitalised particle opens a surname,
                    # whose last word may be an ordinary one
                    yield Detection(start, end, "PERSOON", "pattern:name_context", 9)
                    continue
                if not _name_part_ok(words[lead], allow_list) and not _addressed_stop_word(
                        text, text.index(words[lead], start), words[lead], allow_list):
                    continue
                # A second capitalised word only when it is no ordinary word ("tante Fatiha Zei" is rare).
                if len(words) > lead + 1 and (lexicon.is_plain_word(words[-1])
                                              or not _name_part_ok(words[-1], allow_list)):
                    end = text.index(words[lead], start) + len(words[lead])
                yield Detection(start, end, "PERSOON", "pattern:name_context", 9)


#: A nickname ending in one capital letter: "Kleine J", "Grote M".
_LETTER_NICKNAME = re.compile(r"\s[A-Z]$")


#: Abbreviations of two or three capitals that are no one's initials: roles, kinds of care, orders,
#: school types, Latin and letter abbreviations ("de PB zei", "N.B.", "V.S.").
NOT_INITIALS = frozenset("""
    AA AB AD AH AI AMW AP ASS AU AUB AZC BB BG BJ BOA BSO BV CAK CBS CIZ CJG CQ DJ DM DUO DWZ EA ED EU FB GB GZ HB
    HBO HR IB ICT ID IPV IQ IT IVM JIT KB KDV LVB MAW MBO MBT MDO MEE MW NA NB NL NS NV OA OK OT PB PC PIJ PM PO PR
    PS PV PVB RIP SPV SVB SVP TAV TBS TV UK US VMBO VO VOF VS VWO WO ZSM ZZP
""".split())
#: Verbs that only a person does, after a name: "JB zei", "T.K. belde".
_PERSON_VERBS = (r"(?:zei|zegt|zeiden|vertelde|vertelt|vroeg|vraagt|belde|belt|appte|appt|mailde|mailt|sms'?te"
                 r"|riep|roept|antwoordde|antwoordt|lachte|lacht|huilde|huilt|knikte|knikt|schreeuwde|zuchtte"
                 r"|fluisterde)")
_INITIALS_NAME = re.compile(
    r"(?<![\w.&/'’-])(?P<initials>(?:[A-Z]\.){2,3}|[A-Z]{2,3})(?![\w&/'’-]|\.\w)"
    rf"(?=(?P<after>\s+(?:{_PERSON_VERBS}(?![\w'’-])|[A-Z][\w'’-]*))?)")
_INITIALS_BEFORE = re.compile(
    rf"(?i)(?<![\w-])(?:met|tegen|aan|en|of|zei|vroeg|belde|appte|mailde|sprak|zag|{KIN_WORDS})\s+$")
_ORGANISATION_USE = r"(?i)(?<![\w-])(?:de|het|een|onze?|mijn|jouw|zijn|haar|hun|die|deze)\s+{0}(?![\w-])|{0}['’-]?(?:er|ers|en)\b"


@register("initials")
def _initials(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Initials used as a name: "JB zei dat ...", "T.K. belde", "ik sprak met T.K.".

    Capitals with full stops ("T.K.") are a person after "met/tegen/aan/en" or a person's verb;
    capitals without them ("JB") only before a verb that only a person does ("zei", "belde"),
    because acronyms of organisations, roles and orders look the same ("de PB zei"). Never when
    followed by a capitalised word ("T.K. Jansen": the person detectors take the whole name),
    allow-listed ("OM zei"), an institution ("CJG"), on :data:`NOT_INITIALS`, or used with an
    article or as a word stem in the same text ("de JB", "JB'er").
    """
    from .organisations import INSTITUTION_ABBREVIATIONS

    for m in _INITIALS_NAME.finditer(text):
        initials = m.group("initials")
        letters = initials.replace(".", "")
        after = (m.group("after") or "").strip()
        if after[:1].isupper() or allow_list.contains(initials) or allow_list.contains(letters):
            continue
        if letters in NOT_INITIALS or letters in INSTITUTION_ABBREVIATIONS:
            continue
        dotted = "." in initials
        before = _INITIALS_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None
        if not (after or (dotted and before)):
            continue
        if re.search(_ORGANISATION_USE.format(re.escape(initials)), text):
            continue
        yield Detection(m.start(), m.end(), "PERSOON", "pattern:initials", 9)


#: Nouns for a person that an initial may stand in for: "jullie jongen D.", "cliënt K.".
_PERSON_NOUNS = (rf"(?:{KIN_WORDS}|jongen|jongeman|meisje|jongere|jongvolwassene|kind|klant|dader|slachtoffer"
                 r"|verdachte|pleger|meneer|mevrouw|heer|bewoner|deelnemer|pupil|leerling|student)")
_SINGLE_INITIAL = re.compile(
    rf"(?i:(?<![\w-])(?:{_PERSON_NOUNS}\s+|noem(?:de|en)?\s+(?:hem|haar|ik\s+(?:hem|haar))\s+(?:(?:even|maar|gewoon|dan|daar|toen|hier|altijd)\s+)?))"
    r"(?P<initial>[A-Z]\.)(?=[\s,;:)\"”’]|$)")
#: A family by its initial: "de B.'s", "die van de K.'s".
_FAMILY_INITIAL = re.compile(r"(?i:(?<![\w-])(?:de|die)\s+)(?P<initial>[A-Z]\.)(?=['’]s\b)")
#: An initial in apposition, between commas: "een andere man, R., heeft", "een jongen van ons, J., werd".
_APPOSED_INITIAL = re.compile(r"(?<=[^\W\d_]),\s+(?P<initial>[A-Z]\.),(?=\s)")
#: An initial a respondent gives someone: "Een jongeman die ik V. zal noemen" (blind set KY),
#: "Laten we hem R. noemen" (blind set LH).
_INITIAL_I_CALL = re.compile(r"(?i:\b(?:die\s+ik|hem|haar)\s+)(?P<initial>[A-Z]\.)"
                             r"(?=\s+(?i:zal\s+|ga\s+|even\s+|maar\s+|gewoon\s+)?noem)")
#: An initial signing a card or a message: "op de achterkant stond alleen: groetjes, D." (blind set KP).
_SIGNED_INITIAL = re.compile(r"(?i:(?<![\w-])(?:groetjes|groeten|groet|liefs|kusjes|xxx|bedankt|dankjewel|getekend)),?\s+"
                             r"(?P<initial>[A-Z]\.)(?=[\s,;:)\"”’]|$)")
#: An initial as a sentence of its own: "Een vrouw uit Vinkhuizen. S. Verder zeg ik niks." ("O." and
#: "U." are words.)
#: ... or signing a note in quotes: 'grote letters: "Sorry Rick. Vissen zaterdag? N."' (blind set LA).
_LONE_INITIAL = re.compile(r"(?<=[.!?…]\s)(?P<initial>[A-NP-TV-Z]\.)(?=\s+[A-ZÀ-Þ]|\s*$|[\"”’'])")

#: Initials of who typed or held the interview, in a header: "Uitgewerkt door: M.B." (blind set MA).
_INITIALS_BY = re.compile(r"(?i:(?<![\w-])(?:uitgewerkt|getranscribeerd|getypt|afgenomen|gehouden|gecorrigeerd"
                          r"|gecontroleerd|geïnterviewd|geinterviewd)\s+door:?\s+)"
                          # capitals without stops ("door SW") are linked to a named speaker (_link_labels)
                          # not before a surname ("door L. Brouwer": the person detectors take both)
                          r"(?P<initial>(?:[A-Z]\.\s?){1,3}(?<!\s))(?=[\s,;:)|–—-]|$)(?!\s+(?:[A-Z]|de\s|van\s))")


@register("single_initial")
def _single_initial(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """One capital with a full stop standing in for a person: "jullie jongen D.", "ik noem hem even K.".

    Respondents anonymise a client this way themselves, but the letter still points at one person
    for those who know the case. Only after a noun for a person or a naming verb, between commas
    ("een andere man, R., heeft") or as a sentence of its own ("Een vrouw uit Vinkhuizen. S.
    Verder zeg ik niks."): "vitamine D.", "plan B." are no one. Other mentions of the letter in the same document are linked by the
    pseudonymiser (``_propagate_single_initials``); in another document it points at no one.
    """
    for regex in (_SINGLE_INITIAL, _FAMILY_INITIAL, _APPOSED_INITIAL, _LONE_INITIAL, _SIGNED_INITIAL,
                  _INITIAL_I_CALL, _INITIALS_BY):
        for m in regex.finditer(text):
            yield Detection(m.start("initial"), m.end("initial"), "PERSOON", "pattern:initials", 9)


#: A first name and the initial of the surname: "Dennis R.", "haar ex Mohammed B.".
_NAME_AND_INITIAL = re.compile(r"(?<![\w-])(?P<first>[A-ZÀ-Þ][a-zà-ÿ]+)\s+(?P<initial>[A-Z]\.)(?=[\s,;:)!?]|$)")


@register("first_name_initial")
def _first_name_initial(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """The initial of a surname after a known first name ("Dennis R."): a person of its own.

    Name lists find "Dennis" alone and leave "R." behind, which with the first name's pseudonym
    still narrows down who it is. Like a lone initial (``single_initial``) it is linked to the
    letter's other mentions in its document only.
    """
    from . import lexicon

    for m in _NAME_AND_INITIAL.finditer(text):
        if lexicon.is_first_name(m.group("first")) and not allow_list.contains(m.group("first")):
            yield Detection(m.start("initial"), m.end("initial"), "PERSOON", "pattern:initials", 9)


def _shape(word: str) -> list[str]:
    return re.sub(r"['’]s$", "", word).split("-")


@register("unknown_capitalised")
def _unknown_capitalised(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Capitalised words that no Dutch word list and no allow-list knows: "Zuzia", "Abena", "Aga".

    Inside a Dutch sentence such a word is a proper name: a person (the default), a place or an
    organisation the allow-list lacks (add it there). Acronym compounds ("GGZ-behandelaar") and
    allow-listed parts ("Wmo-voorziening") are no names. The lowest priority: every other detector
    wins. At a sentence start the pseudonymiser keeps the word when the study also writes it in
    lower case (an interjection, a typo).
    """
    from . import lexicon

    for m in capitalised_words(text):
        word = m.group(0)
        parts = _shape(word)
        core = "-".join(parts)
        if len(core) < 2 or allow_list.contains(word) or allow_list.contains(core) or _NOT_NAMES.match(core):
            continue  # "vanaf Kerst": a holiday the word lists lack
        if any(not p or p.isupper() or allow_list.contains(p) for p in parts):
            continue
        if lexicon.is_known_form(core) or lexicon.is_title(core) or all(lexicon.is_known_form(p) and not lexicon.is_name_word(p) for p in parts):
            continue
        if not re.search(r"[aeiouyàáâäãåèéêëìíîïòóôöõùúûüýÿ]", core.casefold()):  # "Pff", "Hm"
            continue
        # "Housing First", "Policy"; but letters beyond Latin-1 ("Gdańsk", "Łódź") are in the
        # English list as names only, never as ordinary words
        if lexicon.is_english_word(core) and not lexicon.is_name_word(core) and all(ord(c) < 0x100 for c in core):
            continue
        if len(parts) > 1 and all((lexicon.is_known_form(p) or lexicon.is_english_word(p))
                                  and not lexicon.is_name_word(p) for p in parts):
            continue  # "Fifty-fifty", "Top-down": every part a word
        kind = "LOCATIE" if _PLACE_SUFFIX.search(core.casefold()) else "PERSOON"
        yield Detection(m.start(), m.end(), kind, "pattern:unknown_capitalised", 4)


# ---------------------------------------------------------------------------- places and ages
@register("places_to_pseudonymise")
def _extra_places(text: str, allow_list: AllowList) -> Iterable[Detection]:
    pattern = allow_list.places_pattern
    if pattern is None:
        return
    for m in pattern.finditer(text):
        yield Detection(m.start(), m.end(), "LOCATIE", "pattern:places_to_pseudonymise",
                        PRIORITY["LOCATIE"])


# Districts named by a compass point: "een moeder in Noord", "regisseur voor Oost".
register_regex(
    "district", "LOCATIE",
    # ... and a team or meeting named after one: "team Zuid", "het nazorgoverleg Centrum" (blind set IN)
    # ... and "voor heel Zuid" (blind set IW)
    r"(?i:\b(?:in|uit|naar|voor|van|richting|vanuit|rond|stadsdeel|stadsdelen|regio|wijk|op|heel|\w*team|\w*overleg)\s+)"
    r"((?:Nieuw-)?(?:Noord|Oost|West|Zuid|Zuidoost|Noordwest|Centrum)(?:-(?:Noord|Oost|West|Zuid))?)(?![\w-])",
    group=1, priority=6,
)
# A park or estate by its name: "een rondje door Park Zestienhoven-West" (blind set IW); the
# generic word stays.
register_regex(
    "park", "LOCATIE",
    r"(?<![\w-])(?:Park|Landgoed|Stadspark|Wijkpark)\s+((?:['’]t\s+|De\s+|Het\s+)?[A-ZÀ-Þ][\w'’-]+"
    r"(?:\s+[A-ZÀ-Þ][\w'’-]+){0,2})",
    group=1, priority=6,
)
# ... and the second of two: "dat het in Noord en West precies hetzelfde is" (blind set IJ).
register_regex(
    "district_pair", "LOCATIE",
    r"(?i:\b(?:in|uit|naar|voor|richting|vanuit|rond|stadsdelen|op)\s+)"
    r"(?:Nieuw-)?(?:Noord|Oost|West|Zuid|Zuidoost|Noordwest|Centrum)(?:-(?:Noord|Oost|West|Zuid))?\s+(?:en|of)\s+"
    r"((?:Nieuw-)?(?:Noord|Oost|West|Zuid|Zuidoost|Noordwest|Centrum)(?:-(?:Noord|Oost|West|Zuid))?)(?![\w-])",
    group=1, priority=6,
)
#: A capitalised word follows (a title before a name: "Heer Bakker").
NAME_FOLLOWS = re.compile(r"\s+[A-ZÀ-Þ]")
#: Words before which a person's name does not stand ("naar Jansen", "bij Jansen" do occur).
_PLACE_ONLY_WORDS = {"in", "uit", "vanuit", "gemeente", "regio", "werkgebied", "provincie", "buiten"}
_PLACE_SUFFIX = re.compile(r"(?:ingen|buurt|wijk|dorp|meer|veld|plas|burg|polder|poort|kwartier|haven|eiland|heem|"
                           r"oord|hoek|broek|woude|dam|recht|zijl|kerk|horst|loo|huizen|hove|plaat|station|"
                           r"koog|veen|vliet|drecht|sloot|zand|hout|beek|berg|bos|rade|wold|wolde|stein|"
                           r"heuvel|weide|venne|waard|land|mond|sluis|gouw|wouw|werf|park|"
                           # Brabant's "-donk" (Gageldonk, Langdonk: blind set MD)
                           r"donk)$")
#: Words after which an unknown capitalised word is a place: "in Westpoort", "uit Wrocław", "voor heel
#: Parkstad", "regio Twente", "gemeente Brunssum", "buiten Leiden".
_PLACE_WORDS = {"in", "uit", "naar", "richting", "vanuit", "vanaf", "rond", "nabij", "omgeving", "wijk", "buurt",
                "heel", "regio", "gemeente", "buiten", "werkgebied", "provincie", "stuk", "stukje",
                # "Ik heb de wijken Rietkampen en Veldhuizen" (blind set KO)
                "wijken", "buurten", "dorpen", "kernen"}
#: ... and with an article: "in de Baarsjes", "op de Kolenkit", "aan de Zaan", "uit het Oude Noorden", "langs de
#: Vlaardingse Vaart", "de kooi achter de Hoofdweg" (not "door de": "door de Raad van Kinderbescherming").
_PLACE_WORDS_ARTICLE = _PLACE_WORDS | {"op", "aan", "langs", "achter", "tegenover"}
_ARTICLES = {"de", "het", "'t", "’t"}


def _words_before(text: str, start: int) -> list[str]:
    return text[max(0, start - 24):start].split()


#: A place coordinated with one in its context: "naar Gent of Sint-Niklaas", "in Breda en Oosterhout",
#: "later in Fokkesteeg en de Doorslag" (blind set KF).
_COORDINATED_PLACE = re.compile(r"([A-ZÀ-Þ][\w'’-]*)\s+(?:en|of|tot)\s+(?:(?:de|het)\s+)?$")
#: The items before and after a word in an enumeration: "Heesch, Haren, Nistelrode".
_ITEM_BEFORE = re.compile(r"([A-ZÀ-Þ][\w'’-]*),\s+$")
_ITEM_AFTER = re.compile(r",\s+([A-ZÀ-Þ][\w'’-]*)(?![\w'’-])")


def _unambiguous_place(word: str) -> bool:
    from . import lexicon

    return lexicon.is_place_name(word) and not lexicon.is_plain_word(word) and not lexicon.is_name_word(word)


_LIST_GOES_ON = re.compile(r"(?:,|\s+(?:en|of))\s+[A-ZÀ-Þ]")


def _word_end(text: str, start: int) -> int:
    return re.match(r"[\w'’-]*", text[start:]).end() + start


def place_context(text: str, start: int, *, coordinated: bool | int = True) -> str:
    """``"preposition"``, ``"article"``, ``"coordinated"``, ``"enumerated"`` or ``""``: what
    surrounds ``start`` ("in X", "in de X", "in Y of X", "Heesch, X, Nistelrode").

    ``coordinated`` is how many items back a list may be followed to its place context: "drie
    wijken: Tolberg, Kalsdonk en Langdonk" (blind set MD) makes all three places.
    """
    before = _words_before(text, start)
    # "drie wijken: Tolberg": a colon after the place word
    if before and before[-1].casefold().rstrip(":") in _PLACE_WORDS:
        return "preposition"
    if len(before) > 1 and before[-1].casefold() in _ARTICLES and before[-2].casefold() in _PLACE_WORDS_ARTICLE:
        return "article"
    if coordinated:
        depth = 3 if coordinated is True else int(coordinated)
        m = _COORDINATED_PLACE.search(text, max(0, start - 40), start)
        if m and m.end() == start:
            inner = place_context(text, m.start(1), coordinated=depth - 1)
            if inner:
                # the last of a list stays as weak as the list ("Pools, Roemeens en Bulgaars")
                return "enumerated" if inner == "enumerated" else "coordinated"
        # an item of a list that goes on ("Tolberg, Kalsdonk en ..."), not "in Utrecht, Goed was dat";
        # weak, so that an ordinary word needs to be a listed place ("in het Pools, Roemeens en ...")
        m = _ITEM_BEFORE.search(text, max(0, start - 40), start)
        if (m and m.end() == start and depth > 1 and _LIST_GOES_ON.match(text, _word_end(text, start))
                and place_context(text, m.start(1), coordinated=depth - 1)):
            return "enumerated"
        # a word between places that no list could mistake for anything else is one of them
        m = _ITEM_BEFORE.search(text, max(0, start - 40), start)
        if m and m.end() == start and _unambiguous_place(m.group(1)):
            return "enumerated"
        m = _ITEM_AFTER.match(text, _word_end(text, start))
        if m and _unambiguous_place(m.group(1)):
            return "enumerated"
    return ""


#: The next word of a two-word place: "uit Kort Ambacht", "in Oud Beijerland".
_NEXT_WORD = re.compile(r" ([A-ZÀ-Þ][\w'’]+)(?![\w-])")


def _place_end(text: str, end: int, allow_list: AllowList) -> int:
    """Where a place found in its context ends: a capitalised word right after it belongs to it
    unless it is a common word, a first name or a title ("in Breda Ik ...", "in Zwolle Jan ...")."""
    from . import lexicon

    m = _NEXT_WORD.match(text, end)
    if m is None:
        return end
    word = m.group(1)
    if (lexicon.is_common_word(word) or lexicon.is_name_word(word) or lexicon.is_title(word)
            or allow_list.contains(word)):
        return end
    return m.end()


_PARTS_OF_TOWN = frozenset({"buurt", "wijk", "kwartier", "dorp", "eiland", "haven"})


@register("place_like")
def _place_like(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Capitalised words shaped like a place: after "in/uit/naar (de)", or ending like one.

    "in Westpoort", "bij de Sloterplas", "wijkagent in Poelenburg", "in de Meeuwenplaat": names of
    neighbourhoods and small places that no list has. A capitalised ordinary word in the same
    context ("in de Baarsjes", "op de Pijp", "in Antwerpen") counts too (source ``place_word``);
    the pseudonymiser keeps it when the study also writes it in lower case. Below deduce's priority, so its persons and places win.
    """
    from . import lexicon
    from .names import sentence_start

    for m in capitalised_words(text):
        word = m.group(0)
        if allow_list.contains(word) or _NOT_NAMES.match(word):  # "vanaf Kerst", "in Januari"
            continue
        context = place_context(text, m.start())
        # A surname that is also a listed place ("Leek") is the place right after "in/uit/gemeente"
        if lexicon.is_name_word(word) and not (context == "preposition" and lexicon.is_place_name(word)
                                               and _words_before(text, m.start())[-1].casefold() in _PLACE_ONLY_WORDS):
            continue
        # "de heer Jansen" is a title, but "mee naar Heer, naar die moeder" a listed place (a
        # Maastricht district): after a place preposition, with no name following
        if lexicon.is_title(word) and not (context == "preposition" and lexicon.is_place_name(word)
                                           and not NAME_FOLLOWS.match(text, m.end())):
            continue
        if lexicon.is_dictionary_word(word):
            if context == "enumerated" and not lexicon.is_place_name(word):
                continue  # "Oss, Samen, ...": only a listed place is one of a list of places
            if (context and not sentence_start(text, m.start())
                    and word.casefold() not in allow_list.role_words and not _NOT_NAMES.match(word)):
                if lexicon.is_place_name(word):
                    # "thuiszitters in Leiden", "gemeente Buren": a listed place in its context is
                    # the place even in a study that uses the verb or noun too; deduce skips these.
                    # Not after "het": "uit het Noorden" is a direction, a village takes no article.
                    before = _words_before(text, m.start())
                    if before and before[-1].casefold() in ("het", "'t", "’t"):
                        continue
                    yield Detection(m.start(), m.end(), "LOCATIE", "pattern:listed_place", 6)
                elif not lexicon.is_common_word(word):
                    yield Detection(m.start(), _place_end(text, m.end(), allow_list), "LOCATIE",
                                    "pattern:place_word", 6)
            continue
        if context or _PLACE_SUFFIX.search(word.casefold()):
            head, _, tail = word.rpartition("-")
            # "het Top-X-overleg", "de Veiligheidshuis-aanpak": a compound ending in an ordinary
            # lower-case noun names a meeting or a method, unless it starts with a listed place
            # or the noun is a part of town ("in de F-buurt", blind set IH)
            if (head and tail.islower() and len(tail) > 3 and lexicon.is_dictionary_word(tail)
                    and tail not in _PARTS_OF_TOWN and not lexicon.is_place_name(head.split("-")[0])):
                continue
            yield Detection(m.start(), m.end(), "LOCATIE", "pattern:place_like", 6)


# "het Amsterdamse Poort", "de Spaanse Polder", "Centraal Station": capitalised words ending in a place noun.
register_regex(
    "place_phrase", "LOCATIE",
    r"(?<![\w-])(?:[A-ZÀ-Þ][\w'’-]+\s+){1,3}(?:Poort|Polder|Buurt|Plein|Park|Markt|Haven|Bos|Wijk|Dorp|Kade"
    r"|Station|Meer|Plas|Veld|Hof|Brug|Dijk|Weg|Straat|Laan|Gracht|Singel|Eiland|Kwartier|Boulevard|Baan|Hoek"
    r"|Waard|Heuvel)(?![\w-])",
    check=lambda m, text, al: not al.contains(m.group(0)), priority=7,
)

_INSTITUTION_SUFFIX = re.compile(r"(?:lyceum|college|school|gymnasium|academie|ziekenhuis|kliniek|praktijk"
                                 r"|centrum|huis)$")


@register("institution_word")
def _institution_word(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """One-word names of schools and care institutions: "Calandlyceum", "Amstelziekenhuis"."""
    from . import lexicon

    for m in capitalised_words(text):
        word = m.group(0)
        if _INSTITUTION_SUFFIX.search(word.casefold()) and not lexicon.is_known_form(word) \
                and not allow_list.contains(word) and not any(p.isupper() for p in word.split("-")):
            yield Detection(m.start(), m.end(), "INSTELLING", "pattern:institution_word", PRIORITY["INSTELLING"])


_AGE_PATTERNS = (
    re.compile(r"(?i)\b(?:is|was|werd|wordt|ben|bent|zijn|waren)\s+(?:nu\s+|pas\s+|al\s+|net\s+|bijna\s+)?"
               r"(\d{1,2})(?=\s*(?:jaar\b|[.,;!?]|$))"),
    re.compile(r"(?i)\b(?:jongen|meisje|man|vrouw|kind|zoon|dochter|jongere|knul|meid|broertje|zusje)"
               r"\s+van\s+(\d{1,2})(?!\d)(?!\s*(?:uur|procent|%|euro|keer|minuten|kilo))"),
    re.compile(r"(?i)(?<![\d,.])(\d{1,2})[ -](?:jaar|jarige?|jr)\b(?!\s+(?:geleden|later|lang|cel|gevangenis))"),
)


@register("age")
def _ages(text: str, allow_list: AllowList) -> Iterable[Detection]:
    if not allow_list.pseudonymise_ages:
        return
    for pattern in _AGE_PATTERNS:
        for m in pattern.finditer(text):
            yield Detection(m.start(1), m.end(1), "LEEFTIJD", "pattern:age", PRIORITY["LEEFTIJD"])


def detect_patterns(text: str, allow_list: AllowList) -> list[Detection]:
    """Run every registered pattern detector on ``text``."""
    found: list[Detection] = []
    for name in sorted(DETECTORS):
        found.extend(DETECTORS[name](text, allow_list))
    return found


# Organisation detectors live in their own module; importing it registers them here.
from . import organisations as _organisations  # noqa: E402,F401  (registers its detectors)
