#!/usr/bin/env python
"""Build the setGO transcripts and label files from the annotated sources.

Source format (src/goNN.txt): one paragraph per turn, separated by a blank line.
  H: header line            (metadata, not a turn)
  I: interviewer turn
  R: respondent turn ... {casus|netwerk|-}
Identifiers are marked inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py
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

# fmt, interviewer label, respondent label, labels that are names (PERSOON)
DOCS = {
    'go01': dict(fmt='docx_bold', I='Lotte', R='Sjoukje', names=['Lotte', 'Sjoukje'],
                 style='onbepaald',
                 rationale='Onbepaald, genuinely mixed: she invests her own effort and trust about equally '
                           'in the Terschelling mother (kitchen-table visits, her own promises) and in the '
                           'eilandtafel, signed agreements and escalation with partners, and says she cannot choose.'),
    'go02': dict(fmt='txt_cp1252', I='I', R='R', names=[],
                 style='casusgericht',
                 rationale='Casusgericht: he names many partners and meetings but each is a means for this '
                           'girl\'s plan, he builds trust with the child himself and declines the island '
                           'working group on agreements between organisations.'),
    'go03': dict(fmt='vtt', I='Interviewer', R='Hanneke Witte', names=['Hanneke Witte'],
                 style='netwerkgericht',
                 rationale='Netwerkgericht: despite warm, detailed stories about a girl in Oudeschild she hands '
                           'daily contact to the wijkverpleegkundige and jeugdconsulent and invests in signed '
                           'crisis agreements, the partner table and relations with mainland teamleiders.'),
    'go04': dict(fmt='srt', I='Esther', R='Ruud', names=['Esther', 'Ruud'],
                 style='onbepaald',
                 rationale='Onbepaald, too little evidence: the Veilig Thuis regisseur answers guardedly in '
                           'procedural generalities, refuses case examples and never shows where his own '
                           'effort or trust goes.'),
    'go05': dict(fmt='txt_ts', I='Spreker 1', R='Spreker 2', names=[],
                 style='casusgericht',
                 rationale='Casusgericht: she uses the Zorg- en Veiligheidshuis, Veilig Thuis and many island '
                           'contacts purely for this family\'s plan, sits with the mother herself and sends '
                           'others to the Wadden protocol meeting.'),
    'go06': dict(fmt='docx_plain', I='Interviewer', R='Respondent', names=[],
                 style='netwerkgericht',
                 rationale='Netwerkgericht: the former wijkagent refuses a caseload, leaves the boy he describes '
                           'to the wijkteam and invests in the signed werkafspraak, escalation ladder and '
                           'relations with managers.'),
}

MARK = re.compile(r'\[\[(.+?)\|([A-Z_]+)\]\]')
ORIENT = re.compile(r'\s*\{(casus|netwerk|-)\}\s*$')


def parse_src(doc_id):
    path = os.path.join(HERE, doc_id + '.txt')
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    paras = [p.strip() for p in re.split(r'\n\s*\n', raw) if p.strip()]
    header, turns, ids = [], [], []
    for p in paras:
        kind, body = p[:2], p[2:].strip()
        if kind not in ('H:', 'I:', 'R:'):
            sys.exit('%s: bad paragraph start: %r' % (doc_id, p[:40]))
        if '\n' in body:
            sys.exit('%s: paragraph spans lines: %r' % (doc_id, body[:40]))
        orient = None
        if kind == 'R:':
            m = ORIENT.search(body)
            if not m:
                sys.exit('%s: respondent paragraph without orientation: %r' % (doc_id, body[:50]))
            orient = m.group(1)
            body = body[:m.start()]
        elif ORIENT.search(body):
            sys.exit('%s: orientation on non-respondent paragraph' % doc_id)
        spans = []  # (start, end) of identifiers in plain text
        plain = ''
        pos = 0
        for m in MARK.finditer(body):
            plain += body[pos:m.start()]
            text, typ = m.group(1), m.group(2)
            if typ not in TYPES:
                sys.exit('%s: unknown type %s' % (doc_id, typ))
            spans.append((len(plain), len(plain) + len(text)))
            plain += text
            ids.append((text, typ))
            pos = m.end()
        plain += body[pos:]
        if '[[' in plain or ']]' in plain:
            sys.exit('%s: broken markup in %r' % (doc_id, plain[:60]))
        if kind == 'H:':
            header.append(plain)
        else:
            turns.append(dict(spk=kind[0], text=plain, spans=spans, orient=orient))
    for i, t in enumerate(turns):
        if t['spk'] != ('I' if i % 2 == 0 else 'R'):
            sys.exit('%s: turns do not alternate at turn %d' % (doc_id, i + 1))
    return header, turns, ids


def atoms(turn):
    """Split a turn into word atoms, keeping identifiers (with inner spaces) whole."""
    text, spans = turn['text'], turn['spans']
    out, pos = [], 0
    for s, e in spans:
        out.extend(text[pos:s].split())
        if s > pos and not text[s - 1].isspace() and out:
            # identifier glued to preceding text (e.g. "'s" or "(") - merge
            out[-1] = out[-1] + text[s:e]
        else:
            out.append(text[s:e])
        pos = e
        if e < len(text) and not text[e].isspace():
            # glue following punctuation to the identifier atom
            m = re.match(r'\S+', text[e:])
            out[-1] = out[-1] + m.group(0)
            pos = e + m.end()
    out.extend(text[pos:].split())
    return out


def chunks(turn, max_words, sentence=True):
    """Group atoms into cue chunks; prefer breaking after sentence ends."""
    at = atoms(turn)
    res, cur, n = [], [], 0
    for a in at:
        cur.append(a)
        n += len(a.split())
        end = a.endswith(('.', '?', '!', ':')) or a.endswith(('."', '?"', '!"', '.)'))
        if (n >= max_words and (end or not sentence)) or n >= max_words + 12:
            res.append(cur)
            cur, n = [], 0
    if cur:
        if res and sum(len(x.split()) for x in cur) < 4:
            res[-1].extend(cur)
        else:
            res.append(cur)
    return res


def wrap(atom_list, width):
    lines, cur = [], ''
    for a in atom_list:
        if cur and len(cur) + 1 + len(a) > width:
            lines.append(cur)
            cur = a
        else:
            cur = (cur + ' ' + a) if cur else a
    if cur:
        lines.append(cur)
    return lines


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return '%02d:%02d:%02d%s%03d' % (h, m, s, sep, ms)


def label(cfg, spk):
    return cfg[spk]


def build_docx(doc_id, cfg, header, turns, bold):
    d = docx.Document()
    style = d.styles['Normal']
    style.font.name = 'Calibri'
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(h)
        if bold:
            r.italic = True
    if header:
        d.add_paragraph('')
    for t in turns:
        p = d.add_paragraph()
        lab = label(cfg, t['spk']) + ':'
        if bold:
            r = p.add_run(lab)
            r.bold = True
            p.add_run(' ' + t['text'])
        else:
            p.add_run(lab + ' ' + t['text'])
    d.core_properties.author = 'transcriptie'
    d.save(os.path.join(OUT, doc_id + '.docx'))


def build_txt_cp1252(doc_id, cfg, header, turns):
    lines = list(header) + ['']
    for t in turns:
        lines.append('%s: %s' % (label(cfg, t['spk']), t['text']))
        lines.append('')
    data = '\r\n'.join(lines).encode('cp1252')
    with open(os.path.join(OUT, doc_id + '.txt'), 'wb') as f:
        f.write(data)


def build_txt_ts(doc_id, cfg, header, turns):
    lines = list(header) + ['']
    t0 = 4.0
    for t in turns:
        sec = int(t0)
        stamp = '[%02d:%02d:%02d]' % (sec // 3600, sec % 3600 // 60, sec % 60)
        lines.append('%s %s: %s' % (stamp, label(cfg, t['spk']), t['text']))
        lines.append('')
        t0 += len(t['text'].split()) / 2.45 + 2.5
    with open(os.path.join(OUT, doc_id + '.txt'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(lines))


def build_vtt(doc_id, cfg, header, turns):
    out = ['WEBVTT', '']
    if header:
        out.append('NOTE')
        out.extend(header)
        out.append('')
    t0, n = 2.5, 0
    for t in turns:
        for ch in chunks(t, 18):
            words = sum(len(a.split()) for a in ch)
            dur = max(1.2, words / 2.6)
            n += 1
            out.append(str(n))
            out.append('%s --> %s' % (ts(t0, '.'), ts(t0 + dur, '.')))
            out.append('<v %s>%s</v>' % (label(cfg, t['spk']), ' '.join(ch)))
            out.append('')
            t0 += dur + 0.2
        t0 += 1.1
    with open(os.path.join(OUT, doc_id + '.vtt'), 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(out))


def build_srt(doc_id, cfg, header, turns):
    out = []
    t0, n = 1.8, 0
    for t in turns:
        lab = label(cfg, t['spk']) + ':'
        for ch in chunks(t, 14, sentence=False):
            words = sum(len(a.split()) for a in ch)
            dur = max(1.0, words / 2.5)
            n += 1
            out.append(str(n))
            out.append('%s --> %s' % (ts(t0, ','), ts(t0 + dur, ',')))
            out.extend(wrap([lab] + ch, 58))
            out.append('')
            t0 += dur + 0.15
        t0 += 0.9
    with open(os.path.join(OUT, doc_id + '.srt'), 'wb') as f:
        f.write('\r\n'.join(out).encode('utf-8'))


def main():
    os.makedirs(OUT, exist_ok=True)
    for fn in os.listdir(OUT):
        os.remove(os.path.join(OUT, fn))
    style_rows, orient_rows, id_rows = [], [], []
    for doc_id in sorted(DOCS):
        cfg = DOCS[doc_id]
        header, turns, ids = parse_src(doc_id)
        fmt = cfg['fmt']
        if fmt == 'docx_bold':
            build_docx(doc_id, cfg, header, turns, bold=True)
        elif fmt == 'docx_plain':
            build_docx(doc_id, cfg, header, turns, bold=False)
        elif fmt == 'txt_cp1252':
            build_txt_cp1252(doc_id, cfg, header, turns)
        elif fmt == 'txt_ts':
            build_txt_ts(doc_id, cfg, header, turns)
        elif fmt == 'vtt':
            build_vtt(doc_id, cfg, header, turns)
        elif fmt == 'srt':
            build_srt(doc_id, cfg, header, turns)
        else:
            sys.exit('unknown format ' + fmt)
        style_rows.append((doc_id, cfg['style'], cfg['rationale']))
        for i, t in enumerate(turns, start=1):
            if t['spk'] == 'R' and t['orient'] in ('casus', 'netwerk'):
                orient_rows.append((doc_id, i, t['orient']))
        seen = {}
        for name in cfg['names']:
            seen.setdefault(name, 'PERSOON')
        for text, typ in ids:
            if text in seen and seen[text] != typ:
                sys.exit('%s: %r has two types' % (doc_id, text))
            seen.setdefault(text, typ)
        for text, typ in seen.items():
            id_rows.append((doc_id, text, typ))
        # warn about unmarked occurrences of identifier strings
        alltext = ' '.join(header + [t['text'] for t in turns])
        marked = {}
        for text, typ in ids:
            marked[text] = marked.get(text, 0) + 1
        for text in marked:
            found = len(re.findall(r'(?<!\w)' + re.escape(text) + r'(?!\w)', alltext))
            if found > marked[text]:
                print('  warning: %s %r occurs %d times, marked %d' % (doc_id, text, found, marked[text]))
        words = sum(len(t['text'].split()) for t in turns)
        nresp = sum(1 for t in turns if t['spk'] == 'R')
        print('%s %-10s words=%d respondent_turns=%d identifiers=%d' % (doc_id, fmt, words, nresp, len(seen)))
    orient_rows.sort(key=lambda r: (r[0], r[1]))
    with open(os.path.join(ROOT, 'styles.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'style', 'rationale'])
        w.writerows(style_rows)
    with open(os.path.join(ROOT, 'orientation.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        w.writerows(orient_rows)
    with open(os.path.join(ROOT, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'identifier', 'type'])
        w.writerows(id_rows)


if __name__ == '__main__':
    main()
