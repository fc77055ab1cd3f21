"""Build the setmm transcripts and label files from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt), one paragraph per line:
  H: header line          (not a turn)
  I: interviewer turn
  R: respondent turn ... {casus} | {netwerk} | {-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import random
import re
import sys

from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TDIR = os.path.join(ROOT, "transcripts")

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# per document: output format and speaker labels (interviewer, respondent)
DOCS = {
    "mm01": dict(fmt="docx_bold", labels=("Interviewer", "Respondent")),
    "mm02": dict(fmt="vtt", labels=("[[Sanne de Wit|PERSOON]]",
                                    "[[Małgorzata Wiśniewska|PERSOON]]")),
    "mm03": dict(fmt="txt", enc="cp1252", newline="\r\n", labels=("I", "R")),
    "mm04": dict(fmt="srt", newline="\r\n", labels=("Interviewer", "[[Annemiek|PERSOON]]")),
    "mm05": dict(fmt="txt_ts", enc="utf-8", newline="\n", labels=("Spreker 1", "Spreker 2")),
    "mm06": dict(fmt="docx_plain", labels=("[[Wouter|PERSOON]]", "[[Frank|PERSOON]]")),
}

STYLES = {
    "mm01": ("netwerkgericht",
             "Tells a warm, detailed story about one worker but hands the daily contact to an "
             "outreach worker and the wijkteam and puts her own effort into agreements with "
             "uitzendbureaus, a casustafel, an escalation ladder and trust with partner professionals."),
    "mm02": ("casusgericht",
             "Names many partners (FNV, inspectie, wijkagent, schuldhulp, gemeente) but each is a "
             "means for one person's plan that she carries herself, and she declines the municipal "
             "platform to stay with her people."),
    "mm03": ("onbepaald",
             "Too little evidence: a guarded inspector who answers in procedures and generalities "
             "and never shows where his own effort or trust goes."),
    "mm04": ("casusgericht",
             "Mobilises huisarts, wijkteam, GGD, uitzendbureau and the municipal regisseur, but all "
             "for one patient's plan she steers herself, and she repeatedly declines the structural "
             "working group."),
    "mm05": ("netwerkgericht",
             "Tells a vivid story about one family but leaves the household contact to colleagues and "
             "invests in patterns across addresses, a joint signalling format, a covenant with "
             "escalation clause and trust between organisations."),
    "mm06": ("netwerkgericht",
             "Despite a warm story about one couple, he sat at their table once and then invested in "
             "comparing payslips across cases, agreements with deurwaarders and CJIB, escalation and "
             "relations between organisations."),
}


def parse_src(doc):
    header, turns = [], []
    with open(os.path.join(HERE, doc + ".txt"), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip():
                continue
            m = re.match(r"^(H|I|R): (.*)$", line)
            if not m:
                sys.exit(f"{doc}:{n}: bad line")
            kind, text = m.groups()
            if kind == "H":
                if turns:
                    sys.exit(f"{doc}:{n}: header after turns")
                header.append(text)
            elif kind == "I":
                if "{" in text:
                    sys.exit(f"{doc}:{n}: orientation on interviewer turn")
                turns.append(("I", text, None))
            else:
                mo = re.search(r"\s*\{(casus|netwerk|-)\}\s*$", text)
                if not mo:
                    sys.exit(f"{doc}:{n}: respondent turn without orientation")
                turns.append(("R", text[:mo.start()], mo.group(1)))
    for i, (spk, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if spk != want:
            sys.exit(f"{doc}: turn {i + 1} should be {want}")
    return header, turns


def plain(marked):
    return MARK.sub(lambda m: m.group(1), marked)


def idents(marked):
    out = []
    for m in MARK.finditer(marked):
        if m.group(2) not in TYPES:
            sys.exit(f"bad type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def words_of(marked):
    """Split into words; identifiers stay atomic (never split across cues/lines)."""
    protected = MARK.sub(lambda m: m.group(1).replace(" ", "\u00a0"), marked)
    return [w.replace("\u00a0", " ") for w in re.split(r"[ \t\n]+", protected.strip()) if w]


def chunk(words, maxw=13):
    cues, cur = [], []
    for w in words:
        cur.append(w)
        end = w.rstrip('")\'')
        if (len(cur) >= maxw or (end.endswith((".", "?", "!")) and len(cur) >= 5)
                or (end.endswith((",", ":")) and len(cur) >= 9)):
            cues.append(cur)
            cur = []
    if cur:
        if cues and len(cur) < 3:
            cues[-1].extend(cur)
        else:
            cues.append(cur)
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def wrap2(text, width=42):
    if len(text) <= width:
        return [text]
    ws = text.split(" ")
    best, bi = None, 1
    for i in range(1, len(ws)):
        a, b = " ".join(ws[:i]), " ".join(ws[i:])
        score = abs(len(a) - len(b))
        if best is None or score < best:
            best, bi = score, i
    return [" ".join(ws[:bi]), " ".join(ws[bi:])]


def wrap2_protected(marked_words):
    """wrap a cue made of atomic words; returns lines of plain text"""
    text = " ".join(marked_words)
    if len(text) <= 42:
        return [text]
    best, bi = None, 1
    for i in range(1, len(marked_words)):
        a, b = " ".join(marked_words[:i]), " ".join(marked_words[i:])
        score = abs(len(a) - len(b))
        if best is None or score < best:
            best, bi = score, i
    return [" ".join(marked_words[:bi]), " ".join(marked_words[bi:])]


def timed_cues(turns, labels, seed):
    rnd = random.Random(seed)
    t = 2.0 + rnd.random()
    out = []  # (start, end, speaker_label_plain, words)
    for spk, text, _ in turns:
        lab = plain(labels[0] if spk == "I" else labels[1])
        for cw in chunk(words_of(text)):
            dur = max(1.2, 0.37 * len(cw) + 0.25 + rnd.random() * 0.4)
            out.append((t, t + dur, lab, cw))
            t += dur + 0.04 + rnd.random() * 0.2
        t += 0.5 + rnd.random() * 1.4
    return out


def write_text(path, text, enc, newline):
    data = text.replace("\n", newline).encode(enc)
    with open(path, "wb") as f:
        f.write(data)


def build_doc(doc, cfg, header, turns):
    fmt = cfg["fmt"]
    labs = cfg["labels"]
    lab_plain = (plain(labs[0]), plain(labs[1]))
    seed = int(doc[2:]) * 7919
    if fmt in ("docx_bold", "docx_plain"):
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for k, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(plain(h))
            if k == 0:
                r.bold = True
        if header:
            d.add_paragraph()
        for spk, text, _ in turns:
            lab = lab_plain[0] if spk == "I" else lab_plain[1]
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab + ":")
                r.bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(lab + ": " + plain(text))
        path = os.path.join(TDIR, doc + ".docx")
        d.save(path)
        return path
    if fmt == "txt":
        lines = [plain(h) for h in header]
        if header:
            lines.append("")
        for spk, text, _ in turns:
            lab = lab_plain[0] if spk == "I" else lab_plain[1]
            lines.append(f"{lab}: {plain(text)}")
            lines.append("")
        path = os.path.join(TDIR, doc + ".txt")
        write_text(path, "\n".join(lines), cfg["enc"], cfg["newline"])
        return path
    if fmt == "txt_ts":
        rnd = random.Random(seed)
        t = 3.0
        lines = [plain(h) for h in header]
        if header:
            lines.append("")
        for spk, text, _ in turns:
            lab = lab_plain[0] if spk == "I" else lab_plain[1]
            lines.append(f"[{ts(t, ',')[:8]}] {lab}: {plain(text)}")
            lines.append("")
            t += len(words_of(text)) / 2.55 + 0.8 + rnd.random() * 2.0
        path = os.path.join(TDIR, doc + ".txt")
        write_text(path, "\n".join(lines), cfg["enc"], cfg["newline"])
        return path
    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        if header:
            lines.append("NOTE")
            lines.extend(plain(h) for h in header)
            lines.append("")
        for s, e, lab, cw in timed_cues(turns, labs, seed):
            lines.append(f"{ts(s, '.')} --> {ts(e, '.')}")
            lines.append(f"<v {lab}>{' '.join(cw)}</v>")
            lines.append("")
        path = os.path.join(TDIR, doc + ".vtt")
        write_text(path, "\n".join(lines), "utf-8", "\n")
        return path
    if fmt == "srt":
        if header:
            sys.exit("srt cannot carry a header")
        lines = []
        for k, (s, e, lab, cw) in enumerate(timed_cues(turns, labs, seed), 1):
            lines.append(str(k))
            lines.append(f"{ts(s, ',')} --> {ts(e, ',')}")
            lines.extend(wrap2_protected([lab + ":"] + cw))
            lines.append("")
        path = os.path.join(TDIR, doc + ".srt")
        write_text(path, "\n".join(lines), "utf-8", cfg["newline"])
        return path
    sys.exit("unknown format " + fmt)


def untagged_warnings(doc, header, turns, ids):
    """warn when an identifier string also occurs untagged in the source text"""
    paras = list(header) + [t for _, t, _ in turns]
    for para in paras:
        spans, buf, pos = [], [], 0
        for m in MARK.finditer(para):
            buf.append(para[pos:m.start()])
            start = sum(len(b) for b in buf)
            buf.append(m.group(1))
            spans.append((start, start + len(m.group(1))))
            pos = m.end()
        buf.append(para[pos:])
        text = "".join(buf)
        for s in ids:
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", text):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    print(f"WARNING {doc}: untagged occurrence of {s!r}: ...{text[max(0, m.start() - 30):m.end() + 30]}...")


def main():
    os.makedirs(TDIR, exist_ok=True)
    for f in os.listdir(TDIR):
        os.remove(os.path.join(TDIR, f))
    orient_rows, ident_rows, style_rows, stats = [], [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        build_doc(doc, cfg, header, turns)
        seen = {}
        allmarked = list(header) + list(cfg["labels"]) + [t for _, t, _ in turns]
        for para in allmarked:
            for s, typ in idents(para):
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc}: {s!r} has two types")
                if s not in seen:
                    seen[s] = typ
                    ident_rows.append((doc, s, typ))
        untagged_warnings(doc, header, turns, list(seen))
        nwords = 0
        for i, (spk, text, o) in enumerate(turns, 1):
            nwords += len(re.findall(r"[^\W_]+(?:['’\-][^\W_]+)*", plain(text)))
            if spk == "R" and o in ("casus", "netwerk"):
                orient_rows.append((doc, i, o))
        style_rows.append((doc,) + STYLES[doc])
        nr = sum(1 for t in turns if t[0] == "R")
        no = {k: sum(1 for t in turns if t[2] == k) for k in ("casus", "netwerk", "-")}
        stats.append((doc, cfg["fmt"], nwords, nr, no, len(seen)))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    for doc, fmt, nw, nr, no, ni in stats:
        print(f"{doc} {fmt:10s} words={nw} respondent_turns={nr} casus={no['casus']} "
              f"netwerk={no['netwerk']} none={no['-']} identifiers={ni}")


if __name__ == "__main__":
    main()
