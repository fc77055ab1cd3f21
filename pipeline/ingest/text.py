"""Plain-text transcripts (.txt, .md) and the decoding every text format shares.

Transcripts typed on Dutch Windows machines come in Windows-1252 as often as in UTF-8; Notepad
and Word also write UTF-8 with a byte-order mark and UTF-16 (with or without one).
:func:`decode` tries them in a fixed, safe order and refuses binary content with a message
that says so, instead of producing mojibake transcripts.
"""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ..errors import InputError
from .turns import Parsed, SourceLine, build_turns

#: Magic numbers of files that end up with a wrong extension, and what to tell the researcher.
MAGIC = (
    (b"PK\x03\x04", "is a zip archive (perhaps a Word .docx file renamed to {suffix})"),
    (b"\xd0\xcf\x11\xe0", "is an old Word .doc or other Office file, not plain text; save it as .docx or .txt"),
    (b"%PDF", "is a PDF file, not plain text; export the transcript as .docx or .txt"),
    (b"{\\rtf", "is a Rich Text (.rtf) file; save it as .docx or .txt"),
    (b"\x89PNG", "is a PNG image, not a transcript"),
    (b"\xff\xd8\xff", "is a JPEG image, not a transcript"),
    (b"GIF8", "is a GIF image, not a transcript"),
    (b"ID3", "is an audio file, not a transcript"),
    (b"RIFF", "is an audio/video file, not a transcript"),
)
BINARY = "looks like a binary file, not a transcript"
_ALLOWED_CONTROLS = set("\t\n\r\f\v\x1c\x1d\x1e\x85")


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NUL bytes fall in the pattern of UTF-16 text."""
    sample = data[:8192]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[:-1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    n = len(even)
    even_nul, odd_nul = even.count(0) / n, odd.count(0) / n
    if odd_nul > 0.3 and even_nul < 0.02:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.02:
        return "utf-16-be"
    return None


def decode(data: bytes, path: str | Path) -> tuple[str, str]:
    """Decode a text file's bytes.

    Parameters
    ----------
    data : bytes
        The whole file.
    path : str or Path
        For error messages only.

    Returns
    -------
    text : str
        The text, control characters removed (line breaks kept).
    encoding : str
        ``utf-8``, ``utf-8-sig``, ``utf-16`` or ``cp1252``.

    Raises
    ------
    InputError
        Empty file, binary content, invalid bytes in a file that declares UTF-8/UTF-16.
    """
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe\x1a"):
        raise InputError(path, "the file is empty")
    suffix = Path(path).suffix or "a text file"
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"{BINARY}: it {what.format(suffix=suffix)}")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            text, encoding = data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise InputError(path, "starts with a UTF-8 byte-order mark but contains bytes that are not "
                             "UTF-8; re-save it as UTF-8", f"line {_line_of(data, exc.start + 3)}") from None
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text, encoding = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise InputError(path, f"{BINARY} (it starts like UTF-16 text but is not valid UTF-16)") from None
    elif (utf16 := _utf16_without_bom(data)) is not None:
        try:
            text, encoding = data.decode(utf16), "utf-16"
        except UnicodeDecodeError:
            raise InputError(path, BINARY) from None
    elif b"\x00" in data:
        raise InputError(path, f"{BINARY} (it contains NUL bytes)")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1252"), "cp1252"
            except UnicodeDecodeError as exc:
                raise InputError(path, f"{BINARY} (byte 0x{data[exc.start]:02X} is neither UTF-8 nor "
                                 "Windows-1252)", f"line {_line_of(data, exc.start)}") from None
    controls = [ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in _ALLOWED_CONTROLS]
    if "\x00" in text or len(controls) > max(2, 0.002 * len(text)):
        raise InputError(path, f"{BINARY} (it contains {len(controls)} control characters)")
    if controls:
        drop = set(controls)
        text = "".join(ch for ch in text if ch not in drop)
    return text, encoding


def read_bytes(path: Path) -> bytes:
    """The file's bytes (opened read-only), or an InputError saying why not."""
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot be opened: {exc.strerror or exc}") from None


def text_lines(text: str) -> list[SourceLine]:
    """Split decoded text into numbered lines (CRLF, CR and LF line ends alike)."""
    return [SourceLine(line, f"line {n}") for n, line in enumerate(text.splitlines(), 1)]


def read_txt(path: Path) -> tuple[Parsed, str]:
    """Read a plain-text transcript; returns the parsed turns and the encoding used."""
    text, encoding = decode(read_bytes(path), path)
    return build_turns(text_lines(text)), encoding


_HEADING = re.compile(r"[ \t]{0,3}#{1,6}(?:[ \t]|$)")
_LEAD_BOLD = re.compile(r"[ \t]*(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_BOLD = re.compile(r"\*\*|__")
_ITALIC = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")


def _markdown_line(line: str, number: int) -> SourceLine:
    """Strip emphasis markers; remember where a leading bold label ends."""
    if _HEADING.match(line):
        return SourceLine(line.lstrip(" \t#").strip(), f"line {number}", heading=True)
    bold_end = None
    m = _LEAD_BOLD.match(line)
    if m:
        bold_end = len(_BOLD.sub("", line[: m.end()]))
    plain = _ESCAPE.sub(r"\1", _ITALIC.sub(r"\1", _BOLD.sub("", line)))
    if bold_end is not None:
        bold_end = min(bold_end, len(plain))
    return SourceLine(plain, f"line {number}", bold_end=bold_end)


def read_md(path: Path) -> tuple[Parsed, str]:
    """Read a Markdown transcript: ``**I:**`` bold labels, ``#`` headings and front matter are header."""
    text, encoding = decode(read_bytes(path), path)
    raw = text.splitlines()
    lines: list[SourceLine] = []
    front_end = -1
    if raw and raw[0].strip() == "---":
        for k in range(1, len(raw)):
            if raw[k].strip() in ("---", "..."):
                front_end = k
                break
    for n, line in enumerate(raw, 1):
        if n - 1 <= front_end:
            lines.append(SourceLine(line, f"line {n}", heading=True))
        else:
            lines.append(_markdown_line(line, n))
    return build_turns(lines), encoding
