"""Competence scans: read self-assessment scores in three layouts, map names, validate, summarise.

A competence scan is a self-assessment on a short scale (default 1–5, ``scale_min``/``scale_max``
in the study config) of competences such as *oordeelsvorming* or *onderhandelen*. Researchers
deliver them in whatever shape they typed them in; :func:`read_scans` accepts:

``wide`` (.xlsx or .csv)
    One row per respondent, one column per competence; the respondent id in the column headed
    ``respondent``/``resp``/``id``/``naam``/… or else the first column. Title rows above the header
    are skipped (the header is the row naming the most competences), merged header cells count for
    every column they span, summary rows (``Gemiddelde``, ``Totaal``, …) and metadata columns
    (``Datum``, ``Opmerking``, …) are ignored. A sheet with the competences as rows and the
    respondents as columns is read as well (transposed wide).
``long`` (.xlsx or .csv)
    Columns ``respondent_id, competence, score``, header names matched loosely
    (``respondent``/``resp``, ``competentie``/``competence``, ``score``/``cijfer``/``waarde``).
``form`` (.docx, one per respondent)
    A table with a row per competence and either a score column (``Score``, ``Scores``, ``Cijfer``)
    or one column per scale point (``1 … 5``) with an ``X``/``✓``/``☒`` (or a ticked checkbox
    content control) in the chosen cell. The respondent id comes from a ``Respondent`` table row,
    from text such as ``Respondent: R05`` or ``Competentiescan – respondent R05`` (the nearest one
    above the table, else the first in the document), or else from the file name
    (``scan_R05.docx`` → ``R05``).

Every sheet of a workbook with a recognisable layout is read (a sheet with numbers but no
recognisable layout is reported; text-only sheets such as instructions are passed over). A sheet
or CSV file holding one respondent's form is read like a .docx form (respondent from a
``Respondent`` cell, a sheet named like an id, or the file name). Identical repeated scores (the
same respondent in two files) are kept once; differing ones are reported and both left out.
CSV files may use ``,``, ``;`` or tab and UTF-8 or Windows-1252. Office lock files (``~$…``) and
unrelated files (.pdf) in a folder are passed over; an empty folder and .xls/.ods/.doc are reported.

Competence names are mapped to the canonical names of ``codebook/competences.yaml`` by
:class:`CompetenceNames`: case, accents, spaces, hyphens and punctuation are ignored; synonyms and
abbreviations (``Oordeelsv.``, ``Probl.analyse``) are resolved when they point to one competence
only; small typing errors are tolerated when one competence is clearly closest. A name that maps
to nothing is reported with its cell, never dropped silently.

Problems never stop the run. Each comes back as a :class:`ScanProblem` whose message starts with
the place, e.g. ``competentiescan.xlsx!Scan!D5: score 7 is outside 1–5``; the offending value is
treated as missing and the rest of the file is used. An unreadable file is one problem and the
other files go on. Empty cells are missing values: they lower ``n``, they are never zeros.
"""
from __future__ import annotations

import csv
import io
import math
import re
import statistics
import unicodedata
import zipfile
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable, Iterable, Iterator

import pandas as pd
import yaml

from . import columns, tables
from .errors import ConfigError

# --------------------------------------------------------------------------------------------
# Results and problems


@dataclass(frozen=True)
class ScanProblem:
    """A scan value or file that could not be used, and why.

    ``message`` is complete and starts with the place (``file.xlsx!Scan!D5: ...``); ``path`` is
    the file. Has the ``path``/``message`` attributes :class:`pipeline.run.Skipped` is built from.
    """

    path: str
    message: str
    kind: str = "scan"

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class ScanValue:
    """One observed score: who, which competence, how much, and where it was read."""

    respondent_id: str
    competence: str
    score: float
    source_file: str
    where: str
    path: str = ""


# --------------------------------------------------------------------------------------------
# Competence names


