"""What analysts and authors see: charts, ``results.xlsx`` + Parquet, and ``report.docx``.

:func:`write_report_outputs` is called by :func:`pipeline.run.run_study` for every run; the
modules can also be used on their own (notebooks use :mod:`.figures` and :mod:`.quotes`).
"""
from __future__ import annotations

from pathlib import Path

from . import figures, quotes
from .document import build_report, write_report_docx
from .figures import FIGURES, save_figures
from .quotes import style_evidence, typical_quotes
from .style import house_style
from .workbook import write_parquet, write_results_xlsx


def write_report_outputs(run, out: Path) -> list[Path]:
    """Write ``figures/``, ``results.xlsx``, ``parquet/`` and ``report.docx`` into ``out``.

    Parameters
    ----------
    run : pipeline.run.Run
        The run's tables, codebook and config.
    out : Path
        The (staging) output folder.

    Returns
    -------
    list of Path
        Every file written: figures (PNG, SVG per chart), the workbook, the Parquet files and
        the report, in that order.
    """
    out = Path(out)
    saved = save_figures(run, out / "figures")
    written: list[Path] = [p for f in saved for p in (f.png, f.svg)]
    written.append(write_results_xlsx(run, out / "results.xlsx"))
    written.extend(write_parquet(run, out / "parquet"))
    written.append(write_report_docx(run, saved, out / "report.docx"))
    return written


__all__ = [
    "FIGURES",
    "build_report",
    "figures",
    "house_style",
    "quotes",
    "save_figures",
    "style_evidence",
    "typical_quotes",
    "write_parquet",
    "write_report_docx",
    "write_report_outputs",
    "write_results_xlsx",
]
