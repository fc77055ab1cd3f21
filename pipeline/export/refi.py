"""REFI-QDA (QDA-XML 1.0) codebook export: ``codebook.qdc``.

The exchange format read by ATLAS.ti, NVivo, MAXQDA, QualCoder and others. Every code gets a
GUID derived from its id alone (UUID version 5), so the same code has the same GUID in every
export and in every run's project file: codings made elsewhere can be matched back to our ids,
and the same codebook gives byte-identical files.
"""
from __future__ import annotations

import functools
import re
import uuid
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape, quoteattr
from pathlib import Path

from .. import __version__
from ..codebook import Code, Codebook

#: QDA-XML 1.0 codebook namespace.
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
CODEBOOK_SCHEMA_URL = "http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
#: Local copies of the published schemas (see ``pipeline/schemas/README.md``).
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
CODEBOOK_XSD = SCHEMA_DIR / "Codebook.xsd"
PROJECT_XSD = SCHEMA_DIR / "Project-mrt2019.xsd"

#: Fixed namespace for code GUIDs: ``uuid5(NAMESPACE_URL, "urn:regie-pipeline:codebook")``.
#: Never change it: GUIDs in earlier exports and projects would no longer match.
GUID_NAMESPACE = uuid.UUID("7903454f-b938-5110-95a9-632c0b74534c")

#: Okabe–Ito colours (distinguishable with colour-vision deficiencies), one per top-level group.
GROUP_COLOURS = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")

# Characters XML 1.0 cannot carry at all (control characters pasted from Word, for instance).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def code_guid(code_id: str) -> str:
    """The GUID of a code in every REFI-QDA file we write.

    Parameters
    ----------
    code_id : str
        Dotted codebook id, e.g. ``"proces.visie"``.

    Returns
    -------
    str
        Lower-case GUID without braces, e.g. ``"1b4e28ba-2fa1-5d3b-a3f5-…"``.
    """
    return str(uuid.uuid5(GUID_NAMESPACE, code_id))


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def code_description(book: Codebook, code: Code) -> str:
    """The text of a code's ``<Description>``: definition, coding rules, examples, sources (Dutch).

    Returns
    -------
    str
        Plain text with blank lines between the parts; empty when the code has none of them.
    """
    parts = []
    if code.definition.strip():
        parts.append(code.definition.strip())
    for title, items in (("Wel coderen", code.include), ("Niet coderen", code.exclude),
                         ("Voorbeelden", code.examples)):
        if items:
            parts.append(title + ":\n" + "\n".join(f"- {item.strip()}" for item in items))
    references = book.references_for(code)
    if references:
        parts.append("Bronnen:\n" + "\n".join(f"- {ref.strip()}" for ref in references))
    return _clean("\n\n".join(parts))


def group_colours(book: Codebook) -> dict[str, str]:
    """Colour per code id: each top-level code and everything under it share one colour."""
    colours: dict[str, str] = {}
    n_roots = 0
    for depth, code in book.tree_order():
        if depth == 0:
            colours[code.id] = GROUP_COLOURS[n_roots % len(GROUP_COLOURS)]
            n_roots += 1
        else:
            colours[code.id] = colours[code.parent]
    return colours


def _attrs(pairs: list[tuple[str, str]]) -> str:
    return "".join(f" {name}={quoteattr(_clean(value))}" for name, value in pairs)


def codebook_qdc_bytes(book: Codebook) -> bytes:
    """``codebook.qdc`` as UTF-8 bytes: codes nested by parent in file order, two-space indent,
    LF line ends.

    Every code is ``isCodable="true"``: a researcher may code a group in QDA software even
    though the rules coder codes only its sub-codes. The XML is written directly rather than
    through ElementTree, whose namespace prefixes are process-wide state and which cannot put
    unqualified attributes under a default namespace.
    """
    colours = group_colours(book)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        "<CodeBook" + _attrs([("xmlns", CODEBOOK_NS), ("xmlns:xsi", XSI_NS),
                              ("xsi:schemaLocation", f"{CODEBOOK_NS} {CODEBOOK_SCHEMA_URL}"),
                              ("origin", f"regie-pipeline {__version__}")]) + ">",
        "  <Codes>",
    ]

    ordered = book.tree_order()
    open_depths: list[int] = []
    for n, (depth, code) in enumerate(ordered):
        while open_depths and open_depths[-1] >= depth:
            lines.append("  " * (open_depths.pop() + 2) + "</Code>")
        pad = "  " * (depth + 2)
        attrs = _attrs([("guid", code_guid(code.id)), ("name", code.label.strip()),
                        ("isCodable", "true"), ("color", colours[code.id])])
        description = code_description(book, code)
        has_children = n + 1 < len(ordered) and ordered[n + 1][0] > depth
        if not description and not has_children:
            lines.append(f"{pad}<Code{attrs}/>")
            continue
        lines.append(f"{pad}<Code{attrs}>")
        if description:
            # Text content keeps its own line breaks; only &, < and > need escaping.
            lines.append(f"{pad}  <Description>{escape(description)}</Description>")
        if has_children:
            open_depths.append(depth)
        else:
            lines.append(f"{pad}</Code>")
    while open_depths:
        lines.append("  " * (open_depths.pop() + 2) + "</Code>")
    lines += ["  </Codes>", "</CodeBook>", ""]
    return "\n".join(lines).encode("utf-8")


def write_qdc(book: Codebook, path: Path) -> Path:
    """Write the REFI-QDA codebook to ``path``; return ``path``."""
    path.write_bytes(codebook_qdc_bytes(book))
    return path


@functools.lru_cache(maxsize=None)
def load_schema(xsd: Path = CODEBOOK_XSD):
    """The compiled XML schema (``xmlschema.XMLSchema``) of one of our local XSD copies."""
    import xmlschema

    return xmlschema.XMLSchema(str(xsd))


def validate_xml(source: Path | bytes | str, xsd: Path = CODEBOOK_XSD) -> list[str]:
    """Every way ``source`` breaks the schema, as readable strings; empty when it is valid.

    Parameters
    ----------
    source : Path, bytes or str
        A file, or the document itself (bytes, or str holding XML).
    xsd : Path
        :data:`CODEBOOK_XSD` (default) or :data:`PROJECT_XSD`.

    Notes
    -----
    ``xsi:schemaLocation`` hints in the document are ignored: validation never goes online.
    """
    import xmlschema

    schema = load_schema(xsd)
    if isinstance(source, bytes):
        source = source.decode("utf-8-sig")
    try:
        errors = list(schema.iter_errors(str(source) if isinstance(source, Path) else source))
    except (ET.ParseError, xmlschema.XMLSchemaException) as exc:
        return [f"not well-formed XML: {exc}"]
    return [f"{error.path or '/'}: {error.reason}" for error in errors]
