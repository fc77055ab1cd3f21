"""The batch run: ingest → pseudonymise → segment → code → analyse → report/export.

:func:`run_study` is the one entry point the CLI and notebooks share. Each stage is a plain
function in its own module; this module only wires them together, times them, writes the
results into a temporary folder and moves it into place at the end, so that a crashed run never
leaves a half-written output folder that looks complete.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import columns, tables
from .config import StudyConfig
from .errors import ConfigError, RegieError


@dataclass
class Skipped:
    """An input that could not be used, and why."""

    path: str
    message: str
    kind: str = "transcript"


@dataclass
class Run:
    """A run's tables (pandas DataFrames), codebook and manifest.

    Returned by :func:`run_study` and by :func:`pipeline.load_run` for notebooks.
    """

    out_dir: Path
    documents: pd.DataFrame
    segments: pd.DataFrame
    codings: pd.DataFrame
    code_summary: pd.DataFrame
    code_by_respondent: pd.DataFrame
    cooccurrence: pd.DataFrame
    respondents: pd.DataFrame
    competences: pd.DataFrame
    competence_summary: pd.DataFrame
    codebook: object = None
    manifest: dict = field(default_factory=dict)
    skipped: list[Skipped] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    config: StudyConfig | None = None

    def table(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


class StageTimer:
    """Collects wall-clock seconds per stage for the manifest."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, stage: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = round(time.perf_counter() - start, 3)


def _no_input_error(message: str) -> RegieError:
    err = RegieError(message)
    err.exit_code = 2  # type: ignore[attr-defined]
    return err


