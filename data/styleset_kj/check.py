"""Check set KJ against its built transcripts (standard library only).

Usage: python3 check.py      -> prints OK, or the problems and exits with status 1.
"""
import csv
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TR = ROOT / "transcripts"
# per document: extension, encoding, CRLF required, interviewer label, respondent label
DOCS = {
    "kj01": ("docx", None, False, "Interviewer", "Ineke"),
    "kj02": ("txt", "cp1252", True, "I", "R"),
    "kj03": ("srt", "utf-8", True, "Interviewer", "Marcel"),
    "kj04": ("vtt", "utf-8", False, "Interviewer", "Agnieszka Wróbel"),
    "kj05": ("txt", "utf-8", False, "Spreker 1", "Spreker 2"),
    "kj06": ("docx", None, False, "Bas", "Noor"),
}
WANT_MIX = {"casusgericht": 2, "netwerkgericht": 2, "onbepaald": 2}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
WORDS = (1500, 2600)
RTURNS = (10, 45)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
problems = []


def bad(msg):
    problems.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read("word/document.xml"))
    paras = []
    for p in root.iter(W + "p"):
        paras.append("".join(t.text or "" for t in p.iter(W + "t")))
    return paras


def labelled(lines, ilab, rlab, doc, prefix=""):
    """Turns from lines of the form '<prefix>Label: text'; other lines before the first turn are header."""
    pat = re.compile("^" + prefix + "(" + re.escape(ilab) + "|" + re.escape(rlab) + "): (.+)$")
    turns, started = [], False
    for ln in lines:
        if not ln.strip():
            continue
        m = pat.match(ln)
        if m:
            started = True
            turns.append(["I" if m.group(1) == ilab else "R", m.group(2)])
        elif started:
            bad(f"{doc}: line after the first turn that is not a turn: {ln[:60]!r}")
    return turns


def cue_turns(blocks, ilab, rlab, doc, kind):
    """Merge consecutive cues of the same speaker into one turn."""
    turns = []
    for who, text in blocks:
        if who not in (ilab, rlab):
            bad(f"{doc}: unknown speaker {who!r} in {kind}")
            continue
        k = "I" if who == ilab else "R"
        if turns and turns[-1][0] == k:
            turns[-1][1] += " " + text
        else:
            turns.append([k, text])
    return turns


def read_doc(doc):
    ext, enc, crlf, ilab, rlab = DOCS[doc]
    files = sorted(TR.glob(doc + ".*"))
    if len(files) != 1:
        bad(f"{doc}: expected exactly one transcript, found {[f.name for f in files]}")
        return None, None
    path = files[0]
    if path.suffix != "." + ext:
        bad(f"{doc}: expected .{ext}, found {path.name}")
        return None, None
    if ext == "docx":
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa: BLE001
            bad(f"{doc}: unreadable docx: {e}")
            return None, None
        return "\n".join(paras), labelled(paras, ilab, rlab, doc)
    raw = path.read_bytes()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f"{doc}: not valid {enc}: {e}")
        return None, None
    if enc == "cp1252":
        try:
            raw.decode("utf-8")
            bad(f"{doc}: expected Windows-1252 but file is also valid UTF-8 (no non-ASCII characters?)")
        except UnicodeDecodeError:
            pass
    if crlf and (b"\r\n" not in raw or re.search(rb"(?<!\r)\n", raw)):
        bad(f"{doc}: expected CRLF line endings throughout")
    lines = text.replace("\r\n", "\n").split("\n")
    if ext == "txt" and ilab == "I":
        return text, labelled(lines, ilab, rlab, doc)
    if ext == "txt":
        return text, labelled(lines, ilab, rlab, doc, prefix=r"\[\d\d:\d\d:\d\d\] ")
    if ext == "srt":
        blocks = []
        for block in re.split(r"\n\s*\n", text.strip()):
            bl = block.split("\n")
            if len(bl) < 3 or not bl[0].strip().isdigit() or "-->" not in bl[1]:
                bad(f"{doc}: malformed srt cue: {block[:60]!r}")
                continue
            m = re.match(r"^([^:]{1,40}): (.+)$", " ".join(bl[2:]))
            if not m:
                bad(f"{doc}: srt cue without speaker: {block[:60]!r}")
                continue
            blocks.append((m.group(1), m.group(2)))
        return text, cue_turns(blocks, ilab, rlab, doc, "srt")
    if ext == "vtt":
        if not text.startswith("WEBVTT"):
            bad(f"{doc}: vtt does not start with WEBVTT")
        blocks = []
        for block in re.split(r"\n\s*\n", text.strip())[1:]:
            bl = block.split("\n")
            if bl[0].startswith("NOTE"):
                continue
            ti = next((i for i, x in enumerate(bl) if "-->" in x), None)
            if ti is None:
                bad(f"{doc}: malformed vtt cue: {block[:60]!r}")
                continue
            m = re.match(r"^<v ([^>]+)>(.+)$", " ".join(bl[ti + 1:]))
            if not m:
                bad(f"{doc}: vtt cue without voice tag: {block[:60]!r}")
                continue
            blocks.append((m.group(1), re.sub(r"</v>\s*$", "", m.group(2))))
        return text, cue_turns(blocks, ilab, rlab, doc, "vtt")
    bad(f"{doc}: unsupported extension {ext}")
    return None, None