def _key(text: object) -> str:
    """Comparison key: lower case, accents and every non-alphanumeric character removed."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "", plain.casefold())


_ENUMERATION = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])\s*[.)]\s+")
_PARENTHESES = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_SEPARATORS = re.compile(r"\s+[–—-]\s+|:|\n|\t")

#: Matching needs this many letters before an abbreviation counts (``"Onder."`` is ambiguous
#: anyway, ``"On."`` should never match).
MIN_ABBREVIATION = 4
#: Similarity (difflib ratio of the keys) a typo must reach, and how far ahead of the runner-up.
FUZZY_CUTOFF = 0.85
FUZZY_MARGIN = 0.05


class CompetenceNames:
    """The canonical competence names and how messy spellings map onto them.

    Parameters
    ----------
    entries : iterable of (name, label, synonyms)
        ``name`` is the canonical name (stored lower case), ``label`` the display label,
        ``synonyms`` further spellings, translations and abbreviations.
    """

    def __init__(self, entries: Iterable[tuple[str, str, Iterable[str]]]):
        self.labels: dict[str, str] = {}
        self._keys: dict[str, str] = {}  # key -> canonical name
        self._cache: dict[str, tuple[str | None, list[str]]] = {}
        clashes: list[str] = []
        for name, label, synonyms in entries:
            canonical = str(name).strip().lower()
            self.labels[canonical] = str(label or name)
            for variant in [name, label, *synonyms]:
                if variant is None or not _key(variant):
                    continue
                k = _key(variant)
                if self._keys.get(k, canonical) != canonical:
                    clashes.append(f"{variant!r} is listed for both {self._keys[k]} and {canonical}")
                self._keys[k] = canonical
        if clashes:
            raise ConfigError("competence names: " + "; ".join(clashes))

    @classmethod
    def from_yaml(cls, path: str | Path) -> "CompetenceNames":
        """Read ``competences: [{name, label, synonyms: [...]}, ...]`` (plain strings also work)."""
        path = Path(path)
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"{path}: competence list not found") from None
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot read competence list: {exc}") from None
        items = raw.get("competences") if isinstance(raw, dict) else raw
        if not isinstance(items, list) or not items:
            raise ConfigError(f"{path}: expected 'competences:' with a list of competences")
        entries = []
        for i, item in enumerate(items, 1):
            if isinstance(item, str):
                entries.append((item, item, []))
            elif isinstance(item, dict) and item.get("name"):
                synonyms = item.get("synonyms") or []
                if not isinstance(synonyms, list):
                    raise ConfigError(f"{path}: competence {i} ({item['name']}): synonyms must be a list")
                entries.append((item["name"], item.get("label") or item["name"], [str(s) for s in synonyms]))
            else:
                raise ConfigError(f"{path}: competence {i} has no 'name'")
        try:
            return cls(entries)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from None

    @property
    def names(self) -> list[str]:
        return sorted(self.labels)

    def match(self, text: object) -> str | None:
        """The canonical name ``text`` stands for, or ``None``."""
        return self.resolve(text)[0]

    def resolve(self, text: object) -> tuple[str | None, list[str]]:
        """Map a header or row label to a canonical name.

        Returns
        -------
        (name, candidates)
            ``name`` is the canonical name or ``None``; when ``None``, ``candidates`` lists the
            competences an ambiguous abbreviation could stand for (else empty).
        """
        if text is None:
            return None, []
        text = str(text)
        if text not in self._cache:
            self._cache[text] = self._resolve(text)
        name, candidates = self._cache[text]
        return name, list(candidates)

    def _resolve(self, text: str) -> tuple[str | None, list[str]]:
        variants = self._variants(text)
        for v in variants:  # 1. exact (after normalisation), a name or a synonym
            if _key(v) in self._keys:
                return self._keys[_key(v)], []
        ambiguous: list[str] = []
        for v in variants:  # 2. abbreviations: "Oordeelsv.", "Probl.analyse", "Netwerk"
            found = self._abbreviation(v)
            if len(found) == 1:
                return found[0], []
            ambiguous = ambiguous or found
        if ambiguous:
            return None, ambiguous
        for v in variants:  # 3. a typing error in one clearly closest name
            found = self._typo(_key(v))
            if found:
                return found, []
        return None, []

    @staticmethod
    def _variants(text: str) -> list[str]:
        """The whole text, then with numbering/brackets removed, then its parts around dashes."""
        text = text.strip()
        out = [text]
        bare = _PARENTHESES.sub(" ", _ENUMERATION.sub("", text)).strip()
        out.append(bare)
        out.extend(p.strip() for p in _SEPARATORS.split(bare) if p.strip())
        seen: list[str] = []
        for v in out:
            if v and v not in seen:
                seen.append(v)
        return seen

    def _abbreviation(self, text: str) -> list[str]:
        parts = [_key(p) for p in re.split(r"\.", text)]
        open_end = text.rstrip().endswith(".")
        parts = [p for p in parts if p]
        if not parts or len(parts[0]) < MIN_ABBREVIATION:
            return []
        pattern = re.compile("^" + ".*".join(map(re.escape, parts)) + ("" if open_end or len(parts) == 1 else "$"))
        return sorted({name for k, name in self._keys.items() if pattern.match(k)})

    def _typo(self, key: str) -> str | None:
        if len(key) < 6:
            return None
        best: dict[str, float] = {}
        for k, name in self._keys.items():
            ratio = SequenceMatcher(None, key, k).ratio()
            best[name] = max(best.get(name, 0.0), ratio)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
        if not ranked or ranked[0][1] < FUZZY_CUTOFF:
            return None
        if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < FUZZY_MARGIN:
            return None
        return ranked[0][0]


def load_competences(path: str | Path) -> CompetenceNames:
    """Read ``codebook/competences.yaml`` (or another competence list); see :class:`CompetenceNames`."""
    return CompetenceNames.from_yaml(path)


# --------------------------------------------------------------------------------------------
# Header words (compared by key)

RESPONDENT_HEADERS = {
    "respondent", "respondentid", "respondentnummer", "respondentnr", "respondentcode", "resp",
    "respnr", "respid", "id", "code", "deelnemer", "deelnemerid", "deelnemernummer", "participant",
    "naam", "name", "regisseur", "nr", "nummer", "persoon",
}
COMPETENCE_HEADERS = {"competentie", "competenties", "competence", "competences", "competency",
                      "competencies", "vaardigheid", "vaardigheden", "item", "onderdeel"}
SCORE_HEADERS = {"score", "scores", "cijfer", "cijfers", "waarde", "beoordeling", "value", "rating",
                 "antwoord", "zelfscore"}
#: Columns of a wide sheet that are known not to be competences; skipped without a report.
IGNORED_HEADERS = {
    "datum", "date", "opmerking", "opmerkingen", "toelichting", "notitie", "notities", "functie",
    "organisatie", "team", "afdeling", "totaal", "gemiddelde", "gem", "gemiddeld", "som", "leeftijd",
    "geslacht", "email", "emailadres", "telefoon", "naam", "name", "rol", "regio", "stad", "sd",
    "mean", "total", "average", "opmerkingenonderzoeker",
}
IGNORED_PREFIXES = ("gemiddeld", "totaal", "opmerking", "toelichting", "datum", "notitie")
#: Rows of a wide sheet whose "respondent id" is really a label of a computed row.
SUMMARY_ROWS = {
    "gemiddelde", "gem", "gemiddeld", "gemiddeldegroep", "groepsgemiddelde", "totaal", "som",
    "mean", "average", "total", "sd", "std", "stdev", "standaarddeviatie", "n", "aantal", "min",
    "max", "minimum", "maximum", "mediaan", "median", "bron", "opmerking", "toelichting",
}
#: Explicit "no answer" entries: missing values, not errors.
MISSING_MARKERS = {"nvt", "na", "geen", "onbekend"}
NO_ANSWER = {"-", "–", "—", "/"}
MARKS = {"x", "✓", "✔", "☒", "☑", "■", "●", "v", "✗", "✘", "•", "xx"}
UNMARKED = {"", "☐", "□", "○"}


def _ignored_header(text: str) -> bool:
    k = _header_key(text)
    return k in IGNORED_HEADERS or k.startswith(IGNORED_PREFIXES)


def _is_respondent_header(k: str) -> bool:
    return k in RESPONDENT_HEADERS or bool(re.fullmatch(r"respondent(?:en)?(?:id|nummer|nr|code|naam)?", k))


# --------------------------------------------------------------------------------------------
# Values


_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def parse_score(value: object, scale_min: float, scale_max: float) -> tuple[float | None, str | None]:
    """Read one score cell.

    Returns
    -------
    (score, problem)
        ``(None, None)`` for an empty cell or an explicit "no answer" (``-``, ``n.v.t.``);
        ``(None, message)`` for a value that is not a number or outside the scale.
    """
    if value is None:
        return None, None
    if isinstance(value, bool):
        return None, f"score {value!r} is not a number"
    if isinstance(value, (int, float)):
        number = float(value)
        if math.isnan(number):
            return None, None
    else:
        text = str(value).strip()
        if not text or text in NO_ANSWER or _key(text) in MISSING_MARKERS:
            return None, None
        if not _NUMBER.match(text):
            return None, f"score {text!r} is not a number"
        number = float(text.replace(",", "."))
    if not math.isfinite(number):
        return None, f"score {value!r} is not a number"
    if not scale_min <= number <= scale_max:
        return None, f"score {_fmt(number)} is outside {_fmt(scale_min)}–{_fmt(scale_max)}"
    return number, None


def _id_text(value: object) -> str:
    """A respondent id as text: ``5`` and ``5.0`` become ``"5"``, spaces are trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"\s+", " ", str(value)).strip()


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