def run_study(config: StudyConfig, *, progress=None) -> Run:
    """Run the whole pipeline for one study and write its output folder.

    Parameters
    ----------
    config : StudyConfig
        Inputs and settings. ``config.out`` is replaced atomically at the end.
    progress : callable, optional
        ``progress(stage: str)`` is called as each stage starts (the CLI shows it).

    Returns
    -------
    Run
        All tables as DataFrames. Inputs that were skipped are in ``run.skipped`` and in
        ``documents.csv`` with ``status="skipped"``.

    Raises
    ------
    ConfigError
        Invalid codebook or settings (CLI exit status 1).
    RegieError
        With ``exit_code = 2`` when no input at all could be read.
    """
    from . import analyse, ingest, manifest, scans, segment
    from .codebook import load_codebook
    from .coders import make_coder

    say = progress or (lambda stage: None)
    timer = StageTimer()
    if config.transcripts is None:
        raise ConfigError("no transcripts given: use --transcripts PATH or a study config")

    with timer("codebook"):
        say("codebook")
        codebook = load_codebook(config.codebook)
        # read before the long stages, so a bad `styles: turn_model:` fails the run at once
        turn_model = analyse.turn_model_for(config.styles)

    with timer("ingest"):
        say("ingest")
        documents, doc_rows, skipped = ingest.read_study(config)
    if not documents:
        raise _no_input_error(
            "no transcript could be read from " + str(config.transcripts)
            + "".join(f"\n  - {s.message}" for s in skipped)
        )

    pseudonymiser = None
    if config.pseudonymise:
        from . import privacy

        with timer("pseudonymise"):
            say("pseudonymise")
            pseudonymiser = privacy.Pseudonymiser(config=config).fit(documents)
            documents = pseudonymiser.transform(documents)

    with timer("segment"):
        say("segment")
        segments, texts = segment.segment_documents(documents, unit=config.segment_unit)

    respondent_meta = ingest.read_respondents(config.respondents, documents)
    documents_table = ingest.documents_table(documents, doc_rows, segments, respondent_meta)

    with timer("code"):
        say("code")
        coding_frames = []
        for coder_name in config.coders:
            coder = make_coder(coder_name, codebook=codebook, config=config)
            coding_frames.append(coder.predict(segments))
        codings = pd.concat(coding_frames, ignore_index=True) if coding_frames else tables.empty("codings")

    with timer("scans"):
        say("scans")
        competences, scan_skipped = scans.read_scans(config.scans, config=config) if config.scans else (tables.empty("competences"), [])
        skipped += [Skipped(s.path, s.message, kind="scan") for s in scan_skipped]
        competence_summary = scans.competence_summary(competences)

    with timer("analyse"):
        say("analyse")
        seg_meta = segments.merge(documents_table[["doc_id", "respondent_id"]], on="doc_id", how="left")
        code_summary = analyse.code_summary(codings, seg_meta, codebook)
        code_by_respondent = analyse.code_by_respondent(codings, seg_meta, codebook)
        cooccurrence = analyse.cooccurrence(codings)
        respondents = analyse.respondent_styles(codings, seg_meta, respondent_meta, config.styles,
                                                style_focus=codebook.style_focus, turn_model=turn_model)

    run = Run(
        out_dir=Path(config.out), documents=documents_table, segments=segments, codings=codings,
        code_summary=code_summary, code_by_respondent=code_by_respondent,
        cooccurrence=cooccurrence, respondents=respondents, competences=competences,
        competence_summary=competence_summary, codebook=codebook, skipped=skipped,
        texts=texts, config=config,
    )

    out = Path(config.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-incomplete-", dir=out.parent))
    try:
        with timer("write"):
            say("write")
            write_tables(run, staging)
        with timer("report"):
            say("report")
            _write_reports(run, staging)
        if pseudonymiser is not None:
            with timer("leak check"):
                say("leak check")
                pseudonymiser.write_private(Path(config.private_dir))
                from .report.document import dutch_date
                from .report.reproducible import run_date

                day = run_date(run)
                # The report states the run's date; a transcript's "23 november" is no leak there.
                leaks = pseudonymiser.check_leaks(staging, generated=[dutch_date(day), day.isoformat()])
                run.manifest["leaks"] = leaks
        run.manifest = manifest.build_manifest(config, codebook, documents_table, run, timer.seconds,
                                               leaks=run.manifest.get("leaks", []))
        (staging / "manifest.json").write_text(
            json.dumps(run.manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        _swap_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    run.out_dir = out
    return run


def write_tables(run: Run, out: Path) -> None:
    """Write every CSV, ``texts/`` and the Parquet copies into ``out``."""
    for name in columns.TABLES:
        df = tables.tidy(run.table(name), name)
        tables.write_csv(df, out / f"{name}.csv")
    text_dir = out / "texts"
    text_dir.mkdir(parents=True, exist_ok=True)
    for doc_id, text in sorted(run.texts.items()):
        (text_dir / f"{doc_id}.txt").write_text(text, encoding="utf-8", newline="\n")


def _write_reports(run: Run, out: Path) -> None:
    from .export import write_exports
    from .report import write_report_outputs

    write_exports(run, out)
    write_report_outputs(run, out)


def _swap_into_place(staging: Path, out: Path) -> None:
    """Replace ``out`` with ``staging``; the old folder is only removed once the new one is in."""
    backup = None
    if out.exists():
        backup = out.with_name(f".{out.name}-previous")
        if backup.exists():
            shutil.rmtree(backup)
        os.replace(out, backup)
    os.replace(staging, out)
    if backup is not None:
        # The output folder may hold a README kept in git; carry over files we don't generate.
        for keep in ("README.md", ".gitkeep"):
            if (backup / keep).exists() and not (out / keep).exists():
                shutil.copy2(backup / keep, out / keep)
        shutil.rmtree(backup, ignore_errors=True)


def load_run(path: str | Path) -> Run:
    """Load a finished run's tables from its output folder (for notebooks).

    Parameters
    ----------
    path : str or Path
        An output folder written by ``regie run``.
    """
    out = Path(path)
    if not (out / "manifest.json").exists():
        raise FileNotFoundError(f"{out}: no manifest.json — is this the output folder of a finished run?")
    frames = {name: tables.read_csv(out / f"{name}.csv") if (out / f"{name}.csv").exists() else tables.empty(name)
              for name in columns.TABLES}
    manifest_data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((out / "texts").glob("*.txt"))}
    codebook = None
    codebook_path = manifest_data.get("codebook", {}).get("path")
    if codebook_path and Path(codebook_path).exists():
        from .codebook import load_codebook

        codebook = load_codebook(codebook_path)
    return Run(out_dir=out, codebook=codebook, manifest=manifest_data, texts=texts, **frames)
