#!/usr/bin/env python3
"""Build the set IB transcripts and csv files from the annotated sources.

Source format (src/ibNN.txt), blocks separated by blank lines:
  %key: value        metadata (format, labels, encoding, crlf, style, rationale)
  H: text            header line (one per block or several H: lines in one block)
  I: text           interviewer turn
  R: text {casus|netwerk|-}   respondent turn with its orientation
Identifiers are written inline as [[text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py
"""
import csv
import pathlib
import re
import sys

from docx import Document

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"srt": "srt", "vtt": "vtt", "txt": "txt", "txt-ts": "txt",
       "docx-bold": "docx", "docx-plain": "docx"}

errors = []
warnings = []


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(s)]


def nwords(s):
    return sum(1 for t in plain(s).split() if re.search(r"\w", t))


def parse(path):
    meta, header, turns = {}, [], []
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"\n\s*\n", text):
        block = block.strip()
        if not block:
            continue
        if block.startswith("%"):
            for line in block.splitlines():
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
            continue
        if block.startswith("H:"):
            for line in block.splitlines():
                if not line.startswith("H:"):
                    errors.append(f"{path.name}: bad header line {line!r}")
                header.append(line[2:].strip())
            continue
        tag, body = block[:2], " ".join(block[2:].split())
        if tag == "I:":
            if ORI.search(body):
                errors.append(f"{path.name}: orientation on interviewer turn: {body[:40]}")
            turns.append(["I", body, None])
        elif tag == "R:":
            m = ORI.search(body)
            if not m:
                errors.append(f"{path.name}: respondent turn without orientation: {body[:50]}")
                turns.append(["R", body, "-"])
            else:
                turns.append(["R", body[: m.start()].rstrip(), m.group(1)])
        else:
            errors.append(f"{path.name}: unknown block {block[:40]!r}")
    return meta, header, turns


def chunks(text, maxw=20):
    """Split a turn into cue-sized pieces at sentence ends, never inside an identifier."""
    prot = []

    def protect(m):
        prot.append(m.group(0))
        return f"\x00{len(prot) - 1}\x00"

    t = ANN.sub(protect, text)
    sents = re.split(r"(?<=[.?!…])\s+", t)
    out, cur, curw = [], [], 0
    for s in sents:
        w = len(s.split())
        if cur and curw + w > maxw:
            out.append(" ".join(cur))
            cur, curw = [], 0
        cur.append(s)
        curw += w
    if cur:
        out.append(" ".join(cur))

    def restore(s):
        return re.sub(r"\x00(\d+)\x00", lambda m: prot[int(m.group(1))], s)

    return [restore(c) for c in out]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def cue_stream(turns, meta):
    """Yield (label, cue_text_plain, start, end) with a simple speaking-rate model."""
    t = float(meta.get("start", "1.6"))
    for who, body, _ in turns:
        label = plain(meta["ilabel"] if who == "I" else meta["rlabel"])
        for c in chunks(body):
            dur = max(1.4, nwords(c) / 2.55)
            yield label, plain(c), t, t + dur
            t += dur + 0.22
        t += 0.7


def render_srt(meta, header, turns):
    if header:
        errors.append("srt cannot carry a header")
    lines = []
    for n, (label, text, a, b) in enumerate(cue_stream(turns, meta), 1):
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {text}", ""]
    return "\n".join(lines)


def render_vtt(meta, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines += ["NOTE"] + [plain(h) for h in header] + [""]
    for label, text, a, b in cue_stream(turns, meta):
        lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label}>{text}</v>", ""]
    return "\n".join(lines)


def render_txt(meta, header, turns, stamps=False):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    t = float(meta.get("start", "2"))
    for who, body, _ in turns:
        label = plain(meta["ilabel"] if who == "I" else meta["rlabel"])
        stamp = ""
        if stamps:
            stamp = "[" + ts(t, ".")[:8] + "] "
            t += nwords(body) / 2.5 + 1.1
        lines.append(f"{stamp}{label}: {plain(body)}")
        lines.append("")
    return "\n".join(lines)


def render_docx(meta, header, turns, path, bold):
    doc = Document()
    doc.core_properties.author = meta.get("author", "")
    doc.core_properties.title = ""
    for h in header:
        doc.add_paragraph(plain(h))
    if header:
        doc.add_paragraph("")
    for who, body, _ in turns:
        label = plain(meta["ilabel"] if who == "I" else meta["rlabel"])
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{label}: {plain(body)}")
    doc.save(path)


def check_unannotated(doc_id, texts, id_strings):
    """Warn when an identifier string also occurs outside an annotation."""
    stripped = " \n ".join(ANN.sub(" \x01 ", t) for t in texts)
    for s in id_strings:
        pat = re.compile(r"(?<!\w)" + re.escape(s) + r"(?!\w)")
        for m in pat.finditer(stripped):
            ctx = stripped[max(0, m.start() - 30): m.end() + 30].replace("\n", " ")
            warnings.append(f"{doc_id}: unannotated occurrence of {s!r}: ...{ctx}...")


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    styles, orient, ident_rows, stats = [], [], [], []
    for src in sorted(HERE.glob("ib[0-9][0-9].txt")):
        doc_id = src.stem
        meta, header, turns = parse(src)
        fmt = meta["format"]
        # turns must alternate, interviewer first
        for k, (who, _, _) in enumerate(turns):
            if who != ("I" if k % 2 == 0 else "R"):
                errors.append(f"{doc_id}: turn {k + 1} should be {'I' if k % 2 == 0 else 'R'}")
        # identifiers, first occurrence order: labels, header, turns
        seen = {}
        all_texts = [meta["ilabel"], meta["rlabel"]] + header + [b for _, b, _ in turns]
        for txt in all_texts:
            for s, typ in idents(txt):
                if typ not in TYPES:
                    errors.append(f"{doc_id}: bad type {typ} for {s!r}")
                if s in seen and seen[s] != typ:
                    errors.append(f"{doc_id}: {s!r} typed {seen[s]} and {typ}")
                seen.setdefault(s, typ)
        check_unannotated(doc_id, header + [b for _, b, _ in turns], list(seen))
        for s, typ in seen.items():
            ident_rows.append((doc_id, s, typ))
        for k, (who, _, o) in enumerate(turns, 1):
            if who == "R" and o in ("casus", "netwerk"):
                orient.append((doc_id, k, o))
        styles.append((doc_id, meta["style"], meta["rationale"]))
        # render
        path = OUT / f"{doc_id}.{EXT[fmt]}"
        if fmt.startswith("docx"):
            render_docx(meta, header, turns, path, bold=(fmt == "docx-bold"))
        else:
            if fmt == "srt":
                text = render_srt(meta, header, turns)
            elif fmt == "vtt":
                text = render_vtt(meta, header, turns)
            else:
                text = render_txt(meta, header, turns, stamps=(fmt == "txt-ts"))
            if meta.get("crlf") == "1":
                text = text.replace("\n", "\r\n")
            enc = meta.get("encoding", "utf-8")
            path.write_bytes(text.encode(enc))
        words = sum(nwords(b) for _, b, _ in turns)
        rturns = sum(1 for w, _, _ in turns if w == "R")
        ori_counts = {o: sum(1 for w, _, x in turns if w == "R" and x == o)
                      for o in ("casus", "netwerk", "-")}
        stats.append((doc_id, fmt, words, rturns, len(seen), ori_counts))

    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)

    for s in stats:
        print("{} {:10s} words={} respondent_turns={} identifiers={} orient={}".format(*s))
    for wmsg in warnings:
        print("WARNING", wmsg)
    for e in errors:
        print("ERROR", e)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
