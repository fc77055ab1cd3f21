"""Generate interviews with known speaker turns, write them as real transcript files, score a reader.

The acceptance criterion of the ingestion issue is: *on a held-out set of interviews in these
formats, at least 99% of the speaker turns come out with the right role and the exact words*.
This module makes such a set we can see:

1. :func:`make_interview` draws a ground-truth interview from a seeded :class:`random.Random`:
   20–60 turns of spoken Dutch (see :mod:`.vocab`), each turn a speaker label, a role and one to
   three paragraphs.
2. A *variant* (:data:`VARIANTS`) renders it to a file the way real tools write transcripts:
   Word documents (bold or plain labels, header, tables, line breaks), text and Markdown files
   (four encodings, three line-end conventions, hard-wrapped lines), WebVTT (voice tags as Teams
   writes them, ``Name:`` prefixes as Zoom writes them, NOTE/STYLE blocks) and SubRip.
3. :func:`.score.score` aligns the turns a reader returns with the ground truth.

Ground truth, by construction
-----------------------------
- The *words* of a turn are its paragraphs joined and whitespace-normalised
  (``" ".join(text.split())``); labels, timestamps, header, tables and closing lines are not words.
- The *role* of the interviewer and respondent is what the generator made them. When the labels
  do not name roles (first names, ``Spreker 1``, full names in voice tags) the interviewer is the
  one who asks the questions and has the short turns, as in real interviews (they open the
  interview, except in a minority of files where the respondent says a line of small talk first).
- A third speaker appears in about a quarter of the files, only where the right role is not in
  doubt: a labelled note-taker (``Notulist``/``Observator``: ``other``), a labelled second
  interviewer (``Interviewer 2``/``I2``, asking questions: ``interviewer``), or — in unlabelled
  styles — someone who drops in for one or two short remarks without questions (a secretary
  with the next appointment, a colleague with coffee: ``other``). A second respondent with long
  answers is not generated: whether an unlabelled co-worker is ``respondent`` or ``other`` is a
  judgement call.
- Consecutive turns always have different speakers (subtitle readers merge consecutive cues of
  one speaker, as they should).

>>> case = generate_case(7, "txt_utf8_lf", Path("/tmp"))         # doctest: +SKIP
>>> doc = read_transcript(case.path)                              # doctest: +SKIP
>>> score(case.turns, doc.turns).accuracy                         # doctest: +SKIP
1.0
"""
from __future__ import annotations

import random
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from . import vocab as V

# ---------------------------------------------------------------------------------------------
# Ground truth


@dataclass(frozen=True)
class TruthTurn:
    """One turn as generated.

    Attributes
    ----------
    speaker : str
        The label as written in the file (``"Interviewer (SA)"``, ``"Jansen, P. (Actiecentrum)"``).
    role : str
        ``interviewer``, ``respondent`` or ``other``.
    paragraphs : tuple of str
        One to three paragraphs.
    """

    speaker: str
    role: str
    paragraphs: tuple[str, ...]

    @property
    def words(self) -> str:
        """The exact words, whitespace-normalised, paragraphs joined by a space."""
        return " ".join(" ".join(self.paragraphs).split())


@dataclass(frozen=True)
class Interview:
    """A generated interview: turns plus the things a file may carry around them."""

    turns: tuple[TruthTurn, ...]
    label_style: str
    code: str  # interview code for titles (``R07``)
    interviewer_name: str = ""  # full name for header lines, when the style uses names
    respondent_name: str = ""


@dataclass(frozen=True)
class Case:
    """One generated file and what a reader should get from it."""

    seed: int
    variant: str
    label_style: str
    timestamps: str
    path: Path
    turns: tuple[TruthTurn, ...]

    @property
    def n_words(self) -> int:
        return sum(len(t.words.split()) for t in self.turns)


# ---------------------------------------------------------------------------------------------
# Label styles: who is called what, and which third speakers are unambiguous in that style.


@dataclass(frozen=True)
class Cast:
    interviewer: str
    respondent: str
    third: tuple[str, str, str] | None  # (label, role, kind) with kind interrupter/notetaker/co
    names_roles: bool  # do the labels themselves name the roles?
    interviewer_name: str = ""
    respondent_name: str = ""


def _initials(rng: random.Random) -> str:
    return "".join(rng.choice("ABDEFHJKLMNPRSTVW") for _ in range(2))


def _labelled_third(rng: random.Random, notetaker: str, co: str) -> tuple[str, str, str] | None:
    r = rng.random()
    if r < 0.15:
        return (notetaker, "other", "notetaker")
    if r < 0.25:
        return (co, "interviewer", "co")
    return None


