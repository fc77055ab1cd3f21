#!/usr/bin/env python3
"""Build setCO transcripts and csv files from the annotated sources in src/.

Source format (src/<id>.src):
    key: value lines (format, file, encoding, ilabel, rlabel, header) up to a line '==='
    then one paragraph per turn, starting with 'I: ' or 'R: ', blank line between turns.
    Identifiers inline as [[surface|TYPE]]; respondent paragraphs may end with {casus} or {netwerk}.

Run with any python3 that has python-docx (only needed for .docx output).
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, 'transcripts')
IDS = ['co01', 'co02', 'co03', 'co04', 'co05', 'co06']

STYLES = {
    'co01': ('netwerkgericht', 'Procesregisseur who tells a warm story about one young man but whose own work in that case, and throughout, goes into partner relations, a region-wide agreement, escalation routes and patterns across cases.'),
    'co02': ('casusgericht', 'Top-X regisseur who mentions many meetings and partners, but every meeting and agreement she describes is organised around one man\'s plan and her trust relationship with him and his mother; structural work she leaves to her team leader.'),
    'co03': ('onbepaald', 'GGZ nurse with two roles who invests about equally in building trust and a plan with one client and in structural agreements between GGZ, police and the Veiligheidshuis; genuinely mixed.'),
    'co04': ('casusgericht', 'Youth regisseur who works street-level with one boy and his mother, uses every partner and meeting to get things done for him, and shows little interest in arrangements beyond his case.'),
    'co05': ('onbepaald', 'Housing-corporation consultant who fights for one tenant family in person and equally builds a data-sharing agreement and standard procedures with debt counselling and wijkteams; genuinely mixed.'),
    'co06': ('netwerkgericht', 'Police coordinator who illustrates with a young man he cares about, but invests in restructuring the meeting landscape, transfer and information-sharing agreements and escalation to the driehoek.'),
}

ID_RE = re.compile(r'\[\[(.+?)\|([A-Z_]+)\]\]')
OR_RE = re.compile(r'\s*\{(casus|netwerk)\}\s*$')


def parse(doc_id):
    path = os.path.join(HERE, doc_id + '.src')
    with open(path, encoding='utf-8') as f:
        raw = f.read()
    head, body = raw.split('\n===\n', 1)
    meta = {'header': []}
    for line in head.splitlines():
        if not line.strip():
            continue
        k, v = line.split(':', 1)
        k = k.strip()
        v = v.strip()
        if k == 'header':
            meta['header'].append(v)
        else:
            meta[k] = v
    turns = []
    for para in re.split(r'\n\s*\n', body.strip()):
        para = ' '.join(l.strip() for l in para.strip().splitlines())
        spk, text = para[:2], para[3:].strip()
        assert spk in ('I:', 'R:'), (doc_id, para[:40])
        orient = None
        m = OR_RE.search(text)
        if m:
            orient = m.group(1)
            text = text[:m.start()].rstrip()
        turns.append({'spk': spk[0], 'marked': text, 'orient': orient})
    for i, t in enumerate(turns):
        want = 'I' if i % 2 == 0 else 'R'
        assert t['spk'] == want, (doc_id, i + 1, 'alternation')
        assert not (t['orient'] and t['spk'] == 'I'), (doc_id, i + 1, 'orientation on interviewer turn')
    return meta, turns


def plain(s):
    return ID_RE.sub(lambda m: m.group(1), s)


def idents(s):
    return [(m.group(1), m.group(2)) for m in ID_RE.finditer(s)]


def ts(sec, sep=','):
    h = int(sec // 3600)
    m = int(sec % 3600 // 60)
    s = int(sec % 60)
    ms = int(round((sec - int(sec)) * 1000))
    if ms == 1000:
        ms = 999
    return f'{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}'


def dur(text):
    return max(1.5, len(text.split()) / 2.6)


def chunks(marked, maxw=28):
    """Split a marked turn at sentence ends (never inside [[..]]) into chunks of about maxw words."""
    protected = ID_RE.sub(lambda m: m.group(0).replace(' ', '\x00').replace('.', '\x01'), marked)
    sents = re.split(r'(?<=[.?!])\s+', protected)
    out, cur = [], []
    for s in sents:
        cur.append(s)
        if len(' '.join(cur).split()) >= maxw:
            out.append(' '.join(cur))
            cur = []
    if cur:
        if out and len(' '.join(cur).split()) < 6:
            out[-1] = out[-1] + ' ' + ' '.join(cur)
        else:
            out.append(' '.join(cur))
    return [plain(c.replace('\x00', ' ').replace('\x01', '.')) for c in out]


def write_txt(meta, turns, path):
    lines = [plain(h) for h in meta['header']]
    if lines:
        lines.append('')
    t = float(meta.get('start', 4))
    for turn in turns:
        label = meta['ilabel'] if turn['spk'] == 'I' else meta['rlabel']
        text = plain(turn['marked'])
        if meta.get('stamps') == 'yes':
            lines.append(f'[{ts(t)[:8]}] {label}: {text}')
            t += dur(text) + 1.3
        else:
            lines.append(f'{label}: {text}')
        lines.append('')
    enc = meta.get('encoding', 'utf-8')
    nl = '\r\n' if enc == 'cp1252' else '\n'
    with open(path, 'w', encoding=enc, newline='') as f:
        f.write(nl.join(lines).rstrip() + nl)


def write_docx(meta, turns, path):
    import docx
    d = docx.Document()
    for i, h in enumerate(meta['header']):
        p = d.add_paragraph()
        r = p.add_run(plain(h))
        if i == 0:
            r.bold = True
    for turn in turns:
        label = meta['ilabel'] if turn['spk'] == 'I' else meta['rlabel']
        p = d.add_paragraph()
        r = p.add_run(label + ':')
        r.bold = True
        p.add_run(' ' + plain(turn['marked']))
    d.save(path)


def write_srt(meta, turns, path):
    out = []
    t = 2.0
    for n, turn in enumerate(turns, 1):
        label = meta['ilabel'] if turn['spk'] == 'I' else meta['rlabel']
        text = plain(turn['marked'])
        d = dur(text)
        out.append(f'{n}\n{ts(t)} --> {ts(t + d)}\n{label}: {text}\n')
        t += d + 0.8
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(out))


def write_vtt(meta, turns, path):
    out = ['WEBVTT', '']
    for h in meta['header']:
        out.append('NOTE ' + plain(h))
        out.append('')
    t = 1.0
    for turn in turns:
        label = meta['ilabel'] if turn['spk'] == 'I' else meta['rlabel']
        for c in chunks(turn['marked']):
            d = dur(c)
            out.append(f'{ts(t, ".")} --> {ts(t + d, ".")}')
            out.append(f'<v {label}>{c}</v>')
            out.append('')
            t += d + 0.2
        t += 0.9
    with open(path, 'w', encoding='utf-8', newline='\n') as f:
        f.write('\n'.join(out))


def main():
    style_rows, or_rows, id_rows, stats = [], [], [], []
    for doc_id in IDS:
        meta, turns = parse(doc_id)
        fmt = meta['format']
        path = os.path.join(TR, f'{doc_id}.{fmt}')
        {'txt': write_txt, 'docx': write_docx, 'srt': write_srt, 'vtt': write_vtt}[fmt](meta, turns, path)
        seen = set()
        for src in meta['header'] + [t['marked'] for t in turns]:
            for surf, typ in idents(src):
                if (surf, typ) not in seen:
                    seen.add((surf, typ))
                    id_rows.append((doc_id, surf, typ))
        for i, t in enumerate(turns, 1):
            if t['orient']:
                or_rows.append((doc_id, i, t['orient']))
        words = sum(len(plain(t['marked']).split()) for t in turns)
        rwords = sum(len(plain(t['marked']).split()) for t in turns if t['spk'] == 'R')
        nc = sum(1 for t in turns if t['orient'] == 'casus')
        nn = sum(1 for t in turns if t['orient'] == 'netwerk')
        stats.append((doc_id, fmt, meta.get('encoding', 'utf-8'), words, rwords,
                      sum(1 for t in turns if t['spk'] == 'R'), nc, nn))
        style_rows.append((doc_id, STYLES[doc_id][0], STYLES[doc_id][1]))
    with open(os.path.join(OUT, 'styles.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'style', 'rationale'])
        w.writerows(style_rows)
    with open(os.path.join(OUT, 'orientation.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        w.writerows(sorted(or_rows))
    with open(os.path.join(OUT, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'identifier', 'type'])
        w.writerows(id_rows)
    print('doc,format,encoding,words,resp_words,resp_turns,casus_turns,netwerk_turns')
    for s in stats:
        print(','.join(map(str, s)))


if __name__ == '__main__':
    sys.exit(main())
