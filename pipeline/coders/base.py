"""What every coder shares: the interface, segment selection and the output table."""
from __future__ import annotations

import pandas as pd

from .. import columns


class BaseCoder:
    """Base class of coders (scikit-learn style: no work in ``__init__``).

    Parameters
    ----------
    codebook : pipeline.codebook.Codebook
    config : pipeline.config.StudyConfig, optional
        ``code_interviewer`` (default False) decides whether interviewer segments are coded.

    Subclasses set :attr:`name` (the ``coder`` column value) and implement :meth:`_score`.
    """

    #: Value of the ``coder`` column in ``codings.csv``.
    name: str = "base"

    def __init__(self, codebook, config=None):
        self.codebook = codebook
        self.config = config

    # -- interface ---------------------------------------------------------------------------
    def fit(self, segments: pd.DataFrame | None = None, codings: pd.DataFrame | None = None):
        """Prepare the coder; learned coders use ``codings`` (human, same columns as CODINGS).

        Returns
        -------
        self
        """
        self.is_fitted_ = True
        return self

    def predict(self, segments: pd.DataFrame) -> pd.DataFrame:
        """Code segments.

        Parameters
        ----------
        segments : DataFrame
            Columns :data:`pipeline.columns.SEGMENTS` (at least ``doc_id, segment_id, turn_index,
            role, text``).

        Returns
        -------
        DataFrame
            Columns :data:`pipeline.columns.CODINGS`, one row per assigned (segment, code),
            sorted by ``doc_id, segment_id, code_id``.
        """
        if not getattr(self, "is_fitted_", False):
            self.fit(segments)
        todo = self.select(segments)
        rows = self._score(todo, segments) if len(todo) else []
        return self.to_frame(rows)

    # -- helpers -----------------------------------------------------------------------------
    @property
    def code_interviewer(self) -> bool:
        return bool(getattr(self.config, "code_interviewer", False))

    def select(self, segments: pd.DataFrame) -> pd.DataFrame:
        """The segments this coder codes: all but interviewer turns, unless configured."""
        if self.code_interviewer or "role" not in segments.columns:
            return segments
        return segments[segments["role"].astype(str) != "interviewer"]

    def _score(self, todo: pd.DataFrame, segments: pd.DataFrame) -> list[tuple]:
        """Return ``(doc_id, segment_id, code_id, score, evidence)`` tuples for ``todo``."""
        raise NotImplementedError

    def to_frame(self, rows: list[tuple]) -> pd.DataFrame:
        """Codings rows → the sorted CODINGS table."""
        df = pd.DataFrame(
            [(d, s, c, self.name, round(float(sc), 4), ev) for d, s, c, sc, ev in rows],
            columns=list(columns.CODINGS),
        )
        if len(df):
            df = df.sort_values(["doc_id", "segment_id", "code_id"], kind="mergesort")
        else:
            df = df.astype({"score": float})
        return df.reset_index(drop=True)