def _names(rng: random.Random, k: int) -> list[str]:
    return rng.sample(V.FIRST_NAMES, k)


def _cast_role_words(rng):
    return Cast("Interviewer", "Respondent", _labelled_third(rng, rng.choice(["Notulist", "Observator"]),
                                                             "Interviewer 2"), True)


def _cast_codes_ir(rng):
    return Cast("I", "R", _labelled_third(rng, "Notulist", "I2"), True)


def _cast_codes_int(rng):
    return Cast(rng.choice(["INT", "Int"]), f"R{rng.randint(1, 14)}", None, True)


def _cast_int_dot(rng):
    return Cast("Int.", rng.choice(["Resp.", "R."]), None, True)


def _cast_initials(rng):
    return Cast(f"Interviewer ({_initials(rng)})", rng.choice(["Respondent", "Geïnterviewde",
                                                               f"Respondent ({_initials(rng)})"]),
                None, True)


def _cast_geinterviewde(rng):
    return Cast("Interviewer", "Geïnterviewde", _labelled_third(rng, "Notulist", "Interviewer 2"), True)


def _cast_first_names(rng):
    a, b, c = _names(rng, 3)
    third = (c, "other", "interrupter") if rng.random() < 0.25 else None
    return Cast(a, b, third, False, f"{a} {rng.choice(V.SURNAMES)}", f"{b} {rng.choice(V.SURNAMES)}")


def _cast_spreker(rng):
    word = rng.choice(["Spreker", "Spreker", "Speaker"])
    third = (f"{word} 3", "other", "interrupter") if rng.random() < 0.25 else None
    # Who is Spreker 1 is decided in make_interview (whoever speaks first).
    return Cast(f"{word} 1", f"{word} 2", third, False)


def _full_name(rng: random.Random, first: str) -> str:
    surname = rng.choice(V.SURNAMES)
    form = rng.random()
    if form < 0.35:  # Teams: ``Jansen, P. (Actiecentrum)``
        family = surname.split()[-1] if surname[0].islower() else surname
        prefix = " ".join(surname.split()[:-1])
        initial = f"{first[0]}."
        name = f"{family}, {initial}" + (f" {prefix}" if prefix else "")
        return name + f" ({rng.choice(V.ORG_SUFFIXES)})"
    if form < 0.6:
        return f"{first} {surname} ({rng.choice(V.ORG_SUFFIXES)})"
    return f"{first} {surname}"


def _cast_upper(rng):
    return Cast("INTERVIEWER", rng.choice(["RESPONDENT", "GEÏNTERVIEWDE"]), None, True)


def _cast_vraag_antwoord(rng):
    return Cast("Vraag", "Antwoord", None, True)


def _name_initials(rng: random.Random) -> str:
    """Initials of a drawn name, as researchers abbreviate speakers: ``Sanne de Wit`` → ``SW``."""
    first, surname = rng.choice(V.FIRST_NAMES), rng.choice(V.SURNAMES)
    return (first[0] + surname.split()[-1][0]).upper()


def _cast_letter_codes(rng):
    a, b = _name_initials(rng), _name_initials(rng)
    while b == a:
        b = _name_initials(rng)
    return Cast(a, b, None, False)


def _cast_names_plain(rng):
    a, b, c = _names(rng, 3)
    third = (f"{c} {rng.choice(V.SURNAMES)}", "other", "interrupter") if rng.random() < 0.25 else None
    return Cast(f"{a} {rng.choice(V.SURNAMES)}", f"{b} {rng.choice(V.SURNAMES)}", third, False)


def _cast_full_names(rng):
    a, b, c = _names(rng, 3)
    third = (_full_name(rng, c), "other", "interrupter") if rng.random() < 0.25 else None
    return Cast(_full_name(rng, a), _full_name(rng, b), third, False)


