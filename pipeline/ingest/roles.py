"""Speaker roles: ``interviewer``, ``respondent`` or ``other``.

A role is decided, in this order of precedence:

1. the study config's ``roles`` mapping (case-insensitive label → role), method ``config``;
2. the label itself when it names a role (``Interviewer``, ``I``, ``INT``, ``Int.``, ``R6``,
   ``Geïnterviewde``, ...), or a header line such as ``Interviewer: Sanne`` that names the role
   of a speaker labelled by name later on; method ``label``;
3. inference from how the speakers talk (who asks the questions, who has the short turns, who
   speaks first, who speaks most), method ``inferred: <reason>``.

The document's ``role_method`` lists the methods used, e.g. ``label`` or
``label+inferred: questions, turn length``. Reasons never contain speaker names: the method
is written to ``documents.csv`` and names there would leak.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from ..model import Turn

#: Label stems (case-folded, accents and trailing digits removed) that name a role.
ROLE_WORDS: dict[str, str] = {
    # interviewer
    "interviewer": "interviewer", "interviewster": "interviewer", "interviewers": "interviewer",
    "int": "interviewer", "i": "interviewer", "intv": "interviewer",
    "onderzoeker": "interviewer", "onderzoekster": "interviewer", "vraagsteller": "interviewer",
    "vraag": "interviewer", "co-interviewer": "interviewer", "moderator": "interviewer",
    "gespreksleider": "interviewer", "gespreksleidster": "interviewer", "facilitator": "interviewer",
    "researcher": "interviewer",
    # respondent
    "respondent": "respondent", "respondente": "respondent", "resp": "respondent",
    "r": "respondent", "geinterviewde": "respondent", "g": "respondent", "antwoord": "respondent",
    "participant": "respondent", "deelnemer": "respondent", "deelneemster": "respondent",
    "informant": "respondent", "interviewee": "respondent", "regisseur": "respondent",
    "casusregisseur": "respondent", "procesregisseur": "respondent", "professional": "respondent",
    # other people in the room
    "notulist": "other", "notuliste": "other", "tolk": "other", "observator": "other",
    "observant": "other", "waarnemer": "other", "toehoorder": "other", "transcribent": "other",
}

#: Generic speaker labels (``Spreker 1``, ``Speaker 2``): certainly labels, but no role.
_GENERIC = re.compile(
    r"(?:spreker|speaker|deelnemer|persoon|person|stem|voice|onbekende spreker|onbekend|unknown speaker|unknown)"
    r"[\s_\-]*\d+[a-z]?|(?:onbekende spreker|unknown speaker|onbekend|unknown)")
_PAREN = re.compile(r"\s*\([^()]*\)\s*")
_STEM = re.compile(r"(?P<stem>[a-z][a-z\-]*?)\.?\s*(?P<num>\d*)\.?")
#: ``P1``, ``P12``: participant numbers (a bare ``P`` is too ambiguous to count).
_PARTICIPANT = re.compile(r"p\s*\d+")


def fold(text: str) -> str:
    """Case-fold, strip accents and collapse whitespace: ``"Geïnterviewde "`` → ``"geinterviewde"``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


def speaker_key(label: str) -> str:
    """The key that identifies one speaker within a document (case-insensitive label)."""
    return " ".join(unicodedata.normalize("NFC", label).casefold().split())


def role_from_label(label: str) -> str | None:
    """The role a label names, or None. ``"Interviewer (SA)"`` → ``"interviewer"``, ``"R6"`` → ``"respondent"``."""
    plain = fold(_PAREN.sub(" ", label)).strip(" :.")
    if not plain:
        return None
    if plain in ROLE_WORDS:
        return ROLE_WORDS[plain]
    if _PARTICIPANT.fullmatch(plain):
        return "respondent"
    m = _STEM.fullmatch(plain)
    if m and m.group("stem") in ROLE_WORDS:
        return ROLE_WORDS[m.group("stem")]
    return None


def is_generic_label(label: str) -> bool:
    """``Spreker 1``, ``Speaker 2``, ``Deelnemer 3``: a speaker label without a role."""
    return bool(_GENERIC.fullmatch(fold(_PAREN.sub(" ", label)).strip(" :.")))


def is_role_label(label: str) -> bool:
    """True when ``label`` is a label by its very form (a role word or a generic speaker number)."""
    return role_from_label(label) is not None or is_generic_label(label)


@dataclass
class SpeakerStats:
    """How one speaker talks in one document (the evidence for role inference)."""

    key: str
    first_turn: int
    n_turns: int = 0
    n_words: int = 0
    n_questions: int = 0

    @property
    def question_share(self) -> float:
        return self.n_questions / self.n_turns if self.n_turns else 0.0

    @property
    def mean_words(self) -> float:
        return self.n_words / self.n_turns if self.n_turns else 0.0


_QUESTION_END = re.compile(r"\?[\s\"'”’»)\]…]*$")


