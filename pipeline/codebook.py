"""The literature-derived codebook: loading and validation.

A codebook is a YAML file with ``name``, ``version``, ``language``, ``references`` (key → full
citation) and ``codes`` (a list of entries with ``id``, ``label``, ``parent``, ``definition``,
``include``, ``exclude``, ``examples``, ``sources``, ``patterns``). See ``codebook/README.md``.

Validation reports every problem at once, each as ``file:line: message`` with the line of the
offending key or list item, so that a researcher can fix a codebook in one pass. The YAML is
composed into a node tree (which keeps line numbers) and constructed from that same tree, so the
data that is validated and the lines that are reported cannot drift apart.
"""
from __future__ import annotations

import difflib
import functools
import hashlib
import re
import typing
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .coders.patterns import Patterns
from .errors import ConfigError

#: Dotted, lower-case ids: ``stijl``, ``proces.visie``, ``belemmering.botsende_belangen``.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")

#: Fields that :func:`load_codebook` fills in; a YAML file may not set them.
_DERIVED_FIELDS = ("path", "sha256")

#: Minimum number of letters in a compound key: shorter ones match almost any Dutch word.
MIN_COMPOUND_LETTERS = 3

#: Pattern fields written in the phrase syntax of :mod:`pipeline.coders.patterns`.
PHRASE_FIELDS = ("terms", "weak", "context", "exclude")


class Code(BaseModel):
    """One codebook entry."""

    model_config = ConfigDict(extra="forbid")
    id: str
    label: str
    parent: str | None = None
    definition: str = ""
    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    patterns: Patterns = Field(default_factory=Patterns)


#: A focus term: a lower-case word, or a word beginning followed by ``*`` (``organisatie*``).
FOCUS_TERM = re.compile(r"^[a-zà-ÿ][a-zà-ÿ'-]*\*?$")


class StyleSelfLabels(BaseModel):
    """How a respondent names their own regie style (``style_focus: self_labels:``).

    Per style, regular expressions (Python ``re``, matched case-insensitively in each respondent
    turn) for a first-person naming of that style ("ik ben zo casusgericht als het maar kan",
    an answer that starts with "Netwerkgericht, ..."). See :func:`pipeline.analyse.self_labels`.
    """

    model_config = ConfigDict(extra="forbid")
    casusgericht: list[str] = Field(default_factory=list)
    netwerkgericht: list[str] = Field(default_factory=list)

    @field_validator("casusgericht", "netwerkgericht")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for n, pattern in enumerate(patterns):
            try:
                re.compile(pattern, re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"pattern {n + 1} ({pattern!r}) is not a valid regular expression: {exc}") from None
        return patterns


class StyleFocus(BaseModel):
    """What a respondent talks about, as evidence for the regie style (``style_focus:``).

    Two word lists, one per style: words for the person in regie and his or her family
    (casusgericht) and words for organisations, partners and structural agreements
    (netwerkgericht). See :func:`pipeline.analyse.focus_rates`.
    """

    model_config = ConfigDict(extra="forbid")
    description: str = ""
    sources: list[str] = Field(default_factory=list)
    casusgericht: list[str]
    netwerkgericht: list[str]
    self_labels: StyleSelfLabels | None = None


