"""Throughput of the rules coder: segments/s and words/s (prints figures, asserts nothing).

Usage::

    .venv/bin/python bench/bench_coder.py [TRANSCRIPT_FOLDER] [--repeat N]

Without a folder it uses the sample study (data/sample/transcripts), else the dev gold
transcripts, else synthetic Dutch turns. Pattern compilation (once per codebook) is timed apart
from coding.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from pipeline.codebook import load_codebook  # noqa: E402
from pipeline.coders import make_coder  # noqa: E402
from pipeline.config import DEFAULT_CODEBOOK, StudyConfig  # noqa: E402

SYNTHETIC = [
    "Ik ben eerst bij de reclassering langsgegaan om te horen wat zij met hem wilden.",
    "Het duurde weken voordat de indicatie rond was, en al die tijd zat hij zonder dak.",
    "De wijkagent ken ik al jaren, ik app hem en hij staat er.",
    "Ze dacht dat ik van de politie was en deed de deur niet open.",
    "Als hij drie weken op tijd komt, is dat voor mij al winst.",
    "In het uitvoerdersoverleg hebben we afgesproken wie wat doet.",
    "Eh, nou ja, dat weet ik eigenlijk niet zo goed, zeg maar.",
]


def load_segments(folder: Path | None, repeat: int) -> pd.DataFrame:
    candidates = [folder] if folder else [ROOT / "data" / "sample" / "transcripts",
                                          ROOT / "data" / "devgold" / "transcripts"]
    for candidate in candidates:
        if candidate and candidate.exists() and any(candidate.iterdir()):
            from pipeline import ingest, segment

            docs, _rows, _skipped = ingest.read_study(StudyConfig(transcripts=candidate, pseudonymise=False))
            if docs:
                segs, _ = segment.segment_documents(docs, unit="turn")
                print(f"input: {candidate} ({len(docs)} transcripts)")
                break
    else:
        rng = random.Random(0)
        texts = [" ".join(rng.choice(SYNTHETIC) for _ in range(4)) for _ in range(400)]
        segs = pd.DataFrame({"doc_id": "synthetic", "segment_id": [f"synthetic:{i:04d}" for i in range(len(texts))],
                             "turn_index": range(1, len(texts) + 1), "role": "respondent", "text": texts})
        print("input: synthetic turns")
    if repeat > 1:
        segs = pd.concat([segs.assign(doc_id=segs["doc_id"] + f"_{k}",
                                      segment_id=segs["segment_id"] + f"_{k}") for k in range(repeat)],
                         ignore_index=True)
    return segs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=5, help="replicate the input N times")
    args = parser.parse_args()

    segs = load_segments(args.folder, args.repeat)
    coded = segs[segs["role"] != "interviewer"]
    n_words = int(coded["text"].str.split().str.len().sum())

    book = load_codebook(DEFAULT_CODEBOOK)
    coder = make_coder("rules", codebook=book)
    t0 = time.perf_counter()
    coder.fit()
    t1 = time.perf_counter()
    codings = coder.predict(segs)
    t2 = time.perf_counter()
    n_rules = len(coder.compiled_.rules)
    print(f"compile: {t1 - t0:.2f} s for {n_rules} rules over {len(book.codable())} codes")
    print(f"coding:  {len(coded)} segments, {n_words} words in {t2 - t1:.2f} s "
          f"→ {len(coded) / (t2 - t1):.0f} segments/s, {n_words / (t2 - t1):.0f} words/s, "
          f"{len(codings)} codings")


if __name__ == "__main__":
    main()
