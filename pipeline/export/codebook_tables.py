"""The codebook as a table for a report's appendix: Markdown (``codebook.md``) and Word (``codebook.docx``).

Both show one row per code in tree order, with Dutch column headers, and end with the full
literature list. The Word file is landscape A4 with fixed column widths and a header row that
repeats on every page.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from ..codebook import Codebook
from ._zip import normalise_zip

#: Column headers (Dutch: the table goes into a Dutch report) and widths in the Word table (cm).
COLUMNS: tuple[tuple[str, float], ...] = (
    ("Code", 5.0),
    ("Label", 3.6),
    ("Definitie", 5.8),
    ("Wel coderen", 4.2),
    ("Niet coderen", 4.2),
    ("Bronnen", 3.3),
)


@dataclass(frozen=True)
class Row:
    """One code as table cells; list cells hold one item per rule or source."""

    code_id: str
    depth: int
    label: str
    definition: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    sources: tuple[str, ...]


def codebook_rows(book: Codebook) -> list[Row]:
    """The table rows in tree order (groups directly followed by their sub-codes)."""
    return [
        Row(code.id, depth, code.label.strip(), " ".join(code.definition.split()),
            tuple(i.strip() for i in code.include), tuple(e.strip() for e in code.exclude),
            tuple(s.strip() for s in code.sources))
        for depth, code in book.tree_order()
    ]


def _heading(book: Codebook) -> tuple[str, str]:
    subtitle = f"Versie {book.version} · {len(book.codes)} codes"
    if book.sha256:
        subtitle += f" · SHA-256 van het codeboekbestand: {book.sha256[:16]}…"
    return f"Codeboek: {book.name}", subtitle


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


def _md_cell(text: str) -> str:
    # A pipe ends the cell and a newline ends the row, so neither may appear raw.
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _md_list(items: tuple[str, ...]) -> str:
    return "<br>".join(_md_cell(f"• {item}" if len(items) > 1 else item) for item in items)


def codebook_markdown(book: Codebook) -> str:
    """The codebook table as GitHub/Pandoc Markdown; list cells use ``<br>`` between items."""
    title, subtitle = _heading(book)
    lines = [f"# {title}", "", subtitle, ""]
    if book.description.strip():
        lines += [" ".join(book.description.split()), ""]
    lines.append("| " + " | ".join(name for name, _ in COLUMNS) + " |")
    lines.append("|" + "|".join("---" for _ in COLUMNS) + "|")
    for row in codebook_rows(book):
        cells = [f"`{row.code_id}`", _md_cell(row.label), _md_cell(row.definition),
                 _md_list(row.include), _md_list(row.exclude), _md_list(row.sources)]
        lines.append("| " + " | ".join(cells) + " |")
    if book.references:
        lines += ["", "## Literatuur", ""]
        lines += [f"- {' '.join(citation.split())}" for _, citation in sorted(book.references.items(), key=lambda kv: kv[1])]
    return "\n".join(lines) + "\n"


def write_markdown(book: Codebook, path: Path) -> Path:
    path.write_text(codebook_markdown(book), encoding="utf-8", newline="\n")
    return path


# --------------------------------------------------------------------------------------------
# Word
# --------------------------------------------------------------------------------------------


def _repeat_as_header(row) -> None:
    """Mark ``row`` as the table's header: Word repeats it at the top of every page."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for cell in row.cells:
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:color"), "auto")
        shading.set(qn("w:fill"), "D9D9D9")
        cell._tc.get_or_add_tcPr().append(shading)


def _fill(cell, items: tuple[str, ...] | str, size, *, bold: bool = False) -> None:
    """Write text into a cell: one paragraph per item (bulleted when there are several)."""
    items = (items,) if isinstance(items, str) else items
    paragraph = cell.paragraphs[0]
    for n, item in enumerate(items):
        if n:
            paragraph = cell.add_paragraph()
        text = f"• {item}" if len(items) > 1 else item
        run = paragraph.add_run(text)
        run.font.size = size
        run.bold = bold
        paragraph.paragraph_format.space_after = 0


def codebook_docx_bytes(book: Codebook) -> bytes:
    """The codebook table as a Word document (bytes; the same codebook gives the same bytes)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(1.8))
    section.top_margin = section.bottom_margin = Cm(1.8)

    title, subtitle = _heading(book)
    document.add_heading(title, level=1)
    document.add_paragraph(subtitle)
    if book.description.strip():
        document.add_paragraph(" ".join(book.description.split()))

    size = Pt(9)
    table = document.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    for column, (_, width) in zip(table.columns, COLUMNS):
        column.width = Cm(width)
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, (name, width) in zip(header.cells, COLUMNS):
        cell.width = Cm(width)
        _fill(cell, name, size, bold=True)
    for row in codebook_rows(book):
        cells = table.add_row().cells
        values = (row.code_id, row.label, row.definition, row.include, row.exclude, row.sources)
        for n, (cell, value, (_, width)) in enumerate(zip(cells, values, COLUMNS)):
            cell.width = Cm(width)
            # Ids in the body font: a monospaced one would break long ids in the middle.
            _fill(cell, value, size, bold=n == 1 and row.depth == 0)

    if book.references:
        document.add_heading("Literatuur", level=2)
        for _, citation in sorted(book.references.items(), key=lambda kv: kv[1]):
            document.add_paragraph(" ".join(citation.split()))

    props = document.core_properties
    props.title = title
    props.subject = f"Codeboek versie {book.version}"
    props.author = "regie-pipeline"
    props.last_modified_by = "regie-pipeline"
    props.revision = 1
    props.comments = f"Gegenereerd door regie-pipeline uit codeboek versie {book.version}."
    # The template's creation dates (2013) are not ours and a clock time would break
    # byte-identical exports, so the document carries no dates at all.
    for tag in ("dcterms:created", "dcterms:modified"):
        for element in props._element.findall(qn(tag)):
            props._element.remove(element)

    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def write_docx(book: Codebook, path: Path) -> Path:
    path.write_bytes(codebook_docx_bytes(book))
    return path
