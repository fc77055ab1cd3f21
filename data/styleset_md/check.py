"""Check the setmd blind style set (standard library only).

Parses the BUILT transcripts in transcripts/ (not the sources) and checks:
- every doc id has exactly one transcript, readable in its expected encoding;
- turns alternate, starting with the interviewer; 10-45 respondent turns;
- 1,500-2,600 words of spoken text (labels, timestamps, headers not counted);
- orientation.csv rows are sorted, unique, and point at respondent turns;
- identifiers.csv rows are unique, typed, and occur verbatim in their document;
- styles.csv is complete with the requested mix (1 casusgericht, 2 netwerkgericht,
  3 onbepaald: 1 mixed, 2 too little evidence);
- at least four transcript formats; no label words in the transcripts.
Prints OK or the problems (exit status 1).
"""
import csv
import html
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, "transcripts")
DOC_IDS = ["md01", "md02", "md03", "md04", "md05", "md06"]

# expected delivery per document: extension, encoding, newline, interviewer / respondent label
SPEC = {
    "md01": dict(ext="docx", enc=None, I="Interviewer", R="Respondent"),
    "md02": dict(ext="txt", enc="utf-8", nl="\n", I="Spreker 1", R="Spreker 2", ts=True),
    "md03": dict(ext="vtt", enc="utf-8", I="Interviewer", R="Rob Koene"),
    "md04": dict(ext="txt", enc="cp1252", nl="\r\n", I="I", R="R", ts=False),
    "md05": dict(ext="srt", enc="utf-8", nl="\r\n", I="Interviewer", R="Bart"),
    "md06": dict(ext="docx", enc=None, I="Interviewer", R="Esther"),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WANT = {"casusgericht": 1, "netwerkgericht": 2, "onbepaald": 3}
FORBIDDEN = ["casusgericht", "netwerkgericht", "regiestijl", "netwerker", "casusniveau", "netwerkniveau"]

problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>|<w:p/>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        paras.append(html.unescape("".join(texts)))
    return paras


def parse_labelled(lines, spec, doc):
    """docx / txt: every turn is one paragraph or line starting with a label."""
    lab = {spec["I"]: "I", spec["R"]: "R"}
    ts = r"\[\d{2}:\d{2}:\d{2}\] " if spec.get("ts") else ""
    rx = re.compile(r"^" + ts + r"(" + "|".join(re.escape(k) for k in lab) + r"): (.+)$")
    turns = []
    for ln in lines:
        ln = ln.strip()
        if not ln:
            continue
        m = rx.match(ln)
        if m:
            turns.append([lab[m.group(1)], m.group(2)])
        elif turns:
            bad(f"{doc}: unlabelled line after the first turn: {ln[:60]!r}")
        elif spec.get("ts") and re.match(r"^\[\d{2}:\d{2}:\d{2}\]", ln):
            bad(f"{doc}: timestamped line with unknown speaker: {ln[:60]!r}")
    return turns


def parse_vtt(text, spec, doc):
    if not text.startswith("WEBVTT"):
        bad(f"{doc}: does not start with WEBVTT")
    lab = {spec["I"]: "I", spec["R"]: "R"}
    turns = []
    blocks = re.split(r"\n\s*\n", text.strip())
    for b in blocks[1:]:
        lines = b.split("\n")
        if lines[0].startswith("NOTE"):
            continue
        if not re.match(r"^\d{2}:\d{2}:\d{2}\.\d{3} --> \d{2}:\d{2}:\d{2}\.\d{3}", lines[0]):
            bad(f"{doc}: bad cue timing {lines[0][:40]!r}")
            continue
        body = " ".join(lines[1:])
        m = re.match(r"^<v ([^>]+)>(.*)$", body)
        if not m or m.group(1) not in lab:
            bad(f"{doc}: cue without known voice tag: {body[:50]!r}")
            continue
        sp, t = lab[m.group(1)], m.group(2).replace("</v>", "")
        if turns and turns[-1][0] == sp:
            turns[-1][1] += " " + t
        else:
            turns.append([sp, t])
    return turns


def parse_srt(text, spec, doc):
    lab = {spec["I"]: "I", spec["R"]: "R"}
    rx = re.compile(r"^(" + "|".join(re.escape(k) for k in lab) + r"): (.*)$", re.S)
    turns = []
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip())
    for n, b in enumerate(blocks, 1):
        lines = b.split("\n")
        if len(lines) < 3 or lines[0].strip() != str(n):
            bad(f"{doc}: cue {n} malformed")
            continue
        if not re.match(r"^\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}$", lines[1]):
            bad(f"{doc}: cue {n} bad timing")
        body = " ".join(lines[2:])
        m = rx.match(body)
        if m:
            sp = lab[m.group(1)]
            if turns and turns[-1][0] == sp:
                bad(f"{doc}: cue {n}: same speaker labelled twice in a row")
                turns[-1][1] += " " + m.group(2)
            else:
                turns.append([sp, m.group(2)])
        elif turns:
            turns[-1][1] += " " + body
        else:
            bad(f"{doc}: first cue has no speaker label")
    return turns


