"""Check the built set (standard library only). Prints OK or the problems (exit status 1).

It reads the built transcripts in transcripts/ (not the annotated sources) and the three csv files.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# Per document: format, encoding and the interviewer / respondent labels of the delivery.
DOCS = {
    "mj01": {"ext": "docx", "labels": ("Interviewer", "Ellen")},
    "mj02": {"ext": "vtt", "encoding": "utf-8", "labels": ("Noor Hamidi", "Theo Wijnands")},
    "mj03": {"ext": "txt", "encoding": "cp1252", "crlf": True, "labels": ("Spreker 1", "Spreker 2"),
             "timestamps": True},
    "mj04": {"ext": "srt", "encoding": "utf-8", "crlf": True, "labels": ("Joyce", "Bert")},
    "mj05": {"ext": "txt", "encoding": "utf-8", "labels": ("I", "R")},
    "mj06": {"ext": "docx", "labels": ("Interviewer", "Respondent")},
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")
WORD_MIN, WORD_MAX = 1500, 2600
RTURN_MIN, RTURN_MAX = 10, 45
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def nwords(text):
    return sum(1 for tok in text.split() if re.search(r"\w", tok))


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def line_turns(lines, labels, timestamps):
    """Turns from a labelled line format; lines before the first turn are header."""
    alt = "|".join(re.escape(l) for l in labels)
    ts = r"\[\d{2}:\d{2}:\d{2}\] " if timestamps else ""
    rx = re.compile(r"^" + ts + r"(" + alt + r"): (.*)$")
    turns, header = [], []
    for line in lines:
        if not line.strip():
            continue
        m = rx.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + line.strip()
        else:
            header.append(line)
    return header, turns


def cue_turns(blocks, kind, labels):
    cues = []
    for b in blocks:
        lines = [l for l in b.split("\n") if l.strip()]
        if not lines:
            continue
        if kind == "vtt" and (lines[0].startswith("WEBVTT") or lines[0].startswith("NOTE")):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{kind}: block without timing line: {lines[0][:50]!r}")
            continue
        if kind == "srt" and (ti != 1 or not lines[0].strip().isdigit()):
            problem(f"srt: cue without number: {lines[0][:50]!r}")
        text = " ".join(lines[ti + 1:])
        if kind == "vtt":
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", text)
        else:
            m = re.match(r"^(" + "|".join(re.escape(l) for l in labels) + r"): (.*)$", text)
        if not m:
            problem(f"{kind}: cue without speaker: {text[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return turns


def read_doc(doc_id, cfg):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + cfg["ext"]):
        problem(f"{doc_id}: expected .{cfg['ext']}, found {files[0]}")
    if cfg["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: unreadable docx: {e}")
            return None, None
        _, turns = line_turns(paras, cfg["labels"], False)
        return "\n".join(paras), turns
    raw = open(path, "rb").read()
    try:
        text = raw.decode(cfg["encoding"])
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {cfg['encoding']}: {e}")
        return None, None
    if cfg["encoding"] == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem(f"{doc_id}: file is valid UTF-8, expected Windows-1252")
        except UnicodeDecodeError:
            pass
    if cfg.get("crlf"):
        if "\n" in text.replace("\r\n", ""):
            problem(f"{doc_id}: bare LF found, expected CRLF")
    norm = text.replace("\r\n", "\n")
    if cfg["ext"] == "vtt":
        if not norm.startswith("WEBVTT"):
            problem(f"{doc_id}: missing WEBVTT signature")
        turns = cue_turns(re.split(r"\n\s*\n", norm), "vtt", cfg["labels"])
    elif cfg["ext"] == "srt":
        turns = cue_turns(re.split(r"\n\s*\n", norm), "srt", cfg["labels"])
    else:
        _, turns = line_turns(norm.split("\n"), cfg["labels"], cfg.get("timestamps", False))
    return norm, turns


def read_csv(name):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def main():
    texts, nturns = {}, {}
    for doc_id, cfg in DOCS.items():
        text, turns = read_doc(doc_id, cfg)
        if text is None:
            continue
        texts[doc_id] = text
        nturns[doc_id] = len(turns)
        ilab, rlab = cfg["labels"]
        if not turns:
            problem(f"{doc_id}: no turns found")
            continue
        for i, (who, _) in enumerate(turns, 1):
            want = ilab if i % 2 == 1 else rlab
            if who != want:
                problem(f"{doc_id}: turn {i} spoken by {who!r}, expected {want!r}")
                break
        words = sum(nwords(t) for _, t in turns)
        if not WORD_MIN <= words <= WORD_MAX:
            problem(f"{doc_id}: {words} spoken words, outside {WORD_MIN}-{WORD_MAX}")
        rturns = sum(1 for w, _ in turns if w == rlab)
        if not RTURN_MIN <= rturns <= RTURN_MAX:
            problem(f"{doc_id}: {rturns} respondent turns, outside {RTURN_MIN}-{RTURN_MAX}")
        low = " ".join(t for _, t in turns).lower()
        for f in FORBIDDEN:
            if f in low:
                problem(f"{doc_id}: forbidden word {f!r} in a turn")

    styles = read_csv("styles.csv")
    got = {}
    for row in styles:
        d, s, r = row.get("doc_id"), row.get("style"), (row.get("rationale") or "").strip()
        if d not in DOCS:
            problem(f"styles.csv: unknown doc {d}")
            continue
        if d in got:
            problem(f"styles.csv: duplicate {d}")
        got[d] = s
        if s not in WANT_MIX:
            problem(f"styles.csv: {d} has invalid style {s!r}")
        if not r:
            problem(f"styles.csv: {d} has no rationale")
        if s == "onbepaald" and not re.search(r"mixed|too little evidence", r, re.I):
            problem(f"styles.csv: {d} onbepaald rationale does not say which kind")
    for d in DOCS:
        if d not in got:
            problem(f"styles.csv: missing {d}")
    for s, n in WANT_MIX.items():
        if sum(1 for v in got.values() if v == s) != n:
            problem(f"styles.csv: expected {n} x {s}")
    kinds = [r["rationale"] for r in styles if r.get("style") == "onbepaald"]
    if not (any(re.search("mixed", k, re.I) for k in kinds)
            and any(re.search("too little evidence", k, re.I) for k in kinds)):
        problem("styles.csv: onbepaald needs one mixed and one too-little-evidence doc")

    orient = read_csv("orientation.csv")
    keys = []
    for row in orient:
        d, o = row.get("doc_id"), row.get("orientation")
        try:
            i = int(row.get("turn_index"))
        except (TypeError, ValueError):
            problem(f"orientation.csv: bad turn_index {row}")
            continue
        keys.append((d, i))
        if d not in DOCS:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: {d} turn {i} bad orientation {o!r}")
        if i % 2 != 0 or i < 2 or i > nturns.get(d, 0):
            problem(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    idents = read_csv("identifiers.csv")
    per_doc, seen = {}, set()
    for row in idents:
        d, s, t = row.get("doc_id"), row.get("identifier"), row.get("type")
        if d not in DOCS:
            problem(f"identifiers.csv: unknown doc {d}")
            continue
        if (d, s) in seen:
            problem(f"identifiers.csv: duplicate {d} {s!r}")
        seen.add((d, s))
        if t not in TYPES:
            problem(f"identifiers.csv: {d} {s!r} bad type {t!r}")
        if d in texts and s not in texts[d]:
            problem(f"identifiers.csv: {d} {s!r} does not occur verbatim")
        per_doc[d] = per_doc.get(d, 0) + 1
    for d in DOCS:
        if per_doc.get(d, 0) < 5:
            problem(f"identifiers.csv: {d} has fewer than 5 identifiers")

    exts = {cfg["ext"] for cfg in DOCS.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} different transcript formats")

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