# --------------------------------------------------------------------------------------------
# Tabular layouts (xlsx sheets, csv files, tables in docx): a grid of located cells


@dataclass(frozen=True)
class Cell:
    value: object
    where: str  # "file.xlsx!Scan!D5", "file.csv!D5", "file.docx, table 1, row 3, column 2"


Grid = list[list[Cell]]
_BLANK = Cell(None, "")


class _Context:
    """What every layout parser needs: names, scale, the file, and where results go."""

    def __init__(self, path: Path, names: CompetenceNames, scale: tuple[float, float]):
        self.path = path
        self.names = names
        self.scale = scale
        self.values: list[ScanValue] = []
        self.problems: list[ScanProblem] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(ScanProblem(str(self.path), f"{where}: {message}"))

    def score(self, respondent_id: str, competence: str, cell: Cell) -> None:
        value, problem = parse_score(cell.value, *self.scale)
        if problem:
            self.problem(cell.where, problem)
        elif value is not None:
            self.values.append(ScanValue(respondent_id, competence, value, self.path.name, cell.where,
                                         str(self.path)))

    def filled(self, cell: Cell) -> bool:
        """A cell holding anything but a missing value (a bad value counts as filled)."""
        return parse_score(cell.value, *self.scale) != (None, None)

    def unknown(self, where: str, text: str, candidates: list[str], n_rows: int = 1) -> None:
        detail = f" (could be {', '.join(candidates)})" if candidates else " (not in the competence list)"
        rows = f"; {n_rows} rows left out" if n_rows > 1 else ""
        self.problem(where, f"unknown competence {text!r}{detail}{rows}")


_SCALE_RANGE = re.compile(r"\d+\s*(?:[-–]|t/m|tot)\s*\d+")


def _header_key(value: object) -> str:
    """Key of a header cell with brackets and a scale range left out (``Score (1-5)`` → ``score``)."""
    text = _PARENTHESES.sub(" ", _text(value))
    return _key(_SCALE_RANGE.sub(" ", text))


def _at(row: list[Cell], j: int) -> Cell:
    return row[j] if j < len(row) else _BLANK


def _find_long_header(grid: Grid, max_rows: int = 30):
    """``(row, respondent column, competence column, score column)`` of a long table, or None."""
    for i, row in enumerate(grid[:max_rows]):
        keys = [_header_key(c.value) for c in row]
        resp = next((j for j, k in enumerate(keys) if _is_respondent_header(k)), None)
        comp = next((j for j, k in enumerate(keys) if k in COMPETENCE_HEADERS), None)
        score = next((j for j, k in enumerate(keys) if k in SCORE_HEADERS), None)
        if None not in (resp, comp, score) and len({resp, comp, score}) == 3:
            return i, resp, comp, score
    return None


def _find_wide_header(grid: Grid, names: CompetenceNames, distinct: bool, max_rows: int = 30) -> int | None:
    """The row naming the most competences: at least two, or (not ``distinct``) one beside a
    respondent header. ``distinct`` also rejects rows naming a competence twice."""
    best, best_n = None, 0
    for i, row in enumerate(grid[:max_rows]):
        found = [names.match(c.value) for c in row
                 if isinstance(c.value, str) and c.value.strip()]
        found = [f for f in found if f]
        if distinct and len(found) != len(set(found)):
            continue
        n = len(set(found))
        has_resp = any(_is_respondent_header(_header_key(c.value)) for c in row)
        if (n >= 2 or (n == 1 and has_resp and not distinct)) and n > best_n:
            best, best_n = i, n
    return best


