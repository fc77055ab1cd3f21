"""Evaluate one blind style set (written to ``bench/blind/BRIEF.md``) against a pipeline checkout.

Runs ``regie run`` of the checkout on the set's transcripts, once, and prints what the blind
results in ``data/STYLESETS_BLIND_RESULTS.md`` record:

* **turns read right** — documents whose turn count and number of respondent turns equal the
  author's annotated source (``src/*``: one ``I:``/``R:`` paragraph per turn);
* **style** — ``respondents.csv`` against ``styles.csv``, with the index, the answers the turn
  model read each way (``casus_turns``/``netwerk_turns``) and the author's own marks
  (``orientation.csv``);
* **identifiers left** — every row of ``identifiers.csv`` still found, as written, in any file of
  the output folder (CSV, JSON, SVG, and the XML inside .docx/.xlsx/.qdpx) except the codebook
  (``codebook.qdc`` quotes the literature: "van Steden, R."), and without the codebook's own
  text where other outputs repeat it (the report's appendix cites "Bannink, D."). Matching is by whole words. An
  identifier found only in another case ("op orde" for the foundation "Op Orde", "sneek" in a
  word table) is listed apart, to be judged by reading. Ages, bare month names and bare years are
  listed apart too, as before.

Usage::

    python bench/blind/evaluate_set.py SET_DIR --checkout PATH_TO_CLONE --work WORK_DIR

The checkout's code is imported through ``PYTHONPATH`` with this interpreter's packages, so a
clean clone of any commit can be measured without its own virtual environment.
"""
from __future__ import annotations

import argparse
import csv
import html
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

MONTHS = ("januari februari maart april mei juni juli augustus september oktober november "
          "december").split()
TEXT_SUFFIXES = {".csv", ".json", ".svg", ".md", ".txt", ".xml", ".qdc"}
ZIP_SUFFIXES = {".docx", ".xlsx", ".qdpx"}


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def source_turns(set_dir: Path) -> dict[str, tuple[int, int]]:
    """(turns, respondent turns) per document from the annotated sources."""
    counts = {}
    for path in sorted((set_dir / "src").glob("*")):
        if path.suffix == ".py" or not path.is_file():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        labels = re.findall(r"^\s*([IR]):", text, re.M)
        if labels:
            counts[path.name.split(".")[0]] = (len(labels), labels.count("R"))  # "hv01.src.txt" is hv01
    return counts


def output_text(out_dir: Path) -> str:
    """Everything readable in the output folder, as one string."""
    parts = []
    for path in sorted(out_dir.rglob("*")):
        if not path.is_file() or path.name == "codebook.qdc":
            continue
        if path.suffix in TEXT_SUFFIXES:
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix in ZIP_SUFFIXES:
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith((".xml", ".qde", ".txt", ".rels")):
                        raw = archive.read(name).decode("utf-8", errors="replace")
                        # Word splits text into runs; joining the runs' text keeps words whole.
                        parts.append(html.unescape(re.sub(r"<[^>]+>", "", raw)) if name.endswith(".xml") else raw)
    return "\n".join(parts)


