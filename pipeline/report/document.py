"""``report.docx``: the run's findings as a Word document authors can paste from.

Structure: title page; 1 Methode (generated from the run); 2 Codes; 3 Regiestijlen;
4 Competenties; 5 Typerende citaten; Bijlage A Codeboek. Tables and figures carry numbered
captions ("Tabel 1.", "Figuur 1.") as Word SEQ fields with the number filled in, so Word can
build a list of figures from them. Everything uses built-in Word styles (Title, Heading 1/2,
Caption, Quote, Table Grid) so that authors can restyle the document with their own template.

The file is deterministic apart from the run date (see :func:`.reproducible.run_date`).
"""
from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .. import __version__
from ..analyse import min_code_share
from ..columns import STYLES
from .figures import SavedFigure
from .labels import CodeLabels, competence_label, competence_labels, format_number, style_label
from .quotes import typical_quotes
from .reproducible import normalise_zip, run_date, write_bytes_atomic


PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 25
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
#: Tallest figure on a page, leaving room for its caption and a heading.
MAX_FIGURE_HEIGHT_MM = 222
TABLE_FONT_PT = 9
#: Tables up to this many rows are kept on one page.
KEEP_TOGETHER_ROWS = 20
HEADER_SHADING = "DCE6F1"
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")
SEGMENT_UNITS = {"turn": "spreekbeurt", "paragraph": "alinea", "sentence": "zin"}


def dutch_date(day) -> str:
    """``date(2025, 3, 4)`` → ``"4 maart 2025"``."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _settings(run) -> dict:
    """The run's settings: from its config, else from its manifest (loaded runs)."""
    if getattr(run, "config", None) is not None:
        return run.config.settings()
    return dict((getattr(run, "manifest", None) or {}).get("settings", {}) or {})


def _join(items: list[str]) -> str:
    """Dutch enumeration: ``a``, ``a en b``, ``a, b en c``."""
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _percent(value) -> str:
    if value is None or pd.isna(value):
        return "–"
    return format_number(float(value) * 100, 1) + "%"


# --------------------------------------------------------------------------------------------
# low-level Word helpers (XML where python-docx has no API)


