#!/usr/bin/env python3
"""Check set GZ against the brief, using only the built transcripts and the csv files.

Standard library only. Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")

DOCS = {
    "gz01": dict(fmt="docx", ext="docx", labels=("Interviewer", "Respondent")),
    "gz02": dict(fmt="txt_ts", ext="txt", enc="cp1252", crlf=True, labels=("Spreker 1", "Spreker 2")),
    "gz03": dict(fmt="vtt", ext="vtt", enc="utf-8", labels=("Bart Hoekstra", "Joyce Amankwah")),
    "gz04": dict(fmt="srt", ext="srt", enc="utf-8", crlf=True, labels=("Sanne", "Hakim")),
    "gz05": dict(fmt="txt_ir", ext="txt", enc="utf-8", crlf=False, labels=("I", "R")),
    "gz06": dict(fmt="docx", ext="docx", labels=("Thijs", "Sevda")),
}
# format family as delivered (docx with bold labels and docx with plain name labels count once)
FORMAT_KIND = {"gz01": "docx", "gz02": "txt-cp1252-timestamps", "gz03": "vtt", "gz04": "srt",
               "gz05": "txt-utf8-IR", "gz06": "docx"}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def label_re(labels):
    return re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*)$")


def read_text(path, cfg, doc):
    raw = open(path, "rb").read()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        prob(f"{doc}: not readable as {cfg['enc']}: {e}")
        return None
    if cfg["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            prob(f"{doc}: declared Windows-1252 but the file is also valid UTF-8 (no cp1252-specific bytes)")
        except UnicodeDecodeError:
            pass
    if text.startswith("\ufeff"):
        text = text[1:]
    if cfg.get("crlf") is True and "\r\n" not in text:
        prob(f"{doc}: expected CRLF line endings")
    if cfg.get("crlf") is False and "\r" in text:
        prob(f"{doc}: expected LF line endings")
    return text.replace("\r\n", "\n")


def parse_docx(path, cfg, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa
        prob(f"{doc}: docx not readable: {e}")
        return [], []
    paras = []
    for p in root.iter(W + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W + "t":
                parts.append(el.text or "")
            elif el.tag == W + "tab":
                parts.append("\t")
            elif el.tag == W + "br":
                parts.append("\n")
        paras.append("".join(parts))
    return split_lines(paras, label_re(cfg["labels"]), cfg, doc)


def split_lines(lines, rx, cfg, doc, ts=False):
    header, turns = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if ts:
            m = re.match(r"^\[(\d\d):(\d\d):(\d\d)\]\s+(.*)$", line)
            body = m.group(4) if m else None
            mm = rx.match(body) if body else None
        else:
            mm = rx.match(line)
        if mm:
            turns.append((mm.group(1), mm.group(2).strip()))
            for other in turns[-1][1:]:
                pass
        elif not turns:
            header.append(line)
        else:
            prob(f"{doc}: line after the first turn is not a turn: {line[:60]!r}")
    return header, turns


def parse_vtt(text, cfg, doc):
    if not text.startswith("WEBVTT"):
        prob(f"{doc}: does not start with WEBVTT")
    header, segs = [], []
    blocks = re.split(r"\n\s*\n", text.strip())
    for b in blocks[1:] if blocks and blocks[0].startswith("WEBVTT") else blocks:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(l for l in [lines[0][4:].strip()] + lines[1:] if l.strip())
            continue
        i = 0
        if "-->" not in lines[0]:
            i = 1
        if i >= len(lines) or "-->" not in lines[i]:
            prob(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}", lines[i]):
            prob(f"{doc}: bad vtt timing {lines[i]!r}")
        body = " ".join(lines[i + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m:
            prob(f"{doc}: vtt cue without voice tag: {body[:40]!r}")
            continue
        segs.append((m.group(1).strip(), m.group(2).strip()))
    return header, merge(segs)


def parse_srt(text, cfg, doc):
    rx = label_re(cfg["labels"])
    segs = []
    for b in re.split(r"\n\s*\n", text.strip()):
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit():
            prob(f"{doc}: bad srt block {b[:40]!r}")
            continue
        if not re.match(r"^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$", lines[1].strip()):
            prob(f"{doc}: bad srt timing {lines[1]!r}")
        body = " ".join(l.strip() for l in lines[2:])
        m = rx.match(body)
        if m:
            segs.append((m.group(1), m.group(2)))
        elif segs:
            segs.append((segs[-1][0], body))
        else:
            prob(f"{doc}: first srt cue has no speaker")
    return [], merge(segs)


def merge(segs):
    turns = []
    for who, t in segs:
        if turns and turns[-1][0] == who:
            turns[-1] = (who, turns[-1][1] + " " + t)
        else:
            turns.append((who, t))
    return turns


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


def main():
    # ---------- styles
    spath = os.path.join(ROOT, "styles.csv")
    styles = {}
    if not os.path.exists(spath):
        prob("styles.csv missing")
    else:
        for r in csv.DictReader(open(spath, encoding="utf-8")):
            if r["doc_id"] in styles:
                prob(f"styles.csv: duplicate {r['doc_id']}")
            styles[r["doc_id"]] = r
            if r["style"] not in WANT_MIX:
                prob(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
            if not r.get("rationale", "").strip():
                prob(f"styles.csv: empty rationale for {r['doc_id']}")
            if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
                prob(f"styles.csv: onbepaald rationale of {r['doc_id']} does not say which kind")
        if set(styles) != set(DOCS):
            prob(f"styles.csv: docs {sorted(styles)} != {sorted(DOCS)}")
        mix = {}
        for r in styles.values():
            mix[r["style"]] = mix.get(r["style"], 0) + 1
        if mix != WANT_MIX:
            prob(f"styles.csv: mix {mix} != requested {WANT_MIX}")
        kinds = [r["rationale"] for r in styles.values() if r["style"] == "onbepaald"]
        if sum(1 for k in kinds if re.search(r"mixed", k, re.I)) != 2:
            prob("styles.csv: both onbepaald docs should be genuinely mixed")

    # ---------- transcripts
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    parsed = {}
    for doc, cfg in DOCS.items():
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            prob(f"{doc}: expected exactly one transcript, found {mine}")
            continue
        path = os.path.join(TDIR, mine[0])
        if not mine[0].endswith("." + cfg["ext"]):
            prob(f"{doc}: unexpected extension {mine[0]}")
        fmt = cfg["fmt"]
        if fmt == "docx":
            header, turns = parse_docx(path, cfg, doc)
        else:
            text = read_text(path, cfg, doc)
            if text is None:
                continue
            if fmt == "txt_ts":
                header, turns = split_lines(text.split("\n"), label_re(cfg["labels"]), cfg, doc, ts=True)
            elif fmt == "txt_ir":
                header, turns = split_lines(text.split("\n"), label_re(cfg["labels"]), cfg, doc)
            elif fmt == "vtt":
                header, turns = parse_vtt(text, cfg, doc)
            else:
                header, turns = parse_srt(text, cfg, doc)
        ilab, rlab = cfg["labels"]
        speakers = {w for w, _ in turns}
        if speakers - {ilab, rlab}:
            prob(f"{doc}: unknown speakers {speakers - {ilab, rlab}}")
        if not turns or turns[0][0] != ilab:
            prob(f"{doc}: the interviewer does not speak first")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                prob(f"{doc}: turns {i} and {i + 1} have the same speaker")
        for h in header:
            if re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):", h):
                prob(f"{doc}: header line looks like a turn: {h[:50]!r}")
        nresp = sum(1 for w, _ in turns if w == rlab)
        if not 10 <= nresp <= 45:
            prob(f"{doc}: {nresp} respondent turns (want 10-45)")
        nw = sum(words(t) for _, t in turns)
        if not 1500 <= nw <= 2600:
            prob(f"{doc}: {nw} spoken words (want 1500-2600)")
        full = " ".join(header + [w + ": " + t for w, t in turns])
        full = " ".join(full.split())
        m = FORBIDDEN.search(full)
        if m:
            prob(f"{doc}: forbidden label word {m.group(0)!r}")
        parsed[doc] = dict(turns=turns, rlab=rlab, text=full, words=nw, nresp=nresp)

    kinds = {FORMAT_KIND[d] for d in DOCS}
    if len(kinds) < 4:
        prob(f"only {len(kinds)} transcript formats")

    # ---------- orientation
    opath = os.path.join(ROOT, "orientation.csv")
    if not os.path.exists(opath):
        prob("orientation.csv missing")
    else:
        rows = list(csv.DictReader(open(opath, encoding="utf-8")))
        keys = []
        for r in rows:
            doc = r["doc_id"]
            try:
                idx = int(r["turn_index"])
            except ValueError:
                prob(f"orientation.csv: bad index {r}")
                continue
            keys.append((doc, idx))
            if r["orientation"] not in ("casus", "netwerk"):
                prob(f"orientation.csv: bad orientation {r}")
            if doc not in DOCS:
                prob(f"orientation.csv: unknown doc {doc}")
                continue
            p = parsed.get(doc)
            if not p:
                continue
            if not 1 <= idx <= len(p["turns"]) or p["turns"][idx - 1][0] != p["rlab"]:
                prob(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            prob("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv: duplicates")

    # ---------- identifiers
    ipath = os.path.join(ROOT, "identifiers.csv")
    if not os.path.exists(ipath):
        prob("identifiers.csv missing")
    else:
        seen, count = set(), {}
        for r in csv.DictReader(open(ipath, encoding="utf-8")):
            doc, s, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, s) in seen:
                prob(f"identifiers.csv: duplicate {doc} {s!r}")
            seen.add((doc, s))
            count[doc] = count.get(doc, 0) + 1
            if typ not in TYPES:
                prob(f"identifiers.csv: bad type {typ}")
            p = parsed.get(doc)
            if p and s not in p["text"]:
                prob(f"identifiers.csv: {doc} {s!r} not found verbatim")
        for doc in DOCS:
            if count.get(doc, 0) < 5:
                prob(f"{doc}: fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    if "-v" in sys.argv:
        for doc, p in parsed.items():
            print(doc, p["words"], "words,", p["nresp"], "respondent turns")
    print("OK")


if __name__ == "__main__":
    main()
