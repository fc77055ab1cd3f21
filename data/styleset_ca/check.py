#!/usr/bin/env python3
"""Stdlib self-check for blind set CA: alternation, orientation rows, identifiers, styles."""
import csv, html, os, re, sys, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, "transcripts")
IDS = ["ca01", "ca02", "ca03", "ca04", "ca05", "ca06"]
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
MARK = re.compile(r"\{\{([^{}|]+)\|[A-Z_]+\}\}")
errors = []


def meta(doc_id):
    m = {}
    for line in open(os.path.join(HERE, "src", doc_id + ".txt"), encoding="utf-8"):
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            m[k.strip()] = MARK.sub(lambda x: x.group(1), v.strip())
    return m


def load(doc_id):
    """Return (full text, list of speaker labels per turn)."""
    path = [os.path.join(TR, f) for f in os.listdir(TR) if f.startswith(doc_id + ".")][0]
    ext = path.rsplit(".", 1)[1]
    if ext == "docx":
        xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
        paras = []
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S):
            paras.append(html.unescape("".join(re.findall(r"<w:t[^>]*>(.*?)</w:t>", p, flags=re.S))))
        text = "\n".join(paras)
        lines = [p for p in paras if p.strip()]
        spk = [re.match(r"^([^:]{1,30}): ", l).group(1) for l in lines if re.match(r"^([^:]{1,30}): ", l)]
        return text, spk
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    spk = []
    if ext == "vtt":
        cues = re.findall(r"^<v ([^>]+)>", text, flags=re.M)
    elif ext == "srt":
        cues = [m.group(1) for m in re.finditer(r"-->.*\n([^:\n]{1,30}): ", text)]
    else:
        cues = [m.group(1) for m in re.finditer(r"^(?:\[\d\d:\d\d:\d\d\] )?([^:\n]{1,30}): ", text, flags=re.M)]
    for c in cues:  # merge consecutive cues of one speaker into a turn
        if not spk or spk[-1] != c:
            spk.append(c)
    return text, spk


def main():
    styles = {r["doc_id"]: r for r in csv.DictReader(open(os.path.join(HERE, "styles.csv"), encoding="utf-8"))}
    oris = list(csv.DictReader(open(os.path.join(HERE, "orientation.csv"), encoding="utf-8")))
    idents = list(csv.DictReader(open(os.path.join(HERE, "identifiers.csv"), encoding="utf-8")))
    texts, turns = {}, {}
    for d in IDS:
        m = meta(d)
        text, spk = load(d)
        texts[d], turns[d] = text, spk
        il, rl = m["ilabel"], m["rlabel"]
        if not spk or spk[0] != il:
            errors.append(f"{d}: does not start with interviewer")
        for i, s in enumerate(spk):
            want = il if i % 2 == 0 else rl
            if s != want:
                errors.append(f"{d}: turn {i + 1} speaker {s!r}, expected {want!r}")
        if len(spk) % 2:
            errors.append(f"{d}: ends on an interviewer turn")
        if d not in styles or styles[d]["style"] not in STYLES or not styles[d]["rationale"].strip():
            errors.append(f"{d}: styles.csv row missing or invalid")
        print(f"{d}: {len(spk)} turns, {len(spk) // 2} respondent turns, style {styles.get(d, {}).get('style')}")
    if set(styles) != set(IDS):
        errors.append(f"styles.csv ids {sorted(styles)}")
    prev = None
    for r in oris:
        d, i = r["doc_id"], int(r["turn_index"])
        if (d, i) <= (prev or ("", 0)):
            errors.append(f"orientation.csv not sorted/unique at {d},{i}")
        prev = (d, i)
        if r["orientation"] not in ("casus", "netwerk"):
            errors.append(f"orientation.csv bad value {r}")
        if d not in turns or i % 2 or not (2 <= i <= len(turns[d])):
            errors.append(f"orientation.csv row {d},{i} is not a respondent turn")
    for r in idents:
        if r["identifier"] not in texts.get(r["doc_id"], ""):
            errors.append(f"identifier not verbatim in {r['doc_id']}: {r['identifier']!r}")
    for e in errors:
        print("ERROR", e)
    print(f"{len(oris)} orientation rows, {len(idents)} identifiers; " + ("OK" if not errors else f"{len(errors)} errors"))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
