"""Build the setLN transcripts and label files from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/lnXX.txt): one paragraph per turn, separated by blank lines,
each starting with "H:" (header line), "I:" (interviewer) or "R:" (respondent).
Identifiers are marked inline as [[text|TYPE]]; every respondent paragraph ends in
{casus}, {netwerk} or {-}.
"""
import csv
import re
import textwrap
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
OUT = ROOT / "transcripts"

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL",
         "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
TAG = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")
WORD = re.compile(r"\w+(?:['’\-]\w+)*")
NBSP = "\u00a0"

# per document: delivery format and speaker labels (interviewer, respondent)
DOCS = {
    "ln01": dict(fmt="txt", enc="cp1252", nl="\r\n", stamps=False, labels=("I", "R")),
    "ln02": dict(fmt="docx", bold=True, labels=("[[Fleur|PERSOON]]", "[[Thijs|PERSOON]]")),
    "ln03": dict(fmt="vtt", labels=("[[Sanne Mulder|PERSOON]]", "[[Hans Koster|PERSOON]]")),
    "ln04": dict(fmt="srt", nl="\r\n", labels=("[[Lotte|PERSOON]]", "[[Youssef|PERSOON]]")),
    "ln05": dict(fmt="docx", bold=False, labels=("I", "R")),
    "ln06": dict(fmt="txt", enc="utf-8", nl="\n", stamps=True, labels=("Spreker 1", "Spreker 2")),
}

STYLES = {
    "ln01": ("casusgericht",
             "Reclasseringswerker (TER) die het toezichtplan samen met de cliënt schrijft, "
             "alle partners per stap voor zijn plan inzet en structureel werk (werkgroep, convenant) bewust aan anderen laat."),
    "ln02": ("netwerkgericht",
             "Procesregisseur van de gemeente die ondanks een warm casusverhaal het contact aan buurtteam en school overlaat "
             "en investeert in afspraken met scholen, politie en moskeebestuur, opschaling en patronen over casussen."),
    "ln03": ("onbepaald",
             "Te weinig informatie: politiemedewerker die zich steeds op vertrouwelijkheid beroept en alleen procedureel "
             "en in algemeenheden antwoordt, zodat nergens zichtbaar wordt waar hij zelf zijn inzet legt."),
    "ln04": ("onbepaald",
             "Gemengd: jongerenwerker van de moskee die evenveel investeert in de persoonlijke band en het plan van één jongere "
             "als in het overleg tussen moskeebestuur, gemeente en politie en in afspraken voor sleutelfiguren."),
    "ln05": ("netwerkgericht",
             "Procesregisseur in het Zorg- en Veiligheidshuis die bewust geen uitvoerend contact heeft en haar inzet legt in "
             "de tafel, afspraken met schoolbesturen, juristen, reclassering en de stuurgroep."),
    "ln06": ("netwerkgericht",
             "GGZ-aandachtsfunctionaris die een geliefde cliënt overdraagt aan een collega en haar tijd steekt in het protocol, "
             "het consultatienummer en het vertrouwen tussen GGZ en gemeente."),
}


def plain(s):
    return TAG.sub(r"\1", s)


def protect(s):
    """plain text in which spaces inside identifiers are non-breaking (for wrapping)."""
    return TAG.sub(lambda m: m.group(1).replace(" ", NBSP), s)


LOOKS_LIKE_LABEL = re.compile(r"^[A-Za-zÀ-ÿ][\w.'\-]*(?: [\w.'\-]+){0,2}:\s")


def wrap(s, width):
    """wrap without splitting identifiers and without continuation lines that
    could be read as a new speaker label ("word: ...")."""
    for w in list(range(width, width - 25, -1)) + list(range(width + 1, width + 15)):
        lines = textwrap.wrap(protect(s), width=w, break_on_hyphens=False,
                              break_long_words=False)
        lines = [ln.replace(NBSP, " ") for ln in lines]
        if not any(LOOKS_LIKE_LABEL.match(ln) for ln in lines[1:]):
            return lines
    raise SystemExit(f"cannot wrap safely: {s[:60]}")


def words(s):
    return len(WORD.findall(plain(s)))


def parse(doc_id):
    text = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    header, turns = [], []
    for para in re.split(r"\n\s*\n", text.strip()):
        para = " ".join(para.split("\n")).strip()
        m = re.match(r"^([HIR]):\s*(.*)$", para)
        if not m:
            raise SystemExit(f"{doc_id}: bad paragraph: {para[:60]}")
        role, body = m.groups()
        if role == "H":
            if turns:
                raise SystemExit(f"{doc_id}: header after turns")
            header.append(body)
            continue
        ori = None
        if role == "R":
            mo = ORI.search(body)
            if not mo:
                raise SystemExit(f"{doc_id}: respondent turn without orientation: {body[:60]}")
            ori = mo.group(1)
            body = ORI.sub("", body)
        elif ORI.search(body):
            raise SystemExit(f"{doc_id}: orientation on interviewer turn")
        expected = "I" if len(turns) % 2 == 0 else "R"
        if role != expected:
            raise SystemExit(f"{doc_id}: turn {len(turns) + 1} should be {expected}")
        turns.append((role, body, ori))
    return header, turns


