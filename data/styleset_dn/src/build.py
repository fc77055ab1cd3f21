#!/usr/bin/env python3
"""Build setDN transcripts + csv files from the annotated sources in this folder.

Source format (src/dnXX.txt):
  @format  docx | srt | vtt | txt | tstxt      (tstxt = txt with "[hh:mm:ss] Label:" prefixes)
  @encoding utf-8 | cp1252                      (txt/tstxt only; default utf-8)
  @ilabel / @rlabel                             speaker labels for interviewer / respondent
  @header  a header line (zero or more; for vtt it is written verbatim after WEBVTT)
  @ident   TEXT|TYPE   an identifier that occurs only in speaker labels (optional)
  ---
  then one paragraph per turn, "I: ..." or "R: ...", separated by blank lines.
  Identifiers inline: [[verbatim text|TYPE]].  Respondent turns end with {c}, {n} or {-}
  (casus / netwerk / neither).

Run with python-docx available (e.g. /work/main/.venv/bin/python src/build.py).
"""
import csv
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "transcripts")
IDS = ["dn01", "dn02", "dn03", "dn04", "dn05", "dn06"]

STYLES = {
    "dn01": ("casusgericht",
             "Attends many meetings and negotiates with many partners, but every meeting, agreement and escalation "
             "is used to realise one young man's plan; her trust role is with him and his mother, and she explicitly "
             "leaves structural network work to the chain manager."),
    "dn02": ("netwerkgericht",
             "Tells a long, warm story about an elderly client, but what he did with it was a case reconstruction, "
             "regional work agreements, a bank-Veilig Thuis line, privacy-officer sessions and steering-group "
             "escalation; his trust role is between professionals."),
    "dn03": ("onbepaald",
             "Too little evidence: a guarded respondent who answers in procedures and generalities and shows no "
             "investment in either the person or the network."),
    "dn04": ("casusgericht",
             "A community police officer who invests in one family at the kitchen table, pushes partners to deliver "
             "for them and is impatient with meetings that do not reach the people themselves."),
    "dn05": ("netwerkgericht",
             "Uses concrete client cases mainly as triggers for repairing relations with district teams, regional "
             "transfer agreements, an LVB consultation line and bringing the seams between organisations to the "
             "administrative level."),
    "dn06": ("casusgericht",
             "A probation officer who mentions many partners and the case conference, but mobilises them all to fit "
             "one LVB client's capacities, with his own trust relationship to the client at the centre."),
}

MARK = {"c": "casus", "n": "netwerk", "-": None}
ID_RE = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")


def parse(path):
    meta = {"header": [], "encoding": "utf-8"}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    head, body = text.split("\n---\n", 1)
    for line in head.splitlines():
        if not line.startswith("@"):
            continue
        key, _, val = line[1:].partition(" ")
        if key == "header":
            meta["header"].append(val)
        elif key == "ident":
            meta.setdefault("ident", []).append(tuple(val.strip().split("|")))
        else:
            meta[key] = val.strip()
    turns = []
    for para in re.split(r"\n\s*\n", body.strip()):
        para = " ".join(para.split())
        spk, _, rest = para.partition(": ")
        assert spk in ("I", "R"), para[:60]
        orient = None
        if spk == "R":
            m = re.search(r"\s*\{([cn-])\}$", rest)
            assert m, "respondent turn without mark: " + rest[:60]
            orient = MARK[m.group(1)]
            rest = rest[: m.start()]
        else:
            assert not re.search(r"\{[cn-]\}$", rest), rest[:60]
        turns.append({"spk": spk, "raw": rest, "orient": orient})
    for i, t in enumerate(turns):
        assert t["spk"] == ("I" if i % 2 == 0 else "R"), "alternation broken at turn %d" % (i + 1)
    return meta, turns


