"""Check set KU: parses the BUILT transcripts (not the sources). Standard library only.

Usage: python3 check.py      -> prints OK, or the problems and exits with status 1.
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
TR = os.path.join(HERE, 'transcripts')
DOCS = ['ku01', 'ku02', 'ku03', 'ku04', 'ku05', 'ku06']
# expected extension, encoding and line ending per document
EXPECT = {
    'ku01': ('docx', None, None),
    'ku02': ('vtt', 'utf-8', '\n'),
    'ku03': ('txt', 'cp1252', '\r\n'),
    'ku04': ('srt', 'utf-8', '\r\n'),
    'ku05': ('txt', 'utf-8', '\n'),
    'ku06': ('docx', None, None),
}
WANT_MIX = {'casusgericht': 2, 'netwerkgericht': 2, 'onbepaald': 2}
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER', 'LEEFTIJD',
         'ORGANISATIE_NAAM'}
WORDS = (1500, 2600)
RESP_TURNS = (10, 45)
FORBIDDEN = re.compile(r'casusgericht|netwerkgericht|regiestijl|netwerker', re.I)
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
LABEL = re.compile(r'^(?:\[(\d\d:\d\d:\d\d)\]\s*)?([^:\[\]<>]{1,40}?):\s+(.*)$')

problems = []


def bad(msg):
    problems.append(msg)


def docx_lines(path):
    with zipfile.ZipFile(path) as z:
        root = ET.fromstring(z.read('word/document.xml'))
    lines = []
    for p in root.iter(W + 'p'):
        lines.append(''.join(t.text or '' for t in p.iter(W + 't')))
    return lines


def label_turns(doc_id, lines):
    """Turns from 'Label: text' lines; the two most frequent labels are the speakers,
    lines before the first turn are header, other lines after it continue the previous turn."""
    cand = Counter()
    for ln in lines:
        m = LABEL.match(ln.strip())
        if m:
            cand[m.group(2).strip()] += 1
    speakers = [lab for lab, n in cand.most_common(2) if n >= 3]
    if len(speakers) != 2:
        bad(f'{doc_id}: cannot find two speaker labels ({cand.most_common(4)})')
        return []
    turns = []
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        m = LABEL.match(s)
        if m and m.group(2).strip() in speakers:
            turns.append([m.group(2).strip(), m.group(3)])
        elif turns:
            turns[-1][1] += ' ' + s
    return turns


def cue_turns(doc_id, text, kind):
    turns = []
    blocks = re.split(r'\n\s*\n', text.strip())
    for b in blocks:
        ls = [x for x in b.split('\n') if x.strip()]
        if kind == 'vtt':
            if ls[0].startswith('WEBVTT') or ls[0].startswith('NOTE'):
                continue
            if '-->' not in ls[0]:
                bad(f'{doc_id}: vtt block without timing: {ls[0][:40]}')
                continue
            body = ' '.join(ls[1:])
            m = re.match(r'^<v ([^>]+)>(.*?)(?:</v>)?$', body)
            if not m:
                bad(f'{doc_id}: vtt cue without voice tag: {body[:40]}')
                continue
            spk, txt = m.group(1).strip(), m.group(2)
        else:
            if not ls[0].strip().isdigit() or len(ls) < 3 or '-->' not in ls[1]:
                bad(f'{doc_id}: malformed srt cue: {ls[:2]}')
                continue
            body = ' '.join(ls[2:])
            m = LABEL.match(body)
            if not m:
                bad(f'{doc_id}: srt cue without speaker: {body[:40]}')
                continue
            spk, txt = m.group(2).strip(), m.group(3)
        if turns and turns[-1][0] == spk:
            turns[-1][1] += ' ' + txt
        else:
            turns.append([spk, txt])
    return turns


def load(doc_id):
    ext, enc, nl = EXPECT[doc_id]
    files = [f for f in os.listdir(TR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        bad(f'{doc_id}: expected one transcript, found {files}')
        return None, []
    path = os.path.join(TR, files[0])
    if not files[0].endswith('.' + ext):
        bad(f'{doc_id}: expected .{ext}, found {files[0]}')
    if ext == 'docx':
        try:
            lines = docx_lines(path)
        except Exception as e:  # noqa: BLE001
            bad(f'{doc_id}: unreadable docx ({e})')
            return None, []
        return '\n'.join(lines), label_turns(doc_id, lines)
    raw = open(path, 'rb').read()
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        bad(f'{doc_id}: not readable as {enc} ({e})')
        return None, []
    if enc == 'cp1252':
        try:
            raw.decode('utf-8')
            bad(f'{doc_id}: expected Windows-1252 but file is valid UTF-8')
        except UnicodeDecodeError:
            pass
    if nl == '\r\n' and (text.count('\n') != text.count('\r\n') or '\r\n' not in text):
        bad(f'{doc_id}: expected CRLF line endings throughout')
    if nl == '\n' and '\r' in text:
        bad(f'{doc_id}: unexpected CR characters')
    text = text.replace('\r\n', '\n')
    if ext == 'vtt':
        if not text.startswith('WEBVTT'):
            bad(f'{doc_id}: vtt does not start with WEBVTT')
        return text, cue_turns(doc_id, text, 'vtt')
    if ext == 'srt':
        return text, cue_turns(doc_id, text, 'srt')
    return text, label_turns(doc_id, text.split('\n'))


def read_csv(name):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        bad(f'missing {name}')
        return None, []
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def main():
    texts, turns = {}, {}
    for d in DOCS:
        text, ts = load(d)
        if text is None:
            continue
        texts[d], turns[d] = text, ts
        if not ts:
            bad(f'{d}: no turns parsed')
            continue
        spk = [t[0] for t in ts]
        first = spk[0]
        other = [s for s in spk if s != first]
        if len(set(spk)) != 2:
            bad(f'{d}: expected two speakers, found {sorted(set(spk))}')
        for i in range(1, len(spk)):
            if spk[i] == spk[i - 1]:
                bad(f'{d}: turns {i} and {i + 1} have the same speaker')
        nresp = len(other)
        words = sum(len([w for w in t[1].split() if re.search(r'\w', w)]) for t in ts)
        if not RESP_TURNS[0] <= nresp <= RESP_TURNS[1]:
            bad(f'{d}: {nresp} respondent turns, outside {RESP_TURNS}')
        if not WORDS[0] <= words <= WORDS[1]:
            bad(f'{d}: {words} words, outside {WORDS}')
        if FORBIDDEN.search(text):
            bad(f'{d}: uses a forbidden label word: {FORBIDDEN.search(text).group(0)}')
        print(f'{d}: {len(ts)} turns, {nresp} respondent turns, {words} words, '
              f'interviewer label "{first}"')

    head, rows = read_csv('styles.csv')
    if head is not None:
        if head != ['doc_id', 'style', 'rationale']:
            bad(f'styles.csv header {head}')
        got = {r[0]: r[1] for r in rows if len(r) == 3}
        if sorted(got) != DOCS or len(rows) != len(DOCS):
            bad(f'styles.csv does not list each doc once: {[r[0] for r in rows]}')
        if Counter(got.values()) != Counter(WANT_MIX):
            bad(f'styles.csv mix {dict(Counter(got.values()))} != {WANT_MIX}')
        for r in rows:
            if len(r) != 3 or not r[2].strip():
                bad(f'styles.csv bad row {r}')
            elif r[1] == 'onbepaald' and not re.search(r'mixed|too little evidence', r[2], re.I):
                bad(f'styles.csv: onbepaald rationale for {r[0]} does not say which kind')

    head, rows = read_csv('orientation.csv')
    if head is not None:
        if head != ['doc_id', 'turn_index', 'orientation']:
            bad(f'orientation.csv header {head}')
        keys = []
        for r in rows:
            if len(r) != 3 or r[0] not in DOCS or not r[1].isdigit() or r[2] not in ('casus', 'netwerk'):
                bad(f'orientation.csv bad row {r}')
                continue
            k = (r[0], int(r[1]))
            keys.append(k)
            ts = turns.get(r[0], [])
            i = k[1]
            if i % 2 != 0 or i < 2 or i > len(ts):
                bad(f'orientation.csv row {r} does not point at a respondent turn')
            elif ts[i - 1][0] == ts[0][0]:
                bad(f'orientation.csv row {r} points at an interviewer turn')
        if keys != sorted(keys):
            bad('orientation.csv not sorted')
        if len(keys) != len(set(keys)):
            bad('orientation.csv has duplicates')

    head, rows = read_csv('identifiers.csv')
    if head is not None:
        if head != ['doc_id', 'identifier', 'type']:
            bad(f'identifiers.csv header {head}')
        per = Counter()
        seen = set()
        for r in rows:
            if len(r) != 3 or r[0] not in DOCS or r[2] not in TYPES or not r[1]:
                bad(f'identifiers.csv bad row {r}')
                continue
            if (r[0], r[1]) in seen:
                bad(f'identifiers.csv duplicate {r}')
            seen.add((r[0], r[1]))
            per[r[0]] += 1
            if r[0] in texts and r[1] not in texts[r[0]]:
                bad(f'identifier not verbatim in {r[0]}: {r[1]!r}')
        for d in DOCS:
            if per[d] < 5:
                bad(f'{d}: only {per[d]} identifiers')

    exts = {os.path.splitext(f)[1] for f in os.listdir(TR)} if os.path.isdir(TR) else set()
    fmts = {EXPECT[d][0] + ('-' + EXPECT[d][1] if EXPECT[d][1] else '') for d in DOCS}
    if len(exts) < 4:
        bad(f'fewer than four formats: {sorted(exts)}')
    for name in ('README.md', 'src/build.py'):
        if not os.path.exists(os.path.join(HERE, name)):
            bad(f'missing {name}')
    if problems:
        print('\n'.join(problems))
        sys.exit(1)
    print(f'formats: {sorted(fmts)}')
    print('OK')


if __name__ == '__main__':
    main()
