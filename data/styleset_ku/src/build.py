"""Build the six transcripts of set KU and the three label files from the annotated sources.

Run with: /work/main/.venv/bin/python src/build.py   (needs python-docx)

Source format (src/kuNN.txt): one paragraph per turn, separated by blank lines,
  'H: ' header line, 'I: ' interviewer turn, 'R: ' respondent turn;
  identifiers inline as [[text|TYPE]]; every R paragraph ends in {casus}, {netwerk} or {-}.
"""
import csv
import os
import re

import docx
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
TR = os.path.join(OUT, 'transcripts')

TYPES = {'PERSOON', 'LOCATIE', 'ADRES', 'DATUM', 'TELEFOON', 'EMAIL', 'DOSSIER', 'LEEFTIJD',
         'ORGANISATIE_NAAM'}
MARK = re.compile(r'\[\[(.+?)\|([A-Z_]+)\]\]')
ORI = re.compile(r'\s*\{(casus|netwerk|-)\}\s*$')

# per document: format, speaker labels (interviewer, respondent), which labels are names,
# style and one-sentence rationale
META = {
    'ku01': dict(fmt='docx_bold', labels=('Femke Draaisma', 'Ingrid Brouwer'), names=('Femke Draaisma', 'Ingrid Brouwer'),
                 style='onbepaald',
                 rationale='Genuinely mixed without saying so: she invests herself as the daily '
                           'contact and plan-keeper for one farm family and, in separate answers, '
                           'just as much in an escalation agreement, a chain table, church-council '
                           'agreements and steering-group reports.'),
    'ku02': dict(fmt='vtt', labels=('Lotte Verhoef', 'Daan Hulshof'), names=('Lotte Verhoef', 'Daan Hulshof'),
                 style='casusgericht',
                 rationale='Names many partners and meetings, but each is recruited for one '
                           "client's plan; he declines the regional working group and leaves "
                           'structural work to a colleague.'),
    'ku03': dict(fmt='txt_cp1252', labels=('I', 'R'), names=(),
                 style='onbepaald',
                 rationale='Genuinely mixed and says so ("twee petten"): as village officer she '
                           'carries one farm family herself, as domestic-violence lead she builds '
                           'hand-over agreements, a privacy table and structural police capacity.'),
    'ku04': dict(fmt='srt', labels=('Interviewer', 'Hanneke Wiggers'), names=('Hanneke Wiggers',),
                 style='netwerkgericht',
                 rationale='Tells a warm, detailed story about one farm woman but hands the daily '
                           'contact to the local team and invests her own effort in GP agreements, '
                           'feedback routines, border agreements and escalation.'),
    'ku05': dict(fmt='txt_stamp', labels=('Spreker 1', 'Spreker 2'), names=(),
                 style='casusgericht',
                 rationale='A municipal role that invites structural work, but she puts her own '
                           'effort and trust into one bakery family and the plan around it, and '
                           'explicitly leaves the regional table and policy to a colleague.'),
    'ku06': dict(fmt='docx_plain', labels=('Interviewer', 'Respondent'), names=(),
                 style='netwerkgericht',
                 rationale='A social worker who hands client contact to younger colleagues and '
                           'invests in relations with entrepreneurs, churches, partners and '
                           'escalation routes across reorganisations.'),
}


def parse(doc_id):
    with open(os.path.join(HERE, doc_id + '.txt'), encoding='utf-8') as f:
        raw = f.read()
    paras = [' '.join(p.split()) for p in re.split(r'\n\s*\n', raw) if p.strip()]
    header, turns, ids = [], [], []
    for p in paras:
        tag, body = p[:2], p[3:]
        ori = None
        if tag == 'R:':
            m = ORI.search(body)
            if not m:
                raise SystemExit(f'{doc_id}: respondent paragraph without orientation: {body[:60]}')
            ori = m.group(1)
            body = body[:m.start()]
        for t, ty in MARK.findall(body):
            if ty not in TYPES:
                raise SystemExit(f'{doc_id}: unknown type {ty}')
            ids.append((t, ty))
        plain = MARK.sub(r'\1', body)
        if '[[' in plain or ']]' in plain or '{' in plain:
            raise SystemExit(f'{doc_id}: leftover markup: {plain[:80]}')
        if tag == 'H:':
            if turns:
                raise SystemExit(f'{doc_id}: header after turns')
            header.append((body, plain))
        elif tag in ('I:', 'R:'):
            turns.append((tag[0], body, plain, ori))
        else:
            raise SystemExit(f'{doc_id}: bad paragraph {p[:40]}')
    for i, t in enumerate(turns):
        if t[0] != ('I' if i % 2 == 0 else 'R'):
            raise SystemExit(f'{doc_id}: turns do not alternate at {i + 1}')
    meta = META[doc_id]
    ids = [(n, 'PERSOON') for n in meta['names']] + ids
    seen, uniq = set(), []
    for t, ty in ids:
        if t not in seen:
            seen.add(t)
            uniq.append((t, ty))
    return header, turns, uniq


def chunks(marked, maxw=22):
    """Split a marked-up turn into cue texts at sentence ends, never inside an identifier."""
    prot = MARK.sub(lambda m: m.group(0).replace(' ', '\x00'), marked)
    toks = prot.split()
    out, cur = [], []
    for tok in toks:
        cur.append(tok)
        plain_tok = MARK.sub(r'\1', tok.replace('\x00', ' '))
        end = plain_tok.endswith(('.', '?', '!', ')')) or (plain_tok.endswith(',') and len(cur) >= maxw)
        if (end and len(cur) >= 6) or len(cur) >= maxw + 12:
            out.append(cur)
            cur = []
    if cur:
        if out and len(cur) < 4:
            out[-1].extend(cur)
        else:
            out.append(cur)
    res = []
    for c in out:
        s = ' '.join(c).replace('\x00', ' ')
        res.append(MARK.sub(r'\1', s))
    return res


