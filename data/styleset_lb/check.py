"""Check set LB against the brief, from the built transcripts (standard library only).

Usage: python check.py [--stats]
Prints OK (exit 0) or the problems (exit 1). With --stats also prints words and turns per document.
"""
import csv
import html
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(ROOT, "transcripts")
DOC_IDS = [f"lb{n:02d}" for n in range(1, 7)]
# speaker labels as they appear in each built transcript: (interviewer, respondent)
LABELS = {
    "lb01": ("Interviewer", "Respondent"),
    "lb02": ("I", "R"),
    "lb03": ("Joost Hendriks", "Sabine Kortekaas"),
    "lb04": ("Eva", "Ruud"),
    "lb05": ("Spreker 1", "Spreker 2"),
    "lb06": ("Karin Mulder", "Wim Goedhart"),
}
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
WORDS = (1500, 2600)
RTURNS = (10, 45)

problems = []


def bad(msg):
    problems.append(msg)


def label_re(labels):
    alt = "|".join(re.escape(l) for l in labels)
    return re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?(" + alt + r"):\s*(.*)$")


def merge(seq):
    """seq of (speaker, text) -> turns, consecutive same speaker merged."""
    turns = []
    for spk, text in seq:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def lines_to_turns(lines, labels, doc):
    rx = label_re(labels)
    seq, started = [], False
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = rx.match(s)
        if m:
            started = True
            seq.append((m.group(1), m.group(2)))
        elif started:
            bad(f"{doc}: line outside a turn after the first turn: {s[:60]!r}")
    return merge(seq)


def read_docx(path, labels, doc):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(html.unescape("".join(texts)))
    full = "\n".join(paras)
    return full, lines_to_turns(paras, labels, doc)


def read_txt(path, labels, doc):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
        enc = "utf-8"
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
            enc = "cp1252"
        except UnicodeDecodeError:
            bad(f"{doc}: not readable as UTF-8 or Windows-1252")
            return "", [], None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r\n" in text and re.search(r"(?<!\r)\n", text):
        bad(f"{doc}: mixed line endings")
    return text, lines_to_turns(text.splitlines(), labels, doc), enc


def read_vtt(path, labels, doc):
    text = open(path, encoding="utf-8").read()
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    seq = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = block.strip().split("\n")
        if not lines or lines[0].startswith(("WEBVTT", "NOTE")):
            continue
        i = next((k for k, l in enumerate(lines) if "-->" in l), None)
        if i is None:
            bad(f"{doc}: vtt block without timing: {block[:40]!r}")
            continue
        payload = " ".join(lines[i + 1:])
        m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", payload)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {payload[:40]!r}")
            continue
        spk = m.group(1)
        if spk not in labels:
            bad(f"{doc}: unknown voice {spk!r}")
        seq.append((spk, re.sub(r"<[^>]+>", "", m.group(2))))
    return text, merge(seq)


def read_srt(path, labels, doc):
    text = open(path, "rb").read().decode("utf-8")
    seq = []
    rx = label_re(labels)
    for block in re.split(r"\r?\n\s*\r?\n", text.strip()):
        lines = block.strip().splitlines()
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            bad(f"{doc}: malformed srt block: {block[:40]!r}")
            continue
        payload = " ".join(l.strip() for l in lines[2:])
        m = rx.match(payload)
        if not m:
            bad(f"{doc}: srt cue without speaker: {payload[:40]!r}")
            continue
        seq.append((m.group(1), m.group(2)))
    return text, merge(seq)


