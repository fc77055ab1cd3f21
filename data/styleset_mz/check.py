"""Check the built set (standard library only). Parses the built transcripts, not the sources.

Usage: python3 check.py      -> prints OK, or the problems and exits with status 1.
"""
import csv
import html
import re
import sys
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"

# doc_id -> (extension, encoding, requires CRLF, interviewer label, respondent label, layout)
DOCS = {
    "mz01": ("docx", None, False, "Interviewer", "Hanneke", "lines"),
    "mz02": ("vtt", "utf-8", False, "Interviewer", "Dewi", "vtt"),
    "mz03": ("txt", "cp1252", True, "I", "R", "lines"),
    "mz04": ("srt", "utf-8", True, "Interviewer", "G. Timmer", "srt"),
    "mz05": ("txt", "utf-8", False, "Spreker 1", "Spreker 2", "timestamped"),
    "mz06": ("docx", None, False, "Interviewer", "Respondent", "lines"),
}
WANT_STYLES = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
METADATA_KEYS = {"Respondent", "Datum", "Opname", "Sprekers", "Duur", "Interviewer", "Locatie"}
WORD_MIN, WORD_MAX = 1500, 2600
RTURN_MIN, RTURN_MAX = 10, 45
TIMING = re.compile(r"^(\d\d):(\d\d):(\d\d)[.,](\d\d\d) --> (\d\d):(\d\d):(\d\d)[.,](\d\d\d)")

problems = []


def problem(msg):
    problems.append(msg)


def secs(g):
    return int(g[0]) * 3600 + int(g[1]) * 60 + int(g[2]) + int(g[3]) / 1000


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    lines = []
    for p in re.findall(r"<w:p(?:\s[^>]*)?>.*?</w:p>|<w:p(?:\s[^>]*)?/>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?:\s[^>]*)?>(.*?)</w:t>", p, flags=re.S)
        lines.append(html.unescape("".join(texts)))
    return lines


def parse_lines(doc_id, lines, ilab, rlab, timestamped):
    """Header lines before the first turn; every later non-empty line must be a turn."""
    if timestamped:
        pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\] (" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.+)$")
    else:
        pat = re.compile(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.+)$")
    turns, last_t = [], -1
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = pat.match(s)
        if not m:
            if turns:
                problem(f"{doc_id}: line after first turn is not a turn: {s[:60]!r}")
            else:
                k = re.match(r"^([A-Z][\w .]{0,30}):\s", s)
                if k and k.group(1) not in METADATA_KEYS:
                    problem(f"{doc_id}: header line looks like a speaker turn: {s[:60]!r}")
            continue
        if timestamped:
            t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
            if t < last_t:
                problem(f"{doc_id}: timestamps go backwards at {s[:30]!r}")
            last_t = t
            spk, text = m.group(4), m.group(5)
        else:
            spk, text = m.group(1), m.group(2)
        turns.append((spk, text))
    return turns


