"""Agreement of a coder with human gold coding, at respondent-turn level.

The unit of analysis is the respondent turn ``(doc_id, turn_index)``: a coder's segment codings
are aggregated to turns (a turn has a code when any of its segments has it), and the universe is
every respondent turn of the documents that appear in the gold file. For each code both raters
give a binary vector over that universe, from which we report precision, recall, F1, Cohen's κ
and Krippendorff's α (nominal), plus macro averages over the 18 core codes and over all codes.

Conventions for degenerate codes (documented in the README):

* precision = tp / (tp + fp) and recall = tp / (tp + fn), 0 when their denominator is 0 but the
  code occurs on the other side (as scikit-learn's ``zero_division=0``); NaN when neither the gold
  nor the coder has the code at all;
* F1 = 2tp / (2tp + fp + fn), NaN when neither side has the code;
* Cohen's κ = (p_o − p_e) / (1 − p_e) from the 2×2 table; NaN when p_e = 1 (both raters gave the
  same single value to every turn — usually "absent" on both sides);
* Krippendorff's α (nominal, two coders, no missing values) via the ``krippendorff`` package; NaN
  when only one value occurs in the data.

NaN values are left out of the macro averages; ``n_codes`` in the macro rows says how many codes
each average is over.
"""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from . import columns
from .errors import InputError, RegieError

#: The codes every codebook must have and the acceptance figures are averaged over.
CORE_CODES: tuple[str, ...] = (
    "stijl.casusgericht", "stijl.netwerkgericht",
    "proces.visie", "proces.partners_verkennen", "proces.gezamenlijk_plan", "proces.capaciteit",
    "proces.uitvoeren_bijstellen",
    "sturing.belangen",
    "vertrouwen.persoon", "vertrouwen.partners", "vertrouwen.wantrouwen_doelgroep",
    "werkwijze.instrumenten",
    "succes.ervaring", "succes.ondersteuning",
    "belemmering.bureaucratie", "belemmering.botsende_belangen", "belemmering.informatiedeling",
    "uitkomst.small_wins",
)
METRICS = ("precision", "recall", "f1", "kappa", "alpha")


# -- metrics on one 2x2 table ---------------------------------------------------------------------
def binary_metrics(gold: np.ndarray, pred: np.ndarray) -> dict[str, float]:
    """P, R, F1, Cohen's κ and Krippendorff's α of two binary vectors of equal length.

    Parameters
    ----------
    gold, pred : ndarray of bool, shape (n_units,)

    Returns
    -------
    dict
        ``support, n_predicted, tp, fp, fn`` (int) and ``precision, recall, f1, kappa, alpha``
        (float, NaN where undefined — see the module doc).
    """
    gold = np.asarray(gold, dtype=bool)
    pred = np.asarray(pred, dtype=bool)
    n = len(gold)
    tp = int(np.sum(gold & pred))
    fp = int(np.sum(~gold & pred))
    fn = int(np.sum(gold & ~pred))
    tn = n - tp - fp - fn
    nan = float("nan")
    present = tp + fp + fn > 0
    precision = tp / (tp + fp) if tp + fp else (0.0 if present else nan)
    recall = tp / (tp + fn) if tp + fn else (0.0 if present else nan)
    f1 = 2 * tp / (2 * tp + fp + fn) if present else nan
    return {
        "support": tp + fn, "n_predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn,
        "precision": precision, "recall": recall, "f1": f1,
        "kappa": cohen_kappa(tp, fp, fn, tn), "alpha": krippendorff_alpha(gold, pred),
    }


def cohen_kappa(tp: int, fp: int, fn: int, tn: int) -> float:
    """Cohen's κ of a 2×2 table; NaN when chance agreement is 1 (no variation at all)."""
    n = tp + fp + fn + tn
    if n == 0:
        return float("nan")
    p_o = (tp + tn) / n
    p_e = ((tp + fp) * (tp + fn) + (fn + tn) * (fp + tn)) / (n * n)
    if math.isclose(p_e, 1.0):
        return float("nan")
    return (p_o - p_e) / (1 - p_e)


