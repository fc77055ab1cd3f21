#!/usr/bin/env python3
"""Build setDP transcripts and csv files from the annotated sources in src/.

Source format (one file per document, src/<id>.src):
  @format   docx | vtt | srt | txt-cp1252 | txt-timestamps | txt-initials
  @labels   <interviewer label>|<respondent label>
  @labelids <name>|<TYPE>[;<name>|<TYPE>]   (identifiers that only occur in speaker labels)
  @header   <line>   (0..n, rendered as header / NOTE where the format allows)
  then paragraphs separated by blank lines, each one speaker turn:
  "I: ..." (interviewer) or "R: ..." (respondent); every R paragraph ends in
  {casus}, {netwerk} or {-} (orientation of that turn; {-} = neither / not clear).
  Identifiers are marked inline as [[verbatim text|TYPE]].

Run with a python that has python-docx (only needed for the .docx document):
  /work/main/.venv/bin/python src/build.py
"""
import csv
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

IDS = ["dp01", "dp02", "dp03", "dp04", "dp05", "dp06"]
EXT = {"docx": "docx", "vtt": "vtt", "srt": "srt", "txt-cp1252": "txt",
       "txt-timestamps": "txt", "txt-initials": "txt"}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

STYLES = {
    "dp01": ("netwerkgericht",
             "Tells a warm story about one client but deliberately hands the client relationship to others "
             "and invests her own effort in partner relationships, structural agreements and cross-case patterns."),
    "dp02": ("casusgericht",
             "Attends many meetings and names many partners, but every meeting and agreement is used to move "
             "one young man's plan forward, and he explicitly leaves structural issues to his team leader."),
    "dp03": ("onbepaald",
             "Guarded police officer who answers only procedurally and never shows whether he invests in the "
             "person or in the partner organisations (too little evidence)."),
    "dp04": ("casusgericht",
             "Domestic-violence case director whose trust work, meetings and partner requests all serve one "
             "mother and her children, and who avoids escalation to management."),
    "dp05": ("netwerkgericht",
             "Municipal chain director who cares about clients but turns every case into a structural agreement "
             "between organisations, escalates to directors and aldermen and builds cross-border relations."),
    "dp06": ("onbepaald",
             "Mental-health nurse who invests about equally in one client's plan and in police/housing network "
             "structures and says so herself (genuinely mixed)."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
PROTECT = "\u0000"


def parse(path):
    meta = {"headers": [], "labelids": []}
    turns = []
    text = path.read_text(encoding="utf-8")
    body = []
    for line in text.splitlines():
        if line.startswith("@"):
            key, _, val = line.partition(" ")
            key = key[1:]
            if key == "header":
                meta["headers"].append(val)
            elif key == "labels":
                meta["labels"] = val.split("|")
            elif key == "labelids":
                for part in val.split(";"):
                    ident, typ = part.split("|")
                    meta["labelids"].append((ident, typ))
            else:
                meta[key] = val
        else:
            body.append(line)
    paras = [p.strip() for p in "\n".join(body).split("\n\n") if p.strip()]
    for n, p in enumerate(paras, 1):
        p = " ".join(p.split("\n"))
        spk, _, rest = p.partition(": ")
        assert spk in ("I", "R"), (path, n, p[:40])
        assert spk == ("I" if n % 2 == 1 else "R"), (path, n, "alternation broken")
        orient = None
        if spk == "R":
            m = ORIENT.search(rest)
            assert m, (path, n, "respondent turn without orientation mark")
            orient = m.group(1)
            rest = rest[:m.start()]
        else:
            assert not ORIENT.search(rest), (path, n)
        turns.append({"spk": spk, "marked": rest.strip(), "orient": orient})
    return meta, turns


def plain(marked):
    return MARK.sub(lambda m: m.group(1), marked)


def protected(marked):
    return MARK.sub(lambda m: m.group(1).replace(" ", PROTECT), marked)


def idents(marked):
    for m in MARK.finditer(marked):
        assert m.group(2) in TYPES, m.group(0)
        yield m.group(1), m.group(2)


def chunks(marked, maxw=14):
    """Split one turn into subtitle cues without breaking identifiers."""
    text = protected(marked)
    sents = re.split(r"(?<=[.!?…])\s+", text)
    pieces = []
    for s in sents:
        w = s.split()
        if len(w) <= 18:
            pieces.append(w)
        else:
            cur = []
            for tok in w:
                cur.append(tok)
                if (len(cur) >= 8 and tok.endswith(",")) or len(cur) >= 13:
                    pieces.append(cur)
                    cur = []
            if cur:
                pieces.append(cur)
    cues, cur = [], []
    for p in pieces:
        if cur and len(cur) + len(p) > maxw:
            cues.append(cur)
            cur = []
        cur = cur + p
    if cur:
        cues.append(cur)
    return [" ".join(c).replace(PROTECT, " ") for c in cues]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed_cues(turns, labels):
    t = 2.0
    out = []
    for tr in turns:
        lab = labels[0] if tr["spk"] == "I" else labels[1]
        for c in chunks(tr["marked"]):
            dur = max(1.2, len(c.split()) / 2.6)
            out.append((t, t + dur, lab, c))
            t += dur + 0.15
        t += 0.7
    return out


def write_doc(doc_id, meta, turns):
    fmt = meta["format"]
    labels = meta["labels"]
    path = OUT / f"{doc_id}.{EXT[fmt]}"
    if fmt == "docx":
        import docx
        d = docx.Document()
        for i, h in enumerate(meta["headers"]):
            para = d.add_paragraph()
            run = para.add_run(plain(h))
            if i == 0:
                run.bold = True
        d.add_paragraph("")
        for tr in turns:
            para = d.add_paragraph()
            lab = labels[0] if tr["spk"] == "I" else labels[1]
            r = para.add_run(lab + ":")
            r.bold = True
            para.add_run(" " + plain(tr["marked"]))
        d.save(path)
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        for h in meta["headers"]:
            lines += ["NOTE " + plain(h), ""]
        for n, (a, b, lab, c) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab}>{c}</v>", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "srt":
        lines = []
        for n, (a, b, lab, c) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {c}", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "txt-cp1252":
        lines = [plain(h) for h in meta["headers"]] + [""]
        for tr in turns:
            lab = labels[0] if tr["spk"] == "I" else labels[1]
            lines += [f"{lab}: {plain(tr['marked'])}", ""]
        path.write_bytes("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt-timestamps":
        lines = [plain(h) for h in meta["headers"]] + [""]
        t = 3.0
        for tr in turns:
            lab = labels[0] if tr["spk"] == "I" else labels[1]
            txt = plain(tr["marked"])
            stamp = ts(t, ",")[:8]
            lines += [f"[{stamp}] {lab}: {txt}", ""]
            t += len(txt.split()) / 2.5 + 1.5
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt == "txt-initials":
        lines = [plain(h) for h in meta["headers"]] + [""]
        for tr in turns:
            lab = labels[0] if tr["spk"] == "I" else labels[1]
            lines += [f"{lab}: {plain(tr['marked'])}", ""]
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        raise ValueError(fmt)
    return path


def main():
    OUT.mkdir(exist_ok=True)
    orient_rows, ident_rows, stats = [], [], {}
    for doc_id in IDS:
        meta, turns = parse(HERE / f"{doc_id}.src")
        path = write_doc(doc_id, meta, turns)
        seen = set()
        sources = meta["headers"] + [tr["marked"] for tr in turns]
        pairs = list(meta["labelids"])
        for s in sources:
            pairs += list(idents(s))
        for ident, typ in pairs:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                ident_rows.append((doc_id, ident, typ))
        for n, tr in enumerate(turns, 1):
            if tr["spk"] == "R" and tr["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc_id, n, tr["orient"]))
        words_turns = sum(len(plain(tr["marked"]).split()) for tr in turns)
        words_resp = sum(len(plain(tr["marked"]).split()) for tr in turns if tr["spk"] == "R")
        oc = {k: sum(1 for tr in turns if tr["orient"] == k) for k in ("casus", "netwerk", "-")}
        stats[doc_id] = {"file": path.name, "format": meta["format"], "style": STYLES[doc_id][0],
                         "turns": len(turns), "respondent_turns": sum(tr["spk"] == "R" for tr in turns),
                         "words_turns": words_turns, "words_respondent": words_resp, "orient": oc}
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in IDS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for row in sorted(orient_rows):
            w.writerow(row)
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for row in ident_rows:
            w.writerow(row)
    (HERE / "stats.json").write_text(json.dumps(stats, indent=1, ensure_ascii=False), encoding="utf-8")
    for doc_id, s in stats.items():
        print(doc_id, s)


if __name__ == "__main__":
    main()
