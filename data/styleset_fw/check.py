#!/usr/bin/env python3
"""Check set FW. Standard library only; parses the BUILT transcripts, not the sources.

Usage: python3 check.py   (prints OK, or the problems and exits with status 1)
"""
import csv
import html
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
# doc_id: (extension, expected encoding, line ending, interviewer label, respondent label)
DOCS = {
    "fw01": ("docx", "docx", None, "Interviewer", "Respondent"),
    "fw02": ("txt", "cp1252", "\r\n", "I", "R"),
    "fw03": ("vtt", "utf-8", "\n", "Anouk Brinkman", "Hans van Wijngaarden"),
    "fw04": ("srt", "utf-8", "\r\n", "Thijs", "Gerard"),
    "fw05": ("txt", "utf-8", "\n", "Spreker 1", "Spreker 2"),
    "fw06": ("docx", "docx", None, "Marit", "Samira"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORDS = (1500, 2600)
RTURNS = (10, 45)
LABEL_RE = re.compile(r"^(?:\[(\d\d:\d\d:\d\d)\]\s+)?([^\W\d][\w .'()-]{0,40}?):\s+(.*)$")

problems = []


def bad(msg):
    problems.append(msg)


def decode(raw, doc):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        bad(f"{doc}: not decodable as UTF-8 or Windows-1252")
        return None, None


def docx_lines(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            xml = z.read("word/document.xml").decode("utf-8")
    except Exception as e:  # noqa: BLE001
        bad(f"{doc}: cannot read docx ({e})")
        return None
    lines = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        runs = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        lines.append(html.unescape("".join(runs)))
    return lines


def label_turns(lines, doc, ilab, rlab):
    """Line-based formats: a turn is a line 'Label: text' (optionally '[hh:mm:ss] ')."""
    speakers = {ilab, rlab}
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL_RE.match(s)
        if m and m.group(2) in speakers:
            started = True
            turns.append([m.group(2), m.group(3)])
        elif started:
            if m and m.group(2) not in speakers and m.group(2) in ("Interviewer", "Respondent", "I", "R"):
                bad(f"{doc}: unknown speaker label {m.group(2)!r}")
            turns[-1][1] += " " + s  # continuation paragraph
    labs = Counter(t[0] for t in turns)
    return turns, labs


def cue_turns(text, doc, kind):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues = []
    for b in blocks:
        ls = b.split("\n")
        if kind == "vtt":
            if ls[0].startswith("WEBVTT") or ls[0].startswith("NOTE"):
                continue
            ti = next((i for i, l in enumerate(ls) if "-->" in l), None)
            if ti is None:
                bad(f"{doc}: vtt block without timing: {b[:40]!r}")
                continue
            body = " ".join(ls[ti + 1:]).strip()
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                bad(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
                continue
            cues.append((m.group(1).strip(), m.group(2).strip()))
        else:
            if len(ls) < 3 or not ls[0].strip().isdigit() or "-->" not in ls[1]:
                bad(f"{doc}: malformed srt cue: {b[:40]!r}")
                continue
            body = " ".join(ls[2:]).strip()
            m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
            if not m:
                bad(f"{doc}: srt cue without speaker: {body[:40]!r}")
                continue
            cues.append((m.group(1).strip(), m.group(2).strip()))
    turns = []
    for sp, tx in cues:
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + tx
        else:
            turns.append([sp, tx])
    return turns, Counter(t[0] for t in turns)


def main():
    # --- transcripts
    parsed = {}
    exts = set()
    for doc, (ext, enc, eol, ilab, rlab) in DOCS.items():
        files = sorted(TR.glob(f"{doc}.*"))
        if len(files) != 1:
            bad(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        path = files[0]
        if path.suffix.lstrip(".") != ext:
            bad(f"{doc}: expected .{ext}, found {path.name}")
        exts.add(path.suffix)
        if ext == "docx":
            lines = docx_lines(path, doc)
            if lines is None:
                continue
            full = "\n".join(lines)
            turns, labs = label_turns(lines, doc, ilab, rlab)
        else:
            text, got = decode(path.read_bytes(), doc)
            if text is None:
                continue
            if got != enc:
                bad(f"{doc}: expected encoding {enc}, decoded as {got}")
            if eol == "\r\n" and "\n" in text.replace("\r\n", ""):
                bad(f"{doc}: expected CRLF line endings throughout")
            if eol == "\n" and "\r" in text:
                bad(f"{doc}: expected LF line endings")
            full = text
            if ext == "txt":
                turns, labs = label_turns(text.replace("\r\n", "\n").split("\n"), doc, ilab, rlab)
            else:
                if ext == "vtt" and not text.startswith("WEBVTT"):
                    bad(f"{doc}: vtt does not start with WEBVTT")
                turns, labs = cue_turns(text, doc, ext)
        if set(labs) - {ilab, rlab}:
            bad(f"{doc}: unexpected speakers {sorted(set(labs) - {ilab, rlab})}")
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        for i, (sp, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if sp != want:
                bad(f"{doc}: turn {i} is {sp!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
        nwords = sum(len([w for w in tx.split() if re.search(r"\w", w)]) for _, tx in turns)
        if not WORDS[0] <= nwords <= WORDS[1]:
            bad(f"{doc}: {nwords} spoken words, outside {WORDS}")
        nr = sum(1 for sp, _ in turns if sp == rlab)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns, outside {RTURNS}")
        spoken = " ".join(tx for _, tx in turns).lower()
        for f in FORBIDDEN:
            if f in spoken:
                bad(f"{doc}: forbidden wording {f!r}")
        parsed[doc] = (turns, full, rlab, nwords, nr)
    if len(exts) < 4:
        bad(f"only {len(exts)} different transcript formats, need at least 4")

    # --- styles.csv
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        rows = []
        bad("styles.csv missing")
    ids = [r.get("doc_id") for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        bad(f"styles.csv doc_ids {ids} != {sorted(DOCS)}")
    mix = Counter(r.get("style") for r in rows)
    if dict(mix) != WANT_MIX:
        bad(f"styles.csv mix {dict(mix)} != {WANT_MIX}")
    kinds = []
    for r in rows:
        if not (r.get("rationale") or "").strip():
            bad(f"styles.csv: empty rationale for {r.get('doc_id')}")
        if r.get("style") == "onbepaald":
            rat = r.get("rationale", "").lower()
            kinds.append("mixed" if "mixed" in rat else "little" if "too little evidence" in rat else "?")
    if sorted(kinds) != ["little", "mixed"]:
        bad(f"onbepaald rationales must name one 'genuinely mixed' and one 'too little evidence': {kinds}")

    # --- orientation.csv
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            orows = list(csv.DictReader(f))
    except FileNotFoundError:
        orows = []
        bad("orientation.csv missing")
    keys = []
    for r in orows:
        doc, o = r.get("doc_id"), r.get("orientation")
        try:
            ti = int(r.get("turn_index"))
        except (TypeError, ValueError):
            bad(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc, ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if doc not in parsed:
            bad(f"orientation.csv: unknown or unparsed doc {doc}")
            continue
        turns, _, rlab, _, _ = parsed[doc]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != rlab:
            bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv is not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        bad("orientation.csv has duplicate rows")

    # --- identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            irows = list(csv.DictReader(f))
    except FileNotFoundError:
        irows = []
        bad("identifiers.csv missing")
    seen = Counter()
    per_doc = Counter()
    for r in irows:
        doc, s, t = r.get("doc_id"), r.get("identifier"), r.get("type")
        seen[(doc, s)] += 1
        per_doc[doc] += 1
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {r}")
        if doc not in parsed:
            bad(f"identifiers.csv: unknown or unparsed doc {doc}")
            continue
        if not s or s not in parsed[doc][1]:
            bad(f"identifiers.csv: {doc}: {s!r} does not occur verbatim in the transcript")
    for k, n in seen.items():
        if n > 1:
            bad(f"identifiers.csv: duplicate row {k}")
    for doc in DOCS:
        if per_doc[doc] < 5:
            bad(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers (need >= 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
