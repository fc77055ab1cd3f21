#!/usr/bin/env python3
"""Stdlib self-check for set DK: alternation, orientation rows, identifiers, styles."""
import csv, os, re, sys, zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
T = os.path.join(HERE, 'transcripts')
DOCS = ['dk01', 'dk02', 'dk03', 'dk04', 'dk05', 'dk06']
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
errors = []


def labels(doc):
    meta = {}
    for line in open(os.path.join(HERE, 'src', doc + '.txt'), encoding='utf-8'):
        if line.startswith('#'):
            k, v = line[1:].split(':', 1)
            meta[k.strip()] = v.strip()
    return meta['ilabel'], meta['rlabel']


def units(doc):
    """Return (full_text, list of text units: paragraphs or cue payloads)."""
    files = [f for f in os.listdir(T) if f.startswith(doc + '.')]
    if len(files) != 1:
        errors.append(f'{doc}: expected one transcript, found {files}')
        return '', []
    path = os.path.join(T, files[0])
    ext = files[0].split('.', 1)[1]
    if ext == 'docx':
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read('word/document.xml'))
        paras = [''.join(t.text or '' for t in p.iter(W + 't')) for p in root.iter(W + 'p')]
        paras = [p for p in paras if p.strip()]
        return '\n'.join(paras), paras
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        text = raw.decode('cp1252')
    text = text.replace('\r\n', '\n')
    blocks = [b.strip() for b in text.split('\n\n') if b.strip()]
    out = []
    for b in blocks:
        lines = b.split('\n')
        if ext in ('srt', 'vtt'):
            lines = [l for l in lines if '-->' not in l and not re.fullmatch(r'\d+', l)]
        out.append(' '.join(lines))
    return text, out


def speaker(u, il, rl):
    u = re.sub(r'^\[\d\d:\d\d:\d\d\]\s*', '', u)
    for spk, lab in (('I', il), ('R', rl)):
        if u.startswith(lab + ':') or u.startswith(f'<v {lab}>'):
            return spk
    return None


turns_of = {}
fulltext = {}
for doc in DOCS:
    il, rl = labels(doc)
    text, us = units(doc)
    fulltext[doc] = text
    seq, started = [], False
    for u in us:
        s = speaker(u, il, rl)
        if s is None:
            if started:
                errors.append(f'{doc}: unlabelled unit after first turn: {u[:50]!r}')
            continue
        started = True
        seq.append(s)
    turns_of[doc] = seq
    for i, s in enumerate(seq):
        if s != 'IR'[i % 2]:
            errors.append(f'{doc}: turn {i+1} is {s}, alternation broken')
    if not seq or seq[0] != 'I':
        errors.append(f'{doc}: does not start with interviewer')

with open(os.path.join(HERE, 'orientation.csv'), encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
keys = [(r['doc_id'], int(r['turn_index'])) for r in rows]
if keys != sorted(keys) or len(set(keys)) != len(keys):
    errors.append('orientation.csv not sorted/unique')
for r in rows:
    seq = turns_of.get(r['doc_id'], [])
    i = int(r['turn_index'])
    if not (1 <= i <= len(seq)) or seq[i - 1] != 'R' or i % 2:
        errors.append(f'orientation row {r} does not point at a respondent turn')
    if r['orientation'] not in ('casus', 'netwerk'):
        errors.append(f'bad orientation value {r}')

with open(os.path.join(HERE, 'identifiers.csv'), encoding='utf-8') as f:
    for r in csv.DictReader(f):
        if r['identifier'] not in fulltext.get(r['doc_id'], ''):
            errors.append(f'identifier not found verbatim: {r}')
        if r['type'] not in {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL',
                             'DOSSIER', 'LEEFTIJD', 'ORGANISATIE_NAAM'}:
            errors.append(f'bad identifier type: {r}')

with open(os.path.join(HERE, 'styles.csv'), encoding='utf-8') as f:
    st = {r['doc_id']: r for r in csv.DictReader(f)}
if sorted(st) != DOCS:
    errors.append(f'styles.csv docs: {sorted(st)}')
for d, r in st.items():
    if r['style'] not in ('casusgericht', 'netwerkgericht', 'onbepaald') or not r['rationale'].strip():
        errors.append(f'styles.csv bad row {r}')
mix = sorted(r['style'] for r in st.values())
if mix != sorted(['casusgericht'] * 3 + ['netwerkgericht'] * 2 + ['onbepaald']):
    errors.append(f'style mix {mix}')

for doc in DOCS:
    print(doc, 'turns=%d respondent=%d' % (len(turns_of[doc]), turns_of[doc].count('R')))
if errors:
    print('FAIL')
    for e in errors:
        print(' -', e)
    sys.exit(1)
print('OK: all checks passed')
