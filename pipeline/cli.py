"""The ``regie`` command line: a thin shell over :mod:`pipeline.run` and friends."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .config import StudyConfig
from .errors import ConfigError, RegieError

app = typer.Typer(
    help="regie-pipeline: code Dutch interview studies on regie practice, offline and reproducibly.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
codebook_app = typer.Typer(help="Check, show and export the codebook.", no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")
styles_app = typer.Typer(help="The regie-style evidence: fit the model that reads respondents' answers.",
                         no_args_is_help=True)
app.add_typer(styles_app, name="styles")

err_console = Console(stderr=True)


def _fail(message: str, code: int = 1) -> None:
    # Messages quote user text (codebook lists like "[casus]"): escape it so Rich shows it verbatim.
    err_console.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def build_config(config: Optional[Path], transcripts, scans, respondents, codebook, out,
                 no_pseudonymise: bool, segment_unit: Optional[str] = None) -> StudyConfig:
    """Study config from ``--config`` (or the sample study), overridden by the options given."""
    base = StudyConfig.from_yaml(config) if config else None
    if base is None:
        base = StudyConfig.sample() if transcripts is None else StudyConfig()
    updates = {k: v for k, v in {
        "transcripts": transcripts, "scans": scans, "respondents": respondents,
        "codebook": codebook, "out": out, "segment_unit": segment_unit,
    }.items() if v is not None}
    if transcripts is not None and config is None:
        # A run on the user's own transcripts must not pick up the sample study's scans.
        updates.setdefault("scans", scans)
        updates.setdefault("respondents", respondents)
    if no_pseudonymise:
        updates["pseudonymise"] = False
    return base.model_copy(update=updates)


@app.command()
def run(
    config: Optional[Path] = typer.Option(None, "--config", help="Study config (YAML)."),
    transcripts: Optional[Path] = typer.Option(None, "--transcripts", help="Transcript file or folder (.docx, .txt, .md, .vtt, .srt; folders recursively)."),
    scans: Optional[Path] = typer.Option(None, "--scans", help="Competence scan file or folder (.xlsx, .csv, .docx forms)."),
    respondents: Optional[Path] = typer.Option(None, "--respondents", help="CSV with doc_id,respondent_id,... metadata."),
    codebook: Optional[Path] = typer.Option(None, "--codebook", help="Codebook YAML (default: codebook/codebook.yaml)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default: outputs/)."),
    no_pseudonymise: bool = typer.Option(False, "--no-pseudonymise", help="Write real names, places and dates to the outputs (not for sharing!)."),
    unit: Optional[str] = typer.Option(None, "--unit", help="Segment unit: turn (default), paragraph or sentence."),
    quiet: bool = typer.Option(False, "--quiet", help="Print only errors and the final summary line."),
) -> None:
    """Run the pipeline. Without options it runs the embedded sample study into outputs/."""
    from .run import run_study

    console = Console(stderr=True, quiet=quiet)
    try:
        cfg = build_config(config, transcripts, scans, respondents, codebook, out, no_pseudonymise, unit)
    except ConfigError as exc:
        _fail(str(exc))
    if unit is not None and unit not in ("turn", "paragraph", "sentence"):
        _fail(f"--unit must be turn, paragraph or sentence, not {unit!r}")
    if cfg.transcripts is not None and not Path(cfg.transcripts).exists():
        _fail(f"{cfg.transcripts}: no such file or folder (--transcripts)")
    if not cfg.pseudonymise:
        console.print("[bold yellow]warning:[/] --no-pseudonymise: outputs contain names, places and "
                      "dates from the transcripts. Do not share or publish them.", highlight=False)
    try:
        with console.status("running") as status:
            run_result = run_study(cfg, progress=lambda stage: status.update(f"{stage} …"))
    except ConfigError as exc:
        _fail(str(exc), 1)
    except RegieError as exc:
        _fail(str(exc), getattr(exc, "exit_code", 1))
    print_summary(run_result, console, quiet=quiet)
    leaks = run_result.manifest.get("leak_check", {}).get("identifiers_found_in_outputs", 0)
    if leaks:
        _fail(f"leak check: {leaks} identifier(s) from the transcripts found in {cfg.out}; "
              "see manifest.json ('leak_check') — do not share this folder", 3)


def print_summary(run_result, console: Console, quiet: bool = False) -> None:
    docs = run_result.documents
    n_ok = int((docs["status"] == "ok").sum()) if len(docs) else 0
    skipped = run_result.skipped
    if not quiet:
        table = Table(title="regie run", show_header=True)
        for name in ("", "count"):
            table.add_column(name)
        table.add_row("transcripts read", str(n_ok))
        table.add_row("segments", str(len(run_result.segments)))
        table.add_row("codings", str(len(run_result.codings)))
        table.add_row("respondents", str(len(run_result.respondents)))
        table.add_row("competence scores", str(len(run_result.competences)))
        console.print(table)
    if skipped:
        console.print(f"[bold yellow]skipped {len(skipped)} input(s):[/]", highlight=False)
        for item in skipped:
            console.print(f"  - {item.message}", highlight=False, markup=False)
    Console(stderr=True).print(
        f"done: {n_ok} transcript(s), {len(skipped)} skipped → {run_result.out_dir}", highlight=False)


@app.command()
def evaluate(
    gold: Path = typer.Option(..., "--gold", help="Gold coding CSV: doc_id,turn_index,code_id."),
    run_dir: Optional[Path] = typer.Option(None, "--run", help="Output folder of a finished run (default: outputs/ or --transcripts)."),
    transcripts: Optional[Path] = typer.Option(None, "--transcripts", help="Code these transcripts now instead of reading a run."),
    codebook: Optional[Path] = typer.Option(None, "--codebook", help="Codebook YAML (default: codebook/codebook.yaml)."),
    coder: str = typer.Option("rules", "--coder", help="Which coder's codings to evaluate (rules, model:<name>)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write the per-code table to this CSV."),
) -> None:
    """Agreement of a coder with human gold coding: P, R, F1, Cohen's κ, Krippendorff's α per code."""
    from .evaluate import evaluate_cli

    try:
        evaluate_cli(gold=gold, run_dir=run_dir, transcripts=transcripts, codebook=codebook,
                     coder=coder, out=out, console=Console())
    except RegieError as exc:
        _fail(str(exc), getattr(exc, "exit_code", 1))


@codebook_app.command("check")
def codebook_check(path: Optional[Path] = typer.Argument(None, help="Codebook YAML (default: codebook/codebook.yaml).")) -> None:
    """Validate the codebook; print every problem as file:line: message."""
    from .codebook import check_codebook
    from .config import DEFAULT_CODEBOOK

    problems = check_codebook(path or DEFAULT_CODEBOOK)
    if problems:
        for problem in problems:
            err_console.print(problem, highlight=False, markup=False, soft_wrap=True)
        raise typer.Exit(1)
    Console().print(f"{path or DEFAULT_CODEBOOK}: ok", highlight=False, soft_wrap=True)


@codebook_app.command("show")
def codebook_show(path: Optional[Path] = typer.Argument(None, help="Codebook YAML (default: codebook/codebook.yaml).")) -> None:
    """Print the code tree with labels."""
    from .codebook import load_codebook, render_tree
    from .config import DEFAULT_CODEBOOK

    try:
        book = load_codebook(path or DEFAULT_CODEBOOK)
    except ConfigError as exc:
        _fail(str(exc))
    Console().print(render_tree(book), highlight=False, markup=False, soft_wrap=True)


@codebook_app.command("export")
def codebook_export(
    out: Path = typer.Option(Path("outputs/codebook"), "--out", help="Folder for the exports."),
    path: Optional[Path] = typer.Argument(None, help="Codebook YAML (default: codebook/codebook.yaml)."),
) -> None:
    """Export the codebook: REFI-QDA .qdc, Markdown and Word tables, quanteda YAML dictionary."""
    from .codebook import load_codebook
    from .config import DEFAULT_CODEBOOK
    from .export import export_codebook

    try:
        book = load_codebook(path or DEFAULT_CODEBOOK)
    except ConfigError as exc:
        _fail(str(exc))
    for written in export_codebook(book, out):
        Console().print(str(written), highlight=False, soft_wrap=True)


@styles_app.command("train")
def styles_train(
    sets: list[Path] = typer.Argument(..., help="Labelled sets: folders with transcripts/ and orientation.csv."),
    out: Path = typer.Option(..., "--out", help="Where to write the model (JSON)."),
    method: str = typer.Option("logistic", "--method",
                               help="Estimator: logistic (regression, default) or naive_bayes."),
    alpha: float = typer.Option(1.0, "--alpha", help="naive_bayes: additive smoothing of the lemma counts (> 0)."),
    c: float = typer.Option(1.0, "--C", help="logistic: inverse strength of the L2 penalty (> 0)."),
    min_documents: int = typer.Option(3, "--min-documents",
                                      help="A term counts only when it occurs in at least this many documents."),
    ngrams: int = typer.Option(2, "--ngrams",
                               help="Longest run of adjacent lemmas read as one term (1: single lemmas)."),
) -> None:
    """Fit the turn-orientation model on respondent turns marked casus/netwerk; use it with
    `styles: turn_model:` in the study config."""
    from .orientation import TURN_MODEL_METHODS, train

    if method not in TURN_MODEL_METHODS:
        _fail(f"--method {method!r} is not known; use one of: {', '.join(sorted(TURN_MODEL_METHODS))}")
    if alpha <= 0 or c <= 0 or min_documents < 1 or ngrams < 1:
        _fail("--alpha and --C must be > 0, --min-documents and --ngrams at least 1")
    try:
        model = train(sets, method=method, alpha=alpha, C=c, min_documents=min_documents, ngrams=ngrams)
    except RegieError as exc:
        _fail(str(exc))
    except ValueError as exc:
        _fail(f"cannot fit the model: {exc}")
    out.parent.mkdir(parents=True, exist_ok=True)
    model.save(out)
    counts = ", ".join(f"{n} {o}" for o, n in zip(("casus", "netwerk", "neither"), model.turns_.tolist()))
    Console().print(f"{out}: {model.method} over {len(model.vocabulary_)} terms "
                  f"({'lemmas' if model.ngrams == 1 else f'lemmas and runs of up to {model.ngrams}'}) from {len(model.sources_)} set(s); "
                    f"turns: {counts}",
                    highlight=False, soft_wrap=True)


def main() -> None:
    app(prog_name="regie")


if __name__ == "__main__":
    main()
