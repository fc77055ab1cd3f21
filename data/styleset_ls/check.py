"""Check the built setLS transcripts and label files (standard library only).

Run:  python3 check.py     (from anywhere)
Prints OK, or the problems found (exit status 1).
Only the built transcripts and the csv files are read, never src/.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

SET = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(SET, "transcripts")

# doc -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    "ls01": ("vtt", "utf-8", "Interviewer", "Youssef Tahiri"),
    "ls02": ("docx", "utf-8", "Interviewer", "Hanneke"),
    "ls03": ("txt", "cp1252", "I", "R"),
    "ls04": ("srt", "utf-8", "Interviewer", "Priscilla"),
    "ls05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "ls06": ("docx", "utf-8", "Femke Dijkhuis", "Rob Kampman"),
}
MIX = {"casusgericht": 1, "netwerkgericht": 2, "onbepaald": 3}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)

problems = []


def bad(msg):
    problems.append(msg)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


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
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def merge(segs):
    """Merge consecutive segments of the same speaker into turns."""
    turns = []
    for spk, text in segs:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def parse_vtt(doc, text):
    lines = text.split("\n")
    if not lines or not lines[0].startswith("WEBVTT"):
        bad(f"{doc}: VTT does not start with WEBVTT")
    segs = []
    blocks = re.split(r"\n\s*\n", text.strip("\n"))
    for b in blocks[1:]:
        bl = b.split("\n")
        if bl[0].startswith("NOTE"):
            if "-->" in b:
                bad(f"{doc}: NOTE block contains '-->'")
            continue
        ti = next((i for i, l in enumerate(bl) if "-->" in l), None)
        if ti is None:
            bad(f"{doc}: VTT block without timing: {bl[0][:40]!r}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", bl[ti]):
            bad(f"{doc}: bad VTT timing line {bl[ti]!r}")
        body = " ".join(bl[ti + 1:]).strip()
        m = re.match(r"^<v(?:\.[\w.]+)? ([^>]+)>(.*)$", body)
        if not m:
            bad(f"{doc}: VTT cue without voice tag: {body[:40]!r}")
            continue
        segs.append((m.group(1).strip(), re.sub(r"</v>", "", m.group(2)).strip()))
    return merge(segs), False


def parse_srt(doc, text):
    segs = []
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip("\n"))
    for n, b in enumerate(blocks, 1):
        bl = b.split("\n")
        if len(bl) < 3:
            bad(f"{doc}: short SRT block {n}")
            continue
        if bl[0].strip() != str(n):
            bad(f"{doc}: SRT cue {n} numbered {bl[0]!r}")
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", bl[1]):
            bad(f"{doc}: bad SRT timing line {bl[1]!r}")
        body = " ".join(bl[2:]).strip()
        m = re.match(r"^([^:]{1,40}): (.*)$", body)
        if not m:
            bad(f"{doc}: SRT cue {n} without 'Name:'")
            continue
        segs.append((m.group(1), m.group(2).strip()))
    return merge(segs), False


def parse_lines(doc, lines, ilab, rlab):
    """Paragraph/line formats: header lines first, then one turn per line."""
    labs = (ilab, rlab)
    turns, started = [], False
    pat = re.compile(r"^(?:\[(\d\d):(\d\d):(\d\d)\] )?(" + "|".join(re.escape(l) for l in labs) + r"): (.+)$")
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            started = True
            if turns and turns[-1][0] == m.group(4):
                bad(f"{doc}: two consecutive paragraphs by {m.group(4)!r}")
            turns.append([m.group(4), m.group(5).strip()])
        elif started:
            bad(f"{doc}: line that is not a turn after the first turn: {ln[:50]!r}")
    return turns, True


def load(doc):
    ext, enc, ilab, rlab = DOCS[doc]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        bad(f"{doc}: expected .{ext}, found {files[0]}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            bad(f"{doc}: unreadable docx: {e}")
            return None, None
        turns, _ = parse_lines(doc, paras, ilab, rlab)
        return turns, "\n".join(paras)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: declared Windows-1252 but also valid UTF-8 (no cp1252-specific bytes)")
        except UnicodeDecodeError:
            pass
        if b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw):
            bad(f"{doc}: Windows-1252 file should use CRLF line ends throughout")
    if text.startswith("\ufeff"):
        text = text[1:]
    if ext == "vtt":
        turns, _ = parse_vtt(doc, text)
    elif ext == "srt":
        turns, _ = parse_srt(doc, text)
    else:
        turns, _ = parse_lines(doc, text.replace("\r\n", "\n").split("\n"), ilab, rlab)
    return turns, text


def main():
    data = {}
    for doc in DOCS:
        turns, text = load(doc)
        if turns is None:
            continue
        ext, enc, ilab, rlab = DOCS[doc]
        spk = {t[0] for t in turns}
        if spk != {ilab, rlab}:
            bad(f"{doc}: speakers {sorted(spk)} != {[ilab, rlab]}")
        for i, (s, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if s != want:
                bad(f"{doc}: turn {i} by {s!r}, expected {want!r}")
                break
        nres = sum(1 for t in turns if t[0] == rlab)
        if not RTURNS[0] <= nres <= RTURNS[1]:
            bad(f"{doc}: {nres} respondent turns (want {RTURNS[0]}-{RTURNS[1]})")
        words = sum(len(t[1].split()) for t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words (want {WORDS[0]}-{WORDS[1]})")
        data[doc] = (turns, text, rlab, words, nres)

    # styles.csv
    with open(os.path.join(SET, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        d = r.get("doc_id")
        if d not in DOCS:
            bad(f"styles.csv: unknown doc {d!r}")
            continue
        if d in seen:
            bad(f"styles.csv: duplicate {d}")
        seen[d] = r.get("style")
        if r.get("style") not in MIX:
            bad(f"styles.csv: {d} has bad style {r.get('style')!r}")
        if not (r.get("rationale") or "").strip():
            bad(f"styles.csv: {d} without rationale")
    for d in DOCS:
        if d not in seen:
            bad(f"styles.csv: {d} missing")
    for st, n in MIX.items():
        got = sum(1 for v in seen.values() if v == st)
        if got != n:
            bad(f"styles.csv: {got} x {st}, want {n}")

    # orientation.csv
    with open(os.path.join(SET, "orientation.csv"), encoding="utf-8", newline="") as f:
        rdr = csv.reader(f)
        head = next(rdr)
        orows = list(rdr)
    if head != ["doc_id", "turn_index", "orientation"]:
        bad(f"orientation.csv: header {head}")
    keys = []
    for r in orows:
        if len(r) != 3:
            bad(f"orientation.csv: bad row {r}")
            continue
        d, ti, o = r
        try:
            ti = int(ti)
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, ti))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if d not in data:
            bad(f"orientation.csv: unknown/unparsed doc {d}")
            continue
        turns, _, rlab, _, _ = data[d]
        if not 1 <= ti <= len(turns) or turns[ti - 1][0] != rlab:
            bad(f"orientation.csv: {d} turn {ti} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    with open(os.path.join(SET, "identifiers.csv"), encoding="utf-8", newline="") as f:
        rdr = csv.reader(f)
        head = next(rdr)
        irows = list(rdr)
    if head != ["doc_id", "identifier", "type"]:
        bad(f"identifiers.csv: header {head}")
    ikeys = set()
    count = {d: 0 for d in DOCS}
    for r in irows:
        if len(r) != 3:
            bad(f"identifiers.csv: bad row {r}")
            continue
        d, v, t = r
        if (d, v) in ikeys:
            bad(f"identifiers.csv: duplicate {d} {v!r}")
        ikeys.add((d, v))
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {r}")
        if d not in data:
            bad(f"identifiers.csv: unknown/unparsed doc {d}")
            continue
        count[d] += 1
        if v not in data[d][1]:
            bad(f"identifiers.csv: {d} {v!r} not found verbatim in transcript")
    for d, n in count.items():
        if n < 5:
            bad(f"identifiers.csv: {d} has only {n} identifiers")

    exts = {DOCS[d][0] + ("-" + DOCS[d][1] if DOCS[d][0] == "txt" else "") for d in DOCS}
    if len({DOCS[d][0] for d in DOCS}) < 4:
        bad(f"fewer than four transcript formats: {sorted(exts)}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