def krippendorff_alpha(gold: np.ndarray, pred: np.ndarray) -> float:
    """Krippendorff's α (nominal) for two coders; NaN when only one value occurs."""
    import krippendorff

    data = np.vstack([np.asarray(gold, dtype=float), np.asarray(pred, dtype=float)])
    if data.size == 0 or len(np.unique(data)) < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


# -- the evaluation ---------------------------------------------------------------------------------
def evaluate(codings: pd.DataFrame, segments: pd.DataFrame, gold: pd.DataFrame, codebook,
             coder: str = "rules") -> tuple[pd.DataFrame, dict]:
    """Per-code and macro agreement of ``coder`` with the gold coding.

    Parameters
    ----------
    codings : DataFrame
        Columns :data:`columns.CODINGS` (other coders' rows are ignored).
    segments : DataFrame
        Columns :data:`columns.SEGMENTS` of (at least) the gold documents.
    gold : DataFrame
        Columns :data:`columns.GOLD`; rows with an empty ``code_id`` only declare that a
        document was gold-coded. Validate first with :func:`read_gold`.
    codebook : pipeline.codebook.Codebook
    coder : str
        Value of the ``coder`` column to evaluate.

    Returns
    -------
    per_code : DataFrame
        Columns :data:`columns.EVALUATION`, one row per codable code, sorted by ``code_id``.
    macro : dict
        ``{"core": {...}, "all": {...}}``, each with the mean of every metric, ``n_codes`` and
        ``n_units`` (respondent turns).
    """
    gold_docs = sorted(set(gold["doc_id"].astype(str)))
    seg = segments[segments["doc_id"].astype(str).isin(gold_docs)].copy()
    seg["doc_id"] = seg["doc_id"].astype(str)
    seg["turn_index"] = seg["turn_index"].astype(int)
    units = (seg.loc[seg["role"].astype(str) == "respondent", ["doc_id", "turn_index"]]
             .drop_duplicates().sort_values(["doc_id", "turn_index"]).reset_index(drop=True))
    unit_pos = {(d, t): i for i, (d, t) in enumerate(zip(units["doc_id"], units["turn_index"]))}

    mine = codings[codings["coder"].astype(str) == coder]
    mine = mine.merge(seg[["doc_id", "segment_id", "turn_index"]],
                      on=["doc_id", "segment_id"], how="inner")
    predicted = {(d, int(t), c) for d, t, c in zip(mine["doc_id"], mine["turn_index"], mine["code_id"])}
    gold_set = {(str(d), int(t), str(c)) for d, t, c in zip(gold["doc_id"], gold["turn_index"], gold["code_id"])
                if isinstance(c, str) and c}

    rows = []
    for code in sorted(c.id for c in codebook.codable()):
        g = np.zeros(len(units), dtype=bool)
        p = np.zeros(len(units), dtype=bool)
        for d, t, c in gold_set:
            if c == code and (d, t) in unit_pos:
                g[unit_pos[(d, t)]] = True
        for d, t, c in predicted:
            if c == code and (d, t) in unit_pos:
                p[unit_pos[(d, t)]] = True
        rows.append({"code_id": code, **binary_metrics(g, p)})
    per_code = pd.DataFrame(rows, columns=list(columns.EVALUATION))
    core = per_code[per_code["code_id"].isin(CORE_CODES)]
    macro = {"core": _macro(core, len(units)), "all": _macro(per_code, len(units))}
    return per_code, macro


def _macro(df: pd.DataFrame, n_units: int) -> dict:
    out = {m: float(np.nanmean(df[m].to_numpy(dtype=float))) if df[m].notna().any() else float("nan")
           for m in METRICS}
    out["n_codes"] = int(df["kappa"].notna().sum())
    out["n_units"] = int(n_units)
    return out


def macro_rows(macro: dict) -> pd.DataFrame:
    """The macro averages as rows shaped like the per-code table (``code_id`` = ``macro:core``)."""
    rows = []
    for name, values in macro.items():
        rows.append({"code_id": f"macro:{name}", "support": values["n_codes"],
                     "n_predicted": np.nan, "tp": np.nan, "fp": np.nan, "fn": np.nan,
                     **{m: values[m] for m in METRICS}})
    return pd.DataFrame(rows, columns=list(columns.EVALUATION))


