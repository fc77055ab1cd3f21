"""Header lines that look like turns: several ``Label:`` fields on one line, metadata keys, or a
label from another vocabulary than the dialogue's, before the first real turn.

The blind style set E showed the problem (``be04.txt``: ``Respondent: <name>, procesregisseur.
Interviewer: onderzoeker (I). Duur: 58 min.`` above an ``I:``/``R:`` dialogue was read as a
respondent turn, which shifted every turn number of the document).
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.ingest import labels as L
from pipeline.ingest import read_transcript
from pipeline.ingest.text import text_lines
from pipeline.ingest.turns import build_turns

FIX = Path(__file__).parent / "fixtures" / "ingest_headers"
DATA = Path(__file__).resolve().parents[1] / "data"


def triples(doc):
    return [(t.speaker, t.role, t.text) for t in doc.turns]


def speakers_and_texts(text: str) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in build_turns(text_lines(text)).turns]


# --- fixture files ---------------------------------------------------------------------------

def test_fields_line_above_code_dialogue_cp1252_crlf():
    doc = read_transcript(FIX / "fields_cp1252_crlf.txt")
    assert doc.encoding == "cp1252"
    assert doc.header == [
        "Transcriptie interview 9 – MDA++ Gooi en Vechtstreek – 14-05-2024",
        "Respondent: Anouk Veldkamp, procesregisseur. Interviewer: onderzoeker (I). Duur: 47 min."]
    assert triples(doc) == [
        ("I", "interviewer", "Oké, de opname loopt. Anouk, wat doe je precies?"),
        # A real turn that quotes a "label" stays a turn.
        ("R", "respondent", "Nou, de respondent zei: zo gaat dat niet. Eh, nee, dat zei ik zelf. "
                            "Ik ben procesregisseur."),
        ("I", "interviewer", "En hoe lang al?"),
        ("R", "respondent", "Drie jaar. Daarvoor Veilig Thuis – vijf jaar, één team."),
    ]
    assert doc.turns[0].location == "line 4"
    assert "Veldkamp" not in doc.text


def test_pipe_separated_fields_in_the_dialogues_own_vocabulary():
    doc = read_transcript(FIX / "pipe_fields.txt")
    assert doc.header == ["Interviewer: Sanne de Wit | Respondent: Mark Jansen | Datum: 3 maart 2024 "
                          "| Locatie: Amsterdam"]
    assert [(t.speaker, t.role) for t in doc.turns] == [
        ("Interviewer", "interviewer"), ("Respondent", "respondent")] * 2
    assert doc.turns[0].text == "Fijn dat je er bent. Wat is je functie?"


def test_legend_and_attendance_lines_and_a_metadata_word_inside_a_turn():
    doc = read_transcript(FIX / "legend_deelnemers.txt")
    assert doc.header == ["Interview 12 – regie Top400", "Deelnemers: I = interviewer, R = respondent",
                          "Aanwezig: onderzoeker, respondent en een notulist", "Opname: 1 maart 2024, 52 min"]
    assert [t.speaker for t in doc.turns] == ["I", "R", "I", "R"]
    assert doc.turns[1].text.startswith("Ik ben regisseur. Datum: dat weet ik niet meer precies")


def test_bold_fields_name_the_roles_of_speakers_labelled_by_first_name():
    doc = read_transcript(FIX / "bold_fields_named.md")
    assert doc.header == ["Gesprek regie Zuidoost", "Interviewer: Sanne de Wit, Respondent: Karin Bos, wijkagent"]
    assert [(t.speaker, t.role) for t in doc.turns] == [
        ("Sanne", "interviewer"), ("Karin", "respondent"), ("Sanne", "interviewer"), ("Karin", "respondent")]
    # The roles come from the header line, not from guessing who asks the questions.
    assert doc.role_method == "label"


def test_a_name_line_grouped_with_a_fields_line_is_header_too():
    doc = read_transcript(FIX / "two_header_lines.txt")
    assert doc.header == ["Interviewer: Sanne de Wit (SW)",
                          "Respondent: Mark Jansen, regisseur Top600. Datum: 3-3-2024."]
    assert [t.text for t in doc.turns] == ["Hoe begon die casus?", "Met een melding van de wijkagent.",
                                           "En toen?", "Toen zijn we om tafel gegaan."]


def test_word_document_with_a_fields_paragraph(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Interview 3 – procesregie")
    document.add_paragraph("Interviewer: SA | Respondent: R4 | Datum: 3 maart 2024 | Duur: 51 min")
    for label, text in [("I:", "Hoe begon het?"), ("R:", "Met een melding."), ("I:", "Van wie?"),
                        ("R:", "Van de school.")]:
        para = document.add_paragraph()
        para.add_run(label).bold = True
        para.add_run(" " + text)
    path = tmp_path / "R4.docx"
    document.save(path)
    doc = read_transcript(path)
    assert doc.header == ["Interview 3 – procesregie",
                          "Interviewer: SA | Respondent: R4 | Datum: 3 maart 2024 | Duur: 51 min"]
    assert triples(doc) == [("I", "interviewer", "Hoe begon het?"), ("R", "respondent", "Met een melding."),
                            ("I", "interviewer", "Van wie?"), ("R", "respondent", "Van de school.")]


def test_header_name_is_not_in_turns_and_is_pseudonymised():
    from pipeline.privacy import Pseudonymiser

    doc = read_transcript(FIX / "fields_cp1252_crlf.txt")
    assert not any("Veldkamp" in t.text or "Veldkamp" in t.speaker for t in doc.turns)
    out = Pseudonymiser().fit_transform([doc])[0]
    assert not any("Veldkamp" in line or "Anouk" in line for line in out.header)
    assert "Anouk" not in out.turns[0].text
    # The full name in the header and the first name in the turn are the same person.
    name_in_header = re.search(r"\[PERSOON-\d+\]", out.header[1]).group(0)
    assert name_in_header in out.turns[0].text


# --- the blind set's file itself -------------------------------------------------------------

def _readme_respondent_turns(readme: Path, doc_id: str) -> int:
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] == doc_id:
            return int(cells[-1])
    raise AssertionError(f"{doc_id} not in {readme}")


@pytest.mark.skipif(not (DATA / "styleset_e" / "transcripts" / "be04.txt").is_file(), reason="style set E absent")
def test_styleset_e_be04_turns_match_its_readme_and_orientation():
    base = DATA / "styleset_e"
    doc = read_transcript(base / "transcripts" / "be04.txt")
    assert doc.header[1].startswith("Respondent: ") and doc.header[1].endswith("Duur: 58 min.")
    assert doc.turns[0].speaker == "I"
    assert sum(t.role == "respondent" for t in doc.turns) == _readme_respondent_turns(base / "README.md", "be04")
    with open(base / "orientation.csv", encoding="utf-8") as fh:
        indices = [int(r["turn_index"]) for r in csv.DictReader(fh) if r["doc_id"] == "be04"]
    assert indices and all(doc.turns[i - 1].role == "respondent" for i in indices)


# --- real turns that must stay turns ---------------------------------------------------------

DIALOGUE = "\nI: Dank je. Hoe lang doe je dit al?\nR: Een jaar of vier.\nI: En bevalt het?\nR: Meestal wel.\n"


@pytest.mark.parametrize("first", [
    "R: Nou, de respondent zei: dat kan zo niet langer.",
    "R: Ja, datum 3 maart was het, geloof ik.",
    "I: Goed. Respondent: Esther, procesregisseur. Datum: vandaag. Klopt dat?",
    "I: Goed. Interviewer: dat ben ik vandaag, en Datum: dat is vandaag.",
])
def test_first_turns_with_label_like_words_stay_turns(first):
    got = speakers_and_texts("Interview 4\n\n" + first + "\n" + DIALOGUE)
    label, text = first.split(": ", 1)
    assert got[0] == (label, text)
    assert len(got) == 5


@pytest.mark.parametrize("first", [
    "Interviewer: Goedemorgen, fijn dat je mee wilt doen.",
    "Interviewer: Super, dan beginnen we maar.",
    "Respondent: Mooi. Zal ik beginnen?",
    "Interviewer: Esther, kun je jezelf voorstellen?",
])
def test_a_one_off_label_in_another_vocabulary_is_a_turn_when_it_is_speech(first):
    got = speakers_and_texts(first + "\n" + DIALOGUE)
    assert got[0] == tuple(first.split(": ", 1))
    assert len(got) == 5


def test_a_fields_line_without_a_dialogue_after_it_stays_a_turn():
    got = speakers_and_texts("Respondent: Esther Schouten, procesregisseur. Duur: 58 min.\nI: Dank je.\n")
    assert [s for s, _ in got] == ["Respondent", "I"]


def test_a_one_off_label_in_another_vocabulary_is_header_when_it_names_someone():
    parsed = build_turns(text_lines("Respondent: Esther Schouten (MDA++)\n" + DIALOGUE))
    assert parsed.header == ["Respondent: Esther Schouten (MDA++)"]
    assert [t.speaker for t in parsed.turns] == ["I", "R", "I", "R"]
    assert parsed.hints["esther"] == "respondent"


def test_a_legend_of_the_dialogue_labels_is_header():
    # Blind set Q: a header line that explains the labels, in another vocabulary than the dialogue.
    parsed = build_turns(text_lines("Project regie, interview 11\n"
                                    "Respondent: schuldhulpverlener (R), interviewer (I)\n\n" + DIALOGUE))
    assert parsed.header[-1] == "Respondent: schuldhulpverlener (R), interviewer (I)"
    assert [t.speaker for t in parsed.turns] == ["I", "R", "I", "R"]


def test_a_job_title_after_a_one_off_role_label_is_header():
    # Blind set Z (bz03): the respondent's job in lower case, then a legend of the labels.
    head = "Respondent: gezinsmanager Jeugdbescherming, regie gezinsaanpak Nieuw-West"
    parsed = build_turns(text_lines("Transcript interview R07\n" + head + "\nI = interviewer, R = respondent\n\n"
                                    + DIALOGUE))
    assert parsed.header[1] == head
    assert [t.speaker for t in parsed.turns] == ["I", "R", "I", "R"]


def test_a_job_title_with_a_modifier_in_a_group_of_metadata_lines_is_header():
    # Blind set CD (cd01): "Geïnterviewde" is a one-off label in the dialogue's own vocabulary
    head = "Geïnterviewde: senior medewerker Veilig Thuis (aandachtsgebied ketensamenwerking Rijnmond-Zuid)"
    text = ("Transcriptie interview 07\nDatum: 12 oktober 2023, locatie: kantoor\n" + head
            + "\nDuur: 52 min.\n\nInterviewer: Dank je. Hoe lang doe je dit al?\nRespondent: Een jaar of vier."
            "\nInterviewer: En bevalt het?\nRespondent: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert head in parsed.header
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]


def test_a_name_and_function_with_a_long_parenthesis_in_a_group_of_metadata_lines_is_header():
    # Blind set DA (da01, session 8): the closing parenthesis made the value too long to be a name
    head = "Geïnterviewde: Ingrid Dekker, procesregisseur (opname 52 min., uitgewerkt door IV)"
    text = ("Transcript interview regievoering\nDatum: 7 maart 2024\n" + head
            + "\n\nInterviewer: Fijn dat je tijd wilt maken. Hoe ziet je week eruit?\nRespondent: Druk."
            "\nInterviewer: En bevalt het?\nRespondent: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert head in parsed.header
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]
    assert L.header_value_is_name("Ingrid Dekker, procesregisseur (opname 52 min., uitgewerkt door IV)")
    assert not L.header_value_is_name("(lacht)")


@pytest.mark.parametrize("blank", ["", "\n"])
def test_another_word_for_the_respondent_role_naming_someone_is_header(blank):
    # Blind set DJ (dj01, session 9): a .docx without blank lines, so the header group ran to
    # the end of the interview, and "Geïnterviewde" is a role word like the dialogue's own
    head = "Geïnterviewde: Esra Kaya (procesregisseur)"
    text = ("Interview regie Top600\nDatum: 14 maart 2024, opname 52 min.\n" + head + "\n" + blank
            + "Interviewer: Goed, hij loopt. Wat doe je?\nRespondent: Ik ben procesregisseur."
            "\nInterviewer: En bevalt het?\nRespondent: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert head in parsed.header
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]


@pytest.mark.parametrize("first", ["Geïnterviewde: Nou, dat is een lang verhaal.", "Geïnterviewde: Ja."])
def test_another_word_for_the_respondent_role_with_speech_stays_a_turn(first):
    text = (first + "\nInterviewer: Vertel.\nRespondent: Ik ben procesregisseur."
            "\nInterviewer: En bevalt het?\nRespondent: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert parsed.header == []
    assert [t.speaker for t in parsed.turns][0] == "Geïnterviewde"


def test_a_job_title_after_adjectives_with_a_date_field_is_header():
    # Blind set DF (df06, session 8): "sociaal psychiatrisch" before the title hid the job title
    head = ("Geïnterviewde: sociaal psychiatrisch verpleegkundige, FACT-team Zuid-Oost. "
            "Datum gesprek: 16 januari 2024.")
    text = ("Gespreksverslag (letterlijk) – interview 6\n" + head
            + "\n\nInterviewer: Dank u wel. Kunt u iets over uw werk vertellen?\nRespondent: Ja hoor."
            "\nInterviewer: En bevalt het?\nRespondent: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert head in parsed.header
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]


@pytest.mark.parametrize("first", [
    "Respondent: regisseur zijn is soms gewoon lastig, weet je.",
    "Respondent: hulpverlener ben ik al twintig jaar.",
])
def test_speech_that_starts_with_a_job_title_stays_a_turn(first):
    got = speakers_and_texts(first + "\n" + DIALOGUE)
    assert got[0] == tuple(first.split(": ", 1))
    assert len(got) == 5


# --- the helpers ------------------------------------------------------------------------------

def test_header_fields():
    fields = L.header_fields("Esther Schouten, procesregisseur. Interviewer: onderzoeker (I). Duur: 58 min.")
    assert [(f.key, f.value, f.strong) for f in fields] == [
        ("Interviewer", "onderzoeker (I).", True), ("Duur", "58 min.", True)]
    assert [(f.key, f.value) for f in L.header_fields("I = interviewer, R = respondent")] == [
        ("I", "interviewer"), ("R", "respondent")]
    assert L.header_fields("Nou, de respondent zei: zo gaat dat niet.") == []
    assert L.header_fields("Om 10:30 zaten we bij elkaar.") == []
    weak = L.header_fields("Ja, duur 58 min, respondent: ik.")
    assert [f.strong for f in weak] == [False, False]


@pytest.mark.parametrize("value, expected", [
    ("Esther Schouten, procesregisseur.", True), ("SA", True), ("R4", True), ("[naam verwijderd]", True),
    ("onderzoeker (I)", True), ("schuldhulpverlener (R), interviewer (I)", True), ("Karin, procesregisseur", True), ("De Vries, wijkagent", True),
    ("Nou, de respondent zei: ja", False), ("Goedemorgen, fijn dat je er bent.", False),
    ("Super, dan beginnen we.", False), ("Karin", False), ("Ja. Eh, ik werk hier vier jaar.", False),
    ("Ja (R) zei het ook.", False), ("dat zei ik al (bij de R)", False),
    ("gezinsmanager Jeugdbescherming, regie gezinsaanpak", True), ("wijkagent bij Politie Noord", True),
    ("regisseur zijn is lastig", False), ("hulpverlener ben ik al lang", False),
    ("senior medewerker Veilig Thuis (aandachtsgebied keten)", True), ("senior zijn is lastig", False),
    ("sociaal psychiatrisch verpleegkundige, FACT-team Zuid-Oost", True), ("maatschappelijk werker", True),
    ("sociaal is het lastig", False), ("psychiatrisch is hij niet, nee", False),
])
def test_value_names_someone(value, expected):
    assert L.value_names_someone(value) is expected


@pytest.mark.parametrize("label, form", [
    ("I", "code"), ("R6", "code"), ("INT", "code"), ("Int.", "code"), ("KB", "code"),
    ("Interviewer", "role"), ("Geïnterviewde", "role"), ("Interviewer (SA)", "role"),
    ("Spreker 1", "generic"), ("Fatima", "name"), ("Mark de Vries", "name"),
])
def test_label_form(label, form):
    assert L.label_form(label) == form


# --- property: header variants above generated dialogues --------------------------------------

NAMES = ["Esther Schouten", "Mark de Vries", "Anouk Veldkamp", "Karin Bos", "Sanne de Wit"]
HEADER_LINES = [
    "Respondent: {r}, procesregisseur. Interviewer: onderzoeker (I). Duur: 58 min.",
    "Interviewer: {i} | Respondent: {r} | Datum: 3 maart 2024",
    "Interviewer: {i}, Respondent: {r}, Locatie: Utrecht",
    "Respondent: {r} (wijkagent) – Datum: 12-04-2024 – Duur: 40 min",
    "Deelnemers: I = interviewer, R = respondent",
    "Aanwezig: {i} (interviewer) en {r} (respondent)",
    "Transcriptie: letterlijk. Interviewer: {i}.",
    "Interviewer: {i} | Respondent: {r} | Opname: 2024-03-01 10:30",
]
SPEAKERS = [("I", "R"), ("Interviewer", "Respondent"), ("INT", "R6"), ("Int.", "R"),
            ("Spreker 1", "Spreker 2"), ("Onderzoeker", "Geïnterviewde"), ("Lotte", "Fatima")]
OPENERS = ["Nou, de respondent zei: zo gaat dat niet.", "Ja, datum: geen idee meer.",
           "Goed. Interviewer: dat ben ik vandaag.", "Oké, de opname loopt.", "Ik zei: dat kan niet."]
WORDS = "casus wijkagent overleg moeder school plan afspraak partners regie netwerk zorg politie".split()


@st.composite
def headed_transcript(draw):
    i_name, r_name = draw(st.permutations(NAMES))[:2]
    head = draw(st.lists(st.sampled_from(HEADER_LINES), min_size=1, max_size=3, unique=True))
    head = [h.format(i=i_name, r=r_name) for h in head]
    if draw(st.booleans()):
        head.insert(0, "Interview 7 – regie Top400")
    speakers = draw(st.sampled_from(SPEAKERS))
    turns = []
    for k in range(draw(st.integers(min_value=3, max_value=6))):
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=8))
        text = "Dat ging over " + " ".join(words) + draw(st.sampled_from([".", "?", "!"]))
        if k == 0:
            text = draw(st.sampled_from(OPENERS)) + " " + text
        turns.append((speakers[k % 2], text))
    sep = draw(st.sampled_from(["\n", "\n\n"]))
    body = sep.join(f"{s}: {t}" for s, t in turns)
    return "\n".join(head) + "\n\n" + body + "\n", head, turns


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headed_transcript())
def test_header_variants_never_become_turns(case):
    text, head, turns = case
    parsed = build_turns(text_lines(text))
    assert [(t.speaker, t.text) for t in parsed.turns] == turns
    assert parsed.header == head


def test_an_exclamation_in_another_label_vocabulary_is_speech_not_header(tmp_path):
    # found by tests/test_fuzz.py: the first line's label is used once, the dialogue uses names
    path = tmp_path / "gesprek.txt"
    path.write_text("Interviewer: Inderdaad!\nSanne: Ja.\nSanne: Ja.\n", encoding="utf-8")
    doc = read_transcript(path)
    assert doc.header == []
    assert "Inderdaad!" in " ".join(t.text for t in doc.turns)


@pytest.mark.parametrize("head", [
    # Blind set EG (eg02, session 10): a name, a function and a third field, too long for a name
    "Respondent: Hanneke Kodde, senior medewerker Veilig Thuis, MDA++-trajecten",
    # Blind set EJ (ej01, session 10): a job title with its portfolio, then the organisation
    "Geïnterviewde: procesregisseur radicalisering, Zorg- en Veiligheidshuis Parkstad",
    # Blind set EN (en03, session 11): two titles split by a slash
    "Geïnterviewde: jeugdagent / Top400-contactpersoon politie",
    # Blind set FX (fx03, session 12): a form of address before the name, the employer last
    "Respondent: mevr. P. Visser, adviseur zorg en veiligheid, gemeente Purmerend",
    # Blind set GE (ge02, session 12): an age in brackets after the name, two titles joined by "en"
    "Respondent: Anke Verhoef (52), toezichthouder en regisseur",
])
def test_a_name_or_title_with_further_fields_next_to_a_date_line_is_header(head):
    text = ("Transcript interview 4\n" + head + "\nDatum: 3 april 2024, kantoor. Duur: 61 min.\n\n"
            "Interviewer: Goed, de recorder staat aan. Wat doe je?\nRespondent: Ik werk bij Veilig Thuis."
            "\nInterviewer: En bevalt het?\nRespondent: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert head in parsed.header
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent", "Interviewer", "Respondent"]


@pytest.mark.parametrize("value, expected", [
    ("Hanneke Kodde, senior medewerker Veilig Thuis, MDA++-trajecten", True),
    ("procesregisseur radicalisering, Zorg- en Veiligheidshuis Parkstad", True),
    ("Goed, Veilig Thuis doet dat", False),
    ("Jan, ik weet het niet", False),
    ("Ja, procesregisseur ben ik al jaren", False),
    ("Hanneke Kodde, senior medewerker Veilig Thuis.", False),
    ("regisseur zijn, dat is lastig", False),
    ("jeugdagent / Top400-contactpersoon politie", True),
    ("jeugdagent / dat weet ik niet", False),
    ("contactpersoon, dat ben ik", False),
    ("ja / nee, weet ik niet", False),
    ("mevr. P. Visser, adviseur zorg en veiligheid, gemeente Purmerend", True),
    ("dhr. De Boer, gemeente Purmerend", True),
    ("Ja, eh, gemeente Purmerend belde", False),
    ("mevrouw zei het al, gemeente Purmerend.", False),
    ("Anke Verhoef (52), toezichthouder en regisseur", True),
    ("Ja, toezichthouder en regisseur", False),
    ("Anke, ik en jij", False),
])
def test_names_role_holder(value, expected):
    assert L.names_role_holder(value) is expected


@pytest.mark.parametrize("first", ["Respondent: Goed, Veilig Thuis doet dat", "Respondent: Jan, ik weet het niet"])
def test_a_first_turn_with_commas_after_a_date_line_stays_a_turn(first):
    text = ("Datum: 3 april 2024\n" + first + "\nInterviewer: Vertel.\nRespondent: Ik ben procesregisseur."
            "\nInterviewer: En bevalt het?\nRespondent: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert [t.speaker for t in parsed.turns][0] == "Respondent"
    assert parsed.turns[0].text.startswith(first.split(": ", 1)[1])


def test_a_header_line_naming_the_speaker_of_later_turns_is_header_without_a_date_line():
    # Blind set GE (ge02, session 12): no "Datum:" line, but the value starts with the name that
    # labels the respondent's turns
    text = ("Interview 11 – reclassering, regio Eindhoven\n"
            "Respondent: Anke Verhoef (52), toezichthouder en regisseur\n"
            "Afgenomen op 19 maart 2024, ca. 50 minuten, op locatie\n\n"
            "Onderzoeker: Dank u wel. Wat doet u?\nAnke Verhoef: Ik werk bij de reclassering."
            "\nOnderzoeker: En bevalt het?\nAnke Verhoef: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert "Respondent: Anke Verhoef (52), toezichthouder en regisseur" in parsed.header
    assert [t.speaker for t in parsed.turns] == ["Onderzoeker", "Anke Verhoef"] * 2


def test_a_header_line_with_employer_in_brackets_date_and_duration_is_header():
    # Blind set HB (hb03, session 13): the value names the respondent by full name, the later
    # turns by first name; the employer in brackets, then the date and the length of the interview
    text = ("Interview 3 – wijkverpleging Delft\n"
            "Respondent: Sanne de Groot (Thuiszorg Vlietlanden), 3 april 2024, 17 minuten\n\n"
            "Interviewer: Dank je wel. Wat doe je?\nSanne: Ik ben wijkverpleegkundige."
            "\nInterviewer: En bevalt het?\nSanne: Meestal wel.\n")
    parsed = build_turns(text_lines(text))
    assert "Respondent: Sanne de Groot (Thuiszorg Vlietlanden), 3 april 2024, 17 minuten" in parsed.header
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Sanne"] * 2


@pytest.mark.parametrize("value, expected", [
    ("Sanne de Groot (Thuiszorg Vlietlanden), 3 april 2024, 17 minuten", True),
    ("Anke Verhoef, 12-03-2024", True),
    ("Ja, 3 april 2024 was het", False),          # speech: an answer word first
    ("Nou, drie kwartier, 17 minuten", False),
])
def test_names_role_holder_accepts_date_and_duration_fields(value, expected):
    assert L.names_role_holder(value) is expected


def test_a_header_line_with_a_form_of_address_and_the_interviewer_after_a_dash_is_header():
    # Blind set HW (hw03, session 14): "mw." before the respondent's name hid that the value names
    # someone, so the line and the free note under it became the respondent's first turn
    text = ("Interview R3 – gemeente Sittard-Geleen, afdeling Openbare Orde & Veiligheid\n"
            "Datum: donderdag 2 november 2023, stadskantoor Sittard (spreekkamer 2.14)\n"
            "Respondent: mw. A. Peeters (adviseur OOV / ketenregie) – Interviewer: F. Dassen\n"
            "Opname 48 min., geanonimiseerd op verzoek respondent\n\n"
            "I: Nogmaals dank voor uw tijd. Wat is uw functie?\n\nR: Ik ben adviseur bij de gemeente.\n\n"
            "I: En hoe ziet uw week eruit?\n\nR: Dat is heel divers.\n")
    parsed = build_turns(text_lines(text))
    assert [t.speaker for t in parsed.turns] == ["I", "R"] * 2
    assert parsed.turns[0].text.startswith("Nogmaals dank")
    assert any("mw. A. Peeters" in line for line in parsed.header)
    # speech that happens to start with a form of address stays speech
    assert not L.value_names_someone("mevrouw De Vries belde me, en toen zei ik: kom maar langs")


def test_a_header_value_with_a_bracketed_job_and_who_asked_names_the_respondent():
    # Blind set IA (ia02, session 14): the value names the respondent, her job in brackets with a
    # comma, then who held the interview
    text = ("Interview regieteam – respondent 02\n"
            "Datum: 12 maart 2024, kantoor reclassering Lelystad\n"
            "Respondent: Ruud Kramer (reclassering, gedetacheerd bij Regieteam Randmeren); afgenomen door S. Wolters\n\n"
            "I: Dank je wel dat je wilde meedoen. Is dat goed?\n\nR: Prima.\n\n"
            "I: Wat doe je?\n\nR: Ik ben reclasseringswerker.\n")
    parsed = build_turns(text_lines(text))
    assert [t.speaker for t in parsed.turns] == ["I", "R"] * 2
    assert L.header_value_is_name("Ruud Kramer (reclassering, gedetacheerd bij Regieteam Randmeren); "
                                  "afgenomen door S. Wolters")
    assert L.header_value_is_name("mw. A. Peeters – Interviewer: F. Dassen")
    # speech with a semicolon is still speech
    assert not L.header_value_is_name("Nou; ik weet het niet precies, het was in de winter denk ik.")


def test_a_header_value_in_another_role_word_with_age_place_and_day_names_the_respondent():
    # Blind set IB (ib02, session 14): "Geïnterviewde:" above "Respondent:" turns, with an age in
    # brackets, where she works from, and the day of the interview after a dash
    text = ("Interview Top X Groningen – regisseur Verslavingszorg Noord Nederland\n"
            "Geïnterviewde: Froukje Dam (41), werkzaam vanuit Delfzijl – afgenomen op 7 maart 2024\n\n"
            "Interviewer: Dank je wel dat ik hier mocht komen. Hoe ben je hier terechtgekomen?\n"
            "Respondent: Ja, nou, dat is een lang verhaal.\n"
            "Interviewer: Hoeveel mensen heb je in je caseload?\nRespondent: Negen.\n")
    parsed = build_turns(text_lines(text))
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent"] * 2
    assert L.header_value_is_name("Froukje Dam (41), werkzaam vanuit Delfzijl – afgenomen op 7 maart 2024")


def test_a_header_value_with_the_day_and_place_of_the_interview_names_the_respondent():
    # Blind set IW (iw06, session 16): the day and the place after the dash
    text = ("Interview 6 – regie jongeren Den Haag Centrum\n"
            "Geïnterviewde: Rachid Amrani (regisseur, voorheen Halt) – afgenomen op 16 mei 2024 in "
            "buurtcentrum De Kolibrie\n"
            "Opname 15 minuten, uitgewerkt door L. Meijer\n\n"
            "Interviewer: Misschien kun je beginnen met te vertellen wie je bent.\n"
            "Respondent: Ja, nou, ik ben Rachid, achtendertig.\n"
            "Interviewer: En wat houdt dat in?\nRespondent: Op papier een caseload.\n")
    parsed = build_turns(text_lines(text))
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent"] * 2
    assert L.header_value_is_name("Rachid Amrani (regisseur, voorheen Halt) – afgenomen op 16 mei 2024 in "
                                  "buurtcentrum De Kolibrie")
    # a turn that tells where the interview took place is still a turn
    assert not L.header_value_is_name("Nou, dat was het – afgenomen op de dag zelf in de wijk en dan gaan we door "
                                      "met het hele verhaal over de jongen.")


def test_a_subtitle_cue_that_addresses_a_later_speaker_by_name_is_a_turn(tmp_path):
    # Blind set IW (iw04, session 16): the cue's first line "Interviewer: Thea, fijn dat ik bij"
    # looked like a header value naming the respondent who speaks as "Thea:" later
    from pipeline.ingest.subtitles import read_srt

    cues = ["Interviewer: Thea, fijn dat ik bij\r\nje langs mocht komen.",
            "Wil je om te beginnen vertellen\r\nhoe je in dit werk bent beland?",
            "Thea: Ach, hoe beland je ergens. (lacht)\r\nIk ben eenenzestig.",
            "Interviewer: Wat is je eerste stap?",
            "Thea: Ik maak een tekening."]
    body = "".join(f"{n}\r\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 1:02d},500\r\n{c}\r\n\r\n"
                   for n, c in enumerate(cues, 1))
    path = tmp_path / "iw04.srt"
    path.write_bytes(body.encode("utf-8"))
    parsed, _ = read_srt(path)
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Thea"] * 2
    assert parsed.turns[0].text.startswith("Thea, fijn dat ik bij je langs mocht komen.")
    assert not L.header_value_is_name("Thea, fijn dat ik bij")
    assert L.header_value_is_name("Thea Jansen, regisseur")


@pytest.mark.parametrize("header", [
    # blind set LL (ll06, a .docx): a name, an employer, a date and a duration between dashes
    "Respondent: Karim Bouzid (Veilig Thuis Rotterdam Rijnmond) – 16 januari 2025 – 14 min.",
    "Respondent: Karim Bouzid | 16-01-2025 | 61 minuten",
])
def test_a_role_line_of_a_name_a_date_and_a_duration_is_header(header):
    body = ("Interviewer: Hoe ziet een werkdag eruit?\nKarim: Gewoon bestaat niet. (lacht)\n"
            "Interviewer: En daarna?\nKarim: Een huisbezoek.\n")
    parsed = build_turns(text_lines(header + "\n\n" + body))
    assert parsed.header == [header]
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Karim"] * 2


@pytest.mark.parametrize("first", ["Respondent: Ja. 14 min. Toen was het klaar.",
                                   "Respondent: Op 16 januari 2025 belde ze, dat weet ik nog."])
def test_a_turn_with_a_date_or_a_duration_stays_a_turn(first):
    parsed = build_turns(text_lines(first + "\nInterviewer: En toen?\nRespondent: Niks.\nInterviewer: Oké.\n"))
    assert parsed.header == [] and parsed.turns[0].speaker == "Respondent"
    assert L.bare_header_values("Karim Bouzid – 16 januari 2025 – 14 min.") == ["16 januari 2025", "14 min."]


def test_a_role_line_that_opens_with_a_physicians_title_is_header():
    # blind set MA (ma03, cp1252): "jeugdarts" ended like no job title, so the header was read as
    # the respondent's first turn (53 turns for 52)
    header = ("Transcriptie interview 5 – jeugdgezondheidszorg\n"
              "Respondent: jeugdarts (J.M. Kuiper), werkgebied Zoetermeer en Leidschendam-Voorburg\n"
              "Datum: dinsdag 2 april 2024, 13.30 uur, spreekkamer consultatiebureau Seghwaert\n"
              "Uitgewerkt door: M.B. – opname 48 min., (...) = onverstaanbaar\n")
    body = "I: Kunt u iets vertellen over uw functie?\nR: Ik ben jeugdarts.\nI: En verder?\nR: Niets.\n"
    parsed = build_turns(text_lines(header + "\n" + body))
    assert len(parsed.header) == 4
    assert [t.speaker for t in parsed.turns] == ["I", "R"] * 2


@pytest.mark.parametrize("word, expected", [("jeugdarts", True), ("huisarts", True), ("wijkagent", True),
                                            ("voorwaarts", False), ("achterwaarts", False), ("jeugd", False)])
def test_function_words_end_like_a_job_title(word, expected):
    assert L.is_function_word(word) is expected


@pytest.mark.parametrize("role_line, speech", [
    # blind set ND (nd06, .docx): a job title with its employer was no field the header rule knew,
    # so the header was read as the respondent's first turn (53 turns for 52)
    ("Geïnterviewde: mw. Y. Gravenberch, casusregisseur gemeente Amsterdam, stadsdeel Zuidoost",
     "Ja, casusregisseur gemeente Amsterdam, dat ben ik"),
    # blind set NJ (nj02, .docx): a portfolio word between the title and the employer (33 for 32)
    ("Geïnterviewde: Jurre Bakels, regisseur nazorg gemeente Rotterdam, gebied Charlois en Feijenoord",
     "Nee, regisseur nazorg gemeente Rotterdam, dat doe ik niet"),
])
def test_a_role_line_with_a_title_and_its_employer_is_header(role_line, speech):
    header = role_line + "\nDatum: 16 april 2024 – duur 14 minuten – locatie: stadsdeelkantoor, Anton de Komplein\n"
    body = "Interviewer: Zou u kunnen beginnen?\nRespondent: Ja.\nInterviewer: En verder?\nRespondent: Niets.\n"
    parsed = build_turns(text_lines(header + "\n" + body))
    assert len(parsed.header) == 2
    assert [t.speaker for t in parsed.turns] == ["Interviewer", "Respondent"] * 2
    # speech that names a function and an employer stays a turn
    assert not L.names_role_holder(speech)
