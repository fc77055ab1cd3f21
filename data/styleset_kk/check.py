"""Check setKK: parses the BUILT transcripts (not src/) and the three csv files.

Standard library only. Prints OK or the list of problems (exit status 1).
Run: python3 check.py   (from any directory)
"""
import csv
import glob
import html
import os
import re
import sys
import zipfile
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TRANS = os.path.join(HERE, "transcripts")
DOC_IDS = [f"kk{i:02d}" for i in range(1, 7)]
WANT_MIX = {"casusgericht": 3, "netwerkgericht": 2, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker"]
WORD_MIN, WORD_MAX = 1500, 2600
RESP_MIN, RESP_MAX = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def words(text):
    return len([w for w in text.split() if re.search(r"\w", w)])


# ---------- readers ----------

def read_docx(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        p = re.sub(r"<w:tab/>", "\t", p)
        p = re.sub(r"<w:br/>", "\n", p)
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(html.unescape("".join(texts)))
    return "utf-8 (docx)", paras


def decode_text(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
        enc = "utf-8"
        if text.startswith("\ufeff"):
            text = text[1:]
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")  # strict: fails on undefined bytes
            enc = "cp1252"
        except UnicodeDecodeError as e:
            problem(f"{os.path.basename(path)}: not readable as utf-8 or cp1252 ({e})")
            return None, None
    if "\r\n" in text and re.search(r"(?<!\r)\n", text):
        problem(f"{os.path.basename(path)}: mixed line endings")
    return enc, text.replace("\r\n", "\n")


LABEL = re.compile(r"^(?:\[(\d{2}:\d{2}:\d{2})\]\s+)?([^:\[\]\n]{1,40}?):\s+(.*)$")


def turns_from_paragraphs(name, paras):
    """Labelled paragraphs -> header lines + turns [(speaker, text)]."""
    paras = [p.strip() for p in paras if p.strip()]
    labels = Counter()
    for p in paras:
        m = LABEL.match(p)
        if m:
            labels[m.group(2).strip()] += 1
    speakers = {lab for lab, n in labels.items() if n >= 3}
    if len(speakers) != 2:
        problem(f"{name}: expected 2 speaker labels, found {sorted(speakers)}")
    header, turns, started = [], [], False
    for p in paras:
        m = LABEL.match(p)
        if m and m.group(2).strip() in speakers:
            started = True
            turns.append([m.group(2).strip(), m.group(3)])
        elif not started:
            header.append(p)
        else:
            problem(f"{name}: unlabelled paragraph after the first turn: {p[:50]!r}")
    return header, turns


def turns_from_cues(name, text, kind):
    blocks = re.split(r"\n\s*\n", text.strip())
    cues = []
    header = []
    for i, b in enumerate(blocks):
        lines = b.split("\n")
        if kind == "vtt":
            if i == 0:
                if not lines[0].startswith("WEBVTT"):
                    problem(f"{name}: does not start with WEBVTT")
                header += lines[1:]
                continue
            if lines[0].startswith("NOTE"):
                header += lines[1:]
                continue
        timing = [j for j, l in enumerate(lines) if "-->" in l]
        if not timing:
            problem(f"{name}: block without timing: {b[:40]!r}")
            continue
        if kind == "srt" and not lines[0].strip().isdigit():
            problem(f"{name}: srt cue without number: {b[:40]!r}")
        body = " ".join(lines[timing[0] + 1:]).strip()
        if kind == "vtt":
            m = re.match(r"^<v(?:\.[^ >]*)? ([^>]+)>(.*?)(?:</v>)?$", body)
            if not m:
                problem(f"{name}: cue without voice tag: {body[:40]!r}")
                continue
            spk, txt = m.group(1).strip(), m.group(2)
        else:
            m = re.match(r"^([^:]{1,40}?):\s+(.*)$", body)
            if not m:
                problem(f"{name}: cue without speaker: {body[:40]!r}")
                continue
            spk, txt = m.group(1).strip(), m.group(2)
        cues.append((spk, re.sub(r"<[^>]+>", "", txt)))
    turns = []
    for spk, txt in cues:
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + txt
        else:
            turns.append([spk, txt])
    if len({s for s, _ in cues}) != 2:
        problem(f"{name}: expected 2 speakers, found {sorted({s for s, _ in cues})}")
    return header, turns


def load(doc_id):
    files = glob.glob(os.path.join(TRANS, doc_id + ".*"))
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {len(files)}")
        return None
    path = files[0]
    name = os.path.basename(path)
    ext = os.path.splitext(path)[1].lower()
    if ext == ".docx":
        enc, paras = read_docx(path)
        header, turns = turns_from_paragraphs(name, paras)
        full = "\n".join(paras)
    elif ext in (".txt", ".vtt", ".srt"):
        enc, text = decode_text(path)
        if text is None:
            return None
        if ext == ".txt":
            header, turns = turns_from_paragraphs(name, text.split("\n"))
        else:
            header, turns = turns_from_cues(name, text, ext[1:])
        full = text
    else:
        problem(f"{name}: unsupported format")
        return None
    return {"name": name, "ext": ext, "enc": enc, "header": header, "turns": turns, "full": full}


# ---------- checks ----------

def main():
    docs = {}
    for d in DOC_IDS:
        doc = load(d)
        if doc is None:
            continue
        docs[d] = doc
        turns = doc["turns"]
        if not turns:
            problem(f"{d}: no turns")
            continue
        interviewer = turns[0][0]
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                problem(f"{d}: turns {i} and {i + 1} by the same speaker ({turns[i][0]})")
        doc["roles"] = ["I" if s == interviewer else "R" for s, _ in turns]
        for i, r in enumerate(doc["roles"], 1):
            if (r == "I") != (i % 2 == 1):
                problem(f"{d}: turn {i} breaks interviewer/respondent alternation")
        nresp = doc["roles"].count("R")
        nwords = sum(words(t) for _, t in turns)
        doc["words"], doc["nresp"] = nwords, nresp
        if not WORD_MIN <= nwords <= WORD_MAX:
            problem(f"{d}: {nwords} spoken words, outside {WORD_MIN}-{WORD_MAX}")
        if not RESP_MIN <= nresp <= RESP_MAX:
            problem(f"{d}: {nresp} respondent turns, outside {RESP_MIN}-{RESP_MAX}")
        for h in doc["header"]:
            m = LABEL.match(h)
            if m and m.group(2).strip() in {s for s, _ in turns}:
                problem(f"{d}: header line looks like a turn: {h[:50]!r}")
        low = doc["full"].lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f"{d}: forbidden word {w!r} in transcript")
    exts = {doc["ext"] + ("/" + doc["enc"] if doc["ext"] == ".txt" else "") for doc in docs.values()}
    if len({doc["ext"] for doc in docs.values()}) < 4:
        problem(f"fewer than four formats: {sorted(exts)}")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "styles.csv"), encoding="utf-8", newline="")))
    except OSError as e:
        rows = []
        problem(f"styles.csv: {e}")
    ids = [r["doc_id"] for r in rows]
    if sorted(ids) != DOC_IDS:
        problem(f"styles.csv: doc ids {ids} != {DOC_IDS}")
    mix = Counter(r["style"] for r in rows)
    if dict(mix) != WANT_MIX:
        problem(f"styles.csv: mix {dict(mix)} != {WANT_MIX}")
    for r in rows:
        if not r.get("rationale", "").strip():
            problem(f"styles.csv: {r['doc_id']} without rationale")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "orientation.csv"), encoding="utf-8", newline="")))
    except OSError as e:
        rows = []
        problem(f"orientation.csv: {e}")
    keys = []
    for r in rows:
        d, o = r["doc_id"], r["orientation"]
        try:
            i = int(r["turn_index"])
        except ValueError:
            problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
            continue
        keys.append((d, i))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: {d} {i}: bad orientation {o!r}")
        if d not in docs:
            problem(f"orientation.csv: unknown doc {d}")
            continue
        roles = docs[d].get("roles", [])
        if not 1 <= i <= len(roles):
            problem(f"orientation.csv: {d} turn {i} out of range (1-{len(roles)})")
        elif roles[i - 1] != "R":
            problem(f"orientation.csv: {d} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8", newline="")))
    except OSError as e:
        rows = []
        problem(f"identifiers.csv: {e}")
    seen = Counter()
    per_doc = Counter()
    for r in rows:
        d, s, t = r["doc_id"], r["identifier"], r["type"]
        seen[(d, s)] += 1
        per_doc[d] += 1
        if t not in TYPES:
            problem(f"identifiers.csv: {d} {s!r}: bad type {t}")
        if d not in docs:
            problem(f"identifiers.csv: unknown doc {d}")
        elif s not in docs[d]["full"]:
            problem(f"identifiers.csv: {d}: {s!r} does not occur verbatim in {docs[d]['name']}")
    for k, n in seen.items():
        if n > 1:
            problem(f"identifiers.csv: duplicate row {k}")
    for d in DOC_IDS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has only {per_doc[d]} identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    for d, doc in docs.items():
        print(f"# {d}: {doc['name']} ({doc['enc']}) words={doc['words']} turns={len(doc['turns'])} "
              f"respondent_turns={doc['nresp']}")
    print("OK")


if __name__ == "__main__":
    main()