#: Label style → cast maker. Styles usable in every line-based format.
LABEL_STYLES: dict[str, Callable[[random.Random], Cast]] = {
    "role_words": _cast_role_words,          # Interviewer: / Respondent:
    "codes_ir": _cast_codes_ir,              # I: / R:
    "codes_int": _cast_codes_int,            # INT: / R6:
    "int_dot": _cast_int_dot,                # Int.: / Resp.:
    "initials": _cast_initials,              # Interviewer (SA): / Geïnterviewde:
    "geinterviewde": _cast_geinterviewde,    # Interviewer: / Geïnterviewde:
    "first_names": _cast_first_names,        # Fatima: / Mark:
    "spreker": _cast_spreker,                # Spreker 1: / Spreker 2:
    "upper": _cast_upper,                    # INTERVIEWER: / RESPONDENT:
    "vraag_antwoord": _cast_vraag_antwoord,  # Vraag: / Antwoord:
    "letter_codes": _cast_letter_codes,      # SA: / MV: (initials, roles unknown)
    "full_names_plain": _cast_names_plain,   # Sanne de Wit: / Mark Visser:
}
#: Extra style for WebVTT voice tags: display names with commas and parentheses.
VOICE_STYLES: dict[str, Callable[[random.Random], Cast]] = {
    "full_names": _cast_full_names,
    "first_names": _cast_first_names,
    "role_words": _cast_role_words,
    "spreker": _cast_spreker,
}


# ---------------------------------------------------------------------------------------------
# Words


#: Chance that a respondent sentence is one of :data:`vocab.RESPONDENT_HAZARD`.
HAZARD_P = 0.03


def _fill(rng: random.Random, template: str) -> str:
    org, org2 = rng.sample(V.ORGS, 2)
    return template.format(Orgname=rng.choice(V.ORGNAMES), ORG=rng.choice(V.ORG_ACRONYMS),
        client=rng.choice(V.CLIENTS), Client=rng.choice(V.CLIENTS_CAP), org=org, org2=org2,
        org_cap=org[0].upper() + org[1:], n=rng.randint(2, 40), age=rng.randint(14, 67),
        year=rng.randint(2009, 2024), date=f"{rng.randint(1, 28)} {rng.choice(V.MONTHS)}",
        time=f"{rng.randint(8, 17)}:{rng.choice(['00', '15', '30', '45'])}",
    )


def _with_filler(rng: random.Random, sentence: str, p: float = 0.2) -> str:
    words = sentence.split()
    if len(words) > 3 and rng.random() < p:
        words.insert(rng.randint(1, len(words) - 1), rng.choice(V.FILLERS))
    return " ".join(words)


def _respondent_paragraphs(rng: random.Random) -> tuple[str, ...]:
    if rng.random() < 0.1:
        short = rng.choice(V.RESPONDENT_SHORT)
        if rng.random() < 0.5:
            return (short,)
        return (short + " " + _sentences(rng, V.RESPONDENT, rng.randint(1, 3)),)
    n_par = rng.choices([1, 2, 3], weights=[65, 25, 10])[0]
    return tuple(_sentences(rng, V.RESPONDENT, rng.randint(1, 5)) for _ in range(n_par))


def _sentences(rng: random.Random, pool: Sequence[str], k: int) -> str:
    def one() -> str:
        template = rng.choice(V.RESPONDENT_HAZARD if pool is V.RESPONDENT and rng.random() < HAZARD_P else pool)
        return _with_filler(rng, _fill(rng, template))
    return " ".join(one() for _ in range(k))


def _interviewer_paragraphs(rng: random.Random) -> tuple[str, ...]:
    r = rng.random()
    if r < 0.1:
        text = rng.choice(V.BACKCHANNEL)
    elif r < 0.17:
        text = rng.choice(V.INTERVIEWER_PROMPTS)
    elif r < 0.25:
        text = rng.choice(V.BACKCHANNEL) + " " + _fill(rng, rng.choice(V.INTERVIEWER_QUESTIONS))
    elif r < 0.4:
        text = _fill(rng, rng.choice(V.INTERVIEWER_SUMMARY)) + " " + _fill(rng, rng.choice(V.INTERVIEWER_QUESTIONS))
    else:
        text = _with_filler(rng, _fill(rng, rng.choice(V.INTERVIEWER_QUESTIONS)), p=0.1)
    return (text,)


