"""Organisations that identify someone, and places hidden behind an organisation's name.

Four detectors, registered in :data:`.patterns.DETECTORS`:

* ``org_region`` (``LOCATIE``): the region or place after the generic name of an organisation —
  an allow-listed organisation or programme, or a generic institution from
  :data:`INSTITUTION_ABBREVIATIONS` / :data:`INSTITUTION_NOUNS`: "Zorg- en Veiligheidshuis
  Parkstad", "Veilig Thuis Fryslân", "PI Zwolle", "basisteam Walcheren", "wijkteam Noord". The
  generic part stays (it is not personal data and the analysis needs it); the place goes.
* ``named_organisation`` (``INSTELLING``): a proper name after a noun that names a kind of
  organisation, also as the last part of a compound: "boksschool De Vuist", "kickboksclub Fighting
  Spirit", "voetbalvereniging Zwaluwen", "buurthuis De Meeuw". The heads are in
  :data:`ORGANISATION_HEADS`.
* ``activity_organisation`` (``INSTELLING``): a capitalised phrase after "bij" following a verb of
  club life (:data:`ACTIVITY_VERBS`): "hij bokste bij Fighting Spirit", "ze traint bij Sterk &
  Fit", "vrijwilliger bij De Brug". The phrase is a club or a person: either way it identifies.
* ``article_name`` (``INSTELLING``, ``LOCATIE`` or ``PERSOON``): a capitalised article inside a
  sentence before capitalised words, with no organisation word before it: "een traject bij De
  Overstap", "ze woont in De Kleine Meierij", "ik belde De Vries". Sentence-initially the capital
  says nothing ("De GGZ zei"); see :func:`article_name_kind` for the type.
* ``neuter_article_place`` (``LOCATIE``): capitalised words after a preposition of place and a
  lower-case "het": "in het Oude Noorden", "naar het Groene Hart". "het" is no surname particle
  on its own, so such words name a neighbourhood or area, not a person; one word counts only
  when it is a known place ("in het Gooi"), not "in het Engels" or "in het Noorden".

An allow-listed word inside such a name does not protect it ("Spirit" is a care organisation,
"Fighting Spirit" a boxing club); a name that *starts* with an allow-listed organisation is that
organisation plus a place, which ``org_region`` handles.
"""
from __future__ import annotations

import re
from typing import Iterable

from .allow_list import AllowList
from .engine import Detection
from .patterns import (DAY_WORDS, KIN_WORDS, MONTHS, PRIORITY, WEEKDAYS, not_an_organisation_name, register,
                       register_regex)

#: Abbreviations of generic institutions, matched case-sensitively: "PI Zwolle", "FPC Dordrecht".
INSTITUTION_ABBREVIATIONS = ("PI", "PPC", "FPC", "FPK", "FPA", "JJI", "HvB", "AZC", "azc", "CJG", "VT", "BJZ",
                             "GGZ", "GGD", "ZVH", "OM", "MDA", "MDA++", "RvdK", "RvK", "WSG", "IFZ")