def parse_cues(doc_id, text, kind, ilab, rlab):
    lines = text.split("\n")
    if kind == "vtt" and not lines[0].startswith("WEBVTT"):
        problem(f"{doc_id}: missing WEBVTT signature")
    blocks, cur = [], []
    for ln in (lines[1:] if kind == "vtt" else lines):
        if ln.strip():
            cur.append(ln.rstrip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    cues, last_end, number = [], -1.0, 0
    for b in blocks:
        if kind == "vtt" and (b[0].startswith("NOTE") or b[0].startswith("STYLE")):
            continue
        if kind == "srt":
            number += 1
            if b[0] != str(number):
                problem(f"{doc_id}: cue number {b[0]!r}, expected {number}")
            b = b[1:]
        elif not TIMING.match(b[0]) and len(b) > 1:
            b = b[1:]  # optional vtt cue identifier
        m = TIMING.match(b[0]) if b else None
        if not m:
            problem(f"{doc_id}: cue without timing line: {b[:1]}")
            continue
        start, end = secs(m.groups()[:4]), secs(m.groups()[4:])
        if end <= start or start < last_end:
            problem(f"{doc_id}: bad cue timing {b[0]!r}")
        last_end = end
        body = " ".join(x.strip() for x in b[1:])
        if kind == "vtt":
            v = re.match(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>(.*)$", body)
            if not v:
                problem(f"{doc_id}: vtt cue without voice tag: {body[:50]!r}")
                continue
            spk, txt = v.group(1).strip(), re.sub(r"</?[^>]+>", "", v.group(2)).strip()
        else:
            v = re.match(r"^(" + re.escape(ilab) + "|" + re.escape(rlab) + r"): (.+)$", body)
            if not v:
                problem(f"{doc_id}: srt cue without speaker label: {body[:50]!r}")
                continue
            spk, txt = v.group(1), v.group(2)
        cues.append((spk, txt))
    turns = []
    for spk, txt in cues:  # a turn may span several consecutive cues
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + txt)
        else:
            turns.append((spk, txt))
    return turns


def read_doc(doc_id):
    ext, enc, crlf, ilab, rlab, layout = DOCS[doc_id]
    files = sorted(TR.glob(f"{doc_id}.*"))
    if len(files) != 1:
        problem(f"{doc_id}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, None
    path = files[0]
    if path.suffix != "." + ext:
        problem(f"{doc_id}: expected .{ext}, found {path.name}")
        return None, None
    if ext == "docx":
        try:
            lines = docx_lines(path)
        except Exception as e:  # noqa: BLE001
            problem(f"{doc_id}: unreadable docx: {e}")
            return None, None
        return "\n".join(lines), parse_lines(doc_id, lines, ilab, rlab, False)
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f"{doc_id}: not readable as {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc_id}: declared Windows-1252 but the file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    text = text.lstrip("\ufeff")
    if crlf:
        if raw.count(b"\n") != raw.count(b"\r\n") or b"\r\n" not in raw:
            problem(f"{doc_id}: expected CRLF line endings throughout")
    elif b"\r" in raw:
        problem(f"{doc_id}: unexpected CR characters")
    text_n = text.replace("\r\n", "\n")
    if layout in ("vtt", "srt"):
        turns = parse_cues(doc_id, text_n, layout, ilab, rlab)
    else:
        turns = parse_lines(doc_id, text_n.split("\n"), ilab, rlab, layout == "timestamped")
    return text_n, turns


def words(s):
    return sum(1 for w in s.split() if re.search(r"\w", w))


def read_csv(name, header):
    path = ROOT / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {header}")
        return []
    return rows[1:]


def main():
    texts, turn_lists = {}, {}
    for doc_id, (ext, enc, crlf, ilab, rlab, layout) in DOCS.items():
        text, turns = read_doc(doc_id)
        if text is None:
            continue
        texts[doc_id], turn_lists[doc_id] = text, turns
        speakers = {s for s, _ in turns}
        if speakers - {ilab, rlab}:
            problem(f"{doc_id}: unknown speakers {speakers - {ilab, rlab}}")
        for i, (spk, _) in enumerate(turns, 1):
            want = ilab if i % 2 else rlab
            if spk != want:
                problem(f"{doc_id}: turn {i} is {spk!r}, expected {want!r} (turns must alternate, interviewer first)")
                break
        n_r = sum(1 for s, _ in turns if s == rlab)
        if not RTURN_MIN <= n_r <= RTURN_MAX:
            problem(f"{doc_id}: {n_r} respondent turns, outside {RTURN_MIN}-{RTURN_MAX}")
        w = sum(words(t) for _, t in turns)
        if not WORD_MIN <= w <= WORD_MAX:
            problem(f"{doc_id}: {w} spoken words, outside {WORD_MIN}-{WORD_MAX}")
    extra = [f.name for f in TR.iterdir() if f.stem not in DOCS] if TR.exists() else []
    if extra:
        problem(f"transcripts/: unexpected files {extra}")
    if len({DOCS[d][0] + "/" + DOCS[d][5] + "/" + str(DOCS[d][1]) for d in DOCS}) < 4 or \
            len({DOCS[d][0] for d in DOCS}) < 4:
        problem("fewer than four different transcript formats")

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen = Counter(r[0] for r in rows)
    if set(seen) != set(DOCS) or any(c > 1 for c in seen.values()):
        problem(f"styles.csv: need exactly one row per doc, got {dict(seen)}")
    styles = Counter()
    for r in rows:
        if len(r) != 3 or r[1] not in WANT_STYLES or not r[2].strip():
            problem(f"styles.csv: bad row {r}")
            continue
        styles[r[1]] += 1
        if r[1] == "onbepaald" and "mixed" not in r[2].lower():
            problem(f"styles.csv: {r[0]} onbepaald must be the genuinely mixed kind (say so)")
    if styles != Counter(WANT_STYLES):
        problem(f"styles.csv: style mix {dict(styles)} != {WANT_STYLES}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ("casus", "netwerk"):
            problem(f"orientation.csv: bad row {r}")
            continue
        keys.append((r[0], int(r[1])))
        turns = turn_lists.get(r[0])
        if turns is None:
            continue
        i = int(r[1])
        if not 1 <= i <= len(turns) or turns[i - 1][0] != DOCS[r[0]][4]:
            problem(f"orientation.csv: {r[0]} turn {i} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: rows not sorted")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    per_doc = Counter()
    seen_ids = set()
    for r in rows:
        if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
            problem(f"identifiers.csv: bad row {r}")
            continue
        if (r[0], r[1]) in seen_ids:
            problem(f"identifiers.csv: duplicate {r[0]} {r[1]!r}")
        seen_ids.add((r[0], r[1]))
        per_doc[r[0]] += 1
        if r[0] in texts and r[1] not in texts[r[0]]:
            problem(f"identifiers.csv: {r[0]} {r[1]!r} does not occur verbatim in the transcript")
    for d in DOCS:
        if per_doc[d] < 5:
            problem(f"identifiers.csv: {d} has only {per_doc[d]} identifiers (need at least 5)")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
