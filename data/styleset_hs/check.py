#!/usr/bin/env python3
"""Check blind set HS. Standard library only; parses the BUILT transcripts, not the sources.

Prints OK, or the problems found (exit status 1).
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
DOCS = [f"hs{i:02d}" for i in range(1, 7)]
# expected transcript: extension, encoding, CRLF required, interviewer label, respondent label
EXPECT = {
    "hs01": ("docx", None, False, "Fokje Wiersma", "Marrit Hoekstra"),
    "hs02": ("txt", "cp1252", True, "I", "R"),
    "hs03": ("vtt", "utf-8", False, "Jelmer de Jong", "Tineke Postma"),
    "hs04": ("srt", "utf-8", True, "Sanne", "Nynke"),
    "hs05": ("txt", "utf-8", False, "Spreker 1", "Spreker 2"),
    "hs06": ("docx", None, False, "Interviewer", "Respondent"),
}
STYLE_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
BANNED = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def prob(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                parts.append("\n")
        paras.append("".join(parts))
    return paras


def labelled(lines, labels, doc, strict):
    """lines: list of text lines/paragraphs; returns header lines and segments (speaker, text)."""
    header, segs = [], []
    pat = re.compile(r"^(?:\[(\d{2}):(\d{2}):(\d{2})\]\s+)?(" +
                     "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if m:
            segs.append([m.group(4), m.group(5)])
        elif not segs:
            header.append(s)
        elif strict:
            prob(f"{doc}: line after first turn without speaker label: {s[:60]!r}")
        else:
            segs[-1][1] += " " + s
    return header, segs


def parse_vtt(text, doc):
    if not text.startswith("WEBVTT"):
        prob(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    header, segs = [], []
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header += [l for l in lines[1:] if l.strip()]
            continue
        ti = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if ti is None:
            prob(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        if not re.match(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}", lines[ti]):
            prob(f"{doc}: bad vtt timing {lines[ti]!r}")
        body = " ".join(lines[ti + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            prob(f"{doc}: vtt cue without voice tag: {body[:50]!r}")
            continue
        txt = m.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
        segs.append([m.group(1), txt])
    return header, segs


def parse_srt(text, doc, labels):
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    segs = []
    pat = re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$", re.S)
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            prob(f"{doc}: malformed srt block {n}: {b[:40]!r}")
            continue
        if int(lines[0]) != n:
            prob(f"{doc}: srt cue numbering off at {n}")
        if not re.match(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$", lines[1].strip()):
            prob(f"{doc}: bad srt timing {lines[1]!r}")
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if not m:
            prob(f"{doc}: srt cue {n} without speaker label: {body[:50]!r}")
            continue
        segs.append([m.group(1), m.group(2)])
    return [], segs


def load(doc):
    ext, enc, crlf, il, rl = EXPECT[doc]
    files = sorted(TR.glob(f"{doc}.*"))
    if len(files) != 1:
        prob(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    f = files[0]
    if f.suffix != "." + ext:
        prob(f"{doc}: expected .{ext}, found {f.name}")
        return None
    merge = ext in ("vtt", "srt")
    if ext == "docx":
        try:
            paras = docx_paragraphs(f)
        except Exception as e:  # noqa: BLE001
            prob(f"{doc}: cannot read docx: {e}")
            return None
        header, segs = labelled(paras, [il, rl], doc, strict=True)
        full = "\n".join(paras)
    else:
        raw = f.read_bytes()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            prob(f"{doc}: not readable as {enc}: {e}")
            return None
        if enc == "cp1252":
            try:
                raw.decode("utf-8")
                if any(b > 127 for b in raw):
                    prob(f"{doc}: claims Windows-1252 but is valid UTF-8")
            except UnicodeDecodeError:
                pass
        if raw.startswith(b"\xef\xbb\xbf"):
            text = text[1:]
        lf = raw.count(b"\n")
        if crlf and raw.count(b"\r\n") != lf:
            prob(f"{doc}: expected CRLF line endings throughout")
        if not crlf and b"\r\n" in raw:
            prob(f"{doc}: unexpected CRLF line endings")
        full = text
        if ext == "txt":
            header, segs = labelled(text.replace("\r\n", "\n").split("\n"), [il, rl], doc, strict=True)
        elif ext == "vtt":
            header, segs = parse_vtt(text, doc)
        else:
            header, segs = parse_srt(text, doc, [il, rl])
    # turns: merge consecutive cues of one speaker (cue formats only)
    turns = []
    for sp, tx in segs:
        if turns and turns[-1][0] == sp:
            if merge:
                turns[-1][1] += " " + tx
                continue
            prob(f"{doc}: two consecutive paragraphs by {sp!r}")
        turns.append([sp, tx])
    for h in header:
        if re.match(r"^(" + re.escape(il) + "|" + re.escape(rl) + r"):", h):
            prob(f"{doc}: header line looks like a turn: {h!r}")
    return dict(turns=turns, full=full, labels=(il, rl), header=header)


def main():
    docs = {}
    for doc in DOCS:
        d = load(doc)
        if d is None:
            continue
        docs[doc] = d
        il, rl = d["labels"]
        turns = d["turns"]
        if not turns:
            prob(f"{doc}: no turns")
            continue
        speakers = {t[0] for t in turns}
        if speakers - {il, rl}:
            prob(f"{doc}: unexpected speakers {speakers - {il, rl}}")
        for n, (sp, _) in enumerate(turns, 1):
            want = il if n % 2 == 1 else rl
            if sp != want:
                prob(f"{doc}: turn {n} is by {sp!r}, expected {want!r} (alternation, interviewer first)")
                break
        words = sum(len([w for w in tx.split() if not re.fullmatch(r"\(.*\)", w)]) for _, tx in turns)
        if not 1500 <= words <= 2600:
            prob(f"{doc}: {words} spoken words, outside 1500-2600")
        rt = sum(1 for sp, _ in turns if sp == rl)
        if not 10 <= rt <= 45:
            prob(f"{doc}: {rt} respondent turns, outside 10-45")
        if BANNED.search(d["full"]):
            prob(f"{doc}: banned label word in transcript: {BANNED.search(d['full']).group(0)!r}")
        d["words"], d["rturns"] = words, rt

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            prob(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
        if r["style"] not in STYLE_MIX:
            prob(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            prob(f"styles.csv: empty rationale for {r['doc_id']}")
        if r["style"] == "onbepaald" and "mixed" not in r["rationale"].lower() \
                and "too little evidence" not in r["rationale"].lower():
            prob(f"styles.csv: onbepaald without kind for {r['doc_id']}")
    if set(seen) != set(DOCS):
        prob(f"styles.csv: docs {sorted(seen)} != {DOCS}")
    mix = {s: sum(1 for r in rows if r["style"] == s) for s in STYLE_MIX}
    if mix != STYLE_MIX:
        prob(f"styles.csv: style mix {mix}, wanted {STYLE_MIX}")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in rows]
    if keys != sorted(keys):
        prob("orientation.csv: not sorted")
    if len(set(keys)) != len(keys):
        prob("orientation.csv: duplicate rows")
    for r in rows:
        doc, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            prob(f"orientation.csv: bad orientation {r['orientation']!r}")
        if doc not in docs:
            prob(f"orientation.csv: unknown doc {doc}")
            continue
        turns = docs[doc]["turns"]
        if ti % 2 != 0 or ti > len(turns) or turns[ti - 1][0] != docs[doc]["labels"][1]:
            prob(f"orientation.csv: {doc} turn {ti} is not a respondent turn")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = set()
    count = {d: 0 for d in DOCS}
    for r in rows:
        doc, s, t = r["doc_id"], r["identifier"], r["type"]
        if (doc, s) in seen:
            prob(f"identifiers.csv: duplicate {doc} {s!r}")
        seen.add((doc, s))
        if t not in TYPES:
            prob(f"identifiers.csv: bad type {t!r}")
        if doc not in docs:
            prob(f"identifiers.csv: unknown doc {doc}")
            continue
        count[doc] += 1
        if s not in docs[doc]["full"]:
            prob(f"identifiers.csv: {doc} {s!r} does not occur verbatim")
    for d, n in count.items():
        if n < 5:
            prob(f"identifiers.csv: {d} has only {n} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for doc, d in docs.items():
        print(f"{doc}: {len(d['turns'])} turns, {d['rturns']} respondent, {d['words']} words")
    print("OK")


if __name__ == "__main__":
    main()
