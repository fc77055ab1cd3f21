"""Build the setnq transcripts and the three csv files from the annotated sources.

Source format (src/nqXX.txt), one paragraph per line:
  #key=value       config: format, ilabel, rlabel, style, rationale
  H: text          header line (not a turn)
  I: text          interviewer turn
  R: text {tag}    respondent turn, tag one of casus / netwerk / -
Identifiers inline as [[text|TYPE]].
Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
SEP = "\x01"


def strip_ann(s, ids=None):
    def rep(m):
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit("unknown type %s in %r" % (typ, m.group(0)))
        if ids is not None:
            ids.append((text, typ))
        return text
    out = ANN.sub(rep, s)
    if "[[" in out or "]]" in out:
        sys.exit("unbalanced annotation in %r" % s)
    return out


def parse_src(path):
    cfg, header, turns = {}, [], []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, v = line[1:].split("=", 1)
                cfg[k.strip()] = v.strip()
                continue
            kind, text = line[:2], line[2:].strip()
            if kind == "H:":
                header.append(text)
            elif kind in ("I:", "R:"):
                tag = None
                if kind == "R:":
                    m = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", text)
                    if not m:
                        sys.exit("%s: respondent paragraph without tag: %r" % (path, text[:60]))
                    tag, text = m.group(1), text[:m.start()]
                elif re.search(r"\{(casus|netwerk|-)\}\s*$", text):
                    sys.exit("%s: interviewer paragraph with tag" % path)
                turns.append((kind[0], text, tag))
            else:
                sys.exit("%s: bad line %r" % (path, line[:60]))
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit("%s: turns do not alternate at turn %d" % (path, i + 1))
    return cfg, header, turns


# ---------- tokenising for cue formats ----------
def ann_tokens(text):
    """whitespace tokens of annotated text; spaces inside [[..]] protected."""
    prot = ANN.sub(lambda m: m.group(0).replace(" ", SEP), text)
    return [t.replace(SEP, " ") for t in prot.split()]


def plain_tokens(text):
    return [strip_ann(t) for t in ann_tokens(text)]


def chunks(text, maxchars=84):
    toks = plain_tokens(text)
    sents, cur = [], []
    for t in toks:
        cur.append(t)
        core = t.rstrip(")\"'’”")
        if core.endswith((".", "?", "!", "…")) and not re.fullmatch(r"[A-Z]\.", core):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    out, buf = [], []
    for s in sents:
        # split long sentences
        total = len(" ".join(s))
        k = -(-total // maxchars)
        target = total / k
        pieces, piece = [], []
        for t in s:
            if piece and len(pieces) < k - 1 and len(" ".join(piece + [t])) > target:
                pieces.append(piece)
                piece = []
            piece.append(t)
        if piece:
            pieces.append(piece)
        for p in pieces:
            if buf and len(" ".join(buf + p)) > maxchars:
                out.append(buf)
                buf = []
            buf = buf + p
    if buf:
        out.append(buf)
    return out


def wrap(tokens, width=44):
    lines, cur = [], []
    for t in tokens:
        if cur and len(" ".join(cur + [t])) > width:
            lines.append(" ".join(cur))
            cur = []
        cur.append(t)
    if cur:
        lines.append(" ".join(cur))
    return lines


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def hms(sec):
    sec = int(sec)
    return "%02d:%02d:%02d" % (sec // 3600, sec % 3600 // 60, sec % 60)


def nwords(s):
    return len(s.split())


# ---------- writers ----------
def write_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph()
    for sp, text in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[sp] + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run("%s: %s" % (labels[sp], text))
    d.save(path)


def write_txt_ir(path, header, turns, labels, enc, nl):
    lines = list(header)
    if header:
        lines.append("")
    for sp, text in turns:
        lines.append("%s: %s" % (labels[sp], text))
        lines.append("")
    data = nl.join(lines)
    with open(path, "wb") as f:
        f.write(data.encode(enc))


def write_txt_ts(path, header, turns, labels, enc, nl):
    lines = list(header)
    if header:
        lines.append("")
    t = 4.0
    for sp, text in turns:
        lines.append("[%s] %s: %s" % (hms(t), labels[sp], text))
        lines.append("")
        t += nwords(text) / 2.4 + 1.5
    with open(path, "wb") as f:
        f.write(nl.join(lines).encode(enc))


def write_vtt(path, header, turns, labels):
    """turns carry annotated text so that identifiers are never split over cues or lines"""
    lines = ["WEBVTT", ""]
    if header:
        lines.append("NOTE")
        lines.extend(header)
        lines.append("")
    t = 2.5
    n = 0
    for sp, text in turns:
        for c in chunks(text):
            n += 1
            dur = max(1.2, len(c) / 2.5)
            cl = wrap(c)
            cl[0] = "<v %s>%s" % (labels[sp], cl[0])
            cl[-1] = cl[-1] + "</v>"
            lines.append("%s --> %s" % (ts(t, "."), ts(t + dur, ".")))
            lines.extend(cl)
            lines.append("")
            t += dur + 0.2
        t += 0.8
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_srt(path, turns, labels, nl):
    lines = []
    t = 1.8
    n = 0
    for sp, text in turns:
        for c in chunks(text, maxchars=76):
            n += 1
            dur = max(1.2, len(c) / 2.5)
            cl = wrap([labels[sp] + ":"] + c)
            lines.append(str(n))
            lines.append("%s --> %s" % (ts(t, ","), ts(t + dur, ",")))
            lines.extend(cl)
            lines.append("")
            t += dur + 0.25
        t += 0.7
    with open(path, "wb") as f:
        f.write(nl.join(lines).encode("utf-8"))


def main():
    srcs = sorted(f for f in os.listdir(HERE) if re.fullmatch(r"nq\d\d\.txt", f))
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    styles, orient, idrows = [], [], []
    for fn in srcs:
        doc = fn[:-4]
        cfg, header, turns = parse_src(os.path.join(HERE, fn))
        ids = []
        labels = {"I": strip_ann(cfg["ilabel"], ids), "R": strip_ann(cfg["rlabel"], ids)}
        hdr = [strip_ann(h, ids) for h in header]
        plain, annotated = [], []
        for i, (sp, text, tag) in enumerate(turns, 1):
            plain.append((sp, strip_ann(text, ids)))
            annotated.append((sp, text))
            if sp == "R" and tag in ("casus", "netwerk"):
                orient.append((doc, i, tag))
        fmt = cfg["format"]
        if fmt == "docx_bold":
            write_docx(os.path.join(OUT, doc + ".docx"), hdr, plain, labels, True)
        elif fmt == "docx_plain":
            write_docx(os.path.join(OUT, doc + ".docx"), hdr, plain, labels, False)
        elif fmt == "txt_ir_cp1252":
            write_txt_ir(os.path.join(OUT, doc + ".txt"), hdr, plain, labels, "cp1252", "\r\n")
        elif fmt == "txt_ts_utf8":
            write_txt_ts(os.path.join(OUT, doc + ".txt"), hdr, plain, labels, "utf-8", "\n")
        elif fmt == "vtt":
            write_vtt(os.path.join(OUT, doc + ".vtt"), hdr, annotated, labels)
        elif fmt == "srt":
            if hdr:
                sys.exit("srt has no header")
            write_srt(os.path.join(OUT, doc + ".srt"), annotated, labels, "\r\n")
        else:
            sys.exit("unknown format " + fmt)
        seen = {}
        for text, typ in ids:
            if text in seen and seen[text] != typ:
                sys.exit("%s: %r typed %s and %s" % (doc, text, seen[text], typ))
            if text not in seen:
                seen[text] = typ
                idrows.append((doc, text, typ))
        styles.append((doc, cfg["style"], cfg["rationale"]))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    print("built %d documents, %d orientation rows, %d identifiers" % (len(srcs), len(orient), len(idrows)))


if __name__ == "__main__":
    main()
