"""Build transcripts + csv files for blind set CI from annotated sources.

Source format (src/ciNN.src):
  #format: docx | txt-utf8 | txt-cp1252 | txt-timestamps | srt | vtt
  #header: a header line (may repeat)
  #ilabel / #rlabel: speaker labels
  I: interviewer turn          (one paragraph per turn, blank line between turns)
  R: respondent turn {c}{n}    (orientation marks at the end: {c}=casus, {n}=netwerk,
                                both or none = no row in orientation.csv)
  identifiers inline: [[verbatim text|TYPE]]

Run with any python3 (python-docx needed only for the docx file):
  python src/build.py
"""
import csv
import os
import re
import random

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["ci01", "ci02", "ci03", "ci04", "ci05", "ci06"]
ID_RE = re.compile(r"\[\[([^\]|]+)\|([A-Z_]+)\]\]")
MARK_RE = re.compile(r"\s*((?:\{[cn]\})+)\s*$")

STYLES = {
    "ci01": ("netwerkgericht", "Tells long affectionate stories about one homeless client, but every story is used to show how she got team leaders, the housing corporation and addiction care to change standing rules, and she deliberately leaves client contact to a colleague."),
    "ci02": ("onbepaald", "Genuinely mixed: she spends her time equally on kitchen-table work and a safety plan with one mother and on redesigning MDA++ procedures with police, OM and reclassering, and invests in both kinds of trust."),
    "ci03": ("casusgericht", "Talks constantly about meetings, partners, officers and agreements, but all of it is arranged around one young man's own wishes and plan, and he admits network-level documents bore him."),
    "ci04": ("netwerkgericht", "Chairs the bemoeizorg table, calls directors and the alderman, uses aggregate figures and regional agreements, and explicitly leaves client contact and client trust to outreach workers."),
    "ci05": ("casusgericht", "Almost everything is about one released detainee: collecting him at the gate, ID, bank, medication, honesty about testing and his wish to see his daughter; partners are called for him, meetings used for him."),
    "ci06": ("onbepaald", "Genuinely mixed: about equal investment in one boy and his mother (boxing, car talks, safety plan) and in area meetings, a signed police-youth protection agreement and escalation about waiting lists."),
}