def strip_ids(s, found):
    def sub(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return ID_RE.sub(sub, s)


def ts(sec, sep):
    h, rem = divmod(int(sec * 1000), 3600000)
    m, rem = divmod(rem, 60000)
    s, ms = divmod(rem, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def chunks(text, maxw=28):
    """Split a turn into cue-sized pieces at sentence ends (vtt)."""
    sents = re.split(r"(?<=[.?!])\s+(?=[A-Z\[\"'ÁÉÍÓÚ])", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > maxw:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def render(doc, meta, turns):
    fmt = meta["format"]
    il, rl = meta["ilabel"], meta["rlabel"]
    header = meta["header"]
    lab = lambda t: il if t["spk"] == "I" else rl
    if fmt == "docx":
        import docx
        d = docx.Document()
        for k, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            if k == 0:
                r.bold = True
        d.add_paragraph("")
        for t in turns:
            p = d.add_paragraph()
            p.add_run(lab(t) + ":").bold = True
            p.add_run(" " + t["text"])
        path = os.path.join(OUT, doc + ".docx")
        d.core_properties.author = "transcriptie"
        d.save(path)
        return path
    if fmt == "srt":
        lines, clock = [], 4.0
        for n, t in enumerate(turns, 1):
            dur = max(2.0, len(t["text"].split()) / 2.6)
            lines += [str(n), "%s --> %s" % (ts(clock, ","), ts(clock + dur, ",")),
                      "%s: %s" % (lab(t), t["text"]), ""]
            clock += dur + 0.8
        path = os.path.join(OUT, doc + ".srt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt == "vtt":
        lines, clock = ["WEBVTT", ""], 2.5
        for h in header:
            lines += [h, ""]
        for t in turns:
            for piece in chunks(t["text"]):
                dur = max(1.5, len(piece.split()) / 2.7)
                lines += ["%s --> %s" % (ts(clock, "."), ts(clock + dur, ".")),
                          "<v %s>%s</v>" % (lab(t), piece), ""]
                clock += dur + 0.3
            clock += 0.7
        path = os.path.join(OUT, doc + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines))
        return path
    if fmt in ("txt", "tstxt"):
        lines = list(header) + ([""] if header else [])
        clock = 3.0
        for t in turns:
            if fmt == "tstxt":
                sec = int(clock)
                stamp = "[%02d:%02d:%02d] " % (sec // 3600, sec % 3600 // 60, sec % 60)
                clock += len(t["text"].split()) / 2.5 + 1.5
            else:
                stamp = ""
            lines += ["%s%s: %s" % (stamp, lab(t), t["text"]), ""]
        enc = meta.get("encoding", "utf-8")
        nl = "\r\n" if enc == "cp1252" else "\n"
        path = os.path.join(OUT, doc + ".txt")
        with open(path, "w", encoding=enc, newline=nl) as f:
            f.write("\n".join(lines))
        return path
    raise ValueError(fmt)


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    orient_rows, ident_rows, stats = [], [], []
    for doc in IDS:
        meta, turns = parse(os.path.join(HERE, doc + ".txt"))
        found = []
        meta["header"] = [strip_ids(h, found) for h in meta["header"]]
        for t in turns:
            t["text"] = strip_ids(t["raw"], found)
        path = render(doc, meta, turns)
        found += meta.get("ident", [])  # names that occur in speaker labels
        seen = set()
        for ident, typ in found:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                ident_rows.append((doc, ident, typ))
        for i, t in enumerate(turns, 1):
            if t["orient"]:
                orient_rows.append((doc, i, t["orient"]))
        words = sum(len(t["text"].split()) for t in turns)
        rwords = sum(len(t["text"].split()) for t in turns if t["spk"] == "R")
        rturns = sum(1 for t in turns if t["spk"] == "R")
        oc = sum(1 for t in turns if t["orient"] == "casus")
        on = sum(1 for t in turns if t["orient"] == "netwerk")
        stats.append((doc, os.path.basename(path), words, rwords, len(turns), rturns, oc, on))
    with open(os.path.join(ROOT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc in IDS:
            w.writerow([doc, STYLES[doc][0], STYLES[doc][1]])
    with open(os.path.join(ROOT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        for r in sorted(orient_rows, key=lambda r: (r[0], r[1])):
            w.writerow(r)
    with open(os.path.join(ROOT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        for r in ident_rows:
            w.writerow(r)
    print("doc   file        words  resp_words turns resp_turns casus netwerk")
    for s in stats:
        print("%-5s %-11s %5d %10d %5d %10d %5d %7d" % s)


if __name__ == "__main__":
    main()