def make_interview(rng: random.Random, style: str, styles: dict[str, Callable] | None = None) -> Interview:
    """Draw a ground-truth interview.

    Parameters
    ----------
    rng : random.Random
        The only source of randomness.
    style : str
        A key of ``styles``.
    styles : dict, optional
        Label-style registry; :data:`LABEL_STYLES` by default.

    Returns
    -------
    Interview
        20–60 turns; the interviewer opens unless (unlabelled styles, 15%) the respondent opens
        with a line of small talk; a third speaker in about a quarter of the files.
    """
    cast = (styles or LABEL_STYLES)[style](rng)
    n = rng.randint(20, 60)
    respondent_first = not cast.names_roles and rng.random() < 0.15
    if style == "spreker" and respondent_first:
        # ``Spreker 1`` is whoever speaks first.
        cast = Cast(cast.respondent, cast.interviewer, cast.third, False)
    third_at: set[int] = set()
    if cast.third:
        k = 1 if cast.third[2] == "interrupter" and rng.random() < 0.5 else 2
        # After a respondent turn, somewhere in the middle, never twice in a row.
        slots = list(range(4, n - 4, 2))
        third_at = set(rng.sample(slots, min(k, len(slots))))
    turns: list[TruthTurn] = []
    who = "respondent" if respondent_first else "interviewer"
    i = 0
    while len(turns) < n:
        if i in third_at and turns and turns[-1].role == "respondent":
            label, role, kind = cast.third
            pool = {"interrupter": V.INTERRUPTER, "notetaker": V.NOTETAKER, "co": V.CO_INTERVIEWER}[kind]
            turns.append(TruthTurn(label, role, (_fill(rng, rng.choice(pool)),)))
            third_at.discard(i)
            who = "interviewer" if kind != "co" else "respondent"
            i += 1
            continue
        first, last = not turns, len(turns) == n - 1
        if who == "interviewer":
            if first:
                paras = (rng.choice(V.INTERVIEWER_OPENING),)
            elif len(turns) >= n - 2:
                paras = (rng.choice(V.INTERVIEWER_CLOSING),)
            else:
                paras = _interviewer_paragraphs(rng)
            turns.append(TruthTurn(cast.interviewer, "interviewer", paras))
            who = "respondent"
        else:
            if first:
                paras = (rng.choice(V.RESPONDENT_OPENING),)
            elif last and turns[-1].paragraphs[0] in V.INTERVIEWER_CLOSING:
                paras = (rng.choice(V.RESPONDENT_CLOSING),)
            else:
                paras = _respondent_paragraphs(rng)
            turns.append(TruthTurn(cast.respondent, "respondent", paras))
            who = "interviewer"
        i += 1
    return Interview(tuple(turns), style, f"R{rng.randint(1, 30):02d}", cast.interviewer_name,
                     cast.respondent_name)


# ---------------------------------------------------------------------------------------------
# Timestamps and labels in line-based formats

TIMESTAMP_STYLES = ("none", "before_bracket", "after_paren", "before_bare", "f4_end")


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _clocks(rng: random.Random, n: int) -> list[str]:
    t, out = rng.randint(0, 30), []
    for _ in range(n):
        out.append(_clock(t))
        t += rng.randint(4, 120)
    return out


def label_prefix(label: str, ts: str, ts_style: str, sep: str = " ") -> tuple[str, str, str]:
    """``(before, label_with_colon, after)``: the pieces written before a turn's text.

    ``[00:03:12] I:`` → ``("[00:03:12] ", "I:", " ")``; ``Respondent: (00:12:45)`` →
    ``("", "Respondent:", " (00:12:45) ")``.
    """
    if ts_style == "before_bracket":
        return f"[{ts}] ", f"{label}:", sep
    if ts_style == "before_bare":
        return f"{ts} ", f"{label}:", sep
    if ts_style == "after_paren":
        return "", f"{label}:", f" ({ts}){sep}"
    return "", f"{label}:", sep


def _f4(ts: str, rng: random.Random) -> str:
    """f4transkript closes every paragraph with ``#00:01:23-4#``."""
    return f" #{ts}-{rng.randint(0, 9)}#"


@dataclass
class Block:
    """A paragraph to write: optional label pieces, then text, then an end mark (f4 timestamp)."""

    text: str
    before: str = ""
    label: str = ""
    after: str = ""
    turn_start: bool = False
    end: str = ""


def blocks(interview: Interview, rng: random.Random, ts_style: str, sep: str = " ",
           ts_every_paragraph: bool = False) -> list[Block]:
    """The interview's paragraphs in order, the first of each turn carrying the label."""
    out: list[Block] = []
    n_par = sum(len(t.paragraphs) for t in interview.turns)
    clocks = iter(_clocks(rng, n_par))
    for turn in interview.turns:
        for k, para in enumerate(turn.paragraphs):
            ts = next(clocks)
            if ts_style == "f4_end":
                out.append(Block(para, label=f"{turn.speaker}:" if k == 0 else "", after=sep if k == 0 else "",
                                 turn_start=k == 0, end=_f4(ts, rng)))
            elif k == 0:
                before, label, after = label_prefix(turn.speaker, ts, ts_style, sep)
                out.append(Block(para, before, label, after, True))
            elif ts_every_paragraph and ts_style != "none":
                out.append(Block(para, before=f"[{ts}] " if ts_style != "before_bare" else f"{ts} "))
            else:
                out.append(Block(para))
    return out


