#!/usr/bin/env python3
"""Build set CL transcripts + csv files from the annotated sources in this folder.

Source format (src/<id>.txt):
  #format: docx | srt | vtt | txtstamp | txtcp1252 | txtinit
  #ilabel: <interviewer speaker label>   #rlabel: <respondent speaker label>
  #labelids: Name|TYPE; Name|TYPE        (identifiers that occur in speaker labels)
  #header: <header line>                 (may contain identifier marks)
  then blank-line separated paragraphs, one per turn, "I: ..." or "R: ...".
  Identifiers are marked inline as [[text|TYPE]]; every R paragraph ends in
  {casus}, {netwerk} or {-} (no clear orientation).

Needs python-docx for the .docx file (run with /work/main/.venv/bin/python).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["cl01", "cl02", "cl03", "cl04", "cl05", "cl06"]
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txtstamp": "txt", "txtcp1252": "txt", "txtinit": "txt"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}

STYLES = {
    "cl01": ("casusgericht", "Top400 regisseur who runs many round tables and deals with leerplicht, OM and JBRA, but every meeting and agreement serves one boy's plan and she hands structural issues to her team leader."),
    "cl02": ("netwerkgericht", "Ex-police Top600 regisseur who tells warm stories about a client but invests in standing partner meetings, unwritten agreements with the OM made formal, a sharing sheet and housing escalation with figures."),
    "cl03": ("onbepaald", "Ex-straatcoach Top400 regisseur who splits his time and effort roughly equally between street contact with one youth and running a weekly signalling table with partners (genuinely mixed)."),
    "cl04": ("casusgericht", "Terse reclasseringswerker whose calls to PI, WPI, OM and wijkagent all serve one released client's practical plan, and who avoids general cooperation meetings."),
    "cl05": ("netwerkgericht", "Angry team leader who uses cases as evidence for escalation ladders, fixed contact persons, quarterly OM reviews and partner-wide meetings, leaving client trust to her regisseurs."),
    "cl06": ("casusgericht", "Regisseur with a GGZ background who builds trust with a psychotic client door by door and negotiates with OM, corporation, FACT and reclassering only to fit a plan around him."),
}


def parse(doc_id):
    meta = {"header": []}
    turns = []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    body = []
    for line in raw.splitlines():
        if line.startswith("#"):
            key, _, val = line[1:].partition(":")
            val = val.strip()
            if key == "header":
                meta["header"].append(val)
            else:
                meta[key] = val
        else:
            body.append(line)
    for para in re.split(r"\n\s*\n", "\n".join(body).strip()):
        para = " ".join(para.split())
        spk, _, text = para.partition(": ")
        assert spk in ("I", "R"), (doc_id, para[:40])
        orient = None
        if spk == "R":
            m = re.search(r"\s*\{(casus|netwerk|-)\}$", text)
            assert m, (doc_id, "missing orientation mark", text[:60])
            orient = m.group(1)
            text = text[: m.start()]
        else:
            assert "{" not in text, (doc_id, text[:60])
        turns.append((spk, text, orient))
    return meta, turns


def strip(s):
    return MARK.sub(lambda m: m.group(1), s)


def words(s):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", strip(s)))


def sentences(text):
    parts = re.split(r"(?<=[.!?…])\s+(?=[A-ZÀ-Ý(\"'])", text)
    return [p for p in parts if p]


def cues_for(text, max_words=22):
    cues, cur = [], []
    for s in sentences(text):
        n = len(s.split())
        if cur and sum(len(c.split()) for c in cur) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def render(doc_id, meta, turns):
    fmt = meta["format"]
    il, rl = meta["ilabel"], meta["rlabel"]
    lab = lambda spk: il if spk == "I" else rl
    header = [strip(h) for h in meta["header"]]
    path = os.path.join(TR, f"{doc_id}.{EXT[fmt]}")
    if fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for k, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if k == 0:
                r.bold = True
                r.font.size = Pt(14)
        d.add_paragraph("")
        for spk, text, _ in turns:
            p = d.add_paragraph()
            p.add_run(lab(spk) + ":").bold = True
            p.add_run(" " + strip(text))
        d.save(path)
        return
    if fmt in ("srt", "vtt"):
        t = 3.2
        blocks = []
        for spk, text, _ in turns:
            for c in cues_for(strip(text)):
                dur = max(1.6, len(c.split()) / 2.6)
                blocks.append((t, t + dur, lab(spk), c))
                t += dur + 0.25
            t += 0.9
        out = []
        if fmt == "srt":
            for k, (a, b, who, c) in enumerate(blocks, 1):
                out.append(f"{k}\n{ts(a, ',')} --> {ts(b, ',')}\n{who}: {c}\n")
        else:
            out.append("WEBVTT\n")
            for h in header:
                out.append(f"NOTE {h}\n")
            for k, (a, b, who, c) in enumerate(blocks, 1):
                out.append(f"{k}\n{ts(a, '.')} --> {ts(b, '.')}\n<v {who}>{c}</v>\n")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
        return
    lines = list(header)
    if lines:
        lines.append("")
    t = 4
    for spk, text, _ in turns:
        s = strip(text)
        if fmt == "txtstamp":
            h, rem = divmod(int(t), 3600)
            m, sec = divmod(rem, 60)
            lines.append(f"[{h:02d}:{m:02d}:{sec:02d}] {lab(spk)}: {s}")
            t += len(s.split()) / 2.5 + 2
        else:
            lines.append(f"{lab(spk)}: {s}")
        lines.append("")
    content = "\n".join(lines)
    if fmt == "txtcp1252":
        with open(path, "wb") as f:
            f.write(content.replace("\n", "\r\n").encode("cp1252"))
    else:
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(content)


def main():
    os.makedirs(TR, exist_ok=True)
    orient_rows, ident_rows, stats = [], [], {}
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        assert turns[0][0] == "I"
        for k in range(1, len(turns)):
            assert turns[k][0] != turns[k - 1][0], (doc_id, k)
        render(doc_id, meta, turns)
        seen = []
        marked = meta["header"] + [t for _, t, _ in turns]
        for lid in filter(None, (x.strip() for x in meta.get("labelids", "").split(";"))):
            name, typ = lid.split("|")
            seen.append((name, typ))
        for s in marked:
            for m in MARK.finditer(s):
                seen.append((m.group(1), m.group(2)))
        done = set()
        for ident, typ in seen:
            assert typ in TYPES, (doc_id, ident, typ)
            if (ident, typ) not in done:
                done.add((ident, typ))
                ident_rows.append((doc_id, ident, typ))
        for k, (spk, _, o) in enumerate(turns, 1):
            if spk == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, k, o))
        rturns = [t for t in turns if t[0] == "R"]
        stats[doc_id] = {
            "format": EXT[meta["format"]] + ("" if meta["format"] not in ("txtcp1252",) else " (cp1252)"),
            "words": sum(words(t) for _, t, _ in turns),
            "resp_words": sum(words(t) for _, t, _ in rturns),
            "turns": len(turns),
            "resp_turns": len(rturns),
            "casus": sum(1 for t in rturns if t[2] == "casus"),
            "netwerk": sum(1 for t in rturns if t[2] == "netwerk"),
        }
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, *STYLES[d]])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for d in IDS:
        s = stats[d]
        print(d, STYLES[d][0], s)


if __name__ == "__main__":
    main()
