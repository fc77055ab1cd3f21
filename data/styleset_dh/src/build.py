#!/usr/bin/env python3
"""Build transcripts + csv files of blind set DH from the annotated sources in this folder.

Source format (src/dhNN.src):
  @key: value        metadata (format, labels, ilabel, rlabel, encoding, header [repeatable])
  I: text            interviewer turn (one line = one turn)
  R: text #casus     respondent turn, ending in an orientation mark (#casus, #netwerk, #-)
Identifiers are marked inline as {{verbatim text|TYPE}}.
Run with any python3 that has python-docx (only needed for the .docx files).
"""
import csv, json, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, 'transcripts')
IDS = ['dh01', 'dh02', 'dh03', 'dh04', 'dh05', 'dh06']
EXT = {'docx': 'docx', 'srt': 'srt', 'vtt': 'vtt', 'txt': 'txt', 'txt_ts': 'txt'}
MARK = re.compile(r'\{\{(.+?)\|([A-Z_]+)\}\}')
ORI = re.compile(r'\s*#(casus|netwerk|-)\s*$')


def strip(s, found):
    def rep(m):
        found.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, s)


def parse(doc_id):
    meta = {'header': []}
    turns = []  # (speaker 'I'/'R', text, orientation or None)
    idents = []
    with open(os.path.join(HERE, doc_id + '.src'), encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if line.startswith('@'):
                k, _, v = line[1:].partition(':')
                v = v.strip()
                if k == 'header':
                    meta['header'].append(strip(v, idents))
                else:
                    meta[k] = v
                continue
            if not line.strip():
                continue
            spk, _, text = line.partition(': ')
            assert spk in ('I', 'R'), (doc_id, line[:40])
            ori = None
            if spk == 'R':
                m = ORI.search(text)
                assert m, (doc_id, 'missing orientation mark', text[:50])
                ori = m.group(1)
                text = text[:m.start()]
            else:
                assert not ORI.search(text), (doc_id, text[:50])
            text = strip(text.strip(), idents)
            assert '{{' not in text and '}}' not in text and '#' not in text, (doc_id, text[:60])
            turns.append((spk, text, ori))
    return meta, turns, idents


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f'{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}'


def timings(turns, start=3.2):
    t = start
    out = []
    for spk, text, _ in turns:
        dur = len(text.split()) / 2.55 + 0.9
        out.append((t, t + dur))
        t += dur + 0.6 + (len(text) % 7) * 0.15
    return out


def write(doc_id, meta, turns):
    fmt = meta['format']
    il, rl = meta['ilabel'], meta['rlabel']
    lab = lambda spk: il if spk == 'I' else rl
    path = os.path.join(TR, f'{doc_id}.{EXT[fmt]}')
    if fmt == 'docx':
        import docx
        d = docx.Document()
        for h in meta['header']:
            p = d.add_paragraph()
            r = p.add_run(h)
            if h is meta['header'][0]:
                r.bold = True
        d.add_paragraph('')
        for spk, text, _ in turns:
            p = d.add_paragraph()
            if meta.get('labels') == 'bold':
                p.add_run(lab(spk) + ':').bold = True
                p.add_run(' ' + text)
            else:
                p.add_run(f'{lab(spk)}: {text}')
        d.save(path)
        return
    lines = []
    if fmt == 'srt':
        for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            lines += [str(n), f'{ts(a, ",")} --> {ts(b, ",")}', f'{lab(spk)}: {text}', '']
    elif fmt == 'vtt':
        lines += ['WEBVTT', '']
        for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns, 1.8)), 1):
            lines += [f'{n}', f'{ts(a, ".")} --> {ts(b, ".")}', f'<v {lab(spk)}>{text}</v>', '']
    elif fmt == 'txt':
        lines += meta['header']
        for spk, text, _ in turns:
            lines += [f'{lab(spk)}: {text}', '']
    elif fmt == 'txt_ts':
        lines += meta['header']
        for (spk, text, _), (a, b) in zip(turns, timings(turns, 4.0)):
            lines += [f'[{ts(a, ",")[:8]}] {lab(spk)}: {text}', '']
    enc = meta.get('encoding', 'utf-8')
    nl = '\r\n' if enc == 'cp1252' else '\n'
    with open(path, 'w', encoding=enc, newline='') as f:
        f.write(nl.join(lines).rstrip() + nl)


def main():
    os.makedirs(TR, exist_ok=True)
    ori_rows, id_rows, stats = [], [], {}
    for doc_id in IDS:
        meta, turns, idents = parse(doc_id)
        assert turns[0][0] == 'I'
        for i in range(1, len(turns)):
            assert turns[i][0] != turns[i - 1][0], (doc_id, i + 1)
        write(doc_id, meta, turns)
        for i, (spk, _, ori) in enumerate(turns, 1):
            if spk == 'R' and ori in ('casus', 'netwerk'):
                ori_rows.append((doc_id, i, ori))
        seen = set()
        for ident, typ in idents:
            if (ident, typ) not in seen:
                seen.add((ident, typ))
                id_rows.append((doc_id, ident, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == 'R')
        oc = {k: sum(1 for s, _, o in turns if s == 'R' and o == k) for k in ('casus', 'netwerk', '-')}
        stats[doc_id] = {'format': f"{meta['format']}", 'file': f'{doc_id}.{EXT[meta["format"]]}',
                         'words': words, 'turns': len(turns), 'respondent_turns': rturns,
                         'resp_words': sum(len(t.split()) for s, t, _ in turns if s == 'R'),
                         'orientation_counts': oc}
    with open(os.path.join(OUT, 'orientation.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(OUT, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'identifier', 'type'])
        w.writerows(id_rows)
    with open(os.path.join(HERE, 'stats.json'), 'w', encoding='utf-8') as f:
        json.dump(stats, f, indent=1)
    for k, v in stats.items():
        print(k, v)


if __name__ == '__main__':
    main()
