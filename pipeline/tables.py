"""Writing and reading the run's tables so that the same inputs give byte-identical files."""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import columns


def empty(table: str) -> pd.DataFrame:
    """An empty DataFrame with the columns of ``table`` (a key of :data:`columns.TABLES`)."""
    return pd.DataFrame({name: pd.Series(dtype="object") for name in columns.TABLES[table]})


def tidy(df: pd.DataFrame, table: str) -> pd.DataFrame:
    """Put the contract columns first (in order), keep extra columns after them, sort by key.

    Raises ``KeyError`` naming the missing columns when ``df`` lacks a contract column: a
    stage that breaks the contract should fail loudly in tests, not write a wrong file.
    """
    wanted = list(columns.TABLES[table])
    missing = [c for c in wanted if c not in df.columns]
    if missing:
        raise KeyError(f"table {table!r} lacks columns {missing}")
    extra = [c for c in df.columns if c not in wanted]
    out = df[wanted + extra]
    keys = [k for k in columns.SORT_KEYS.get(table, ()) if k in out.columns]
    if keys and len(out):
        out = out.sort_values(keys, kind="mergesort")
    return out.reset_index(drop=True)


def write_csv(df: pd.DataFrame, path: Path, table: str | None = None) -> Path:
    """Write ``df`` as UTF-8 CSV with LF line ends; floats rounded to 6 decimals for stability."""
    if table is not None:
        df = tidy(df, table)
    path.parent.mkdir(parents=True, exist_ok=True)
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.6g")
    return path


def read_csv(path: Path) -> pd.DataFrame:
    """Read a table written by :func:`write_csv`, keeping ids and text as strings."""
    return pd.read_csv(path, dtype={"doc_id": str, "respondent_id": str, "segment_id": str,
                                    "text": str, "evidence": str, "message": str},
                       keep_default_na=False, na_values=[""])
