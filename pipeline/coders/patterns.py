"""The machine part of a codebook entry: the rules the ``rules`` coder applies.

Declared here (not in :mod:`pipeline.codebook`) because the rules coder owns its pattern language;
the codebook schema embeds :class:`Patterns` so that ``regie codebook check`` validates it.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NearRule(BaseModel):
    """All ``words`` (lemmas, or ``prefix*``/``*suffix`` compound keys) within ``window`` tokens
    of each other inside one sentence."""

    model_config = ConfigDict(extra="forbid")
    words: list[str] = Field(min_length=2)
    window: int = 8
    weight: float = 1.0


class Patterns(BaseModel):
    """Rules for one code. Every string is lemmatised with the same function as the text."""

    model_config = ConfigDict(extra="forbid")
    #: Words or phrases, matched on lemmas (and on lower-case forms).
    terms: list[str] = Field(default_factory=list)
    #: Compound parts: ``"keten*"`` (token starts with), ``"*overleg"`` (ends with), ``"*regie*"``.
    compounds: list[str] = Field(default_factory=list)
    #: spaCy ``Matcher`` patterns (lists of token dicts) for word order and optional words.
    token: list[list[dict]] = Field(default_factory=list)
    near: list[NearRule] = Field(default_factory=list)
    #: Near-misses: a sentence that matches one of these does not count for this code.
    exclude: list[str] = Field(default_factory=list)
    exclude_token: list[list[dict]] = Field(default_factory=list)
    #: Score needed before the code is assigned to a segment (sum of hit weights, capped at 1).
    threshold: float = 1.0
