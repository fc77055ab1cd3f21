"""Codebook loading and validation: every rule, reported as ``file:line: message``, all at once.

Each fixture in ``fixtures/codebooks/`` breaks one rule (``many_problems.yaml`` several); the
expected messages name the exact YAML line of the offending key or list item.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.codebook import (
    ID_PATTERN,
    Codebook,
    check_codebook,
    load_codebook,
    render_tree,
    validate_codebook,
)
from pipeline.coders.patterns import NearRule, Patterns
from pipeline.errors import ConfigError

FIXTURES = Path(__file__).parent / "fixtures" / "codebooks"
VALID = FIXTURES / "valid.yaml"
ID_RULE = "is not valid: use lower-case words (letters, digits, _) joined by dots, each starting with a letter"
CODE_KEYS = "id, label, parent, definition, include, exclude, examples, sources, patterns"

# fixture → the complete list of problems it must produce, in order.
EXPECTED: dict[str, list[str]] = {
    "syntax_error.yaml": [
        "syntax_error.yaml:6: not valid YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence at line 5)",
    ],
    "tabs.yaml": [
        "tabs.yaml:5: not valid YAML: found character '\\t' that cannot start any token "
        "(while scanning for the next token); YAML does not allow tabs for indentation, use spaces",
    ],
    "unknown_keys.yaml": [
        "unknown_keys.yaml:3: unknown key 'auteur' at the top level; "
        "allowed: name, version, language, description, references, codes, style_focus",
        f"unknown_keys.yaml:7: code 'stijl': unknown key 'defintion' (did you mean 'definition'?); allowed: {CODE_KEYS}",
        # The rules coder owns the pattern fields; the hint lists whatever they are now.
        f"unknown_keys.yaml:12: code 'proces': unknown key 'termen' in 'patterns'; allowed: {', '.join(Patterns.model_fields)}",
        f"unknown_keys.yaml:15: code 'proces': unknown key 'venster' in 'patterns.near[0]'; "
        f"allowed: {', '.join(NearRule.model_fields)}",
    ],
    "bad_style_focus.yaml": [
        "bad_style_focus.yaml:9: style_focus: source 'achbab2021' is not in references (did you mean 'achbab2022'?)",
        "bad_style_focus.yaml:10: style_focus: 'Moeder' in casusgericht is not a lower-case word or a word "
        "beginning ending in '*' (such as 'organisatie*')",
        "bad_style_focus.yaml:10: style_focus: 'de jongen' in casusgericht is not a lower-case word or a word "
        "beginning ending in '*' (such as 'organisatie*')",
        "bad_style_focus.yaml:11: style_focus: netwerkgericht has no words",
    ],
    "missing_fields.yaml": [
        "missing_fields.yaml:4: code 'stijl': missing required key 'label'",
        "missing_fields.yaml:6: code #2 (no id): missing required key 'id'",
    ],
    "no_version.yaml": ["no_version.yaml:1: missing required key 'version'"],
    "empty_version.yaml": [
        'empty_version.yaml:2: version is empty: give the codebook a version such as "1.0"; '
        "it goes into every run's manifest",
    ],
    "numeric_version.yaml": [
        'numeric_version.yaml:2: version must be text, not the number 1.1: write it in quotes, e.g. version: "1.1" '
        "(YAML reads 1.10 as the number 1.1)",
    ],
    "duplicate_ids.yaml": ["duplicate_ids.yaml:9: code 'stijl.casusgericht' is defined twice (first at line 6)"],
    "duplicate_keys.yaml": [
        "duplicate_keys.yaml:6: key 'label' appears twice in the same entry (first at line 5); "
        "YAML keeps only the last one",
    ],
    "missing_parent.yaml": [
        "missing_parent.yaml:8: code 'proces.visie' has parent 'proces.x', which is not defined (did you mean 'proces'?)",
        "missing_parent.yaml:11: code 'proces.plan' has parent 'proce', which is not defined (did you mean 'proces'?)",
    ],
    "cycle.yaml": [
        "cycle.yaml:6: code 'a' is its own ancestor: a → b → a",
        "cycle.yaml:12: code 'c' has itself as parent",
    ],
    "bad_ids.yaml": [
        f"bad_ids.yaml:4: code id 'Stijl' {ID_RULE}; e.g. 'stijl'",
        f"bad_ids.yaml:6: code id 'proces..visie' {ID_RULE}",
        f"bad_ids.yaml:8: code id '1e_stap' {ID_RULE}",
        f"bad_ids.yaml:10: code id 'botsende belangen' {ID_RULE}; e.g. 'botsende_belangen'",
    ],
    "prefix_mismatch.yaml": [
        "prefix_mismatch.yaml:10: code 'proces.visie' has parent 'stijl', but its id says its parent is 'proces': "
        "the id of a sub-code of 'stijl' starts with 'stijl.', e.g. 'stijl.visie'",
        "prefix_mismatch.yaml:11: code 'uitkomst.small_wins' has no parent, but its id puts it under 'uitkomst', "
        "which is not defined: add a code 'uitkomst' and set parent: uitkomst",
        "prefix_mismatch.yaml:13: code 'belemmering.bureaucratie' has no parent, but its id puts it under "
        "'belemmering', which is not defined: add a code 'belemmering' and set parent: belemmering",
    ],
    "unknown_source.yaml": [
        "unknown_source.yaml:10: code 'stijl': source 'Licht 2031' is not in references (did you mean 'Licht 2013'?)",
        "unknown_source.yaml:11: code 'stijl': source 'Bosselaar 2020' is not in references; known: 'Licht 2013'",
    ],
    "bad_patterns.yaml": [
        "bad_patterns.yaml:7: code 'stijl': patterns.terms[1] is an empty string",
        "bad_patterns.yaml:7: code 'stijl': patterns.terms[2] 'op één lijn|' has an empty alternative: "
        "'|' must stand between two words or phrases",
        "bad_patterns.yaml:7: code 'stijl': compound 'ke*ten' in patterns.terms[3] has '*' in the middle; "
        "'*' may only stand at the start or end",
        "bad_patterns.yaml:9: code 'stijl': compound 'keten' needs '*' at the start and/or end: 'keten*' "
        "(word starts with), '*keten' (ends with) or '*keten*' (contains); whole words go under patterns.terms",
        "bad_patterns.yaml:10: code 'stijl': compound 'ke*ten' has '*' in the middle; '*' may only stand at the start or end",
        "bad_patterns.yaml:11: code 'stijl': compound '*ab*' is too short: it needs at least 3 letters, "
        "otherwise it matches a great many words",
        "bad_patterns.yaml:14: code 'stijl': spaCy pattern patterns.token[0], token 2 does not compile: "
        "LEMMA.IN: Input should be a valid list",
        "bad_patterns.yaml:15: code 'stijl': spaCy pattern patterns.token[1], token 1 does not compile: "
        "OP: Input should be '+', '*', '?' or '!'",
        "bad_patterns.yaml:16: code 'stijl': spaCy pattern patterns.token[2] does not compile: "
        "invalid regular expression: missing ), unterminated subpattern at position 0",
        "bad_patterns.yaml:18: code 'stijl': compound 'a*' in patterns.near[0].words[1] is too short: "
        "it needs at least 3 letters, otherwise it matches a great many words",
    ],
    "parent_with_patterns.yaml": [
        "parent_with_patterns.yaml:6: code 'stijl' has sub-codes, so no segment is coded with it directly: "
        "its patterns are never used; move them to a sub-code",
    ],
}


@pytest.fixture
def in_fixtures(monkeypatch):
    """Run from the fixture folder, so that messages name the file as ``name.yaml``."""
    monkeypatch.chdir(FIXTURES)
    return FIXTURES


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_rule_reported_with_file_and_line(in_fixtures, name):
    assert check_codebook(name) == EXPECTED[name]


def test_every_fixture_is_covered():
    broken = {p.name for p in FIXTURES.glob("*.yaml")} - {"valid.yaml", "many_problems.yaml"}
    assert broken == set(EXPECTED)


def test_all_problems_at_once(in_fixtures):
    problems = check_codebook("many_problems.yaml")
    assert problems == [
        'many_problems.yaml:2: version is empty: give the codebook a version such as "1.0"; '
        "it goes into every run's manifest",
        f"many_problems.yaml:8: code 'proces': unknown key 'kleur'; allowed: {CODE_KEYS}",
        "many_problems.yaml:11: code 'proces.visi' has parent 'proces.x', which is not defined (did you mean 'proces'?)",
        f"many_problems.yaml:12: code id 'Proces.Plan' {ID_RULE}; e.g. 'proces.plan'",
        "many_problems.yaml:15: code 'proces' is defined twice (first at line 6)",
        "many_problems.yaml:17: code 'proces': source 'Licht 2014' is not in references (did you mean 'Licht 2013'?)",
        "many_problems.yaml:18: code 'proces' has sub-codes, so no segment is coded with it directly: "
        "its patterns are never used; move them to a sub-code",
        "many_problems.yaml:19: code 'proces': compound 'plan' needs '*' at the start and/or end: 'plan*' "
        "(word starts with), '*plan' (ends with) or '*plan*' (contains); whole words go under patterns.terms",
    ]
    lines = [int(p.split(":")[1]) for p in problems]
    assert lines == sorted(lines)


def test_load_raises_config_error_listing_every_problem(in_fixtures):
    with pytest.raises(ConfigError) as info:
        load_codebook("many_problems.yaml")
    assert str(info.value).splitlines() == check_codebook("many_problems.yaml")
    assert info.value.problems == check_codebook("many_problems.yaml")


def test_messages_name_the_path_as_given_relative_to_the_working_folder(monkeypatch, tmp_path):
    monkeypatch.chdir(FIXTURES.parent)
    assert check_codebook(Path("codebooks") / "no_version.yaml") == [
        f"{Path('codebooks') / 'no_version.yaml'}:1: missing required key 'version'"]
    monkeypatch.chdir(tmp_path)  # outside the fixtures: the full path is shown
    assert check_codebook(FIXTURES / "no_version.yaml") == [f"{FIXTURES / 'no_version.yaml'}:1: missing required key 'version'"]


@pytest.mark.parametrize("content, expected", [
    (b"", "empty.yaml:1: the file is empty; a codebook needs at least name, version and codes"),
    (b"- id: stijl\n  label: Stijl\n",
     "empty.yaml:1: a codebook must be a mapping with keys name, version, codes, …; this file holds a list"),
    (b'name: x\nversion: "1"\ncodes: []\n', "empty.yaml:3: the codebook has no codes"),
    (b'name: x\nversion: "1"\n\ncodes:\n  - id: stijl\n    label: "Caf\xe9"\n',
     "empty.yaml:6: not UTF-8 text (byte 0xe9); save the codebook as UTF-8"),
    (b'name: x\nversion: "1"\nsha256: abc\ncodes:\n  - id: stijl\n    label: Stijl\n',
     "empty.yaml:3: unknown key 'sha256' at the top level: it is computed when the codebook is loaded "
     "and cannot be set in the file"),
    (b'name: x\nversion: "1"\ncodes:\n  - id: stijl\n    label: " "\n',
     "empty.yaml:5: code 'stijl': label is empty"),
    (b'name: x\nversion: "1"\ncodes:\n  - id: stijl\n    label: Stijl\n    include: ["", ok]\n',
     "empty.yaml:6: code 'stijl': include[0] is an empty string"),
    (b'name: x\nversion: "1"\ncodes:\n  - id: stijl\n    label: Stijl\n    include: tekst\n',
     "empty.yaml:6: code 'stijl': include: Input should be a valid list (got text: 'tekst')"),
    (b'name: x\nversion: "1"\ncodes:\n  - id: stijl\n    label: Stijl\n    sources: [Licht 2013]\n',
     "empty.yaml:6: code 'stijl': source 'Licht 2013' is not in references; the codebook has no references"),
])
def test_file_level_problems(tmp_path, monkeypatch, content, expected):
    monkeypatch.chdir(tmp_path)
    Path("empty.yaml").write_bytes(content)
    assert check_codebook("empty.yaml") == [expected]


def test_unreadable_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_codebook("missing.yaml") == ["missing.yaml: cannot read codebook: No such file or directory"]


def test_schema_errors_deep_in_patterns_point_at_the_item(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("c.yaml").write_text(
        'name: x\nversion: "1"\ncodes:\n  - id: stijl\n    label: Stijl\n    patterns:\n'
        "      token:\n        - [{LOWER: a}]\n        - plan\n      near:\n        - words: [a]\n",
        encoding="utf-8")
    problems = check_codebook("c.yaml")
    assert problems[0] == "c.yaml:9: code 'stijl': patterns.token[1]: Input should be a valid list (got text: 'plan')"
    assert problems[1].startswith("c.yaml:11: code 'stijl': patterns.near[0].words: List should have at least 2 items")
    assert len(problems) == 2


def test_valid_codebook_loads_with_hash_and_version():
    book = load_codebook(VALID)
    assert check_codebook(VALID) == []
    assert book.version == "0.3"
    assert book.sha256 == hashlib.sha256(VALID.read_bytes()).hexdigest()
    assert book.path == str(VALID)
    assert book.ids == ["stijl", "stijl.casusgericht", "stijl.netwerkgericht",
                        "vertrouwen", "vertrouwen.persoon", "vertrouwen.partners"]
    assert all(ID_PATTERN.match(i) for i in book.ids)
    assert [c.id for c in book.children("stijl")] == ["stijl.casusgericht", "stijl.netwerkgericht"]
    assert [c.id for c in book.children(None)] == ["stijl", "vertrouwen"]
    assert [c.id for c in book.codable()] == ["stijl.casusgericht", "stijl.netwerkgericht",
                                              "vertrouwen.persoon", "vertrouwen.partners"]
    assert book.label("vertrouwen.persoon") == "Vertrouwen van de persoon"
    assert book.get("stijl.casusgericht").patterns.compounds == ["casus*", "*overleg"]
    with pytest.raises(KeyError):
        book.get("stijl.onbekend")


def test_references_for_gives_full_citations_in_source_order():
    book = load_codebook(VALID)
    assert book.references_for("stijl.casusgericht") == [
        "Licht, J. (2013). Regie in de praktijk. Den Haag: Voorbeelduitgever.",
        "Bosselaar, H. & Bannink, D. (2020). Regie als opgave. Tijdschrift voor Voorbeelden, 12(3), 45–67.",
    ]
    assert book.references_for(book.get("vertrouwen.partners")) == []


def test_hash_follows_the_bytes(tmp_path):
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(VALID.read_bytes() + b"# a comment changes the file, so the hash\n")
    assert load_codebook(copy).sha256 != load_codebook(VALID).sha256
    assert load_codebook(copy).ids == load_codebook(VALID).ids


def test_render_tree_indents_children_and_aligns_labels():
    lines = render_tree(load_codebook(VALID)).splitlines()
    assert lines[0] == "Testcodeboek regie (versie 0.3) — 6 codes, 4 om mee te coderen"
    assert [line.split()[0] for line in lines[1:]] == load_codebook(VALID).ids
    assert lines[1].startswith("stijl ") and lines[2].startswith("  stijl.casusgericht ")
    label_columns = {line.index(label) for line, label in zip(lines[1:], [
        "Stijl van regievoering", "Casusgerichte regie", "Netwerkgerichte regie", "Vertrouwen",
        "Vertrouwen van de persoon", "Vertrouwen tussen partners"])}
    assert len(label_columns) == 1


def test_tree_order_keeps_codes_with_unknown_parents_of_hand_built_books():
    book = Codebook(name="x", version="1", codes=[
        {"id": "b.c", "label": "C", "parent": "b"}, {"id": "a", "label": "A"}])
    assert [(d, c.id) for d, c in book.tree_order()] == [(0, "b.c"), (0, "a")]


# --- command line ---------------------------------------------------------------------------

runner = CliRunner()


def test_cli_check_ok(in_fixtures):
    result = runner.invoke(app, ["codebook", "check", "valid.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "valid.yaml: ok"


def test_cli_check_prints_every_problem_on_one_line_each(in_fixtures):
    result = runner.invoke(app, ["codebook", "check", "many_problems.yaml"])
    assert result.exit_code == 1
    printed = [line for line in result.output.splitlines() if line.strip()]
    assert printed == check_codebook("many_problems.yaml")  # no wrapping, nothing else


def test_cli_show_prints_tree(in_fixtures):
    result = runner.invoke(app, ["codebook", "show", "valid.yaml"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == render_tree(load_codebook("valid.yaml"))


def test_cli_show_refuses_invalid_codebook(in_fixtures):
    result = runner.invoke(app, ["codebook", "show", "missing_parent.yaml"])
    assert result.exit_code == 1
    assert "error: " + EXPECTED["missing_parent.yaml"][0] in result.output
    assert EXPECTED["missing_parent.yaml"][1] in result.output


def test_cli_export_writes_all_formats(tmp_path, in_fixtures):
    result = runner.invoke(app, ["codebook", "export", "--out", str(tmp_path / "exp"), "valid.yaml"])
    assert result.exit_code == 0, result.output
    names = ["codebook.qdc", "codebook.md", "codebook.docx", "codebook_quanteda.yml"]
    assert [Path(line).name for line in result.output.split()] == names
    assert all((tmp_path / "exp" / n).stat().st_size > 0 for n in names)


def test_cli_export_refuses_invalid_codebook(tmp_path, in_fixtures):
    result = runner.invoke(app, ["codebook", "export", "--out", str(tmp_path / "exp"), "cycle.yaml"])
    assert result.exit_code == 1
    assert re.search(r"cycle\.yaml:6: code 'a' is its own ancestor", result.output)
    assert not (tmp_path / "exp").exists()


def test_wrong_types_are_named_in_yaml_terms(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("odd.yaml").write_text(
        'name: x\nversion: "1"\nreferences:\n  Licht 2013:\ncodes:\n  - stijl\n  - id: a\n    label: A\n'
        "    parent: 5\n    patterns: [x]\n  - id: 7\n    label: B\ncodes2: 1\n", encoding="utf-8")
    assert check_codebook("odd.yaml") == [
        "odd.yaml:4: references.Licht 2013: Input should be a valid string (got nothing)",
        "odd.yaml:6: code #1 (no id): entry: Input should be a mapping of keys (got text: 'stijl')",
        "odd.yaml:9: code 'a': parent: Input should be a valid string (got a number: 5)",
        "odd.yaml:10: code 'a': patterns: Input should be a mapping of keys (got a list: ['x'])",
        "odd.yaml:11: code #3 (no id): id: Input should be a valid string (got a number: 7)",
        "odd.yaml:13: unknown key 'codes2' at the top level (did you mean 'codes'?); "
        "allowed: name, version, language, description, references, codes, style_focus",
    ]


def test_self_label_patterns_must_be_valid_regular_expressions(tmp_path):
    import yaml as _yaml

    from pipeline.codebook import check_codebook
    from pipeline.config import DEFAULT_CODEBOOK

    book = _yaml.safe_load(DEFAULT_CODEBOOK.read_text(encoding="utf-8"))
    book["style_focus"]["self_labels"]["netwerkgericht"].append("ik ben (netwerkgericht")
    path = tmp_path / "codebook.yaml"
    path.write_text(_yaml.safe_dump(book, allow_unicode=True, sort_keys=False), encoding="utf-8")
    problems = check_codebook(path)
    assert any("not a valid regular expression" in p and "ik ben (netwerkgericht" in p for p in problems)
