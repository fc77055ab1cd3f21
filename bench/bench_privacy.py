"""Benchmark of the pseudonymiser: start-up, throughput, recall and word retention.

Run: ``.venv/bin/python bench/bench_privacy.py [--copies N]``. Prints figures; asserts nothing.

* start-up: deduce (lookup cache load or build) and the word lists, once per process;
* throughput: words per second of ``fit`` + ``transform`` on the fixture interviews copied
  ``--copies`` times under new document ids (deduce already started);
* recall: fixture identifiers that no longer occur in the output / all fixture identifiers;
* retention: share of turns whose words are all kept, share with at least 80 % kept, words kept.

Two more modes measure a study with a list of its identifiers (CSV ``doc_id,identifier,type``):

* ``--transcripts DIR --identifiers CSV``: pseudonymise the transcripts in memory, report recall
  per type on the pseudonymised texts (turns, labels, header lines) and turn retention;
* ``--run OUT --identifiers CSV``: search every file of a finished run's output folder (the leak
  check's readers: CSV, text, JSON, SVG, QDC, docx/xlsx XML, parquet, ...) for each identifier,
  case-insensitively on word boundaries, and report recall per type and where the misses are.

``--skip-types LEEFTIJD`` (the default) leaves ages out: they are kept by design.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.model import Document, Turn  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "privacy" / "interviews.json"


def load_fixture(copies: int = 1, suffix: str = "") -> tuple[list[Document], dict]:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    docs = []
    for k in range(copies):
        for d in data["documents"]:
            doc_id = d["doc_id"] + (f"-{k:03d}" if copies > 1 else "") + suffix
            docs.append(Document(doc_id, f"{doc_id}.txt", d.get("format", "txt"), header=list(d["header"]),
                                 turns=[Turn(s, t + (f" (fragment {k})" if copies > 1 else ""))
                                        for s, t in d["turns"]]))
    return docs, data


def found(text: str, phrase: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text) is not None


def _occurs(phrase: str) -> re.Pattern:
    words = [re.escape(w) for w in phrase.split()]
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", re.IGNORECASE)


def read_identifiers(path: str | Path, skip_types=("LEEFTIJD",)) -> pd.DataFrame:
    """Identifier list ``doc_id, identifier, type`` without the skipped types."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    return frame[~frame["type"].isin(skip_types)].reset_index(drop=True)


def output_texts(out_dir: str | Path) -> dict[str, str]:
    """File (relative path) → all text the leak check reads from it, parts joined by line breaks."""
    from pipeline.privacy.leaks import _read

    out_dir = Path(out_dir)
    texts = {}
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        try:
            texts[path.relative_to(out_dir).as_posix()] = "\n".join(t for _, t in _read(path))
        except Exception as exc:  # report, do not stop a measurement
            print(f"  could not read {path}: {exc}")
    return texts


def recall_table(identifiers: pd.DataFrame, texts: dict[str, str]) -> pd.DataFrame:
    """Per identifier: the files (keys of ``texts``) it still occurs in.

    Returns
    -------
    DataFrame
        ``identifiers`` plus ``files`` (``;``-joined, empty when removed everywhere) and ``removed``.
    """
    files = []
    for phrase in identifiers["identifier"]:
        pattern = _occurs(phrase)
        files.append(";".join(name for name, text in texts.items() if pattern.search(text)))
    out = identifiers.assign(files=files)
    out["removed"] = out["files"] == ""
    return out


def report_recall(table: pd.DataFrame, title: str) -> None:
    n, removed = len(table), int(table["removed"].sum())
    print(f"{title}: {removed}/{n} identifiers removed ({removed / max(1, n):.1%})")
    for kind, group in table.groupby("type"):
        print(f"  {kind:<11} {int(group['removed'].sum()):>3}/{len(group):<3}")
    for row in table[~table["removed"]].itertuples(index=False):
        print(f"  MISSED {row.doc_id} {row.type} {row.identifier!r} in {row.files[:150]}")


