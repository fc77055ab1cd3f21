#!/usr/bin/env python3
"""Build the six transcripts of set mx and the three csv files from the annotated sources.

Source format (src/mxNN.txt): paragraphs separated by a blank line, each starting with
  H: header line   I: interviewer turn   R: respondent turn
Identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)
"""
import csv
import random
import re
import sys
import textwrap
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

# format per document; label_ids = speaker labels that are names (PERSOON)
DOCS = {
    "mx01": dict(fmt="docx", bold=True, ilabel="Interviewer", rlabel="Respondent", label_ids=[]),
    "mx02": dict(fmt="txt", enc="cp1252", eol="\r\n", ilabel="I", rlabel="R", label_ids=[]),
    "mx03": dict(fmt="vtt", enc="utf-8", eol="\n", ilabel="Interviewer", rlabel="Carla Meijerink",
                 label_ids=["Carla Meijerink"], start=3.2),
    "mx04": dict(fmt="srt", enc="utf-8", eol="\r\n", ilabel="Interviewer", rlabel="Janneke",
                 label_ids=["Janneke"], start=1.4),
    "mx05": dict(fmt="spk", enc="utf-8", eol="\n", ilabel="Spreker 1", rlabel="Spreker 2",
                 label_ids=[], start=6.0),
    "mx06": dict(fmt="docx", bold=False, ilabel="Femke Dijkstra", rlabel="Hanneke Wolters",
                 label_ids=["Femke Dijkstra", "Hanneke Wolters"]),
}
EXT = {"docx": "docx", "txt": "txt", "spk": "txt", "vtt": "vtt", "srt": "srt"}
FMT_DESC = {
    "mx01": ".docx, bold speaker runs (Interviewer:/Respondent:), 3-line header",
    "mx02": ".txt Windows-1252, CRLF, I:/R:, header Respondent/Datum/Duur",
    "mx03": ".vtt, NOTE header, <v> voice tags, turns over several cues",
    "mx04": ".srt, CRLF, one cue per turn, 'Naam:' at cue start, no header",
    "mx05": ".txt UTF-8, [hh:mm:ss] Spreker 1/2, header with speaker key",
    "mx06": ".docx, plain name labels (not bold), 3-line header",
}
VOICE = {
    "mx01": "G. Nijhuis, 61, ex-politie (wijkagent/recherche), procesregisseur Top-X, Almelo; blunt, short sentences",
    "mx02": "Marloes Brinkhuis, 36, ex-reclassering, regisseur Top-X/loverboys, Enschede; warm, rambling",
    "mx03": "Carla Meijerink, senior adviseur regie gemeente Hengelo, ex-jurist; guarded, procedural",
    "mx04": "Janneke Olde Monnikhof, 49, ex-Veilig Thuis Twente, regisseur huiselijk geweld/mensenhandel, Enschede-Hengelo; reflective",
    "mx05": "Youssef el Amrani, 44, jeugdbeschermer + regisseur minderjarigen in regionaal expertiseteam mensenhandel, Almelo; fiery, humorous",
    "mx06": "Hanneke Wolters, 55, ex-GGZ/wijkteam, regisseur Top-X, Hengelo; warm, talkative",
}
STYLES = {
    "mx01": ("netwerkgericht",
             "Invests his own effort in the Top-X-tafel, escalation ladder, corporation and privacy agreements and leaves all client contact to the toezichthouder, even in his warm story about Ricardo."),
    "mx02": ("casusgericht",
             "Names many partners and meetings but uses each as a means for Damian's plan built at the kitchen table, and explicitly declines the structural werkgroep."),
    "mx03": ("onbepaald",
             "Too little evidence: guarded and procedural, only describes the methodology and never shows where her own effort or trust goes."),
    "mx04": ("netwerkgericht",
             "Has no caseload by choice and invests in the signaleringsoverleg, signed werkafspraken and repairing trust between Veilig Thuis, police and jeugdbescherming, leaving Shanaya to her jeugdbeschermer."),
    "mx05": ("onbepaald",
             "Genuinely mixed: invests about equally in his own trust relation and plan with Naomi and in regional agreements (24-uursafspraak, trainings, patterns), and refuses to choose."),
    "mx06": ("netwerkgericht",
             "Tells warm detailed stories about Kevin but hands all daily contact to wijkcoach and reclassering and invests in the LVB screening, the managers' doorbraakoverleg and changed intake rules."),
}

