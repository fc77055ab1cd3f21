#!/usr/bin/env python3
"""Check the built transcripts and csv files of set IZ (standard library only).

Parses transcripts/<doc_id>.<ext> (not the sources) and prints OK or the problems (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TR = HERE / "transcripts"

DOCS = {
    "iz01": dict(ext="docx", fmt="docx_bold", I="Interviewer", R="Respondent"),
    "iz02": dict(ext="srt", fmt="srt", I="Esther", R="Ronald", enc="utf-8"),
    "iz03": dict(ext="vtt", fmt="vtt", I="Interviewer", R="Marco Verhulst", enc="utf-8"),
    "iz04": dict(ext="txt", fmt="txt_label", I="I", R="R", enc="cp1252", crlf=True),
    "iz05": dict(ext="txt", fmt="txt_ts", I="Spreker 1", R="Spreker 2", enc="utf-8"),
    "iz06": dict(ext="docx", fmt="docx_plain", I="Sanne", R="Evert"),
}
WANT_STYLE = {"iz01": "casusgericht", "iz02": "onbepaald", "iz03": "netwerkgericht",
              "iz04": "casusgericht", "iz05": "onbepaald", "iz06": "netwerkgericht"}
ONBEPAALD_KIND = {"iz02": "too little evidence", "iz05": "mixed"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def err(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            t = "".join(x.text or "" for x in r.iter(W + "t"))
            b = r.find(f"{W}rPr/{W}b")
            bold = b is not None and b.get(W + "val", "true") not in ("0", "false")
            runs.append((t, bold))
        paras.append(runs)
    return paras


def parse(doc_id, cfg, path):
    """Return (raw_text, turns) with turns a list of (role, text)."""
    lab2role = {cfg["I"]: "I", cfg["R"]: "R"}
    turns = []
    fmt = cfg["fmt"]
    if fmt.startswith("docx"):
        paras = docx_paragraphs(path)
        raw = "\n".join("".join(t for t, _ in runs) for runs in paras)
        for runs in paras:
            text = "".join(t for t, _ in runs).strip()
            if not text:
                continue
            role = None
            if fmt == "docx_bold":
                nonempty = [(t, b) for t, b in runs if t.strip()]
                if nonempty and nonempty[0][1]:
                    lab = nonempty[0][0].strip()
                    if lab.endswith(":") and lab[:-1] in lab2role:
                        role = lab2role[lab[:-1]]
                        text = text[text.index(":") + 1:].strip()
            else:
                m = re.match(r"^([^:]{1,40}):\s+(.*)$", text)
                if m and m.group(1) in lab2role:
                    role, text = lab2role[m.group(1)], m.group(2)
            if role:
                turns.append((role, text))
            elif turns:
                err(f"{doc_id}: paragraph after first turn without speaker label: {text[:50]!r}")
        return raw, turns
    data = path.read_bytes()
    try:
        raw = data.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        err(f"{doc_id}: not readable as {cfg['enc']}: {e}")
        return "", []
    if cfg.get("crlf") and re.search(r"(?<!\r)\n", raw):
        err(f"{doc_id}: expected CRLF line endings throughout")
    text = raw.replace("\r\n", "\n")
    if fmt in ("txt_label", "txt_ts"):
        labs = "|".join(re.escape(l) for l in lab2role)
        pat = (rf"^({labs}):\s+(.*)$" if fmt == "txt_label"
               else rf"^\[\d\d:\d\d:\d\d\]\s+({labs}):\s+(.*)$")
        for line in text.split("\n"):
            if not line.strip():
                continue
            m = re.match(pat, line)
            if m:
                turns.append((lab2role[m.group(1)], m.group(2).strip()))
            elif turns:
                err(f"{doc_id}: line after first turn without speaker label: {line[:50]!r}")
        return raw, turns
    blocks = [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]
    if fmt == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            err(f"{doc_id}: missing WEBVTT header")
        blocks = blocks[1:]
    cues = []
    for b in blocks:
        lines = b.split("\n")
        if fmt == "vtt" and lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            err(f"{doc_id}: block without timing: {b[:40]!r}")
            continue
        if fmt == "srt" and (ti != 1 or not lines[0].strip().isdigit()):
            err(f"{doc_id}: srt cue without number: {b[:40]!r}")
        cue = " ".join(l.strip() for l in lines[ti + 1:] if l.strip())
        if fmt == "vtt":
            m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", cue)
            spk, txt = (m.group(1).strip(), m.group(2).strip()) if m else (None, cue)
        else:
            m = re.match(r"^([^:]{1,40}):\s+(.*)$", cue)
            spk, txt = (m.group(1), m.group(2)) if m and m.group(1) in lab2role else (None, cue)
        if spk is not None and spk not in lab2role:
            err(f"{doc_id}: unknown speaker {spk!r}")
            spk = None
        cues.append((spk, txt))
    for spk, txt in cues:
        if spk is None:
            if not turns:
                err(f"{doc_id}: first cue has no speaker")
                continue
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + txt)
        elif turns and turns[-1][0] == lab2role[spk]:
            turns[-1] = (turns[-1][0], turns[-1][1] + " " + txt)
        else:
            turns.append((lab2role[spk], txt))
    return raw, turns


def read_csv(name, header):
    path = HERE / name
    if not path.exists():
        err(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        err(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    parsed = {}
    for doc_id, cfg in DOCS.items():
        files = sorted(TR.glob(f"{doc_id}.*"))
        if len(files) != 1:
            err(f"{doc_id}: expected exactly one transcript, found {[f.name for f in files]}")
            continue
        if files[0].suffix != "." + cfg["ext"]:
            err(f"{doc_id}: expected .{cfg['ext']}, found {files[0].name}")
            continue
        raw, turns = parse(doc_id, cfg, files[0])
        parsed[doc_id] = (raw, turns)
        if not turns:
            err(f"{doc_id}: no turns parsed")
            continue
        for i, (role, _) in enumerate(turns):
            if role != "IR"[i % 2]:
                err(f"{doc_id}: turn {i + 1} should be {'interviewer' if i % 2 == 0 else 'respondent'}")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f"{doc_id}: {words} words of spoken text, outside 1500-2600")
        nresp = sum(1 for r, _ in turns if r == "R")
        if not 10 <= nresp <= 45:
            err(f"{doc_id}: {nresp} respondent turns, outside 10-45")
        spoken = " ".join(t for _, t in turns).lower()
        for w in FORBIDDEN:
            if w in spoken:
                err(f"{doc_id}: forbidden word {w!r} in spoken text")

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            err(f"styles.csv: bad row {r}")
            continue
        if r[0] in seen:
            err(f"styles.csv: duplicate {r[0]}")
        seen[r[0]] = r
        if r[0] not in DOCS:
            err(f"styles.csv: unknown doc {r[0]}")
        elif r[1] != WANT_STYLE[r[0]]:
            err(f"styles.csv: {r[0]} is {r[1]}, requested {WANT_STYLE[r[0]]}")
        if not r[2].strip():
            err(f"styles.csv: {r[0]} has no rationale")
        if r[0] in ONBEPAALD_KIND and ONBEPAALD_KIND[r[0]] not in r[2].lower():
            err(f"styles.csv: {r[0]} rationale should name the kind ({ONBEPAALD_KIND[r[0]]})")
    for d in DOCS:
        if d not in seen:
            err(f"styles.csv: {d} missing")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            err(f"orientation.csv: bad row {r}")
            continue
        k = (r[0], int(r[1]))
        keys.append(k)
        turns = parsed.get(r[0], ("", []))[1]
        if k[1] < 1 or k[1] > len(turns) or turns[k[1] - 1][0] != "R":
            err(f"orientation.csv: {r[0]} turn {r[1]} is not a respondent turn")
    if keys != sorted(keys):
        err("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        err("orientation.csv: duplicate rows")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen_ids, count = set(), {}
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1].strip():
            err(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen_ids:
            err(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen_ids.add((r[0], r[1]))
        count[r[0]] = count.get(r[0], 0) + 1
        raw = parsed.get(r[0], ("", []))[0]
        if r[1] not in raw:
            err(f"identifiers.csv: {r[0]} {r[1]!r} does not occur verbatim in the transcript")
    for d in DOCS:
        if count.get(d, 0) < 5:
            err(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
