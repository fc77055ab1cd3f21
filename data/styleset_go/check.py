#!/usr/bin/env python3
"""Check the built setGO transcripts and label files (standard library only).

Parses the transcripts in transcripts/ (not the sources), and checks:
- every doc has exactly one transcript, readable in its encoding;
- turns alternate, starting with the interviewer;
- every orientation row points at a respondent turn (sorted, no duplicates);
- every identifier occurs verbatim in its document;
- styles.csv is complete with the requested mix (2 casusgericht, 2 netwerkgericht,
  2 onbepaald: one mixed, one too little evidence);
- 1,500-2,600 spoken words and 10-45 respondent turns per document;
- at least four different transcript formats.
Prints OK or the problems (exit status 1).
"""
import csv
import os
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.abspath(__file__))
TDIR = os.path.join(ROOT, 'transcripts')

# doc_id: (extension, encoding, interviewer label, respondent label, format name)
DOCS = {
    'go01': ('.docx', 'utf-8', 'Lotte', 'Sjoukje', 'docx bold names'),
    'go02': ('.txt', 'cp1252', 'I', 'R', 'txt windows-1252 I/R'),
    'go03': ('.vtt', 'utf-8', 'Interviewer', 'Hanneke Witte', 'vtt voice tags'),
    'go04': ('.srt', 'utf-8', 'Esther', 'Ruud', 'srt names'),
    'go05': ('.txt', 'utf-8', 'Spreker 1', 'Spreker 2', 'txt timestamped speakers'),
    'go06': ('.docx', 'utf-8', 'Interviewer', 'Respondent', 'docx plain labels'),
}
TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER',
         'LEEFTIJD', 'ORGANISATIE_NAAM'}
W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'

problems = []


def problem(msg):
    problems.append(msg)


def label_re(labels):
    alts = '|'.join(re.escape(l) for l in sorted(labels, key=len, reverse=True))
    return re.compile(r'^(%s):\s+(.*)$' % alts)


def merge(seq):
    """seq of (speaker, text) pieces -> turns, merging consecutive same-speaker pieces."""
    turns = []
    for spk, text in seq:
        if turns and turns[-1][0] == spk:
            turns[-1] = (spk, turns[-1][1] + ' ' + text)
        else:
            turns.append((spk, text))
    return turns


def parse_labelled_lines(lines, labels, doc_id, ts_prefix=False):
    rx = label_re(labels)
    header, seq = [], []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if ts_prefix:
            m = re.match(r'^\[(\d\d):(\d\d):(\d\d)\]\s+(.*)$', line)
            if m:
                line = m.group(4)
            elif seq:
                problem('%s: line without timestamp after first turn: %r' % (doc_id, line[:50]))
        m = rx.match(line)
        if m:
            seq.append((m.group(1), m.group(2)))
        elif not seq:
            header.append(line)
        else:
            # continuation paragraph of the previous turn
            seq.append((seq[-1][0], line))
    return header, merge(seq)


def parse_docx(path, labels, doc_id):
    with zipfile.ZipFile(path) as z:
        xml = z.read('word/document.xml')
    root = ET.fromstring(xml)
    paras = []
    for p in root.iter(W + 'p'):
        parts = []
        for el in p.iter():
            if el.tag == W + 't':
                parts.append(el.text or '')
            elif el.tag in (W + 'tab', W + 'br'):
                parts.append(' ')
        paras.append(''.join(parts))
    return parse_labelled_lines(paras, labels, doc_id)


def parse_vtt(text, labels, doc_id):
    lines = text.replace('\r\n', '\n').split('\n')
    if not lines or not lines[0].startswith('WEBVTT'):
        problem('%s: missing WEBVTT signature' % doc_id)
    blocks = re.split(r'\n\s*\n', '\n'.join(lines[1:]).strip())
    header, seq = [], []
    for b in blocks:
        bl = b.split('\n')
        if bl[0].startswith('NOTE'):
            header.extend(x for x in [bl[0][4:].strip()] + bl[1:] if x.strip())
            continue
        idx = next((i for i, l in enumerate(bl) if '-->' in l), None)
        if idx is None:
            problem('%s: vtt block without timing: %r' % (doc_id, b[:40]))
            continue
        if not re.match(r'^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}', bl[idx]):
            problem('%s: bad vtt timing %r' % (doc_id, bl[idx]))
        body = ' '.join(bl[idx + 1:]).strip()
        m = re.match(r'^<v ([^>]+)>(.*?)(?:</v>)?$', body)
        if not m:
            problem('%s: vtt cue without voice tag: %r' % (doc_id, body[:40]))
            continue
        spk = m.group(1).strip()
        if spk not in labels:
            problem('%s: unknown voice %r' % (doc_id, spk))
        seq.append((spk, m.group(2).strip()))
    return header, merge(seq)


