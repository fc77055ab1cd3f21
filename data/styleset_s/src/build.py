#!/usr/bin/env python3
"""Build setS transcripts + csv files from the annotated sources in this folder.

Source format (src/<id>.txt): one paragraph per speaker turn, separated by a blank line.
  "I: ..." interviewer turn, "R: ..." respondent turn (strictly alternating, starting with I).
  Identifiers are marked inline as [[verbatim text|TYPE]].
  Every respondent paragraph ends with an orientation mark: {c} casus, {n} netwerk, {-} neither.

Run with a python that has python-docx (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import re
import textwrap
from pathlib import Path

SRC = Path(__file__).resolve().parent
OUT = SRC.parent
TR = OUT / "transcripts"

STYLES = {
    "bs01": ("casusgericht",
             "Youth worker with case regie whose energy, trust and negotiations with partners all serve one boy's plan, "
             "and who explicitly leaves patterns and policy to others."),
    "bs02": ("netwerkgericht",
             "Youth police officer who tells warm stories about one boy but invests in building and safeguarding a "
             "multi-agency table, written agreements, trust between organisations and escalation upward."),
    "bs03": ("netwerkgericht",
             "Guarded school-attendance officer whose regie consists of protocols, escalation routes, agreements with "
             "schools and partners and deliberately not following the individual pupil."),
    "bs04": ("casusgericht",
             "Talkative youth case director who mentions many partners and meetings, and calls herself a networker, "
             "but uses every contact, escalation and agreement for one boy's plan and family."),
    "bs05": ("casusgericht",
             "Terse Halt worker who stretches procedure, visits home and calls contacts only for the one boy in front "
             "of her and avoids network meetings."),
    "bs06": ("netwerkgericht",
             "Child protection board professional who uses a moving case to drive structural links between "
             "organisations, mandates, privacy agreements and board-level agenda setting."),
}

META = {
    "bs01": dict(fmt="srt", labels=("Interviewer", "Kevin"), header=[], enc="utf-8"),
    "bs02": dict(fmt="docx_bold", labels=("Interviewer", "Ronald"),
                 header=["Interview wijkagent jeugd Zoetermeer-Oost",
                         "Datum: [[14 maart 2024|DATUM]], politiebureau, opname 1 van 1"], enc=None),
    "bs03": dict(fmt="txt_simple", labels=("I", "R"),
                 header=["Interview 3 - leerplicht / regie thuiszitters Leiden - [[03-04-2024|DATUM]]",
                         "(transcriptie op basis van audio-opname, niet geredigeerd)"],
                 enc="cp1252", newline="\r\n"),
    "bs04": dict(fmt="txt_stamped", labels=("Spreker 1", "Spreker 2"),
                 header=["Transcriptie interview R04 \u2014 jeugdregisseur gemeente Den Haag \u2014 opname [[22-02-2024|DATUM]]"],
                 enc="utf-8", newline="\n"),
    "bs05": dict(fmt="vtt", labels=("Interviewer", "Mirjam"), header=[], enc="utf-8"),
    "bs06": dict(fmt="docx_plain", labels=("[[Marloes|PERSOON]]", "Patrick"),
                 header=["Gesprek Raad voor de Kinderbescherming Rotterdam",
                         "[[11 april 2024|DATUM]]"], enc=None),
}

ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*\{([cn-])\}\s*$")


def strip_ids(s, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(rep, s)


def parse(doc_id):
    text = (SRC / f"{doc_id}.txt").read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    turns, orient, ids = [], [], []
    for i, p in enumerate(paras, start=1):
        role, body = p[:2], p[2:].strip()
        exp = "I:" if i % 2 == 1 else "R:"
        assert role == exp, f"{doc_id} turn {i}: expected {exp}, got {role!r}"
        if role == "R:":
            m = MARK_RE.search(body)
            assert m, f"{doc_id} turn {i}: missing orientation mark"
            body = body[:m.start()].rstrip()
            if m.group(1) == "c":
                orient.append((i, "casus"))
            elif m.group(1) == "n":
                orient.append((i, "netwerk"))
        else:
            assert not MARK_RE.search(body), f"{doc_id} turn {i}: mark on interviewer turn"
        body = strip_ids(body, ids)
        assert "[[" not in body and "{" not in body, f"{doc_id} turn {i}: leftover markup"
        turns.append(body)
    return turns, orient, ids


def ts(sec, sep):
    h, rem = divmod(int(sec), 3600)
    m, s = divmod(rem, 60)
    ms = int(round((sec - int(sec)) * 1000))
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def timings(turns, start=2.4):
    t = start
    out = []
    for k, body in enumerate(turns):
        dur = max(1.8, len(body.split()) / 2.45)
        out.append((t, t + dur))
        t += dur + (0.7 if k % 2 == 0 else 1.3)
    return out


def write_doc(doc_id, turns, meta, ids):
    fmt = meta["fmt"]
    labels = [strip_ids(l, ids) for l in meta["labels"]]
    header = [strip_ids(h, ids) for h in meta["header"]]
    lab = lambda k: labels[k % 2]
    if fmt == "srt":
        blocks = []
        keep = sorted({i for i, _ in ids if " " in i}, key=len, reverse=True)
        for k, ((a, b), body) in enumerate(zip(timings(turns), turns)):
            line = f"{lab(k)}: {body}"
            for i in keep:  # never wrap inside an identifier
                line = line.replace(i, i.replace(" ", "\u00a0"))
            wrapped = "\n".join(textwrap.wrap(line, 84, break_on_hyphens=False)).replace("\u00a0", " ")
            blocks.append(f"{k + 1}\n{ts(a, ',')} --> {ts(b, ',')}\n{wrapped}\n")
        path = TR / f"{doc_id}.srt"
        path.write_text("\n".join(blocks), encoding="utf-8")
    elif fmt == "vtt":
        blocks = ["WEBVTT\n"]
        for k, ((a, b), body) in enumerate(zip(timings(turns, 1.1), turns)):
            blocks.append(f"{ts(a, '.')} --> {ts(b, '.')}\n<v {lab(k)}>{body}</v>\n")
        path = TR / f"{doc_id}.vtt"
        path.write_text("\n".join(blocks), encoding="utf-8")
    elif fmt in ("txt_simple", "txt_stamped"):
        lines = list(header) + [""]
        tm = timings(turns, 4.0)
        for k, body in enumerate(turns):
            if fmt == "txt_stamped":
                a = ts(tm[k][0], ",")[:8]
                lines.append(f"[{a}] {lab(k)}: {body}")
            else:
                lines.append(f"{lab(k)}: {body}")
            lines.append("")
        path = TR / f"{doc_id}.txt"
        nl = meta.get("newline", "\n")
        with open(path, "w", encoding=meta["enc"], newline="") as fh:
            fh.write(nl.join(lines))
    elif fmt in ("docx_bold", "docx_plain"):
        import docx
        d = docx.Document()
        for h_i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if h_i == 0:
                r.bold = True
        d.add_paragraph("")
        for k, body in enumerate(turns):
            p = d.add_paragraph()
            if fmt == "docx_bold":
                r = p.add_run(f"{lab(k)}:")
                r.bold = True
                p.add_run(" " + body)
            else:
                p.add_run(f"{lab(k)}: {body}")
        path = TR / f"{doc_id}.docx"
        d.save(path)
    else:
        raise ValueError(fmt)
    return path


def main():
    TR.mkdir(exist_ok=True)
    orient_rows, id_rows, summary = [], [], []
    for doc_id in sorted(META):
        turns, orient, ids = parse(doc_id)
        path = write_doc(doc_id, turns, META[doc_id], ids)
        for ti, o in orient:
            orient_rows.append((doc_id, ti, o))
        seen = set()
        for ident, typ in ids:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                id_rows.append((doc_id, ident, typ))
        words = sum(len(t.split()) for t in turns)
        summary.append((doc_id, path.name, words, len(turns) // 2, sum(1 for _, o in orient if o == "casus"),
                        sum(1 for _, o in orient if o == "netwerk")))
    with open(OUT / "styles.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in sorted(STYLES):
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(OUT / "orientation.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(OUT / "identifiers.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for row in summary:
        print("%s  %-10s words=%d  resp_turns=%d  casus=%d netwerk=%d" % row)


if __name__ == "__main__":
    main()
