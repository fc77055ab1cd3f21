"""Check set ms: parses the BUILT transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems (exit status 1).
Run from anywhere:  python3 check.py
"""
import csv
import html
import os
import re
import sys
import zipfile
from collections import Counter

BASE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(BASE, "transcripts")
DOCS = ["ms%02d" % i for i in range(1, 7)]
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
# the interviewer's speaker label in each transcript (the interviewer must speak first)
INTERVIEWER = {"ms01": "I", "ms02": "Interviewer", "ms03": "Sanne Bakker", "ms04": "Marleen",
               "ms05": "Spreker 1", "ms06": "Pieter"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "casusgerichte", "netwerkgerichte"]
STAGE = re.compile(r"\((?:lacht|stilte|zucht)[^)]*\)|\[onverstaanbaar\]", re.I)
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*", re.U)

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ reading
def decode(raw, name):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        try:
            return raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            problem("%s: neither UTF-8 nor Windows-1252" % name)
            return raw.decode("latin-1"), "?"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, re.S)
        paras.append(html.unescape("".join(texts)))
    return paras


LABEL = re.compile(r"^([A-Z][\w .'\-]{0,40}?):\s")


def parse_labelled(lines):
    """Lines/paragraphs with 'Label: text'; header = lines before the first turn."""
    counts = Counter(m.group(1) for m in (LABEL.match(l) for l in lines) if m)
    speakers = {lab for lab, c in counts.items() if c >= 3}
    turns, header = [], []
    for l in lines:
        m = LABEL.match(l)
        if m and m.group(1) in speakers:
            turns.append([m.group(1), l[m.end():].strip()])
        elif turns:
            if l.strip():
                turns[-1][1] += " " + l.strip()
        elif l.strip():
            header.append(l)
    return turns, header


def parse_ts(lines):
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] ([^:]{1,40}):\s*(.*)$")
    turns, header, last = [], [], -1
    for l in lines:
        m = pat.match(l)
        if m:
            t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if t < last:
                problem("timestamps go backwards at %s" % l[:20])
            last = t
            turns.append([m.group(4), m.group(5).strip()])
        elif turns:
            if l.strip():
                turns[-1][1] += " " + l.strip()
        elif l.strip():
            header.append(l)
    return turns, header


TIMING = re.compile(r"^(\d\d):(\d\d):(\d\d)[.,](\d{3}) --> (\d\d):(\d\d):(\d\d)[.,](\d{3})")


def secs(g):
    return int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2]) + int(g[3]) / 1000.0