def parse_srt(text, labels, doc_id):
    blocks = re.split(r'\n\s*\n', text.replace('\r\n', '\n').strip())
    rx = label_re(labels)
    seq = []
    for n, b in enumerate(blocks, start=1):
        bl = b.split('\n')
        if len(bl) < 3 or bl[0].strip() != str(n):
            problem('%s: srt cue %d malformed' % (doc_id, n))
            continue
        if not re.match(r'^\d\d:\d\d:\d\d,\d{3} --> \d\d:\d\d:\d\d,\d{3}$', bl[1].strip()):
            problem('%s: bad srt timing %r' % (doc_id, bl[1]))
        body = ' '.join(l.strip() for l in bl[2:])
        m = rx.match(body)
        if m:
            seq.append((m.group(1), m.group(2)))
        elif seq:
            seq.append((seq[-1][0], body))
        else:
            problem('%s: first srt cue without speaker' % doc_id)
    return [], merge(seq)


def load(doc_id):
    ext, enc, ilab, rlab, _ = DOCS[doc_id]
    files = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] == doc_id]
    if len(files) != 1:
        problem('%s: expected exactly one transcript, found %s' % (doc_id, files))
        return None
    fn = files[0]
    if not fn.endswith(ext):
        problem('%s: expected %s, found %s' % (doc_id, ext, fn))
        return None
    path = os.path.join(TDIR, fn)
    labels = (ilab, rlab)
    if ext == '.docx':
        try:
            header, turns = parse_docx(path, labels, doc_id)
        except Exception as e:  # noqa
            problem('%s: unreadable docx: %s' % (doc_id, e))
            return None
    else:
        raw = open(path, 'rb').read()
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError as e:
            problem('%s: not readable as %s: %s' % (doc_id, enc, e))
            return None
        if enc == 'cp1252':
            try:
                raw.decode('utf-8')
                if any(b > 127 for b in raw):
                    problem('%s: declared Windows-1252 but decodes as UTF-8' % doc_id)
            except UnicodeDecodeError:
                pass
            if b'\n' in raw.replace(b'\r\n', b''):
                problem('%s: Windows-1252 file without consistent CRLF' % doc_id)
        if text.startswith('\ufeff'):
            text = text[1:]
        if ext == '.vtt':
            header, turns = parse_vtt(text, labels, doc_id)
        elif ext == '.srt':
            header, turns = parse_srt(text, labels, doc_id)
        else:
            ts = doc_id == 'go05'
            header, turns = parse_labelled_lines(text.splitlines(), labels, doc_id, ts_prefix=ts)
    # header lines must not look like turns of another speaker
    for h in header:
        m = re.match(r'^([A-Z][\w.\- ]{0,25}):\s', h)
        if m and m.group(1) not in ('Datum', 'Opname', 'Respondent', 'Geïnterviewde', 'Duur',
                                   'Locatie', 'Plaats'):
            problem('%s: header line looks like a speaker turn: %r' % (doc_id, h[:50]))
    return dict(header=header, turns=turns, labels=labels, fn=fn)