class Codebook(BaseModel):
    """A validated codebook; build it with :func:`load_codebook`."""

    model_config = ConfigDict(extra="forbid")
    name: str
    version: str
    language: str = "nl"
    description: str = ""
    references: dict[str, str] = Field(default_factory=dict)
    codes: list[Code]
    style_focus: StyleFocus | None = None
    # Filled in by load_codebook, not part of the YAML.
    path: str = ""
    sha256: str = ""

    def get(self, code_id: str) -> Code:
        for code in self.codes:
            if code.id == code_id:
                return code
        raise KeyError(code_id)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.codes]

    def children(self, code_id: str | None) -> list[Code]:
        """Direct sub-codes of ``code_id`` (``None``: the top-level codes), in file order."""
        return [c for c in self.codes if c.parent == code_id]

    def codable(self) -> list[Code]:
        """Codes that segments are coded with: those without sub-codes, in file order."""
        parents = {c.parent for c in self.codes if c.parent}
        return [c for c in self.codes if c.id not in parents]

    def label(self, code_id: str) -> str:
        return self.get(code_id).label

    def references_for(self, code: Code | str) -> list[str]:
        """Full citations of a code's ``sources``, in the order the code lists them.

        Parameters
        ----------
        code : Code or str
            The code or its id.

        Returns
        -------
        list of str
            One citation per source key; a key without a reference (only possible for a
            codebook built in code, not loaded) is returned as is.
        """
        if isinstance(code, str):
            code = self.get(code)
        return [self.references.get(key, key) for key in code.sources]

    def tree_order(self) -> list[tuple[int, Code]]:
        """``(depth, code)`` pairs depth-first, siblings in file order (top level has depth 0).

        Codes whose parent is not in the codebook (possible only for a codebook built in code)
        are listed as top-level codes, so that nothing is silently dropped.
        """
        known = set(self.ids)
        out: list[tuple[int, Code]] = []
        seen: set[str] = set()

        def walk(code: Code, depth: int) -> None:
            if code.id in seen:  # a cycle in a hand-built codebook: never loop
                return
            seen.add(code.id)
            out.append((depth, code))
            for child in self.children(code.id):
                walk(child, depth + 1)

        for code in self.codes:
            if code.parent is None or code.parent not in known:
                walk(code, 0)
        return out


# --------------------------------------------------------------------------------------------
# Problems and where they are
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a codebook file.

    ``line`` is 1-based; 0 means the file as a whole (it could not be read at all).
    """

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}: {self.message}"
        return f"{self.file}: {self.message}"


def _display_path(path: Path) -> str:
    """The path as a user would type it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


class _Located:
    """The composed YAML node tree, answering "on which line is this key or item?"."""

    def __init__(self, root: yaml.Node):
        self.root = root

    def line(self, *loc: str | int) -> int:
        """Line (1-based) of the deepest node on ``loc`` that exists.

        A path that ends on a mapping key gives the key's line (not its value's, which for a
        block list is the next line); a key that is missing gives the line of its mapping.
        """
        node = self.root
        line = node.start_mark.line + 1
        for part in loc:
            found = None
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(part):
                        found, line = value_node, key_node.start_mark.line + 1
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
                found = node.value[part]
                line = found.start_mark.line + 1
            if found is None:
                break
            node = found
        return line


def _suggest(word: str, choices: typing.Iterable[str]) -> str:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.75)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _short(value: object, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_TYPE_NAMES = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list",
               dict: "a mapping", type(None): "nothing"}


