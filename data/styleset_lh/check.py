"""Check setLH: parses the BUILT transcripts (not src/) and the three csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
from xml.etree import ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOC_IDS = ["lh01", "lh02", "lh03", "lh04", "lh05", "lh06"]
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
# expected extension, encoding, interviewer label, respondent label
SPEC = {
    "lh01": (".docx", "utf-8", "Interviewer", "Respondent"),
    "lh02": (".txt", "cp1252", "I", "R"),
    "lh03": (".vtt", "utf-8", "Lotte van Rijn", "Respondent"),
    "lh04": (".srt", "utf-8", "INT", "Delano"),
    "lh05": (".txt", "utf-8", "Spreker 1", "Spreker 2"),
    "lh06": (".docx", "utf-8", "Sophie", "Yvonne"),
}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "ik ben een netwerker",
             "meer van de casus"]
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W_NS + "t")))
    return paras


def label_turns(lines, ilabel, rlabel, doc):
    """Lines 'Label: text'; lines before the first turn are header. Returns (header, turns)."""
    header, turns = [], []
    pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s+)?(%s|%s):\s+(.*)$"
                     % (re.escape(ilabel), re.escape(rlabel)))
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            turns.append(["I" if m.group(1) == ilabel else "R", m.group(2)])
        elif not turns:
            header.append(s)
        else:
            problem(f"{doc}: line outside any turn: {s[:60]!r}")
    return header, turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text) if b.strip()]


def parse_vtt(text, ilabel, rlabel, doc):
    blocks = cue_blocks(text)
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: no WEBVTT signature")
        return [], []
    header, segs = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            continue
        i = 0
        if "-->" not in lines[0]:
            i = 1
        if i >= len(lines) or "-->" not in lines[i]:
            problem(f"{doc}: malformed cue {b[:40]!r}")
            continue
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m:
            problem(f"{doc}: cue without voice tag {body[:40]!r}")
            continue
        who = m.group(1).strip()
        if who not in (ilabel, rlabel):
            problem(f"{doc}: unknown voice {who!r}")
            continue
        segs.append(("I" if who == ilabel else "R", re.sub(r"</?[a-z][^>]*>", "", m.group(2))))
    return header, merge(segs)


def parse_srt(text, ilabel, rlabel, doc):
    segs = []
    pat = re.compile(r"^(%s|%s):\s+(.*)$" % (re.escape(ilabel), re.escape(rlabel)))
    for b in cue_blocks(text):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue {b[:40]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if not m:
            problem(f"{doc}: srt cue without speaker {body[:40]!r}")
            continue
        segs.append(("I" if m.group(1) == ilabel else "R", m.group(2)))
    return [], merge(segs)


def merge(segs):
    turns = []
    for who, text in segs:
        if turns and turns[-1][0] == who:
            turns[-1][1] += " " + text
        else:
            turns.append([who, text])
    return turns


def load(doc):
    ext, enc, il, rl = SPEC[doc]
    found = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc]
    if len(found) != 1:
        problem(f"{doc}: expected one transcript, found {found}")
        return None
    if not found[0].endswith(ext):
        problem(f"{doc}: expected {ext}, found {found[0]}")
        return None
    path = os.path.join(TR, found[0])
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            problem(f"{doc}: unreadable docx: {e}")
            return None
        header, turns = label_turns(paras, il, rl, doc)
        full = "\n".join(paras)
    else:
        raw = open(path, "rb").read()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc}: not readable as {enc}: {e}")
            return None
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                problem(f"{doc}: claimed Windows-1252 but is also valid UTF-8 (no non-ASCII?)")
            except UnicodeDecodeError:
                pass
            if b"\r\n" not in raw or re.search(rb"[^\r]\n", raw):
                problem(f"{doc}: expected CRLF line endings throughout")
        if text.startswith("\ufeff"):
            text = text[1:]
        text = text.replace("\r\n", "\n")
        if ext == ".vtt":
            header, turns = parse_vtt(text, il, rl, doc)
        elif ext == ".srt":
            header, turns = parse_srt(text, il, rl, doc)
        else:
            header, turns = label_turns(text.split("\n"), il, rl, doc)
        full = text
    # searchable text: all turn texts joined, plus header and raw text (labels included)
    flat = " ".join(t for _, t in turns)
    return dict(header=header, turns=turns, full=full, flat=flat)


def main():
    docs = {}
    for doc in DOC_IDS:
        d = load(doc)
        if d is None:
            continue
        docs[doc] = d
        turns = d["turns"]
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        for n, (who, _) in enumerate(turns, start=1):
            want = "I" if n % 2 == 1 else "R"
            if who != want:
                problem(f"{doc}: turn {n} is {who}, expected {want} (alternation)")
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for w, _ in turns if w == "R")
        d["words"], d["nresp"] = words, nresp
        if not 1500 <= words <= 2600:
            problem(f"{doc}: {words} spoken words, outside 1500-2600")
        if not 10 <= nresp <= 45:
            problem(f"{doc}: {nresp} respondent turns, outside 10-45")
        low = (d["full"] + " " + d["flat"]).lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden wording {w!r}")
        if any(re.match(r"^[A-Za-z][\w .]{0,25}:\s", h) and not re.match(
                r"^(Datum|Respondent|Interviewer|Duur|Locatie):", h) for h in d["header"]):
            problem(f"{doc}: a header line looks like a speaker turn")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOC_IDS:
        problem(f"styles.csv doc ids {ids}")
    mix = {}
    for r in rows:
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")
    if mix != WANT_MIX:
        problem(f"styles.csv mix {mix}, want {WANT_MIX}")
    onb = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if not (any("mixed" in r for r in onb) and any("too little evidence" in r for r in onb)):
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problem("orientation.csv not sorted")
    if len(set(keys)) != len(keys):
        problem("orientation.csv has duplicates")
    for r in orows:
        doc, n, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad orientation {o!r}")
        if doc not in docs:
            problem(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc]["turns"]
        if not 1 <= n <= len(turns) or turns[n - 1][0] != "R":
            problem(f"orientation.csv: {doc} turn {n} is not a respondent turn")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    seen = set()
    per_doc = {}
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problem(f"identifiers.csv: bad type {typ}")
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] = per_doc.get(doc, 0) + 1
        if doc not in docs:
            problem(f"identifiers.csv: unknown doc {doc}")
            continue
        if ident not in docs[doc]["full"] and ident not in docs[doc]["flat"]:
            problem(f"identifiers.csv: {doc} {ident!r} not found verbatim")
    for doc in DOC_IDS:
        if per_doc.get(doc, 0) < 5:
            problem(f"{doc}: fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
