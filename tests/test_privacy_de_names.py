"""Bare "De X" names and initials (pipeline/privacy/organisations.py ``article_name``, patterns.py ``initials``).

Inside a Dutch sentence "de" is written in lower case unless it belongs to a name: "een traject bij
De Windroos" is a small organisation, "ze woont in De Hooge Akker" an area, "ik belde De Vries" a
person. At the start of a sentence the capital says nothing ("De GGZ zei"). The example names here
are made up for this file; the last test measures the development style sets f–h.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.model import Document, Turn
from pipeline.privacy import Pseudonymiser, detect_patterns, load_allow_list

ALLOW = load_allow_list()
ROOT = Path(__file__).resolve().parents[1]


def fit(*texts: str) -> tuple[Pseudonymiser, list[str]]:
    docs = [Document(f"d{i}", f"d{i}.txt", "txt", header=[], turns=[Turn("Respondent", t)])
            for i, t in enumerate(texts)]
    p = Pseudonymiser(allow_list=ALLOW).fit(docs)
    return p, [d.turns[0].text for d in p.transform(docs)]


def pseudonymise(*texts: str) -> list[str]:
    return fit(*texts)[1]


def found(text: str, source: str) -> set[tuple[str, str]]:
    return {(d.type, text[d.start:d.end]) for d in detect_patterns(text, ALLOW) if d.source == source}


# ---------------------------------------------------------------------------- "De X" inside a sentence
@pytest.mark.parametrize("text, name, kind", [
    ("Ze zit nu bij De Windroos, al een half jaar.", "De Windroos", "INSTELLING"),
    ("Toen jeugdhulp, een traject bij De Lichtboei, en dat hielp niet.", "De Lichtboei", "INSTELLING"),
    ("We zagen elkaar in De Zeemeeuw, dat is een inloop.", "De Zeemeeuw", "INSTELLING"),
    ("Ik heb de school gebeld, De Klimop, de intern begeleider.", "De Klimop", "INSTELLING"),
    ("Hij werkt sinds kort bij Het Baken in de keuken.", "Het Baken", "INSTELLING"),
    ("Ze kwam binnen via De Groene Draad & Partners.", "De Groene Draad & Partners", "INSTELLING"),
    ("In De Oude Smidse, zo'n zaaltje achter de kerk.", "De Oude Smidse", "INSTELLING"),
    ("Hij woont in De Hooge Akker sinds vorig jaar.", "De Hooge Akker", "LOCATIE"),
    ("Ze is opgegroeid in De Wolden, bij haar opa.", "De Wolden", "LOCATIE"),
    ("Een jongere uit Osdorp of De Baarsjes komt op de lijst.", "De Baarsjes", "LOCATIE"),
    ("Ik belde De Vries en die zei dat het goed ging.", "De Vries", "PERSOON"),
    ("Later sprak ik mevrouw De Graaf nog even.", "De Graaf", "PERSOON"),
])
def test_a_capital_article_inside_a_sentence_starts_a_name(text, name, kind):
    assert (kind, name) in found(text, "pattern:article_name")
    out, = pseudonymise(text)
    assert name not in out
    assert re.search(rf"\[{kind}-1\]", out), out


def test_the_generic_word_or_organisation_before_the_name_stays():
    out, = pseudonymise("Ik heb het gevraagd aan de school, De Klimop, en aan Veilig Thuis.")
    assert out == "Ik heb het gevraagd aan de school, [INSTELLING-1], en aan Veilig Thuis."


def test_a_name_found_inside_a_sentence_is_replaced_at_a_sentence_start_too():
    a, b = pseudonymise("Hij ging daarna naar De Lichtboei, twee keer per week.",
                        "De Lichtboei belde mij terug. De eerste keer was het druk.")
    assert "Lichtboei" not in a + b
    assert a.count("[INSTELLING-1]") == 1 and b.count("[INSTELLING-1]") == 1
    assert "De eerste keer" in b


def test_a_capital_article_at_a_sentence_start_alone_is_kept():
    text = "De Lichtboei is een vuurtorenterm. De Eerste keer dat ik hem zag, was hij boos."
    assert found(text, "pattern:article_name") == set()
    out, = pseudonymise(text)
    assert out == text


@pytest.mark.parametrize("text", [
    "De politie kwam. De GGZ zei nee. De Raad voor de Kinderbescherming deed onderzoek. De Top600 ook.",
    "Toen belde ik met De Raad voor de Kinderbescherming en met Het Openbaar Ministerie.",
    "Hij werkt bij Het Leger des Heils en zij bij De Regenboog Groep.",
    "ik werk niet voor De Politie, zei hij tegen De Wijkagent en De Gemeente.",
    "Hij lag eerst op De Eerste Hulp en kwam toen bij Het Wijkteam.",
    "Het OM, De GGZ en De Reclassering zaten aan tafel.",
    "Toen kwam Peter De Jong binnen.",
    "Ze belde op dinsdag en De Maandag daarna niet.",
])
def test_institutions_headings_and_ordinary_words_are_no_article_names(text):
    assert {kind for kind, _ in found(text, "pattern:article_name")} <= {"PERSOON"}
    out, = pseudonymise(text)
    assert "[INSTELLING-" not in out and "[LOCATIE-" not in out, out
    for kept in ("De GGZ", "De Raad voor de Kinderbescherming", "Het Openbaar Ministerie", "Het Leger des Heils",
                 "De Regenboog Groep", "De Politie", "De Wijkagent", "De Eerste Hulp", "Het Wijkteam", "Het OM",
                 "De Top600"):
        if kept in text:
            assert kept in out, (kept, out)


@pytest.mark.parametrize("heading", ["Thema Twee De Samenwerking", "2. De Nieuwe Aanpak", "Casus: De Zware Jongens",
                                     "- De Lange Adem", "Interview Met De Wijkregisseur"])
def test_headings_are_no_article_names(heading):
    # Other detectors may still take a word of a heading ("Jongens" for a surname); this one takes none.
    assert found(heading, "pattern:article_name") == set()


def test_a_surname_after_a_first_name_stays_one_person():
    out, = pseudonymise("Toen kwam Peter De Jong binnen. Later belde De Jong nog.")
    assert "Jong" not in out and "[INSTELLING-" not in out
    assert out.count("[PERSOON-1]") == 2, out


def test_a_surname_like_word_after_a_preposition_of_place_is_a_place_or_organisation():
    # "Overloop" is on deduce's list of surnames after a particle; "naar" makes it a place to go to.
    assert found("Hij ging zelf naar De Overloop, gewoon als gesprek.", "pattern:article_name") == {
        ("INSTELLING", "De Overloop")}


def test_the_leak_check_passes_and_still_sees_the_name(tmp_path):
    p, out = fit("Ze zit nu bij De Windroos, en soms zegt ze: De Windroos is mijn plek.")
    (tmp_path / "texts.txt").write_text("\n".join(out), encoding="utf-8")
    assert p.check_leaks(tmp_path) == []
    (tmp_path / "leaked.txt").write_text("een traject bij De Windroos", encoding="utf-8")
    assert [leak["type"] for leak in p.check_leaks(tmp_path)] == ["INSTELLING"]


# ---------------------------------------------------------------------------- initials
@pytest.mark.parametrize("text, initials", [
    ("JB zei dat hij zou komen.", "JB"),
    ("Toen belde T.K. nog, heel laat.", "T.K."),
    ("T.K. belde gisteren nog.", "T.K."),
    ("Ik sprak met R.V. over de zaak.", "R.V."),
    ("En toen lachte ze, en MvK zei niks.", None),
])
def test_initials_used_as_a_name(text, initials):
    names = {name for kind, name in found(text, "pattern:initials")}
    assert names == ({initials} if initials else set())
    if initials:
        out, = pseudonymise(text)
        assert initials not in out and "[PERSOON-1]" in out


def test_initials_are_one_person_across_the_study():
    a, b = pseudonymise("JB zei dat het goed ging.", "Met JB heb ik daarna niet meer gesproken.")
    assert "JB" not in a + b
    assert "[PERSOON-1]" in a and "[PERSOON-1]" in b


@pytest.mark.parametrize("text", [
    "Het OM zei nee en GGZ zei ook nee.",
    "De PB zei dat het goed ging. PB zei het later nog eens.",
    "Dat is de SPV. SPV zei: geen opname.",
    "CJG belde, AMW belde, en de VS zei niks.",
    "N.B. dat is belangrijk. Zie ook p. 12.",
    "Ik had een afspraak met T.K. Jansen.",
    "Hij zit in de PI en RvdK zei dat al.",
])
def test_acronyms_roles_and_abbreviations_are_no_initials(text):
    assert found(text, "pattern:initials") == set()


def test_initials_before_a_surname_are_left_to_the_person_detectors():
    out, = pseudonymise("Ik had een afspraak met T.K. Jansen, die zei dat het kon.")
    assert "Jansen" not in out and out.count("[PERSOON-") == 1, out


# ---------------------------------------------------------------------------- development style sets
def test_new_detectors_take_nothing_in_the_sample_study():
    from pipeline import ingest
    from pipeline.config import StudyConfig

    documents, _, _ = ingest.read_study(StudyConfig.sample())
    taken = [text[d.start:d.end] for doc in documents for text in list(doc.header) + [t.text for t in doc.turns]
             for d in detect_patterns(text, ALLOW) if d.source in ("pattern:article_name", "pattern:initials")]
    assert taken == []


@pytest.mark.parametrize("name", ["styleset_f", "styleset_g", "styleset_h"])
def test_style_sets_lose_their_bare_de_names(name):
    from pipeline import ingest
    from pipeline.config import StudyConfig

    folder = ROOT / "data" / name
    ids = pd.read_csv(folder / "identifiers.csv", dtype=str, keep_default_na=False)
    ids = ids[ids.type.isin(["LOCATIE", "ADRES", "ORGANISATIE_NAAM"])]
    documents, _, _ = ingest.read_study(StudyConfig(transcripts=folder / "transcripts"))
    out = Pseudonymiser(allow_list=ALLOW).fit_transform(documents)
    texts = {d.doc_id: "\n".join(d.header + [t.text for t in d.turns]) for d in out}
    left = [(r.doc_id, r.identifier) for r in ids.itertuples()
            if re.search(r"(?<!\w)" + r"\s+".join(map(re.escape, r.identifier.split())) + r"(?!\w)",
                         texts[r.doc_id], re.IGNORECASE)]
    assert any(i.startswith("De ") for i in ids.identifier)
    assert left == []
