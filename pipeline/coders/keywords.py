"""A naive baseline: one obvious keyword per code, found anywhere in the lower-case text.

This is what "a keyword list" means in the evaluation: it shows how much the rules coder's
lemmas, compounds, proximity rules and near-miss exclusions add. It ignores the codebook's
patterns on purpose; codes without a keyword here are never assigned.
"""
from __future__ import annotations

import pandas as pd

from . import register_coder
from .base import BaseCoder

#: The keyword per code: the word a researcher would grep for first (substring, lower case).
BASELINE_KEYWORDS: dict[str, str] = {
    "stijl.casusgericht": "casus",
    "stijl.netwerkgericht": "netwerk",
    "proces.visie": "visie",
    "proces.partners_verkennen": "partners",
    "proces.gezamenlijk_plan": "plan",
    "proces.capaciteit": "capaciteit",
    "proces.uitvoeren_bijstellen": "bijstel",
    "sturing.belangen": "belang",
    "vertrouwen.persoon": "vertrouw",
    "vertrouwen.partners": "samenwerking",
    "vertrouwen.wantrouwen_doelgroep": "wantrouw",
    "werkwijze.instrumenten": "plan van aanpak",
    "succes.ervaring": "ervaring",
    "succes.ondersteuning": "steun",
    "belemmering.bureaucratie": "regels",
    "belemmering.botsende_belangen": "botsen",
    "belemmering.informatiedeling": "privacy",
    "uitkomst.small_wins": "kleine stap",
}


@register_coder("keywords")
class KeywordCoder(BaseCoder):
    """Assign a code when its keyword (:data:`BASELINE_KEYWORDS`) occurs in the segment."""

    name = "keywords"

    def _score(self, todo: pd.DataFrame, segments: pd.DataFrame) -> list[tuple]:
        known = set(self.codebook.ids)
        keywords = sorted((c, k) for c, k in BASELINE_KEYWORDS.items() if c in known)
        rows = []
        for doc_id, seg_id, text in zip(todo["doc_id"].astype(str), todo["segment_id"].astype(str),
                                        todo["text"].fillna("").astype(str)):
            low = text.lower()
            for code_id, keyword in keywords:
                if keyword in low:
                    rows.append((doc_id, seg_id, code_id, 1.0, keyword))
        return rows
