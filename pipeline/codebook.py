"""The literature-derived codebook: loading and validation.

A codebook is a YAML file with ``name``, ``version``, ``language``, ``references`` (key → full
citation) and ``codes`` (a list of entries with ``id``, ``label``, ``parent``, ``definition``,
``include``, ``exclude``, ``examples``, ``sources``, ``patterns``). See ``codebook/README.md``.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .coders.patterns import Patterns
from .errors import ConfigError


class Code(BaseModel):
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


class Codebook(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    version: str
    language: str = "nl"
    description: str = ""
    references: dict[str, str] = Field(default_factory=dict)
    codes: list[Code]
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
        return [c for c in self.codes if c.parent == code_id]

    def codable(self) -> list[Code]:
        """Codes that segments are coded with: those that have patterns or no children."""
        parents = {c.parent for c in self.codes if c.parent}
        return [c for c in self.codes if c.id not in parents]

    def label(self, code_id: str) -> str:
        return self.get(code_id).label


def load_codebook(path: str | Path) -> Codebook:
    """Read and validate a codebook; raise :class:`ConfigError` listing every problem."""
    path = Path(path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read codebook: {exc.strerror}") from None
    try:
        raw = yaml.safe_load(raw_bytes.decode("utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from None
    try:
        book = Codebook.model_validate({**raw, "path": str(path), "sha256": hashlib.sha256(raw_bytes).hexdigest()})
    except (ValidationError, TypeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    return book


def check_codebook(path: str | Path) -> list[str]:
    try:
        load_codebook(path)
    except ConfigError as exc:
        return [str(exc)]
    return []


def render_tree(book: Codebook) -> str:
    lines = [f"{book.name} (versie {book.version})"]

    def walk(parent, depth):
        for code in book.children(parent):
            lines.append("  " * depth + f"{code.id}  {code.label}")
            walk(code.id, depth + 1)

    walk(None, 0)
    return "\n".join(lines)
