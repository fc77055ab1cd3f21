"""Transcript ingestion: files in, :class:`~pipeline.model.Document` objects and tables out.

One reader per format, registered in :data:`READERS` by file suffix; every reader returns the
same structure (speaker turns, header lines), so everything after ingestion is format-blind.

>>> from pipeline.ingest import read_transcript
>>> doc = read_transcript(Path("R01.docx"))          # doctest: +SKIP
>>> doc.turns[0].speaker, doc.turns[0].role          # doctest: +SKIP
('Interviewer', 'interviewer')
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import columns
from ..errors import ConfigError, InputError
from ..model import Document
from .roles import assign_roles
from .subtitles import read_srt, read_vtt
from .text import decode, read_md, read_txt
from .turns import Parsed
from .word import read_docx

__all__ = [
    "TRANSCRIPT_SUFFIXES", "SCAN_SUFFIXES", "READERS", "discover", "read_transcript", "read_study",
    "read_respondents", "documents_table",
]

TRANSCRIPT_SUFFIXES = (".docx", ".txt", ".md", ".vtt", ".srt")
SCAN_SUFFIXES = (".xlsx", ".csv")

#: Suffix → reader. A reader takes a path and returns ``(Parsed, encoding)``.
READERS: dict[str, Callable[[Path], tuple[Parsed, str]]] = {
    ".docx": read_docx,
    ".txt": read_txt,
    ".md": read_md,
    ".vtt": read_vtt,
    ".srt": read_srt,
}

NO_LABELS = ("no speaker labels found (expected lines such as 'Interviewer: ...', 'R: ...', "
             "'Fatima: ...' or WebVTT voice tags)")


def _hidden(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts if path != root else (path.name,)
    return any(p.startswith(".") for p in parts) or path.name.startswith("~$")


def discover(root: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    """The input files under ``root``, sorted.

    Parameters
    ----------
    root : Path
        A file (returned as is, whatever its suffix, so its reader can say what is wrong) or a
        folder (searched recursively).
    suffixes : tuple of str, optional
        Suffixes to collect (case-insensitive); default all transcript and scan suffixes.

    Returns
    -------
    list of Path
        Sorted by their path relative to ``root``; hidden files and folders and Word lock files
        (``~$R01.docx``) skipped.

    Raises
    ------
    ConfigError
        ``root`` does not exist.
    """
    root = Path(root)
    wanted = tuple(s.lower() for s in (suffixes or TRANSCRIPT_SUFFIXES + SCAN_SUFFIXES))
    if root.is_file():
        return [root]
    if not root.is_dir():
        raise ConfigError(f"{root}: no such file or folder")
    found = [p for p in root.rglob("*")
             if p.is_file() and p.suffix.lower() in wanted and not _hidden(p, root)]
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def read_transcript(path: Path, roles: dict[str, str] | None = None) -> Document:
    """Read one transcript and decide its speakers' roles.

    Parameters
    ----------
    path : Path
        A .docx, .txt, .md, .vtt or .srt file; it is opened read-only.
    roles : dict of str to str, optional
        Label → role (case-insensitive), from the study config; wins over labels and inference.

    Returns
    -------
    Document
        ``doc_id`` = file name without extension; turns with roles; ``role_method``.

    Raises
    ------
    InputError
        Unknown format, unreadable or damaged file, no speaker labels.
    """
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise InputError(path, f"unsupported file type {path.suffix or '(none)'!r}; transcripts must be "
                         + ", ".join(TRANSCRIPT_SUFFIXES))
    try:
        parsed, encoding = reader(path)
    except InputError:
        raise
    except (UnicodeError, ValueError, KeyError, IndexError, AttributeError, TypeError, OSError,
            RecursionError, MemoryError) as exc:
        # Bad input deep inside a library; the batch must go on with a message, not a traceback.
        raise InputError(path, f"could not be read ({type(exc).__name__}: {exc})") from None
    if not parsed.turns:
        raise InputError(path, NO_LABELS)
    turns, method = assign_roles(parsed.turns, roles, parsed.hints)
    return Document(doc_id=path.stem, source_path=str(path), format=path.suffix.lower().lstrip("."),
                    encoding=encoding, turns=turns, role_method=method, header=parsed.header)


def _display_path(path: Path, root: Path) -> str:
    """The path written to ``documents.csv``: relative to the input folder's parent, so that
    outputs do not depend on (or reveal) where the study lives on this machine."""
    base = root.parent if root.is_dir() else root.parent
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.name


def read_study(config) -> tuple[list[Document], list[dict], list]:
    """Read every transcript of a study; bad files are skipped with a message.

    Parameters
    ----------
    config : StudyConfig
        Uses ``config.transcripts`` (a file or a folder) and ``config.roles``.

    Returns
    -------
    documents : list of Document
        The transcripts that could be read, in path order.
    rows : list of dict
        One per input file: ``doc_id, source_path, format, encoding, status, message, role_method``.
    skipped : list of pipeline.run.Skipped
        The inputs that could not be used, with the reason.
    """
    from ..run import Skipped

    root = Path(config.transcripts)
    if not root.exists():
        raise ConfigError(f"{root}: transcripts not found (no such file or folder)")
    documents: list[Document] = []
    rows: list[dict] = []
    skipped: list = []
    seen: dict[str, str] = {}
    for path in discover(root, TRANSCRIPT_SUFFIXES):
        shown = _display_path(path, root)
        row = {"doc_id": path.stem, "source_path": shown, "format": path.suffix.lower().lstrip("."),
               "encoding": "", "status": "ok", "message": "", "role_method": ""}
        key = path.stem.casefold()
        try:
            if key in seen:
                raise InputError(path, f"has the same document id {path.stem!r} as {seen[key]}; "
                                 "skipped (rename one of the two files)")
            doc = read_transcript(path, dict(config.roles or {}))
        except InputError as exc:
            row.update(status="skipped", message=str(exc))
            skipped.append(Skipped(str(path), str(exc), kind="transcript"))
        else:
            # An id is taken only by a file that could be read: when R01.docx is corrupt,
            # R01.txt is still used (and R01.docx is listed as skipped with its own reason).
            seen[key] = shown
            doc.source_path = shown
            row.update(encoding=doc.encoding, role_method=doc.role_method)
            documents.append(doc)
        rows.append(row)
    return documents, rows, skipped


def _read_csv_text(path: Path) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ConfigError(f"{path}: respondents file cannot be opened: {exc.strerror or exc}") from None
    try:
        text, _ = decode(data, path)
    except InputError as exc:
        raise ConfigError(str(exc)) from None
    return text


def read_respondents(path: Path | None, documents: list[Document]) -> pd.DataFrame:
    """Respondent id and metadata per document.

    Parameters
    ----------
    path : Path or None
        A CSV with columns ``doc_id, respondent_id`` and any metadata columns (comma, semicolon
        or tab separated, as Excel writes it). None: every document is its own respondent.
    documents : list of Document

    Returns
    -------
    pandas.DataFrame
        One row per document, sorted by ``doc_id``: ``doc_id, respondent_id`` then the CSV's
        metadata columns (strings; ``""`` when missing). Documents missing from the CSV (or with
        an empty ``respondent_id``) get ``respondent_id = doc_id``.

    Raises
    ------
    ConfigError
        The file is missing, unreadable, lacks ``doc_id``/``respondent_id`` or lists a
        ``doc_id`` twice.
    """
    doc_ids = sorted({d.doc_id for d in documents})
    base = pd.DataFrame({"doc_id": pd.Series(doc_ids, dtype=object)})
    if path is None:
        base["respondent_id"] = base["doc_id"]
        return base
    path = Path(path)
    if not path.is_file():
        raise ConfigError(f"{path}: respondents file not found")
    text = _read_csv_text(path)
    first = text.splitlines()[0] if text.strip() else ""
    try:
        dialect = csv.Sniffer().sniff(first, delimiters=",;\t")
        sep = dialect.delimiter
    except csv.Error:
        sep = ","
    try:
        meta = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ConfigError(f"{path}: not a readable CSV file ({exc})") from None
    meta.columns = [str(c).strip() for c in meta.columns]
    missing = [c for c in ("doc_id", "respondent_id") if c not in meta.columns]
    if missing:
        raise ConfigError(f"{path}: respondents file lacks column(s) {', '.join(missing)} "
                          f"(found: {', '.join(meta.columns)})")
    meta["doc_id"] = meta["doc_id"].str.strip()
    meta["respondent_id"] = meta["respondent_id"].str.strip()
    dupes = sorted(meta.loc[meta["doc_id"].duplicated(), "doc_id"].unique())
    if dupes:
        raise ConfigError(f"{path}: doc_id listed more than once: {', '.join(dupes)}")
    other = [c for c in meta.columns if c not in ("doc_id", "respondent_id")]
    out = base.merge(meta[["doc_id", "respondent_id", *other]], on="doc_id", how="left")
    out = out.fillna("")
    empty = out["respondent_id"] == ""
    out.loc[empty, "respondent_id"] = out.loc[empty, "doc_id"]
    return out.reset_index(drop=True)


def documents_table(documents: list[Document], doc_rows: list[dict], segments: pd.DataFrame,
                    respondent_meta: pd.DataFrame) -> pd.DataFrame:
    """The ``documents.csv`` table: one row per input file.

    Parameters
    ----------
    documents : list of Document
        The documents that were read (after pseudonymisation, if any).
    doc_rows : list of dict
        From :func:`read_study`.
    segments : pandas.DataFrame
        The segments table (for ``n_segments``).
    respondent_meta : pandas.DataFrame
        From :func:`read_respondents`.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`pipeline.columns.DOCUMENTS`, sorted by ``doc_id, source_path``.
    """
    by_id = {d.doc_id: d for d in documents}
    n_segments = segments.groupby("doc_id").size().to_dict() if len(segments) else {}
    respondent = dict(zip(respondent_meta["doc_id"], respondent_meta["respondent_id"])) \
        if len(respondent_meta) else {}
    records = []
    for row in doc_rows:
        ok = row.get("status") == "ok" and row["doc_id"] in by_id
        doc = by_id.get(row["doc_id"]) if ok else None
        records.append({
            "doc_id": row["doc_id"],
            "source_path": row.get("source_path", ""),
            "format": row.get("format", ""),
            "encoding": row.get("encoding", "") if ok else "",
            "n_turns": len(doc.turns) if doc else 0,
            "n_segments": int(n_segments.get(row["doc_id"], 0)) if doc else 0,
            "n_words": doc.n_words if doc else 0,
            "respondent_id": respondent.get(row["doc_id"], row["doc_id"]),
            "status": "ok" if ok else "skipped",
            "message": row.get("message", ""),
            "role_method": (doc.role_method if doc else ""),
        })
    df = pd.DataFrame(records, columns=list(columns.DOCUMENTS))
    for col in ("n_turns", "n_segments", "n_words"):
        df[col] = df[col].astype("int64")
    if len(df):
        df = df.sort_values(["doc_id", "source_path"], kind="mergesort")
    return df.reset_index(drop=True)
