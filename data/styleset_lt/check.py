"""Check set lt: parses the BUILT transcripts (not the sources) and the three csv files.

Standard library only.  Usage:  python check.py      -> prints OK, or the problems (exit status 1).
"""
import csv
import html
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["lt01", "lt02", "lt03", "lt04", "lt05", "lt06"]
EXTS = (".docx", ".txt", ".vtt", ".srt")
# expected text encoding and line ending of the plain-text deliveries (docx is always UTF-8 XML)
EXPECTED = {"lt02": ("cp1252", "\r\n"), "lt03": ("utf-8", "\n"), "lt04": ("utf-8", "\r\n"),
            "lt05": ("utf-8", "\n")}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)

LABEL = re.compile(r"^(?:\[\d{2}:\d{2}:\d{2}\]\s*)?([^:\n\[\]]{1,40}?):\s+(\S.*)$")
TIMING = re.compile(r"^\d{2}:\d{2}:\d{2}[.,]\d{3} --> \d{2}:\d{2}:\d{2}[.,]\d{3}")

problems = []


def problem(msg):
    problems.append(msg)


def decode(doc, raw):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        parts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>|<w:(tab)/>", p, flags=re.S)
        paras.append(html.unescape("".join(t if t else ("\t" if tab else "") for t, tab in parts)))
    return paras


def label_turns(doc, lines):
    """lines: the text lines of a docx or txt transcript. Speakers are the labels used >= 3 times."""
    counts = {}
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    speakers = {k for k, v in counts.items() if v >= 3}
    if len(speakers) != 2:
        problem(f"{doc}: expected 2 speaker labels, found {sorted(speakers)}")
    turns, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(1) in speakers:
            started = True
            turns.append([m.group(1), m.group(2)])
        elif not started:
            continue  # header line
        else:
            problem(f"{doc}: line after first turn that is not a turn: {s[:50]!r}")
    return turns


def cue_blocks(text):
    return [b.strip("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def vtt_turns(doc, text):
    blocks = cue_blocks(text)
    if not blocks or not blocks[0].startswith("WEBVTT"):
        problem(f"{doc}: vtt does not start with WEBVTT")
        return []
    turns = []
    for b in blocks[1:]:
        if b.startswith("NOTE"):
            continue
        lines = b.split("\n")
        ti = next((i for i, ln in enumerate(lines) if "-->" in ln), None)
        if ti is None or not TIMING.match(lines[ti]):
            problem(f"{doc}: vtt block without valid timing: {b[:40]!r}")
            continue
        body = " ".join(lines[ti + 1:]).strip()
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body, flags=re.S)
        if not m:
            problem(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        add(turns, m.group(1).strip(), m.group(2).strip())
    return turns


def srt_turns(doc, text):
    turns = []
    for n, b in enumerate(cue_blocks(text), start=1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n) or not TIMING.match(lines[1]) or "," not in lines[1]:
            problem(f"{doc}: srt cue {n} malformed: {b[:40]!r}")
            continue
        body = " ".join(lines[2:]).strip()
        m = LABEL.match(body)
        if not m:
            problem(f"{doc}: srt cue {n} has no 'Name:' label")
            continue
        add(turns, m.group(1), m.group(2))
    return turns


def add(turns, speaker, text):
    """A turn may span several consecutive cues of the same speaker."""
    if turns and turns[-1][0] == speaker:
        turns[-1][1] += " " + text
    else:
        turns.append([speaker, text])


def load_doc(doc):
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc and f.endswith(EXTS)]
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TDIR, files[0])
    ext = os.path.splitext(path)[1]
    if ext == ".docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc}: docx not readable: {e}")
            return None
        return dict(text="\n".join(paras), turns=label_turns(doc, paras), fmt="docx")
    raw = open(path, "rb").read()
    text, enc = decode(doc, raw)
    if text is None:
        return None
    want = EXPECTED.get(doc)
    if want:
        if enc != want[0]:
            problem(f"{doc}: encoding {enc}, expected {want[0]}")
        crlf = raw.count(b"\r\n")
        lf = raw.count(b"\n")
        if want[1] == "\r\n" and crlf != lf:
            problem(f"{doc}: expected CRLF line endings throughout")
        if want[1] == "\n" and crlf:
            problem(f"{doc}: expected LF line endings")
    if ext == ".txt":
        turns = label_turns(doc, text.replace("\r\n", "\n").split("\n"))
    elif ext == ".vtt":
        turns = vtt_turns(doc, text)
    else:
        turns = srt_turns(doc, text)
    return dict(text=text, turns=turns, fmt=ext[1:])


