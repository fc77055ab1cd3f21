#!/usr/bin/env python3
"""Build the lv blind set from the annotated sources in this folder.

Source format (src/lvNN.txt):
  '# key: value' lines    metadata (format, labels, encoding, newline, interviewer,
                          respondent, style, rationale)
  'H: ...'                header paragraph
  'I: ...' / 'R: ...'     one paragraph per turn (continuation lines are joined)
  [[text|TYPE]]           an identifier, inline
  {casus} {netwerk} {-}   orientation marker at the end of every R paragraph

Outputs (in the set folder, one level up): transcripts/<doc>.<ext>, styles.csv,
orientation.csv, identifiers.csv.

Run:  /work/main/.venv/bin/python src/build.py            (build)
      /work/main/.venv/bin/python src/build.py --autotag  (wrap untagged repeats of
                                                           already tagged strings in the
                                                           sources, then exit)
"""
import csv
import glob
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TRANS = os.path.join(ROOT, "transcripts")
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    meta, paras = {}, []
    cur = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# "):
                k, _, v = line[2:].partition(":")
                meta[k.strip()] = v.strip()
                continue
            if not line.strip():
                cur = None
                continue
            m = re.match(r"^([HIR]): (.*)$", line)
            if m:
                cur = [m.group(1), m.group(2)]
                paras.append(cur)
            elif cur is not None:
                cur[1] += " " + line.strip()
            else:
                raise SystemExit(f"{path}: stray line {line!r}")
    return meta, paras


def resolve(text):
    """Return plain text and the list of (identifier, type) in order."""
    ids = []

    def sub(m):
        if m.group(2) not in TYPES:
            raise SystemExit(f"bad identifier type {m.group(2)} in {m.group(0)}")
        ids.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(sub, text), ids


def load(path):
    meta, paras = parse_src(path)
    doc = meta["doc"]
    header, turns = [], []
    for kind, text in paras:
        if kind == "H":
            header.append(text)
            continue
        ori = None
        if kind == "R":
            m = ORI_RE.search(text)
            if not m:
                raise SystemExit(f"{doc}: respondent paragraph without orientation: {text[:60]}")
            ori = m.group(1)
            text = text[:m.start()]
        elif ORI_RE.search(text):
            raise SystemExit(f"{doc}: orientation on interviewer turn: {text[:60]}")
        turns.append((kind, text, ori))
    for i, (kind, _, _) in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if kind != want:
            raise SystemExit(f"{doc}: turn {i + 1} is {kind}, expected {want}")
    return doc, meta, header, turns


# ---------------------------------------------------------------- splitting into cues
def split_chunks(annotated, max_words=24):
    """Split annotated text into cue-sized chunks at sentence ends, never inside [[..]]."""
    # protect identifiers
    prot = []

    def keep(m):
        prot.append(m.group(0))
        return f"\x00{len(prot) - 1}\x00"
    t = ID_RE.sub(keep, annotated)
    sents = re.split(r"(?<=[.!?])\s+(?=\S)", t)
    chunks, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and sum(len(x.split()) for x in cur) + n > max_words:
            chunks.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        chunks.append(" ".join(cur))
    return [re.sub(r"\x00(\d+)\x00", lambda m: prot[int(m.group(1))], c) for c in chunks]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def nwords(s):
    return len(re.findall(r"\w+(?:['’-]\w+)*", s))


# ---------------------------------------------------------------- writers
def write_docx(doc, meta, header, turns, ilab, rlab):
    import docx
    d = docx.Document()
    for h in header:
        d.add_paragraph(resolve(h)[0])
    if header:
        d.add_paragraph("")
    bold = meta.get("labels") == "bold"
    for kind, text, _ in turns:
        lab = ilab if kind == "I" else rlab
        body = resolve(text)[0]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + body)
        else:
            p.add_run(f"{lab}: {body}")
    out = os.path.join(TRANS, doc + ".docx")
    d.save(out)
    return out


def write_txt(doc, meta, header, turns, ilab, rlab):
    lines = [resolve(h)[0] for h in header]
    if header:
        lines.append("")
    t = 3.0
    for kind, text, _ in turns:
        lab = ilab if kind == "I" else rlab
        body = resolve(text)[0]
        if meta.get("labels") == "timestamp":
            stamp = ts(t, ",")[:8]
            lines.append(f"[{stamp}] {lab}: {body}")
            t += max(2.0, nwords(body) / 2.4) + 1.2
        else:
            lines.append(f"{lab}: {body}")
        lines.append("")
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    data = nl.join(lines).rstrip() + nl
    out = os.path.join(TRANS, doc + ".txt")
    with open(out, "wb") as f:
        f.write(data.encode(meta.get("encoding", "utf-8")))
    return out