def _parse_long(grid: Grid, header, ctx: _Context) -> None:
    h, resp_col, comp_col, score_col = header
    unknown: dict[str, list[str]] = {}
    ambiguous: dict[str, list[str]] = {}
    for row in grid[h + 1:]:
        resp, comp, score = _at(row, resp_col), _at(row, comp_col), _at(row, score_col)
        rid, name = _id_text(resp.value), _text(comp.value)
        if not name:
            if ctx.filled(score):
                ctx.problem(comp.where, "score without a competence name; left out")
            continue
        if not rid and _key(name) in SUMMARY_ROWS:
            continue
        canonical, candidates = ctx.names.resolve(name)
        if canonical is None:
            unknown.setdefault(name, []).append(comp.where)
            ambiguous[name] = candidates
            continue
        if not rid:
            if ctx.filled(score):
                ctx.problem(resp.where, "score without a respondent id; left out")
            continue
        if _key(rid) in SUMMARY_ROWS:
            continue
        ctx.score(rid, canonical, score)
    for name, places in unknown.items():
        ctx.unknown(places[0], name, ambiguous[name], len(places))


def _parse_wide(grid: Grid, h: int, ctx: _Context) -> None:
    header, body = grid[h], grid[h + 1:]

    def n_used(j: int) -> int:
        return sum(1 for r in body if _text(_at(r, j).value))

    comp_cols: dict[int, str] = {}
    for j, cell in enumerate(header):
        canonical = ctx.names.match(cell.value) if isinstance(cell.value, str) else None
        if canonical:
            comp_cols[j] = canonical
    keys = [_header_key(c.value) for c in header]
    resp_col = next((j for j, k in enumerate(keys) if _is_respondent_header(k) and j not in comp_cols), None)
    if resp_col is None:
        # The id column is the best-filled column left of the competences (title cells above a
        # transposed table, or an empty A1, must not win).
        first_comp = min(comp_cols)
        left = [j for j in range(first_comp)]
        resp_col = max(left, key=lambda j: (n_used(j), -j)) if left else None
    if resp_col is None:
        ctx.problem(header[min(comp_cols)].where, "no respondent id column left of the competences; "
                                                  "table left out")
        return
    for j, cell in enumerate(header):
        if j == resp_col or j in comp_cols:
            continue
        text = _text(cell.value)
        if not text:
            if j > resp_col and n_used(j):
                first = next(_at(r, j) for r in body if _text(_at(r, j).value))
                ctx.problem(first.where, "values in a column without a header; column left out")
            continue
        if _ignored_header(text) or j < resp_col:
            continue
        canonical, candidates = ctx.names.resolve(text)
        ctx.unknown(cell.where, text, candidates)
    for row in body:
        rid = _id_text(_at(row, resp_col).value)
        cells = [(j, _at(row, j)) for j in comp_cols]
        if not rid:
            filled = [c for _, c in cells if ctx.filled(c)]
            if filled:
                ctx.problem(_at(row, resp_col).where or filled[0].where,
                            "scores in a row without a respondent id; row left out")
            continue
        if _key(rid) in SUMMARY_ROWS:
            continue
        for j, cell in cells:
            ctx.score(rid, comp_cols[j], cell)


def _transpose(grid: Grid) -> Grid:
    return [[_at(row, j) for row in grid] for j in range(max((len(r) for r in grid), default=0))]


def parse_grid(grid: Grid, ctx: _Context, header_grid: Grid | None = None,
               default_id: str | None = None) -> str:
    """Recognise the layout of one table and read it into ``ctx``.

    ``header_grid`` (same shape) is used to find the header: for xlsx it has merged cells
    filled in. Data are always read from ``grid``, so a merged data cell counts once.

    With ``default_id``, a sheet holding one respondent's form (a ``Score`` column or columns
    ``1 … 5``) is read too; its respondent comes from a ``Respondent`` cell, else ``default_id``.

    Returns
    -------
    str
        ``"long"``, ``"wide"``, ``"wide (transposed)"``, ``"form"``, or ``""`` when not recognised.
    """
    header_grid = header_grid or grid
    long_header = _find_long_header(header_grid)
    if long_header is not None:
        h = long_header[0]
        _parse_long(header_grid[: h + 1] + grid[h + 1:], long_header, ctx)
        return "long"
    h = _find_wide_header(header_grid, ctx.names, distinct=False)
    if h is not None:
        _parse_wide(header_grid[: h + 1] + grid[h + 1:], h, ctx)
        return "wide"
    # Competences down the first column and respondents across: read it turned a quarter.
    # Distinct names only, so that a long table without a header is not mistaken for one.
    form, rows = None, []
    if default_id is not None:
        rows = [[(_text(c.value), (i, j)) for j, c in enumerate(r)] for i, r in enumerate(header_grid)]
        form = _form_layout(rows, ctx)

    def read_form() -> str:
        rid = _id_from_rows(rows, ctx.names) or default_id
        places = {(i + 1, j): c.where for i, r in enumerate(grid) for j, c in enumerate(r)}
        _parse_form(rows, lambda i, j: places.get((i, j), ""), rid, ctx, form)
        return "form"

    if form is not None and (form.score_col is not None or _mostly_marks(rows, form)):
        return read_form()
    turned = _transpose(grid)
    h = _find_wide_header(turned, ctx.names, distinct=True)
    if h is not None:
        _parse_wide(turned, h, ctx)
        return "wide (transposed)"
    return read_form() if form is not None else ""


