"""The allow-list: words and phrases that are not personal data and stay in the text.

Loaded from ``codebook/allow_list.yaml`` (or ``StudyConfig.allow_list``). See that file for the
sections and the matching rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from ..errors import ConfigError

#: Sections whose entries protect text from pseudonymisation.
PHRASE_SECTIONS = ("organisations", "programmes", "roles", "authors", "common_words", "keep_places")
#: Sections with other meanings.
OTHER_SECTIONS = ("version", "places_to_pseudonymise", "settings")
SETTINGS = {"pseudonymise_ages": bool}


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _author_forms(entry: str) -> list[str]:
    """``"Hans Licht"`` → ``["Hans Licht", "H. Licht", "H.Licht", "Licht"]``.

    The surname is everything from the first lower-case particle on ("Ronald van Steden" →
    "van Steden"), else the last word.
    """
    words = entry.split()
    if len(words) == 1:
        return [entry]
    cut = next((i for i, w in enumerate(words) if i and w[:1].islower()), len(words) - 1)
    given, surname = words[:cut], " ".join(words[cut:])
    initials = "".join(w[0] + "." for w in given)
    return [entry, f"{initials} {surname}", f"{initials}{surname}", surname]


def trie_pattern(phrases, ignore_case: bool = False) -> str:
    """One regex body matching any of ``phrases`` (white space as ``\\s+``), built as a trie.

    Python's ``re`` tries the branches of a flat alternation one by one at every position; a
    trie branches on the next character instead, which is many times faster for hundreds of
    phrases. Longer matches win, as the branches are tried longest-first.
    """
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for word_index, word in enumerate(phrase.split()):
            if word_index:
                node = node.setdefault(" ", {})
            for char in (word.casefold() if ignore_case else word):
                node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for key in sorted(k for k in node if k):
            piece = r"\s+" if key == " " else re.escape(key)
            branches.append(piece + emit(node[key]))
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return emit(trie)


#: Endings of a street or square named after a place, written as one word with it ("Osdorpplein").
_STREET_SUFFIX = r"(?:plein|weg|straat|laan|kade|dreef|singel|gracht|markt|park|hof|dijk)?"


def _compile(phrases: list[str], flags: int) -> re.Pattern | None:
    if not phrases:
        return None
    body = trie_pattern(set(phrases), ignore_case=bool(flags & re.IGNORECASE))
    return re.compile(r"(?<!\w)" + body + r"(?!\w)", flags)


@dataclass(frozen=True)
class AllowList:
    """Phrases that are kept, places that are always pseudonymised, and settings.

    Attributes
    ----------
    organisations, programmes, roles, authors, common_words, keep_places : tuple of str
        Protected phrases (see ``codebook/allow_list.yaml``).
    places_to_pseudonymise : tuple of str
        Place names (mostly neighbourhoods) that are always pseudonymised as ``LOCATIE``.
    pseudonymise_ages : bool
        Whether ages are replaced by ``[LEEFTIJD-n]``.
    source : str
        The file it was read from (for messages).
    """

    organisations: tuple[str, ...] = ()
    programmes: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    common_words: tuple[str, ...] = ()
    keep_places: tuple[str, ...] = ()
    places_to_pseudonymise: tuple[str, ...] = ()
    pseudonymise_ages: bool = False
    source: str = field(default="", compare=False)

    # ------------------------------------------------------------------ phrases
    def phrases(self) -> list[str]:
        """Every protected surface form (authors expanded to initials and surname)."""
        out: list[str] = []
        for section in PHRASE_SECTIONS:
            for entry in getattr(self, section):
                out.extend(_author_forms(entry) if section == "authors" else [entry])
        return out

    @cached_property
    def _patterns(self) -> tuple[re.Pattern | None, re.Pattern | None]:
        phrases = self.phrases()
        exact = [p for p in phrases if _is_acronym(p)]
        loose = [p for p in phrases if not _is_acronym(p)]
        return _compile(exact, 0), _compile(loose, re.IGNORECASE)

    @cached_property
    def _folded(self) -> frozenset[str]:
        return frozenset(" ".join(p.split()).casefold() for p in self.phrases() if not _is_acronym(p))

    @cached_property
    def _acronyms(self) -> frozenset[str]:
        return frozenset(p for p in self.phrases() if _is_acronym(p))

    @cached_property
    def common_word_forms(self) -> frozenset[str]:
        """``common_words`` entries, case-folded (allow-listed as no name, not as an organisation)."""
        return frozenset(w.casefold() for w in self.common_words)

    @cached_property
    def role_words(self) -> frozenset[str]:
        """Role entries, case-folded (speaker labels made of these are never names)."""
        return frozenset(r.casefold() for r in self.roles)

    @cached_property
    def places_pattern(self) -> re.Pattern | None:
        """Case-sensitive pattern of :attr:`places_to_pseudonymise`.

        An entry with an article ("De Baarsjes", "De Pijp") also matches with the article in lower
        case and without it: "in de Baarsjes", "Baarsjes". A street or square named after the place
        is the place too: "het Bos en Lommerplein", "de Bos en Lommerweg" (blind set NW), which
        otherwise left "Bos en" behind and made the leak check fail.
        """
        forms: list[str] = []
        for place in self.places_to_pseudonymise:
            forms.append(place)
            article = re.match(r"(?:De|Het|'t|’t)\s+(?=\S)", place)
            if article:
                rest = place[article.end():]
                forms.extend([article.group(0).lower() + rest, rest])
        if not forms:
            return None
        return re.compile(r"(?<!\w)" + trie_pattern(set(forms), ignore_case=False) + _STREET_SUFFIX + r"(?!\w)")

    @cached_property
    def _organisation_patterns(self) -> tuple[re.Pattern | None, re.Pattern | None]:
        phrases = list(self.organisations) + list(self.programmes)
        return (_compile([p for p in phrases if _is_acronym(p)], 0),
                _compile([p for p in phrases if not _is_acronym(p)], re.IGNORECASE))

    def organisation_spans(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of allow-listed organisations and programmes in ``text``, sorted.

        Where two entries overlap the longer one is kept ("Zorg- en Veiligheidshuis" rather
        than "Veiligheidshuis"). Used to find what follows an organisation's generic name: a
        region or place ("Veilig Thuis Fryslân", "Politie Midden-Nederland").

        Returns
        -------
        list of (start, end)
            End-exclusive code-point offsets, not overlapping.
        """
        spans = sorted((m.span() for pattern in self._organisation_patterns if pattern is not None
                        for m in pattern.finditer(text)), key=lambda se: (se[0], -se[1]))
        out: list[tuple[int, int]] = []
        for s, e in spans:
            if out and s < out[-1][1]:
                if e > out[-1][1] and e - s > out[-1][1] - out[-1][0]:
                    out[-1] = (s, e)
                continue
            out.append((s, e))
        return out

    def protected_spans(self, text: str) -> list[tuple[int, int]]:
        """Character ranges of ``text`` covered by allow-listed phrases, sorted, merged.

        Parameters
        ----------
        text : str

        Returns
        -------
        list of (start, end)
            End-exclusive code-point offsets.
        """
        spans: list[tuple[int, int]] = []
        for pattern in self._patterns:
            if pattern is not None:
                spans.extend(m.span() for m in pattern.finditer(text))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged

    def contains(self, phrase: str) -> bool:
        """Whether ``phrase`` as a whole is an allow-listed form."""
        phrase = " ".join(phrase.split())
        return phrase in self._acronyms or phrase.casefold() in self._folded


