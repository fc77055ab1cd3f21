#!/usr/bin/env python3
"""Stdlib self-check for blind set Y: reads the rendered transcripts (not the sources) and checks
alternation, orientation rows, identifiers and styles.csv."""
import collections, csv, os, re, sys, zipfile
from xml.etree import ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, 'transcripts')
IDS = ['by01', 'by02', 'by03', 'by04', 'by05', 'by06']
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
LABEL = re.compile(r'^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Z][A-Za-z0-9 .\-]{0,29}?):\s+(.*)$')
errors = []

def err(msg):
    errors.append(msg)

def read_text(path):
    if path.endswith('.docx'):
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read('word/document.xml'))
        return '\n'.join(''.join(t.text or '' for t in p.iter(W + 't')) for p in root.iter(W + 'p'))
    raw = open(path, 'rb').read()
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError:
        return raw.decode('cp1252')

def turns_of(path, text):
    lines = text.replace('\r\n', '\n').split('\n')
    if path.endswith('.vtt'):
        return [(m.group(1), m.group(2)) for m in (re.match(r'^<v ([^>]+)>(.*)$', l) for l in lines) if m]
    cand = [(m.group(1), m.group(2)) for m in (LABEL.match(l) for l in lines) if m]
    common = [lab for lab, _ in collections.Counter(l for l, _ in cand).most_common(2)]
    return [(l, t) for l, t in cand if l in common]

files = {}
for did in IDS:
    hits = [f for f in os.listdir(TR) if f.split('.')[0] == did]
    if len(hits) != 1:
        err(f'{did}: expected exactly one transcript, found {hits}')
        continue
    files[did] = os.path.join(TR, hits[0])

texts, turns = {}, {}
for did, path in files.items():
    texts[did] = read_text(path)
    turns[did] = turns_of(path, texts[did])
    t = turns[did]
    if len(t) < 10:
        err(f'{did}: only {len(t)} turns parsed')
        continue
    first, second = t[0][0], t[1][0]
    for k, (lab, _) in enumerate(t):
        if lab != (first if k % 2 == 0 else second):
            err(f'{did}: alternation broken at turn {k + 1} ({lab})')
            break
    words = sum(len(x.split()) for _, x in t)
    if not 1500 <= words <= 2600:
        err(f'{did}: word count {words} outside 1500-2600')
    print(f'{did}: {os.path.basename(path):10s} turns={len(t)} respondent_turns={len(t) // 2} words={words}')

with open(os.path.join(HERE, 'styles.csv'), encoding='utf-8') as fh:
    rows = list(csv.DictReader(fh))
got = {r['doc_id']: r for r in rows}
if sorted(got) != IDS or len(rows) != len(IDS):
    err(f'styles.csv ids: {sorted(got)}')
for r in rows:
    if r['style'] not in ('casusgericht', 'netwerkgericht', 'onbepaald') or not r['rationale'].strip():
        err(f'styles.csv bad row {r}')

with open(os.path.join(HERE, 'orientation.csv'), encoding='utf-8') as fh:
    orows = list(csv.DictReader(fh))
keys = [(r['doc_id'], int(r['turn_index'])) for r in orows]
if keys != sorted(keys) or len(set(keys)) != len(keys):
    err('orientation.csv not sorted/unique')
for r in orows:
    did, k = r['doc_id'], int(r['turn_index'])
    if r['orientation'] not in ('casus', 'netwerk'):
        err(f'orientation value {r}')
    if did not in turns or not (1 <= k <= len(turns[did])) or k % 2 != 0:
        err(f'orientation row does not point at a respondent turn: {r}')

with open(os.path.join(HERE, 'identifiers.csv'), encoding='utf-8') as fh:
    irows = list(csv.DictReader(fh))
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER', 'LEEFTIJD', 'ORGANISATIE_NAAM'}
for r in irows:
    if r['type'] not in TYPES:
        err(f'identifier type {r}')
    if r['identifier'] not in texts.get(r['doc_id'], ''):
        err(f'identifier not verbatim in text: {r}')
for did in IDS:
    if not any(r['doc_id'] == did for r in irows):
        err(f'{did}: no identifiers')

print(f'styles={len(rows)} orientation_rows={len(orows)} identifiers={len(irows)}')
if errors:
    print('FAIL'); [print(' -', e) for e in errors]; sys.exit(1)
print('OK')
