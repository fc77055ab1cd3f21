"""Build the transcripts and the three csv files of set GQ from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py      (needs python-docx)

Source format (src/gqNN.txt): one paragraph per turn, separated by blank lines.
  H: header line            (metadata, not a turn)
  I: interviewer turn
  R: respondent turn {casus|netwerk|-}
Identifiers are marked inline as [[text|TYPE]].
"""
import csv
import re
import sys
from pathlib import Path

import docx
from docx.shared import Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "transcripts"

DOCS = {
    "gq01": {"fmt": "docx_bold", "ext": "docx", "labels": ("Interviewer", "Hanneke Wolters"),
             "label_persons": ["Hanneke Wolters"]},
    "gq02": {"fmt": "txt_labels", "ext": "txt", "enc": "cp1252", "nl": "\r\n", "labels": ("I", "R"),
             "label_persons": []},
    "gq03": {"fmt": "vtt", "ext": "vtt", "enc": "utf-8", "nl": "\n", "labels": ("Interviewer", "Wim Hofstede"),
             "label_persons": ["Wim Hofstede"]},
    "gq04": {"fmt": "srt", "ext": "srt", "enc": "utf-8", "nl": "\r\n", "labels": ("Ellen Kuipers", "Youssef Amrani"),
             "label_persons": ["Ellen Kuipers", "Youssef Amrani"]},
    "gq05": {"fmt": "txt_spreker", "ext": "txt", "enc": "utf-8", "nl": "\n", "labels": ("Spreker 1", "Spreker 2"),
             "label_persons": []},
    "gq06": {"fmt": "docx_plain", "ext": "docx", "labels": ("Interviewer", "Respondent"),
             "label_persons": []},
}

STYLES = {
    "gq01": ("onbepaald", "Genuinely mixed: the ZVH procesregisseur puts her own time and trust about equally into "
                          "personal contact and plan-making with one high-risk stalking victim and into regional "
                          "agreements, partner relations and escalation, and says she cannot choose between them."),
    "gq02": ("casusgericht", "The wijkteam worker names many partners and the ZVH table but uses each only as a means "
                             "for this family's plan, invests her trust in the mother at the kitchen table and declines "
                             "the municipal chain working group."),
    "gq03": ("netwerkgericht", "The former wijkagent tells a warm stalking story but leaves the victim's contact and "
                               "plan to the ZVH regisseur and invests in joint registration, regional agreements, "
                               "patterns across cases and escalation to the stuurgroep."),
    "gq04": ("onbepaald", "Genuinely mixed: the Veilig Thuis hoog-risico worker does home visits, safety plans and "
                          "trust work with one victim and her ex himself while spending a weekly day building shared "
                          "risk language, alert agreements and chain meetings, without naming the balance."),
    "gq05": ("netwerkgericht", "The police coordinator is angry about one victim's case yet never met her and puts his "
                               "effort into the weekly chain meeting, the second-report rule, contact lists, response "
                               "norms and escalation between organisations."),
    "gq06": ("casusgericht", "The terse probation officer invests in her trust relation with one stalking offender and "
                             "builds his plan with employer, mother and clinic, uses the ZVH meeting only as a shortcut "
                             "for him and turns down the offender-approach working group."),
}

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD", "ORGANISATIE_NAAM"}
ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
TAG_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(path):
    text = path.read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    header, turns = [], []
    for p in paras:
        kind, body = p[:2], p[2:].strip()
        if kind == "H:":
            if turns:
                raise SystemExit(f"{path.name}: header after first turn")
            header.append(body)
        elif kind in ("I:", "R:"):
            tag = None
            if kind == "R:":
                m = TAG_RE.search(body)
                if not m:
                    raise SystemExit(f"{path.name}: respondent paragraph without tag: {body[:60]}")
                tag = m.group(1)
                body = body[: m.start()]
            elif TAG_RE.search(body):
                raise SystemExit(f"{path.name}: interviewer paragraph with tag: {body[:60]}")
            turns.append((kind[0], " ".join(body.split()), tag))
        else:
            raise SystemExit(f"{path.name}: bad paragraph start: {p[:40]}")
    for i, (spk, _, _) in enumerate(turns):
        if spk != "IR"[i % 2]:
            raise SystemExit(f"{path.name}: turns do not alternate at turn {i + 1}")
    return header, turns


