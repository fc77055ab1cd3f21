"""Check the built blind set 'setme' (standard library only).

Parses the built transcripts in transcripts/ (not the sources) and checks:
  - every doc has exactly one transcript, readable in its encoding (and with the expected
    line endings where the format requires them);
  - turns alternate, starting with the interviewer; only the two known speakers occur;
  - 1,500-2,600 spoken words (labels, timestamps, headers not counted), 10-45 respondent turns;
  - styles.csv complete with the requested mix (2 casusgericht, 3 netwerkgericht, 1 onbepaald);
  - every orientation row points at an existing respondent turn, sorted, no duplicates;
  - every identifier occurs verbatim in its document, valid type, no duplicate rows, >= 5 per doc;
  - the label words themselves do not occur in the transcripts.
Prints OK, or the problems (exit status 1).  --stats also prints per-document numbers.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRANS = HERE / "transcripts"

DOCS = {
    "me01": {"ext": "docx", "I": "Interviewer", "R": "Respondent"},
    "me02": {"ext": "txt", "enc": "cp1252", "crlf": True, "I": "I", "R": "R"},
    "me03": {"ext": "vtt", "enc": "utf-8", "I": "Sanne Kuipers", "R": "Erik-Jan Postma"},
    "me04": {"ext": "srt", "enc": "utf-8", "crlf": True, "I": "Lotte", "R": "Ronald"},
    "me05": {"ext": "txt", "enc": "utf-8", "I": "Spreker 1", "R": "Spreker 2", "stamped": True},
    "me06": {"ext": "docx", "I": "Hanna", "R": "Mitchell"},
}
MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl", re.I)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

problems = []


def problem(msg):
    problems.append(msg)


def words(text):
    return sum(1 for t in text.split() if re.search(r"\w", t))


def merge(segments):
    """segments: list of (speaker, text); merge consecutive segments of one speaker."""
    turns = []
    for spk, text in segments:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + " " + text)
        else:
            turns.append((spk, text))
    return turns


def label_turns(doc, lines, cfg, merge_same):
    """Plain-label formats (docx paragraphs, txt lines): header before the first turn."""
    labs = [re.escape(cfg["I"]), re.escape(cfg["R"])]
    if cfg.get("stamped"):
        pat = re.compile(r"^\[(\d\d):(\d\d):(\d\d)\]\s+(" + "|".join(labs) + r"):\s+(.*)$")
    else:
        pat = re.compile(r"^(" + "|".join(labs) + r"):\s+(.*)$")
    segs, started, last_t = [], False, -1
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            started = True
            if cfg.get("stamped"):
                t = int(m.group(1)) * 3600 + int(m.group(2)) * 60 + int(m.group(3))
                if t < last_t:
                    problem(f"{doc}: timestamps go backwards at {ln[:30]!r}")
                last_t = t
                spk, text = m.group(4), m.group(5)
            else:
                spk, text = m.group(1), m.group(2)
            segs.append(("I" if spk == cfg["I"] else "R", text))
        elif started:
            if re.match(r"^[\w .'-]{1,30}:\s", ln):
                problem(f"{doc}: unknown speaker line {ln[:40]!r}")
            segs[-1] = (segs[-1][0], segs[-1][1] + " " + ln.strip())
    if not merge_same:
        for a, b in zip(segs, segs[1:]):
            if a[0] == b[0]:
                problem(f"{doc}: two consecutive turns by {a[0]}")
    return merge(segs)


def read_docx(doc, path, cfg):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        buf = []
        for el in p.iter():
            if el.tag == W + "t":
                buf.append(el.text or "")
            elif el.tag == W + "tab":
                buf.append("\t")
            elif el.tag == W + "br":
                buf.append("\n")
        paras.append("".join(buf))
    return "\n".join(paras), label_turns(doc, paras, cfg, merge_same=False)


def decode(doc, path, cfg):
    raw = path.read_bytes()
    try:
        text = raw.decode(cfg["enc"])
    except UnicodeDecodeError as e:
        problem(f"{doc}: not readable as {cfg['enc']}: {e}")
        return None
    if cfg["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            problem(f"{doc}: declared Windows-1252 but the bytes are valid UTF-8")
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        text = text[1:]
    if cfg.get("crlf"):
        if re.search(rb"(?<!\r)\n", raw):
            problem(f"{doc}: expected CRLF line endings throughout")
    return text


def read_txt(doc, path, cfg):
    text = decode(doc, path, cfg)
    if text is None:
        return None, []
    return text, label_turns(doc, text.replace("\r\n", "\n").split("\n"), cfg, merge_same=False)


def parse_time(s, sep):
    m = re.fullmatch(r"(\d\d):(\d\d):(\d\d)" + re.escape(sep) + r"(\d\d\d)", s.strip())
    if not m:
        return None
    h, mi, se, ms = (int(x) for x in m.groups())
    return h * 3600 + mi * 60 + se + ms / 1000


def read_vtt(doc, path, cfg):
    text = decode(doc, path, cfg)
    if text is None:
        return None, []
    norm = text.replace("\r\n", "\n")
    if not norm.startswith("WEBVTT"):
        problem(f"{doc}: does not start with WEBVTT")
    blocks = [b for b in re.split(r"\n\s*\n", norm) if b.strip()]
    segs, last = [], -1.0
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        idx = next((i for i, l in enumerate(lines) if "-->" in l), None)
        if idx is None:
            problem(f"{doc}: block without timing: {lines[0][:40]!r}")
            continue
        a, _, rest = lines[idx].partition("-->")
        t0, t1 = parse_time(a, "."), parse_time(rest.split()[0], ".")
        if t0 is None or t1 is None or t1 <= t0 or t0 < last:
            problem(f"{doc}: bad or non-monotonic timing {lines[idx]!r}")
        last = t0 if t0 is not None else last
        cue = " ".join(lines[idx + 1:])
        m = re.match(r"^<v\s+([^>]+)>(.*?)(?:</v>)?$", cue)
        if not m:
            problem(f"{doc}: cue without voice tag: {cue[:40]!r}")
            continue
        spk, body = m.group(1).strip(), re.sub(r"<[^>]+>", "", m.group(2)).strip()
        if spk not in (cfg["I"], cfg["R"]):
            problem(f"{doc}: unknown voice {spk!r}")
            continue
        segs.append(("I" if spk == cfg["I"] else "R", body))
    return text, merge(segs)


def read_srt(doc, path, cfg):
    text = decode(doc, path, cfg)
    if text is None:
        return None, []
    norm = text.replace("\r\n", "\n")
    blocks = [b for b in re.split(r"\n\s*\n", norm) if b.strip()]
    segs, last, expect = [], -1.0, 1
    pat = re.compile(r"^(" + re.escape(cfg["I"]) + "|" + re.escape(cfg["R"]) + r"):\s+(.*)$")
    for b in blocks:
        lines = b.split("\n")
        if len(lines) < 3 or not lines[0].strip().isdigit() or "-->" not in lines[1]:
            problem(f"{doc}: malformed cue {lines[0][:30]!r}")
            continue
        if int(lines[0]) != expect:
            problem(f"{doc}: cue number {lines[0]} where {expect} expected")
        expect = int(lines[0]) + 1
        a, _, rest = lines[1].partition("-->")
        t0, t1 = parse_time(a, ","), parse_time(rest, ",")
        if t0 is None or t1 is None or t1 <= t0 or t0 < last:
            problem(f"{doc}: bad or non-monotonic timing {lines[1]!r}")
        last = t0 if t0 is not None else last
        body = " ".join(l.strip() for l in lines[2:])
        m = pat.match(body)
        if m:
            segs.append(("I" if m.group(1) == cfg["I"] else "R", m.group(2)))
        elif segs:
            segs[-1] = (segs[-1][0], segs[-1][1] + " " + body)
        else:
            problem(f"{doc}: first cue has no speaker")
    return text, merge(segs)


READERS = {"docx": read_docx, "txt": read_txt, "vtt": read_vtt, "srt": read_srt}


def read_csv(name, header):
    path = HERE / name
    if not path.exists():
        problem(f"{name} missing")
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f"{name}: header should be {','.join(header)}")
        return []
    return rows[1:]


def main():
    parsed = {}
    stats = []
    for doc, cfg in DOCS.items():
        files = sorted(TRANS.glob(doc + ".*"))
        if len(files) != 1:
            problem(f"{doc}: expected exactly one transcript, found {len(files)}")
            continue
        path = files[0]
        if path.suffix[1:] != cfg["ext"]:
            problem(f"{doc}: expected .{cfg['ext']}, found {path.name}")
            continue
        try:
            full, turns = READERS[cfg["ext"]](doc, path, cfg)
        except Exception as e:  # unreadable file
            problem(f"{doc}: cannot read {path.name}: {e}")
            continue
        if full is None:
            continue
        if not turns:
            problem(f"{doc}: no turns found")
            continue
        for i, (spk, _) in enumerate(turns):
            if spk != ("I" if i % 2 == 0 else "R"):
                problem(f"{doc}: turn {i + 1} is by {spk}, alternation broken")
                break
        w = sum(words(t) for _, t in turns)
        r = sum(1 for s, _ in turns if s == "R")
        if not WORDS[0] <= w <= WORDS[1]:
            problem(f"{doc}: {w} spoken words, outside {WORDS}")
        if not RTURNS[0] <= r <= RTURNS[1]:
            problem(f"{doc}: {r} respondent turns, outside {RTURNS}")
        if FORBIDDEN.search(full):
            problem(f"{doc}: transcript contains a style label word")
        parsed[doc] = (full, turns)
        stats.append((doc, path.name, w, r, len(turns)))

    # styles.csv
    rows = read_csv("styles.csv", ["doc_id", "style", "rationale"])
    seen, counts = set(), {k: 0 for k in MIX}
    for row in rows:
        if len(row) != 3:
            problem(f"styles.csv: bad row {row}")
            continue
        doc, style, rat = row
        if doc not in DOCS:
            problem(f"styles.csv: unknown doc {doc}")
        if doc in seen:
            problem(f"styles.csv: duplicate {doc}")
        seen.add(doc)
        if style not in MIX:
            problem(f"styles.csv: {doc} has invalid style {style!r}")
        else:
            counts[style] += 1
        if not rat.strip():
            problem(f"styles.csv: {doc} without rationale")
        if style == "onbepaald" and not re.search(r"too little evidence|mixed", rat, re.I):
            problem(f"styles.csv: {doc} onbepaald rationale does not say which kind")
    if seen != set(DOCS):
        problem(f"styles.csv: missing {sorted(set(DOCS) - seen)}")
    if counts != MIX:
        problem(f"styles.csv: mix is {counts}, expected {MIX}")

    # orientation.csv
    rows = read_csv("orientation.csv", ["doc_id", "turn_index", "orientation"])
    keys = []
    for row in rows:
        if len(row) != 3 or not row[1].isdigit():
            problem(f"orientation.csv: bad row {row}")
            continue
        doc, idx, o = row[0], int(row[1]), row[2]
        keys.append((doc, idx))
        if o not in ("casus", "netwerk"):
            problem(f"orientation.csv: invalid orientation {o!r} in {row}")
        if doc not in parsed:
            problem(f"orientation.csv: unknown or unreadable doc {doc}")
            continue
        turns = parsed[doc][1]
        if not 1 <= idx <= len(turns):
            problem(f"orientation.csv: {doc} turn {idx} does not exist ({len(turns)} turns)")
        elif turns[idx - 1][0] != "R":
            problem(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        problem("orientation.csv: not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        problem("orientation.csv: duplicate rows")

    # identifiers.csv
    rows = read_csv("identifiers.csv", ["doc_id", "identifier", "type"])
    seen_id, per_doc = set(), {d: 0 for d in DOCS}
    for row in rows:
        if len(row) != 3:
            problem(f"identifiers.csv: bad row {row}")
            continue
        doc, ident, typ = row
        if typ not in TYPES:
            problem(f"identifiers.csv: invalid type {typ!r} for {ident!r}")
        if (doc, ident) in seen_id:
            problem(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen_id.add((doc, ident))
        if doc not in parsed:
            problem(f"identifiers.csv: unknown or unreadable doc {doc}")
            continue
        per_doc[doc] += 1
        if ident not in parsed[doc][0]:
            problem(f"identifiers.csv: {doc} {ident!r} does not occur verbatim")
    for doc, n in per_doc.items():
        if n < 5:
            problem(f"identifiers.csv: {doc} has only {n} identifiers")

    if "--stats" in sys.argv:
        for doc, name, w, r, n in stats:
            print(f"{doc} {name:10s} words={w} turns={n} respondent_turns={r} "
                  f"identifiers={per_doc.get(doc, 0)}")
    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