def cue_stream(turns, ilab, rlab):
    t = 1.5
    for kind, text, _ in turns:
        lab = ilab if kind == "I" else rlab
        for chunk in split_chunks(text):
            body = resolve(chunk)[0]
            dur = max(1.6, nwords(body) / 2.5)
            yield lab, t, t + dur, body
            t += dur + 0.25
        t += 0.8


def write_vtt(doc, meta, header, turns, ilab, rlab):
    out_lines = ["WEBVTT", ""]
    if header:
        out_lines.append("NOTE")
        out_lines += [resolve(h)[0] for h in header]
        out_lines.append("")
    for lab, a, b, body in cue_stream(turns, ilab, rlab):
        out_lines.append(f"{ts(a, '.')} --> {ts(b, '.')}")
        out_lines.append(f"<v {lab}>{body}</v>")
        out_lines.append("")
    out = os.path.join(TRANS, doc + ".vtt")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(out_lines))
    return out


def write_srt(doc, meta, header, turns, ilab, rlab):
    if header:
        raise SystemExit(f"{doc}: srt has no header")
    out_lines = []
    for n, (lab, a, b, body) in enumerate(cue_stream(turns, ilab, rlab), 1):
        out_lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab}: {body}", ""]
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    out = os.path.join(TRANS, doc + ".srt")
    with open(out, "wb") as f:
        f.write(nl.join(out_lines).encode("utf-8"))
    return out


WRITERS = {"docx": write_docx, "txt": write_txt, "vtt": write_vtt, "srt": write_srt}


# ---------------------------------------------------------------- consistency
def masked_plain(annotated):
    return ID_RE.sub(lambda m: "\x01" * len(m.group(0)), annotated)


def untagged(annotated_all, strings):
    """Occurrences of identifier strings outside tagged spans."""
    masked = masked_plain(annotated_all)
    hits = []
    for s in strings:
        for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", masked):
            hits.append((s, m.start()))
    return hits


def autotag():
    for path in sorted(glob.glob(os.path.join(HERE, "lv*.txt"))):
        src = open(path, encoding="utf-8").read()
        types = {}
        for m in ID_RE.finditer(src):
            types.setdefault(m.group(1), m.group(2))
        # longest strings first so 'Theo Bakker' wins over 'Bakker'
        changed = 0
        for s in sorted(types, key=len, reverse=True):
            out, pos = [], 0
            masked = masked_plain(src)
            for m in re.finditer(r"(?<!\w)" + re.escape(s) + r"(?!\w)", masked):
                # skip metadata lines' keys (never contain ids) - fine to tag values
                out.append(src[pos:m.start()])
                out.append(f"[[{s}|{types[s]}]]")
                pos = m.end()
                changed += 1
            out.append(src[pos:])
            src = "".join(out)
        open(path, "w", encoding="utf-8").write(src)
        print(f"{os.path.basename(path)}: {changed} occurrences tagged")


# ---------------------------------------------------------------- main
def main():
    if "--autotag" in sys.argv:
        autotag()
        return
    os.makedirs(TRANS, exist_ok=True)
    for old in glob.glob(os.path.join(TRANS, "lv*.*")):
        os.remove(old)
    styles, orient, idents = [], [], []
    problems = []
    for path in sorted(glob.glob(os.path.join(HERE, "lv*.txt"))):
        doc, meta, header, turns = load(path)
        ilab, iids = resolve(meta["interviewer"])
        rlab, rids = resolve(meta["respondent"])
        WRITERS[meta["format"]](doc, meta, header, turns, ilab, rlab)
        styles.append((doc, meta["style"], meta["rationale"]))
        for i, (kind, _, ori) in enumerate(turns, 1):
            if kind == "R" and ori in ("casus", "netwerk"):
                orient.append((doc, i, ori))
        seen = {}
        all_ann = [meta["interviewer"], meta["respondent"]] + header + [t for _, t, _ in turns]
        for a in all_ann:
            for s, ty in resolve(a)[1]:
                if s in seen and seen[s] != ty:
                    problems.append(f"{doc}: {s!r} has types {seen[s]} and {ty}")
                seen.setdefault(s, ty)
        for s, ty in seen.items():
            idents.append((doc, s, ty))
        for s, pos in untagged("\n".join(all_ann), list(seen)):
            problems.append(f"{doc}: untagged occurrence of {s!r}")
        words = sum(nwords(resolve(t)[0]) for _, t, _ in turns)
        nresp = sum(1 for k, _, _ in turns if k == "R")
        print(f"{doc}: {meta['format']:<4} {meta['style']:<14} words={words} "
              f"resp_turns={nresp} ids={len(seen)} "
              f"casus={sum(1 for d, _, o in orient if d == doc and o == 'casus')} "
              f"netwerk={sum(1 for d, _, o in orient if d == doc and o == 'netwerk')}")
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    if problems:
        print("\n".join(problems))
        sys.exit(1)


if __name__ == "__main__":
    main()
