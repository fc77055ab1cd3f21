"""Build the transcripts and the three csv files of set LB from the annotated sources.

Run: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)

Source format (src/<doc_id>.txt): one paragraph per turn, paragraphs separated by a blank line,
each starting with "H: " (header line), "I: " (interviewer) or "R: " (respondent). Identifiers are
written inline as [[text|TYPE]]; every respondent paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}
ANN = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")

# Per document: format, speaker labels (interviewer, respondent; may hold annotations), style.
DOCS = {
    "lb01": dict(fmt="docx_bold", labels=("Interviewer", "Respondent"),
                 style="netwerkgericht",
                 rationale="The RIEC adviser puts his own effort and trust into the regisseurs, OOV teams, "
                           "bank and OM and into agreements (signal moment, barrier model, child check, "
                           "shared adviser), and deliberately stays away from the young man in the one "
                           "case he tells."),
    "lb02": dict(fmt="txt", enc="cp1252", eol="\r\n", labels=("I", "R"),
                 style="casusgericht",
                 rationale="The Raad voor de Kinderbescherming investigator mobilises many partners and "
                           "meetings but only as means for one boy's one-page plan, invests her own trust "
                           "in the boy and his mother, and declines the regional money-mule working group."),
    "lb03": dict(fmt="vtt", labels=("[[Joost Hendriks|PERSOON]]", "[[Sabine Kortekaas|PERSOON]]"),
                 style="netwerkgericht",
                 rationale="The OOV adviser tells a warm, detailed story about one family but hands the "
                           "contact to the sociaal team and invests in the 48-hour rule, the sheds "
                           "consultation, the corporation agreement and trust with the teams and the mayor."),
    "lb04": dict(fmt="srt", eol="\r\n", labels=("[[Eva|PERSOON]]", "[[Ruud|PERSOON]]"),
                 style="netwerkgericht",
                 rationale="The terse process director works only at the table: patterns across cases, "
                           "an escalation ladder he wrote, a joint GGZ intake agreement and one shared "
                           "report, leaving all client contact to the youth worker and probation officer."),
    "lb05": dict(fmt="txt_ts", enc="utf-8", eol="\n", labels=("Spreker 1", "Spreker 2"),
                 style="onbepaald",
                 rationale="Mixed: the Top-X regisseur invests about equally in weekly personal contact "
                           "and trust with one client and in the Alphense tafel, crisis-service, "
                           "corporation and school agreements, and says she will not choose."),
    "lb06": dict(fmt="docx_plain", labels=("[[Karin Mulder|PERSOON]]", "[[Wim Goedhart|PERSOON]]"),
                 style="onbepaald",
                 rationale="Too little evidence: the guarded police coordinator answers only in "
                           "procedures and generalities, refuses to discuss cases and never shows where "
                           "his own effort or trust goes."),
}


def strip(text, found):
    """Remove [[x|T]] annotations, recording (x, T) in found."""
    def rep(m):
        val, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ!r} for {val!r}")
        found.append((val, typ))
        return val
    out = ANN.sub(rep, text)
    if "[[" in out or "]]" in out:
        sys.exit(f"unbalanced annotation in: {text[:80]}")
    return out


def parse_source(doc_id):
    path = os.path.join(HERE, f"{doc_id}.txt")
    raw = open(path, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns, found = [], [], []
    for p in paras:
        if "\n" in p:
            sys.exit(f"{doc_id}: paragraph spans several lines: {p[:60]}")
        kind, _, body = p.partition(": ")
        if kind == "H":
            if turns:
                sys.exit(f"{doc_id}: header after turns")
            header.append(strip(body, found))
        elif kind in ("I", "R"):
            tag = None
            if kind == "R":
                m = TAG.search(body)
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without tag: {body[:60]}")
                tag, body = m.group(1), body[:m.start()]
            elif TAG.search(body):
                sys.exit(f"{doc_id}: interviewer paragraph with tag")
            turns.append((kind, strip(body, found), tag))
        else:
            sys.exit(f"{doc_id}: bad paragraph start {kind!r}")
    for n, (kind, _, _) in enumerate(turns):
        if kind != ("I" if n % 2 == 0 else "R"):
            sys.exit(f"{doc_id}: turns do not alternate at turn {n + 1}")
    return header, turns, found


def sentences(text):
    # split after . ? ! (optionally followed by a closing quote/paren) when a capital or quote follows
    parts = re.split(r"(?<=[.?!])\s+(?=[A-Z\u00C0-\u00DD'(])", text)
    return [p for p in parts if p]


def chunks(text, limit=22):
    out, cur = [], []
    for s in sentences(text):
        if cur and len(" ".join(cur + [s]).split()) > limit:
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


def timed_cues(turns, labels):
    """Yield (speaker_label, start, end, text) per cue; a turn spans one or more cues."""
    t = 2.0
    for n, (kind, text, _) in enumerate(turns):
        label = labels[0] if kind == "I" else labels[1]
        for c in chunks(text):
            dur = max(1.6, len(c.split()) / 2.6)
            yield label, t, t + dur, c
            t += dur + 0.25
        t += 0.9


def write_docx(path, header, turns, labels, bold):
    import docx
    from docx.shared import Pt
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = "Calibri"
    st.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        r.italic = True
    if header:
        d.add_paragraph("")
    for kind, text, _ in turns:
        label = labels[0] if kind == "I" else labels[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(label + ":")
            r.bold = True
            p.add_run(" " + text)
        else:
            p.add_run(f"{label}: {text}")
    d.save(path)


def build(doc_id, cfg):
    header, turns, found = parse_source(doc_id)
    lab_found = []
    labels = tuple(strip(l, lab_found) for l in cfg["labels"])
    fmt = cfg["fmt"]
    for f in os.listdir(OUT):
        if f.startswith(doc_id + "."):
            os.remove(os.path.join(OUT, f))
    if fmt in ("docx_bold", "docx_plain"):
        path = os.path.join(OUT, f"{doc_id}.docx")
        write_docx(path, header, turns, labels, bold=(fmt == "docx_bold"))
    elif fmt == "txt":
        eol = cfg["eol"]
        lines = list(header) + ([""] if header else [])
        for kind, text, _ in turns:
            lines.append(f"{labels[0] if kind == 'I' else labels[1]}: {text}")
            lines.append("")
        path = os.path.join(OUT, f"{doc_id}.txt")
        with open(path, "wb") as fh:
            fh.write(eol.join(lines).encode(cfg["enc"]))
    elif fmt == "txt_ts":
        eol = cfg["eol"]
        lines = list(header) + ([""] if header else [])
        t = 3.0
        for kind, text, _ in turns:
            label = labels[0] if kind == "I" else labels[1]
            lines.append(f"[{ts(t, '.')[:8]}] {label}: {text}")
            lines.append("")
            t += len(text.split()) / 2.5 + 1.5
        path = os.path.join(OUT, f"{doc_id}.txt")
        with open(path, "wb") as fh:
            fh.write(eol.join(lines).encode(cfg["enc"]))
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        if header:
            out.append("NOTE")
            out.extend(header)
            out.append("")
        for n, (label, a, b, c) in enumerate(timed_cues(turns, labels), 1):
            out.append(f"{n}")
            out.append(f"{ts(a, '.')} --> {ts(b, '.')}")
            out.append(f"<v {label}>{c}</v>")
            out.append("")
        path = os.path.join(OUT, f"{doc_id}.vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("\n".join(out))
    elif fmt == "srt":
        if header:
            sys.exit("srt has no header")
        out = []
        for n, (label, a, b, c) in enumerate(timed_cues(turns, labels), 1):
            out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {c}", ""]
        path = os.path.join(OUT, f"{doc_id}.srt")
        with open(path, "wb") as fh:
            fh.write(cfg["eol"].join(out).encode("utf-8"))
    else:
        sys.exit(f"unknown format {fmt}")

    # identifiers: header first, then labels, then turns, one row per distinct string
    ids, seen = [], {}
    for val, typ in lab_found + found:
        if val in seen:
            if seen[val] != typ:
                sys.exit(f"{doc_id}: {val!r} annotated as {seen[val]} and {typ}")
            continue
        seen[val] = typ
        ids.append((val, typ))
    orient = [(n + 1, tag) for n, (kind, _, tag) in enumerate(turns)
              if kind == "R" and tag in ("casus", "netwerk")]
    return ids, orient


def main():
    os.makedirs(OUT, exist_ok=True)
    id_rows, or_rows, st_rows = [], [], []
    for doc_id, cfg in DOCS.items():
        ids, orient = build(doc_id, cfg)
        id_rows += [(doc_id, v, t) for v, t in ids]
        or_rows += [(doc_id, n, o) for n, o in orient]
        st_rows.append((doc_id, cfg["style"], cfg["rationale"]))
    with open(os.path.join(ROOT, "styles.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(st_rows)
    with open(os.path.join(ROOT, "orientation.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    print(f"built {len(DOCS)} transcripts, {len(id_rows)} identifiers, {len(or_rows)} orientation rows")


if __name__ == "__main__":
    main()
