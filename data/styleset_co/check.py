#!/usr/bin/env python3
"""Stdlib self-check for setCO: reads the transcripts as delivered (not the sources) and verifies
alternation (interviewer first), orientation rows on respondent turns, identifiers verbatim,
styles.csv complete."""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, 'transcripts')
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
LABEL_RE = re.compile(r'^(?:\[\d\d:\d\d:\d\d\]\s*)?([A-Z][A-Za-z0-9 .]{0,30}?):\s+(.*)$')
STYLES = {'casusgericht', 'netwerkgericht', 'onbepaald'}
errors = []


def err(msg):
    errors.append(msg)


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    out = []
    for p in root.iter(W + 'p'):
        out.append(''.join(t.text or '' for t in p.iter(W + 't')))
    return out


def read_doc(path):
    """Return (full_text, list of (speaker, text)) with consecutive same-speaker segments merged."""
    ext = path.rsplit('.', 1)[1]
    segs = []
    if ext == 'docx':
        paras = docx_paragraphs(path)
        full = '\n'.join(paras)
        for p in paras:
            m = LABEL_RE.match(p)
            if m:
                segs.append((m.group(1), m.group(2)))
    else:
        raw = open(path, 'rb').read()
        try:
            full = raw.decode('utf-8')
        except UnicodeDecodeError:
            full = raw.decode('cp1252')
        if ext == 'vtt':
            for m in re.finditer(r'<v ([^>]+)>(.*?)</v>', full):
                segs.append((m.group(1), m.group(2)))
        elif ext == 'srt':
            for block in re.split(r'\r?\n\r?\n', full.strip()):
                lines = block.splitlines()
                if len(lines) >= 3 and '-->' in lines[1]:
                    m = LABEL_RE.match(' '.join(lines[2:]))
                    if m:
                        segs.append((m.group(1), m.group(2)))
        else:
            for line in full.splitlines():
                m = LABEL_RE.match(line)
                if m:
                    segs.append((m.group(1), m.group(2)))
    # drop header lines that look like "Datum: ..." before the first real turn in txt/docx
    turns = []
    for spk, text in segs:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + ' ' + text)
        else:
            turns.append((spk, text))
    return full, turns


def main():
    styles = {}
    with open(os.path.join(HERE, 'styles.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            styles[row['doc_id']] = row
    docs = sorted(fn.rsplit('.', 1)[0] for fn in os.listdir(TR))
    if len(docs) != 6:
        err(f'expected 6 transcripts, found {len(docs)}')
    data = {}
    for fn in sorted(os.listdir(TR)):
        doc = fn.rsplit('.', 1)[0]
        full, turns = read_doc(os.path.join(TR, fn))
        # skip header pseudo-turns (e.g. "Datum: ...") that precede the interview proper
        labels = [s for s, _ in turns]
        counts = {l: labels.count(l) for l in set(labels)}
        speakers = sorted(counts, key=lambda l: -counts[l])[:2]
        turns = [t for t in turns if t[0] in speakers]
        merged = []
        for spk, text in turns:
            if merged and merged[-1][0] == spk:
                merged[-1] = (spk, merged[-1][1] + ' ' + text)
            else:
                merged.append((spk, text))
        turns = merged
        if len(set(s for s, _ in turns)) != 2:
            err(f'{doc}: expected 2 speakers, got {set(s for s, _ in turns)}')
        interviewer = turns[0][0]
        for i, (spk, _) in enumerate(turns, 1):
            expected_interviewer = (i % 2 == 1)
            if (spk == interviewer) != expected_interviewer:
                err(f'{doc}: alternation broken at turn {i}')
        words = sum(len(t.split()) for _, t in turns)
        if not 1500 <= words <= 2600:
            err(f'{doc}: {words} words outside 1500-2600')
        data[doc] = (full, turns, interviewer)
        print(f'{doc}: {len(turns)} turns ({sum(1 for s, _ in turns if s != interviewer)} respondent), '
              f'{words} words, interviewer label "{interviewer}"')
    # styles
    for doc in docs:
        if doc not in styles:
            err(f'styles.csv: missing {doc}')
        elif styles[doc]['style'] not in STYLES:
            err(f'styles.csv: bad style for {doc}')
        elif not styles[doc]['rationale'].strip():
            err(f'styles.csv: empty rationale for {doc}')
    # orientation
    prev = None
    with open(os.path.join(HERE, 'orientation.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            doc, idx, o = row['doc_id'], int(row['turn_index']), row['orientation']
            key = (doc, idx)
            if prev and key <= prev:
                err(f'orientation.csv not sorted / duplicate at {key}')
            prev = key
            if o not in ('casus', 'netwerk'):
                err(f'orientation.csv: bad value {o}')
            if doc not in data:
                err(f'orientation.csv: unknown doc {doc}')
                continue
            full, turns, interviewer = data[doc]
            if idx < 1 or idx > len(turns) or turns[idx - 1][0] == interviewer or idx % 2:
                err(f'orientation.csv: {doc} turn {idx} is not a respondent turn')
    # identifiers
    types = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER', 'LEEFTIJD',
             'ORGANISATIE_NAAM'}
    n = 0
    with open(os.path.join(HERE, 'identifiers.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            n += 1
            if row['type'] not in types:
                err(f'identifiers.csv: bad type {row["type"]}')
            if row['doc_id'] not in data or row['identifier'] not in data[row['doc_id']][0]:
                err(f'identifiers.csv: "{row["identifier"]}" not verbatim in {row["doc_id"]}')
    print(f'identifiers checked: {n}')
    if errors:
        print('FAILED')
        for e in errors:
            print('  ' + e)
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