def load_allow_list(path: str | Path | None = None) -> AllowList:
    """Read an allow-list YAML file.

    Parameters
    ----------
    path : str or Path, optional
        Defaults to ``codebook/allow_list.yaml`` of the project. A missing default file gives an
        empty allow-list; a missing explicit file is an error.

    Returns
    -------
    AllowList

    Raises
    ------
    ConfigError
        The file is missing (when given explicitly), is not valid YAML, or has an unknown section
        or a section that is not a list of strings.
    """
    from ..config import DEFAULT_ALLOW_LIST

    explicit = path is not None
    path = Path(path) if explicit else DEFAULT_ALLOW_LIST
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        if explicit and Path(path).resolve() != DEFAULT_ALLOW_LIST.resolve():
            raise ConfigError(f"{path}: allow-list not found") from None
        return AllowList(source=str(path))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: an allow-list must be a mapping of sections to lists")
    unknown = sorted(set(raw) - set(PHRASE_SECTIONS) - set(OTHER_SECTIONS))
    if unknown:
        raise ConfigError(f"{path}: unknown section(s) {', '.join(map(str, unknown))}; "
                          f"known: {', '.join(PHRASE_SECTIONS + OTHER_SECTIONS)}")
    values: dict = {}
    for section in PHRASE_SECTIONS + ("places_to_pseudonymise",):
        items = raw.get(section) or []
        if not isinstance(items, list) or not all(isinstance(i, (str, int)) for i in items):
            raise ConfigError(f"{path}: section {section!r} must be a list of words or phrases")
        values[section] = tuple(" ".join(str(i).split()) for i in items if str(i).strip())
    settings = raw.get("settings") or {}
    if not isinstance(settings, dict):
        raise ConfigError(f"{path}: 'settings' must be a mapping")
    for key, value in settings.items():
        if key not in SETTINGS:
            raise ConfigError(f"{path}: unknown setting {key!r}; known: {', '.join(SETTINGS)}")
        if not isinstance(value, SETTINGS[key]):
            raise ConfigError(f"{path}: setting {key!r} must be true or false")
        values[key] = value
    return AllowList(source=str(path), **values)
