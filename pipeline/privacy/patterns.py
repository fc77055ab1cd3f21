"""Pattern detectors for what deduce misses or splits badly in interview text.

Each detector is registered in :data:`DETECTORS` (name → function ``(text, allow_list) ->
iterable of Detection``). Add one with :func:`register` or :func:`register_regex`; the
pseudonymiser runs all of them next to deduce and resolves overlaps by priority (higher wins).
"""
from __future__ import annotations

import re
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
register_regex(
    "phone", "TELEFOON",
    r"(?<![\w+])(?:(?:\+|00)31[ .-]?(?:\(0\)[ .-]?)?|\(?0)[1-9](?:\)?[ .-]?\d){8}(?!\d)",
)


def _bsn_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    return len(re.sub(r"\D", "", m.group(1))) == 9


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
register_regex(
    "number_code", "DOSSIER",
    r"(?i:\b(?:nummer|nr\.?|code|kenmerk)\s+(?:is\s+|was\s+)?)((?=[\w/-]*\d)(?=[\w/-]*[A-Za-z-])[A-Z0-9][\w/-]*\d)",
    group=1,
)


def _code_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    letters = m.group(0).split("-")[0]
    return sum(c.isdigit() for c in m.group(0)) >= 4 and not allow_list.contains(letters)


# Case codes such as TOP-2021-0932 (not COVID-19: too few digits).
register_regex("case_code", "ID", r"(?<![\w-])[A-Z]{2,6}-\d{2,}(?:[-/]\d+)*(?![\w-])", check=_code_ok)
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
          rf"[A-Z][\w'-]*?{STREET_SUFFIX}(?![\w-])")
HOUSE_NUMBER = r"\d{1,4}(?:\s?[a-zA-Z](?![\w]))?(?:-\d{1,4}|-?(?:hs|huis|bg|I{1,3})(?![\w]))?"

register_regex("address", "ADRES", rf"(?<![\w-])(?:{STREET})\s+{HOUSE_NUMBER}(?![\d])")


def _street_ok(m: re.Match, text: str, allow_list: AllowList) -> bool:
    from .lexicon import is_dictionary_word

    words = m.group(0).split()
    # A one-word "street" that is an ordinary word ("Snelweg", "Schoolplein") is not an address.
    return not (len(words) == 1 and is_dictionary_word(words[0])) and not allow_list.contains(m.group(0))


# Below deduce's names (10): "Bram Hoogendijk" is a person, not a street ending in -dijk.
register_regex("street", "LOCATIE", rf"(?<![\w-]){STREET}", check=_street_ok, priority=5)

# ---------------------------------------------------------------------------- dates
_ORDINAL_NOUNS = (r"(?:verdieping|etage|plaats|keer|klas|graad|poging|ronde|rij|lijn|fase|stap|helft"
                  r"|instantie|orde|kamer|divisie|jaars|jaar|generatie|kwartaal|week|maand|dag|les"
                  r"|gesprek|afspraak|zitting|melding|kind|zoon|dochter|partner|regisseur|druk|editie)")
register_regex(
    "date_day_month", "DATUM",
    rf"(?i)(?<![\w-])(?:{WEEKDAYS}\s+(?:de\s+)?)?{ORDINAL}\s*{MONTHS}(?:\s+{YEAR}(?!\d))?",
)
register_regex("date_month_year", "DATUM", rf"(?i)(?<![\w-]){MONTHS}\s+(?:19|20)\d{{2}}(?!\d)")
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

# ---------------------------------------------------------------------------- institutions
register_regex(
    "named_school", "INSTELLING",
    r"(?i:\b(?:basisschool|school|scholengemeenschap|praktijkschool|kinderdagverblijf|buurthuis"
    r"|moskee|kerk|sportschool|voetbalclub|vereniging|jongerencentrum|opvang)\s+)"
    r"((?:(?:de|het|'t|De|Het)\s+)?[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})",
    group=1, check=lambda m, text, al: not al.contains(m.group(1)),
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
_CAPITALISED_WORD = re.compile(r"(?<![\w'’-])[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+)?(?![\w-])")


@register("name_lists")
def _listed_names(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Capitalised words on deduce's first-name or surname lists that are no ordinary word.

    deduce's own lookup leaves out some listed names ("Ilias"); below deduce's priority, so a
    span deduce found (a longer name, a place) wins.
    """
    from . import lexicon

    for m in _CAPITALISED_WORD.finditer(text):
        word = m.group(0)
        if (lexicon.is_name_word(word) and not lexicon.is_dictionary_word(word)
                and not allow_list.contains(word)):
            yield Detection(m.start(), m.end(), "PERSOON", "pattern:name_lists", 8)


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
    r"(?i:\b(?:in|uit|naar|voor|richting|vanuit|rond|stadsdeel|regio|wijk)\s+)"
    r"((?:Nieuw-)?(?:Noord|Oost|West|Zuid|Zuidoost|Noordwest|Centrum)(?:-(?:Noord|Oost|West|Zuid))?)(?![\w-])",
    group=1, priority=6,
)
_PLACE_SUFFIX = re.compile(r"(?:buurt|wijk|dorp|meer|veld|plas|burg|polder|poort|kwartier|haven|eiland|"
                           r"oord|hoek|broek|woude|dam|recht|zijl|kerk|horst|loo|huizen|hove)$")


@register("place_like")
def _place_like(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Unknown capitalised words shaped like a place: after "in/uit/naar", or ending like one.

    "in Westpoort", "bij de Sloterplas", "wijkagent in Poelenburg": names of neighbourhoods and
    small places that no list has. Below deduce's priority, so its persons and places win.
    """
    from . import lexicon

    for m in _CAPITALISED_WORD.finditer(text):
        word = m.group(0)
        if lexicon.is_dictionary_word(word) or lexicon.is_name_word(word) or allow_list.contains(word):
            continue
        before = text[max(0, m.start() - 12):m.start()].split()
        after_preposition = bool(before) and before[-1].casefold() in _PLACE_WORDS
        if after_preposition or _PLACE_SUFFIX.search(word.casefold()):
            yield Detection(m.start(), m.end(), "LOCATIE", "pattern:place_like", 6)


_PLACE_WORDS = {"in", "uit", "naar", "richting", "vanuit", "rond", "nabij", "omgeving", "wijk", "buurt"}

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
