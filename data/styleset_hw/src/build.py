#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set HW from the annotated sources.

Source format (src/hwNN.src):
  # key: value      metadata (format, ilabel, rlabel, start)
  H: ...            header line (not spoken)
  I: ... / R: ...   one paragraph per turn; identifiers inline as [[text|TYPE]];
                    every R paragraph ends in {casus}, {netwerk} or {-}.
Run with: /work/main/.venv/bin/python src/build.py   (python-docx needed for .docx)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["hw01", "hw02", "hw03", "hw04", "hw05", "hw06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"srt": "srt", "vtt": "vtt", "txt_ts": "txt", "txt_ir_cp1252": "txt",
       "docx_bold": "docx", "docx_plain": "docx"}

STYLES = {
    "hw01": ("netwerkgericht",
             "Terse ex-police process director who leaves contact with persons to case directors and "
             "puts his own time and trust in a German police contact, a shared-address table, "
             "protocols and fixing agreements with team leaders and the mayor."),
    "hw02": ("casusgericht",
             "Former probation officer who names many partners and meetings but uses each one for "
             "one young man's own plan, builds his trust personally and declines the cross-border "
             "working group."),
    "hw03": ("onbepaald",
             "Too little evidence: a guarded municipal adviser who stays procedural and general, "
             "refuses examples and never shows whether her effort goes to persons or to partner "
             "organisations."),
    "hw04": ("netwerkgericht",
             "Former Veilig Thuis worker who tells warm client stories but hands daily contact to "
             "the home-care worker and youth protection and invests in agreements between "
             "home care, housing corporations, police and the Belgian police."),
    "hw05": ("casusgericht",
             "Rambling youth director who calls on school, German youth court services, police and "
             "clubs only for one boy's plan, stays personally available to him and turns down the "
             "Dutch-German working group."),
    "hw06": ("onbepaald",
             "Genuinely mixed: a former addiction care worker who splits her effort about equally "
             "between her own clients (weekly contact, personal deals) and an inner-city agreement "
             "framework and cross-border arrangement between organisations."),
}

ANN = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(s, ids):
    for m in ANN.finditer(s):
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"bad type {typ}")
        ids.append((text, typ))
    return ANN.sub(lambda m: m.group(1), s)


