#!/usr/bin/env python3
"""Check set GB: parses the built transcripts (not the sources). Standard library only.

Prints OK, or the problems and exits with status 1.
"""
import csv
import html
import os
import re
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(HERE, 'transcripts')
DOCS = ['gb01', 'gb02', 'gb03', 'gb04', 'gb05', 'gb06']
# expected delivery per document: extension, encoding, interviewer label, respondent label
EXPECT = {
    'gb01': ('srt', 'utf-8', 'Interviewer', 'Harm'),
    'gb02': ('docx', None, 'Lotte', 'Sietse'),
    'gb03': ('vtt', 'utf-8', 'Jorien Kalsbeek', 'Marrit Wijnja'),
    'gb04': ('txt', 'utf-8', 'Spreker 1', 'Spreker 2'),
    'gb05': ('txt', 'cp1252', 'I', 'R'),
    'gb06': ('docx', None, 'Femke', 'Auke'),
}
MIX = {'casusgericht': 2, 'netwerkgericht': 2, 'onbepaald': 2}
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER',
         'LEEFTIJD', 'ORGANISATIE_NAAM'}
WMIN, WMAX = 1500, 2600
RMIN, RMAX = 10, 45

problems = []


def problem(msg):
    problems.append(msg)


def nwords(text):
    return len([w for w in text.split() if re.search(r'\w', w)])


def label_re(labels):
    alt = '|'.join(re.escape(l) for l in labels)
    return re.compile(r'^(?:\[\d\d:\d\d:\d\d\]\s*)?(' + alt + r'):\s*(.*)$')


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        xml = z.read('word/document.xml').decode('utf-8')
    paras = []
    for p in re.findall(r'<w:p[ >].*?</w:p>|<w:p/>', xml, flags=re.S):
        texts = re.findall(r'<w:t(?: [^>]*)?>(.*?)</w:t>', p, flags=re.S)
        paras.append(html.unescape(''.join(texts)))
    return paras


def turns_from_lines(doc, lines, labels):
    """Paragraph/line based formats: a labelled line starts a turn; other lines
    before the first turn are header, after it continuation."""
    rx = label_re(labels)
    turns = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        m = rx.match(line)
        if m:
            turns.append([m.group(1), m.group(2)])
        elif turns:
            turns[-1][1] += ' ' + line
    # in these formats every turn is its own labelled paragraph: no merging
    for i in range(1, len(turns)):
        if turns[i][0] == turns[i - 1][0]:
            problem(f'{doc}: two consecutive turns by {turns[i][0]} (turn {i + 1})')
    return turns


def merge(cues):
    turns = []
    for who, text in cues:
        if turns and turns[-1][0] == who:
            turns[-1][1] += ' ' + text
        else:
            turns.append([who, text])
    return turns


def parse_vtt(doc, text, labels):
    if not text.startswith('WEBVTT'):
        problem(f'{doc}: vtt does not start with WEBVTT')
    cues = []
    for block in re.split(r'\n\s*\n', text.replace('\r\n', '\n')):
        lines = block.strip('\n').split('\n')
        if not lines or lines[0].startswith('WEBVTT') or lines[0].startswith('NOTE'):
            continue
        ti = next((i for i, l in enumerate(lines) if '-->' in l), None)
        if ti is None:
            problem(f'{doc}: vtt block without timing: {lines[0][:40]}')
            continue
        body = ' '.join(lines[ti + 1:])
        m = re.match(r'^<v ([^>]+)>(.*?)(?:</v>)?$', body)
        if not m:
            problem(f'{doc}: vtt cue without voice tag: {body[:40]}')
            continue
        if m.group(1) not in labels:
            problem(f'{doc}: unknown voice {m.group(1)!r}')
        cues.append((m.group(1), m.group(2)))
    return merge(cues)


def parse_srt(doc, text, labels):
    rx = label_re(labels)
    cues = []
    expected = 1
    for block in re.split(r'\n\s*\n', text.replace('\r\n', '\n').strip()):
        lines = block.split('\n')
        if len(lines) < 3 or not lines[0].strip().isdigit() or '-->' not in lines[1]:
            problem(f'{doc}: malformed srt block: {block[:40]!r}')
            continue
        if int(lines[0]) != expected:
            problem(f'{doc}: srt cue numbered {lines[0]} where {expected} expected')
        expected = int(lines[0]) + 1
        body = ' '.join(lines[2:])
        m = rx.match(body)
        if not m:
            problem(f'{doc}: srt cue without speaker: {body[:40]}')
            continue
        cues.append((m.group(1), m.group(2)))
    return merge(cues)


