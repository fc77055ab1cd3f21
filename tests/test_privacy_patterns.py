"""Pattern detectors, the allow-list and name parsing (no deduce instance needed)."""
from __future__ import annotations

import pytest

from pipeline.errors import ConfigError
from pipeline.privacy import DETECTORS, AllowList, detect_patterns, load_allow_list
from pipeline.privacy.names import label_name_spans, parse_person, split_sentences, trim_person

ALLOW = load_allow_list()


def found(text: str, allow: AllowList = ALLOW) -> set[tuple[str, str]]:
    return {(d.type, text[d.start:d.end]) for d in detect_patterns(text, allow)}


@pytest.mark.parametrize("text, kind, identifier", [
    ("bel me op 06-12345678.", "TELEFOON", "06-12345678"),
    ("nummer 020 123 4567 toch", "TELEFOON", "020 123 4567"),
    ("of +31 6 12345678 mobiel", "TELEFOON", "+31 6 12345678"),
    ("of (020) 612 34 56", "TELEFOON", "(020) 612 34 56"),
    ("mail p.jansen@gemeente.nl, graag", "EMAIL", "p.jansen@gemeente.nl"),
    ("zie https://www.voorbeeld.nl/pagina?id=3.", "URL", "https://www.voorbeeld.nl/pagina?id=3"),
    ("zie top-site.nl voor meer", "URL", "top-site.nl"),
    ("dossiernummer 2023-0457 dus", "DOSSIER", "2023-0457"),
    ("Het zaaknummer is ZK-88123.", "DOSSIER", "ZK-88123"),
    ("parketnummer 13/123456-22", "DOSSIER", "13/123456-22"),
    ("zijn BSN is 1234.56.782", "BSN", "1234.56.782"),
    ("postcode 1012 AB in", "POSTCODE", "1012 AB"),
    ("postcode 1012ab in", "POSTCODE", "1012ab"),
    ("op dinsdag 5 januari kwam", "DATUM", "dinsdag 5 januari"),
    ("op 5 jan. 2021 kwam", "DATUM", "5 jan. 2021"),
    ("sinds maart 2020 al", "DATUM", "maart 2020"),
    ("op 23-06-2022 belde", "DATUM", "23-06-2022"),
    ("op de 14e kwam hij", "DATUM", "14e"),
    ("vrijdag de 3e was het", "DATUM", "vrijdag de 3e"),
    ("hij woont op de Kalverstraat 12 nu", "ADRES", "Kalverstraat 12"),
    ("aan de Burgemeester de Vlugtlaan 112-3 om", "ADRES", "Burgemeester de Vlugtlaan 112-3"),
    ("in de Spaarndammerstraat woont", "LOCATIE", "Spaarndammerstraat"),
    ("een wijk als Osdorp of", "LOCATIE", "Osdorp"),
    ("zat op basisschool De Zonnewijzer toen", "INSTELLING", "De Zonnewijzer"),
    ("zat op De Kleine Prins, een basisschool in", "INSTELLING", "De Kleine Prins"),
    ("onder nummer TOP-2021-0932 in het systeem", "DOSSIER", "TOP-2021-0932"),
    ("het was TOP-2021-0932 toen", "ID", "TOP-2021-0932"),
    ("kreeg ik pas op 12-11 een reactie", "DATUM", "12-11"),
])
def test_detects(text, kind, identifier):
    assert (kind, identifier) in found(text)


