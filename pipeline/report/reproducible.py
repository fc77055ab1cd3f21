"""Byte-identical Office files: fixed ZIP entry times and a single run date.

.xlsx and .docx files are ZIP archives; the writers stamp every entry with the current time and
the document properties with "now". Both are replaced here by values that only depend on the
run, so that the same inputs give the same bytes (on the same run date).
"""
from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

#: The earliest time a ZIP entry can carry; used for every entry.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


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


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a ZIP archive with fixed entry times and attributes, keeping the entry order.

    Parameters
    ----------
    data : bytes
        A ZIP archive (e.g. a freshly written .docx or .xlsx).

    Returns
    -------
    bytes
        The same members and contents, deflated, every entry dated 1980-01-01.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return buffer.getvalue()


def write_bytes_atomic(path: Path, data: bytes) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path
