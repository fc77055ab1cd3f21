"""Shared fixtures. The sample-study run is expensive (deduce start-up, spaCy), so it runs once per
test session and every end-to-end test reads the same output folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"


def shared_dir() -> Path | None:
    """``../shared`` beside the repository (or $REGIE_SHARED); None when absent."""
    candidate = Path(os.environ.get("REGIE_SHARED", ROOT.parent / "shared"))
    return candidate if candidate.is_dir() else None


@pytest.fixture(scope="session")
def sample_config(tmp_path_factory):
    from pipeline.config import StudyConfig

    base = tmp_path_factory.mktemp("sample-run")
    return StudyConfig.sample().model_copy(update={"out": base / "out", "private_dir": base / "private"})


@pytest.fixture(scope="session")
def sample_run(sample_config):
    """The embedded sample study, run once with default settings."""
    from pipeline.run import run_study

    return run_study(sample_config)


@pytest.fixture(scope="session")
def sample_out(sample_run) -> Path:
    return Path(sample_run.out_dir)
