#!/usr/bin/env python3
"""Build the setLA transcripts and csv files from the annotated sources in src/.

Source format (src/<doc_id>.txt): one paragraph per turn, paragraphs separated by blank lines.
  H: header line        (metadata, not a turn)
  I: interviewer turn
  R: respondent turn, ending in {casus}, {netwerk} or {-}
Identifiers inline as [[text|TYPE]].

Run: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, 'transcripts')

TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER',
         'LEEFTIJD', 'ORGANISATIE_NAAM'}

# per document: delivery format and speaker labels (interviewer, respondent);
# label_persons: speaker labels that are names (count as PERSOON identifiers)
DOCS = {
    'la01': dict(fmt='docx_bold', ilabel='Interviewer', rlabel='Respondent', label_persons=False),
    'la02': dict(fmt='txt_cp1252', ilabel='I', rlabel='R', label_persons=False),
    'la03': dict(fmt='vtt', ilabel='Lotte Verhoef', rlabel='Erwin Kloosterman', label_persons=True),
    'la04': dict(fmt='srt', ilabel='Bas', rlabel='Nadia', label_persons=True),
    'la05': dict(fmt='txt_ts', ilabel='Spreker 1', rlabel='Spreker 2', label_persons=False),
    'la06': dict(fmt='docx_plain', ilabel='Bas', rlabel='Marjolein', label_persons=True),
}

STYLES = {
    'la01': ('casusgericht',
             'The MEE/LVB consultant names many partners and meetings, but every contact is a means '
             'for Jesse\'s plan; she builds his trust herself and declined the regional werkgroep.'),
    'la02': ('netwerkgericht',
             'The wijkagent near retirement tells warm stories about Dylan but deliberately hands the daily '
             'contact to MEE and invests in the monthly table, agreements, escalation and handing over his relations.'),
    'la03': ('onbepaald',
             'Genuinely mixed (and says so): the schuldhulpverlener invests about equally in his own home visits '
             'and trust with Sem and in a regional route, lobbying and breakfasts with bewindvoerders.'),
    'la04': ('casusgericht',
             'The PGA regisseur chairs the overleg and knows all partners, but uses every contact for Rick\'s '
             'own list, goes fishing with him and declined the island werkgroep.'),
    'la05': ('onbepaald',
             'Genuinely mixed (never says so): the verslavingsbegeleider alternates between staying with Mo '
             'day and night and writing and spreading a three-organisation werkafspraak, trainings and escalations.'),
    'la06': ('casusgericht',
             'The reclasseringswerker criticises structures but only reports them upward and refuses werkgroepen; '
             'her effort and trust go into Kim, with partners called one question at a time for her.'),
}

ANN = re.compile(r'\[\[(.+?)\|([A-Z_]+)\]\]')
TAG = re.compile(r'\s*\{(casus|netwerk|-)\}\s*$')


def read_source(doc_id):
    with open(os.path.join(HERE, doc_id + '.txt'), encoding='utf-8') as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r'\n\s*\n', raw) if p.strip()]
    header, turns = [], []
    for p in paras:
        if '\n' in p:
            sys.exit(f'{doc_id}: paragraph spans several lines: {p[:60]}')
        kind, _, text = p.partition(': ')
        if kind == 'H':
            if turns:
                sys.exit(f'{doc_id}: header after turns')
            header.append(text)
        elif kind in ('I', 'R'):
            tag = None
            m = TAG.search(text)
            if kind == 'R':
                if not m:
                    sys.exit(f'{doc_id}: respondent paragraph without tag: {text[:60]}')
                tag = m.group(1)
                text = text[:m.start()]
            elif m:
                sys.exit(f'{doc_id}: interviewer paragraph with tag: {text[:60]}')
            turns.append((kind, text, tag))
        else:
            sys.exit(f'{doc_id}: bad paragraph kind {kind!r}')
    for i, (k, _, _) in enumerate(turns):
        if k != ('I' if i % 2 == 0 else 'R'):
            sys.exit(f'{doc_id}: turns do not alternate at turn {i + 1}')
    return header, turns


def plain(s):
    return ANN.sub(lambda m: m.group(1), s)


def annotations(s):
    out = []
    for m in ANN.finditer(s):
        if m.group(2) not in TYPES:
            sys.exit(f'bad type {m.group(2)}')
        out.append((m.group(1), m.group(2)))
    return out


# ---------------------------------------------------------------- chunking / timing
def sentences(text):
    # split after . ! ? or closing quote/paren following them; not after a single capital initial
    parts = re.split(r'(?<=[.!?])(?<![ (][A-Z]\.)\s+(?=[A-Z"“(\'ÉÖ0-9])', text)
    return [p for p in parts if p]


def chunks(text, maxw=26):
    out, cur = [], []
    for s in sentences(text):
        w = len(s.split())
        if cur and len(' '.join(cur).split()) + w > maxw:
            out.append(' '.join(cur))
            cur = []
        cur.append(s)
    if cur:
        out.append(' '.join(cur))
    return out


def fmt_ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f'{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}'


def timed_chunks(turns, start=2.4):
    """yield (speaker_kind, chunk_text, t0, t1, turn_no)"""
    t = start
    for n, (kind, text, _) in enumerate(turns):
        for c in chunks(plain(text)):
            dur = max(1.2, len(c.split()) / 2.55)
            yield kind, c, t, t + dur, n
            t += dur + 0.25
        t += 0.9


# ---------------------------------------------------------------- writers
def write_docx_bold(path, header, turns, cfg):
    d = docx.Document()
    d.styles['Normal'].font.name = 'Calibri'
    d.styles['Normal'].font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        r.italic = True
    d.add_paragraph('')
    for kind, text, _ in turns:
        p = d.add_paragraph()
        lab = p.add_run((cfg['ilabel'] if kind == 'I' else cfg['rlabel']) + ':')
        lab.bold = True
        p.add_run(' ' + plain(text))
    d.save(path)


def write_docx_plain(path, header, turns, cfg):
    d = docx.Document()
    for h in header:
        p = d.add_paragraph()
        p.add_run(plain(h)).bold = True
    for kind, text, _ in turns:
        lab = cfg['ilabel'] if kind == 'I' else cfg['rlabel']
        d.add_paragraph(f'{lab}: {plain(text)}')
    d.save(path)


def write_txt_cp1252(path, header, turns, cfg):
    lines = [plain(h) for h in header] + ['']
    for kind, text, _ in turns:
        lab = cfg['ilabel'] if kind == 'I' else cfg['rlabel']
        lines.append(f'{lab}: {plain(text)}')
        lines.append('')
    data = '\r\n'.join(lines).encode('cp1252')
    with open(path, 'wb') as f:
        f.write(data)


def write_txt_ts(path, header, turns, cfg):
    lines = [plain(h) for h in header] + ['', '']
    t = 3.0
    for kind, text, _ in turns:
        lab = cfg['ilabel'] if kind == 'I' else cfg['rlabel']
        hh = fmt_ts(t, '.')[:8]
        lines.append(f'[{hh}] {lab}: {plain(text)}')
        lines.append('')
        t += len(plain(text).split()) / 2.5 + 1.5
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(lines))


def write_vtt(path, header, turns, cfg):
    out = ['WEBVTT', '', 'NOTE'] + [plain(h) for h in header] + ['']
    for kind, c, t0, t1, _ in timed_chunks(turns):
        name = cfg['ilabel'] if kind == 'I' else cfg['rlabel']
        out.append(f'{fmt_ts(t0, ".")} --> {fmt_ts(t1, ".")}')
        out.append(f'<v {name}>{c}</v>')
        out.append('')
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(out))


def write_srt(path, header, turns, cfg):
    out = []
    for i, (kind, c, t0, t1, _) in enumerate(timed_chunks(turns), 1):
        name = cfg['ilabel'] if kind == 'I' else cfg['rlabel']
        out += [str(i), f'{fmt_ts(t0, ",")} --> {fmt_ts(t1, ",")}', f'{name}: {c}', '']
    with open(path, 'wb') as f:
        f.write('\r\n'.join(out).encode('utf-8'))


WRITERS = {
    'docx_bold': ('docx', write_docx_bold),
    'docx_plain': ('docx', write_docx_plain),
    'txt_cp1252': ('txt', write_txt_cp1252),
    'txt_ts': ('txt', write_txt_ts),
    'vtt': ('vtt', write_vtt),
    'srt': ('srt', write_srt),
}


def raw_text(path):
    if path.endswith('.docx'):
        d = docx.Document(path)
        return '\n'.join(p.text for p in d.paragraphs)
    with open(path, 'rb') as f:
        b = f.read()
    try:
        return b.decode('utf-8')
    except UnicodeDecodeError:
        return b.decode('cp1252')


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    id_rows, or_rows, st_rows = [], [], []
    problems = []
    for doc_id, cfg in DOCS.items():
        header, turns = read_source(doc_id)
        ext, writer = WRITERS[cfg['fmt']]
        path = os.path.join(OUT, f'{doc_id}.{ext}')
        writer(path, header, turns, cfg)

        # identifiers
        seen = {}
        anns = []
        for h in header:
            anns += annotations(h)
        for _, text, _ in turns:
            anns += annotations(text)
        if cfg['label_persons']:
            anns += [(cfg['ilabel'], 'PERSOON'), (cfg['rlabel'], 'PERSOON')]
        for text, typ in anns:
            if text in seen and seen[text] != typ:
                problems.append(f'{doc_id}: {text!r} has two types')
            if text not in seen:
                seen[text] = typ
                id_rows.append((doc_id, text, typ))

        # consistency: every occurrence of an identifier string in the spoken/header text is annotated
        alltext = '\n'.join(header + [t for _, t, _ in turns])
        ann_texts = [a for a, _ in annotations(alltext)]
        plain_all = plain(alltext)
        for ident in seen:
            if ident in (cfg['ilabel'], cfg['rlabel']) and cfg['label_persons'] and ident not in ann_texts:
                continue
            pat = re.compile(r'(?<!\w)' + re.escape(ident) + r'(?!\w)', re.I)
            n_plain = len(pat.findall(plain_all))
            n_cover = sum(len(pat.findall(a)) for a in ann_texts)
            if n_plain > n_cover:
                problems.append(f'{doc_id}: {ident!r} occurs {n_plain}x but is annotated {n_cover}x')

        # identifiers verbatim in built transcript
        rt = raw_text(path)
        for ident in seen:
            if ident not in rt:
                problems.append(f'{doc_id}: identifier {ident!r} not verbatim in built transcript')

        # orientation
        for n, (kind, _, tag) in enumerate(turns, 1):
            if kind == 'R' and tag in ('casus', 'netwerk'):
                or_rows.append((doc_id, n, tag))

        st_rows.append((doc_id,) + STYLES[doc_id])
        words = sum(len(plain(t).split()) for _, t, _ in turns)
        rturns = sum(1 for k, _, _ in turns if k == 'R')
        tags = [tag for k, _, tag in turns if k == 'R']
        print(f'{doc_id}: {os.path.basename(path):10s} words={words} r_turns={rturns} '
              f'casus={tags.count("casus")} netwerk={tags.count("netwerk")} none={tags.count("-")} '
              f'ids={len(seen)}')

    or_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'identifier', 'type'])
        w.writerows(id_rows)
    with open(os.path.join(ROOT, 'orientation.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        w.writerows(or_rows)
    with open(os.path.join(ROOT, 'styles.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'style', 'rationale'])
        w.writerows(st_rows)
    if problems:
        print('PROBLEMS:')
        for p in problems:
            print('  ' + p)
        sys.exit(1)
    print('built OK')


if __name__ == '__main__':
    only = sys.argv[1:]
    if only:
        DOCS = {k: v for k, v in DOCS.items() if k in only}
    main()
