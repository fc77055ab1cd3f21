"""Build setEK transcripts and csv files from the annotated sources in this folder.

Source format (src/<id>.src):
  #format <docx-plain|docx-bold|txt-cp1252|txt-timestamps|srt|vtt>
  #speaker KEY|Label|interviewer|respondent
  #header <line>            header line (may contain identifier marks)
  #ident <text>|<TYPE>      identifier that occurs verbatim but is not marked inline (e.g. a speaker label)
  KEY: text ... [[casus]]   one turn per line; identifiers marked {text|TYPE};
                            respondent turns may end in [[casus]] or [[netwerk]]

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx for the .docx files)
"""
import csv
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TRANS = os.path.join(OUT, "transcripts")
IDS = ["ek01", "ek02", "ek03", "ek04", "ek05", "ek06"]
EXT = {"docx-plain": "docx", "docx-bold": "docx", "txt-cp1252": "txt",
       "txt-timestamps": "txt", "srt": "srt", "vtt": "vtt"}

STYLES = {
    "ek01": ("casusgericht", "Process director who sits in many meetings and calls many partners, but every meeting, "
             "escalation and agreement she describes is made for one woman's plan, and her trust work is at the kitchen table."),
    "ek02": ("netwerkgericht", "Tells long warm stories about two clients, but each story turns into what it showed about "
             "the partners and what he then organised between organisations (a standing table, a signed handover rule, escalation)."),
    "ek03": ("onbepaald", "Genuinely mixed: police officer who invests about equally in one young father (home visits, job, "
             "trust) and in standing arrangements with wijkteams and Veilig Thuis; never states a preference."),
    "ek04": ("casusgericht", "Probation officer whose whole account is about one man, his daughter and keeping his plan "
             "coherent; partner problems are solved per client and she declines structural work."),
    "ek05": ("netwerkgericht", "Veilig Thuis chain adviser whose work is the daily triage, quarterly meetings, cross-case "
             "counts, escalation to the steering group and trust between organisations; a client story serves as illustration."),
    "ek06": ("onbepaald", "Genuinely mixed: FACT nurse who keeps long-term trust and a crisis plan with one patient and her "
             "mother and, about equally, set up a consultation hour, a morning-mail agreement and a privacy note between organisations."),
}

ID_RE = re.compile(r"\{([^{}|]+)\|([A-Z_]+)\}")
OR_RE = re.compile(r"\s*\[\[(casus|netwerk)\]\]\s*$")


def parse(path):
    doc = {"format": None, "speakers": {}, "header": [], "turns": [], "idents": []}
    for raw in open(path, encoding="utf-8"):
        line = raw.rstrip("\n")
        if not line.strip():
            continue
        if line.startswith("#"):
            key, _, val = line[1:].partition(" ")
            if key == "format":
                doc["format"] = val.strip()
            elif key == "speaker":
                k, label, role = val.split("|")
                doc["speakers"][k] = (label, role)
            elif key == "header":
                doc["header"].append(take_ids(val, doc))
            elif key == "ident":
                text, typ = val.rsplit("|", 1)
                doc["idents"].append((text, typ))
            continue
        k, sep, text = line.partition(": ")
        if not sep or k not in doc["speakers"]:
            raise SystemExit(f"{path}: bad turn line: {line[:60]}")
        orient = None
        m = OR_RE.search(text)
        if m:
            orient = m.group(1)
            text = text[: m.start()]
        text = take_ids(text.strip(), doc)
        label, role = doc["speakers"][k]
        if orient and role != "respondent":
            raise SystemExit(f"{path}: orientation on interviewer turn")
        doc["turns"].append({"label": label, "role": role, "text": text, "orient": orient})
    return doc


def take_ids(text, doc):
    for m in ID_RE.finditer(text):
        doc["idents"].append((m.group(1), m.group(2)))
    return ID_RE.sub(lambda m: m.group(1), text)


def chunks(text, maxw=26):
    sents = re.split(r"(?<=[.!?])\s+", text)
    out, cur = [], []
    for s in sents:
        n = len(s.split())
        if cur and len(" ".join(cur).split()) + n > maxw:
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