def ts(sec, sep):
    ms = int(round(sec * 1000))
    h, ms = divmod(ms, 3600000)
    m, ms = divmod(ms, 60000)
    s, ms = divmod(ms, 1000)
    return f'{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}'


def timed_cues(turns, labels):
    t = 3.2
    cues = []
    prev = None
    for spk, marked, plain, _ in turns:
        lab = labels[0] if spk == 'I' else labels[1]
        if prev is not None:
            t += 0.9
        for c in chunks(marked):
            dur = max(1.4, len(c.split()) / 2.6)
            cues.append((t, t + dur, lab, c))
            t += dur + 0.25
        prev = spk
    return cues


def write_docx(path, header, turns, labels, bold):
    d = docx.Document()
    st = d.styles['Normal']
    st.font.name = 'Calibri'
    st.font.size = Pt(11)
    for _, plain in header:
        p = d.add_paragraph()
        r = p.add_run(plain)
        r.italic = not bold
        r.bold = False
    if header:
        d.add_paragraph('')
    for spk, _, plain, _ in turns:
        lab = labels[0] if spk == 'I' else labels[1]
        p = d.add_paragraph()
        r = p.add_run(lab + ':')
        r.bold = bold
        p.add_run(' ' + plain)
    d.save(path)


def build(doc_id):
    header, turns, ids = parse(doc_id)
    meta = META[doc_id]
    fmt, labels = meta['fmt'], meta['labels']
    if fmt == 'docx_bold':
        path = os.path.join(TR, doc_id + '.docx')
        write_docx(path, header, turns, labels, True)
    elif fmt == 'docx_plain':
        path = os.path.join(TR, doc_id + '.docx')
        write_docx(path, header, turns, labels, False)
    elif fmt == 'txt_cp1252':
        path = os.path.join(TR, doc_id + '.txt')
        lines = [plain for _, plain in header] + ['']
        for spk, _, plain, _ in turns:
            lines.append(f'{labels[0] if spk == "I" else labels[1]}: {plain}')
            lines.append('')
        with open(path, 'w', encoding='cp1252', newline='\r\n') as f:
            f.write('\n'.join(lines))
    elif fmt == 'txt_stamp':
        path = os.path.join(TR, doc_id + '.txt')
        lines = [plain for _, plain in header] + ['']
        t = 4.0
        for spk, _, plain, _ in turns:
            s = int(t)
            lines.append(f'[{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}] '
                         f'{labels[0] if spk == "I" else labels[1]}: {plain}')
            lines.append('')
            t += len(plain.split()) / 2.5 + 1.5
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.write('\n'.join(lines))
    elif fmt == 'vtt':
        path = os.path.join(TR, doc_id + '.vtt')
        lines = ['WEBVTT', '']
        if header:
            lines.append('NOTE')
            lines += [plain for _, plain in header]
            lines.append('')
        for a, b, lab, text in timed_cues(turns, labels):
            lines += [f'{ts(a, ".")} --> {ts(b, ".")}', f'<v {lab}>{text}</v>', '']
        with open(path, 'w', encoding='utf-8', newline='\n') as f:
            f.write('\n'.join(lines))
    elif fmt == 'srt':
        path = os.path.join(TR, doc_id + '.srt')
        if header:
            raise SystemExit('srt has no header')
        lines = []
        for n, (a, b, lab, text) in enumerate(timed_cues(turns, labels), 1):
            lines += [str(n), f'{ts(a, ",")} --> {ts(b, ",")}', f'{lab}: {text}', '']
        with open(path, 'w', encoding='utf-8', newline='\r\n') as f:
            f.write('\n'.join(lines))
    else:
        raise SystemExit(fmt)
    ori = [(doc_id, i + 1, t[3]) for i, t in enumerate(turns) if t[0] == 'R' and t[3] != '-']
    words = sum(len(t[2].split()) for t in turns)
    nresp = sum(1 for t in turns if t[0] == 'R')
    return ori, [(doc_id, t, ty) for t, ty in ids], words, nresp, os.path.basename(path)


def main():
    os.makedirs(TR, exist_ok=True)
    for fn in os.listdir(TR):
        os.remove(os.path.join(TR, fn))
    oris, idents = [], []
    for doc_id in sorted(META):
        ori, ids, words, nresp, fn = build(doc_id)
        oris += ori
        idents += ids
        print(f'{fn:10s} words={words:5d} resp_turns={nresp:3d} '
              f'casus={sum(o[2] == "casus" for o in ori):2d} '
              f'netwerk={sum(o[2] == "netwerk" for o in ori):2d} ids={len(ids)}')
    with open(os.path.join(OUT, 'styles.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'style', 'rationale'])
        for doc_id in sorted(META):
            w.writerow([doc_id, META[doc_id]['style'], META[doc_id]['rationale']])
    with open(os.path.join(OUT, 'orientation.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'turn_index', 'orientation'])
        for row in sorted(oris):
            w.writerow(row)
    with open(os.path.join(OUT, 'identifiers.csv'), 'w', encoding='utf-8', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['doc_id', 'identifier', 'type'])
        for row in idents:
            w.writerow(row)


if __name__ == '__main__':
    main()
