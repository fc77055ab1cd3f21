"""Benchmark the transcript readers on generated interviews: speed per format, and accuracy.

Generates ``--per-variant`` interviews of every variant in ``tests/roundtrip`` (Word, text,
Markdown, WebVTT, SubRip in all their label/encoding/timestamp styles) into a temporary folder,
reads each with ``pipeline.ingest.read_transcript`` and prints

- files/s and words/s per format and per variant (reading only; generation is not timed);
- the turn accuracy of the acceptance criterion (right role and exact words) overall, per
  variant, per label style and per timestamp style, and the first differences in the worst files.

Asserts nothing (machines are shared and noisy — compare figures within one run).

    .venv/bin/python bench/bench_ingest.py [--per-variant 20] [--first-seed 1000] [--variants docx_bold srt_prefix]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pipeline.ingest import read_transcript  # noqa: E402
from roundtrip.generate import VARIANTS, generate_set  # noqa: E402
from roundtrip.score import report, run_reader  # noqa: E402


def _speed_table(title: str, groups: dict[str, list]) -> list[str]:
    out = [f"{title:<24} {'files':>6} {'words':>8} {'seconds':>8} {'files/s':>8} {'words/s':>9} {'ms/file':>8}"]
    for name in sorted(groups):
        rs = groups[name]
        secs = sum(r.seconds for r in rs)
        words = sum(r.case.n_words for r in rs)
        out.append(f"{name:<24} {len(rs):>6} {words:>8} {secs:>8.2f} {len(rs) / secs:>8.1f} "
                   f"{words / secs:>9.0f} {1000 * secs / len(rs):>8.1f}")
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--per-variant", type=int, default=20, help="files per variant (default 20)")
    ap.add_argument("--first-seed", type=int, default=1000,
                    help="first seed (default 1000: a different set from the test's seeds 0..7)")
    ap.add_argument("--variants", nargs="*", choices=sorted(VARIANTS), help="only these variants")
    ap.add_argument("--failures", type=int, default=12, help="how many bad files to describe")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        t0 = time.perf_counter()
        cases = generate_set(Path(tmp), args.per_variant, args.first_seed, args.variants)
        t_gen = time.perf_counter() - t0
        read_transcript(cases[0].path)  # warm-up: lazy imports (python-docx, simplemma lexicon)
        results = run_reader(cases, read_transcript)

    by_format: dict[str, list] = defaultdict(list)
    by_variant: dict[str, list] = defaultdict(list)
    for r in results:
        by_format[r.case.path.suffix.lstrip(".")].append(r)
        by_variant[r.case.variant].append(r)
    total = sum(r.seconds for r in results)
    words = sum(r.case.n_words for r in results)
    print(f"{len(results)} generated files ({words} words) in {t_gen:.1f}s; read in {total:.2f}s: "
          f"{len(results) / total:.1f} files/s, {words / total:.0f} words/s\n")
    print("\n".join(_speed_table("format", by_format)), end="\n\n")
    print("\n".join(_speed_table("variant", by_variant)), end="\n\n")
    print(report(results, max_failures=args.failures))


if __name__ == "__main__":
    main()