# -- reading and checking the gold file --------------------------------------------------------------
def read_gold(path: str | Path, codebook, segments: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read and check a gold coding CSV (``doc_id,turn_index,code_id``; more columns allowed).

    Parameters
    ----------
    path : str or Path
    codebook : pipeline.codebook.Codebook
        Code ids must be codable ids of this codebook.
    segments : DataFrame, optional
        When given, every ``doc_id`` must be in it and every ``turn_index`` must be a respondent
        turn of that document.

    Returns
    -------
    DataFrame
        Columns :data:`columns.GOLD` (``turn_index`` int, empty ``code_id`` as ``""``), duplicates
        removed, sorted.

    Raises
    ------
    InputError
        Naming the file and the line (header = line 1) of the first problems found.
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "gold file not found") from None
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise InputError(path, f"not a readable UTF-8 CSV file ({str(exc).splitlines()[0]})") from None
    raw.columns = [str(c).strip() for c in raw.columns]
    missing = [c for c in columns.GOLD if c not in raw.columns]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}; expected header "
                               f"{','.join(columns.GOLD)} (found {','.join(raw.columns)})", "line 1")
    codable = {c.id for c in codebook.codable()}
    groups = set(codebook.ids) - codable
    problems: list[tuple[int, str]] = []
    known_docs = roles = None
    if segments is not None:
        seg = segments.assign(doc_id=segments["doc_id"].astype(str), turn_index=segments["turn_index"].astype(int))
        roles = {(d, t): r for d, t, r in zip(seg["doc_id"], seg["turn_index"], seg["role"].astype(str))}
        known_docs = set(seg["doc_id"])
    rows = []
    for i, (doc_id, turn, code) in enumerate(zip(raw["doc_id"], raw["turn_index"], raw["code_id"])):
        line = i + 2
        doc_id, turn, code = doc_id.strip(), turn.strip(), code.strip()
        if not doc_id:
            problems.append((line, "empty doc_id"))
            continue
        try:
            turn_i = int(turn)
            if turn_i < 1:
                raise ValueError
        except ValueError:
            problems.append((line, f"turn_index {turn!r} is not a positive whole number"))
            continue
        if code and code not in codable:
            hint = " (a grouping code; code with one of its children)" if code in groups else ""
            problems.append((line, f"unknown code_id {code!r}{hint}"))
            continue
        if known_docs is not None:
            if doc_id not in known_docs:
                problems.append((line, f"doc_id {doc_id!r} is not among the coded transcripts"))
                continue
            role = roles.get((doc_id, turn_i))
            if role is None:
                problems.append((line, f"{doc_id} has no turn {turn_i}"))
                continue
            if role != "respondent":
                problems.append((line, f"turn {turn_i} of {doc_id} is not a respondent turn (role: {role})"))
                continue
        rows.append((doc_id, turn_i, code))
    if len(problems) == 1:
        raise InputError(path, problems[0][1], f"line {problems[0][0]}")
    if problems:
        more = f"; and {len(problems) - 10} more" if len(problems) > 10 else ""
        raise InputError(path, f"{len(problems)} problems: "
                         + "; ".join(f"line {n}: {m}" for n, m in problems[:10]) + more)
    gold = pd.DataFrame(rows, columns=list(columns.GOLD)).drop_duplicates()
    return gold.sort_values(list(columns.GOLD), kind="mergesort").reset_index(drop=True)


