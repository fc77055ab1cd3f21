"""Check the built transcripts and the label files of set mt (standard library only).

Usage: python check.py        prints OK, or the problems and exits with status 1.
Parses the transcripts in transcripts/ (not the annotated sources).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# doc id -> expected file type, encoding, (interviewer label, respondent label)
SPEC = {
    "mt01": ("docx", None, ("Interviewer", "Nadia")),
    "mt02": ("txt", "cp1252", ("Spreker 1", "Spreker 2")),
    "mt03": ("vtt", "utf-8", ("Eva de Wit", "Gloria Pinas")),
    "mt04": ("srt", "utf-8", ("Interviewer", "H. Veldhuis")),
    "mt05": ("txt", "utf-8", ("I", "R")),
    "mt06": ("docx", None, ("Interviewer", "Respondent")),
}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


# ---------- readers: return (full_text, [(speaker, text), ...]) ----------
def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag == W + "br":
                parts.append("\n")
        lines.append("".join(parts))
    return lines


def line_turns(doc, lines, labels, stamp=False):
    turns, header = [], []
    ts = re.compile(r"^\[\d{2}:\d{2}:\d{2}\]\s*")
    for raw in lines:
        line = raw.strip()
        if stamp:
            if ts.match(line):
                line = ts.sub("", line)
            elif turns and line:
                bad(f"{doc}: turn line without timestamp: {line[:50]!r}")
        who = None
        for k, lab in enumerate(labels):
            if line.startswith(lab + ":"):
                who = "IR"[k]
                text = line[len(lab) + 1:].strip()
        if who:
            turns.append([who, text])
        elif line and turns:
            turns[-1][1] += " " + line  # continuation paragraph
        elif line:
            header.append(line)
    for h in header:
        if re.match(r"^(\[\d\d:\d\d:\d\d\]\s*)?(%s):" % "|".join(map(re.escape, labels)), h):
            bad(f"{doc}: header line looks like a turn: {h[:50]!r}")
    return turns


def cue_blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


def vtt_turns(doc, text, labels):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    turns = []
    for b in cue_blocks(text)[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = [i for i, l in enumerate(lines) if "-->" in l]
        if not idx:
            bad(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[idx[0] + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body.strip())
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        name, said = m.group(1), m.group(2).strip()
        if name not in labels:
            bad(f"{doc}: unknown voice {name!r}")
            continue
        who = "IR"[labels.index(name)]
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def srt_turns(doc, text, labels):
    turns, expect = [], 1
    for b in cue_blocks(text):
        lines = b.split("\n")
        if not lines[0].strip().isdigit() or int(lines[0]) != expect:
            bad(f"{doc}: srt cue numbering broken at {lines[0][:10]!r}")
        expect += 1
        if len(lines) < 3 or "-->" not in lines[1]:
            bad(f"{doc}: srt cue {lines[0]} malformed")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        who = None
        for k, lab in enumerate(labels):
            if body.startswith(lab + ":"):
                who, said = "IR"[k], body[len(lab) + 1:].strip()
        if not who:
            bad(f"{doc}: srt cue {lines[0]} without speaker name")
            continue
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + said
        else:
            turns.append([who, said])
    return turns


def read_doc(doc):
    ext, enc, labels = SPEC[doc]
    files = [f for f in os.listdir(TDIR) if f.split(".")[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {files}")
        return None, []
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + ext):
        bad(f"{doc}: expected .{ext}, found {files[0]}")
        return None, []
    if ext == "docx":
        try:
            lines = docx_lines(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: docx unreadable: {e}")
            return None, []
        return "\n".join(lines), line_turns(doc, lines, labels)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None, []
    if enc == "cp1252":
        if b"\n" in raw.replace(b"\r\n", b""):
            bad(f"{doc}: Windows-1252 file should use CRLF throughout")
        try:
            raw.decode("utf-8")
            bad(f"{doc}: Windows-1252 file is also valid UTF-8 (no non-ASCII characters?)")
        except UnicodeDecodeError:
            pass
    text = text.replace("\r\n", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if ext == "txt":
        return text, line_turns(doc, text.split("\n"), labels, stamp=bool(re.search(r"^\[\d\d:", text, re.M)))
    if ext == "vtt":
        return text, vtt_turns(doc, text, labels)
    return text, srt_turns(doc, text, labels)


def main():
    texts, turnsets = {}, {}
    known = set(SPEC)
    for f in os.listdir(TDIR):
        if f.split(".")[0] not in known:
            bad(f"unexpected file in transcripts/: {f}")
    for doc in SPEC:
        text, turns = read_doc(doc)
        if text is None:
            continue
        texts[doc], turnsets[doc] = text, turns
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        for i, (who, said) in enumerate(turns):
            if who != ("I" if i % 2 == 0 else "R"):
                bad(f"{doc}: turn {i + 1} is {who}; turns must alternate starting with the interviewer")
                break
            if not said.strip():
                bad(f"{doc}: turn {i + 1} is empty")
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words, outside {WORDS}")
        nr = sum(1 for w, _ in turns if w == "R")
        if not RESP_TURNS[0] <= nr <= RESP_TURNS[1]:
            bad(f"{doc}: {nr} respondent turns, outside {RESP_TURNS}")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: forbidden word {w!r} in transcript")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = {}
    for r in rows:
        if r["doc_id"] in got:
            bad(f"styles.csv: duplicate {r['doc_id']}")
        got[r["doc_id"]] = r
        if r["style"] not in MIX:
            bad(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and not re.search(r"too little evidence|mixed", r["rationale"], re.I):
            bad(f"styles.csv: onbepaald rationale for {r['doc_id']} must say which kind")
    if set(got) != known:
        bad(f"styles.csv: docs {sorted(got)} != {sorted(known)}")
    counts = {s: sum(1 for r in got.values() if r["style"] == s) for s in MIX}
    if counts != MIX:
        bad(f"styles.csv: mix {counts} != {MIX}")
    if any(r["style"] == "onbepaald" and not re.search(r"too little evidence", r["rationale"], re.I)
           for r in got.values()):
        bad("styles.csv: the onbepaald doc of this set should be the 'too little evidence' kind")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = []
    for r in rows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            ti = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r}")
        turns = turnsets.get(doc)
        if turns is None:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != "R":
            bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    per, seen = {d: 0 for d in known}, set()
    for r in rows:
        doc, s, ty = r["doc_id"], r["identifier"], r["type"]
        if doc not in known:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        if ty not in TYPES:
            bad(f"identifiers.csv: bad type {ty!r} for {s!r}")
        if (doc, s) in seen:
            bad(f"identifiers.csv: duplicate {doc} {s!r}")
        seen.add((doc, s))
        per[doc] += 1
        if doc in texts and s not in texts[doc]:
            bad(f"identifiers.csv: {doc} {s!r} does not occur verbatim")
    for d, n in per.items():
        if n < 5:
            bad(f"identifiers.csv: {d} has only {n} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