def load(doc):
    spec = SPEC[doc]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        bad(f"{doc}: expected one transcript, found {files}")
        return None, None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith("." + spec["ext"]):
        bad(f"{doc}: expected .{spec['ext']}, found {files[0]}")
        return None, None
    if spec["ext"] == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: unreadable docx ({e})")
            return None, None
        return "\n".join(paras), parse_labelled(paras, spec, doc)
    raw = open(path, "rb").read()
    try:
        text = raw.decode(spec["enc"])
    except UnicodeDecodeError as e:
        bad(f"{doc}: not readable as {spec['enc']} ({e})")
        return None, None
    if spec["enc"] == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: expected Windows-1252 with non-ASCII bytes, but the file is valid UTF-8")
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        bad(f"{doc}: unexpected BOM")
    nl = spec.get("nl")
    if nl == "\r\n" and (raw.count(b"\n") != raw.count(b"\r\n")):
        bad(f"{doc}: expected CRLF line endings throughout")
    if nl == "\n" and b"\r" in raw:
        bad(f"{doc}: expected LF line endings")
    if spec["ext"] == "txt":
        return text, parse_labelled(text.replace("\r\n", "\n").split("\n"), spec, doc)
    if spec["ext"] == "vtt":
        return text, parse_vtt(text, spec, doc)
    return text, parse_srt(text, spec, doc)


def words(s):
    return [w for w in s.split() if re.search(r"\w", w)]


