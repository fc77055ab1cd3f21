"""Check the built setKO transcripts and label files (standard library only).

Usage: python3 check.py      -> prints OK, or the problems and exits with status 1.
It reads the built files in transcripts/ (not the annotated sources).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOCS = ["ko01", "ko02", "ko03", "ko04", "ko05", "ko06"]
# (interviewer label, respondent label) as written in each transcript
LABELS = {
    "ko01": ("Interviewer", "Marjan"),
    "ko02": ("I", "R"),
    "ko03": ("Interviewer", "Henk Wolters"),
    "ko04": ("Interviewer", "Esther"),
    "ko05": ("Spreker 1", "Spreker 2"),
    "ko06": ("Interviewer", "Fleur"),
}
WANT_MIX = {"casusgericht": 3, "netwerkgericht": 3, "onbepaald": 0}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORD_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*|\d+")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def prob(msg):
    problems.append(msg)


def decode(raw, doc):
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        prob(f"{doc}: not readable as UTF-8 or Windows-1252")
        return "", "?"


def label_split(lines, doc, timestamps=False):
    """Lines -> (header lines, [(label, text)]) using the doc's two labels."""
    ilab, rlab = LABELS[doc]
    pat = re.compile(
        (r"^\[\d\d:\d\d:\d\d\]\s*" if timestamps else r"^")
        + r"(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$"
    )
    header, turns = [], []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = pat.match(ln)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif not turns:
            header.append(ln)
        else:
            prob(f"{doc}: unlabelled line after the first turn: {ln[:60]!r}")
    return header, turns


def read_docx(path, doc):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        prob(f"{doc}: cannot open docx: {e}")
        return [], [], "docx-?"
    paras, bold_labels = [], 0
    for p in root.iter(W + "p"):
        runs = list(p.iter(W + "r"))
        txt = "".join(t.text or "" for t in p.iter(W + "t"))
        paras.append(txt)
        if runs:
            first = runs[0]
            rpr = first.find(W + "rPr")
            b = rpr.find(W + "b") if rpr is not None else None
            if b is not None and b.get(W + "val", "true") not in ("0", "false"):
                bold_labels += 1
    header, turns = label_split(paras, doc)
    return header, turns, "docx-bold" if bold_labels else "docx-plain"


def read_txt(path, doc):
    raw = open(path, "rb").read()
    text, enc = decode(raw, doc)
    crlf = b"\r\n" in raw
    lines = text.splitlines()
    ts = any(re.match(r"^\[\d\d:\d\d:\d\d\]", ln) for ln in lines)
    header, turns = label_split(lines, doc, timestamps=ts)
    return header, turns, f"txt-{enc}{'-crlf' if crlf else ''}{'-timestamps' if ts else ''}"


def merge(cues, doc):
    turns = []
    for lab, txt in cues:
        if turns and turns[-1][0] == lab:
            turns[-1][1] += " " + txt
        else:
            turns.append([lab, txt])
    return turns


