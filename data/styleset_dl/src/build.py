#!/usr/bin/env python3
"""Build set DL: transcripts + csv files from the annotated sources in src/*.src.

Source format (one turn per paragraph line):
  @id dl01                      document id
  @format docx-bold|docx-plain|srt|vtt|txt-cp1252|txt-timestamps
  @label_I / @label_R           speaker labels as they appear in the transcript
  @header <text>                header line (may carry identifier markup)
  @extra <identifier>|<TYPE>    identifier that occurs unmarked (e.g. a first name used alone)
  I: <text>                     interviewer turn
  R: <text> {casus|netwerk}     respondent turn, optional orientation mark at the end
Identifier markup inline: [[verbatim text|TYPE]].
Run with a python that has python-docx (only needed for the docx formats).
"""
import csv
import glob
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk)\}\s*$")

STYLES = {
    "dl01": ("casusgericht",
             "Talks at length about meetings, partner agreements and a case conference, but every negotiation "
             "and contact serves one client's plan; her trust work is with the client and his mother and she "
             "leaves structural issues to others."),
    "dl02": ("netwerkgericht",
             "Tells warm, detailed client stories, but what he invests in is relations between organisations: "
             "patterns across cases, structural work agreements, escalation to directors, trust among professionals."),
    "dl03": ("casusgericht",
             "Builds one family's safety plan from the kitchen table and uses the MDA++ table and one-to-one calls "
             "to get partners to deliver for that family; wants fewer meetings, more mandate per case."),
    "dl04": ("netwerkgericht",
             "Chairs and built the ondermijning case table; sees the table rather than the youngster as her client "
             "and invests in covenants, cross-case analysis, partner trust and regional arrangements."),
    "dl05": ("onbepaald",
             "Genuinely mixed: splits his week and his investment about equally between long trust-building with "
             "one client and building and maintaining a local signalling table and inter-organisational agreements."),
    "dl06": ("onbepaald",
             "Too little evidence: a guarded police officer who describes procedures in short answers and shows "
             "no investment in either the persons in regie or the partner network."),
}


def parse(path):
    meta = {"header": [], "extra": []}
    turns = []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                key, _, val = line[1:].partition(" ")
                if key in ("header", "extra"):
                    meta[key].append(val)
                else:
                    meta[key] = val
                continue
            spk, sep, text = line.partition(": ")
            if spk not in ("I", "R") or not sep:
                raise ValueError(f"{path}: bad line: {line[:60]}")
            orient = None
            m = ORIENT.search(text)
            if m:
                orient = m.group(1)
                text = text[: m.start()]
            if orient and spk != "R":
                raise ValueError(f"{path}: orientation on interviewer turn")
            turns.append({"spk": spk, "raw": text.strip(), "orient": orient})
    for t in turns:
        t["text"] = MARK.sub(lambda m: m.group(1), t["raw"])
    meta["header_plain"] = [MARK.sub(lambda m: m.group(1), h) for h in meta["header"]]
    return meta, turns


def identifiers(meta, turns):
    seen = []
    for chunk in meta["header"] + [t["raw"] for t in turns]:
        for m in MARK.finditer(chunk):
            key = (m.group(1), m.group(2))
            if key not in seen:
                seen.append(key)
    for e in meta["extra"]:
        ident, _, typ = e.rpartition("|")
        if (ident, typ) not in seen:
            seen.append((ident, typ))
    return seen


