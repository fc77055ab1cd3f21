"""The learned turn-orientation model (pipeline.orientation) and its use for the regie style."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import simplemma
from typer.testing import CliRunner

from pipeline import analyse, orientation
from pipeline.cli import app
from pipeline.config import StudyConfig, StyleThresholds
from pipeline.errors import ConfigError, InputError
from pipeline.orientation import ORIENTATIONS, TurnOrientationModel

ROOT = Path(__file__).resolve().parents[1]
STYLESETS = sorted(p.parent for p in (ROOT / "data").glob("styleset_*/orientation.csv"))
runner = CliRunner()

# Six small "documents": the person-side turns speak of the client and her family, the network-side
# turns of partners and agreements, the neither turns of the weather and the train.
CASUS = ["ik ga bij de moeder thuis langs en praat met de jongen over school",
         "de jongen vertrouwt mij en zijn moeder belt mij als het misgaat",
         "ik zoek de jongen op en kijk wat hij nodig heeft voor zijn gezin"]
NETWERK = ["met de partners maken we afspraken over de overleggen en de samenwerking",
           "de organisaties in het netwerk moeten de afspraken nakomen, dat bespreek ik met de managers",
           "ik investeer in de samenwerking tussen politie en gemeente en hun afspraken"]
NEITHER = ["het regende die dag en de trein was laat",
           "ja, dat weet ik eigenlijk niet zo goed meer, de trein",
           "het was een drukke week met veel regen"]


def toy_turns() -> pd.DataFrame:
    rows = []
    for doc in range(6):
        for texts, o in ((CASUS, "casus"), (NETWERK, "netwerk"), (NEITHER, "neither")):
            rows.append((f"d{doc}", texts[doc % 3], o))
    rows.append(("d0", "Kees Kees Kees en zijn moeder", "casus"))  # a name in one document only
    return pd.DataFrame(rows, columns=["doc_id", "text", "orientation"])


@pytest.fixture(scope="module", params=sorted(orientation.TURN_MODEL_METHODS))
def toy_model(request) -> TurnOrientationModel:
    return TurnOrientationModel(method=request.param).fit(toy_turns())


def test_turn_lemmas_drop_pseudonyms_and_numbers():
    lemmas = orientation.turn_lemmas("Op 12 maart belde [PERSOON-3] met [INSTELLING-1] over de afspraken.")
    assert "persoon" not in lemmas and "instelling" not in lemmas
    assert "12" not in lemmas and "afspraak" in lemmas and "bellen" in lemmas


def test_fit_learns_which_way_a_new_turn_leans(toy_model):
    proba = toy_model.predict_proba(["ik praat met de moeder en de jongen",
                                     "afspraken tussen de partners en organisaties",
                                     "de trein en de regen"])
    assert proba.shape == (3, len(ORIENTATIONS))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert [ORIENTATIONS[i] for i in proba.argmax(axis=1)] == ["casus", "netwerk", "neither"]


def test_predict_needs_the_minimum_probability(toy_model):
    text = ["de moeder en de afspraken"]  # one word each way: the model is unsure
    proba = toy_model.predict_proba(text)[0]
    best = proba.max()
    assert best < 0.99 and ORIENTATIONS[proba.argmax()] != "neither"
    assert toy_model.predict(text, min_probability=best + 0.005) == ["neither"]
    assert toy_model.predict(text, min_probability=best - 0.005) == [ORIENTATIONS[proba.argmax()]]


def test_a_word_from_one_document_only_is_not_learned(toy_model):
    assert "kees" not in toy_model.vocabulary_
    assert "moeder" in toy_model.vocabulary_
    i = toy_model.vocabulary_.index("afspraak")
    assert toy_model.counts_[i, ORIENTATIONS.index("netwerk")] >= 6
    assert toy_model.counts_[i, ORIENTATIONS.index("casus")] == 0
    assert toy_model.turns_.tolist() == [7, 6, 6]


def test_more_evidence_makes_the_model_surer(toy_model):
    one, three = toy_model.predict_proba(["de partners", "de partners, de afspraken en het overleg"])
    assert three[ORIENTATIONS.index("netwerk")] > one[ORIENTATIONS.index("netwerk")]


@pytest.mark.parametrize("frame, message", [
    (pd.DataFrame({"doc_id": ["a"], "text": ["x"]}), "missing orientation"),
    (pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "orientation": ["casus", "persoon"]}),
     "unknown orientation"),
    (pd.DataFrame({"doc_id": ["a", "b"], "text": ["x", "y"], "orientation": ["casus", "casus"]}),
     "at least two orientations"),
])
def test_fit_rejects_bad_training_data(frame, message):
    with pytest.raises(ValueError, match=message):
        TurnOrientationModel().fit(frame)


def test_unfitted_model_says_so():
    with pytest.raises(RuntimeError, match="not fitted"):
        TurnOrientationModel().predict(["tekst"])


def test_save_and_load_give_the_same_model_byte_for_byte(toy_model, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    toy_model.save(first)
    loaded = TurnOrientationModel.load(first)
    loaded.save(second)
    assert first.read_bytes() == second.read_bytes()
    texts = CASUS + NETWERK
    np.testing.assert_allclose(loaded.predict_proba(texts), toy_model.predict_proba(texts))
    assert json.loads(first.read_text(encoding="utf-8"))["format"] == orientation.MODEL_FORMAT


def test_a_model_saved_as_gz_is_compressed_byte_stable_and_loads_the_same(toy_model, tmp_path):
    plain, packed, again = tmp_path / "m.json", tmp_path / "m.json.gz", tmp_path / "again.json.gz"
    toy_model.save(plain)
    toy_model.save(packed)
    assert packed.read_bytes()[:2] == b"\x1f\x8b"
    assert gzip.decompress(packed.read_bytes()) == plain.read_bytes()
    TurnOrientationModel.load(packed).save(again)  # no time stamp in the header: same bytes
    assert again.read_bytes() == packed.read_bytes()
    texts = CASUS + NETWERK
    np.testing.assert_allclose(TurnOrientationModel.load(packed).predict_proba(texts),
                               TurnOrientationModel.load(plain).predict_proba(texts))


def test_a_gzip_model_is_recognised_by_its_content_not_its_name(toy_model, tmp_path):
    packed, renamed = tmp_path / "m.json.gz", tmp_path / "model.json"
    toy_model.save(packed)
    renamed.write_bytes(packed.read_bytes())
    assert TurnOrientationModel.load(renamed).vocabulary_ == toy_model.vocabulary_


def test_load_names_a_damaged_gzip_model(toy_model, tmp_path):
    packed = tmp_path / "m.json.gz"
    toy_model.save(packed)
    packed.write_bytes(packed.read_bytes()[:40])  # cut off, as by an interrupted copy
    with pytest.raises(InputError, match=r"m\.json\.gz: not a turn-orientation model \(damaged gzip file"):
        TurnOrientationModel.load(packed)


def test_the_shipped_model_is_stored_compressed():
    assert orientation.DEFAULT_TURN_MODEL.name.endswith(".json.gz")
    assert orientation.DEFAULT_TURN_MODEL.read_bytes()[:2] == b"\x1f\x8b"


@pytest.mark.parametrize("content, message", [
    ("{not json", "not JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"format": "something/2"}', "expected 'regie-turn-orientation/3'"),
    ('{"format": "regie-turn-orientation/3", "orientations": ["casus", "netwerk", "neither"], "alpha": 1,'
     ' "method": "logistic", "min_documents": 3, "ngrams": 0, "turns": [1, 1, 0], "lemmas": {}}',
     "ngrams is 0, expected a whole number"),
    ('{"format": "regie-turn-orientation/3", "orientations": ["casus", "netwerk", "neither"], "alpha": 1,'
     ' "method": "logistic", "min_documents": 3, "turns": [1, 1, 0], "lemmas": {}}', "'ngrams'"),
    ('{"format": "regie-turn-orientation/2", "orientations": ["casus", "netwerk", "neither"], "alpha": 1,'
     ' "method": "forest", "min_documents": 3, "turns": [1, 1, 0], "lemmas": {}}', "method is 'forest'"),
    ('{"format": "regie-turn-orientation/2", "orientations": ["casus", "netwerk", "neither"], "alpha": 1,'
     ' "method": "logistic", "min_documents": 3, "turns": [1, 1, 0], "lemmas": {"a": [1, 0, 0]},'
     ' "bias": [0, 0, 0], "weights": {"b": [1, 0, 0]}}', "'weights' and 'lemmas' name different lemmas"),
    ('{"format": "regie-turn-orientation/2", "orientations": ["casus", "netwerk", "neither"], "alpha": 1,'
     ' "method": "logistic", "min_documents": 3, "turns": [1, 1, 0], "lemmas": {"a": [1, 0, 0]},'
     ' "bias": [0, 0], "weights": {"a": [1, 0, 0]}}', "'bias' must hold three numbers"),
    ('{"format": "regie-turn-orientation/1", "orientations": ["casus", "netwerk", "neither"], "alpha": 1,'
     ' "min_documents": 3, "turns": [1, 0, 0], "lemmas": {}}', "at least two of them positive"),
])
def test_load_names_the_file_when_it_is_not_a_model(tmp_path, content, message):
    path = tmp_path / "model.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        TurnOrientationModel.load(path)
    assert "model.json" in str(info.value)


def test_a_naive_bayes_model_of_the_first_format_still_loads(tmp_path):
    # sessions 4–7 shipped format /1: counts only, no method (naive Bayes)
    nb = TurnOrientationModel(method="naive_bayes", ngrams=1).fit(toy_turns())
    data = nb.to_dict()
    del data["method"], data["C"], data["ngrams"]
    data["format"] = "regie-turn-orientation/1"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    old = TurnOrientationModel.load(path)
    assert old.method == "naive_bayes"
    texts = CASUS + NETWERK + NEITHER
    np.testing.assert_allclose(old.predict_proba(texts), nb.predict_proba(texts))


def test_a_lemma_only_model_of_the_second_format_still_loads_and_reads_single_lemmas(tmp_path):
    # sessions 8–9 shipped format /2: logistic weights over single lemmas, no "ngrams"
    single = TurnOrientationModel(ngrams=1).fit(toy_turns())
    data = single.to_dict()
    del data["ngrams"]
    data["format"] = "regie-turn-orientation/2"
    path = tmp_path / "session9.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    old = TurnOrientationModel.load(path)
    assert old.ngrams == 1 and not any(" " in term for term in old.vocabulary_)
    texts = CASUS + NETWERK + NEITHER
    np.testing.assert_allclose(old.predict_proba(texts), single.predict_proba(texts))


def test_turn_terms_add_pairs_of_adjacent_lemmas():
    lemmas = ["ik", "bellen", "zijn", "moeder"]
    assert orientation.turn_terms(lemmas, ngrams=1) == sorted(lemmas)
    pairs = set(orientation.turn_terms(lemmas)) - set(lemmas)
    assert pairs == {"ik bellen", "bellen zijn", "zijn moeder"}
    assert "ik bellen zijn" in orientation.turn_terms(lemmas, ngrams=3)


def test_a_pair_is_learned_when_it_tells_more_than_its_words():
    # "zijn" and "moeder" each occur more often on the network side; only together ("zijn
    # moeder") do they mean the client
    # (the filler words occur in one document each, so no model learns them)
    rows = []
    for doc, (one, other) in enumerate(zip(["aap", "noot", "mies", "wim", "zus", "jet"],
                                           ["teun", "vuur", "gijs", "lam", "kees", "bok"])):
        rows += [(f"d{doc}", "zijn moeder", "casus"),
                 (f"d{doc}", f"moeder {one} zijn", "netwerk"),
                 (f"d{doc}", f"moeder {other} zijn", "netwerk"),
                 (f"d{doc}", "het regent vandaag", "neither")]
    turns = pd.DataFrame(rows, columns=["doc_id", "text", "orientation"])
    pairs, single = TurnOrientationModel().fit(turns), TurnOrientationModel(ngrams=1).fit(turns)
    assert "zijn moeder" in pairs.vocabulary_ and "zijn moeder" not in single.vocabulary_
    text = ["zijn moeder"]
    assert ORIENTATIONS[pairs.predict_proba(text)[0].argmax()] == "casus"
    assert ORIENTATIONS[single.predict_proba(text)[0].argmax()] == "netwerk"


def test_the_two_methods_store_what_they_need():
    logistic = TurnOrientationModel().fit(toy_turns()).to_dict()
    nb = TurnOrientationModel(method="naive_bayes").fit(toy_turns()).to_dict()
    assert logistic["method"] == "logistic" and sorted(logistic["weights"]) == sorted(logistic["lemmas"])
    assert len(logistic["bias"]) == 3
    # naive Bayes weights follow from the counts, so its file holds none
    assert "weights" not in nb and "bias" not in nb and nb["lemmas"] == logistic["lemmas"]


def test_a_stronger_penalty_shrinks_the_logistic_weights():
    loose = TurnOrientationModel(C=10.0).fit(toy_turns())
    tight = TurnOrientationModel(C=0.1).fit(toy_turns())
    assert np.abs(tight.weights_).sum() < np.abs(loose.weights_).sum()


@pytest.mark.parametrize("kwargs, message", [
    ({"method": "forest"}, "unknown method 'forest'"),
    ({"C": 0.0}, "alpha and C must be > 0"),
    ({"alpha": -1.0}, "alpha and C must be > 0"),
    ({"ngrams": 0}, "ngrams must be a whole number"),
    ({"ngrams": 1.5}, "ngrams must be a whole number"),
])
def test_fit_rejects_bad_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TurnOrientationModel(**kwargs).fit(toy_turns())


def test_load_of_a_missing_file_names_it(tmp_path):
    with pytest.raises(InputError, match="gone.json: turn-orientation model not found"):
        TurnOrientationModel.load(tmp_path / "gone.json")


# -- orientation.csv ----------------------------------------------------------------------------
@pytest.mark.parametrize("content, message", [
    ("doc_id,turn\nx,2\n", "orientation.csv, line 1: missing column(s) turn_index, orientation"),
    ("doc_id,turn_index,orientation\nx,2,casus\nx,two,netwerk\n", "line 3: turn_index 'two' is not a turn number"),
    ("doc_id,turn_index,orientation\nx,2,casus\nx,4,persoon\n", "line 3: orientation 'persoon' is not one of"),
    ("doc_id,turn_index,orientation\nx,2,casus\nx,2,netwerk\n", "line 3: turn 2 of x is marked twice (also on line 2)"),
])
def test_orientation_marks_errors_name_file_and_line(tmp_path, content, message):
    path = tmp_path / "orientation.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        orientation.read_orientation_marks(path)
    assert message in str(info.value)


def test_orientation_marks_tolerate_spaces_case_and_crlf(tmp_path):
    path = tmp_path / "orientation.csv"
    path.write_bytes(b"doc_id,turn_index,orientation\r\nx, 2 ,Casus\r\nx,4,netwerk \r\n")
    marks = orientation.read_orientation_marks(path)
    assert marks[["doc_id", "turn_index", "orientation"]].values.tolist() == [["x", 2, "casus"], ["x", 4, "netwerk"]]


def _labelled_set(tmp_path: Path, marks: str) -> Path:
    (tmp_path / "transcripts").mkdir()
    (tmp_path / "transcripts" / "t1.txt").write_text(
        "Interviewer: Hoe werkt u?\nRespondent: Ik ga bij de moeder langs en praat met de jongen.\n"
        "Interviewer: En de partners?\nRespondent: Met de partners maken we afspraken in het overleg.\n",
        encoding="utf-8")
    (tmp_path / "orientation.csv").write_text("doc_id,turn_index,orientation\n" + marks, encoding="utf-8")
    return tmp_path


def test_labelled_turns_join_marks_and_count_the_rest_as_neither(tmp_path):
    turns = orientation.labelled_turns(_labelled_set(tmp_path, "t1,4,netwerk\n"))
    assert turns[["doc_id", "turn_index", "orientation"]].values.tolist() == [["t1", 2, "neither"],
                                                                              ["t1", 4, "netwerk"]]
    assert set(turns["source"]) == {tmp_path.name}


@pytest.mark.parametrize("marks, message", [
    ("t1,3,casus\n", "line 2: turn 3 of t1 is not a respondent turn"),
    ("t9,2,casus\n", "line 2: document 't9' is not among the transcripts read"),
])
def test_labelled_turns_reject_marks_that_point_nowhere(tmp_path, marks, message):
    with pytest.raises(InputError) as info:
        orientation.labelled_turns(_labelled_set(tmp_path, marks))
    assert "orientation.csv" in str(info.value) and message in str(info.value)


# -- the shipped model ----------------------------------------------------------------------------
def test_the_shipped_model_is_rebuilt_from_the_style_sets(tmp_path):
    rebuilt = tmp_path / "model.json"
    orientation.train(STYLESETS).save(rebuilt)
    new = json.loads(rebuilt.read_text(encoding="utf-8"))
    shipped = json.loads(orientation.read_model_text(orientation.DEFAULT_TURN_MODEL))
    # everything counted is exact; the fitted weights are exact on the machine that fitted them
    # and may differ in their last decimals on another (floating point of the optimiser)
    weights_new, weights_shipped = new.pop("weights"), shipped.pop("weights")
    bias_new, bias_shipped = new.pop("bias"), shipped.pop("bias")
    assert new == shipped
    assert list(weights_new) == list(weights_shipped)
    np.testing.assert_allclose(np.array(list(weights_new.values())), np.array(list(weights_shipped.values())),
                               atol=1e-4)
    np.testing.assert_allclose(bias_new, bias_shipped, atol=1e-4)


def test_the_shipped_model_holds_no_name_from_the_style_sets():
    vocabulary = set(json.loads(orientation.read_model_text(orientation.DEFAULT_TURN_MODEL))["lemmas"])
    names = set()
    for folder in STYLESETS:
        ids = pd.read_csv(folder / "identifiers.csv", dtype=str, keep_default_na=False)
        for value in ids.loc[ids["type"] == "PERSOON", "identifier"]:
            names |= {w.lower() for w in value.replace(".", " ").split() if len(w) > 2 and w[0].isupper()}
    # surnames that are ordinary words too (De Groot, Bakker, Van Sterk) may be learned as words
    names = {n for n in names if not simplemma.is_known(n, lang="nl")}
    assert len(names) > 100, "the style sets list person names"
    # ... and so may a name that the sets' speakers also use as a word, in lower case: dialect "mien"
    # ("mien va had koeien", a name in two other sets), "auntie" (of "Auntie J", also "auntie Comfort")
    lower_case = set()
    for folder in STYLESETS:
        for source in (folder / "src").glob("*"):
            if source.suffix != ".py" and source.is_file():
                lower_case |= set(re.findall(r"(?<![\w\[|])[a-zà-ÿ]{3,}(?![\w|\]])", source.read_text(encoding="utf-8")))
    assert {"mien", "auntie"} <= lower_case and "kevin" not in lower_case
    assert sorted(names & vocabulary - lower_case) == []


def test_the_shipped_model_reads_marked_turns_of_every_set_mostly_right():
    model = TurnOrientationModel.load()
    turns = pd.concat([orientation.labelled_turns(d) for d in STYLESETS[:2]], ignore_index=True)
    marked = turns[turns["orientation"] != "neither"]
    proba = model.predict_proba(marked["text"])
    called = np.where(proba[:, 0] > proba[:, 1], "casus", "netwerk")
    # in-sample: the point is that loading and reading work, not generalisation (bench/ measures that).
    # With twenty sets in the model, sets a and b read 0.90 (majority class 0.65), all sets 0.92.
    assert (called == marked["orientation"].to_numpy()).mean() > 0.85


# -- use for the regie style --------------------------------------------------------------------
def test_turn_leanings_with_a_model_count_what_it_reads(toy_model):
    talk = pd.DataFrame({"respondent_id": ["r1"] * 3, "doc_id": ["d"] * 3, "turn_index": [2, 4, 6],
                         "text": [CASUS[0], NETWERK[0], NEITHER[0]]})
    from pipeline.codebook import load_codebook
    from pipeline.config import DEFAULT_CODEBOOK

    focus = load_codebook(DEFAULT_CODEBOOK).style_focus
    learned = analyse.turn_leanings(talk, focus, model=toy_model, min_probability=0.5)
    counts = learned.loc["r1"].to_dict()
    assert {k: counts[k] for k in ("casus_turns", "netwerk_turns", "answers")} == \
        {"casus_turns": 1, "netwerk_turns": 1, "answers": 3}
    proba = toy_model.predict_proba(talk["text"])
    assert counts["expected_leaning"] == pytest.approx(float(proba[:, :2].sum()))  # all three are answers
    nobody_sure = analyse.turn_leanings(talk, focus, model=toy_model, min_probability=1.0)
    assert nobody_sure.loc["r1", "casus_turns"] + nobody_sure.loc["r1", "netwerk_turns"] == 0


def test_thresholds_pick_the_model(tmp_path, toy_model):
    assert analyse.turn_model_for(StyleThresholds(turn_leaning="focus_words")) is None
    shipped = analyse.turn_model_for(StyleThresholds())
    assert len(shipped.vocabulary_) > 1000
    own = tmp_path / "own.json"
    toy_model.save(own)
    assert analyse.turn_model_for(StyleThresholds(turn_model=own)).vocabulary_ == toy_model.vocabulary_


def test_study_config_resolves_the_turn_model_next_to_the_config(tmp_path):
    config_file = tmp_path / "study.yaml"
    config_file.write_text("styles:\n  turn_model: models/own.json\n  turn_probability: 0.8\n", encoding="utf-8")
    config = StudyConfig.from_yaml(config_file)
    assert config.styles.turn_model == tmp_path / "models" / "own.json"
    assert config.styles.turn_probability == 0.8


def test_study_config_rejects_an_unknown_turn_leaning(tmp_path):
    config_file = tmp_path / "study.yaml"
    config_file.write_text("styles:\n  turn_leaning: guess\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="turn_leaning"):
        StudyConfig.from_yaml(config_file)


# -- CLI ------------------------------------------------------------------------------------------
def test_cli_styles_train_writes_a_model_that_loads(tmp_path):
    out = tmp_path / "sub" / "model.json"
    result = runner.invoke(app, ["styles", "train", str(STYLESETS[0]), str(STYLESETS[1]), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "2 set(s)" in result.output and "lemmas" in result.output
    model = TurnOrientationModel.load(out)
    assert [s["name"] for s in model.sources_] == [STYLESETS[0].name, STYLESETS[1].name]


def test_cli_styles_train_options_change_the_model(tmp_path):
    loose, strict = tmp_path / "loose.json", tmp_path / "strict.json"
    for path, docs, alpha in ((loose, "2", "0.5"), (strict, "5", "2")):
        result = runner.invoke(app, ["styles", "train", str(STYLESETS[0]), "--out", str(path),
                                     "--min-documents", docs, "--alpha", alpha])
        assert result.exit_code == 0, result.output
    a, b = TurnOrientationModel.load(loose), TurnOrientationModel.load(strict)
    assert (a.alpha, a.min_documents, b.alpha, b.min_documents) == (0.5, 2, 2.0, 5)
    assert len(a.vocabulary_) > len(b.vocabulary_)


def test_cli_styles_train_method_and_penalty(tmp_path):
    nb, tight, loose = tmp_path / "nb.json", tmp_path / "tight.json", tmp_path / "loose.json"
    for path, extra in ((nb, ["--method", "naive_bayes"]), (tight, ["--C", "0.1"]), (loose, ["--C", "10"])):
        result = runner.invoke(app, ["styles", "train", str(STYLESETS[0]), "--out", str(path), *extra])
        assert result.exit_code == 0, result.output
    assert "naive_bayes over" in runner.invoke(
        app, ["styles", "train", str(STYLESETS[0]), "--out", str(nb), "--method", "naive_bayes"]).output
    models = [TurnOrientationModel.load(p) for p in (nb, tight, loose)]
    assert [m.method for m in models] == ["naive_bayes", "logistic", "logistic"]
    assert (models[1].C, models[2].C) == (0.1, 10.0)
    assert np.abs(models[1].weights_).sum() < np.abs(models[2].weights_).sum()


def test_cli_styles_train_names_a_set_without_marks(tmp_path):
    (tmp_path / "transcripts").mkdir()
    result = runner.invoke(app, ["styles", "train", str(tmp_path), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 1
    assert "orientation.csv: orientation file not found" in result.output
    assert not (tmp_path / "m.json").exists()


def test_cli_styles_train_rejects_bad_options(tmp_path):
    result = runner.invoke(app, ["styles", "train", str(STYLESETS[0]), "--out", str(tmp_path / "m.json"),
                                 "--alpha", "0"])
    assert result.exit_code == 1 and "--alpha and --C must be > 0" in result.output
    result = runner.invoke(app, ["styles", "train", str(STYLESETS[0]), "--out", str(tmp_path / "m.json"),
                                 "--method", "forest"])
    assert result.exit_code == 1 and "--method 'forest' is not known" in result.output
    result = runner.invoke(app, ["styles", "train", str(STYLESETS[0]), "--out", str(tmp_path / "m.json"),
                                 "--ngrams", "0"])
    assert result.exit_code == 1 and "--ngrams at least 1" in result.output
    assert not (tmp_path / "m.json").exists()


def test_cli_styles_train_ngrams(tmp_path):
    single, pairs = tmp_path / "single.json", tmp_path / "pairs.json"
    outputs = {}
    for path, n in ((single, "1"), (pairs, "2")):
        result = runner.invoke(app, ["styles", "train", str(STYLESETS[0]), "--out", str(path), "--ngrams", n])
        assert result.exit_code == 0, result.output
        outputs[n] = result.output
    assert "(lemmas)" in outputs["1"] and "runs of up to 2" in outputs["2"]
    a, b = TurnOrientationModel.load(single), TurnOrientationModel.load(pairs)
    assert (a.ngrams, b.ngrams) == (1, 2)
    assert not any(" " in t for t in a.vocabulary_) and any(" " in t for t in b.vocabulary_)
    assert set(a.vocabulary_) < set(b.vocabulary_)


# -- in a run -------------------------------------------------------------------------------------
def test_the_manifest_names_the_shipped_model_and_its_hash(sample_out):
    manifest = json.loads((sample_out / "manifest.json").read_text(encoding="utf-8"))
    import hashlib

    assert manifest["turn_model"] == {
        "path": "(shipped) pipeline/resources/turn_orientation.json.gz",
        "sha256": hashlib.sha256(orientation.DEFAULT_TURN_MODEL.read_bytes()).hexdigest()}
    assert manifest["settings"]["styles"]["turn_leaning"] == "learned"


def test_a_run_with_a_missing_turn_model_stops_before_reading_anything(tmp_path, sample_config):
    from pipeline.run import run_study

    styles = sample_config.styles.model_copy(update={"turn_model": tmp_path / "nope.json"})
    config = sample_config.model_copy(update={"styles": styles, "out": tmp_path / "out"})
    with pytest.raises(InputError, match="nope.json: turn-orientation model not found"):
        run_study(config)
    assert not (tmp_path / "out").exists()
