#!/usr/bin/env python3
"""Build transcripts + csv files of blind set N from the annotated sources in src/.

Source format (src/<id>.src):
  meta lines "key: value" until a line "---"; keys: id, format (txt | txt-ts | docx | srt | vtt),
  encoding, newline, label_I, label_R, label_ids ("Name|TYPE" for names that occur in speaker
  labels), header (repeatable).
  Then one line per speaker turn: "I: text" or "R: text @casus|@netwerk|@-".
  Identifiers are marked inline as {{verbatim text|TYPE}}.

Run with: /work/main/.venv/bin/python src/build.py   (python-docx needed for the .docx only)
"""
import csv
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["bn01", "bn02", "bn03", "bn04", "bn05", "bn06"]

STYLES = {
    "bn01": ("netwerkgericht",
             "Top600 regisseur whose effort goes into the uitvoerdersoverleg, structural agreements between partners, "
             "escalation for patterns and trust among professionals; clients appear as illustrations."),
    "bn02": ("casusgericht",
             "OM coordinator who talks a lot about meetings and partners but uses every overleg, call and agreement "
             "for one man's plan and his family, and declines to turn it into structural arrangements."),
    "bn03": ("onbepaald",
             "Genuinely mixed: a leerplicht officer who splits his week and his stories about equally between "
             "personal work with one boy and his family and building school-police agreements across schools."),
    "bn04": ("casusgericht",
             "Youth worker with a regie role whose trust, plan and partner contacts all revolve around one "
             "seventeen-year-old and his family."),
    "bn05": ("netwerkgericht",
             "Top400 regisseur who tells warm stories about a boy but deliberately steps back and invests in the "
             "school table, inter-agency agreements and trust among professionals."),
    "bn06": ("casusgericht",
             "Terse GGZ nurse whose regie is entirely about one client's care, relapse and safety; partners are "
             "contacted only for him and network meetings are avoided."),
}

MARK = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
ORIENT = re.compile(r"\s*@(casus|netwerk|-)\s*$")
NBSP_PH = "\u0001"


def parse(path):
    meta = {"header": [], "label_ids": []}
    turns = []
    in_turns = False
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if not in_turns:
                if line.strip() == "---":
                    in_turns = True
                    continue
                k, v = line.split(":", 1)
                v = v.strip()
                if k in ("header", "label_ids"):
                    meta[k].append(v)
                else:
                    meta[k] = v
                continue
            spk, text = line.split(":", 1)
            spk = spk.strip()
            assert spk in ("I", "R"), (path, line)
            text = text.strip()
            orient = None
            if spk == "R":
                m = ORIENT.search(text)
                assert m, ("respondent turn without orientation mark", path, line[:60])
                orient = m.group(1)
                text = text[:m.start()].rstrip()
            else:
                assert not ORIENT.search(text), (path, line[:60])
            turns.append({"spk": spk, "marked": text, "orient": orient})
    for i, t in enumerate(turns):
        assert t["spk"] == ("I" if i % 2 == 0 else "R"), (path, i + 1)
    return meta, turns


def plain(marked):
    return MARK.sub(lambda m: m.group(1), marked)


def idents(marked):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(marked)]


def tokens(marked):
    """Whitespace tokens where an identifier is never split."""
    protected = MARK.sub(lambda m: "{{" + m.group(1).replace(" ", NBSP_PH) + "|" + m.group(2) + "}}", marked)
    return [plain(tok.replace(NBSP_PH, " ")) for tok in protected.split()]


def chunks(marked, lo=7, hi=14):
    toks = tokens(marked)
    out, cur = [], []
    for tok in toks:
        cur.append(tok)
        n = sum(len(t.split()) for t in cur)
        if (n >= lo and re.search(r"[.?!,:;]$", tok)) or n >= hi:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and sum(len(t.split()) for t in cur) < 3:
            out[-1] = out[-1] + " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def ts(sec, sep=","):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def label(meta, spk):
    return meta["label_I"] if spk == "I" else meta["label_R"]


