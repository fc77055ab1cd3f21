#!/usr/bin/env python3
"""Build transcripts + csv files of blind set CS from the annotated sources in src/.

Source format (src/<id>.txt):
  '# key: value' meta lines (id, format, ilabel, rlabel, header [repeatable], encoding, start)
  then one paragraph per turn, separated by blank lines, starting with 'I:' or 'R:'.
  Identifiers inline as [[text|TYPE]]; respondent paragraphs may end with {casus} or {netwerk}.
Needs python-docx only for the .docx document (run with /work/main/.venv/bin/python).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, "transcripts")
IDS = ["cs01", "cs02", "cs03", "cs04", "cs05", "cs06"]

STYLES = {
    "cs01": ("casusgericht", "Nazorg regisseur who attends many meetings and phones many partners, but every meeting, call and agreement is used to build and protect one released man's own plan, with trust work toward him and his mother."),
    "cs02": ("netwerkgericht", "Ketenregisseur verward gedrag who tells warm, detailed stories about one elderly client, yet uses them to show where organisations fail each other and invests in agreements, fixed contacts, escalation and patterns across cases."),
    "cs03": ("onbepaald", "Genuinely mixed: the kamerverhuur/woonoverlast regisseur spends about equal effort on personally carrying one psychotic student and on building a standing table and protocol with universities, landlords and police."),
    "cs04": ("netwerkgericht", "Assen domestic-violence process director who uses a painful case as illustration but invests in the covenant, fixed contact persons, the steering group and trend analysis, seeing his role as making the organisations work together."),
    "cs05": ("casusgericht", "Terse Assen community police officer whose regie consists of weekly contact with one confused young tenant and mobilising the corporation, mediation and GGZ for that man, with no interest in structural arrangements."),
    "cs06": ("onbepaald", "Genuinely mixed: the senior PGA regisseur for young adults carries one young man and his mother personally while equally investing in the expert meeting, agreements with OM and school, and coaching colleagues on the network."),
}

MARK = re.compile(r"\[\[(.+?)\|([A-Z_]+)\]\]")
ORI = re.compile(r"\s*\{(casus|netwerk)\}\s*$")


def parse(doc_id):
    meta = {"header": []}
    turns = []
    with open(os.path.join(HERE, doc_id + ".txt"), encoding="utf-8") as f:
        raw = f.read()
    body = []
    for line in raw.splitlines():
        if line.startswith("# ") and ":" in line and not body:
            k, v = line[2:].split(":", 1)
            k, v = k.strip(), v.strip()
            if k == "header":
                meta["header"].append(v)
            else:
                meta[k] = v
        else:
            body.append(line)
    paras = [p.strip() for p in "\n".join(body).split("\n\n") if p.strip()]
    for i, p in enumerate(paras):
        p = " ".join(p.split())
        spk, text = p.split(":", 1)
        spk = spk.strip()
        assert spk in ("I", "R"), (doc_id, i, p[:40])
        exp = "I" if i % 2 == 0 else "R"
        assert spk == exp, (doc_id, i + 1, "alternation broken")
        text = text.strip()
        ori = None
        m = ORI.search(text)
        if m:
            ori = m.group(1)
            text = text[: m.start()].rstrip()
            assert spk == "R"
        turns.append({"spk": spk, "marked": text, "ori": ori})
    return meta, turns


def plain(marked):
    return MARK.sub(lambda m: m.group(1), marked)


def idents(marked):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(marked)]


def fix_units(marked):
    """Split marked text into word units, keeping identifiers atomic."""
    toks = []
    pos = 0
    buf = ""
    s = marked
    protected = []
    for m in MARK.finditer(s):
        protected.append((m.start(), m.end(), m.group(1)))
    # rebuild plain text with protected spans replaced by placeholders without spaces
    ph = []
    rebuilt = ""
    last = 0
    for k, (a, b, t) in enumerate(protected):
        rebuilt += s[last:a] + "\x00%d\x00" % k
        ph.append(t)
        last = b
    rebuilt += s[last:]
    for w in rebuilt.split():
        toks.append(re.sub(r"\x00(\d+)\x00", lambda m: ph[int(m.group(1))], w))
    return toks


def words(text):
    return len(text.split())


def ts(sec, sep):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = int(sec % 60)
    ms = int(round((sec - int(sec)) * 1000))
    if ms == 1000:
        ms = 999
    return "%02d:%02d:%02d%s%03d" % (h, m, s, sep, ms)


def cues(turns, start=4.0, maxw=16):
    """Split turns into subtitle cues; returns list of (spk_index, t0, t1, text)."""
    t = start
    out = []
    for n, tu in enumerate(turns):
        toks = fix_units(tu["marked"])
        chunk = []
        chunks = []
        for w in toks:
            chunk.append(w)
            if (len(chunk) >= maxw) or (len(chunk) >= 7 and w[-1] in ".?!"):
                chunks.append(chunk)
                chunk = []
        if chunk:
            chunks.append(chunk)
        for c in chunks:
            dur = max(1.2, len(c) / 2.6)
            out.append((n, t, t + dur, " ".join(c)))
            t += dur + 0.15
        t += 0.6
    return out


def build_txt(doc_id, meta, turns):
    lab = {"I": meta["ilabel"], "R": meta["rlabel"]}
    lines = list(meta["header"])
    if lines:
        lines.append("")
    stamp = meta.get("stamps") == "yes"
    t = float(meta.get("start", "5"))
    for tu in turns:
        text = plain(tu["marked"])
        if stamp:
            lines.append("[%s] %s %s" % (ts(t, ",")[:8], lab[tu["spk"]], text))
        else:
            lines.append("%s %s" % (lab[tu["spk"]], text))
        lines.append("")
        t += words(text) / 2.5 + 1.5
    data = "\r\n".join(lines) if meta.get("encoding") == "cp1252" else "\n".join(lines)
    enc = meta.get("encoding", "utf-8")
    with open(os.path.join(TR, doc_id + ".txt"), "wb") as f:
        f.write(data.encode(enc))


def build_srt(doc_id, meta, turns):
    lab = {"I": meta["ilabel"], "R": meta["rlabel"]}
    out = []
    for k, (n, a, b, text) in enumerate(cues(turns, float(meta.get("start", "4"))), 1):
        out.append("%d\n%s --> %s\n%s %s\n" % (k, ts(a, ","), ts(b, ","), lab[turns[n]["spk"]], text))
    with open(os.path.join(TR, doc_id + ".srt"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def build_vtt(doc_id, meta, turns):
    lab = {"I": meta["ilabel"], "R": meta["rlabel"]}
    out = ["WEBVTT"]
    for h in meta["header"]:
        out.append("NOTE " + h)
    out.append("")
    for k, (n, a, b, text) in enumerate(cues(turns, float(meta.get("start", "4"))), 1):
        out.append("%d\n%s --> %s\n<v %s>%s\n" % (k, ts(a, "."), ts(b, "."), lab[turns[n]["spk"]], text))
    with open(os.path.join(TR, doc_id + ".vtt"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))


def build_docx(doc_id, meta, turns):
    import docx
    d = docx.Document()
    for k, h in enumerate(meta["header"]):
        p = d.add_paragraph()
        r = p.add_run(h)
        if k == 0:
            r.bold = True
    lab = {"I": meta["ilabel"], "R": meta["rlabel"]}
    for tu in turns:
        p = d.add_paragraph()
        r = p.add_run(lab[tu["spk"]])
        r.bold = True
        p.add_run(" " + plain(tu["marked"]))
    d.save(os.path.join(TR, doc_id + ".docx"))


def main():
    os.makedirs(TR, exist_ok=True)
    for fn in os.listdir(TR):
        os.remove(os.path.join(TR, fn))
    st_rows, or_rows, id_rows, info = [], [], [], []
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        fmt = meta["format"]
        {"txt": build_txt, "srt": build_srt, "vtt": build_vtt, "docx": build_docx}[fmt](doc_id, meta, turns)
        seen = set()
        for h in meta["header"]:
            for ident in idents(h):
                if ident not in seen:
                    seen.add(ident)
                    id_rows.append((doc_id,) + ident)
        meta["header"] = [plain(h) for h in meta["header"]]
        # re-run builder with plain header (headers may carry marks)
        {"txt": build_txt, "srt": build_srt, "vtt": build_vtt, "docx": build_docx}[fmt](doc_id, meta, turns)
        for n, tu in enumerate(turns, 1):
            if tu["ori"]:
                or_rows.append((doc_id, n, tu["ori"]))
            for ident in idents(tu["marked"]):
                if ident not in seen:
                    seen.add(ident)
                    id_rows.append((doc_id,) + ident)
        st_rows.append((doc_id,) + STYLES[doc_id])
        nw = sum(words(plain(t["marked"])) for t in turns)
        nr = sum(1 for t in turns if t["spk"] == "R")
        rw = sum(words(plain(t["marked"])) for t in turns if t["spk"] == "R")
        oc = sum(1 for t in turns if t["ori"] == "casus")
        on = sum(1 for t in turns if t["ori"] == "netwerk")
        info.append((doc_id, fmt, nw, rw, nr, oc, on))
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        w.writerows(st_rows)
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(or_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(id_rows)
    for row in info:
        print("%s %-4s words=%d resp_words=%d resp_turns=%d casus=%d netwerk=%d" % row)


if __name__ == "__main__":
    sys.exit(main())