# Each row is one general rule (not one example of a test set): the kind of identifier it covers
# is in the comment.
@pytest.mark.parametrize("text, kind, identifier", [
    # season, holiday or quarter with a year; qualified years; month with 'yy
    ("binnen, in het voorjaar van 2022. Woonde", "DATUM", "voorjaar van 2022"),
    ("sinds de zomer 2021 denk ik", "DATUM", "zomer 2021"),
    ("rond de kerst van '22 ging het", "DATUM", "kerst van '22"),
    ("in de zomervakantie van 2022 elke week", "DATUM", "zomervakantie van 2022"),
    ("in het derde kwartaal van 2020 al", "DATUM", "derde kwartaal van 2020"),
    ("die kreeg ik begin 2022, hij was", "DATUM", "begin 2022"),
    ("nu sinds medio 2020. Daarvoor", "DATUM", "medio 2020"),
    ("tot eind maart 2025 vast", "DATUM", "eind maart 2025"),
    ("geen feiten sinds oktober '21.", "DATUM", "oktober '21"),
    # dates in words
    ("dat was vijftien maart, dat weet ik", "DATUM", "vijftien maart"),
    ("op eenendertig mei kwam er", "DATUM", "eenendertig mei"),
    ("op vrijdag de drieëntwintigste juni, en", "DATUM", "vrijdag de drieëntwintigste juni"),
    ("de zitting was op tweeëntwintig april 2021", "DATUM", "tweeëntwintig april 2021"),
    # case codes with letter/digit prefixes, year + serial, later dossier numbers
    ("staat onder ZVH-2023-0562, maar", "ID", "ZVH-2023-0562"),
    ("zijn dossiernummer, T600-2013-0254, dat", "ID", "T600-2013-0254"),
    ("met nummer VT-ZW-2021-04418. En", "ID", "VT-ZW-2021-04418"),
    ("was R600/2019/3312 toen", "ID", "R600/2019/3312"),
    ("Zijn dossier, 2023-0457, is nu dik", "DOSSIER", "2023-0457"),
    ("dossiernummer was trouwens 88123, dat", "DOSSIER", "88123"),
    # number plates
    ("in een auto, kenteken GZ-418-K, zonder", "ID", "GZ-418-K"),
    ("reed in de 12-ABC-3 van zijn oom", "ID", "12-ABC-3"),
    ("kenteken is 99xxl9 toch", "ID", "99xxl9"),
    # BSN without its keyword right before the number
    ("staat nog op een formulier, 123456782, dat", "BSN", "123456782"),
    ("zijn BSN stond op de brief: 123.456.782.", "BSN", "123.456.782"),
    # phones: Dutch with loose separators, foreign numbers
    ("bel 020 - 579 31 12, of", "TELEFOON", "020 - 579 31 12"),
    ("Haar Poolse nummer was +48 601 234 567, maar", "TELEFOON", "+48 601 234 567"),
    ("of 0032 470 12 34 56 in België", "TELEFOON", "0032 470 12 34 56"),
    ("een Belgisch nummer, +32 (0)470 12 34 56, en", "TELEFOON", "+32 (0)470 12 34 56"),
    # spelled-out e-mail addresses and social-media handles
    ("mailen: s.degraaf at roc-voorbeeld punt nl. Maar", "EMAIL", "s.degraaf at roc-voorbeeld punt nl"),
    ("mail jan(at)gemeente(dot)nl graag", "EMAIL", "jan(at)gemeente(dot)nl"),
    ("had een Instagram, @kwame.kmsi, daar", "URL", "@kwame.kmsi"),
    # streets: on the street list without number, without street-like ending with number, house numbers
    ("bij haar werk in de Stationsstraat. Toen", "LOCATIE", "Stationsstraat"),
    ("op de Zalmplaat 63b. Toen", "ADRES", "Zalmplaat 63b"),
    ("woont op de Sumatrastraat 101-huis, vlak bij", "ADRES", "Sumatrastraat 101-huis"),
    ("op de Amsterdamsestraatweg 212bis. Haar", "ADRES", "Amsterdamsestraatweg 212bis"),
    ("op de Rijnstraat 212-II en", "ADRES", "Rijnstraat 212-II"),
    ("naar de McDonald's op het Amsterdamse Poort, want", "LOCATIE", "Amsterdamse Poort"),
    ("postcode 1506EG. Daar", "POSTCODE", "1506EG"),
    # neighbourhoods and places
    ("als wijkagent in de Baarsjes en later", "LOCATIE", "Baarsjes"),
    ("zat veel in Antwerpen, bij een vriend", "LOCATIE", "Antwerpen"),
    ("ze kwam uit Wrocław, en woonde", "LOCATIE", "Wrocław"),
    ("in de Meeuwenplaat, en", "LOCATIE", "Meeuwenplaat"),
    ("straatroof bij het Muiderpoortstation, de zaak", "LOCATIE", "Muiderpoortstation"),
    # institutions
    ("zat op het Calandlyceum, maar", "INSTELLING", "Calandlyceum"),
    ("de huisarts van Gezondheidscentrum Westerkoog wist", "INSTELLING", "Westerkoog"),
    ("huisartsenpraktijk De Linde op de", "INSTELLING", "De Linde"),
    # names known by their context or unknown to every word list
    ("Oma Riet. (lacht) Een geweldig mens.", "PERSOON", "Riet"),
    ("Via zijn tante. Tante Fatiha, de zus", "PERSOON", "Fatiha"),
    ("en met huisarts Bos van het centrum", "PERSOON", "Bos"),
    ("De kinderen heetten Zuzia en Kacper, Kacper was", "PERSOON", "Zuzia"),
    ("Omdat Aga zei dat het meeviel.", "PERSOON", "Aga"),
    ("Dat is de Gemeente, niet Zulfiqar zelf", "PERSOON", "Zulfiqar"),
    # case codes whose prefix mixes capitals and digits, two number groups
    ("Zijn dossier is T4N-2022-0117 en", "ID", "T4N-2022-0117"),
    ("onder 3B-2021-0045 geregistreerd", "ID", "3B-2021-0045"),
    # ... or one number group with a dossier word just before it
    ("het kenmerk was toen R2D-0117, geloof ik", "ID", "R2D-0117"),
    # a form of address before an ordinary word: the word is a name
    ("Een buurvrouw, mevrouw Kok, heeft", "PERSOON", "Kok"),
    ("en dhr. de Kok belde", "PERSOON", "de Kok"),
    # an unknown compound after a place context word ("heel", "regio", "gemeente", "buiten")
    ("procesregisseur nazorg voor heel Parkstad, echt", "LOCATIE", "Parkstad"),
    ("werkt in de regio Zuidkempen sinds", "LOCATIE", "Zuidkempen"),
])
def test_detects_general_rules(text, kind, identifier):
    assert (kind, identifier) in found(text)


