#!/usr/bin/env python3
"""Build the setCC transcripts and csv files from the annotated sources in src/.

Source format (src/<id>.src):
  @format   docx | txt | txt1252 | txtts | srt | vtt
  @style    casusgericht | netwerkgericht | onbepaald
  @rationale one English sentence
  @ilabel / @rlabel   speaker labels as they appear in the transcript
  @header   a header line (may be repeated; may contain identifier markup)
  I: ...    interviewer turn (one paragraph)
  R: ...    respondent turn (one paragraph), optionally ending in {casus} or {netwerk}
Identifier markup: [[verbatim text|TYPE]].
  @ident text|TYPE   a further verbatim form of an identifier (e.g. a first name used alone, a speaker label)

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python).
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
IDS = ["cc01", "cc02", "cc03", "cc04", "cc05", "cc06"]
EXT = {"docx": "docx", "txt": "txt", "txt1252": "txt", "txtts": "txt", "srt": "srt", "vtt": "vtt"}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
OR_RE = re.compile(r"\s*\{(casus|netwerk)\}\s*$")


def strip_ids(text, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(rep, text)


def parse(path):
    meta, headers, turns, idents, extra = {}, [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip()
        if not line:
            continue
        if line.startswith("@"):
            key, _, val = line[1:].partition(" ")
            if key == "header":
                headers.append(strip_ids(val, idents))
            elif key == "ident":
                txt, _, typ = val.rpartition("|")
                extra.append((txt, typ))
            else:
                meta[key] = val
            continue
        spk, _, txt = line.partition(": ")
        if spk not in ("I", "R"):
            raise ValueError(f"{path.name}: bad line {line[:40]!r}")
        orient = ""
        m = OR_RE.search(txt)
        if m:
            orient = m.group(1)
            txt = txt[: m.start()]
        if spk == "I" and orient:
            raise ValueError(f"{path.name}: orientation on interviewer turn")
        txt = strip_ids(txt, idents)
        if "[[" in txt or "{" in txt:
            raise ValueError(f"{path.name}: leftover markup in {txt[:60]!r}")
        turns.append({"spk": spk, "text": txt.strip(), "orient": orient})
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["spk"] != want:
            raise ValueError(f"{path.name}: turn {i+1} should be {want}")
    body = "\n".join(headers + [t["text"] for t in turns])
    for txt, typ in extra:
        if txt not in body and txt not in (meta.get("ilabel"), meta.get("rlabel")):
            raise ValueError(f"{path.name}: extra identifier {txt!r} not in text")
    return meta, headers, turns, idents + extra


def sentences(text):
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\[\u00C0-\u017F0-9])", text) if s]


def cues_for(text, max_words=20):
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def render(doc_id, meta, headers, turns):
    fmt = meta["format"]
    labels = {"I": meta["ilabel"], "R": meta["rlabel"]}
    path = OUT / f"{doc_id}.{EXT[fmt]}"
    if fmt in ("txt", "txt1252"):
        lines = list(headers) + ([""] if headers else [])
        for t in turns:
            lines.append(f"{labels[t['spk']]}: {t['text']}")
            lines.append("")
        data = "\r\n".join(lines) if fmt == "txt1252" else "\n".join(lines)
        path.write_bytes(data.encode("cp1252" if fmt == "txt1252" else "utf-8"))
    elif fmt == "txtts":
        lines = list(headers) + [""]
        clock = 4.0
        for t in turns:
            lines.append(f"[{ts(clock, ',')[:8]}] {labels[t['spk']]}: {t['text']}")
            lines.append("")
            clock += len(t["text"].split()) / 2.5 + 1.2
        path.write_text("\n".join(lines), encoding="utf-8")
    elif fmt in ("srt", "vtt"):
        blocks, clock, n = [], 2.0, 0
        for t in turns:
            for c in cues_for(t["text"]):
                n += 1
                dur = max(1.5, len(c.split()) / 2.6)
                sep = "," if fmt == "srt" else "."
                timing = f"{ts(clock, sep)} --> {ts(clock + dur, sep)}"
                if fmt == "srt":
                    blocks.append(f"{n}\n{timing}\n{labels[t['spk']]}: {c}\n")
                else:
                    blocks.append(f"{n}\n{timing}\n<v {labels[t['spk']]}>{c}</v>\n")
                clock += dur + 0.3
            clock += 0.8
        if fmt == "vtt":
            head = "WEBVTT\n\n" + "".join(h + "\n" for h in headers) + ("\n" if headers else "")
            path.write_text(head + "\n".join(blocks), encoding="utf-8")
        else:
            path.write_text("\n".join(blocks), encoding="utf-8")
    elif fmt == "docx":
        import docx
        d = docx.Document()
        for k, h in enumerate(headers):
            p = d.add_paragraph()
            r = p.add_run(h)
            if k == 0:
                r.bold = True
        d.add_paragraph("")
        for t in turns:
            p = d.add_paragraph()
            p.add_run(f"{labels[t['spk']]}:").bold = True
            p.add_run(" " + t["text"])
        d.save(path)
    return path


def main():
    OUT.mkdir(exist_ok=True)
    styles, orient_rows, ident_rows, stats = [], [], [], []
    for doc_id in IDS:
        meta, headers, turns, idents = parse(HERE / f"{doc_id}.src")
        path = render(doc_id, meta, headers, turns)
        styles.append((doc_id, meta["style"], meta["rationale"]))
        for i, t in enumerate(turns, 1):
            if t["orient"]:
                orient_rows.append((doc_id, i, t["orient"]))
        seen = set()
        for ident, typ in idents:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                ident_rows.append((doc_id, ident, typ))
        words = sum(len(t["text"].split()) for t in turns)
        rwords = sum(len(t["text"].split()) for t in turns if t["spk"] == "R")
        nresp = sum(1 for t in turns if t["spk"] == "R")
        nc = sum(1 for t in turns if t["orient"] == "casus")
        nn = sum(1 for t in turns if t["orient"] == "netwerk")
        stats.append((doc_id, meta["style"], path.name, words, rwords, nresp, nc, nn))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    print("doc   style           file        words resp_words resp_turns casus netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<15} {s[2]:<11} {s[3]:>5} {s[4]:>10} {s[5]:>10} {s[6]:>5} {s[7]:>7}")


if __name__ == "__main__":
    sys.exit(main())
