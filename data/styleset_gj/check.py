"""Check set GJ from the built transcripts (standard library only).

Run from anywhere: python3 check.py
Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
from collections import Counter
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc_id: (extension, encoding, interviewer label, respondent label, line ending)
DOCS = {
    "gj01": ("docx", None, "Femke", "Rik", None),
    "gj02": ("docx", None, "Interviewer", "Respondent", None),
    "gj03": ("txt", "cp1252", "I", "R", "\r\n"),
    "gj04": ("txt", "utf-8", "Spreker 1", "Spreker 2", "\n"),
    "gj05": ("vtt", "utf-8", "Femke Roelofs", "Dinie Hulshof", "\n"),
    "gj06": ("srt", "utf-8", "Daan", "Joost", "\r\n"),
}
MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = ("casusgericht", "netwerkgericht", "regiestijl")

problems = []


def problem(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(unescape("".join(texts)))
    return paras


def line_turns(doc, lines, ilabel, rlabel, ts=False):
    """Turns from label-per-paragraph formats; lines before the first turn are header."""
    pre = r"\[\d\d:\d\d:\d\d\] " if ts else ""
    rx = re.compile(rf"^{pre}({re.escape(ilabel)}|{re.escape(rlabel)}): (.+)$")
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            started = True
            turns.append(("I" if m.group(1) == ilabel else "R", m.group(2)))
        elif started:
            problem(f"{doc}: line after the first turn is not a turn: {s[:60]!r}")
    return turns


def merge(turns):
    out = []
    for who, text in turns:
        if out and out[-1][0] == who:
            out[-1] = (who, out[-1][1] + " " + text)
        else:
            out.append((who, text))
    return out


def vtt_turns(doc, text, ilabel, rlabel):
    if not text.startswith("WEBVTT"):
        problem(f"{doc}: missing WEBVTT signature")
    turns = []
    blocks = re.split(r"\n\s*\n", text.strip())
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            problem(f"{doc}: cue without timing: {b[:50]!r}")
            continue
        body = " ".join(lines[idx + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            problem(f"{doc}: cue without voice tag: {body[:50]!r}")
            continue
        name = m.group(1)
        if name not in (ilabel, rlabel):
            problem(f"{doc}: unknown voice {name!r}")
            continue
        turns.append(("I" if name == ilabel else "R", m.group(2)))
    return merge(turns)


def srt_turns(doc, text, ilabel, rlabel):
    turns = []
    rx = re.compile(rf"^({re.escape(ilabel)}|{re.escape(rlabel)}): (.+)$", re.S)
    for b in re.split(r"\n\s*\n", text.strip()):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed srt cue: {b[:50]!r}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if not m:
            problem(f"{doc}: srt cue without speaker name: {body[:50]!r}")
            continue
        turns.append(("I" if m.group(1) == ilabel else "R", m.group(2)))
    return merge(turns)


def load(doc):
    ext, enc, il, rl, eol = DOCS[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None, []
    path = files[0]
    if path.suffix != "." + ext:
        problem(f"{doc}: expected .{ext}, found {path.name}")
        return None, []
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: cannot read docx: {e}")
            return None, []
        return "\n".join(paras), line_turns(doc, paras, il, rl)
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {enc}: {e}")
        return None, []
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            if any(ord(c) > 127 for c in text):
                problem(f"{doc}: declared Windows-1252 but decodes as UTF-8")
        except UnicodeDecodeError:
            pass
    if eol == "\r\n" and ("\r\n" not in text or re.search(r"(?<!\r)\n", text)):
        problem(f"{doc}: expected CRLF line endings throughout")
    if eol == "\n" and "\r" in text:
        problem(f"{doc}: unexpected CR characters")
    text = text.replace("\r\n", "\n")
    if ext == "txt":
        return text, line_turns(doc, text.split("\n"), il, rl, ts=(doc == "gj04"))
    if ext == "vtt":
        return text, vtt_turns(doc, text, il, rl)
    return text, srt_turns(doc, text, il, rl)


def main():
    texts, turns_by_doc = {}, {}
    for doc in DOCS:
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc], turns_by_doc[doc] = text, turns
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (who, _) in enumerate(turns, 1):
            if who != ("I" if i % 2 else "R"):
                problem(f"{doc}: turn {i} breaks alternation (interviewer first)")
                break
        words = sum(len(re.sub(r"<[^>]+>", "", t).split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        nresp = sum(1 for w, _ in turns if w == "R")
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            problem(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(ROOT / "styles.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        rows = []
        problem("styles.csv missing")
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problem(f"styles.csv: doc ids {ids} do not match {sorted(DOCS)}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != MIX:
        problem(f"styles.csv: style mix {dict(mix)} is not {MIX}")
    for r in rows:
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} has no rationale")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
            problem(f"styles.csv: {r['doc_id']} onbepaald rationale does not say which kind")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(ROOT / "orientation.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        orows = []
        problem("orientation.csv missing")
    keys = []
    for r in orows:
        doc, o = r["doc_id"], r["orientation"]
        try:
            idx = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: {doc} {idx}: bad orientation {o!r}")
        turns = turns_by_doc.get(doc)
        if turns is None:
            problem(f"orientation.csv: unknown doc {doc}")
        elif not 1 <= idx <= len(turns) or turns[idx - 1][0] != "R":
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(ROOT / "identifiers.csv", encoding="utf-8", newline="")))
    except FileNotFoundError:
        irows = []
        problem("identifiers.csv missing")
    seen = set()
    per_doc = Counter()
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if (doc, ident) in seen:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if typ not in TYPES:
            problem(f"identifiers.csv: {doc} {ident!r}: bad type {typ}")
        if doc not in texts:
            problem(f"identifiers.csv: unknown doc {doc}")
        elif ident not in texts[doc]:
            problem(f"identifiers.csv: {doc}: {ident!r} does not occur verbatim")
    for doc in DOCS:
        if per_doc[doc] < 5:
            problem(f"identifiers.csv: {doc} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
