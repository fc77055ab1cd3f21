#!/usr/bin/env python3
"""Build transcripts and csv files of set F from the annotated sources in src/.

Source format (src/bfNN.src):
  - header lines '@key: value' (doc, format, encoding, label_i, label_r, bold_labels, timestamps,
    header (repeatable, may be empty), style, rationale, respondent, also (repeatable, 'text|TYPE'),
    no_terms)
  - then one paragraph per speaker turn, separated by blank lines; turn 1 is the interviewer and
    turns alternate strictly.
  - identifiers inline as [[verbatim text|TYPE]]
  - every respondent paragraph ends with an orientation mark {C} (casus), {N} (netwerk) or {-}.
Run with a python that has python-docx (e.g. /work/main/.venv/bin/python); only docx output needs it.
"""
import csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, 'transcripts')
DOCS = ['bf01', 'bf02', 'bf03', 'bf04', 'bf05', 'bf06']
MARK = re.compile(r'\[\[(.+?)\|([A-Z_]+)\]\]')
ORI = re.compile(r'\s*\{([CN-])\}\s*$')
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER', 'LEEFTIJD',
         'ORGANISATIE_NAAM'}
EXT = {'docx': 'docx', 'vtt': 'vtt', 'srt': 'srt', 'txt': 'txt'}


def parse(doc):
    raw = open(os.path.join(HERE, doc + '.src'), encoding='utf-8').read()
    meta = {'header': [], 'also': []}
    lines = raw.split('\n')
    i = 0
    while i < len(lines) and lines[i].startswith('@'):
        k, _, v = lines[i][1:].partition(':')
        v = v.strip()
        if k in ('header', 'also'):
            meta[k].append(v)
        else:
            meta[k] = v
        i += 1
    body = '\n'.join(lines[i:]).strip()
    paras = [p.strip().replace('\n', ' ') for p in re.split(r'\n\s*\n', body) if p.strip()]
    ids = []  # (identifier, type) in order of first appearance

    def take(m):
        if m.group(2) not in TYPES:
            sys.exit(f'{doc}: unknown identifier type {m.group(2)}')
        if (m.group(1), m.group(2)) not in ids:
            ids.append((m.group(1), m.group(2)))
        return m.group(1)

    header = [MARK.sub(take, h) for h in meta['header']]
    turns = []
    for n, p in enumerate(paras, 1):
        m = ORI.search(p)
        if n % 2 == 1:
            if m:
                sys.exit(f'{doc}: interviewer turn {n} has an orientation mark')
            ori = None
        else:
            if not m:
                sys.exit(f'{doc}: respondent turn {n} lacks an orientation mark')
            ori = {'C': 'casus', 'N': 'netwerk', '-': None}[m.group(1)]
            p = p[:m.start()]
        text = MARK.sub(take, p)
        if '[[' in text or ']]' in text or re.search(r'\{[CN-]\}', text):
            sys.exit(f'{doc}: stray annotation in turn {n}')
        turns.append({'n': n, 'who': 'I' if n % 2 else 'R', 'text': text, 'ori': ori})
    for a in meta['also']:
        t, _, ty = a.rpartition('|')
        if (t, ty) not in ids:
            ids.append((t, ty))
    return meta, header, turns, ids


def ts(sec, sep):
    total = int(round(sec * 1000))
    s, ms = divmod(total, 1000)
    h, r = divmod(s, 3600)
    m, s = divmod(r, 60)
    return f'{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}'


def timings(turns, start=4.0):
    t = start
    out = []
    for tr in turns:
        dur = max(2.0, len(tr['text'].split()) / 2.4)
        out.append((t, t + dur))
        t = t + dur + 0.8 + (tr['n'] % 3) * 0.35
    return out


