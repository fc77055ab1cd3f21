"""The document structure every transcript reader returns.

A :class:`Document` is a list of speaker turns; its normalised text (what ``texts/{doc_id}.txt``
holds) is rendered from the turns, so a stage that changes turn texts (pseudonymisation) gets
consistent offsets for free by calling :meth:`Document.render` again.

Rendered text layout, one block per turn separated by a blank line::

    Interviewer: Hoe begon die casus?

    Respondent: Nou, eh, via de wijkagent.

A turn's ``start``/``end`` are code-point offsets of its *text* (not the label) in that string.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Turn:
    """One speaker turn.

    Attributes
    ----------
    speaker : str
        The speaker label as written (``"Interviewer"``, ``"R6"``, ``"Fatima"``).
    text : str
        The words of the turn, paragraphs joined by ``"\\n"``; transcription marks kept.
    role : str
        ``interviewer``, ``respondent`` or ``other`` (``""`` until roles are assigned).
    timestamp : str
        First timestamp seen with the turn (``"00:03:12"``), or ``""``.
    location : str
        Where the turn starts in the source (``"line 14"``, ``"paragraph 7"``, ``"cue 3"``).
    """

    speaker: str
    text: str
    role: str = ""
    timestamp: str = ""
    location: str = ""


@dataclass
class Document:
    """A transcript as read from one file.

    Attributes
    ----------
    doc_id : str
        File name without extension.
    source_path : str
        Path of the input file as given.
    format : str
        ``docx``, ``txt``, ``md``, ``vtt`` or ``srt``.
    encoding : str
        Encoding the text was decoded with (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``);
        ``""`` for formats where it does not apply (docx).
    turns : list of Turn
    role_method : str
        How roles were decided (``label``, ``config``, ``inferred: ...``).
    header : list of str
        Lines before the first turn (title, date, metadata); never coded, never written.
    """

    doc_id: str
    source_path: str
    format: str
    encoding: str = ""
    turns: list[Turn] = field(default_factory=list)
    role_method: str = ""
    header: list[str] = field(default_factory=list)

    def render(self) -> tuple[str, list[tuple[int, int]]]:
        """Return the normalised text and the ``(start, end)`` offsets of each turn's text."""
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        for i, turn in enumerate(self.turns):
            prefix = ("\n\n" if i else "") + f"{turn.speaker}: "
            pos += len(prefix)
            parts.append(prefix)
            parts.append(turn.text)
            spans.append((pos, pos + len(turn.text)))
            pos += len(turn.text)
        if parts:
            parts.append("\n")
        return "".join(parts), spans

    @property
    def text(self) -> str:
        return self.render()[0]

    @property
    def n_words(self) -> int:
        return sum(len(t.text.split()) for t in self.turns)

    def with_turns(self, turns: list[Turn]) -> "Document":
        return replace(self, turns=list(turns))
