"""Check the built setmf transcripts against the label files (standard library only).

Run from anywhere:  python3 check.py
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

# doc -> (extension, encoding, interviewer label, respondent label, labels merge over cues)
EXPECT = {
    "mf01": ("docx", None, "Interviewer", "Respondent"),
    "mf02": ("vtt", "utf-8", "Tessa Wijnands", "Ingrid Versteeg"),
    "mf03": ("txt", "cp1252", "I", "R"),
    "mf04": ("srt", "utf-8", "Bas", "Annemiek"),
    "mf05": ("txt", "utf-8", "Spreker 1", "Spreker 2"),
    "mf06": ("docx", None, "Marloes", "Hamid"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
META_KEYS = {"datum", "respondent", "interviewer", "duur", "locatie", "functie", "opname",
             "sprekers", "transcriptie", "plaats"}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "van de casus"]
WMIN, WMAX = 1500, 2600
RMIN, RMAX = 10, 45

problems = []


def bad(msg):
    problems.append(msg)


W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W_NS + "p"):
        parts = []
        for el in p.iter():
            if el.tag == W_NS + "t":
                parts.append(el.text or "")
            elif el.tag == W_NS + "tab":
                parts.append("\t")
        paras.append("".join(parts))
    return paras


def label_re(labels):
    return re.compile(r"^(" + "|".join(re.escape(l) for l in labels) + r"):\s+(.*\S)\s*$")


def parse_lines(doc, lines, labels, strip_ts=False):
    """Paragraph/line based formats: header lines, then one turn per non-empty line."""
    rx = label_re(labels)
    segs, header = [], []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if strip_ts:
            m = re.match(r"^\[(\d\d):(\d\d):(\d\d)\]\s+(.*)$", s)
            if m:
                s = m.group(4)
            elif segs:
                bad(f"{doc}: turn line without timestamp: {s[:50]!r}")
        m = rx.match(s)
        if m:
            segs.append((m.group(1), m.group(2)))
        elif not segs:
            header.append(s)
        else:
            bad(f"{doc}: line after first turn is not a turn: {s[:60]!r}")
    for h in header:
        m = re.match(r"^([^:]{1,30}):\s", h)
        if m and m.group(1).strip().lower() not in META_KEYS:
            bad(f"{doc}: header line looks like a speaker turn: {h[:60]!r}")
    return segs, header


def parse_time(t):
    m = re.match(r"^(\d\d):(\d\d):(\d\d)[.,](\d\d\d)$", t)
    if not m:
        return None
    h, mi, s, ms = map(int, m.groups())
    return h * 3600 + mi * 60 + s + ms / 1000


def parse_vtt(doc, text, labels):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: vtt does not start with WEBVTT")
    blocks = re.split(r"\n\s*\n", text.strip())
    segs, last = [], -1.0
    for b in blocks[1:]:
        ls = b.split("\n")
        if ls[0].startswith("NOTE"):
            continue
        ti = next((k for k, l in enumerate(ls) if "-->" in l), None)
        if ti is None:
            bad(f"{doc}: vtt block without timing: {b[:40]!r}")
            continue
        a, _, z = ls[ti].partition("-->")
        ta, tz = parse_time(a.strip()), parse_time(z.strip().split()[0])
        if ta is None or tz is None or tz <= ta or ta < last:
            bad(f"{doc}: bad vtt timing {ls[ti]!r}")
        last = tz if tz is not None else last
        body = " ".join(ls[ti + 1:]).strip()
        m = re.match(r"^<v\s+([^>]+)>(.*?)(</v>)?$", body)
        if not m:
            bad(f"{doc}: vtt cue without voice tag: {body[:50]!r}")
            continue
        if m.group(1) not in labels:
            bad(f"{doc}: unknown voice {m.group(1)!r}")
        segs.append((m.group(1), m.group(2).strip()))
    return segs


def parse_srt(doc, text, labels):
    rx = label_re(labels)
    blocks = re.split(r"\n\s*\n", text.strip())
    segs, last = [], -1.0
    for n, b in enumerate(blocks, start=1):
        ls = b.split("\n")
        if len(ls) < 3 or ls[0].strip() != str(n) or "-->" not in ls[1]:
            bad(f"{doc}: malformed srt cue {n}: {b[:40]!r}")
            continue
        a, _, z = ls[1].partition("-->")
        ta, tz = parse_time(a.strip()), parse_time(z.strip())
        if ta is None or tz is None or tz <= ta or ta < last:
            bad(f"{doc}: bad srt timing {ls[1]!r}")
        last = tz if tz is not None else last
        body = " ".join(ls[2:]).strip()
        m = rx.match(body)
        if not m:
            bad(f"{doc}: srt cue {n} without speaker label: {body[:50]!r}")
            continue
        segs.append((m.group(1), m.group(2)))
    return segs


def merge(segs):
    turns = []
    for sp, tx in segs:
        if turns and turns[-1][0] == sp:
            turns[-1] = (sp, turns[-1][1] + " " + tx)
        else:
            turns.append((sp, tx))
    return turns


def words(text):
    return len(re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", text))


def read_csv(name):
    path = ROOT / name
    if not path.exists():
        bad(f"missing {name}")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    docs = {}
    for doc, (ext, enc, il, rl) in EXPECT.items():
        files = sorted(TR.glob(doc + ".*"))
        if len(files) != 1:
            bad(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
            continue
        path = files[0]
        if path.suffix != "." + ext:
            bad(f"{doc}: expected .{ext}, found {path.name}")
            continue
        labels = (il, rl)
        if ext == "docx":
            try:
                paras = docx_paragraphs(path)
            except Exception as e:  # noqa: BLE001
                bad(f"{doc}: unreadable docx: {e}")
                continue
            full = "\n".join(paras)
            segs, _ = parse_lines(doc, paras, labels)
            turns = segs
        else:
            raw = path.read_bytes()
            try:
                text = raw.decode(enc)
            except UnicodeDecodeError as e:
                bad(f"{doc}: not readable as {enc}: {e}")
                continue
            if enc == "cp1252":
                try:
                    raw.decode("utf-8")
                    bad(f"{doc}: expected Windows-1252 but file is valid UTF-8")
                except UnicodeDecodeError:
                    pass
            if ext == "srt" or enc == "cp1252":
                if "\r\n" not in text or re.search(r"(?<!\r)\n", text):
                    bad(f"{doc}: expected CRLF line endings throughout")
            full = text.replace("\r\n", "\n")
            if ext == "vtt":
                turns = merge(parse_vtt(doc, full, labels))
            elif ext == "srt":
                turns = merge(parse_srt(doc, full, labels))
            else:
                segs, _ = parse_lines(doc, full.split("\n"), labels,
                                      strip_ts=bool(re.search(r"^\[\d\d:\d\d:\d\d\]", full, re.M)))
                turns = segs
        if not turns:
            bad(f"{doc}: no turns found")
            continue
        if turns[0][0] != il:
            bad(f"{doc}: first turn is not the interviewer")
        for k in range(1, len(turns)):
            if turns[k][0] == turns[k - 1][0]:
                bad(f"{doc}: turns {k} and {k + 1} have the same speaker")
        nresp = sum(1 for sp, _ in turns if sp == rl)
        if not RMIN <= nresp <= RMAX:
            bad(f"{doc}: {nresp} respondent turns (want {RMIN}-{RMAX})")
        nw = sum(words(t) for _, t in turns)
        if not WMIN <= nw <= WMAX:
            bad(f"{doc}: {nw} spoken words (want {WMIN}-{WMAX})")
        low = full.lower()
        for f in FORBIDDEN:
            if f in low:
                bad(f"{doc}: forbidden wording {f!r} in transcript")
        docs[doc] = dict(turns=turns, full=full, rl=rl, words=nw, nresp=nresp)

    # styles.csv
    rows = read_csv("styles.csv")
    seen = {}
    for r in rows:
        d = r.get("doc_id")
        if d in seen:
            bad(f"styles.csv: duplicate {d}")
        seen[d] = r
        if d not in EXPECT:
            bad(f"styles.csv: unknown doc {d}")
        if r.get("style") not in WANT_MIX:
            bad(f"styles.csv: bad style {r.get('style')!r} for {d}")
        if not (r.get("rationale") or "").strip():
            bad(f"styles.csv: empty rationale for {d}")
    for d in EXPECT:
        if d not in seen:
            bad(f"styles.csv: missing {d}")
    mix = {s: sum(1 for r in rows if r.get("style") == s) for s in WANT_MIX}
    if mix != WANT_MIX:
        bad(f"styles.csv: style mix {mix}, want {WANT_MIX}")
    onb = [r["rationale"].lower() for r in rows if r.get("style") == "onbepaald"]
    if sum("mixed" in x for x in onb) != 1 or sum("too little evidence" in x for x in onb) != 1:
        bad("styles.csv: onbepaald rationales must name one 'mixed' and one 'too little evidence'")

    # orientation.csv
    rows = read_csv("orientation.csv")
    keys = []
    for r in rows:
        d = r.get("doc_id")
        try:
            k = int(r.get("turn_index"))
        except (TypeError, ValueError):
            bad(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((d, k))
        if r.get("orientation") not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {r}")
        if d not in docs:
            bad(f"orientation.csv: unknown/unparsed doc {d}")
            continue
        t = docs[d]["turns"]
        if k % 2 != 0 or not 1 <= k <= len(t) or t[k - 1][0] != docs[d]["rl"]:
            bad(f"orientation.csv: {d} turn {k} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: not sorted")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv")
    per_doc, pairs = {}, set()
    for r in rows:
        d, s, ty = r.get("doc_id"), r.get("identifier"), r.get("type")
        if (d, s) in pairs:
            bad(f"identifiers.csv: duplicate {d} {s!r}")
        pairs.add((d, s))
        if ty not in TYPES:
            bad(f"identifiers.csv: bad type {ty!r} for {s!r}")
        if d not in docs:
            bad(f"identifiers.csv: unknown/unparsed doc {d}")
            continue
        if not s or s not in docs[d]["full"]:
            bad(f"identifiers.csv: {d} {s!r} does not occur verbatim")
        per_doc[d] = per_doc.get(d, 0) + 1
    for d in EXPECT:
        if per_doc.get(d, 0) < 5:
            bad(f"identifiers.csv: {d} has fewer than 5 identifiers")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
