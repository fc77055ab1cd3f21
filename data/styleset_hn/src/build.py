#!/usr/bin/env python
"""Build the transcripts and the three csv files of set HN from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py      (needs python-docx)

Source format (src/hnNN.txt): one paragraph per turn, paragraphs separated by a blank line.
  H: header line          I: interviewer turn          R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# per document: delivery format, speaker labels (interviewer, respondent),
# and which labels are names (they count as PERSOON identifiers)
DOCS = {
    "hn01": dict(fmt="docx_bold", ext="docx", labels=("Sanne Mulder", "Ton Verstraeten"),
                 label_ids=["Sanne Mulder", "Ton Verstraeten"]),
    "hn02": dict(fmt="txt_plain", ext="txt", enc="cp1252", newline="\r\n", labels=("I", "R"),
                 label_ids=[]),
    "hn03": dict(fmt="vtt", ext="vtt", labels=("Joost de Bruijn", "Carla Timmermans"),
                 label_ids=["Joost de Bruijn", "Carla Timmermans"]),
    "hn04": dict(fmt="srt", ext="srt", newline="\r\n", labels=("Eva", "Mehmet"),
                 label_ids=["Eva", "Mehmet"]),
    "hn05": dict(fmt="txt_ts", ext="txt", enc="utf-8", newline="\n",
                 labels=("Spreker 1", "Spreker 2"), label_ids=[]),
    "hn06": dict(fmt="docx_plain", ext="docx", labels=("Interviewer", "Respondent"),
                 label_ids=[]),
}

STYLES = {
    "hn01": ("netwerkgericht",
             "Ex-wijkagent en procesregisseur die warm over een cliënt vertelt maar het dagelijkse "
             "contact bewust bij het FACT laat en zijn eigen tijd en vertrouwen steekt in de relaties "
             "met corporatie, reclassering, PI en gemeente, in afspraken, een escalatieladder en patronen over casussen heen."),
    "hn02": ("casusgericht",
             "Reclasseringswerker die veel partners en overleggen noemt, maar ze allemaal inzet voor het plan "
             "van één cliënt, zelf het vertrouwen van die cliënt opbouwt en structureel werk (werkgroep, patronen) "
             "expliciet afwijst en aan haar teamleider laat."),
    "hn03": ("onbepaald",
             "Too little evidence: een afgeschermde gemeentelijke adviseur die alleen procedures, kaders en "
             "algemeenheden noemt en op geen enkel moment laat zien waar haar eigen inzet of vertrouwen ligt."),
    "hn04": ("casusgericht",
             "Kortaf antwoordende FACT-casemanager die alles investeert in het vertrouwen van en huisbezoeken bij "
             "zijn cliënt, partners per casus aanstuurt en regiegroepen, werkgroepen en escalatie afwijst."),
    "hn05": ("onbepaald",
             "Genuinely mixed: corporatieconsulent die ongeveer evenveel investeert in persoonlijk contact met een "
             "huurder als in het zelf opgezette uitstroomoverleg, het modelcontract en afspraken met managers."),
    "hn06": ("netwerkgericht",
             "Ketenregisseur die een cliëntverhaal alleen als testcase gebruikt, cliëntcontact aan casemanagers "
             "laat en zijn inzet steekt in vertrouwen tussen organisaties, een regionaal protocol, geldstromen, "
             "cijfers en escalatie naar directeuren."),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
TOKEN_RE = re.compile(r"\S*?\[\[.*?\]\]\S*|\S+")


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def parse_src(path):
    text = path.read_text(encoding="utf-8")
    header, turns = [], []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(line.strip() for line in para.strip().splitlines())
        kind, body = para[:2], para[3:].strip()
        if kind == "H:":
            if turns:
                raise SystemExit(f"{path.name}: header after turns")
            header.append(body)
        elif kind in ("I:", "R:"):
            orient = None
            if kind == "R:":
                m = MARK_RE.search(body)
                if not m:
                    raise SystemExit(f"{path.name}: respondent paragraph without marker: {body[:60]}")
                orient, body = m.group(1), body[:m.start()]
            elif MARK_RE.search(body):
                raise SystemExit(f"{path.name}: interviewer paragraph with marker: {body[:60]}")
            turns.append(dict(spk=kind[0], text=body, orient=orient))
        else:
            raise SystemExit(f"{path.name}: bad paragraph start {para[:20]!r}")
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["spk"] != want:
            raise SystemExit(f"{path.name}: turn {i+1} should be {want}")
    return header, turns


def lint(doc_id, header, turns):
    """Warn about identifier strings that also occur unmarked somewhere in the document."""
    chunks = header + [t["text"] for t in turns]
    ids = {m.group(1) for c in chunks for m in ID_RE.finditer(c)}
    problems = 0
    for c in chunks:
        bare = ID_RE.sub("\u00a7", c)
        for ident in ids:
            if re.search(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", bare):
                print(f"  lint {doc_id}: unmarked occurrence of {ident!r} in: {plain(c)[:70]}...")
                problems += 1
    return problems


def words(s):
    return len(s.split())


def ts(sec, sep="."):
    h, rem = divmod(sec, 3600)
    m, s = divmod(rem, 60)
    ms = int(round((s - int(s)) * 1000))
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{ms:03d}"


def timeline(turns, start=3.2, wps=2.55, gap=0.7):
    t = start
    out = []
    for turn in turns:
        dur = max(1.5, words(plain(turn["text"])) / wps)
        out.append((t, t + dur))
        t += dur + gap
    return out


def split_cues(annotated, target=16, hard=24):
    """Split a turn into cue-sized pieces, never inside an identifier."""
    toks = TOKEN_RE.findall(annotated)
    cues, cur = [], []
    for tok in toks:
        cur.append(tok)
        p = plain(tok).rstrip(")\"'”")
        n = len(cur)
        if (p.endswith((".", "?", "!")) and n >= 6) or (n >= target and p.endswith(",")) or n >= hard:
            cues.append(cur)
            cur = []
    if cur:
        if cues and len(cur) < 4:
            cues[-1].extend(cur)
        else:
            cues.append(cur)
    return [plain(" ".join(c)) for c in cues]


def wrap(annotated, width):
    toks = TOKEN_RE.findall(annotated)
    lines, cur = [], ""
    for tok in toks:
        w = plain(tok)
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    if cur:
        lines.append(cur)
    return lines


def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    if header:
        d.add_paragraph("")
    for t in turns:
        lab = labels[0] if t["spk"] == "I" else labels[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(lab + ":")
            r.bold = True
            p.add_run(" " + plain(t["text"]))
        else:
            p.add_run(f"{lab}: {plain(t['text'])}")
    d.save(path)


def build_doc(doc_id, cfg, header, turns):
    path = OUT / f"{doc_id}.{cfg['ext']}"
    labels = cfg["labels"]
    fmt = cfg["fmt"]
    if fmt in ("docx_bold", "docx_plain"):
        write_docx(path, header, turns, labels, fmt == "docx_bold")
        return path
    lines = []
    if fmt == "txt_plain":
        lines += [plain(h) for h in header] + [""]
        for t in turns:
            lab = labels[0] if t["spk"] == "I" else labels[1]
            lines += [f"{lab}: {plain(t['text'])}", ""]
    elif fmt == "txt_ts":
        lines += [plain(h) for h in header] + [""]
        for t, (a, _) in zip(turns, timeline(turns)):
            lab = labels[0] if t["spk"] == "I" else labels[1]
            lines += [f"[{ts(a)[:8]}] {lab}: {plain(t['text'])}", ""]
    elif fmt == "vtt":
        lines += ["WEBVTT", ""]
        if header:
            lines += ["NOTE"] + [plain(h) for h in header] + [""]
        for t, (a, b) in zip(turns, timeline(turns)):
            lab = labels[0] if t["spk"] == "I" else labels[1]
            pieces = split_cues(t["text"])
            total = sum(words(p) for p in pieces)
            cur = a
            for piece in pieces:
                dur = (b - a) * words(piece) / total
                lines += [f"{ts(cur)} --> {ts(cur + dur - 0.05)}", f"<v {lab}>{piece}</v>", ""]
                cur += dur
    elif fmt == "srt":
        n = 0
        for t, (a, b) in zip(turns, timeline(turns)):
            n += 1
            lab = labels[0] if t["spk"] == "I" else labels[1]
            body = wrap(f"{lab}: {t['text']}", 64)
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}"] + body + [""]
    else:
        raise SystemExit(f"unknown format {fmt}")
    text = cfg.get("newline", "\n").join(lines)
    path.write_bytes(text.encode(cfg.get("enc", "utf-8"), errors="strict"))
    return path


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    orient_rows, id_rows, stats = [], [], []
    lint_total = 0
    for doc_id, cfg in DOCS.items():
        header, turns = parse_src(SRC / f"{doc_id}.txt")
        lint_total += lint(doc_id, header, turns)
        path = build_doc(doc_id, cfg, header, turns)
        # identifiers: speaker-label names first, then first occurrence order
        seen = {}
        for lab in cfg["label_ids"]:
            seen.setdefault(lab, "PERSOON")
        for chunk in header + [t["text"] for t in turns]:
            for m in ID_RE.finditer(chunk):
                s, typ = m.group(1), m.group(2)
                if typ not in TYPES:
                    raise SystemExit(f"{doc_id}: bad type {typ}")
                if s in seen and seen[s] != typ:
                    raise SystemExit(f"{doc_id}: {s!r} typed both {seen[s]} and {typ}")
                seen.setdefault(s, typ)
        id_rows += [(doc_id, s, typ) for s, typ in seen.items()]
        for i, t in enumerate(turns, start=1):
            if t["spk"] == "R" and t["orient"] in ("casus", "netwerk"):
                orient_rows.append((doc_id, i, t["orient"]))
        w = sum(words(plain(t["text"])) for t in turns)
        rw = sum(words(plain(t["text"])) for t in turns if t["spk"] == "R")
        nr = sum(1 for t in turns if t["spk"] == "R")
        oc = sum(1 for t in turns if t["orient"] == "casus")
        on = sum(1 for t in turns if t["orient"] == "netwerk")
        stats.append((doc_id, path.name, w, rw, nr, len(seen), oc, on))

    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "style", "rationale"])
        for doc_id in DOCS:
            wr.writerow([doc_id, *STYLES[doc_id]])
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "turn_index", "orientation"])
        wr.writerows(sorted(orient_rows))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        wr = csv.writer(f)
        wr.writerow(["doc_id", "identifier", "type"])
        wr.writerows(id_rows)

    print("doc   file        words  resp_words  resp_turns  ids  casus  netwerk")
    for s in stats:
        print(f"{s[0]}  {s[1]:<10} {s[2]:>6} {s[3]:>11} {s[4]:>11} {s[5]:>4} {s[6]:>6} {s[7]:>8}")
    if lint_total:
        print(f"{lint_total} lint warnings", file=sys.stderr)


if __name__ == "__main__":
    main()