def write(doc, meta, header, turns):
    fmt = meta['format']
    li, lr = meta['label_i'], meta['label_r']
    path = os.path.join(TDIR, f'{doc}.{EXT[fmt]}')
    lab = lambda tr: li if tr['who'] == 'I' else lr
    if fmt == 'docx':
        import docx
        from docx.shared import Pt
        d = docx.Document()
        st = d.styles['Normal']
        st.font.name = 'Calibri'
        st.font.size = Pt(11)
        for k, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = (k == 0)
        d.add_paragraph('')
        bold = meta.get('bold_labels', 'no') == 'yes'
        for tr in turns:
            p = d.add_paragraph()
            r = p.add_run(lab(tr) + ':')
            r.bold = bold
            p.add_run(' ' + tr['text'])
        d.save(path)
        return path
    if fmt == 'txt':
        nl = '\r\n' if meta.get('encoding') == 'cp1252' else '\n'
        out = list(header)
        tm = timings(turns) if meta.get('timestamps') == 'yes' else None
        for k, tr in enumerate(turns):
            pre = f'[{ts(tm[k][0], ",")[:8]}] ' if tm else ''
            out.append(f'{pre}{lab(tr)}: {tr["text"]}')
            out.append('')
        data = nl.join(out)
        with open(path, 'w', encoding=meta.get('encoding', 'utf-8'), newline='') as f:
            f.write(data)
        return path
    if fmt == 'vtt':
        out = ['WEBVTT', '']
        for h in header:
            out += [h, '']
        for k, (tr, (a, b)) in enumerate(zip(turns, timings(turns, 2.5)), 1):
            out += [str(k), f'{ts(a, ".")} --> {ts(b, ".")}', f'<v {lab(tr)}>{tr["text"]}</v>', '']
        open(path, 'w', encoding='utf-8').write('\n'.join(out))
        return path
    if fmt == 'srt':
        out = []
        for k, (tr, (a, b)) in enumerate(zip(turns, timings(turns, 1.2)), 1):
            out += [str(k), f'{ts(a, ",")} --> {ts(b, ",")}', f'{lab(tr)}: {tr["text"]}', '']
        open(path, 'w', encoding='utf-8').write('\n'.join(out))
        return path
    sys.exit('unknown format ' + fmt)


def main():
    os.makedirs(TDIR, exist_ok=True)
    styles, oris, idrows, table = [], [], [], []
    for doc in DOCS:
        meta, header, turns, ids = parse(doc)
        path = write(doc, meta, header, turns)
        styles.append((doc, meta['style'], meta['rationale']))
        for tr in turns:
            if tr['ori']:
                oris.append((doc, tr['n'], tr['ori']))
        for t, ty in ids:
            idrows.append((doc, t, ty))
        words = sum(len(tr['text'].split()) for tr in turns)
        rwords = sum(len(tr['text'].split()) for tr in turns if tr['who'] == 'R')
        fmtdesc = os.path.basename(path)
        if meta.get('encoding') == 'cp1252':
            fmtdesc += ' (Windows-1252, CRLF)'
        table.append((doc, meta['respondent'], meta['style'], fmtdesc, f'{meta["label_i"]} / {meta["label_r"]}',
                      words, rwords, sum(1 for t in turns if t['who'] == 'R'),
                      sum(1 for t in turns if t['ori'] == 'casus'),
                      sum(1 for t in turns if t['ori'] == 'netwerk')))
    with open(os.path.join(OUT, 'styles.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'style', 'rationale'])
        w.writerows(styles)
    with open(os.path.join(OUT, 'orientation.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        w.writerows(sorted(oris, key=lambda r: (r[0], r[1])))
    with open(os.path.join(OUT, 'identifiers.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'identifier', 'type'])
        w.writerows(idrows)
    notes = open(os.path.join(HERE, 'README_notes.md'), encoding='utf-8').read()
    rows = ['| doc | respondent (voice, setting) | style | format | labels | words (all / respondent) | respondent turns | casus / netwerk turns |',
            '|---|---|---|---|---|---|---|---|']
    for r in table:
        rows.append(f'| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} / {r[6]} | {r[7]} | {r[8]} / {r[9]} |')
    open(os.path.join(OUT, 'README.md'), 'w', encoding='utf-8').write(notes.replace('{{TABLE}}', '\n'.join(rows)))
    for r in table:
        print(r[0], r[2], r[3], 'words', r[5], 'resp', r[6], 'rturns', r[7], 'C/N', r[8], r[9])


if __name__ == '__main__':
    main()
