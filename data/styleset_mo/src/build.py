#!/usr/bin/env python3
"""Build the six transcripts and the three csv files of set 'mo' from the annotated sources.

Source format (src/moXX.src.txt, UTF-8):
  * meta lines  '%key: value'  (format, labels, style, rationale, ...)
  * paragraphs separated by a blank line, each starting with
      H:  header line (one per line; only at the top)
      I:  interviewer turn
      R:  respondent turn, ending in {casus}, {netwerk} or {-}
  * identifiers inline as [[text|TYPE]]

Run:  /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
MARK = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
WORD = re.compile(r"[0-9A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’\-][0-9A-Za-zÀ-ÖØ-öø-ÿ]+)*")


def plain(s):
    return MARK.sub(lambda m: m.group(1), s)


def parse(path):
    meta, header, turns = {}, [], []
    text = open(path, encoding="utf-8").read()
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()]
    for b in blocks:
        lines = [l.rstrip() for l in b.split("\n")]
        if lines[0].startswith("%"):
            for l in lines:
                assert l.startswith("%"), (path, l)
                k, v = l[1:].split(":", 1)
                meta[k.strip()] = v.strip()
            continue
        if lines[0].startswith("H:"):
            assert not turns, (path, "header after turns")
            for l in lines:
                assert l.startswith("H:"), (path, l)
                header.append(l[2:].strip())
            continue
        kind = lines[0][:2]
        assert kind in ("I:", "R:"), (path, lines[0][:40])
        body = " ".join(l.strip() for l in lines)[2:].strip()
        orient = None
        if kind == "R:":
            m = ORIENT.search(body)
            assert m, (path, "respondent turn without orientation", body[:60])
            orient = m.group(1)
            body = body[:m.start()].rstrip()
        else:
            assert not ORIENT.search(body), (path, "orientation on interviewer turn")
        turns.append((kind[0], body, orient))
    return meta, header, turns


def tokens_split(text, max_words):
    """Split annotated text into chunks at sentence ends, never inside [[...]]."""
    holders = []

    def hold(m):
        holders.append(m.group(0))
        return "\x00%d\x00" % (len(holders) - 1)

    t = MARK.sub(hold, text)
    sents = re.split(r"(?<=[.?!…])\s+", t)
    chunks, cur = [], []
    for s in sents:
        n = len(plain(re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], s)).split())
        curn = sum(len(x.split()) for x in cur)
        if cur and curn + n > max_words:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return [re.sub(r"\x00(\d+)\x00", lambda m: holders[int(m.group(1))], c) for c in chunks]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def hms(sec):
    sec = int(sec)
    return "%02d:%02d:%02d" % (sec // 3600, (sec % 3600) // 60, sec % 60)


def dur(text):
    return len(plain(text).split()) / 2.55 + 0.6


def build_doc(meta, header, turns):
    doc_id = meta["doc"]
    fmt = meta["format"]
    il, rl = plain(meta["ilabel"]), plain(meta["rlabel"])
    label = {"I": il, "R": rl}
    t0 = float(meta.get("start", "3"))
    if fmt == "docx":
        d = Document()
        st = d.styles["Normal"]
        st.font.name = meta.get("font", "Calibri")
        st.font.size = Pt(11)
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(plain(h))
            if meta.get("headerbold") == "yes" and h is header[0]:
                r.bold = True
        if header:
            d.add_paragraph("")
        for who, body, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(label[who] + ":")
            r.bold = meta.get("bold") == "yes"
            p.add_run(" " + plain(body))
        path = os.path.join(OUT, doc_id + ".docx")
        d.save(path)
        return path
    if fmt == "txt":
        nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
        lines = [plain(h) for h in header]
        if header:
            lines.append("")
        t = t0
        for who, body, _ in turns:
            if meta.get("labelstyle") == "timestamp":
                lines.append("[%s] %s: %s" % (hms(t), label[who], plain(body)))
            else:
                lines.append("%s: %s" % (label[who], plain(body)))
            lines.append("")
            t += dur(body) + 1.2
        data = nl.join(lines).rstrip() + nl
        path = os.path.join(OUT, doc_id + ".txt")
        with open(path, "wb") as f:
            f.write(data.encode(meta.get("encoding", "utf-8")))
        return path
    if fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out.append("NOTE")
            out.extend(plain(h) for h in header)
            out.append("")
        t = t0
        for who, body, _ in turns:
            for chunk in tokens_split(body, int(meta.get("cuewords", "24"))):
                d_ = dur(chunk)
                out.append("%s --> %s" % (ts(t, "."), ts(t + d_, ".")))
                out.append("<v %s>%s" % (label[who], plain(chunk)))
                out.append("")
                t += d_ + 0.15
            t += 0.9
        path = os.path.join(OUT, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
        return path
    if fmt == "srt":
        nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
        out, n, t = [], 1, t0
        for who, body, _ in turns:
            for chunk in tokens_split(body, int(meta.get("cuewords", "20"))):
                d_ = dur(chunk)
                out += [str(n), "%s --> %s" % (ts(t, ","), ts(t + d_, ",")),
                        "%s: %s" % (label[who], plain(chunk)), ""]
                n += 1
                t += d_ + 0.2
            t += 0.8
        path = os.path.join(OUT, doc_id + ".srt")
        with open(path, "wb") as f:
            f.write(nl.join(out).encode("utf-8"))
        return path
    raise SystemExit("unknown format " + fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src.txt"))
    styles, orient_rows, id_rows = [], [], []
    warnings = 0
    for s in srcs:
        meta, header, turns = parse(os.path.join(HERE, s))
        doc_id = meta["doc"]
        assert turns[0][0] == "I", doc_id
        for a, b in zip(turns, turns[1:]):
            assert a[0] != b[0], (doc_id, "turns do not alternate")
        path = build_doc(meta, header, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, (who, body, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, o))
        # identifiers: labels (when shown as names), header, turns
        seen = {}
        sources = []
        sources += [meta["ilabel"], meta["rlabel"]]
        sources += header + [b for _, b, _ in turns]
        for txt in sources:
            for m in MARK.finditer(txt):
                ident, typ = m.group(1), m.group(2)
                assert typ in TYPES, (doc_id, typ)
                if ident in seen:
                    if seen[ident] != typ:
                        print("WARN %s: %r typed %s and %s" % (doc_id, ident, seen[ident], typ))
                        warnings += 1
                    continue
                seen[ident] = typ
                id_rows.append((doc_id, ident, typ))
        # unmarked occurrences of identifier strings
        rest = "\n".join(MARK.sub(" ", x) for x in header + [b for _, b, _ in turns])
        for ident in seen:
            if len(ident) >= 3 and re.search(r"(?<![\wÀ-ÿ])" + re.escape(ident) + r"(?![\wÀ-ÿ])", rest):
                print("WARN %s: unmarked occurrence of %r" % (doc_id, ident))
                warnings += 1
        words = sum(len(WORD.findall(plain(b))) for _, b, _ in turns)
        nresp = sum(1 for w, _, _ in turns if w == "R")
        no = sum(1 for r in orient_rows if r[0] == doc_id)
        print("%s  %-5s words=%d turns=%d resp=%d orient=%d ids=%d" % (
            doc_id, os.path.splitext(path)[1][1:], words, len(turns), nresp, no, len(seen)))
    orient_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(sorted(styles))
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("built %d documents, %d warnings" % (len(srcs), warnings))


if __name__ == "__main__":
    main()
