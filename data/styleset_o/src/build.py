#!/usr/bin/env python3
"""Build transcripts and csv files of blind set O from the annotated sources in src/.

Source format (one line per turn):
  # format: srt | docx | txt-utf8 | txt-cp1252 | txt-ts | vtt
  # labels: <interviewer label> / <respondent label>
  H: header line (optional, kept at top of the transcript)
  I: interviewer turn
  R: respondent turn [@casus | @netwerk]
Identifiers are marked inline as [[verbatim text|TYPE]].
Run with: /work/main/.venv/bin/python src/build.py   (python-docx needed for .docx only)
"""
import csv, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, 'transcripts')
IDS = ['bo01', 'bo02', 'bo03', 'bo04', 'bo05', 'bo06']
EXT = {'srt': 'srt', 'docx': 'docx', 'txt-utf8': 'txt', 'txt-cp1252': 'txt', 'txt-ts': 'txt', 'vtt': 'vtt'}

STYLES = {
    'bo01': ('netwerkgericht', 'Wijkagent who co-founded the HIC table and spends his effort on ties, trades and structural agreements between police, probation, municipalities and the housing corporation; cases serve as evidence of gaps between organisations.'),
    'bo02': ('casusgericht', 'Probation officer who attends many meetings and involves many partners, but every meeting and agreement is used to realise one client\'s own plan, and her trust role is toward the client.'),
    'bo03': ('netwerkgericht', 'Municipal aftercare coordinator who tells warm stories about one client but invests in PI notification agreements, a housing quota with corporations, a regional aftercare platform and partner relations, leaving client contact to consultants.'),
    'bo04': ('onbepaald', 'Housing corporation contact who answers briefly and procedurally, giving too little evidence of investing in either the person or the network.'),
    'bo05': ('casusgericht', 'PI case manager whose work centres on building trust with one detainee and shaping a release plan around him, calling partners only to serve that plan.'),
    'bo06': ('netwerkgericht', 'ZVH process director who no longer sees clients and invests in the table\'s mandate, mediating partner interests, escalation to the steering group and patterns across cases.'),
}

MARK = re.compile(r'\[\[([^\]|]+)\|([A-Z_]+)\]\]')


def strip(text, idents):
    def rep(m):
        idents.append((m.group(1), m.group(2)))
        return m.group(1)
    return MARK.sub(rep, text)


def parse(doc_id):
    meta, header, turns, idents = {}, [], [], []
    with open(os.path.join(HERE, doc_id + '.txt'), encoding='utf-8') as f:
        for raw in f:
            line = raw.rstrip('\n')
            if not line.strip():
                continue
            if line.startswith('# '):
                k, v = line[2:].split(':', 1)
                meta[k.strip()] = v.strip()
            elif line.startswith('H:'):
                header.append(strip(line[2:].strip(), idents))
            elif line[:2] in ('I:', 'R:'):
                who, body = line[0], line[2:].strip()
                orient = None
                m = re.search(r'\s@(casus|netwerk)\s*$', body)
                if m:
                    orient, body = m.group(1), body[:m.start()].rstrip()
                if '@' in body and re.search(r'@(casus|netwerk)', body):
                    sys.exit('stray orientation mark in %s: %s' % (doc_id, body[:60]))
                if who == 'I' and orient:
                    sys.exit('orientation on interviewer turn in %s' % doc_id)
                turns.append((who, strip(body, idents), orient))
            else:
                sys.exit('unparsed line in %s: %r' % (doc_id, line[:60]))
    labels = [strip(x.strip(), idents) for x in meta['labels'].split('/')]
    for i, (who, _, _) in enumerate(turns):
        if who != ('I' if i % 2 == 0 else 'R'):
            sys.exit('%s: turns do not alternate at turn %d' % (doc_id, i + 1))
    return meta['format'], labels, header, turns, idents


def timings(turns, rate=2.4, start=4.0):
    t, out = start, []
    for _, text, _ in turns:
        d = max(2.0, len(text.split()) / rate)
        out.append((t, t + d))
        t += d + 1.3
    return out