def _has_numbers(grid: Grid) -> bool:
    return any((isinstance(c.value, (int, float)) and not isinstance(c.value, bool))
               or (isinstance(c.value, str) and _NUMBER.match(c.value.strip()))
               for row in grid for c in row)


NO_LAYOUT = ("no competence scan found (no header row naming competences, "
             "nor respondent/competence/score columns)")


# --------------------------------------------------------------------------------------------
# Readers per file type (a registry: suffix -> reader)


def _column_letter(j: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(j + 1)


def _is_ole_container(path: Path) -> bool:
    """True for OLE/CFB files: password-protected Office files and old .xls/.doc."""
    with open(path, "rb") as fh:
        return fh.read(4) == b"\xd0\xcf\x11\xe0"


def _read_xlsx(path: Path, ctx: _Context) -> None:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    if _is_ole_container(path):
        # Encrypted .xlsx files are OLE containers, like old .xls workbooks.
        ctx.problem(path.name, "cannot be read: password-protected, or an old .xls workbook "
                               "(remove the password or save as .xlsx)")
        return
    try:
        # Not read_only: merged ranges are only available on ordinary worksheets.
        book = openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, EOFError, NotImplementedError):
        ctx.problem(path.name, "cannot be read: not a valid .xlsx workbook (damaged or another format)")
        return
    recognised, unrecognised = 0, []
    for sheet in book.worksheets:
        if not hasattr(sheet, "merged_cells"):
            continue  # chart sheets
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        if not any(v not in (None, "") for r in rows for v in r):
            continue
        spans: dict[tuple[int, int], object] = {}
        for rng in sheet.merged_cells.ranges:
            anchor = sheet.cell(rng.min_row, rng.min_col).value
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    spans[(r - 1, c - 1)] = anchor
        grid = [[Cell(v, f"{path.name}!{sheet.title}!{_column_letter(j)}{i + 1}") for j, v in enumerate(r)]
                for i, r in enumerate(rows)]
        header_grid = [[Cell(spans.get((i, j), c.value), c.where) for j, c in enumerate(r)]
                       for i, r in enumerate(grid)]
        default_id = sheet.title if _looks_like_id(sheet.title) else _id_from_stem(path.stem)
        if parse_grid(grid, ctx, header_grid, default_id):
            recognised += 1
        elif _has_numbers(grid):
            unrecognised.append(sheet.title)
    for title in unrecognised:
        ctx.problem(f"{path.name}!{title}", "sheet left out: " + NO_LAYOUT)
    if not recognised and not unrecognised:
        ctx.problem(path.name, NO_LAYOUT)


def _decode(raw: bytes) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _read_csv(path: Path, ctx: _Context) -> None:
    text = _decode(path.read_bytes())
    if "\0" in text:
        ctx.problem(path.name, "cannot be read: not a text (CSV) file")
        return
    sample = "\n".join(text.splitlines()[:20])
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in (";", "\t", ",")}
        delimiter = max(counts, key=lambda d: counts[d])
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    grid = [[Cell(v if v.strip() else None, f"{path.name}!{_column_letter(j)}{i + 1}") for j, v in enumerate(r)]
            for i, r in enumerate(rows)]
    if not parse_grid(grid, ctx, default_id=_id_from_stem(path.stem)):
        ctx.problem(path.name, NO_LAYOUT)


# -- docx forms

_W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _docx_cell_text(cell) -> str:
    """The cell's text, including text inside content controls (which ``cell.text`` skips);
    a ticked checkbox content control counts as ``☒``."""
    from docx.oxml.ns import qn

    parts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in cell._tc.iter(qn("w:p"))]
    text = "\n".join(parts).strip()
    for box in cell._tc.iter(f"{{{_W14}}}checked"):
        if box.get(f"{{{_W14}}}val") in ("1", "true") and "☒" not in text:
            text = (text + " ☒").strip()
    return text


def _docx_rows(table) -> list[list[tuple[str, object]]]:
    """Rows of ``(text, tc)``; a cell merged across columns repeats with the same ``tc``."""
    rows = []
    for row in table.rows:
        try:
            cells = row.cells
        except (IndexError, ValueError):  # a malformed grid: skip the row rather than the file
            cells = []
        rows.append([(_docx_cell_text(c), c._tc) for c in cells])
    return rows


def _docx_blocks(element) -> Iterator[object]:
    """Body paragraphs and top-level tables in document order, also inside content controls."""
    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag in ("p", "tbl"):
            yield child
        elif tag in ("sdt", "sdtContent", "customXml", "smartTag"):
            yield from _docx_blocks(child)


_RESP_COLON = re.compile(r"\brespondent(?:nummer|nr|code|[ -]?id)?\b\.?\s*[:#]\s*(.+)", re.I)
_RESP_TITLE = re.compile(r"\brespondent(?:nummer|nr)?\.?\s*[-–—]?\s*([A-Za-z]{0,5}[-_]?\d+[A-Za-z0-9_-]*)\b",
                         re.I)
#: "Competentiescan – Regisseur A. Kruis per …": a form titled with its respondent.
_SCAN_TITLE = re.compile(r"\b(?:competentie|zelf)scan\s*[-–—:]\s*(.+)", re.I)
#: Where an id written in running text ends: a dash or bar between spaces, a sentence end, a
#: comma/semicolon/bracket, or the next "Label:".
_ID_END = re.compile(r"\s+[-–—|]\s|[–—|;,()\[\]\t\n]|\.(?:\s|$)|\s+\S+:")
_BLANK_ID = set("_.-…")