def report_retention(p) -> None:
    ret = p.word_retention()
    share = ret.n_kept / ret.n_words.clip(lower=1)
    print(f"retention: {len(ret)} turns; {(ret.n_identifiers == 0).mean():.1%} untouched, "
          f"{(share >= 0.8).mean():.1%} keep >= 80 % of their words; "
          f"{ret.n_kept.sum() / max(1, ret.n_words.sum()):.2%} of all words kept")


def corpus_mode(transcripts: Path, identifiers: pd.DataFrame) -> None:
    from pipeline import ingest
    from pipeline.config import StudyConfig
    from pipeline.privacy import Pseudonymiser

    config = StudyConfig(transcripts=transcripts, out=Path("/nonexistent-out"), private_dir=Path("/nonexistent-private"))
    docs, _, _ = ingest.read_study(config)
    p = Pseudonymiser().fit(docs)
    out = p.transform(docs)
    texts = {d.doc_id: "\n".join(list(d.header) + [f"{t.speaker}: {t.text}" for t in d.turns]) for d in out}
    report_recall(recall_table(identifiers, texts), f"in-memory recall on {transcripts}")
    report_retention(p)


def fixture_mode(copies: int) -> None:
    from pipeline.privacy import Pseudonymiser, cache_dir, get_deduce
    from pipeline.privacy import lexicon

    cached = (cache_dir() / "cache" / "lookup_structs.pickle").exists()
    t0 = time.perf_counter()
    get_deduce()
    t1 = time.perf_counter()
    lexicon.is_plain_word("regie"), lexicon.is_name_word("Jansen")
    t2 = time.perf_counter()
    print(f"start-up: deduce {t1 - t0:.1f} s ({'cache loaded' if cached else 'cache built'} in {cache_dir()}), "
          f"word lists {t2 - t1:.1f} s")

    docs, data = load_fixture(1)
    p = Pseudonymiser().fit(docs)
    out = p.transform(docs)
    text = "\n".join("\n".join(d.header) + "\n" + d.text for d in out)
    idents = data["identifiers"]
    missed = [i for i in idents if found(text, i["text"])]
    print(f"recall: {len(idents) - len(missed)}/{len(idents)} identifiers removed "
          f"({1 - len(missed) / len(idents):.1%})" + (f"; missed types: {sorted({i['type'] for i in missed})}" if missed else ""))
    kept = [k for k in data["keep"] if found(text, k)]
    print(f"allow-list: {len(kept)}/{len(data['keep'])} protected phrases kept")
    report_retention(p)

    big, _ = load_fixture(copies, suffix="b")
    words = sum(d.n_words + sum(len(t.speaker.split()) for t in d.turns) for d in big)
    t3 = time.perf_counter()
    q = Pseudonymiser().fit(big)
    q.transform(big)
    t4 = time.perf_counter()
    print(f"throughput: {words} words in {t4 - t3:.2f} s = {words / (t4 - t3):,.0f} words/s "
          f"({len(big)} documents, {len(q.key_table())} key rows)")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--identifiers", type=Path, help="CSV doc_id,identifier,type")
    parser.add_argument("--transcripts", type=Path, help="pseudonymise these in memory (with --identifiers)")
    parser.add_argument("--run", type=Path, help="search this output folder (with --identifiers)")
    parser.add_argument("--skip-types", default="LEEFTIJD", help="comma-separated types left out")
    args = parser.parse_args(argv)

    if args.identifiers is None:
        fixture_mode(args.copies)
        return
    identifiers = read_identifiers(args.identifiers, tuple(t for t in args.skip_types.split(",") if t))
    if args.transcripts is not None:
        corpus_mode(args.transcripts, identifiers)
    if args.run is not None:
        report_recall(recall_table(identifiers, output_texts(args.run)), f"output recall in {args.run}")


if __name__ == "__main__":
    main()
