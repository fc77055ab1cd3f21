"""Word (.docx) transcripts.

The body's paragraphs are read in order (tables are skipped entirely: they hold metadata or
topic lists, never the conversation). A paragraph's text is taken from its runs as Word shows
it — inserted text of tracked changes included, deleted text and text boxes left out — and
line breaks inside a paragraph (Shift+Enter) split it into lines. For each line the end of a
leading bold run is passed on, so that a bold speaker label (``Fatima:`` or ``Fatima`` in bold,
then the text) is recognised. Heading and title paragraphs are header material.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ..errors import InputError
from .text import read_bytes
from .turns import Parsed, SourceLine, build_turns

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
#: Elements whose content is not part of the paragraph's visible text.
_SKIP = {_W + "del", _W + "moveFrom", _W + "pPr", _W + "rPr", _W + "sdtPr", _W + "txbxContent",
         _MC + "AlternateContent", _W + "commentReference", _W + "footnoteReference",
         _W + "endnoteReference"}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: Relationship namespace of ISO 29500 Strict documents (Word: "Strict Open XML Document").
_STRICT = b"http://purl.oclc.org/ooxml/officeDocument/relationships"
_HEADING_STYLES = ("heading", "title", "subtitle", "kop", "titel", "ondertitel")
_FALSE = {"0", "false", "off", "none"}


def _on_off(el) -> bool | None:
    """The value of an on/off property element such as ``<w:b/>`` or ``<w:b w:val="0"/>``."""
    if el is None:
        return None
    return el.get(_W + "val", "true").lower() not in _FALSE


class _Styles:
    """Bold-ness and heading-ness of the document's styles, following ``basedOn`` chains."""

    def __init__(self, document):
        try:
            self._styles = document.styles.element
        except Exception:  # a document without styles part
            self._styles = None
        self._bold: dict[str, bool] = {}

    def _get(self, style_id: str | None):
        if not style_id or self._styles is None:
            return None
        return self._styles.get_by_id(style_id)

    def bold(self, style_id: str | None, depth: int = 0) -> bool:
        if not style_id or depth > 10:
            return False
        if style_id not in self._bold:
            style = self._get(style_id)
            value = False
            if style is not None:
                rpr = style.find(_W + "rPr")
                own = _on_off(rpr.find(_W + "b")) if rpr is not None else None
                value = own if own is not None else self.bold(style.basedOn_val, depth + 1)
            self._bold[style_id] = value
        return self._bold[style_id]

    def is_heading(self, style_id: str | None) -> bool:
        style = self._get(style_id)
        names = [style_id or ""]
        if style is not None and style.name_val:
            names.append(style.name_val)
        return any(n.lower().replace(" ", "").startswith(_HEADING_STYLES) for n in names if n)


def _runs(el):
    """The paragraph's runs in reading order, skipping deleted text, text boxes and properties."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == _W + "r":
            yield child
        else:
            yield from _runs(child)


def _run_text(run) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == _W + "t":
            parts.append(child.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            parts.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            parts.append("\n")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _paragraph(p, styles: _Styles) -> tuple[str, list[bool], bool]:
    """Text of a ``w:p`` element, a bold flag per character, and whether it is a heading."""
    ppr = p.find(_W + "pPr")
    pstyle = None
    if ppr is not None:
        ps = ppr.find(_W + "pStyle")
        pstyle = ps.get(_W + "val") if ps is not None else None
    para_bold = styles.bold(pstyle)
    text: list[str] = []
    flags: list[bool] = []
    for run in _runs(p):
        piece = _run_text(run)
        if not piece:
            continue
        rpr = run.find(_W + "rPr")
        bold = None
        if rpr is not None:
            bold = _on_off(rpr.find(_W + "b"))
            if bold is None:
                rs = rpr.find(_W + "rStyle")
                if rs is not None and styles.bold(rs.get(_W + "val")):
                    bold = True
        bold = para_bold if bold is None else bold
        text.append(piece)
        flags.extend([bold] * len(piece))
    return "".join(text), flags, styles.is_heading(pstyle)


def _bold_end(line: str, flags: list[bool]) -> int | None:
    """Offset where the line's leading bold run ends (leading spaces skipped), or None."""
    i = 0
    while i < len(line) and line[i].isspace():
        i += 1
    if i == len(line) or not flags[i]:
        return None
    while i < len(line) and (flags[i] or line[i].isspace()):
        i += 1
    # Trailing spaces of the bold run belong to the text's separator, not to the label.
    while i > 0 and line[i - 1].isspace():
        i -= 1
    return i


