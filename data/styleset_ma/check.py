"""Check the setma blind set against the brief (standard library only).

Parses the BUILT transcripts in transcripts/ (not the sources) and the three csv
files. Prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, 'transcripts')

# doc -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    'ma01': ('docx', None, 'Interviewer', 'Respondent'),
    'ma02': ('vtt', 'utf-8', 'Lieke van Dam', 'Ingrid Baas'),
    'ma03': ('txt', 'cp1252', 'I', 'R'),
    'ma04': ('srt', 'utf-8', 'Joost', 'Yasmina'),
    'ma05': ('txt', 'utf-8', 'Spreker 1', 'Spreker 2'),
    'ma06': ('docx', None, 'Joost', 'Marian'),
}
WANT_MIX = {'casusgericht': 2, 'netwerkgericht': 2, 'onbepaald': 2}
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER',
         'LEEFTIJD', 'ORGANISATIE_NAAM'}
FORBIDDEN = ['casusgericht', 'netwerkgericht', 'regiestijl', 'netwerker',
             'meer van de casus', 'meer van het netwerk']
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'

problems = []


def problem(msg):
    problems.append(msg)


def merge(seq):
    """seq of (speaker or None, text); None = continuation. Merge into turns."""
    turns = []
    for who, text in seq:
        text = text.strip()
        if who is None:
            if not turns:
                continue  # header material before the first turn
            if text:
                turns[-1][1] = (turns[-1][1] + ' ' + text).strip()
        else:
            turns.append([who, text])
    return turns


def label_re(labels):
    alt = '|'.join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(r'^(' + alt + r'):\s*(.*)$', re.S)


def parse_docx(path, labels):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    paras = []
    for p in root.iter(W + 'p'):
        paras.append(''.join(t.text or '' for t in p.iter(W + 't')))
    raw = '\n'.join(paras)
    rx = label_re(labels)
    seq, started = [], False
    for ptxt in paras:
        m = rx.match(ptxt)
        if m and (started or m.group(1) == labels[0]):
            started = True
            seq.append((m.group(1), m.group(2)))
        elif started and ptxt.strip():
            seq.append((None, ptxt))
    return raw, merge(seq)


def parse_txt(raw, labels):
    lines = raw.splitlines()
    if labels[0].startswith('Spreker'):
        rx = re.compile(r'^\[(\d\d:\d\d:\d\d)\] (Spreker \d+):\s*(.*)$')
    else:
        rx = label_re(labels)
    seq, started = [], False
    for ln in lines:
        m = rx.match(ln)
        if m:
            who, text = (m.group(2), m.group(3)) if m.re.groups == 3 else (m.group(1), m.group(2))
            if who not in labels:
                problem(f'unknown speaker {who!r}')
            if started or who == labels[0]:
                started = True
                seq.append((who, text))
                continue
        if started and ln.strip():
            seq.append((None, ln))
    return merge(seq)


def parse_vtt(raw, labels):
    if not raw.startswith('WEBVTT'):
        problem('vtt does not start with WEBVTT')
    blocks = re.split(r'\n\s*\n', raw.replace('\r\n', '\n'))
    turns = []
    last_end = -1.0
    for b in blocks:
        lines = [x for x in b.split('\n') if x.strip()]
        if not lines or lines[0].startswith('WEBVTT') or lines[0].startswith('NOTE'):
            continue
        idx = [i for i, x in enumerate(lines) if '-->' in x]
        if not idx:
            problem(f'vtt block without timing: {lines[0][:40]!r}')
            continue
        tline = lines[idx[0]]
        m = re.match(r'(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})', tline)
        if not m:
            problem(f'bad vtt timing {tline!r}')
            continue
        g = [int(x) for x in m.groups()]
        start = g[0] * 3600 + g[1] * 60 + g[2] + g[3] / 1000
        end = g[4] * 3600 + g[5] * 60 + g[6] + g[7] / 1000
        if start < last_end or end <= start:
            problem(f'vtt timing not increasing at {tline}')
        last_end = end
        text = ' '.join(lines[idx[0] + 1:])
        vm = re.match(r'^<v ([^>]+)>(.*?)(</v>)?$', text)
        if not vm:
            problem(f'vtt cue without voice tag: {text[:40]!r}')
            continue
        who, body = vm.group(1), vm.group(2)
        if who not in labels:
            problem(f'unknown vtt voice {who!r}')
        if turns and turns[-1][0] == who:
            turns[-1][1] += ' ' + body.strip()
        else:
            turns.append([who, body.strip()])
    return turns


def parse_srt(raw, labels):
    blocks = re.split(r'\n\s*\n', raw.replace('\r\n', '\n').strip())
    rx = label_re(labels)
    seq, n_expected = [], 1
    for b in blocks:
        lines = b.split('\n')
        if len(lines) < 3 or not lines[0].strip().isdigit():
            problem(f'bad srt block: {b[:40]!r}')
            continue
        if int(lines[0]) != n_expected:
            problem(f'srt numbering jumps at {lines[0]}')
        n_expected = int(lines[0]) + 1
        if not re.match(r'\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$', lines[1].strip()):
            problem(f'bad srt timing {lines[1]!r}')
        text = ' '.join(x.strip() for x in lines[2:])
        m = rx.match(text)
        if m:
            seq.append((m.group(1), m.group(2)))
        else:
            seq.append((None, text))
    return merge(seq)


def read_doc(doc):
    ext, enc, il, rl = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if f.split('.')[0] == doc]
    if len(files) != 1:
        problem(f'{doc}: expected exactly one transcript, found {files}')
        return None, None
    path = os.path.join(TDIR, files[0])
    if not files[0].endswith('.' + ext):
        problem(f'{doc}: expected .{ext}, found {files[0]}')
    labels = (il, rl)
    if ext == 'docx':
        try:
            return parse_docx(path, labels)
        except Exception as e:  # noqa
            problem(f'{doc}: docx unreadable: {e}')
            return None, None
    data = open(path, 'rb').read()
    try:
        raw = data.decode(enc)
    except UnicodeDecodeError as e:
        problem(f'{doc}: not readable as {enc}: {e}')
        return None, None
    if enc == 'cp1252':
        try:
            data.decode('utf-8')
            problem(f'{doc}: expected a real Windows-1252 file but it decodes as UTF-8')
        except UnicodeDecodeError:
            pass
        if b'\r\n' not in data or re.search(rb'(?<!\r)\n', data):
            problem(f'{doc}: Windows-1252 transcript should use CRLF throughout')
    if raw.startswith('\ufeff'):
        raw = raw[1:]
    if ext == 'txt':
        return raw, parse_txt(raw, labels)
    if ext == 'vtt':
        return raw, parse_vtt(raw, labels)
    return raw, parse_srt(raw, labels)


def load_csv(name, header):
    path = os.path.join(ROOT, name)
    if not os.path.exists(path):
        problem(f'missing {name}')
        return []
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f))
    if not rows or rows[0] != header:
        problem(f'{name}: header should be {header}')
        return []
    return rows[1:]


def main():
    parsed = {}
    for doc in DOCS:
        raw, turns = read_doc(doc)
        if turns is None:
            continue
        il, rl = DOCS[doc][2], DOCS[doc][3]
        parsed[doc] = (raw, turns)
        for i, (who, text) in enumerate(turns, 1):
            want = il if i % 2 else rl
            if who != want:
                problem(f'{doc}: turn {i} is {who!r}, expected {want!r} (strict alternation)')
                break
            if not text:
                problem(f'{doc}: turn {i} is empty')
        words = sum(len(t.split()) for _, t in turns)
        nr = sum(1 for w, _ in turns if w == rl)
        if not 1500 <= words <= 2600:
            problem(f'{doc}: {words} words of spoken text, outside 1500-2600')
        if not 10 <= nr <= 45:
            problem(f'{doc}: {nr} respondent turns, outside 10-45')
        low = raw.lower()
        for w in FORBIDDEN:
            if w in low:
                problem(f'{doc}: forbidden wording {w!r}')

    styles = load_csv('styles.csv', ['doc_id', 'style', 'rationale'])
    seen = Counter(r[0] for r in styles)
    for doc in DOCS:
        if seen[doc] != 1:
            problem(f'styles.csv: {doc} appears {seen[doc]} times')
    extra = set(seen) - set(DOCS)
    if extra:
        problem(f'styles.csv: unknown docs {sorted(extra)}')
    mix = Counter(r[1] for r in styles)
    if dict(mix) != WANT_MIX:
        problem(f'styles.csv: style mix {dict(mix)} != {WANT_MIX}')
    kinds = []
    for r in styles:
        if len(r) != 3 or not r[2].strip():
            problem(f'styles.csv: row without rationale {r}')
            continue
        if r[1] == 'onbepaald':
            rl = r[2].lower()
            if 'mixed' in rl:
                kinds.append('mixed')
            elif 'too little evidence' in rl:
                kinds.append('too little evidence')
            else:
                problem(f'styles.csv: onbepaald {r[0]} rationale does not name its kind')
    if sorted(kinds) != ['mixed', 'too little evidence']:
        problem(f'styles.csv: onbepaald kinds {kinds}, want one mixed and one too little evidence')

    orient = load_csv('orientation.csv', ['doc_id', 'turn_index', 'orientation'])
    keys = []
    for r in orient:
        if len(r) != 3:
            problem(f'orientation.csv: bad row {r}')
            continue
        doc, idx, o = r
        if o not in ('casus', 'netwerk'):
            problem(f'orientation.csv: bad orientation {r}')
        if doc not in parsed:
            problem(f'orientation.csv: unknown doc {doc}')
            continue
        try:
            i = int(idx)
        except ValueError:
            problem(f'orientation.csv: bad turn index {r}')
            continue
        turns = parsed[doc][1]
        if not 1 <= i <= len(turns) or turns[i - 1][0] != DOCS[doc][3]:
            problem(f'orientation.csv: {doc} turn {i} is not a respondent turn')
        keys.append((doc, i))
    if keys != sorted(keys):
        problem('orientation.csv: not sorted by doc_id, turn_index')
    if len(keys) != len(set(keys)):
        problem('orientation.csv: duplicate rows')

    idents = load_csv('identifiers.csv', ['doc_id', 'identifier', 'type'])
    per_doc = Counter()
    seen_id = set()
    for r in idents:
        if len(r) != 3:
            problem(f'identifiers.csv: bad row {r}')
            continue
        doc, s, t = r
        if t not in TYPES:
            problem(f'identifiers.csv: bad type {r}')
        if (doc, s) in seen_id:
            problem(f'identifiers.csv: duplicate {doc} {s!r}')
        seen_id.add((doc, s))
        if doc not in parsed:
            problem(f'identifiers.csv: unknown doc {doc}')
            continue
        if s not in parsed[doc][0]:
            problem(f'identifiers.csv: {doc} {s!r} does not occur verbatim in the transcript')
        per_doc[doc] += 1
    for doc in DOCS:
        if per_doc[doc] < 5:
            problem(f'identifiers.csv: {doc} has only {per_doc[doc]} identifiers')

    exts = {DOCS[d][0] + (DOCS[d][1] or '') for d in DOCS}
    if len({DOCS[d][0] for d in DOCS}) < 4:
        problem(f'fewer than four formats: {exts}')

    if '-v' in sys.argv:
        for doc, (raw, turns) in parsed.items():
            print(doc, 'turns', len(turns), 'words', sum(len(t.split()) for _, t in turns))
    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
