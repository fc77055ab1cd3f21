"""Check set nl: parses the BUILT transcripts (not the sources). Standard library only.

Usage: python3 check.py        prints OK, or the problems (exit status 1)
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc_id: (extension, encoding, line ending, interviewer label, respondent label)
EXPECTED = {
    "nl01": ("docx", None, None, "Interviewer", "Respondent"),
    "nl02": ("txt", "cp1252", "\r\n", "I", "R"),
    "nl03": ("vtt", "utf-8", "\n", "Marloes Veenstra", "Anouk Mulder"),
    "nl04": ("srt", "utf-8", "\r\n", "Thijs", "Ilse"),
    "nl05": ("txt", "utf-8", "\n", "Spreker 1", "Spreker 2"),
    "nl06": ("docx", None, None, "Femke Smit", "Bert Hoekstra"),
}
BOLD_LABELS = {"nl01"}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
METAKEYS = {"respondent", "datum", "duur", "datum opname", "interviewer", "locatie"}
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)

problems = []


def bad(msg):
    problems.append(msg)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        runs = []
        for r in p.iter(W + "r"):
            rpr = r.find(W + "rPr")
            is_bold = rpr is not None and rpr.find(W + "b") is not None
            text = "".join(
                (t.text or "") if t.tag == W + "t" else ("\t" if t.tag == W + "tab" else "\n")
                for t in r if t.tag in (W + "t", W + "tab", W + "br"))
            runs.append((text, is_bold))
        paras.append(runs)
    return paras


def line_turns(doc, lines, labels):
    """Turns from label lines; lines before the first turn are the header."""
    pat = re.compile(r"^(?:\[(\d\d):(\d\d):(\d\d)\]\s+)?(" + "|".join(map(re.escape, labels))
                     + r"):\s+(\S.*)$")
    turns, header, last_ts = [], [], -1
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            if m.group(1):
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last_ts:
                    bad(f"{doc}: timestamp goes back at {s[:30]!r}")
                last_ts = t
            turns.append([m.group(4), m.group(5)])
        elif not turns:
            header.append(s)
            k = re.match(r"^([^:]{1,30}):\s", s)
            if k and k.group(1).strip().lower() not in METAKEYS:
                bad(f"{doc}: header line looks like a speaker turn: {s[:50]!r}")
        else:
            turns[-1][1] += " " + s  # continuation paragraph
    if len(header) > 6:
        bad(f"{doc}: header has {len(header)} lines")
    return turns


def cue_blocks(text):
    return [b for b in re.split(r"\n\s*\n", text.strip()) if b.strip()]


TIMING_VTT = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$")
TIMING_SRT = re.compile(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$")


def merge(doc, cues):
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    return turns


def vtt_turns(doc, text):
    blocks = cue_blocks(text)
    if not blocks or not blocks[0].startswith("WEBVTT"):
        bad(f"{doc}: missing WEBVTT header")
        return []
    cues = []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if not TIMING_VTT.match(lines[0]):
            if len(lines) > 1 and TIMING_VTT.match(lines[1]):
                lines = lines[1:]
            else:
                bad(f"{doc}: bad vtt cue {lines[0][:40]!r}")
                continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            bad(f"{doc}: cue without voice tag {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return merge(doc, cues)


def srt_turns(doc, text, labels):
    cues = []
    for n, b in enumerate(cue_blocks(text), start=1):
        lines = b.split("\n")
        if lines[0].strip() != str(n):
            bad(f"{doc}: srt cue {n} numbered {lines[0]!r}")
        if len(lines) < 3 or not TIMING_SRT.match(lines[1].strip()):
            bad(f"{doc}: bad srt timing in cue {n}")
            continue
        body = " ".join(l.strip() for l in lines[2:])
        m = re.match(r"^(" + "|".join(map(re.escape, labels)) + r"):\s+(.*)$", body)
        if not m:
            bad(f"{doc}: srt cue {n} without speaker: {body[:40]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(doc, cues)


def load(doc):
    ext, enc, eol, ilab, rlab = EXPECTED[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    if path.suffix[1:] != ext:
        bad(f"{doc}: expected .{ext}, found {path.name}")
        return None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            bad(f"{doc}: unreadable docx ({e})")
            return None
        lines = ["".join(t for t, _ in p) for p in paras]
        if doc in BOLD_LABELS:
            for p in paras:
                s = "".join(t for t, _ in p)
                if re.match(rf"^({ilab}|{rlab}):", s):
                    if not (p and p[0][1] and p[0][0].strip() in (ilab + ":", rlab + ":")):
                        bad(f"{doc}: speaker label not a separate bold run: {s[:30]!r}")
        full = "\n".join(lines)
        turns = line_turns(doc, lines, [ilab, rlab])
    else:
        raw = path.read_bytes()
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                bad(f"{doc}: decodes as UTF-8, expected Windows-1252 with non-ASCII characters")
            except UnicodeDecodeError:
                pass
        try:
            full = raw.decode(enc)
        except UnicodeDecodeError as e:
            bad(f"{doc}: not readable as {enc} ({e})")
            return None
        if full.startswith("\ufeff"):
            full = full[1:]
        if eol == "\r\n":
            if full.count("\n") != full.count("\r\n"):
                bad(f"{doc}: expected CRLF line endings throughout")
        elif "\r" in full:
            bad(f"{doc}: unexpected CR characters")
        text = full.replace("\r\n", "\n")
        if ext == "txt":
            turns = line_turns(doc, text.split("\n"), [ilab, rlab])
        elif ext == "vtt":
            turns = vtt_turns(doc, text)
        else:
            turns = srt_turns(doc, text, [ilab, rlab])
    # alternation, interviewer first
    for i, (spk, _) in enumerate(turns, start=1):
        want = ilab if i % 2 else rlab
        if spk != want:
            bad(f"{doc}: turn {i} spoken by {spk!r}, expected {want!r}")
            break
    spoken = " ".join(t for _, t in turns)
    nwords = len([w for w in spoken.split() if re.search(r"\w", w)])
    nresp = sum(1 for s, _ in turns if s == rlab)
    if not WORDS[0] <= nwords <= WORDS[1]:
        bad(f"{doc}: {nwords} spoken words, outside {WORDS}")
    if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
        bad(f"{doc}: {nresp} respondent turns, outside {RESP_TURNS}")
    if BANNED.search(full):
        bad(f"{doc}: transcript uses a label word: {BANNED.search(full).group(0)!r}")
    return {"turns": turns, "full": full, "spoken": spoken, "rlab": rlab,
            "words": nwords, "resp": nresp, "ext": ext}


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        bad(f"{name} missing")
        return []
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        bad(f"{name}: header should be {header}, is {rows[:1]}")
        return []
    return rows[1:]


def main():
    docs = {d: load(d) for d in EXPECTED}
    extra = [p.name for p in TR.iterdir() if p.stem not in EXPECTED]
    if extra:
        bad(f"transcripts: unexpected files {extra}")
    fmts = {(EXPECTED[d][0], EXPECTED[d][1]) for d in EXPECTED}
    if len({f[0] for f in fmts}) < 4:
        bad("fewer than four transcript formats")

    # styles.csv
    styles = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = Counter(r[0] for r in styles)
    for d in EXPECTED:
        if seen[d] != 1:
            bad(f"styles.csv: {d} appears {seen[d]} times")
    for r in styles:
        if len(r) != 3 or r[0] not in EXPECTED:
            bad(f"styles.csv: bad row {r}")
            continue
        if r[1] not in MIX:
            bad(f"styles.csv: bad style {r[1]!r} for {r[0]}")
        if not r[2].strip():
            bad(f"styles.csv: empty rationale for {r[0]}")
        if r[1] == "onbepaald" and not re.search(r"too little evidence|mixed", r[2], re.I):
            bad(f"styles.csv: onbepaald rationale for {r[0]} does not say which kind")
    if Counter(r[1] for r in styles if len(r) == 3) != Counter(MIX):
        bad(f"styles.csv: mix is {dict(Counter(r[1] for r in styles if len(r) == 3))}, expected {MIX}")

    # orientation.csv
    orows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in orows:
        if len(r) != 3 or r[0] not in EXPECTED or not r[1].isdigit():
            bad(f"orientation.csv: bad row {r}")
            continue
        d, idx, o = r[0], int(r[1]), r[2]
        keys.append((d, idx))
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r} in {r}")
        info = docs.get(d)
        if info is None:
            continue
        if not 1 <= idx <= len(info["turns"]):
            bad(f"orientation.csv: {d} turn {idx} does not exist")
        elif info["turns"][idx - 1][0] != info["rlab"] or idx % 2:
            bad(f"orientation.csv: {d} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    irows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = Counter()
    seen_ids = set()
    for r in irows:
        if len(r) != 3 or r[0] not in EXPECTED:
            bad(f"identifiers.csv: bad row {r}")
            continue
        d, ident, typ = r
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r} in {r}")
        if (d, ident) in seen_ids:
            bad(f"identifiers.csv: duplicate {d} {ident!r}")
        seen_ids.add((d, ident))
        per_doc[d] += 1
        info = docs.get(d)
        if info is not None and ident not in info["full"]:
            bad(f"identifiers.csv: {d} {ident!r} does not occur verbatim in the transcript")
    for d in EXPECTED:
        if per_doc[d] < 5:
            bad(f"identifiers.csv: {d} has only {per_doc[d]} identifiers")

    if "-v" in sys.argv:
        for d, info in docs.items():
            if info:
                print(f"{d}: .{info['ext']} words={info['words']} resp_turns={info['resp']} "
                      f"turns={len(info['turns'])} ids={per_doc[d]}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