def load(doc):
    files = [f for f in os.listdir(TR) if f.split(".")[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {files}")
        return None
    path = os.path.join(TR, files[0])
    ext = files[0].rsplit(".", 1)[1]
    labels = LABELS[doc]
    enc = "utf-8"
    if ext == "docx":
        full, turns = read_docx(path, labels, doc)
    elif ext == "txt":
        full, turns, enc = read_txt(path, labels, doc)
    elif ext == "vtt":
        full, turns = read_vtt(path, labels, doc)
    elif ext == "srt":
        full, turns = read_srt(path, labels, doc)
    else:
        bad(f"{doc}: unknown format {ext}")
        return None
    return dict(ext=ext, enc=enc, full=full, turns=turns, labels=labels)


def main():
    stats = "--stats" in sys.argv
    docs = {d: load(d) for d in DOC_IDS}
    formats = set()
    for d, info in docs.items():
        if not info:
            continue
        formats.add((info["ext"], info["enc"]))
        turns = info["turns"]
        if not turns:
            bad(f"{d}: no turns found")
            continue
        for n, (spk, _) in enumerate(turns):
            want = info["labels"][n % 2]
            if spk != want:
                bad(f"{d}: turn {n + 1} is {spk!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
        words = sum(len(t.split()) for _, t in turns)
        rt = sum(1 for n in range(len(turns)) if n % 2 == 1)
        info["words"], info["rturns"] = words, rt
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{d}: {words} words, outside {WORDS}")
        if not RTURNS[0] <= rt <= RTURNS[1]:
            bad(f"{d}: {rt} respondent turns, outside {RTURNS}")
        if FORBIDDEN.search(info["full"]):
            bad(f"{d}: forbidden label word in transcript")
        if stats:
            print(f"{d}\t{info['ext']}/{info['enc']}\twords={words}\tturns={len(turns)}\trespondent_turns={rt}")
    if len(formats) < 4:
        bad(f"only {len(formats)} different formats: {sorted(formats)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8")))
    except OSError:
        rows = []
        bad("styles.csv missing")
    seen = {}
    for r in rows:
        if r["doc_id"] in seen:
            bad(f"styles.csv: duplicate {r['doc_id']}")
        seen[r["doc_id"]] = r
        if r["style"] not in MIX:
            bad(f"styles.csv: bad style {r['style']!r} for {r['doc_id']}")
        if not r.get("rationale", "").strip():
            bad(f"styles.csv: no rationale for {r['doc_id']}")
    if set(seen) != set(DOC_IDS):
        bad(f"styles.csv: documents {sorted(seen)} != {DOC_IDS}")
    counts = {s: sum(1 for r in rows if r["style"] == s) for s in MIX}
    if counts != MIX:
        bad(f"styles.csv: mix {counts} != {MIX}")
    kinds = sorted("mixed" if "mixed" in r["rationale"].lower() else
                   "too little evidence" if "too little evidence" in r["rationale"].lower() else "?"
                   for r in rows if r["style"] == "onbepaald")
    if kinds != ["mixed", "too little evidence"]:
        bad(f"styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence")

    # orientation.csv
    try:
        orows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8")))
    except OSError:
        orows = []
        bad("orientation.csv missing")
    keys = []
    for r in orows:
        d = r["doc_id"]
        try:
            n = int(r["turn_index"])
        except ValueError:
            bad(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((d, n))
        if r["orientation"] not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r['orientation']!r} ({d}, {n})")
        info = docs.get(d)
        if not info:
            bad(f"orientation.csv: unknown doc {d}")
            continue
        if not (1 <= n <= len(info["turns"])) or n % 2 != 0 or info["turns"][n - 1][0] != info["labels"][1]:
            bad(f"orientation.csv: ({d}, {n}) is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicates")

    # identifiers.csv
    try:
        irows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8")))
    except OSError:
        irows = []
        bad("identifiers.csv missing")
    per_doc, seen_i = {}, set()
    for r in irows:
        d, v, t = r["doc_id"], r["identifier"], r["type"]
        if (d, v) in seen_i:
            bad(f"identifiers.csv: duplicate ({d}, {v!r})")
        seen_i.add((d, v))
        per_doc[d] = per_doc.get(d, 0) + 1
        if t not in TYPES:
            bad(f"identifiers.csv: bad type {t!r} for ({d}, {v!r})")
        info = docs.get(d)
        if not info:
            bad(f"identifiers.csv: unknown doc {d}")
        elif v not in info["full"]:
            bad(f"identifiers.csv: {v!r} not found verbatim in {d}")
    for d in DOC_IDS:
        if per_doc.get(d, 0) < 5:
            bad(f"identifiers.csv: {d} has {per_doc.get(d, 0)} identifiers (< 5)")
        elif stats:
            print(f"{d}\tidentifiers={per_doc[d]}")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
