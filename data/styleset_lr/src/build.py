"""Build the transcripts and label files of blind set LR from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt): one paragraph per turn, separated by blank lines.
  H: header line (metadata, not a turn)
  I: interviewer turn
  R: respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers inline as [[text|TYPE]].
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

DOCS = {
    "lr01": dict(fmt="txt_labels", ext="txt", enc="cp1252", nl="\r\n", labels=("I", "R"),
                 label_ids=[],
                 style="netwerkgericht",
                 rationale="Zorgcoördinator vertelt levendige casusverhalen maar draagt het dagelijkse contact steeds over en stopt zijn eigen inzet en vertrouwen in afspraken, escalatieladder en relaties tussen organisaties."),
    "lr02": dict(fmt="docx_bold", ext="docx", labels=("Interviewer", "Demi"),
                 label_ids=["Demi"],
                 style="casusgericht",
                 rationale="AVIM-rechercheur noemt veel partners en overleggen, maar zet ze allemaal in voor het plan en het vertrouwen van één meisje en laat de structurele tafel bewust aan haar teamleider."),
    "lr03": dict(fmt="docx_plain", ext="docx", labels=("Interviewer", "Raaijmakers"),
                 label_ids=["Raaijmakers"],
                 style="onbepaald",
                 rationale="Too little evidence: een terughoudende gemeentelijke adviseur spreekt alleen in procedures en algemeenheden en laat nergens zien waar haar eigen inzet ligt."),
    "lr04": dict(fmt="vtt", ext="vtt", labels=("Interviewer", "Ingrid Swinkels"),
                 label_ids=["Ingrid Swinkels"],
                 style="casusgericht",
                 rationale="Begeleider in de opvang investeert in de vertrouwensrelatie met het meisje en bouwt het plan vanuit haar, haalt partners per casus binnen en wil van de overlegtafels niets weten."),
    "lr05": dict(fmt="srt", ext="srt", nl="\r\n", labels=("Interviewer", "Hans"),
                 label_ids=["Hans"],
                 style="netwerkgericht",
                 rationale="AVIM-teamleider laat het slachtoffercontact aan zijn rechercheurs en investeert in burgemeesters, hotels, OM, Belgische collega's en vaste afspraken tussen organisaties."),
    "lr06": dict(fmt="txt_ts", ext="txt", enc="utf-8", nl="\n", labels=("Spreker 1", "Spreker 2"),
                 label_ids=[],
                 style="netwerkgericht",
                 rationale="Ketenregisseur van de Kempengemeenten ontmoet de meiden niet zelf en steekt haar energie in de Kempenafspraak, aanspreekpunten, financieringsregels en vertrouwen tussen organisaties."),
}

ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
LABELLIKE = re.compile(r"^[A-Z(][^\s:]*(\s[^\s:]+){0,2}:")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids_in(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            raise SystemExit("bad type %r" % m.group(2))
        out.append((m.group(1), m.group(2)))
    rest = ID_RE.sub("", s)
    if "[[" in rest or "]]" in rest:
        raise SystemExit("unbalanced markup in: %s" % s[:80])
    return out


def parse(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    text = open(path, encoding="utf-8").read()
    header, turns = [], []
    for para in [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]:
        lines = para.split("\n")
        if lines[0].startswith("H: "):
            for ln in lines:
                assert ln.startswith("H: "), ln
                header.append(ln[3:].strip())
            continue
        para = " ".join(l.strip() for l in lines)
        spk, body = para[:1], para[3:].strip()
        assert para[1:3] == ": " and spk in "IR", para[:40]
        ori = None
        if spk == "R":
            m = ORI_RE.search(body)
            if not m:
                raise SystemExit("%s: respondent turn without orientation: %s" % (doc_id, body[:60]))
            ori = m.group(1)
            body = body[:m.start()].rstrip()
        elif ORI_RE.search(body):
            raise SystemExit("%s: orientation on interviewer turn" % doc_id)
        turns.append((spk, body, ori))
    for i, (spk, _, _) in enumerate(turns):
        assert spk == ("I" if i % 2 == 0 else "R"), (doc_id, i + 1)
    return header, turns


# ---------- helpers for cue formats ----------

def split_sentences(annot):
    """Split annotated text at sentence ends that are outside [[...]] markup."""
    parts, buf, depth, i = [], "", 0, 0
    while i < len(annot):
        if annot.startswith("[[", i):
            depth += 1
            buf += "[["
            i += 2
            continue
        if annot.startswith("]]", i):
            depth -= 1
            buf += "]]"
            i += 2
            continue
        c = annot[i]
        buf += c
        i += 1
        if depth == 0 and c in ".?!" and i < len(annot) and annot[i] == " ":
            # do not split after "..." that continues lower-case, nor after single initials
            nxt = annot[i + 1:i + 2]
            if nxt and (nxt.isupper() or nxt in "('"):
                parts.append(buf.strip())
                buf = ""
    if buf.strip():
        parts.append(buf.strip())
    return parts


def chunks(annot, max_words):
    out, cur = [], []
    for s in split_sentences(annot):
        n = len(plain(s).split())
        if cur and len(plain(" ".join(cur)).split()) + n > max_words \
                and not LABELLIKE.match(plain(s)):
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def wrap_two(annot, width=44):
    """Wrap a cue into at most two lines, breaking only at spaces outside markup."""
    txt = plain(annot)
    if len(txt) <= width:
        return [txt]
    # candidate break positions in annotated string
    spaces, depth, i = [], 0, 0
    while i < len(annot):
        if annot.startswith("[[", i):
            depth += 1; i += 2; continue
        if annot.startswith("]]", i):
            depth -= 1; i += 2; continue
        if annot[i] == " " and depth == 0:
            spaces.append(i)
        i += 1
    if not spaces:
        return [txt]
    half = len(annot) / 2
    spaces.sort(key=lambda p: abs(p - half))
    best = spaces[0]
    for p in spaces:  # avoid a second line that looks like "Name: text"
        if not LABELLIKE.match(plain(annot[p + 1:])):
            best = p
            break
    return [plain(annot[:best]).strip(), plain(annot[best + 1:]).strip()]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def dur(words):
    return max(1.6, words / 2.4)


# ---------- writers ----------

def write_txt_labels(doc_id, cfg, header, turns):
    lab = dict(zip("IR", cfg["labels"]))
    lines = [plain(h) for h in header] + [""]
    for spk, body, _ in turns:
        lines.append("%s: %s" % (lab[spk], plain(body)))
        lines.append("")
    data = cfg["nl"].join(lines)
    path = os.path.join(OUT, doc_id + ".txt")
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))
    return path


def write_txt_ts(doc_id, cfg, header, turns):
    lab = dict(zip("IR", cfg["labels"]))
    lines = [plain(h) for h in header] + [""]
    t = 3.0
    for spk, body, _ in turns:
        txt = plain(body)
        lines.append("[%s] %s: %s" % (ts(t, ",")[:8], lab[spk], txt))
        lines.append("")
        t += dur(len(txt.split())) + 1.1
    data = cfg["nl"].join(lines)
    path = os.path.join(OUT, doc_id + ".txt")
    with open(path, "wb") as f:
        f.write(data.encode(cfg["enc"]))
    return path


def write_docx(doc_id, cfg, header, turns, bold):
    lab = dict(zip("IR", cfg["labels"]))
    d = Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if h is header[0] and bold:
            r.bold = True
    if header:
        d.add_paragraph()
    for spk, body, _ in turns:
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab[spk] + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run("%s: %s" % (lab[spk], plain(body)))
    path = os.path.join(OUT, doc_id + ".docx")
    d.save(path)
    return path


def write_vtt(doc_id, cfg, header, turns):
    lab = dict(zip("IR", cfg["labels"]))
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out += [plain(h) for h in header]
        out.append("")
    t, n = 1.5, 0
    for spk, body, _ in turns:
        for ch in chunks(body, 24):
            n += 1
            w = len(plain(ch).split())
            d = dur(w)
            out.append("%s-%d" % ("c", n))
            out.append("%s --> %s" % (ts(t, "."), ts(t + d, ".")))
            out.append("<v %s>%s</v>" % (lab[spk], plain(ch)))
            out.append("")
            t += d + 0.15
        t += 0.6
    path = os.path.join(OUT, doc_id + ".vtt")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out))
    return path


def write_srt(doc_id, cfg, header, turns):
    assert not header, "srt has no header"
    lab = dict(zip("IR", cfg["labels"]))
    out = []
    t, n = 0.8, 0
    for spk, body, _ in turns:
        for k, ch in enumerate(chunks(body, 16)):
            n += 1
            if k == 0:
                ch = lab[spk] + ": " + ch
            w = len(plain(ch).split())
            d = dur(w)
            out.append(str(n))
            out.append("%s --> %s" % (ts(t, ","), ts(t + d, ",")))
            out += wrap_two(ch, 46)
            out.append("")
            t += d + 0.12
        t += 0.5
    path = os.path.join(OUT, doc_id + ".srt")
    with open(path, "wb") as f:
        f.write(cfg["nl"].join(out).encode("utf-8"))
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    styles, oris, idents, stats = [], [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse(doc_id)
        fmt = cfg["fmt"]
        if fmt == "txt_labels":
            write_txt_labels(doc_id, cfg, header, turns)
        elif fmt == "txt_ts":
            write_txt_ts(doc_id, cfg, header, turns)
        elif fmt == "docx_bold":
            write_docx(doc_id, cfg, header, turns, True)
        elif fmt == "docx_plain":
            write_docx(doc_id, cfg, header, turns, False)
        elif fmt == "vtt":
            write_vtt(doc_id, cfg, header, turns)
        elif fmt == "srt":
            write_srt(doc_id, cfg, header, turns)
        styles.append((doc_id, cfg["style"], cfg["rationale"]))
        seen = {}
        for s in header + [b for _, b, _ in turns]:
            for text, typ in ids_in(s):
                if text in seen and seen[text] != typ:
                    raise SystemExit("%s: %r typed %s and %s" % (doc_id, text, seen[text], typ))
                seen.setdefault(text, typ)
        for name in cfg["label_ids"]:
            if name in seen and seen[name] != "PERSOON":
                raise SystemExit("label conflict")
            seen.setdefault(name, "PERSOON")
        for text, typ in seen.items():
            idents.append((doc_id, text, typ))
        for i, (spk, body, ori) in enumerate(turns, 1):
            if spk == "R" and ori in ("casus", "netwerk"):
                oris.append((doc_id, i, ori))
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        nresp = sum(1 for s, _, _ in turns if s == "R")
        stats.append((doc_id, fmt, cfg["style"], words, nresp, len(seen),
                      sum(1 for d, _, o in oris if d == doc_id and o == "casus"),
                      sum(1 for d, _, o in oris if d == doc_id and o == "netwerk")))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    print("doc   format      style           words  resp_turns  ids  casus  netwerk")
    for s in stats:
        print("%-5s %-11s %-15s %5d  %10d  %3d  %5d  %7d" % s)


if __name__ == "__main__":
    sys.exit(main())
