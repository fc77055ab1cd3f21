"""The leak check and words the transcripts use in lower case (blind set P, session 5).

A team called "Bemoeizorg Stad" was replaced as a name; the same transcript speaks of
"bemoeizorg" (outreach care) as an ordinary word, which the lexicon does not know. The leak check
searched "Bemoeizorg" in any case, found the word, and the run exited 3. A one-word identifier that
the transcripts themselves write in lower case is now searched capitalised only. Example names
here are not those of the set.
"""
from __future__ import annotations

import pandas as pd

from pipeline.model import Document, Turn
from pipeline.privacy import Pseudonymiser, check_leaks, leak_identifiers, load_allow_list

ALLOW = load_allow_list()


def _study():
    return [Document("r1", "r1.txt", "txt", header=[], turns=[
        Turn("Interviewer", "Wie ben je?"),
        Turn("Respondent", "Ik werk samen met Jan Straatzorg, hij is wijkagent."),
        Turn("Interviewer", "En verder?"),
        Turn("Respondent", "Dat straatzorg structureel gefinancierd wordt, en niet elke twee jaar opnieuw."),
    ])]


def test_a_name_word_the_transcripts_use_as_a_word_is_searched_capitalised_only(tmp_path):
    docs = _study()
    p = Pseudonymiser(allow_list=ALLOW).fit(docs)
    out = p.transform(docs)
    text = "\n".join(t.text for t in out[0].turns)
    assert "Straatzorg" not in text and "dat straatzorg structureel" in text.lower()
    (tmp_path / "texts.txt").write_text(text, encoding="utf-8")
    assert p.check_leaks(tmp_path) == []
    ids = p.leak_identifiers().set_index("identifier")
    assert bool(ids.loc["Straatzorg", "case_sensitive"]) is True
    assert bool(ids.loc["Jan Straatzorg", "case_sensitive"]) is False
    (tmp_path / "leak.txt").write_text("Toen belde Straatzorg.", encoding="utf-8")
    assert [leak["file"] for leak in p.check_leaks(tmp_path)] == ["leak.txt"]


def test_the_check_still_finds_the_name_capitalised(tmp_path):
    key = pd.DataFrame({"original": ["Straatzorg Noordkwartier"], "pseudonym": ["[PERSOON-1]"],
                        "type": ["PERSOON"]})
    ids = leak_identifiers(key, ALLOW, lowercase_words={"straatzorg"})
    assert bool(ids.set_index("identifier").loc["Straatzorg", "case_sensitive"]) is True
    (tmp_path / "a.txt").write_text("wij doen aan straatzorg", encoding="utf-8")
    assert check_leaks(tmp_path, ids) == []
    (tmp_path / "b.txt").write_text("Ik werk bij Straatzorg.", encoding="utf-8")
    assert [leak["file"] for leak in check_leaks(tmp_path, ids)] == ["b.txt"]


def test_without_lowercase_use_the_word_is_searched_in_any_case(tmp_path):
    key = pd.DataFrame({"original": ["Straatzorg Noordkwartier"], "pseudonym": ["[PERSOON-1]"],
                        "type": ["PERSOON"]})
    ids = leak_identifiers(key, ALLOW)
    assert bool(ids.set_index("identifier").loc["Straatzorg", "case_sensitive"]) is False
    (tmp_path / "a.txt").write_text("wij doen aan straatzorg", encoding="utf-8")
    assert len(check_leaks(tmp_path, ids)) == 1


def _pseudonymise(*texts: str) -> list[str]:
    docs = [Document(f"d{i}", f"d{i}.txt", "txt", header=[], turns=[Turn("Respondent", t)])
            for i, t in enumerate(texts)]
    p = Pseudonymiser(allow_list=load_allow_list()).fit(docs)
    return [d.turns[0].text for d in p.transform(docs)]


def test_a_place_that_is_also_a_lower_case_word_is_kept_as_the_word():
    # "in Heuvelzorg" is a place; "heuvelzorg" (a kind of care) elsewhere is the word, not the place.
    a, b = _pseudonymise("Ze woont al jaren in Heuvelzorg, met haar zoon.",
                         "Wij doen heuvelzorg in de wijk, dat is ons werk.")
    assert "Heuvelzorg" not in a and b == "Wij doen heuvelzorg in de wijk, dat is ons werk."


def test_a_place_name_typed_in_lower_case_is_still_replaced():
    a, b = _pseudonymise("Ze woont al jaren in Osdorp, met haar zoon.", "Hij komt ook uit osdorp, zegt hij.")
    assert "Osdorp" not in a and "osdorp" not in b.casefold()


def test_a_name_that_is_a_column_name_of_the_outputs_is_searched_capitalised_only(tmp_path):
    # Blind set EF (ef02, session 10): a client called Max; competence_summary.csv has a column
    # "max", so every run with scans ended with exit code 3.
    docs = [Document("r1", "r1.txt", "txt", header=[], turns=[
        Turn("Interviewer", "Over wie gaat het?"),
        Turn("Respondent", "Over Max, een jongen van de middelbare school; Max belt me elke week."),
    ])]
    p = Pseudonymiser(allow_list=ALLOW).fit(docs)
    ids = p.leak_identifiers().set_index("identifier")
    assert bool(ids.loc["Max", "case_sensitive"]) is True
    (tmp_path / "competence_summary.csv").write_text("competence,n,mean,sd,min,max,rank\n", encoding="utf-8")
    assert p.check_leaks(tmp_path) == []
    (tmp_path / "segments.csv").write_text("r1,r1:0002,2,Respondent,respondent,,,Over Max.\n", encoding="utf-8")
    assert [leak["file"] for leak in p.check_leaks(tmp_path)] == ["segments.csv"]


def test_a_surname_that_is_a_compass_point_is_searched_with_its_particle(tmp_path):
    # Blind set NJ (session 22): a man "van Oost" in one interview; another says "Schiedam-Oost".
    # "Oost" is in neither word list, so it was searched alone, found in "[LOCATIE-1]-Oost",
    # and the run exited 3.
    key = pd.DataFrame({"original": ["Ruud van Oost"], "pseudonym": ["[PERSOON-1]"], "type": ["PERSOON"]})
    ids = set(leak_identifiers(key, ALLOW)["identifier"])
    assert "van Oost" in ids and "Oost" not in ids
    (tmp_path / "a.txt").write_text("een flat in [LOCATIE-1]-Oost, en in Zuidoost", encoding="utf-8")
    assert check_leaks(tmp_path, leak_identifiers(key, ALLOW)) == []
    (tmp_path / "b.txt").write_text("Toen belde meneer van Oost weer.", encoding="utf-8")
    assert [leak["file"] for leak in check_leaks(tmp_path, leak_identifiers(key, ALLOW))] == ["b.txt"]
