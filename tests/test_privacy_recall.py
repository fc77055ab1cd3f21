"""Recall of the pseudonymiser on interviews written for this test, and on the sample study's outputs.

``tests/fixtures/privacy/fresh/`` holds five short interviews (f01–f03 written before the detectors
for their kinds of identifiers existed, b01–b02 afterwards without looking at the detectors) and
``identifiers.csv`` with every identifying detail in them (``doc_id, identifier, type``).
``tests/fixtures/privacy/sample_identifiers.csv`` lists the identifiers of ``data/sample``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from pipeline.config import StudyConfig
from pipeline.model import Document, Turn
from pipeline.privacy import Pseudonymiser

FIXTURES = Path(__file__).parent / "fixtures" / "privacy"
FRESH = FIXTURES / "fresh"
SAMPLE_IDENTIFIERS = FIXTURES / "sample_identifiers.csv"


def occurs(text: str, phrase: str) -> bool:
    words = [re.escape(w) for w in phrase.split()]
    return re.search(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", text, re.IGNORECASE) is not None


def document_text(doc: Document) -> str:
    return "\n".join(list(doc.header) + [f"{t.speaker}: {t.text}" for t in doc.turns])


@pytest.fixture(scope="module")
def fresh():
    from pipeline import ingest

    documents, _, skipped = ingest.read_study(StudyConfig(transcripts=FRESH))
    assert not skipped and len(documents) == 5
    p = Pseudonymiser().fit(documents)
    return p, documents, p.transform(documents)


def test_fresh_interviews_lose_at_least_98_percent_of_identifiers(fresh):
    _, _, out = fresh
    texts = {d.doc_id: document_text(d) for d in out}
    identifiers = pd.read_csv(FRESH / "identifiers.csv", dtype=str, keep_default_na=False)
    assert len(identifiers) >= 60 and identifiers["type"].nunique() >= 10
    left = [(r.doc_id, r.identifier) for r in identifiers.itertuples() if occurs(texts[r.doc_id], r.identifier)]
    recall = 1 - len(left) / len(identifiers)
    assert recall >= 0.98, f"recall {recall:.3f}; still in the text: {left}"


def test_fresh_interviews_keep_organisations_and_ordinary_words(fresh):
    _, documents, out = fresh
    before = "\n".join(document_text(d) for d in documents)
    after = "\n".join(document_text(d) for d in out)
    for phrase in ("Top400", "Top600", "Streetcornerwork", "Jeugdbescherming", "Reclassering", "Veilig Thuis",
                   "Zorg- en Veiligheidshuis", "het OM", "WhatsApp", "Instagram", "wijkagent", "gezinsvoogd",
                   "Provinciale Staten", "sinds het najaar", "eerste kerstdag", "MDA++", "de NS"):
        assert occurs(before, phrase) and occurs(after, phrase), phrase
    assert occurs(before, "Marieke en ik") and not occurs(after, "Marieke en ik")


def test_fresh_interviews_pseudonyms_are_consistent(fresh):
    p, _, out = fresh
    key = p.key_table()
    # "Kwame Boateng" and later "Kwame" are one person; "Mohammed El Amrani" is "Mo" only by context.
    kwame = set(key.loc[key.original.isin(["Kwame Boateng", "Kwame"]), "pseudonym"])
    assert len(kwame) == 1
    f03 = next(d for d in out if d.doc_id == "f03").text
    assert f03.count(next(iter(kwame))) >= 5


def _fit(texts: list[str]) -> str:
    docs = [Document(f"d{i}", f"d{i}.txt", "txt", header=[], turns=[Turn("Respondent", t)])
            for i, t in enumerate(texts)]
    p = Pseudonymiser().fit(docs)
    return "\n".join(d.turns[0].text for d in p.transform(docs))


def test_ordinary_word_as_place_depends_on_the_study():
    # "in de Zwaluwen" is a place (a neighbourhood), unless the study also uses "zwaluwen" as a word.
    assert "Zwaluwen" not in _fit(["Hij woont in de Zwaluwen, al jaren."])
    assert "Zwaluwen" in _fit(["Hij woont in de Zwaluwen, al jaren.", "De zwaluwen vlogen laag."])


def test_unknown_word_at_sentence_start_depends_on_the_study():
    assert "Zulema" not in _fit(["Zulema belde me gisteren op.", "Ik sprak haar later."])
    # Written in lower case elsewhere, it is a word (an interjection), not a name.
    assert "Tjonge" in _fit(["Tjonge. Dat was een hele klus.", "Nou tjonge, wat een dag."])


def test_sample_study_keeps_its_turns_analysable():
    from pipeline import ingest

    documents, _, _ = ingest.read_study(StudyConfig.sample())
    p = Pseudonymiser().fit(documents)
    retention = p.word_retention()
    share = retention.n_kept / retention.n_words.clip(lower=1)
    assert (share >= 0.8).mean() >= 0.95
    assert (retention.n_identifiers == 0).mean() >= 0.6


def test_no_sample_identifier_in_any_output_file(sample_out):
    from pipeline.privacy import check_leaks

    identifiers = pd.read_csv(SAMPLE_IDENTIFIERS, dtype=str, keep_default_na=False)
    # The identifier as its own "pseudonym", so that the report says which one leaked.
    frame = pd.DataFrame({"identifier": identifiers["identifier"], "pseudonym": identifiers["identifier"],
                          "type": identifiers["type"]})
    leaks = check_leaks(sample_out, frame, min_length=2)
    assert leaks == []
