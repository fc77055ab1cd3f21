"""Build transcripts and label files for blind set FS from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/fsNN.src, UTF-8):
  #format: docx-bold | docx-plain | txt-spreker-cp1252 | txt-ir-utf8 | vtt | srt
  #ilabel: interviewer speaker label (identifiers may be marked up)
  #rlabel: respondent speaker label
  #start: seconds offset of the first turn (optional)
  H: header line (one per line of header; for vtt it goes into a NOTE block)
  I: interviewer turn (one paragraph)
  R: respondent turn (one paragraph) ending in {casus}, {netwerk} or {-}
Inside text: [[text|TYPE]] marks an identifier; " ¶ " splits a turn into
several paragraphs/lines (continuations without a speaker label).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
FORBIDDEN = re.compile(r"casusgericht|netwerkgericht|regiestijl|netwerker|meer van de casus", re.I)
PARA = " ¶ "
EXT = {"docx-bold": "docx", "docx-plain": "docx", "txt-spreker-cp1252": "txt",
       "txt-ir-utf8": "txt", "vtt": "vtt", "srt": "srt"}

STYLES = {
    "fs01": ("netwerkgericht", "Oud-politieman die bewust het dagelijkse cliëntcontact overdraagt en zijn eigen inzet en vertrouwen steekt in teamleiders, werkafspraken, escalatie en patronen tussen organisaties."),
    "fs02": ("casusgericht", "Oud-maatschappelijk werker die alle partners één voor één inzet voor het plan van één vrouw en haar kinderen, zelf het vertrouwenscontact draagt en structureel werk expliciet afslaat."),
    "fs03": ("onbepaald", "Genuinely mixed: oud-politieman die zelf het vertrouwenscontact met een pleger onderhoudt en even zwaar investeert in voorrangsafspraken en convenanten tussen organisaties, en dat ook zo benoemt."),
    "fs04": ("netwerkgericht", "Oud-maatschappelijk werker die warm over een cliënte vertelt maar het contact overdraagt en haar eigen inzet steekt in overdrachtsafspraken, escalatieroutes en relaties tussen Veilig Thuis, sociale teams en huisartsen."),
    "fs05": ("casusgericht", "Oud-wijkagent die veel partners en overleggen noemt, maar die allemaal inzet voor het plan van één man, zelf diens vertrouwenspersoon is en werkgroepen en structurele afspraken afwijst."),
    "fs06": ("onbepaald", "Genuinely mixed: oud-jeugdzorgwerker die ongeveer even veel investeert in het vertrouwen van één moeder en dochter als in schoolprotocollen en afspraken tussen Veilig Thuis en gemeente, zonder dat zelf te benoemen."),
}


def render(text):
    """Return (plain text, list of (identifier, type))."""
    ids = []

    def sub(m):
        val, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown type {typ} for {val!r}")
        ids.append((val, typ))
        return val
    plain = ID_RE.sub(sub, text)
    if "[[" in plain or "]]" in plain or "|" in plain:
        sys.exit(f"broken markup in: {text[:80]}")
    return plain, ids


def protected_spans(text):
    """Spans (in rendered text) of identifiers, for cue splitting."""
    spans, pos, out = [], 0, 0
    for m in ID_RE.finditer(text):
        out += m.start() - pos
        spans.append((out, out + len(m.group(1))))
        out += len(m.group(1))
        pos = m.end()
    return spans


def parse_src(path):
    meta, header, turns = {}, [], []
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                meta[k.strip()] = v.strip()
                continue
            tag, text = line.split(":", 1)
            text = text.strip()
            if tag == "H":
                header.append(text)
            elif tag in ("I", "R"):
                ori = None
                if tag == "R":
                    m = ORI_RE.search(text)
                    if not m:
                        sys.exit(f"{path}: respondent turn without orientation: {text[:60]}")
                    ori = m.group(1)
                    text = text[:m.start()].rstrip()
                elif ORI_RE.search(text):
                    sys.exit(f"{path}: interviewer turn with orientation")
                turns.append((tag, text, ori))
            else:
                sys.exit(f"{path}: bad line {line[:40]}")
    for i, (tag, _, _) in enumerate(turns):
        if tag != ("I" if i % 2 == 0 else "R"):
            sys.exit(f"{path}: turns do not alternate at {i+1}")
    return meta, header, turns


def ts_hms(sec):
    sec = int(sec)
    return f"{sec//3600:02d}:{sec//60%60:02d}:{sec%60:02d}"


def ts_cue(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def split_cues(marked, maxw=15, minw=6):
    """Split a (marked-up) turn into cue texts without breaking identifiers."""
    plain, _ = render(marked.replace(PARA, " "))
    spans = protected_spans(marked.replace(PARA, " "))
    # token boundaries = whitespace outside protected spans
    toks, start = [], None
    for i, ch in enumerate(plain + " "):
        inside = any(a <= i < b for a, b in spans)
        if ch.isspace() and not inside:
            if start is not None:
                toks.append(plain[start:i])
                start = None
        elif start is None:
            start = i
    cues, cur = [], []
    for t in toks:
        cur.append(t)
        n = sum(nwords(x) for x in cur)
        if (n >= minw and t[-1] in ".?!,;") or n >= maxw:
            cues.append(" ".join(cur))
            cur = []
    if cur:
        if cues and sum(nwords(x) for x in cur) < 3:
            cues[-1] += " " + " ".join(cur)
        else:
            cues.append(" ".join(cur))
    return cues


def build_doc(doc_id, meta, header, turns):
    fmt = meta["format"]
    ilabel, iids = render(meta["ilabel"])
    rlabel, rids = render(meta["rlabel"])
    ids = list(iids) + list(rids)
    for h in header:
        ids += render(h)[1]
    rendered = []
    for tag, text, ori in turns:
        plain, tids = render(text)
        ids += tids
        rendered.append((tag, plain, text))
    label = {"I": ilabel, "R": rlabel}
    path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
    t = float(meta.get("start", 2))

    if fmt.startswith("docx"):
        from docx import Document
        from docx.shared import Pt
        d = Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in header:
            d.add_paragraph(render(h)[0])
        if header:
            d.add_paragraph("")
        for tag, plain, _ in rendered:
            parts = plain.split(PARA)
            p = d.add_paragraph()
            r = p.add_run(label[tag] + ":")
            if fmt == "docx-bold":
                r.bold = True
            p.add_run(" " + parts[0])
            for extra in parts[1:]:
                d.add_paragraph(extra)
        d.core_properties.author = "transcriptie"
        d.save(path)

    elif fmt == "txt-spreker-cp1252":
        lines = [render(h)[0] for h in header] + [""]
        for tag, plain, _ in rendered:
            parts = plain.split(PARA)
            lines.append(f"[{ts_hms(t)}] {label[tag]}: {parts[0]}")
            lines += parts[1:]
            lines.append("")
            t += nwords(plain) / 2.4 + 1.5
        data = "\r\n".join(lines).encode("cp1252")
        with open(path, "wb") as f:
            f.write(data)

    elif fmt == "txt-ir-utf8":
        lines = [render(h)[0] for h in header] + [""]
        for tag, plain, _ in rendered:
            parts = plain.split(PARA)
            lines.append(f"{label[tag]}: {parts[0]}")
            lines += parts[1:]
            lines.append("")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))

    elif fmt in ("vtt", "srt"):
        blocks, n = [], 0
        for tag, _, marked in rendered:
            for cue in split_cues(marked):
                dur = max(1.2, nwords(cue) / 2.5)
                n += 1
                if fmt == "vtt":
                    blocks.append(f"{ts_cue(t, '.')} --> {ts_cue(t + dur, '.')}\n<v {label[tag]}>{cue}</v>")
                else:
                    blocks.append(f"{n}\n{ts_cue(t, ',')} --> {ts_cue(t + dur, ',')}\n{label[tag]}: {cue}")
                t += dur + 0.15
            t += 0.8
        if fmt == "vtt":
            head = "WEBVTT\n\n"
            if header:
                head += "NOTE\n" + "\n".join(render(h)[0] for h in header) + "\n\n"
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(head + "\n\n".join(blocks) + "\n")
        else:
            with open(path, "w", encoding="utf-8", newline="\r\n") as f:
                f.write("\n\n".join(blocks) + "\n")
    else:
        sys.exit(f"unknown format {fmt}")
    return path, ids, rendered


def main():
    srcs = sorted(f for f in os.listdir(HERE) if f.endswith(".src"))
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    id_rows, ori_rows, stats = [], [], []
    for s in srcs:
        doc_id = s[:-4]
        meta, header, turns = parse_src(os.path.join(HERE, s))
        path, ids, rendered = build_doc(doc_id, meta, header, turns)
        seen = {}
        for val, typ in ids:
            if val in seen and seen[val] != typ:
                sys.exit(f"{doc_id}: {val!r} typed {seen[val]} and {typ}")
            if val not in seen:
                seen[val] = typ
                id_rows.append((doc_id, val, typ))
        for i, (tag, text, ori) in enumerate(turns, 1):
            if tag == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, i, ori))
        words = sum(nwords(p.replace(PARA, " ")) for _, p, _ in rendered)
        rw = sum(nwords(p.replace(PARA, " ")) for t, p, _ in rendered if t == "R")
        alltext = " ".join(p for _, p, _ in rendered)
        if FORBIDDEN.search(alltext):
            sys.exit(f"{doc_id}: forbidden wording {FORBIDDEN.search(alltext).group(0)}")
        nr = sum(1 for t in turns if t[0] == "R")
        oc = {k: sum(1 for d, _, o in ori_rows if d == doc_id and o == k) for k in ("casus", "netwerk")}
        stats.append((doc_id, meta["format"], words, rw, nr, len(seen), oc))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for s in srcs:
            d = s[:-4]
            w.writerow([d, STYLES[d][0], STYLES[d][1]])
    for row in stats:
        print("%s %-20s words=%d resp_words=%d resp_turns=%d ids=%d %s" % row)


if __name__ == "__main__":
    main()
