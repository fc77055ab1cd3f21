"""Check set ni: parses the built transcripts (not the sources). Standard library only.

Usage: python3 check.py      prints OK, or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOCS = ["ni01", "ni02", "ni03", "ni04", "ni05", "ni06"]
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
# expected speaker labels (interviewer, respondent) per document
LABELS = {
    "ni01": ("Interviewer", "Respondent"),
    "ni02": ("I", "R"),
    "ni03": ("Floor de Wit", "Anouk Hiemstra"),
    "ni04": ("Interviewer", "Dennis"),
    "ni05": ("Spreker 1", "Spreker 2"),
    "ni06": ("Marloes", "Sanne"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

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
        bad(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    lines = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W_NS + "t" and el.text:
                parts.append(el.text)
            elif el.tag == W_NS + "tab":
                parts.append("\t")
        lines.append("".join(parts))
    return lines


def labelled_turns(lines, labs, doc):
    """Turns from lines like '[hh:mm:ss] Label: text' or 'Label: text'."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s+)?(" + "|".join(map(re.escape, labs)) + r"):\s+(.*)$")
    turns, started = [], False
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = pat.match(ln)
        if m:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif started:
            if re.match(r"^[A-Z][\w .-]{0,30}:\s", ln):
                bad(f"{doc}: unexpected labelled line inside the interview: {ln[:50]!r}")
            turns[-1][1] += " " + ln
    return turns


def cue_blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip()) if "-->" in b]


def vtt_turns(text, doc):
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    turns = []
    for b in cue_blocks(text):
        lines = b.split("\n")
        i = next(k for k, l in enumerate(lines) if "-->" in l)
        if not re.match(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}", lines[i]):
            bad(f"{doc}: bad vtt timing {lines[i]!r}")
        body = " ".join(lines[i + 1:]).strip()
        m = re.match(r"^<v(?:\.[\w.]+)?\s+([^>]+)>(.*)$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        spk, txt = m.group(1).strip(), m.group(2).replace("</v>", "").strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def srt_turns(text, labs, doc):
    turns, n = [], 0
    pat = re.compile(r"^(" + "|".join(map(re.escape, labs)) + r"):\s+(.*)$")
    for b in cue_blocks(text):
        lines = b.split("\n")
        n += 1
        if lines[0].strip() != str(n):
            bad(f"{doc}: srt cue numbering broken at {n}")
        if not re.match(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$", lines[1].strip()):
            bad(f"{doc}: bad srt timing {lines[1]!r}")
        body = " ".join(l.strip() for l in lines[2:]).strip()
        m = pat.match(body)
        if m:
            spk, txt = m.group(1), m.group(2)
        elif turns:
            spk, txt = turns[-1][0], body
        else:
            bad(f"{doc}: first srt cue has no speaker")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    ext = os.path.splitext(path)[1].lower()
    labs = LABELS[doc]
    if ext == ".docx":
        try:
            lines = docx_lines(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: unreadable docx ({e})")
            return None, None
        return "\n".join(lines), labelled_turns(lines, labs, doc)
    with open(path, "rb") as fh:
        text, _enc = decode(fh.read(), doc)
    if text is None:
        return None, None
    if ext == ".txt":
        return text, labelled_turns(text.splitlines(), labs, doc)
    if ext == ".vtt":
        return text, vtt_turns(text, doc)
    if ext == ".srt":
        return text, srt_turns(text, labs, doc)
    bad(f"{doc}: unknown transcript format {ext}")
    return None, None


def read_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    texts, nturns = {}, {}
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc] = text
        nturns[doc] = len(turns or [])
        il, rl = LABELS[doc]
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns):
            want = il if i % 2 == 0 else rl
            if spk != want:
                bad(f"{doc}: turn {i + 1} is by {spk!r}, expected {want!r} (alternation)")
                break
        words = sum(len(WORD.findall(t)) for _, t in turns)
        if not 1500 <= words <= 2600:
            bad(f"{doc}: {words} spoken words, outside 1500-2600")
        rturns = sum(1 for s, _ in turns if s == rl)
        if not 10 <= rturns <= 45:
            bad(f"{doc}: {rturns} respondent turns, outside 10-45")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: forbidden word {w!r} in transcript")

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
            bad(f"styles.csv: {d} has invalid style {s!r}")
        if not why.strip():
            bad(f"styles.csv: {d} has no rationale")
        if s == "onbepaald" and not re.search(r"te weinig|gemengd|mixed|too little", why, re.I):
            bad(f"styles.csv: {d} onbepaald rationale does not say which kind")
    if sorted(seen) != DOCS:
        bad(f"styles.csv: docs {sorted(seen)} != {DOCS}")
    for s, n in MIX.items():
        if list(seen.values()).count(s) != n:
            bad(f"styles.csv: {list(seen.values()).count(s)} x {s}, expected {n}")

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        d, i, o = r[0], int(r[1]), r[2]
        keys.append((d, i))
        if d not in DOCS:
            bad(f"orientation.csv: unknown doc {d}")
            continue
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: {d} {i} invalid orientation {o!r}")
        if i % 2 != 0 or i < 2 or i > nturns.get(d, 0):
            bad(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(set(keys)) != len(keys):
        bad("orientation.csv: duplicates")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    ids = set()
    count = {d: 0 for d in DOCS}
    for r in rows:
        if len(r) != 3:
            bad(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if (d, ident) in ids:
            bad(f"identifiers.csv: duplicate {d} {ident!r}")
        ids.add((d, ident))
        if d not in DOCS:
            bad(f"identifiers.csv: unknown doc {d}")
            continue
        count[d] += 1
        if typ not in TYPES:
            bad(f"identifiers.csv: {d} {ident!r} invalid type {typ}")
        if d in texts and ident not in texts[d]:
            bad(f"identifiers.csv: {d} {ident!r} does not occur verbatim in the transcript")
    for d, n in count.items():
        if n < 5:
            bad(f"identifiers.csv: {d} has only {n} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
