#!/usr/bin/env python3
"""Build transcripts + csv files for set DK from the annotated sources in src/.

Source format (one line per item):
  #key: value      metadata (format, ilabel, rlabel, rlabel_type)
  H: text          header line (not a turn)
  I: text          interviewer turn
  R: text [[x]]    respondent turn; optional orientation mark [[casus]] / [[netwerk]]
Identifiers are marked inline as {{verbatim text|TYPE}}.
Run with any python3 that has python-docx (only needed for the .docx document).
"""
import csv, os, re

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, 'transcripts')
DOCS = ['dk01', 'dk02', 'dk03', 'dk04', 'dk05', 'dk06']
STYLES = {
    'dk01': ('netwerkgericht', 'Veilig Thuis process director who tells warm client stories but spends her effort on links between organisations, structural agreements and escalation to managers.'),
    'dk02': ('casusgericht', 'Police honour-violence officer who convenes many partners but every meeting, agreement and phone call serves one girl\'s safety plan and his trust bond with her.'),
    'dk03': ('casusgericht', 'Westland municipal case director for labour migrants who starts from what the client needs and arranges employer, housing and services around her, declining structural work.'),
    'dk04': ('onbepaald', 'Guarded shelter team leader who answers procedurally and gives no evidence of investing either in individual clients or in the network.'),
    'dk05': ('netwerkgericht', 'Former police chief turned process director who explicitly leaves client trust to others and invests in signalling agreements, partner relations and administrative escalation.'),
    'dk06': ('casusgericht', 'Probation officer whose story is about one offender\'s plan, trust and practical needs, using the case meeting for him and leaving policy work to her team leader.'),
}
MARK = re.compile(r'\{\{([^{}|]+)\|([A-Z_]+)\}\}')
ORI = re.compile(r'\s*\[\[(casus|netwerk)\]\]\s*$')
FMT_EXT = {'docx': 'docx', 'srt': 'srt', 'vtt': 'vtt', 'txt-cp1252': 'txt',
           'txt-timestamps': 'txt', 'txt-initials': 'txt'}


def parse(doc):
    meta, header, turns, idents = {}, [], [], []
    seen = set()

    def strip(text):
        for m in MARK.finditer(text):
            key = (m.group(1), m.group(2))
            if key not in seen:
                seen.add(key)
                idents.append(key)
        return MARK.sub(lambda m: m.group(1), text)

    with open(os.path.join(HERE, doc + '.txt'), encoding='utf-8') as f:
        for line in f:
            line = line.rstrip('\n')
            if not line.strip():
                continue
            if line.startswith('#'):
                k, v = line[1:].split(':', 1)
                meta[k.strip()] = v.strip()
            elif line.startswith('H: '):
                header.append(strip(line[3:]))
            elif line[:3] in ('I: ', 'R: '):
                spk, text = line[0], line[3:]
                ori = ''
                m = ORI.search(text)
                if m:
                    ori, text = m.group(1), text[:m.start()]
                if ori and spk != 'R':
                    raise SystemExit(f'{doc}: orientation on interviewer turn')
                turns.append((spk, strip(text.strip()), ori))
            else:
                raise SystemExit(f'{doc}: bad line {line[:40]!r}')
    if meta.get('rlabel_type'):
        key = (meta['rlabel'], meta['rlabel_type'])
        if key not in seen:
            idents.append(key)
    return meta, header, turns, idents


def ts(sec, sep=','):
    h, r = divmod(int(sec * 1000), 3600000)
    m, r = divmod(r, 60000)
    s, ms = divmod(r, 1000)
    return f'{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}'


def timings(turns, start=2.0):
    out, t = [], start
    for spk, text, _ in turns:
        dur = max(1.5, len(text.split()) / 2.6)
        out.append((t, t + dur))
        t += dur + 0.8
    return out


def write(doc, meta, header, turns):
    fmt = meta['format']
    path = os.path.join(TDIR, f'{doc}.{FMT_EXT[fmt]}')
    lab = {'I': meta['ilabel'], 'R': meta['rlabel']}
    if fmt == 'docx':
        import docx
        d = docx.Document()
        for i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = (i == 0)
        d.add_paragraph('')
        for spk, text, _ in turns:
            p = d.add_paragraph()
            p.add_run(lab[spk] + ':').bold = True
            p.add_run(' ' + text)
        d.save(path)
    elif fmt == 'srt':
        lines = []
        for n, ((spk, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            lines += [str(n), f'{ts(a)} --> {ts(b)}', f'{lab[spk]}: {text}', '']
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    elif fmt == 'vtt':
        lines = ['WEBVTT', '']
        for h in header:
            lines += [h, '']
        for (spk, text, _), (a, b) in zip(turns, timings(turns, 4.0)):
            lines += [f'{ts(a, ".")} --> {ts(b, ".")}', f'<v {lab[spk]}>{text}', '']
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    elif fmt == 'txt-cp1252':
        lines = header + ['']
        for spk, text, _ in turns:
            lines += [f'{lab[spk]}: {text}', '']
        with open(path, 'w', encoding='cp1252', newline='\r\n') as f:
            f.write('\n'.join(lines))
    elif fmt == 'txt-timestamps':
        lines = header + ['']
        for (spk, text, _), (a, b) in zip(turns, timings(turns, 3.0)):
            lines += [f'[{ts(a)[:8]}] {lab[spk]}: {text}', '']
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    elif fmt == 'txt-initials':
        lines = header + ['']
        for spk, text, _ in turns:
            lines += [f'{lab[spk]}: {text}', '']
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    return os.path.basename(path)


def main():
    os.makedirs(TDIR, exist_ok=True)
    ori_rows, id_rows, stats = [], [], []
    for doc in DOCS:
        meta, header, turns, idents = parse(doc)
        for i, (spk, _, _) in enumerate(turns):
            if spk != 'IR'[i % 2]:
                raise SystemExit(f'{doc}: turn {i+1} breaks alternation')
        fname = write(doc, meta, header, turns)
        for i, (spk, text, ori) in enumerate(turns, 1):
            if ori:
                ori_rows.append((doc, i, ori))
        for ident, typ in idents:
            id_rows.append((doc, ident, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        rturns = sum(1 for s, _, _ in turns if s == 'R')
        stats.append((doc, fname, words, rturns,
                      sum(1 for r in ori_rows if r[0] == doc and r[2] == 'casus'),
                      sum(1 for r in ori_rows if r[0] == doc and r[2] == 'netwerk')))
    with open(os.path.join(OUT, 'styles.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'style', 'rationale'])
        for doc in DOCS:
            w.writerow([doc, *STYLES[doc]])
    with open(os.path.join(OUT, 'orientation.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        w.writerows(sorted(ori_rows))
    with open(os.path.join(OUT, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'identifier', 'type'])
        w.writerows(id_rows)
    for s in stats:
        print('%s %-9s words=%d resp_turns=%d casus=%d netwerk=%d' % s)


if __name__ == '__main__':
    main()
