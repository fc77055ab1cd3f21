"""The leak check: search every file of an output folder for identifiers from the inputs.

Files are read by extension through :data:`EXTRACTORS` (suffix → function ``bytes -> iterable of
(part, text)``): text files line by line, JSON string by string, Office files and REFI-QDA
projects member by member (zip containers are opened recursively), PNG text chunks. A leak is
reported by file, place and pseudonym, never by the identifier itself: the list ends up in
``manifest.json`` in the output folder.
"""
from __future__ import annotations

import html
import io
import json
import logging
import re
import struct
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable, Iterator, Mapping
from xml.etree import ElementTree

import pandas as pd

from . import lexicon
from .allow_list import AllowList, trie_pattern
from .names import sentence_start

logger = logging.getLogger(__name__)

LEAK_KEYS = ("file", "line_or_part", "type", "pseudonym")
MIN_LENGTH = 3

Extractor = Callable[[bytes], Iterable[tuple[str, str]]]
EXTRACTORS: dict[str, Extractor] = {}


def extractor(*suffixes: str) -> Callable[[Extractor], Extractor]:
    """Decorator: register a text extractor for file suffixes (lower case, with dot)."""

    def wrap(func: Extractor) -> Extractor:
        for suffix in suffixes:
            EXTRACTORS[suffix] = func
        return func

    return wrap


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-8-sig",):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


@extractor(".txt", ".csv", ".tsv", ".md", ".rst", ".yaml", ".yml", ".log", ".tex", ".srt", ".vtt", ".py")
def _lines(data: bytes) -> Iterator[tuple[str, str]]:
    for i, line in enumerate(_decode(data).splitlines(), start=1):
        yield f"line {i}", line


@extractor(".svg", ".xml", ".html", ".htm", ".qdc", ".qde", ".rels", ".xsd")
def _markup_lines(data: bytes) -> Iterator[tuple[str, str]]:
    # Entities (&#214;, &amp;) would hide "Özdemir" or "Jansen &amp; Zn" from a plain search.
    for i, line in enumerate(_decode(data).splitlines(), start=1):
        yield f"line {i}", html.unescape(re.sub(r"<[^>]*>", lambda m: " " + m.group(0) + " ", line))


@extractor(".json", ".ipynb", ".geojson")
def _json(data: bytes) -> Iterator[tuple[str, str]]:
    try:
        obj = json.loads(_decode(data))
    except ValueError:
        yield from _lines(data)
        return

    def walk(node, path: str):
        if isinstance(node, dict):
            for key, value in node.items():
                yield path, str(key)
                yield from walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{path}[{i}]")
        elif node is not None:
            yield path, str(node)

    yield from walk(obj, "$")


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _xml_paragraphs(data: bytes) -> Iterator[tuple[str, str]]:
    """Word XML: the text of each paragraph, runs joined (a name may be split over runs)."""
    root = ElementTree.fromstring(data)
    for i, para in enumerate(root.iter(f"{_W}p"), start=1):
        parts = []
        for node in para.iter():
            if node.tag == f"{_W}t" and node.text:
                parts.append(node.text)
            elif node.tag in (f"{_W}tab", f"{_W}br"):
                parts.append(" ")
        yield f"paragraph {i}", "".join(parts)


def _xml_generic(data: bytes) -> Iterator[tuple[str, str]]:
    """Any XML: each element's text, tail and attribute values."""
    root = ElementTree.fromstring(data)
    for i, node in enumerate(root.iter(), start=1):
        bits = [node.text or "", node.tail or ""] + list(node.attrib.values())
        text = " ".join(b for b in bits if b.strip())
        if text:
            yield f"element {i} <{node.tag.rsplit('}', 1)[-1]}>", text


def _xlsx_shared_strings(data: bytes) -> Iterator[tuple[str, str]]:
    root = ElementTree.fromstring(data)
    for i, item in enumerate(root.iter(f"{_S}si"), start=1):
        yield f"string {i}", "".join(t.text or "" for t in item.iter(f"{_S}t"))


