"""The blind competence-scan set (tests/fixtures/blind_scans/README.md): every summary figure as
its independent author computed it, and the same highest and lowest competence."""
from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline import scans
from pipeline.config import StudyConfig

BLIND = Path(__file__).parent / "fixtures" / "blind_scans"


@pytest.mark.parametrize("study", ["wide", "long", "forms"])
def test_blind_scan_study_matches_its_authors_summary(tmp_path, study):
    # The expected files sit beside the scans; copy only the scans, as a researcher would deliver them.
    folder = tmp_path / study
    folder.mkdir()
    for path in (BLIND / study).iterdir():
        if not path.name.startswith("expected"):
            shutil.copy(path, folder / path.name)
    config = StudyConfig(transcripts=tmp_path, scans=folder)
    competences, problems = scans.read_scans(folder, config)
    assert problems == []

    got = scans.competence_summary(competences).set_index("competence")
    expected = pd.read_csv(BLIND / study / "expected_summary.csv").set_index("competence")
    assert sorted(got.index) == sorted(expected.index)
    got = got.loc[expected.index]
    assert got["n"].tolist() == expected["n"].tolist()
    assert got["mean"].round(3).tolist() == expected["mean"].tolist()
    assert got["sd"].round(3).tolist() == expected["sd"].tolist()
    assert got["min"].tolist() == expected["min"].tolist()
    assert got["max"].tolist() == expected["max"].tolist()
    assert got["rank"].tolist() == expected["rank"].tolist()
    highest, lowest = scans.highest_lowest(scans.competence_summary(competences))
    assert highest == [expected["mean"].idxmax()]
    assert lowest == [expected["mean"].idxmin()]
