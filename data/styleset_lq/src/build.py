"""Build the transcripts and the three label files of set LQ from the annotated sources.

Run:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source syntax (src/<doc_id>.txt): one paragraph per turn, paragraphs separated by a blank line.
  H: header line          (metadata, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus} | {netwerk} | {-}
Identifiers inline as [[text|TYPE]].
"""
import csv
import os
import random
import re
import sys

import docx  # python-docx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")

TYPES = {"PERSOON", "LOCATIE", "ADRES", "DATUM", "TELEFOON", "EMAIL", "DOSSIER", "LEEFTIJD",
         "ORGANISATIE_NAAM"}

DOCS = {
    "lq01": dict(fmt="docx_bold", ext="docx", I="Interviewer", R="Sjoukje",
                 label_ids=[("Sjoukje", "PERSOON")]),
    "lq02": dict(fmt="vtt", ext="vtt", I="Lieke Smit", R="Harmen Postma",
                 label_ids=[("Lieke Smit", "PERSOON"), ("Harmen Postma", "PERSOON")]),
    "lq03": dict(fmt="txt_labels", ext="txt", encoding="cp1252", newline="\r\n", I="I", R="R",
                 label_ids=[]),
    "lq04": dict(fmt="srt", ext="srt", encoding="utf-8", newline="\r\n", I="Interviewer", R="Ilse",
                 label_ids=[("Ilse", "PERSOON")]),
    "lq05": dict(fmt="txt_timestamps", ext="txt", encoding="utf-8", newline="\n", I="Spreker 1",
                 R="Spreker 2", label_ids=[]),
    "lq06": dict(fmt="docx_plain", ext="docx", I="Onderzoeker", R="Tineke B.",
                 label_ids=[("Tineke B.", "PERSOON")]),
}

STYLES = {
    "lq01": ("casusgericht",
             "Gezinscoach who invests her own effort and trust at Jildou's kitchen table and recruits "
             "school, GP, reclassering and a trauma practice only as pieces of this family's plan, "
             "explicitly declining the working group on inter-organisational agreements."),
    "lq02": ("onbepaald",
             "Genuinely mixed: the raadsonderzoeker puts as much personal effort into Nina and her "
             "father (home visits, bridging to the new guardian) as into the school-signal pilot, "
             "the privacy text with the police lawyer and the handover agenda, without naming the balance."),
    "lq03": ("netwerkgericht",
             "Despite the warm, detailed story of Esther, Noor and Jesse, the Fier respondent hands all "
             "daily contact to the group mentor and invests in police registration, an inter-municipal "
             "payment agreement, the escalation route, the casustafel and cross-case patterns."),
    "lq04": ("casusgericht",
             "The intern begeleider names many partners and organises the zorgoverleg, but every contact "
             "serves Daan, Fleur and Melissa; she leaves the meldcode working group to a colleague and "
             "the structural follow-up to her director."),
    "lq05": ("casusgericht",
             "Terse reclassering officer whose effort goes entirely into Pat (boxing school, omgang "
             "conditions, weekly contact), using partners for this man's plan and leaving working groups "
             "and structural problems to policy staff."),
    "lq06": ("onbepaald",
             "Genuinely mixed: the procesregisseur personally visits the violent father and builds the "
             "mother's plan, and equally invests in an escalation line with the corporation, a regional "
             "rule for a youth professional at every case meeting, partner lunches and cross-case timelines."),
}

ID_RE = re.compile(r"\[\[([^\[\]|]+)\|([A-Z_]+)\]\]")
ORI_RE = re.compile(r"\s*\{(casus|netwerk|-)\}\s*$")


