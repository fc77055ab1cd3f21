"""Subtitle transcripts: WebVTT (.vtt: Teams, Zoom, Amberscript, Whisper) and SubRip (.srt).

Our own tolerant parser rather than webvtt-py: real exports break the strict grammar (no
``WEBVTT`` line, no blank line between cues, comma decimals, cue settings), and a researcher
should get the interview, not a parse error. What it handles:

- cue identifiers, timing lines with settings, ``NOTE``/``STYLE``/``REGION`` blocks;
- voice tags ``<v Jansen, P. (Actiecentrum)>`` (classes, closing ``</v>``, several per cue);
- other tags (``<c>``, ``<i>``, ``<b>``, ``<font>``, karaoke timestamps) and ASS overrides
  ``{\\an8}`` removed, HTML entities unescaped;
- speakers written in the text: ``Name: ...``, ``[Name] ...``, ``>> Name: ...``.

A cue line without speaker continues the previous speaker; consecutive cues of one speaker form
one turn, joined with spaces (a sentence split over cues comes out whole). The turn's timestamp
is the start of its first cue.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from ..errors import InputError
from .labels import normalise_timestamp
from .text import decode, read_bytes
from .turns import Parsed, SourceLine, build_turns

_TIME = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,6})?"
#: ``00:00:01.000 --> 00:00:04.000``; also the damaged arrows of hand-edited files (``->``, `` - ``).
TIMING = re.compile(rf"[ \t]*(?P<start>{_TIME})[ \t]*(?:-{{1,3}}>|[–—]>?|-|=>)[ \t]*(?P<end>{_TIME})")
_LOOSE_TIMING = re.compile(r"\d[\d:;.,]*\s*\S{1,3}\s*\d[\d:;.,]*$|-->")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+(?P<name>[^>]*))?>|</v\s*>", re.I)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d{1,2}:\d{2}[^>]*>|\{\\[^}]*\}")


def parse_cues(text: str) -> tuple[list[tuple[int, str, list[str]]], list[int]]:
    """The cues of a subtitle file, and the lines of text that stand outside any cue.

    Returns
    -------
    cues : list of (int, str, list of str)
        ``(line_number, start_time, payload_lines)`` for every cue, in file order.
    stray : list of int
        Line numbers of text blocks that are no cue, no header, no ``NOTE``/``STYLE``/
        ``REGION`` block and no cue identifier: words there would be lost (a damaged timing
        line, usually).

    An SRT cue number directly above a timing line is never taken as text.
    """
    cues: list[tuple[int, str, list[str]]] = []
    stray: list[int] = []
    block: list[tuple[int, str]] = []

    def close(block: list[tuple[int, str]], first_block: bool) -> None:
        timing = [k for k, (_, line) in enumerate(block) if TIMING.match(line)]
        head = block[: timing[0]] if timing else block
        first = head[0][1].strip() if head else ""
        skip = (first.startswith(("WEBVTT", "\ufeffWEBVTT")) and first_block
                or first.startswith(("NOTE", "STYLE", "REGION")))
        if not timing:
            if not skip:
                loose = [n for n, line in block if _LOOSE_TIMING.search(line.strip())]
                stray.append(loose[0] if loose else block[0][0])
            return
        if len(head) > 1 and not skip:
            stray.append(head[0][0])  # text above the identifier line
        for a, b in zip(timing, timing[1:] + [len(block)]):
            n, line = block[a]
            payload = [x for _, x in block[a + 1:b]]
            if b < len(block) and payload and payload[-1].strip().isdigit():
                payload.pop()  # the next cue's number, without the blank line before it
            cues.append((n, TIMING.match(line).group("start"), payload))

    first_block = True
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip():
            block.append((n, line))
        elif block:
            close(block, first_block)
            block, first_block = [], False
    if block:
        close(block, first_block)
    return cues, stray


def _pieces(payload: list[str]) -> list[tuple[str | None, str]]:
    """Split a cue's lines at voice tags: ``(speaker or None, text line)``."""
    out: list[tuple[str | None, str]] = []
    speaker: str | None = None
    for line in payload:
        pos = 0
        for m in _VOICE.finditer(line):
            if line[pos:m.start()].strip():
                out.append((speaker, line[pos:m.start()]))
            if m.group(0).startswith("</"):
                speaker = None
            else:
                speaker = (m.group("name") or "").strip() or None
            pos = m.end()
        if line[pos:].strip():
            out.append((speaker, line[pos:]))
    return [(s, _clean(t)) for s, t in out if _clean(t)]


def _clean(text: str) -> str:
    # A leading dash stays: it may be a speaker-change mark, but as often a dash of the sentence
    # that the cue split happened to put first ("hoe zeg je dat – een doorbraak").
    return html.unescape(_TAG.sub("", text)).strip()


def _subtitle_lines(path: Path, kind: str) -> tuple[list[SourceLine], str]:
    text, encoding = decode(read_bytes(path), path)
    cues, stray = parse_cues(text)
    example = "00:00:01.000 --> 00:00:04.000" if kind == "vtt" else "00:00:01,000 --> 00:00:04,000"
    if not cues:
        raise InputError(path, f"no subtitle cues found (expected timing lines such as '{example}')")
    if stray:
        # The place goes into the message (not ``location``) so that the message still starts
        # with the file name, like every other refusal in the run summary.
        n = stray[0]
        line = text.splitlines()[n - 1].strip()
        if _LOOSE_TIMING.search(line):
            raise InputError(path, f"damaged timing line {line[:60]!r} at line {n} (expected '{example}'); "
                             "its cue would be lost")
        raise InputError(path, f"text outside any subtitle cue at line {n} (is the timing line above it "
                         f"damaged? expected '{example}')")
    lines: list[SourceLine] = []
    for number, (_, start, payload) in enumerate(cues, 1):
        ts = normalise_timestamp(start)
        for speaker, piece in _pieces(payload):
            lines.append(SourceLine(piece, f"cue {number}", speaker=speaker, timestamp=ts))
        lines.append(SourceLine("", f"cue {number}"))
    return lines, encoding


def read_vtt(path: Path) -> tuple[Parsed, str]:
    """Read a WebVTT transcript."""
    lines, encoding = _subtitle_lines(path, "vtt")
    return build_turns(lines, brackets=True, joiner=" ", merge=True), encoding


def read_srt(path: Path) -> tuple[Parsed, str]:
    """Read a SubRip transcript."""
    lines, encoding = _subtitle_lines(path, "srt")
    return build_turns(lines, brackets=True, joiner=" ", merge=True), encoding
