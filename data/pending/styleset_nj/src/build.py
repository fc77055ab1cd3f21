"""Build the transcripts and csv files of set nj from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/<doc_id>.txt), one paragraph per turn, blank line between:
  H: header line          (format-specific header / NOTE block)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import re
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER",
         "LEEFTIJD", "ORGANISATIE_NAAM"}

# doc_id -> format settings; speaker labels that are names are added as PERSOON
DOCS = {
    "nj01": dict(fmt="vtt", I="Marloes Kuiper", R="Saskia Brouwer", names=True),
    "nj02": dict(fmt="docx", I="Interviewer", R="Respondent", bold=True, names=False),
    "nj03": dict(fmt="txt", I="I", R="R", enc="cp1252", crlf=True, names=False),
    "nj04": dict(fmt="srt", I="Jeroen Bakker", R="Petra Zandbergen", crlf=True, names=True),
    "nj05": dict(fmt="spreker", I="Spreker 1", R="Spreker 2", enc="utf-8", crlf=False, names=False),
    "nj06": dict(fmt="docx", I="Sanne de Groot", R="Henk Oosterbaan", bold=False, names=True),
}

STYLES = {
    "nj01": ("netwerkgericht",
             "Hands the daily contact with released detainees to trajectbegeleiders and invests her own effort "
             "in PI notification terms, a corporation agreement, a shared handover form and a bottleneck list for "
             "the stuurgroep, even while telling a warm client story."),
    "nj02": ("onbepaald",
             "Genuinely mixed (says so): keeps a personal caseload where he builds trust and plans with each young "
             "man, and in roughly equal measure chairs the nazorgtafel and negotiates structural agreements with the "
             "corporation and bijzondere bijstand."),
    "nj03": ("casusgericht",
             "Invests in personal trust with one released man and convenes many partners, but only as means for "
             "that man's plan, and explicitly declines the structural werkgroep and convenant work."),
    "nj04": ("netwerkgericht",
             "Deliberately has no clients and spends her effort on a release protocol between PI, gemeente and "
             "reclassering, an escalation ladder, a bottleneck monitor and agreements with CJIB, schuldhulp and "
             "corporations, using cases only as illustrations of patterns."),
    "nj05": ("onbepaald",
             "Genuinely mixed (never says so): about equal weight on kitchen-table trust work and creditor calls for "
             "one young man, and on the debt-pause arrangement and intake procedure between PI and wijkteams."),
    "nj06": ("netwerkgericht",
             "Former corporation manager who builds and guards a regional housing quota, a woontafel and trust "
             "between corporation directors and reclassering, and leaves the daily contact with the woman in his "
             "story to her begeleider."),
}

TAG = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
PROTECT = "\u0001"


def parse_source(path):
    header, turns, ids = [], [], []
    with open(path, encoding="utf-8") as f:
        paras = [p.strip() for p in f.read().split("\n")]
    for line in paras:
        if not line:
            continue
        kind, text = line[:2], line[2:].strip()
        ori = None
        if kind == "R:":
            m = ORI.search(text)
            if not m:
                raise SystemExit(f"{path}: respondent paragraph without orientation: {text[:60]}")
            ori = m.group(1)
            text = text[:m.start()].rstrip()
        elif kind not in ("H:", "I:"):
            raise SystemExit(f"{path}: bad paragraph start: {line[:40]}")
        for m in TAG.finditer(text):
            if m.group(2) not in TYPES:
                raise SystemExit(f"{path}: bad type {m.group(2)}")
            ids.append((m.group(1), m.group(2)))
        if kind == "H:":
            header.append(text)
        else:
            turns.append(("I" if kind == "I:" else "R", text, ori))
    for n, (who, _, _) in enumerate(turns):
        if who != ("I" if n % 2 == 0 else "R"):
            raise SystemExit(f"{path}: turns do not alternate at turn {n + 1}")
    return header, turns, ids


def plain(text):
    return TAG.sub(lambda m: m.group(1), text)


def protected(text):
    """plain text where spaces inside identifiers are protected from splitting/wrapping"""
    return TAG.sub(lambda m: m.group(1).replace(" ", PROTECT), text)


def restore(text):
    return text.replace(PROTECT, " ")


def chunks(text, maxlen):
    """split a turn into cue texts at sentence ends, keeping identifiers intact"""
    sents = re.split(r"(?<=[.!?)])\s+(?=[A-Z\"(„'ÉÍ])", protected(text))
    out, cur = [], ""
    for s in sents:
        pieces = [s]
        if len(s) > maxlen:
            pieces = textwrap.wrap(s, maxlen, break_long_words=False, break_on_hyphens=False)
        for p in pieces:
            if cur and len(cur) + 1 + len(p) > maxlen:
                out.append(cur)
                cur = p
            else:
                cur = (cur + " " + p).strip()
    if cur:
        out.append(cur)
    return out


def words(text):
    return len(plain(text).split())


def ts(sec, sep):
    total = int(round(sec * 1000))
    s, ms = divmod(total, 1000)
    h, rem = divmod(s, 3600)
    m, s = divmod(rem, 60)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timed(items, start=4.0, wps=2.6, gap=0.6):
    """items: list of (speaker, text); yields (start, end, speaker, text)"""
    t = start
    for who, txt in items:
        dur = max(1.5, len(restore(txt).split()) / wps)
        yield t, t + dur, who, txt
        t += dur + gap


def build_vtt(doc, cfg, header, turns):
    lines = ["WEBVTT", ""]
    if header:
        lines += ["NOTE"] + [plain(h) for h in header] + [""]
    items = []
    for who, text, _ in turns:
        for c in chunks(text, 150):
            items.append((cfg[who], c))
    for n, (a, b, who, txt) in enumerate(timed(items), 1):
        lines += [f"{n}", f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {who}>{restore(txt)}</v>", ""]
    with open(os.path.join(OUT, doc + ".vtt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))


def build_srt(doc, cfg, header, turns):
    items = []
    for who, text, _ in turns:
        for c in chunks(text, 84):
            items.append((cfg[who], c))
    lines = []
    for n, (a, b, who, txt) in enumerate(timed(items, start=2.0), 1):
        cue = who.replace(" ", PROTECT) + ": " + txt
        wrapped = textwrap.wrap(cue, 58, break_long_words=False, break_on_hyphens=False)
        lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}"] + [restore(w) for w in wrapped] + [""]
    nl = "\r\n" if cfg.get("crlf") else "\n"
    with open(os.path.join(OUT, doc + ".srt"), "w", encoding="utf-8", newline="") as f:
        f.write(nl.join(lines) + nl)


def build_txt(doc, cfg, header, turns):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    for who, text, _ in turns:
        lines += [f"{cfg[who]}: {plain(text)}", ""]
    nl = "\r\n" if cfg.get("crlf") else "\n"
    with open(os.path.join(OUT, doc + ".txt"), "w", encoding=cfg["enc"], newline="") as f:
        f.write(nl.join(lines))


def build_spreker(doc, cfg, header, turns):
    lines = [plain(h) for h in header]
    if header:
        lines.append("")
    items = [(cfg[who], text) for who, text, _ in turns]
    for a, b, who, txt in timed(items, start=3.0, wps=2.4, gap=1.1):
        lines += [f"[{ts(a, ',')[:8]}] {who}: {plain(txt)}", ""]
    nl = "\r\n" if cfg.get("crlf") else "\n"
    with open(os.path.join(OUT, doc + ".txt"), "w", encoding=cfg["enc"], newline="") as f:
        f.write(nl.join(lines))


def build_docx(doc, cfg, header, turns):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if h is header[0]:
            r.bold = True
    if header:
        d.add_paragraph()
    for who, text, _ in turns:
        p = d.add_paragraph()
        if cfg.get("bold"):
            r = p.add_run(cfg[who] + ":")
            r.bold = True
            p.add_run(" " + plain(text))
        else:
            p.add_run(cfg[who] + ": " + plain(text))
    d.save(os.path.join(OUT, doc + ".docx"))


BUILDERS = dict(vtt=build_vtt, srt=build_srt, txt=build_txt, spreker=build_spreker, docx=build_docx)


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ori_rows, id_rows, stats = [], [], []
    for doc, cfg in DOCS.items():
        header, turns, ids = parse_source(os.path.join(HERE, doc + ".txt"))
        BUILDERS[cfg["fmt"]](doc, cfg, header, turns)
        seen = set()
        if cfg["names"]:
            for lab in (cfg["I"], cfg["R"]):
                ids.insert(0, (lab, "PERSOON"))
        for s, t in ids:
            if s in seen:
                continue
            clash = [t2 for s2, t2 in ids if s2 == s and t2 != t]
            if clash:
                raise SystemExit(f"{doc}: identifier {s!r} has two types")
            seen.add(s)
            id_rows.append((doc, s, t))
        for n, (who, text, ori) in enumerate(turns, 1):
            if who == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc, n, ori))
        nw = sum(words(t) for _, t, _ in turns)
        nr = sum(1 for w, _, _ in turns if w == "R")
        counts = {k: sum(1 for w, _, o in turns if w == "R" and o == k) for k in ("casus", "netwerk", "-")}
        stats.append((doc, cfg["fmt"], nw, nr, counts, len(set(s for s, _ in ids))))
    ori_rows.sort()
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(ori_rows)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    for s in stats:
        print(*s)


if __name__ == "__main__":
    main()
