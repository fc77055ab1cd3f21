"""Dutch display labels for codes, competences and styles.

Charts and the report show the codebook's labels, never the dotted ids. When a run was loaded
without its codebook (``run.codebook is None``) the ``label`` and ``parent`` columns of
``code_summary`` are used instead, and an id without any label is shown as it is.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .style import STYLE_LABELS


@dataclass
class CodeLabels:
    """Code id → label, parent and codebook order.

    Build it with :meth:`from_run_parts`; look labels up with :meth:`label`.
    """

    labels: dict[str, str] = field(default_factory=dict)
    parents: dict[str, str | None] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    @classmethod
    def from_run_parts(cls, codebook=None, code_summary: pd.DataFrame | None = None) -> "CodeLabels":
        """Collect labels from the codebook first, then from ``code_summary``.

        Parameters
        ----------
        codebook : pipeline.codebook.Codebook or None
        code_summary : DataFrame or None
            With columns ``code_id, label, parent`` (see ``columns.CODE_SUMMARY``).
        """
        out = cls()
        if codebook is not None:
            for code in codebook.codes:
                out.labels[code.id] = code.label
                out.parents[code.id] = code.parent or None
                out.order.append(code.id)
        if code_summary is not None and len(code_summary):
            for row in code_summary.itertuples(index=False):
                code_id = str(row.code_id)
                if code_id not in out.labels:
                    label = getattr(row, "label", None)
                    out.labels[code_id] = label if isinstance(label, str) and label else code_id
                    parent = getattr(row, "parent", None)
                    out.parents[code_id] = parent if isinstance(parent, str) and parent else None
                    out.order.append(code_id)
        return out

    def label(self, code_id: str) -> str:
        return self.labels.get(code_id, code_id)

    def top(self, code_id: str) -> str:
        """The top-level code (theme) that ``code_id`` belongs to."""
        seen = set()
        while self.parents.get(code_id) and code_id not in seen:
            seen.add(code_id)
            code_id = self.parents[code_id]
        return code_id

    def is_parent(self, code_id: str) -> bool:
        return code_id in set(p for p in self.parents.values() if p)

    def leaves(self) -> list[str]:
        """Codes that segments are coded with (no children), in codebook order."""
        parents = set(p for p in self.parents.values() if p)
        return [c for c in self.order if c not in parents]

    def sort_key(self, code_id: str) -> tuple:
        """Codebook order; codes unknown to the codebook last, by id."""
        try:
            return (0, self.order.index(code_id), "")
        except ValueError:
            return (1, 0, code_id)


def competence_label(name: str, labels: dict[str, str] | None = None) -> str:
    """The display label of a canonical competence name.

    From ``labels`` (see :func:`competence_labels`) when given, else the name with a capital:
    ``"oordeelsvorming"`` → ``"Oordeelsvorming"``.
    """
    name = str(name).strip()
    if labels and labels.get(name):
        return str(labels[name])
    return name[:1].upper() + name[1:]


def competence_labels(run) -> dict[str, str]:
    """Canonical name → label from the run's competence list (``codebook/competences.yaml``).

    Empty when the list cannot be read (e.g. a run loaded on another machine); labels then
    fall back to the capitalised name.
    """
    config = getattr(run, "config", None)
    path = getattr(config, "competences", None)
    if path is None:
        path = ((getattr(run, "manifest", None) or {}).get("settings", {}) or {}).get("competences")
    if not path:
        return {}
    from ..errors import ConfigError

    try:
        from ..scans import load_competences

        return dict(load_competences(path).labels)
    except (ConfigError, ImportError, OSError, AttributeError):
        return {}


def style_label(style: str) -> str:
    return STYLE_LABELS.get(str(style), competence_label(str(style)))


def format_number(value, decimals: int = 2) -> str:
    """Dutch number formatting for the report: decimal comma, ``–`` for missing values."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA:
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if pd.isna(number):
        return "–"
    if decimals == 0:
        return f"{int(round(number))}"
    return f"{number:.{decimals}f}".replace(".", ",")
