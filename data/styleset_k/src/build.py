#!/usr/bin/env python3
"""Build set K (bk01..bk06) from the annotated sources in this folder.

Source format (src/bkNN.txt):
  @format  txt-utf8 | txt-utf8-ts | txt-cp1252 | docx | vtt
  @ilabel  interviewer speaker label      @rlabel respondent speaker label
  @labelids yes   -> the two labels are names and are listed as PERSOON identifiers
  @start hh:mm:ss -> first timestamp (timestamped formats)
  @header line    -> header line(s) above the transcript (markup allowed)
  then one paragraph per speaker turn, separated by blank lines, strictly alternating and
  starting with the interviewer. Identifiers are marked inline as [[verbatim text|TYPE]].
  Every respondent paragraph ends in an orientation mark: {C} casus, {N} netwerk, {-} neither.

Run with python-docx available (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import random
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent
IDS = [f"bk0{i}" for i in range(1, 7)]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
MARKUP = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORIENT = {"{C}": "casus", "{N}": "netwerk", "{-}": None}

STYLES = {
    "bk01": ("netwerkgericht",
             "Municipal aftercare coordinator who tells concrete stories and clearly cares about "
             "clients, but invests almost all of his effort in standing agreements between the PIs, "
             "housing corporations, civil affairs and management, and leaves client contact to others."),
    "bk02": ("casusgericht",
             "PI case manager whose trust and effort go to the individual detainee and his family; "
             "she attends many case meetings and names many partners but uses them only to get "
             "things done for this one man."),
    "bk03": ("netwerkgericht",
             "Safety House process director who runs the return-of-offenders chain for thirteen "
             "municipalities, builds trust between partners and mayors, escalates non-delivering "
             "organisations and explicitly does not follow individual people."),
    "bk04": ("onbepaald",
             "Probation officer who invests about equally in an intensively supported client and in "
             "a regional housing-outflow agreement, and himself refuses to choose between the two."),
    "bk05": ("netwerkgericht",
             "Police coordinator whose role is to connect police and partner organisations: "
             "information flows, signalling procedures, relationships with care partners and "
             "merging case tables, using her client story as an illustration."),
    "bk06": ("casusgericht",
             "Safety House case director with a forensic mental-health client whom she personally "
             "fetches, phones and visits; partners, meetings and the mayor's crisis measure all "
             "appear in service of this one man and his mother."),
}


def parse_source(path):
    meta = {"header": []}
    body_lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("@") and not body_lines:
            key, _, val = line[1:].partition(" ")
            if key == "header":
                meta["header"].append(val)
            else:
                meta[key] = val.strip()
        else:
            body_lines.append(line)
    paras = [p.strip().replace("\n", " ") for p in "\n".join(body_lines).split("\n\n") if p.strip()]
    turns = []
    for i, p in enumerate(paras, start=1):
        resp = i % 2 == 0
        orient = None
        if resp:
            m = re.search(r"\s*(\{[CN-]\})$", p)
            if not m:
                raise SystemExit(f"{path.name} turn {i}: respondent turn without orientation mark")
            orient = ORIENT[m.group(1)]
            p = p[: m.start()]
        elif re.search(r"\{[CN-]\}$", p):
            raise SystemExit(f"{path.name} turn {i}: interviewer turn with orientation mark")
        turns.append({"index": i, "resp": resp, "raw": p, "orient": orient})
    return meta, turns


def strip(text, ids):
    def repl(m):
        if m.group(2) not in TYPES:
            raise SystemExit(f"unknown identifier type {m.group(2)}")
        ids.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARKUP.sub(repl, text)


def ts(sec, vtt=False):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    if vtt:
        return f"{int(h):02d}:{int(m):02d}:{s:06.3f}"
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}"


def parse_start(s):
    h, m, sec = (int(x) for x in s.split(":"))
    return h * 3600 + m * 60 + sec


def chunks(text, max_words=26):
    sents = re.split(r"(?<=[.?!])\s+", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def render(doc_id, meta, turns):
    ids = []
    header = [strip(h, ids) for h in meta["header"]]
    for t in turns:
        t["text"] = strip(t["raw"], ids)
        t["label"] = meta["rlabel"] if t["resp"] else meta["ilabel"]
    if meta.get("labelids") == "yes":
        ids.extend([(meta["ilabel"], "PERSOON"), (meta["rlabel"], "PERSOON")])
    fmt = meta["format"]
    rnd = random.Random(doc_id)
    tdir = OUT / "transcripts"
    if fmt in ("txt-utf8", "txt-cp1252", "txt-utf8-ts"):
        lines = list(header)
        if lines:
            lines.append("")
        clock = parse_start(meta.get("start", "00:00:00"))
        for t in turns:
            if fmt == "txt-utf8-ts":
                lines.append(f"[{ts(clock)}] {t['label']}: {t['text']}")
                clock += len(t["text"].split()) / 2.4 + rnd.uniform(0.8, 3.5)
            else:
                lines.append(f"{t['label']}: {t['text']}")
            lines.append("")
        text = "\n".join(lines).rstrip("\n") + "\n"
        path = tdir / f"{doc_id}.txt"
        if fmt == "txt-cp1252":
            path.write_bytes(text.replace("\n", "\r\n").encode("cp1252"))
        else:
            path.write_text(text, encoding="utf-8")
    elif fmt == "docx":
        import docx
        from docx.shared import Pt
        d = docx.Document()
        for j, h in enumerate(header):
            para = d.add_paragraph()
            run = para.add_run(h)
            if j == 0:
                run.bold = True
                run.font.size = Pt(14)
        for t in turns:
            para = d.add_paragraph()
            lab = para.add_run(f"{t['label']}:")
            lab.bold = True
            para.add_run(" " + t["text"])
        path = tdir / f"{doc_id}.docx"
        d.save(path)
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        clock = parse_start(meta.get("start", "00:00:00")) + 0.0
        n = 0
        for t in turns:
            for c in chunks(t["text"]):
                n += 1
                dur = max(1.5, len(c.split()) / 2.5)
                end = clock + dur
                lines += [str(n), f"{ts(clock, True)} --> {ts(end, True)}",
                          f"<v {t['label']}>{c}</v>", ""]
                clock = end + rnd.uniform(0.05, 0.6)
            clock += rnd.uniform(0.3, 1.5)
        path = tdir / f"{doc_id}.vtt"
        path.write_text("\n".join(lines), encoding="utf-8")
    else:
        raise SystemExit(f"unknown format {fmt}")
    seen, uniq = set(), []
    for i in ids:
        if i not in seen:
            seen.add(i)
            uniq.append(i)
    words = sum(len(t["text"].split()) for t in turns)
    rwords = sum(len(t["text"].split()) for t in turns if t["resp"])
    return path, uniq, words, rwords


def main():
    (OUT / "transcripts").mkdir(exist_ok=True)
    orient_rows, id_rows, stats = [], [], []
    for doc_id in IDS:
        meta, turns = parse_source(HERE / f"{doc_id}.txt")
        path, ids, words, rwords = render(doc_id, meta, turns)
        for t in turns:
            if t["resp"] and t["orient"]:
                orient_rows.append((doc_id, t["index"], t["orient"]))
        id_rows += [(doc_id, v, ty) for v, ty in ids]
        nresp = sum(t["resp"] for t in turns)
        nc = sum(t["orient"] == "casus" for t in turns)
        nn = sum(t["orient"] == "netwerk" for t in turns)
        stats.append((doc_id, path.name, words, rwords, len(turns), nresp, nc, nn))
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in IDS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print("doc   file        words  resp_words turns resp_turns casus netwerk")
    for s in stats:
        print("{:5} {:11} {:6} {:10} {:5} {:10} {:5} {:7}".format(*s))


if __name__ == "__main__":
    main()