def _header_lines(interview: Interview, rng: random.Random, hints: bool) -> list[str]:
    lines = [rng.choice(V.TITLES).format(code=interview.code)]
    meta = rng.sample(V.META, rng.randint(2, 4))
    for m in meta:
        lines.append(m.format(date=f"{rng.randint(1, 28)} {rng.choice(V.MONTHS)}", year=rng.randint(2019, 2024),
                              org_place=rng.choice(V.ORG_PLACES), n=rng.randint(35, 95)))
    if hints and interview.interviewer_name:
        lines.append(f"Interviewer: {interview.interviewer_name}")
        lines.append(f"Respondent: {interview.respondent_name}")
    return lines


# ---------------------------------------------------------------------------------------------
# Renderers. Each takes (interview, rng, path) and writes exactly one file; the variant decides
# label style and timestamps through the interview it is given and its options.


@dataclass(frozen=True)
class Variant:
    """How one kind of file is written.

    Attributes
    ----------
    suffix : str
    render : callable
        ``render(interview, rng, path, ts_style)`` writes the file.
    styles : tuple of str
        Label styles this variant draws from.
    timestamps : tuple of str
        Timestamp styles this variant draws from.
    voice : bool
        Styles come from :data:`VOICE_STYLES` rather than :data:`LABEL_STYLES`.
    """

    suffix: str
    render: Callable[..., None]
    styles: tuple[str, ...] = tuple(LABEL_STYLES)
    timestamps: tuple[str, ...] = TIMESTAMP_STYLES
    voice: bool = False


def _write_text(path: Path, lines: list[str], encoding: str, newline: str) -> None:
    text = newline.join(lines) + newline
    data = text.encode("utf-16") if encoding == "utf-16" else text.encode(encoding)
    path.write_bytes(data)


def _text_lines(interview: Interview, rng: random.Random, ts_style: str, *, header: bool,
                wrap: int | None = None, markdown: bool = False, own_line: bool = False) -> list[str]:
    sep = rng.choice([" ", " ", " ", "\t", "  "]) if not (markdown or own_line) else " "
    blank_between = markdown or own_line or rng.random() < 0.75
    ts_every = ts_style not in ("none", "f4_end") and rng.random() < 0.3
    own_form = rng.choice(["colon", "ts", "bare"]) if own_line else ""
    lines: list[str] = []
    if header:
        head = _header_lines(interview, rng, hints=rng.random() < 0.5)
        if markdown:
            lines += ["# " + head[0], ""] + [f"**{h.split(':', 1)[0]}:**{h.split(':', 1)[1]}" for h in head[1:]]
        else:
            lines += head
        lines.append("")
        if not markdown and rng.random() < 0.5:
            lines += ["-" * 40, ""]
    bold_inside = rng.random() < 0.7
    for b in blocks(interview, rng, ts_style, sep, ts_every):
        if blank_between and lines and lines[-1] != "" and (b.turn_start or not own_line):
            lines.append("")
        if b.turn_start and own_line:
            name = b.label[:-1]
            if own_form == "colon":
                lines.append(b.label)
            elif own_form == "ts":
                lines.append(f"{name}{rng.choice(['  ', '   ', ' '])}{_otter_time(b, rng)}")
            else:
                lines.append(name)
            first = ""
        elif b.turn_start:
            label = b.label
            if markdown:
                label = f"**{label}**" if bold_inside else f"**{label[:-1]}**:"
            first = b.before + label + b.after
        else:
            first = b.before
        if wrap:
            body = textwrap.wrap(first + b.text + b.end, width=wrap, break_long_words=False,
                                 break_on_hyphens=False)
        else:
            body = [first + b.text + b.end]
        lines += body
    if header and rng.random() < 0.5:
        lines += ["", rng.choice(V.END_LINES)]
    return lines


def _otter_time(b: Block, rng: random.Random) -> str:
    """``0:03`` / ``12:45`` / ``1:02:03`` as Otter and Teams write it beside the name."""
    t = rng.randint(3, 5400)
    return f"{t // 60}:{t % 60:02d}" if t < 3600 else f"{t // 3600}:{t // 60 % 60:02d}:{t % 60:02d}"


def _txt(encoding: str, newline: str, *, header_p: float = 0.4, wrap: bool = False, own_line: bool = False):
    def render(interview, rng, path, ts_style):
        lines = _text_lines(interview, rng, ts_style, header=rng.random() < header_p,
                            wrap=rng.randint(60, 80) if wrap else None, own_line=own_line)
        _write_text(path, lines, encoding, newline)
    return render


