#!/usr/bin/env python3
"""Stdlib self-check for blind set O. Run: python3 check.py  (exit code 0 = all fine)."""
import csv, os, re, sys, zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, 'transcripts')
IDS = ['bo01', 'bo02', 'bo03', 'bo04', 'bo05', 'bo06']
STYLES = {'casusgericht', 'netwerkgericht', 'onbepaald'}
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
errors = []


def err(msg):
    errors.append(msg)


def read_text(path):
    raw = open(path, 'rb').read()
    try:
        return raw.decode('utf-8')
    except UnicodeDecodeError:
        return raw.decode('cp1252')


def turns_txt(text):
    out = []
    for line in text.splitlines():
        m = re.match(r'^(?:\[\d\d:\d\d:\d\d\] )?([^:\[\]|]{1,25}): (.+)$', line.strip())
        if m:
            out.append((m.group(1).strip(), m.group(2)))
    return out


def turns_srt(text):
    out = []
    for block in re.split(r'\n\s*\n', text.strip()):
        lines = block.strip().splitlines()
        if len(lines) >= 3 and '-->' in lines[1]:
            body = ' '.join(lines[2:])
            m = re.match(r'^([^:]{1,25}): (.+)$', body)
            if not m:
                err('srt cue without speaker: %s' % body[:50])
                continue
            out.append((m.group(1), m.group(2)))
    return out


def turns_vtt(text):
    out = []
    if not text.startswith('WEBVTT'):
        err('vtt file does not start with WEBVTT')
    for line in text.splitlines():
        m = re.match(r'^<v ([^>]+)>(.*?)(</v>)?$', line.strip())
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def docx_paragraphs(path):
    root = ET.fromstring(zipfile.ZipFile(path).read('word/document.xml'))
    paras = []
    for p in root.iter(W + 'p'):
        runs = []
        for r in p.iter(W + 'r'):
            t = ''.join(x.text or '' for x in r.iter(W + 't'))
            rpr = r.find(W + 'rPr')
            bold = rpr is not None and rpr.find(W + 'b') is not None
            runs.append((bold, t))
        paras.append(runs)
    return paras


def turns_docx(path):
    out = []
    for runs in docx_paragraphs(path):
        if runs and runs[0][0] and runs[0][1].endswith(':'):
            out.append((runs[0][1][:-1], ''.join(t for _, t in runs[1:]).strip()))
    return out


def load(doc_id):
    files = [f for f in os.listdir(TDIR) if f.split('.')[0] == doc_id]
    if len(files) != 1:
        err('%s: expected exactly one transcript, found %s' % (doc_id, files))
        return None, '', []
    path = os.path.join(TDIR, files[0])
    ext = files[0].rsplit('.', 1)[1]
    if ext == 'docx':
        full = '\n'.join(''.join(t for _, t in runs) for runs in docx_paragraphs(path))
        return ext, full, turns_docx(path)
    text = read_text(path)
    return ext, text, {'srt': turns_srt, 'vtt': turns_vtt}.get(ext, turns_txt)(text)


def main():
    docs = {}
    for d in IDS:
        ext, full, turns = load(d)
        if ext is None:
            continue
        labels = []
        for lab, _ in turns:
            if lab not in labels:
                labels.append(lab)
        if len(labels) != 2:
            err('%s: expected 2 speaker labels, found %s' % (d, labels))
        for i, (lab, _) in enumerate(turns):
            if labels and lab != labels[i % 2]:
                err('%s: alternation broken at turn %d (%s)' % (d, i + 1, lab))
                break
        if turns and len(turns) % 2:
            err('%s: odd number of turns, last turn is the interviewer' % d)
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err('%s: %d words outside 1500-2600' % (d, words))
        docs[d] = dict(ext=ext, full=full, n=len(turns), words=words, resp=len(turns) // 2)
    exts = {v['ext'] for v in docs.values()}
    if 'docx' not in exts or not exts & {'srt', 'vtt'} or 'txt' not in exts:
        err('format mix incomplete: %s' % sorted(exts))

    with open(os.path.join(ROOT, 'styles.csv'), newline='', encoding='utf-8') as f:
        rows = list(csv.DictReader(f))
    styles = {r['doc_id']: r['style'] for r in rows}
    if sorted(styles) != IDS or len(rows) != len(IDS):
        err('styles.csv does not list each doc exactly once: %s' % [r['doc_id'] for r in rows])
    for r in rows:
        if r['style'] not in STYLES:
            err('styles.csv: bad style %s for %s' % (r['style'], r['doc_id']))
        if not r.get('rationale', '').strip():
            err('styles.csv: empty rationale for %s' % r['doc_id'])
    mix = sorted(styles.values())
    if mix.count('casusgericht') != 2 or mix.count('netwerkgericht') != 3 or mix.count('onbepaald') != 1:
        err('style mix is not 2 casus / 3 netwerk / 1 onbepaald: %s' % mix)

    with open(os.path.join(ROOT, 'orientation.csv'), newline='', encoding='utf-8') as f:
        orows = list(csv.DictReader(f))
    keys = [(r['doc_id'], int(r['turn_index'])) for r in orows]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        err('orientation.csv not sorted / has duplicates')
    for r in orows:
        d, i = r['doc_id'], int(r['turn_index'])
        if r['orientation'] not in ('casus', 'netwerk'):
            err('orientation.csv: bad value %s' % r['orientation'])
        if d not in docs or i % 2 or not 2 <= i <= docs[d]['n']:
            err('orientation.csv: %s turn %d is not a respondent turn' % (d, i))

    with open(os.path.join(ROOT, 'identifiers.csv'), newline='', encoding='utf-8') as f:
        irows = list(csv.DictReader(f))
    types = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER', 'LEEFTIJD', 'ORGANISATIE_NAAM'}
    for r in irows:
        if r['type'] not in types:
            err('identifiers.csv: bad type %s' % r['type'])
        if r['doc_id'] not in docs or r['identifier'] not in docs[r['doc_id']]['full']:
            err('identifiers.csv: %r not found verbatim in %s' % (r['identifier'], r['doc_id']))

    for d in IDS:
        if d in docs:
            v = docs[d]
            print('%s %-5s %-15s words=%4d turns=%2d respondent_turns=%2d identifiers=%2d oriented=%2d' % (
                d, v['ext'], styles.get(d, '?'), v['words'], v['n'], v['resp'],
                sum(1 for r in irows if r['doc_id'] == d), sum(1 for r in orows if r['doc_id'] == d)))
    if errors:
        print('\nFAILED (%d):' % len(errors))
        for e in errors:
            print(' -', e)
        sys.exit(1)
    print('\nOK: all checks passed')


if __name__ == '__main__':
    main()
