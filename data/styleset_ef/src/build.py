"""Build the setEF transcripts and csv files from the annotated sources in src/.

Source format (src/<id>.src):
    key: value lines (format, encoding, label_i, label_r, header [repeatable], start, ...)
    ---
    one paragraph per speaker turn, separated by blank lines, each starting with "I: " or "R: ".
    Identifiers are marked inline as {{text|TYPE}}; a respondent paragraph may end in
    [[casus]] or [[netwerk]] (its orientation).

Run with: /work/main/.venv/bin/python src/build.py   (python-docx needed for the .docx files)
"""
import csv
import hashlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["ef01", "ef02", "ef03", "ef04", "ef05", "ef06"]

STYLES = {
    "ef01": ("netwerkgericht", "Tells warm stories about one client, but each story ends in what she built between organisations (release agreements, sports places, information-sharing session, escalation), and she keeps the personal bond deliberately with the case holders."),
    "ef02": ("casusgericht", "Spends much time in meetings and making agreements with partners, but every meeting and agreement serves one young man's plan, and his own trust role is toward that young man and his mother."),
    "ef03": ("onbepaald", "Too little evidence: a guarded respondent on Teams who only describes the formal procedure and gives short answers that show no investment in either the person or the partner network."),
    "ef04": ("netwerkgericht", "Police liaison whose work is making police and care organisations work together (signal lists, quarterly meetings, escalation to the OM and management, pattern analysis across cases), using cases only as illustrations."),
    "ef05": ("casusgericht", "Probation officer who invests in the trust of one repeat offender and his mother and mobilises partners only for his plan, leaving structural issues to others."),
    "ef06": ("onbepaald", "Genuinely mixed: half of his work is close trust work with one released robber, the other half is building agreements with the prison, housing corporation and municipality, with about equal weight in the interview."),
}

MARK = re.compile(r"\{\{(.+?)\|([A-Z_]+)\}\}")
ORI = re.compile(r"\s*\[\[(casus|netwerk)\]\]\s*$")


def strip(text, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, text)


def parse(doc):
    with open(os.path.join(HERE, doc + ".src"), encoding="utf-8") as f:
        raw = f.read()
    head, body = raw.split("\n---\n", 1)
    meta = {"header": []}
    found = []
    for line in head.splitlines():
        if not line.strip():
            continue
        k, v = line.split(":", 1)
        v = strip(v.strip(), found)
        if k == "header":
            meta["header"].append(v)
        else:
            meta[k] = v
    turns = []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(para.split())
        who, text = para[:1], para[3:]
        assert para[1:3] == ": " and who in "IR", (doc, para[:40])
        ori = None
        m = ORI.search(text)
        if m:
            assert who == "R", (doc, "orientation on interviewer turn", text[:40])
            ori = m.group(1)
            text = text[: m.start()]
        text = strip(text, found)
        assert "{{" not in text and "[[" not in text, (doc, text[:60])
        turns.append((who, text, ori))
    for i, (who, _, _) in enumerate(turns):
        assert who == ("I" if i % 2 == 0 else "R"), (doc, "alternation", i + 1)
    return meta, turns, found


def label(meta, who):
    return meta["label_i"] if who == "I" else meta["label_r"]


# ---------- timing helpers for subtitle-like formats ----------
def chunks(text, maxw=16):
    """Split a turn into cue-sized pieces at sentence ends / commas, never inside words."""
    words = text.split(" ")
    out, cur = [], []
    for w in words:
        cur.append(w)
        end = w[-1:] in ".?!" or (w[-1:] in ",;:" and len(cur) >= 9)
        if (end and len(cur) >= 5) or len(cur) >= maxw:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and len(cur) < 3:
            out[-1] += " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def safe_chunks(text, idents, maxw=16):
    """Like chunks, but re-join pieces when a split would cut through an identifier."""
    pieces = chunks(text, maxw)
    merged = []
    for p in pieces:
        if merged:
            joined = merged[-1] + " " + p
            cut = any(i in joined and i not in merged[-1] and i not in p
                      for i in idents)
            if cut:
                merged[-1] = joined
                continue
        merged.append(p)
    return merged


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return max(1.2, len(text.split()) / 2.5)


