"""Check the built set (standard library only).

Parses the built transcripts in transcripts/ (not the sources) and the three csv files.
Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"ng0{i}" for i in range(1, 7)]
SPEC = {
    "ng01": {"ext": "vtt", "enc": "utf-8", "int": "Lotte Bakker", "resp": "Ruud Gerritsen"},
    "ng02": {"ext": "docx", "int": "Joris", "resp": "Ingrid"},
    "ng03": {"ext": "txt", "enc": "cp1252", "crlf": True, "int": "I", "resp": "R"},
    "ng04": {"ext": "srt", "enc": "utf-8", "crlf": True, "int": "Interviewer", "resp": "Hanneke"},
    "ng05": {"ext": "txt", "enc": "utf-8", "stamps": True, "int": "Spreker 1", "resp": "Spreker 2"},
    "ng06": {"ext": "docx", "int": "Interviewer", "resp": "Respondent"},
}
WANT_MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "meer van de casus"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


# ------------------------------------------------------------------ readers
def read_docx(path):
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
    return "\n".join(paras), paras


def label_lines(doc, lines, spec):
    """Turns from labelled lines; lines before the first labelled line are the header."""
    labels = [spec["int"], spec["resp"]]
    stamp = r"\[(\d\d):(\d\d):(\d\d)\]\s*" if spec.get("stamps") else ""
    rx = re.compile(r"^" + stamp + "(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    turns, last_t = [], -1
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            if spec.get("stamps"):
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last_t:
                    bad(f"{doc}: timestamps go backwards at {line[:30]}")
                last_t = t
                who, text = m.group(4), m.group(5)
            else:
                who, text = m.group(1), m.group(2)
            turns.append([who, text])
        elif turns:
            if spec.get("stamps") and re.match(r"^\[\d\d:\d\d:\d\d\]", line):
                bad(f"{doc}: timestamped line with unknown speaker: {line[:40]}")
            turns[-1][1] += " " + line  # continuation paragraph
    return turns


def read_vtt(doc, text, spec):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    turns = []
    timing = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}")
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None or not timing.match(lines[ti]):
            bad(f"{doc}: vtt block without valid timing: {lines[0][:40]}")
            continue
        body = " ".join(lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        who = m.group(1).strip()
        txt = re.sub(r"</?[^>]+>", "", m.group(2)).strip()
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def read_srt(doc, text, spec):
    blocks = re.split(r"\n\s*\n", text.strip())
    labels = [spec["int"], spec["resp"]]
    rx = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    turns, expect = [], 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            bad(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        if int(lines[0]) != expect:
            bad(f"{doc}: srt numbering jumps at {lines[0]}")
        expect = int(lines[0]) + 1
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1].strip()):
            bad(f"{doc}: bad srt timing {lines[1]!r}")
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if m:
            who, txt = m.group(1), m.group(2)
        elif turns:
            who, txt = turns[-1][0], body
        else:
            bad(f"{doc}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + txt
        else:
            turns.append([who, txt])
    return turns


def load(doc):
    spec = SPEC[doc]
    files = sorted(p for p in TR.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None, None
    path = files[0]
    if path.suffix[1:] != spec["ext"]:
        bad(f"{doc}: expected .{spec['ext']}, found {path.name}")
        return None, None
    if spec["ext"] == "docx":
        full, paras = read_docx(path)
        return full, label_lines(doc, paras, spec)
    raw = path.read_bytes()
    try:
        text = raw.decode(spec["enc"], errors="strict")
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {spec['enc']}: {e}")
        return None, None
    if spec["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: cp1252 file is also valid UTF-8 (no non-ASCII characters?)")
        except UnicodeDecodeError:
            pass
    if spec.get("crlf"):
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            bad(f"{doc}: expected CRLF line endings throughout")
    text = text.lstrip("\ufeff")
    norm = text.replace("\r\n", "\n")
    if spec["ext"] == "vtt":
        return norm, read_vtt(doc, norm, spec)
    if spec["ext"] == "srt":
        return norm, read_srt(doc, norm, spec)
    return norm, label_lines(doc, norm.split("\n"), spec)


# ------------------------------------------------------------------ checks
def main():
    extra = [p.name for p in TR.iterdir() if p.stem not in DOCS]
    if extra:
        bad(f"unexpected files in transcripts/: {extra}")
    texts, turnsets, exts = {}, {}, set()
    for doc in DOCS:
        full, turns = load(doc)
        if full is None:
            continue
        spec = SPEC[doc]
        exts.add(spec["ext"])
        texts[doc], turnsets[doc] = full, turns
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        for i, (who, _) in enumerate(turns, 1):
            want = spec["int"] if i % 2 == 1 else spec["resp"]
            if who != want:
                bad(f"{doc}: turn {i} is by {who!r}, expected {want!r} (strict alternation)")
                break
        nresp = sum(1 for who, _ in turns if who == spec["resp"])
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns (10-45 required)")
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words (1500-2600 required)")
        low = " ".join(t for _, t in turns).lower()
        for f in FORBIDDEN:
            if f in low:
                bad(f"{doc}: forbidden wording {f!r}")
        if any(not t.strip() for _, t in turns):
            bad(f"{doc}: empty turn")
    if len(exts) < 4:
        bad(f"only {len(exts)} transcript formats: {sorted(exts)}")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    docs = [r["doc_id"] for r in rows]
    if sorted(docs) != DOCS or len(docs) != len(set(docs)):
        bad(f"styles.csv docs {docs}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        bad(f"styles.csv mix {dict(mix)} != {WANT_MIX}")
    for r in rows:
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence",
                                                       r["rationale"], re.I):
            bad(f"styles.csv: onbepaald rationale for {r['doc_id']} does not say which kind")
    style = {r["doc_id"]: r["style"] for r in rows}
    said = [d for d in DOCS if d in texts and style.get(d) == "netwerkgericht"
            and re.search(r"tussen de instelling en de gemeente", texts[d])]
    if not said:
        bad("no netwerkgericht respondent says she stands between the institution and the municipality")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        d, ti, o = r["doc_id"], r["turn_index"], r["orientation"]
        if d not in DOCS or not ti.isdigit() or o not in ("casus", "netwerk"):
            bad(f"orientation.csv bad row {r}")
            continue
        ti = int(ti)
        keys.append((d, ti))
        turns = turnsets.get(d)
        if turns is None:
            continue
        if ti < 1 or ti > len(turns) or ti % 2 == 1 or turns[ti - 1][0] != SPEC[d]["resp"]:
            bad(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv has duplicates")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen, per_doc = set(), Counter()
    for r in rows:
        d, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if d not in DOCS or typ not in TYPES or not ident:
            bad(f"identifiers.csv bad row {r}")
            continue
        if (d, ident) in seen:
            bad(f"identifiers.csv duplicate {d} {ident!r}")
        seen.add((d, ident))
        per_doc[d] += 1
        if d in texts and ident not in texts[d]:
            bad(f"identifiers.csv: {d} {ident!r} does not occur verbatim")
    for d in DOCS:
        if per_doc[d] < 5:
            bad(f"{d}: only {per_doc[d]} identifiers (at least 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
