"""Build the transcripts and the three csv files of blind set 'setns' from the annotated sources.

Run from anywhere:  /work/main/.venv/bin/python src/build.py
Needs python-docx (for the two .docx transcripts).

Source format (src/nsXX.txt):
  FORMAT: <docx_bold | docx_plain | txt_ir_cp1252 | txt_timestamps_utf8 | vtt | srt>
  SPEAKER_I: <label of the interviewer>        (may contain [[text|TYPE]])
  SPEAKER_R: <label of the respondent>
  then paragraphs separated by a blank line, each starting with
  'H: ' (header line), 'I: ' (interviewer turn) or 'R: ' (respondent turn);
  identifiers inline as [[text|TYPE]]; each R paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TRANS = os.path.join(ROOT, "transcripts")

DOCS = ["ns01", "ns02", "ns03", "ns04", "ns05", "ns06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
EXT = {"docx_bold": "docx", "docx_plain": "docx", "txt_ir_cp1252": "txt",
       "txt_timestamps_utf8": "txt", "vtt": "vtt", "srt": "srt"}

STYLES = {
    "ns01": ("netwerkgericht",
             "Former community officer who knows the family story in detail but leaves the daily contact to the "
             "wijkteam worker and puts his own effort and trust into managers, written agreements, an escalation "
             "ladder and patterns across families."),
    "ns02": ("onbepaald",
             "Too little evidence: a guarded senior team leader who speaks only in procedures and generalities "
             "and never shows where her own effort or trust goes."),
    "ns03": ("casusgericht",
             "Former youth-care guardian who mobilises many partners and meetings, but each one as a means for "
             "the mother's own plan, and who declines the structural working group."),
    "ns04": ("onbepaald",
             "Genuinely mixed, and he says so: half of his effort goes to kitchen-table work with a few families "
             "and half to an early-warning covenant and other agreements between organisations."),
    "ns05": ("netwerkgericht",
             "Former GGZ nurse who tells a warm story about one client yet visited him once, handed the contact "
             "to the FACT team and invests in decision-makers, a region-wide agreement, privacy protocol and "
             "pattern analysis."),
    "ns06": ("onbepaald",
             "Genuinely mixed without saying so: she invests heavily in personal trust with both parents and "
             "their plan and, just as much, in agreements between police, Veilig Thuis, debt services and "
             "housing corporations."),
}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def words(s):
    return sum(1 for t in s.split() if re.search(r"\w", t))


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    meta, paras = {}, []
    body_lines = []
    for line in text.split("\n"):
        m = re.match(r"^(FORMAT|SPEAKER_I|SPEAKER_R):\s*(.*)$", line.strip())
        if m:
            meta[m.group(1)] = m.group(2).strip()
        else:
            body_lines.append(line)
    text = "\n".join(body_lines)
    for block in re.split(r"\n\s*\n", text.strip()):
        block = " ".join(line.strip() for line in block.strip().split("\n"))
        if not block:
            continue
        m = re.match(r"^(FORMAT|SPEAKER_I|SPEAKER_R):\s*(.*)$", block)
        if m:
            meta[m.group(1)] = m.group(2).strip()
            continue
        kind, body = block[:2], block[3:]
        if kind not in ("H:", "I:", "R:") or block[2] != " ":
            sys.exit(f"{doc}: bad paragraph: {block[:60]}")
        tag = None
        if kind == "R:":
            m = TAG.search(body)
            if not m:
                sys.exit(f"{doc}: respondent paragraph without tag: {body[:60]}")
            tag = m.group(1)
            body = TAG.sub("", body)
        elif TAG.search(body):
            sys.exit(f"{doc}: tag outside respondent paragraph: {body[:60]}")
        paras.append((kind[0], body.strip(), tag))
    for k in ("FORMAT", "SPEAKER_I", "SPEAKER_R"):
        if k not in meta:
            sys.exit(f"{doc}: missing {k}")
    if meta["FORMAT"] not in EXT:
        sys.exit(f"{doc}: unknown format {meta['FORMAT']}")
    return meta, paras


# ---------------------------------------------------------------- cue chunking
def tokens(annotated):
    """Whitespace tokens of the annotated text; an annotation is never split."""
    out, pos = [], 0
    spans = [(m.start(), m.end()) for m in ANN.finditer(annotated)]
    buf = ""
    i = 0
    while i < len(annotated):
        inside = next((s for s in spans if s[0] == i), None)
        if inside:
            buf += annotated[inside[0]:inside[1]]
            i = inside[1]
            continue
        c = annotated[i]
        if c.isspace():
            if buf:
                out.append(buf)
                buf = ""
        else:
            buf += c
        i += 1
    if buf:
        out.append(buf)
    return out


def chunks(annotated, soft=7, comma=11, hard=16):
    toks = tokens(annotated)
    res, cur = [], []
    for i, t in enumerate(toks):
        cur.append(t)
        p = plain(t)
        n = len(cur)
        last = i == len(toks) - 1
        if last:
            break
        remaining = len(toks) - i - 1
        if (n >= soft and p[-1:] in ".?!") or (n >= comma and p[-1:] in ",;:") or \
                (n >= hard and remaining > 4):
            # avoid leaving a very short tail
            if remaining >= 3:
                res.append(cur)
                cur = []
    if cur:
        res.append(cur)
    return [plain(" ".join(c)) for c in res]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(paras, lab_i, lab_r, start=3.2):
    """[(start, end, label, text)] for all turns, chunked into cues."""
    t = start
    cues = []
    for kind, body, _ in paras:
        if kind == "H":
            continue
        lab = lab_i if kind == "I" else lab_r
        for c in chunks(body):
            dur = max(1.4, words(c) / 2.6)
            cues.append((t, t + dur, lab, c))
            t += dur + 0.25
        t += 0.9
    return cues


# ---------------------------------------------------------------- writers
def write_docx(doc, meta, paras, bold):
    from docx import Document
    from docx.shared import Pt
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    lab_i, lab_r = plain(meta["SPEAKER_I"]), plain(meta["SPEAKER_R"])
    heads = [b for k, b, _ in paras if k == "H"]
    for h in heads:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = bold  # header in italics in the bold-label variant
    if heads:
        d.add_paragraph("")
    for kind, body, _ in paras:
        if kind == "H":
            continue
        lab = lab_i if kind == "I" else lab_r
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{lab}: {plain(body)}")
    d.save(os.path.join(TRANS, doc + ".docx"))


def write_txt(doc, meta, paras, mode):
    lab_i, lab_r = plain(meta["SPEAKER_I"]), plain(meta["SPEAKER_R"])
    lines = []
    heads = [plain(b) for k, b, _ in paras if k == "H"]
    lines.extend(heads)
    if heads:
        lines.append("")
    if mode == "txt_timestamps_utf8":
        cues = timed_cues(paras, lab_i, lab_r, start=4.0)
        # one line per turn, time stamp = start of the first cue of the turn
        turn_starts, prev = [], None
        t_iter = iter(cues)
        for kind, body, _ in paras:
            if kind == "H":
                continue
            n = len(chunks(body))
            first = next(t_iter)
            for _ in range(n - 1):
                next(t_iter)
            lab = lab_i if kind == "I" else lab_r
            hh = ts(first[0], ",")[:8]
            lines.append(f"[{hh}] {lab}: {plain(body)}")
            lines.append("")
        data = "\n".join(lines).rstrip("\n") + "\n"
        with open(os.path.join(TRANS, doc + ".txt"), "w", encoding="utf-8", newline="") as f:
            f.write(data)
    else:
        for kind, body, _ in paras:
            if kind == "H":
                continue
            lab = lab_i if kind == "I" else lab_r
            lines.append(f"{lab}: {plain(body)}")
            lines.append("")
        data = "\r\n".join(lines).rstrip("\r\n") + "\r\n"
        with open(os.path.join(TRANS, doc + ".txt"), "wb") as f:
            f.write(data.encode("cp1252"))


def write_vtt(doc, meta, paras):
    lab_i, lab_r = plain(meta["SPEAKER_I"]), plain(meta["SPEAKER_R"])
    out = ["WEBVTT", ""]
    heads = [plain(b) for k, b, _ in paras if k == "H"]
    if heads:
        out.append("NOTE")
        out.extend(heads)
        out.append("")
    for i, (a, b, lab, text) in enumerate(timed_cues(paras, lab_i, lab_r), 1):
        if "-->" in text or "<" in text or "&" in text:
            sys.exit(f"{doc}: text not safe for VTT: {text}")
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {lab}>{text}</v>")
        out.append("")
    with open(os.path.join(TRANS, doc + ".vtt"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(out))


def write_srt(doc, meta, paras):
    lab_i, lab_r = plain(meta["SPEAKER_I"]), plain(meta["SPEAKER_R"])
    if any(k == "H" for k, _, _ in paras):
        sys.exit(f"{doc}: srt has no header")
    out = []
    for i, (a, b, lab, text) in enumerate(timed_cues(paras, lab_i, lab_r, start=1.5), 1):
        out += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {text}", ""]
    with open(os.path.join(TRANS, doc + ".srt"), "wb") as f:
        f.write("\r\n".join(out).encode("utf-8"))


# ---------------------------------------------------------------- main
def main():
    os.makedirs(TRANS, exist_ok=True)
    for fn in os.listdir(TRANS):
        if fn.split(".")[0] in DOCS:
            os.remove(os.path.join(TRANS, fn))
    orient_rows, ident_rows, report = [], [], []
    for doc in DOCS:
        meta, paras = parse(doc)
        fmt = meta["FORMAT"]
        if fmt in ("docx_bold", "docx_plain"):
            write_docx(doc, meta, paras, fmt == "docx_bold")
        elif fmt.startswith("txt"):
            write_txt(doc, meta, paras, fmt)
        elif fmt == "vtt":
            write_vtt(doc, meta, paras)
        elif fmt == "srt":
            write_srt(doc, meta, paras)
        # turns, orientation
        turns = [(k, b, t) for k, b, t in paras if k != "H"]
        for i, (k, b, t) in enumerate(turns, 1):
            if k != ("I" if i % 2 else "R"):
                sys.exit(f"{doc}: turn {i} breaks alternation")
            if k == "R" and t in ("casus", "netwerk"):
                orient_rows.append((doc, i, t))
        # identifiers (speaker labels first, then header/turns in order)
        seen = {}
        sources = [meta["SPEAKER_I"], meta["SPEAKER_R"]] + [b for _, b, _ in paras]
        for s in sources:
            for m in ANN.finditer(s):
                txt, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit(f"{doc}: unknown type {typ}")
                if txt in seen and seen[txt] != typ:
                    sys.exit(f"{doc}: '{txt}' has two types")
                if txt not in seen:
                    seen[txt] = typ
                    ident_rows.append((doc, txt, typ))
        # warn about unannotated occurrences of annotated strings
        for k, b, _ in paras:
            rest = ANN.sub(" ", b)
            for txt in seen:
                if re.search(r"(?<![\w@.-])" + re.escape(txt) + r"(?![\w@-])", rest):
                    print(f"warning {doc}: unannotated '{txt}' in: {plain(b)[:50]}")
        nw = sum(words(plain(b)) for k, b, _ in turns)
        nr = sum(1 for k, _, _ in turns if k == "R")
        tags = [t for k, _, t in turns if k == "R"]
        report.append((doc, fmt, nw, nr, len(seen), tags.count("casus"), tags.count("netwerk")))

    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows, key=lambda r: (r[0], r[1])):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        for r in ident_rows:
            w.writerow(r)
    print("doc   format                words  resp_turns  identifiers  casus  netwerk")
    for r in report:
        print(f"{r[0]}  {r[1]:<20}  {r[2]:>5}  {r[3]:>10}  {r[4]:>11}  {r[5]:>5}  {r[6]:>7}")


if __name__ == "__main__":
    main()