class _Checker:
    """Collects the problems of one codebook file. Used by :func:`validate_codebook`."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []
        self.at: _Located | None = None

    def add(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.shown, line, message))

    def line(self, *loc: str | int) -> int:
        return self.at.line(*loc) if self.at is not None else 0

    # --- who is meant -----------------------------------------------------------------------

    @staticmethod
    def who(codes: list, index: int) -> str:
        entry = codes[index] if 0 <= index < len(codes) else None
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"]:
            return f"code '{entry['id']}'"
        return f"code #{index + 1} (no id)"

    # --- YAML structure ----------------------------------------------------------------------

    def duplicate_keys(self, node: yaml.Node) -> None:
        """PyYAML keeps the last of two equal keys without a word; a codebook author must know."""
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    line = key_node.start_mark.line + 1
                    if key_node.value in first:
                        self.add(line, f"key '{key_node.value}' appears twice in the same entry "
                                       f"(first at line {first[key_node.value]}); YAML keeps only the last one")
                    else:
                        first[key_node.value] = line
                self.duplicate_keys(value_node)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                self.duplicate_keys(item)

    # --- schema (pydantic) -------------------------------------------------------------------

    def schema(self, data: dict) -> None:
        try:
            Codebook.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                self.schema_error(error, data)

    def schema_error(self, error: dict, data: dict) -> None:
        loc = tuple(error["loc"])
        kind = error["type"]
        codes = data.get("codes") if isinstance(data.get("codes"), list) else []
        in_code = len(loc) >= 2 and loc[0] == "codes" and isinstance(loc[1], int)
        who = self.who(codes, loc[1]) if in_code else ""
        rest = loc[2:] if in_code else loc
        field = _field_path(rest)
        line = self.line(*loc)
        prefix = f"{who}: " if who else ""

        if kind == "extra_forbidden":
            model = _model_at(loc[:-1])
            allowed = [f for f in model.model_fields if f not in _DERIVED_FIELDS] if model else []
            where = f"in '{_field_path(rest[:-1])}'" if len(rest) > 1 else ("" if who else "at the top level")
            where = f" {where}" if where else ""
            message = f"{prefix}unknown key '{loc[-1]}'{where}{_suggest(str(loc[-1]), allowed)}"
            if allowed:
                message += f"; allowed: {', '.join(allowed)}"
            self.add(line, message)
        elif kind == "missing":
            where = f" in '{_field_path(rest[:-1])}'" if len(rest) > 1 else ""
            self.add(line, f"{prefix}missing required key '{loc[-1]}'{where}")
        elif loc == ("version",) and isinstance(error.get("input"), (int, float)) and not isinstance(error.get("input"), bool):
            self.add(line, f"version must be text, not the number {error['input']!r}: write it in quotes, "
                           f"e.g. version: \"{error['input']}\" (YAML reads 1.10 as the number 1.1)")
        else:
            got = error.get("input")
            kind_name = _TYPE_NAMES.get(type(got), type(got).__name__)
            got_text = " (got nothing)" if got is None else f" (got {kind_name}: {_short(got)})"
            # pydantic says "valid dictionary or instance of Code"; a YAML author thinks in mappings.
            message = re.sub(r"a valid dictionary(?: or instance of \w+)?", "a mapping of keys", error["msg"])
            self.add(line, f"{prefix}{field or 'entry'}: {message}{got_text}")

    # --- meaning ----------------------------------------------------------------------------

    def top_level(self, data: dict) -> None:
        for name in _DERIVED_FIELDS:
            if name in data:
                self.add(self.line(name), f"unknown key '{name}' at the top level: it is computed "
                                          f"when the codebook is loaded and cannot be set in the file")
        for name in ("name", "version"):
            value = data.get(name)
            if isinstance(value, str) and not value.strip():
                hint = ' such as "1.0"; it goes into every run\'s manifest' if name == "version" else ""
                self.add(self.line(name), f"{name} is empty: give the codebook a {name}{hint}")
        if isinstance(data.get("codes"), list) and not data["codes"]:
            self.add(self.line("codes"), "the codebook has no codes")

    def style_focus(self, data: dict) -> None:
        focus = data.get("style_focus")
        if not isinstance(focus, dict):
            return
        references = data.get("references") if isinstance(data.get("references"), dict) else {}
        for i, key in enumerate(focus.get("sources") or []):
            if isinstance(key, str) and key not in references:
                self.add(self.line("style_focus", "sources", i),
                         f"style_focus: source '{key}' is not in references{_suggest(key, references)}")
        for style in ("casusgericht", "netwerkgericht"):
            terms = focus.get(style)
            if not isinstance(terms, list):
                continue
            if not terms:
                self.add(self.line("style_focus", style), f"style_focus: {style} has no words")
            for i, term in enumerate(terms):
                if isinstance(term, str) and not FOCUS_TERM.match(term):
                    self.add(self.line("style_focus", style, i),
                             f"style_focus: '{term}' in {style} is not a lower-case word or a word "
                             f"beginning ending in '*' (such as 'organisatie*')")

    def codes(self, data: dict) -> None:
        codes = data.get("codes")
        if not isinstance(codes, list):
            return
        references = data.get("references") if isinstance(data.get("references"), dict) else {}
        entries = [(i, c) for i, c in enumerate(codes) if isinstance(c, dict)]
        first_line: dict[str, int] = {}
        for i, entry in entries:
            code_id = entry.get("id")
            if isinstance(code_id, str):
                self.code_id(i, code_id, first_line)
            if isinstance(entry.get("label"), str) and not entry["label"].strip():
                self.add(self.line("codes", i, "label"), f"{self.who(codes, i)}: label is empty")
        defined = set(first_line)
        parent_of = {e["id"]: e["parent"] for _, e in entries
                     if isinstance(e.get("id"), str) and isinstance(e.get("parent"), str)}
        in_cycle = self.cycles(entries, parent_of)
        for i, entry in entries:
            self.parent(codes, i, entry, defined, in_cycle)
            self.sources(codes, i, entry, references)
            self.string_lists(codes, i, entry)
        has_children = set(parent_of.values())
        for i, entry in entries:
            patterns = entry.get("patterns")
            if isinstance(patterns, dict):
                self.patterns(codes, i, patterns)
                if entry.get("id") in has_children and any(isinstance(v, list) and v for v in patterns.values()):
                    self.add(self.line("codes", i, "patterns"),
                             f"{self.who(codes, i)} has sub-codes, so no segment is coded with it directly: "
                             f"its patterns are never used; move them to a sub-code")

    def code_id(self, index: int, code_id: str, first_line: dict[str, int]) -> None:
        line = self.line("codes", index, "id")
        if not ID_PATTERN.match(code_id):
            hint = code_id.strip().lower().replace(" ", "_").replace("-", "_")
            hint_text = f"; e.g. '{hint}'" if ID_PATTERN.match(hint) else ""
            self.add(line, f"code id '{code_id}' is not valid: use lower-case words (letters, digits, _) "
                           f"joined by dots, each starting with a letter{hint_text}")
        if code_id in first_line:
            self.add(line, f"code '{code_id}' is defined twice (first at line {first_line[code_id]})")
        else:
            first_line[code_id] = line

    def parent(self, codes: list, index: int, entry: dict, defined: set[str], in_cycle: set[str]) -> None:
        code_id, parent = entry.get("id"), entry.get("parent")
        if not isinstance(code_id, str):
            return
        valid_id = bool(ID_PATTERN.match(code_id))
        implied = code_id.rpartition(".")[0]
        if parent is None:
            if implied and valid_id:
                missing = "" if implied in defined else f", which is not defined: add a code '{implied}' and"
                self.add(self.line("codes", index), f"code '{code_id}' has no parent, but its id puts it under "
                                                    f"'{implied}'{missing or ';'} set parent: {implied}")
            return
        if not isinstance(parent, str):
            return  # reported by the schema
        line = self.line("codes", index, "parent")
        if parent == code_id:
            return  # reported as a cycle
        if parent not in defined:
            self.add(line, f"code '{code_id}' has parent '{parent}', which is not defined"
                           f"{_suggest(parent, sorted(defined))}")
        elif valid_id and implied != parent and code_id not in in_cycle:
            expected = f"'{parent}.{code_id.rpartition('.')[2]}'"
            self.add(line, f"code '{code_id}' has parent '{parent}', but its id says its parent is "
                           f"{repr(implied) if implied else 'none (it has no dot)'}: the id of a sub-code of "
                           f"'{parent}' starts with '{parent}.', e.g. {expected}")

    def cycles(self, entries: list[tuple[int, dict]], parent_of: dict[str, str]) -> set[str]:
        """Report each parent cycle once, at its first code in the file; return the codes in cycles."""
        reported: set[str] = set()
        for i, entry in entries:
            start = entry.get("id")
            if not isinstance(start, str) or start in reported:
                continue
            chain, node = [start], parent_of.get(start)
            while node is not None and node not in chain and node in parent_of:
                chain.append(node)
                node = parent_of.get(node)
            if node != start:
                continue
            reported.update(chain)
            if len(chain) == 1:
                message = f"code '{start}' has itself as parent"
            else:
                message = f"code '{start}' is its own ancestor: {' → '.join(chain + [start])}"
            self.add(self.line("codes", i, "parent"), message)
        return reported

    def sources(self, codes: list, index: int, entry: dict, references: dict) -> None:
        sources = entry.get("sources")
        if not isinstance(sources, list):
            return
        for j, key in enumerate(sources):
            if not isinstance(key, str) or not key.strip() or key in references:
                continue
            known = [str(k) for k in references]
            where = _suggest(key, known) if references else "; the codebook has no references"
            if references and not where and len(known) <= 8:
                where = "; known: " + ", ".join(f"'{k}'" for k in known)
            self.add(self.line("codes", index, "sources", j),
                     f"{self.who(codes, index)}: source '{key}' is not in references{where}")

    def string_lists(self, codes: list, index: int, entry: dict) -> None:
        for field in ("include", "exclude", "examples", "sources"):
            self.no_empty_strings(codes, index, entry.get(field), (field,))

    def no_empty_strings(self, codes: list, index: int, items: object, loc: tuple) -> None:
        if not isinstance(items, list):
            return
        for j, item in enumerate(items):
            if isinstance(item, str) and not item.strip():
                self.add(self.line("codes", index, *loc, j),
                         f"{self.who(codes, index)}: {_field_path(loc + (j,))} is an empty string")

    def patterns(self, codes: list, index: int, patterns: dict) -> None:
        who = self.who(codes, index)
        for field in PHRASE_FIELDS:
            items = patterns.get(field)
            for j, phrase in enumerate(items if isinstance(items, list) else []):
                if isinstance(phrase, str):
                    self.phrase(who, phrase, ("codes", index, "patterns", field, j))
        compounds = patterns.get("compounds")
        for j, key in enumerate(compounds if isinstance(compounds, list) else []):
            if isinstance(key, str):
                self.compound(who, key, self.line("codes", index, "patterns", "compounds", j), required=True)
        near = patterns.get("near")
        for j, rule in enumerate(near if isinstance(near, list) else []):
            words = rule.get("words") if isinstance(rule, dict) else None
            for k, phrase in enumerate(words if isinstance(words, list) else []):
                if isinstance(phrase, str):
                    self.phrase(who, phrase, ("codes", index, "patterns", "near", j, "words", k))
        for field in ("token", "exclude_token"):
            rules = patterns.get(field)
            for j, pattern in enumerate(rules if isinstance(rules, list) else []):
                if isinstance(pattern, list) and all(isinstance(t, dict) for t in pattern):
                    self.token_pattern(who, pattern, ("codes", index, "patterns", field, j), f"patterns.{field}[{j}]")

    def phrase(self, who: str, phrase: str, loc: tuple) -> None:
        """A phrase (see :mod:`pipeline.coders.patterns`): ``|``-separated alternatives of
        space-separated words, where a word with ``*`` is a compound key."""
        line, name = self.line(*loc), _field_path(loc[2:])
        if not phrase.strip():
            self.add(line, f"{who}: {name} is an empty string")
            return
        alternatives = phrase.split("|")
        if any(not alt.strip() for alt in alternatives):
            self.add(line, f"{who}: {name} '{phrase}' has an empty alternative: "
                           f"'|' must stand between two words or phrases")
        for word in (w for alt in alternatives for w in alt.split() if "*" in w):
            self.compound(who, word, line, required=False, where=f" in {name}")

    def compound(self, who: str, key: str, line: int, *, required: bool, where: str = "") -> None:
        """A compound key: ``*`` at the start and/or end only, and enough letters to mean something."""
        core = key.strip("*")
        if not key.strip():
            self.add(line, f"{who}: compound is an empty string")
        elif "*" in core:
            self.add(line, f"{who}: compound '{key}'{where} has '*' in the middle; '*' may only stand at the start or end")
        elif not (key.startswith("*") or key.endswith("*")):
            if required:
                self.add(line, f"{who}: compound '{key}' needs '*' at the start and/or end: '{key}*' (word "
                               f"starts with), '*{key}' (ends with) or '*{key}*' (contains); "
                               f"whole words go under patterns.terms")
        elif any(ch.isspace() for ch in core):
            self.add(line, f"{who}: compound '{key}'{where} contains a space; compound parts match within one word")
        elif sum(ch.isalpha() for ch in core) < MIN_COMPOUND_LETTERS:
            self.add(line, f"{who}: compound '{key}'{where} is too short: it needs at least {MIN_COMPOUND_LETTERS} "
                           f"letters, otherwise it matches a great many words")

    def token_pattern(self, who: str, pattern: list[dict], loc: tuple, name: str) -> None:
        for token_index, message in _token_pattern_errors(pattern):
            line = self.line(*loc, token_index) if token_index is not None else self.line(*loc)
            token = f", token {token_index + 1}" if token_index is not None else ""
            self.add(line, f"{who}: spaCy pattern {name}{token} does not compile: {message}")


def _field_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at ``loc`` (for "allowed keys" hints)."""
    model: typing.Any = Codebook
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or part not in model.model_fields:
            return None
        model = _inner_model(model.model_fields[part].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner_model(annotation: typing.Any) -> typing.Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


@functools.lru_cache(maxsize=1)
def _matcher_vocab():
    import spacy

    return spacy.blank("nl").vocab


_SPACY_ERROR = re.compile(r"^- \[pattern -> (\d+)(?: -> (.*?))?\] (.*)$")
#: Parts of a spaCy error path that are pattern keys (``LEMMA``, ``IN``), not schema type names.
_PATTERN_KEY = re.compile(r"^(?!(?:str|int|float|bool|list|dict)$)(?:[A-Z][A-Z0-9_]*|_|[a-z][a-z0-9_]*)$")


def _token_pattern_errors(pattern: list[dict]) -> list[tuple[int | None, str]]:
    """Why spaCy's ``Matcher`` refuses ``pattern``, as ``(token index or None, message)`` pairs."""
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher

    matcher = Matcher(_matcher_vocab(), validate=True)
    try:
        matcher.add("check", [pattern])
    except MatchPatternError as exc:
        # spaCy lists one line per failed alternative of a union type (``LEMMA`` may be a string
        # or a mapping with ``IN``, …). Like pydantic, keep the deepest one per token attribute:
        # it is the alternative the author was evidently writing.
        best: dict[tuple[int, str], tuple[str, str]] = {}
        for raw in str(exc).splitlines():
            match = _SPACY_ERROR.match(raw.strip())
            if not match:
                continue
            keys = [p for p in (match.group(2) or "").split(" -> ") if _PATTERN_KEY.match(p)]
            where = (int(match.group(1)), keys[0] if keys else "")
            dotted = ".".join(keys)
            # Ties (two alternatives at one depth): the shorter message is the plainer one.
            if where not in best or (len(dotted), -len(match.group(3))) > (len(best[where][0]), -len(best[where][1])):
                best[where] = (dotted, match.group(3))
        if not best:
            return [(None, " ".join(str(exc).split()))]
        return [(token, (f"{dotted}: " if dotted else "") + message) for (token, _), (dotted, message) in best.items()]
    except Exception as exc:  # noqa: BLE001 - spaCy raises ValueError, re.error, KeyError … here
        text = " ".join(str(exc).split())
        if isinstance(exc, re.error):
            text = f"invalid regular expression: {text}"
        return [(None, re.sub(r"\s*Key: check$", "", text))]
    return []


def _yaml_problem(exc: yaml.YAMLError) -> tuple[int, str]:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    context_mark = getattr(exc, "context_mark", None)
    message = f"not valid YAML: {problem}"
    if context:
        message += f" ({context}"
        if context_mark is not None and context_mark.line + 1 != line:
            message += f" at line {context_mark.line + 1}"
        message += ")"
    if "'\\t'" in problem:
        message += "; YAML does not allow tabs for indentation, use spaces"
    return line, message


def validate_codebook(path: str | Path) -> tuple[Codebook | None, list[Problem]]:
    """Read a codebook file and collect every problem in it.

    Parameters
    ----------
    path : str or Path
        The codebook YAML file.

    Returns
    -------
    book : Codebook or None
        The codebook, when there are no problems; else ``None``.
    problems : list of Problem
        Sorted by line; empty when the codebook is valid.
    """
    path = Path(path)
    check = _Checker(_display_path(path))
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        check.add(0, f"cannot read codebook: {exc.strerror or exc}")
        return None, check.problems
    try:
        text = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw_bytes[: exc.start].count(b"\n") + 1
        check.add(line, f"not UTF-8 text (byte 0x{raw_bytes[exc.start]:02x}); save the codebook as UTF-8")
        return None, check.problems

    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        check.add(*_yaml_problem(exc))
        return None, check.problems
    finally:
        loader.dispose()
    if root is None:
        check.add(1, "the file is empty; a codebook needs at least name, version and codes")
        return None, check.problems
    if not isinstance(data, dict):
        check.add(root.start_mark.line + 1, "a codebook must be a mapping with keys name, version, codes, "
                                            f"…; this file holds {_TYPE_NAMES.get(type(data), type(data).__name__)}")
        return None, check.problems

    check.at = _Located(root)
    check.duplicate_keys(root)
    check.top_level(data)
    check.schema({k: v for k, v in data.items() if k not in _DERIVED_FIELDS})
    check.codes(data)
    check.style_focus(data)
    # Stable sort: problems on one line stay in the order they were found.
    problems = sorted(dict.fromkeys(check.problems), key=lambda p: p.line)
    if problems:
        return None, problems
    book = Codebook.model_validate({**data, "path": str(path), "sha256": hashlib.sha256(raw_bytes).hexdigest()})
    return book, []


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook.

    Parameters
    ----------
    path : str or Path
        The codebook YAML file.

    Returns
    -------
    Codebook
        With ``path`` and ``sha256`` (of the file's bytes) filled in.

    Raises
    ------
    ConfigError
        Listing every problem, one ``file:line: message`` per line; the list is also in the
        exception's ``problems`` attribute.
    """
    book, problems = validate_codebook(path)
    if problems:
        error = ConfigError("\n".join(str(p) for p in problems))
        error.problems = [str(p) for p in problems]  # type: ignore[attr-defined]
        raise error
    assert book is not None
    return book


def check_codebook(path: str | Path) -> list[str]:
    """Every problem in a codebook file as ``file:line: message``; empty when it is valid."""
    return [str(p) for p in validate_codebook(path)[1]]


def render_tree(book: Codebook) -> str:
    """The code tree as text: one code a line, indented by depth, labels in one column."""
    rows = [("  " * depth + code.id, code.label) for depth, code in book.tree_order()]
    width = max((len(left) for left, _ in rows), default=0) + 2
    n_codable = len(book.codable())
    lines = [f"{book.name} (versie {book.version}) — {len(book.codes)} codes, {n_codable} om mee te coderen"]
    lines += [f"{left:<{width}}{label}".rstrip() for left, label in rows]
    return "\n".join(lines)