def _id_value(text: str) -> str:
    """The id at the start of ``text``: up to three words, cut where running text goes on."""
    value = _ID_END.split(text, maxsplit=1)[0].strip().rstrip(".")
    words = value.split()
    return " ".join(words) if len(words) <= 3 else (words[0] if words else "")


def _id_from_text(text: str) -> str | None:
    """``Respondent: R05``, ``Respondent: Regisseur B – zelfscan``, ``Competentiescan – respondent
    R05`` or ``Competentiescan – Regisseur A.`` → the respondent id."""
    m = _RESP_COLON.search(text)
    if m:
        value = _id_value(m.group(1))
        if value and not set(value) <= _BLANK_ID:
            return value
    m = _RESP_TITLE.search(text)
    if m:
        return m.group(1).strip().rstrip(".")
    m = _SCAN_TITLE.search(text)
    if m:
        value = _id_value(m.group(1))
        # Only an id-like title ("R05", "Regisseur A"), not "Competentiescan – zelfbeoordeling".
        if re.fullmatch(r"[A-Za-z]{0,6}[-_ ]?\d+[A-Za-z]?|\S+ (?:[A-Z]|\d+)", value):
            return value
    return None


def _id_from_rows(rows, names: CompetenceNames) -> str | None:
    """A ``Respondent | R05`` row in a table."""
    for row in rows:
        texts = [t for t, _ in row]
        for j, t in enumerate(texts[:-1]):
            k = _header_key(t)
            if not (k.startswith("respondent") or k in {"resp", "respnr", "respid", "deelnemer",
                                                        "deelnemernummer"}):
                continue
            value = next((v for v in texts[j + 1:] if v.strip() and _header_key(v) != k), "")
            vk = _header_key(value)
            if (value and not set(value.strip()) <= _BLANK_ID and not names.match(value)
                    and vk not in SCORE_HEADERS | COMPETENCE_HEADERS and not _is_respondent_header(vk)):
                return _id_text(value)
    for row in rows:  # a single cell "Respondent: R05"
        for text, _ in row:
            found = _id_from_text(text)
            if found:
                return found
    return None


def _looks_like_id(title: str) -> bool:
    """A sheet named after a respondent (``R05``, ``resp 7``), not ``Blad1``/``Sheet1``/``Scan``."""
    return bool(re.fullmatch(r"(?i)(?:respondent|resp\.?)?\s*[A-Za-z]{0,4}[-_ ]?\d{1,4}", title.strip())
                and not re.fullmatch(r"(?i)(blad|sheet|tabel|table|scan)\s*\d+", title.strip()))


def _id_from_stem(stem: str) -> str:
    """``scan_R05`` → ``R05``; a stem without such a prefix is the id itself."""
    rest = re.sub(r"^(?:competentie)?scan[\s_-]*", "", stem, flags=re.I)
    return rest or stem


def _scale_columns(row, scale: tuple[float, float]) -> dict[int, int] | None:
    """``{scale point: column}`` when the row heads one column per point of the scale."""
    lo, hi = int(scale[0]), int(scale[1])
    points: dict[int, int] = {}
    last_tc = None
    for j, (text, tc) in enumerate(row):
        if tc is last_tc:
            continue
        last_tc = tc
        numbers = re.findall(r"\d+", text)  # "4", "1 (zwak)", "Zeer sterk 5"; not "1-5"
        if len(numbers) == 1 and lo <= int(numbers[0]) <= hi and int(numbers[0]) not in points:
            points[int(numbers[0])] = j
    return points if set(points) == set(range(lo, hi + 1)) else None


@dataclass(frozen=True)
class _FormLayout:
    header: int                      # 0-based header row
    competence_col: int
    score_col: int | None            # a "Score" column, or
    marks: dict[int, int] | None     # {scale point: column}


def _form_layout(rows, ctx: _Context) -> _FormLayout | None:
    """Find a form's header and columns in ``rows`` (lists of ``(text, identity)``)."""
    header_i, score_col, marks = None, None, None
    # Columns per scale point win over a "Score" cell: a merged "Score" often heads them.
    for i, row in enumerate(rows[:6]):
        marks = _scale_columns(row, ctx.scale)
        if marks:
            header_i = i
            break
    if marks is None:
        for i, row in enumerate(rows):
            keys = [_header_key(t) for t, _ in row]
            score_col = next((j for j, k in enumerate(keys) if k in SCORE_HEADERS), None)
            if score_col is not None:
                header_i = i
                break
    if header_i is None:
        return None
    value_cols = {score_col} if score_col is not None else set(marks.values())
    body = rows[header_i + 1:]
    head_keys = [_header_key(t) for t, _ in rows[header_i]]
    comp_col = next((j for j, k in enumerate(head_keys) if k in COMPETENCE_HEADERS and j not in value_cols), None)
    if comp_col is None:
        counts: dict[int, int] = {}
        for row in body:
            for j, (t, _) in enumerate(row):
                if j not in value_cols and t and ctx.names.match(t):
                    counts[j] = counts.get(j, 0) + 1
        if not counts:
            return None
        comp_col = min(counts, key=lambda j: (-counts[j], j))
    return _FormLayout(header_i, comp_col, score_col, marks)


def _mostly_marks(rows, form: _FormLayout) -> bool:
    """Whether the scale columns hold marks rather than numbers (which a transposed wide
    sheet with respondents numbered 1 … 5 would hold)."""
    texts = [row[j][0].strip().casefold() for row in rows[form.header + 1:] for j in (form.marks or {}).values()
             if j < len(row) and row[j][0].strip()]
    return sum(t in MARKS for t in texts) >= len(texts) / 2


