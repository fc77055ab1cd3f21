#!/usr/bin/env python3
"""Stdlib self-check for setCP: alternation, orientation rows, identifiers, styles.csv."""
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = ["cp01", "cp02", "cp03", "cp04", "cp05", "cp06"]
# (file, interviewer label, respondent label)
LABELS = {
    "cp01": ("cp01.docx", "Interviewer", "Respondent"),
    "cp02": ("cp02.srt", "Interviewer", "Erik"),
    "cp03": ("cp03.txt", "I", "R"),
    "cp04": ("cp04.txt", "MV", "BT"),
    "cp05": ("cp05.vtt", "Interviewer", "Joost Lammers"),
    "cp06": ("cp06.txt", "Spreker 1", "Spreker 2"),
}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
errors = []


def read_text(path):
    raw = open(path, "rb").read()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def docx_paragraphs(path):
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]


def turns_and_text(doc):
    fname, il, rl = LABELS[doc]
    path = os.path.join(TR, fname)
    speakers = []
    if fname.endswith(".docx"):
        paras = docx_paragraphs(path)
        full = "\n".join(paras)
        for p in paras:
            for lab in (il, rl):
                if p.startswith(lab + ":"):
                    speakers.append(lab)
    elif fname.endswith(".vtt"):
        full = read_text(path)
        for m in re.finditer(r"^<v ([^>]+)>", full, re.M):
            speakers.append(m.group(1))
    elif fname.endswith(".srt"):
        full = read_text(path)
        for block in re.split(r"\n\s*\n", full.strip()):
            lines = block.splitlines()
            if len(lines) < 3 or "-->" not in lines[1]:
                errors.append(f"{doc}: malformed srt cue {lines[:1]}")
                continue
            lab = lines[2].split(":", 1)[0]
            speakers.append(lab)
    else:
        full = read_text(path)
        pat = re.compile(r"^(?:\[\d\d:\d\d:\d\d\] )?(%s|%s): " % (re.escape(il), re.escape(rl)), re.M)
        speakers = [m.group(1) for m in pat.finditer(full)]
    return speakers, full, (il, rl)


def main():
    styles = {}
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            styles[row["doc_id"]] = row
    for d in IDS:
        if d not in styles:
            errors.append(f"styles.csv: {d} missing")
        elif styles[d]["style"] not in STYLES or not styles[d]["rationale"].strip():
            errors.append(f"styles.csv: {d} bad style/rationale")
    if set(styles) - set(IDS):
        errors.append(f"styles.csv: unexpected ids {set(styles) - set(IDS)}")

    info = {}
    for d in IDS:
        speakers, full, (il, rl) = turns_and_text(d)
        info[d] = (speakers, full, rl)
        if not speakers:
            errors.append(f"{d}: no turns found")
        for i, s in enumerate(speakers):
            exp = il if i % 2 == 0 else rl
            if s != exp:
                errors.append(f"{d}: turn {i+1} is {s!r}, expected {exp!r}")
                break

    prev = None
    with open(os.path.join(HERE, "orientation.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            d, t, o = row["doc_id"], int(row["turn_index"]), row["orientation"]
            key = (d, t)
            if prev and key <= prev:
                errors.append(f"orientation.csv: not sorted/unique at {key}")
            prev = key
            if o not in ("casus", "netwerk"):
                errors.append(f"orientation.csv: bad value {o}")
            if d not in info:
                errors.append(f"orientation.csv: unknown doc {d}")
                continue
            sp, _, rl = info[d]
            if t < 1 or t > len(sp) or sp[t - 1] != rl:
                errors.append(f"orientation.csv: {d} turn {t} is not a respondent turn")

    types = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
    n_ids = 0
    with open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            n_ids += 1
            d, ident, ty = row["doc_id"], row["identifier"], row["type"]
            if ty not in types:
                errors.append(f"identifiers.csv: bad type {ty}")
            if d not in info or ident not in info[d][1]:
                errors.append(f"identifiers.csv: {d} {ident!r} not found verbatim")

    for d in IDS:
        sp = info[d][0]
        print(f"{d}: {len(sp)} turns, {sum(1 for s in sp if s == info[d][2])} respondent turns")
    print(f"identifiers checked: {n_ids}")
    if errors:
        print("FAIL")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