def main():
    if not os.path.isdir(TDIR):
        print('transcripts/ missing')
        sys.exit(1)
    extra = [f for f in os.listdir(TDIR) if os.path.splitext(f)[0] not in DOCS]
    if extra:
        problem('unexpected files in transcripts/: %s' % extra)
    formats = set(v[4] for v in DOCS.values())
    if len(formats) < 4:
        problem('fewer than four formats')
    parsed = {}
    for doc_id in sorted(DOCS):
        d = load(doc_id)
        if d is None:
            continue
        parsed[doc_id] = d
        ilab, rlab = d['labels']
        turns = d['turns']
        if not turns:
            problem('%s: no turns parsed' % doc_id)
            continue
        for i, (spk, _) in enumerate(turns, start=1):
            want = ilab if i % 2 == 1 else rlab
            if spk != want:
                problem('%s: turn %d spoken by %r, expected %r (no alternation)' % (doc_id, i, spk, want))
                break
        words = sum(len(t.split()) for _, t in turns)
        nresp = sum(1 for s, _ in turns if s == rlab)
        if not 1500 <= words <= 2600:
            problem('%s: %d spoken words (need 1500-2600)' % (doc_id, words))
        if not 10 <= nresp <= 45:
            problem('%s: %d respondent turns (need 10-45)' % (doc_id, nresp))
        d['fulltext'] = ' '.join(d['header'] + [s + ': ' + t for s, t in turns])
        d['nturns'] = len(turns)

    # styles.csv
    try:
        rows = list(csv.DictReader(open(os.path.join(ROOT, 'styles.csv'), encoding='utf-8')))
    except FileNotFoundError:
        rows = []
        problem('styles.csv missing')
    ids = [r['doc_id'] for r in rows]
    if sorted(ids) != sorted(DOCS) or len(ids) != len(set(ids)):
        problem('styles.csv does not list each doc exactly once: %s' % ids)
    counts = {}
    kinds = []
    for r in rows:
        st = r.get('style', '')
        if st not in ('casusgericht', 'netwerkgericht', 'onbepaald'):
            problem('styles.csv: bad style %r for %s' % (st, r.get('doc_id')))
        counts[st] = counts.get(st, 0) + 1
        rat = (r.get('rationale') or '').strip()
        if not rat:
            problem('styles.csv: empty rationale for %s' % r.get('doc_id'))
        if st == 'onbepaald':
            low = rat.lower()
            if 'mixed' in low:
                kinds.append('mixed')
            elif 'too little evidence' in low:
                kinds.append('little')
            else:
                problem('styles.csv: onbepaald rationale for %s does not say which kind' % r['doc_id'])
    if counts != {'casusgericht': 2, 'netwerkgericht': 2, 'onbepaald': 2}:
        problem('styles.csv: wrong mix %s' % counts)
    if sorted(kinds) != ['little', 'mixed']:
        problem('styles.csv: onbepaald kinds should be one mixed and one too little evidence, got %s' % kinds)

    # orientation.csv
    try:
        orows = list(csv.reader(open(os.path.join(ROOT, 'orientation.csv'), encoding='utf-8')))
    except FileNotFoundError:
        orows = [['doc_id', 'turn_index', 'orientation']]
        problem('orientation.csv missing')
    if orows[0] != ['doc_id', 'turn_index', 'orientation']:
        problem('orientation.csv: bad header %s' % orows[0])
    keys = []
    for r in orows[1:]:
        if len(r) != 3:
            problem('orientation.csv: bad row %s' % r)
            continue
        doc_id, idx, o = r
        if o not in ('casus', 'netwerk'):
            problem('orientation.csv: bad orientation %s' % r)
        try:
            idx = int(idx)
        except ValueError:
            problem('orientation.csv: bad index %s' % r)
            continue
        keys.append((doc_id, idx))
        d = parsed.get(doc_id)
        if d is None:
            problem('orientation.csv: unknown or unparsed doc %s' % doc_id)
            continue
        if idx % 2 != 0 or not 1 <= idx <= d['nturns'] or d['turns'][idx - 1][0] != d['labels'][1]:
            problem('orientation.csv: %s turn %d is not a respondent turn' % (doc_id, idx))
    if keys != sorted(keys):
        problem('orientation.csv: not sorted')
    if len(keys) != len(set(keys)):
        problem('orientation.csv: duplicate rows')

    # identifiers.csv
    try:
        irows = list(csv.reader(open(os.path.join(ROOT, 'identifiers.csv'), encoding='utf-8')))
    except FileNotFoundError:
        irows = [['doc_id', 'identifier', 'type']]
        problem('identifiers.csv missing')
    if irows[0] != ['doc_id', 'identifier', 'type']:
        problem('identifiers.csv: bad header %s' % irows[0])
    seen = set()
    per_doc = {}
    for r in irows[1:]:
        if len(r) != 3:
            problem('identifiers.csv: bad row %s' % r)
            continue
        doc_id, ident, typ = r
        if typ not in TYPES:
            problem('identifiers.csv: bad type %s' % r)
        if (doc_id, ident) in seen:
            problem('identifiers.csv: duplicate %s' % r)
        seen.add((doc_id, ident))
        per_doc[doc_id] = per_doc.get(doc_id, 0) + 1
        d = parsed.get(doc_id)
        if d is None:
            problem('identifiers.csv: unknown or unparsed doc %s' % doc_id)
            continue
        if ident not in d['fulltext']:
            problem('identifiers.csv: %s %r does not occur verbatim' % (doc_id, ident))
    for doc_id in DOCS:
        if per_doc.get(doc_id, 0) < 5:
            problem('identifiers.csv: %s has fewer than 5 identifiers' % doc_id)

    if problems:
        for p in problems:
            print(p)
        sys.exit(1)
    print('OK')


if __name__ == '__main__':
    main()