ANN = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_src(path):
    paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    header, turns, ids, errors = [], [], [], []
    for p in paras:
        kind, body = p[:2], p[2:].strip()
        if kind not in ("H:", "I:", "R:"):
            errors.append(f"{path.name}: bad paragraph start: {p[:40]!r}")
            continue
        if "\n" in body:
            errors.append(f"{path.name}: paragraph spans lines: {body[:40]!r}")
        tag = None
        if kind == "R:":
            m = TAG.search(body)
            if not m:
                errors.append(f"{path.name}: R paragraph without tag: {body[:50]!r}")
            else:
                tag = m.group(1)
                body = body[: m.start()]
        elif TAG.search(body):
            errors.append(f"{path.name}: tag on non-R paragraph: {body[:50]!r}")
        for m in ANN.finditer(body):
            if m.group(2) not in TYPES:
                errors.append(f"{path.name}: unknown type {m.group(2)}")
            ids.append((m.group(1), m.group(2)))
        if kind == "H:":
            header.append(body)
        else:
            turns.append(("I" if kind == "I:" else "R", body, tag))
    for n, (who, _, _) in enumerate(turns):
        if who != ("I" if n % 2 == 0 else "R"):
            errors.append(f"{path.name}: turns do not alternate at turn {n + 1}")
    return header, turns, ids, errors


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def protect(s):
    """Replace identifiers by space-free placeholders so that wrapping/splitting never cuts them."""
    store = []

    def rep(m):
        store.append(m.group(1))
        core = f"\ue000{len(store) - 1}"
        pad = max(0, len(m.group(1)) - len(core) - 1)
        return core + "\ue002" * pad + "\ue001"

    return ANN.sub(rep, s), store


def restore(s, store):
    return re.sub("\ue000(\\d+)\ue002*\ue001", lambda m: store[int(m.group(1))], s)


def wrap(annotated, width, initial=""):
    t, store = protect(annotated)
    lines = textwrap.wrap(initial + t, width=width, break_long_words=False, break_on_hyphens=False)
    return [restore(l, store) for l in lines]


def sentences_to_cues(annotated, max_words=22):
    t, store = protect(annotated)
    sents = re.split(r"(?<=[.!?…])\s+(?=\S)", t)
    cues, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            cues.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(" ".join(cur))
    return [restore(c, store) for c in cues]


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def dur(text):
    return 0.6 + len(plain(text).split()) / 2.45


def build_docx(doc, cfg, header, turns, path):
    import docx
    d = docx.Document()
    for h in header:
        d.add_paragraph(plain(h))
    if header:
        d.add_paragraph("")
    for who, body, _ in turns:
        label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
        p = d.add_paragraph()
        if cfg["bold"]:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{label}: {plain(body)}")
    d.save(path)


def build_text(doc, cfg, header, turns, path):
    rnd = random.Random(doc)
    eol = cfg["eol"]
    lines = []
    fmt = cfg["fmt"]
    t = cfg.get("start", 0.0)
    if fmt == "txt":
        lines += [plain(h) for h in header] + [""]
        for who, body, _ in turns:
            label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
            lines += [f"{label}: {plain(body)}", ""]
    elif fmt == "spk":
        lines += [plain(h) for h in header] + [""]
        for who, body, _ in turns:
            label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
            lines += [f"[{ts(t, ',')[:8]}] {label}: {plain(body)}", ""]
            t += dur(body) + rnd.uniform(0.5, 2.2)
    elif fmt == "vtt":
        lines += ["WEBVTT", "", "NOTE"] + [plain(h) for h in header] + [""]
        for who, body, _ in turns:
            label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
            for cue in sentences_to_cues(body):
                d = dur(cue)
                lines.append(f"{ts(t, '.')} --> {ts(t + d, '.')}")
                wl = wrap(cue, 72)
                lines.append(f"<v {label}>" + wl[0])
                lines += wl[1:]
                lines.append("")
                t += d + rnd.uniform(0.05, 0.4)
            t += rnd.uniform(0.4, 1.8)
    elif fmt == "srt":
        if header:
            raise SystemExit("srt has no header")
        for n, (who, body, _) in enumerate(turns, 1):
            label = cfg["ilabel"] if who == "I" else cfg["rlabel"]
            d = dur(body)
            lines.append(str(n))
            lines.append(f"{ts(t, ',')} --> {ts(t + d, ',')}")
            lines += wrap(body, 84, initial=f"{label}: ")
            lines.append("")
            t += d + rnd.uniform(0.4, 2.0)
    text = eol.join(lines).rstrip(eol) + eol
    path.write_bytes(text.encode(cfg["enc"]))  # strict: fails if a char is not encodable