def hms(sec, sep=',', ms=True):
    h, r = divmod(int(sec), 3600)
    m, s = divmod(r, 60)
    base = '%02d:%02d:%02d' % (h, m, s)
    return base + ('%s%03d' % (sep, int((sec - int(sec)) * 1000)) if ms else '')


def write(doc_id, fmt, labels, header, turns):
    path = os.path.join(OUT, doc_id + '.' + EXT[fmt])
    lab = lambda who: labels[0] if who == 'I' else labels[1]
    if fmt == 'srt':
        lines = []
        for n, ((who, text, _), (a, b)) in enumerate(zip(turns, timings(turns)), 1):
            lines += [str(n), '%s --> %s' % (hms(a), hms(b)), '%s: %s' % (lab(who), text), '']
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    elif fmt == 'vtt':
        lines = ['WEBVTT', '']
        for n, ((who, text, _), (a, b)) in enumerate(zip(turns, timings(turns, start=1.5)), 1):
            lines += ['%s --> %s' % (hms(a, '.'), hms(b, '.')), '<v %s>%s</v>' % (lab(who), text), '']
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    elif fmt == 'txt-ts':
        lines = header + ['']
        for (who, text, _), (a, _) in zip(turns, timings(turns, rate=2.3, start=2.0)):
            lines += ['[%s] %s: %s' % (hms(a, ms=False), lab(who), text), '']
        open(path, 'w', encoding='utf-8').write('\n'.join(lines))
    elif fmt in ('txt-utf8', 'txt-cp1252'):
        lines = header + ['']
        for who, text, _ in turns:
            lines += ['%s: %s' % (lab(who), text), '']
        data = '\n'.join(lines)
        if fmt == 'txt-cp1252':
            open(path, 'wb').write(data.replace('\n', '\r\n').encode('cp1252'))
        else:
            open(path, 'w', encoding='utf-8').write(data)
    elif fmt == 'docx':
        import docx
        d = docx.Document()
        for i, h in enumerate(header):
            p = d.add_paragraph()
            r = p.add_run(h)
            r.bold = (i == 0)
        d.add_paragraph('')
        for who, text, _ in turns:
            p = d.add_paragraph()
            r = p.add_run(lab(who) + ':')
            r.bold = True
            p.add_run(' ' + text)
        d.save(path)
    return path


def main():
    os.makedirs(OUT, exist_ok=True)
    orient_rows, ident_rows, stats = [], [], []
    for doc_id in IDS:
        fmt, labels, header, turns, idents = parse(doc_id)
        path = write(doc_id, fmt, labels, header, turns)
        for i, (who, _, o) in enumerate(turns, 1):
            if o:
                orient_rows.append((doc_id, i, o))
        seen = set()
        for ident, typ in idents:
            if ident not in seen:
                seen.add(ident)
                ident_rows.append((doc_id, ident, typ))
        words = sum(len(t.split()) for _, t, _ in turns)
        nresp = sum(1 for w, _, _ in turns if w == 'R')
        marks = {k: sum(1 for _, _, o in turns if o == k) for k in ('casus', 'netwerk')}
        stats.append((doc_id, os.path.basename(path), fmt, words, nresp, marks))
    with open(os.path.join(ROOT, 'styles.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'style', 'rationale'])
        for doc_id in IDS:
            w.writerow([doc_id, STYLES[doc_id][0], STYLES[doc_id][1]])
    with open(os.path.join(ROOT, 'orientation.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        w.writerows(sorted(orient_rows))
    with open(os.path.join(ROOT, 'identifiers.csv'), 'w', newline='', encoding='utf-8') as f:
        w = csv.writer(f)
        w.writerow(['doc_id', 'identifier', 'type'])
        w.writerows(ident_rows)
    for s in stats:
        print('%s  %-10s %-11s words=%d resp_turns=%d marks=%s' % s)


if __name__ == '__main__':
    main()
