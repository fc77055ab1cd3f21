#!/usr/bin/env python3
"""Check the setnq blind set. Standard library only.

Parses the BUILT transcripts in transcripts/ (not src/) and checks:
one readable transcript per doc, strictly alternating turns starting with the
interviewer, orientation rows pointing at respondent turns, identifiers
occurring verbatim, styles.csv complete with the requested mix, word and
turn ranges, format variety, and absence of the label words.
Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

# per document: file extension, encoding, speaker labels per role, expected format details
DOCS = {
    "nq01": dict(ext="docx", I=["Interviewer"], R=["Respondent"], bold=True),
    "nq02": dict(ext="txt", enc="cp1252", crlf=True, I=["I"], R=["R"]),
    "nq03": dict(ext="vtt", I=["Daan Hulshof"], R=["Lotte Brinkhuis"]),
    "nq04": dict(ext="srt", crlf=True, I=["Femke"], R=["Mehmet"]),
    "nq05": dict(ext="txt", enc="utf-8", crlf=False, ts=True, I=["Spreker 1"], R=["Spreker 2"]),
    "nq06": dict(ext="docx", I=["Ilse"], R=["Rouwhorst"], bold=False),
}
# speaker labels that are person names (must be listed as PERSOON)
NAME_LABELS = {"nq03": ["Daan Hulshof", "Lotte Brinkhuis"], "nq04": ["Femke", "Mehmet"],
               "nq06": ["Ilse", "Rouwhorst"]}
MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
ONBEPAALD_KIND = {"nq05": "mixed"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD_MIN, WORD_MAX = 1500, 2600
RTURN_MIN, RTURN_MAX = 10, 45
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def role_of(cfg, name):
    if name in cfg["I"]:
        return "I"
    if name in cfg["R"]:
        return "R"
    return None


def label_re(cfg):
    labels = sorted(cfg["I"] + cfg["R"], key=len, reverse=True)
    return re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in labels), re.S)


# ---------------- parsers: return (units, header, segments) -----------------
# units: raw text lines/paragraphs (for verbatim identifier search)
# segments: list of (role, text) before merging

def parse_docx(doc, cfg, path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    body = root.find(W + "body")
    units, header, segs = [], [], []
    lre = label_re(cfg)
    for p in body.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            txt = ""
            for el in r:
                if el.tag == W + "t":
                    txt += el.text or ""
                elif el.tag == W + "tab":
                    txt += "\t"
                elif el.tag in (W + "br", W + "cr"):
                    txt += "\n"
            rpr = r.find(W + "rPr")
            bold = False
            if rpr is not None:
                b = rpr.find(W + "b")
                bold = b is not None and b.get(W + "val", "true") not in ("0", "false")
            runs.append((txt, bold))
        text = "".join(t for t, _ in runs)
        if not text.strip():
            continue
        units.append(text)
        m = lre.match(text.strip())
        if m:
            role = role_of(cfg, m.group(1))
            if cfg.get("bold") is not None:
                first = next(((t, b) for t, b in runs if t.strip()), ("", False))
                if first[1] != cfg["bold"]:
                    problem("%s: speaker label bold=%s, expected %s: %r" % (doc, first[1], cfg["bold"], text[:40]))
            segs.append((role, m.group(2)))
        elif segs:
            segs.append((segs[-1][0], text, True))
        else:
            header.append(text)
    return units, header, segs


def read_text(doc, cfg, path):
    raw = open(path, "rb").read()
    enc = cfg.get("enc", "utf-8")
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem("%s: not readable as %s: %s" % (doc, enc, e))
        text = raw.decode(enc, errors="replace")
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(b > 127 for b in raw):
                problem("%s: declared Windows-1252 but decodes as UTF-8" % doc)
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    if cfg.get("crlf") is True and ("\n" in text.replace("\r\n", "")):
        problem("%s: expected CRLF line endings throughout" % doc)
    if cfg.get("crlf") is False and "\r" in text:
        problem("%s: expected LF line endings" % doc)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_txt(doc, cfg, path):
    text = read_text(doc, cfg, path)
    lre = label_re(cfg)
    units, header, segs = [], [], []
    for line in text.split("\n"):
        if not line.strip():
            continue
        units.append(line)
        body = line.strip()
        if cfg.get("ts"):
            m = re.match(r"^\[(\d\d):([0-5]\d):([0-5]\d)\]\s+(.*)$", body)
            if m:
                body = m.group(4)
            elif segs or lre.match(body):
                problem("%s: turn line without [hh:mm:ss] timestamp: %r" % (doc, line[:40]))
        m = lre.match(body)
        if m:
            segs.append((role_of(cfg, m.group(1)), m.group(2)))
        elif segs:
            segs.append((segs[-1][0], body, True))
        else:
            header.append(line)
    return units, header, segs


TIME_VTT = re.compile(r"^(\d\d:)?\d\d:\d\d\.\d{3} --> (\d\d:)?\d\d:\d\d\.\d{3}")
TIME_SRT = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")


def parse_vtt(doc, cfg, path):
    text = read_text(doc, cfg, path)
    lines = text.split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        problem("%s: VTT does not start with WEBVTT" % doc)
    units = [l for l in lines if l.strip()]
    header, segs = [], []
    blocks = re.split(r"\n\s*\n", "\n".join(lines[1:]))
    cur = None
    for b in blocks:
        bl = [l for l in b.split("\n") if l.strip()]
        if not bl:
            continue
        if bl[0].startswith("NOTE"):
            rest = bl[0][4:].strip()
            header.extend(([rest] if rest else []) + bl[1:])
            continue
        ti = next((i for i, l in enumerate(bl) if "-->" in l), None)
        if ti is None:
            problem("%s: VTT block without timing: %r" % (doc, bl[0][:40]))
            continue
        if not TIME_VTT.match(bl[ti]):
            problem("%s: bad VTT timing %r" % (doc, bl[ti]))
        cue = " ".join(bl[ti + 1:])
        m = re.match(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$", cue)
        if m:
            cur = m.group(1).strip()
            cue = m.group(2)
        elif cur is None:
            problem("%s: first cue without voice tag" % doc)
        cue = re.sub(r"</?[^>]+>", "", cue).strip()
        role = role_of(cfg, cur)
        if role is None:
            problem("%s: unknown voice %r" % (doc, cur))
        segs.append((role, cue))
    return units, header, segs


def parse_srt(doc, cfg, path):
    text = read_text(doc, cfg, path)
    units = [l for l in text.split("\n") if l.strip()]
    segs = []
    n_expected = 1
    lre = re.compile(r"^(%s):\s*(.*)$" % "|".join(re.escape(l) for l in cfg["I"] + cfg["R"]), re.S)
    for b in re.split(r"\n\s*\n", text.strip()):
        bl = [l for l in b.split("\n") if l.strip()]
        if len(bl) < 3:
            problem("%s: short SRT block %r" % (doc, b[:40]))
            continue
        if bl[0].strip() != str(n_expected):
            problem("%s: SRT cue number %r, expected %d" % (doc, bl[0], n_expected))
        n_expected += 1
        if not TIME_SRT.match(bl[1].strip()):
            problem("%s: bad SRT timing %r" % (doc, bl[1]))
        cue = " ".join(l.strip() for l in bl[2:])
        m = lre.match(cue)
        if m:
            segs.append((role_of(cfg, m.group(1)), m.group(2)))
        elif segs:
            segs.append((segs[-1][0], cue))
        else:
            problem("%s: first SRT cue without speaker" % doc)
    return units, [], segs


def merge(segs, cues):
    """cue formats: consecutive cues of one speaker form one turn.
    label formats: every labelled line/paragraph starts a turn; unlabelled lines continue it."""
    turns = []
    for seg in segs:
        role, text = seg[0], seg[1]
        cont = seg[2] if len(seg) > 2 else False
        if turns and ((cues and turns[-1][0] == role) or cont):
            turns[-1] = (role, turns[-1][1] + " " + text)
        else:
            turns.append((role, text))
    return turns


def count_words(text, drop_stage=False):
    if drop_stage:
        text = re.sub(r"\([^)]*\)", " ", text)
    return sum(1 for t in text.split() if re.search(r"\w", t))


def main():
    if not os.path.isdir(TDIR):
        print("no transcripts/ folder")
        sys.exit(1)
    files = sorted(os.listdir(TDIR))
    parsed = {}
    signatures = set()
    for f in files:
        if f.split(".")[0] not in DOCS:
            problem("unexpected file in transcripts/: %s" % f)
    for doc, cfg in DOCS.items():
        mine = [f for f in files if f.split(".")[0] == doc]
        if len(mine) != 1:
            problem("%s: expected exactly one transcript, found %s" % (doc, mine))
            continue
        fn = mine[0]
        if not fn.endswith("." + cfg["ext"]):
            problem("%s: extension of %s, expected .%s" % (doc, fn, cfg["ext"]))
            continue
        path = os.path.join(TDIR, fn)
        ext = cfg["ext"]
        try:
            if ext == "docx":
                units, header, segs = parse_docx(doc, cfg, path)
                sig = "docx-bold" if cfg.get("bold") else "docx-plain"
            elif ext == "txt":
                units, header, segs = parse_txt(doc, cfg, path)
                sig = "txt-%s-%s" % (cfg["enc"], "timestamps" if cfg.get("ts") else "labels")
            elif ext == "vtt":
                units, header, segs = parse_vtt(doc, cfg, path)
                sig = "vtt"
            elif ext == "srt":
                units, header, segs = parse_srt(doc, cfg, path)
                sig = "srt"
        except Exception as e:  # unreadable file
            problem("%s: cannot parse %s: %s" % (doc, fn, e))
            continue
        signatures.add(sig)
        if any(sg[0] is None for sg in segs):
            problem("%s: segment with unknown speaker" % doc)
        turns = merge(segs, ext in ("vtt", "srt"))
        for i, (role, _) in enumerate(turns, 1):
            want = "I" if i % 2 else "R"
            if role != want:
                problem("%s: turn %d is %s, expected %s (turns must alternate, interviewer first)" % (doc, i, role, want))
                break
        for h in header:
            if re.match(r"^[A-Z][\w .'-]{0,30}:\s", h) and not re.match(
                    r"^(Respondent|Datum|Duur|Interviewer|Locatie|Opname|Sprekers?)\b", h):
                problem("%s: header line looks like a speaker turn: %r" % (doc, h[:50]))
        words = [count_words(t) for _, t in turns]
        words_ns = [count_words(t, True) for _, t in turns]
        total, total_ns = sum(words), sum(words_ns)
        if not (WORD_MIN <= total_ns and total <= WORD_MAX):
            problem("%s: %d spoken words (%d without stage directions), range %d-%d" % (doc, total, total_ns, WORD_MIN, WORD_MAX))
        nr = sum(1 for r, _ in turns if r == "R")
        if not (RTURN_MIN <= nr <= RTURN_MAX):
            problem("%s: %d respondent turns, range %d-%d" % (doc, nr, RTURN_MIN, RTURN_MAX))
        alltext = "\n".join(units)
        if FORBIDDEN.search(alltext):
            problem("%s: transcript contains a style label word: %r" % (doc, FORBIDDEN.search(alltext).group(0)))
        parsed[doc] = dict(turns=turns, units=units, words=total, rturns=nr, fmt=sig)
    if len(signatures) < 4:
        problem("only %d different formats: %s" % (len(signatures), sorted(signatures)))

    # ---- styles.csv
    try:
        with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if rows and list(rows[0].keys()) != ["doc_id", "style", "rationale"]:
            problem("styles.csv: header must be doc_id,style,rationale")
        seen = {}
        for r in rows:
            d = r.get("doc_id")
            if d in seen:
                problem("styles.csv: duplicate %s" % d)
            seen[d] = r.get("style")
            if d not in DOCS:
                problem("styles.csv: unknown doc %s" % d)
            if r.get("style") not in MIX:
                problem("styles.csv: bad style %r for %s" % (r.get("style"), d))
            rat = (r.get("rationale") or "").strip()
            if not rat:
                problem("styles.csv: empty rationale for %s" % d)
            if r.get("style") == "onbepaald":
                kind = ONBEPAALD_KIND.get(d, "")
                if not re.search(r"mixed|too little evidence", rat, re.I):
                    problem("styles.csv: onbepaald rationale for %s must say which kind" % d)
                elif kind and kind not in rat.lower():
                    problem("styles.csv: %s should be onbepaald (%s)" % (d, kind))
        missing = set(DOCS) - set(seen)
        if missing:
            problem("styles.csv: missing %s" % sorted(missing))
        counts = {s: sum(1 for v in seen.values() if v == s) for s in MIX}
        if counts != MIX:
            problem("styles.csv: mix %s, requested %s" % (counts, MIX))
    except FileNotFoundError:
        problem("styles.csv missing")

    # ---- orientation.csv
    try:
        with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
            rd = csv.reader(f)
            head = next(rd, None)
            rows = list(rd)
        if head != ["doc_id", "turn_index", "orientation"]:
            problem("orientation.csv: header must be doc_id,turn_index,orientation")
        keys = []
        for r in rows:
            if len(r) != 3:
                problem("orientation.csv: bad row %r" % r)
                continue
            d, ti, o = r
            if o not in ("casus", "netwerk"):
                problem("orientation.csv: bad orientation %r" % o)
            try:
                ti = int(ti)
            except ValueError:
                problem("orientation.csv: bad turn_index %r" % r[1])
                continue
            keys.append((d, ti))
            if d not in parsed:
                problem("orientation.csv: unknown or unparsed doc %s" % d)
                continue
            turns = parsed[d]["turns"]
            if not (1 <= ti <= len(turns)):
                problem("orientation.csv: %s turn %d out of range (1-%d)" % (d, ti, len(turns)))
            elif turns[ti - 1][0] != "R":
                problem("orientation.csv: %s turn %d is not a respondent turn" % (d, ti))
        if keys != sorted(keys):
            problem("orientation.csv: rows not sorted")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
        per = {d: [k for k in keys if k[0] == d] for d in DOCS}
        for d, ks in per.items():
            if not ks:
                problem("orientation.csv: no rows for %s" % d)
    except FileNotFoundError:
        problem("orientation.csv missing")

    # ---- identifiers.csv
    try:
        with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
            rd = csv.reader(f)
            head = next(rd, None)
            rows = list(rd)
        if head != ["doc_id", "identifier", "type"]:
            problem("identifiers.csv: header must be doc_id,identifier,type")
        seen = set()
        per = {d: 0 for d in DOCS}
        persons = {d: set() for d in DOCS}
        for r in rows:
            if len(r) != 3:
                problem("identifiers.csv: bad row %r" % r)
                continue
            d, ident, typ = r
            if typ not in TYPES:
                problem("identifiers.csv: bad type %r" % typ)
            if (d, ident) in seen:
                problem("identifiers.csv: duplicate %s %r" % (d, ident))
            seen.add((d, ident))
            if d not in parsed:
                problem("identifiers.csv: unknown or unparsed doc %s" % d)
                continue
            per[d] += 1
            if typ == "PERSOON":
                persons[d].add(ident)
            if ident != ident.strip() or not ident:
                problem("identifiers.csv: %s identifier with surrounding space %r" % (d, ident))
            if not any(ident in u for u in parsed[d]["units"]):
                problem("identifiers.csv: %s %r does not occur verbatim (within one line/paragraph)" % (d, ident))
        for d, n in per.items():
            if d in parsed and n < 5:
                problem("identifiers.csv: only %d identifiers for %s" % (n, d))
        for d, names in NAME_LABELS.items():
            for nm in names:
                if nm not in persons[d]:
                    problem("identifiers.csv: speaker label %r of %s not listed as PERSOON" % (nm, d))
    except FileNotFoundError:
        problem("identifiers.csv missing")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    if "-v" in sys.argv[1:]:
        for d in sorted(parsed):
            p = parsed[d]
            print("%s %-22s %5d words %3d respondent turns" % (d, p["fmt"], p["words"], p["rturns"]))
    print("OK")


if __name__ == "__main__":
    main()