def parse(doc_id):
    meta = {"header": []}
    turns = []
    with open(os.path.join(HERE, doc_id + ".src"), encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                k, v = line[1:].split(":", 1)
                v = v.strip()
                if k == "header":
                    meta["header"].append(v)
                else:
                    meta[k] = v
                continue
            spk, text = line.split(":", 1)
            assert spk in ("I", "R"), (doc_id, line[:40])
            text = text.strip()
            marks = ""
            m = MARK_RE.search(text)
            if m:
                marks = m.group(1)
                text = text[: m.start()].rstrip()
            turns.append({"spk": spk, "raw": text, "marks": marks})
    idents = []
    for h in meta["header"]:
        idents += ID_RE.findall(h)
    meta["header"] = [ID_RE.sub(r"\1", h) for h in meta["header"]]
    for t in turns:
        idents += ID_RE.findall(t["raw"])
        t["text"] = ID_RE.sub(r"\1", t["raw"])
    seen, uniq = set(), []
    for ident, typ in idents:
        if (ident, typ) not in seen:
            seen.add((ident, typ))
            uniq.append((ident, typ))
    return meta, turns, uniq


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def chunks(text, max_words=24):
    sents = re.split(r"(?<=[.?!])\s+", text)
    out, cur = [], []
    for s in sents:
        if cur and len(" ".join(cur + [s]).split()) > max_words:
            out.append(" ".join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(" ".join(cur))
    return out


def timed(turns, seed, per_chunk=True):
    rnd = random.Random(seed)
    t = 3.0 + rnd.random() * 3
    res = []
    for tu in turns:
        parts = chunks(tu["text"]) if per_chunk else [tu["text"]]
        cues = []
        for p in parts:
            dur = max(1.2, len(p.split()) / (2.3 + rnd.random() * 0.6))
            cues.append((t, t + dur, p))
            t += dur + 0.15 + rnd.random() * 0.4
        t += 0.5 + rnd.random() * 1.5
        res.append(cues)
    return res


def write(doc_id, meta, turns):
    fmt = meta["format"]
    lab = {"I": meta["ilabel"], "R": meta["rlabel"]}
    if fmt == "docx":
        import docx
        d = docx.Document()
        for h in meta["header"]:
            p = d.add_paragraph()
            p.add_run(h).italic = True
        d.add_paragraph("")
        for tu in turns:
            p = d.add_paragraph()
            p.add_run(lab[tu["spk"]] + ":").bold = True
            p.add_run(" " + tu["text"])
        path = os.path.join(TR, doc_id + ".docx")
        d.save(path)
        return path
    if fmt in ("txt-utf8", "txt-cp1252"):
        lines = list(meta["header"]) + [""]
        for tu in turns:
            lines.append("%s: %s" % (lab[tu["spk"]], tu["text"]))
            lines.append("")
        path = os.path.join(TR, doc_id + ".txt")
        if fmt == "txt-utf8":
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write("\n".join(lines))
        else:
            with open(path, "w", encoding="cp1252", newline="\r\n") as f:
                f.write("\n".join(lines))
        return path
    if fmt == "txt-timestamps":
        tt = timed(turns, doc_id, per_chunk=False)
        lines = list(meta["header"]) + [""]
        for tu, cues in zip(turns, tt):
            lines.append("[%s] %s: %s" % (ts(cues[0][0], ".")[:8], lab[tu["spk"]], tu["text"]))
        path = os.path.join(TR, doc_id + ".txt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        return path
    if fmt == "srt":
        tt = timed(turns, doc_id)
        out, n = [], 0
        for tu, cues in zip(turns, tt):
            for a, b, p in cues:
                n += 1
                out += [str(n), "%s --> %s" % (ts(a, ","), ts(b, ",")), "%s: %s" % (lab[tu["spk"]], p), ""]
        path = os.path.join(TR, doc_id + ".srt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
        return path
    if fmt == "vtt":
        tt = timed(turns, doc_id)
        rnd = random.Random(doc_id + "ids")
        out = ["WEBVTT", ""]
        for tu, cues in zip(turns, tt):
            for a, b, p in cues:
                cid = "%08x-%04x-%04x-%04x-%012x/%d-0" % (
                    rnd.getrandbits(32), rnd.getrandbits(16), rnd.getrandbits(16),
                    rnd.getrandbits(16), rnd.getrandbits(48), rnd.randint(10, 40))
                out += [cid, "%s --> %s" % (ts(a, "."), ts(b, ".")), "<v %s>%s</v>" % (lab[tu["spk"]], p), ""]
        path = os.path.join(TR, doc_id + ".vtt")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(out))
        return path
    raise ValueError(fmt)


def main():
    os.makedirs(TR, exist_ok=True)
    orient, ident_rows, stats = [], [], []
    for doc_id in IDS:
        meta, turns, idents = parse(doc_id)
        for i, tu in enumerate(turns, 1):
            assert tu["spk"] == ("I" if i % 2 else "R"), (doc_id, i)
            if tu["spk"] == "I":
                assert not tu["marks"], (doc_id, i)
            has_c, has_n = "{c}" in tu["marks"], "{n}" in tu["marks"]
            if has_c != has_n:
                orient.append((doc_id, i, "casus" if has_c else "netwerk"))
        for ident, typ in idents:
            ident_rows.append((doc_id, ident, typ))
        path = write(doc_id, meta, turns)
        words = sum(len(t["text"].split()) for t in turns)
        rwords = sum(len(t["text"].split()) for t in turns if t["spk"] == "R")
        nres = sum(1 for t in turns if t["spk"] == "R")
        nc = sum(1 for t in turns if t["marks"] == "{c}")
        nn = sum(1 for t in turns if t["marks"] == "{n}")
        nb = sum(1 for t in turns if t["marks"] == "{c}{n}")
        stats.append((doc_id, os.path.basename(path), words, rwords, nres, nc, nn, nb))
    orient.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(orient)
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in IDS:
            w.writerow([doc_id, STYLES[doc_id][0], STYLES[doc_id][1]])
    print("doc file words resp_words resp_turns casus_only netwerk_only both")
    for s in stats:
        print(*s)


if __name__ == "__main__":
    main()
