"""Check blind set 'setns' against the brief, reading the BUILT transcripts (not src/).

Standard library only.  Usage:  python check.py      prints OK, or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TRANS = os.path.join(ROOT, "transcripts")
DOCS = ["ns01", "ns02", "ns03", "ns04", "ns05", "ns06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MIX = {"casusgericht": 1, "netwerkgericht": 2, "onbepaald": 3}
METADATA = {"respondent", "interviewer", "datum", "duur", "locatie", "project", "transcript",
            "transcriptie", "opname", "sprekers", "bestand", "onderwerp", "functie", "organisatie"}
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MIN_WORDS, MAX_WORDS = 1500, 2600
MIN_RT, MAX_RT = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def words(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def is_meta(label):
    first = label.strip().split()[0].lower() if label.strip() else ""
    return first in METADATA


LABEL = re.compile(r"^([^\s:\[][^:]{0,40}?):\s+(.*)$")
STAMP = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+([^:]{1,40}):\s*(.*)$")


# ------------------------------------------------------------------ parsers
def parse_docx(path):
    """Return (full_text, header_lines, turns[(label, text)], encoding-ish note)."""
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            rpr = r.find(W + "rPr")
            bold = False
            if rpr is not None:
                b = rpr.find(W + "b")
                if b is not None and b.get(W + "val", "true") not in ("0", "false"):
                    bold = True
            runs.append((t, bold))
        paras.append(runs)
    full = "\n".join("".join(t for t, _ in runs) for runs in paras)
    bold_mode = any(runs and runs[0][1] and runs[0][0].strip().endswith(":") for runs in paras)
    header, turns = [], []
    for runs in paras:
        text = "".join(t for t, _ in runs).strip()
        if not text:
            continue
        label = None
        if bold_mode:
            if runs[0][1] and runs[0][0].strip().endswith(":"):
                label = runs[0][0].strip()[:-1].strip()
                body = "".join(t for t, _ in runs[1:]).strip()
        else:
            m = LABEL.match(text)
            if m and not is_meta(m.group(1)):
                label, body = m.group(1).strip(), m.group(2).strip()
        if label is None:
            if turns:
                turns[-1] = (turns[-1][0], turns[-1][1] + " " + text)
            else:
                header.append(text)
        else:
            turns.append((label, body))
    return full, header, turns


def decode(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return None, None


def parse_txt(text):
    lines = text.replace("\r\n", "\n").split("\n")
    stamp_mode = any(STAMP.match(l) for l in lines)
    header, turns = [], []
    last_stamp = -1
    for l in lines:
        l = l.strip()
        if not l:
            continue
        label = None
        if stamp_mode:
            m = STAMP.match(l)
            if m:
                sec = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if sec < last_stamp:
                    problem(f"time stamps go backwards at: {l[:40]}")
                last_stamp = sec
                label, body = m.group(4).strip(), m.group(5).strip()
        else:
            m = LABEL.match(l)
            if m and not is_meta(m.group(1)):
                label, body = m.group(1).strip(), m.group(2).strip()
        if label is None:
            if turns:
                turns[-1] = (turns[-1][0], turns[-1][1] + " " + l)
            else:
                header.append(l)
        else:
            turns.append((label, body))
    return header, turns


def tsec(s):
    h, m, rest = s.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(rest)


def merge(cues):
    turns = []
    for lab, text in cues:
        if turns and turns[-1][0] == lab:
            turns[-1] = (lab, turns[-1][1] + " " + text)
        else:
            turns.append((lab, text))
    return turns


def parse_vtt(text, doc):
    text = text.replace("\r\n", "\n")
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    header, cues, last = [], [], -1.0
    for b in blocks[1:]:
        ls = b.strip().split("\n")
        if ls[0].startswith("NOTE"):
            header += [x for x in ([ls[0][4:].strip()] + ls[1:]) if x.strip()]
            continue
        i = next((k for k, x in enumerate(ls) if "-->" in x), None)
        if i is None:
            problem(f"{doc}: vtt block without timing: {ls[0][:40]}")
            continue
        a, z = [x.strip().split()[0] for x in ls[i].split("-->")]
        if tsec(a) < last or tsec(z) <= tsec(a):
            problem(f"{doc}: bad vtt timing {ls[i]}")
        last = tsec(z)
        body = " ".join(ls[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(cues)


def parse_srt(text, doc):
    text = text.replace("\r\n", "\n")
    blocks = re.split(r"\n\s*\n", text.strip())
    cues, last = [], -1.0
    for n, b in enumerate(blocks, 1):
        ls = b.strip().split("\n")
        if len(ls) < 3 or ls[0].strip() != str(n) or "-->" not in ls[1]:
            problem(f"{doc}: malformed srt cue {n}")
            continue
        a, z = [x.strip() for x in ls[1].split("-->")]
        if tsec(a) < last or tsec(z) <= tsec(a):
            problem(f"{doc}: bad srt timing in cue {n}")
        last = tsec(z)
        body = " ".join(ls[2:])
        m = LABEL.match(body)
        if not m:
            problem(f"{doc}: srt cue {n} without speaker name")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    return [], merge(cues)


# ------------------------------------------------------------------ main checks
def load(doc):
    files = [f for f in os.listdir(TRANS) if f.split(".")[0] == doc] if os.path.isdir(TRANS) else []
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TRANS, files[0])
    ext = files[0].rsplit(".", 1)[-1].lower()
    if ext == "docx":
        try:
            full, header, turns = parse_docx(path)
        except Exception as e:  # noqa
            problem(f"{doc}: docx not readable: {e}")
            return None
        return dict(fmt="docx", full=full, header=header, turns=turns)
    text, enc = decode(path)
    if text is None:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None
    if ext == "txt":
        header, turns = parse_txt(text)
        fmt = "txt-" + enc
    elif ext == "vtt":
        if enc != "utf-8":
            problem(f"{doc}: vtt must be UTF-8")
        header, turns = parse_vtt(text, doc)
        fmt = "vtt"
    elif ext == "srt":
        header, turns = parse_srt(text, doc)
        fmt = "srt"
    else:
        problem(f"{doc}: unknown transcript extension .{ext}")
        return None
    return dict(fmt=fmt, full=text, header=header, turns=turns)


def check_turns(doc, d):
    turns = d["turns"]
    if not turns:
        problem(f"{doc}: no turns found")
        return
    labels = []
    for lab, _ in turns:
        if lab not in labels:
            labels.append(lab)
    if len(labels) != 2:
        problem(f"{doc}: expected 2 speakers, found {labels}")
        return
    lab_i, lab_r = labels
    d["lab_i"], d["lab_r"] = lab_i, lab_r
    if lab_i.lower() in ("respondent", "r") or lab_r.lower() in ("interviewer", "i"):
        problem(f"{doc}: the first speaker ({lab_i}) does not look like the interviewer")
    # a speaker key in the header ("Spreker 1 = interviewer") must agree
    for h in d["header"]:
        m = re.match(r"^(.+?)\s*=\s*(interviewer|respondent)\b", h, re.I)
        if m:
            want = lab_i if m.group(2).lower() == "interviewer" else lab_r
            if m.group(1).strip() != want:
                problem(f"{doc}: speaker key '{h}' disagrees with the turns")
    for i, (lab, text) in enumerate(turns, 1):
        want = lab_i if i % 2 else lab_r
        if lab != want:
            problem(f"{doc}: turn {i} by '{lab}', expected '{want}' (turns must alternate)")
            break
        if not text.strip():
            problem(f"{doc}: turn {i} is empty")
    # header lines must not look like a turn
    for h in d["header"]:
        m = LABEL.match(h)
        if m and not is_meta(m.group(1)) and m.group(1).strip() in labels:
            problem(f"{doc}: header line looks like a speaker turn: {h[:50]}")
    n_r = len(turns) // 2
    if not (MIN_RT <= n_r <= MAX_RT):
        problem(f"{doc}: {n_r} respondent turns (want {MIN_RT}-{MAX_RT})")
    nw = sum(words(t) for _, t in turns)
    d["words"] = nw
    if not (MIN_WORDS <= nw <= MAX_WORDS):
        problem(f"{doc}: {nw} spoken words (want {MIN_WORDS}-{MAX_WORDS})")
    for i, (_, t) in enumerate(turns, 1):
        if BANNED.search(t):
            problem(f"{doc}: turn {i} uses a forbidden label word")
    if BANNED.search(d["full"]):
        problem(f"{doc}: transcript uses a forbidden label word")


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"missing {name}")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    data = {}
    for doc in DOCS:
        d = load(doc)
        if d:
            check_turns(doc, d)
            data[doc] = d
    extra = [f for f in (os.listdir(TRANS) if os.path.isdir(TRANS) else [])
             if f.split(".")[0] not in DOCS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    fmts = {d["fmt"] for d in data.values()}
    if len(fmts) < 4:
        problem(f"only {len(fmts)} different transcript formats: {sorted(fmts)}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, count = set(), {}
    kinds = {"mixed": 0, "too little evidence": 0}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        doc, style, why = r
        if doc not in DOCS or doc in seen:
            problem(f"styles.csv: unknown or duplicate doc {doc}")
        seen.add(doc)
        if style not in MIX:
            problem(f"styles.csv: bad style {style} for {doc}")
        count[style] = count.get(style, 0) + 1
        if not why.strip() or why.count(". ") > 0:
            problem(f"styles.csv: rationale for {doc} should be one sentence")
        if style == "onbepaald":
            low = why.lower()
            k = [x for x in kinds if x in low]
            if len(k) != 1:
                problem(f"styles.csv: onbepaald rationale for {doc} must say 'mixed' or 'too little evidence'")
            else:
                kinds[k[0]] += 1
    if seen != set(DOCS):
        problem(f"styles.csv: missing docs {sorted(set(DOCS) - seen)}")
    if count != MIX:
        problem(f"styles.csv: mix is {count}, want {MIX}")
    if kinds != {"mixed": 2, "too little evidence": 1}:
        problem(f"styles.csv: onbepaald kinds are {kinds}, want 2 mixed and 1 too little evidence")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, ti, o = r
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {r}")
        try:
            ti = int(ti)
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc, ti))
        d = data.get(doc)
        if d is None:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        if not (1 <= ti <= len(d["turns"])) or ti % 2 != 0 or d["turns"][ti - 1][0] != d.get("lab_r"):
            problem(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problem("orientation.csv: rows not sorted or duplicated")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen_id, per_doc = set(), {}
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {r}")
        if (doc, ident) in seen_id:
            problem(f"identifiers.csv: duplicate {doc} '{ident}'")
        seen_id.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        d = data.get(doc)
        if d is None:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif ident not in d["full"]:
            problem(f"identifiers.csv: {doc} '{ident}' does not occur verbatim in the transcript")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")
        d = data.get(doc)
        if d and "lab_r" in d:
            for lab in (d["lab_i"], d["lab_r"]):
                generic = lab.lower() in ("interviewer", "respondent", "i", "r") or lab.lower().startswith("spreker")
                if not generic and (doc, lab) not in seen_id:
                    problem(f"identifiers.csv: speaker label '{lab}' of {doc} missing as PERSOON")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
