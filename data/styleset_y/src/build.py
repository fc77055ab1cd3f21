#!/usr/bin/env python3
"""Build transcripts + csv files for blind set Y from annotated sources (src/by0N.src).

Source format: '#key: value' meta lines (id, format, ilabel, rlabel, header*), then one line per
speaker turn starting with 'I: ' or 'R: '. Identifiers are marked inline as [[text|TYPE]];
a respondent turn may end in {C} (casus) or {N} (netwerk)."""
import csv, glob, os, re
from docx import Document
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, 'transcripts')
MARK = re.compile(r'\[\[([^\]|]+)\|([A-Z_]+)\]\]')
ORI = {'C': 'casus', 'N': 'netwerk'}

STYLES = {
    'by01': ('netwerkgericht', 'Process director who tells warm, detailed stories about clients but spends her effort on standing agreements, escalation lines and trust with partner organisations, leaving client contact to others.'),
    'by02': ('casusgericht', 'Municipal case director who attends many meetings and bargains with many partners, but always to get one woman\'s own plan carried out, with his trust relationship aimed at her and her mother.'),
    'by03': ('netwerkgericht', 'Police expert who illustrates with moving cases yet invests in inter-organisational agreements, measurement, escalation paths and relationships with the crisis service and municipality.'),
    'by04': ('onbepaald', 'Genuinely mixed: half her week is hands-on regie for one homeless man, half is leading a cross-organisation working group, and she invests about equally in both throughout.'),
    'by05': ('casusgericht', 'Outreach psychiatric nurse whose whole account is about building trust with one reclusive man and pulling partners to his doorstep for his plan, with little interest in structures.'),
    'by06': ('netwerkgericht', 'Chain director of a safety house who works on covenants, directors, data, escalation ladders and partner commitment, and explicitly leaves individual cases to process directors.'),
}

def strip(s):
    return MARK.sub(lambda m: m.group(1), s)

def parse(path):
    meta = {'header': []}
    turns = []
    for line in open(path, encoding='utf-8').read().split('\n'):
        if line.startswith('#'):
            k, _, v = line[1:].partition(':')
            v = v[1:] if v.startswith(' ') else v
            if k == 'header':
                meta['header'].append(v)
            else:
                meta[k] = v.strip()
        elif line.startswith('I: ') or line.startswith('R: '):
            who = line[0]
            text = line[3:].rstrip()
            ori = ''
            m = re.search(r'\s*\{([CN])\}$', text)
            if m:
                ori = ORI[m.group(1)]
                text = text[:m.start()]
                assert who == 'R', (path, line[:40])
            turns.append((who, text, ori))
        elif line.strip():
            raise ValueError(f'bad line in {path}: {line[:60]}')
    return meta, turns

def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000); m, ms = divmod(ms, 60000); s, ms = divmod(ms, 1000)
    return f'{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}'

def timings(turns):
    t = 2.0
    out = []
    for who, text, _ in turns:
        dur = max(1.5, len(strip(text).split()) / 2.6)
        out.append((t, t + dur))
        t += dur + 0.6
    return out

def render(meta, turns):
    fmt = meta['format']; il, rl = meta['ilabel'], meta['rlabel']
    lab = lambda w: il if w == 'I' else rl
    hdr = [strip(h) for h in meta['header']]
    did = meta['id']
    if fmt == 'docx':
        doc = Document()
        st = doc.styles['Normal']; st.font.name = 'Calibri'; st.font.size = Pt(11)
        for i, h in enumerate(hdr):
            p = doc.add_paragraph(); r = p.add_run(h)
            if i == 0: r.bold = True
        doc.add_paragraph('')
        for who, text, _ in turns:
            p = doc.add_paragraph(); r = p.add_run(lab(who) + ':'); r.bold = True
            p.add_run(' ' + strip(text))
        path = os.path.join(TR, did + '.docx'); doc.save(path)
        return path
    if fmt == 'srt':
        blocks = []
        for n, ((who, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            blocks.append(f'{n}\n{ts(a, ",")} --> {ts(b, ",")}\n{lab(who)}: {strip(text)}\n')
        path = os.path.join(TR, did + '.srt')
        open(path, 'w', encoding='utf-8', newline='\n').write('\n'.join(blocks))
        return path
    if fmt == 'vtt':
        parts = ['WEBVTT', '']
        for h in hdr:
            parts += [h, '']
        for n, ((who, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            parts += [str(n), f'{ts(a, ".")} --> {ts(b, ".")}', f'<v {lab(who)}>{strip(text)}', '']
        path = os.path.join(TR, did + '.vtt')
        open(path, 'w', encoding='utf-8', newline='\n').write('\n'.join(parts))
        return path
    if fmt in ('txt', 'txt-cp1252', 'txt-ts'):
        lines = list(hdr)
        tims = timings(turns)
        for (who, text, _), (a, _b) in zip(turns, tims):
            pre = f'[{ts(a, ",")[:8]}] ' if fmt == 'txt-ts' else ''
            lines += [f'{pre}{lab(who)}: {strip(text)}', '']
        path = os.path.join(TR, did + '.txt')
        if fmt == 'txt-cp1252':
            open(path, 'w', encoding='cp1252', newline='\r\n').write('\n'.join(lines))
        else:
            open(path, 'w', encoding='utf-8', newline='\n').write('\n'.join(lines))
        return path
    raise ValueError(fmt)

def main():
    os.makedirs(TR, exist_ok=True)
    for f in glob.glob(os.path.join(TR, '*')):
        os.remove(f)
    styles, oris, idents, summary = [], [], [], []
    for src in sorted(glob.glob(os.path.join(HERE, 'by*.src'))):
        meta, turns = parse(src)
        did = meta['id']
        for k, (who, _, _) in enumerate(turns):
            assert who == ('I' if k % 2 == 0 else 'R'), (did, k)
        path = render(meta, turns)
        words = sum(len(strip(t).split()) for _, t, _ in turns)
        nresp = sum(1 for w, _, _ in turns if w == 'R')
        for k, (who, text, ori) in enumerate(turns, 1):
            if ori:
                oris.append((did, k, ori))
        seen = set()
        for chunk in meta['header'] + [t for _, t, _ in turns]:
            for m in MARK.finditer(chunk):
                key = (m.group(1), m.group(2))
                if key not in seen:
                    seen.add(key); idents.append((did, m.group(1), m.group(2)))
        styles.append((did,) + STYLES[did])
        nc = sum(1 for o in oris if o[0] == did and o[2] == 'casus')
        nn = sum(1 for o in oris if o[0] == did and o[2] == 'netwerk')
        summary.append((did, os.path.basename(path), words, nresp, nc, nn))
    with open(os.path.join(OUT, 'styles.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh); w.writerow(['doc_id', 'style', 'rationale']); w.writerows(styles)
    with open(os.path.join(OUT, 'orientation.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh); w.writerow(['doc_id', 'turn_index', 'orientation']); w.writerows(sorted(oris))
    with open(os.path.join(OUT, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as fh:
        w = csv.writer(fh); w.writerow(['doc_id', 'identifier', 'type']); w.writerows(idents)
    for s in summary:
        print('%s %-10s words=%d resp_turns=%d casus=%d netwerk=%d' % s)

if __name__ == '__main__':
    main()
