#!/usr/bin/env python3
"""Build the transcripts and the three csv files of set IK from the annotated sources.

Source format (src/<doc_id>.src), one paragraph per line:
  #key: value          metadata (format, encoding, newline, label_I, label_R, note)
  H: text              header line (not a turn)
  I: text              interviewer turn
  R: text {tag}        respondent turn, tag = casus | netwerk | -
Identifiers are inline as [[text|TYPE]] (also allowed in label_* and note metadata).

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)
"""
import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"
DOC_IDS = ["ik01", "ik02", "ik03", "ik04", "ik05", "ik06"]
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

STYLES = {
    "ik01": ("casusgericht",
             "Invests her own effort and trust in one tenant (daily visits, negotiating each partner "
             "around his plan) and explicitly declines the structural working group."),
    "ik02": ("onbepaald",
             "Too little evidence: guarded and procedural, refers to protocols and generalities and "
             "never shows where his own effort or trust goes."),
    "ik03": ("netwerkgericht",
             "Tells a warm client story but hands the contact to a colleague and invests in a standing "
             "table, an escalation agreement and trust between corporatie, GGZ and politie."),
    "ik04": ("casusgericht",
             "Names many partners and one formal hearing, but every contact serves one family's plan "
             "and she turns down the city working group to stay at the kitchen table."),
    "ik05": ("onbepaald",
             "Genuinely mixed: answers alternate between weekly work inside one family and building "
             "agreements and escalation routes in the partner network, with about equal investment."),
    "ik06": ("netwerkgericht",
             "Deliberately stays away from clients and invests in managers' tables, a signed escalation "
             "agreement and lobbying directors, using a case only as an illustration."),
}


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def parse_src(path):
    meta, header, turns, notes = {}, [], [], []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith("#"):
            k, _, v = line[1:].partition(":")
            k, v = k.strip(), v.strip()
            if k == "note":
                notes.append(v)
            else:
                meta[k] = v
            continue
        kind, _, text = line.partition(": ")
        if kind == "H":
            header.append(text)
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = TAG.search(text)
                if not m:
                    sys.exit(f"{path.name}: respondent paragraph without tag: {text[:60]}")
                tag = m.group(1)
                text = text[:m.start()].rstrip()
            elif TAG.search(text):
                sys.exit(f"{path.name}: interviewer paragraph with tag")
            turns.append((kind, text, tag))
        else:
            sys.exit(f"{path.name}: bad line: {line[:60]}")
    meta["notes"] = notes
    return meta, header, turns


def identifiers(meta, header, turns):
    seen, rows = set(), []
    chunks = list(header) + meta["notes"] + [meta["label_I"], meta["label_R"]] + [t for _, t, _ in turns]
    for ch in chunks:
        for m in ANN.finditer(ch):
            text, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit(f"bad type {typ}")
            if text not in seen:
                seen.add(text)
                rows.append((text, typ))
    return rows


def split_sentences(text):
    """Split annotated text into sentences without breaking inside [[...]]."""
    prot, store = text, []

    def keep(m):
        store.append(m.group(0))
        return f"\x00{len(store) - 1}\x00"

    prot = ANN.sub(keep, prot)
    parts = re.split(r"(?<=[.?!…])\s+(?=[A-Z(‘'\"“ÉÖ])", prot)
    out = []
    for p in parts:
        p = re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], p)
        out.append(plain(p))
    return out


def cues_for(text, max_words=22):
    cues, cur = [], []
    for s in split_sentences(text):
        n = len(s.split())
        if cur and sum(len(x.split()) for x in cur) + n > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return cues


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_text(path, text, meta):
    nl = "\r\n" if meta.get("newline") == "crlf" else "\n"
    enc = meta.get("encoding", "utf-8")
    data = text.replace("\n", nl).encode(enc)
    path.write_bytes(data)


