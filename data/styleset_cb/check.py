#!/usr/bin/env python3
"""Stdlib self-check for blind set CB: alternation, orientation rows, identifiers, styles."""
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
errors = []


def labels(did):
    lab = {}
    for line in open(os.path.join(HERE, "src", did + ".txt"), encoding="utf-8"):
        if line.startswith("#ilabel:"): lab["I"] = line.split(":", 1)[1].strip()
        if line.startswith("#rlabel:"): lab["R"] = line.split(":", 1)[1].strip()
    return lab


def read_text(fn):
    raw = open(fn, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def segments(did, fn, lab):
    """Return (full_text, list of (speaker, text) segments)."""
    ext = fn.rsplit(".", 1)[1]
    segs = []
    if ext == "docx":
        root = ET.fromstring(zipfile.ZipFile(fn).read("word/document.xml"))
        paras = ["".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p")]
        full = "\n".join(paras)
        lines = paras
    else:
        full = read_text(fn)
        lines = full.splitlines()
    for ln in lines:
        ln = ln.strip()
        if ext == "vtt":
            m = re.match(r"<v ([^>]+)>(.*)", ln)
            if not m: continue
            name, txt = m.group(1), m.group(2)
            sp = [k for k, v in lab.items() if v == name]
            if not sp: errors.append(f"{did}: unknown voice {name}"); continue
            segs.append((sp[0], txt)); continue
        ln = re.sub(r"^\[\d\d:\d\d:\d\d\]\s*", "", ln)
        for k, v in lab.items():
            if ln.startswith(v + " "):
                segs.append((k, ln[len(v) + 1:])); break
    return full, segs


def main():
    styles = {}
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            styles[r["doc_id"]] = r
    docs = sorted(fn for fn in os.listdir(TR))
    ids = [d.split(".")[0] for d in docs]
    if sorted(styles) != sorted(ids): errors.append(f"styles.csv ids {sorted(styles)} != transcripts {ids}")
    for d, r in styles.items():
        if r["style"] not in ("casusgericht", "netwerkgericht", "onbepaald"): errors.append(f"{d}: bad style")
        if not r["rationale"].strip(): errors.append(f"{d}: empty rationale")
    turns, fulls = {}, {}
    for fn in docs:
        did = fn.split(".")[0]
        full, segs = segments(did, os.path.join(TR, fn), labels(did))
        merged = []
        for sp, t in segs:
            if merged and merged[-1][0] == sp: merged[-1][1].append(t)
            else: merged.append([sp, [t]])
        seq = [sp for sp, _ in merged]
        if not seq or seq[0] != "I": errors.append(f"{did}: does not start with interviewer")
        for i in range(1, len(seq)):
            if seq[i] == seq[i - 1]: errors.append(f"{did}: no alternation at turn {i+1}")
        turns[did], fulls[did] = merged, full
        words = sum(len(" ".join(t).split()) for _, t in merged)
        if not 1500 <= words <= 2600: errors.append(f"{did}: {words} words out of range")
        print(f"{did}: {len(merged)} turns, {seq.count('R')} respondent turns, {words} words")
    prev = None
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            d, ti = r["doc_id"], int(r["turn_index"])
            if (d, ti) <= (prev or ("", 0)): errors.append(f"orientation not sorted at {d},{ti}")
            prev = (d, ti)
            if r["orientation"] not in ("casus", "netwerk"): errors.append(f"{d},{ti}: bad orientation")
            if d not in turns or ti < 1 or ti > len(turns[d]) or turns[d][ti - 1][0] != "R":
                errors.append(f"{d},{ti}: orientation row not on a respondent turn")
    n = 0
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            n += 1
            if r["identifier"] not in fulls.get(r["doc_id"], ""):
                errors.append(f"{r['doc_id']}: identifier not verbatim: {r['identifier']}")
    print(f"{n} identifier rows checked")
    if errors:
        print("FAIL"); [print("  " + e) for e in errors]; sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
