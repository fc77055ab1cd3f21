#!/usr/bin/env python3
"""Build transcripts + csv files for blind set CV from annotated sources.

Source format (src/<id>.src):
  #format: docx | srt | vtt | txt-cp1252 | txt-timed | txt-utf8
  #label_I: <interviewer label>      #label_R: <respondent label>
  #header: <header line>   (0..n, identifiers may be marked)
  #extra: <identifier>|<TYPE>   (identifier that occurs only in speaker labels)
  I: <turn text>      R: <turn text> [{c}|{n}]
Identifiers are marked inline as [[text|TYPE]]. A respondent turn ending in {c} / {n}
gets orientation casus / netwerk; no mark = neither.
Needs python-docx only for the .docx output (run with /work/main/.venv/bin/python).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["cv01", "cv02", "cv03", "cv04", "cv05", "cv06"]

STYLES = {
    "cv01": ("netwerkgericht", "Reclassering worker in Zaandam who tells warm stories about one client but invests her time and trust in standing agreements, contact persons and a neighbourhood network between organisations."),
    "cv02": ("casusgericht", "Top400 regisseur in Nieuw-West who runs many meetings and negotiates with many partners, but always to build and protect one boy's plan and his family's trust."),
    "cv03": ("onbepaald", "Too little evidence: a guarded jeugdbeschermer who answers briefly and procedurally and shows neither investment in families nor in the network."),
    "cv04": ("onbepaald", "Genuinely mixed: a wijkagent with a regie role who invests about equally in his own young men and in a structural neighbourhood network with mosque board and street coaches."),
    "cv05": ("casusgericht", "Family regisseur in Osdorp whose work centres on the mother's trust and the family plan, using partners and a mosque contact only for this family."),
    "cv06": ("netwerkgericht", "Senior regisseur in Nieuw-West who works on partner tables, patterns across cases, escalation and shared agreements, using a client story to illustrate a structural fix."),
}
EXT = {"docx": "docx", "srt": "srt", "vtt": "vtt", "txt-cp1252": "txt", "txt-timed": "txt", "txt-utf8": "txt"}
MARK = re.compile(r"\[\[([^|\]]+)\|([A-Z_]+)\]\]")


def parse(path):
    meta = {"header": [], "extra": []}
    turns = []
    for line in open(path, encoding="utf-8").read().split("\n"):
        if not line.strip():
            continue
        if line.startswith("#"):
            k, v = line[1:].split(":", 1)
            v = v.strip()
            if k in ("header", "extra"):
                meta[k].append(v)
            else:
                meta[k] = v
            continue
        spk, text = line[:1], line[3:].strip()
        assert line[1:3] == ": " and spk in "IR", line[:40]
        orient = ""
        m = re.search(r"\s*\{([cn])\}\s*$", text)
        if m:
            assert spk == "R"
            orient = {"c": "casus", "n": "netwerk"}[m.group(1)]
            text = text[: m.start()]
        turns.append((spk, text, orient))
    return meta, turns


def strip(s):
    return MARK.sub(lambda m: m.group(1), s)


def idents(meta, turns):
    seen, rows = set(), []
    for s in meta["header"] + [t[1] for t in turns]:
        for m in MARK.finditer(s):
            key = (m.group(1), m.group(2))
            if key not in seen:
                seen.add(key)
                rows.append(key)
    for e in meta["extra"]:
        v, t = e.split("|")
        if (v, t) not in seen:
            seen.add((v, t))
            rows.append((v, t))
    return rows


def timings(turns, start=4.0, wps=2.6):
    t, out = start, []
    for _, text, _ in turns:
        dur = max(2.0, len(strip(text).split()) / wps)
        out.append((t, t + dur))
        t += dur + 0.8
    return out


def ts(sec, sep):
    h, r = divmod(int(sec * 1000), 3600000)
    m, r = divmod(r, 60000)
    s, ms = divmod(r, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def render(doc_id, meta, turns):
    fmt = meta["format"]
    lab = {"I": meta["label_I"], "R": meta["label_R"]}
    header = [strip(h) for h in meta["header"]]
    path = os.path.join(OUT, f"{doc_id}.{EXT[fmt]}")
    if fmt == "docx":
        import docx
        d = docx.Document()
        for i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = i == 0
        d.add_paragraph("")
        for spk, text, _ in turns:
            p = d.add_paragraph()
            p.add_run(lab[spk] + ":").bold = True
            p.add_run(" " + strip(text))
        d.save(path)
        return path
    if fmt == "srt":
        lines = []
        for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            lines += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{lab[spk]}: {strip(text)}", ""]
        open(path, "w", encoding="utf-8").write("\n".join(lines))
        return path
    if fmt == "vtt":
        lines = ["WEBVTT", ""]
        for h in header:
            lines += [h, ""]
        for (spk, text, _), (a, b) in zip(turns, timings(turns)):
            lines += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {lab[spk]}>{strip(text)}", ""]
        open(path, "w", encoding="utf-8").write("\n".join(lines))
        return path
    if fmt == "txt-timed":
        lines = header + [""]
        for (spk, text, _), (a, _b) in zip(turns, timings(turns, start=2.0)):
            lines += [f"[{ts(a, ',')[:8]}] {lab[spk]}: {strip(text)}", ""]
        open(path, "w", encoding="utf-8").write("\n".join(lines))
        return path
    lines = header + [""] if header else []
    for spk, text, _ in turns:
        lines += [f"{lab[spk]}: {strip(text)}", ""]
    if fmt == "txt-cp1252":
        open(path, "w", encoding="cp1252", newline="\r\n").write("\n".join(lines))
    else:
        open(path, "w", encoding="utf-8").write("\n".join(lines))
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    orows, irows, stats = [], [], []
    for doc_id in IDS:
        meta, turns = parse(os.path.join(HERE, f"{doc_id}.src"))
        for k, (spk, _, _) in enumerate(turns):
            assert spk == "IR"[k % 2], (doc_id, k + 1)
        path = render(doc_id, meta, turns)
        for k, (spk, _, o) in enumerate(turns, 1):
            if o:
                orows.append((doc_id, k, o))
        for v, t in idents(meta, turns):
            irows.append((doc_id, v, t))
        words = sum(len(strip(t).split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == "R")
        oc = sum(1 for s, _, o in turns if o == "casus")
        on = sum(1 for s, _, o in turns if o == "netwerk")
        stats.append((doc_id, os.path.basename(path), words, rturns, oc, on))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for d in IDS:
            w.writerow([d, *STYLES[d]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orows))
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(irows)
    for s in stats:
        print("%s %-10s words=%d respondent_turns=%d casus=%d netwerk=%d" % s)


if __name__ == "__main__":
    main()
