"""Byte-identical Office files: fixed ZIP entry times and a single run date.

.xlsx and .docx files are ZIP archives; the writers stamp every entry with the current time and
the document properties with "now". Both are replaced here by values that only depend on the
run, so that the same inputs give the same bytes (on the same run date).
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from ..export._zip import ZIP_EPOCH, normalise_zip  # noqa: F401  (one implementation for all zips)


def run_date(run=None) -> dt.date:
    """The date a report carries.

    ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention, seconds since 1970 UTC) wins;
    then the start of the run in its manifest (``run_info.started``, ISO format; for reports
    rebuilt from a loaded run); then today.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    manifest = getattr(run, "manifest", None) or {}
    info = manifest.get("run_info") or {}
    for value in (manifest.get("date"), manifest.get("started"), info.get("started")):
        if isinstance(value, str) and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return dt.date.today()


def run_datetime(run=None) -> dt.datetime:
    """:func:`run_date` at midnight (naive, meant as UTC) for document properties."""
    day = run_date(run)
    return dt.datetime(day.year, day.month, day.day)


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