def clean(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def identifiers_of(s):
    out = []
    for m in ID_RE.finditer(s):
        if m.group(2) not in TYPES:
            raise SystemExit(f"bad identifier type {m.group(2)}")
        out.append((m.group(1), m.group(2)))
    return out


# ---------- cue splitting (never inside an identifier) ----------

def tokens_of(annotated):
    """Whitespace tokens in which every [[identifier]] stays atomic; returns clean tokens."""
    ids = []

    def keep(m):
        ids.append(m.group(1))
        return f"\x00{len(ids) - 1}\x00"

    tmp = ID_RE.sub(keep, annotated)
    toks = []
    for t in tmp.split():
        ends_with_id = t.endswith("\x00")
        clean_t = re.sub(r"\x00(\d+)\x00", lambda m: ids[int(m.group(1))], t)
        toks.append((clean_t, ends_with_id))
    return toks


def sentence_chunks(annotated, maxw):
    toks = tokens_of(annotated)
    sents, cur = [], []
    for tok, ends_with_id in toks:
        cur.append(tok)
        if not ends_with_id and re.search(r"[.?!…][\"”’)]?$", tok):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    # split overlong sentences at commas, then hard at maxw
    pieces = []
    for s in sents:
        if len(s) <= maxw + 4:
            pieces.append(s)
            continue
        part = []
        for tok in s:
            part.append(tok)
            if (tok.endswith(",") and len(part) >= 5) or len(part) >= maxw:
                pieces.append(part)
                part = []
        if part:
            if len(part) < 3 and pieces:
                pieces[-1].extend(part)
            else:
                pieces.append(part)
    # group short pieces into cues
    cues, cur = [], []
    for p in pieces:
        if cur and len(cur) + len(p) > maxw:
            cues.append(cur)
            cur = []
        cur = cur + p
    if cur:
        cues.append(cur)
    return [" ".join(c) for c in cues], [len(c) for c in cues]


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def wrap_protected(tokens, width=46):
    """Split a cue into one or two lines at a token boundary (identifiers are atomic tokens)."""
    text = " ".join(tokens)
    if len(text) <= width or len(tokens) < 2:
        return [text]
    best, best_diff = 1, None
    for k in range(1, len(tokens)):
        a = len(" ".join(tokens[:k]))
        diff = abs(a - (len(text) - a - 1))
        if best_diff is None or diff < best_diff:
            best, best_diff = k, diff
    return [" ".join(tokens[:best]), " ".join(tokens[best:])]


# ---------- writers ----------

def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(11)
    for i, h in enumerate(header):
        p = d.add_paragraph()
        r = p.add_run(clean(h))
        if bold and i == 0:
            r.bold = True
        elif bold:
            r.italic = True
    if header:
        d.add_paragraph("")
    for spk, body, _ in turns:
        label = labels[0] if spk == "I" else labels[1]
        p = d.add_paragraph()
        if bold:
            r = p.add_run(f"{label}:")
            r.bold = True
            p.add_run(" " + clean(body))
        else:
            p.add_run(f"{label}: {clean(body)}")
    d.save(path)


def write_txt_labels(path, header, turns, labels, enc, nl):
    lines = [clean(h) for h in header]
    if header:
        lines.append("")
    for spk, body, _ in turns:
        label = labels[0] if spk == "I" else labels[1]
        lines.append(f"{label}: {clean(body)}")
        lines.append("")
    path.write_bytes(nl.join(lines).encode(enc))


def write_txt_spreker(path, header, turns, labels, enc, nl):
    lines = []
    for h in header:
        c = clean(h)
        if c.startswith("Spreker") and lines and not lines[-1].startswith("Spreker") and lines[-1] != "":
            lines.append("")
        lines.append(c)
    lines.append("")
    t = 3.0
    for spk, body, _ in turns:
        label = labels[0] if spk == "I" else labels[1]
        text = clean(body)
        lines.append(f"[{fmt_ts(t, ',')[:8]}] {label}: {text}")
        lines.append("")
        t += len(text.split()) / 2.4 + 1.2
    path.write_bytes(nl.join(lines).encode(enc))


def write_vtt(path, header, turns, labels, nl):
    out = ["WEBVTT", ""]
    if header:
        out.append("NOTE")
        out.extend(clean(h) for h in header)
        out.append("")
    t = 1.5
    for spk, body, _ in turns:
        label = labels[0] if spk == "I" else labels[1]
        cues, counts = sentence_chunks(body, 16)
        for cue, n in zip(cues, counts):
            dur = max(1.2, n / 2.6)
            out.append(f"{fmt_ts(t, '.')} --> {fmt_ts(t + dur, '.')}")
            out.append(f"<v {label}>{cue}</v>")
            out.append("")
            t += dur + 0.08
        t += 0.6
    path.write_bytes(nl.join(out).encode("utf-8"))


def write_srt(path, header, turns, labels, nl):
    out = []
    n = 1
    t = 0.8
    for spk, body, _ in turns:
        label = labels[0] if spk == "I" else labels[1]
        cues, counts = sentence_chunks(body, 12)
        # re-tokenise each cue so wrapping never splits an identifier
        toks = [tok for tok, _ in tokens_of(body)]
        pos = 0
        for cue, cnt in zip(cues, counts):
            cue_toks = toks[pos:pos + cnt]
            pos += cnt
            assert " ".join(cue_toks) == cue
            dur = max(1.2, cnt / 2.6)
            lines = wrap_protected([f"{label}:"] + cue_toks, 46)
            out.append(str(n))
            out.append(f"{fmt_ts(t, ',')} --> {fmt_ts(t + dur, ',')}")
            out.extend(lines)
            out.append("")
            n += 1
            t += dur + 0.08
        t += 0.5
    path.write_bytes(nl.join(out).encode("utf-8"))


def main():
    OUT.mkdir(exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    id_rows, or_rows = [], []
    for doc, cfg in DOCS.items():
        header, turns = parse_source(HERE / f"{doc}.txt")
        path = OUT / f"{doc}.{cfg['ext']}"
        fmt = cfg["fmt"]
        if fmt == "docx_bold":
            write_docx(path, header, turns, cfg["labels"], bold=True)
        elif fmt == "docx_plain":
            write_docx(path, header, turns, cfg["labels"], bold=False)
        elif fmt == "txt_labels":
            write_txt_labels(path, header, turns, cfg["labels"], cfg["enc"], cfg["nl"])
        elif fmt == "txt_spreker":
            write_txt_spreker(path, header, turns, cfg["labels"], cfg["enc"], cfg["nl"])
        elif fmt == "vtt":
            write_vtt(path, header, turns, cfg["labels"], cfg["nl"])
        elif fmt == "srt":
            write_srt(path, header, turns, cfg["labels"], cfg["nl"])
        else:
            raise SystemExit(fmt)

        seen = {}
        for p in cfg["label_persons"]:
            seen.setdefault(p, "PERSOON")
        for s in header + [b for _, b, _ in turns]:
            for ident, typ in identifiers_of(s):
                if seen.get(ident, typ) != typ:
                    raise SystemExit(f"{doc}: {ident} has two types")
                seen.setdefault(ident, typ)
        for ident, typ in seen.items():
            id_rows.append((doc, ident, typ))

        # consistency warning: an identifier string that also occurs unannotated
        plain_all = " ".join(ID_RE.sub(" ", s) for s in header + [b for _, b, _ in turns])
        for ident in seen:
            if re.search(r"(?<!\w)" + re.escape(ident) + r"(?!\w)", plain_all):
                print(f"warning {doc}: '{ident}' also occurs unannotated", file=sys.stderr)

        for i, (spk, _, tag) in enumerate(turns, start=1):
            if spk == "R" and tag in ("casus", "netwerk"):
                or_rows.append((doc, i, tag))

    with open(ROOT / "identifiers.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    with open(ROOT / "orientation.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows))
    with open(ROOT / "styles.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    print(f"built {len(DOCS)} transcripts, {len(id_rows)} identifiers, {len(or_rows)} orientation rows")


if __name__ == "__main__":
    main()