def parse_source(doc_id):
    path = os.path.join(HERE, doc_id + ".txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        p = " ".join(p.split("\n"))
        tag, _, body = p.partition(":")
        body = body.strip()
        if tag == "H":
            if turns:
                sys.exit(f"{doc_id}: header after first turn")
            header.append(body)
        elif tag in ("I", "R"):
            ori = None
            m = ORI_RE.search(body)
            if tag == "R":
                if not m:
                    sys.exit(f"{doc_id}: respondent paragraph without orientation tag: {body[:60]}")
                ori = m.group(1)
                body = body[:m.start()].rstrip()
            elif m:
                sys.exit(f"{doc_id}: interviewer paragraph with orientation tag")
            turns.append((tag, body, ori))
        else:
            sys.exit(f"{doc_id}: unknown paragraph tag {tag!r}")
    for k in range(1, len(turns)):
        if turns[k][0] == turns[k - 1][0]:
            sys.exit(f"{doc_id}: turns do not alternate at {k + 1}")
    if turns[0][0] != "I":
        sys.exit(f"{doc_id}: first turn is not the interviewer")
    return header, turns


def plain(annot):
    """Return (plain text, [(start, end, text, type)])."""
    out, spans, pos = [], [], 0
    last = 0
    for m in ID_RE.finditer(annot):
        out.append(annot[last:m.start()])
        pos += len(annot[last:m.start()])
        text, typ = m.group(1), m.group(2)
        if typ not in TYPES:
            sys.exit(f"unknown identifier type {typ}")
        spans.append((pos, pos + len(text), text, typ))
        out.append(text)
        pos += len(text)
        last = m.end()
    out.append(annot[last:])
    s = "".join(out)
    if "[[" in s or "]]" in s:
        sys.exit(f"broken identifier markup: {annot[:80]}")
    return s, spans


def split_cues(text, spans, max_words=28):
    """Split a turn into cue texts at sentence ends, never inside an identifier."""
    cuts = []
    for m in re.finditer(r"(?<=[.?!…)])\s+(?=\S)", text):
        if any(a < m.start() < b for a, b, _, _ in spans):
            continue
        cuts.append((m.start(), m.end()))
    sentences, last = [], 0
    for a, b in cuts:
        sentences.append(text[last:a])
        last = b
    sentences.append(text[last:])
    cues, cur = [], []
    for s in sentences:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
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


def hms(sec):
    sec = int(sec)
    return f"{sec // 3600:02d}:{sec % 3600 // 60:02d}:{sec % 60:02d}"


def build_doc(doc_id, cfg, header, turns):
    rnd = random.Random(doc_id)
    lab = {"I": cfg["I"], "R": cfg["R"]}
    hplain = [plain(h)[0] for h in header]
    tplain = [(spk, *plain(body)) for spk, body, _ in turns]
    path = os.path.join(OUT, f"{doc_id}.{cfg['ext']}")
    fmt = cfg["fmt"]

    if fmt in ("docx_bold", "docx_plain"):
        d = docx.Document()
        for h in hplain:
            d.add_paragraph(h)
        if hplain:
            d.add_paragraph("")
        for spk, text, _ in tplain:
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(lab[spk] + ":")
                r.bold = True
                p.add_run(" " + text)
            else:
                p.add_run(f"{lab[spk]}: {text}")
        d.save(path)
        return

    nl = cfg.get("newline", "\n")
    enc = cfg.get("encoding", "utf-8")
    lines = []
    t = rnd.uniform(1.0, 3.0)
    if fmt == "txt_labels":
        lines += hplain + [""]
        for spk, text, _ in tplain:
            lines += [f"{lab[spk]}: {text}", ""]
    elif fmt == "txt_timestamps":
        lines += hplain + [""]
        for spk, text, _ in tplain:
            lines += [f"[{hms(t)}] {lab[spk]}: {text}", ""]
            t += len(text.split()) / 2.4 + rnd.uniform(0.5, 2.5)
    elif fmt in ("vtt", "srt"):
        if fmt == "vtt":
            lines += ["WEBVTT", ""]
            if hplain:
                lines += ["NOTE"] + hplain + [""]
        n = 0
        for spk, text, spans in tplain:
            for cue in split_cues(text, spans):
                n += 1
                dur = max(1.2, len(cue.split()) / 2.5)
                start, end = t, t + dur
                if fmt == "vtt":
                    lines += [str(n), f"{ts(start, '.')} --> {ts(end, '.')}",
                              f"<v {lab[spk]}>{cue}</v>", ""]
                else:
                    lines += [str(n), f"{ts(start, ',')} --> {ts(end, ',')}",
                              f"{lab[spk]}: {cue}", ""]
                t = end + rnd.uniform(0.05, 0.4)
            t += rnd.uniform(0.4, 1.8)
    else:
        sys.exit(f"unknown format {fmt}")
    data = nl.join(lines).rstrip(nl) + nl
    with open(path, "wb") as f:
        f.write(data.encode(enc))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    ori_rows, id_rows = [], []
    stats = {}
    for doc_id, cfg in DOCS.items():
        header, turns = parse_source(doc_id)
        build_doc(doc_id, cfg, header, turns)
        seen = {}
        for s, typ in cfg["label_ids"]:
            seen.setdefault(s, typ)
        for para in header + [b for _, b, _ in turns]:
            for s, typ in ID_RE.findall(para):
                if s in seen and seen[s] != typ:
                    sys.exit(f"{doc_id}: identifier {s!r} typed both {seen[s]} and {typ}")
                seen.setdefault(s, typ)
        for s, typ in seen.items():
            id_rows.append((doc_id, s, typ))
        for k, (spk, _, ori) in enumerate(turns, start=1):
            if spk == "R" and ori in ("casus", "netwerk"):
                ori_rows.append((doc_id, k, ori))
        words = sum(len(plain(b)[0].split()) for _, b, _ in turns)
        stats[doc_id] = (words, sum(1 for s, _, _ in turns if s == "R"), len(seen),
                         sum(1 for s, _, o in turns if o == "casus"),
                         sum(1 for s, _, o in turns if o == "netwerk"))
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
        for doc_id in DOCS:
            w.writerow([doc_id, *STYLES[doc_id]])
    for doc_id, (words, rt, nid, nc, nn) in stats.items():
        print(f"{doc_id}: {words} words, {rt} respondent turns, {nid} identifiers, "
              f"casus={nc} netwerk={nn}")


if __name__ == "__main__":
    main()