@pytest.mark.parametrize("text", [
    "vorige week donderdag sprak ik hem",
    "in 2019 OM en politie samen",
    "op de 2e verdieping van het bureau",
    "de Top600 en Top400 sinds 2011",
    "dat kost 12,50 euro per uur",
    "over 0800 2000 bel je Veilig Thuis",
    "hij heeft 3 jaar gezeten, 12 van de 20 zaken",
    "We gingen met de Snelweg mee",
    "tijdens COVID-19 en de uitslag 12-11 was goed",
    # years alone, relative time and seasons without a year stay; a month fixed by "vorig jaar"
    # ("vorig jaar begin maart") is a date since sessions 14 and 16 (tests/test_privacy_gaps.py)
    "in de zomer was er vorig jaar iets, begin maart ook, eind vorig jaar ook",
    "het schooljaar 2021-2022 en de jaren 2019-2020",
    "De GGZ-behandelaar en de LVB-cliënten via een Wmo-voorziening",
    "Daarvoor en daarnaast, sindsdien, jazeker. Wéér iemand.",
    "Woninginbraken, een paar straatroven; via Instagram en de McDonald's",
    "hij had 450 euro schuld en 12 procent rente over 2021",
    "drie kinderen en vier keer per jaar",
    "in de ISD-2019 regeling",
    # near misses of the rules above: no case code without two numbers or a dossier word,
    # a role after a form of address, an organisation after a place word
    "tijdens COVID-19 en met A2-2019 op N2-niveau",
    "Ik sprak meneer de burgemeester en mevrouw de rechter",
    "werkt voor heel Reclassering en het Veiligheidshuis",
])
def test_does_not_detect(text):
    assert found(text) == set()


def test_places_to_pseudonymise_match_with_and_without_article():
    allow = AllowList(places_to_pseudonymise=("De Baarsjes",))
    assert ("LOCATIE", "de Baarsjes") in found("wijkagent in de Baarsjes", allow)
    assert ("LOCATIE", "Baarsjes") in found("de Baarsjes-kant, Baarsjes toch", allow)


def test_elfproef():
    from pipeline.privacy.patterns import elfproef

    assert elfproef("123456782") and elfproef("111222333")
    assert not elfproef("123456789") and not elfproef("000000000") and not elfproef("12345678")


def test_known_forms_are_no_names():
    from pipeline.privacy import lexicon

    for word in ("Daarvoor", "waarmee", "Sindsdien", "Wéér", "Woninginbraken", "Daderhulp"):
        assert lexicon.is_known_form(word), word
    for word in ("Zuzia", "Kacper", "Abena", "Nador", "Calandlyceum"):
        assert not lexicon.is_known_form(word), word


def test_place_and_year_is_no_address():
    assert found("In Amsterdam 2021 was een goed jaar") == {("LOCATIE", "Amsterdam")}


def test_ages_only_when_asked():
    text = "een jongen van 17 die nu 19 jaar is"
    assert found(text) == set()
    aged = AllowList(pseudonymise_ages=True)
    assert {i for k, i in found(text, aged) if k == "LEEFTIJD"} == {"17", "19"}


def test_detector_registry_is_extensible():
    from pipeline.privacy.patterns import register_regex

    try:
        register_regex("test_client_code", "ID", r"\bcl\d{2}x\b")
        assert ("ID", "cl12x") in found("client cl12x kwam")
    finally:
        DETECTORS.pop("test_client_code", None)
    assert found("client cl12x kwam") == set()


# ------------------------------------------------------------------------------ allow-list
def test_default_allow_list_sections():
    assert "Reclassering" in ALLOW.organisations and "Top600" in ALLOW.programmes
    assert "Interviewer" in ALLOW.roles and "Hans Licht" in ALLOW.authors
    assert ALLOW.keep_places == () and not ALLOW.pseudonymise_ages
    assert "Osdorp" in ALLOW.places_to_pseudonymise