def parse_vtt(text, name):
    blocks = re.split(r"\n\s*\n", text.strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem("%s: does not start with WEBVTT" % name)
    turns, header, last = [], [], -1.0
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += lines[1:] if lines[0].strip() == "NOTE" else [lines[0][4:].strip()] + lines[1:]
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            problem("%s: block without timing: %r" % (name, b[:40]))
            continue
        m = TIMING.match(lines[ti])
        if not m:
            problem("%s: bad timing line %r" % (name, lines[ti]))
            continue
        a, z = secs(m.groups()[:4]), secs(m.groups()[4:])
        if z <= a or a < last:
            problem("%s: timing not increasing at %s" % (name, lines[ti]))
        last = z
        body = " ".join(lines[ti + 1:])
        v = re.match(r"<v(?:\.[\w.]+)? ([^>]+)>", body)
        spk = v.group(1).strip() if v else (turns[-1][0] if turns else None)
        txt = re.sub(r"</?v[^>]*>|</?[biuc][^>]*>", "", body).strip()
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns, header


def parse_srt(text, name):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    last, expect = -1.0, 1
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            problem("%s: malformed cue %r" % (name, b[:40]))
            continue
        if int(lines[0]) != expect:
            problem("%s: cue number %s, expected %d" % (name, lines[0], expect))
        expect = int(lines[0]) + 1
        m = TIMING.match(lines[1])
        if not m:
            problem("%s: bad timing %r" % (name, lines[1]))
            continue
        a, z = secs(m.groups()[:4]), secs(m.groups()[4:])
        if z <= a or a < last:
            problem("%s: timing not increasing at cue %s" % (name, lines[0]))
        last = z
        cues.append(" ".join(l.strip() for l in lines[2:]))
    counts = Counter(m.group(1) for m in (LABEL.match(c) for c in cues) if m)
    speakers = {lab for lab, c in counts.items() if c >= 3}
    turns = []
    for c in cues:
        m = LABEL.match(c)
        if m and m.group(1) in speakers:
            if turns and turns[-1][0] == m.group(1):
                turns[-1][1] += " " + c[m.end():]
            else:
                turns.append([m.group(1), c[m.end():]])
        elif turns:
            turns[-1][1] += " " + c
        else:
            problem("%s: first cue has no speaker" % name)
    return turns, []


def load(doc):
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem("%s: expected exactly one transcript, found %s" % (doc, files))
        return None
    f = files[0]
    path = os.path.join(TR, f)
    ext = f.rsplit(".", 1)[1]
    info = {"file": f, "ext": ext}
    if ext == "docx":
        paras = docx_paragraphs(path)
        with zipfile.ZipFile(path) as z:
            bold = "<w:b/>" in z.read("word/document.xml").decode("utf-8")
        info["kind"] = "docx-bold" if bold else "docx-plain"
        info["text"] = "\n".join(paras)
        turns, header = parse_labelled(paras)
    else:
        raw = open(path, "rb").read()
        text, enc = decode(raw, f)
        crlf = b"\r\n" in raw
        text = text.replace("\r\n", "\n")
        info["text"] = text
        lines = text.split("\n")
        if ext == "txt":
            if any(re.match(r"^\[\d\d:\d\d:\d\d\] ", l) for l in lines):
                info["kind"] = "txt-timestamps-" + enc
                turns, header = parse_ts(lines)
            else:
                info["kind"] = "txt-labels-" + enc + ("-crlf" if crlf else "")
                turns, header = parse_labelled(lines)
        elif ext == "vtt":
            info["kind"] = "vtt"
            turns, header = parse_vtt(text, f)
        elif ext == "srt":
            info["kind"] = "srt" + ("-crlf" if crlf else "")
            turns, header = parse_srt(text, f)
        else:
            problem("%s: unknown extension %s" % (doc, ext))
            return None
    info["turns"] = turns
    info["header"] = header
    return info


# ------------------------------------------------------------------ checks
def main():
    if not os.path.isdir(TR):
        print("no transcripts/ folder")
        sys.exit(1)
    extra = [f for f in os.listdir(TR) if os.path.splitext(f)[0] not in DOCS]
    if extra:
        problem("unexpected files in transcripts/: %s" % extra)
    docs = {}
    for d in DOCS:
        info = load(d)
        if not info:
            continue
        docs[d] = info
        turns = info["turns"]
        spk = [t[0] for t in turns]
        if len(set(spk)) != 2:
            problem("%s: expected 2 speakers, found %s" % (d, sorted(set(spk), key=str)))
        if not spk or spk[0] != INTERVIEWER[d]:
            problem("%s: first turn is not the interviewer (%r)" % (d, spk[:1]))
        for i in range(1, len(spk)):
            if spk[i] == spk[i - 1]:
                problem("%s: turns %d and %d have the same speaker" % (d, i, i + 1))
        for i, s in enumerate(spk):
            if (s == INTERVIEWER[d]) != (i % 2 == 0):
                problem("%s: turn %d does not alternate" % (d, i + 1))
                break
        nres = sum(1 for s in spk if s != INTERVIEWER[d])
        if not 10 <= nres <= 45:
            problem("%s: %d respondent turns (10-45 required)" % (d, nres))
        spoken = " ".join(t[1] for t in turns)
        w_all = len(WORD.findall(spoken))
        w_clean = len(WORD.findall(STAGE.sub(" ", spoken)))
        info["words"], info["words_clean"], info["nres"] = w_all, w_clean, nres
        for w in (w_all, w_clean):
            if not 1500 <= w <= 2600:
                problem("%s: %d spoken words (1500-2600 required)" % (d, w))
        for h in info["header"]:
            m = LABEL.match(h)
            if m and m.group(1) in set(spk):
                problem("%s: header line looks like a turn: %r" % (d, h))
        low = info["text"].lower()
        for fw in FORBIDDEN:
            if fw in low:
                problem("%s: forbidden word %r in transcript" % (d, fw))
    kinds = {i["kind"] for i in docs.values()}
    base_kinds = {k.split("-")[0] + ("-ts" if "timestamps" in k else "") for k in kinds}
    if len(base_kinds) < 4:
        problem("fewer than four different transcript formats: %s" % sorted(kinds))

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(BASE, "styles.csv"), encoding="utf-8")))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != DOCS:
            problem("styles.csv: doc ids %s" % ids)
        mix = Counter(r["style"] for r in rows)
        if dict(mix) != MIX:
            problem("styles.csv: style mix %s, expected %s" % (dict(mix), MIX))
        for r in rows:
            if not r.get("rationale", "").strip():
                problem("styles.csv: empty rationale for %s" % r["doc_id"])
            if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
                problem("styles.csv: onbepaald rationale for %s does not say which kind" % r["doc_id"])
    except (OSError, KeyError) as e:
        problem("styles.csv: %s" % e)

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(BASE, "orientation.csv"), encoding="utf-8")))
        keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
        if keys != sorted(keys):
            problem("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
        for r in rows:
            d, n, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            if o not in ("casus", "netwerk"):
                problem("orientation.csv: bad orientation %r" % o)
            if d not in docs:
                problem("orientation.csv: unknown doc %s" % d)
                continue
            turns = docs[d]["turns"]
            if n < 1 or n > len(turns) or n % 2 != 0 or turns[n - 1][0] == INTERVIEWER[d]:
                problem("orientation.csv: %s turn %d is not a respondent turn" % (d, n))
        per = Counter(k[0] for k in keys)
        for d in DOCS:
            if per[d] == 0:
                problem("orientation.csv: no rows for %s" % d)
    except (OSError, KeyError, ValueError) as e:
        problem("orientation.csv: %s" % e)

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(BASE, "identifiers.csv"), encoding="utf-8")))
        keys = [(r["doc_id"], r["identifier"]) for r in rows]
        if len(keys) != len(set(keys)):
            problem("identifiers.csv: duplicate rows %s" % [k for k, c in Counter(keys).items() if c > 1])
        for r in rows:
            d, s, t = r["doc_id"], r["identifier"], r["type"]
            if t not in TYPES:
                problem("identifiers.csv: bad type %r" % t)
            if d not in docs:
                problem("identifiers.csv: unknown doc %s" % d)
            elif s not in docs[d]["text"]:
                problem("identifiers.csv: %s: %r does not occur verbatim" % (d, s))
        per = Counter(k[0] for k in keys)
        for d in DOCS:
            if per[d] < 5:
                problem("identifiers.csv: only %d identifiers for %s" % (per[d], d))
    except (OSError, KeyError) as e:
        problem("identifiers.csv: %s" % e)

    if "-v" in sys.argv:
        for d, i in docs.items():
            print("%s %-28s words=%d (without stage directions %d) respondent_turns=%d" % (
                d, i["kind"], i["words"], i["words_clean"], i["nres"]))
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
