"""Benchmark of the pseudonymiser: start-up, throughput, recall and word retention.

Run: ``.venv/bin/python bench/bench_privacy.py [--copies N]``. Prints figures; asserts nothing.

* start-up: deduce (lookup cache load or build) and the word lists, once per process;
* throughput: words per second of ``fit`` + ``transform`` on the fixture interviews copied
  ``--copies`` times under new document ids (deduce already started);
* recall: fixture identifiers that no longer occur in the output / all fixture identifiers;
* retention: share of turns whose words are all kept, share with at least 80 % kept, words kept.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

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


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args(argv)

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
    ret = p.word_retention()
    share = ret.n_kept / ret.n_words.clip(lower=1)
    print(f"retention: {(ret.n_identifiers == 0).mean():.1%} of turns untouched, "
          f"{(share >= 0.8).mean():.1%} keep >= 80 % of their words, "
          f"{ret.n_kept.sum() / max(1, ret.n_words.sum()):.1%} of all words kept")

    big, _ = load_fixture(args.copies, suffix="b")
    words = sum(d.n_words + sum(len(t.speaker.split()) for t in d.turns) for d in big)
    t3 = time.perf_counter()
    q = Pseudonymiser().fit(big)
    q.transform(big)
    t4 = time.perf_counter()
    print(f"throughput: {words} words in {t4 - t3:.2f} s = {words / (t4 - t3):,.0f} words/s "
          f"({len(big)} documents, {len(q.key_table())} key rows)")


if __name__ == "__main__":
    main()
