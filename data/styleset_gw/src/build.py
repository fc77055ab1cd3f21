#!/usr/bin/env python3
"""Build transcripts and csv files of blind set GW from the annotated sources.

Source format (src/gwNN.txt), one paragraph per line:
  # key: value      metadata (style, rationale, format, encoding, newline, timestamps,
                     docx_labels, I / R speaker labels; labels may carry [[name|PERSOON]])
  H: text           header line
  I: text           interviewer turn
  R: text {tag}     respondent turn, tag casus | netwerk | -
Identifiers inline as [[text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py            (build)
      /work/main/.venv/bin/python src/build.py --annotate  (also annotate unmarked repeats in src)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["gw01", "gw02", "gw03", "gw04", "gw05", "gw06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    return ANN.sub(lambda m: m.group(1), text)


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    meta, header, turns = {}, [], []
    for n, line in enumerate(open(path, encoding="utf-8").read().splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            meta[k.strip()] = v.strip()
            continue
        kind, _, text = line.partition(": ")
        if kind == "H":
            header.append(text)
        elif kind == "I":
            if TAG.search(text):
                sys.exit(f"{doc}:{n}: interviewer turn has a tag")
            turns.append(("I", text, None))
        elif kind == "R":
            m = TAG.search(text)
            if not m:
                sys.exit(f"{doc}:{n}: respondent turn without tag")
            turns.append(("R", text[:m.start()].rstrip(), m.group(1)))
        else:
            sys.exit(f"{doc}:{n}: bad line start {kind!r}")
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return meta, header, turns


def identifiers(meta, header, turns):
    seen = {}
    sources = [meta.get("I", ""), meta.get("R", "")] + header + [t for _, t, _ in turns]
    for s in sources:
        for m in ANN.finditer(s):
            val, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"bad type {typ}")
            if val in seen and seen[val] != typ:
                sys.exit(f"identifier {val!r} has two types")
            seen.setdefault(val, typ)
    return seen


def unmarked(text, ids):
    """Positions of identifier strings outside annotations (whole-word matches)."""
    spans = [m.span() for m in ANN.finditer(text)]
    hits = []
    for val in sorted(ids, key=len, reverse=True):
        for m in re.finditer(r"(?<![\w@.-])" + re.escape(val) + r"(?![\w@-])", text):
            if not any(a <= m.start() < b for a, b in spans):
                hits.append((m.start(), m.end(), val))
    # drop overlaps, keep longest first
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out, end = [], -1
    for h in hits:
        if h[0] >= end:
            out.append(h)
            end = h[1]
    return out


def annotate_source(doc, ids):
    path = os.path.join(HERE, doc + ".txt")
    lines = open(path, encoding="utf-8").read().split("\n")
    changed = 0
    for i, line in enumerate(lines):
        if line[:3] not in ("H: ", "I: ", "R: "):
            continue
        hits = unmarked(line, ids)
        for a, b, val in reversed(hits):
            line = line[:a] + f"[[{val}|{ids[val]}]]" + line[b:]
            changed += 1
        lines[i] = line
    open(path, "w", encoding="utf-8").write("\n".join(lines))
    return changed


def chunks(text, maxw=24):
    """Split annotated text into cue-sized pieces at sentence ends outside annotations."""
    spans = [m.span() for m in ANN.finditer(text)]
    cuts = []
    for m in re.finditer(r"[.?!…]\)?\"? ", text):
        p = m.end()
        if any(a < p <= b for a, b in spans):
            continue
        prev = text[:m.start()].split()[-1] if text[:m.start()].split() else ""
        if re.fullmatch(r"\(?[A-Z]", prev):
            continue
        cuts.append(p)
    pieces, start = [], 0
    for c in cuts:
        pieces.append(text[start:c].strip())
        start = c
    pieces.append(text[start:].strip())
    out, cur = [], ""
    for p in pieces:
        if cur and len(strip(cur + " " + p).split()) > maxw:
            out.append(cur)
            cur = p
        else:
            cur = (cur + " " + p).strip()
    if cur:
        out.append(cur)
    return [strip(o) for o in out]


def ts(sec, sep):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{int(round((s % 1) * 1000)) % 1000:03d}"


def hms(sec):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    return f"{h:02d}:{m:02d}:{s:02d}"


def build_doc(doc, meta, header, turns):
    for f in os.listdir(OUT):
        if f.startswith(doc + "."):
            os.remove(os.path.join(OUT, f))
    fmt = meta["format"]
    lab = {"I": strip(meta["I"]), "R": strip(meta["R"])}
    head = [strip(h) for h in header]
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in head:
            d.add_paragraph(h)
        if head:
            d.add_paragraph("")
        for sp, text, _ in turns:
            p = d.add_paragraph()
            if meta.get("docx_labels") == "bold":
                p.add_run(lab[sp] + ":").bold = True
                p.add_run(" " + strip(text))
            else:
                p.add_run(f"{lab[sp]}: {strip(text)}")
        d.save(os.path.join(OUT, doc + ".docx"))
        return
    t = 3.0
    if fmt == "txt":
        nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
        lines = head + ([""] if head else [])
        for sp, text, _ in turns:
            clean = strip(text)
            pre = f"[{hms(t)}] " if meta.get("timestamps") == "yes" else ""
            lines.append(f"{pre}{lab[sp]}: {clean}")
            lines.append("")
            t += len(clean.split()) * 0.42 + 1.3
        data = nl.join(lines).rstrip() + nl
        with open(os.path.join(OUT, doc + ".txt"), "wb") as fh:
            fh.write(data.encode(meta.get("encoding", "utf-8")))
        return
    if fmt == "vtt":
        out = ["WEBVTT", ""]
        if head:
            out += ["NOTE"] + head + [""]
        for sp, text, _ in turns:
            for piece in chunks(text):
                dur = len(piece.split()) * 0.4 + 0.6
                out += [f"{ts(t, '.')} --> {ts(t + dur, '.')}", f"<v {lab[sp]}>{piece}</v>", ""]
                t += dur + 0.2
            t += 0.8
        with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(out))
        return
    if fmt == "srt":
        nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
        out, n = [], 1
        for sp, text, _ in turns:
            for piece in chunks(text, 20):
                dur = len(piece.split()) * 0.4 + 0.6
                out += [str(n), f"{ts(t, ',')} --> {ts(t + dur, ',')}", f"{lab[sp]}: {piece}", ""]
                n += 1
                t += dur + 0.2
            t += 0.8
        with open(os.path.join(OUT, doc + ".srt"), "wb") as fh:
            fh.write(nl.join(out).encode("utf-8"))
        return
    sys.exit(f"{doc}: unknown format {fmt}")


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient, idrows = [], [], []
    for doc in DOCS:
        meta, header, turns = parse(doc)
        ids = identifiers(meta, header, turns)
        if "--annotate" in sys.argv:
            n = annotate_source(doc, ids)
            if n:
                print(f"{doc}: annotated {n} unmarked repeats")
                meta, header, turns = parse(doc)
        for line in header + [t for _, t, _ in turns]:
            for a, b, val in unmarked(line, ids):
                print(f"warning {doc}: unmarked occurrence of {val!r}")
        build_doc(doc, meta, header, turns)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (sp, _, tag) in enumerate(turns, 1):
            if sp == "R" and tag in ("casus", "netwerk"):
                orient.append((doc, i, tag))
        for val, typ in ids.items():
            idrows.append((doc, val, typ))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    print(f"built {len(DOCS)} transcripts, {len(orient)} orientation rows, {len(idrows)} identifiers")


if __name__ == "__main__":
    main()
