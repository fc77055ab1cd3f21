#!/usr/bin/env python3
"""Build the transcripts and the three csv files of blind set FV from the annotated sources.

Sources (src/fvNN.txt): one paragraph per turn, separated by blank lines.
  H: header line   I: interviewer turn   R: respondent turn ending in {casus}, {netwerk} or {-}
  identifiers inline as [[text|TYPE]].

Run:  /work/main/.venv/bin/python src/build.py      (python-docx is needed for the .docx files)
"""
import csv
import random
import re
import sys
from pathlib import Path

from docx import Document
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# Per document: format, speaker labels (interviewer, respondent), which labels are identifiers,
# style + rationale for styles.csv.
DOCS = {
    "fv01": dict(
        fmt="docx_bold", labels=("Marleen", "Derya"), label_ids={"Marleen": "PERSOON", "Derya": "PERSOON"},
        style="onbepaald",
        rationale="Genuinely mixed: she splits her week about half-half between building Baran's and his mother's "
                  "trust and his one-page plan, and chairing the teamleiders' table that fixed the waiting-on-each-other "
                  "pattern across organisations, and invests real effort and trust on both levels.",
    ),
    "fv02": dict(
        fmt="vtt", labels=("Thijs Oosterveld", "Ruud Hofstede"),
        label_ids={"Thijs Oosterveld": "PERSOON", "Ruud Hofstede": "PERSOON"},
        style="casusgericht",
        rationale="He mobilises police, the woonvorm, school, Veilig Thuis, the judge and a funding consultant, but each "
                  "one for Romy's plan; his own trust goes to Romy (his number, the night ride, weekly visits) and he "
                  "declines the regional werkgroep and leaves patterns and covenants to policy people.",
    ),
    "fv03": dict(
        fmt="txt", encoding="cp1252", newline="\r\n", labels=("I", "R"), label_ids={},
        style="netwerkgericht",
        rationale="Despite a warm, personal story about Jordy he deliberately leaves daily contact to the persoonlijk "
                  "begeleider and invests in the corporation covenant, police training, chairing the doorbraaktafel, "
                  "escalation to directors and trust between organisations.",
    ),
    "fv04": dict(
        fmt="srt", newline="\r\n", labels=("Interviewer", "Nienke"), label_ids={"Nienke": "PERSOON"},
        style="onbepaald",
        rationale="Genuinely mixed without saying so: her hands-on work with Kevin (post, bank, his own plan, trust) "
                  "weighs about as much as the 18-/18+ transition agreement, the evaluation with the gemeente and "
                  "co-chairing the casuistiektafel.",
    ),
    "fv05": dict(
        fmt="txt_ts", encoding="utf-8", newline="\n", labels=("Spreker 1", "Spreker 2"), label_ids={},
        style="netwerkgericht",
        rationale="He tells a warm, detailed story about Jamie but says the contact belongs to the gezinsvoogd and puts "
                  "his own effort and trust in the escalation route, the regional pattern list, the doorbraakbudget, "
                  "a shared consent form and relations with managers and purchasers.",
    ),
    "fv06": dict(
        fmt="docx_plain", labels=("Interviewer", "Respondent"), label_ids={},
        style="casusgericht",
        rationale="She names eight partners and chairs a six-weekly meeting, but all to give Dani one story; she invests "
                  "her own trust in Dani and his mother, negotiates only for his plan and explicitly declines the "
                  "regional overleg.",
    ),
}


