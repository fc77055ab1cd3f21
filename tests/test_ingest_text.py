"""Plain-text and Markdown transcripts: encodings, line ends, headers, label variants."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_transcript
from pipeline.ingest.text import decode

FIX = Path(__file__).parent / "fixtures" / "transcripts"

CP1252_TURNS = [
    ("Interviewer (SA)", "interviewer", "Hoe kijkt u terug op de samenwerking met de cliënt?"),
    ("Geïnterviewde", "respondent",
     "Eén ding weet ik zeker: zonder vertrouwen kom je nergens. Hij zei ’t zelf ook."),
    ("Interviewer (SA)", "interviewer", "En de ketenpartners?"),
    ("Geïnterviewde", "respondent", "Die waren er één voor één bij, ook de reclassering – echt waar."),
]
CODES_TURNS = [
    ("INT", "interviewer", "Hoe lang bent u al regisseur?"),
    ("R6", "respondent", "Een jaar of vijf. Daarvoor werkte ik bij de reclassering."),
    ("Int.", "interviewer", "En bevalt het?"),
    ("R6", "respondent", "Ja: meestal wel."),
]


def triples(doc):
    return [(t.speaker, t.role, t.text) for t in doc.turns]


@pytest.mark.parametrize("name, encoding, expected", [
    ("cp1252.txt", "cp1252", CP1252_TURNS),
    ("utf16le_nobom.txt", "utf-16", CP1252_TURNS),
    ("utf16le_bom.txt", "utf-16", CODES_TURNS),
    ("utf16be_bom.txt", "utf-16", CODES_TURNS),
    ("cr_only.txt", "utf-8", CODES_TURNS),
])
def test_encodings_and_line_ends(name, encoding, expected):
    doc = read_transcript(FIX / name)
    assert doc.encoding == encoding
    assert triples(doc) == expected
    assert doc.role_method == "label"
    assert doc.format == "txt" and doc.doc_id == Path(name).stem


def test_cp1252_header_block_is_not_a_turn():
    doc = read_transcript(FIX / "cp1252.txt")
    assert doc.header == ["Interview 7 (letterlijk)", "Transcriptie: Bureau Woordwerk"]
    assert doc.turns[0].location == "line 4"


def test_plain_transcript_with_continuations_and_marks():
    doc = read_transcript(FIX / "plain_utf8.txt")
    assert doc.encoding == "utf-8"
    assert doc.header == ["Interview regisseur R01 – Top600", "Datum: 12 maart 2024",
                          "Locatie: Actiecentrum Veiligheid en Zorg",
                          "Transcriptie: onderzoeksteam (letterlijk)", "Einde interview"]
    assert triples(doc) == [
        ("Interviewer", "interviewer", "Goedemorgen. Kunt u vertellen hoe die casus begon?"),
        ("Respondent", "respondent",
         "Ja, eh, nou, via de wijkagent eigenlijk. Die belde mij op een dinsdag.\n"
         "Ik zei: dat kan niet zo doorgaan, we moeten met z'n allen om tafel.\n"
         "Het punt is: iedereen deed z'n eigen ding. (lacht)\n"
         "Nou ja: zo ging dat toen. Om 10:30 zaten we bij elkaar [onverstaanbaar] en toen... ja."),
        ("Interviewer", "interviewer", "En wie nam toen de regie?"),
        ("Respondent", "respondent", "Uiteindelijk ik. Maar dat moest wel, uh, groeien."),
    ]


def test_timestamps_before_and_after_labels_with_bom_and_crlf():
    doc = read_transcript(FIX / "bom_crlf.txt")
    assert doc.encoding == "utf-8-sig"
    assert [(t.speaker, t.timestamp, t.text) for t in doc.turns] == [
        ("I", "00:00:05", "Welkom, fijn dat u tijd heeft."),
        ("R", "00:00:09", "Graag gedaan."),
        ("Interviewer", "00:01:02", "Waar begon het mee?"),
        ("Respondent", "00:01:10", "Met een melding van Veilig Thuis.\nDat was in de zomer."),
        ("Interviewer", "00:02:00", "Wat deed u toen?"),
        ("R", "01:02:03", "Ik belde de officier."),
    ]
    assert [t.role for t in doc.turns] == ["interviewer", "respondent"] * 3


def test_names_and_inferred_roles():
    doc = read_transcript(FIX / "names.txt")
    speakers = [t.speaker for t in doc.turns]
    assert speakers == ["Interviewer", "Fatima", "Mark de Vries", "Interviewer", "Fatima",
                        "Mark de Vries", "Fatima"]
    roles = {t.speaker: t.role for t in doc.turns}
    assert roles == {"Interviewer": "interviewer", "Fatima": "respondent", "Mark de Vries": "respondent"}
    assert doc.role_method.startswith("label+inferred: ")
    assert "Voorbeeld: bij één jongen" in doc.turns[4].text


def test_spreker_labels_are_inferred_from_questions():
    doc = read_transcript(FIX / "sprekers.txt")
    assert {t.speaker: t.role for t in doc.turns} == {"Spreker 1": "interviewer", "Spreker 2": "respondent"}
    assert doc.role_method.startswith("inferred: ")


def test_label_on_its_own_line_with_timestamp():
    doc = read_transcript(FIX / "otter.txt")
    assert doc.header == ["Regiegesprek Zuidoost"]
    assert [(t.speaker, t.role, t.timestamp) for t in doc.turns] == [
        ("Speaker 1", "interviewer", "00:00:03"), ("Speaker 2", "respondent", "00:00:07"),
        ("Speaker 1", "interviewer", "00:00:21"), ("Speaker 2", "respondent", "00:00:25")]
    assert doc.turns[1].text == ("Ik ben procesregisseur. Ik coördineer de hulp rond gezinnen waar "
                                 "huiselijk geweld speelt.\nDat doe ik nu drie jaar.")


def test_header_names_the_roles_of_named_speakers():
    doc = read_transcript(FIX / "header_roles.txt")
    assert doc.header == ["Interview Actiecentrum", "Interviewer: Sanne", "Respondent: Ahmed"]
    assert [(t.speaker, t.role) for t in doc.turns] == [
        ("Sanne", "interviewer"), ("Ahmed", "respondent")] * 2
    assert doc.role_method == "label"


def test_f4_timestamps_are_removed():
    doc = read_transcript(FIX / "f4.txt")
    assert [(t.speaker, t.timestamp, t.text) for t in doc.turns] == [
        ("I", "00:00:12", "Hoe gaat het met de casus?"), ("R", "00:00:18", "Beter, sinds de GGZ erbij is.")]


def test_markdown_bold_labels_headings_and_front_matter():
    doc = read_transcript(FIX / "bold_labels.md")
    assert doc.format == "md"
    assert "Interview 9" in doc.header
    assert triples(doc) == [
        ("Interviewer", "interviewer", "Wat betekent regie voor u?"),
        ("Respondent", "respondent", "Het overzicht houden. (lacht) Dat klinkt simpel.\nMaar dat is het niet."),
        ("I", "interviewer", "Waarom niet?"),
        ("R", "respondent", "Omdat iedereen een eigen agenda heeft."),
    ]


def test_whitespace_and_unicode_are_normalised(tmp_path):
    p = tmp_path / "ws.txt"
    # decomposed ë (e + combining diaeresis), NBSP, zero-width space, tabs inside the line
    p.write_text("Interviewer:   Hoe  gaat\u00a0het\u200b?\nRespondent:\tGoed,\t\tdank je. Cliënt\n",
                 encoding="utf-8")
    doc = read_transcript(p)
    assert [t.text for t in doc.turns] == ["Hoe gaat het?", "Goed, dank je. Cli\u00ebnt"]


def test_no_labels_is_an_input_error():
    with pytest.raises(InputError, match="no speaker labels found") as err:
        read_transcript(FIX / "no_labels.txt")
    assert "no_labels.txt" in str(err.value)


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"  \r\n\r\n ", "the file is empty"),
    (b"\x00\x01\x02\x03binary\x00\xff\xfe\x10" * 20, "looks like a binary file"),
    (bytes(range(256)) * 4, "looks like a binary file"),
    (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, "perhaps a Word .docx file renamed"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3", "PDF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Word .doc"),
])
def test_bad_text_files(tmp_path, data, message):
    p = tmp_path / "kapot.txt"
    p.write_bytes(data)
    with pytest.raises(InputError, match=message) as err:
        read_transcript(p)
    assert str(err.value).startswith("kapot.txt")
    assert p.read_bytes() == data  # never modified


def test_invalid_utf8_after_bom_names_the_line(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbfI: ja\nR: nee\nI: caf\xe9\n")
    with pytest.raises(InputError) as err:
        read_transcript(p)
    assert err.value.location == "line 3"


def test_decode_prefers_utf8_and_falls_back_to_cp1252():
    assert decode("één".encode("utf-8"), "x.txt") == ("één", "utf-8")
    assert decode("één’".encode("cp1252"), "x.txt") == ("één’", "cp1252")
    assert decode("één".encode("utf-16"), "x.txt") == ("één", "utf-16")
    assert decode("Interviewer: één".encode("utf-16-be"), "x.txt") == ("Interviewer: één", "utf-16")


def test_stray_control_character_is_dropped_not_fatal(tmp_path):
    p = tmp_path / "ctrl.txt"
    p.write_bytes(b"I: Hoe gaat het?\x1a\nR: Goed.\x07\n" + b"I: En verder?\nR: Ook goed.\n" * 20)
    doc = read_transcript(p)
    assert doc.turns[0].text == "Hoe gaat het?" and doc.turns[1].text == "Goed."


@pytest.mark.parametrize("content, expected", [
    ("interviewer: vertel eens.\nrespondent: nou, het begon met jordy.\ninterviewer: en toen?\nrespondent: niks.\n",
     [("interviewer", "interviewer", "vertel eens."), ("respondent", "respondent", "nou, het begon met jordy."),
      ("interviewer", "interviewer", "en toen?"), ("respondent", "respondent", "niks.")]),
    ("Vraag: Hoe lang doet u dit werk?\nAntwoord: Zes jaar.\nVraag: Bevalt het?\nAntwoord: Heel goed.\n",
     [("Vraag", "interviewer", "Hoe lang doet u dit werk?"), ("Antwoord", "respondent", "Zes jaar."),
      ("Vraag", "interviewer", "Bevalt het?"), ("Antwoord", "respondent", "Heel goed.")]),
    # Teams/Otter export: "Surname, First name   m:ss" above the text
    ("Jansen, Piet   0:03\nGoedemorgen allemaal, wat fijn.\n\nBakker, Fatima   0:07\nGoedemorgen, fijn dat ik er "
     "ben. Ik werk al jaren als regisseur.\n\nJansen, Piet   0:15\nWat doe je precies?\n",
     [("Jansen, Piet", "interviewer", "Goedemorgen allemaal, wat fijn."),
      ("Bakker, Fatima", "respondent", "Goedemorgen, fijn dat ik er ben. Ik werk al jaren als regisseur."),
      ("Jansen, Piet", "interviewer", "Wat doe je precies?")]),
    # short paragraphs that recur ("Absoluut.") are text, not labels on their own line
    ("Interviewer: Vertel eens.\n\nRespondent: Het begon met Jordy.\n\nAbsoluut.\n\nHij was zestien.\n\n"
     "Absoluut.\n\nToen ging het mis.\n\nInterviewer: Hm-hm.\n",
     [("Interviewer", "interviewer", "Vertel eens."),
      ("Respondent", "respondent", "Het begon met Jordy.\nAbsoluut.\nHij was zestien.\nAbsoluut.\nToen ging het mis."),
      ("Interviewer", "interviewer", "Hm-hm.")]),
])
def test_more_label_styles(tmp_path, content, expected):
    p = tmp_path / "stijl.txt"
    p.write_text(content, encoding="utf-8")
    assert triples(read_transcript(p)) == expected
