#!/usr/bin/env python3
"""Check setLA: parses the BUILT transcripts (not the sources) and the three csv files.

Standard library only. Prints OK, or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, 'transcripts')

# doc -> (extension, encoding, interviewer label, respondent label)
DOCS = {
    'la01': ('docx', None, 'Interviewer', 'Respondent'),
    'la02': ('txt', 'cp1252', 'I', 'R'),
    'la03': ('vtt', 'utf-8', 'Lotte Verhoef', 'Erwin Kloosterman'),
    'la04': ('srt', 'utf-8', 'Bas', 'Nadia'),
    'la05': ('txt', 'utf-8', 'Spreker 1', 'Spreker 2'),
    'la06': ('docx', None, 'Bas', 'Marjolein'),
}
WANT_STYLES = {'casusgericht': 3, 'netwerkgericht': 1, 'onbepaald': 2}
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER',
         'LEEFTIJD', 'ORGANISATIE_NAAM'}
FORBIDDEN = re.compile(r'casusgericht|netwerkgericht|regiestijl|netwerker', re.I)
WORDS = (1500, 2600)
RTURNS = (10, 45)

problems = []


def problem(msg):
    problems.append(msg)


# ------------------------------------------------------------------ readers
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'


def docx_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    paras = []
    for p in root.iter(W + 'p'):
        parts = []
        for el in p.iter():
            if el.tag == W + 't':
                parts.append(el.text or '')
            elif el.tag == W + 'tab':
                parts.append('\t')
            elif el.tag in (W + 'br', W + 'cr'):
                parts.append('\n')
        paras.append(''.join(parts))
    return paras


def decode(path, enc):
    with open(path, 'rb') as f:
        b = f.read()
    if enc == 'utf-8':
        if b.startswith(b'\xef\xbb\xbf'):
            b = b[3:]
        return b.decode('utf-8')
    # cp1252 file: must not be valid UTF-8 with non-ascii bytes (else it was saved in the wrong encoding)
    text = b.decode('cp1252')
    if any(c > 127 for c in b):
        try:
            b.decode('utf-8')
            problem(f'{os.path.basename(path)}: expected Windows-1252 but bytes are valid UTF-8')
        except UnicodeDecodeError:
            pass
    if b'\r\n' not in b:
        problem(f'{os.path.basename(path)}: expected CRLF line endings')
    return text


def label_re(labels):
    alt = '|'.join(re.escape(x) for x in sorted(labels, key=len, reverse=True))
    return re.compile(r'^(' + alt + r')\s*:\s*(.*)$', re.S)


def turns_from_lines(lines, labels, ts=False):
    """lines: paragraphs/lines; a turn starts with 'Label:'; other non-empty lines before the
    first turn are header; non-empty lines after a turn are continuation of that turn."""
    rx = label_re(labels)
    turns = []
    for line in lines:
        s = line.strip()
        if not s:
            continue
        if ts:
            m = re.match(r'^\[(\d\d):(\d\d):(\d\d)\]\s+(.*)$', s, re.S)
            if m:
                s = m.group(4)
            elif turns:
                turns[-1][1] += ' ' + s
                continue
            else:
                continue  # header
        m = rx.match(s)
        if m:
            turns.append([m.group(1), m.group(2).strip()])
        elif turns:
            turns[-1][1] += ' ' + s
    return turns


def cue_blocks(text):
    return [b.strip('\n') for b in re.split(r'\n\s*\n', text.replace('\r\n', '\n')) if b.strip()]


def parse_vtt(text, labels):
    blocks = cue_blocks(text)
    if not blocks or not blocks[0].startswith('WEBVTT'):
        problem('vtt does not start with WEBVTT')
    turns = []
    for b in blocks[1:]:
        lines = b.split('\n')
        if lines[0].startswith('NOTE'):
            continue
        if '-->' in lines[0]:
            body = lines[1:]
        elif len(lines) > 1 and '-->' in lines[1]:
            body = lines[2:]
        else:
            problem(f'vtt: block without timing: {lines[0][:40]}')
            continue
        txt = ' '.join(body)
        m = re.match(r'^<v(?:\.[\w.]+)?\s+([^>]+)>(.*?)(?:</v>)?$', txt, re.S)
        if not m:
            problem(f'vtt: cue without voice tag: {txt[:40]}')
            continue
        name, said = m.group(1).strip(), m.group(2).strip()
        if name not in labels:
            problem(f'vtt: unknown voice {name!r}')
        if turns and turns[-1][0] == name:
            turns[-1][1] += ' ' + said
        else:
            turns.append([name, said])
    return turns


def parse_srt(text, labels):
    rx = label_re(labels)
    turns = []
    for n, b in enumerate(cue_blocks(text), 1):
        lines = b.split('\n')
        if not lines[0].strip().isdigit() or len(lines) < 3 or '-->' not in lines[1]:
            problem(f'srt: malformed cue {n}: {lines[0][:30]}')
            continue
        if int(lines[0]) != n:
            problem(f'srt: cue number {lines[0]} where {n} expected')
        txt = ' '.join(lines[2:]).strip()
        m = rx.match(txt)
        if not m:
            problem(f'srt: cue {n} without speaker label')
            continue
        name, said = m.group(1), m.group(2).strip()
        if turns and turns[-1][0] == name:
            turns[-1][1] += ' ' + said
        else:
            turns.append([name, said])
    return turns


def load(doc):
    ext, enc, il, rl = DOCS[doc]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc]
    if len(files) != 1:
        problem(f'{doc}: expected one transcript, found {files}')
        return None, None
    if not files[0].endswith('.' + ext):
        problem(f'{doc}: expected .{ext}, found {files[0]}')
    path = os.path.join(TDIR, files[0])
    try:
        if ext == 'docx':
            paras = docx_paragraphs(path)
            raw = '\n'.join(paras)
            turns = turns_from_lines(paras, (il, rl))
        else:
            raw = decode(path, enc)
            if ext == 'vtt':
                turns = parse_vtt(raw, (il, rl))
            elif ext == 'srt':
                turns = parse_srt(raw, (il, rl))
            else:
                ts = bool(re.search(r'^\[\d\d:\d\d:\d\d\]', raw, re.M))
                turns = turns_from_lines(raw.replace('\r\n', '\n').split('\n'), (il, rl), ts=ts)
    except (UnicodeDecodeError, zipfile.BadZipFile, ET.ParseError) as e:
        problem(f'{doc}: cannot read {files[0]}: {e}')
        return None, None
    return raw, turns


# ------------------------------------------------------------------ checks
def main():
    parsed = {}
    for doc, (ext, enc, il, rl) in DOCS.items():
        raw, turns = load(doc)
        if raw is None:
            continue
        parsed[doc] = (raw, turns)
        if not turns:
            problem(f'{doc}: no turns found')
            continue
        for i, (who, _) in enumerate(turns):
            want = il if i % 2 == 0 else rl
            if who != want:
                problem(f'{doc}: turn {i + 1} is {who!r}, expected {want!r} (no strict alternation)')
                break
        nr = sum(1 for w, _ in turns if w == rl)
        if not RTURNS[0] <= nr <= RTURNS[1]:
            problem(f'{doc}: {nr} respondent turns')
        words = sum(len(t.split()) for _, t in turns)
        if not WORDS[0] <= words <= WORDS[1]:
            problem(f'{doc}: {words} spoken words, outside {WORDS}')
        if FORBIDDEN.search(raw):
            problem(f'{doc}: forbidden label word {FORBIDDEN.search(raw).group(0)!r}')
        if any(not t.strip() for _, t in turns):
            problem(f'{doc}: empty turn')

    # styles
    try:
        with open(os.path.join(ROOT, 'styles.csv'), newline='', encoding='utf-8') as f:
            rows = list(csv.DictReader(f))
        docs = [r['doc_id'] for r in rows]
        if sorted(docs) != sorted(DOCS) or len(set(docs)) != len(docs):
            problem(f'styles.csv: docs {docs}')
        counts = {}
        for r in rows:
            counts[r['style']] = counts.get(r['style'], 0) + 1
            if not r['rationale'].strip():
                problem(f'styles.csv: {r["doc_id"]} without rationale')
            if r['style'] == 'onbepaald' and not re.search(r'mixed|too little evidence', r['rationale'], re.I):
                problem(f'styles.csv: {r["doc_id"]} onbepaald without kind')
        if counts != WANT_STYLES:
            problem(f'styles.csv: mix {counts}, wanted {WANT_STYLES}')
    except (OSError, KeyError) as e:
        problem(f'styles.csv: {e}')

    # orientation
    try:
        with open(os.path.join(ROOT, 'orientation.csv'), newline='', encoding='utf-8') as f:
            rows = list(csv.DictReader(f))
        keys = []
        for r in rows:
            doc, idx, o = r['doc_id'], int(r['turn_index']), r['orientation']
            keys.append((doc, idx))
            if o not in ('casus', 'netwerk'):
                problem(f'orientation.csv: bad orientation {o!r}')
            if doc not in parsed:
                problem(f'orientation.csv: unknown doc {doc}')
                continue
            turns = parsed[doc][1]
            rl = DOCS[doc][3]
            if not 1 <= idx <= len(turns) or turns[idx - 1][0] != rl:
                problem(f'orientation.csv: {doc} turn {idx} is not a respondent turn')
        if keys != sorted(keys):
            problem('orientation.csv: not sorted')
        if len(set(keys)) != len(keys):
            problem('orientation.csv: duplicates')
    except (OSError, KeyError, ValueError) as e:
        problem(f'orientation.csv: {e}')

    # identifiers
    try:
        with open(os.path.join(ROOT, 'identifiers.csv'), newline='', encoding='utf-8') as f:
            rows = list(csv.DictReader(f))
        seen = set()
        per_doc = {}
        for r in rows:
            doc, ident, typ = r['doc_id'], r['identifier'], r['type']
            if typ not in TYPES:
                problem(f'identifiers.csv: bad type {typ!r}')
            if (doc, ident) in seen:
                problem(f'identifiers.csv: duplicate {doc} {ident!r}')
            seen.add((doc, ident))
            per_doc[doc] = per_doc.get(doc, 0) + 1
            if doc not in parsed:
                problem(f'identifiers.csv: unknown doc {doc}')
            elif ident not in parsed[doc][0]:
                problem(f'identifiers.csv: {doc} {ident!r} not found verbatim')
        for doc in DOCS:
            if per_doc.get(doc, 0) < 5:
                problem(f'identifiers.csv: {doc} has {per_doc.get(doc, 0)} identifiers (< 5)')
    except (OSError, KeyError) as e:
        problem(f'identifiers.csv: {e}')

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