def load(doc):
    ext, enc, ilab, rlab = EXPECT[doc]
    found = [f for f in os.listdir(TDIR) if f.split('.')[0] == doc]
    if len(found) != 1:
        problem(f'{doc}: expected one transcript, found {found}')
        return None, None
    if found[0] != f'{doc}.{ext}':
        problem(f'{doc}: expected {doc}.{ext}, found {found[0]}')
        return None, None
    path = os.path.join(TDIR, found[0])
    labels = [ilab, rlab]
    if ext == 'docx':
        try:
            paras = docx_paragraphs(path)
        except Exception as e:  # noqa
            problem(f'{doc}: docx unreadable: {e}')
            return None, None
        return turns_from_lines(doc, paras, labels), '\n'.join(paras)
    raw = open(path, 'rb').read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        problem(f'{doc}: not readable as {enc}: {e}')
        return None, None
    if enc == 'cp1252':
        try:
            raw.decode('utf-8')
            if any(b > 127 for b in raw):
                problem(f'{doc}: expected Windows-1252 but file is valid UTF-8')
        except UnicodeDecodeError:
            pass
    if ext == 'txt':
        return turns_from_lines(doc, text.splitlines(), labels), text
    if ext == 'vtt':
        return parse_vtt(doc, text, labels), text
    if ext == 'srt':
        return parse_srt(doc, text, labels), text
    problem(f'{doc}: unknown extension {ext}')
    return None, None


def read_csv(name, header):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        problem(f'{name} missing')
        return []
    with open(path, encoding='utf-8', newline='') as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != header:
        problem(f'{name}: header should be {",".join(header)}')
        return []
    return rows[1:]


def main():
    parsed = {}
    for doc in DOCS:
        turns, full = load(doc)
        if turns is None:
            continue
        ilab, rlab = EXPECT[doc][2], EXPECT[doc][3]
        for i, (who, _) in enumerate(turns):
            want = ilab if i % 2 == 0 else rlab
            if who != want:
                problem(f'{doc}: turn {i + 1} is {who}, expected {want}')
                break
        words = sum(nwords(t) for _, t in turns)
        nresp = sum(1 for who, _ in turns if who == rlab)
        if not WMIN <= words <= WMAX:
            problem(f'{doc}: {words} spoken words, outside {WMIN}-{WMAX}')
        if not RMIN <= nresp <= RMAX:
            problem(f'{doc}: {nresp} respondent turns, outside {RMIN}-{RMAX}')
        parsed[doc] = (turns, full)

    # styles
    rows = read_csv('styles.csv', ['doc_id', 'style', 'rationale'])
    styles = {}
    for r in rows:
        if len(r) != 3:
            problem(f'styles.csv: bad row {r}')
            continue
        if r[0] in styles:
            problem(f'styles.csv: duplicate {r[0]}')
        styles[r[0]] = r
        if r[1] not in MIX:
            problem(f'styles.csv: {r[0]} has style {r[1]!r}')
        if not r[2].strip():
            problem(f'styles.csv: {r[0]} has no rationale')
    if sorted(styles) != DOCS:
        problem(f'styles.csv: documents {sorted(styles)} instead of {DOCS}')
    for s, n in MIX.items():
        c = sum(1 for r in styles.values() if r[1] == s)
        if c != n:
            problem(f'styles.csv: {c} x {s}, expected {n}')
    und = [r[2].lower() for r in styles.values() if r[1] == 'onbepaald']
    if not any('mixed' in x for x in und) or not any('too little evidence' in x for x in und):
        problem('styles.csv: onbepaald rationales must name one "mixed" and one "too little evidence"')

    # orientation
    rows = read_csv('orientation.csv', ['doc_id', 'turn_index', 'orientation'])
    keys = []
    for r in rows:
        if len(r) != 3 or not r[1].isdigit():
            problem(f'orientation.csv: bad row {r}')
            continue
        doc, idx, ori = r[0], int(r[1]), r[2]
        keys.append((doc, idx))
        if ori not in ('casus', 'netwerk'):
            problem(f'orientation.csv: {doc} {idx} orientation {ori!r}')
        if doc not in parsed:
            problem(f'orientation.csv: unknown or unparsed doc {doc}')
            continue
        turns = parsed[doc][0]
        if not 1 <= idx <= len(turns) or turns[idx - 1][0] != EXPECT[doc][3]:
            problem(f'orientation.csv: {doc} turn {idx} is not a respondent turn')
    if keys != sorted(keys):
        problem('orientation.csv: not sorted by doc_id, turn_index')
    if len(keys) != len(set(keys)):
        problem('orientation.csv: duplicate rows')

    # identifiers
    rows = read_csv('identifiers.csv', ['doc_id', 'identifier', 'type'])
    seen = set()
    count = {d: 0 for d in DOCS}
    for r in rows:
        if len(r) != 3:
            problem(f'identifiers.csv: bad row {r}')
            continue
        doc, ident, typ = r
        if (doc, ident) in seen:
            problem(f'identifiers.csv: duplicate {doc} {ident!r}')
        seen.add((doc, ident))
        if typ not in TYPES:
            problem(f'identifiers.csv: {doc} {ident!r} has type {typ!r}')
        if doc not in parsed:
            problem(f'identifiers.csv: unknown or unparsed doc {doc}')
            continue
        count[doc] += 1
        if ident not in parsed[doc][1]:
            problem(f'identifiers.csv: {doc} {ident!r} does not occur verbatim')
    for d, n in count.items():
        if n < 5:
            problem(f'identifiers.csv: {d} has only {n} identifiers')

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
