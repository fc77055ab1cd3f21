"""Build setCM transcripts and csv files from the annotated sources in src/.

Source format (src/cmNN.txt, UTF-8):
  @key value            metadata (@header / @note may repeat)
  I| text               interviewer turn (one line = one turn)
  R| text #mark         respondent turn; mark is #casus, #netwerk or #- (no clear orientation)
  {{text|TYPE}}         inline identifier (PERSOON, LOCATIE, ADRES, DATUM, TELEFOON, EMAIL,
                        DOSSIER, LEEFTIJD, ORGANISATIE_NAAM); rendered as plain text

Run with any python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["cm01", "cm02", "cm03", "cm04", "cm05", "cm06"]
ID_RE = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARKS = {"#casus": "casus", "#netwerk": "netwerk", "#-": None}


def strip(text, idents):
    def rep(m):
        ident, typ = m.group(1), m.group(2)
        assert typ in TYPES, typ
        if (ident, typ) not in idents:
            idents.append((ident, typ))
        return ident
    return ID_RE.sub(rep, text)


def parse(doc_id):
    meta = {"header": [], "note": []}
    turns = []
    idents = []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                if key in ("header", "note"):
                    meta[key].append(strip(val, idents))
                else:
                    meta[key] = val
                continue
            spk, sep, text = line.partition("| ")
            assert sep and spk in ("I", "R"), line[:40]
            mark = None
            if spk == "R":
                text, _, m = text.rpartition(" ")
                assert m in MARKS, (doc_id, len(turns) + 1, m)
                mark = MARKS[m]
            assert "#" not in text, (doc_id, text[:40])
            turns.append({"spk": spk, "text": strip(text, idents), "mark": mark})
    for i, t in enumerate(turns):
        assert t["spk"] == ("I" if i % 2 == 0 else "R"), (doc_id, i + 1)
    for side in ("ilabel", "rlabel"):
        typ = meta.get(side + "_type")
        if typ:
            pair = (meta[side], typ)
            if pair not in idents:
                idents.insert(0, pair)
    return meta, turns, idents


def label(meta, t):
    return meta["ilabel"] if t["spk"] == "I" else meta["rlabel"]


def words(s):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", s))


def hms(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cues_for(text, max_words=24):
    sents = re.split(r"(?<=[.?!])\s+", text)
    cues, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def timed_cues(meta, turns):
    t = 3.0
    out = []
    for turn in turns:
        for c in cues_for(turn["text"]):
            dur = max(1.2, words(c) * 0.38)
            out.append((t, t + dur, label(meta, turn), c))
            t += dur + 0.25
        t += 0.6
    return out


def write_txt(doc_id, meta, turns):
    lines = list(meta["header"])
    if lines:
        lines.append("")
    t = 2.0
    for turn in turns:
        if meta.get("labelstyle") == "timestamp":
            stamp = hms(t, ".")[:8]
            lines.append(f"[{stamp}] {label(meta, turn)}: {turn['text']}")
            t += words(turn["text"]) * 0.4 + 1.5
        else:
            lines.append(f"{label(meta, turn)}: {turn['text']}")
        lines.append("")
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if enc == "cp1252" else "\n"
    data = nl.join(lines).encode(enc)  # strict: fails if a character is not encodable
    with open(os.path.join(OUT, doc_id + ".txt"), "wb") as f:
        f.write(data)
    return doc_id + ".txt"


def write_docx(doc_id, meta, turns):
    import docx
    d = docx.Document()
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
    d.add_paragraph("")
    for turn in turns:
        p = d.add_paragraph()
        if meta.get("labelstyle") == "bold":
            r = p.add_run(label(meta, turn) + ":")
            r.bold = True
            p.add_run(" " + turn["text"])
        else:
            p.add_run(f"{label(meta, turn)}: {turn['text']}")
    d.save(os.path.join(OUT, doc_id + ".docx"))
    return doc_id + ".docx"


def write_srt(doc_id, meta, turns):
    blocks = []
    for n, (a, b, spk, c) in enumerate(timed_cues(meta, turns), 1):
        blocks.append(f"{n}\n{hms(a)} --> {hms(b)}\n{spk}: {c}\n")
    with open(os.path.join(OUT, doc_id + ".srt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(blocks))
    return doc_id + ".srt"


def write_vtt(doc_id, meta, turns):
    parts = ["WEBVTT", ""]
    if meta["note"]:
        parts += ["NOTE " + " ".join(meta["note"]), ""]
    for a, b, spk, c in timed_cues(meta, turns):
        assert "<" not in c and ">" not in c and "&" not in c
        parts += [f"{hms(a, '.')} --> {hms(b, '.')}", f"<v {spk}>{c}", ""]
    with open(os.path.join(OUT, doc_id + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(parts))
    return doc_id + ".vtt"


WRITERS = {"txt": write_txt, "docx": write_docx, "srt": write_srt, "vtt": write_vtt}


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient, idrows, stats = [], [], [], {}
    for doc_id in IDS:
        meta, turns, idents = parse(doc_id)
        fname = WRITERS[meta["format"]](doc_id, meta, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, t in enumerate(turns, 1):
            if t["mark"]:
                orient.append((doc_id, i, t["mark"]))
        for ident, typ in idents:
            idrows.append((doc_id, ident, typ))
        rturns = [t for t in turns if t["spk"] == "R"]
        stats[doc_id] = {
            "file": fname,
            "voice": meta["voice"],
            "style": meta["style"],
            "format": meta["format"] + (" (" + meta["encoding"] + ")" if meta.get("encoding") else ""),
            "words": sum(words(t["text"]) for t in turns),
            "respondent_words": sum(words(t["text"]) for t in rturns),
            "turns": len(turns),
            "respondent_turns": len(rturns),
            "casus_turns": sum(1 for t in rturns if t["mark"] == "casus"),
            "netwerk_turns": sum(1 for t in rturns if t["mark"] == "netwerk"),
        }
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    with open(os.path.join(HERE, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1, ensure_ascii=False)
    for k, v in stats.items():
        print(k, v["file"], v["style"], v["words"], "words,", v["respondent_turns"], "R-turns,",
              v["casus_turns"], "casus /", v["netwerk_turns"], "netwerk")


if __name__ == "__main__":
    sys.exit(main())