def read_vtt(path, doc):
    text, _ = decode(open(path, "rb").read(), doc)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    if not blocks or not blocks[0].startswith("WEBVTT"):
        prob(f"{doc}: vtt does not start with WEBVTT")
    header, cues = [], []
    ilab, rlab = LABELS[doc]
    for b in blocks:
        lines = b.split("\n")
        if lines[0].startswith("WEBVTT"):
            continue
        if lines[0].startswith("NOTE"):
            header += [x for x in lines[1:] if x.strip()]
            continue
        ti = next((i for i, x in enumerate(lines) if "-->" in x), None)
        if ti is None:
            prob(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        body = " ".join(lines[ti + 1:]).strip()
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", body)
        if not m or m.group(1) not in (ilab, rlab):
            prob(f"{doc}: cue without known voice tag: {body[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2).strip()))
    return header, merge(cues, doc), "vtt"


def read_srt(path, doc):
    raw = open(path, "rb").read()
    text, _ = decode(raw, doc)
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    ilab, rlab = LABELS[doc]
    cues = []
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            prob(f"{doc}: malformed srt block: {b[:40]!r}")
            continue
        body = " ".join(lines[2:]).strip()
        m = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):\s*(.*)$", body)
        if not m:
            prob(f"{doc}: srt cue without speaker: {body[:50]!r}")
            continue
        cues.append((m.group(1), m.group(2)))
    return [], merge(cues, doc), "srt" + ("-crlf" if b"\r\n" in raw else "")


READERS = {".docx": read_docx, ".txt": read_txt, ".vtt": read_vtt, ".srt": read_srt}


def main():
    parsed, formats = {}, set()
    files = os.listdir(TDIR) if os.path.isdir(TDIR) else []
    for doc in DOCS:
        mine = [f for f in files if os.path.splitext(f)[0] == doc]
        if len(mine) != 1:
            prob(f"{doc}: expected one transcript, found {mine}")
            continue
        ext = os.path.splitext(mine[0])[1]
        if ext not in READERS:
            prob(f"{doc}: unknown format {ext}")
            continue
        header, turns, fmt = READERS[ext](os.path.join(TDIR, mine[0]), doc)
        formats.add(fmt)
        ilab, rlab = LABELS[doc]
        if not turns:
            prob(f"{doc}: no turns found")
            continue
        for i, (lab, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if lab != want:
                prob(f"{doc}: turn {i + 1} is {lab!r}, expected {want!r} (strict alternation, interviewer first)")
                break
        for h in header:
            if re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"):", h):
                prob(f"{doc}: header line looks like a turn: {h!r}")
        nresp = sum(1 for lab, _ in turns if lab == rlab)
        if not 10 <= nresp <= 45:
            prob(f"{doc}: {nresp} respondent turns (want 10-45)")
        words = sum(len(WORD_RE.findall(t)) for _, t in turns)
        if not 1500 <= words <= 2600:
            prob(f"{doc}: {words} spoken words (want 1500-2600)")
        full = "\n".join(header + [f"{lab}: {t}" for lab, t in turns])
        if FORBIDDEN.search(full):
            prob(f"{doc}: transcript uses a forbidden label word")
        parsed[doc] = dict(turns=turns, rlab=rlab, full=full, words=words, nresp=nresp, fmt=fmt)

    if len(formats) < 4:
        prob(f"only {len(formats)} distinct formats: {sorted(formats)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
        got = {r["doc_id"]: r for r in rows}
        if sorted(got) != DOCS or len(rows) != len(DOCS):
            prob(f"styles.csv: doc ids {sorted(got)} (want {DOCS}, once each)")
        mix = {k: 0 for k in WANT_MIX}
        for r in rows:
            if r["style"] not in mix:
                prob(f"styles.csv: bad style {r['style']!r}")
                continue
            mix[r["style"]] += 1
            if not r.get("rationale", "").strip():
                prob(f"styles.csv: {r['doc_id']} has no rationale")
        if mix != WANT_MIX:
            prob(f"styles.csv: mix {mix}, want {WANT_MIX}")
    except (OSError, KeyError) as e:
        prob(f"styles.csv: {e}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
        keys = []
        for r in rows:
            doc, idx, ori = r["doc_id"], int(r["turn_index"]), r["orientation"]
            keys.append((doc, idx))
            if ori not in ("casus", "netwerk"):
                prob(f"orientation.csv: bad orientation {ori!r}")
            if doc not in parsed:
                prob(f"orientation.csv: unknown doc {doc}")
                continue
            turns = parsed[doc]["turns"]
            if not 1 <= idx <= len(turns) or idx % 2 or turns[idx - 1][0] != parsed[doc]["rlab"]:
                prob(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
        if keys != sorted(keys):
            prob("orientation.csv: not sorted")
        if len(keys) != len(set(keys)):
            prob("orientation.csv: duplicate rows")
    except (OSError, KeyError, ValueError) as e:
        prob(f"orientation.csv: {e}")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
        seen, per_doc = set(), {d: 0 for d in DOCS}
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, ident) in seen:
                prob(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            if typ not in TYPES:
                prob(f"identifiers.csv: bad type {typ!r}")
            if doc not in parsed:
                prob(f"identifiers.csv: unknown doc {doc}")
                continue
            per_doc[doc] += 1
            if ident not in parsed[doc]["full"]:
                prob(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
        for d, n in per_doc.items():
            if n < 5:
                prob(f"identifiers.csv: {d} has only {n} identifiers")
    except (OSError, KeyError) as e:
        prob(f"identifiers.csv: {e}")

    if "-v" in sys.argv:
        for d, p in parsed.items():
            print(f"{d}: {p['fmt']}, {len(p['turns'])} turns, {p['nresp']} respondent turns, {p['words']} words")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