def chunks(text, maxw=16):
    """Split a turn into subtitle-sized chunks at sentence/clause boundaries."""
    sents = re.split(r"(?<=[.?!])\s+", text)
    out, cur = [], []
    for s in sents:
        w = s.split()
        if cur and len(cur) + len(w) > maxw:
            out.append(" ".join(cur))
            cur = []
        while len(w) > maxw * 1.6:  # very long sentence: cut at a comma near the middle
            words = w
            cut = None
            for i in range(maxw // 2, min(len(words) - 3, maxw + 4)):
                if words[i - 1].endswith(","):
                    cut = i
                    break
            cut = cut or maxw
            out.append(" ".join(words[:cut]))
            w = words[cut:]
        cur.extend(w)
    if cur:
        out.append(" ".join(cur))
    return out


def wrap2(s, width=44):
    if len(s) <= width:
        return s
    words = s.split()
    best, line1 = None, []
    for i in range(1, len(words)):
        a, b = " ".join(words[:i]), " ".join(words[i:])
        score = abs(len(a) - len(b))
        if best is None or score < best[0]:
            best = (score, a, b)
    return best[1] + "\n" + best[2]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_doc(meta, turns):
    did, fmt = meta["id"], meta["format"]
    LI, LR = meta["label_I"], meta["label_R"]
    lab = lambda t: LI if t["spk"] == "I" else LR
    if fmt.startswith("docx"):
        import docx
        d = docx.Document()
        for i, h in enumerate(meta["header_plain"]):
            p = d.add_paragraph()
            r = p.add_run(h)
            if i == 0:
                r.bold = True
        d.add_paragraph("")
        for t in turns:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                r = p.add_run(lab(t) + ":")
                r.bold = True
                p.add_run(" " + t["text"])
            else:
                p.add_run(f"{lab(t)}: {t['text']}")
        path = os.path.join(TR, did + ".docx")
        d.save(path)
        return path
    if fmt in ("srt", "vtt"):
        clock = 1.2
        cues = []
        for t in turns:
            clock += 0.6
            for c in chunks(t["text"]):
                dur = max(1.4, len(c.split()) / 2.7)
                cues.append((clock, clock + dur, lab(t), c))
                clock += dur + 0.15
        lines = []
        if fmt == "srt":
            for n, (a, b, l, c) in enumerate(cues, 1):
                lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", wrap2(f"{l}: {c}"), ""]
            path = os.path.join(TR, did + ".srt")
        else:
            lines += ["WEBVTT", "", "NOTE interview regievoering, automatisch ondertiteld en handmatig gecorrigeerd", ""]
            for n, (a, b, l, c) in enumerate(cues, 1):
                lines += [f"{did}-{n}", f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {l}>{c}</v>", ""]
            path = os.path.join(TR, did + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "txt-cp1252":
        lines = list(meta["header_plain"]) + [""]
        for t in turns:
            lines += [f"{lab(t)}: {t['text']}", ""]
        path = os.path.join(TR, did + ".txt")
        with open(path, "w", encoding="cp1252", newline="\r\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "txt-timestamps":
        lines = list(meta["header_plain"]) + [""]
        clock = 3.0
        for t in turns:
            lines += [f"[{ts(clock, ',')[:8]}] {lab(t)}: {t['text']}", ""]
            clock += 1.5 + len(t["text"].split()) / 2.6
        path = os.path.join(TR, did + ".txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
        return path
    raise ValueError(fmt)


def main():
    os.makedirs(TR, exist_ok=True)
    docs = []
    for p in sorted(glob.glob(os.path.join(HERE, "*.src"))):
        meta, turns = parse(p)
        for i, t in enumerate(turns):
            exp = "I" if i % 2 == 0 else "R"
            if t["spk"] != exp:
                raise ValueError(f"{p}: turn {i+1} should be {exp}")
        plain = "\n".join(meta["header_plain"] + [meta["label_I"], meta["label_R"]] + [t["text"] for t in turns])
        ids = identifiers(meta, turns)
        for ident, typ in ids:
            if ident not in plain:
                raise ValueError(f"{meta['id']}: identifier not in text: {ident}")
        path = write_doc(meta, turns)
        words = sum(len(t["text"].split()) for t in turns)
        docs.append((meta, turns, ids, path, words))
        print(f"{meta['id']}: {os.path.basename(path)} words={words} "
              f"resp_turns={sum(1 for t in turns if t['spk']=='R')} "
              f"casus={sum(1 for t in turns if t['orient']=='casus')} "
              f"netwerk={sum(1 for t in turns if t['orient']=='netwerk')}")
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for meta, *_ in docs:
            s, r = STYLES[meta["id"]]
            w.writerow([meta["id"], s, r])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for meta, turns, *_ in docs:
            for i, t in enumerate(turns, 1):
                if t["orient"]:
                    w.writerow([meta["id"], i, t["orient"]])
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for meta, turns, ids, *_ in docs:
            for ident, typ in ids:
                w.writerow([meta["id"], ident, typ])


if __name__ == "__main__":
    main()
