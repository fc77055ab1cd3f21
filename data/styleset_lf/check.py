#!/usr/bin/env python3
"""Check set LF: parses the BUILT transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TRANS = ROOT / "transcripts"
DOC_IDS = [f"lf{i:02d}" for i in range(1, 7)]
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
# the label the interviewer has in each built transcript
INTERVIEWER = {"lf01": "Interviewer", "lf02": "Sanne Wiersma", "lf03": "Lotte",
               "lf04": "I", "lf05": "Spreker 1", "lf06": "SW"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"datum", "respondent", "interviewer", "duur", "deelnemers", "locatie",
             "opname", "transcriptie", "transcribent", "project"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
LABEL_RE = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s*)?([^:\n\[\]]{1,40}):\s+(.*)$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


# ---------------- readers ----------------

def decode(data, doc):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text, enc = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            text, enc = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            bad(f"{doc}: not readable as UTF-8 or Windows-1252")
            return "", None
    if "\ufffd" in text or re.search("Ã[\u0080-\u00bf]|â€", text):
        bad(f"{doc}: replacement characters or mojibake ({enc})")
    return text, enc


def docx_paragraphs(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        bad(f"{doc}: unreadable docx ({e})")
        return []
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


def labelled_turns(lines, doc):
    """Lines of a docx or txt transcript -> (header lines, [(label, text)], timestamps)."""
    cands = Counter()
    for ln in lines:
        m = LABEL_RE.match(ln.strip())
        if m:
            cands[m.group(2).strip()] += 1
    speakers = {lab for lab, _ in cands.most_common(2)}
    header, turns, stamps = [], [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL_RE.match(s)
        if m and m.group(2).strip() in speakers:
            turns.append([m.group(2).strip(), m.group(3).strip()])
            if m.group(1):
                stamps.append(m.group(1))
        elif not turns:
            header.append(s)
            if m and m.group(2).strip().lower() not in META_KEYS:
                bad(f"{doc}: header line looks like a speaker turn: {s[:60]!r}")
        else:
            turns[-1][1] += " " + s
    return header, [tuple(t) for t in turns], stamps


def to_sec(t):
    h, m, s = t.replace(",", ".").split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def cue_turns(cues, doc):
    turns = []
    for lab, text in cues:
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + text
        else:
            turns.append([lab, text])
    return [tuple(t) for t in turns]


def read_vtt(text, doc):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: VTT does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues, times = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            bad(f"{doc}: VTT block without timing: {b[:50]!r}")
            continue
        a, _, rest = lines[ti].partition("-->")
        times.append((to_sec(a.strip()), to_sec(rest.strip().split()[0])))
        body = " ".join(lines[ti + 1:]).strip()
        m = re.match(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad(f"{doc}: VTT cue without voice tag: {body[:50]!r}")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    check_times(times, doc)
    return cue_turns(cues, doc)


def read_srt(text, doc):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    cues, times = [], []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed SRT cue {n}: {b[:50]!r}")
            continue
        if int(lines[0]) != n:
            bad(f"{doc}: SRT cue numbered {lines[0]} at position {n}")
        a, _, z = lines[1].partition("-->")
        times.append((to_sec(a.strip()), to_sec(z.strip())))
        body = " ".join(lines[2:]).strip()
        m = re.match(r"^([^:]{1,40}):\s+(.*)$", body)
        if not m:
            bad(f"{doc}: SRT cue {n} without 'Name:'")
            continue
        cues.append((m.group(1).strip(), m.group(2).strip()))
    check_times(times, doc)
    return cue_turns(cues, doc)


def check_times(times, doc):
    prev = -1.0
    for a, z in times:
        if a < prev or z <= a:
            bad(f"{doc}: timestamps not increasing near {a:.2f}s")
            return
        prev = z


def read_doc(doc):
    files = sorted(TRANS.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    ext = path.suffix.lower()
    info = {"file": path.name}
    if ext == ".docx":
        paras = docx_paragraphs(path, doc)
        header, turns, _ = labelled_turns(paras, doc)
        full = "\n".join(paras)
        info["enc"] = "docx"
    else:
        raw = path.read_bytes()
        full, enc = decode(raw, doc)
        info["enc"] = enc
        info["crlf"] = b"\r\n" in raw
        if ext == ".txt":
            header, turns, stamps = labelled_turns(full.splitlines(), doc)
            if stamps:
                check_times([(to_sec(s), to_sec(s) + 0.001) for s in stamps], doc)
        elif ext == ".vtt":
            turns = read_vtt(full, doc)
        elif ext == ".srt":
            turns = read_srt(full, doc)
        else:
            bad(f"{doc}: unsupported extension {ext}")
            return None
    info["full"] = full
    info["turns"] = turns
    return info


# ---------------- checks ----------------

def check_doc(doc, info):
    turns = info["turns"]
    if not turns:
        bad(f"{doc}: no turns found")
        return
    labels = [l for l, _ in turns]
    distinct = list(dict.fromkeys(labels))
    if len(distinct) != 2:
        bad(f"{doc}: expected 2 speakers, found {distinct}")
    if labels[0] != INTERVIEWER[doc]:
        bad(f"{doc}: first turn by {labels[0]!r}, expected interviewer {INTERVIEWER[doc]!r}")
    for i in range(1, len(labels)):
        if labels[i] == labels[i - 1]:
            bad(f"{doc}: turns {i} and {i + 1} have the same speaker {labels[i]!r}")
    info["resp"] = next((l for l in distinct if l != INTERVIEWER[doc]), None)
    nresp = sum(1 for l in labels if l == info["resp"])
    if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
        bad(f"{doc}: {nresp} respondent turns (want {RESP_TURNS[0]}-{RESP_TURNS[1]})")
    words = sum(len(t.split()) for _, t in turns)
    if not WORDS[0] <= words <= WORDS[1]:
        bad(f"{doc}: {words} spoken words (want {WORDS[0]}-{WORDS[1]})")
    if FORBIDDEN.search(info["full"]):
        bad(f"{doc}: transcript uses a forbidden label word")
    info["words"], info["nresp"] = words, nresp


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        bad(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    infos = {}
    for doc in DOC_IDS:
        info = read_doc(doc)
        if info:
            check_doc(doc, info)
            infos[doc] = info
    extra = [f.name for f in TRANS.iterdir() if f.stem not in DOC_IDS] if TRANS.exists() else []
    if extra:
        bad(f"unexpected files in transcripts/: {extra}")
    exts = {infos[d]["file"].rsplit(".", 1)[1] + "/" + str(infos[d].get("enc")) for d in infos}
    if len(exts) < 4:
        bad(f"fewer than four formats: {sorted(exts)}")

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            bad(f"styles.csv: bad row {r}")
            continue
        d, s, why = r
        if d in seen:
            bad(f"styles.csv: duplicate {d}")
        seen[d] = s
        if s not in MIX:
            bad(f"styles.csv: {d} has unknown style {s!r}")
        if not why.strip():
            bad(f"styles.csv: {d} has no rationale")
        if s == "onbepaald" and not re.search(r"mixed|too little evidence", why, re.I):
            bad(f"styles.csv: {d} onbepaald rationale does not say which kind")
    if set(seen) != set(DOC_IDS):
        bad(f"styles.csv: doc ids {sorted(seen)} != {DOC_IDS}")
    if Counter(seen.values()) != Counter(MIX):
        bad(f"styles.csv: mix {dict(Counter(seen.values()))} != {MIX}")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        d, i, o = r[0], int(r[1]), r[2]
        keys.append((d, i))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: {d},{i} has orientation {o!r}")
        if d not in infos:
            bad(f"orientation.csv: unknown doc {d}")
            continue
        turns = infos[d]["turns"]
        if not 1 <= i <= len(turns):
            bad(f"orientation.csv: {d} turn {i} out of range (1-{len(turns)})")
        elif i % 2 or turns[i - 1][0] != infos[d]["resp"]:
            bad(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc, pairs = Counter(), set()
    for r in rows:
        if len(r) != 3:
            bad(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if (d, ident) in pairs:
            bad(f"identifiers.csv: duplicate {d},{ident}")
        pairs.add((d, ident))
        per_doc[d] += 1
        if typ not in TYPES:
            bad(f"identifiers.csv: {d},{ident} has unknown type {typ}")
        if d not in infos:
            bad(f"identifiers.csv: unknown doc {d}")
        elif ident not in infos[d]["full"]:
            bad(f"identifiers.csv: {d}: {ident!r} not found verbatim in {infos[d]['file']}")
    for d in DOC_IDS:
        if per_doc[d] < 5:
            bad(f"identifiers.csv: {d} has only {per_doc[d]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