def timed_cues(doc):
    t = 2.4
    cues = []
    for turn in doc["turns"]:
        for c in chunks(turn["text"]):
            dur = max(1.2, len(c.split()) / 2.6)
            cues.append((t, t + dur, turn["label"], c))
            t += dur + 0.25
        t += 0.6
    return cues


def render(doc_id, doc):
    fmt = doc["format"]
    path = os.path.join(TRANS, f"{doc_id}.{EXT[fmt]}")
    if fmt.startswith("docx"):
        import docx
        d = docx.Document()
        for i, h in enumerate(doc["header"]):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = i == 0
        if doc["header"]:
            d.add_paragraph("")
        for turn in doc["turns"]:
            p = d.add_paragraph()
            if fmt == "docx-bold":
                p.add_run(turn["label"] + ":").bold = True
                p.add_run(" " + turn["text"])
            else:
                p.add_run(f"{turn['label']}: {turn['text']}")
        d.save(path)
    elif fmt == "txt-cp1252":
        lines = list(doc["header"]) + [""]
        for turn in doc["turns"]:
            lines += [f"{turn['label']}: {turn['text']}", ""]
        with open(path, "wb") as f:
            f.write("\r\n".join(lines).encode("cp1252"))
    elif fmt == "txt-timestamps":
        lines = list(doc["header"]) + [""]
        t = 4
        for turn in doc["turns"]:
            h, rem = divmod(int(t), 3600)
            m, s = divmod(rem, 60)
            lines += [f"[{h:02d}:{m:02d}:{s:02d}] {turn['label']}: {turn['text']}", ""]
            t += len(turn["text"].split()) / 2.5 + 2
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
    elif fmt == "srt":
        out = []
        for n, (a, b, label, c) in enumerate(timed_cues(doc), 1):
            out += [str(n), f"{ts(a, ',')} --> {ts(b, ',')}", f"{label}: {c}", ""]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    elif fmt == "vtt":
        out = ["WEBVTT", ""]
        for n, (a, b, label, c) in enumerate(timed_cues(doc), 1):
            out += [f"{ts(a, '.')} --> {ts(b, '.')}", f"<v {label}>{c}</v>", ""]
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(out))
    else:
        raise SystemExit(f"unknown format {fmt}")
    return path


def main():
    os.makedirs(TRANS, exist_ok=True)
    for fn in os.listdir(TRANS):
        os.remove(os.path.join(TRANS, fn))
    orient_rows, ident_rows, stats, roles = [], [], [], {}
    for doc_id in IDS:
        doc = parse(os.path.join(HERE, f"{doc_id}.src"))
        path = render(doc_id, doc)
        roles[doc_id] = {lab: role for lab, role in doc["speakers"].values()}
        seen = set()
        for text, typ in doc["idents"]:
            if text not in seen:
                seen.add(text)
                ident_rows.append((doc_id, text, typ))
        for i, turn in enumerate(doc["turns"], 1):
            if turn["orient"]:
                orient_rows.append((doc_id, i, turn["orient"]))
        words = sum(len(t["text"].split()) for t in doc["turns"])
        rwords = sum(len(t["text"].split()) for t in doc["turns"] if t["role"] == "respondent")
        nresp = sum(1 for t in doc["turns"] if t["role"] == "respondent")
        oc = sum(1 for t in doc["turns"] if t["orient"] == "casus")
        on = sum(1 for t in doc["turns"] if t["orient"] == "netwerk")
        stats.append({"doc": doc_id, "file": os.path.basename(path), "format": doc["format"],
                      "words": words, "resp_words": rwords, "turns": len(doc["turns"]),
                      "resp_turns": nresp, "casus": oc, "netwerk": on})
    with open(os.path.join(OUT, "styles.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "style", "rationale"])
        for doc_id in IDS:
            w.writerow([doc_id, *STYLES[doc_id]])
    with open(os.path.join(OUT, "orientation.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "turn_index", "orientation"])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(OUT, "identifiers.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "identifier", "type"])
        w.writerows(ident_rows)
    with open(os.path.join(HERE, "stats.json"), "w", encoding="utf-8") as f:
        json.dump({"stats": stats, "roles": roles}, f, indent=1, ensure_ascii=False)
    for s in stats:
        print(s)


if __name__ == "__main__":
    main()