def codebook_strings(checkout: Path) -> list[str]:
    """The texts of the checkout's codebook files (labels, definitions, sources) of 12 characters
    or more, longest first: what the outputs repeat from the codebook, not from the interviews."""
    import yaml

    found: set[str] = set()

    def walk(node) -> None:
        if isinstance(node, str):
            if len(node.strip()) >= 12:
                found.add(" ".join(node.split()))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((checkout / "codebook").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return sorted(found, key=lambda t: (-len(t), t))


def without_codebook(text: str, strings: list[str]) -> str:
    for string in strings:
        text = text.replace(string, " ")
    return text


def excluded_kind(identifier: str, kind: str) -> str | None:
    """Why an identifier is not counted as left (ages, bare months, bare years), or None."""
    words = identifier.lower().split()
    if kind == "LEEFTIJD":
        return "age"
    if len(words) == 1 and words[0] in MONTHS:
        return "bare month"
    if re.fullmatch(r"(19|20)\d\d", identifier.strip()) or re.fullmatch(r"'\d\d", identifier.strip()):
        return "bare year"
    return None


def found(identifier: str, text: str, any_case: bool = False) -> bool:
    core = identifier.strip()
    flags = re.IGNORECASE if any_case and len(core.rstrip(".")) > 2 else 0
    pattern = r"(?<!\w)" + re.escape(core) + (r"(?!\w)" if core[-1].isalnum() else "")
    return re.search(pattern, text, flags) is not None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("--checkout", type=Path, required=True, help="clone of the commit to measure")
    parser.add_argument("--work", type=Path, required=True, help="folder for the run's outputs")
    args = parser.parse_args(argv)
    set_dir, work = args.set_dir.resolve(), args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    out_dir = work / "out"
    env = dict(os.environ, PYTHONPATH=str(args.checkout.resolve()))
    env.setdefault("REGIE_DEDUCE_CACHE", str(Path(__file__).resolve().parents[2] / ".cache" / "deduce"))
    # The working directory decides where the private key goes (``private/``), never the outputs.
    completed = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", "--transcripts", str(set_dir / "transcripts"),
         "--out", str(out_dir), "--quiet"],
        cwd=work, env=env, capture_output=True, text=True)
    print(f"set {set_dir.name}: checkout {args.checkout}, exit code {completed.returncode}")
    if completed.stderr.strip():
        print("stderr:", completed.stderr.strip()[-2000:])
    if not (out_dir / "documents.csv").exists():
        return 1

    documents = {row["doc_id"]: row for row in read_csv(out_dir / "documents.csv")}
    segments = read_csv(out_dir / "segments.csv")
    turns_read = {}
    for row in segments:
        turns_read.setdefault(row["doc_id"], {})[int(row["turn_index"])] = row["role"]
    expected_turns = source_turns(set_dir)
    right = 0
    print("\nturns (read / author's source):")
    for doc_id, (n_turns, n_resp) in sorted(expected_turns.items()):
        read = turns_read.get(doc_id, {})
        n_read = int(documents.get(doc_id, {}).get("n_turns") or 0)
        n_resp_read = sum(role == "respondent" for role in read.values())
        ok = n_read == n_turns and n_resp_read == n_resp
        right += ok
        print(f"  {doc_id}: {n_read}/{n_turns} turns, {n_resp_read}/{n_resp} respondent turns"
              f"{'' if ok else '  <-- differs'}")
    print(f"turns read right: {right}/{len(expected_turns)}")

    intended = {row["doc_id"]: row["style"] for row in read_csv(set_dir / "styles.csv")}
    marks = Counter((row["doc_id"], row["orientation"]) for row in read_csv(set_dir / "orientation.csv"))
    respondents = {row["respondent_id"]: row for row in read_csv(out_dir / "respondents.csv")}
    hits = 0
    print("\nstyle (intended / called; index; answers read casus:netwerk, mixed; author's marks):")
    for doc_id, style in sorted(intended.items()):
        row = respondents.get(documents.get(doc_id, {}).get("respondent_id", ""), {})
        called = row.get("style", "(not read)")
        hits += called == style
        print(f"  {doc_id}: {style} / {called}{'' if called == style else '  <-- miss'}; "
              f"index {row.get('style_index', '')}; read {row.get('casus_turns', '')}:"
              f"{row.get('netwerk_turns', '')}, mixed {row.get('mixed_turns', '')}; "
              f"marked {marks[(doc_id, 'casus')]}:{marks[(doc_id, 'netwerk')]}")
    print(f"style as intended: {hits}/{len(intended)}")

    text = without_codebook(output_text(out_dir), codebook_strings(args.checkout))
    left, excluded, other_case = [], [], []
    identifiers = read_csv(set_dir / "identifiers.csv")
    for row in identifiers:
        hit = found(row["identifier"], text)
        if hit or found(row["identifier"], text, any_case=True):
            why = excluded_kind(row["identifier"], row["type"])
            target = excluded if why else (left if hit else other_case)
            target.append((row["doc_id"], row["identifier"], row["type"], why))
    print(f"\nidentifiers left: {len(left)} of {len(identifiers)} "
          f"(besides {len(excluded)} ages, bare months or bare years, and {len(other_case)} found only "
          f"in another case)")
    for doc_id, identifier, kind, _ in left:
        print(f"  {doc_id}: {identifier!r} ({kind})")
    for doc_id, identifier, kind, _ in other_case:
        print(f"  [other case] {doc_id}: {identifier!r} ({kind})")
    for doc_id, identifier, kind, why in excluded:
        print(f"  ({doc_id}: {identifier!r}, {why})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
