"""Build the six transcripts and the three csv files of setIN from the annotated sources.

Source format (src/inNN.txt):
  @key: value          metadata (doc, format, style, rationale, label_I, label_R)
  H: / I: / R: ...     one paragraph per turn (H = header line), blank lines between
  [[text|TYPE]]        identifier, kept verbatim in the output
  {casus} {netwerk} {-} at the end of every R paragraph

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["in01", "in02", "in03", "in04", "in05", "in06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    return TAG.sub(lambda m: m.group(1), text)


def parse(path):
    meta, header, turns = {}, [], []
    with open(path, encoding="utf-8") as fh:
        for raw in fh:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("@"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
            elif line.startswith("H: ") or line == "H:":
                header.append(line[3:])
            elif line.startswith("I: "):
                turns.append(["I", line[3:], None])
            elif line.startswith("R: "):
                m = ORIENT.search(line)
                if not m:
                    sys.exit(f"{path}: respondent paragraph without orientation tag: {line[:60]}")
                turns.append(["R", line[3:m.start()], m.group(1)])
            else:
                sys.exit(f"{path}: unexpected line: {line[:60]}")
    return meta, header, turns


def split_cues(text, max_words=22):
    """Split marked-up text into cues at sentence ends outside [[...]]."""
    sents, buf, depth, i = [], "", 0, 0
    while i < len(text):
        if text.startswith("[[", i):
            depth += 1
            buf += "[["
            i += 2
            continue
        if text.startswith("]]", i):
            depth -= 1
            buf += "]]"
            i += 2
            continue
        ch = text[i]
        buf += ch
        i += 1
        if depth == 0 and ch in ".?!" and i < len(text) and text[i] == " ":
            sents.append(buf.strip())
            buf = ""
    if buf.strip():
        sents.append(buf.strip())
    cues, cur = [], []
    for s in sents:
        n = len(strip(s).split())
        if cur and len(" ".join(cur).split()) + n > max_words:
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


def timed_cues(turns, labels):
    """Yield (start, end, speaker, text) with plausible timings."""
    t = 3.2
    out = []
    for k, (role, text, _) in enumerate(turns):
        for j, cue in enumerate(split_cues(text)):
            plain = strip(cue)
            dur = max(1.2, len(plain.split()) / 2.6)
            out.append((t, t + dur, labels[role], plain))
            t += dur + (0.25 if j else 0.0)
        t += 0.6 + (k % 3) * 0.35
    return out


def write_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt

    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        r.italic = True
    if header:
        d.add_paragraph()
    for role, text, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(labels[role] + ":")
            r.bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(labels[role] + ": " + strip(text))
    d.core_properties.author = "transcriptie"
    d.save(path)


def write_txt_ir(path, header, turns, labels):
    lines = [strip(h) for h in header] + [""]
    for role, text, _ in turns:
        lines.append(f"{labels[role]}: {strip(text)}")
        lines.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines))


def write_txt_spreker(path, header, turns, labels):
    lines = [strip(h) for h in header] + [""]
    t = 2.0
    for k, (role, text, _) in enumerate(turns):
        stamp = ts(t, ",")[:8]
        lines.append(f"[{stamp}] {labels[role]}: {strip(text)}")
        lines.append("")
        t += len(strip(text).split()) / 2.5 + 1.0 + (k % 4) * 0.5
    data = "\r\n".join(lines) + "\r\n"
    with open(path, "wb") as fh:
        fh.write(data.encode("cp1252"))


def write_vtt(path, header, turns, labels):
    out = ["WEBVTT", ""]
    if header:
        out += [strip(h) for h in header] + [""]
    for start, end, spk, text in timed_cues(turns, labels):
        out.append(f"{ts(start, '.')} --> {ts(end, '.')}")
        out.append(f"<v {spk}>{text}</v>")
        out.append("")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(out))


def write_srt(path, header, turns, labels):
    out = []
    for n, (start, end, spk, text) in enumerate(timed_cues(turns, labels), 1):
        out += [str(n), f"{ts(start, ',')} --> {ts(end, ',')}", f"{spk}: {text}", ""]
    with open(path, "wb") as fh:
        fh.write(("\r\n".join(out) + "\r\n").encode("utf-8"))


EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir": "txt", "txt_spreker_cp1252": "txt",
       "vtt": "vtt", "srt": "srt"}


def untagged_warnings(doc, paragraphs, idents):
    """Warn when an identifier string also occurs untagged (outside any tagged span)."""
    warns = []
    for para in paragraphs:
        plain, spans, pos = "", [], 0
        for m in TAG.finditer(para):
            plain += para[pos:m.start()]
            spans.append((len(plain), len(plain) + len(m.group(1))))
            plain += m.group(1)
            pos = m.end()
        plain += para[pos:]
        for s in idents:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", plain):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    warns.append(f"{doc}: untagged occurrence of {s!r}")
    return warns


def main():
    os.makedirs(OUT, exist_ok=True)
    styles, orient, idrows, warns = [], [], [], []
    for doc in DOCS:
        meta, header, turns = parse(os.path.join(HERE, doc + ".txt"))
        assert meta["doc"] == doc
        fmt = meta["format"]
        labels = {"I": strip(meta["label_I"]), "R": strip(meta["label_R"])}
        # identifiers, in order of first occurrence
        seen = {}
        texts = [meta["label_I"], meta["label_R"]] + header + [t[1] for t in turns]
        for t in texts:
            for m in TAG.finditer(t):
                s, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit(f"{doc}: unknown type {typ}")
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc}: {s!r} typed both {seen[s]} and {typ}")
                seen.setdefault(s, typ)
        for s, typ in seen.items():
            idrows.append((doc, s, typ))
        warns += untagged_warnings(doc, header + [t[1] for t in turns], list(seen))
        for idx, (role, _, o) in enumerate(turns, 1):
            if role == "R" and o in ("casus", "netwerk"):
                orient.append((doc, idx, o))
        styles.append((doc, meta["style"], meta["rationale"]))
        # remove old outputs of this doc
        for f in os.listdir(OUT):
            if f.startswith(doc + "."):
                os.remove(os.path.join(OUT, f))
        path = os.path.join(OUT, f"{doc}.{EXT[fmt]}")
        if fmt == "docx_bold":
            write_docx(path, header, turns, labels, True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, labels, False)
        elif fmt == "txt_ir":
            write_txt_ir(path, header, turns, labels)
        elif fmt == "txt_spreker_cp1252":
            write_txt_spreker(path, header, turns, labels)
        elif fmt == "vtt":
            write_vtt(path, header, turns, labels)
        elif fmt == "srt":
            write_srt(path, header, turns, labels)
        else:
            sys.exit(f"unknown format {fmt}")
        words = sum(len(strip(t[1]).split()) for t in turns)
        nresp = sum(1 for t in turns if t[0] == "R")
        print(f"{doc}: {fmt:20s} words={words} respondent_turns={nresp} identifiers={len(seen)}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idrows)
    for x in warns:
        print("WARNING", x)


if __name__ == "__main__":
    main()