#: Nouns for generic institutions (any case): a place after them is the institution's location.
INSTITUTION_NOUNS = (
    "wijkteam", "buurtteam", "jeugdteam", "jeugd- en gezinsteam", "sociaal team", "basisteam",
    "politieteam", "politiebureau", "bureau", "districtsbureau", "politie-eenheid", "eenheid", "district",
    "politie", "rechtbank", "gerechtshof", "arrondissement", "arrondissementsparket", "parket",
    "veiligheidsregio", "veiligheidshuis", "gevangenis", "penitentiaire inrichting", "huis van bewaring",
    "jeugdinrichting", "justitiële jeugdinrichting", "kliniek", "tbs-kliniek", "forensische kliniek",
    "opvang", "nachtopvang", "daklozenopvang", "vrouwenopvang", "crisisopvang", "passantenverblijf",
    "asielzoekerscentrum", "stadsdeel", "gemeente", "stadsdeelkantoor", "gemeentehuis", "stadhuis",
    "ggz-instelling", "gezinshuis",
)
#: Last parts of words that name a kind of organisation with a proper name after it.
ORGANISATION_HEADS = (
    "school", "club", "vereniging", "stichting", "academie", "academy", "gym", "dojo", "sportcentrum",
    "jongerencentrum", "buurtcentrum", "wijkcentrum", "dagcentrum", "activiteitencentrum", "inloopcentrum",
    "buurthuis", "clubhuis", "jongerenhuis", "inloophuis", "wijkhuis", "speeltuin", "kinderboerderij",
    "moskee", "kerk", "synagoge", "tempel", "kapsalon", "barbershop", "snackbar", "shoarmazaak", "café",
    "lounge", "restaurant", "coffeeshop", "garage", "bedrijf", "winkel", "hotel", "manege", "camping",
    "dagbesteding", "werkplaats", "leerwerkbedrijf", "uitzendbureau", "zorgboerderij", "studio",
    # work placements of ex-detainees and clients (blind set DP: "Kwekerij Gulpers")
    "kwekerij", "bakkerij", "slagerij", "drukkerij", "boerderij", "tuincentrum", "supermarkt",
    # lodgings arranged for clients (blind set EO: "Pension Duinrust")
    "pension", "hostel", "logement", "voorziening",
    # small businesses and offices a client is known at (blind sets FL, FN: "Cafetaria 't Hoekje",
    # a bewindvoerder's "Bureau Klaverblad"); "politiebureau Hengelo" stays a place (org_region)
    "cafetaria", "bureau", "corporatie", "sportschool", "bewindvoering",
    # places of work and leisure named in blind sets FU, FV, FR ("Atelier Draad", "Recreatiepark De
    # Goudsbloem", "de kringloop, De Tweede Ronde", "die hal ..., de Golden Palace")
    "atelier", "recreatiepark", "vakantiepark", "kringloop", "hal", "begeleidingsdienst",
    # blind sets FZ, GA, GC: "Meldpunt Zilverlijn", "die taxicentrale, TaxiWest Centrale", "Poli
    # Oever", "SV Kanaal '68"
    "meldpunt", "centrale", "poli", "sv", "vv",
    # blind sets GP, GS (session 13): "Praktijk Het Tij", "Dierenopvang De Pootafdruk"
    "praktijk", "opvang",
    # blind set IA (session 14): "Regieteam Randmeren", "Woongoed Polderland"
    "regieteam", "woongoed",
    # blind set IH (session 15): "Vakcollege Westrand"
    "vakcollege", "lyceum", "scholengemeenschap",
    # blind set MQ (session 21): "Bokscentrum Stadjers"
    "bokscentrum", "vechtsportcentrum",
    # blind set MU: a client's employer, "Brasserie Het Veerhuis"
    "brasserie", "bistro", "eetcafé", "lunchroom", "pizzeria",
    # blind set IU (session 16): "Woongroep Hoflanden"
    "woongroep",
    # blind set JU (session 17): "Zorggroep Lentekracht", "Fietsenmakerij Het Spaakje"
    "zorggroep", "zorgorganisatie", "makerij",
    # blind sets KH, KK (session 18): "geplaatst bij Huize Tafelberg", "Fietsverhuur Duinrand",
    # "het jongerenwerk van Jongerenpunt Helder"
    "huize", "verhuur", "jongerenpunt", "inlooppunt",
    # blind set KT: "Visverwerking Zeewind", a client's employer in the port
    "verwerking",
    # blind set LN: "een fietsenmaker in Overvecht, Rijwielhandel Kok" ("Vishandel", "Autohandel")
    "handel",
)
#: Words that end the name of a business or congregation: "Glansrijk Schoonmaak", "Glory Gate
#: Chapel" (blind sets GP, GV).
ORGANISATION_TAILS = (
    "Schoonmaak", "Schoonmaakbedrijf", "Schoonmaakdiensten", "Glazenwasserij", "Transport", "Koeriers",
    "Bouw", "Installaties", "Installatietechniek", "Onderhoud", "Services", "Chapel", "Church", "Ministries",
    "Fellowship", "Tabernacle", "Assembly",
    # housing corporations (blind sets HP, HW, IA, session 14: "Havenstad Wonen", "Randmeer Wonen")
    "Wonen",
    # care and welfare providers (blind set JF, session 16: "Koers Verslavingszorg")
    "Verslavingszorg", "Thuiszorg", "Jeugdzorg", "Welzijn",
    # bewindvoerders (blind set KG, session 18: "de bewindvoerder van Maasland Bewind")
    "Bewind", "Bewindvoering", "Budgetbeheer",
    # employment agencies (blind sets MM, NB: "Kolibrie Uitzendgroep", "Kasteam Uitzendservice")
    "Uitzendservice", "Uitzendgroep", "Uitzenden", "Uitzendbureau", "Personeelsdiensten",
)
#: Words before "Wonen" that name a kind of housing or care, not a housing corporation.
_KINDS_OF_HOUSING = frozenset({"beschermd", "begeleid", "zelfstandig", "kleinschalig", "geclusterd", "ambulant",
                               "beschut", "tijdelijk", "gewoon", "samen", "anders", "thuis", "veilig", "goed",
                               "zorg", "fijn", "prettig", "groen", "slim"})
#: Verbs of club life, work experience and membership before "bij": "bokste bij X", "lid bij X".
ACTIVITY_VERBS = (
    r"(?:ge)?(?:kick|thai)?boks(?:t|te|ten|en)?", r"(?:ge)?train(?:t|de|den|en|d)", r"(?:ge)?voetbal(?:t|de|den|len|d)?",
    r"(?:ge)?sport(?:te|ten|en)?", r"(?:ge)?turn(?:t|de|den|en|d)?", r"(?:ge)?zwem(?:t|men)?", r"zwom(?:men)?",
    r"speel(?:t|de|den)", r"gespeeld", r"spelen", r"lid", r"vrijwilliger(?:swerk)?", r"stage",
    r"werkervaringsplaats", r"werkervaringsplek", r"leerwerkplek",
    # an employer (blind set MA, session 20: "ik werk nu vier jaar bij Lichtpunt", "mentor bij
    # Amaryllis"): a capitalised ordinary word after "bij" names it as much as a club
    r"(?:ge)?werk(?:t|te|ten|en)?",
)

_CAP = r"[A-ZÀ-ÖØ-Þ]"
_CAP_WORD = re.compile(rf"\s+((?:['’]s-)?{_CAP}[\w'’&+-]*)")
_COMPASS = re.compile(r"(?:Nieuw-)?(?:Noord|Oost|Zuid|West|Midden|Centrum|Zuidoost|Zuidwest|Noordoost|Noordwest)")
#: Endings of region names that are compounds of ordinary words ("Parkstad", "Haaglanden").
_REGION_SUFFIX = re.compile(r"(?:ingen|stad|land|landen|streek|waard|gouw|dal|meer|veen|oord|wold|wolde|horst|mond|"
                            r"dijk|dam|drecht|hout|broek|burg|berg|kerk|haven|zijl|sluis)$")
_NOT_A_NAME = re.compile(rf"(?i)^(?:{MONTHS}|{WEEKDAYS})$")
_ARTICLE = r"(?:de|het|['’]t|De|Het|['’]T|DE)\s+"
_NAME_WORD = rf"{_CAP}[\w'’+-]*"