def _md(interview, rng, path, ts_style):
    lines = _text_lines(interview, rng, ts_style, header=rng.random() < 0.6, markdown=True)
    _write_text(path, lines, "utf-8", rng.choice(["\n", "\r\n"]))


def _docx_header(doc, interview: Interview, rng: random.Random) -> None:
    head = _header_lines(interview, rng, hints=rng.random() < 0.5)
    if rng.random() < 0.5:
        doc.add_heading(head[0], level=1)
    else:
        doc.add_paragraph().add_run(head[0]).bold = True
    for line in head[1:]:
        doc.add_paragraph(line)
    table = doc.add_table(rows=3, cols=2)
    for r, (k, v) in enumerate([("Respondent", interview.code), ("Functie", "casusregisseur"),
                                ("Organisatie", rng.choice(V.ORG_PLACES))]):
        table.cell(r, 0).text, table.cell(r, 1).text = k, v
    doc.add_paragraph("")


def _docx_table_after(doc, rng: random.Random) -> None:
    table = doc.add_table(rows=2, cols=3)
    for c, v in enumerate(("Code", "Thema", "Opmerking")):
        table.cell(0, c).text = v
    for c, v in enumerate(("RG-01", "Regie nemen", "Interviewer: let op toon")):
        table.cell(1, c).text = v


def _docx(*, bold: float, header: float, blank: float, table_after: float, linebreaks: float):
    """Word transcripts as people type them.

    Per file: label bold or not (colon inside the bold run, after it, or — bold labels only, no
    timestamps — no colon at all); separator space, tab or no-break space; interviewer turns
    all in bold (a common way to set questions apart); empty paragraphs between turns;
    continuation paragraphs as separate paragraphs or as line breaks (Shift+Enter); a header
    (title, metadata lines, a table) and a table after the interview.
    """
    def render(interview, rng, path, ts_style):
        import docx

        doc = docx.Document()
        is_bold = rng.random() < bold
        colon = rng.choices(["inside", "outside", "none"], weights=[70, 20, 10 if ts_style == "none" else 0])[0] \
            if is_bold else "inside"
        sep = rng.choice([" ", " ", " ", "\t", "\u00a0"])
        # A bold label without colon is only recognisable when the text after it is not bold too.
        interviewer_bold = colon != "none" and rng.random() < 0.2
        with_header = rng.random() < header
        blank_between = rng.random() < blank
        use_breaks = rng.random() < linebreaks
        if with_header:
            _docx_header(doc, interview, rng)
        ts_every = ts_style not in ("none", "f4_end") and rng.random() < 0.3
        roles = iter(t.role for t in interview.turns)
        current, whole_bold = None, False
        for b in blocks(interview, rng, ts_style, sep, ts_every):
            if b.turn_start:
                whole_bold = interviewer_bold and next(roles) == "interviewer"
            if b.turn_start or not use_breaks:
                if blank_between and b.turn_start and current is not None:
                    doc.add_paragraph("")
                current = doc.add_paragraph()
            else:
                current.add_run().add_break()
            if b.turn_start:
                if b.before:
                    current.add_run(b.before).bold = whole_bold or None
                if colon == "inside":
                    current.add_run(b.label).bold = is_bold or whole_bold
                else:
                    current.add_run(b.label[:-1]).bold = True
                    if colon == "outside":
                        current.add_run(":").bold = whole_bold or None
                current.add_run(b.after + b.text + b.end).bold = whole_bold or None
            else:
                current.add_run(b.before + b.text + b.end).bold = whole_bold or None
        if with_header and rng.random() < 0.5:
            doc.add_paragraph(rng.choice(V.END_LINES))
        if rng.random() < table_after:
            _docx_table_after(doc, rng)
        doc.save(str(path))
    return render


