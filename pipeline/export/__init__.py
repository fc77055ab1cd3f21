"""Exports for other tools and for reports: REFI-QDA, Markdown/Word tables, quanteda.

Each codebook export is a function ``writer(book, path) -> path`` registered under its file
name in :data:`CODEBOOK_EXPORTS`; adding a format means adding one entry. Every export is
deterministic: the same codebook gives byte-identical files.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from ..codebook import Codebook
from .codebook_tables import write_docx, write_markdown
from .quanteda import write_quanteda
from .refi import code_guid, validate_xml, write_qdc

#: File name → writer. Order is the order of :func:`export_codebook`'s result.
CODEBOOK_EXPORTS: dict[str, Callable[[Codebook, Path], Path]] = {
    "codebook.qdc": write_qdc,
    "codebook.md": write_markdown,
    "codebook.docx": write_docx,
    "codebook_quanteda.yml": write_quanteda,
}

#: Codebook exports that every run writes into its output folder.
RUN_CODEBOOK_EXPORTS = ("codebook.qdc",)


def export_codebook(book: Codebook, out_dir: Path, formats: Iterable[str] | None = None) -> list[Path]:
    """Write the codebook exports into ``out_dir`` (created if needed).

    Parameters
    ----------
    book : Codebook
        A loaded codebook.
    out_dir : Path
        Folder for the files; existing files of the same name are replaced.
    formats : iterable of str, optional
        File names from :data:`CODEBOOK_EXPORTS`; default all of them.

    Returns
    -------
    list of Path
        The files written, in :data:`CODEBOOK_EXPORTS` order.
    """
    names = list(CODEBOOK_EXPORTS) if formats is None else list(formats)
    unknown = [n for n in names if n not in CODEBOOK_EXPORTS]
    if unknown:
        raise ValueError(f"unknown codebook export(s) {unknown}; known: {', '.join(CODEBOOK_EXPORTS)}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [CODEBOOK_EXPORTS[name](book, out_dir / name) for name in CODEBOOK_EXPORTS if name in names]


def write_exports(run, out: Path) -> list[Path]:
    """Write a run's exports into its (staging) output folder.

    Parameters
    ----------
    run : pipeline.run.Run
        The finished run; ``run.codebook`` is its :class:`~pipeline.codebook.Codebook`.
    out : Path
        The output folder being written.

    Returns
    -------
    list of Path
        Files written (``codebook.qdc``); empty when the run has no codebook.
    """
    if run.codebook is None:
        return []
    return export_codebook(run.codebook, Path(out), formats=RUN_CODEBOOK_EXPORTS)


__all__ = ["CODEBOOK_EXPORTS", "code_guid", "export_codebook", "validate_xml", "write_exports"]
