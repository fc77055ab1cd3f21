#!/usr/bin/env python3
"""Build transcripts and csv files for blind set CJ from the annotated sources in src/.

Source format (one file per document, src/<id>.txt):
  @key: value          metadata (format, label_i, label_r, style, rationale, voice, setting, header*)
  I: text              interviewer turn (one paragraph per turn, blank line between turns)
  R: text {mark}       respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers are marked inline as [[verbatim text|TYPE]] (TYPE defaults to PERSOON).

Run with a python that has python-docx (only needed for the docx output):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["cj01", "cj02", "cj03", "cj04", "cj05", "cj06"]
ID_RE = re.compile(r"\[\[([^\]|]+)(?:\|([A-Z_]+))?\]\]")
MARK_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx": "docx", "txt-utf8": "txt", "txt-cp1252": "txt", "vtt": "vtt", "srt": "srt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def strip_ids(s, found):
    def rep(m):
        text, typ = m.group(1), m.group(2) or "PERSOON"
        assert typ in TYPES, typ
        found.append((text, typ))
        return text
    return ID_RE.sub(rep, s)


def parse(doc_id):
    meta = {"header": []}
    turns = []
    found = []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    for block in re.split(r"\n\s*\n", raw.strip()):
        lines = block.strip().split("\n")
        if lines[0].startswith("@"):
            for ln in lines:
                k, v = ln[1:].split(":", 1)
                v = v.strip()
                if k == "header":
                    meta["header"].append(strip_ids(v, found))
                elif k in ("label_i", "label_r"):
                    meta[k] = strip_ids(v, found)
                else:
                    meta[k] = v
            continue
        para = " ".join(l.strip() for l in lines)
        role, text = para.split(":", 1)
        role = role.strip()
        assert role in ("I", "R"), (doc_id, para[:40])
        text = text.strip()
        mark = None
        if role == "R":
            m = MARK_RE.search(text)
            assert m, (doc_id, "missing mark", text[:60])
            mark = m.group(1)
            text = text[:m.start()]
        else:
            assert not MARK_RE.search(text), (doc_id, "mark on interviewer turn")
        text = strip_ids(text, found)
        assert "[[" not in text and "]]" not in text, (doc_id, text[:60])
        turns.append({"role": role, "text": text, "mark": mark})
    for i, t in enumerate(turns):
        assert t["role"] == ("I" if i % 2 == 0 else "R"), (doc_id, i + 1)
    # unique identifiers in order of first appearance
    seen, ids = set(), []
    for text, typ in found:
        if (text, typ) not in seen:
            seen.add((text, typ))
            ids.append((text, typ))
    return meta, turns, ids


def timings(turns):
    """Cumulative (start, end) seconds per turn: ~2.5 words/s, 1.2 s pause between turns."""
    t, out = 3.0, []
    for turn in turns:
        n = len(turn["text"].split())
        dur = max(1.5, n / (2.5 if turn["role"] == "R" else 2.8))
        out.append((t, t + dur))
        t += dur + 1.2
    return out


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def label(meta, role):
    return meta["label_i"] if role == "I" else meta["label_r"]


def write_doc(doc_id, meta, turns):
    fmt = meta["format"]
    path = os.path.join(OUT, doc_id + "." + EXT[fmt])
    if fmt == "docx":
        import docx
        d = docx.Document()
        for k, h in enumerate(meta["header"]):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = k == 0
        d.add_paragraph("")
        for t in turns:
            p = d.add_paragraph()
            r = p.add_run(label(meta, t["role"]) + ":")
            r.bold = True
            p.add_run(" " + t["text"])
        d.save(path)
    elif fmt == "txt-utf8":
        lines = list(meta["header"]) + [""]
        for t in turns:
            lines.append("%s: %s" % (label(meta, t["role"]), t["text"]))
            lines.append("")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    elif fmt == "txt-cp1252":
        lines = list(meta["header"]) + [""]
        for t, (a, _) in zip(turns, timings(turns)):
            lines.append("[%s] %s: %s" % (ts(a)[:8], label(meta, t["role"]), t["text"]))
            lines.append("")
        data = "\r\n".join(lines).encode("cp1252")  # raises if a character does not fit
        with open(path, "wb") as f:
            f.write(data)
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        for h in meta["header"]:
            out += [h, ""]
        for n, (t, (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            out += [str(n), "%s --> %s" % (ts(a), ts(b)),
                    "<v %s>%s</v>" % (label(meta, t["role"]), t["text"]), ""]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    elif fmt == "srt":
        out = []
        for n, (t, (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            out += [str(n), "%s --> %s" % (ts(a, ","), ts(b, ",")),
                    "%s: %s" % (label(meta, t["role"]), t["text"]), ""]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    else:
        raise ValueError(fmt)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient, idrows, stats = [], [], [], {}
    for doc_id in IDS:
        meta, turns, ids = parse(doc_id)
        path = write_doc(doc_id, meta, turns)
        styles.append((doc_id, meta["style"], meta["rationale"].strip('"')))
        for i, t in enumerate(turns, 1):
            if t["mark"] in ("casus", "netwerk"):
                orient.append((doc_id, i, t["mark"]))
        for text, typ in ids:
            idrows.append((doc_id, text, typ))
        words = sum(len(t["text"].split()) for t in turns)
        rwords = sum(len(t["text"].split()) for t in turns if t["role"] == "R")
        stats[doc_id] = {
            "file": os.path.relpath(path, ROOT), "format": meta["format"], "style": meta["style"],
            "voice": meta.get("voice", ""), "setting": meta.get("setting", ""),
            "words": words, "respondent_words": rwords,
            "turns": len(turns), "respondent_turns": sum(t["role"] == "R" for t in turns),
            "casus_turns": sum(t["mark"] == "casus" for t in turns),
            "netwerk_turns": sum(t["mark"] == "netwerk" for t in turns),
            "identifiers": len(ids),
        }
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    with open(os.path.join(HERE, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1, ensure_ascii=False)
    for k, v in stats.items():
        print(k, v["format"], v["style"], "words=%d" % v["words"], "rturns=%d" % v["respondent_turns"],
              "casus=%d netwerk=%d ids=%d" % (v["casus_turns"], v["netwerk_turns"], v["identifiers"]))


if __name__ == "__main__":
    sys.exit(main())
