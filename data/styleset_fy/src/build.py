#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set FY from the annotated sources.

Source format (src/fyNN.txt), one paragraph per line, paragraphs separated by blank lines:
  F: <format>            docx-bold | docx-plain | txt-cp1252 | txt-ts | vtt | srt
  L: <interviewer label> | <respondent label>   (may contain [[name|PERSOON]])
  H: <header line>       (0..n; ignored for srt, which has no header)
  I: <interviewer turn>
  R: <respondent turn> {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

DOCS = ["fy01", "fy02", "fy03", "fy04", "fy05", "fy06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-cp1252": "txt", "txt-ts": "txt",
       "vtt": "vtt", "srt": "srt"}

STYLES = {
    "fy01": ("netwerkgericht",
             "Despite a warm, detailed story about one mother she leaves the contact to the "
             "jeugdbeschermer and reclassering worker and puts her own hours and trust work into "
             "standing agreements, a joint cover sheet, escalation lines and patterns across cases "
             "between Raad, reclassering and opvang."),
    "fy02": ("casusgericht",
             "He names many partners but uses each one as a means for one woman's plan, invests "
             "in her trust personally (home visits, his own phone, explaining reports himself) "
             "and explicitly declines working groups and structural arrangements."),
    "fy03": ("onbepaald",
             "Genuinely mixed: she invests visibly and about equally in her own trust relation "
             "and plan with one mother and in chairing an inter-organisational werkoverleg with "
             "agreements and escalation, and says so herself."),
    "fy04": ("casusgericht",
             "He quotes a colleague's structural argument at length and agrees with it, but "
             "hands it back to her and puts all his own effort into one mother's trust, his "
             "report as her plan, and phone calls that serve only her case."),
    "fy05": ("netwerkgericht",
             "She tells a moving story about a client but deliberately steps out of the contact "
             "and invests in the casustafel, information convenant, escalation route, capacity "
             "deals with municipalities and a release signal from the prison."),
    "fy06": ("onbepaald",
             "Genuinely mixed without saying so: she does intensive personal trust and plan "
             "work with one mother and her son and, equally, builds and maintains a werkafspraak "
             "with police, reclassering and Veilig Thuis for a whole group of women."),
}

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def strip(text):
    return ANN.sub(lambda m: m.group(1), text)


def anns(text):
    return [(m.group(1), m.group(2)) for m in ANN.finditer(text)]


def parse(doc):
    path = os.path.join(HERE, doc + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    fmt, labels, header, turns = None, None, [], []
    for para in [p.strip() for p in raw.split("\n") if p.strip()]:
        if para.startswith("#"):
            continue
        tag, _, body = para.partition(":")
        body = body.strip()
        if tag == "F":
            fmt = body
        elif tag == "L":
            labels = [x.strip() for x in body.split("|", 1)] if "[[" not in body else \
                [x.strip() for x in re.split(r"\s\|\s", body)]
        elif tag == "H":
            header.append(body)
        elif tag in ("I", "R"):
            ori = None
            if tag == "R":
                m = ORI.search(body)
                if not m:
                    sys.exit(f"{doc}: respondent turn without orientation: {body[:60]}")
                ori = m.group(1)
                body = body[:m.start()].rstrip()
            elif ORI.search(body):
                sys.exit(f"{doc}: interviewer turn with orientation tag")
            turns.append((tag, body, ori))
        else:
            sys.exit(f"{doc}: unknown paragraph tag {tag!r}")
    assert fmt in EXT, (doc, fmt)
    assert labels and len(labels) == 2, (doc, labels)
    for i, (sp, _, _) in enumerate(turns):
        if sp != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{doc}: turns do not alternate at turn {i + 1}")
    return fmt, labels, header, turns


# ---------------------------------------------------------------- chunking
def tokens(annotated):
    """Split annotated text into whitespace tokens, keeping [[..|..]] atomic."""
    keep = []

    def hold(m):
        keep.append(m.group(0))
        return f"\x00{len(keep) - 1}\x00"
    masked = ANN.sub(hold, annotated)
    out = []
    for t in masked.split():
        out.append(re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], t))
    return out


def nwords(s):
    return len(re.findall(r"\w+(?:[-'’]\w+)*", strip(s)))


def chunks(annotated):
    toks = tokens(annotated)
    out, cur = [], []
    for t in toks:
        cur.append(t)
        n = nwords(" ".join(cur))
        plain = strip(t)
        if (n >= 8 and re.search(r"[.?!][\"')]*$", plain)) or \
           (n >= 15 and re.search(r"[,;:][\"')]*$", plain)) or n >= 21:
            out.append(" ".join(cur))
            cur = []
    if cur:
        if out and nwords(" ".join(cur)) <= 3:
            out[-1] = out[-1] + " " + " ".join(cur)
        else:
            out.append(" ".join(cur))
    return out


