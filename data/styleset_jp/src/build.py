#!/usr/bin/env python3
"""Build the setJP transcripts and csv files from the annotated sources.

Source format (src/<doc_id>.txt): one paragraph per line,
  H: header line   I: interviewer turn   R: respondent turn ending in {casus}|{netwerk}|{-}
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

import docx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

DOCS = {
    "jp01": dict(fmt="docx_bold", ilabel="Interviewer", rlabel="Respondent"),
    "jp02": dict(fmt="txt", enc="cp1252", eol="\r\n", ilabel="I", rlabel="R"),
    "jp03": dict(fmt="vtt", ilabel="Lotte Brink", rlabel="Ans Verhoeff"),
    "jp04": dict(fmt="srt", eol="\r\n", ilabel="Interviewer", rlabel="Martijn"),
    "jp05": dict(fmt="txt_ts", enc="utf-8", eol="\n", ilabel="Spreker 1", rlabel="Spreker 2"),
    "jp06": dict(fmt="docx_plain", ilabel="Noor", rlabel="Frits"),
}
# speaker labels that are names count as PERSOON identifiers
LABEL_IDS = {
    "jp03": ["Lotte Brink", "Ans Verhoeff"],
    "jp04": ["Martijn"],
    "jp06": ["Noor", "Frits"],
}

STYLES = {
    "jp01": ("onbepaald",
             "Genuinely mixed: she invests about equally and deliberately in Jordy's own plan "
             "(home visits, the boxing trainer, the job switch) and in agreements between organisations "
             "(the HIC-tafel, standard arrest notification, the privacy overview), and says she would not drop either half."),
    "jp02": ("casusgericht",
             "Many partners are named but each is mobilised for Emre's and his family's plan, problems are fixed "
             "per case by phone or by driving over, and the working group on structures is explicitly declined."),
    "jp03": ("netwerkgericht",
             "Despite a warm, detailed story about Nilton she hands the daily contact and the regie to others and "
             "invests in agreements (the foundation at the table, arrest notification, escalation line, area approach) between organisations."),
    "jp04": ("onbepaald",
             "Too little evidence: guarded and procedural, refuses concrete examples and speaks only in "
             "generalities about frameworks, so it never shows where his own effort goes."),
    "jp05": ("casusgericht",
             "All effort and trust go to Lucia and Kevin at the kitchen table; partners are bent to fit this family "
             "and the project group on wijkteam-Veiligheidshuis agreements is explicitly declined."),
    "jp06": ("netwerkgericht",
             "He deliberately has no clients, hands the rare home visit back to the regisseur and invests in "
             "inter-organisational agreements, lawyers' meetings, escalation to directors and patterns across 48 cases."),
}


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    header, turns = [], []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            tag, _, text = line.partition(": ")
            if tag == "H":
                header.append(text)
            elif tag in ("I", "R"):
                ori = None
                if tag == "R":
                    m = ORI_RE.search(text)
                    if not m:
                        sys.exit(f"{doc_id}:{n}: respondent paragraph without orientation")
                    ori = m.group(1)
                    text = text[:m.start()]
                elif ORI_RE.search(text):
                    sys.exit(f"{doc_id}:{n}: orientation on interviewer paragraph")
                turns.append((tag, text.strip(), ori))
            else:
                sys.exit(f"{doc_id}:{n}: unknown paragraph tag {tag!r}")
    for i, (tag, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if tag != want:
            sys.exit(f"{doc_id}: turn {i + 1} is {tag}, expected {want}")
    return header, turns


def plain(text):
    return ID_RE.sub(lambda m: m.group(1), text)


def ids_in(text):
    out = []
    for m in ID_RE.finditer(text):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown identifier type {m.group(2)!r}")
        out.append((m.group(1), m.group(2)))
    leftover = ID_RE.sub("", text)
    if "[[" in leftover or "]]" in leftover or "|" in leftover:
        sys.exit(f"malformed identifier markup in: {text[:80]}")
    return out


def split_sentences(text):
    """Split annotated text into sentences, never inside [[...]]."""
    parts, buf, i = [], "", 0
    while i < len(text):
        if text.startswith("[[", i):
            j = text.index("]]", i) + 2
            buf += text[i:j]
            i = j
            continue
        ch = text[i]
        buf += ch
        i += 1
        if ch in ".?!…" and (i >= len(text) or text[i] == " "):
            # do not split after a lone initial like "A." (not needed here) or after a quote opening
            nxt = text[i + 1:i + 2] if i + 1 < len(text) else ""
            if nxt and (nxt.isupper() or nxt in '"(' or nxt.startswith("[")):
                parts.append(buf.strip())
                buf = ""
    if buf.strip():
        parts.append(buf.strip())
    return parts


def cues_for(text, max_words=24):
    sents = split_sentences(text)
    cues, cur = [], []
    for s in sents:
        words = len(plain(" ".join(cur + [s])).split())
        if cur and words > max_words:
            cues.append(" ".join(cur))
            cur = [s]
        else:
            cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def secs(text):
    return max(1.5, len(plain(text).split()) / 2.6)


def ts_hms(t):
    t = int(t)
    return f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"


def ts_vtt(t, sep="."):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build_doc(doc_id, cfg, header, turns):
    fmt = cfg["fmt"]
    label = lambda tag: cfg["ilabel"] if tag == "I" else cfg["rlabel"]
    hdr = [plain(h) for h in header]
    if fmt in ("docx_bold", "docx_plain"):
        d = docx.Document()
        for h in hdr:
            p = d.add_paragraph()
            r = p.add_run(h)
            if fmt == "docx_bold":
                r.italic = True
        if hdr:
            d.add_paragraph()
        for tag, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(label(tag) + ":")
                r.bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{label(tag)}: {plain(text)}")
        path = os.path.join(OUT, doc_id + ".docx")
        d.save(path)
        return path
    if fmt in ("txt", "txt_ts"):
        lines = list(hdr)
        if hdr:
            lines.append("")
        t = 3.0
        for tag, text, _ in turns:
            if fmt == "txt_ts":
                lines.append(f"[{ts_hms(t)}] {label(tag)}: {plain(text)}")
                t += secs(text) + 1.2
            else:
                lines.append(f"{label(tag)}: {plain(text)}")
            lines.append("")
        data = cfg["eol"].join(lines)
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "wb") as fh:
            fh.write(data.encode(cfg["enc"]))  # strict: fails on characters outside the code page
        return path
    if fmt == "vtt":
        out = ["WEBVTT", ""]
        if hdr:
            out.append("NOTE")
            out.extend(hdr)
            out.append("")
        t, n = 1.0, 0
        for tag, text, _ in turns:
            for c in cues_for(text):
                n += 1
                d = secs(c)
                out.append(f"{ts_vtt(t)} --> {ts_vtt(t + d)}")
                out.append(f"<v {label(tag)}>{plain(c)}</v>")
                out.append("")
                t += d + 0.3
            t += 0.8
        path = os.path.join(OUT, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(out))
        return path
    if fmt == "srt":
        out = []
        t, n = 2.0, 0
        for tag, text, _ in turns:
            for c in cues_for(text, max_words=20):
                n += 1
                d = secs(c)
                out.append(str(n))
                out.append(f"{ts_vtt(t, ',')} --> {ts_vtt(t + d, ',')}")
                out.append(f"{label(tag)}: {plain(c)}")
                out.append("")
                t += d + 0.25
            t += 0.6
        path = os.path.join(OUT, doc_id + ".srt")
        with open(path, "wb") as fh:
            fh.write(cfg["eol"].join(out).encode("utf-8"))
        return path
    sys.exit(f"unknown format {fmt}")


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    style_rows, ori_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(doc_id)
        build_doc(doc_id, cfg, header, turns)
        style, why = STYLES[doc_id]
        style_rows.append((doc_id, style, why))
        seen = {}
        for lab in LABEL_IDS.get(doc_id, []):
            seen.setdefault(lab, "PERSOON")
        for h in header:
            for s, typ in ids_in(h):
                seen.setdefault(s, typ)
        for i, (tag, text, ori) in enumerate(turns, 1):
            for s, typ in ids_in(text):
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc_id}: {s!r} typed both {seen[s]} and {typ}")
                seen.setdefault(s, typ)
            if tag == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, ori))
        for s, typ in seen.items():
            id_rows.append((doc_id, s, typ))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print(f"built {len(DOCS)} transcripts, {len(ori_rows)} orientation rows, {len(id_rows)} identifiers")


if __name__ == "__main__":
    main()
