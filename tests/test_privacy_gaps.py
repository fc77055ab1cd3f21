"""Identifier gaps found by the blind style sets, closed by general rules (not by their names).

1. a place after an organisation's generic name ("Veilig Thuis <regio>", "Politie <eenheid>");
2. a city after a generic institution ("PI <stad>", "politiebureau <stad>");
3. small named organisations ("<kickboksclub> <naam>", "hij bokste bij <naam>");
4. street names with numbers ("Laan '40-'45");
and the consistency the leak check needs: a place found once is replaced everywhere.

The example names here are deliberately not those of the style sets; the last tests measure the
style sets themselves through their ``identifiers.csv``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.model import Document, Turn
from pipeline.privacy import Pseudonymiser, check_leaks, detect_patterns, leak_identifiers, load_allow_list
from pipeline.privacy import lexicon

ALLOW = load_allow_list()
ROOT = Path(__file__).resolve().parents[1]
PSEUDONYM = r"\[(?:LOCATIE|INSTELLING|PERSOON|ADRES)-\d+\]"


def pseudonymise(*texts: str) -> list[str]:
    """Each text as one respondent turn of its own document, pseudonymised as one study."""
    docs = [Document(f"d{i}", f"d{i}.txt", "txt", header=[], turns=[Turn("Respondent", t)])
            for i, t in enumerate(texts)]
    p = Pseudonymiser(allow_list=ALLOW).fit(docs)
    return [d.turns[0].text for d in p.transform(docs)]


def found(text: str) -> set[tuple[str, str, str]]:
    return {(d.type, text[d.start:d.end], d.source) for d in detect_patterns(text, ALLOW)}


# ---------------------------------------------------------------------------- 1. organisation + region
@pytest.mark.parametrize("generic, region", [
    ("Veilig Thuis", "Drenthe"),                    # allow-listed organisation, province
    ("het Zorg- en Veiligheidshuis", "Heuvelstad"),  # unknown compound shaped like a region (-stad)
    ("Politie", "Oost-Brabant"),                     # police unit: compass + province
    ("de politie", "Midden-Brabant"),
    ("GGD", "Kennemerland"),                         # region on deduce's list
    ("het wijkteam", "Zuidoost"),                    # district by compass point
    ("Jeugdbescherming Regio", "Dordrecht"),         # longest allow-listed entry, then the city
    ("Veilig Thuis", "Kennemerland-Zuid"),           # hyphenated region
])
def test_place_after_an_allow_listed_organisation_is_replaced(generic, region):
    out, = pseudonymise(f"Ik werk nu bij {generic} {region}, al een paar jaar.")
    assert region not in out
    assert re.search(re.escape(generic) + r" \[LOCATIE-\d+\],", out), out


@pytest.mark.parametrize("institution, city", [
    ("PI", "Vught"), ("PPC", "Den Haag"), ("FPC", "Dordrecht"), ("politiebureau", "Hengelo"),
    ("basisteam", "Zaanstad"), ("rechtbank", "Lent"), ("het OM", "'s-Hertogenbosch"),
])
def test_city_after_a_generic_institution_is_replaced(institution, city):
    out, = pseudonymise(f"Hij zit nu in de {institution} {city} en dat blijft zo.")
    assert city not in out
    assert f"{institution} [LOCATIE-" in out


def test_place_known_elsewhere_is_replaced_everywhere():
    # "in heel X" makes X a place; the leak check would then find it in "X-overleg" and at a
    # sentence start, so the pseudonymiser replaces it there too, with the same pseudonym.
    a, b = pseudonymise("Dat speelt in heel Heuvelstad, echt waar.",
                        "Het Heuvelstad-overleg is wekelijks. Heuvelstad is groot.")
    assert "Heuvelstad" not in a + b
    pseudonyms = set(re.findall(PSEUDONYM, a + b))
    assert len(pseudonyms) == 1 and (a + b).count(next(iter(pseudonyms))) == 3


def test_listed_place_that_is_also_a_word_is_a_place_inside_a_sentence():
    # The Dutch word list knows "Woerden" (simplemma); deduce's place list decides inside a sentence.
    a, b = pseudonymise("Ze verhuisde naar een flat, Woerden werd het uiteindelijk.",
                        "Woerden is niet zo groot.")
    assert "Woerden" not in a + b


@pytest.mark.parametrize("phrase", ["de thuiszitters in Echt", "in de gemeente Haren", "werkgebied Weert"])
def test_listed_place_after_a_place_word_is_a_place_even_when_the_study_uses_the_word(phrase):
    # deduce skips places that are common words ("echt", "haren", "weert"); after "in", "gemeente"
    # or "werkgebied", inside a sentence, the place list decides even when the study writes the
    # word in lower case elsewhere.
    town = phrase.split()[-1]
    a, b = pseudonymise(f"Ik heb de regie op {phrase}, al jaren.",
                        f"Dat is {town.lower()} zo, zeg ik je. Het is {town.lower()} waar.")
    assert town not in a and "[LOCATIE-" in a
    assert b == f"Dat is {town.lower()} zo, zeg ik je. Het is {town.lower()} waar."


def test_a_capitalised_ordinary_word_after_in_that_is_no_listed_place_stays():
    a, = pseudonymise("Dat zag je in Poort, en ook in de praktijk.")
    assert "Poort" in a  # on no place list and an ordinary word: kept (a known gap, see the blind results)


def test_organisation_name_without_its_place_is_replaced():
    # Named once with its place, then by the name alone.
    a, b = pseudonymise("Ik werk bij Stichting Woonkracht Hulst, al jaren.",
                        "Bij Woonkracht zeggen ze dat ook. Woonkracht heeft veel huizen.")
    assert "Woonkracht" not in a + b
    assert len(set(re.findall(PSEUDONYM, a + b))) == 1


def test_generic_organisation_word_gives_no_short_name():
    a, b = pseudonymise("Het Veiligheidshuis Hulst belde.", "Het Veiligheidshuis is groot.")
    assert "Hulst" not in a and b == "Het Veiligheidshuis is groot."


def test_neighbourhood_ending_in_heem_is_a_place_at_a_sentence_start():
    a, = pseudonymise("Ik werk in de wijk. Zuiderheem en een deel van het centrum.")
    assert "Zuiderheem" not in a and "[LOCATIE-" in a


@pytest.mark.parametrize("address", ["zuster", "broeder", "dokter"])
def test_stop_word_after_a_form_of_address_is_a_name(address):
    a, b = pseudonymise(f"Hij noemde mij '{address} Dan'. Dan lachte hij.", "Dan gaan we verder, dan zien we het.")
    assert f"{address} Dan" not in a and f"{address} [PERSOON-" in a
    assert b == "Dan gaan we verder, dan zien we het."


def test_generic_part_and_unrelated_words_stay():
    a, = pseudonymise("De GGZ Instelling belde Veilig Thuis Medewerkers en Reclassering Nederland. "
                      "Leg het één keer goed vast.")
    assert a == ("De GGZ Instelling belde Veilig Thuis Medewerkers en Reclassering Nederland. "
                 "Leg het één keer goed vast.")


def test_person_after_an_organisation_stays_a_person():
    a, = pseudonymise("De wijkagent Mark belde en de politie Jansen kwam langs.")
    assert "Mark" not in a and "Jansen" not in a
    assert "[LOCATIE-" not in a and a.count("[PERSOON-") == 2


# ---------------------------------------------------------------------------- 3. named organisations
@pytest.mark.parametrize("text, kept, name", [
    ("Hij traint bij kickboksclub De Handschoen, drie keer per week.", "kickboksclub", "De Handschoen"),
    ("Thaiboksschool Tijger, daar ging hij heen.", "Thaiboksschool", "Tijger"),
    ("Hij zat bij voetbalvereniging Zwaluwen in de A1.", "voetbalvereniging", "Zwaluwen"),
    ("Ze gaat naar het buurthuis De Meeuw op woensdag.", "buurthuis", "De Meeuw"),
    ("Een plek bij Bouwbedrijf Vermeer zou goed zijn.", "Bouwbedrijf", "Vermeer"),
])
def test_name_after_an_organisation_noun_is_replaced_and_the_noun_stays(text, kept, name):
    out, = pseudonymise(text)
    assert name not in out and f"{kept} [INSTELLING-" in out


def test_club_after_a_verb_of_club_life_is_replaced_also_over_an_allow_listed_word():
    # "Spirit" is an allow-listed care organisation; inside a club's name it protects nothing.
    out, = pseudonymise("Vroeger bokste hij, bij Free Spirit aan de overkant, en toen stopte het.")
    assert "Free" not in out and "Spirit" not in out and "bij [INSTELLING-" in out
    assert ("INSTELLING", "Free Spirit", "pattern:activity_organisation") in found(
        "Vroeger bokste hij, bij Free Spirit aan de overkant")


def test_what_follows_an_organisation_noun_is_not_always_a_name():
    text = ("Op school Engels en na school Dinsdag. Hij traint bij Rinus. "
            "Ze is vrijwilliger bij De Regenboog Groep en hij voetbalt bij Jeugdbescherming.")
    kinds = {(kind, phrase) for kind, phrase, _ in found(text) if kind == "INSTELLING"}
    assert kinds == set()
    out, = pseudonymise(text)
    assert "Engels" in out and "Dinsdag" in out and "De Regenboog Groep" in out and "Jeugdbescherming" in out
    assert "Rinus" not in out and "[PERSOON-" in out


# ---------------------------------------------------------------------------- 4. streets with numbers
@pytest.mark.parametrize("street", ["Laan '40-'45", "Plein ’40-’45", "Plein 1940-1945", "Laan 40-45"])
def test_street_named_after_years(street):
    out, = pseudonymise(f"We zaten in de snackbar aan de {street}, daar praat hij.")
    # Whole, as a place (or as street + "house number" when the list does not know it).
    assert re.fullmatch(r"We zaten in de snackbar aan de \[(?:LOCATIE|ADRES)-1\], daar praat hij\.", out), out


def test_years_alone_are_no_street():
    out, = pseudonymise("Van 1940-1945 was het oorlog, en in '40-'45 ook.")
    assert "[LOCATIE-" not in out


# ---------------------------------------------------------------------------- lexicon and leak check
def test_lexicon_and_allow_list_helpers():
    assert lexicon.is_place_name("Vught") and lexicon.is_place_name("den haag")
    assert not lexicon.is_place_name("Vertrouwen")
    text = "via het Zorg- en Veiligheidshuis Heuvelstad"
    assert [text[s:e] for s, e in ALLOW.organisation_spans(text)] == ["Zorg- en Veiligheidshuis"]


def test_leak_check_searches_a_name_of_ordinary_words_as_written():
    key = pd.DataFrame({"original": ["De Handschoen", "Woerden", "Tijger"],
                        "pseudonym": ["[INSTELLING-1]", "[LOCATIE-1]", "[INSTELLING-2]"],
                        "type": ["INSTELLING", "LOCATIE", "INSTELLING"]})
    ids = leak_identifiers(key, ALLOW)
    # a listed place that is also a word: searched capitalised; a plain word alone: not at all
    assert set(ids.identifier) == {"De Handschoen", "de Handschoen", "Woerden"}
    assert ids.case_sensitive.all()


def test_leak_check_passes_for_organisation_places(tmp_path):
    docs = [Document("r1", "r1.txt", "txt", header=[], turns=[
        Turn("Interviewer", "Waar werk je?"),
        Turn("Respondent", "Via het Zorg- en Veiligheidshuis Heuvelstad zit ik in het casusoverleg. "
                           "Dat is in heel Heuvelstad een ding. Hij bokste bij kickboksclub De Handschoen "
                           "en sloeg met de vuist en de handschoen op tafel."),
    ])]
    p = Pseudonymiser(allow_list=ALLOW).fit(docs)
    out = p.transform(docs)
    (tmp_path / "texts.txt").write_text("\n".join(t.text for t in out[0].turns), encoding="utf-8")
    assert p.check_leaks(tmp_path) == []
    # The check itself still sees the names when they are there.
    (tmp_path / "leaked.txt").write_text("het Heuvelstad-overleg bij de Handschoen", encoding="utf-8")
    assert {leak["type"] for leak in check_leaks(tmp_path, p.leak_identifiers())} == {"LOCATIE", "INSTELLING"}


# ---------------------------------------------------------------------------- the sample and the style sets
def test_new_detectors_take_no_codebook_word_in_the_sample_study():
    from pipeline import ingest
    from pipeline.config import StudyConfig

    words = set(re.findall(r"[a-zà-ÿ]{4,}", (ROOT / "codebook" / "codebook.yaml").read_text(encoding="utf-8").lower()))
    documents, _, _ = ingest.read_study(StudyConfig.sample())
    new = {"pattern:org_region", "pattern:named_organisation", "pattern:activity_organisation", "pattern:street_years"}
    taken = [text[d.start:d.end] for doc in documents for text in [t.text for t in doc.turns]
             for d in detect_patterns(text, ALLOW) if d.source in new]
    assert not [t for t in taken if all(w.casefold() in words for w in re.findall(r"\w+", t))]


def _style_set_recall(name: str) -> tuple[pd.DataFrame, dict[str, str]]:
    from pipeline import ingest
    from pipeline.config import StudyConfig

    folder = ROOT / "data" / name
    ids = pd.read_csv(folder / "identifiers.csv", dtype=str, keep_default_na=False)
    # Ages and months without a day or year are kept by design (README, "What is kept on purpose").
    ids = ids[(ids.type != "LEEFTIJD") & ~((ids.type == "DATUM") & ~ids.identifier.str.contains(r"\d"))]
    documents, _, _ = ingest.read_study(StudyConfig(transcripts=folder / "transcripts"))
    out = Pseudonymiser(allow_list=ALLOW).fit_transform(documents)
    texts = {d.doc_id: "\n".join(d.header + [f"{t.speaker}: {t.text}" for t in d.turns]) for d in out}
    return ids, texts


@pytest.mark.parametrize("name", ["styleset_a", "styleset_b", "styleset_c", "styleset_d", "styleset_e"])
def test_style_sets_lose_every_place_address_and_organisation(name):
    ids, texts = _style_set_recall(name)
    left = [(r.doc_id, r.type, r.identifier) for r in ids.itertuples()
            if re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, r.identifier.split())) + r"(?!\w)",
                         texts[r.doc_id], re.IGNORECASE)]
    assert not [x for x in left if x[1] in ("LOCATIE", "ADRES", "ORGANISATIE_NAAM")], left
    assert len(left) / len(ids) <= 0.03, left


@pytest.mark.parametrize("phrase", ["dokter Van der Meer", "juf De Groot", "oom Van Dam"])
def test_surname_with_a_capitalised_particle_after_a_title_is_replaced_whole(phrase):
    # blind set X: "De huisarts, dokter Van der Meer, had ..." kept "Van der Meer" (its last word is a word)
    a, = pseudonymise(f"De huisarts, {phrase}, had hem wel eens iets voorgeschreven.")
    surname = phrase.split(" ", 1)[1]
    assert surname not in a and phrase.split()[0] + " [PERSOON-" in a


def test_a_school_name_beats_an_allow_listed_organisation_of_the_same_name():
    # blind set CA: "basisschool De Regenboog" was kept because De Regenboog Groep is a partner
    a, b = pseudonymise("Ik sprak de directeur van basisschool De Regenboog.", "Hij slaapt bij De Regenboog Groep.")
    assert "Regenboog" not in a and "basisschool [INSTELLING-" in a
    assert "De Regenboog Groep" in b


def test_a_listed_place_that_is_also_a_title_is_a_place_after_a_preposition():
    # blind set CA: "Kom eens mee naar Heer" (a Maastricht district) was kept as the title "heer"
    a, = pseudonymise("Kom eens mee naar Heer, naar die moeder. Ik sprak de heer Jansen en ging naar Heer Bakker.")
    assert a.startswith("Kom eens mee naar [LOCATIE-")
    assert "de heer [PERSOON-" in a and "naar Heer [PERSOON-" in a


@pytest.mark.parametrize("text, word", [
    ("Ik zit namens de politie in het basisteam Oldeningen.", "Oldeningen"),
    ("Hij woont in Veldingen, vlak bij de snelweg.", "Veldingen"),
])
def test_a_place_ending_in_ingen_is_a_place(text, word):
    # blind set Y: "basisteam Weerdingen" read as the compound weer|dingen
    a, = pseudonymise(text)
    assert word not in a and "[LOCATIE-" in a


def test_hospitals_known_by_an_acronym_are_replaced():
    # blind set CB: "Op woensdag lag hij in het HMC" says which city
    a, = pseudonymise("Op woensdag lag hij in het LUMC, daarna in het Radboudumc. Het OM belde.")
    assert "LUMC" not in a and "Radboudumc" not in a and a.count("[INSTELLING-") == 2
    assert "Het OM belde" in a


@pytest.mark.parametrize("place", ["Hoorn", "Born", "Bergen"])
def test_a_listed_place_that_is_also_a_surname_is_a_place_after_in_or_gemeente(place):
    # blind set CE: "de teamchef in Leek" was skipped as a surname
    a, = pseudonymise(f"Ik heb met de teamchef in {place} afgesproken dat er per kern iemand is.")
    assert place not in a and "in [LOCATIE-" in a


def test_configured_places_are_replaced_even_when_they_are_dictionary_words():
    # blind set CF: "een stukje Zuilen" (on the allow-list's places_to_pseudonymise, and "zuilen" is a word)
    a, = pseudonymise("Ik werk voor Overvecht en een stukje Zuilen. Daarvoor deed ik jongerenwerk.")
    assert "Zuilen" not in a and "Overvecht" not in a


@pytest.mark.parametrize("text, number", [
    ("Bij ons bekend onder ZVH-RR 23/0412. Kevin had een relatie.", "23/0412"),
    ("Het ging om zaak 21/00387, dat weet ik nog.", "21/00387"),
    # blind set DM (dm05, session 9): a hyphen after the register code
    ("Toen die zaak bij ons kwam, in 2022, nummer VT-ZL 22-04418, heb ik geteld.", "22-04418"),
])
def test_case_numbers_of_year_and_serial_are_replaced(text, number):
    # blind set CD: "ZVH-RR 23/0412" was left
    a, = pseudonymise(text)
    assert number not in a and "[DOSSIER-" in a


@pytest.mark.parametrize("text", ["Dat was in 03/2024, geloof ik.", "Het is 50/50, eerlijk gezegd.",
                                  "Dat was rond 12-2023.", "Dat was nog voor COVID 19-2020 alles stillegde."])
def test_month_and_year_or_ratios_are_not_case_numbers(text):
    a, = pseudonymise(text)
    assert a == text


def test_leak_check_reads_a_word_at_a_sentence_or_cell_start_as_the_word(tmp_path):
    # blind set CJ: "bureau Meer en Vaart" made "Meer" a place; "Meer tijd" in a quote is the word
    key = pd.DataFrame({"original": ["Meer"], "pseudonym": ["[LOCATIE-1]"], "type": ["LOCATIE"]})
    ids = leak_identifiers(key, ALLOW)
    (tmp_path / "quotes.csv").write_text("code,quote\nproces,Meer tijd voor het aanbellen\n", encoding="utf-8")
    (tmp_path / "text.txt").write_text("Twee dingen. Meer tijd, en een vaste plek.", encoding="utf-8")
    assert check_leaks(tmp_path, ids) == []
    (tmp_path / "leaked.txt").write_text("de teamchef van bureau Meer en Vaart", encoding="utf-8")
    assert [leak["file"] for leak in check_leaks(tmp_path, ids)] == ["leaked.txt"]


def test_a_noun_of_action_from_a_known_verb_is_a_word():
    # blind set CJ: "de afdeling Handhaving" was taken for a person (the word lists lack "handhaving")
    assert lexicon.is_known_form("handhaving") and lexicon.is_known_form("Handhaving")
    a, = pseudonymise("Dat hebben we op papier gezet, met de afdeling Handhaving en de wethouder.")
    assert "afdeling Handhaving" in a


def test_speaker_labels_in_capitals_that_name_a_person_of_the_document_are_replaced():
    # blind sets CH and CJ: "HAR:" for Har Lemmens, "AK:" for Angela Koster stayed in the speaker column
    def doc(doc_id, label, name):
        return Document(doc_id, f"{doc_id}.txt", "txt", header=[f"aanwezig: INT (interviewer), {label} (respondent)"],
                        turns=[Turn("INT", "Vertel eens wie je bent."),
                               Turn(label, f"Ja, {name}, ik ben wijkagent, al negentien jaar."),
                               Turn("INT", "Dank je.")])
    docs = [doc("d1", "HAR", "Har Lemmens"), doc("d2", "AK", "Ik ben Angela Koster")]
    out = Pseudonymiser(allow_list=ALLOW).fit_transform(docs)
    for d, label in zip(out, ["HAR", "AK"]):
        assert d.turns[1].speaker.startswith("[PERSOON-")
        assert d.turns[0].speaker == "INT" and label not in d.header[0] and "INT (interviewer)" in d.header[0]
    # the label is the person named in the text: the same pseudonym
    assert out[0].turns[1].speaker in out[0].turns[1].text


@pytest.mark.parametrize("header", ["Opname 27 juni 2024. Aanwezig: LB (interviewer), JWK (respondent).",
                                    "EvD = interviewer; JWK = respondent"])
def test_speaker_initials_the_header_lists_with_a_role_are_replaced(header):
    # blind sets DU and DZ (session 9): "SB:", "LB:" and "JWK:" for people the transcript never names
    doc = Document("d1", "d1.txt", "txt", header=[header],
                   turns=[Turn("LB" if "LB" in header else "EvD", "Vertel eens wie je bent."),
                          Turn("JWK", "Ik ben coördinator bemoeizorg, al twintig jaar."),
                          Turn("LB" if "LB" in header else "EvD", "Dank je.")])
    out, = Pseudonymiser(allow_list=ALLOW).fit_transform([doc])
    assert out.turns[1].speaker.startswith("[PERSOON-") and out.turns[0].speaker.startswith("[PERSOON-")
    assert out.turns[0].speaker != out.turns[1].speaker
    assert "JWK" not in out.header[0] and "(respondent)" in out.header[0] or "= respondent" in out.header[0]


@pytest.mark.parametrize("labels", [("IV", "GI"), ("INT", "RESP"), ("I", "R")])
def test_role_codes_the_header_lists_with_a_role_stay(labels):
    interviewer, respondent = labels
    doc = Document("d1", "d1.txt", "txt", header=[f"{interviewer} = interviewer; {respondent} = respondent"],
                   turns=[Turn(interviewer, "Vertel eens."), Turn(respondent, "Ik ben wijkagent."),
                          Turn(interviewer, "Dank je.")])
    out, = Pseudonymiser(allow_list=ALLOW).fit_transform([doc])
    assert [t.speaker for t in out.turns] == [interviewer, respondent, interviewer]
    assert out.header == doc.header


@pytest.mark.parametrize("text", ["Fifty-fifty, zou ik zeggen, als ik eerlijk ben.", "Top-down werkt hier niet."])
def test_a_hyphenated_word_of_words_is_no_name(text):
    # blind set CL: "Fifty-fifty, zou ik zeggen" became "[PERSOON-20], zou ik zeggen" and lost the
    # respondent's own split of her time for the coder
    a, = pseudonymise(text)
    assert a == text


def test_a_hyphenated_name_is_still_a_name():
    a, = pseudonymise("Ik sprak met Jan-Willem en Zuzia-Kowalska gisteren.")
    assert "Jan-Willem" not in a and "Zuzia-Kowalska" not in a


def test_a_case_code_with_an_allow_listed_programme_prefix_is_replaced():
    # blind set CU: "Zijn dossier bij ons in de PGA heet PGA-BRD-0093" was kept because PGA is allow-listed
    a, b = pseudonymise("Zijn dossier bij ons in de PGA heet PGA-BRD-0093, maar het staat in mijn hoofd.",
                        "Hij kreeg de maatregel ISD-2019.")
    assert "PGA-BRD-0093" not in a and "in de PGA heet [ID-" in a
    assert "ISD-2019" in b


def test_a_word_like_district_after_een_stuk_is_a_place():
    # blind set CS: "Assen-Oost, Pittelo en een stuk Lariks" kept "Lariks" (a larch, and a district)
    a, = pseudonymise("Wijkagent. Pittelo en een stuk Lariks, dat is mijn gebied.")
    assert "Lariks" not in a and "een stuk [LOCATIE-" in a


def test_an_initial_after_a_form_of_address_is_a_name():
    # blind set CY (session 8): "meneer D., 43" and "laat ik hem meneer K. noemen" kept the initial
    a, b, c = pseudonymise('Geanonimiseerd natuurlijk, "meneer D., 43". Het verhaal van de tas.',
                           "Er is een man, laat ik hem meneer K. noemen, die uit de kliniek kwam.",
                           "Dat zei de R. ook, en dat staat in het verslag.")
    assert "meneer D." not in a and "meneer [PERSOON-" in a
    assert "meneer K." not in b and "meneer [PERSOON-" in b
    assert c == "Dat zei de R. ook, en dat staat in het verslag."  # an initial alone stays


def test_a_year_serial_case_number_with_a_register_suffix_is_replaced():
    # blind set CZ (session 8): "zijn dossier is 2023-0417-OT" was kept whole
    a, b = pseudonymise("Bij hem, zijn dossier is 2023-0417-OT, daar staat het allemaal.",
                        "Van 2021-2022 werkte ik daar, op 2021-03-04 begon het.")
    assert "2023-0417" not in a and "[DOSSIER-" in a
    assert "2021-2022" in b


@pytest.mark.parametrize("text, place", [
    # blind set DM (dm03, session 9): the second of two places after one preposition
    ("Gaan ze naar Gent of Sint-Niklaas, dan zijn we ze kwijt.", "Sint-Niklaas"),
    ("Hij woont in Breda en Oosterhout is ook lastig.", "Oosterhout"),
])
def test_a_place_coordinated_with_a_place_in_its_context_is_replaced(text, place):
    a, = pseudonymise(text)
    assert place not in a and a.count("[LOCATIE-") == 2


@pytest.mark.parametrize("text", ["We werken in Almere, en Overleg is daar nodig.",
                                  "Ze gaan naar Almere en Politie belt later."])
def test_a_capitalised_word_after_a_new_clause_or_an_allow_listed_partner_stays(text):
    a, = pseudonymise(text)
    assert "Overleg" in a or "Politie" in a


def test_a_meeting_named_by_a_compound_after_in_het_is_no_person_and_no_place():
    # blind set DP (dp02, session 9): "In het Top" was read as a surname with particles
    # ("In het Veld") and "Top-X-overleg" as a place after "in het"
    text = "In het Top-X-overleg ligt soms zo'n stapel politie-informatie."
    a, = pseudonymise(text)
    assert a == text


@pytest.mark.parametrize("text, gone", [
    ("Mevrouw In het Veld belde vanochtend.", "Veld"),
    ("We zitten in het Rotterdam-overleg met de partners.", "Rotterdam"),
    ("Ik werk vooral in Kralingen-oost.", "Kralingen"),
])
def test_a_surname_with_particles_or_a_place_in_a_compound_is_still_replaced(text, gone):
    a, = pseudonymise(text)
    assert gone not in a


@pytest.mark.parametrize("text, name", [
    ("Ja! Bij een kwekerij in Landgraaf, Kwekerij Gulpers.", "Gulpers"),  # blind set DP (dp02)
    ("Hij kan twee dagen per week terecht bij Bakkerij Janssens.", "Janssens"),
])
def test_a_work_placement_named_by_a_business_kind_is_replaced(text, name):
    a, = pseudonymise(text)
    assert name not in a and ("Kwekerij [" in a or "Bakkerij [" in a)


def test_a_name_that_is_a_word_is_replaced_at_every_mention_in_its_document():
    # blind set DY (dy04, session 9): "Ik noem hem Toon" and then "Toon stond ...", "de zaak van
    # Toon": Toon is a word ("toon") and on no name list, so nothing was replaced
    a, b = pseudonymise("Een boer bij Drunen, ik noem hem Toon. Toon stond in z'n pyjama op het erf. "
                        "De zaak van Toon hebben we later besproken.",
                        "Ze zei het op een andere Toon dan ik gewend was.")
    assert "Toon" not in a and a.count("[PERSOON-") == 3
    assert "andere Toon" in b  # another document: the word, as far as anyone can tell


def test_a_name_that_is_a_word_stays_at_a_sentence_start_when_the_study_writes_the_word():
    a, = pseudonymise("Ik noem hem Toon. Toon eens wat begrip, zei ik. Zijn toon was vriendelijk.")
    assert "Toon eens" in a


@pytest.mark.parametrize("text", ["Dat noem ik hem niet, hoor.", "Ik noem haar zeker niet lastig."])
def test_noem_hem_before_an_ordinary_word_names_no_one(text):
    a, = pseudonymise(text)
    assert a == text


def test_the_short_name_of_an_allow_listed_care_organisation_stays():
    # blind set DY (dy01, session 9): "Novadic" (for Novadic-Kentron) was a person at some mentions
    # and kept at others, and the run's leak check then failed the run
    text = "Zolang hij bij Novadic bleef komen. Jij gaat elke week naar Novadic, zei ik."
    a, = pseudonymise(text)
    assert a == text


@pytest.mark.parametrize("sentence", ["In de Top-X aanpak werken we samen.", "Hij kwam in de Top-X-aanpak terecht."])
def test_rotterdams_top_x_approach_is_a_programme_not_a_name(sentence):
    # Blind set EL (session 10): "de Top-X" was replaced as a person in some sentences and left in
    # others, and the run's leak check ended it with exit code 3.
    assert pseudonymise(sentence) == [sentence]


# ---------------------------------------------------------------------------- a neuter article before a name
@pytest.mark.parametrize("sentence, area", [
    ("Hij woont bij zijn moeder in het Oude Noorden, aan de Kade.", "Oude Noorden"),
    ("Ze is verhuisd naar het Groene Hart, bij haar zus.", "Groene Hart"),
    ("Die jongens komen uit het Oude Westen.", "Oude Westen"),
])
def test_capitalised_words_after_in_het_are_an_area_not_a_person(sentence, area):
    # Blind set EL (session 10): deduce read "het Oude" of "in het Oude Noorden" as a surname with
    # its particle, the run replaced "het Oude" as a person and "Noorden" as a place, and the leak
    # check ended the run with exit code 3.
    out, = pseudonymise(sentence)
    assert area.split()[0] not in out and area.split()[1] not in out
    assert re.search(r"\b(?:in|naar|uit) het \[LOCATIE-\d+\]", out), out
    assert "PERSOON" not in out


def test_the_area_is_one_pseudonym_wherever_it_is_named():
    a, b = pseudonymise("Hij woont in het Oude Noorden.", "Het Oude Noorden is een drukke wijk, met het Oude Noorden als thuis.")
    assert "Noorden" not in a + b and "Oude" not in a + b


@pytest.mark.parametrize("sentence", [
    "We spraken in het Engels met hem.",          # a language
    "Dat bespreken we in het MDO.",               # an acronym
    "Ik werk in het Veiligheidshuis.",            # a kind of organisation
    "Hij zat in het Huis van Bewaring.",          # a kind of prison
])
def test_generic_words_after_in_het_stay(sentence):
    assert pseudonymise(sentence) == [sentence]


def test_a_direction_after_in_het_is_no_person():
    # deduce lists the village Noorden and replaces it as a place, which is harmless; it must not
    # become a person "het Noorden" and must not be searched as one by the leak check
    out, = pseudonymise("Ze komt uit het Noorden van het land.")
    assert "PERSOON" not in out and out.startswith("Ze komt uit het ")


def test_a_surname_with_in_het_after_a_first_name_or_form_of_address_is_a_person():
    out, = pseudonymise("Ik sprak Jan in het Veld en later mevrouw in het Veld.")
    assert "Veld" not in out and "LOCATIE" not in out
    assert out.count("[PERSOON-") == 2


# ---------------------------------------------------------------------------- blind round EN–EU (session 11)
@pytest.mark.parametrize("sentence", [
    "Er schuift iemand van de Raad aan, samen met een collega van de Raad, niet tegen de Raad.",
    "Hij had een voogd, jeugdbescherming via de Schrikker, tot zijn achttiende.",
])
def test_short_names_of_youth_protection_bodies_stay(sentence):
    # ES (es01): deduce took one "van de Raad" (the Raad voor de Kinderbescherming) for a person
    # and the leak check then found "de Raad" in every other sentence: exit code 3. EN (en05): the
    # same with "de Schrikker" (William Schrikker).
    assert pseudonymise(sentence) == [sentence]


def test_a_case_number_with_a_region_code_between_year_and_serial_is_replaced():
    # EN (en05): "Zijn dossier, 2023-ZO-0417, ..." was kept
    out, = pseudonymise("Zijn dossier, 2023-ZO-0417, kan over een half jaar dicht.")
    assert "0417" not in out and "[DOSSIER-" in out


def test_year_spans_dates_and_quarters_are_no_case_numbers():
    out, = pseudonymise("Van 2021-2022 tot in 2023-Q1 liep dat traject.")
    assert "2021-2022" in out and "2023-Q1" in out


@pytest.mark.parametrize("place", ["Gdańsk", "Łódź"])
def test_a_foreign_place_with_letters_beyond_latin_1_is_replaced(place):
    # EQ (eq06): "een dorp bij Gdańsk" was kept, because the English word list knows the name
    out, = pseudonymise(f"Hij komt uit een dorp bij {place}, daar viste hij met zijn vader.")
    assert place not in out


@pytest.mark.parametrize("sentence, name", [
    ("Een boksschool in Osdorp, Boxing Brothers West, die werkt met jongens.", "Boxing Brothers West"),  # EN
    ("Ik had een pension geregeld, Pension Duinrust, in Scheveningen.", "Duinrust"),                     # EO
])
def test_a_small_organisation_named_in_apposition_is_replaced(sentence, name):
    out, = pseudonymise(sentence)
    assert name not in out and "[INSTELLING-" in out


def test_an_allow_listed_organisation_in_apposition_stays():
    sentence = "Die stichting, Veilig Thuis, doet dat al jaren."
    assert pseudonymise(sentence) == [sentence]


def test_a_one_letter_initial_for_a_client_is_replaced_throughout_its_document():
    # EN (en01, session 11) "jullie jongen D."; EL (el05, session 10) "ik noem hem even K."
    a, b, c = pseudonymise("De school belde: jullie jongen D. is er niet, en D. was gisteren ook ziek.",
                           "Er was een jongen, ik noem hem even K., 24. Dus voor K. regelen we het.",
                           "Zo werkt plan B. bij ons, K. zei het al.")
    assert "D." not in a and a.count("[PERSOON-") == 2 and len(set(re.findall(PSEUDONYM, a))) == 1
    assert "K." not in b and b.count("[PERSOON-") == 2
    # another document: the letter points at no one there
    assert c == "Zo werkt plan B. bij ons, K. zei het al."


@pytest.mark.parametrize("sentence", ["Hij slikt vitamine D. elke dag.", "Dan gaan we naar plan B. toe."])
def test_a_letter_after_an_ordinary_noun_is_no_initial(sentence):
    assert pseudonymise(sentence) == [sentence]


# ---------------------------------------------------------------------------- blind round EV–FC (session 11)
def test_fier_is_an_organisation_and_the_adjective_stays():
    # EW (ew01): "met Fier als die erbij zit" was a person in one sentence: exit code 3
    text = "Politie, Veilig Thuis, het OM, Fier en de wijkteams. Ik ben er fier op."
    assert pseudonymise(text) == [text]


def test_a_case_number_right_after_the_word_dossier_is_replaced():
    # EX (ex06): "Dossier 21-0977, dat weet ik nog uit mijn hoofd"
    out, = pseudonymise("Dossier 21-0977, dat weet ik nog uit mijn hoofd. Zaak 2023/114 ook.")
    assert "0977" not in out and "114" not in out and out.count("[DOSSIER-") == 2


def test_the_short_form_of_a_diminutive_name_is_the_same_person():
    # EW (ew03): "Trientje heette ze" and then "Trien heeft weer rozen"
    out, = pseudonymise("Trientje heette ze. En Trien heeft weer rozen. Voor Trien was ik die meneer.")
    assert "Trien" not in out
    assert len(set(re.findall(PSEUDONYM, out))) == 1


def test_a_school_named_as_one_capitalised_compound_is_replaced():
    # FC (fc02): "Toen heb ik school gebeld, het Singelcollege, want ..."
    out, = pseudonymise("Toen heb ik school gebeld, het Singelcollege, want hij was er niet.")
    assert "Singel" not in out and "[INSTELLING-" in out


def test_a_kind_of_school_in_lower_case_stays():
    text = "Hij zit op de basisschool en zijn zus op het college, allebei in de buurt."
    assert pseudonymise(text) == [text]


# ---------------------------------------------------------------------------- left over from session 11's rounds
def test_a_district_named_with_its_town_once_is_replaced_by_its_own_name_later():
    # ET (et02): "Almere Buiten" replaced, a later "in Buiten" left
    out, = pseudonymise("Ze woont in Almere Poort. Later, toen ze nog in Poort woonde, ging het mis. "
                        "De poort is dicht.")
    assert "Poort" not in out and "De poort is dicht." in out
    assert len(set(re.findall(PSEUDONYM, out))) == 1


def test_a_district_by_its_own_name_stays_a_word_at_a_sentence_start():
    out, = pseudonymise("Ze woont in Almere Haven. Haven is een mooi woord. Bij de haven is het druk.")
    assert "Haven is een mooi woord." in out and "Almere" not in out


def test_a_compass_district_gives_no_short_form():
    # "Noord" of "Amsterdam Noord" says nothing without the town; "Noord-Holland" stays whole.
    out, = pseudonymise("Ze woont in Zaandam Noord. De provincie Noord-Holland betaalt het.")
    assert "Zaandam" not in out and "-Holland" not in out.replace("Noord-Holland", "")


def test_the_second_word_of_a_two_word_place_goes_with_the_first():
    # FG (fg05): "uit Kort Ambacht" became "uit [LOCATIE-n] Ambacht"
    out, = pseudonymise("Hij komt uit Korte Akkeren, en zij woont in Vrije Akkers.")
    assert "Akkeren" not in out and "Akkers" not in out
    assert out.count("[LOCATIE-") == 2


@pytest.mark.parametrize("text, kept", [
    ("Hij woont in Breda Ik weet niet waar precies.", "Ik weet niet"),   # no full stop in a transcript
    ("Ze was in Zwolle Jan en Piet hielpen haar.", "en"),               # a first name starts a new phrase
])
def test_a_new_phrase_after_a_place_is_not_part_of_it(text, kept):
    out, = pseudonymise(text)
    assert kept in out and "Breda" not in out and "Zwolle" not in out


@pytest.mark.parametrize("sentence, place", [
    ("Haar moeder woont op Aruba, daar is ze geboren.", "Aruba"),   # islands take "op"
    ("Hij is teruggegaan naar Bonaire.", "Bonaire"),
    ("Waar is hij opgegroeid? Hoograven. Daar kent hij iedereen.", "Hoograven"),  # a one-word answer
])
def test_listed_islands_and_neighbourhoods_are_replaced_in_any_context(sentence, place):
    out, = pseudonymise(sentence)
    assert place not in out and "[LOCATIE-" in out


# ---------------------------------------------------------------------------- blind round FJ–FQ (session 12)
@pytest.mark.parametrize("sentence, name", [
    ("Ik heb de directeur van Stichting Met Elkaar gebeld, de schuldhulp.", "Met Elkaar"),   # FM: starts with a function word
    ("Ze werken samen met Stichting Rust & Regel uit de stad.", "Rust & Regel"),
    ("Ze heeft nu een bewindvoerder, van Bureau Zonnebloem.", "Zonnebloem"),               # FN: a bewindvoerder's office
    ("We aten friet bij Cafetaria De Kromme Hoek, met z'n tweeën.", "Kromme Hoek"),          # FL
    ("De woonbegeleiding van Logement De Waterpoort zit daar.", "Waterpoort"),               # FQ
    ("Ik zocht hem op bij zijn sportschool, Staal & Zweet in de stad.", "Staal & Zweet"),     # FP: apposition after "zijn"
    ("Met de manager wijkbeheer van Woonkracht West, de corporatie hier, sprak ik.", "Woonkracht"),  # FJ: name, then its kind
    ("Die zit bij het station, Fight Factory Oost heet het.", "Fight Factory"),              # FJ: "X heet het"
])
def test_small_organisations_named_after_or_before_their_kind_are_replaced(sentence, name):
    out, = pseudonymise(sentence)
    assert name not in out and "[INSTELLING-" in out


def test_the_short_name_of_a_foundation_is_replaced_as_well():
    out, = pseudonymise("Stichting Met Elkaar doet de schulden. Met Elkaar start een budgetplan.")
    assert "Elkaar" not in out
    assert len(set(re.findall(PSEUDONYM, out))) == 1


@pytest.mark.parametrize("text", [
    "Ja, de school belde. Nee, het bureau niet.",                 # an answer word before a comma
    "En Veilig Thuis, de organisatie die meldingen aanneemt.",     # allow-listed
    "Ik zat bij Bureau Jeugdzorg en bij het politiebureau.",       # allow-listed office
    "Kevin, de jongen van de school, kwam ook.",                   # a first name, then a noun
])
def test_answer_words_and_known_organisations_before_a_kind_stay(text):
    out, = pseudonymise(text)
    assert "[INSTELLING-" not in out


def test_a_place_after_a_police_office_is_still_a_place():
    out, = pseudonymise("Hij zat een nacht op het politiebureau Hengelo.")
    assert "Hengelo" not in out and "politiebureau [LOCATIE-" in out


def test_a_case_number_right_after_the_word_nummer_is_replaced():
    # FK (fk02): "In het systeem is hij gewoon een nummer, 22-0871"
    out, = pseudonymise("Voor hen is hij gewoon een nummer, 31-0552, meer niet. Zijn telefoonnummer, "
                        "06-12345678, had ik niet.")
    assert "0552" not in out and "[DOSSIER-" in out
    assert "[TELEFOON-" in out  # a phone number stays a phone number


def test_the_initial_of_a_surname_after_a_first_name_is_replaced():
    # FP (fp04): "Haar ex, Dennis R., vierhonderd berichten": the first name went, "R." stayed
    out, = pseudonymise("Haar ex, Martijn V., stuurde berichten. Martijn V. kreeg een straf. Plan B. werkte niet.")
    assert " V." not in out and "Plan B." in out


def test_a_first_name_clipped_to_three_letters_is_the_same_person_in_its_document():
    # FK (fk03), FQ (fq04): "Kevin ... Kev, zeggen ze op straat"
    first, second = pseudonymise("Gideon heet hij. Gid, zeggen ze op straat. En Gid doet het goed.",
                                 "Gid is hier niemand.")
    assert "Gid" not in first
    assert len(set(re.findall(PSEUDONYM, first))) == 1


# ---------------------------------------------------------------------------- blind round FR–FY (session 12)
def test_het_leger_is_the_short_name_of_the_salvation_army_not_a_person():
    # FT (ft05): "Die mevrouw van het Leger." made "het Leger" a person: exit code 3
    text = 'Ik werk bij het Leger des Heils. Voor hem ben ik "die mevrouw van het Leger".'
    assert pseudonymise(text) == [text]


def test_an_office_for_bewindvoering_keeps_the_word_and_loses_its_name():
    # FR (fr01, fr04): "Bewindvoering Het Anker" made "Bewindvoering" a person: exit code 3
    first, second = pseudonymise("Later een bewindvoerder, Bewindvoering De Vuurtoren. Verslaving ook.",
                                 "Bewindvoering is uitgesproken, de aanvraag loopt.")
    assert "Vuurtoren" not in first and "Bewindvoering [" in first
    assert second == "Bewindvoering is uitgesproken, de aanvraag loopt."


def test_an_interjection_opening_an_answer_is_no_name():
    text = "Ach, via via, zoals alles. Och, dat weet ik niet meer."
    assert pseudonymise(text) == [text]


@pytest.mark.parametrize("sentence, name", [
    ("Bij een naaiatelier in de stad, Atelier Steek, twee ochtenden per week.", "Steek"),        # FU
    ("Hij woonde in een chalet op Recreatiepark De Zonnedauw, met negen anderen.", "Zonnedauw"),  # FU
    ("Hij werkt drie dagen bij de kringloop, De Derde Kans, en hij is daar de ster.", "Derde Kans"),  # FV
    ("Eerst in die hal bij het station, de Lucky Star, en daarna online.", "Lucky Star"),        # FR
    ("De Lucky Star, die hal bij het station, daar zat hij elke avond.", "Lucky Star"),          # FR: name first
    ("De aanbieder, Begeleidingsdienst Wilg, daar stond hij op de wachtlijst.", "Wilg"),          # FV
])
def test_places_of_work_and_leisure_named_with_their_kind_are_replaced(sentence, name):
    out, = pseudonymise(sentence)
    assert name not in out and re.search(PSEUDONYM, out)


@pytest.mark.parametrize("sentence, name", [
    ("Ik heb de consulent gebeld, een man die Ot heet, en gevraagd.", "Ot"),            # FX: "die X heet"
    ("R: Tieto. Zo noemt iedereen hem. Tieto is lief.", "Tieto"),                          # FR: "X. Zo noemt iedereen hem"
    ('Hij heet op Snapchat "Razor", zo noemt ze hem ook. En Razor wachtte.', "Razor"),    # FU
])
def test_a_nickname_before_the_words_that_say_so_is_replaced(sentence, name):
    out, = pseudonymise(sentence)
    assert name not in out


def test_an_ordinary_word_before_zo_noemen_we_hem_stays_when_the_study_writes_it():
    text = "Goed. Zo noemen we hem niet. Het gaat goed, prima zelfs. Prima, zo noemen we hem."
    assert pseudonymise(text) == [text]


@pytest.mark.parametrize("sentence, initial", [
    ('Ze noemt me "tante M.". (lacht) Eerst uit de hoogte.', "M."),   # FU: an initial in quotes
    ("Familie die iedereen kent, de K.'s, ooms in de hennep.", "K."),  # FW: a family by its initial
])
def test_initials_in_quotes_or_for_a_family_are_replaced(sentence, initial):
    out, = pseudonymise(sentence)
    assert initial not in out and "[PERSOON-" in out


def test_a_serial_number_after_an_allow_listed_programme_is_a_case_number():
    # FW (fw04): "PGA-0417, zo heet hij daar"; a year after a programme is no case number
    out, = pseudonymise("Ze praten over hem als een nummer. PGA-0311, zo heet hij daar. Dat was ISD-2019.")
    assert "0311" not in out and "ISD-2019" in out


# ---------------------------------------------------------------------------- blind round FZ–GE (session 12)
@pytest.mark.parametrize("sentence, name", [
    ("Dat is een lijn die bij Meldpunt Zonnestraal uitkomt.", "Zonnestraal"),            # FZ
    ("Eén: met die taxicentrale, RitOost Centrale, om tafel.", "RitOost"),                # FZ: apposition
    ("Hij heeft met de behandelaar van Poli Dijkzicht gebeld.", "Dijkzicht"),            # GA
    ("Ik ben naar de voorzitter van SV Havenkwartier gegaan.", "Havenkwartier"),          # GC: a sports club
])
def test_a_helpline_a_taxi_firm_an_outpatient_clinic_and_a_sports_club_are_replaced(sentence, name):
    out, = pseudonymise(sentence)
    assert name not in out and "[INSTELLING-" in out


def test_a_reference_of_letter_groups_and_numbers_split_by_slashes_is_replaced():
    # GC (gc02): "met het kenmerk van je verzoek erbij, dat is HLT/UTR/23-117"
    out, = pseudonymise("Het kenmerk van je verzoek is ZVH/AMS/22-301. Hij zat in TBS/PIJ-2019.")
    assert "301" not in out and "TBS/PIJ-2019" in out


# ---------------------------------------------------------------------------- session 13: money and days
@pytest.mark.parametrize("before, number, after", [
    ("Het geld ging naar ", "NL91 ABNA 0417 1643 00", " van de verhuurder."),
    ("Rekening ", "NL20INGB0001234567", " staat op haar naam."),
    ("Haar Belgische rekening ", "BE68 5390 0754 7034", " was leeg."),
    ("Hij had zijn pas gegeven, nummer ", "5412 7534 8821 0096", ", aan zijn neef."),
])
def test_bank_account_and_card_numbers_are_replaced_whole(before, number, after):
    # session 12 left a card number in four groups of four; an IBAN was half read as a phone number
    out, = pseudonymise(before + number + after)
    assert re.fullmatch(re.escape(before) + r"\[ID-\d+\]" + re.escape(after), out), out


def test_words_after_a_foreign_account_number_stay():
    out, = pseudonymise("Haar Belgische rekening BE68 5390 0754 7034 was leeg. Dat kost AB12 CD34 euro.")
    assert out.endswith("] was leeg. Dat kost AB12 CD34 euro.")


@pytest.mark.parametrize("sentence, day", [
    ("Dat was op de negende, echt waar.", "negende"),
    ("We spraken elkaar op de eerste van de maand.", "eerste"),
    ("Vanaf de drieëntwintigste. Toen ging het mis.", "drieëntwintigste"),
])
def test_a_day_of_the_month_in_words_after_a_preposition_of_time_is_a_date(sentence, day):
    out, = pseudonymise(sentence)
    assert day not in out and "[DATUM-" in out


@pytest.mark.parametrize("sentence", [
    "Op de tweede verdieping zat de wijkagent.",
    "Op de eerste plaats de veiligheid.",
    "Voor de derde keer stond hij voor de deur.",
])
def test_an_ordinal_before_its_noun_is_no_date(sentence):
    assert pseudonymise(sentence) == [sentence]


# ---------------------------------------------------------------------------- blind round GP–GW (session 13)
@pytest.mark.parametrize("sentence, name", [
    ("Er is een boksschool bij het viaduct, Boksschool Onder de Brug, van een man.", "Onder de Brug"),  # GR
    ("Oh, een mooi voorbeeld. Bij Woongoed Duinstreek, een van de corporaties, zat een manager.", "Duinstreek"),  # GU
    ("Schuldhulp, de corporaties, zoals Woonkracht Hofstad. De PI natuurlijk.", "Woonkracht"),  # GU
    ("Bij de fysiotherapeut, Praktijk Het Tij, kon hij na drie weken terecht.", "Het Tij"),  # GP
    ("Dat heeft zij geregeld met de opvang, Dierenopvang De Pootafdruk.", "Pootafdruk"),  # GS
    ("Marlon. Glazenwasser, eigen zaak, Glansrijk Schoonmaak. Ik ben er heen gegaan.", "Glansrijk"),  # GP
    ("Ze noemde een kerk. Die heb ik gezocht. Glory Gate Chapel, in Utrecht.", "Glory Gate"),  # GV
])
def test_organisations_named_with_particles_tails_or_in_a_list_are_replaced(sentence, name):
    out, = pseudonymise(sentence)
    assert name not in out and "[INSTELLING-" in out


@pytest.mark.parametrize("sentence", [
    "Onderhoud Services doen we niet.",       # one word at a sentence start before a tail
    "Goed Onderhoud is duur.",                # the same
    "De Onderhoud Services van de gemeente.",  # a function word first
])
def test_a_sentence_that_starts_with_a_business_word_keeps_it(sentence):
    assert pseudonymise(sentence) == [sentence]


def test_an_organisation_named_once_with_its_region_is_replaced_by_its_short_name_too():
    # GU (gu06): the header names "Stichting Doorstart Haaglanden", the interview "bij Doorstart";
    # the short name is an ordinary word, so only its capitalised mentions go
    out, = pseudonymise("Stichting Doorstart Haaglanden helpt. Ik werk bij Doorstart. Een doorstart is lastig.")
    assert "Doorstart" not in out and "Een doorstart is lastig." in out


@pytest.mark.parametrize("sentence, kept, gone", [
    ("wat iemand als mevrouw D. doormaakt. Mevrouw D. voelde zich verraden.", "mevrouw [PERSOON-1].", "D."),  # GQ
    ("Een vriend, op straat noemen ze hem D., die is tweeëntwintig.", "noemen ze hem [PERSOON-", "D."),  # GV
    ("Hij noemde me toen de Lange. Nog steeds eigenlijk.", "noemde me toen de [PERSOON-", "Lange"),  # GR
])
def test_initials_and_nicknames_are_replaced_once_and_whole(sentence, kept, gone):
    out, = pseudonymise(sentence)
    assert kept in out and gone not in out and "][PERSOON" not in out


@pytest.mark.parametrize("sentence, gone", [
    ("Woont in het huis van z’n vader, Schorrendijkje 7. Blowt.", "Schorrendijkje"),  # GS: a diminutive street
    ("Borsele is groot, van ’s-Heerenhoek tot Ellewoutsdijk.", "Heerenhoek"),  # GS: a curly apostrophe
    ("Het dossier heet bij ons HvB-MH-23-031, en dat nummer zegt iets.", "031"),  # GV
    ("Die vlag staat nu op zijn huurcontract, 40-18833. Dat was een strijd.", "18833"),  # GW
])
def test_streets_villages_and_numbers_of_the_round_are_replaced(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out


# ---------------------------------------------------------------------------- blind rounds HP–IA (session 14)
@pytest.mark.parametrize("sentence, gone", [
    ("Ik werk nu twee jaar als regisseur in de Top400 op Zuid. Daarvoor bij de politie.", "Zuid"),  # HP
    ("Ik heb een collega-regisseur op Zuid gebeld, die kende ik van een training.", "Zuid"),  # HP
    ("We maken een convenant voor de stadsdelen Centrum en Oost samen.", "Centrum"),  # HT
    ("De manager van Havenstad Wonen belde me over de woning.", "Havenstad"),  # HP
    ("Daar zit iemand van Mijnstreek Wonen bij, en de politie.", "Mijnstreek"),  # HW
    ("Ik ben regisseur bij het nieuwe regieteam. Regieteam Randmeren heet het officieel.", "Randmeren"),  # IA
    ("Eerst de corporatie, want daar brandde het: Woongoed Polderland.", "Polderland"),  # IA
    ("Dat was in maart vorig jaar, toen ging het mis.", "maart"),  # HV
    ("In juni van vorig jaar kwam hij vrij.", "juni"),  # HQ
    ("Eind augustus vorig jaar zat hij weer vast.", "augustus"),
    ("Zijn dossier, 2023-T400-0577, lag al klaar.", "0577"),  # HP
])
def test_districts_corporations_relative_dates_and_codes_of_the_round_are_replaced(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out


@pytest.mark.parametrize("sentence", [
    "Ze woont nu bij Beschermd Wonen, en dat gaat goed.",  # a kind of care, not a corporation
    "Ik ben er in mei mee begonnen en dat was een goed jaar.",  # a month alone stays
    "Eind augustus zat hij weer vast, en half januari ook.",  # so does a part of a month
    "Van 2021-2022 was ik bij de reclassering.",  # a span of years is no case number
    "Dat staat op West-Europees niveau vast.",
])
def test_kinds_of_housing_bare_months_and_spans_of_years_stay(sentence):
    assert pseudonymise(sentence) == [sentence]


# ---------------------------------------------------------------------------- blind rounds HP–IG, left over (session 15)
@pytest.mark.parametrize("sentence, gone", [
    ("Op het pleintje noemen ze hem JJ, maar ik zeg gewoon zijn naam.", "JJ"),  # IG
    ("Ik ben Jan-Willem, maar iedereen zegt JW, ik ben negenenvijftig.", "JW"),  # IE
    ("Een vrouw uit Vinkhuizen. S. Verder zeg ik niks over haar.", "S."),  # IB
    ("Vorige maand werd een jongen van ons, J., aangehouden bij de grens.", "J."),  # HW
    ("Ik ben zijn huurcontract destijds gedaan, 2207-4418, dat nummer zit in mijn hoofd.", "4418"),  # IA
    ("Dan hoor je dat het in Noord en West precies hetzelfde is.", "West"),  # IJ
    ("Ik ben geboren in Accra, maar vanaf mijn zesde hier, in de F-buurt.", "F-buurt"),  # IH
    ("Hij wil volgend jaar naar Vakcollege Westrand, voor de techniek.", "Westrand"),  # IH
    ("Hij heeft een prijs gewonnen, een wedvlucht vanaf Orléans.", "Orléans"),  # IJ
    ("Ik ben regisseur bij de Top600, team Zuid, al vier jaar.", "Zuid"),  # IN
    ("Er is een vast overleg gekomen, het nazorgoverleg Centrum, elke zes weken.", "Centrum"),  # IN
    ("Dus ik ben met de consulent, mevrouw eh, Schaap, aan tafel gaan zitten.", "Schaap"),  # IN
    ("In de oudejaarsnacht van 2013 is er een incident geweest.", "2013"),  # IO
])
def test_initials_nicknames_numbers_and_districts_of_the_round_are_replaced(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out


def test_an_initial_between_commas_is_the_same_person_later_in_the_document():
    out, = pseudonymise("Een andere man, R., heeft een medewerker bedreigd. Ik ben de dag erna naar R. toe gegaan.")
    assert "R." not in out
    first, second = re.findall(r"\[PERSOON-\d+\]", out)
    assert first == second


@pytest.mark.parametrize("sentence", [
    "Dat is plan B. Daarna kwam vitamine D. En dan ZSM.",  # letters that are no one
    "Iedereen zegt OK. Ze noemen het de PB.",  # capitals that are no one's initials
    "Ik zei: O. Nou, dat wist ik niet.",
    "Het contract liep van 2021-2022 en daarna was het voor 12-18 maanden.",
    "We hadden het Top-X-overleg en de Veiligheidshuis-aanpak.",  # compounds naming a method
    "Vanaf Pasen ging het beter, vanaf Kerst ook, en vanaf Januari weer niet.",  # holidays, a month
])
def test_letters_abbreviations_and_spans_stay(sentence):
    assert pseudonymise(sentence) == [sentence]


def test_an_initial_given_as_a_name_is_not_joined_to_the_next_sentence():
    # deduce reads "T. Jongen" as initial and surname; "Jongen" opens the next sentence (IR)
    out, = pseudonymise("Ik noem hem even T. Jongen van negentien. Zo'n jongen als T. is het symptoom.")
    assert "T." not in out and "Jongen van negentien" in out
    first, second = re.findall(r"\[PERSOON-\d+\]", out)
    assert first == second


# ---------------------------------------------------------------------------- blind rounds IT–IY, left over (session 16)
@pytest.mark.parametrize("sentence, gone", [
    ("Een medewerker van Thuisvast, Joyce, belde: staat er elke ochtend een busje?", "Thuisvast"),  # IX
    ("Dus hebben we een convenant met Woongroep Hoflanden gesloten.", "Hoflanden"),  # IU
    ("Het ging mis, en ze belde direct het vaste aanspreekpunt bij Hoflanden.", "Hoflanden"),  # IU
    ("Een controle op een logistiek centrum, vorig jaar mei.", "mei"),  # IX
    ("Verleden jaar in eind juni kwam hij vrij.", "juni"),
    ("Ik ken ome Frank al jaren, die zit bij de boksschool.", "Frank"),  # IT: "ome" is an uncle
    ("Die afspraak geldt nu voor heel Zuid.", "Zuid"),  # IW
    ("We liepen elke donderdag een rondje door Park Zestienhoven-West, drie kwartier.", "Zestienhoven"),  # IW
    ("Die gevulde koeken zijn echt de beste van Zuid, daar kom ik niet van af.", "Zuid"),  # JF
    ("Ik ben coördinator bij Hanzeborg. Zeg maar G.J., dat doet iedereen.", "G.J."),  # JE
    ("Noem me maar Kees. Dat is makkelijker.", "Kees"),
])
def test_staff_of_an_organisation_a_housing_group_and_a_year_before_its_month_are_replaced(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out


@pytest.mark.parametrize("sentence", [
    "Sinds drie jaar ben ik regisseur JPA hier, half JPA, half Top400.",  # IT: a programme after a role
    "De manager van Schuldhulpverlening zei dat een medewerker van Leerplicht zou bellen.",
    "Een medewerker van Veilig Thuis en de teamleider van het wijkteam.",
    "Dat was vorig jaar. Mei was rustig.",
])
def test_a_programme_after_a_role_generic_services_and_a_year_alone_stay(sentence):
    out, = pseudonymise(sentence)
    for word in ("JPA", "Leerplicht", "Veilig Thuis", "Mei"):
        assert out.count(word) == sentence.count(word)


def _assert_the_noun_passes_and_the_name_is_found(tmp_path, naming: str, noun: str, name: str,
                                                 leaked: str) -> None:
    """An interview names ``name`` in one answer and writes it as a noun in another: the run's own
    leak check passes, and the name written as a name in another output file is still found."""
    docs = [Document("r1", "r1.txt", "txt", header=[], turns=[
        Turn("Interviewer", "Wie was er?"), Turn("Respondent", naming),
        Turn("Interviewer", "En dan?"), Turn("Respondent", noun),
    ])]
    p = Pseudonymiser(allow_list=ALLOW).fit(docs)
    out = p.transform(docs)
    assert name not in out[0].turns[1].text
    (tmp_path / "texts.txt").write_text("\n".join(t.text for t in out[0].turns), encoding="utf-8")
    assert p.check_leaks(tmp_path) == []
    (tmp_path / "leaked.txt").write_text(leaked, encoding="utf-8")
    assert [leak["file"] for leak in p.check_leaks(tmp_path)] == ["leaked.txt"]


def test_the_leak_check_does_not_find_a_noun_the_study_writes_after_an_article(tmp_path):
    # "Frank van Boksgym De Rode Handschoen": deduce reads "van Boksgym" as a surname; "naar de
    # boksgym" in another answer is the noun, not the name (IT: the run failed its leak check)
    _assert_the_noun_passes_and_the_name_is_found(
        tmp_path, "Ik ken ome Frank van Boksgym De Rode Handschoen al jaren.",
        "Toen heb ik hem meegenomen naar de boksgym.", "Frank", "Hij traint bij Boksgym, zegt hij.")


def test_an_organisation_whose_name_is_a_word_is_replaced_when_named_again():
    # Blind set JC (jc01): "Sportschool Atlas", then "de trainer van Atlas"; "Atlas" opening a
    # sentence in a study that writes "atlas" in lower case stays a word
    out, = pseudonymise("Hij ging naar de kickboksles bij Sportschool Atlas. Er was de trainer van Atlas, "
                        "die hem zag. Atlas is ook een boek, en een atlas ook.")
    first, second = re.findall(r"\[INSTELLING-\d+\]", out)
    assert first == second and "trainer van Atlas" not in out
    assert "Atlas is ook een boek" in out


def test_a_family_called_by_its_surname_in_the_plural_is_that_person():
    # Blind set JG (jg05): "de Zeemannen" for mevrouw Zeeman and her husband; sailors in lower
    # case stay
    out, = pseudonymise("Over de Zeemannen, zo noemen we ze. Mevrouw Zeeman is eenentachtig. "
                        "Niet voor de Zeemannen alleen. De zeemannen van de haven zagen niets.")
    assert "Zeeman" not in out and out.count("[PERSOON-1]") == 3
    assert "De zeemannen van de haven" in out


def test_an_organisation_named_before_the_kind_of_care_it_gives_is_replaced_by_its_short_name_too():
    # Blind set JF: "Koers Verslavingszorg" once, then "bij Koers" and "Koers voelde zich ..."
    out, = pseudonymise("De teamleider van Koers Verslavingszorg belde. Er is een vast aanspreekpunt bij Koers. "
                        "Toen zei ik tegen Koers dat het anders moest.")
    assert "Koers" not in out
    assert len(set(re.findall(r"\[INSTELLING-\d+\]", out))) == 1


# ---------------------------------------------------------------------------- blind rounds JL–JO (session 17)
def test_a_first_name_that_is_a_word_is_part_of_the_full_name_and_named_again_alone():
    # Blind set JN (jn06): the speaker key "(Wiel Janssen, regisseur)" gave "Janssen" only, and
    # "Ik ben Wiel" stayed; the word in lower case and the word in another interview stay
    docs = [Document("d1", "d1.txt", "txt",
                     header=["Spreker 1 = interviewer (Kim Ramakers), Spreker 2 = respondent (Wiel Janssen, regisseur)"],
                     turns=[Turn("Spreker 1", "Wie ben je?"),
                            Turn("Spreker 2", "Ja. Ik ben Wiel, zevenenveertig. Er is geen Wiel die naast hem zit. "
                                              "Het wiel draait door.")]),
            Document("d2", "d2.txt", "txt", header=[], turns=[Turn("Respondent", "Een Wiel? Nee, dat ken ik niet.")])]
    p = Pseudonymiser(allow_list=ALLOW).fit(docs)
    first, second = p.transform(docs)
    assert "Wiel" not in first.header[0] and "Janssen" not in first.header[0]
    answer = first.turns[1].text
    assert "Wiel" not in answer and "Het wiel draait door." in answer
    person = re.search(r"\((\[PERSOON-\d+\]), regisseur\)", first.header[0]).group(1)
    assert answer.count(person) == 2
    assert second.turns[0].text == "Een Wiel? Nee, dat ken ik niet."


@pytest.mark.parametrize("sentence, gone", [
    ("Noah was uitgevallen bij het Techniekcollege West, eerste jaar.", "West"),  # JM (jm06)
    ("Zij zit nu op de Vechtdalschool Noord, in de brugklas.", "Noord"),
])
def test_the_district_of_a_school_branch_goes_with_the_school(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out and out.count("[INSTELLING-") == 1


# ---------------------------------------------------------------------------- blind rounds JP–JS (session 17)
def test_names_that_are_words_given_with_an_age_or_as_a_couple_are_replaced_throughout_the_interview():
    # Blind set JS (js06): "Toon" and "Riet" are on no name list and are words ("toon", "riet");
    # the study writes "riet" in lower case too, which leaves the stated name a name
    docs = [Document("d1", "d1.txt", "txt", header=[], turns=[
        Turn("Interviewer", "Heb je een voorbeeld?"),
        Turn("Respondent", "Een boerenechtpaar in Nieuw-Vossemeer, Toon en Riet. Toon is achtenzestig. "
                           "Ik ben met Riet aan tafel gaan zitten. Toon was er ook."),
        Turn("Interviewer", "En daarna?"),
        Turn("Respondent", "Ik had een klik met Riet. Het riet langs de sloot was hoog."),
    ])]
    out = [t.text for t in Pseudonymiser(allow_list=ALLOW).fit_transform(docs)[0].turns]
    assert "Toon" not in out[1] and "Riet" not in out[1] and "Riet" not in out[3]
    assert "Het riet langs de sloot was hoog." in out[3]
    toon, riet = re.findall(r"\[PERSOON-\d+\]", out[1])[:2]
    assert toon != riet and out[1].count(toon) == 3 and out[1].count(riet) == 2


@pytest.mark.parametrize("sentence", [
    "Moeder is vierenveertig. Vader was zeventig jaar. Dat is twintig, en het bedrag was dertig.",
    "Twee broers die ik ken. De ouders, die waren er niet.",
])
def test_a_relative_with_an_age_and_a_group_without_names_stay(sentence):
    out, = pseudonymise(sentence)
    assert out == sentence


def test_a_number_read_from_a_form_is_a_case_number():
    # Blind set JS (js02): "een aanmeldformulier liggen, 24-0193"; a span of years stays
    out, = pseudonymise("Ik heb hier een aanmeldformulier liggen, 24-0193, maar nee. Het formulier van 2021-2022.")
    assert "24-0193" not in out and "[DOSSIER-" in out and "2021-2022" in out


# ---------------------------------------------------------------------------- blind rounds JT–JW (session 17)
@pytest.mark.parametrize("sentence, gone", [
    ("Begeleiding van Zorggroep Lentekracht. Zijn begeleider bij Lentekracht is gewisseld.", "Lentekracht"),  # JU
    ("Hij heeft een fiets gekocht, bij Fietsenmakerij Het Spaakje, met eigen geld.", "Spaakje"),  # JU
])
def test_a_care_group_and_a_workshop_by_their_names(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out and "[INSTELLING-" in out


@pytest.mark.parametrize("sentence", [
    # JT: a national organisation; JV: a word after a stage direction opens a sentence
    "Een familiebegeleider van het Landelijk Steunpunt Extremisme, en dan nog een advocaat.",
    "Liepen de doelen uiteen? (lacht) Uiteen. Natuurlijk. En (stilte) Misschien wel.",
])
def test_a_national_organisation_and_a_word_after_a_stage_direction_stay(sentence):
    out, = pseudonymise(sentence)
    assert out == sentence


def test_a_name_after_a_stage_direction_inside_a_sentence_is_still_found():
    out, = pseudonymise("Ja (lacht) Kees zei het al.")
    assert "Kees" not in out


# ---------------------------------------------------------------------------- blind rounds JX–KA (session 17)
@pytest.mark.parametrize("sentence, gone", [
    ("In het dossier staat hij als R., dossiernummer onbekend.", "R."),  # JX: an initial he is registered under
    ("Hij is bij de politie bekend als M. en verder niet.", "M."),
    ("Jongerenwerk bij Stichting Buurtkracht West. Hij is jongerenwerker bij Buurtkracht.", "Buurtkracht"),  # JY
    ("Kun je beginnen met je rol bij Wierdewonen? Bij Wierdewonen doen we veel.", "Wierdewonen"),  # KA
])
def test_an_initial_registered_a_branch_by_its_short_name_and_a_housing_compound(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out


def test_living_together_and_a_role_after_als_stay():
    sentence = "Ik sta als regisseur genoteerd, ook voor beschermd wonen en Samenwonen."
    out, = pseudonymise(sentence)
    assert out == sentence


# ---------------------------------------------------------------------------- blind set KE (session 18)
@pytest.mark.parametrize("sentence, gone", [
    ("Hij had een gebiedsverbod voor het winkelcentrum, Boven 't Y, en daar hield hij zich aan.", "Boven"),
    ("Hij was zo'n jongen die altijd bij de flat rondhing, Hakfort, en die altijd kwam vragen.", "Hakfort"),
])
def test_a_named_flat_and_a_shopping_centre_are_places(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out and "[LOCATIE-" in out


# ---------------------------------------------------------------------------- blind round KF–KI (session 18)
@pytest.mark.parametrize("sentence, gone", [
    ("De corporatie, dat is Woonstede Vecht, was al een ontruimingsprocedure gestart.", "Woonstede"),  # KF
    ("Ik heb de bewindvoerder van Maasland Bewind, Mariëlle, eerst laten komen.", "Maasland"),  # KG
    ("Youssef is uiteindelijk geplaatst bij Huize Tafelberg, een kleine locatie met twaalf bedden.", "Tafelberg"),  # KH
])
def test_a_corporation_named_in_apposition_a_bewind_firm_and_a_huize(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out and "[INSTELLING-" in out


@pytest.mark.parametrize("sentence, gone", [
    ("De dorpen hier. Heesch, Haren, Nistelrode, noem maar op.", "Haren"),  # KG: a listed place that is a word
    ("Ik was wijkagent in Nieuwegein, eerst in Batau en later in Fokkesteeg en de Doorslag.", "Doorslag"),  # KF
])
def test_a_place_among_places_is_a_place_even_when_it_is_a_word(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out and out.count("[LOCATIE-") >= 3


@pytest.mark.parametrize("sentence, kept", [
    ("We werken in Utrecht, Goed was dat niet altijd.", "Goed"),
    ("Heesch, Samen sterk, dat is hun motto.", "Samen"),
])
def test_an_ordinary_word_next_to_a_place_stays(sentence, kept):
    out, = pseudonymise(sentence)
    assert kept in out and "[LOCATIE-" in out


def _turns_pseudonymised(*answers: str) -> list[str]:
    """One interview: each answer its own respondent turn, after a question."""
    turns = []
    for answer in answers:
        turns += [Turn("Interviewer", "En toen?"), Turn("Respondent", answer)]
    doc = Document("r1", "r1.txt", "txt", header=[], turns=turns)
    out = Pseudonymiser(allow_list=ALLOW).fit([doc]).transform([doc])[0]
    return [t.text for t in out.turns if t.speaker == "Respondent"]


def test_a_nickname_of_one_letter_is_his_name_throughout_the_interview():
    # KH: "Iedereen noemt hem Kleine J", answers later "J, luister" and "voor J, niet drie"
    first, later = _turns_pseudonymised(
        "Iedereen noemt hem Kleine J, omdat zijn neef ook zo heet. Het is een kleine jongen.",
        "Ik zeg tegen hem: J, luister. Ik wil één verhaal voor J, niet drie. J. Pieters is zijn oom.")
    assert "Kleine J" not in first and "een kleine jongen" in first
    assert " J," not in later and "Pieters" not in later
    nickname = re.search(r"\[PERSOON-\d+\]", first).group(0)
    assert later.count(nickname) == 2


def test_naming_words_in_the_present_tense_state_a_name():
    out, = pseudonymise("Zijn moeder noemt hem Beer, de rest van de familie niet.")
    assert "Beer" not in out


def test_the_leak_check_does_not_find_a_noun_that_opens_a_sentence_after_its_article(tmp_path):
    # KG: "Maasland Bewind" was read as a person and "Het bewind loopt" in another interview was
    # counted as a leak of "Bewind", a word no word list knows
    _assert_the_noun_passes_and_the_name_is_found(
        tmp_path, "Ik sprak mevrouw Bewind gisteren nog.", "Het bewind loopt goed.", "Bewind",
        "Ik belde Bewind, zei ze.")


def test_a_nickname_in_quotes_is_a_name_even_when_it_is_a_particle():
    # KF: 'die noemt hem gewoon "Den"', two answers later "Den, de hond kan logeren"; "Den Haag" stays a place
    first, later = _turns_pseudonymised('De wijkagent noemt hem gewoon "Den". Hij woont nu in Den Haag.',
                                        "Ik heb gezegd: Den, de hond kan logeren.")
    assert "Den" not in first + later and "[LOCATIE-" in first
    assert re.search(r"\[PERSOON-\d+\]", first).group(0) in later


# ---------------------------------------------------------------------------- blind round KJ–KM (session 18)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Hij werkte bij Fietsverhuur Duinrand, dat had ik geregeld.", "Duinrand", "[INSTELLING-"),  # KK
    ("HALT, leerplicht, het jongerenwerk van Jongerenpunt Helder, en de school.", "Helder", "[INSTELLING-"),  # KK
    ("Die ken ik nog van het plein, van de kooi achter de Hoofdweg. Dat is een voordeel.", "Hoofdweg", "[LOCATIE-"),  # KM
])
def test_a_rental_a_youth_centre_and_a_street_behind_which(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


def test_a_surname_spelled_out_in_lower_case_is_the_name():
    # KL: a respondent spells her e-mail address; the run's leak check found "brandsma" (exit code 3)
    out, = pseudonymise("Ik ben Anouk Brandsma. Mijn mail? Met een punt tussen de a en brandsma.")
    assert "randsma" not in out and out.count("[PERSOON-1]") == 2


def test_a_word_in_lower_case_that_is_also_someones_name_stays():
    out, = pseudonymise("Ik sprak Jan Bakker. De bakker van de wijk weet alles, en de politie achter de Politie-app ook.")
    assert "De bakker van de wijk" in out and "Bakker" not in out


# ---------------------------------------------------------------------------- blind round KN–KQ (session 18)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Ik heb de wijken Rietkampen en Veldhuizen, dat zijn er twee.", "Rietkampen", "[LOCATIE-"),  # KO
    ("Op tweede paasdag 2019 brandde zijn flat af.", "paasdag", "[DATUM-"),  # KO
    ("Op de achterkant stond alleen: groetjes, D. Die hangt boven mijn bureau.", "D.", "[PERSOON-"),  # KP
])
def test_a_district_after_de_wijken_a_holiday_with_its_year_and_a_signed_initial(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


@pytest.mark.parametrize("sentence", [
    # a holiday that comes back every year stays (one day without its year is a date since session 20)
    "Ze stuurt me nog elk jaar rond eerste kerstdag een kaartje.",
    "Groetjes, en tot de volgende keer.",
])
def test_a_recurring_holiday_and_a_greeting_stay(sentence):
    out, = pseudonymise(sentence)
    assert out == sentence


# ---------------------------------------------------------------------------- blind round KR–KU (session 18)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Zijn moeder, auntie Comfort, geeft je meteen eten.", "Comfort", "[PERSOON-"),  # KS
    ("Hij werkt bij Visverwerking Zeewind in de haven.", "Zeewind", "[INSTELLING-"),  # KT
])
def test_an_aunt_addressed_in_english_and_a_fish_processor(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


def test_a_family_by_its_surname_in_the_plural_with_a_voiced_s():
    # KU: "meneer Kamphuis", later "Bij de Kamphuizen is de noaber ..."; "de huizen" stays
    first, later = _turns_pseudonymised("Meneer Kamphuis heeft een boerderij.",
                                        "Bij de Kamphuizen is de noaber belangrijk. De huizen hier zijn oud.")
    family = re.search(r"\[PERSOON-\d+\]", first).group(0)
    assert "Kamphui" not in later and family in later and "De huizen" in later


# ---------------------------------------------------------------------------- blind round KV–KY (session 18)
def test_an_adjective_of_nationality_after_de_is_no_surname_unless_addressed():
    # KX: deduce read "collega bij de Belgische" as a person; the leak check then found "de
    # Belgische kant" in another interview (exit code 3)
    out, = pseudonymise("Ik heb een collega bij de Belgische lokale politie, Geert. Meneer de Franse belde.")
    assert "de Belgische lokale politie" in out and "Geert" not in out and "Franse" not in out


def test_an_initial_the_respondent_gives_someone_is_a_name():
    # KY: "Een jongeman die ik V. zal noemen, ook uit de aanpak"
    out, = pseudonymise("Een jongeman die ik V. zal noemen, ook uit de aanpak. En een die ik K. noem.")
    assert "V." not in out and "K." not in out and out.count("[PERSOON-") == 2


# ---------------------------------------------------------------------------- blind round KZ–LC (session 19)
def test_a_name_no_list_knows_in_apposition_after_a_relative_or_role_is_a_person():
    # LC: "De vader, Florin, werkt in de kassen" (a Romanian name on no list), later "bij Florin"
    first, later = _turns_pseudonymised("De vader, Florin, werkt in de kassen. De wijkagent, Dorin, kwam langs.",
                                        "Het bleek dat Florin haar sloeg.")
    assert "Florin" not in first + later and "Dorin" not in first
    assert re.search(r"\[PERSOON-\d+\]", first).group(0) in later


@pytest.mark.parametrize("sentence", [
    "De vader, Roemeens, werkt in de kassen.",  # a description between commas
    "Alles daarna, de huisarts, Tactus, de wijkagent, liep via mij.",  # a list (style set KU)
    "Zijn moeder, GGZ, weet het niet.",
])
def test_a_word_between_commas_after_a_relative_or_role_that_is_no_name_stays(sentence):
    out, = pseudonymise(sentence)
    assert "[PERSOON-" not in out


@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("En ik ben mee geweest naar z’n boksschool, Buitenring Boxing. Staat hij daar.",  # KZ
     "Buitenring", "[INSTELLING-"),
    ('Grote letters: "Sorry Rick. Vissen zaterdag? N." Twee dagen later.', "N.", "[PERSOON-"),  # LA
    ("Ik heb in het rapport over hem geschreven, ik noemde hem daar J., dat hij stil is.", "J.", "[PERSOON-"),  # LB
])
def test_an_organisation_after_a_spoken_possessive_and_initials_signing_or_given(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


def test_a_one_letter_word_closing_a_quote_stays():
    out, = pseudonymise('Hij zei: "Dat is het. O." en ging.')
    assert "O." in out and "[PERSOON-" not in out


# ---------------------------------------------------------------------------- blind rounds LD–LG (session 19)
def test_speakers_all_labelled_by_initials_are_replaced_and_so_are_initials_of_a_named_person():
    # LF: a .docx with "SW:" and "YK:" and no header; a .vtt whose header says "gecorrigeerd door
    # SW" after "Deelnemers: Sanne Wiersma (interviewer)"
    by_initials = Document("d1", "d1.docx", "docx", header=[], turns=[
        Turn("SW", "Zullen we beginnen?"), Turn("YK", "Ja hoor, ik ben teamleider."), Turn("SW", "Dank je.")])
    named = Document("d2", "d2.vtt", "vtt", header=["Deelnemers: Sanne Wiersma (interviewer)",
                                                    "Automatisch gegenereerd, gecorrigeerd door SW"],
                     turns=[Turn("Sanne Wiersma", "Goed, de opname loopt."), Turn("Marjan", "Ja.")])
    out = Pseudonymiser(allow_list=ALLOW).fit_transform([by_initials, named])
    speakers = [t.speaker for t in out[0].turns]
    assert all(s.startswith("[PERSOON-") for s in speakers) and speakers[0] == speakers[2] != speakers[1]
    assert "SW" not in " ".join(out[1].header) and out[1].turns[0].speaker in out[1].header[1]


def test_a_code_label_beside_initials_keeps_both():
    # only when every speaker is labelled by initials: "INT" is a code, so "AK" may be one too
    doc = Document("d1", "d1.txt", "txt", header=[], turns=[
        Turn("INT", "Vertel eens."), Turn("AK", "Ik ben wijkagent."), Turn("INT", "Dank je.")])
    out, = Pseudonymiser(allow_list=ALLOW).fit_transform([doc])
    assert [t.speaker for t in out.turns] == ["INT", "AK", "INT"]


@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Vorig jaar een man in Delfzijl. In ons systeem is het 23-0871. Vierenveertig.", "23-0871", "[DOSSIER-"),  # LF
    ("Hij hoort bij een groepje, en online heet hij Lil Lias, zegt hij.", "Lias", "[PERSOON-"),  # LD
    ("Hij zat in een groepje dat zich Dapper Squad noemde. Vorig jaar.", "Dapper", "[INSTELLING-"),  # LD
    ("En toen heb ik ook nog Woonkring Bosch gebeld, de corporatie, want ik wist het.", "Woonkring",
     "[INSTELLING-"),  # LG
])
def test_a_case_number_by_its_context_and_names_someone_goes_by(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


def test_a_score_or_a_number_without_case_words_stays():
    out, = pseudonymise("Het werd 22-04418 voor ons, de stand. Hij heet Jan.")
    assert "22-04418" in out and "Jan" not in out


def test_a_word_opening_a_sentence_that_the_study_writes_in_lower_case_after_a_quote_is_no_name(tmp_path):
    # KY: "Ewa, ja." (street Dutch for "hey"; also on a name list) and "hij zegt 'ewa Yassine'":
    # the run replaced "Ewa" and then failed its own leak check on "'ewa"
    first, later = _turns_pseudonymised("Ewa, ja. Ik ben Yassine, negenentwintig.",
                                        "Mo groet me nog, hij zegt 'ewa Yassine' als hij me ziet.")
    assert first.startswith("Ewa, ja.") and "'ewa [PERSOON-" in later and "Yassine" not in first + later


def test_a_surname_after_an_initial_stays_a_name_though_an_email_address_writes_it():
    # KE: "Respondent: N. Bouzidi (38)" and "n.bouzidi@..." in another answer
    first, later = _turns_pseudonymised("Respondent: N. Bouzidi (38), regisseur.",
                                        "Mail maar naar n.bouzidi@gemeente.nl, dat is het snelst.")
    assert "Bouzidi" not in first and "bouzidi" not in later


# ---------------------------------------------------------------------------- blind rounds LH–LO (session 19)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Ik ken hem al lang, want zijn opa, Wiel, had duiven, en ik ook.", "Wiel", "[PERSOON-"),  # LK
    ("Er is er één die ik al sinds 2016 ken. Laten we hem R. noemen. Maar ik ga niks zeggen.", "R.",
     "[PERSOON-"),  # LH
    ("Hij heeft een bijbaan bij een fietsenmaker in Overvecht, Rijwielhandel Kok. Hij groet.", "Kok",
     "[INSTELLING-"),  # LN
])
def test_a_first_name_that_is_a_word_in_apposition_an_initial_to_be_called_and_a_shop(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out
    assert "De handel in drugs" in pseudonymise("De handel in drugs is groot.")[0]


# ---------------------------------------------------------------------------- blind round LP–LS (session 19)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Voor het rapport, zaak 23-0881-LW: de politie had zes incidenten.", "0881", "[DOSSIER-"),  # LQ
    ("Als u het zaaknummer erbij zet, Z23.04417, dan komt het bij mij.", "04417", "[DOSSIER-"),  # LS
])
def test_case_numbers_with_a_register_suffix_or_letter_after_case_words(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


def test_a_name_before_naming_words_is_his_name_in_the_whole_interview():
    # LQ: "Pat noemen ze hem." and later "Pat is niet dom", "met Pat gedaan"; "Goed noemen we hem
    # niet" is no naming
    first, later = _turns_pseudonymised("Patrick. Pat noemen ze hem. Negenentwintig.",
                                        "Pat is niet dom. Dat heb ik met Pat gedaan. Goed noemen we hem niet.")
    assert "Pat " not in first + later and "Goed noemen we hem niet" in later
    assert "23.04417 euro" in pseudonymise("Het werd 23.04417 euro, zegt het nummer.")[0]


def test_a_police_investigation_by_its_code_name():
    # LR: "Onderzoek Zilverreiger. Drie jongens uit ..."; a programme and a name of more words stay
    out, = pseudonymise("Maar goed. Onderzoek Zilverreiger. Drie jongens. Het onderzoek Veilig Thuis liep. "
                        "Er is wel iets met Operatie Hoeksteen, als een kind betrokken is.")
    assert "Zilverreiger" not in out and "[DOSSIER-" in out
    assert "onderzoek Veilig Thuis" in out and "Operatie Hoeksteen" in out


# ---------------------------------------------------------------------------- blind round LT–LW (session 20)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Ze kwam binnen op een zondagavond, tweede kerstdag nog wel, om elf uur.", "kerstdag", "[DATUM-"),  # LU
    ("Op Tweede Paasdag vorig jaar was het thuis weer mis.", "Paasdag", "[DATUM-"),  # LU
    ("Met de tweede pinksterdag was het rustig.", "pinksterdag", "[DATUM-"),
    ("Op Koningsdag stond hij ineens voor de deur.", "Koningsdag", "[DATUM-"),
    ("Hij woont al dertig jaar in dezelfde flat, Wulpenhoeve 212. Alcohol.", "Wulpenhoeve", "[ADRES-"),  # LV
])
def test_a_holiday_of_one_day_without_its_year_and_a_hoeve_with_a_house_number(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


@pytest.mark.parametrize("sentence", [
    "Dat maakt dat ik kan handelen voordat het weer oudejaarsavond is.",  # it comes back: no date
    "Met kerst en in de zomer is het altijd druk.",                       # spans of days stay
    "Dat was een goede vrijdag.",
    "De kinderen gaan in de herfst naar de Heidehoeve, een zorgboerderij.",  # no house number: no address
])
def test_recurring_holidays_spans_and_a_hoeve_without_a_number_are_no_dates_or_addresses(sentence):
    out, = pseudonymise(sentence)
    assert "[DATUM-" not in out and "[ADRES-" not in out



# ---------------------------------------------------------------------------- blind rounds LX–MA and MB–ME (session 20)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Ik werk nu vier jaar bij Lichtpunt, en daarvoor bij Veilig Thuis.", "Lichtpunt", "[INSTELLING-"),  # MA
    ("Ik werk drie jaar als mentor bij Amaryllis. Dat is een opvang.", "Amaryllis", "[INSTELLING-"),  # MA
    ("Er is een afspraak met GGZ De Lichtboei dat onze jongeren snel een intake krijgen.", "Lichtboei",
     "[INSTELLING-"),  # LX
    ("Sinds twee jaar ben ik casemanager bij Jongeren op Koers, team West.", "Koers", "[INSTELLING-"),  # LX
    ("Het jongerenwerk van Stichting Kracht op West. Later de GGZ.", "Kracht", "[INSTELLING-"),
    ("Hij woont in Bergen op Zoom.", "Zoom", "[LOCATIE-"),  # "Zoom" (the video calls) is allow-listed
    ("Melding gedaan. Nummer gekregen. 23-114872, staat nog in mijn boekje.", "114872", "[DOSSIER-"),  # LY
    ("Een verzoek van Veilig Thuis, zaaknummer RvdK-ROT-22-04417. Dat weet ik nog.", "04417", "[ID-"),  # LX
    ("Dat dossier, WH-13b-2023-07, staat ook nog open bij ons.", "13b", "[ID-"),  # MD
    ("Noah staat in het systeem onder leerlingnummer 208817, alleen voor mij.", "208817", "[DOSSIER-"),  # MD
    ("Respondent: A. Bouzian, verbindingsfunctionaris moskeeën", "A.", "[PERSOON-"),  # LZ: the initial too
    ("Uitgewerkt door: M.B. – opname 48 min., (...) = onverstaanbaar", "M.B.", "[PERSOON-"),  # MA
    ("Van die eenenveertig kwam driekwart uit drie wijken: Tolberg, Kalsdonk en Langdonk. En zo.", "Langdonk",
     "[LOCATIE-"),  # MD: a list after "wijken:"
    ("Mijn gebied is Gageldonk en een stukje Fort-Zeekant.", "Gageldonk", "[LOCATIE-"),  # MD: "-donk"
])
def test_employers_op_names_case_numbers_initials_and_listed_neighbourhoods(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


@pytest.mark.parametrize("sentence", [
    "Ik werk bij Jeugdzorg en daarvoor werkte ik bij Defensie.",    # public services stay
    "Ik werkte eerst bij Schuldhulp en daarna bij Sociale Zaken.",
    "Daarvoor werkte ik bij MEE, dus ik kom uit de hoek van de zorg.",
    "We belden via Zoom.",
    "Een toestemmingsformulier in het Nederlands, Roemeens en Bulgaars.",  # languages in a list
    "We werken in het oosten, Goed was dat niet altijd.",
    "Het huisnummer 12345 bestaat niet.",
])
def test_public_services_languages_and_house_numbers_stay(sentence):
    out, = pseudonymise(sentence)
    assert out == sentence


def test_a_clipped_name_in_quotes_is_the_person_of_its_full_name():
    # MB: "Yous" (Youssef) was replaced in "als Yous zegt" but stayed in "als 'Yous'", and the
    # run's leak check then failed (exit code 3)
    doc = Document("d0", "d0.txt", "txt", header=[], turns=[
        Turn("Respondent", "Mijn leidinggevende zei: Youssef, dat moet jij doen."),
        Turn("Respondent", "Bij Jay staat het in zijn telefoon als 'Yous'. Collega's zeggen: doe dat niet.")])
    out, = Pseudonymiser(allow_list=ALLOW).fit_transform([doc])
    assert "Yous" not in out.turns[1].text
    assert out.turns[0].text.split(": ")[1].split(",")[0] in out.turns[1].text  # the same pseudonym


# ---------------------------------------------------------------------------- blind round MN–MQ (session 21)
def test_the_running_number_of_a_case_code_said_alone_is_that_case():
    # MQ: "heb je 0561 al gezien? Dan bedoelen ze ZVH-EM-2023-0561": colleagues name a case by the
    # running number at the end of its code; the digits alone stayed in the text
    doc = Document("d0", "d0.txt", "txt", header=[], turns=[
        Turn("Respondent", "Ze zeggen: heb je 0561 al gezien? Dan bedoelen ze ZVH-EM-2023-0561."),
        Turn("Respondent", "In 2023 liep het, en 0561-B is iets anders, net als 10561.")])
    out, = Pseudonymiser(allow_list=ALLOW).fit_transform([doc])
    first = out.turns[0].text
    assert "0561" not in first
    code = re.search(r"\[ID-\d+\]", first).group(0)
    assert first.count(code) == 2  # the number alone gets the code's pseudonym
    # a year, a longer number and a number with a suffix are something else
    assert out.turns[1].text == "In 2023 liep het, en 0561-B is iets anders, net als 10561."


def test_a_year_at_the_end_of_a_case_code_is_not_searched_alone():
    doc = Document("d0", "d0.txt", "txt", header=[], turns=[
        Turn("Respondent", "Het dossier VT-2023 lag er al."), Turn("Respondent", "In 2023 ging het mis.")])
    out, = Pseudonymiser(allow_list=ALLOW).fit_transform([doc])
    assert "VT-2023" not in out.turns[0].text
    assert out.turns[1].text == "In 2023 ging het mis."


def test_a_boxing_centre_with_its_name():
    # MQ: "Bokscentrum Stadjers, in de Oosterparkwijk."
    out, = pseudonymise("Bokscentrum Stadjers, in de Oosterparkwijk. De eigenaar ken ik van vroeger.")
    assert "Stadjers" not in out and "[INSTELLING-" in out


@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Staat in de monitor onder N23-112. Kwam op vrijdag uit de PI.", "N23-112", "[ID-"),  # MU
    ("Via een werkgever uit het netwerk, Brasserie Het Veerhuis.", "Veerhuis", "[INSTELLING-"),  # MU
])
def test_a_short_code_in_a_monitor_and_a_brasserie(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


def test_a_minister_by_his_title_is_a_person_even_when_the_study_writes_his_name_as_a_word():
    # MW: "de dominee, ds. Bakker" stayed, because another interview had "een eigen bakker"
    docs = [Document("d1", "d1.txt", "txt", header=[], turns=[Turn("Respondent", "Er was een eigen bakker.")]),
            Document("d2", "d2.txt", "txt", header=[], turns=[
                Turn("Respondent", "De dominee, ds. Bakker, was de enige. En pastoor Smid ook.")])]
    first, second = Pseudonymiser(allow_list=ALLOW).fit_transform(docs)
    assert first.turns[0].text == "Er was een eigen bakker."
    assert "Bakker" not in second.turns[0].text and "Smid" not in second.turns[0].text
    assert second.turns[0].text.startswith("De dominee, ds. [PERSOON-")


def test_a_case_code_with_a_region_code_between_its_numbers():
    # MV: "Ik heb het dossier, RvdK-2022-ALM-05517, niet meer zelf ingezien"
    out, = pseudonymise("Ik heb het dossier, RvdK-2022-ALM-05517, niet meer zelf ingezien.")
    assert "05517" not in out and "ALM" not in out and "[ID-" in out


def test_an_organisation_named_after_dat_is_hier():
    # MY: "de corporatie, dat is hier ZaanThuis, die wilde ..."; a public corporation stays
    out, = pseudonymise("Kijk, de corporatie, dat is hier ZaanThuis, die wilde dat gezin eruit hebben.")
    assert "ZaanThuis" not in out and "[INSTELLING-" in out
    public = "De corporatie, dat is hier Ymere, die wilde dat."
    assert pseudonymise(public) == [public]


# ---------------------------------------------------------------------------- blind round MZ–NC (session 21)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Mijn laatste raadsonderzoek, ik weet het nummer nog, 1184-07, dat was zo'n gezin.", "1184", "[DOSSIER-"),  # NC
    ("Kasteam Uitzendservice. Daar werkte hij via de gemeente.", "Kasteam", "[INSTELLING-"),  # NB
    ("Hij werkte bij Kolibrie Uitzendgroep, in de kassen.", "Kolibrie", "[INSTELLING-"),  # MM (session 20)
])
def test_an_employment_agency_and_a_serial_with_a_two_digit_suffix(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


@pytest.mark.parametrize("sentence", [
    "Het nummer van het seizoen 2023-24 was goed.",  # a season, not a case
    "Transport regelen we zelf.",
])
def test_a_season_and_an_ordinary_word_before_a_tail_stay(sentence):
    assert pseudonymise(sentence) == [sentence]


def test_a_landline_after_the_word_nummer_stays_one_phone_number():
    # the two-digit-suffix serial above must not take a landline's area code ("0320-28 61 90")
    out, = pseudonymise("Daar is één nummer voor, 0320-28 61 90. Vroeger duurde dat drie dagen.")
    assert "61 90" not in out and "[TELEFOON-" in out and "[DOSSIER-" not in out


# ---------------------------------------------------------------------------- blind round NH–NK (session 22)
@pytest.mark.parametrize("sentence, gone", [
    ('Ze had een vriendje, Mo, die noemde zichzelf "de Prins". Die liet haar werken.', "Prins"),  # NK
    ("Iedereen noemde hem 'de Prins', ook zijn moeder.", "Prins"),
    ("Hij noemde zich de Generaal, echt waar.", "Generaal"),
])
def test_a_nickname_someone_gave_himself_is_replaced(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out and "[PERSOON-" in out


@pytest.mark.parametrize("sentence", [
    "Dat noemen ze de Ketenaanpak, maar het is gewoon overleg.",  # no person is named ("ze" names a thing)
    "Zo noemt zij zich niet graag. Veilig Thuis doet de melding.",
])
def test_naming_words_without_a_named_person_change_nothing(sentence):
    assert pseudonymise(sentence) == [sentence]


# ---------------------------------------------------------------------------- blind round NL–NO (session 22)
@pytest.mark.parametrize("sentence, gone, placeholder", [
    ("Ik heb hier wel een lijstje liggen, 23-0412 bijvoorbeeld, maar daar ga ik niet op in.", "0412", "[DOSSIER-"),  # NL
    ("Op onze lijst stond hij als T18-0231, maar goed.", "0231", "[DOSSIER-"),  # style set KV
])
def test_a_serial_after_list_words_is_a_case_number(sentence, gone, placeholder):
    out, = pseudonymise(sentence)
    assert gone not in out and placeholder in out


def test_a_month_and_year_after_list_words_is_no_case_number():
    sentence = "Hij staat op de lijst sinds 03-2021, dat is lang."
    assert pseudonymise(sentence) == [sentence]


# ---------------------------------------------------------------------------- blind round NP–NS (session 22)
@pytest.mark.parametrize("sentence, gone", [
    ("De trainer daar, Wiel, die ken ik nog van vroeger.", "Wiel"),  # NS: a first name that is a word
    ("De coach, Anouk, belde mij op een zondag.", "Anouk"),
])
def test_a_name_in_apposition_after_a_trainer_or_coach(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out and "[PERSOON-" in out


def test_a_list_of_roles_names_no_one():
    sentence = "De docent daar, de mentor, de trainer, die zaten er allemaal."
    assert pseudonymise(sentence) == [sentence]


# ---------------------------------------------------------------------------- blind round NT–NW (session 22)
@pytest.mark.parametrize("sentence, gone", [
    ("Op het Bos en Lommerplein een bakkie doen, op een bankje.", "Bos"),  # NW: the leak check failed
    ("Hij woont achter de Slotermeerlaan, in een portiekflat.", "Slotermeer"),
])
def test_a_street_named_after_a_listed_district_is_replaced_whole(sentence, gone):
    out, = pseudonymise(sentence)
    assert gone not in out and "[LOCATIE-" in out