def main():
    turns_by_doc, text_by_doc = {}, {}
    for doc in DOCS:
        text, turns = read_doc(doc)
        if turns is None:
            continue
        text_by_doc[doc], turns_by_doc[doc] = text, turns
        for i, (k, _) in enumerate(turns):
            if k != ("I" if i % 2 == 0 else "R"):
                bad(f"{doc}: turns do not alternate starting with the interviewer (turn {i + 1})")
                break
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f"{doc}: {words} spoken words, outside {WORDS}")
        nr = sum(1 for k, _ in turns if k == "R")
        if not RTURNS[0] <= nr <= RTURNS[1]:
            bad(f"{doc}: {nr} respondent turns, outside {RTURNS}")

    # styles
    try:
        with open(ROOT / "styles.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        styles = {r["doc_id"]: r["style"] for r in rows}
        if sorted(styles) != sorted(DOCS) or len(rows) != len(DOCS):
            bad(f"styles.csv: expected one row per doc, got {[r['doc_id'] for r in rows]}")
        for r in rows:
            if not (r.get("rationale") or "").strip():
                bad(f"styles.csv: {r['doc_id']} has no rationale")
        mix = {s: list(styles.values()).count(s) for s in WANT_MIX}
        if mix != WANT_MIX or set(styles.values()) - set(WANT_MIX):
            bad(f"styles.csv: mix {dict((s, list(styles.values()).count(s)) for s in set(styles.values()))}, wanted {WANT_MIX}")
    except (OSError, KeyError) as e:
        bad(f"styles.csv: {e}")

    # orientation
    try:
        with open(ROOT / "orientation.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, ti, o = r["doc_id"], int(r["turn_index"]), r["orientation"]
            keys.append((doc, ti))
            if doc not in turns_by_doc:
                bad(f"orientation.csv: unknown or unreadable doc {doc}")
                continue
            if o not in ("casus", "netwerk"):
                bad(f"orientation.csv: {doc} {ti}: bad orientation {o!r}")
            t = turns_by_doc[doc]
            if not 1 <= ti <= len(t) or t[ti - 1][0] != "R":
                bad(f"orientation.csv: {doc} turn {ti} is not a respondent turn")
        if keys != sorted(keys):
            bad("orientation.csv: not sorted by doc_id, turn_index")
        if len(keys) != len(set(keys)):
            bad("orientation.csv: duplicate rows")
    except (OSError, KeyError, ValueError) as e:
        bad(f"orientation.csv: {e}")

    # identifiers
    try:
        with open(ROOT / "identifiers.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        seen, count = set(), {}
        for r in rows:
            doc, ident, typ = r["doc_id"], r["identifier"], r["type"]
            if (doc, ident) in seen:
                bad(f"identifiers.csv: duplicate {doc} {ident!r}")
            seen.add((doc, ident))
            count[doc] = count.get(doc, 0) + 1
            if typ not in TYPES:
                bad(f"identifiers.csv: {doc} {ident!r}: bad type {typ}")
            if doc not in text_by_doc:
                bad(f"identifiers.csv: unknown or unreadable doc {doc}")
            elif ident not in text_by_doc[doc]:
                bad(f"identifiers.csv: {doc}: {ident!r} does not occur verbatim")
        for doc in DOCS:
            if count.get(doc, 0) < 5:
                bad(f"identifiers.csv: {doc} has fewer than 5 identifiers")
    except (OSError, KeyError) as e:
        bad(f"identifiers.csv: {e}")

    exts = {DOCS[d][0] + ("-" + DOCS[d][1] if DOCS[d][0] == "txt" else "") for d in DOCS}
    if len(exts) < 4:
        bad(f"fewer than four formats: {exts}")

    if problems:
        print("\n".join(problems))
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