def parse_src(doc):
    raw = (HERE / f"{doc}.txt").read_text("utf-8")
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", raw.strip()) if p.strip()]
    header, turns = [], []
    for p in paras:
        m = re.match(r"^(H|I|R): (.*)$", p)
        if not m:
            sys.exit(f"{doc}: paragraph without H:/I:/R: tag: {p[:60]!r}")
        tag, body = m.groups()
        ori = None
        if tag == "R":
            mo = ORI_RE.search(body)
            if not mo:
                sys.exit(f"{doc}: respondent paragraph without orientation tag: {p[:60]!r}")
            ori, body = mo.group(1), body[: mo.start()]
        elif ORI_RE.search(body):
            sys.exit(f"{doc}: orientation tag outside a respondent paragraph: {p[:60]!r}")
        ids = ID_RE.findall(body)
        for text, typ in ids:
            if typ not in TYPES:
                sys.exit(f"{doc}: unknown identifier type {typ}")
        plain = ID_RE.sub(lambda mm: mm.group(1), body)
        if "[[" in plain or "]]" in plain:
            sys.exit(f"{doc}: broken identifier markup: {plain[:80]!r}")
        if tag == "H":
            if turns:
                sys.exit(f"{doc}: header paragraph after the first turn")
            header.append((plain, ids))
        else:
            turns.append(dict(role=tag, text=plain, ids=ids, ori=ori))
    for i, t in enumerate(turns):
        want = "I" if i % 2 == 0 else "R"
        if t["role"] != want:
            sys.exit(f"{doc}: turn {i + 1} should be {want}")
    return header, turns


# ---------------------------------------------------------------- text helpers
def tokens(text, protect):
    """Split text at whitespace that is not inside an occurrence of a protected string."""
    mask = [False] * len(text)
    for s in protect:
        for m in re.finditer(re.escape(s), text):
            for k in range(m.start(), m.end()):
                mask[k] = True
    out, cur = [], []
    for ch, prot in zip(text, mask):
        if ch == " " and not prot:
            if cur:
                out.append(("".join(cur), False))
                cur = []
        else:
            cur.append(ch)
    if cur:
        out.append(("".join(cur), False))
    # mark tokens whose last char is protected (identifier-final period is not a sentence end)
    res, pos = [], 0
    for tok, _ in out:
        start = text.index(tok, pos)
        end = start + len(tok)
        res.append((tok, mask[end - 1]))
        pos = end
    return res


def wrap(text, width, protect):
    lines, cur = [], ""
    for tok, _ in tokens(text, protect):
        if cur and len(cur) + 1 + len(tok) > width:
            lines.append(cur)
            cur = tok
        else:
            cur = f"{cur} {tok}" if cur else tok
    if cur:
        lines.append(cur)
    return lines


def chunks(text, protect, lo=12, hi=26):
    """Group sentences into cue-sized chunks."""
    sents, cur = [], []
    for tok, prot_end in tokens(text, protect):
        cur.append(tok)
        if not prot_end and re.search(r"[.?!]$", tok) and not tok.endswith("...") and not re.fullmatch(r"\(.*", tok):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    out, acc = [], []
    for s in sents:
        if acc and (len(acc) >= lo or len(acc) + len(s) > hi):
            out.append(" ".join(acc))
            acc = []
        acc = acc + s
    if acc:
        out.append(" ".join(acc))
    return out


def nwords(s):
    return len([w for w in s.split() if re.search(r"\w", w)])


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


# ---------------------------------------------------------------- writers
def write_docx(doc, cfg, header, turns, bold):
    d = Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    d.core_properties.last_modified_by = ""
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for i, (line, _) in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(line)
        if i == 0:
            r.bold = True
    if header:
        d.add_paragraph()
    for k, t in enumerate(turns):
        label = cfg["labels"][0 if t["role"] == "I" else 1]
        p = d.add_paragraph()
        if bold:
            p.add_run(f"{label}:").bold = True
            p.add_run(" " + t["text"])
        else:
            p.add_run(f"{label}: {t['text']}")
            if k < len(turns) - 1:
                d.add_paragraph()
    path = OUT / f"{doc}.docx"
    d.save(path)
    return path


def write_txt(doc, cfg, header, turns, rng):
    nl = cfg["newline"]
    lines = [h for h, _ in header]
    if header:
        lines.append("")
    t = rng.uniform(2, 5)
    for k, turn in enumerate(turns):
        label = cfg["labels"][0 if turn["role"] == "I" else 1]
        if cfg["fmt"] == "txt_ts":
            lines.append(f"[{ts(t, ',')[:8]}] {label}: {turn['text']}")
        else:
            lines.append(f"{label}: {turn['text']}")
        t += nwords(turn["text"]) / 2.5 + rng.uniform(0.6, 2.5)
        if k < len(turns) - 1:
            lines.append("")
    data = (nl.join(lines) + nl).encode(cfg["encoding"])  # strict: fails on characters outside the code page
    path = OUT / f"{doc}.txt"
    path.write_bytes(data)
    return path


