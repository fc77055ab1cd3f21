#!/usr/bin/env python3
"""Stdlib self-check for set F. Run: python3 check.py  (exit code 0 = all good)."""
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, 'src'))
import build  # stdlib only at import time (python-docx is imported lazily when writing)

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
STYLES = {'casusgericht', 'netwerkgericht', 'onbepaald'}
TERMS = ('casusgericht', 'netwerkgericht', 'regiestijl')
errors = []


def err(msg):
    errors.append(msg)


def read_units(doc, meta):
    """Return (full_text, [(label, text), ...]) as parsed back from the transcript file."""
    fmt = meta['format']
    path = os.path.join(HERE, 'transcripts', f'{doc}.{build.EXT[fmt]}')
    li, lr = meta['label_i'], meta['label_r']
    lab_re = re.compile(r'^(?:\[\d\d:\d\d:\d\d\] )?(' + re.escape(li) + '|' + re.escape(lr) + r'): (.*)$', re.S)
    units = []
    if fmt == 'docx':
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read('word/document.xml'))
        paras = [''.join(t.text or '' for t in p.iter(W + 't')) for p in root.iter(W + 'p')]
        full = '\n'.join(paras)
        for p in paras:
            m = lab_re.match(p)
            if m:
                units.append((m.group(1), m.group(2)))
        return full, units
    raw = open(path, 'rb').read()
    enc = meta.get('encoding', 'utf-8')
    full = raw.decode(enc)
    if enc == 'cp1252':
        try:
            raw.decode('utf-8')
            err(f'{doc}: declared Windows-1252 but file is valid UTF-8 (no 8-bit characters?)')
        except UnicodeDecodeError:
            pass
    full = full.replace('\r\n', '\n')
    if fmt == 'txt':
        for line in full.split('\n'):
            m = lab_re.match(line)
            if m:
                units.append((m.group(1), m.group(2)))
    elif fmt == 'vtt':
        if not full.startswith('WEBVTT'):
            err(f'{doc}: vtt does not start with WEBVTT')
        for m in re.finditer(r'\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}\n<v ([^>]+)>(.*?)</v>', full):
            units.append((m.group(1), m.group(2)))
    elif fmt == 'srt':
        for block in full.strip().split('\n\n'):
            lines = block.split('\n')
            if len(lines) < 3 or not re.match(r'\d\d:\d\d:\d\d,\d{3} --> ', lines[1]):
                err(f'{doc}: malformed srt block {lines[:2]}')
                continue
            m = lab_re.match('\n'.join(lines[2:]))
            if m:
                units.append((m.group(1), m.group(2)))
    return full, units


def main():
    docs = build.DOCS
    info = {}
    for doc in docs:
        meta, header, turns, ids = build.parse(doc)
        full, units = read_units(doc, meta)
        info[doc] = (meta, turns, full)
        # alternation, starting with the interviewer
        for k, (lab, _) in enumerate(units, 1):
            want = meta['label_i'] if k % 2 else meta['label_r']
            if lab != want:
                err(f'{doc}: turn {k} spoken by {lab!r}, expected {want!r}')
        if len(units) != len(turns):
            err(f'{doc}: {len(units)} turns in transcript, {len(turns)} in source')
        for (lab, txt), tr in zip(units, turns):
            if txt.strip() != tr['text']:
                err(f'{doc}: turn {tr["n"]} text differs from source')
        words = sum(len(t.split()) for _, t in units)
        if not 1500 <= words <= 2600:
            err(f'{doc}: {words} words, outside 1500-2600')
        if meta.get('no_terms') == 'yes':
            for t in TERMS:
                if t in full.lower():
                    err(f'{doc}: contains forbidden term {t!r}')
    # styles.csv
    rows = list(csv.DictReader(open(os.path.join(HERE, 'styles.csv'), encoding='utf-8')))
    if [r['doc_id'] for r in rows] != docs:
        err(f'styles.csv doc ids {[r["doc_id"] for r in rows]} != {docs}')
    for r in rows:
        if r['style'] not in STYLES:
            err(f'styles.csv: bad style {r["style"]!r} for {r["doc_id"]}')
        if not r['rationale'].strip():
            err(f'styles.csv: empty rationale for {r["doc_id"]}')
    cnt = {s: sum(1 for r in rows if r['style'] == s) for s in STYLES}
    if cnt['casusgericht'] < 2 or cnt['netwerkgericht'] < 2 or cnt['onbepaald'] > 1:
        err(f'style mix violates brief: {cnt}')
    # orientation.csv
    orows = list(csv.DictReader(open(os.path.join(HERE, 'orientation.csv'), encoding='utf-8')))
    keys = [(r['doc_id'], int(r['turn_index'])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err('orientation.csv not sorted or has duplicates')
    for r in orows:
        d, n = r['doc_id'], int(r['turn_index'])
        if d not in info:
            err(f'orientation.csv: unknown doc {d}')
            continue
        turns = info[d][1]
        if not (1 <= n <= len(turns)) or n % 2 or turns[n - 1]['who'] != 'R':
            err(f'orientation.csv: {d} turn {n} is not a respondent turn')
        if r['orientation'] not in ('casus', 'netwerk'):
            err(f'orientation.csv: bad orientation {r["orientation"]!r}')
    # identifiers.csv
    irows = list(csv.DictReader(open(os.path.join(HERE, 'identifiers.csv'), encoding='utf-8')))
    for r in irows:
        if r['type'] not in build.TYPES:
            err(f'identifiers.csv: bad type {r["type"]}')
        if r['identifier'] not in info[r['doc_id']][2]:
            err(f'identifiers.csv: {r["doc_id"]}: {r["identifier"]!r} not found verbatim')
    for d in docs:
        if not any(r['doc_id'] == d for r in irows):
            err(f'identifiers.csv: no identifiers for {d}')
    # interviewer/respondent phrasing: two respondents must avoid the style words
    if sum(1 for d in docs if info[d][0].get('no_terms') == 'yes') < 2:
        err('fewer than two documents flagged no_terms')
    if errors:
        print('\n'.join('FAIL ' + e for e in errors))
        sys.exit(1)
    print(f'OK: {len(docs)} transcripts, {len(orows)} orientation rows, {len(irows)} identifiers, styles {cnt}')


if __name__ == '__main__':
    main()
