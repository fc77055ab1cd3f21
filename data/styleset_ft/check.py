"""Check set FT (standard library only). Parses the BUILT transcripts, not the sources.

Prints OK, or the list of problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")

# doc -> (extension, parser, encoding, interviewer label, respondent label)
DOCS = {
    "ft01": ("txt", "labels", "cp1252", "I", "R"),
    "ft02": ("vtt", "vtt", "utf-8", "Interviewer", "Ilse Verbrugge"),
    "ft03": ("docx", "docx", None, "Interviewer", "Respondent"),
    "ft04": ("srt", "srt", "utf-8", "Joost", "Esra"),
    "ft05": ("txt", "stamped", "utf-8", "Spreker 1", "Spreker 2"),
    "ft06": ("docx", "docx", None, "Sanne", "Dennis"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
problems = []


def problem(msg):
    problems.append(msg)


def words(text):
    text = re.sub(r"\([^)]*\)", " ", text)
    return len(re.findall(r"[\w'’-]+", text))


def label_split(line, labels):
    for lab in labels:
        if line.startswith(lab + ":"):
            return lab, line[len(lab) + 1:].strip()
    return None, None


def merge(segments):
    """Merge consecutive segments of the same speaker into turns."""
    turns = []
    for spk, text in segments:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + text)
        else:
            turns.append((spk, text))
    return turns


def parse_labels(raw, labels):
    header, segs = [], []
    for line in raw.split("\n"):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        spk, text = label_split(line, labels)
        if spk is None:
            if segs:
                return None, None, f"unlabelled line after the turns began: {line[:50]!r}"
            header.append(line)
        else:
            segs.append((spk, text))
    return header, segs, None


def parse_stamped(raw, labels):
    header, segs = [], []
    pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (.*)$")
    for line in raw.split("\n"):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        m = pat.match(line)
        if not m:
            if segs:
                return None, None, f"line without timestamp after the turns began: {line[:50]!r}"
            header.append(line)
            continue
        spk, text = label_split(m.group(4), labels)
        if spk is None:
            return None, None, f"unknown speaker: {line[:50]!r}"
        segs.append((spk, text))
    return header, segs, None


def parse_vtt(raw, labels):
    raw = raw.replace("\r\n", "\n")
    if not raw.startswith("WEBVTT"):
        return None, None, "no WEBVTT signature"
    header, segs = [], []
    blocks = re.split(r"\n\s*\n", raw.strip())
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            header.extend(x for x in lines[1:] if x.strip())
            continue
        ti = [i for i, x in enumerate(lines) if "-->" in x]
        if not ti:
            return None, None, f"cue without timing: {b[:40]!r}"
        text = " ".join(lines[ti[0] + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", text)
        if not m:
            return None, None, f"cue without voice tag: {text[:40]!r}"
        if m.group(1) not in labels:
            return None, None, f"unknown voice {m.group(1)!r}"
        segs.append((m.group(1), m.group(2).strip()))
    return header, segs, None


def parse_srt(raw, labels):
    raw = raw.replace("\r\n", "\n")
    segs = []
    for n, b in enumerate(re.split(r"\n\s*\n", raw.strip()), 1):
        lines = b.split("\n")
        if lines[0].strip() != str(n) or "-->" not in lines[1]:
            return None, None, f"bad srt cue {n}"
        text = " ".join(x.strip() for x in lines[2:])
        spk, body = label_split(text, labels)
        if spk is None:
            return None, None, f"cue {n} does not start with a speaker name"
        segs.append((spk, body))
    return [], segs, None


def parse_docx(path, labels):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(ns + "p"):
        paras.append("".join(t.text or "" for t in p.iter(ns + "t")))
    return parse_labels("\n".join(paras), labels)


def read_doc(doc_id):
    ext, kind, enc, il, rl = DOCS[doc_id]
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc_id]
    if len(files) != 1:
        problem(f"{doc_id}: expected one transcript, found {files}")
        return None
    path = os.path.join(TR, files[0])
    if not files[0].endswith("." + ext):
        problem(f"{doc_id}: expected .{ext}, found {files[0]}")
        return None
    labels = (il, rl)
    if kind == "docx":
        try:
            header, segs, err = parse_docx(path, labels)
        except (zipfile.BadZipFile, KeyError, ET.ParseError) as e:
            problem(f"{doc_id}: unreadable docx: {e}")
            return None
    else:
        data = open(path, "rb").read()
        try:
            raw = data.decode(enc)
        except UnicodeDecodeError as e:
            problem(f"{doc_id}: not readable as {enc}: {e}")
            return None
        if enc == "cp1252":
            try:
                data.decode("utf-8")
                problem(f"{doc_id}: meant as Windows-1252 but decodes as UTF-8 (no 8-bit characters?)")
            except UnicodeDecodeError:
                pass
            if b"\r\n" not in data or re.search(rb"(?<!\r)\n", data):
                problem(f"{doc_id}: Windows-1252 file should use CRLF line ends throughout")
        if ext == "srt" and (b"\r\n" not in data or re.search(rb"(?<!\r)\n", data)):
            problem(f"{doc_id}: srt should use CRLF line ends throughout")
        parser = {"labels": parse_labels, "stamped": parse_stamped, "vtt": parse_vtt,
                  "srt": parse_srt}[kind]
        header, segs, err = parser(raw, labels)
    if err:
        problem(f"{doc_id}: {err}")
        return None
    turns = merge(segs)
    for h in header:
        lab, _ = label_split(h, labels)
        if lab:
            problem(f"{doc_id}: header line looks like a turn: {h[:50]!r}")
    fulltext = "\n".join(header + [f"{il} {rl}"] + [t for _, t in turns])
    return dict(header=header, turns=turns, il=il, rl=rl, text=fulltext, ext=ext, kind=kind)


def main():
    docs = {}
    for doc_id in DOCS:
        d = read_doc(doc_id)
        if d is None:
            continue
        docs[doc_id] = d
        turns = d["turns"]
        if not turns or turns[0][0] != d["il"]:
            problem(f"{doc_id}: interviewer does not speak first")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{doc_id}: turns {i} and {i + 1} do not alternate")
        n_resp = sum(1 for s, _ in turns if s == d["rl"])
        if not 10 <= n_resp <= 45:
            problem(f"{doc_id}: {n_resp} respondent turns (want 10-45)")
        n_words = sum(words(t) for _, t in turns)
        d["words"], d["n_resp"] = n_words, n_resp
        if not 1500 <= n_words <= 2600:
            problem(f"{doc_id}: {n_words} spoken words (want 1500-2600)")
    kinds = {(d["ext"], d["kind"]) for d in docs.values()}
    exts = {d["ext"] for d in docs.values()}
    if len(exts) < 4:
        problem(f"only {len(exts)} different file formats: {sorted(exts)}")

    # styles.csv
    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            problem(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
        if r["style"] not in WANT_MIX:
            problem(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: empty rationale for {r['doc_id']}")
    if set(seen) != set(DOCS):
        problem(f"styles.csv: docs {sorted(seen)} != {sorted(DOCS)}")
    mix = {k: sum(1 for r in rows if r["style"] == k) for k in WANT_MIX}
    if mix != WANT_MIX:
        problem(f"styles.csv: mix {mix} != {WANT_MIX}")
    ob = [r["rationale"].lower() for r in rows if r["style"] == "onbepaald"]
    if not (any("mixed" in x for x in ob) and any("too little evidence" in x for x in ob)):
        problem("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys):
        problem("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")
    for r in orows:
        d = docs.get(r["doc_id"])
        if r["orientation"] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad value {r['orientation']!r}")
        if d is None:
            problem(f"orientation.csv: unknown doc {r['doc_id']}")
            continue
        i = int(r["turn_index"])
        if not 1 <= i <= len(d["turns"]) or d["turns"][i - 1][0] != d["rl"]:
            problem(f"orientation.csv: {r['doc_id']} turn {i} is not a respondent turn")

    # identifiers.csv
    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    count = {k: 0 for k in DOCS}
    pairs = set()
    for r in irows:
        d = docs.get(r["doc_id"])
        if r["type"] not in TYPES:
            problem(f"identifiers.csv: bad type {r['type']!r}")
        if (r["doc_id"], r["identifier"]) in pairs:
            problem(f"identifiers.csv: duplicate {r['doc_id']} {r['identifier']!r}")
        pairs.add((r["doc_id"], r["identifier"]))
        if d is None:
            problem(f"identifiers.csv: unknown doc {r['doc_id']}")
            continue
        count[r["doc_id"]] += 1
        if r["identifier"] not in d["text"]:
            problem(f"identifiers.csv: {r['doc_id']}: {r['identifier']!r} not found verbatim")
    for k, n in count.items():
        if n < 5:
            problem(f"identifiers.csv: {k} has only {n} identifiers (want at least 5)")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    if "-v" in sys.argv:
        for k, d in docs.items():
            print(f"# {k}: {d['ext']:<4} words={d['words']} respondent_turns={d['n_resp']} "
                  f"identifiers={count[k]}")
    print("OK")


if __name__ == "__main__":
    main()