def _xlsx_sheet(data: bytes) -> Iterator[tuple[str, str]]:
    root = ElementTree.fromstring(data)
    for cell in root.iter(f"{_S}c"):
        text = "".join(t.text or "" for t in cell.iter(f"{_S}t"))
        value = cell.find(f"{_S}v")
        if cell.get("t") != "s" and value is not None and value.text:
            text = f"{text} {value.text}".strip()
        if text:
            yield f"cell {cell.get('r', '?')}", text


def _nothing(data: bytes) -> Iterator[tuple[str, str]]:
    return iter(())


def _member_extractor(name: str) -> Extractor:
    path = PurePosixPath(name)
    # Office themes hold the template's font and colour schemes, never document text; their script
    # codes ("Hans" for Simplified Chinese, "Arab", "Jpan") would read as names.
    if "theme" in path.parts[:-1] and path.suffix == ".xml":
        return _nothing
    if name.startswith("word/") and path.suffix == ".xml":
        return _xml_paragraphs
    if name == "xl/sharedStrings.xml":
        return _xlsx_shared_strings
    if name.startswith("xl/worksheets/") and path.suffix == ".xml":
        return _xlsx_sheet
    if path.suffix.lower() in (".xml", ".qde", ".rels"):
        return _xml_generic
    return EXTRACTORS.get(path.suffix.lower(), _unknown)