def timings(turns, start=3.0):
    """(start, end) seconds per turn, roughly 2.5 words per second."""
    t, out = start, []
    for i, (_, body, _) in enumerate(turns):
        dur = max(1.5, words(body) / 2.5)
        out.append((t, t + dur))
        t += dur + 0.6 + (i % 3) * 0.4
    return out


def hms(t, sep=","):
    ms = int(round(t * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def chunks(body, maxw=24):
    """split a turn into cue-sized chunks at sentence boundaries."""
    sents = re.split(r"(?<=[.?!])\s+", body.strip())
    out, cur = [], []
    for s in sents:
        if cur and words(" ".join(cur + [s])) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def build_txt(doc_id, cfg, header, turns):
    lab = [plain(x) for x in cfg["labels"]]
    lines = [plain(h) for h in header]
    if lines:
        lines.append("")
    tim = timings(turns)
    for k, (role, body, _) in enumerate(turns):
        who = lab[0] if role == "I" else lab[1]
        stamp = f"[{hms(tim[k][0])[:8]}] " if cfg.get("stamps") else ""
        lines.append(f"{stamp}{who}: {plain(body)}")
        lines.append("")
    data = cfg["nl"].join(lines)
    path = OUT / f"{doc_id}.txt"
    path.write_bytes(data.encode(cfg["enc"]))
    return path


def build_docx(doc_id, cfg, header, turns):
    lab = [plain(x) for x in cfg["labels"]]
    d = docx.Document()
    d.core_properties.author = ""
    d.core_properties.title = ""
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
    if header:
        d.add_paragraph()
    for role, body, _ in turns:
        who = lab[0] if role == "I" else lab[1]
        p = d.add_paragraph()
        if cfg.get("bold"):
            r = p.add_run(f"{who}:")
            r.bold = True
            p.add_run(" " + plain(body))
        else:
            p.add_run(f"{who}: {plain(body)}")
    path = OUT / f"{doc_id}.docx"
    d.save(path)
    return path


def build_vtt(doc_id, cfg, header, turns):
    lab = [plain(x) for x in cfg["labels"]]
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(plain(h) for h in header)
        out.append("")
    n = 0
    for (role, body, _), (t0, t1) in zip(turns, timings(turns)):
        who = lab[0] if role == "I" else lab[1]
        parts = chunks(body)
        total = sum(words(p) for p in parts) or 1
        t = t0
        for p in parts:
            dt = (t1 - t0) * words(p) / total
            n += 1
            out.append(str(n))
            out.append(f"{hms(t, '.')} --> {hms(t + dt, '.')}")
            lines = wrap(p, 70)
            lines[0] = f"<v {who}>" + lines[0]
            out.extend(lines)
            out.append("")
            t += dt
    path = OUT / f"{doc_id}.vtt"
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")
    return path


def build_srt(doc_id, cfg, header, turns):
    if header:
        raise SystemExit("srt has no header")
    lab = cfg["labels"]
    out = []
    for n, ((role, body, _), (t0, t1)) in enumerate(zip(turns, timings(turns)), 1):
        who = lab[0] if role == "I" else lab[1]
        out.append(str(n))
        out.append(f"{hms(t0)} --> {hms(t1)}")
        out.extend(wrap(f"{who}: {body}", 80))
        out.append("")
    path = OUT / f"{doc_id}.srt"
    path.write_bytes(cfg["nl"].join(out + [""]).encode("utf-8"))
    return path


BUILDERS = {"txt": build_txt, "docx": build_docx, "vtt": build_vtt, "srt": build_srt}


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    style_rows, ori_rows, id_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        header, turns = parse(doc_id)
        BUILDERS[cfg["fmt"]](doc_id, cfg, header, turns)
        # identifiers: header, speaker labels, turns (first occurrence order)
        seen = {}
        for chunk in header + list(cfg["labels"]) + [b for _, b, _ in turns]:
            for txt, typ in TAG.findall(chunk):
                if typ not in TYPES:
                    raise SystemExit(f"{doc_id}: unknown type {typ}")
                if txt in seen and seen[txt] != typ:
                    raise SystemExit(f"{doc_id}: {txt!r} tagged as {seen[txt]} and {typ}")
                seen[txt] = typ
        id_rows += [(doc_id, t, ty) for t, ty in seen.items()]
        for k, (role, _, ori) in enumerate(turns, 1):
            if role == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, k, ori))
        style, why = STYLES[doc_id]
        style_rows.append((doc_id, style, why))
        nw = sum(words(b) for _, b, _ in turns)
        nr = sum(1 for r, _, _ in turns if r == "R")
        oc = [o for r, _, o in turns if r == "R"]
        print(f"{doc_id}: {cfg['fmt']:4s} words={nw} resp_turns={nr} ids={len(seen)} "
              f"casus={oc.count('casus')} netwerk={oc.count('netwerk')} none={oc.count('-')}")

    def write(name, head, rows):
        with open(ROOT / name, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(head)
            w.writerows(rows)

    write("styles.csv", ["doc_id", "style", "rationale"], style_rows)
    write("orientation.csv", ["doc_id", "turn_index", "orientation"], sorted(ori_rows))
    write("identifiers.csv", ["doc_id", "identifier", "type"], id_rows)


if __name__ == "__main__":
    main()
