"""The machine part of a codebook entry: the rules the ``rules`` coder applies.

Declared here (not in :mod:`pipeline.codebook`) because the rules coder owns its pattern language;
the codebook schema embeds :class:`Patterns` so that ``regie codebook check`` validates it.

Phrase syntax (``terms``, ``weak``, ``context``, ``exclude`` and each entry of ``near.words``):

* words separated by spaces must follow each other: ``"plan van aanpak"``;
* ``|`` separates alternatives: ``"op één lijn|op 1 lijn|op een lijn"``;
* each word matches a text token when their word forms or lemmas agree (both sides are
  lemmatised with :func:`pipeline.nlp.lemmatise_phrase`), so ``"afspraak maken"`` also matches
  ``"afspraken gemaakt"``; hyphens are ignored (``informatie-uitwisseling`` =
  ``informatieuitwisseling``);
* ``=word`` matches that exact word form only, no lemma (``"=uren"`` is not ``"uur"``; use it
  where the context-free lemmatiser merges words: ``vieren``/``vier``, ``bellen``/``bel``);
* a ``*`` makes a compound key: ``"keten*"`` (word starts with), ``"*overleg"`` (ends with),
  ``"*regie*"`` (contains); it is tested against the word form, the lemma and each
  hyphen-separated part.

``token`` and ``exclude_token`` take spaCy ``Matcher`` patterns; ``LEMMA`` there is the lower-case
lemma this project's lemmatiser gives.
"""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class NearRule(BaseModel):
    """All ``words`` (each a phrase, see the module doc) within ``window`` tokens of each other
    inside one sentence: the first word of the first match and the first word of the last match
    are at most ``window`` tokens apart; with ``ordered``, also in the listed order."""

    model_config = ConfigDict(extra="forbid")
    words: list[str] = Field(min_length=2)
    window: int = Field(default=8, ge=1)
    weight: float = 1.0
    #: Require the words in their listed order ("mag … niet … vertellen", not "vertellen dat het
    #: niet mag"): word order carries the meaning of many Dutch modal constructions.
    ordered: bool = False


class Patterns(BaseModel):
    """Rules for one code. Every string is lemmatised with the same function as the text.

    A segment's score for the code is the sum of the weights of the distinct rules that fired in
    it (each rule counts once per segment; hits in sentences matching an ``exclude`` rule of
    this code are dropped). The code is assigned when that sum reaches ``threshold``.
    """

    model_config = ConfigDict(extra="forbid")
    #: Words or phrases, matched on lemmas (and on lower-case forms); weight 1 each.
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
    # --- added by the rules coder (appended; all optional) -----------------------------------
    #: Weaker cues: phrases that hint at the code but need company (weight ``weak_weight`` each).
    weak: list[str] = Field(default_factory=list)
    weak_weight: float = 0.5
    #: Phrases looked for in the interviewer turn just before a respondent turn: the question
    #: sets the topic of an indirect answer (weight ``context_weight``, never enough alone
    #: unless ``context_weight`` ≥ ``threshold``).
    context: list[str] = Field(default_factory=list)
    context_weight: float = 0.5
    #: Whether the code competes with the segment's other codes (``RulesCoder.max_codes`` and
    #: ``relative``). ``false`` for codes that are assigned whenever they are named, whatever
    #: else the segment is about (the method's instruments). A string names a separate
    #: competition group: the code competes only with codes of that group (e.g. ``stijl`` for
    #: the two regie styles, which describe where a turn's regie is aimed and so sit on top of
    #: its topic codes).
    compete: bool | str = True