def write_vtt(doc, cfg, header, turns, rng, protect):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(h for h, _ in header)
        out.append("")
    t = rng.uniform(1, 4)
    for turn in turns:
        label = cfg["labels"][0 if turn["role"] == "I" else 1]
        for ch in chunks(turn["text"], protect):
            dur = max(1.2, nwords(ch) / 2.6)
            out.append(f"{ts(t, '.')} --> {ts(t + dur, '.')}")
            lines = wrap(ch, 64, protect)
            out.append(f"<v {label}>{lines[0]}")
            out.extend(lines[1:])
            out.append("")
            t += dur + rng.uniform(0.05, 0.35)
        t += rng.uniform(0.5, 1.8)
    path = OUT / f"{doc}.vtt"
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")
    return path


def write_srt(doc, cfg, header, turns, rng, protect):
    nl = cfg["newline"]
    out = []
    t = rng.uniform(1, 4)
    for k, turn in enumerate(turns, 1):
        label = cfg["labels"][0 if turn["role"] == "I" else 1]
        dur = max(1.5, nwords(turn["text"]) / 2.5)
        out.append(str(k))
        out.append(f"{ts(t, ',')} --> {ts(t + dur, ',')}")
        out.extend(wrap(f"{label}: {turn['text']}", 74, protect))
        out.append("")
        t += dur + rng.uniform(0.4, 1.6)
    path = OUT / f"{doc}.srt"
    path.write_bytes((nl.join(out) + nl).encode("utf-8"))
    return path


# ---------------------------------------------------------------- main
def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    id_rows, ori_rows, style_rows, summary = [], [], [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_src(doc)
        rng = random.Random(f"setFV-{doc}")
        # identifiers: header, speaker labels, turns, in order of first appearance
        ids = {}
        order = [i for _, hid in header for i in hid]
        order += [(lab, typ) for lab, typ in cfg["label_ids"].items()]
        order += [i for t in turns for i in t["ids"]]
        for text, typ in order:
            if text in ids and ids[text] != typ:
                sys.exit(f"{doc}: {text!r} typed both {ids[text]} and {typ}")
            ids.setdefault(text, typ)
        protect = sorted(ids, key=len, reverse=True)
        fmt = cfg["fmt"]
        if fmt in ("docx_bold", "docx_plain"):
            path = write_docx(doc, cfg, header, turns, bold=(fmt == "docx_bold"))
        elif fmt in ("txt", "txt_ts"):
            path = write_txt(doc, cfg, header, turns, rng)
        elif fmt == "vtt":
            path = write_vtt(doc, cfg, header, turns, rng, protect)
        elif fmt == "srt":
            path = write_srt(doc, cfg, header, turns, rng, protect)
        else:
            sys.exit(f"unknown format {fmt}")
        for text, typ in ids.items():
            id_rows.append((doc, text, typ))
        for idx, t in enumerate(turns, 1):
            if t["role"] == "R" and t["ori"] in ("casus", "netwerk"):
                ori_rows.append((doc, idx, t["ori"]))
        style_rows.append((doc, cfg["style"], cfg["rationale"]))
        words = sum(nwords(t["text"]) for t in turns)
        nresp = sum(1 for t in turns if t["role"] == "R")
        oc = {o: sum(1 for t in turns if t["ori"] == o) for o in ("casus", "netwerk", "-")}
        summary.append(f"{doc}: {path.name:10s} words={words} respondent_turns={nresp} identifiers={len(ids)} "
                       f"casus={oc['casus']} netwerk={oc['netwerk']} none={oc['-']}")
    ori_rows.sort(key=lambda r: (r[0], r[1]))
    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(ori_rows)
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(style_rows)
    print("\n".join(summary))


if __name__ == "__main__":
    main()