@extractor(".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".qdpx", ".zip", ".odt", ".ods")
def _zip(data: bytes) -> Iterator[tuple[str, str]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        yield from _unknown(data)
        return
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            member = archive.read(info)
            read = _member_extractor(info.filename)
            try:
                for part, text in read(member):
                    yield f"{info.filename}, {part}", text
            except ElementTree.ParseError:
                for part, text in _lines(member):
                    yield f"{info.filename}, {part}", text


@extractor(".png")
def _png_text(data: bytes) -> Iterator[tuple[str, str]]:
    """PNG metadata text chunks (pixels cannot be searched)."""
    pos = 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"tEXt":
            yield "tEXt chunk", chunk.decode("latin-1", errors="replace")
        elif kind == b"zTXt":
            key, _, rest = chunk.partition(b"\0")
            try:
                yield "zTXt chunk", key.decode("latin-1") + " " + zlib.decompress(rest[1:]).decode("latin-1")
            except zlib.error:
                pass
        elif kind == b"iTXt":
            yield "iTXt chunk", chunk.decode("utf-8", errors="replace")
        pos += 12 + length


@extractor(".parquet")
def _parquet(data: bytes) -> Iterator[tuple[str, str]]:
    frame = pd.read_parquet(io.BytesIO(data))
    for column in frame.columns:
        if frame[column].dtype == object:
            for i, value in enumerate(frame[column].tolist(), start=1):
                if isinstance(value, str):
                    yield f"column {column}, row {i}", value


_BINARY = {".jpg", ".jpeg", ".gif", ".pdf", ".ico", ".woff", ".ttf", ".pickle", ".pkl", ".npy"}


def _unknown(data: bytes) -> Iterator[tuple[str, str]]:
    # Text if it looks like text; arbitrary binary would give chance matches on short names.
    if b"\0" in data[:4096]:
        return iter(())
    return _lines(data)


def _read(path: Path) -> Iterable[tuple[str, str]]:
    suffix = path.suffix.lower()
    if suffix in _BINARY:
        logger.warning("leak check cannot read %s (binary); not searched", path.name)
        return ()
    return EXTRACTORS.get(suffix, _unknown)(path.read_bytes())


# ---------------------------------------------------------------------------- identifiers
def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def leak_identifiers(key: pd.DataFrame, allow_list: AllowList | None = None,
                     min_length: int = MIN_LENGTH, lowercase_words: frozenset[str] | set[str] = frozenset()
                     ) -> pd.DataFrame:
    """The strings the leak check searches for, from a pseudonym key.

    Parameters
    ----------
    key : DataFrame
        Columns ``original, pseudonym, type`` (see ``Pseudonymiser.key_table``).
    allow_list : AllowList, optional
    min_length : int
        Shorter identifiers are skipped (they match everywhere).
    lowercase_words : set of str, optional
        Words the transcripts themselves write in lower case ("dat bemoeizorg structureel ...").
        A one-word identifier among them is a word of the study's own language as well as a name
        ("Bemoeizorg Stad", a team), so it is searched capitalised only, like a dictionary word.

    Returns
    -------
    DataFrame
        Columns ``identifier, pseudonym, type, case_sensitive``: every original, plus each word of
        a person's name; without allow-listed phrases and ordinary words; words that are both an
        ordinary word and a name are searched capitalised only (``case_sensitive``).
    """
    from .names import is_initials

    rows: dict[str, tuple] = {}
    for original, pseudonym, kind in key[["original", "pseudonym", "type"]].itertuples(index=False):
        forms = [original]
        if kind == "PERSOON":
            words = re.split(r"[\s,]+", original)
            for i, word in enumerate(words):
                if lexicon.is_particle(word) or is_initials(word) or lexicon.is_title(word):
                    continue
                if i and lexicon.is_particle(words[i - 1]) and lexicon.is_ordinary_word(word):
                    # "Dam" of "van Dam" is an ordinary word, "Oost" of "van Oost" a part of town
                    # names ("Schiedam-Oost", blind set NJ); the surname with particle identifies.
                    start = i - 1
                    while start and lexicon.is_particle(words[start - 1]):
                        start -= 1
                    forms.append(" ".join(words[start:i + 1]))
                else:
                    forms.append(word)
        for form in forms:
            form = " ".join(form.split()).strip(".,;:")
            if len(form) < min_length or _fold(form) in rows:
                continue
            if allow_list is not None and allow_list.contains(form):
                continue
            single = " " not in form
            if single and form.isalpha() and lexicon.is_plain_word(form) and not (
                    kind == "LOCATIE" and form[:1].isupper() and lexicon.is_place_name(form)):
                continue  # a listed place that is also a word ("Zwolle", "Zeeland") is searched capitalised
            if kind != "PERSOON" and _ordinary_phrase(form):
                # "De Vuist" (a boxing school) is "met de vuist" in any other sentence: search the
                # name as written, with its article in either case.
                article, _, rest = form.partition(" ")
                for variant in ([article.lower() + " " + rest, article.capitalize() + " " + rest]
                                if article.casefold() in _ARTICLES else [form]):
                    rows.setdefault(_fold(form) + "\0" + variant, (variant, pseudonym, kind, True))
                continue
            case_sensitive = single and form.isalpha() and (lexicon.is_dictionary_word(form)
                                                            or form.lower() in lowercase_words)
            rows[_fold(form)] = (form, pseudonym, kind, case_sensitive)
    frame = pd.DataFrame(sorted(rows.values(), key=lambda r: (r[1], r[0])),
                         columns=["identifier", "pseudonym", "type", "case_sensitive"])
    return frame


_ARTICLES = ("de", "het", "'t", "’t")


def _ordinary_phrase(form: str) -> bool:
    """A name of several words that are all ordinary words, the last one capitalised ("De Vuist")."""
    words = form.split()
    return (len(words) > 1 and words[-1][:1].isupper()
            and all(w.replace("'", "").replace("’", "").isalpha() and lexicon.is_dictionary_word(w) for w in words))


def without_public(identifiers: pd.DataFrame, files: list[Path], texts=()) -> tuple[pd.DataFrame, int]:
    """Drop identifiers that occur in researcher-written files the outputs quote by design, or in
    ``texts`` the run writes itself (its date).

    Returns
    -------
    (DataFrame, int)
        The remaining identifiers and how many were dropped.
    """
    text = "\n".join([_decode(Path(f).read_bytes()) for f in files] + [str(t) for t in texts])
    if not text or identifiers.empty:
        return identifiers, 0
    present: set[str] = set()
    for case_sensitive, group in identifiers.groupby("case_sensitive"):
        pattern = _pattern(list(group["identifier"]), 0 if case_sensitive else re.IGNORECASE)
        present.update(_fold(m.group(0)) for m in pattern.finditer(text))
    keep = ~identifiers["identifier"].map(_fold).isin(present)
    return identifiers[keep].reset_index(drop=True), int((~keep).sum())


def _as_frame(identifiers) -> pd.DataFrame:
    if isinstance(identifiers, pd.DataFrame):
        frame = identifiers.rename(columns={"original": "identifier"})
    elif isinstance(identifiers, Mapping):
        frame = pd.DataFrame({"identifier": list(identifiers), "pseudonym": list(identifiers.values())})
    else:
        frame = pd.DataFrame({"identifier": [str(i) for i in identifiers]})
    for column, default in (("pseudonym", ""), ("type", ""), ("case_sensitive", False)):
        if column not in frame.columns:
            frame[column] = default
    frame["type"] = [t or (re.match(r"\[([A-Z]+)-\d+\]$", p or "") or [None, ""])[1]
                     for t, p in zip(frame["type"], frame["pseudonym"])]
    return frame


def _pattern(forms: list[str], flags: int) -> re.Pattern | None:
    if not forms:
        return None
    body = trie_pattern(set(forms), ignore_case=bool(flags & re.IGNORECASE))
    return re.compile(rf"(?<!\w){body}(?!\w)", flags)


def check_leaks(out_dir: str | Path, identifiers, *, min_length: int = MIN_LENGTH) -> list[dict]:
    """Search every file under ``out_dir`` for ``identifiers``.

    Parameters
    ----------
    out_dir : path
        The output folder (searched recursively, hidden files included).
    identifiers : DataFrame, mapping or iterable of str
        A DataFrame with ``identifier`` (or ``original``) and optionally ``pseudonym``, ``type``,
        ``case_sensitive``; or a mapping identifier → pseudonym; or plain strings. Matching is
        case-insensitive on word boundaries (unless ``case_sensitive``); identifiers shorter than
        ``min_length`` are skipped.

    Returns
    -------
    list of dict
        One per (file, place, identifier) with keys ``file`` (relative to ``out_dir``),
        ``line_or_part``, ``type``, ``pseudonym``; sorted. The identifier itself is never in it.
    """
    out_dir = Path(out_dir)
    frame = _as_frame(identifiers)
    frame = frame[frame["identifier"].str.strip().str.len() >= min_length]
    lookup = {_fold(i): (p, t) for i, p, t in frame[["identifier", "pseudonym", "type"]].itertuples(index=False)}
    patterns = [
        _pattern([i for i, cs in zip(frame["identifier"], frame["case_sensitive"]) if not cs], re.IGNORECASE),
        _pattern([i for i, cs in zip(frame["identifier"], frame["case_sensitive"]) if cs], 0),
    ]
    patterns = [p for p in patterns if p is not None]
    # A place or organisation that is also a word ("Meer" of "bureau Meer en Vaart") is searched capitalised;
    # at a sentence start ("Meer tijd, dat wil ik") the capital says nothing, as the pseudonymiser
    # decided when it kept the word there.
    # Names of persons are left out: "Bakker" opening a line is the surname more often than not.
    words = {_fold(i) for i, cs, kind in zip(frame["identifier"], frame["case_sensitive"], frame["type"])
             if cs and kind != "PERSOON" and " " not in i.strip() and lexicon.is_dictionary_word(i.strip())}
    leaks: set[tuple[str, str, str, str]] = set()
    if not patterns or not out_dir.exists():
        return []
    for path in sorted(p for p in out_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(out_dir).as_posix()
        try:
            parts = list(_read(path))
        except Exception as exc:  # an unreadable file is reported, not fatal
            logger.warning("leak check could not read %s: %s", relative, exc)
            continue
        for part, text in parts:
            for pattern in patterns:
                for m in pattern.finditer(text):
                    if _fold(m.group(0)) in words and (sentence_start(text, m.start()) or (
                            path.suffix.lower() == ".csv" and text[m.start() - 1:m.start()] == ",")):
                        continue  # a CSV cell starts a sentence too (an unquoted cell has no comma inside)
                    pseudonym, kind = lookup.get(_fold(m.group(0)), ("", ""))
                    leaks.add((relative, part, kind, pseudonym))
    def natural(leak):  # "line 9" before "line 10"
        return [(int(t) if t.isdigit() else 0, t) for part in leak for t in re.split(r"(\d+)", part)]

    return [dict(zip(LEAK_KEYS, leak)) for leak in sorted(leaks, key=natural)]
