#!/usr/bin/env python3
"""Check the built setLC deliverables (standard library only).

Parses the built transcripts in transcripts/ (not the sources) and checks:
one readable transcript per doc in its encoding, strictly alternating turns that
start with the interviewer, headers that do not look like turns, 1,500-2,600
spoken words and 10-45 respondent turns, orientation rows on respondent turns,
identifiers verbatim in their document, and styles.csv complete with the mix.
Prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc_id: (extension, encoding, interviewer label, respondent label, CRLF expected)
DOCS = {
    "lc01": ("docx", None, "Interviewer", "Kasia", None),
    "lc02": ("vtt", "utf-8", "Maarten Bos", "Jolanda Verstappen", False),
    "lc03": ("docx", None, "I", "R", None),
    "lc04": ("srt", "utf-8", "Marloes", "Hans", True),
    "lc05": ("txt", "cp1252", "I", "R", True),
    "lc06": ("txt", "utf-8", "Spreker 1", "Spreker 2", False),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
ONBEPAALD_KIND = "too little evidence"
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"respondent", "datum", "duur", "interviewer", "geïnterviewde", "locatie",
             "uitgewerkt door", "transcriptie", "opname"}
LABEL_LIKE = re.compile(r"^\s*([^\s:][^:]{0,40}):\s")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def split_turns(lines, ilab, rlab, doc):
    """Lines of a docx/txt transcript -> (header lines, [(label, text)])."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?(%s|%s):\s*(.*)$"
                     % (re.escape(ilab), re.escape(rlab)))
    header, turns = [], []
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif not turns:
            header.append(ln)
        else:
            problem(f"{doc}: line outside a turn after the header: {ln[:50]!r}")
            turns[-1][1] += " " + ln.strip()
    return header, turns


def parse_vtt(text, doc):
    lines = text.split("\n")
    if not lines[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    header, cues = [], []
    for b in blocks[1:]:
        bl = b.split("\n")
        if bl[0].startswith("NOTE"):
            header += [x for x in ([bl[0][4:].strip()] + bl[1:]) if x.strip()]
            continue
        ti = next((i for i, x in enumerate(bl) if "-->" in x), None)
        if ti is None:
            problem(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(bl[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def parse_srt(text, doc, ilab, rlab):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    pat = re.compile(r"^(%s|%s):\s*(.*)$" % (re.escape(ilab), re.escape(rlab)), re.S)
    for n, b in enumerate(blocks, 1):
        bl = b.split("\n")
        if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
            problem(f"{doc}: malformed srt block {n}")
            continue
        if int(bl[0]) != n:
            problem(f"{doc}: srt numbering off at block {n}")
        body = " ".join(x.strip() for x in bl[2:])
        m = pat.match(body)
        if not m:
            problem(f"{doc}: srt cue {n} without a speaker name")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return [], merge(cues)


def merge(cues):
    turns = []
    for who, txt in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def load(doc):
    ext, enc, ilab, rlab, crlf = DOCS[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None
    f = files[0]
    if f.suffix != "." + ext:
        problem(f"{doc}: expected .{ext}, found {f.name}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(f)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: unreadable docx: {e}")
            return None
        raw = "\n".join(paras)
        header, turns = split_turns(paras, ilab, rlab, doc)
    else:
        data = f.read_bytes()
        try:
            raw = data.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as {enc}: {e}")
            return None
        if enc == "cp1252":
            try:
                data.decode("utf-8")
                problem(f"{doc}: declared Windows-1252 but decodes as UTF-8 (no 8-bit characters?)")
            except UnicodeDecodeError:
                pass
        if crlf is not None:
            n_crlf = raw.count("\r\n")
            n_lf = raw.count("\n")
            if crlf and n_crlf != n_lf:
                problem(f"{doc}: expected CRLF line endings throughout")
            if not crlf and n_crlf:
                problem(f"{doc}: unexpected CRLF line endings")
        text = raw.replace("\r\n", "\n")
        if ext == "vtt":
            header, turns = parse_vtt(text, doc)
        elif ext == "srt":
            header, turns = parse_srt(text, doc, ilab, rlab)
        else:
            header, turns = split_turns(text.split("\n"), ilab, rlab, doc)
    for h in header:
        m = LABEL_LIKE.match(h)
        if m and m.group(1).strip().lower() not in META_KEYS:
            problem(f"{doc}: header line looks like a speaker turn: {h[:50]!r}")
    return raw, turns


def main():
    parsed = {}
    for doc, (ext, enc, ilab, rlab, _) in DOCS.items():
        res = load(doc)
        if res is None:
            continue
        raw, turns = res
        parsed[doc] = (raw, turns)
        if not turns:
            problem(f"{doc}: no turns")
            continue
        for i, (who, txt) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if who != want:
                problem(f"{doc}: turn {i} is {who!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
            if not txt.strip():
                problem(f"{doc}: turn {i} is empty")
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for w, _ in turns if w == rlab)
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns, outside 10-45")
        if FORBIDDEN.search(raw):
            problem(f"{doc}: transcript uses a forbidden label word")

    # styles.csv
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    seen = {}
    for r in rows:
        d = r.get("doc_id")
        if d in seen:
            problem(f"styles.csv: duplicate {d}")
        seen[d] = r.get("style")
        if r.get("style") not in MIX:
            problem(f"styles.csv: {d} has invalid style {r.get('style')!r}")
        if not (r.get("rationale") or "").strip():
            problem(f"styles.csv: {d} has no rationale")
        if r.get("style") == "onbepaald" and ONBEPAALD_KIND not in (r.get("rationale") or "").lower():
            problem(f"styles.csv: onbepaald {d} does not name its kind ({ONBEPAALD_KIND})")
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs {sorted(seen)} != {sorted(DOCS)}")
    for s, n in MIX.items():
        if list(seen.values()).count(s) != n:
            problem(f"styles.csv: {list(seen.values()).count(s)} x {s}, expected {n}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as fh:
            orows = list(csv.DictReader(fh))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = []
    for r in orows:
        d, o = r.get("doc_id"), r.get("orientation")
        try:
            ti = int(r.get("turn_index"))
        except (TypeError, ValueError):
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        if d not in parsed:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        turns = parsed[d][1]
        if ti % 2 != 0 or not 1 <= ti <= len(turns) or turns[ti - 1][0] != DOCS[d][3]:
            problem(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as fh:
            irows = list(csv.DictReader(fh))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    seen_ids, per_doc = set(), {}
    for r in irows:
        d, s, ty = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (d, s) in seen_ids:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen_ids.add((d, s))
        per_doc[d] = per_doc.get(d, 0) + 1
        if ty not in TYPES:
            problem(f"identifiers.csv: bad type {ty!r} for {s!r}")
        if d not in parsed:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if not s or s not in parsed[d][0]:
            problem(f"identifiers.csv: {d} {s!r} not found verbatim in the transcript")
    for d in DOCS:
        if per_doc.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    for p in ["README.md", "src/build.py"]:
        if not (ROOT / p).exists():
            problem(f"{p} missing")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
