"""The notebooks: paired with their .py source, free of own code, and they run against a run.

Each notebook is executed with nbclient in a fresh ``python3`` kernel of this interpreter, with
``notebooks/`` as working directory and ``REGIE_RUN`` pointing at an output folder:
- the sample study, run here with :func:`pipeline.run.run_study` (this must work: if the sample
  study or a stage is broken, these tests fail rather than skip);
- the small hand-made run of ``test_figures.py``, so that notebook problems show up separately
  from pipeline problems.
"""
from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pytest
from nbclient import NotebookClient

from test_figures import build_fake_run

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = ["01_overzicht", "02_regiestijlen", "03_competentiescan"]
OWN_CODE = re.compile(r"^\s*(async\s+def|def|class)\s", re.MULTILINE)


@pytest.fixture(scope="session")
def sample_run_dir(tmp_path_factory) -> Path:
    from pipeline.config import StudyConfig
    from pipeline.run import run_study

    base = tmp_path_factory.mktemp("sample-run")
    config = StudyConfig.sample().model_copy(update={"out": base / "outputs", "private_dir": base / "private"})
    run_study(config)
    return base / "outputs"


@pytest.fixture(scope="session")
def fake_run_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("fake-run") / "outputs"
    build_fake_run(out, write=True)
    return out


def test_every_notebook_is_paired():
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.py")) == NAMES
    assert sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")) == NAMES
    assert 'formats = "ipynb,py:percent"' in (NOTEBOOKS / "jupytext.toml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_has_no_own_functions_or_classes(name):
    source = (NOTEBOOKS / f"{name}.py").read_text(encoding="utf-8")
    assert not OWN_CODE.search(source), f"{name}.py defines code; put it in the package"
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not OWN_CODE.search(cell.source), f"{name}.ipynb defines code"


@pytest.mark.parametrize("name", NAMES)
def test_ipynb_is_in_sync_with_py(name):
    from_py = jupytext.read(NOTEBOOKS / f"{name}.py")
    from_ipynb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    cells = lambda nb: [(c.cell_type, c.source.strip()) for c in nb.cells]  # noqa: E731
    assert cells(from_ipynb) == cells(from_py), f"run `jupytext --sync notebooks/{name}.py`"
    assert from_ipynb.metadata["kernelspec"]["name"] == "python3"
    assert all(not c.get("outputs") for c in from_ipynb.cells if c.cell_type == "code"), \
        "commit notebooks without outputs"


@pytest.mark.parametrize("name", NAMES)
def test_notebook_is_dutch_narrative_that_loads_a_run(name):
    nb = jupytext.read(NOTEBOOKS / f"{name}.py")
    markdown = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert len(markdown.split()) > 60
    assert re.search(r"\b(de|het|een|van)\b", markdown)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert 'os.environ.get("REGIE_RUN", "../outputs")' in code
    assert "pipeline.load_run(OUTPUT_DIR)" in code


def _execute(name: str, run_dir: Path, monkeypatch) -> nbformat.NotebookNode:
    monkeypatch.setenv("REGIE_RUN", str(run_dir))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOKS / f"{name}.ipynb", as_version=4)
    client = NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    return nb


def _images(nb) -> int:
    return sum(1 for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
               if "image/png" in o.get("data", {}))


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_against_the_hand_made_run(name, fake_run_dir, monkeypatch):
    nb = _execute(name, fake_run_dir, monkeypatch)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert _images(nb) >= 1, "the notebook should show its figures"


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_against_the_sample_run(name, sample_run_dir, monkeypatch):
    nb = _execute(name, sample_run_dir, monkeypatch)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    assert _images(nb) >= 1
