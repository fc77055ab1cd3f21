"""Build the setLG transcripts and label files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx outputs)

Source format (src/lgNN.txt), one paragraph per line, blank lines ignored:
  #key: value          directives (format, bold, encoding, newline, ilabel, rlabel, style, rationale)
  H: text              header line (docx/txt paragraph, VTT NOTE line; not allowed for srt)
  I: text              interviewer turn
  R: text {casus|netwerk|-}   respondent turn with its orientation tag
Identifiers are marked inline as [[text|TYPE]]; labels may carry the same markup.
"""
import csv
import re
import sys
from pathlib import Path

SET = Path(__file__).resolve().parent.parent
SRC = SET / "src"
OUT = SET / "transcripts"

ANN = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
EXT = {"docx": "docx", "txt": "txt", "spreker": "txt", "vtt": "vtt", "srt": "srt"}


def plain(s):
    return ANN.sub(r"\1", s)


class Doc:
    def __init__(self, path):
        self.id = path.stem
        self.meta, self.header, self.turns = {}, [], []  # turns: (role, annotated, orientation)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                self.meta[k.strip()] = v.strip()
                continue
            tag, body = line[:2], line[3:].strip()
            if tag == "H:":
                self.header.append(body)
            elif tag in ("I:", "R:"):
                ori = None
                if tag == "R:":
                    m = ORI.search(body)
                    if not m:
                        sys.exit(f"{path.name}:{n}: respondent paragraph without orientation tag")
                    ori, body = m.group(1), body[: m.start()].rstrip()
                elif ORI.search(body):
                    sys.exit(f"{path.name}:{n}: orientation tag on interviewer turn")
                self.turns.append((tag[0], body, ori))
            else:
                sys.exit(f"{path.name}:{n}: unknown paragraph tag {tag!r}")
        roles = [t[0] for t in self.turns]
        if roles[0] != "I" or any(a == b for a, b in zip(roles, roles[1:])):
            sys.exit(f"{self.id}: turns do not alternate starting with the interviewer")
        self.fmt = self.meta["format"]
        self.ilabel_ann, self.rlabel_ann = self.meta["ilabel"], self.meta["rlabel"]
        self.ilabel, self.rlabel = plain(self.ilabel_ann), plain(self.rlabel_ann)

    def label(self, role):
        return self.ilabel if role == "I" else self.rlabel

    def identifiers(self):
        seen = {}
        for s in [*self.header, self.ilabel_ann, self.rlabel_ann, *(t[1] for t in self.turns)]:
            for m in ANN.finditer(s):
                text, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    sys.exit(f"{self.id}: unknown identifier type {typ}")
                if seen.setdefault(text, typ) != typ:
                    sys.exit(f"{self.id}: {text!r} annotated with two types")
        return seen

    def words(self):
        return sum(len(plain(t[1]).split()) for t in self.turns)


# ---------- cue helpers (identifiers are never split across cues or lines) ----------
def units(annotated):
    spans = []

    def keep(m):
        spans.append(m.group(1))
        return f"\x00{len(spans) - 1}\x00"

    masked = ANN.sub(keep, annotated)
    return [re.sub(r"\x00(\d+)\x00", lambda m: spans[int(m.group(1))], tok) for tok in masked.split()]


def chunks(annotated, lo=8, hi=18):
    out, cur, n = [], [], 0
    for u in units(annotated):
        cur.append(u)
        n += len(u.split())
        if (n >= lo and re.search(r"[.?!]\)?[\"”]?$", u)) or n >= hi:
            out.append(cur)
            cur, n = [], 0
    if cur:
        if out and sum(len(u.split()) for u in cur) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return out


def wrap(toks, width=46):
    s = " ".join(toks)
    if len(s) <= width or len(toks) < 4:
        return [s]
    best, best_d = 1, None
    for i in range(1, len(toks)):
        d = abs(len(" ".join(toks[:i])) - len(s) / 2)
        if best_d is None or d < best_d:
            best, best_d = i, d
    return [" ".join(toks[:best]), " ".join(toks[best:])]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(doc):
    """yield (role, first_in_turn, start, end, tokens)"""
    t = 2.0
    for role, ann, _ in doc.turns:
        for i, ch in enumerate(chunks(ann)):
            dur = max(1.4, len(" ".join(ch).split()) / 2.6)
            yield role, i == 0, t, t + dur, ch
            t += dur + 0.25
        t += 0.7


