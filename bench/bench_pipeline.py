"""Benchmark the whole pipeline on the sample study and on a corpus of copies of it.

Prints figures; asserts nothing (machines are shared and noisy — compare ratios within one run).

    .venv/bin/python bench/bench_pipeline.py [--copies 1 4] [--no-pseudonymise]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline.config import StudyConfig  # noqa: E402
from pipeline.run import run_study  # noqa: E402


def make_corpus(copies: int, folder: Path) -> Path:
    """``copies`` copies of every sample transcript, with distinct stems."""
    source = ROOT / "data" / "sample" / "transcripts"
    target = folder / f"corpus-{copies}"
    target.mkdir(parents=True)
    for k in range(copies):
        for path in sorted(source.iterdir()):
            shutil.copy2(path, target / f"{path.stem}_c{k:03d}{path.suffix}")
    return target


def bench(copies: int, pseudonymise: bool, workdir: Path) -> dict:
    corpus = make_corpus(copies, workdir)
    config = StudyConfig.sample().model_copy(update={
        "transcripts": corpus, "respondents": None, "out": workdir / f"out-{copies}-{pseudonymise}",
        "private_dir": workdir / f"private-{copies}-{pseudonymise}", "pseudonymise": pseudonymise})
    start = time.perf_counter()
    run = run_study(config)
    total = time.perf_counter() - start
    words = int(run.documents["n_words"].sum())
    return {"copies": copies, "docs": len(run.documents), "words": words, "seconds": total,
            "stages": run.manifest["run_info"]["stage_seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--no-pseudonymise", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows = [bench(c, not args.no_pseudonymise, Path(tmp)) for c in args.copies]
    print(f"{'copies':>6} {'docs':>5} {'words':>8} {'seconds':>8} {'words/s':>9}  stage seconds")
    for row in rows:
        stages = ", ".join(f"{k}={v:.2f}" for k, v in row["stages"].items())
        print(f"{row['copies']:>6} {row['docs']:>5} {row['words']:>8} {row['seconds']:>8.2f} "
              f"{row['words'] / row['seconds']:>9.0f}  {stages}")
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        ratio = (last["seconds"] / first["seconds"]) / (last["words"] / first["words"])
        print(f"time ratio per word, largest vs smallest corpus: {ratio:.2f} (1.0 = linear scaling; "
              "below 1 means fixed start-up cost dominates the small run)")


if __name__ == "__main__":
    main()
