"""The review list: capitalised words that were kept and might still be names."""
from __future__ import annotations

import re

from . import lexicon
from .allow_list import AllowList
from .names import sentence_start

_CAPITALISED = re.compile(r"(?<![\w\[\]@./-])[A-ZÀ-ÖØ-Þ][\w'’-]*")


def review_candidates(text: str, allow_list: AllowList, context: int = 40) -> list[tuple[str, str]]:
    """Capitalised words in a (pseudonymised) text that a human should look at.

    A word is listed when it is not at a sentence start, not written in capitals only (acronyms),
    not inside a pseudonym, not allow-listed and either unknown to the Dutch word lists or known as
    a name ("Roos", "Bakker").

    Returns
    -------
    list of (token, context)
        One per distinct token, in order of first use; ``context`` is ``text`` ±``context``
        characters around it with line breaks as spaces.
    """
    protected = allow_list.protected_spans(text)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for m in _CAPITALISED.finditer(text):
        token = m.group(0).rstrip("'’-")
        s, e = m.start(), m.start() + len(token)
        if len(token) < 2 or token in seen or token.isupper() or any(c.isdigit() for c in token):
            continue
        if sentence_start(text, s) or any(ps <= s and e <= pe for ps, pe in protected):
            continue
        if lexicon.is_plain_word(token) or (lexicon.is_dictionary_word(token) and not lexicon.is_name_word(token)):
            continue
        seen.add(token)
        snippet = text[max(0, s - context):e + context]
        out.append((token, " ".join(snippet.split())))
    return out