def looks_like_region(word: str) -> bool:
    """"Haaglanden", "Duinstreek", "Parkstad": a capitalised compound with a region's ending."""
    return word[:1].isupper() and _REGION_SUFFIX.search(word) is not None


def is_compass_district(word: str) -> bool:
    """"Noord", "Nieuw-West", "Centrum": a district named by its direction from the town centre."""
    return _COMPASS.fullmatch(word) is not None


def _trigger_regex() -> re.Pattern:
    abbreviations = "|".join(re.escape(a) for a in sorted(INSTITUTION_ABBREVIATIONS, key=lambda a: (-len(a), a)))
    nouns = "|".join(r"\s+".join(map(re.escape, n.split())) for n in sorted(INSTITUTION_NOUNS, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w-])(?:(?:{abbreviations})|(?i:{nouns}))(?![\w-])")


_TRIGGER = _trigger_regex()


def _region_word(word: str, allow_list: AllowList) -> bool:
    """Whether a capitalised word after an organisation's name is (part of) a place or region."""
    from . import lexicon

    if allow_list.contains(word) or _NOT_A_NAME.match(word) or lexicon.is_title(word):
        return False
    if lexicon.is_place_name(word) or _COMPASS.fullmatch(word):
        return True
    parts = word.split("-")
    if len(parts) > 1:  # "Limburg-Noord", "Amsterdam-Amstelland", "Oost-Brabant", "Midden-Nederland"
        regional = [p[:1].isupper() and _region_word(p, allow_list) for p in parts]
        return any(regional) and all(r or allow_list.contains(p) for r, p in zip(regional, parts))
    core = word.rstrip("'’")
    if lexicon.is_dictionary_word(core) or lexicon.is_name_word(core) or lexicon.is_stop_word(core):
        return False
    # An unknown word ("Fryslân", "Walcheren"), or a compound of ordinary words shaped like a region.
    return not lexicon.is_known_form(core) or _REGION_SUFFIX.search(core.casefold()) is not None


def region_after(text: str, end: int, allow_list: AllowList, max_words: int = 4) -> tuple[int, int] | None:
    """The place or region directly after position ``end`` (an organisation's name), if any.

    Only white space may separate them. The longest run of capitalised words that is a listed
    place ("Den Haag") wins; otherwise the run of words that each look like a place or region
    (:func:`_region_word`): "Limburg-Noord", "Noord-Holland Noord", "Parkstad".

    Returns
    -------
    (start, end) or None
    """
    from . import lexicon

    words: list[re.Match] = []
    pos = end
    while len(words) < max_words:
        m = _CAP_WORD.match(text, pos)
        if m is None:
            break
        words.append(m)
        pos = m.end()
    for n in range(len(words), 1, -1):
        start, stop = words[0].start(1), words[n - 1].end(1)
        if lexicon.is_place_name(text[start:stop]) and not allow_list.contains(text[start:stop]):
            return start, stop
    taken = 0
    for m in words:
        if not _region_word(m.group(1).rstrip(".,;:!?'’"), allow_list):
            break
        taken += 1
    if not taken:
        return None
    return words[0].start(1), words[taken - 1].start(1) + len(words[taken - 1].group(1).rstrip(".,;:!?'’"))


