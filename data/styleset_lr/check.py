"""Check blind set LR from its BUILT transcripts (standard library only).

Usage: python check.py        -> prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# expected speaker labels per document (interviewer, respondent) and encoding
SPEC = {
    "lr01": dict(ext="txt", enc="cp1252", labels=("I", "R")),
    "lr02": dict(ext="docx", labels=("Interviewer", "Demi")),
    "lr03": dict(ext="docx", labels=("Interviewer", "Raaijmakers")),
    "lr04": dict(ext="vtt", enc="utf-8", labels=("Interviewer", "Ingrid Swinkels")),
    "lr05": dict(ext="srt", enc="utf-8", labels=("Interviewer", "Hans")),
    "lr06": dict(ext="txt", enc="utf-8", labels=("Spreker 1", "Spreker 2")),
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def bad(msg):
    problems.append(msg)


def decode(doc_id, raw, enc):
    if enc == "utf-8":
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            bad("%s: not valid UTF-8" % doc_id)
            return raw.decode("utf-8", "replace")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                bad("%s: expected Windows-1252 but file is valid UTF-8" % doc_id)
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("cp1252")
        except UnicodeDecodeError:
            bad("%s: not readable as Windows-1252" % doc_id)
            return raw.decode("cp1252", "replace")
    raise ValueError(enc)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t" and el.text:
                parts.append(el.text)
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def label_turns(lines, labels):
    """Lines with 'Label: text' (optionally after [hh:mm:ss]) start turns; header before."""
    pat = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?(%s):\s*(.*)$"
                     % "|".join(re.escape(l) for l in labels))
    turns = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += " " + s
    return turns


def vtt_turns(text, labels):
    turns = []
    blocks = re.split(r"\r?\n\r?\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad("vtt without WEBVTT signature")
    for b in blocks[1:]:
        lines = b.splitlines()
        if lines and lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v(?:\.[^ >]*)? ([^>]+)>(.*)$", body)
        if m:
            spk, txt = m.group(1).strip(), m.group(2)
        else:
            spk, txt = (turns[-1][0] if turns else None), body
        txt = re.sub(r"</?[^>]+>", "", txt).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def srt_turns(text, labels):
    pat = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels), re.S)
    turns = []
    for b in re.split(r"\r?\n\r?\n", text.strip()):
        lines = b.splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad("srt: malformed cue %r" % b[:40])
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if m:
            spk, txt = m.group(1), m.group(2)
        else:
            spk, txt = (turns[-1][0] if turns else None), body
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc_id, spec):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        bad("%s: expected exactly one transcript, found %s" % (doc_id, files))
        return None, []
    fn = files[0]
    ext = fn.rsplit(".", 1)[1]
    if ext != spec["ext"]:
        bad("%s: extension %s, expected %s" % (doc_id, ext, spec["ext"]))
    path = os.path.join(TDIR, fn)
    if ext == "docx":
        paras = docx_paragraphs(path)
        return "\n".join(paras), label_turns(paras, spec["labels"])
    raw = open(path, "rb").read()
    text = decode(doc_id, raw, spec["enc"])
    if ext == "txt":
        return text, label_turns(text.splitlines(), spec["labels"])
    if ext == "vtt":
        return text, vtt_turns(text, spec["labels"])
    if ext == "srt":
        return text, srt_turns(text, spec["labels"])
    bad("%s: unknown format %s" % (doc_id, ext))
    return None, []


def read_csv(name, cols):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        bad("missing %s" % name)
        return []
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        head = next(r, None)
        if head != cols:
            bad("%s: header %s, expected %s" % (name, head, cols))
        return [row for row in r if row]


def main():
    docs = {}
    for doc_id, spec in SPEC.items():
        text, turns = load(doc_id, spec)
        if text is None:
            continue
        iv, rp = spec["labels"]
        if not turns:
            bad("%s: no turns found" % doc_id)
            continue
        for i, (spk, _) in enumerate(turns):
            want = iv if i % 2 == 0 else rp
            if spk != want:
                bad("%s: turn %d is %r, expected %r (alternation, interviewer first)"
                    % (doc_id, i + 1, spk, want))
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == rp)
        if not WORDS[0] <= words <= WORDS[1]:
            bad("%s: %d spoken words, outside %s" % (doc_id, words, WORDS))
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            bad("%s: %d respondent turns, outside %s" % (doc_id, nresp, RESP_TURNS))
        docs[doc_id] = dict(text=text, turns=turns, rp=rp, words=words, nresp=nresp)

    # styles
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    got = {}
    for r in rows:
        if len(r) != 3:
            bad("styles.csv: bad row %s" % r)
            continue
        if r[0] in got:
            bad("styles.csv: duplicate %s" % r[0])
        got[r[0]] = r[1]
        if r[1] not in MIX:
            bad("styles.csv: bad style %s" % r[1])
        if not r[2].strip():
            bad("styles.csv: empty rationale for %s" % r[0])
        if r[1] == "onbepaald" and not re.search(r"mixed|too little evidence", r[2], re.I):
            bad("styles.csv: onbepaald rationale for %s does not name its kind" % r[0])
    if set(got) != set(SPEC):
        bad("styles.csv: docs %s, expected %s" % (sorted(got), sorted(SPEC)))
    for style, n in MIX.items():
        if list(got.values()).count(style) != n:
            bad("styles.csv: %d x %s, expected %d" % (list(got.values()).count(style), style, n))

    # orientation
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in docs or not r[1].isdigit():
            bad("orientation.csv: bad row %s" % r)
            continue
        if r[2] not in ("casus", "netwerk"):
            bad("orientation.csv: bad orientation %s" % r)
        k = (r[0], int(r[1]))
        keys.append(k)
        d = docs[r[0]]
        idx = k[1]
        if idx < 1 or idx > len(d["turns"]) or d["turns"][idx - 1][0] != d["rp"] or idx % 2:
            bad("orientation.csv: %s turn %d is not a respondent turn" % k)
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicates")

    # identifiers
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen, count = set(), {}
    for r in rows:
        if len(r) != 3 or r[0] not in docs:
            bad("identifiers.csv: bad row %s" % r)
            continue
        if r[2] not in TYPES:
            bad("identifiers.csv: bad type %s" % r)
        if (r[0], r[1]) in seen:
            bad("identifiers.csv: duplicate %s" % r[:2])
        seen.add((r[0], r[1]))
        count[r[0]] = count.get(r[0], 0) + 1
        if r[1] not in docs[r[0]]["text"]:
            bad("identifiers.csv: %r not found verbatim in %s" % (r[1], r[0]))
    for doc_id in docs:
        if count.get(doc_id, 0) < 5:
            bad("%s: fewer than 5 identifiers" % doc_id)

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