# ---------- writers ----------
def write_docx(doc, path):
    from docx import Document
    from docx.shared import Pt

    d = Document()
    d.styles["Normal"].font.name = "Calibri"
    d.styles["Normal"].font.size = Pt(11)
    for h in doc.header:
        d.add_paragraph(plain(h))
    if doc.header:
        d.add_paragraph("")
    bold = doc.meta.get("bold", "no") == "yes"
    for role, ann, _ in doc.turns:
        p = d.add_paragraph()
        if bold:
            p.add_run(doc.label(role) + ":").bold = True
            p.add_run(" " + plain(ann))
        else:
            p.add_run(f"{doc.label(role)}: {plain(ann)}")
    d.core_properties.author = "transcriptie"
    d.save(path)


def write_txt(doc, path):
    lines = [plain(h) for h in doc.header]
    if lines:
        lines.append("")
    for role, ann, _ in doc.turns:
        lines += [f"{doc.label(role)}: {plain(ann)}", ""]
    nl = "\r\n" if doc.meta.get("newline") == "crlf" else "\n"
    path.write_bytes((nl.join(lines)).encode(doc.meta.get("encoding", "utf-8")))


def write_spreker(doc, path):
    lines = [plain(h) for h in doc.header]
    if lines:
        lines.append("")
    t = 3.0
    for role, ann, _ in doc.turns:
        txt = plain(ann)
        lines += [f"[{ts(t, '.')[:8]}] {doc.label(role)}: {txt}", ""]
        t += len(txt.split()) / 2.6 + 1.1
    path.write_text("\n".join(lines), encoding="utf-8", newline="\n")


def write_vtt(doc, path):
    out = ["WEBVTT", ""]
    if doc.header:
        out += ["NOTE"] + [plain(h) for h in doc.header] + [""]
    for role, first, a, b, toks in timed_cues(doc):
        lab = doc.label(role)
        lines = wrap(toks)
        out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out.append(f"<v {lab}>" + "\n".join(lines) + "</v>")
        out.append("")
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def write_srt(doc, path):
    if doc.header:
        sys.exit(f"{doc.id}: srt cannot carry a header")
    out = []
    for n, (role, first, a, b, toks) in enumerate(timed_cues(doc), 1):
        lines = wrap(toks)
        if first:
            lines[0] = f"{doc.label(role)}: {lines[0]}"
        out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", *lines, ""]
    nl = "\r\n" if doc.meta.get("newline") == "crlf" else "\n"
    path.write_bytes(nl.join(out).encode("utf-8"))


WRITERS = {"docx": write_docx, "txt": write_txt, "spreker": write_spreker,
           "vtt": write_vtt, "srt": write_srt}


def main():
    OUT.mkdir(exist_ok=True)
    docs = [Doc(p) for p in sorted(SRC.glob("lg*.txt"))]
    for old in OUT.iterdir():
        old.unlink()
    styles, oris, ids = [], [], []
    for d in docs:
        WRITERS[d.fmt](d, OUT / f"{d.id}.{EXT[d.fmt]}")
        styles.append((d.id, d.meta["style"], d.meta["rationale"]))
        for i, (role, _, ori) in enumerate(d.turns, 1):
            if role == "R" and ori in ("casus", "netwerk"):
                oris.append((d.id, i, ori))
        for text, typ in d.identifiers().items():
            ids.append((d.id, text, typ))
        nr = sum(1 for t in d.turns if t[0] == "R")
        print(f"{d.id}: {d.fmt:8s} words={d.words():5d} respondent_turns={nr:3d} "
              f"identifiers={len(d.identifiers()):3d} style={d.meta['style']}")
    with open(SET / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(SET / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(oris))
    with open(SET / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ids)


if __name__ == "__main__":
    main()