@register("org_region")
def _org_region(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """A place after an organisation's generic name: "Veilig Thuis Fryslân", "PI Zwolle".

    Just above other place detectors (35) and below named institutions (40): "Zwolle" after "PI"
    is a place whatever deduce's person lists say.
    """
    ends = {e for _, e in allow_list.organisation_spans(text)}
    ends.update(m.end() for m in _TRIGGER.finditer(text))
    for end in sorted(ends):
        span = region_after(text, end, allow_list)
        if span is not None:
            yield Detection(span[0], span[1], "LOCATIE", "pattern:org_region", PRIORITY["LOCATIE"] + 1)


_ARTICLE_WORD = re.compile(r"(?i)de|het|['’]t")


#: Lower-case words that join the capitalised words of a name ("Onder de Brug", "Huis van de Wijk").
_JOINS = r"de|het|van|der|den|en|['’]t"
_JOIN_WORD = re.compile(_JOINS)
_CAPITAL_AFTER_JOINS = re.compile(rf"(?:(?:&|{_JOINS})\s+)*{_CAP}")


def _name_words(text: str, start: int, end: int, allow_list: AllowList) -> tuple[int, int] | None:
    """Trim a capitalised phrase to the words that can be part of a proper name.

    An article may lead ("De Vuist"); "&" may join two words ("Sterk & Fit"); the name ends before
    the first word that is not capitalised, or is a month, weekday, title, role or stop word.
    """
    from . import lexicon

    words = list(re.finditer(r"\S+", text[start:end]))
    first = 1 if words and _ARTICLE_WORD.fullmatch(words[0].group(0)) else 0
    last = None

    def capital_follows(i: int) -> bool:
        return i + 1 < len(words) and _CAPITAL_AFTER_JOINS.match(text, start + words[i + 1].start(), end) is not None

    for i in range(first, len(words)):
        word = words[i].group(0)
        if word == "&" and last is not None:
            continue
        if last is not None and _JOIN_WORD.fullmatch(word) and capital_follows(i):
            continue  # "Onder de Brug", "Huis van de Wijk"
        bare = word.strip("'’-")
        # "Stichting Op Orde", "Rond & Rust", "Onder de Brug": a capitalised function word opens a
        # name when a capitalised word follows it
        opens_name = last is None and capital_follows(i)
        if (not word[:1].isupper() or _NOT_A_NAME.match(bare) or lexicon.is_title(bare)
                or bare.casefold() in allow_list.role_words or (lexicon.is_stop_word(bare) and not opens_name)):
            break
        last = words[i]
    if last is None:
        return None
    return start + words[0].start(), start + last.start() + len(last.group(0).rstrip("'’-"))


def _org_name_ok(text: str, start: int, end: int, allow_list: AllowList) -> bool:
    from . import lexicon

    name = text[start:end]
    content = [w for w in name.split() if not _ARTICLE_WORD.fullmatch(w)]
    if (not content or allow_list.contains(name) or allow_list.contains(" ".join(content))
            or not_an_organisation_name(name)):
        return False
    # A name that starts with an allow-listed organisation is that organisation (+ a place).
    lead = name.index(content[0])
    if any(s == lead for s, _ in allow_list.protected_spans(name)):
        return False
    # "bij de club Marco gezien": a first name alone after the noun is the person, not the club.
    return not (len(content) == 1 and lexicon.is_first_name(content[0]) and not lexicon.is_dictionary_word(content[0]))


_HEADS = "|".join(sorted(ORGANISATION_HEADS, key=lambda h: (-len(h), h)))
#: Between the capitalised words of a name: "&", or a joining word ("Onder de Brug").
_NAME_JOIN = rf"(?:&\s+|(?:{_JOINS})\s+)?"
_NAMED_ORG = re.compile(
    rf"(?<![\w'’-])(?P<head>(?i:[\w-]*(?:{_HEADS})))\s+"
    rf"(?P<name>(?:{_ARTICLE})?{_NAME_WORD}(?:\s+{_NAME_JOIN}{_NAME_WORD}){{0,3}})")


_HEAD_WORD = re.compile(rf"(?i:[\w-]*(?:{_HEADS}))")
#: The name in apposition after a kind of organisation: "een boksschool in Osdorp, Boxing Brothers West, die ...",
#: "zijn sportschool, Kracht & Co in Zwolle", "De corporatie, dat is Woonstede Vecht, ..." (blind set KF),
#: "de corporatie, dat is hier ZaanThuis, die ..." (blind set MY).
_APPOSED_ORG = re.compile(
    # spoken forms too: "naar z’n boksschool, Buitenring Boxing" (blind set KZ)
    rf"(?<![\w'’-])(?i:een|de|die|dat|het|zo['’]n|zijn|z['’]n|haar|d['’]r|hun|mijn|m['’]n|onze|ons|jullie|eigen)\s+"
    rf"(?P<head>(?i:[\w-]*(?:{_HEADS})))(?:s|en)?"
    rf"(?![\w-])[^,.!?;:\n]{{0,30}},\s+(?i:(?:zoals|namelijk|bijvoorbeeld|dat\s+(?:is|was)(?:\s+(?:hier|daar|gewoon|bij\s+ons))?"
    r"|die\s+heet|dat\s+heet)\s+)?"
    rf"(?P<name>(?:{_ARTICLE})?{_NAME_WORD}(?:\s+{_NAME_JOIN}{_NAME_WORD}){{0,3}})"
    rf"(?=\s*[,.;:!?)]|\s+(?:die|dat|waar|in|op|aan|bij|heet)\b)")
#: ... and the other way round: "de manager van Woonstede Zuid, de corporatie hier"; "bij het
#: station, Boxing Zuid heet het".
_NAME_THEN_HEAD = re.compile(
    # a past participle may come between: "heb ik Woonkring Bosch gebeld, de corporatie" (blind set LG)
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:&\s+)?{_NAME_WORD}){{0,3}})(?:\s+ge[a-z]{{2,}}[dt])?,\s+"
    rf"(?i:de|het|een|die|dat|(?:een|één)\s+van\s+de)\s+"  # "Woongoed Duinstreek, een van de corporaties"
    rf"(?P<head>(?i:[\w-]*(?:{_HEADS})))(?:s|en)?(?![\w-])")
_TAILED_ORG = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}\s+"
    rf"(?:{'|'.join(sorted(ORGANISATION_TAILS, key=lambda t: (-len(t), t)))}))(?![\w-])")
_NAME_THEN_HEET = re.compile(
    rf",\s+(?P<name>{_NAME_WORD}(?:\s+(?:&\s+)?{_NAME_WORD}){{0,3}})\s+heet\s+(?:het|die|dat|ze)\b")


#: Hospitals known by an acronym or a one-word name: each stands for one city or region ("hij lag in
#: het HMC" says The Hague), unlike the partner organisations of the allow-list. Matched
#: case-sensitively; hospitals named after their place are found through the place.
HOSPITALS = ("AMC", "VUmc", "OLVG", "LUMC", "UMCG", "UMCU", "MUMC", "MUMC+", "Radboudumc", "Erasmus MC", "HMC",
             "HMC Westeinde", "HagaZiekenhuis", "ETZ", "CWZ", "JBZ", "MST", "ZGT", "RKZ", "MCL", "MMC", "SFG",
             "ASZ", "ZMC", "NWZ", "RdGG", "Isala", "Rijnstate", "Amphia", "Zuyderland", "VieCuri", "Maasstad",
             "Ikazia", "Tergooi", "Treant", "Dijklander", "Alrijne", "Bernhoven", "Elkerliek", "Slingeland",
             "Bravis", "ZorgSaam", "BovenIJ", "Spaarne Gasthuis", "Franciscus Gasthuis", "Gelre")
register_regex(
    "hospital", "INSTELLING",
    r"(?<![\w-])(?:" + "|".join(re.escape(h) for h in sorted(HOSPITALS, key=lambda h: (-len(h), h))) + r")(?![\w-])",
    check=lambda m, text, al: not al.contains(m.group(0)), priority=PRIORITY["INSTELLING"],
)


