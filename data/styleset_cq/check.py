"""Stdlib self-check for blind set CQ. Run: python3 check.py  (from any directory)

Reads the transcripts independently of src/build.py and verifies:
- every document parses into turns that strictly alternate, starting with the interviewer;
- every orientation row points at a respondent (even) turn that exists, values casus/netwerk, sorted;
- every identifier occurs verbatim in its document;
- styles.csv lists all six documents with a valid style and a rationale;
- word counts are within 1,500-2,600 (turn text only).
"""
import collections
import csv
import os
import re
import sys
import zipfile

ROOT = os.path.dirname(os.path.abspath(__file__))
IDS = ["cq01", "cq02", "cq03", "cq04", "cq05", "cq06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
EXPECTED_MIX = {"casusgericht": 2, "netwerkgericht": 3, "onbepaald": 1}
errors = []


def err(msg):
    errors.append(msg)


def find_file(doc_id):
    for f in os.listdir(os.path.join(ROOT, "transcripts")):
        if f.split(".")[0] == doc_id:
            return os.path.join(ROOT, "transcripts", f)
    return None


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = []
    for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
        texts = re.findall(r"<w:t(?: [^>]*)?>(.*?)</w:t>", p, flags=re.S)
        t = "".join(texts)
        t = t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">") \
             .replace("&quot;", '"').replace("&apos;", "'")
        if t.strip():
            paras.append(t)
    return paras


LABEL = re.compile(r"^(?:\[\d\d:\d\d:\d\d\]\s*)?([^:\[\]]{1,30}):\s")


def turns_from_paragraphs(doc_id, paras):
    labels = collections.Counter()
    for p in paras:
        m = LABEL.match(p)
        if m:
            labels[m.group(1)] += 1
    speakers = [l for l, _ in labels.most_common(2)]
    turns, started = [], False
    for p in paras:
        m = LABEL.match(p)
        if m and m.group(1) in speakers:
            started = True
            turns.append((m.group(1), p[m.end():]))
        elif started:
            err("%s: paragraph without speaker label after first turn: %r" % (doc_id, p[:50]))
    return turns


def parse(doc_id, path):
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        paras = docx_paragraphs(path)
        return turns_from_paragraphs(doc_id, paras), "\n".join(paras)
    text = read_text(path).replace("\r\n", "\n")
    if ext == "txt":
        paras = [p.strip() for p in text.split("\n\n") if p.strip()]
        return turns_from_paragraphs(doc_id, paras), text
    if ext == "srt":
        turns = []
        for block in [b for b in text.split("\n\n") if b.strip()]:
            lines = block.strip().split("\n")
            if not lines[0].strip().isdigit() or "-->" not in lines[1]:
                err("%s: bad srt block %r" % (doc_id, block[:40]))
                continue
            cue = " ".join(lines[2:])
            m = LABEL.match(cue)
            if not m:
                err("%s: srt cue without speaker: %r" % (doc_id, cue[:40]))
                continue
            turns.append((m.group(1), cue[m.end():]))
        return turns, text
    if ext == "vtt":
        if not text.startswith("WEBVTT"):
            err("%s: vtt header missing" % doc_id)
        turns = []
        for block in [b for b in text.split("\n\n") if b.strip()]:
            lines = block.strip().split("\n")
            if "-->" not in lines[0]:
                continue  # WEBVTT line, NOTE blocks
            cue = " ".join(lines[1:])
            m = re.match(r"^<v ([^>]+)>(.*?)(?:</v>)?$", cue, flags=re.S)
            if not m:
                err("%s: vtt cue without voice: %r" % (doc_id, cue[:40]))
                continue
            turns.append((m.group(1), m.group(2)))
        return turns, text
    err("%s: unknown extension %s" % (doc_id, ext))
    return [], text


def main():
    docs = {}
    for doc_id in IDS:
        path = find_file(doc_id)
        if not path:
            err("%s: transcript missing" % doc_id)
            continue
        turns, full = parse(doc_id, path)
        if len(turns) < 10:
            err("%s: only %d turns" % (doc_id, len(turns)))
        speakers = []
        for t in turns:
            if t[0] not in speakers:
                speakers.append(t[0])
        if len(speakers) != 2:
            err("%s: expected 2 speakers, got %r" % (doc_id, speakers))
        for i, (sp, _) in enumerate(turns):
            if speakers and sp != speakers[i % 2]:
                err("%s: alternation broken at turn %d" % (doc_id, i + 1))
                break
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err("%s: %d words outside 1500-2600" % (doc_id, words))
        docs[doc_id] = (turns, full, words, os.path.basename(path))

    with open(os.path.join(ROOT, "styles.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["doc_id"]: r for r in rows}
    if sorted(got) != IDS or len(rows) != len(IDS):
        err("styles.csv: ids %r" % sorted(got))
    mix = collections.Counter()
    for r in rows:
        if r["style"] not in STYLES:
            err("styles.csv: bad style %r" % r["style"])
        if not r["rationale"].strip():
            err("styles.csv: empty rationale for %s" % r["doc_id"])
        mix[r["style"]] += 1
    if dict(mix) != EXPECTED_MIX:
        err("styles.csv: style mix %r, expected %r" % (dict(mix), EXPECTED_MIX))

    with open(os.path.join(ROOT, "orientation.csv"), encoding="utf-8") as f:
        orows = list(csv.DictReader(f))
    keys = [(r["doc_id"], int(r["turn_index"])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err("orientation.csv: not sorted or duplicates")
    for r in orows:
        d, ti = r["doc_id"], int(r["turn_index"])
        if r["orientation"] not in ("casus", "netwerk"):
            err("orientation.csv: bad value %r" % r["orientation"])
        if d not in docs:
            err("orientation.csv: unknown doc %s" % d)
            continue
        if ti % 2 != 0 or ti < 2 or ti > len(docs[d][0]):
            err("orientation.csv: %s turn %d is not a respondent turn" % (d, ti))

    with open(os.path.join(ROOT, "identifiers.csv"), encoding="utf-8") as f:
        irows = list(csv.DictReader(f))
    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
             "LEEFTIJD", "ORGANISATIE_NAAM"}
    for r in irows:
        if r["type"] not in types:
            err("identifiers.csv: bad type %r" % r["type"])
        if r["doc_id"] in docs and r["identifier"] not in docs[r["doc_id"]][1]:
            err("identifiers.csv: %s %r not found verbatim" % (r["doc_id"], r["identifier"]))

    for d in IDS:
        if d in docs:
            turns, _, words, fn = docs[d]
            n_or = sum(1 for r in orows if r["doc_id"] == d)
            n_id = sum(1 for r in irows if r["doc_id"] == d)
            print("%s %-10s %-15s words=%4d turns=%2d respondent_turns=%2d orient_rows=%2d ids=%2d"
                  % (d, fn, got.get(d, {}).get("style", "?"), words, len(turns),
                     len(turns) // 2, n_or, n_id))
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: all checks passed")


if __name__ == "__main__":
    main()
