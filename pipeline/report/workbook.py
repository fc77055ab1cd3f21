"""The run's tables as one Excel workbook (``results.xlsx``) and as Parquet files.

The workbook is for people: a sheet per table in the order of :data:`pipeline.columns.TABLES`,
a bold frozen header row with an autofilter, and column widths that fit the content (capped,
long text stays on one line so rows keep their height; the full text is in the cell).
Parquet copies (``parquet/{table}.parquet``) are for code: typed, compressed, fast to load for
large studies.
"""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter

from .. import columns, tables
from .reproducible import normalise_zip, run_datetime, write_bytes_atomic

#: Column width limits in Excel character units.
MIN_WIDTH, MAX_WIDTH = 6, 60
#: Excel's limit; longer cells are cut and marked (only segment text can get near it).
MAX_CELL_CHARS = 32767
HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")


def table_frames(run) -> dict[str, pd.DataFrame]:
    """Every table of ``run`` in contract column order and sorted by its key (see ``tables.tidy``)."""
    return {name: tables.tidy(run.table(name), name) for name in columns.TABLES}


def _cell_value(value):
    """A value openpyxl can store: NaN/None → empty, numpy scalars → Python, long text cut."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, str):
        if len(value) > MAX_CELL_CHARS:
            value = value[: MAX_CELL_CHARS - 1] + "…"
        # openpyxl would otherwise store "=…" as a formula.
        if value.startswith("="):
            return "'" + value
    return value


def _width(series: pd.Series, header: str) -> float:
    lengths = series.head(2000).map(lambda v: 0 if v is None or v != v else len(str(v)))
    longest = max([len(header) + 2] + lengths.tolist())
    return float(max(MIN_WIDTH, min(MAX_WIDTH, longest + 2)))


def build_workbook(frames: dict[str, pd.DataFrame], *, when=None) -> Workbook:
    """An openpyxl Workbook with one formatted sheet per table.

    Parameters
    ----------
    frames : dict of str → DataFrame
        Sheet name → table (sheet names must be ≤ 31 characters).
    when : datetime, optional
        Stored as the workbook's created/modified time.
    """
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in frames.items():
        ws = wb.create_sheet(title=name[:31])
        header = [str(c) for c in df.columns]
        ws.append(header)
        for row in df.itertuples(index=False, name=None):
            ws.append([_cell_value(v) for v in row])
        for col, cell in enumerate(ws[1], start=1):
            cell.font = Font(bold=True)
            cell.fill = HEADER_FILL
            cell.alignment = Alignment(vertical="top")
            ws.column_dimensions[get_column_letter(col)].width = _width(df.iloc[:, col - 1], header[col - 1])
        ws.freeze_panes = "A2"
        last = get_column_letter(max(1, len(header)))
        ws.auto_filter.ref = f"A1:{last}{max(1, len(df) + 1)}"
    props = wb.properties
    props.creator = "regie-pipeline"
    props.lastModifiedBy = "regie-pipeline"
    props.title = "Resultaten regie-pipeline"
    if when is not None:
        props.created = when
        props.modified = when
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    """Serialise without ``openpyxl.save_workbook``, which stamps ``modified`` with "now"."""
    buffer = io.BytesIO()
    from zipfile import ZIP_DEFLATED, ZipFile

    writer = ExcelWriter(wb, ZipFile(buffer, "w", ZIP_DEFLATED, allowZip64=True))
    writer.save()
    return normalise_zip(buffer.getvalue())


def write_results_xlsx(run, path: Path) -> Path:
    """Write ``results.xlsx`` with a sheet per table of ``run``; returns ``path``."""
    wb = build_workbook(table_frames(run), when=run_datetime(run))
    return write_bytes_atomic(path, workbook_bytes(wb))


def _parquet_ready(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns that mix types (e.g. metadata read as numbers and text) become text."""
    out = df.copy()
    for name in out.columns:
        series = out[name]
        if series.dtype == object:
            kinds = {type(v) for v in series.dropna()}
            if len(kinds) > 1 or (kinds and not kinds <= {str}):
                out[name] = series.map(lambda v: None if v is None or (isinstance(v, float) and v != v)
                                       else str(v))
            if not kinds:
                out[name] = series.astype("string")
    return out


def write_parquet(run, folder: Path) -> list[Path]:
    """Write ``{folder}/{table}.parquet`` for every table of ``run``.

    Returns
    -------
    list of Path
        In the order of :data:`pipeline.columns.TABLES`.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, df in table_frames(run).items():
        path = folder / f"{name}.parquet"
        _parquet_ready(df).to_parquet(path, index=False, engine="pyarrow", compression="zstd")
        paths.append(path)
    return paths