def main():
    if not os.path.isdir(TDIR):
        print("transcripts/ missing")
        sys.exit(1)
    for f in os.listdir(TDIR):
        if os.path.splitext(f)[0] not in DOC_IDS:
            bad(f"unexpected file in transcripts/: {f}")
    texts, turns_by = {}, {}
    for doc in DOC_IDS:
        text, turns = load(doc)
        if text is None:
            continue
        texts[doc], turns_by[doc] = text, turns
        if not turns:
            bad(f"{doc}: no turns parsed")
            continue
        if turns[0][0] != "I":
            bad(f"{doc}: first turn is not the interviewer")
        for i in range(1, len(turns)):
            if turns[i][0] == turns[i - 1][0]:
                bad(f"{doc}: turns {i} and {i + 1} have the same speaker")
        nresp = sum(1 for t in turns if t[0] == "R")
        if not 10 <= nresp <= 45:
            bad(f"{doc}: {nresp} respondent turns (want 10-45)")
        nw = sum(len(words(t[1])) for t in turns)
        nw_clean = sum(len(words(re.sub(r"\((lacht|stilte)\)", " ", t[1]))) for t in turns)
        if not (1500 <= nw_clean and nw <= 2600):
            bad(f"{doc}: {nw} words ({nw_clean} without annotations), want 1500-2600")
        low = text.lower()
        for w in FORBIDDEN:
            if w in low:
                bad(f"{doc}: transcript contains forbidden word {w!r}")
    formats = {SPEC[d]["ext"] + ("/" + SPEC[d]["enc"] if SPEC[d]["enc"] else "") for d in DOC_IDS}
    if len(formats) < 4:
        bad(f"only {len(formats)} formats: {sorted(formats)}")

    # orientation.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8", newline="")))
    except FileNotFoundError:
        rows = []
        bad("orientation.csv missing")
    keys = []
    for r in rows:
        doc, o = r.get("doc_id"), r.get("orientation")
        try:
            idx = int(r.get("turn_index"))
        except (TypeError, ValueError):
            bad(f"orientation.csv: bad turn_index {r}")
            continue
        keys.append((doc, idx))
        if doc not in DOC_IDS:
            bad(f"orientation.csv: unknown doc {doc}")
            continue
        if o not in ("casus", "netwerk"):
            bad(f"orientation.csv: bad orientation {o!r} ({doc},{idx})")
        turns = turns_by.get(doc)
        if turns is None:
            continue
        if not 1 <= idx <= len(turns):
            bad(f"orientation.csv: {doc} turn {idx} out of range (1-{len(turns)})")
        elif turns[idx - 1][0] != "R" or idx % 2 != 0:
            bad(f"orientation.csv: {doc} turn {idx} is not a respondent turn")
    if keys != sorted(keys):
        bad("orientation.csv: rows not sorted by doc_id, turn_index")
    if len(keys) != len(set(keys)):
        bad("orientation.csv: duplicate rows")

    # identifiers.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8", newline="")))
    except FileNotFoundError:
        rows = []
        bad("identifiers.csv missing")
    seen, per_doc = set(), {d: 0 for d in DOC_IDS}
    for r in rows:
        doc, ident, typ = r.get("doc_id"), r.get("identifier"), r.get("type")
        if doc not in DOC_IDS:
            bad(f"identifiers.csv: unknown doc {doc}")
            continue
        if typ not in TYPES:
            bad(f"identifiers.csv: bad type {typ!r} for {ident!r}")
        if (doc, ident) in seen:
            bad(f"identifiers.csv: duplicate {doc} {ident!r}")
        seen.add((doc, ident))
        per_doc[doc] += 1
        if doc in texts and ident not in texts[doc]:
            bad(f"identifiers.csv: {doc} {ident!r} does not occur verbatim in the transcript")
    for d, n in per_doc.items():
        if n < 5:
            bad(f"{d}: only {n} identifiers (want at least 5)")

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, "styles.csv"), encoding="utf-8", newline="")))
    except FileNotFoundError:
        rows = []
        bad("styles.csv missing")
    styles = {}
    for r in rows:
        if r.get("doc_id") in styles:
            bad(f"styles.csv: duplicate {r.get('doc_id')}")
        styles[r.get("doc_id")] = (r.get("style"), r.get("rationale") or "")
    if sorted(styles) != DOC_IDS:
        bad(f"styles.csv: doc ids {sorted(styles)} != {DOC_IDS}")
    counts = {}
    kinds = {"mixed": 0, "too little evidence": 0}
    for d, (s, why) in styles.items():
        counts[s] = counts.get(s, 0) + 1
        if s not in WANT:
            bad(f"styles.csv: {d} has bad style {s!r}")
        if not why.strip():
            bad(f"styles.csv: {d} has no rationale")
        if s == "onbepaald":
            k = [k for k in kinds if k in why.lower()]
            if len(k) != 1:
                bad(f"styles.csv: {d} onbepaald rationale must name its kind (mixed / too little evidence)")
            else:
                kinds[k[0]] += 1
    if counts != WANT:
        bad(f"styles.csv: mix {counts} != {WANT}")
    if kinds != {"mixed": 1, "too little evidence": 2}:
        bad(f"styles.csv: onbepaald kinds {kinds}, want 1 mixed and 2 too little evidence")

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
