"""Build transcripts and csv files of set IZ from the annotated sources in src/.

Source syntax: one paragraph per turn, separated by blank lines.
  H: header line   I: interviewer turn   R: respondent turn ending in {casus}/{netwerk}/{-}
Identifiers inline as [[text|TYPE]].
Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import re
from pathlib import Path

import docx

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"

DOCS = {
    "iz01": dict(fmt="docx_bold", I="Interviewer", R="Respondent", label_ids=[]),
    "iz02": dict(fmt="srt", I="Esther", R="Ronald", label_ids=["Esther", "Ronald"]),
    "iz03": dict(fmt="vtt", I="Interviewer", R="Marco Verhulst", label_ids=["Marco Verhulst"]),
    "iz04": dict(fmt="txt_ir", I="I", R="R", label_ids=[], enc="cp1252", nl="\r\n"),
    "iz05": dict(fmt="txt_ts", I="Spreker 1", R="Spreker 2", label_ids=[], enc="utf-8", nl="\n"),
    "iz06": dict(fmt="docx_plain", I="Sanne", R="Evert", label_ids=["Sanne", "Evert"]),
}
TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse(doc_id):
    text = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split())
        kind, body = p[:2], p[3:]
        if kind == "H:":
            header.append(body)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG_RE.search(body)
                if not m:
                    raise SystemExit(f"{doc_id}: respondent paragraph without tag: {body[:60]}")
                tag, body = m.group(1), body[: m.start()]
            elif TAG_RE.search(body):
                raise SystemExit(f"{doc_id}: interviewer paragraph with tag: {body[:60]}")
            turns.append((kind[0], body, tag))
        else:
            raise SystemExit(f"{doc_id}: bad paragraph: {p[:60]}")
    for i, (k, _, _) in enumerate(turns):
        if k != "IR"[i % 2]:
            raise SystemExit(f"{doc_id}: turns do not alternate at {i + 1}")
    return header, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def ids_of(s):
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            raise SystemExit(f"bad type {m.group(2)}")
        yield m.group(1), m.group(2)


def chunks(annotated, max_words=18):
    """Split a turn into cue texts at sentence (or comma) boundaries, never inside an identifier."""
    store = []

    def protect(m):
        store.append(m.group(1))
        return f"\x00{len(store) - 1}\x00"

    s = ID_RE.sub(protect, annotated)
    sents = re.split(r"(?<=[.?!])\s+", s)
    pieces = []
    for sent in sents:
        if len(sent.split()) > max_words + 6:
            parts = re.split(r"(?<=,)\s+", sent)
            cur = ""
            for part in parts:
                if cur and len((cur + " " + part).split()) > max_words:
                    pieces.append(cur)
                    cur = part
                else:
                    cur = (cur + " " + part).strip()
            if cur:
                pieces.append(cur)
        else:
            pieces.append(sent)
    cues, cur = [], ""
    for pc in pieces:
        if cur and len((cur + " " + pc).split()) > max_words:
            cues.append(cur)
            cur = pc
        else:
            cur = (cur + " " + pc).strip()
    if cur:
        cues.append(cur)
    restore = lambda t: re.sub(r"\x00(\d+)\x00", lambda m: store[int(m.group(1))], t)
    return [restore(c) for c in cues]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def build(doc_id, cfg):
    header, turns = parse(doc_id)
    fmt = cfg["fmt"]
    lab = {"I": cfg["I"], "R": cfg["R"]}
    for old in TR.glob(f"{doc_id}.*"):
        old.unlink()
    if fmt.startswith("docx"):
        d = docx.Document()
        for h in header:
            p = d.add_paragraph()
            r = p.add_run(plain(h))
            r.italic = True
        if header:
            d.add_paragraph()
        for k, body, _ in turns:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab[k] + ":")
                r.bold = True
                p.add_run(" " + plain(body))
            else:
                p.add_run(f"{lab[k]}: {plain(body)}")
        d.save(TR / f"{doc_id}.docx")
    elif fmt == "txt_ir":
        lines = [plain(h) for h in header] + [""] if header else []
        for k, body, _ in turns:
            lines += [f"{lab[k]}: {plain(body)}", ""]
        data = cfg["nl"].join(lines)
        (TR / f"{doc_id}.txt").write_bytes(data.encode(cfg["enc"]))
    elif fmt == "txt_ts":
        lines = [plain(h) for h in header] + [""] if header else []
        t = 4.0
        for k, body, _ in turns:
            lines += [f"[{ts(t, ',')[:8]}] {lab[k]}: {plain(body)}", ""]
            t += len(body.split()) / 2.5 + 1.3
        data = cfg["nl"].join(lines)
        (TR / f"{doc_id}.txt").write_bytes(data.encode(cfg["enc"]))
    elif fmt in ("srt", "vtt"):
        out, n, t = [], 0, 1.5
        if fmt == "vtt":
            out += ["WEBVTT", ""]
            if header:
                out += ["NOTE"] + [plain(h) for h in header] + [""]
        for k, body, _ in turns:
            for c in chunks(body):
                n += 1
                dur = max(1.2, len(c.split()) / 2.6)
                sep = "," if fmt == "srt" else "."
                if fmt == "srt":
                    out += [str(n), f"{ts(t, sep)} --> {ts(t + dur, sep)}", f"{lab[k]}: {c}", ""]
                else:
                    out += [f"{ts(t, sep)} --> {ts(t + dur, sep)}", f"<v {lab[k]}>{c}", ""]
                t += dur + 0.2
            t += 0.6
        nl = "\r\n" if fmt == "srt" else "\n"
        (TR / f"{doc_id}.{fmt}").write_bytes(nl.join(out).encode("utf-8"))
    # csv rows
    ids = []
    for name in cfg["label_ids"]:
        ids.append((name, "PERSOON"))
    for h in header:
        ids += list(ids_of(h))
    for _, body, _ in turns:
        ids += list(ids_of(body))
    seen, uniq = set(), []
    for s, ty in ids:
        if s not in seen:
            seen.add(s)
            uniq.append((s, ty))
    orient = [(i + 1, tag) for i, (k, _, tag) in enumerate(turns) if k == "R" and tag in ("casus", "netwerk")]
    words = sum(len(plain(b).split()) for _, b, _ in turns)
    nresp = sum(1 for k, _, _ in turns if k == "R")
    return uniq, orient, words, nresp


def main():
    TR.mkdir(exist_ok=True)
    styles = [l.split("\t") for l in (SRC / "styles.tsv").read_text(encoding="utf-8").splitlines() if l.strip()]
    all_ids, all_or = [], []
    for doc_id, cfg in DOCS.items():
        uniq, orient, words, nresp = build(doc_id, cfg)
        all_ids += [(doc_id, s, t) for s, t in uniq]
        all_or += [(doc_id, i, o) for i, o in orient]
        print(f"{doc_id}: {words} words, {nresp} respondent turns, {len(uniq)} identifiers, {len(orient)} oriented turns")
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(styles)
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(all_or))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(all_ids)


if __name__ == "__main__":
    main()
