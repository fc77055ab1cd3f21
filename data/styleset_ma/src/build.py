"""Build the setma transcripts and csv files from the annotated sources.

Run with:  /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/maNN.txt):
  '# key: value' config lines (format, interviewer, respondent, style, rationale);
  then paragraphs separated by blank lines, one per turn:
    H: header line      I: interviewer turn      R: respondent turn ... {casus|netwerk|-}
  identifiers inline as [[text|TYPE]]; a '¶' inside a turn starts a new
  paragraph/line without a speaker label in the formats that support that.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, 'transcripts')
DOCS = ['ma01', 'ma02', 'ma03', 'ma04', 'ma05', 'ma06']
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER',
         'LEEFTIJD', 'ORGANISATIE_NAAM'}
MARK = re.compile(r'\[\[([^\]|]+)\|([A-Z_]+)\]\]')
TAG = re.compile(r'\s*\{(casus|netwerk|-)\}\s*$')
PARA = '\u00b6'
ABBREV = {'mr.', 'dr.', 'mevr.', 'dhr.', 'bijv.', 'o.a.', 'ca.', 'nr.'}


def strip(text, found):
    def rep(m):
        s, t = m.group(1), m.group(2)
        if t not in TYPES:
            sys.exit(f'unknown type {t} for {s!r}')
        found.append((s, t))
        return s
    return MARK.sub(rep, text)


def parse(doc):
    path = os.path.join(HERE, doc + '.txt')
    cfg, header, turns, found = {}, [], [], []
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    blocks = [b.strip() for b in re.split(r'\n\s*\n', raw) if b.strip()]
    for b in blocks:
        lines = b.split('\n')
        rest = []
        for ln in lines:
            m = re.match(r'#\s*(\w+):\s*(.*)$', ln)
            if m and not rest:
                cfg[m.group(1)] = m.group(2).strip()
            else:
                rest.append(ln)
        if not rest:
            continue
        b = ' '.join(x.strip() for x in rest)
        kind, text = b[:2], b[2:].strip()
        if kind == 'H:':
            header.append(strip(text, found))
        elif kind in ('I:', 'R:'):
            tag = None
            if kind == 'R:':
                m = TAG.search(text)
                if not m:
                    sys.exit(f'{doc}: respondent paragraph without tag: {text[:60]}')
                tag = m.group(1)
                text = text[:m.start()]
            elif TAG.search(text):
                sys.exit(f'{doc}: interviewer paragraph with tag: {text[:60]}')
            turns.append({'who': kind[0], 'marked': text.strip(),
                          'text': strip(text.strip(), found), 'tag': tag})
        else:
            sys.exit(f'{doc}: bad paragraph start {b[:40]!r}')
    labels = {}
    for k in ('interviewer', 'respondent'):
        labels[k[0].upper()] = strip(cfg[k], found)
    for i, t in enumerate(turns):
        want = 'I' if i % 2 == 0 else 'R'
        if t['who'] != want:
            sys.exit(f'{doc}: turn {i+1} should be {want}')
    # identifiers: one row per distinct string, consistent type
    ids = {}
    for s, t in found:
        if s in ids and ids[s] != t:
            sys.exit(f'{doc}: {s!r} typed both {ids[s]} and {t}')
        ids.setdefault(s, t)
    return {'cfg': cfg, 'header': header, 'turns': turns, 'ids': ids, 'labels': labels}


def words(text):
    return len(text.replace(PARA, ' ').split())


def plain(text):
    return re.sub(r'\s*' + PARA + r'\s*', ' ', text).strip()


def paragraphs(text):
    return [p.strip() for p in text.split(PARA) if p.strip()]


# ---- timing and cue chunking -------------------------------------------------

def sentences(marked):
    """Split marked text into sentences; identifiers stay atomic."""
    protected = MARK.sub(lambda m: m.group(0).replace(' ', '\x00'), marked.replace(PARA, ' '))
    toks = protected.split()
    sents, cur = [], []
    for tok in toks:
        cur.append(tok)
        bare = tok.rstrip(')"\'')
        if ('[[' not in tok and bare[-1:] in '.?!' and tok.lower() not in ABBREV
                and not re.fullmatch(r'([A-Z]\.)+', bare)):
            sents.append(cur)
            cur = []
    if cur:
        sents.append(cur)
    out = []
    for s in sents:
        txt = ' '.join(s).replace('\x00', ' ')
        out.append(MARK.sub(lambda m: m.group(1), txt))
    return out


def chunks(marked, maxw):
    res, cur = [], []
    for s in sentences(marked):
        if cur and len(' '.join(cur + [s]).split()) > maxw:
            res.append(' '.join(cur))
            cur = []
        cur.append(s)
    if cur:
        res.append(' '.join(cur))
    return res


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f'{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}'


def dur(text):
    return max(1.2, len(text.split()) / 2.6)


# ---- writers -----------------------------------------------------------------

def write_docx(doc, d, bold):
    import docx
    from docx.shared import Pt
    document = docx.Document()
    style = document.styles['Normal']
    style.font.name = 'Calibri'
    style.font.size = Pt(11)
    for j, h in enumerate(d['header']):
        p = document.add_paragraph()
        r = p.add_run(h)
        if j == 0 and bold:
            r.bold = True
        elif not bold:
            r.italic = True
    if d['header']:
        document.add_paragraph()
    for t in d['turns']:
        label = d['labels'][t['who']]
        paras = paragraphs(t['text'])
        p = document.add_paragraph()
        if bold:
            r = p.add_run(label + ':')
            r.bold = True
            p.add_run(' ' + paras[0])
        else:
            p.add_run(f'{label}: {paras[0]}')
        for extra in paras[1:]:
            document.add_paragraph(extra)
    document.core_properties.author = 'transcriptie'
    document.core_properties.title = ''
    document.save(os.path.join(OUT, doc + '.docx'))


def write_txt_ir(doc, d):
    lines = list(d['header'])
    if lines:
        lines.append('')
    for t in d['turns']:
        paras = paragraphs(t['text'])
        lines.append(f"{d['labels'][t['who']]}: {paras[0]}")
        lines.extend(paras[1:])
        lines.append('')
    data = '\r\n'.join(lines).rstrip('\r\n') + '\r\n'
    with open(os.path.join(OUT, doc + '.txt'), 'wb') as f:
        f.write(data.encode('cp1252'))


def write_txt_spreker(doc, d):
    lines = list(d['header'])
    if lines:
        lines.append('')
    clock = 2.0
    for t in d['turns']:
        stamp = ts(clock, ',')[:8]
        lines.append(f"[{stamp}] {d['labels'][t['who']]}: {plain(t['text'])}")
        lines.append('')
        clock += dur(plain(t['text'])) + 0.8
    data = '\n'.join(lines).rstrip('\n') + '\n'
    with open(os.path.join(OUT, doc + '.txt'), 'w', encoding='utf-8', newline='') as f:
        f.write(data)


def write_vtt(doc, d):
    lines = ['WEBVTT', '']
    if d['header']:
        lines.append('NOTE')
        lines.extend(d['header'])
        lines.append('')
    clock = 1.5
    for t in d['turns']:
        name = d['labels'][t['who']]
        for c in chunks(t['marked'], 32):
            end = clock + dur(c)
            lines.append(f'{ts(clock, ".")} --> {ts(end, ".")}')
            lines.append(f'<v {name}>{c}</v>')
            lines.append('')
            clock = end + 0.2
        clock += 0.6
    with open(os.path.join(OUT, doc + '.vtt'), 'w', encoding='utf-8', newline='') as f:
        f.write('\n'.join(lines).rstrip('\n') + '\n')


def write_srt(doc, d):
    lines = []
    clock, n = 0.8, 0
    for t in d['turns']:
        name = d['labels'][t['who']]
        for k, c in enumerate(chunks(t['marked'], 24)):
            n += 1
            end = clock + dur(c)
            lines.append(str(n))
            lines.append(f'{ts(clock, ",")} --> {ts(end, ",")}')
            lines.append(f'{name}: {c}' if k == 0 else c)
            lines.append('')
            clock = end + 0.15
        clock += 0.5
    with open(os.path.join(OUT, doc + '.srt'), 'wb') as f:
        f.write(('\r\n'.join(lines).rstrip('\r\n') + '\r\n').encode('utf-8'))


WRITERS = {
    'docx_bold': lambda doc, d: write_docx(doc, d, True),
    'docx_plain': lambda doc, d: write_docx(doc, d, False),
    'txt_ir_cp1252': write_txt_ir,
    'txt_spreker_utf8': write_txt_spreker,
    'vtt': write_vtt,
    'srt': write_srt,
}


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        if fn.split('.')[0] in DOCS:
            os.remove(os.path.join(OUT, fn))
    styles, orient, idents = [], [], []
    for doc in DOCS:
        d = parse(doc)
        WRITERS[d['cfg']['format']](doc, d)
        styles.append((doc, d['cfg']['style'], d['cfg']['rationale']))
        for i, t in enumerate(d['turns'], 1):
            if t['who'] == 'R' and t['tag'] in ('casus', 'netwerk'):
                orient.append((doc, i, t['tag']))
        for s, typ in d['ids'].items():
            idents.append((doc, s, typ))
        w = sum(words(t['text']) for t in d['turns'])
        nr = sum(1 for t in d['turns'] if t['who'] == 'R')
        tags = [t['tag'] for t in d['turns'] if t['who'] == 'R']
        print(f"{doc} {d['cfg']['format']:17s} words={w} R-turns={nr} "
              f"casus={tags.count('casus')} netwerk={tags.count('netwerk')} "
              f"ids={len(d['ids'])}")
    with open(os.path.join(ROOT, 'styles.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'style', 'rationale'])
        w.writerows(styles)
    with open(os.path.join(ROOT, 'orientation.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        w.writerows(sorted(orient))
    with open(os.path.join(ROOT, 'identifiers.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'identifier', 'type'])
        w.writerows(idents)


if __name__ == '__main__':
    main()