# ---------- writers ----------
def write_txt(doc, meta, turns):
    enc = meta.get("encoding", "utf-8")
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    lines = list(meta["header"])
    if lines:
        lines.append("")
    t = float(meta.get("start", 0))
    stamped = meta.get("stamps") == "yes"
    for who, text, _ in turns:
        if stamped:
            h, rem = divmod(int(t), 3600)
            m, s = divmod(rem, 60)
            lines.append(f"[{h:02d}:{m:02d}:{s:02d}] {label(meta, who)}: {text}")
            t += dur(text) + 2.0
        else:
            lines.append(f"{label(meta, who)}: {text}")
        lines.append("")
    data = nl.join(lines).rstrip() + nl
    with open(os.path.join(OUT, doc + ".txt"), "w", encoding=enc, newline="") as f:
        f.write(data)


def write_docx(doc, meta, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if i == 0:
            r.bold = True
            r.font.size = Pt(13)
    for who, text, _ in turns:
        p = d.add_paragraph()
        r = p.add_run(label(meta, who) + ":")
        r.bold = True
        p.add_run(" " + text)
    d.core_properties.author = meta.get("author", "")
    d.save(os.path.join(OUT, doc + ".docx"))


def write_vtt(doc, meta, turns, idents):
    seed = hashlib.md5(doc.encode()).hexdigest()
    guid = f"{seed[:8]}-{seed[8:12]}-{seed[12:16]}-{seed[16:20]}-{seed[20:32]}"
    out = ["WEBVTT", ""]
    t = float(meta.get("start", 2.5))
    n = 0
    for who, text, _ in turns:
        for piece in safe_chunks(text, idents):
            d = dur(piece)
            out.append(f"{guid}/{n + 11}-{n % 3}")
            out.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
            out.append(f"<v {label(meta, who)}>{piece}</v>")
            out.append("")
            t += d + 0.25
            n += 1
        t += 1.1
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, meta, turns, idents):
    out = []
    t = float(meta.get("start", 0.8))
    n = 1
    for who, text, _ in turns:
        for piece in safe_chunks(text, idents, maxw=14):
            d = dur(piece)
            out += [str(n), f"{ts(t, ',')} --> {ts(t + d, ',')}", f"{label(meta, who)}: {piece}", ""]
            t += d + 0.2
            n += 1
        t += 0.9
    with open(os.path.join(OUT, doc + ".srt"), "w", encoding="utf-8-sig", newline="\r\n") as f:
        f.write("\n".join(out))


def main():
    os.makedirs(OUT, exist_ok=True)
    ori_rows, id_rows, summary = [], [], []
    for doc in IDS:
        meta, turns, found = parse(doc)
        idents = sorted({v for v, _ in found}, key=len, reverse=True)
        fmt = meta["format"]
        if fmt == "txt":
            write_txt(doc, meta, turns)
        elif fmt == "docx":
            write_docx(doc, meta, turns)
        elif fmt == "vtt":
            write_vtt(doc, meta, turns, idents)
        elif fmt == "srt":
            write_srt(doc, meta, turns, idents)
        else:
            raise SystemExit("unknown format " + fmt)
        for i, (who, _, ori) in enumerate(turns, start=1):
            if ori:
                ori_rows.append((doc, i, ori))
        seen = set()
        for v, typ in found:
            if (v, typ) not in seen:
                seen.add((v, typ))
                id_rows.append((doc, v, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rwords = sum(len(t.split()) for w, t, _ in turns if w == "R")
        nr = sum(1 for w, _, _ in turns if w == "R")
        oc = sum(1 for r in ori_rows if r[0] == doc and r[2] == "casus")
        on = sum(1 for r in ori_rows if r[0] == doc and r[2] == "netwerk")
        summary.append((doc, fmt, meta.get("encoding", "utf-8"), words, rwords, nr, oc, on))
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows, key=lambda r: (r[0], r[1])))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in IDS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    for s in summary:
        print("%s %-4s %-7s words=%d resp_words=%d resp_turns=%d casus=%d netwerk=%d" % s)


if __name__ == "__main__":
    sys.exit(main())
