"""Build the setFZ transcripts and csv files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/fzNN.src), one paragraph per line, blank lines between:
  S: <style> | <rationale>
  F: <format> [options]      txt_ir | txt_ts | srt | vtt | docx_bold | docx_plain
  LI: <interviewer label>    LR: <respondent label>   (may contain [[name|PERSOON]])
  H: header line
  I: interviewer turn
  R: respondent turn ending in {casus} | {netwerk} | {-}
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import os
import re
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
DOCS = ["fz01", "fz02", "fz03", "fz04", "fz05", "fz06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
GLUE = "\u2060"  # temporary glue for spaces inside identifiers while wrapping


def parse(doc):
    path = os.path.join(HERE, doc + ".src")
    with open(path, encoding="utf-8") as fh:
        paras = [p.strip() for p in fh.read().split("\n") if p.strip()]
    d = {"doc": doc, "header": [], "turns": [], "ids": [], "li": None, "lr": None}

    def take_ids(text):
        for m in ID_RE.finditer(text):
            ident, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                raise SystemExit(f"{doc}: bad type {typ}")
            if ident not in [i for i, _ in d["ids"]]:
                d["ids"].append((ident, typ))
            elif (ident, typ) not in d["ids"]:
                raise SystemExit(f"{doc}: {ident} with two types")

    for p in paras:
        key, _, body = p.partition(": ")
        if key == "S":
            style, _, rat = body.partition(" | ")
            d["style"], d["rationale"] = style.strip(), rat.strip()
        elif key == "F":
            parts = body.split()
            d["fmt"], d["opts"] = parts[0], parts[1:]
        elif key in ("LI", "LR"):
            take_ids(body)
            d[key.lower()] = body
        elif key == "H":
            take_ids(body)
            d["header"].append(body)
        elif key in ("I", "R"):
            ori = None
            if key == "R":
                m = ORI_RE.search(body)
                if not m:
                    raise SystemExit(f"{doc}: respondent turn without orientation: {body[:60]}")
                ori = m.group(1)
                body = body[: m.start()]
            elif ORI_RE.search(body):
                raise SystemExit(f"{doc}: interviewer turn with orientation")
            take_ids(body)
            d["turns"].append((key, body, ori))
        else:
            raise SystemExit(f"{doc}: unknown paragraph key {key!r}")
    for n, (k, _, _) in enumerate(d["turns"], 1):
        if k != ("I" if n % 2 else "R"):
            raise SystemExit(f"{doc}: turns do not alternate at {n}")
    return d


def plain(text):
    return ID_RE.sub(lambda m: m.group(1), text)


def glued(text):
    return ID_RE.sub(lambda m: m.group(1).replace(" ", GLUE), text)


def labels(d):
    if d["fmt"] == "txt_ir":
        return "I", "R"
    return plain(d["li"]), plain(d["lr"])


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timeline(d, start=3.2):
    """Yield (start, end) per turn, about 2.5 words per second plus pauses."""
    t = start
    out = []
    for k, body, _ in d["turns"]:
        n = len(plain(body).split())
        dur = max(1.6, n / 2.5)
        out.append((t, t + dur))
        t += dur + (0.7 if k == "I" else 1.3)
    return out


def write_text(path, lines, enc, nl):
    data = nl.join(lines) + nl
    with open(path, "wb") as fh:
        fh.write(data.encode(enc))


def build_txt_ir(d):
    enc = "cp1252" if "cp1252" in d["opts"] else "utf-8"
    nl = "\r\n" if "crlf" in d["opts"] else "\n"
    li, lr = labels(d)
    lines = [plain(h) for h in d["header"]] + [""]
    for k, body, _ in d["turns"]:
        lines.append(f"{li if k == 'I' else lr}: {plain(body)}")
        lines.append("")
    write_text(os.path.join(OUT, d["doc"] + ".txt"), lines[:-1], enc, nl)


def build_txt_ts(d):
    enc = "cp1252" if "cp1252" in d["opts"] else "utf-8"
    nl = "\r\n" if "crlf" in d["opts"] else "\n"
    li, lr = labels(d)
    lines = [plain(h) for h in d["header"]] + [""]
    for (k, body, _), (a, _) in zip(d["turns"], timeline(d, 4.0)):
        stamp = ts(a, ",")[:8]
        lines.append(f"[{stamp}] {li if k == 'I' else lr}: {plain(body)}")
        lines.append("")
    write_text(os.path.join(OUT, d["doc"] + ".txt"), lines[:-1], enc, nl)


def wrap(text, width):
    return [ln.replace(GLUE, " ") for ln in
            textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False)]


def build_srt(d):
    nl = "\r\n" if "crlf" in d["opts"] else "\n"
    li, lr = labels(d)
    lines = []
    for n, ((k, body, _), (a, b)) in enumerate(zip(d["turns"], timeline(d)), 1):
        lab = li if k == "I" else lr
        lines.append(str(n))
        lines.append(f"{ts(a, ',')} --> {ts(b, ',')}")
        lines.extend(wrap(f"{lab}: {glued(body)}", 84))
        lines.append("")
    write_text(os.path.join(OUT, d["doc"] + ".srt"), lines[:-1], "utf-8", nl)


def chunks(text, soft=14, hard=30):
    toks = glued(text).split()
    out, cur = [], []
    for tok in toks:
        cur.append(tok)
        end = tok[-1] in ".?!" and len(tok.rstrip(".?!")) > 2
        if (end and len(cur) >= soft) or len(cur) >= hard:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    return [" ".join(c).replace(GLUE, " ") for c in out]


def build_vtt(d):
    li, lr = labels(d)
    lines = ["WEBVTT", ""]
    if d["header"]:
        lines.append("NOTE")
        lines.extend(plain(h) for h in d["header"])
        lines.append("")
    for (k, body, _), (a, b) in zip(d["turns"], timeline(d)):
        lab = li if k == "I" else lr
        parts = chunks(body)
        total = sum(len(p.split()) for p in parts)
        t = a
        for p in parts:
            e = t + (b - a) * len(p.split()) / total
            lines.append(f"{ts(t, '.')} --> {ts(e, '.')}")
            lines.append(f"<v {lab}>{p}")
            lines.append("")
            t = e
    write_text(os.path.join(OUT, d["doc"] + ".vtt"), lines[:-1], "utf-8", "\n")


def build_docx(d, bold):
    import docx
    from docx.shared import Pt

    li, lr = labels(d)
    doc = docx.Document()
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    doc.core_properties.title = ""
    doc.core_properties.comments = ""
    style = doc.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for h in d["header"]:
        p = doc.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = bold
    if d["header"]:
        doc.add_paragraph()
    for k, body, _ in d["turns"]:
        lab = li if k == "I" else lr
        p = doc.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{lab}: {plain(body)}")
    doc.save(os.path.join(OUT, d["doc"] + ".docx"))


def main():
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    styles, ori_rows, id_rows, stats = [], [], [], []
    for doc in DOCS:
        d = parse(doc)
        fmt = d["fmt"]
        if fmt == "txt_ir":
            build_txt_ir(d)
        elif fmt == "txt_ts":
            build_txt_ts(d)
        elif fmt == "srt":
            build_srt(d)
        elif fmt == "vtt":
            build_vtt(d)
        elif fmt == "docx_bold":
            build_docx(d, True)
        elif fmt == "docx_plain":
            build_docx(d, False)
        else:
            raise SystemExit(f"{doc}: unknown format {fmt}")
        styles.append((doc, d["style"], d["rationale"]))
        for n, (k, _, o) in enumerate(d["turns"], 1):
            if k == "R" and o in ("casus", "netwerk"):
                ori_rows.append((doc, n, o))
        for ident, typ in d["ids"]:
            id_rows.append((doc, ident, typ))
        words = sum(len(plain(b).split()) for _, b, _ in d["turns"])
        nresp = sum(1 for k, _, _ in d["turns"] if k == "R")
        stats.append((doc, fmt, " ".join(d["opts"]), words, nresp, len(d["ids"]),
                      sum(1 for r in ori_rows if r[0] == doc)))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for s in stats:
        print("%s fmt=%-10s %-16s words=%d resp_turns=%d ids=%d ori_rows=%d" % s)


if __name__ == "__main__":
    main()
