"""From the lines of a transcript to speaker turns.

Every line-based reader (.docx paragraphs, .txt/.md lines, subtitle cue lines) hands a list of
:class:`SourceLine` to :func:`build_turns`, which

- judges the speaker labels of the whole document at once (:func:`labels.decide`);
- keeps the title, metadata lines (``Datum:``, ``Transcriptie: ...``, also those that start
  with a role word: ``Respondent: E. S., procesregisseur. Duur: 58 min.``) and other lines
  before the first turn — and closing lines such as ``Einde interview`` after the last — out of the turns;
- attaches lines without a label to the previous turn (continuation paragraphs);
- normalises the turn text: NFC, whitespace inside a line collapsed to single spaces, lines of a
  turn joined by ``joiner`` (``"\\n"`` for paragraphs, ``" "`` for subtitle cues).

It also returns a trace of every piece of the input in document order (header, label prefix,
timestamp, text), which the property tests use to check that no text is lost or duplicated.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Sequence

from ..model import Turn
from . import labels as L
from .roles import role_from_label, speaker_key


@dataclass(frozen=True)
class SourceLine:
    """One line of a transcript as a reader sees it.

    Attributes
    ----------
    text : str
        The line, without line break.
    location : str
        ``"line 12"``, ``"paragraph 4"``, ``"cue 7"``.
    bold_end : int or None
        Word documents: offset in ``text`` where a leading bold run ends.
    heading : bool
        A heading (Markdown ``#``, Word heading style): never part of a turn.
    speaker : str or None
        A speaker given by the format itself (WebVTT voice tag); the line is then a turn start
        (or a continuation, when the speaker is the same and ``merge`` is on).
    timestamp : str
        A timestamp given by the format itself (subtitle cue start).
    """

    text: str
    location: str = ""
    bold_end: int | None = None
    heading: bool = False
    speaker: str | None = None
    timestamp: str = ""


@dataclass
class Parsed:
    """The result of :func:`build_turns`."""

    turns: list[Turn]
    header: list[str] = field(default_factory=list)
    #: Speaker key → role, from header lines such as ``Interviewer: Sanne``.
    hints: dict[str, str] = field(default_factory=dict)
    #: ``(kind, turn_number_or_-1, raw)`` for every piece of the input, in order; ``kind`` is
    #: ``header``, ``label``, ``timestamp`` or ``text``.
    pieces: list[tuple[str, int, str]] = field(default_factory=list)


@dataclass
class _Open:
    speaker: str
    timestamp: str
    location: str
    lines: list[str] = field(default_factory=list)
    number: int = 0


def _norm(text: str) -> str:
    return " ".join(text.split())


def _foreign_vocabulary(c: L.Candidate, dialogue: list[L.Candidate], counts: Counter) -> bool:
    """A one-off label in another label vocabulary than the dialogue's (``Respondent: Esther
    Schouten, procesregisseur`` above an ``I:``/``R:`` dialogue), or another word for one of the
    dialogue's roles (``Geïnterviewde:`` above ``Respondent:`` turns), followed by a value that
    names someone rather than by speech."""
    if counts[c.key] != 1 or not c.sep or "?" in c.text or len(c.text.split()) > L.MAX_HEADER_WORDS:
        return False
    recurring = Counter(d.key for d in dialogue)
    forms = {L.label_form(d.label) for d in dialogue if recurring[d.key] >= 2}
    if not forms or not L.value_names_someone(c.text):
        return False
    if L.label_form(c.label) not in forms:
        return True
    # The same vocabulary, but a synonym of a role the dialogue labels otherwise
    # (``Geïnterviewde: Esra Kaya (procesregisseur)`` above ``Respondent:`` turns): the
    # respondent is introduced, not speaking.
    role = role_from_label(c.label)
    synonyms = {role_from_label(d.label) for d in dialogue if recurring[d.key] >= 2 and d.key != c.key}
    return role is not None and role in synonyms and L.header_value_is_name(c.text)


def _header_lines(lines: list[SourceLine], accepted: list[L.Candidate | None]) -> tuple[set[int], dict[str, str]]:
    """Label lines before the first turn that belong to the header.

    Two kinds of line qualify, in the run of labelled lines before the dialogue:

    - ``Interviewer: SA``: a role word with a short, name-like value (or a name or job title with
      further fields, :func:`labels.names_role_holder`), when the group of lines it
      stands in (no blank line between) holds metadata lines (``Datum: ...`` or the kind
      below) and the interview starts after the group, or the next line is a metadata line,
      or its value names a speaker who speaks later on;
    - a metadata line that only starts like a turn (:func:`labels.is_metadata_line`: several
      fields such as ``Respondent: ... Interviewer: ... Duur: 58 min.``), or a one-off label in
      another label vocabulary than the dialogue uses (``Respondent: Esther Schouten,
      procesregisseur`` above ``I:``/``R:`` turns). These need a dialogue of at least two
      turns after them.

    The first labelled line that qualifies for neither starts the dialogue.
    """
    header: set[int] = set()
    hints: dict[str, str] = {}
    idx = [i for i, c in enumerate(accepted) if c is not None]
    counts = Counter(accepted[i].key for i in idx)
    later_keys = Counter(counts)
    for n, i in enumerate(idx):
        c = accepted[i]
        if role_from_label(c.label) and c.sep in (":", "\t") and (
                L.header_value_is_name(c.text) or L.names_function(L.value_head(c.text))
                or L.names_role_holder(c.text)):
            g0, g1 = i, i
            while g0 > 0 and lines[g0 - 1].text.strip():
                g0 -= 1
            while g1 + 1 < len(lines) and lines[g1 + 1].text.strip():
                g1 += 1
            # A metadata line that starts with a role word (``Respondent: ..., Duur: 58 min.``)
            # marks the group as header as much as a ``Datum:`` line does.
            group_meta = any(L.is_meta_line(lines[j].text)
                             or (j != i and accepted[j] is not None and L.is_metadata_line(accepted[j]))
                             for j in range(g0, g1 + 1))
            later = any(accepted[j] is not None for j in range(g1 + 1, len(lines)))
            next_meta = i + 1 <= g1 and L.is_meta_line(lines[i + 1].text)
            value = _norm(c.text)
            # ``Respondent: Ilse Donkers (47), ...`` above turns by ``Ilse Donkers:``
            value_keys = {speaker_key(value), speaker_key(value.split()[0]),
                          speaker_key(" ".join(re.split(r"[,(]", value)[0].split()[:3]))}
            names_later = any(k in later_keys and k != c.key for k in value_keys)
            if (group_meta and later) or next_meta or names_later:
                header.add(i)
                later_keys[c.key] -= 1
                hint = L.role_hint(c)
                if hint:
                    hints[hint[0]] = hint[1]
                    hints.setdefault(speaker_key(value.split()[0]), hint[1])
                continue
        dialogue = [accepted[j] for j in idx[n + 1:]]
        if len(dialogue) >= 2 and (L.is_metadata_line(c) or _foreign_vocabulary(c, dialogue, counts)):
            header.add(i)
            later_keys[c.key] -= 1
            for key, role in L.field_hints(c).items():
                hints.setdefault(key, role)
            continue
        break
    return header, hints


def build_turns(lines: Sequence[SourceLine], *, brackets: bool = False, joiner: str = "\n",
                merge: bool = False) -> Parsed:
    """Turn a transcript's lines into speaker turns.

    Parameters
    ----------
    lines : sequence of SourceLine
        All lines in order, blank lines included.
    brackets : bool
        Accept ``[Name]`` labels (subtitles).
    joiner : str
        How the lines of one turn are joined.
    merge : bool
        Join consecutive turns of the same speaker (subtitle cues) into one.

    Returns
    -------
    Parsed
        Turns (roles not yet assigned), header lines, role hints and the piece trace.
    """
    cleaned: list[SourceLine] = []
    f4: list[list[str]] = []
    for ln in lines:
        text = L.clean_text(ln.text)
        bold_end = ln.bold_end
        if bold_end is not None:
            bold_end = len(L.clean_text(ln.text[:bold_end]))
        found = [m.group(0) for m in L.F4_TS.finditer(text)]
        if found:
            text = L.F4_TS.sub("", text)
            if bold_end is not None:
                bold_end = min(bold_end, len(text))
        f4.append(found)
        cleaned.append(SourceLine(text, ln.location, bold_end, ln.heading, ln.speaker, ln.timestamp))

    # Headings are scanned too: some transcripts put the speaker label in a heading style.
    firsts, previous = [], None
    for ln in cleaned:
        firsts.append(not merge or ln.location != previous)
        if ln.text.strip():
            previous = ln.location
    decided = L.decide([L.LineIn(ln.text, ln.bold_end, ln.heading, given=ln.speaker is not None, first=first)
                        for ln, first in zip(cleaned, firsts)], brackets=brackets, cues=merge)
    in_header, hints = _header_lines(cleaned, decided)

    parsed = Parsed(turns=[], hints=hints)
    turns: list[_Open] = []
    current: _Open | None = None

    def add_piece(kind: str, raw: str) -> None:
        if raw.strip():
            parsed.pieces.append((kind, current.number if current else -1, raw))

    for i, ln in enumerate(cleaned):
        if not ln.text.strip():
            continue
        c = decided[i]
        f4_ts = L.normalise_timestamp(L.F4_TS.match(f4[i][0]).group(1)) if f4[i] else ""
        if ln.heading and ln.speaker is None and c is None:
            parsed.header.append(_norm(ln.text))
            add_piece("header", ln.text)
            continue
        if ln.speaker is not None:
            speaker = _norm(L.clean_text(ln.speaker))
            if merge and current is not None and current.speaker == speaker:
                current.lines.append(ln.text)
            else:
                current = _Open(speaker, ln.timestamp, ln.location, [ln.text], len(turns))
                turns.append(current)
            add_piece("text", ln.text)
            continue
        if i in in_header:
            parsed.header.append(_norm(ln.text))
            add_piece("header", ln.text)
            continue
        if c is not None:
            ts = c.timestamp or ln.timestamp or f4_ts
            if merge and current is not None and current.speaker == c.label:
                current.lines.append(c.text)
                add_piece("label", c.prefix)
            else:
                current = _Open(c.label, ts, ln.location, [c.text], len(turns))
                turns.append(current)
                add_piece("label", c.prefix)
            add_piece("text", c.text)
        else:
            ts, text, prefix = L.strip_timestamp(ln.text)
            if current is None or L.is_separator_line(ln.text):
                parsed.header.append(_norm(ln.text))
                add_piece("header", ln.text)
                continue
            if not current.timestamp:
                current.timestamp = ts or ln.timestamp or f4_ts
            add_piece("timestamp", prefix)
            current.lines.append(text)
            add_piece("text", text)
        for raw in f4[i]:
            add_piece("timestamp", raw)

    # Closing lines after the last turn (``Einde interview``, ``Duur: 54 min``) are not words of it.
    if turns:
        last = turns[-1]
        footer: list[str] = []
        while len(last.lines) > 1 and (L.is_meta_line(last.lines[-1]) or L.is_end_line(last.lines[-1])
                                      or not last.lines[-1].strip()):
            footer.insert(0, last.lines.pop())
        for raw in footer:
            if raw.strip():
                parsed.header.append(_norm(raw))
                for k in range(len(parsed.pieces) - 1, -1, -1):
                    kind, number, piece = parsed.pieces[k]
                    if kind == "text" and number == last.number and piece == raw:
                        parsed.pieces[k] = ("header", -1, piece)
                        break

    for t in turns:
        text = joiner.join(n for n in (_norm(x) for x in t.lines) if n)
        if text:
            parsed.turns.append(Turn(speaker=_norm(t.speaker), text=text, timestamp=t.timestamp,
                                     location=t.location))
    return parsed
