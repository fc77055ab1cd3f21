#!/usr/bin/env python3
"""Stdlib self-check for blind set DH. Run: python3 check.py"""
import csv, os, re, sys, zipfile
from collections import Counter
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, 'transcripts')
IDS = ['dh01', 'dh02', 'dh03', 'dh04', 'dh05', 'dh06']
STYLES = {'casusgericht', 'netwerkgericht', 'onbepaald'}
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
errors = []


def err(msg):
    errors.append(msg)


def read_doc(doc_id):
    """Return (full_text, list of candidate utterance strings)."""
    files = [f for f in os.listdir(TR) if f.split('.')[0] == doc_id]
    if len(files) != 1:
        err(f'{doc_id}: expected exactly one transcript file, found {files}')
        return '', []
    path = os.path.join(TR, files[0])
    ext = files[0].split('.', 1)[1]
    if ext == 'docx':
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read('word/document.xml'))
        paras = [''.join(t.text or '' for t in p.iter(W + 't')) for p in root.iter(W + 'p')]
        return '\n'.join(paras), [p for p in paras if p.strip()]
    raw = open(path, 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError:
        text = raw.decode('cp1252')
    text = text.replace('\r\n', '\n')
    if ext in ('srt', 'vtt'):
        utts = []
        for block in re.split(r'\n\s*\n', text.strip()):
            lines = block.split('\n')
            idx = [i for i, l in enumerate(lines) if '-->' in l]
            if not idx:
                continue
            cue = ' '.join(lines[idx[0] + 1:])
            m = re.match(r'<v ([^>]+)>(.*?)(</v>)?$', cue)
            if m:
                cue = f'{m.group(1)}: {m.group(2)}'
            utts.append(cue)
        plain = '\n'.join(utts)
        return text + '\n' + plain, utts
    utts = [re.sub(r'^\[\d\d:\d\d:\d\d\]\s*', '', l) for l in text.split('\n') if l.strip()]
    return text, utts


def turns_of(utts):
    lab = lambda u: u.split(':', 1)[0] if ':' in u[:30] else None
    counts = Counter(lab(u) for u in utts if lab(u))
    speakers = {k for k, v in counts.items() if v >= 3}
    return [(lab(u), u.split(':', 1)[1].strip()) for u in utts if lab(u) in speakers]


turns = {}
texts = {}
for d in IDS:
    full, utts = read_doc(d)
    texts[d] = full
    t = turns_of(utts)
    turns[d] = t
    labels = []
    for s, _ in t:
        if s not in labels:
            labels.append(s)
    if len(labels) != 2:
        err(f'{d}: expected 2 speakers, found {labels}')
        continue
    for i, (s, _) in enumerate(t):
        if s != labels[i % 2]:
            err(f'{d}: alternation broken at turn {i + 1}')
            break
    words = sum(len(x.split()) for _, x in t)
    if not 1500 <= words <= 2600:
        err(f'{d}: {words} words outside 1500-2600')
    print(f'{d}: {len(t)} turns ({len(t)//2 + len(t)%2} interviewer / {len(t)//2} respondent), {words} words, speakers {labels}')

with open(os.path.join(HERE, 'styles.csv'), encoding='utf-8') as f:
    rows = list(csv.DictReader(f))
ids = [r['doc_id'] for r in rows]
if sorted(ids) != IDS:
    err(f'styles.csv ids {ids}')
for r in rows:
    if r['style'] not in STYLES or not r['rationale'].strip():
        err(f'styles.csv bad row {r}')
print('styles:', Counter(r['style'] for r in rows))

with open(os.path.join(HERE, 'orientation.csv'), encoding='utf-8') as f:
    orows = list(csv.DictReader(f))
keys = [(r['doc_id'], int(r['turn_index'])) for r in orows]
if keys != sorted(keys) or len(set(keys)) != len(keys):
    err('orientation.csv not sorted/unique')
for r in orows:
    d, i = r['doc_id'], int(r['turn_index'])
    if r['orientation'] not in ('casus', 'netwerk'):
        err(f'orientation value {r}')
    if d not in turns or not (1 <= i <= len(turns[d])) or i % 2 != 0:
        err(f'orientation row not on a respondent turn: {r}')
print('orientation rows:', len(orows), Counter((r['doc_id'], r['orientation']) for r in orows))

with open(os.path.join(HERE, 'identifiers.csv'), encoding='utf-8') as f:
    irows = list(csv.DictReader(f))
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER', 'LEEFTIJD', 'ORGANISATIE_NAAM'}
for r in irows:
    if r['type'] not in TYPES:
        err(f'identifier type {r}')
    if r['identifier'] not in texts.get(r['doc_id'], ''):
        err(f'identifier not verbatim in document: {r}')
print('identifier rows:', len(irows))

if errors:
    print('FAIL')
    for e in errors:
        print('  ', e)
    sys.exit(1)
print('OK: all checks passed')