def parse(doc):
    meta, header, turns, ids = {}, [], [], []
    with open(os.path.join(HERE, doc + ".src"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("# "):
                k, v = line[2:].split(":", 1)
                meta[k.strip()] = v.strip()
            elif line.startswith("H: "):
                header.append(strip(line[3:], ids))
            elif line[:3] in ("I: ", "R: "):
                who = line[0]
                body = line[3:]
                orient = None
                if who == "R":
                    m = TAG.search(body)
                    if not m:
                        sys.exit(f"{doc}: respondent turn without tag: {body[:60]}")
                    orient = m.group(1)
                    body = body[:m.start()]
                elif TAG.search(body):
                    sys.exit(f"{doc}: tag on interviewer turn")
                turns.append((who, strip(body, ids).strip(), orient))
            else:
                sys.exit(f"{doc}: unparsable line: {line[:60]}")
    meta["ilabel"] = strip(meta["ilabel"], ids)
    meta["rlabel"] = strip(meta["rlabel"], ids)
    for n, (who, _, _) in enumerate(turns):
        if who != ("I" if n % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at {n + 1}")
    return meta, header, turns, ids


def chunks(text, maxw=22):
    sents = re.split(r"(?<=[.!?])\s+", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def start_sec(meta):
    h, m, s = (int(x) for x in meta.get("start", "00:00:05").split(":"))
    return h * 3600 + m * 60 + s


def label(meta, who):
    return meta["ilabel"] if who == "I" else meta["rlabel"]


def timed(meta, turns):
    """Yield (who, [(t0, t1, chunk), ...]) with plausible timings."""
    t = float(start_sec(meta))
    for who, text, _ in turns:
        cues = []
        for c in chunks(text):
            d = 0.6 + len(c.split()) / 2.6
            cues.append((t, t + d, c))
            t += d + 0.15
        t += 0.7
        yield who, cues


def build_srt(meta, header, turns):
    out, n = [], 0
    for who, cues in timed(meta, turns):
        for t0, t1, c in cues:
            n += 1
            out.append(f"{n}\r\n{ts(t0, ',')} --> {ts(t1, ',')}\r\n{label(meta, who)}: {c}\r\n\r\n")
    return "".join(out).encode("utf-8")


def build_vtt(meta, header, turns):
    out = ["WEBVTT\n\n"]
    if header:
        out.append("NOTE\n" + "\n".join(header) + "\n\n")
    for who, cues in timed(meta, turns):
        for t0, t1, c in cues:
            out.append(f"{ts(t0, '.')} --> {ts(t1, '.')}\n<v {label(meta, who)}>{c}\n\n")
    return "".join(out).encode("utf-8")


def build_txt_ts(meta, header, turns):
    out = list(header) + [""]
    for who, cues in timed(meta, turns):
        t0 = int(cues[0][0])
        stamp = f"[{t0 // 3600:02d}:{t0 % 3600 // 60:02d}:{t0 % 60:02d}]"
        out.append(f"{stamp} {label(meta, who)}: " + " ".join(c for _, _, c in cues))
        out.append("")
    return "\n".join(out).encode("utf-8")


def build_txt_ir(meta, header, turns):
    out = list(header) + [""]
    for who, text, _ in turns:
        out.append(f"{label(meta, who)}: {text}")
        out.append("")
    return "\r\n".join(out).encode("cp1252")


def build_docx(meta, header, turns, bold, path):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(h)
        if bold and i == 0:
            r.bold = True
        if not bold:
            r.italic = True
    if header:
        d.add_paragraph()
    for who, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, who) + ":")
        r.bold = bold
        p.add_run(" " + text)
    d.save(path)


def docx_text(path):
    import zipfile
    from xml.etree import ElementTree as ET
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p"))


def spoken_words(turns):
    return sum(len(re.findall(r"\w+(?:[-'’]\w+)*", t)) for _, t, _ in turns)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    orient_rows, id_rows, stats = [], [], []
    for doc in DOCS:
        meta, header, turns, ids = parse(doc)
        fmt = meta["format"]
        path = os.path.join(OUT, f"{doc}.{EXT[fmt]}")
        if fmt == "srt":
            data = build_srt(meta, header, turns)
        elif fmt == "vtt":
            data = build_vtt(meta, header, turns)
        elif fmt == "txt_ts":
            data = build_txt_ts(meta, header, turns)
        elif fmt == "txt_ir_cp1252":
            data = build_txt_ir(meta, header, turns)
        else:
            data = None
            build_docx(meta, header, turns, fmt == "docx_bold", path)
        if data is not None:
            with open(path, "wb") as f:
                f.write(data)
            text = data.decode("cp1252" if fmt == "txt_ir_cp1252" else "utf-8")
        else:
            text = docx_text(path)
        seen = {}
        for s, typ in ids:
            if s in seen and seen[s] != typ:
                sys.exit(f"{doc}: identifier {s!r} has two types")
            if s not in seen:
                seen[s] = typ
                if s not in text:
                    sys.exit(f"{doc}: identifier {s!r} not verbatim in built transcript")
                id_rows.append((doc, s, typ))
        for n, (who, _, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, n, o))
        stats.append((doc, fmt, os.path.basename(path), spoken_words(turns),
                      sum(1 for t in turns if t[0] == "R"), len(seen),
                      sum(1 for t in turns if t[2] == "casus"),
                      sum(1 for t in turns if t[2] == "netwerk")))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   format         file       words  resp_turns  ids  casus  netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<14} {s[2]:<10} {s[3]:>5}  {s[4]:>10}  {s[5]:>3}  {s[6]:>5}  {s[7]:>7}")


if __name__ == "__main__":
    main()
