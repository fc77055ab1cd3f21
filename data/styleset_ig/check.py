"""Check set IG against the brief, from the built transcripts (standard library only).

Usage: python3 check.py      -> prints OK, or the problems (exit status 1)
"""
import csv
import html
import re
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    "ig01": ("srt", "utf-8", "Interviewer", "Marcel"),
    "ig02": ("docx", None, "Interviewer", "Respondent"),
    "ig03": ("vtt", "utf-8", "Fleur Verhoeven", "Yasmina Ouali"),
    "ig04": ("txt", "cp1252", "I", "R"),
    "ig05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "ig06": ("docx", None, "Fleur", "Jeroen"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)

problems = []


def merge(seq):
    """seq of (speaker, text) -> list of turns, consecutive same-speaker parts merged."""
    turns = []
    for spk, text in seq:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + text
        else:
            turns.append([spk, text])
    return turns


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        paras.append(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S))))
    return paras


def labelled(lines, labels, pattern=None):
    """Lines -> (header lines, [(speaker, text)]); continuation lines are appended to the open turn."""
    header, seq = [], []
    rx = pattern or re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s?(.*)$")
    for line in lines:
        m = rx.match(line)
        if m:
            seq.append([m.group(m.lastindex - 1), m.group(m.lastindex)])
        elif line.strip():
            if seq:
                seq[-1][1] += " " + line.strip()
            else:
                header.append(line)
    return header, seq


def parse(doc, path, ext, enc, il, rl):
    """Return (full text, turns) of one transcript."""
    if ext == "docx":
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        _, seq = labelled(paras, [il, rl])
        return full, merge(seq)
    raw = path.read_bytes()
    try:
        full = raw.decode(enc)
    except UnicodeDecodeError as e:
        problems.append(f"{doc}: not readable as {enc}: {e}")
        return "", []
    if enc == "cp1252" and b"\r\n" not in raw:
        problems.append(f"{doc}: expected CRLF line ends")
    lines = full.replace("\r\n", "\n").split("\n")
    if ext == "txt":
        if any(re.match(r"^\[\d\d:\d\d:\d\d\] ", l) for l in lines):
            rx = re.compile(r"^\[\d\d:\d\d:\d\d\] (" + re.escape(il) + "|" + re.escape(rl) + r"):\s?(.*)$")
            _, seq = labelled(lines, [il, rl], rx)
        else:
            _, seq = labelled(lines, [il, rl])
        return full, merge(seq)
    blocks = re.split(r"\n\s*\n", full.replace("\r\n", "\n").strip())
    seq = []
    if ext == "vtt":
        if not blocks or not blocks[0].startswith("WEBVTT"):
            problems.append(f"{doc}: no WEBVTT signature")
        for b in blocks[1:]:
            bl = b.split("\n")
            if bl[0].startswith("NOTE"):
                continue
            ti = next((i for i, l in enumerate(bl) if "-->" in l), None)
            if ti is None:
                problems.append(f"{doc}: vtt block without timing: {b[:40]!r}")
                continue
            text = " ".join(bl[ti + 1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", text)
            if not m:
                problems.append(f"{doc}: vtt cue without voice tag: {text[:40]!r}")
                continue
            seq.append((m.group(1), m.group(2)))
    elif ext == "srt":
        for n, b in enumerate(blocks, 1):
            bl = b.split("\n")
            if len(bl) < 3 or bl[0].strip() != str(n) or "-->" not in bl[1]:
                problems.append(f"{doc}: malformed srt cue {n}")
                continue
            text = " ".join(bl[2:])
            m = re.match(r"^(" + re.escape(il) + "|" + re.escape(rl) + r"):\s?(.*)$", text)
            if not m:
                problems.append(f"{doc}: srt cue {n} without speaker")
                continue
            seq.append((m.group(1), m.group(2)))
    return full, merge(seq)


def main():
    texts, turns_of = {}, {}
    for doc, (ext, enc, il, rl) in DOCS.items():
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            problems.append(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
            continue
        if files[0].suffix != "." + ext:
            problems.append(f"{doc}: expected .{ext}, found {files[0].name}")
            continue
        full, turns = parse(doc, files[0], ext, enc, il, rl)
        texts[doc], turns_of[doc] = full, turns
        if not turns:
            problems.append(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if spk != want:
                problems.append(f"{doc}: turn {i} is {spk!r}, expected {want!r}")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problems.append(f"{doc}: {words} words outside {WORDS}")
        nr = sum(1 for s, _ in turns if s == rl)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problems.append(f"{doc}: {nr} respondent turns outside {RTURNS}")
        if FORBIDDEN.search(full):
            problems.append(f"{doc}: forbidden label word in transcript")

    # styles.csv
    with open(ROOT / "styles.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problems.append(f"styles.csv: doc ids {ids}")
    mix = {}
    for r in rows:
        mix[r["style"]] = mix.get(r["style"], 0) + 1
        if not r["rationale"].strip():
            problems.append(f"styles.csv: {r['doc_id']} without rationale")
        if r["style"] == "onbepaald" and not re.search(r"mixed|too little evidence", r["rationale"], re.I):
            problems.append(f"styles.csv: {r['doc_id']} onbepaald without kind")
    if mix != WANT_MIX:
        problems.append(f"styles.csv: mix {mix}, wanted {WANT_MIX}")

    # orientation.csv
    with open(ROOT / "orientation.csv", encoding="utf-8", newline="") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(keys) != len(set(keys)):
        problems.append("orientation.csv: not sorted or has duplicates")
    for r in orows:
        doc, idx = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            problems.append(f"orientation.csv: bad value {r['orientation']!r}")
        if doc not in turns_of:
            problems.append(f"orientation.csv: unknown doc {doc}")
            continue
        turns = turns_of[doc]
        if not (1 <= idx <= len(turns)) or idx % 2 or turns[idx - 1][0] != DOCS[doc][3]:
            problems.append(f"orientation.csv: {doc} turn {idx} is not a respondent turn")

    # identifiers.csv
    with open(ROOT / "identifiers.csv", encoding="utf-8", newline="") as f:
        irows = list(csv.DictReader(f))
    seen = set()
    for r in irows:
        doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
        if typ not in TYPES:
            problems.append(f"identifiers.csv: bad type {typ!r}")
        if (doc, ident) in seen:
            problems.append(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        if doc in texts and ident not in texts[doc]:
            problems.append(f"identifiers.csv: {doc} {ident!r} not found verbatim")
    for doc in DOCS:
        n = sum(1 for d, _ in seen if d == doc)
        if n < 5:
            problems.append(f"identifiers.csv: {doc} has only {n} identifiers")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