def build_doc(doc_id):
    meta, header, turns = parse_src(HERE / f"{doc_id}.src")
    fmt = meta["format"]
    li, lr = plain(meta["label_I"]), plain(meta["label_R"])
    label = {"I": li, "R": lr}
    hdr = [plain(h) for h in header]
    if fmt in ("docx_bold", "docx_plain"):
        import docx
        from docx.shared import Pt
        d = docx.Document()
        st = d.styles["Normal"]
        st.font.name = "Calibri"
        st.font.size = Pt(11)
        for h in hdr:
            p = d.add_paragraph()
            r = p.add_run(h)
            if fmt == "docx_bold":
                r.italic = True
        if hdr:
            d.add_paragraph("")
        for kind, text, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(label[kind] + ":")
                r.bold = True
                p.add_run(" " + plain(text))
            else:
                p.add_run(f"{label[kind]}: {plain(text)}")
        path = OUT / f"{doc_id}.docx"
        d.save(path)
    elif fmt == "txt":
        lines = hdr + ([""] if hdr else [])
        for kind, text, _ in turns:
            lines.append(f"{label[kind]}: {plain(text)}")
            lines.append("")
        path = OUT / f"{doc_id}.txt"
        write_text(path, "\n".join(lines), meta)
    elif fmt == "txt_spreker":
        lines = hdr + ([""] if hdr else [])
        t = 3.0
        for kind, text, _ in turns:
            stamp = ts(t, ",")[:8]
            lines.append(f"[{stamp}] {label[kind]}: {plain(text)}")
            lines.append("")
            t += len(plain(text).split()) / 2.4 + 1.5
        path = OUT / f"{doc_id}.txt"
        write_text(path, "\n".join(lines), meta)
    elif fmt == "vtt":
        lines = ["WEBVTT", ""]
        if meta["notes"]:
            lines.append("NOTE")
            lines.extend(plain(n) for n in meta["notes"])
            lines.append("")
        t, n = 1.2, 0
        for kind, text, _ in turns:
            for cue in cues_for(text):
                n += 1
                dur = max(1.5, len(cue.split()) / 2.5)
                lines.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
                lines.append(f"<v {label[kind]}>{cue}</v>")
                lines.append("")
                t += dur + 0.2
            t += 0.8
        path = OUT / f"{doc_id}.vtt"
        write_text(path, "\n".join(lines), meta)
    elif fmt == "srt":
        lines = []
        t, n = 0.8, 0
        for kind, text, _ in turns:
            for cue in cues_for(text, max_words=18):
                n += 1
                dur = max(1.4, len(cue.split()) / 2.6)
                lines.append(str(n))
                lines.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
                lines.append(f"{label[kind]}: {cue}")
                lines.append("")
                t += dur + 0.15
            t += 0.7
        path = OUT / f"{doc_id}.srt"
        write_text(path, "\n".join(lines), meta)
    else:
        sys.exit(f"unknown format {fmt}")
    return meta, header, turns


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    orient, idents, warnings = [], [], []
    for doc_id in DOC_IDS:
        meta, header, turns = build_doc(doc_id)
        for i, (kind, text, tag) in enumerate(turns, start=1):
            if (kind == "I") != (i % 2 == 1):
                sys.exit(f"{doc_id}: turns do not alternate at {i}")
            if kind == "R" and tag in ("casus", "netwerk"):
                orient.append((doc_id, i, tag))
        rows = identifiers(meta, header, turns)
        idents.extend((doc_id, a, b) for a, b in rows)
        # consistency: a tagged string should not also occur untagged as a whole word
        allsrc = "\n".join(list(header) + meta["notes"] + [t for _, t, _ in turns])
        stripped = ANN.sub(lambda m: "\x01" * len(m.group(1)), allsrc)
        for text, _ in rows:
            if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", stripped):
                warnings.append(f"{doc_id}: untagged occurrence of {text!r}")
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(idents)
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["doc_id", "style", "rationale"])
        for d in DOC_IDS:
            w.writerow([d, *STYLES[d]])
    for wmsg in warnings:
        print("WARNING", wmsg)
    print("built", len(DOC_IDS), "documents,", len(orient), "orientation rows,", len(idents), "identifiers")


if __name__ == "__main__":
    main()