def _parse_form(rows, where: Callable[[int, int], str], rid: str, ctx: _Context,
                form: _FormLayout | None = None) -> bool:
    """Read one form table (score column or one column per scale point); False if it is none.

    ``rows`` are lists of ``(text, identity)``; cells merged across columns share an identity.
    ``where(row, column)`` (1-based row, 0-based column) names a place for messages.
    """
    form = form or _form_layout(rows, ctx)
    if form is None:
        return False
    header_i, comp_col, score_col, marks = form.header, form.competence_col, form.score_col, form.marks
    for i, row in enumerate(rows[header_i + 1:], start=header_i + 2):
        name = row[comp_col][0] if comp_col < len(row) else ""
        k = _header_key(name)
        if not name or _is_respondent_header(k) or k in SUMMARY_ROWS:
            continue
        canonical, candidates = ctx.names.resolve(name)
        if canonical is None:
            ctx.unknown(where(i, comp_col), name, candidates)
            continue
        if score_col is not None:
            text = row[score_col][0] if score_col < len(row) else ""
            ctx.score(rid, canonical, Cell(text or None, where(i, score_col)))
            continue
        chosen, unclear, seen = [], [], set()
        for point, j in sorted(marks.items()):
            if j >= len(row) or id(row[j][1]) in seen:
                continue
            seen.add(id(row[j][1]))
            text = row[j][0].strip()
            if text.casefold() in UNMARKED:
                continue
            if text.casefold() in MARKS or text == str(point):
                chosen.append(point)
            else:
                unclear.append(text)
        if unclear:
            ctx.problem(where(i, comp_col), f"unclear mark {unclear[0]!r} for {canonical}; left out")
        elif len(chosen) > 1:
            ctx.problem(where(i, comp_col), f"two marks in one row ({' and '.join(map(str, chosen))}) "
                               f"for {canonical}; left out")
        elif chosen:
            ctx.score(rid, canonical, Cell(chosen[0], where(i, comp_col)))
        # No mark at all is a missing value, like an empty cell: not a problem.
    return True


def _read_docx(path: Path, ctx: _Context) -> None:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if _is_ole_container(path):
        ctx.problem(path.name, "cannot be read: password-protected, or an old .doc file "
                               "(remove the password or save as .docx)")
        return
    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, EOFError, NotImplementedError):
        ctx.problem(path.name, "cannot be read: not a valid .docx document (damaged or another format)")
        return
    # Each table gets the respondent named nearest above it (one file may hold several forms).
    tables_found: list[tuple[str | None, object]] = []
    current: str | None = None
    first_id: str | None = None
    for block in _docx_blocks(document.element.body):
        if block.tag.endswith("}p"):
            found = _id_from_text(Paragraph(block, document).text)
            if found:
                current = found
                first_id = first_id or found
        else:
            tables_found.append((current, Table(block, document)))
    for section in document.sections:
        for part in (section.header, section.footer):
            try:
                text = "\n".join(p.text for p in part.paragraphs)
            except (ValueError, KeyError, AttributeError):
                continue
            first_id = first_id or _id_from_text(text)
    table_rows = [_docx_rows(t) for _, t in tables_found]
    row_id = next((rid for rows in table_rows if (rid := _id_from_rows(rows, ctx.names))), None)
    fallback = row_id or first_id or _id_from_stem(path.stem)
    n_read = 0
    for ti, ((above, _), rows) in enumerate(zip(tables_found, table_rows), start=1):
        rid = _id_from_rows(rows, ctx.names) or above or fallback
        if _parse_form(rows, lambda i, j, ti=ti: f"{path.name}, table {ti}, row {i}", rid, ctx):
            n_read += 1
            continue
        grid = [[Cell(t or None, f"{path.name}, table {ti}, row {i}, column {j}") for j, (t, _) in enumerate(r, 1)]
                for i, r in enumerate(rows, 1)]
        if parse_grid(grid, ctx):
            n_read += 1
    if not n_read:
        ctx.problem(path.name, "no competence table found (a table with a row per competence and "
                               "a 'Score' column or columns 1 … 5)")


def _unsupported(hint: str) -> Callable[[Path, _Context], None]:
    def reader(path: Path, ctx: _Context) -> None:
        ctx.problem(path.name, f"cannot be read: {hint}")

    return reader


#: File readers by suffix. Each reads one file into the context and reports bad input there.
READERS: dict[str, Callable[[Path, _Context], None]] = {
    ".xlsx": _read_xlsx,
    ".xlsm": _read_xlsx,
    ".csv": _read_csv,
    ".tsv": _read_csv,
    ".docx": _read_docx,
    ".xls": _unsupported("old .xls format; save it as .xlsx"),
    ".ods": _unsupported("OpenDocument spreadsheet; save it as .xlsx or .csv"),
    ".doc": _unsupported("old .doc format; save it as .docx"),
}


# --------------------------------------------------------------------------------------------
# The public functions


def scan_files(path: Path) -> list[Path]:
    """The scan files under ``path`` (a file or a folder, recursively), sorted; Office lock
    files (``~$…``) and hidden files are left out."""
    path = Path(path)
    if path.is_file():
        return [path]
    found = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS
             and not p.name.startswith(("~$", "."))]
    return sorted(found, key=lambda p: p.relative_to(path).as_posix())