def _body_paragraphs(body):
    """Top-level paragraphs, also those inside block-level content controls; not table cells."""
    for child in body:
        if child.tag == _W + "p":
            yield child
        elif child.tag == _W + "sdt":
            content = child.find(_W + "sdtContent")
            if content is not None:
                yield from _body_paragraphs(content)
        elif child.tag in (_W + "ins", _W + "customXml"):
            yield from _body_paragraphs(child)


def open_docx(path: Path):
    """Open a .docx read-only, or raise an InputError that says what the file really is."""
    data = read_bytes(path)
    if not data:
        raise InputError(path, "the file is empty")
    if data.startswith(_OLE):
        raise InputError(path, "is password-protected (encrypted) or an old Word 97-2003 .doc file; "
                         "remove the password or save it as .docx in Word")
    if not data.startswith(b"PK"):
        raise InputError(path, "is not a Word document (not a .docx zip package); the file is "
                         "damaged or has the wrong extension")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = set(zf.namelist())
    # NotImplementedError: a damaged header that asks for a zip version or compression method
    # zipfile does not know ("zip file version 8.4", found by tests/test_fuzz.py)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError):
        raise InputError(path, "is damaged: not a readable .docx (zip) package") from None
    if "word/document.xml" not in names:
        raise InputError(path, "is a zip archive but not a Word document (it has no word/document.xml)")
    try:
        rels = zf.read("_rels/.rels") if "_rels/.rels" in names else b""
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, RuntimeError, NotImplementedError):
        raise InputError(path, "is damaged: not a readable .docx (zip) package") from None
    if _STRICT in rels:
        raise InputError(path, "is saved as 'Strict Open XML Document', which cannot be read; open it "
                         "in Word and save it as an ordinary Word document (.docx)")
    try:
        import docx

        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors on damage
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else type(exc).__name__
        raise InputError(path, f"is damaged: the Word document cannot be opened ({reason})") from None


def docx_lines(document, body) -> list[SourceLine]:
    """The body's paragraphs as lines; a paragraph with line breaks gives several lines."""
    styles = _Styles(document)
    lines: list[SourceLine] = []
    for number, p in enumerate(_body_paragraphs(body), 1):
        text, flags, heading = _paragraph(p, styles)
        if not text.strip():
            lines.append(SourceLine("", f"paragraph {number}"))
            continue
        start = 0
        for part in text.split("\n"):
            part_flags = flags[start:start + len(part)]
            start += len(part) + 1
            lines.append(SourceLine(part, f"paragraph {number}", bold_end=_bold_end(part, part_flags),
                                    heading=heading))
    return lines


def read_docx(path: Path) -> tuple[Parsed, str]:
    """Read a Word transcript; the encoding does not apply (``""``)."""
    document = open_docx(path)
    root = getattr(document, "element", None)
    body = root.find(_W + "body") if root is not None else None
    if body is None:  # e.g. the main part's XML has the wrong namespace
        raise InputError(path, "is damaged: the Word document has no readable body (word/document.xml)")
    lines = docx_lines(document, body)
    if not any(ln.text.strip() for ln in lines):
        raise InputError(path, "the Word document contains no text (outside tables)")
    return build_turns(lines), ""
