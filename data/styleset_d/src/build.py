"""Build setD transcripts and csv files from the annotated sources in this folder.

Source format (src/bdNN.src, UTF-8):
  #key: value        meta (style, rationale, format, encoding, ilabel, rlabel, respondent)
  #H text            header line written at the top of the transcript (txt/docx/vtt only)
  I: ... / R: ...    one paragraph per speaker turn, paragraphs separated by a blank line
Inline marks:
  {text|TYPE}        identifier; written as `text`, listed in identifiers.csv
  [[casus]] / [[netwerk]] at the end of a respondent paragraph -> orientation.csv

Run with any python that has python-docx:  python src/build.py
"""
import csv
import re
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOCS = [f"bd0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
STYLES = {"casusgericht", "netwerkgericht", "onbepaald"}
EXT = {"txt": "txt", "txt-ts": "txt", "docx": "docx", "vtt": "vtt", "srt": "srt"}
ID_RE = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
OR_RE = re.compile(r"\s*\[\[(casus|netwerk)\]\]\s*$")
WORDS_PER_SEC = 2.4


def parse(path):
    meta, header, paras, cur = {}, [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#H "):
            header.append(line[3:].strip())
        elif line.startswith("#"):
            k, v = line[1:].split(":", 1)
            meta[k.strip()] = v.strip()
        elif not line.strip():
            if cur:
                paras.append(" ".join(cur))
                cur = []
        else:
            cur.append(line.strip())
    if cur:
        paras.append(" ".join(cur))

    idents = []

    def strip_ids(s):
        for m in ID_RE.finditer(s):
            assert m.group(2) in TYPES, (path.name, m.group(0))
            key = (m.group(1), m.group(2))
            if key not in idents:
                idents.append(key)
        return ID_RE.sub(lambda m: m.group(1), s)

    header = [strip_ids(h) for h in header]
    turns = []
    for i, p in enumerate(paras, start=1):
        spk, body = p.split(":", 1)
        spk = spk.strip()
        assert spk == ("I" if i % 2 else "R"), f"{path.name}: turn {i} should not be {spk}"
        orient = None
        m = OR_RE.search(body)
        if m:
            assert spk == "R", f"{path.name}: orientation on interviewer turn {i}"
            orient = m.group(1)
            body = body[: m.start()]
        text = strip_ids(body.strip())
        assert not re.search(r"[{}|]|\[\[", text), f"{path.name}: leftover markup in turn {i}: {text[:80]}"
        turns.append({"idx": i, "spk": spk, "text": text, "orient": orient})
    assert meta.get("style") in STYLES, path.name
    return meta, header, turns, idents


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns, start=2.0):
    t, out = start, []
    for tr in turns:
        dur = max(1.5, len(tr["text"].split()) / WORDS_PER_SEC)
        out.append((t, t + dur))
        t += dur + 0.8
    return out


def label(meta, tr):
    return meta["ilabel"] if tr["spk"] == "I" else meta["rlabel"]


def write(doc_id, meta, header, turns):
    fmt = meta["format"]
    path = OUT / f"{doc_id}.{EXT[fmt]}"
    if fmt == "txt":
        lines = header + ([""] if header else [])
        lines += [f"{label(meta, tr)} {tr['text']}\n" for tr in turns]
        enc = meta.get("encoding", "utf-8")
        nl = "\r\n" if enc == "cp1252" else "\n"
        path.write_text("\n".join(lines), encoding=enc, newline=nl)
    elif fmt == "txt-ts":
        lines = header + ([""] if header else [])
        for tr, (a, _) in zip(turns, timings(turns, 3.0)):
            lines.append(f"[{ts(a, '.')[:8]}] {label(meta, tr)} {tr['text']}\n")
        enc = meta.get("encoding", "utf-8")
        nl = "\r\n" if enc == "cp1252" else "\n"
        with open(path, "w", encoding=enc, newline=nl) as fh:
            fh.write("\n".join(lines))
    elif fmt == "docx":
        d = Document()
        for j, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = j == 0
        if header:
            d.add_paragraph("")
        for tr in turns:
            p = d.add_paragraph()
            r = p.add_run(label(meta, tr))
            r.bold = True
            p.add_run(" " + tr["text"])
        d.save(path)
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out += ["NOTE " + header[0]] + header[1:] + [""]
        for n, (tr, (a, b)) in enumerate(zip(turns, timings(turns)), start=1):
            out += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label(meta, tr)}>{tr['text']}", ""]
        path.write_text("\n".join(out), encoding="utf-8")
    elif fmt == "srt":
        out = []
        for n, (tr, (a, b)) in enumerate(zip(turns, timings(turns)), start=1):
            out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label(meta, tr)} {tr['text']}", ""]
        path.write_text("\n".join(out), encoding="utf-8")
    else:
        raise ValueError(fmt)
    return path


def main():
    OUT.mkdir(exist_ok=True)
    styles, orient, idrows, table = [], [], [], []
    for doc_id in DOCS:
        meta, header, turns, idents = parse(HERE / f"{doc_id}.src")
        path = write(doc_id, meta, header, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        orient += [(doc_id, tr["idx"], tr["orient"]) for tr in turns if tr["orient"]]
        idrows += [(doc_id, v, t) for v, t in idents]
        words = sum(len(tr["text"].split()) for tr in turns)
        rwords = sum(len(tr["text"].split()) for tr in turns if tr["spk"] == "R")
        rturns = sum(tr["spk"] == "R" for tr in turns)
        oc = {o: sum(tr["orient"] == o for tr in turns) for o in ("casus", "netwerk")}
        fmt = meta["format"] + (f" ({meta['encoding']})" if "encoding" in meta else "")
        table.append((doc_id, meta["respondent"], meta["style"], f"{path.name}: {fmt}, labels "
                      f"`{meta['ilabel']}` / `{meta['rlabel']}`", words, rwords, rturns,
                      f"{oc['casus']} casus / {oc['netwerk']} netwerk"))
        print(f"{doc_id}: {meta['style']:15s} {path.name:10s} words={words} (resp {rwords}) "
              f"turns={len(turns)} resp_turns={rturns} ids={len(idents)} {oc}")
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    rows = ["| doc | respondent (voice, setting) | style | format | words | resp. words | "
            "resp. turns | marked turns |", "|---|---|---|---|---|---|---|---|"]
    rows += ["| " + " | ".join(str(c) for c in r) + " |" for r in table]
    notes = (HERE / "README_notes.md").read_text(encoding="utf-8")
    (ROOT / "README.md").write_text(notes.replace("{{TABLE}}", "\n".join(rows)), encoding="utf-8")


if __name__ == "__main__":
    main()