def speaker_stats(turns: list[Turn]) -> dict[str, SpeakerStats]:
    """Per-speaker counts, keyed by :func:`speaker_key`, in order of first appearance."""
    stats: dict[str, SpeakerStats] = {}
    for i, turn in enumerate(turns):
        key = speaker_key(turn.speaker)
        s = stats.setdefault(key, SpeakerStats(key=key, first_turn=i))
        s.n_turns += 1
        s.n_words += len(turn.text.split())
        s.n_questions += bool(_QUESTION_END.search(turn.text))
    return stats


def _interviewer_score(s: SpeakerStats, longest_mean: float) -> float:
    """Higher for the speaker who asks questions, keeps turns short and opens the interview."""
    shortness = 1.0 - (s.mean_words / longest_mean if longest_mean else 0.0)
    return 2.0 * s.question_share + shortness + (0.5 if s.first_turn == 0 else 0.0)


def infer_roles(stats: dict[str, SpeakerStats], known: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """Roles for the speakers not in ``known``, and the reasons used.

    Parameters
    ----------
    stats : dict of str to SpeakerStats
        Every speaker of the document.
    known : dict of str to str
        Speaker key → role already decided (config or label).

    Returns
    -------
    roles : dict of str to str
        Speaker key → role for every unknown speaker.
    reasons : list of str
        Short, name-free reasons (``"questions, turn length"``, ``"most words"``, ...).
    """
    unknown = [k for k in stats if k not in known]
    roles: dict[str, str] = {}
    reasons: list[str] = []
    if not unknown:
        return roles, reasons
    have = set(known.values())

    if "interviewer" not in have:
        candidates = [k for k in unknown if stats[k].n_turns >= 2 or stats[k].n_questions]
        if len(stats) > 1 and candidates:
            longest = max(stats[k].mean_words for k in stats)
            best = max(candidates, key=lambda k: (_interviewer_score(stats[k], longest),
                                                  -stats[k].first_turn))
            # Only call someone the interviewer when someone else is left to be interviewed.
            if any(k != best for k in stats):
                roles[best] = "interviewer"
                reasons.append("questions, turn length")

    rest = [k for k in unknown if k not in roles]
    if "respondent" not in have and rest:
        main = max(rest, key=lambda k: (stats[k].n_words, -stats[k].first_turn))
        roles[main] = "respondent"
        reasons.append("most words")

    respondents = [k for k, r in {**known, **roles}.items() if r == "respondent"]
    resp_words = max((stats[k].n_words for k in respondents), default=0)
    resp_mean = max((stats[k].mean_words for k in respondents), default=0.0)
    for k in unknown:
        if k in roles:
            continue
        s = stats[k]
        if resp_words and s.n_words >= 0.1 * resp_words and s.mean_words >= 0.5 * resp_mean:
            roles[k] = "respondent"
            reasons.append("second respondent (long turns)")
        elif s.n_turns >= 2 and s.question_share >= 0.5:
            roles[k] = "interviewer"
            reasons.append("second interviewer (questions)")
        else:
            roles[k] = "other"
            reasons.append("speaks rarely")
    return roles, reasons


def assign_roles(turns: list[Turn], config_roles: dict[str, str] | None = None,
                 hints: dict[str, str] | None = None) -> tuple[list[Turn], str]:
    """Give every turn a role and say how it was decided.

    Parameters
    ----------
    turns : list of Turn
        The document's turns (``role`` may be empty).
    config_roles : dict of str to str, optional
        The study config's label → role mapping; case-insensitive; wins over everything.
    hints : dict of str to str, optional
        Speaker key → role learnt from header lines such as ``Interviewer: Sanne``.

    Returns
    -------
    turns : list of Turn
        New turns with ``role`` set.
    role_method : str
        ``config``, ``label``, ``inferred: ...`` or a ``+``-joined combination.
    """
    config = {speaker_key(k): v for k, v in (config_roles or {}).items()}
    config_plain = {fold(_PAREN.sub(" ", k)): v for k, v in (config_roles or {}).items()}
    hints = hints or {}
    stats = speaker_stats(turns)
    labels = {speaker_key(t.speaker): t.speaker for t in turns}

    known: dict[str, str] = {}
    methods: list[str] = []
    for key in stats:
        plain = fold(_PAREN.sub(" ", labels[key]))
        if key in config or plain in config_plain:
            known[key] = config.get(key) or config_plain[plain]
            method = "config"
        elif (role := role_from_label(labels[key])) is not None:
            known[key] = role
            method = "label"
        elif key in hints:
            known[key] = hints[key]
            method = "label"
        else:
            continue
        if method not in methods:
            methods.append(method)

    inferred, reasons = infer_roles(stats, known)
    roles = {**known, **inferred}
    method = "+".join(sorted(methods, key=["config", "label"].index))
    if inferred:
        reason = ", ".join(dict.fromkeys(", ".join(reasons).split(", ")))
        method = (method + "+" if method else "") + f"inferred: {reason}"
    out = [replace(t, role=roles[speaker_key(t.speaker)]) for t in turns]
    return out, method