def test_protected_spans_rules():
    text = "om 9 uur belde het OM, daarna de raad voor de kinderbescherming en H. Licht, ook MDA++."
    spans = [text[s:e] for s, e in ALLOW.protected_spans(text)]
    assert "om" not in spans  # acronyms match case-sensitively
    assert "OM" in spans and "raad voor de kinderbescherming" in spans
    assert "H. Licht" in spans and "MDA++" in spans


def test_allow_list_errors(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisations: [Reclassering\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.yaml:.*not valid YAML"):
        load_allow_list(bad)
    bad.write_text("organisatie: [Reclassering]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown section"):
        load_allow_list(bad)
    bad.write_text("roles: Interviewer\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'roles' must be a list"):
        load_allow_list(bad)
    bad.write_text("settings: {pseudonymise_ages: 'ja'}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="true or false"):
        load_allow_list(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_allow_list(tmp_path / "missing.yaml")
    good = tmp_path / "good.yaml"
    good.write_text("keep_places: [Amsterdam]\nsettings: {pseudonymise_ages: true}\n", encoding="utf-8")
    custom = load_allow_list(good)
    assert custom.keep_places == ("Amsterdam",) and custom.pseudonymise_ages


# ------------------------------------------------------------------------------ names
@pytest.mark.parametrize("text, kind, given, surname", [
    ("Dylan van Dam", "full", ("dylan",), "van dam"),
    ("Jansen, P.", "initials", (), "jansen"),
    ("P.J. de Vries", "initials", (), "de vries"),
    ("Van der Linden, M.", "initials", (), "van der linden"),
    ("De Groot", "surname", (), "de groot"),
    ("Bakker", "single", (), "bakker"),
    ("Sanne de Graaf-Mulder", "full", ("sanne",), "de graaf-mulder"),
])
def test_parse_person(text, kind, given, surname):
    name = parse_person(text)
    assert (name.kind, name.given, name.surname) == (kind, given, surname)


@pytest.mark.parametrize("text, expected", [
    ("Mevrouw Bakker van ", "Bakker"),
    ("Volgens Hans", "Hans"),
    ("dhr. De Boer", "De Boer"),
    ("Jan de Vries van het ", "Jan de Vries"),
    ("Dylan zei", "Dylan"),
    ("Erik Kooij Training", "Erik Kooij"),
    ("P.", None),
])
def test_trim_person(text, expected):
    span = trim_person(text, 0, len(text))
    assert (text[span[0]:span[1]] if span else None) == expected


def test_split_sentences():
    text = "De Groot. De Groot en mr. Vermeulen en P. Jansen"
    assert [text[s:e] for s, e in split_sentences(text, 0, len(text))] == [
        "De Groot", "De Groot en mr. Vermeulen en P. Jansen"]


@pytest.mark.parametrize("label, names", [
    ("Jansen, P. (Actiecentrum)", ["Jansen, P."]),
    ("Interviewer", []),
    ("R6", []),
    ("Spreker 2", []),
    ("IV", []),
    ("Fatima", ["Fatima"]),
    ("Regisseur Jansen", ["Jansen"]),
    ("Interviewer (Sanne)", ["Sanne"]),
    ("Van der Linden, M. (Veilig Thuis)", ["Van der Linden, M."]),
    ("Moeder van Dylan", ["Dylan"]),
    ("Dhr. De Boer", ["De Boer"]),
    # surnames that are also ordinary words, after a given name or a particle (a VTT voice tag
    # "<v Marloes de Kraker>" once left "de Kraker" in the outputs; the leak check caught it)
    ("Marloes de Kraker", ["Marloes de Kraker"]),
    ("Anne Bakker", ["Anne Bakker"]),
    ("Jan van den Berg (wijkteam)", ["Jan van den Berg"]),
])
def test_label_names(label, names):
    assert [label[s:e] for s, e in label_name_spans(label, ALLOW)] == names


def _pseudonymise(*texts: str) -> list[str]:
    from pipeline.model import Document, Turn
    from pipeline.privacy import Pseudonymiser

    doc = Document("d1", "d1.txt", "txt", header=[], turns=[Turn("R", t) for t in texts])
    return [t.text for t in Pseudonymiser(allow_list=ALLOW).fit_transform([doc])[0].turns]


@pytest.mark.parametrize("text, name", [
    ("Een buurvrouw, mevrouw Kok, heeft gebeld.", "Kok"),
    ("Dat zei meneer Groen tegen me.", "Groen"),
    ("Oma Roos kwam, de roos bloeide.", "Roos"),  # the lower-case word elsewhere does not win
])
def test_form_of_address_beats_ordinary_word(text, name):
    assert name not in _pseudonymise(text)[0]


def test_ordinary_word_without_form_of_address_stays():
    out = _pseudonymise("De kok van de instelling kookte. Er stond een Kok op de deur.")[0]
    assert "De kok van de instelling" in out
