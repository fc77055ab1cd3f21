"""Check set mu: parses the BUILT transcripts (not the sources). Standard library only.

Usage: python check.py      -> prints OK (exit 0) or the problems (exit 1)
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
DOC_IDS = [f"mu{i:02d}" for i in range(1, 7)]
MIX = {"casusgericht": 1, "netwerkgericht": 3, "onbepaald": 2}
ONBEPAALD_KIND = "mixed"          # both onbepaald docs of this set are genuinely mixed
INTERVIEWER = {"mu01": "Interviewer", "mu02": "I", "mu03": "Bram Peeters",
               "mu04": "Lieke", "mu05": "Spreker 1", "mu06": "Daan"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABEL = re.compile(r"^\s*(?:\[(\d{1,2}:\d{2}(?::\d{2})?)\]\s*)?([^\W\d_][^:\n]{0,39}?)\s*:\s+(.*?)\s*$")
TIMING = re.compile(r"^\s*\d{1,2}:\d{2}:\d{2}[.,]\d{3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[.,]\d{3}")
VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^>]+)>")

problems = []


def problem(msg):
    problems.append(msg)


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def decode(doc, raw):
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        problem(f"{doc}: not readable as UTF-8 or Windows-1252")
        return None, None


def newline_check(doc, text):
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    if crlf and lf:
        problem(f"{doc}: mixed line endings ({crlf} CRLF, {lf} LF)")


def docx_lines(doc, path):
    try:
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
    except Exception as e:  # noqa: BLE001
        problem(f"{doc}: cannot read docx ({e})")
        return None
    lines = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag in (W + "br", W + "cr"):
                buf.append("\n")
        lines.append("".join(buf))
    return lines


def label_turns(doc, lines):
    """Turns from 'Label: text' lines; lines before the first speaker line are header."""
    counts = Counter()
    for ln in lines:
        m = LABEL.match(ln)
        if m:
            counts[m.group(2).strip()] += 1
    speakers = [lab for lab, n in counts.most_common(2) if n >= 5]
    if len(speakers) != 2:
        problem(f"{doc}: cannot find two speaker labels (found {counts.most_common(3)})")
        return []
    turns = []
    for ln in lines:
        m = LABEL.match(ln)
        if m and m.group(2).strip() in speakers:
            turns.append([m.group(2).strip(), m.group(3)])
        elif ln.strip() and turns:
            turns[-1][1] += " " + ln.strip()
    return turns


def cue_blocks(text):
    return [b.strip("\n").split("\n") for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n")) if b.strip()]


def vtt_turns(doc, text):
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        problem(f"{doc}: .vtt does not start with WEBVTT")
    turns = []
    for block in cue_blocks(text):
        idx = next((i for i, ln in enumerate(block) if TIMING.match(ln)), None)
        if idx is None:
            continue  # WEBVTT line, NOTE or STYLE block
        body = " ".join(block[idx + 1:])
        m = VOICE.search(body)
        spk = m.group(1).strip() if m else None
        clean = re.sub(r"</?[^>]+>", "", body).strip()
        if spk is None:
            lm = LABEL.match(clean)
            if lm:
                spk, clean = lm.group(2).strip(), lm.group(3)
        if spk is None and turns:
            spk = turns[-1][0]
        if spk is None:
            problem(f"{doc}: cue without speaker at start")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + clean
        else:
            turns.append([spk, clean])
    return turns


def srt_turns(doc, text):
    turns = []
    for block in cue_blocks(text):
        if len(block) < 3 or not block[0].strip().isdigit() or not TIMING.match(block[1]):
            problem(f"{doc}: malformed srt cue: {block[:2]}")
            continue
        body = " ".join(ln.strip() for ln in block[2:])
        lm = LABEL.match(body)
        if lm:
            spk, clean = lm.group(2).strip(), lm.group(3)
        elif turns:
            spk, clean = turns[-1][0], body
        else:
            problem(f"{doc}: first srt cue without speaker")
            continue
        if turns and turns[-1][0] == spk:
            turns[-1][1] += " " + clean
        else:
            turns.append([spk, clean])
    return turns


def load(doc):
    files = sorted(p for p in TR.glob(doc + ".*"))
    if len(files) != 1:
        problem(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None
    path = files[0]
    ext = path.suffix.lower()
    if ext == ".docx":
        lines = docx_lines(doc, path)
        if lines is None:
            return None
        fulltext = "\n".join(lines)
        turns = label_turns(doc, lines)
        fmt = "docx"
    elif ext in (".txt", ".vtt", ".srt"):
        text, enc = decode(doc, path.read_bytes())
        if text is None:
            return None
        newline_check(doc, text)
        fulltext = text
        if ext == ".txt":
            lines = text.replace("\r\n", "\n").split("\n")
            turns = label_turns(doc, lines)
            stamped = any(LABEL.match(ln) and LABEL.match(ln).group(1) for ln in lines)
            fmt = f"txt-{'timestamped' if stamped else 'labels'}-{enc}"
        elif ext == ".vtt":
            turns = vtt_turns(doc, text)
            fmt = "vtt"
        else:
            turns = srt_turns(doc, text)
            fmt = "srt"
    else:
        problem(f"{doc}: unsupported extension {ext}")
        return None
    return dict(path=path, fmt=fmt, text=fulltext, turns=turns)


def main():
    if not TR.is_dir():
        print(f"transcripts/ missing")
        return 1
    extra = [p.name for p in TR.iterdir() if p.stem not in DOC_IDS]
    if extra:
        problem(f"unexpected files in transcripts/: {extra}")
    docs = {}
    for doc in DOC_IDS:
        d = load(doc)
        if d is None:
            continue
        docs[doc] = d
        turns = d["turns"]
        if not turns:
            problem(f"{doc}: no turns parsed")
            continue
        spk = [t[0] for t in turns]
        if spk[0] != INTERVIEWER[doc]:
            problem(f"{doc}: first speaker is {spk[0]!r}, expected interviewer {INTERVIEWER[doc]!r}")
        names = set(spk)
        if len(names) != 2:
            problem(f"{doc}: expected two speakers, found {sorted(names)}")
        for i in range(1, len(spk)):
            if spk[i] == spk[i - 1]:
                problem(f"{doc}: turns {i} and {i + 1} have the same speaker {spk[i]!r}")
        iv = INTERVIEWER[doc]
        n_resp = sum(1 for s in spk if s != iv)
        if not RESP_TURNS[0] <= n_resp <= RESP_TURNS[1]:
            problem(f"{doc}: {n_resp} respondent turns (allowed {RESP_TURNS})")
        nw = sum(nwords(t[1]) for t in turns)
        if not WORDS[0] <= nw <= WORDS[1]:
            problem(f"{doc}: {nw} spoken words (allowed {WORDS})")
        wi = sum(nwords(t[1]) for t in turns if t[0] == iv)
        if wi >= nw - wi:
            problem(f"{doc}: interviewer speaks more than respondent ({wi} of {nw} words)")
        d["n_words"], d["n_resp"] = nw, n_resp

    kinds = {d["fmt"].rsplit("-", 1)[0] if d["fmt"].startswith("txt") else d["fmt"] for d in docs.values()}
    if len(kinds) < 4:
        problem(f"only {len(kinds)} transcript formats: {sorted(kinds)}")

    # styles.csv
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        ids = [r["doc_id"] for r in rows]
        if sorted(ids) != DOC_IDS:
            problem(f"styles.csv: doc ids {ids} (expected each of {DOC_IDS} once)")
        cnt = Counter(r["style"] for r in rows)
        if dict(cnt) != MIX:
            problem(f"styles.csv: mix {dict(cnt)}, expected {MIX}")
        for r in rows:
            if not (r.get("rationale") or "").strip():
                problem(f"styles.csv: {r['doc_id']} has no rationale")
            if r["style"] == "onbepaald" and ONBEPAALD_KIND not in r["rationale"].lower():
                problem(f"styles.csv: {r['doc_id']} onbepaald rationale does not name its kind ({ONBEPAALD_KIND})")
    except (OSError, KeyError) as e:
        problem(f"styles.csv unreadable: {e}")

    # orientation.csv
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, o = r["doc_id"], r["orientation"]
            try:
                ti = int(r["turn_index"])
            except ValueError:
                problem(f"orientation.csv: bad turn_index {r['turn_index']!r}")
                continue
            keys.append((doc, ti))
            if o not in ("casus", "netwerk"):
                problem(f"orientation.csv: {doc} {ti}: bad orientation {o!r}")
            if doc not in docs:
                problem(f"orientation.csv: unknown doc {doc}")
                continue
            turns = docs[doc]["turns"]
            if not 1 <= ti <= len(turns):
                problem(f"orientation.csv: {doc} turn {ti} out of range (1..{len(turns)})")
            elif turns[ti - 1][0] == INTERVIEWER[doc]:
                problem(f"orientation.csv: {doc} turn {ti} is an interviewer turn")
        if keys != sorted(keys):
            problem("orientation.csv: rows not sorted by doc_id, turn_index")
        if len(keys) != len(set(keys)):
            problem("orientation.csv: duplicate rows")
    except (OSError, KeyError) as e:
        problem(f"orientation.csv unreadable: {e}")

    # identifiers.csv
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        per_doc = Counter()
        seen = set()
        for r in rows:
            doc, s, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, s) in seen:
                problem(f"identifiers.csv: duplicate {doc} {s!r}")
            seen.add((doc, s))
            per_doc[doc] += 1
            if typ not in TYPES:
                problem(f"identifiers.csv: {doc} {s!r}: bad type {typ!r}")
            if doc not in docs:
                problem(f"identifiers.csv: unknown or unreadable doc {doc}")
            elif s not in docs[doc]["text"]:
                problem(f"identifiers.csv: {doc} {s!r} does not occur verbatim in {docs[doc]['path'].name}")
        for doc in DOC_IDS:
            if per_doc[doc] < 5:
                problem(f"identifiers.csv: {doc} has only {per_doc[doc]} identifiers")
    except (OSError, KeyError) as e:
        problem(f"identifiers.csv unreadable: {e}")

    if problems:
        for p in problems:
            print(p)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
