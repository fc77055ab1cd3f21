"""WebVTT and SubRip transcripts: voice tags, prefixes, merging of cues, bad files."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_transcript
from pipeline.ingest.subtitles import parse_cues

FIX = Path(__file__).parent / "fixtures" / "transcripts"


def test_teams_vtt_voice_tags_notes_styles_and_merging():
    doc = read_transcript(FIX / "teams.vtt")
    assert doc.format == "vtt"
    assert [(t.speaker, t.role, t.timestamp, t.text) for t in doc.turns] == [
        ("Interviewer", "interviewer", "00:00:01", "Goedemorgen, u werkt als regisseur bij het Actiecentrum?"),
        ("Jansen, P. (Actiecentrum)", "respondent", "00:00:06",
         "Ja, dat klopt. Sinds 2019 al. Daarvoor werkte ik bij politie & justitie."),
        ("Interviewer", "interviewer", "00:00:12", "En hoe bevalt het?"),
        ("Jansen, P. (Actiecentrum)", "respondent", "00:00:14", "Goed."),
        ("Interviewer", "interviewer", "00:00:14", "Mooi."),
    ]
    assert doc.turns[0].location == "cue 1"
    assert not any("notitie" in t.text or "color" in t.text for t in doc.turns)


def test_vtt_without_header_with_name_prefixes_and_missing_blank_line():
    doc = read_transcript(FIX / "zoom_noheader.vtt")
    assert [(t.speaker, t.role, t.text) for t in doc.turns] == [
        ("Interviewer", "interviewer", "Wat is uw rol in de keten?"),
        ("Fatima Bakker", "respondent", "Ik ben casusregisseur. Ik zorg dat partners elkaar weten te vinden."),
        ("Interviewer", "interviewer", "Lukt dat?"),
    ]


def test_srt_brackets_prefixes_tags_and_continuation():
    doc = read_transcript(FIX / "labels.srt")
    assert doc.encoding == "cp1252"
    assert [(t.speaker, t.role, t.timestamp, t.text) for t in doc.turns] == [
        ("Interviewer", "interviewer", "00:00:01", "Hoe begon de casus met de cliënt?"),
        ("Respondent", "respondent", "00:00:04", "Met een melding van de school. Toen ging het snel."),
        ("Interviewer", "interviewer", "00:00:08", "En daarna?"),
    ]


def test_vtt_without_speakers_is_an_input_error():
    with pytest.raises(InputError, match="no speaker labels found"):
        read_transcript(FIX / "no_speakers.vtt")


def test_file_without_cues(tmp_path):
    p = tmp_path / "leeg.vtt"
    p.write_text("WEBVTT\n\nNOTE alleen een notitie\n", encoding="utf-8")
    with pytest.raises(InputError, match="no subtitle cues found"):
        read_transcript(p)
    p = tmp_path / "tekst.srt"
    p.write_text("Interviewer: dit is geen srt\n", encoding="utf-8")
    with pytest.raises(InputError, match="no subtitle cues found"):
        read_transcript(p)


def test_srt_cue_numbers_are_never_text_even_without_blank_lines():
    text = "1\n00:00:01,000 --> 00:00:02,000\nI: Hoi\n2\n00:00:02,000 --> 00:00:03,000\nR: Dag\n"
    cues, stray = parse_cues(text)
    assert [payload for _, _, payload in cues] == [["I: Hoi"], ["R: Dag"]] and stray == []


def test_damaged_arrow_is_read_and_text_outside_cues_is_an_error(tmp_path):
    p = tmp_path / "pijl.srt"
    p.write_text("1\n00:00:01,000 --> 00:00:02,000\nI: Hoe begon het?\n\n"
                 "2\n00:00:02,000 -> 00:00:04,000\nR: Met een melding.\n\n"
                 "3\n00:00:04,000 - 00:00:05,000\nR: Daarna snel.\n", encoding="utf-8")
    assert [t.text for t in read_transcript(p).turns] == ["Hoe begon het?", "Met een melding. Daarna snel."]
    p.write_text("1\n00:00:01,000 --> 00:00:02,000\nI: Hoe begon het?\n\n"
                 "2\n00:00:02,000 >> 00:00:04,000\nR: Met een melding.\n", encoding="utf-8")
    with pytest.raises(InputError, match="damaged timing line '00:00:02,000 >> 00:00:04,000' at line 6"):
        read_transcript(p)
    p.write_text("1\n00:00:01,000 --> 00:00:02,000\nI: Hoe begon het?\n\nR: Met een melding.\n", encoding="utf-8")
    with pytest.raises(InputError, match="outside any subtitle cue at line 5"):
        read_transcript(p)


def test_voice_without_closing_tag_and_several_voices_in_one_cue(tmp_path):
    p = tmp_path / "stemmen.vtt"
    p.write_text("WEBVTT\n\n00:01.000 --> 00:03.000\n<v Spreker 1>Waar begon het?\n\n"
                 "00:03.000 --> 00:06.000\n<v Spreker 2>Bij de school.</v> <v Spreker 1>En toen?</v>\n\n"
                 "00:06.000 --> 00:12.000\n<v Spreker 2>Toen kwam de wijkagent erbij, en die kende de familie al jaren.\n",
                 encoding="utf-8")
    doc = read_transcript(p)
    assert [(t.speaker, t.role, t.text) for t in doc.turns] == [
        ("Spreker 1", "interviewer", "Waar begon het?"),
        ("Spreker 2", "respondent", "Bij de school."),
        ("Spreker 1", "interviewer", "En toen?"),
        ("Spreker 2", "respondent", "Toen kwam de wijkagent erbij, en die kende de familie al jaren."),
    ]
    assert doc.turns[0].timestamp == "00:00:01"


def test_srt_without_any_speaker(tmp_path):
    p = tmp_path / "whisper.srt"
    p.write_text("1\n00:00:01,000 --> 00:00:02,000\nGoedemorgen.\n\n2\n00:00:02,000 --> 00:00:03,000\nDag.\n",
                 encoding="utf-8")
    with pytest.raises(InputError, match="no speaker labels found"):
        read_transcript(p)


def test_whisperx_speaker_ids(tmp_path):
    p = tmp_path / "whisperx.srt"
    p.write_text("1\n00:00:01,000 --> 00:00:02,000\n[SPEAKER_00]: Hoe gaat het met je?\n\n"
                 "2\n00:00:02,000 --> 00:00:05,000\n[SPEAKER_01]: Goed hoor, het is druk op het werk maar het gaat.\n\n"
                 "3\n00:00:05,000 --> 00:00:06,000\n[SPEAKER_00]: Waarom druk?\n\n"
                 "4\n00:00:06,000 --> 00:00:09,000\n[SPEAKER_01]: Veel casussen tegelijk.\n", encoding="utf-8")
    doc = read_transcript(p)
    assert [(t.speaker, t.role) for t in doc.turns] == [("SPEAKER_00", "interviewer"), ("SPEAKER_01", "respondent")] * 2
    assert doc.turns[1].text == "Goed hoor, het is druk op het werk maar het gaat."


def test_wrapped_subtitle_line_starting_with_a_role_noun_is_text(tmp_path):
    p = tmp_path / "wrap.vtt"
    p.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nInterviewer: Nog een laatste\nvraag: wat zou je meegeven?\n\n"
                 "00:00:03.000 --> 00:00:05.000\nRespondent: Luister goed.\n", encoding="utf-8")
    doc = read_transcript(p)
    assert [(t.speaker, t.text) for t in doc.turns] == [
        ("Interviewer", "Nog een laatste vraag: wat zou je meegeven?"), ("Respondent", "Luister goed.")]


def test_wrapped_cue_lines_are_not_speakers(tmp_path):
    # Zoom style: the name on every cue, sentences continue after it in lower case; a wrapped
    # second cue line that happens to start with "Name:" or is a lone word is text.
    cues = [("Interviewer", "Wie zaten er aan tafel?"),
            ("Respondent", "Nou, de school en de\nAmsterdam: ook de gemeente."),
            ("Respondent", "daar had ik niks aan. Dan heb je nog\nJeugdbescherming"),
            ("Respondent", "en de wijkagent. En de\nAmsterdam: ook die."),
            ("Interviewer", "En toen?"), ("Respondent", "toen ging het beter."),
            ("Interviewer", "Mooi.")]
    body = "".join(f"{n}\n00:00:{n:02d},000 --> 00:00:{n + 1:02d},000\n{who}: {text}\n\n"
                   for n, (who, text) in enumerate(cues, 1))
    p = tmp_path / "zoom.srt"
    p.write_text(body, encoding="utf-8")
    doc = read_transcript(p)
    assert [t.speaker for t in doc.turns] == ["Interviewer", "Respondent", "Interviewer", "Respondent", "Interviewer"]
    assert doc.turns[1].text == ("Nou, de school en de Amsterdam: ook de gemeente. daar had ik niks aan. Dan heb je "
                                 "nog Jeugdbescherming en de wijkagent. En de Amsterdam: ook die.")


def test_overlong_fraction_of_a_second_is_read_not_refused(tmp_path):
    # hand-edited files carry typos such as ",1000" for ",100"; the fraction is dropped anyway
    p = tmp_path / "typo.srt"
    p.write_text("1\n00:00:01,000 --> 00:00:02,000\nI: Hoe begon het?\n\n"
                 "2\n00:07:19,1000 --> 00:07:32,400\nR: Met een melding.\n", encoding="utf-8")
    turns = read_transcript(p).turns
    assert [t.text for t in turns] == ["Hoe begon het?", "Met een melding."]
    assert turns[1].timestamp == "00:07:19"
