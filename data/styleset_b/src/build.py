#!/usr/bin/env python3
"""Build transcripts + csv files for blind set B from the annotated sources in src/bbNN.src.

Source format (one line per paragraph, UTF-8):
  @key: value           metadata (ext, fmt, ilabel, rlabel, header, note, enc, start, docid)
  I: text               interviewer turn
  R: text {casus}       respondent turn; optional trailing {casus} / {netwerk} orientation mark
  # ...                 comment
Identifiers are marked inline as [[surface text|TYPE]] (in turns and in @header/@note lines).
Turn indices are 1-based over all speaker turns (interviewer turns counted).

Run with:  /work/main/.venv/bin/python src/build.py   (python-docx is needed for .docx output)
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRANS = os.path.join(OUT, "transcripts")

ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

STYLES = {
    "bb01": ("casusgericht",
             "The ZVH procesregisseur starts at the kitchen table, builds her plan around what Kevin "
             "wants and uses every partner and meeting to deliver for him, leaving structural "
             "agreements to her team leader."),
    "bb02": ("netwerkgericht",
             "The ex-police procesregisseur tells concrete cases but each one leads to a structural "
             "fix (release protocol, team-leader mediation, privacy consultation hour, regional budget) "
             "and he explicitly sees his role as making the network carry the client rather than carrying the client himself."),
    "bb03": ("casusgericht",
             "The terse probation officer talks almost only about Jordy's release, housing, ID and "
             "work and uses the PGA meeting and partners purely to get things done for him."),
    "bb04": ("netwerkgericht",
             "The angry MDA++ team leader invests in board escalation, regional agreements, "
             "capacity figures and partner relationships, using cases only as evidence for "
             "system problems."),
    "bb05": ("onbepaald",
             "The FACT nurse splits her few remarks about working methods evenly between one client "
             "and GGZ-police agreements and mostly talks about psychiatry and workload, so no "
             "orientation dominates."),
    "bb06": ("casusgericht",
             "The police officer mentions the network and even the word netwerkgericht, but all his "
             "effort goes into Luuk and his mother, visiting them and pulling partners in for that "
             "one family."),
}


def parse(path):
    meta = {"header": [], "note": []}
    turns = []  # (speaker 'I'/'R', raw text with markup, orientation or None)
    with open(path, encoding="utf-8") as fh:
        for ln, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@"):
                k, _, v = line[1:].partition(":")
                k, v = k.strip(), v.strip()
                if k in ("header", "note"):
                    meta[k].append(v)
                else:
                    meta[k] = v
                continue
            sp, sep, txt = line.partition(": ")
            if sp not in ("I", "R") or not sep:
                sys.exit(f"{path}:{ln}: cannot parse line: {line[:60]}")
            ori = None
            m = ORI_RE.search(txt)
            if m:
                if sp != "R":
                    sys.exit(f"{path}:{ln}: orientation mark on interviewer turn")
                ori = m.group(1)
                txt = txt[: m.start()]
            if "{" in txt or "}" in txt:
                sys.exit(f"{path}:{ln}: stray brace")
            turns.append((sp, txt.strip(), ori))
    for i, (sp, _, _) in enumerate(turns):
        exp = "I" if i % 2 == 0 else "R"
        if sp != exp:
            sys.exit(f"{path}: turn {i+1} is {sp}, expected {exp}")
    return meta, turns


def ids_in(text):
    out = []
    for m in ID_RE.finditer(text):
        if m.group(2) not in TYPES:
            sys.exit(f"unknown identifier type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


def plain(text):
    t = ID_RE.sub(lambda m: m.group(1), text)
    if "[[" in t or "]]" in t or "|" in t:
        sys.exit(f"leftover markup in: {t[:80]}")
    return t


def ts(sec, sep="."):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(texts, start):
    """Rough speech timings: ~2.6 words/s plus a short pause between turns."""
    t = start
    out = []
    for tx in texts:
        d = max(1.5, len(tx.split()) / 2.6)
        out.append((t, t + d))
        t += d + 0.8
    return out


def chunks(text, maxw=32):
    """Split a turn into cue-sized pieces at sentence boundaries (never inside an identifier)."""
    sents = re.split(r"(?<=[.?!])\s+(?=[A-Z\[\"'])", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def render(doc, meta, turns):
    fmt = meta["fmt"]
    il, rl = meta["ilabel"], meta["rlabel"]
    texts = [plain(t) for _, t, _ in turns]
    labels = [il if sp == "I" else rl for sp, _, _ in turns]
    headers = [plain(h) for h in meta["header"]]
    start = float(meta.get("start", "3"))
    path = os.path.join(TRANS, f"{doc}.{meta['ext']}")

    if fmt in ("docx-bold", "docx-plain"):
        import docx
        d = docx.Document()
        for h in headers:
            p = d.add_paragraph()
            r = p.add_run(h)
            r.italic = True
        d.add_paragraph("")
        for lab, tx in zip(labels, texts):
            p = d.add_paragraph()
            if fmt == "docx-bold":
                r = p.add_run(f"{lab}:")
                r.bold = True
                p.add_run(" " + tx)
            else:
                p.add_run(f"{lab}: {tx}")
        d.save(path)
        return

    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        for n in meta["note"]:
            lines += [f"NOTE {plain(n)}", ""]
        # split into cues, then time the cues
        cues = []
        for lab, tx in zip(labels, texts):
            for c in chunks(tx):
                cues.append((lab, c))
        tm = timings([c for _, c in cues], start)
        for i, ((lab, c), (a, b)) in enumerate(zip(cues, tm), 1):
            lines += [f"{meta.get('cueprefix', 'c')}{i:04d}", f"{ts(a)} --> {ts(b)}", f"<v {lab}>{c}</v>", ""]
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(lines))
        return

    if fmt == "srt":
        lines = []
        tm = timings(texts, start)
        for i, (lab, tx, (a, b)) in enumerate(zip(labels, texts, tm), 1):
            lines += [str(i), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {tx}", ""]
        with open(path, "w", encoding="utf-8-sig", newline="\r\n") as fh:
            fh.write("\n".join(lines))
        return

    if fmt in ("txt-ts", "txt-plain"):
        enc = meta.get("enc", "utf-8")
        nl = "\r\n" if enc == "cp1252" else "\n"
        lines = list(headers)
        if headers:
            lines.append("")
        tm = timings(texts, start)
        for lab, tx, (a, _) in zip(labels, texts, tm):
            if fmt == "txt-ts":
                lines.append(f"[{ts(a)[:8]}] {lab}: {tx}")
            else:
                lines.append(f"{lab}: {tx}")
            lines.append("")
        with open(path, "w", encoding=enc, newline=nl) as fh:
            fh.write("\n".join(lines))
        return

    sys.exit(f"unknown fmt {fmt}")


def main():
    os.makedirs(TRANS, exist_ok=True)
    docs = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith(".src"))
    ori_rows, id_rows, stats = [], [], []
    for doc in docs:
        meta, turns = parse(os.path.join(HERE, f"{doc}.src"))
        render(doc, meta, turns)
        seen = set()
        for src in meta["header"] + meta["note"] + [t for _, t, _ in turns]:
            for ident in ids_in(src):
                if ident not in seen:
                    seen.add(ident)
                    id_rows.append((doc,) + ident)
        # speaker labels that are names count as identifiers as well
        for key in ("ilabel_id", "rlabel_id"):
            if key in meta:
                ident = (meta[key], "PERSOON")
                if ident not in seen:
                    seen.add(ident)
                    id_rows.append((doc,) + ident)
        for i, (sp, _, ori) in enumerate(turns, 1):
            if ori:
                ori_rows.append((doc, i, ori))
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        stats.append((doc, meta["ext"], meta["fmt"], words, sum(1 for s, _, _ in turns if s == "R"),
                      sum(1 for _, _, o in turns if o == "casus"),
                      sum(1 for _, _, o in turns if o == "netwerk")))

    with open(os.path.join(OUT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in docs:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(os.path.join(OUT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(ori_rows):
            w.writerow(r)
    with open(os.path.join(OUT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    print("doc   ext   fmt         words  R-turns casus netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:5} {s[2]:11} {s[3]:5}  {s[4]:7} {s[5]:5} {s[6]:7}")


if __name__ == "__main__":
    main()