def unannotated_hits(src_text, idstrings):
    """Identifier strings that also occur outside an annotation in the source."""
    rest = ANN.sub("\u2588", src_text)
    hits = []
    for s in idstrings:
        if re.search(r"(?<!\w)" + re.escape(s) + r"(?!\w)", rest, flags=re.I):
            hits.append(s)
    return hits


def main():
    TR.mkdir(exist_ok=True)
    for old in TR.iterdir():
        old.unlink()
    errors, ori_rows, id_rows, stats = [], [], [], {}
    for doc, cfg in DOCS.items():
        srcp = SRC / f"{doc}.txt"
        header, turns, ids, errs = parse_src(srcp)
        errors += errs
        ext = EXT[cfg["fmt"]]
        out = TR / f"{doc}.{ext}"
        if cfg["fmt"] == "docx":
            build_docx(doc, cfg, header, turns, out)
        else:
            build_text(doc, cfg, header, turns, out)
        # identifiers: distinct strings in order of first appearance; label names first
        seen = {}
        for name in cfg["label_ids"]:
            seen.setdefault(name, "PERSOON")
        for s, typ in ids:
            if s in seen and seen[s] != typ:
                errors.append(f"{doc}: {s!r} annotated as {seen[s]} and {typ}")
            seen.setdefault(s, typ)
        for s, typ in seen.items():
            id_rows.append((doc, s, typ))
        hits = unannotated_hits(srcp.read_text(encoding="utf-8"), list(seen))
        for h in hits:
            errors.append(f"{doc}: identifier {h!r} also occurs unannotated")
        for n, (who, body, tag) in enumerate(turns, 1):
            if who == "R" and tag in ("casus", "netwerk"):
                ori_rows.append((doc, n, tag))
        words = sum(len(plain(b).split()) for _, b, _ in turns)
        rturns = sum(1 for w, _, _ in turns if w == "R")
        stats[doc] = dict(words=words, rturns=rturns, ids=len(seen), ext=ext,
                          casus=sum(1 for w, _, t in turns if t == "casus"),
                          netwerk=sum(1 for w, _, t in turns if t == "netwerk"))
        if not 1500 <= words <= 2600:
            errors.append(f"{doc}: {words} words")
        if not 10 <= rturns <= 45:
            errors.append(f"{doc}: {rturns} respondent turns")
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(ori_rows):
            w.writerow(r)
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in id_rows:
            w.writerow(r)
    # README from template
    tpl = (SRC / "README.template.md").read_text(encoding="utf-8")
    rows = ["| doc | respondent voice and setting | style | format | words | respondent turns |",
            "|---|---|---|---|---|---|"]
    for doc in DOCS:
        st = STYLES[doc][0]
        if doc == "mx03":
            st += " (too little evidence)"
        if doc == "mx05":
            st += " (mixed)"
        rows.append(f"| {doc} | {VOICE[doc]} | {st} | {FMT_DESC[doc]} | {stats[doc]['words']} | "
                    f"{stats[doc]['rturns']} |")
    (OUT / "README.md").write_text(tpl.replace("{{TABLE}}", "\n".join(rows)), encoding="utf-8")
    for doc, s in stats.items():
        print(doc, s)
    if errors:
        print("\n".join(errors))
        sys.exit(1)
    print("built", len(DOCS), "documents")


if __name__ == "__main__":
    main()