def _docx_teams(interview, rng, path, ts_style):
    """The Word transcript Teams/Stream exports: ``Name   0:03`` on one line, the words below."""
    import docx

    doc = docx.Document()
    if rng.random() < 0.3:
        doc.add_paragraph("Transcript")
        doc.add_paragraph(f"{rng.randint(1, 28)} {rng.choice(V.MONTHS)} {rng.randint(2021, 2024)}, 10:0{rng.randint(0, 9)}")
    t = rng.randint(0, 20)
    in_one = rng.random() < 0.5  # name line and words in one paragraph, split by a line break
    for turn in interview.turns:
        head = f"{turn.speaker}{rng.choice(['   ', '  ', ' '])}{t // 60}:{t % 60:02d}" if t < 3600 \
            else f"{turn.speaker}   {t // 3600}:{t // 60 % 60:02d}:{t % 60:02d}"
        if in_one:
            p = doc.add_paragraph(head)
            for para in turn.paragraphs:
                p.add_run().add_break()
                p.add_run(para)
        else:
            doc.add_paragraph(head)
            for para in turn.paragraphs:
                doc.add_paragraph(para)
        doc.add_paragraph("")
        t += rng.randint(3, 120)
    doc.save(str(path))


def _cue_chunks(rng: random.Random, words: list[str]) -> list[list[str]]:
    """Cut a turn's words into cues of 3–14 words, mid-sentence where it falls; never before a dash
    (a leading ``- `` marks a change of speaker in subtitles)."""
    chunks: list[list[str]] = []
    i = 0
    while i < len(words):
        j = min(len(words), i + rng.randint(3, 14))
        while j < len(words) and words[j] in ("–", "-", "—"):
            j += 1
        chunks.append(words[i:j])
        i = j
    return chunks