def read_scan_file(path: Path, names: CompetenceNames, scale: tuple[float, float] = (1, 5)
                   ) -> tuple[list[ScanValue], list[ScanProblem]]:
    """Read one scan file of any supported layout.

    Returns
    -------
    values : list of ScanValue
        Valid scores in file order (duplicates not yet resolved).
    problems : list of ScanProblem
    """
    path = Path(path)
    ctx = _Context(path, names, scale)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        ctx.problem(path.name, f"cannot be read: unsupported file type {path.suffix or '(none)'} "
                               "(use .xlsx, .csv or .docx)")
    else:
        try:
            reader(path, ctx)
        except OSError as exc:
            ctx.problem(path.name, f"cannot be read ({exc.strerror or exc})")
        except Exception as exc:  # noqa: BLE001 - a damaged file must not stop the other files
            ctx.problem(path.name, f"cannot be read: {type(exc).__name__}: {exc}")
    return ctx.values, ctx.problems


def resolve_duplicates(values: list[ScanValue]) -> tuple[list[ScanValue], list[ScanProblem]]:
    """Keep identical repeated scores once; drop and report scores that disagree.

    The same respondent and competence read twice (in two files, or twice in one) with the same
    score is kept once (the first place read); with different scores neither is used.
    """
    groups: dict[tuple[str, str], list[ScanValue]] = {}
    for v in values:
        groups.setdefault((v.respondent_id, v.competence), []).append(v)
    kept, problems = [], []
    for (rid, comp), group in groups.items():
        if len({v.score for v in group}) == 1:
            kept.append(group[0])
            continue
        first = group[0]
        other = next(v for v in group if v.score != first.score)
        problems.append(ScanProblem(
            path=other.path,
            message=(f"{other.where}: respondent {rid} has score {_fmt(other.score)} for {comp} here "
                     f"but {_fmt(first.score)} in {first.where}; both left out"),
        ))
    return kept, problems


def read_scans(path: str | Path, config) -> tuple[pd.DataFrame, list[ScanProblem]]:
    """Read every competence scan under ``path`` and return tidy scores plus problems.

    Parameters
    ----------
    path : str or Path
        A scan file or a folder of them (.xlsx, .csv, .docx forms; recursively).
    config : StudyConfig
        Uses ``competences`` (the competence list), ``scale_min`` and ``scale_max``.

    Returns
    -------
    competences : DataFrame[COMPETENCES]
        ``respondent_id`` (str), ``competence`` (canonical lower-case name), ``score`` (float),
        ``source_file`` (file name only); one row per observed score, sorted by respondent and
        competence. Missing values have no row.
    problems : list of ScanProblem
        Every value or file left out, with ``path`` and a ``message`` naming the cell.

    Raises
    ------
    ConfigError
        The competence list is missing or invalid.
    """
    names = load_competences(config.competences)
    scale = (config.scale_min, config.scale_max)
    if scale[0] >= scale[1]:
        raise ConfigError(f"scale_min ({scale[0]}) must be below scale_max ({scale[1]})")
    path = Path(path)
    if not path.exists():
        return tables.empty("competences"), [ScanProblem(str(path), f"{path}: scans not found")]
    values: list[ScanValue] = []
    problems: list[ScanProblem] = []
    files = scan_files(path)
    if not files:
        problems.append(ScanProblem(str(path), f"{path}: no scan files (.xlsx, .csv, .docx) found"))
    for file in files:
        found, trouble = read_scan_file(file, names, scale)
        values += found
        problems += trouble
    kept, conflicts = resolve_duplicates(values)
    problems += conflicts
    return competences_frame(kept), problems


def competences_frame(values: Iterable[ScanValue]) -> pd.DataFrame:
    """DataFrame[COMPETENCES] from scan values, sorted by respondent and competence."""
    rows = [(v.respondent_id, v.competence, float(v.score), v.source_file) for v in values]
    if not rows:
        return tables.empty("competences")
    df = pd.DataFrame(rows, columns=list(columns.COMPETENCES))
    return df.sort_values(["respondent_id", "competence"], kind="mergesort").reset_index(drop=True)


def competence_summary(competences: pd.DataFrame) -> pd.DataFrame:
    """Per competence: ``n, mean, sd, min, max, rank`` over respondents.

    Parameters
    ----------
    competences : DataFrame[COMPETENCES]

    Returns
    -------
    DataFrame[COMPETENCE_SUMMARY]
        One row per competence with at least one score, sorted by competence. ``mean`` is the
        exactly rounded mean (``math.fsum``), ``sd`` the sample standard deviation (n − 1; NaN
        when n < 2), ``rank`` 1 for the highest mean; equal means share the lowest rank
        (``1, 2, 2, 4``).
    """
    if competences is None or competences.empty:
        return tables.empty("competence_summary")
    rows = []
    for name, group in competences.groupby("competence", sort=True):
        scores = [float(s) for s in group["score"] if pd.notna(s)]
        if not scores:
            continue
        n = len(scores)
        rows.append({
            "competence": name, "n": n, "mean": math.fsum(scores) / n,
            "sd": statistics.stdev(scores) if n >= 2 else float("nan"),
            "min": min(scores), "max": max(scores),
        })
    if not rows:
        return tables.empty("competence_summary")
    df = pd.DataFrame(rows)
    # Rounded for ranking only, so that float noise never breaks a genuine tie.
    df["rank"] = df["mean"].round(9).rank(ascending=False, method="min").astype(int)
    return df[list(columns.COMPETENCE_SUMMARY)].reset_index(drop=True)


def highest_lowest(summary: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The competence(s) with the highest and with the lowest mean (several when tied).

    Returns
    -------
    (highest, lowest) : two sorted lists of competence names; empty for an empty summary.
    """
    if summary is None or summary.empty:
        return [], []
    means = summary.set_index("competence")["mean"].astype(float).round(9)
    return sorted(means.index[means == means.max()]), sorted(means.index[means == means.min()])
