"""The offline Dutch pipeline: simplemma lemmatiser, project overrides, compounds, sentences."""
from __future__ import annotations

import simplemma
import spacy

from pipeline import nlp


def test_pipeline_is_blank_dutch_with_sentencizer_and_lemmatiser():
    pipe = nlp.get_nlp()
    assert pipe.lang == "nl"
    assert pipe.pipe_names == ["sentencizer", "regie_lemmatizer"]
    assert nlp.get_nlp() is pipe  # cached


def test_registered_factory_works_in_a_fresh_pipeline():
    pipe = spacy.blank("nl")
    pipe.add_pipe("regie_lemmatizer")
    assert [t.lemma_ for t in pipe("De ketenpartners werkten samen")] == [
        "de", "ketenpartner", "werken", "samen"]


def test_overrides_fix_what_simplemma_gets_wrong():
    # simplemma's own answers, which the override list corrects
    assert simplemma.lemmatize("keten", lang="nl") == "keet"
    assert simplemma.lemmatize("sprake", lang="nl") == "spraak"
    assert nlp.lemmatise_word("keten") == "keten"
    assert nlp.lemmatise_word("sprake") == "sprake"
    assert nlp.lemmatise_word("Jongeren") == "jongere"


def test_every_override_changes_simplemmas_answer():
    # the list stays short: an entry simplemma already gets right is dead weight
    for word, lemma in nlp.load_overrides().items():
        assert simplemma.lemmatize(word, lang="nl") != lemma, word


def test_separable_verbs_lose_simplemmas_underscore():
    assert simplemma.lemmatize("samenwerken", lang="nl") == "samen_werken"
    assert nlp.lemmatise_word("samenwerken") == "samenwerken"
    assert nlp.lemmatise_word("opgebouwd") == "opbouwen"


def test_unknown_compound_is_lemmatised_on_its_known_tail():
    assert not simplemma.is_known("uitvoerdersoverleggen", lang="nl")
    assert nlp.lemmatise_word("netwerkpartners") == "netwerkpartner"
    assert nlp.lemmatise_word("hulpverleningstrajecten") == "hulpverleningstraject"
    lem = nlp.lemmatizer()
    assert lem.source("hulpverleningstrajecten") == "compound"
    assert lem.source("keten") == "override"


def test_hyphenated_word_stays_one_token_and_lemmatises_its_last_part():
    doc = nlp.get_nlp()("De informatie-uitwisselingen liepen stroef.")
    assert [t.text for t in doc][:2] == ["De", "informatie-uitwisselingen"]
    assert doc[1].lemma_ == "informatie-uitwisseling"


def test_codebook_terms_and_text_share_one_function():
    assert nlp.lemmatise_phrase("Ketenpartners zaten op één lijn") == [
        "ketenpartner", "zitten", "op", "één", "lijn"]


def test_stop_words_are_kept():
    lemmas = nlp.lemmatise_phrase("Er was geen vertrouwen, niet bij hem en wel bij haar.")
    for word in ("geen", "niet", "wel"):
        assert word in lemmas


def test_sentences_are_split():
    doc = nlp.get_nlp()("Ik bel hem. Hij neemt niet op! Wat nu?")
    assert [s.text for s in doc.sents] == ["Ik bel hem.", "Hij neemt niet op!", "Wat nu?"]


def test_missing_trained_model_falls_back_to_blank_with_a_warning(recwarn):
    pipe = nlp.get_nlp("nl_model_that_is_not_installed")
    assert pipe.pipe_names == ["sentencizer", "regie_lemmatizer"]
    assert any("not installed" in str(w.message) for w in recwarn)


def test_coverage_reports_shares_that_add_up():
    text = "De regisseur belde de ketenpartners over het uitvoerdersoverleg en de samenwerking."
    cov = nlp.coverage([text])
    assert cov["tokens"] == 11
    assert abs(cov["resolved"] - (cov["known"] + cov["overridden"] + cov["compound"])) < 1e-9
    assert 0.8 <= cov["resolved"] <= 1.0