def read_csv(name, head):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != head:
        problem(f"{name}: header should be {','.join(head)}")
        return []
    return rows[1:]


def main():
    docs = {}
    for doc in DOCS:
        d = load_doc(doc)
        if d is None:
            continue
        docs[doc] = d
        turns = d["turns"]
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        interviewer = turns[0][0]
        speakers = {t[0] for t in turns}
        if len(speakers) != 2:
            problem(f"{doc}: expected two speakers, found {sorted(speakers)}")
        for i, (sp, _) in enumerate(turns):
            if (i % 2 == 0) != (sp == interviewer):
                problem(f"{doc}: turns do not alternate at turn {i + 1}")
                break
        words = sum(len(t[1].split()) for t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f"{doc}: {words} spoken words, outside {WORDS}")
        resp = sum(1 for i in range(len(turns)) if i % 2 == 1)
        if not RESP_TURNS[0] <= resp <= RESP_TURNS[1]:
            problem(f"{doc}: {resp} respondent turns, outside {RESP_TURNS}")
        low = d["text"].lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{doc}: forbidden word {w!r} in transcript")
        d["words"], d["resp"] = words, resp

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = {}
    for r in rows:
        if len(r) != 3:
            problem(f"styles.csv: bad row {r}")
            continue
        doc, style, why = r
        if doc in seen:
            problem(f"styles.csv: duplicate {doc}")
        seen[doc] = (style, why)
        if doc not in DOCS:
            problem(f"styles.csv: unknown doc {doc}")
        if style not in WANT_MIX:
            problem(f"styles.csv: {doc} has invalid style {style!r}")
        if not why.strip() or "\n" in why:
            problem(f"styles.csv: {doc} needs a one-sentence rationale")
    for doc in DOCS:
        if doc not in seen:
            problem(f"styles.csv: {doc} missing")
    mix = {s: sum(1 for v in seen.values() if v[0] == s) for s in WANT_MIX}
    if mix != WANT_MIX:
        problem(f"styles.csv: mix {mix}, wanted {WANT_MIX}")
    kinds = sorted("mixed" if "mixed" in w.lower() else "too little" if "too little evidence" in w.lower() else "?"
                   for s, w in seen.values() if s == "onbepaald")
    if kinds != ["mixed", "too little"]:
        problem(f"styles.csv: onbepaald rationales should name one 'mixed' and one 'too little evidence': {kinds}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f"orientation.csv: bad row {r}")
            continue
        doc, idx, o = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: {doc} turn {idx} has invalid orientation {o!r}")
        d = docs.get(doc)
        if d is None:
            problem(f"orientation.csv: unknown or unreadable doc {doc}")
            continue
        if idx < 1 or idx > len(d["turns"]) or idx % 2 != 0:
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(set(keys)) != len(keys):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen_ids = set()
    per_doc = {doc: 0 for doc in DOCS}
    for r in rows:
        if len(r) != 3:
            problem(f"identifiers.csv: bad row {r}")
            continue
        doc, ident, typ = r
        if (doc, ident) in seen_ids:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen_ids.add((doc, ident))
        if typ not in TYPES:
            problem(f"identifiers.csv: {doc} {ident!r} has invalid type {typ!r}")
        d = docs.get(doc)
        if d is None:
            problem(f"identifiers.csv: unknown or unreadable doc {doc}")
            continue
        per_doc[doc] += 1
        if ident not in d["text"]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for doc, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: {doc} has only {n} identifiers (need at least 5)")

    formats = {d["fmt"] for d in docs.values()}
    if len(formats) < 4:
        problem(f"only {len(formats)} different transcript formats: {sorted(formats)}")

    if problems:
        print("\n".join(problems))
        return 1
    for doc in DOCS:
        d = docs[doc]
        print(f"# {doc}: {d['fmt']}, {d['words']} words, {d['resp']} respondent turns")
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