@register("named_organisation")
def _named_organisation(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """A proper name after a word for a kind of organisation: "Boksschool De Vuist".

    Or in apposition to it, after a comma: "een boksschool in Osdorp, Boxing Brothers West, die
    werkt met jongens". The organisation word may be a compound ("kickboksclub", "voetbalvereniging"); an
    allow-listed one ("Actiecentrum") is handled by ``org_region``.
    """
    from . import lexicon
    from .names import sentence_start

    for pattern in (_NAMED_ORG, _APPOSED_ORG, _NAME_THEN_HEAD, _NAME_THEN_HEET, _TAILED_ORG):
        for m in pattern.finditer(text):
            head = m.groupdict().get("head")
            if pattern is _TAILED_ORG:
                words = m.group("name").split()
                housing = words[-1] == "Wonen"
                if housing and len(words) == 2 and words[0].casefold() in _KINDS_OF_HOUSING:
                    continue  # "Beschermd Wonen" is a kind of care, not a corporation
                # "Bouw is ...", "Transport regelen we": one capitalised word at a sentence start
                # before the tail is an ordinary word ("Wonen" is no verb there: "Randmeer Wonen
                # voor een woning"); so is a function word ("De Bouw")
                # ("Kasteam Uitzendservice." opening a sentence is a name: no word, no first name)
                if (len(words) == 2 and sentence_start(text, m.start("name")) and not housing
                        and (lexicon.is_dictionary_word(words[0]) or lexicon.is_name_word(words[0]))) \
                        or lexicon.is_stop_word(words[0]) or allow_list.contains(m.group("name")):
                    continue
            # an allow-listed organisation ("Actiecentrum X") is org_region's; a word that is only
            # allow-listed as no name ("Bewindvoering") is still a kind of organisation
            if head is not None and allow_list.contains(head) and head.casefold() not in allow_list.common_word_forms:
                continue
            name_start = m.start("name")
            if pattern in (_NAME_THEN_HEAD, _NAME_THEN_HEET, _TAILED_ORG):
                # "Bij Woongoed Duinstreek, een van de corporaties": the sentence's opening word is not the name's
                lead = re.match(r"(\S+)\s+(?=\S)", text[name_start:m.end("name")])
                if lead and lexicon.is_stop_word(lead.group(1)):
                    name_start += lead.end()
            first = text[name_start:m.end("name")].split()[0]
            if pattern is not _NAMED_ORG and _HEAD_WORD.fullmatch(first):
                continue  # "een kwekerij in Landgraaf, Kwekerij Gulpers": the name after the head, as above
            if pattern is _NAMED_ORG and _TRIGGER.fullmatch(head) and _region_word(first, allow_list):
                continue  # "politiebureau Hengelo": the institution's place (org_region)
            if pattern in (_NAME_THEN_HEAD, _NAME_THEN_HEET) and (
                    (sentence_start(text, name_start) and len(text[name_start:m.end("name")].split()) == 1)
                    or lexicon.is_name_word(first) or lexicon.is_place_name(first) or lexicon.is_common_word(first)):
                continue  # "Ja, de school ...", "Kevin, die ..." : no organisation's name
            span = _name_words(text, name_start, m.end("name"), allow_list)
            if span is not None and _org_name_ok(text, span[0], span[1], allow_list):
                yield Detection(span[0], span[1], "INSTELLING", "pattern:named_organisation", PRIORITY["INSTELLING"])


_ACTIVITY = re.compile(
    rf"(?i:(?<![\w-])(?:{'|'.join(ACTIVITY_VERBS)})(?![\w-])[^.!?\n]{{0,30}}?(?<![\w-])bij\s+)"
    rf"(?P<name>(?:{_ARTICLE})?{_NAME_WORD}(?:\s+(?:&\s+)?{_NAME_WORD}){{0,3}})")


@register("activity_organisation")
def _activity_organisation(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """A club named after a verb of club life and "bij": "hij bokste bij Fighting Spirit".

    A name-list word first ("traint bij Rinus") is left to the person detectors.
    """
    from . import lexicon

    for m in _ACTIVITY.finditer(text):
        span = _name_words(text, m.start("name"), m.end("name"), allow_list)
        if span is None or not _org_name_ok(text, span[0], span[1], allow_list):
            continue
        first = next(w for w in text[span[0]:span[1]].split() if w[:1].isupper())
        if lexicon.is_name_word(first) or lexicon.is_place_name(first):
            continue
        if _HEAD_WORD.fullmatch(first):
            continue  # "traint bij Boxschool Sterk", "werkt bij Bakkerij Van Kempen": named_organisation's job

        yield Detection(span[0], span[1], "INSTELLING", "pattern:activity_organisation", PRIORITY["INSTELLING"])


#: Two capitalised words joined by "op" inside a sentence: "bij Jongeren op Koers" (blind set LX,
#: session 20), "Stichting Geld op Orde", "Sport op Zuid". Dutch does not capitalise nouns, so two
#: ordinary words written so name a project or foundation; a place ("Bergen op Zoom") is left to the
#: place detectors.
_OP_NAME = re.compile(rf"(?P<name>{_CAP}[a-zà-ÿ]+\s+op\s+{_CAP}[a-zà-ÿ]+(?:\s+{_COMPASS.pattern})?)(?![\w-])")


@register("op_name")
def _op_name(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """A foundation or project named by two ordinary words joined by "op": "Jongeren op Koers"."""
    from . import lexicon
    from .names import sentence_start

    for m in _OP_NAME.finditer(text):
        start = m.start("name")
        first, _op, second = m.group("name").split()[:3]
        previous = _previous_word(text, start)
        if sentence_start(text, start) or previous is None:
            continue
        before = previous[1].strip("\"'“‘(")
        if not (before[:1].islower() or before.endswith(",") or _HEAD_WORD.fullmatch(before)):
            continue  # after another capitalised word: part of a longer name or a heading
        if lexicon.is_place_name(f"{first} op {second}") or allow_list.contains(m.group("name")):
            continue
        if not (lexicon.is_plain_word(first) or lexicon.is_dictionary_word(first)) or lexicon.is_name_word(first):
            continue  # "Kevin op Instagram", "Jan op Texel": a person
        if allow_list.contains(first) or _NOT_A_NAME.match(second):
            continue
        if not (lexicon.is_dictionary_word(second) or _COMPASS.fullmatch(second)):
            continue
        yield Detection(start, m.end("name"), "INSTELLING", "pattern:op_name", PRIORITY["INSTELLING"])


#: Staff and contacts of an organisation before "van" or "bij" and its name: "een medewerker van
#: Thuisvast" (blind set IX), "het aanspreekpunt bij Hoflanden".
_STAFF_OF = re.compile(
    r"(?i:(?<![\w-])(?:medewerk(?:er|ster|ers|sters)|directeur|directrice|teamleider|manager|bestuurder"
    r"|(?:woon)?consulent(?:e|en)?|huismeester|beheerder|contactpersoon|aanspreekpunt)\s+(?:van|bij)\s+)"
    rf"(?P<name>(?:{_ARTICLE})?{_NAME_WORD}(?:\s+(?:&\s+)?{_NAME_WORD}){{0,3}})")


#: Endings of the generic services a municipality or care provider has staff in ("de manager van
#: Schuldhulpverlening", "een medewerker van Leerplicht"): no organisation's own name.
_SERVICE_ENDING = re.compile(r"(?i)(?:zorg|hulp|verlening|plicht|dienst|diensten|begeleiding|zaken|beheer|werk"
                             r"|inkomen|onderwijs|handhaving|toezicht|opvang|bescherming|reclassering)$")


@register("staff_organisation")
def _staff_organisation(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """An organisation named after one of its staff: "een medewerker van Thuisvast belde".

    A person's or a place's name there ("de directeur van Jansen", "een medewerker van Rotterdam")
    is left to the person and place detectors; an allow-listed organisation ("medewerker van
    Veilig Thuis") stays.
    """
    from . import lexicon

    for m in _STAFF_OF.finditer(text):
        span = _name_words(text, m.start("name"), m.end("name"), allow_list)
        if span is None or not _org_name_ok(text, span[0], span[1], allow_list):
            continue
        words = text[span[0]:span[1]].split()
        first = next(w for w in words if w[:1].isupper())
        if (lexicon.is_name_word(first) or lexicon.is_place_name(first) or is_compass_district(first)
                or allow_list.contains(first) or _HEAD_WORD.fullmatch(first) or _TRIGGER.fullmatch(first)
                or (len(words) == 1 and _SERVICE_ENDING.search(first))):
            continue
        yield Detection(span[0], span[1], "INSTELLING", "pattern:staff_organisation", PRIORITY["INSTELLING"])


def is_generic_organisation_word(word: str) -> bool:
    """Whether ``word`` only names a kind of organisation ("Bouwbedrijf", "PI", "wijkteam").

    What is left of a name detection after an organisation's own name was cut out of it is
    such a word, and stays: "Bouwbedrijf [INSTELLING-1]", not "[PERSOON-2] [INSTELLING-1]".
    """
    word = word.strip().strip(".,;:!?'’\"()")
    return bool(word) and (_HEAD_WORD.fullmatch(word) is not None or _TRIGGER.fullmatch(word) is not None)


#: Detectors whose names may contain an allow-listed word that does not protect them ("Fighting
#: Spirit", "Midden-Nederland"); one that starts with it is never found by them.
NAMES_OVER_ALLOW_LIST = frozenset({"pattern:named_organisation", "pattern:activity_organisation",
                                   "pattern:staff_organisation",
                                   "pattern:org_region", "pattern:article_name"})
#: Detectors whose context makes even an ordinary word a name ("boksschool Sterk", "PI Best", a
#: compass district after its preposition: "regisseur op Zuid").
CONTEXT_SOURCES = NAMES_OVER_ALLOW_LIST | {"pattern:district", "pattern:district_pair"}


# ---------------------------------------------------------------------------- "De X" inside a sentence
#: Single words that only name a kind of institution or an abstraction, also when a speaker writes
#: them with a capital article for emphasis ("we werken voor De Staat", "toen kwam Het Ziekenhuis").
GENERIC_NOUNS = frozenset({
    "ziekenhuis", "kliniek", "apotheek", "huisarts", "huisartsenpraktijk", "praktijk", "instelling",
    "afdeling", "dienst", "team", "overleg", "organisatie", "bank", "rechter", "raad", "staat", "rijk",
    "overheid", "wet", "kabinet", "regering", "politiek", "zorg", "hulpverlening", "justitie", "maatschappij",
    "samenleving", "systeem", "markt", "stad", "buurt", "wijk", "dorp", "regio", "provincie", "ministerie",
    "jeugdzorg", "verslavingszorg", "reclassering", "wijkagent", "officier", "directie", "leiding", "top",
})
_NUMBER_WORD = re.compile(rf"(?i)(?:{DAY_WORDS}|laatste|volgende|vorige|zelfde|enige|hele|halve)")
_KIN = re.compile(rf"(?i){KIN_WORDS}")
#: What makes "in De X" a place rather than an organisation: a verb of living or moving house, or a
#: noun for an area, shortly before.
_RESIDENCE = re.compile(
    r"(?i)(?<![\w-])(?:woon\w*|gewoond|verhuis\w*|opgegroeid|geboren|getogen|wijk|buurt|dorp|gehucht|regio"
    r"|gebied|streek|omgeving|kern)(?![\w-])[^.!?;:\n]{0,20}$")
#: After these a surname-like word names a place or organisation: "naar De Overloop", "in De Schie".
_PLACE_PREPOSITIONS = frozenset({"bij", "naar", "in", "uit", "op", "vanuit", "via", "richting", "binnen"})
_ARTICLE_NAME = re.compile(
    rf"(?<![\w'’-])(?P<article>De|Het|Den)\s+(?P<name>{_NAME_WORD}(?:\s+(?:&\s+)?{_NAME_WORD}){{0,3}})")


def _previous_word(text: str, start: int) -> tuple[int, str] | None:
    m = re.search(r"(\S+)\s+$", text[max(0, start - 60):start])
    if m is None:
        return None
    return start - (len(text[max(0, start - 60):start]) - m.start(1)), m.group(1)


def _inside_sentence(text: str, start: int, allow_list: AllowList | None = None) -> bool:
    """Whether a capital article at ``start`` stands inside running text, not in a heading or name.

    The word before it is in lower case, ends a clause with a comma, or is an ordinary word at the
    start of a sentence ("In De Kleine Meierij"). After another capitalised word ("Peter De Jong",
    "Thema Twee De Aanpak") or a number it is part of a longer name or a heading, except after an
    allow-listed kind of organisation that itself stands inside running text ("een afspraak met
    GGZ De Lichtboei", blind set LX).
    """
    from . import lexicon
    from .names import sentence_start

    if sentence_start(text, start):
        return False
    previous = _previous_word(text, start)
    if previous is None:
        return False
    pos, word = previous
    if word.endswith(","):
        return True
    core = word.strip("\"'“”‘’()[]«»")
    if not core or any(c.isdigit() for c in core):
        return False
    if core[:1].islower():
        return True
    if allow_list is not None and core == word and allow_list.contains(core) and not sentence_start(text, pos):
        return _inside_sentence(text, pos)
    return sentence_start(text, pos) and (lexicon.is_stop_word(core) or lexicon.is_plain_word(core))


def _person_before(text: str, start: int, allow_list: AllowList) -> bool:
    """A form of address, a relative or a role right before: "mevrouw De Vries", "wijkagent De Boer"."""
    from . import lexicon

    previous = _previous_word(text, start)
    if previous is None:
        return False
    word = previous[1].strip(".,;:\"'“”‘’()").casefold()
    return bool(word) and (lexicon.is_title(word) or _KIN.fullmatch(word) is not None or word in allow_list.role_words)


def _generic(content: list[str]) -> bool:
    """Whether the words only name a kind of organisation, a role or an abstraction."""
    phrase = " ".join(content).casefold()
    return phrase in GENERIC_NOUNS or phrase in _GENERIC_PHRASES


_GENERIC_PHRASES = frozenset(" ".join(n.split()).casefold() for n in ORGANISATION_HEADS + INSTITUTION_NOUNS)


def article_name_kind(text: str, start: int, article: str, content: list[str], allow_list: AllowList) -> str:
    """``PERSOON``, ``LOCATIE`` or ``INSTELLING`` for a name "De X" found at ``start``.

    A surname that deduce lists after a particle ("De Vries", "De Jong": Dutch spelling capitalises
    the particle when no first name precedes), unless a preposition of place precedes it ("naar De
    Overloop"), or anything after a form of address or role, is a person; "Den X" is a place or else a surname; a listed place (deduce's list or the allow-list's
    ``places_to_pseudonymise``), or a name after a verb of living or an area noun ("woont in De
    Kleine Meierij"), a place; the rest is an organisation.
    """
    from . import lexicon

    phrase = " ".join(content)
    single = content[0].split("-")[0] if len(content) == 1 else ""
    previous = _previous_word(text, start)
    to_a_place = previous is not None and previous[1].strip(",").casefold() in _PLACE_PREPOSITIONS
    after_organisation = (previous is not None and previous[1] == previous[1].strip(",")
                          and allow_list.contains(previous[1]) and previous[1].casefold() not in allow_list.role_words)
    if _person_before(text, start, allow_list) or (
            single and not to_a_place and not after_organisation and lexicon.is_surname_after_particle(single)):
        return "PERSOON"
    listed = allow_list.places_pattern
    if (lexicon.is_place_name(f"{article} {phrase}") or lexicon.is_place_name(phrase)
            or (listed is not None and listed.fullmatch(f"{article} {phrase}") is not None)):
        return "LOCATIE"  # "Den Helder", "De Baarsjes" (places_to_pseudonymise)
    if after_organisation:
        return "INSTELLING"  # "Jeugdzorg De Hoop": named after its kind of organisation
    if article == "Den":
        return "PERSOON"
    if _RESIDENCE.search(text, max(0, start - 60), start):
        return "LOCATIE"
    return "INSTELLING"


#: "in het Noorden" is a direction, even where a village of that name exists.
_COMPASS_NOUN = re.compile(r"(?:Noorden|Zuiden|Oosten|Westen|Midden)")
_NEUTER_ARTICLE_PLACE = re.compile(
    rf"(?i:(?<![\w'’-])(?:in|uit|naar|vanuit|richting|rond|door|binnen)\s+(?:het|['’]t)\s+)"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})")


#: A school named as one capitalised compound inside a sentence: "het Singelcollege", "het Vechtdal Lyceum",
#: with the district of its branch: "het Techniekcollege West" (blind set JM).
_SCHOOL_COMPOUND = re.compile(r"(?<=[a-zà-ÿ,] )(?:het|de)\s+(?P<name>(?P<compound>[A-ZÀ-Þ][a-zà-ÿ]{2,}"
                              rf"(?:college|lyceum|school|gymnasium))(?:\s+{_COMPASS.pattern})?)(?![\w-])")


@register("school_compound")
def _school_compound(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """A capitalised compound ending in college/lyceum/school after "het/de" inside a sentence.

    Dutch writes a kind of school in lower case ("de basisschool", "het college"); capitalised
    inside a sentence and no dictionary word, it is the school's name ("het Singelcollege").
    """
    from . import lexicon

    for m in _SCHOOL_COMPOUND.finditer(text):
        compound = m.group("compound")
        if allow_list.contains(compound) or lexicon.is_dictionary_word(compound):
            continue
        yield Detection(m.start("name"), m.end("name"), "INSTELLING", "pattern:school_compound", PRIORITY["INSTELLING"])


#: A housing corporation named as one compound on "-wonen" inside a sentence: "bij Wierdewonen" (blind set KA).
_HOUSING_COMPOUND = re.compile(r"(?<=[a-zà-ÿ,] )(?P<name>[A-ZÀ-Þ][a-zà-ÿ]{2,}wonen)(?![\w-])")


@register("housing_compound")
def _housing_compound(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """A capitalised compound ending in "wonen" inside a sentence that no word list knows.

    Like "Havenstad Wonen" (:data:`ORGANISATION_TAILS`) written as one word; "Samenwonen" is a word.
    """
    from . import lexicon

    for m in _HOUSING_COMPOUND.finditer(text):
        name = m.group("name")
        if allow_list.contains(name) or lexicon.is_dictionary_word(name):
            continue
        yield Detection(m.start("name"), m.end("name"), "INSTELLING", "pattern:housing_compound", PRIORITY["INSTELLING"])


@register("neuter_article_place")
def _neuter_article_place(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """Capitalised words after "in/uit/naar … het": a named area ("in het Oude Noorden").

    deduce reads "het Oude" as a surname with its particle; a neuter article before a name after
    a preposition of place marks a neighbourhood, region or landmark instead. Two or more words
    ("het Oude Westen", "het Groene Hart") or one listed place ("het Gooi"); acronyms ("in het
    MDO"), allow-listed and generic names ("in het Veiligheidshuis") and compass points are left.
    """
    from . import lexicon

    protected = allow_list.protected_spans(text)
    for m in _NEUTER_ARTICLE_PLACE.finditer(text):
        previous = _previous_word(text, m.start())
        if previous is not None and (lexicon.is_title(previous[1]) or lexicon.is_first_name(previous[1])):
            continue  # "mevrouw in het Veld", "Jan in het Veld": a surname with its particles
        span = _name_words(text, m.start("name"), m.end("name"), allow_list)
        if span is None or any(ps < span[1] and span[0] < pe for ps, pe in protected):
            continue
        words = [w.strip("'’-") for w in text[span[0]:span[1]].split()]
        if any(w.isupper() for w in words) or _generic(words) or all(allow_list.contains(w) for w in words):
            continue
        if len(words) == 1 and (_COMPASS_NOUN.fullmatch(words[0]) or not lexicon.is_place_name(words[0])):
            continue
        # above deduce's person (10) and the one-word place_word pattern, so the area stays whole
        yield Detection(span[0], span[1], "LOCATIE", "pattern:neuter_article_place", PRIORITY["LOCATIE"] + 1)


@register("article_name")
def _article_name(text: str, allow_list: AllowList) -> Iterable[Detection]:
    """A capitalised article inside a sentence before capitalised words: "bij De Overstap".

    Dutch writes "de" in lower case inside a sentence unless it is part of a name: a small
    organisation ("een traject bij De Overstap"), a place or area ("ze woont in De Kleine
    Meierij") or a surname without first name ("ik belde De Vries"). At the start of a sentence the
    capital says nothing ("De GGZ zei", "De Raad voor de Kinderbescherming", "De eerste keer"); such
    a name is replaced there only when it was found inside a sentence elsewhere in the study.
    Allow-listed organisations ("bij Het Openbaar Ministerie", "De Regenboog Groep"), words for a
    kind of organisation or a role ("De Politie", "De Wijkagent"), numbers and ordinals ("De
    Eerste Hulp") and months or weekdays are no such names. The type comes from
    :func:`article_name_kind`.
    """
    protected = allow_list.protected_spans(text)
    for m in _ARTICLE_NAME.finditer(text):
        start = m.start()
        if not _inside_sentence(text, start, allow_list):
            continue
        first = m.start("name")
        if any(ps <= pos < pe for ps, pe in protected for pos in (start, first)):
            continue  # "De Regenboog Groep", "Het Openbaar Ministerie", "De Raad voor de Kinderbescherming"
        span = _name_words(text, first, m.end("name"), allow_list)
        if span is None or not _org_name_ok(text, start, span[1], allow_list):
            continue
        span = (start, span[1])
        content = text[first:span[1]].split()
        bare = [w.strip("'’-") for w in content if w != "&"]
        if _generic(bare) or _NUMBER_WORD.fullmatch(bare[0]) or all(allow_list.contains(w) for w in bare):
            continue
        kind = article_name_kind(text, start, m.group("article"), bare, allow_list)
        # A surname: above deduce (10) so that "De Boer" is not taken for the village, below named
        # organisations ("Stichting De Hoop", 40).
        priority = 11 if kind == "PERSOON" else PRIORITY[kind]
        yield Detection(span[0], span[1], kind, "pattern:article_name", priority)