def wrap2(annotated, width=44):
    """Wrap a cue into at most two lines at a token boundary (identifiers stay whole)."""
    toks = tokens(annotated)
    plain = strip(annotated)
    if len(plain) <= width or len(toks) < 2:
        return [annotated]
    best, bestd = 1, 10 ** 6
    for k in range(1, len(toks)):
        left = len(strip(" ".join(toks[:k])))
        d = abs(left - len(plain) / 2)
        if d < bestd:
            best, bestd = k, d
    return [" ".join(toks[:best]), " ".join(toks[best:])]


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_docx(doc, labels, header, turns, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if bold:
            r.italic = True
    if header:
        d.add_paragraph()
    for i, (sp, text, _) in enumerate(turns):
        lab = strip(labels[0] if sp == "I" else labels[1])
        p = d.add_paragraph()
        if bold:
            p.add_run(lab + ":").bold = True
            p.add_run(" " + strip(text))
        else:
            p.add_run(f"{lab}: {strip(text)}")
    d.core_properties.author = "transcriptie"
    d.save(os.path.join(OUT, doc + ".docx"))


def write_txt_cp1252(doc, labels, header, turns):
    lines = [strip(h) for h in header] + [""]
    for sp, text, _ in turns:
        lab = strip(labels[0] if sp == "I" else labels[1])
        lines.append(f"{lab}: {strip(text)}")
        lines.append("")
    data = "\r\n".join(lines).encode("cp1252")
    with open(os.path.join(OUT, doc + ".txt"), "wb") as f:
        f.write(data)


def write_txt_ts(doc, labels, header, turns):
    lines = [strip(h) for h in header] + [""]
    t = 3.0
    for sp, text, _ in turns:
        lab = strip(labels[0] if sp == "I" else labels[1])
        stamp = ts(t)[:8]
        lines.append(f"[{stamp}] {lab}: {strip(text)}")
        lines.append("")
        t += nwords(text) / 2.45 + 2.2
    with open(os.path.join(OUT, doc + ".txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def write_vtt(doc, labels, header, turns):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(strip(h) for h in header)
        out.append("")
    t = 2.0
    n = 0
    for sp, text, _ in turns:
        lab = strip(labels[0] if sp == "I" else labels[1])
        for c in chunks(text):
            n += 1
            dur = max(1.2, nwords(c) / 2.6)
            out.append(str(n))
            out.append(f"{ts(t)} --> {ts(t + dur)}")
            out.append(f"<v {lab}>{strip(c)}")
            out.append("")
            t += dur + 0.15
        t += 1.0
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))


def write_srt(doc, labels, header, turns):
    out = []
    t = 1.5
    n = 0
    for sp, text, _ in turns:
        lab = strip(labels[0] if sp == "I" else labels[1])
        cs = []
        for c in chunks(text):
            # a continuation cue must not start like a "Name: text" speaker cue
            if cs and re.match(r"^[^:]{1,40}:\s", strip(c)):
                cs[-1] = cs[-1] + " " + c
            else:
                cs.append(c)
        for j, c in enumerate(cs):
            n += 1
            dur = max(1.2, nwords(c) / 2.5)
            body = (lab + ": " + c) if j == 0 else c
            out.append(str(n))
            out.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
            out.extend(strip(x) for x in wrap2(body))
            out.append("")
            t += dur + 0.2
        t += 0.8
    with open(os.path.join(OUT, doc + ".srt"), "wb") as f:
        f.write("\r\n".join(out).encode("utf-8"))


# ---------------------------------------------------------------- main
def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    id_rows, ori_rows, stats = [], [], []
    for doc in DOCS:
        fmt, labels, header, turns = parse(doc)
        if fmt == "srt":
            header = []
        for sp, text, _ in turns:
            if fmt == "vtt" and re.search(r"[<>&]", strip(text)):
                sys.exit(f"{doc}: characters not allowed in vtt cue text")
        # identifiers, in order of first appearance, one row per distinct string
        seen = {}
        sources = list(header) + list(labels) + [t for _, t, _ in turns]
        for s in sources:
            for txt, typ in anns(s):
                if typ not in TYPES:
                    sys.exit(f"{doc}: bad type {typ}")
                if txt in seen and seen[txt] != typ:
                    sys.exit(f"{doc}: {txt!r} tagged as {seen[txt]} and {typ}")
                seen.setdefault(txt, typ)
        for txt, typ in seen.items():
            id_rows.append((doc, txt, typ))
        # warn about untagged occurrences of tagged strings
        untagged = "\n".join(ANN.sub(" ", s) for s in sources)
        for txt in seen:
            if re.search(r"(?<!\w)" + re.escape(txt) + r"(?!\w)", untagged):
                print(f"WARNING {doc}: untagged occurrence of {txt!r}")
        for i, (sp, _, ori) in enumerate(turns, start=1):
            if sp == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc, i, ori))
        if fmt in ("docx-bold", "docx-plain"):
            write_docx(doc, labels, header, turns, bold=(fmt == "docx-bold"))
        elif fmt == "txt-cp1252":
            write_txt_cp1252(doc, labels, header, turns)
        elif fmt == "txt-ts":
            write_txt_ts(doc, labels, header, turns)
        elif fmt == "vtt":
            write_vtt(doc, labels, header, turns)
        elif fmt == "srt":
            write_srt(doc, labels, header, turns)
        words = sum(nwords(t) for _, t, _ in turns)
        rturns = sum(1 for sp, _, _ in turns if sp == "R")
        ocount = {k: sum(1 for sp, _, o in turns if sp == "R" and o == k)
                  for k in ("casus", "netwerk", "-")}
        stats.append((doc, fmt, words, rturns, len(seen), ocount))

    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(ori_rows, key=lambda r: (r[0], r[1])):
            w.writerow(row)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in id_rows:
            w.writerow(row)
    for s in stats:
        print("%s %-11s words=%d respondent_turns=%d identifiers=%d orientation=%s" % s)


if __name__ == "__main__":
    main()
