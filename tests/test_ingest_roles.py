"""Speaker roles: from labels, from the study config, inferred from how people talk."""
from __future__ import annotations

import pytest

from pipeline.ingest.roles import assign_roles, is_generic_label, role_from_label
from pipeline.model import Turn


@pytest.mark.parametrize("label, role", [
    ("Interviewer", "interviewer"), ("interviewer", "interviewer"), ("INTERVIEWER", "interviewer"),
    ("I", "interviewer"), ("INT", "interviewer"), ("Int.", "interviewer"), ("Interviewer (SA)", "interviewer"),
    ("Interviewer 2", "interviewer"), ("Onderzoeker", "interviewer"), ("Interviewster", "interviewer"),
    ("I2", "interviewer"), ("Moderator", "interviewer"),
    ("Respondent", "respondent"), ("R", "respondent"), ("R6", "respondent"), ("R12", "respondent"),
    ("Geïnterviewde", "respondent"), ("Geinterviewde", "respondent"), ("G", "respondent"),
    ("Respondent 3", "respondent"), ("P1", "respondent"), ("Deelnemer 2", "respondent"),
    ("Notulist", "other"), ("Tolk", "other"),
    ("Fatima", None), ("Spreker 1", None), ("Mark de Vries", None), ("P", None), ("Ivo", None),
    ("Rik", None), ("SA", None),
])
def test_role_from_label(label, role):
    assert role_from_label(label) == role


def test_generic_labels():
    assert is_generic_label("Spreker 1") and is_generic_label("Speaker 12") and is_generic_label("spreker 2")
    assert not is_generic_label("Fatima") and not is_generic_label("Spreker")


def T(speaker, text):
    return Turn(speaker=speaker, text=text)


INTERVIEW = [
    T("Sanne", "Hoe begon de casus?"),
    T("Fatima", "Via de wijkagent. Die belde mij en zei dat het zo niet langer kon met die jongen."),
    T("Sanne", "En wat deed u toen?"),
    T("Fatima", "Ik heb iedereen bij elkaar gehaald: school, politie, de moeder, de GGZ. Dat duurde even."),
    T("Sanne", "Hoe reageerde de moeder?"),
    T("Fatima", "Wantrouwig. Dat snap ik ook wel."),
]


def test_inferred_roles_two_named_speakers():
    turns, method = assign_roles(INTERVIEW)
    assert [t.role for t in turns] == ["interviewer", "respondent"] * 3
    assert method.startswith("inferred: ")
    assert "Sanne" not in method and "Fatima" not in method  # no names in documents.csv


def test_inference_does_not_depend_on_who_speaks_first():
    turns, _ = assign_roles(INTERVIEW[1:])
    assert {t.speaker: t.role for t in turns} == {"Sanne": "interviewer", "Fatima": "respondent"}


def test_config_wins_over_label_and_inference():
    turns, method = assign_roles(INTERVIEW, {"fatima": "interviewer", "SANNE": "respondent"})
    assert {t.speaker: t.role for t in turns} == {"Sanne": "respondent", "Fatima": "interviewer"}
    assert method == "config"
    turns, method = assign_roles([T("I", "Vraag?"), T("R", "Antwoord.")], {"R": "other"})
    assert [t.role for t in turns] == ["interviewer", "other"]
    assert method == "config+label"


def test_label_plus_inference_and_a_rare_third_speaker():
    turns = [T("Interviewer", "Wie was erbij?"),
             T("Fatima", "De school, de wijkagent en ikzelf. We zaten met z'n drieën aan tafel en dat werkte goed."),
             T("Collega", "Klopt."),
             T("Interviewer", "En daarna?"),
             T("Fatima", "Daarna hebben we een plan gemaakt en dat is eigenlijk nog steeds de basis van alles."),
             T("Interviewer", "Dank u.")]
    out, method = assign_roles(turns)
    assert {t.speaker: t.role for t in out} == {"Interviewer": "interviewer", "Fatima": "respondent",
                                               "Collega": "other"}
    assert method.startswith("label+inferred: ")


def test_a_third_speaker_with_long_turns_is_a_second_respondent():
    long = "Dat zie ik net zo, want bij ons in het team gaat het precies zo en dat heeft alles te maken met vertrouwen."
    turns = [T("I", "Hoe werkt u samen?"), T("Anna", long), T("Bram", long),
             T("I", "En verder?"), T("Anna", long), T("Bram", long)]
    out, _ = assign_roles(turns)
    assert {t.speaker: t.role for t in out} == {"I": "interviewer", "Anna": "respondent", "Bram": "respondent"}


def test_hints_from_the_header():
    out, method = assign_roles(INTERVIEW, hints={"fatima": "respondent", "sanne": "interviewer"})
    assert [t.role for t in out] == ["interviewer", "respondent"] * 3
    assert method == "label"


def test_single_unknown_speaker_is_the_respondent():
    out, method = assign_roles([T("Fatima", "Ik vertel het gewoon.")])
    assert out[0].role == "respondent" and method.startswith("inferred")