def _field(paragraph, instruction: str, cached: str) -> None:
    """A Word field (``PAGE``, ``SEQ Figuur``) whose current result is ``cached``."""
    def fld_char(kind):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        return run

    fld_char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    paragraph.add_run(cached)
    fld_char("end")


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    # Schema order in tcPr: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, textDirection, …
    later = [qn(f"w:{t}") for t in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")]
    for child in tc_pr:
        if child.tag in later:
            child.addprevious(shd)
            return
    tc_pr.append(shd)


def _row_flags(row, *, header: bool) -> None:
    """Keep a row on one page; repeat header rows at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)
    if header:
        tbl_header = OxmlElement("w:tblHeader")
        tr_pr.append(tbl_header)


def _set_language(doc, lang: str = "nl-NL") -> None:
    """Default language of the text (Dutch spelling check in Word)."""
    styles = doc.styles.element
    r_pr = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr"))
    if r_pr is None:
        return
    lang_el = r_pr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        r_pr.append(lang_el)
    lang_el.set(qn("w:val"), lang)


def _header_width_mm(text: str) -> float:
    """Room a bold 9 pt header needs on one line: ~1.95 mm per character plus cell margins."""
    return len(text) * 1.95 + 4.5


def fit_widths(header: list[str], widths_mm: list[float]) -> list[float]:
    """Column widths that add up to at most the text width and keep every header word whole.

    Columns narrower than their header are widened; the extra room is taken from the widest
    column (the text column, whose content wraps anyway).
    """
    widths = [max(w, _header_width_mm(h)) for w, h in zip(widths_mm, header)]
    excess = sum(widths) - TEXT_WIDTH_MM
    if excess > 0:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        widths[widest] = max(widths[widest] - excess, _header_width_mm(header[widest]))
    total = sum(widths)
    if total > TEXT_WIDTH_MM:
        widths = [w * TEXT_WIDTH_MM / total for w in widths]
    return widths


# --------------------------------------------------------------------------------------------
# the document builder


@dataclass
class ReportBuilder:
    """Adds numbered tables and figures to a python-docx Document in house style."""

    doc: object
    n_tables: int = 0
    n_figures: int = 0
    captions: list[str] = field(default_factory=list)

    # -- text ---------------------------------------------------------------------------------
    def heading(self, text: str, level: int = 1):
        return self.doc.add_heading(text, level=level)

    def paragraph(self, text: str = "", style: str | None = None):
        return self.doc.add_paragraph(text, style=style)

    def caption(self, kind: str, text: str, *, keep_with_next: bool):
        number = self.n_tables if kind == "Tabel" else self.n_figures
        p = self.doc.add_paragraph(style="Caption")
        p.add_run(f"{kind} ")
        _field(p, f"SEQ {kind} \\* ARABIC", str(number))
        p.add_run(f". {text}")
        p.paragraph_format.keep_with_next = keep_with_next
        self.captions.append(p.text)
        return p

    # -- tables -------------------------------------------------------------------------------
    def table(self, caption: str, header: list[str], rows: list[list], widths_mm: list[float], *,
              align: list[str] | None = None, indent: list[int] | None = None,
              bold_rows: list[bool] | None = None, rows_can_split: bool = False):
        """A captioned "Table Grid" table that fits the text width.

        Parameters
        ----------
        header : list of str
        rows : list of list
            Cell contents; a list inside a cell becomes separate paragraphs.
        widths_mm : list of float
            Column widths, scaled to the text width if they add up to more.
        align : list of {"l", "r", "c"}, optional
        indent : list of int, optional
            Indent level of the first cell per row (code hierarchy).
        """
        self.n_tables += 1
        # The paragraph that introduces the table stays on the table's page.
        body = self.doc.element.body
        if len(body) > 1 and body[-2].tag == qn("w:p"):
            p_pr = body[-2].get_or_add_pPr()
            if p_pr.find(qn("w:keepNext")) is None:
                p_pr.keepNext_val = True
        self.caption("Tabel", caption, keep_with_next=True)
        widths_mm = fit_widths(header, widths_mm)
        align = align or ["l"] * len(header)
        alignment = {"l": WD_ALIGN_PARAGRAPH.LEFT, "r": WD_ALIGN_PARAGRAPH.RIGHT,
                     "c": WD_ALIGN_PARAGRAPH.CENTER}
        table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        tbl_w = table._tbl.tblPr.find(qn("w:tblW"))
        if tbl_w is not None:
            tbl_w.set(qn("w:type"), "dxa")
            tbl_w.set(qn("w:w"), str(int(sum(widths_mm) / 25.4 * 1440)))
        for col, width in zip(table.columns, widths_mm):
            col.width = Mm(width)
        for r, values in enumerate([header] + rows):
            row = table.rows[r]
            if r == 0 or not rows_can_split:
                _row_flags(row, header=(r == 0))
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = Mm(widths_mm[c])
                if r == 0:
                    _shade(cell, HEADER_SHADING)
                parts = value if isinstance(value, list) else [value]
                first = cell.paragraphs[0]
                for k, part in enumerate(parts):
                    p = first if k == 0 else cell.add_paragraph()
                    fmt = p.paragraph_format
                    fmt.space_before = Pt(1)
                    fmt.space_after = Pt(1)
                    p.alignment = alignment[align[c]]
                    if r > 0 and c == 0 and indent:
                        fmt.left_indent = Mm(4 * indent[r - 1])
                    run = p.add_run("" if part is None else str(part))
                    run.font.size = Pt(TABLE_FONT_PT)
                    if r == 0 or (c == 0 and bold_rows and bold_rows[r - 1]):
                        run.bold = True
        if len(rows) <= KEEP_TOGETHER_ROWS and not rows_can_split:
            # Short tables stay on one page: every row keeps with the next.
            for row in table.rows[:-1]:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        p.paragraph_format.keep_with_next = True
        self.doc.add_paragraph()  # air between the table and what follows
        return table

    # -- figures ------------------------------------------------------------------------------
    def figure(self, saved: SavedFigure):
        """The figure at text width (or shorter when tall), its caption below."""
        from PIL import Image

        self.n_figures += 1
        with Image.open(saved.png) as image:
            px_w, px_h = image.size
        width = TEXT_WIDTH_MM
        if px_h * width / px_w > MAX_FIGURE_HEIGHT_MM:
            width = MAX_FIGURE_HEIGHT_MM * px_w / px_h
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(str(saved.png), width=Mm(width))
        self.caption("Figuur", saved.caption, keep_with_next=False)

    def figure_or_note(self, figures: dict[str, SavedFigure], name: str):
        saved = figures.get(name)
        if saved is None:
            return
        if saved.has_data:
            self.figure(saved)
        else:
            self.paragraph(f"Geen figuur “{saved.caption.lower()}”: er zijn geen gegevens voor.")


def _new_document(title: str, day) -> object:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    section.header_distance = section.footer_distance = Mm(12)
    section.different_first_page_header_footer = True  # no page number on the title page
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    doc.styles["Caption"].font.size = Pt(9)
    doc.styles["Caption"].font.color.rgb = RGBColor(0x1F, 0x3A, 0x5F)
    _set_language(doc)
    props = doc.core_properties
    stamp = dt.datetime(day.year, day.month, day.day)
    props.title = title
    props.subject = "Analyserapport regie-pipeline"
    props.author = "regie-pipeline"
    props.last_modified_by = "regie-pipeline"
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = "nl-NL"
    props.comments = ""
    props.keywords = "regie; kwalitatief onderzoek"
    return doc


# --------------------------------------------------------------------------------------------
# sections


def _ok_documents(run) -> pd.DataFrame:
    docs = run.documents
    if docs.empty:
        return docs
    return docs[docs["status"].astype(str) == "ok"]


def method_text(run) -> list[str]:
    """The method section as paragraphs, with every number taken from the run."""
    settings = _settings(run)
    docs = _ok_documents(run)
    n_docs = len(docs)
    n_words = int(pd.to_numeric(docs["n_words"], errors="coerce").fillna(0).sum()) if n_docs else 0
    n_resp = docs["respondent_id"].astype(str).nunique() if n_docs else 0
    segs = run.segments
    n_segs = len(segs)
    n_resp_segs = int((segs["role"].astype(str) == "respondent").sum()) if n_segs else 0
    unit = SEGMENT_UNITS.get(str(settings.get("segment_unit", "turn")), str(settings.get("segment_unit", "")))
    words = f"{n_words:,}".replace(",", ".")
    paragraphs = [
        f"Dit rapport beschrijft {_count(n_docs, 'interview', 'interviews')} ({words} woorden) met "
        f"{_count(n_resp, 'respondent', 'respondenten')}. De transcripten zijn opgedeeld in "
        f"{_count(n_segs, 'segment', 'segmenten')} (eenheid: {unit}), waarvan {n_resp_segs} "
        f"van respondenten."
    ]
    skipped = len(run.documents) - n_docs if not run.documents.empty else 0
    if skipped:
        paragraphs[0] += (" " + ("Eén bestand is overgeslagen omdat het" if skipped == 1 else
                                 f"{skipped} bestanden zijn overgeslagen omdat ze")
                          + " niet gelezen kon" + ("" if skipped == 1 else "den") + " worden (zie documents.csv).")

    book = run.codebook
    manifest_book = (getattr(run, "manifest", None) or {}).get("codebook", {}) or {}
    name = getattr(book, "name", None) or manifest_book.get("name") or "onbekend codeboek"
    version = getattr(book, "version", None) or manifest_book.get("version") or "?"
    n_codes = len(book.codable()) if book is not None else len(run.code_summary)
    coders = sorted(set(run.codings["coder"].astype(str))) if not run.codings.empty else list(settings.get("coders", []))
    coder_text = _join([_describe_coder(c) for c in coders]) or "geen codeerder"
    interviewer = settings.get("code_interviewer", False)
    paragraphs.append(
        f"De segmenten zijn gecodeerd met het codeboek ‘{name}’ (versie {version}, {n_codes} codes) "
        f"door {coder_text}. "
        + ("Ook de beurten van de interviewer zijn gecodeerd. " if interviewer else
           "Tellingen en citaten betreffen alleen de segmenten van respondenten. ")
    )
    if settings.get("pseudonymise", True):
        paragraphs.append(
            "De transcripten zijn gepseudonimiseerd vóór de analyse: namen van personen, plaatsen, "
            "datums, telefoonnummers en e-mailadressen zijn vervangen door pseudoniemen. Alle "
            "citaten in dit rapport zijn gepseudonimiseerd."
        )
    else:
        paragraphs.append(
            "Let op: de transcripten zijn níét gepseudonimiseerd. Controleer citaten op "
            "herleidbare gegevens voordat u ze overneemt."
        )
    styles = settings.get("styles") or {}
    if styles:
        labels = CodeLabels.from_run_parts(book, run.code_summary)
        paragraphs.append(style_method_text(styles, labels))
    comp = run.competences
    if not comp.empty:
        low, high = settings.get("scale_min", 1), settings.get("scale_max", 5)
        paragraphs.append(
            f"Van {_count(comp['respondent_id'].astype(str).nunique(), 'respondent', 'respondenten')} is "
            f"een competentiescan ingelezen met {_count(comp['competence'].astype(str).nunique(), 'competentie', 'competenties')} "
            f"op een schaal van {low} tot en met {high}. Lege cellen tellen als ontbrekend, niet als nul."
        )
    else:
        paragraphs.append("Er is geen competentiescan ingelezen.")
    return paragraphs


def style_method_text(styles: dict, labels: CodeLabels | None = None) -> str:
    """The method paragraph on regie styles, written from the run's ``styles`` settings.

    It describes the rule the run used (``rule``: ``index`` or session 1's ``ratio``) and only the
    checks that are switched on, with their thresholds, so an author can paste it as it stands.
    """
    def share(key):
        return _percent(styles.get(key))

    def number(key, decimals=1):
        return format_number(float(styles.get(key) or 0), decimals)

    if styles.get("rule", "index") == "ratio":
        return (
            "De regiestijl van een respondent volgt uit het aandeel van zijn of haar segmenten met "
            "aanwijzingen voor casusgerichte en voor netwerkgerichte regie: de stijlcodes zelf en de "
            "vertrouwensrol die bij elke stijl hoort (vertrouwen van de persoon in regie, "
            "respectievelijk vertrouwen tussen professionals). Een stijl wordt toegekend "
            f"als er ten minste {styles.get('min_segments')} gecodeerde respondentsegmenten zijn, "
            f"de stijl ten minste {_percent(min_code_share(styles.get('min_share'), 'ratio'))} "
            "van de segmenten draagt, "
            f"de andere stijl met ten minste {format_number(float(styles.get('min_margin', 0)) * 100, 1)} "
            f"procentpunt en met een factor {number('min_ratio')} overtreft"
            + (", en de expliciete stijluitspraken van de respondent niet duidelijk de andere kant op wijzen"
               if styles.get("min_contradiction") is not None else "")
            + "; anders is de stijl ‘onbepaald’."
        )
    if styles.get("turn_leaning", "learned") == "learned":
        model = styles.get("turn_model")
        reader = ("zoals gelezen door een model dat op de woorden van een antwoord let en is getraind op "
                  "antwoorden die onderzoekers als gericht op de persoon of op het netwerk hebben gemarkeerd ("
                  + (f"model {Path(str(model)).name}" if model else "het model dat met regie-pipeline wordt meegeleverd")
                  + ")")
    else:
        reader = "herkend aan de woordenlijsten van het codeboek"
    sentences = [
        "De regiestijl van een respondent volgt uit een stijlindex die drie soorten aanwijzingen "
        "optelt: het aandeel van zijn of haar segmenten met codes die op casusgerichte of op "
        "netwerkgerichte regie wijzen (de stijlcodes en de vertrouwensrol die bij elke stijl hoort); "
        "hoe vaak de respondent spreekt over de persoon in regie en diens omgeving, tegenover "
        "organisaties, partners en afspraken (de woordenlijsten van het codeboek); en hoeveel "
        f"antwoorden naar de persoon of naar het netwerk neigen, {reader}.",
        "Een positieve index wijst op netwerkgerichte regie, een negatieve op casusgerichte; ligt de "
        f"index minder dan {number('min_index')} van nul, dan is de stijl ‘onbepaald’.",
    ]
    if styles.get("self_label_band") is not None:
        sentences.append(
            "Een respondent die zichzelf uitdrukkelijk één stijl toeschrijft, krijgt die stijl, tenzij de "
            f"index ten minste {number('self_label_band')} de andere kant op wijst.")
    undecided = [f"bij minder dan {styles.get('min_segments')} gecodeerde respondentsegmenten"]
    if styles.get("min_share") is not None:
        undecided.append(f"wanneer minder dan {share('min_share')} van de segmenten een code van de "
                         "leidende stijl draagt")
    if styles.get("thin_share") is not None:
        undecided.append(
            f"wanneer hoogstens {share('thin_share')} van de antwoorden (van ten minste "
            f"{styles.get('substantive_words')} woorden) naar de persoon of naar het netwerk neigt"
            + (f", tenzij de index ten minste {number('thin_band')} van nul ligt"
               if styles.get("thin_band") is not None else ""))
    if styles.get("thin_probability") is not None and styles.get("turn_leaning", "learned") == "learned":
        undecided.append(
            "wanneer het model de antwoorden (van ten minste "
            f"{styles.get('substantive_words')} woorden) gemiddeld een kans van hoogstens "
            f"{number('thin_probability')} geeft dat ze naar de persoon of naar het netwerk neigen")
    if float(styles.get("mixed_band") or 0) > 0 and styles.get("mixed_code"):
        code = str(styles["mixed_code"])
        name = labels.label(code) if labels is not None else code
        undecided.append(
            f"wanneer de respondent zegt beide te doen (code ‘{name}’), tenzij de index ten minste "
            f"{number('mixed_band')} per zo’n uitspraak van nul ligt (hoogstens "
            f"{styles.get('mixed_band_turns')} uitspraken tellen mee)")
    if styles.get("balanced_share") is not None:
        undecided.append(
            "wanneer de neigende antwoorden ongeveer gelijk verdeeld zijn (ten minste "
            f"{styles.get('balanced_min_turns')} elke kant op en de kleinste kant ten minste "
            f"{share('balanced_share')}), tenzij de index ten minste {number('balanced_band')} van nul ligt")
    sentences.append("De stijl is ook ‘onbepaald’ " + _join(undecided) + ".")
    sentences.append("De index en de tellingen staan per respondent in respondents.csv (kolommen "
                     "style_index, casus_turns en netwerk_turns).")
    return " ".join(sentences)


def _describe_coder(coder: str) -> str:
    kind, _, name = coder.partition(":")
    if kind == "rules":
        return "de regelgebaseerde codeerder (rules)"
    if kind == "model":
        return f"het model {name}"
    if kind == "human":
        return f"handmatige codering ({name})"
    return coder


def _code_section(builder: ReportBuilder, run, labels: CodeLabels, figures: dict[str, SavedFigure]):
    builder.heading("Codes", 1)
    summary = run.code_summary.copy()
    if summary.empty:
        builder.paragraph("Er zijn geen codes toegekend.")
    else:
        summary["code_id"] = summary["code_id"].astype(str)
        summary["n_segments"] = pd.to_numeric(summary["n_segments"], errors="coerce").fillna(0).astype(int)
        summary["n_respondents"] = pd.to_numeric(summary["n_respondents"], errors="coerce").fillna(0).astype(int)
        leaves = summary[~summary["code_id"].map(labels.is_parent)]
        if leaves["n_segments"].sum() > 0:
            top = leaves.sort_values(["n_segments", "code_id"], ascending=[False, True]).iloc[0]
            unused = leaves[leaves["n_segments"] == 0]
            text = (f"De vaakst toegekende code is ‘{labels.label(top.code_id)}’ "
                    f"({_count(int(top.n_segments), 'segment', 'segmenten')} bij "
                    f"{_count(int(top.n_respondents), 'respondent', 'respondenten')}).")
            if len(unused):
                text += (" Niet toegekend: "
                         + _join([f"‘{labels.label(c)}’" for c in sorted(unused['code_id'], key=labels.sort_key)]) + ".")
            builder.paragraph(text)
        summary = summary.assign(_order=summary["code_id"].map(labels.sort_key)).sort_values("_order")
        depth = []
        for code_id in summary["code_id"]:
            level, current, seen = 0, code_id, set()
            while labels.parents.get(current) and current not in seen:
                seen.add(current)
                current = labels.parents[current]
                level += 1
            depth.append(level)
        builder.table(
            "Aantal segmenten en respondenten per code (codes met subcodes: totaal van de subcodes)",
            ["Code", "Segmenten", "Respondenten"],
            [[labels.label(r.code_id), r.n_segments, r.n_respondents] for r in summary.itertuples()],
            [100, 28, 32], align=["l", "r", "r"], indent=depth,
            bold_rows=[labels.is_parent(c) for c in summary["code_id"]],
        )
    for name in ("code_frequenties", "code_respondent_heatmap", "code_cooccurrentie"):
        builder.figure_or_note(figures, name)


def _style_section(builder: ReportBuilder, run, figures: dict[str, SavedFigure]):
    builder.heading("Regiestijlen", 1)
    resp = run.respondents.copy()
    if resp.empty:
        builder.paragraph("Er zijn geen respondenten met gecodeerde segmenten.")
    else:
        resp["respondent_id"] = resp["respondent_id"].astype(str)
        counts = resp["style"].astype(str).value_counts()
        parts = [f"{int(counts.get(s, 0))} {style_label(s).lower()}" for s in STYLES if counts.get(s, 0)]
        builder.paragraph(
            f"Van de {_count(len(resp), 'respondent', 'respondenten')} "
            f"{'is' if len(resp) == 1 else 'zijn er'} {_join(parts)}."
        )
        resp = resp.sort_values("respondent_id", kind="mergesort")
        header = ["Respondent", "Regiestijl", "Casusgericht", "Netwerkgericht", "Segmenten"]
        rows = [[r.respondent_id, style_label(r.style), _percent(pd.to_numeric(r.casus_score, errors="coerce")),
                 _percent(pd.to_numeric(r.netwerk_score, errors="coerce")),
                 format_number(r.n_segments, 0)] for r in resp.itertuples()]
        widths, align = [30, 36, 32, 33, 29], ["l", "l", "r", "r", "r"]
        caption = "Regiestijl per respondent: aandeel van de segmenten met casusgerichte en netwerkgerichte regie"
        # The index rule (default) decides on more than the two shares; show what it adds, so the
        # table explains every call (a run with the ratio rule has no index).
        index = pd.to_numeric(resp.get("style_index"), errors="coerce") if "style_index" in resp else None
        if index is not None and index.notna().any():
            header = ["Respondent", "Regiestijl", "Casus", "Netwerk", "Segmenten", "Antwoorden", "Index"]
            casus_turns = pd.to_numeric(resp["casus_turns"], errors="coerce")
            netwerk_turns = pd.to_numeric(resp["netwerk_turns"], errors="coerce")
            for row, c, n, i in zip(rows, casus_turns, netwerk_turns, index):
                row += [f"{format_number(c, 0)} / {format_number(n, 0)}", format_number(i, 2)]
            widths, align = [28, 31, 15, 19, 25, 28, 14], align + ["r", "r"]
            caption = ("Regiestijl per respondent: aandeel van de segmenten met casusgerichte en met "
                       "netwerkgerichte aanwijzingen (Casus, Netwerk), aantal antwoorden dat naar de persoon "
                       "en naar het netwerk neigt (Antwoorden) en de stijlindex (positief: netwerkgericht)")
        builder.table(caption, header, rows, widths, align=align)
    builder.figure_or_note(figures, "regiestijl_scatter")


def _competence_section(builder: ReportBuilder, run, figures: dict[str, SavedFigure]):
    builder.heading("Competenties", 1)
    summary = run.competence_summary.copy()
    names = competence_labels(run)
    if summary.empty:
        builder.paragraph("Er is geen competentiescan ingelezen.")
    else:
        summary["mean"] = pd.to_numeric(summary["mean"], errors="coerce")
        summary["rank"] = pd.to_numeric(summary["rank"], errors="coerce")
        ranked = summary.dropna(subset=["mean"]).sort_values(["mean", "competence"], ascending=[False, True])
        if len(ranked) >= 2:
            best = ranked[ranked["mean"] == ranked["mean"].max()]
            worst = ranked[ranked["mean"] == ranked["mean"].min()]
            builder.paragraph(
                "De groep scoort gemiddeld het hoogst op "
                + _join([f"{competence_label(c, names).lower()} ({format_number(m)})" for c, m in zip(best["competence"], best["mean"])])
                + " en het laagst op "
                + _join([f"{competence_label(c, names).lower()} ({format_number(m)})" for c, m in zip(worst["competence"], worst["mean"])])
                + "."
            )
        summary = summary.sort_values(["rank", "competence"], kind="mergesort", na_position="last")
        builder.table(
            "Competentiescan: aantal scores, gemiddelde, standaardafwijking, laagste en hoogste score en rang (1 = hoogste gemiddelde)",
            ["Competentie", "n", "Gemiddelde", "sd", "Min", "Max", "Rang"],
            [[competence_label(r.competence, names), format_number(r.n, 0), format_number(r.mean),
              format_number(r.sd), format_number(r.min, 0 if float(r.min or 0).is_integer() else 1),
              format_number(r.max, 0 if float(r.max or 0).is_integer() else 1), format_number(r.rank, 0)]
             for r in summary.itertuples()],
            [50, 12, 26, 16, 16, 16, 20], align=["l", "r", "r", "r", "r", "r", "r"],
        )
    for name in ("competentieprofiel", "competenties_per_respondent", "competenties_per_stijl"):
        builder.figure_or_note(figures, name)


def _quote_section(builder: ReportBuilder, run, labels: CodeLabels, n_quotes: int):
    builder.heading("Typerende citaten", 1)
    quotes = typical_quotes(run.codings, run.segments, run.documents, n=n_quotes)
    builder.paragraph(
        f"Per code de (hoogstens) {n_quotes} meest typerende citaten van respondenten: de segmenten "
        "met de hoogste codeerscore, en bij gelijke score de kortste (bij voorkeur 8 tot 80 woorden). "
        "Achter elk citaat staat het segmentnummer (document:volgnummer), waarmee het in "
        "segments.csv en in de transcripten terug te vinden is."
    )
    codes = sorted(set(quotes["code_id"].astype(str)), key=labels.sort_key) if not quotes.empty else []
    for code_id in codes:
        builder.heading(labels.label(code_id), 2)
        for q in quotes[quotes["code_id"] == code_id].itertuples():
            p = builder.paragraph(style="Quote")
            p.add_run(f"“{q.text}”")
            ref = p.add_run(f" ({q.segment_id}, respondent {q.respondent_id})")
            ref.italic = False
            ref.font.size = Pt(8.5)
    without = [c for c in labels.leaves() if c not in set(codes)]
    if without:
        builder.paragraph("Geen citaten voor: " + _join([f"‘{labels.label(c)}’" for c in without]) + ".")
    return quotes


def _codebook_appendix(builder: ReportBuilder, run, labels: CodeLabels):
    builder.doc.add_page_break()
    builder.heading("Bijlage A. Codeboek", 1)
    book = run.codebook
    if book is None:
        builder.paragraph("Het codeboek van deze run is niet beschikbaar; alleen de labels uit code_summary.csv zijn opgenomen.")
        ids = sorted(labels.labels, key=labels.sort_key)
        rows = [[labels.label(c), "", ""] for c in ids]
    else:
        builder.paragraph(f"Codeboek ‘{book.name}’, versie {book.version}. "
                          + (book.description.strip() + " " if book.description else "")
                          + "Per code het label, de definitie en de literatuur waaruit de code is afgeleid; "
                          "de volledige bronvermeldingen staan in de literatuurlijst onder de tabel.")
        ids = [c.id for c in book.codes]
        rows = []
        for code in book.codes:
            sources = [short_citation(book.references.get(key, key), key) for key in code.sources]
            # Zero-width spaces after the dots let a long id wrap at a dot, not mid-word.
            rows.append([[code.label, code.id.replace(".", ".\u200b")], code.definition.strip() or "–",
                         sources or ["–"]])
    depth = []
    for code_id in ids:
        level, current, seen = 0, code_id, set()
        while labels.parents.get(current) and current not in seen:
            seen.add(current)
            current = labels.parents[current]
            level += 1
        depth.append(level)
    table = builder.table("Codeboek: label (met code-id), definitie en bronnen", ["Code", "Definitie", "Bronnen"],
                          rows, [46, 76, 38], indent=depth, bold_rows=[labels.is_parent(c) for c in ids],
                          rows_can_split=True)
    # The dotted id under the label in small grey type.
    for row in table.rows[1:]:
        paragraphs = row.cells[0].paragraphs
        if len(paragraphs) > 1:
            for run_ in paragraphs[1].runs:
                run_.font.size = Pt(7.5)
                run_.bold = False
                run_.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    if book is not None:
        cited = sorted({key for code in book.codes for key in code.sources},
                       key=lambda k: (book.references.get(k, k).lower(), k))  # the key breaks ties of a set
        if cited:
            builder.heading("Literatuur", 2)
            for key in cited:
                p = builder.paragraph(book.references.get(key, key))
                fmt = p.paragraph_format
                fmt.left_indent = Mm(8)
                fmt.first_line_indent = Mm(-8)  # hanging indent, as in a reference list
                fmt.space_after = Pt(4)


def short_citation(reference: str, key: str) -> str:
    """An in-text citation from a full APA-style reference, for the codebook table.

    ``"Achbab, S., Bosselaar, H., & van Steden, R. (2022). …"`` → ``"Achbab et al. (2022)"``,
    two authors → ``"Bosselaar & Bannink (2020)"``, an organisation → ``"ZonMw (z.j.)"``;
    the reference key when there is no year in brackets.
    """
    m = re.match(r"^(?P<authors>.{2,200}?)\s*\(\s*(?P<year>\d{4}[a-z]?|z\.j\.|n\.d\.)\s*\)",
                 str(reference).strip())
    if not m:
        return str(key)
    authors, year = m.group("authors").strip().rstrip(","), m.group("year")
    # Surnames are the parts followed by initials; an organisation has none and stays whole.
    names = [n.strip() for n in re.findall(
        r"(?:^|,|&)\s*([^,&]+?),\s*(?:[A-Z][A-Za-z]?\.\s*-?\s*)+(?=,|&|$)", authors)]
    if not names:
        return f"{authors} ({year})"
    if len(names) == 1:
        return f"{names[0]} ({year})"
    if len(names) == 2:
        return f"{names[0]} & {names[1]} ({year})"
    return f"{names[0]} et al. ({year})"


# --------------------------------------------------------------------------------------------
# entry point


def build_report(run, figures: list[SavedFigure]):
    """The report as a python-docx Document (not yet saved).

    Parameters
    ----------
    run : pipeline.run.Run
    figures : list of SavedFigure
        From :func:`.figures.save_figures`, so that the report shows the same PNGs as ``figures/``.
    """
    settings = _settings(run)
    title = settings.get("name") or "Regie-onderzoek"
    day = run_date(run)
    doc = _new_document(title, day)
    builder = ReportBuilder(doc)
    labels = CodeLabels.from_run_parts(run.codebook, run.code_summary)
    by_name = {f.name: f for f in figures}

    # Title page.
    for _ in range(6):
        doc.add_paragraph()
    doc.add_paragraph(title, style="Title")
    doc.add_paragraph("Analyserapport: codes, regiestijlen, competenties en citaten", style="Subtitle")
    doc.add_paragraph(f"Rundatum: {dutch_date(day)}")
    doc.add_paragraph(f"Gemaakt met regie-pipeline {__version__}. De tabellen staan ook in results.xlsx, "
                      "de figuren als PNG en SVG in de map figures/.")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    builder.heading("Methode", 1)
    for text in method_text(run):
        builder.paragraph(text)
    _code_section(builder, run, labels, by_name)
    _style_section(builder, run, by_name)
    _competence_section(builder, run, by_name)
    _quote_section(builder, run, labels, int(settings.get("n_quotes", 3) or 3))
    _codebook_appendix(builder, run, labels)
    return doc


def write_report_docx(run, figures: list[SavedFigure], path: Path) -> Path:
    """Build the report and write it to ``path`` (deterministic ZIP); returns ``path``."""
    doc = build_report(run, figures)
    buffer = io.BytesIO()
    doc.save(buffer)
    return write_bytes_atomic(path, normalise_zip(buffer.getvalue()))
