#!/usr/bin/env python3
"""Check blind set FV against its brief. Standard library only; parses the BUILT transcripts.

Usage: python3 check.py      -> prints OK (exit 0) or the problems (exit 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# expected transcript per document: extension, encoding (text formats), line ending, speaker labels
# (interviewer first, respondent second)
DOCS = {
    "fv01": dict(ext="docx", labels=("Marleen", "Derya")),
    "fv02": dict(ext="vtt", enc="utf-8", labels=("Thijs Oosterveld", "Ruud Hofstede")),
    "fv03": dict(ext="txt", enc="cp1252", crlf=True, labels=("I", "R")),
    "fv04": dict(ext="srt", enc="utf-8", crlf=True, labels=("Interviewer", "Nienke")),
    "fv05": dict(ext="txt", enc="utf-8", crlf=False, labels=("Spreker 1", "Spreker 2")),
    "fv06": dict(ext="docx", labels=("Interviewer", "Respondent")),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
ONBEPAALD_KIND = "mixed"          # both onbepaald documents are the genuinely mixed kind
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
MIN_FORMATS = 4
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker\b", re.I)

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    alts = "|".join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return alts


# ------------------------------------------------------------------ parsers -> (full_text, [(speaker, text)])
def parse_docx(path, cfg, doc):
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    rx = re.compile(rf"^({label_re(cfg['labels'])}):\s*(.*)$")
    turns = []
    for ptxt in paras:
        if not ptxt.strip():
            continue
        m = rx.match(ptxt)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif turns:
            problem(f"{doc}: paragraph after the first turn without a speaker label: {ptxt[:60]!r}")
    return "\n".join(paras), turns


def read_text(path, cfg, doc):
    raw = path.read_bytes()
    enc = cfg["enc"]
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared Windows-1252 but the bytes are also valid UTF-8 (no cp1252-specific bytes)")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    if "crlf" in cfg:
        has_crlf = "\r\n" in text
        bare_lf = re.search(r"(?<!\r)\n", text) is not None
        if cfg["crlf"] and (not has_crlf or bare_lf):
            problem(f"{doc}: expected CRLF line endings throughout")
        if not cfg["crlf"] and has_crlf:
            problem(f"{doc}: expected LF line endings")
    return text.replace("\r\n", "\n")


def parse_txt(path, cfg, doc):
    text = read_text(path, cfg, doc)
    if text is None:
        return "", []
    rx = re.compile(rf"^(?:\[\d{{2}}:\d{{2}}:\d{{2}}\]\s*)?({label_re(cfg['labels'])}):\s?(.*)$")
    turns = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        m = rx.match(line)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif turns:
            problem(f"{doc}: line after the first turn without a speaker label: {line[:60]!r}")
    return text, turns


def parse_vtt(path, cfg, doc):
    text = read_text(path, cfg, doc)
    if text is None:
        return "", []
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: VTT file does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    turns = []
    labels = set(cfg["labels"])
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem(f"{doc}: VTT block without timing: {b[:50]!r}")
            continue
        if not re.match(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}", lines[ti]):
            problem(f"{doc}: bad VTT timing line {lines[ti]!r}")
        body = lines[ti + 1:]
        if not body:
            problem(f"{doc}: empty cue")
            continue
        m = re.match(r"^<v ([^>]+)>(.*)$", body[0])
        if not m:
            problem(f"{doc}: cue without voice tag: {body[0][:50]!r}")
            continue
        spk = m.group(1).strip()
        if spk not in labels:
            problem(f"{doc}: unknown voice {spk!r}")
        cue = " ".join([m.group(2)] + body[1:]).replace("</v>", "").strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + cue
        else:
            turns.append([spk, cue])
    return text, turns


def parse_srt(path, cfg, doc):
    text = read_text(path, cfg, doc)
    if text is None:
        return "", []
    blocks = re.split(r"\n\s*\n", text.strip())
    rx = re.compile(rf"^({label_re(cfg['labels'])}):\s*(.*)$", re.S)
    turns = []
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n):
            problem(f"{doc}: SRT cue {n} malformed or misnumbered")
            continue
        if not re.match(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$", lines[1].strip()):
            problem(f"{doc}: SRT cue {n} bad timing {lines[1]!r}")
        cue = " ".join(l.strip() for l in lines[2:])
        m = rx.match(cue)
        if m:
            spk, body = m.group(1), m.group(2).strip()
            if turns and turns[-1][0] == spk:
                turns[-1][1] += " " + body
            else:
                turns.append([spk, body])
        elif turns:
            turns[-1][1] += " " + cue      # continuation cue without a name
        else:
            problem(f"{doc}: first SRT cue has no speaker name")
    return text, turns


PARSERS = {"docx": parse_docx, "txt": parse_txt, "vtt": parse_vtt, "srt": parse_srt}


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        problem(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    parsed = {}
    exts = set()
    for doc, cfg in DOCS.items():
        found = sorted(TR.glob(f"{doc}.*"))
        if len(found) != 1:
            problem(f"{doc}: expected exactly one transcript, found {[p.name for p in found]}")
            continue
        path = found[0]
        ext = path.suffix[1:]
        if ext != cfg["ext"]:
            problem(f"{doc}: expected .{cfg['ext']}, found {path.name}")
            continue
        exts.add(ext)
        try:
            full, turns = PARSERS[ext](path, cfg, doc)
        except Exception as e:  # unreadable file
            problem(f"{doc}: cannot parse {path.name}: {e}")
            continue
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        # alternation, interviewer first
        ivw, resp = cfg["labels"]
        if turns[0][0] != ivw:
            problem(f"{doc}: first turn is by {turns[0][0]!r}, not the interviewer {ivw!r}")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker")
        for i, (spk, _) in enumerate(turns, 1):
            want = ivw if i % 2 else resp
            if spk != want:
                problem(f"{doc}: turn {i} by {spk!r}, expected {want!r}")
                break
        nresp = sum(1 for s, _ in turns if s == resp)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc}: {nresp} respondent turns (want {RESP_TURNS[0]}-{RESP_TURNS[1]})")
        words = sum(nwords(t) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words (want {WORDS[0]}-{WORDS[1]})")
        if FORBIDDEN.search(full):
            problem(f"{doc}: uses a forbidden label word: {FORBIDDEN.search(full).group(0)!r}")
        parsed[doc] = dict(full=full, turns=turns, resp=resp, words=words, nresp=nresp)
    if len(exts) < MIN_FORMATS:
        problem(f"only {len(exts)} transcript formats ({sorted(exts)}), want at least {MIN_FORMATS}")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        doc, style, rat = r
        if doc not in DOCS:
            problem(f"styles.csv: unknown doc {doc}")
        if doc in seen:
            problem(f"styles.csv: duplicate {doc}")
        if style not in MIX:
            problem(f"styles.csv: bad style {style!r} for {doc}")
        if not rat.strip():
            problem(f"styles.csv: empty rationale for {doc}")
        if style == "onbepaald" and ONBEPAALD_KIND not in rat.lower():
            problem(f"styles.csv: onbepaald rationale for {doc} should name the kind ({ONBEPAALD_KIND})")
        seen[doc] = style
    if set(seen) != set(DOCS):
        problem(f"styles.csv: missing {sorted(set(DOCS) - set(seen))}")
    counts = {s: list(seen.values()).count(s) for s in MIX}
    if counts != MIX:
        problem(f"styles.csv: style mix {counts}, want {MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3:
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, ori = r
        try:
            idx = int(idx)
        except ValueError:
            problem(f"orientation.csv: non-integer turn_index {r}")
            continue
        keys.append((doc, idx))
        if ori not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {ori!r} in {r}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown or unparsed doc {doc}")
            continue
        turns = parsed[doc]["turns"]
        if not 1 <= idx <= len(turns):
            problem(f"orientation.csv: {doc} turn {idx} out of range (1-{len(turns)})")
        elif turns[idx - 1][0] != parsed[doc]["resp"]:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = {}
    pairs = set()
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ!r} in {r}")
        if (doc, ident) in pairs:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        pairs.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc not in parsed:
            problem(f"identifiers.csv: unknown or unparsed doc {doc}")
            continue
        if ident not in parsed[doc]["full"]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc in DOCS:
        if per_doc.get(doc, 0) < 5:
            problem(f"identifiers.csv: {doc} has {per_doc.get(doc, 0)} identifiers (want at least 5)")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