# -- command line ------------------------------------------------------------------------------
def evaluate_cli(gold, run_dir=None, transcripts=None, codebook=None, coder: str = "rules",
                 out=None, console=None) -> tuple[pd.DataFrame, dict]:
    """``regie evaluate``: code or load, compare with the gold file, print and write the table.

    Parameters
    ----------
    gold : Path
        Gold CSV (``doc_id,turn_index,code_id``).
    run_dir : Path, optional
        Output folder of a finished run (its ``segments.csv`` and ``codings.csv``); default
        ``outputs/`` unless ``transcripts`` is given.
    transcripts : Path, optional
        Transcript file or folder to read, segment (by turn) and code now, in memory; nothing is
        written except ``out``. Pseudonymisation is skipped: it does not change turn boundaries.
    codebook : Path, optional
        Codebook YAML (default ``codebook/codebook.yaml``; for a run folder, the one its manifest
        names, if it still exists).
    coder : str
        The coder to evaluate (``rules``, ``keywords``, ``model:<name>``).
    out : Path, optional
        Write the per-code table plus ``macro:core``/``macro:all`` rows to this CSV.
    console : rich.console.Console, optional
    """
    from rich.console import Console

    from .codebook import load_codebook
    from .config import DEFAULT_CODEBOOK

    console = console or Console()
    if transcripts is not None:
        segments, codings, book = _code_now(Path(transcripts), codebook, coder)
    else:
        run_path = Path(run_dir) if run_dir is not None else Path("outputs")
        segments, codings, book_path = _read_run(run_path)
        book = load_codebook(codebook or book_path or DEFAULT_CODEBOOK)
        if coder not in set(codings["coder"].astype(str)):
            found = ", ".join(sorted(set(codings["coder"].astype(str)))) or "none"
            raise RegieError(f"{run_path / 'codings.csv'}: no codings by coder {coder!r} "
                             f"(coders in this run: {found})")
    gold_df = read_gold(gold, book, segments)
    per_code, macro = evaluate(codings, segments, gold_df, book, coder=coder)
    _print_table(per_code, macro, coder, Path(gold).name, console)
    if out is not None:
        from . import tables

        table = pd.concat([per_code, macro_rows(macro)], ignore_index=True)
        tables.write_csv(table, Path(out))
        console.print(f"written: {out}", highlight=False)
    return per_code, macro


def _code_now(transcripts: Path, codebook, coder: str):
    from . import ingest, segment
    from .codebook import load_codebook
    from .coders import make_coder
    from .config import DEFAULT_CODEBOOK, StudyConfig

    if not transcripts.exists():
        raise RegieError(f"{transcripts}: no such file or folder (--transcripts)")
    book = load_codebook(codebook or DEFAULT_CODEBOOK)
    config = StudyConfig(transcripts=transcripts, pseudonymise=False, coders=[coder],
                         codebook=Path(book.path))
    documents, _rows, skipped = ingest.read_study(config)
    if not documents:
        raise RegieError(f"no transcript could be read from {transcripts}"
                         + "".join(f"\n  - {s.message}" for s in skipped))
    segments, _texts = segment.segment_documents(documents, unit="turn")
    codings = make_coder(coder, codebook=book, config=config).predict(segments)
    return segments, codings, book


def _read_run(run_path: Path):
    from . import tables

    needed = [run_path / "segments.csv", run_path / "codings.csv"]
    for path in needed:
        if not path.exists():
            raise RegieError(f"{path}: not found — run `regie run` first or give --transcripts")
    segments = tables.read_csv(needed[0])
    codings = tables.read_csv(needed[1])
    book_path = None
    manifest = run_path / "manifest.json"
    if manifest.exists():
        import json

        book_path = json.loads(manifest.read_text(encoding="utf-8")).get("codebook", {}).get("path")
        if book_path and not Path(book_path).exists():
            book_path = None
    return segments, codings, book_path


def _fmt(x) -> str:
    return "–" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}"


def _print_table(per_code: pd.DataFrame, macro: dict, coder: str, gold_name: str, console) -> None:
    from rich.table import Table

    table = Table(title=f"agreement of coder {coder!r} with {gold_name} "
                        f"({macro['core']['n_units']} respondent turns)")
    for name in ("code", "gold", "pred", "P", "R", "F1", "κ", "α"):
        table.add_column(name, justify="left" if name == "code" else "right")
    for row in per_code.itertuples(index=False):
        table.add_row(row.code_id, str(row.support), str(row.n_predicted), _fmt(row.precision),
                      _fmt(row.recall), _fmt(row.f1), _fmt(row.kappa), _fmt(row.alpha))
    table.add_section()
    for name, label in (("core", "macro (18 kerncodes)"), ("all", "macro (alle codes)")):
        m = macro[name]
        table.add_row(f"{label} n={m['n_codes']}", "", "", _fmt(m["precision"]), _fmt(m["recall"]),
                      _fmt(m["f1"]), _fmt(m["kappa"]), _fmt(m["alpha"]), style="bold")
    console.print(table)
