#!/usr/bin/env python3
"""Build the set GB transcripts and csv files from the annotated sources.

Source format (src/gbNN.txt):
  @key value           metadata (style, rationale, format, encoding, crlf, timestamps,
                       labelstyle, ilabel, rlabel); labels may carry [[name|PERSOON]] markup
  H: text              header line (docx paragraph, txt header line, vtt NOTE line)
  I: text              interviewer turn
  R: text {tag}        respondent turn, tag is casus, netwerk or -
Identifiers are marked inline as [[text|TYPE]].

Run with: /work/main/.venv/bin/python src/build.py
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TDIR = os.path.join(OUT, 'transcripts')
DOCS = ['gb01', 'gb02', 'gb03', 'gb04', 'gb05', 'gb06']
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER',
         'LEEFTIJD', 'ORGANISATIE_NAAM'}
MARK = re.compile(r'\[\[([^\[\]|]+)\|([A-Z_]+)\]\]')
TAG = re.compile(r'\s*\{(casus|netwerk|-)\}\s*$')


def strip(text):
    return MARK.sub(lambda m: m.group(1), text)


def marks(text):
    return [(m.group(1), m.group(2)) for m in MARK.finditer(text)]


def words(text):
    return len([w for w in text.split() if re.search(r'\w', w)])


def parse(doc):
    path = os.path.join(HERE, doc + '.txt')
    meta, header, turns = {}, [], []
    with open(path, encoding='utf-8') as fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip('\n')
            if not line.strip():
                continue
            if line.startswith('@'):
                key, _, val = line[1:].partition(' ')
                meta[key] = val.strip()
            elif line.startswith('H: '):
                header.append(line[3:])
            elif line.startswith('I: '):
                if TAG.search(line):
                    sys.exit(f'{doc}:{n}: interviewer turn carries a tag')
                turns.append(['I', line[3:], None])
            elif line.startswith('R: '):
                m = TAG.search(line)
                if not m:
                    sys.exit(f'{doc}:{n}: respondent turn without {{casus}}/{{netwerk}}/{{-}}')
                turns.append(['R', line[3:m.start()], m.group(1)])
            else:
                sys.exit(f'{doc}:{n}: unrecognised line: {line[:40]}')
    for i, t in enumerate(turns):
        want = 'I' if i % 2 == 0 else 'R'
        if t[0] != want:
            sys.exit(f'{doc}: turn {i + 1} should be {want}')
    return meta, header, turns


# ---------- cue splitting and timing ----------

def sentences(annotated):
    """Split annotated text into sentences without breaking inside markup."""
    units = []

    def keep(m):
        units.append(m.group(0))
        return '\x01%d\x02' % (len(units) - 1)
    masked = MARK.sub(keep, annotated)
    parts = re.split(r'(?<=[.?!"])\s+(?=\S)', masked)
    out = []
    for p in parts:
        p = re.sub(r'\x01(\d+)\x02', lambda m: units[int(m.group(1))], p)
        out.append(p)
    return out


def cues_for(annotated, maxw=20):
    cues, cur = [], []
    for s in sentences(annotated):
        n = words(strip(s))
        if cur and words(strip(' '.join(cur))) + n > maxw:
            cues.append(' '.join(cur))
            cur = []
        cur.append(s)
    if cur:
        cues.append(' '.join(cur))
    return [strip(c) for c in cues]


class Clock:
    def __init__(self, start=2.4):
        self.t = start

    def span(self, text):
        dur = max(1.3, words(text) * 0.39)
        a = self.t
        self.t += dur + 0.25
        return a, a + dur

    def pause(self, s):
        self.t += s


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return '%02d:%02d:%02d%s%03d' % (h, m, s, sep, ms)


def hms(sec):
    s = int(sec)
    return '%02d:%02d:%02d' % (s // 3600, (s % 3600) // 60, s % 60)


# ---------- writers ----------

def write_docx(doc, meta, header, turns, labels):
    from docx import Document
    from docx.shared import Pt
    d = Document()
    d.core_properties.author = 'transcriptie'
    d.core_properties.title = ''
    style = d.styles['Normal']
    style.font.name = 'Calibri'
    style.font.size = Pt(11)
    for h in header:
        p = d.add_paragraph()
        r = p.add_run(strip(h))
        if meta.get('labelstyle') == 'bold':
            r.italic = True
    if header:
        d.add_paragraph('')
    for who, text, _ in turns:
        lab = labels[who]
        p = d.add_paragraph()
        if meta.get('labelstyle') == 'bold':
            r = p.add_run(lab + ':')
            r.bold = True
            p.add_run(' ' + strip(text))
        else:
            p.add_run(f'{lab}: {strip(text)}')
    path = os.path.join(TDIR, doc + '.docx')
    d.save(path)
    return path


def write_txt(doc, meta, header, turns, labels):
    nl = '\r\n' if meta.get('crlf') == 'yes' else '\n'
    lines = [strip(h) for h in header]
    if header:
        lines.append('')
    clock = Clock()
    for who, text, _ in turns:
        plain = strip(text)
        if meta.get('timestamps') == 'yes':
            a, _ = clock.span(plain)
            clock.pause(0.8)
            lines.append(f'[{hms(a)}] {labels[who]}: {plain}')
        else:
            lines.append(f'{labels[who]}: {plain}')
        lines.append('')
    body = nl.join(lines).rstrip() + nl
    path = os.path.join(TDIR, doc + '.txt')
    with open(path, 'wb') as fh:
        fh.write(body.encode(meta.get('encoding', 'utf-8'), errors='strict'))
    return path


def write_vtt(doc, meta, header, turns, labels):
    out = ['WEBVTT', '']
    if header:
        out.append('NOTE')
        out.extend(strip(h) for h in header)
        out.append('')
    clock = Clock()
    for who, text, _ in turns:
        for c in cues_for(text):
            a, b = clock.span(c)
            out.append(f'{ts(a, ".")} --> {ts(b, ".")}')
            out.append(f'<v {labels[who]}>{c}</v>')
            out.append('')
        clock.pause(0.7)
    path = os.path.join(TDIR, doc + '.vtt')
    with open(path, 'wb') as fh:
        fh.write('\n'.join(out).encode('utf-8'))
    return path


def write_srt(doc, meta, header, turns, labels):
    nl = '\r\n' if meta.get('crlf') == 'yes' else '\n'
    out, n = [], 0
    clock = Clock()
    for who, text, _ in turns:
        for c in cues_for(text, maxw=16):
            n += 1
            a, b = clock.span(c)
            out += [str(n), f'{ts(a, ",")} --> {ts(b, ",")}', f'{labels[who]}: {c}', '']
        clock.pause(0.7)
    path = os.path.join(TDIR, doc + '.srt')
    with open(path, 'wb') as fh:
        fh.write(nl.join(out).encode('utf-8'))
    return path


WRITERS = {'docx': write_docx, 'txt': write_txt, 'vtt': write_vtt, 'srt': write_srt}


def main():
    os.makedirs(TDIR, exist_ok=True)
    for f in os.listdir(TDIR):
        if f.split('.')[0] in DOCS:
            os.remove(os.path.join(TDIR, f))
    styles, orient, idents, stats = [], [], [], []
    problems = 0
    for doc in DOCS:
        meta, header, turns = parse(doc)
        labels = {'I': strip(meta['ilabel']), 'R': strip(meta['rlabel'])}
        seen = {}
        pieces = header + [meta['ilabel'], meta['rlabel']] + [t[1] for t in turns]
        for piece in pieces:
            for s, typ in marks(piece):
                if typ not in TYPES:
                    sys.exit(f'{doc}: unknown type {typ} for {s}')
                if s in seen and seen[s] != typ:
                    sys.exit(f'{doc}: {s} typed both {seen[s]} and {typ}')
                if s not in seen:
                    seen[s] = typ
                    idents.append((doc, s, typ))
        # unannotated occurrences of identifier strings
        masked = ' '.join(MARK.sub('\x00', p) for p in header + [t[1] for t in turns])
        for s in seen:
            if re.search(r'(?<!\w)' + re.escape(s) + r'(?!\w)', masked):
                print(f'WARNING {doc}: unannotated occurrence of {s!r}')
                problems += 1
        for i, (who, text, tag) in enumerate(turns, 1):
            if who == 'R' and tag in ('casus', 'netwerk'):
                orient.append((doc, i, tag))
        styles.append((doc, meta['style'], meta['rationale']))
        WRITERS[meta['format']](doc, meta, header, turns, labels)
        nw = sum(words(strip(t[1])) for t in turns)
        nr = sum(1 for t in turns if t[0] == 'R')
        tags = [t[2] for t in turns if t[0] == 'R']
        stats.append((doc, meta['style'], meta['format'], nw, nr, len(seen),
                      tags.count('casus'), tags.count('netwerk'), tags.count('-')))

    def wcsv(name, header, rows):
        with open(os.path.join(OUT, name), 'w', encoding='utf-8', newline='') as fh:
            w = csv.writer(fh, lineterminator='\n')
            w.writerow(header)
            w.writerows(rows)
    wcsv('styles.csv', ['doc_id', 'style', 'rationale'], styles)
    wcsv('orientation.csv', ['doc_id', 'turn_index', 'orientation'], sorted(orient))
    wcsv('identifiers.csv', ['doc_id', 'identifier', 'type'], idents)
    print('doc   style           format  words  R-turns  idents  casus netwerk -')
    for s in stats:
        print('%-5s %-15s %-7s %5d  %7d  %6d  %5d %7d %d' % s)
    if problems:
        print(f'{problems} warning(s)')


if __name__ == '__main__':
    main()