def _wrap_cue(text: str, width: int = 42) -> list[str]:
    """Subtitle line wrapping (two lines of at most ``width`` characters where possible)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [text]


def _vtt_time(seconds: float) -> str:
    ms = int(round(seconds * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def _srt_time(seconds: float) -> str:
    return _vtt_time(seconds).replace(".", ",")


def _vtt(*, voice: bool, notes: float, style_block: float, every_cue_prefix: float = 0.5):
    """WebVTT as Teams (voice tags, ``</v>``, GUID cue ids) or Zoom (``Name: `` prefixes) write it.

    A turn is cut into cues mid-sentence; cue text is wrapped at 42 characters in some files;
    in some voice-tag files a one-cue backchannel (``Ja.``) shares its cue with the next turn
    (two voice lines in one cue).
    """
    def render(interview, rng, path, ts_style):
        out = ["WEBVTT" + rng.choice(["", "", " - Microsoft Teams"]), ""]
        if rng.random() < style_block:
            out += ["STYLE", "::cue {", "  color: white;", "}", ""]
        if rng.random() < notes:
            out += ["NOTE", "Automatisch gegenereerd transcript, gecorrigeerd door de onderzoeker.", ""]
        close_tag = rng.random() < 0.7
        ids = rng.choice(["none", "numbers", "teams"])
        prefix_every = rng.random() < every_cue_prefix
        wrap = rng.random() < 0.4
        share = voice and rng.random() < 0.3
        cues: list[list[str]] = []
        carry: list[str] = []
        for turn in interview.turns:
            chunks = _cue_chunks(rng, turn.words.split())
            for k, chunk in enumerate(chunks):
                text = " ".join(chunk)
                lines = _wrap_cue(text) if wrap else [text]
                if voice:
                    lines[0] = f"<v {turn.speaker}>" + lines[0]
                    if close_tag or share:
                        lines[-1] += "</v>"
                elif k == 0 or prefix_every:
                    lines[0] = f"{turn.speaker}: " + lines[0]
                if share and len(chunks) == 1 and len(chunk) <= 3 and not carry:
                    carry = lines
                    continue
                cues.append(carry + lines)
                carry = []
        if carry:
            cues.append(carry)
        t = rng.uniform(0, 5)
        for n, lines in enumerate(cues, 1):
            dur = 0.05 * sum(len(x) for x in lines) + rng.uniform(0.2, 1.0)
            if ids == "numbers":
                out.append(str(n))
            elif ids == "teams":
                out.append(f"0f3c9a1e-{n:04x}-4b7e-9d3e-5c2a{n:08x}/{n * 7 % 23}-0")
            out.append(f"{_vtt_time(t)} --> {_vtt_time(t + dur)}")
            out += lines + [""]
            if rng.random() < notes * 0.05:
                out += ["NOTE nagekeken tot hier", ""]
            t += dur + rng.uniform(0, 0.8)
        _write_text(path, out, "utf-8", "\n" if rng.random() < 0.7 else "\r\n")
    return render


def _srt(interview, rng, path, ts_style):
    out: list[str] = []
    t, n = rng.uniform(0, 5), 0
    prefix_every = rng.random() < 0.3
    for turn in interview.turns:
        for k, chunk in enumerate(_cue_chunks(rng, turn.words.split())):
            n += 1
            dur = 0.35 * len(chunk) + rng.uniform(0.2, 1.0)
            text = " ".join(chunk)
            if k == 0 or prefix_every:
                text = f"{turn.speaker}: {text}"
            out += [str(n), f"{_srt_time(t)} --> {_srt_time(t + dur)}"]
            out += _wrap_cue(text)
            out.append("")
            t += dur + rng.uniform(0, 0.8)
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "cp1252"])
    _write_text(path, out, encoding, "\r\n" if rng.random() < 0.6 else "\n")


#: SRT name prefixes with commas/parentheses are not used by real exporters; keep SRT and Zoom
#: VTT to labels without commas (a full name with comma is a voice-tag thing).
_PLAIN = tuple(LABEL_STYLES)
_OWN_LINE = tuple(k for k in LABEL_STYLES if k != "letter_codes")  # ``SA`` alone on a line reads as a title

VARIANTS: dict[str, Variant] = {
    # Word
    "docx_bold": Variant(".docx", _docx(bold=1, header=0.2, blank=0.3, table_after=0.1, linebreaks=0)),
    "docx_plain": Variant(".docx", _docx(bold=0, header=0.2, blank=0.3, table_after=0.1, linebreaks=0)),
    "docx_header_tables": Variant(".docx", _docx(bold=0.5, header=1, blank=0.5, table_after=0.6, linebreaks=0)),
    "docx_blank_paragraphs": Variant(".docx", _docx(bold=0.5, header=0.3, blank=1, table_after=0, linebreaks=0)),
    "docx_linebreaks": Variant(".docx", _docx(bold=0.5, header=0.3, blank=0.3, table_after=0.2, linebreaks=1)),
    "docx_teams": Variant(".docx", _docx_teams, tuple(VOICE_STYLES), ("none",), True),
    # Plain text: encodings and line ends
    "txt_utf8_lf": Variant(".txt", _txt("utf-8", "\n")),
    "txt_utf8bom_crlf": Variant(".txt", _txt("utf-8-sig", "\r\n")),
    "txt_utf16_crlf": Variant(".txt", _txt("utf-16", "\r\n")),
    "txt_cp1252_crlf": Variant(".txt", _txt("cp1252", "\r\n")),
    "txt_cp1252_cr": Variant(".txt", _txt("cp1252", "\r")),
    "txt_header": Variant(".txt", _txt("utf-8", "\r\n", header_p=1.0)),
    "txt_wrapped": Variant(".txt", _txt("utf-8", "\n", wrap=True)),
    "txt_label_own_line": Variant(".txt", _txt("utf-8", "\n", own_line=True), _OWN_LINE, ("none",)),
    "md_bold": Variant(".md", _md),
    # Subtitles
    "vtt_voice": Variant(".vtt", _vtt(voice=True, notes=0.2, style_block=0.1), tuple(VOICE_STYLES), ("none",), True),
    "vtt_voice_notes_style": Variant(".vtt", _vtt(voice=True, notes=1, style_block=1), tuple(VOICE_STYLES),
                                     ("none",), True),
    "vtt_name_prefix": Variant(".vtt", _vtt(voice=False, notes=0.3, style_block=0.2), _PLAIN, ("none",)),
    "srt_prefix": Variant(".srt", _srt, _PLAIN, ("none",)),
}


def generate_case(seed: int, variant: str, folder: Path) -> Case:
    """Generate one interview and write it as ``folder/{variant}_{seed:04d}{suffix}``.

    Parameters
    ----------
    seed : int
        Together with ``variant`` fixes everything (``random.Random(f"{variant}:{seed}")``).
    variant : str
        A key of :data:`VARIANTS`.
    folder : Path
        Existing folder to write into.

    Returns
    -------
    Case
    """
    v = VARIANTS[variant]
    rng = random.Random(f"{variant}:{seed}")
    style = rng.choice(v.styles)
    ts_style = rng.choice(v.timestamps)
    interview = make_interview(rng, style, VOICE_STYLES if v.voice else LABEL_STYLES)
    path = Path(folder) / f"{variant}_{seed:04d}{v.suffix}"
    v.render(interview, rng, path, ts_style)
    return Case(seed, variant, style, ts_style, path, interview.turns)


def generate_set(folder: Path, per_variant: int, first_seed: int = 0,
                 variants: Sequence[str] | None = None) -> list[Case]:
    """``per_variant`` cases of every variant (in :data:`VARIANTS` order), seeds from ``first_seed``."""
    return [generate_case(first_seed + k, name, folder)
            for name in (variants or VARIANTS) for k in range(per_variant)]
