#!/usr/bin/env python3
"""Build transcripts + csv files of blind set P from the annotated sources in src/.

Source format (src/bpNN.src):
  key: value lines (id, format, encoding, label_i, label_r, bold, header*, start), then a line '---',
  then one paragraph per speaker turn: 'I: ...' or 'R: ...'.
  Inline identifiers: {verbatim text|TYPE}. Respondent orientation mark at the end: <<casus>> / <<netwerk>>.
Run with a python that has python-docx (only needed for .docx output).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")

ID_RE = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
OR_RE = re.compile(r"\s*<<(casus|netwerk)>>\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}


def parse(path):
    meta = {"header": []}
    turns = []
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, body = text.split("\n---\n", 1)
    for line in head.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        k, v = line.split(":", 1)
        k, v = k.strip(), v.strip()
        if k == "extra_ident":
            meta[k] = (meta.get(k, "") + ";" + v).strip(";")
        elif k == "header":
            meta["header"].append(v)
        else:
            meta[k] = v
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(para.split())
        if not para:
            continue
        spk, rest = para.split(":", 1)
        spk = spk.strip()
        assert spk in ("I", "R"), (path, para[:60])
        rest = rest.strip()
        orient = None
        m = OR_RE.search(rest)
        if m:
            orient = m.group(1)
            rest = rest[: m.start()].rstrip()
        turns.append({"spk": spk, "raw": rest, "orient": orient})
    return meta, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(s)]


def spans(s):
    """char spans (in plain text) of identifiers, to avoid line breaks inside them"""
    out, pos, delta = [], 0, 0
    for m in ID_RE.finditer(s):
        start = m.start() - delta
        out.append((start, start + len(m.group(1))))
        delta += len(m.group(0)) - len(m.group(1))
    return out


def sentences(raw):
    # split on sentence ends, but never inside an identifier markup
    parts, buf, depth = [], "", 0
    i = 0
    while i < len(raw):
        c = raw[i]
        buf += c
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c in ".?!" and depth == 0 and (i + 1 == len(raw) or raw[i + 1] == " "):
            # keep '...' together
            if not (i + 1 < len(raw) and raw[i + 1] == "."):
                parts.append(buf.strip())
                buf = ""
        i += 1
    if buf.strip():
        parts.append(buf.strip())
    return parts


def clauses(sent, maxw=20):
    """split a long sentence at commas (outside identifier markup) into chunks of <= maxw words"""
    if len(plain(sent).split()) <= maxw:
        return [sent]
    pieces, buf, depth = [], "", 0
    for c in sent:
        buf += c
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            pieces.append(buf.strip())
            buf = ""
    if buf.strip():
        pieces.append(buf.strip())
    out, cur = [], []
    for p in pieces:
        if cur and len(plain(" ".join(cur + [p])).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(p)
    if cur:
        out.append(" ".join(cur))
    return out


def cues_for(raw, maxw=18):
    units = []
    for s in sentences(raw):
        units += clauses(s)
    cues, cur = [], []
    for u in units:
        n = len(plain(u).split())
        curn = len(plain(" ".join(cur)).split()) if cur else 0
        if cur and curn + n > maxw and curn >= 5:
            cues.append(" ".join(cur))
            cur = []
        cur.append(u)
    if cur:
        cues.append(" ".join(cur))
    return cues


def wrap2(raw):
    """plain text, broken into two lines near the middle if long, never inside an identifier"""
    p = plain(raw)
    if len(p) <= 55:
        return p
    sp = spans(raw)
    mid = len(p) // 2
    best = None
    for i, c in enumerate(p):
        if c == " " and not any(a <= i < b for a, b in sp):
            if best is None or abs(i - mid) < abs(best - mid):
                best = i
    if best is None:
        return p
    return p[:best] + "\n" + p[best + 1:]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(raw):
    return max(1.2, len(plain(raw).split()) / 2.6)


def render(meta, turns):
    fmt = meta["format"]
    li, lr = meta["label_i"], meta["label_r"]
    lab = lambda t: li if t["spk"] == "I" else lr
    path = os.path.join(TR, f"{meta['id']}.{fmt}")
    header = [plain(h) for h in meta["header"]]
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in header:
            p = d.add_paragraph()
            p.add_run(h)
        if header:
            d.add_paragraph("")
        for t in turns:
            p = d.add_paragraph()
            if meta.get("bold") == "yes":
                p.add_run(lab(t) + ":").bold = True
                p.add_run(" " + plain(t["raw"]))
            else:
                p.add_run(lab(t) + ": " + plain(t["raw"]))
        d.save(path)
    elif fmt in ("srt", "vtt"):
        clock = float(meta.get("start", "3.0"))
        lines = []
        if fmt == "vtt":
            lines += ["WEBVTT", ""]
            for h in header:
                lines += ["NOTE " + h, ""]
        n = 0
        for t in turns:
            for k, c in enumerate(cues_for(t["raw"])):
                n += 1
                d0 = dur(c)
                sep = "," if fmt == "srt" else "."
                timing = f"{ts(clock, sep)} --> {ts(clock + d0, sep)}"
                if fmt == "srt":
                    txt = wrap2(c)
                    if k == 0:
                        txt = f"{lab(t)}: " + txt
                    lines += [str(n), timing, txt, ""]
                else:
                    lines += [timing, f"<v {lab(t)}>{plain(c)}</v>", ""]
                clock += d0 + 0.15
            clock += 0.9
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
    elif fmt == "txt":
        enc = meta.get("encoding", "utf-8")
        nl = "\r\n" if enc == "cp1252" else "\n"
        out = []
        for h in header:
            out.append(h)
        if header:
            out.append("")
        clock = float(meta.get("start", "0"))
        for t in turns:
            if meta.get("stamps") == "yes":
                s = int(clock)
                stamp = f"[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] "
                out.append(f"{stamp}{lab(t)}: {plain(t['raw'])}")
            else:
                out.append(f"{lab(t)}: {plain(t['raw'])}")
            out.append("")
            clock += dur(t["raw"]) + 1.0
        with open(path, "w", encoding=enc, newline="") as f:
            f.write(nl.join(out))
    else:
        raise ValueError(fmt)
    return path


def main():
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src"))
    orient_rows, ident_rows, stats = [], [], []
    for fn in srcs:
        meta, turns = parse(os.path.join(HERE, fn))
        doc = meta["id"]
        for i, t in enumerate(turns):
            exp = "I" if i % 2 == 0 else "R"
            assert t["spk"] == exp, (doc, i + 1, t["raw"][:50])
            if t["orient"]:
                assert t["spk"] == "R", (doc, i + 1)
                orient_rows.append((doc, i + 1, t["orient"]))
        seen = []
        for x in meta.get("extra_ident", "").split(";"):
            if x.strip():
                v, ty = x.strip().split("|")
                seen.append((v, ty))
        for h in meta["header"]:
            for x in idents(h):
                if x not in seen:
                    seen.append(x)
        for t in turns:
            for x in idents(t["raw"]):
                if x not in seen:
                    seen.append(x)
        for v, ty in seen:
            assert ty in TYPES, (doc, v, ty)
            ident_rows.append((doc, v, ty))
        render(meta, turns)
        words = sum(len(plain(t["raw"]).split()) for t in turns)
        rwords = sum(len(plain(t["raw"]).split()) for t in turns if t["spk"] == "R")
        nresp = sum(1 for t in turns if t["spk"] == "R")
        stats.append((doc, meta["format"], words, rwords, nresp, len(turns)))
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    # styles.csv is copied from src/styles.csv (hand-written)
    with open(os.path.join(HERE, "styles.csv"), encoding="utf-8") as f:
        data = f.read()
    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(data)
    for s in stats:
        print("%s %-4s words=%d (resp %d) resp_turns=%d turns=%d" % s)


if __name__ == "__main__":
    sys.exit(main())