def render_txt(meta, turns, timestamps=False):
    lines = [plain(h) for h in meta["header"]]
    if lines:
        lines.append("")
    t = 4.0
    for turn in turns:
        text = plain(turn["marked"])
        if timestamps:
            lines.append(f"[{hms(t)}] {label(meta, turn['spk'])} {text}")
        else:
            lines.append(f"{label(meta, turn['spk'])} {text}")
        lines.append("")
        t += len(text.split()) / 2.6 + 1.5
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    return nl.join(lines).rstrip() + nl


def render_srt(meta, turns):
    out, n, t = [], 1, 2.0
    for turn in turns:
        for j, ch in enumerate(chunks(turn["marked"])):
            dur = max(1.2, len(ch.split()) / 2.7)
            text = f"{label(meta, turn['spk'])} {ch}" if j == 0 else ch
            out.append(f"{n}\n{ts(t)} --> {ts(t + dur)}\n{text}\n")
            n += 1
            t += dur + 0.15
        t += 0.8
    return "\n".join(out)


def render_vtt(meta, turns):
    out = ["WEBVTT", ""]
    for h in meta["header"]:
        out += ["NOTE " + plain(h), ""]
    t = 1.0
    for turn in turns:
        for ch in chunks(turn["marked"], lo=9, hi=18):
            dur = max(1.2, len(ch.split()) / 2.7)
            out += [f"{ts(t, '.')} --> {ts(t + dur, '.')}", f"<v {label(meta, turn['spk'])}>{ch}</v>", ""]
            t += dur + 0.1
        t += 0.7
    return "\n".join(out)


def render_docx(meta, turns, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    d.add_paragraph("")
    for turn in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, turn["spk"]))
        r.bold = True
        p.add_run(" " + plain(turn["marked"]))
    d.save(path)


EXT = {"txt": "txt", "txt-ts": "txt", "docx": "docx", "srt": "srt", "vtt": "vtt"}


def main():
    os.makedirs(OUT, exist_ok=True)
    orient_rows, ident_rows, stats = [], [], {}
    for doc in IDS:
        meta, turns = parse(os.path.join(HERE, doc + ".src"))
        assert meta["id"] == doc
        fmt = meta["format"]
        path = os.path.join(OUT, f"{doc}.{EXT[fmt]}")
        if fmt == "docx":
            render_docx(meta, turns, path)
        else:
            if fmt == "txt":
                text = render_txt(meta, turns)
            elif fmt == "txt-ts":
                text = render_txt(meta, turns, timestamps=True)
            elif fmt == "srt":
                text = render_srt(meta, turns)
            else:
                text = render_vtt(meta, turns)
            enc = meta.get("encoding", "utf-8")
            with open(path, "wb") as f:
                f.write(text.encode(enc))
        # orientation
        for i, t in enumerate(turns, start=1):
            if t["spk"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc, i, t["orient"]))
        # identifiers (unique, first-appearance order)
        seen = []
        for lid in meta["label_ids"]:
            s, typ = lid.split("|")
            seen.append((s, typ))
        for h in meta["header"]:
            seen += idents(h)
        for t in turns:
            seen += idents(t["marked"])
        uniq = []
        for x in seen:
            if x not in uniq:
                uniq.append(x)
        ident_rows += [(doc, s, typ) for s, typ in uniq]
        words = sum(len(plain(t["marked"]).split()) for t in turns)
        rwords = sum(len(plain(t["marked"]).split()) for t in turns if t["spk"] == "R")
        oc = [t["orient"] for t in turns if t["spk"] == "R"]
        stats[doc] = {
            "file": os.path.basename(path), "format": fmt, "encoding": meta.get("encoding", "utf-8"),
            "turns": len(turns), "respondent_turns": sum(1 for t in turns if t["spk"] == "R"),
            "words": words, "respondent_words": rwords,
            "casus_turns": oc.count("casus"), "netwerk_turns": oc.count("netwerk"), "unmarked_turns": oc.count("-"),
            "identifiers": len(uniq),
        }
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in IDS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows, key=lambda r: (r[0], r[1])):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in ident_rows:
            w.writerow(r)
    with open(os.path.join(HERE, "stats.json"), "w", encoding="utf-8") as f:
        json.dump(stats, f, indent=1)
    for doc in IDS:
        print(doc, json.dumps(stats[doc]))


if __name__ == "__main__":
    sys.exit(main())
