"""The deductive rules coder: the codebook's patterns applied to lemmatised segments.

For every codable code the coder collects *hits* of its rules in a segment — terms and compound
keys (weight 1), weak cues (``weak_weight``), spaCy token patterns (weight 1), proximity rules
(``near``, their own weight) and, for respondent turns, cues in the interviewer's question just
before (``context_weight``). Hits in a sentence that matches one of the code's ``exclude``
patterns are dropped (near-misses such as "ik vertrouw erop dat …"). Each distinct rule counts
once per segment; the code is assigned when the summed weight reaches the code's ``threshold``.

``score`` = min(1, total / (2 × threshold)): 0.5 at the threshold, 1 at twice the threshold.
``evidence`` = the words that fired the rules, in text order, ``"; "``-separated.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd
from spacy.matcher import Matcher
from spacy.tokens import Doc

from ..errors import ConfigError
from . import register_coder
from .base import BaseCoder
from .matching import FINAL, Match, PhraseCompiler, PhraseIndex, doc_keys, split_separable, within_window

#: Rule kinds whose hits remove a sentence from a code instead of adding to it.
EXCLUDE_KINDS = ("exclude", "exclude_token")
#: At most this many evidence items per coding (the rest add to the score, not to the text).
MAX_EVIDENCE = 6


@dataclass(frozen=True)
class Rule:
    """One compiled rule of one code."""

    code_id: str
    kind: str  # term, compound, weak, token, near, context, exclude, exclude_token
    weight: float
    pattern: str  # the codebook text, for explanations
    n_elements: int = 1
    window: int = 0
    #: Rules with the same group count once per segment (a verb found joined and split).
    group: int = -1
    #: Near rule whose elements must occur in their listed order.
    ordered: bool = False


@dataclass(frozen=True)
class Hit:
    """A rule that fired in a text, with the words that fired it."""

    rule: int
    start_char: int
    evidence: str
    sentence: int
    excluded: bool = False


class CompiledCodebook:
    """All rules of a codebook, compiled once for a given spaCy pipeline.

    Parameters
    ----------
    codebook : pipeline.codebook.Codebook
    nlp : spacy.language.Language
        The coding pipeline (:func:`pipeline.nlp.get_nlp`).

    Raises
    ------
    ConfigError
        Listing every pattern that does not compile (``code_id: patterns.kind[i]: message``).
    """

    def __init__(self, codebook, nlp):
        self.nlp = nlp
        self.rules: list[Rule] = []
        self.thresholds: dict[str, float] = {}
        #: code id → its competition group ("" = the main group), None = does not compete
        self.competing: dict[str, str | None] = {}
        self.index = PhraseIndex()
        self.context_index = PhraseIndex()
        self.matcher = Matcher(nlp.vocab, validate=True)
        self.has_context = False
        problems: list[str] = []
        compiler = PhraseCompiler(nlp)
        for code in codebook.codable():
            p = code.patterns
            self.thresholds[code.id] = p.threshold
            self.competing[code.id] = (None if p.compete is False else
                                       "" if p.compete is True else str(p.compete))
            phrase_fields = (("term", "terms", p.terms, 1.0), ("compound", "compounds", p.compounds, 1.0),
                             ("weak", "weak", p.weak, p.weak_weight), ("exclude", "exclude", p.exclude, 0.0))
            for kind, field, texts, weight in phrase_fields:
                for i, text in enumerate(texts):
                    where = f"{code.id}: patterns.{field}[{i}]"
                    try:
                        phrases = compiler.compile(text)
                    except ValueError as exc:
                        problems.append(f"{where}: {exc}")
                        continue
                    if kind == "compound" and any(t.kind == "exact" for ph in phrases for t in ph):
                        problems.append(f"{where}: {text!r} has no '*' (put plain words in terms)")
                        continue
                    rid = self._add_rule(Rule(code.id, kind, weight, text))
                    for phrase in phrases:
                        self.index.add(phrase, (rid, 0))
                    if kind in ("term", "weak"):
                        self._add_separable(compiler, code.id, kind, weight, text, rid)
            for j, near in enumerate(p.near):
                try:
                    elements = [compiler.compile(w) for w in near.words]
                except ValueError as exc:
                    problems.append(f"{code.id}: patterns.near[{j}]: {exc}")
                    continue
                rid = self._add_rule(Rule(code.id, "near", near.weight,
                                          (" > " if near.ordered else " ~ ").join(near.words),
                                          n_elements=len(elements), window=near.window,
                                          ordered=near.ordered))
                for k, phrases in enumerate(elements):
                    for phrase in phrases:
                        self.index.add(phrase, (rid, k))
            for j, text in enumerate(p.context):
                try:
                    phrases = compiler.compile(text)
                except ValueError as exc:
                    problems.append(f"{code.id}: patterns.context[{j}]: {exc}")
                    continue
                rid = self._add_rule(Rule(code.id, "context", p.context_weight, text))
                self.has_context = True
                for phrase in phrases:
                    self.context_index.add(phrase, (rid, 0))
            for kind, patterns in (("token", p.token), ("exclude_token", p.exclude_token)):
                for j, pattern in enumerate(patterns):
                    rid = len(self.rules)
                    try:
                        self.matcher.add(str(rid), [pattern])
                    except Exception as exc:  # spaCy raises ValueError/MatchPatternError
                        problems.append(f"{code.id}: patterns.{kind}[{j}]: {str(exc).strip().splitlines()[0]}")
                        continue
                    self._add_rule(Rule(code.id, kind, 1.0 if kind == "token" else 0.0, str(pattern)))
        if problems:
            raise ConfigError(f"{getattr(codebook, 'path', '') or 'codebook'}: patterns do not "
                              f"compile:\n  " + "\n  ".join(problems))

    def _add_separable(self, compiler, code_id, kind, weight, text, rid) -> None:
        """Also find one-word separable verbs split up: "stel … bij", "bij te stellen"."""
        lem = self.nlp.get_pipe("regie_lemmatizer")
        for alternative in text.split("|"):
            words = alternative.split()
            if len(words) != 1 or "*" in words[0] or words[0].startswith("="):
                continue
            split = split_separable(lem.lemmatize(words[0].lower()), lem.known)
            if split is None:
                continue
            particle, verb = split
            for phrase in compiler.compile(f"{particle} te {verb}"):
                self.index.add(phrase, (rid, 0))
            near = self._add_rule(Rule(code_id, kind, weight, f"{verb} … {particle} ({alternative})",
                                       n_elements=2, window=10, group=rid, ordered=True))
            for phrase in compiler.compile(verb):
                self.index.add(phrase, (near, 0))
            for phrase in compiler.compile(f"={particle}{FINAL}"):
                self.index.add(phrase, (near, 1))

    def _add_rule(self, rule: Rule) -> int:
        self.rules.append(rule)
        return len(self.rules) - 1

    # -- matching ------------------------------------------------------------------------------
    def hits(self, doc: Doc, context: Doc | None = None) -> list[Hit]:
        """Every rule that fired in ``doc`` (plus context rules in ``context``), in text order.

        Hits of a code inside a sentence that matches one of its exclude rules are returned
        with ``excluded=True`` (they do not count).
        """
        sent_of = _sentence_index(doc)
        matches = self.index.find(*doc_keys(doc))
        for match_id, start, end in (self.matcher(doc) if len(self.matcher) else ()):
            matches.append(Match((int(self.nlp.vocab.strings[match_id]), 0), start, end))
        # rule → sentence → element → [(start, end)]
        grouped: dict[int, dict[int, dict[int, list[tuple[int, int]]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list)))
        for m in matches:
            rid, elem = m.ref
            grouped[rid][sent_of[m.start]][elem].append((m.start, m.end))
        excluded = {(self.rules[rid].code_id, sent)
                    for rid, by_sent in grouped.items() if self.rules[rid].kind in EXCLUDE_KINDS
                    for sent in by_sent}
        out: list[Hit] = []
        for rid in sorted(grouped):
            rule = self.rules[rid]
            if rule.kind in EXCLUDE_KINDS:
                continue
            first: Hit | None = None
            for sent in sorted(grouped[rid]):
                spans = _fire(rule, grouped[rid][sent])
                if spans is None:
                    continue
                hit = Hit(rid, doc[spans[0][0]].idx, " … ".join(doc[s:e].text for s, e in spans),
                          sent, excluded=(rule.code_id, sent) in excluded)
                if not hit.excluded:
                    first = hit
                    break
                first = first or hit
            if first is not None:
                out.append(first)
        if context is not None and self.has_context:
            for m in self.context_index.find(*doc_keys(context)):
                rid = m.ref[0]
                if all(h.rule != rid for h in out):
                    out.append(Hit(rid, -1, "vraag: " + context[m.start:m.end].text, -1))
        out.sort(key=lambda h: (h.start_char, h.rule))
        return out

    def totals(self, doc: Doc, context: Doc | None = None) -> dict[str, tuple[float, list[str]]]:
        """Summed rule weight and evidence per code with at least one counting hit."""
        out: dict[str, tuple[float, list[str]]] = {}
        counted: set[int] = set()
        for hit in self.hits(doc, context):
            if hit.excluded:
                continue
            rule = self.rules[hit.rule]
            group = rule.group if rule.group >= 0 else hit.rule
            if group in counted:
                continue
            counted.add(group)
            total, evidence = out.get(rule.code_id, (0.0, []))
            if hit.evidence not in evidence:
                evidence = evidence + [hit.evidence]
            out[rule.code_id] = (total + rule.weight, evidence)
        return out

    def code(self, doc: Doc, context: Doc | None = None, max_codes: int | None = None,
             relative: float = 0.0) -> list[tuple[str, float, str]]:
        """``(code_id, score, evidence)`` for every code assigned to ``doc``, sorted by code.

        Parameters
        ----------
        doc, context : spacy.tokens.Doc
            The segment and (optionally) the interviewer question before it.
        max_codes : int, optional
            Keep at most this many codes per competition group (the highest scores; ties by
            code id).
        relative : float
            Drop codes whose score is below ``relative`` × the highest score of their
            competition group (``Patterns.compete``; codes with ``compete: false`` never drop).
        """
        passed = []
        for code_id, (total, evidence) in self.totals(doc, context).items():
            threshold = self.thresholds[code_id]
            if total > 0 and total + 1e-9 >= threshold:
                strength = total / threshold if threshold > 0 else total
                passed.append((code_id, strength, "; ".join(evidence[:MAX_EVIDENCE])))
        # Rank on the uncapped strength so that strong codes win over barely-passing ones.
        free = [p for p in passed if self.competing[p[0]] is None]
        kept = []
        for group in sorted({self.competing[p[0]] for p in passed} - {None}):
            rivals = sorted((p for p in passed if self.competing[p[0]] == group), key=lambda x: (-x[1], x[0]))
            best = rivals[0][1]
            rivals = [p for p in rivals if p[1] + 1e-9 >= relative * best]
            kept += rivals[:max_codes] if max_codes is not None else rivals
        return sorted((c, min(1.0, strength / 2), ev) for c, strength, ev in free + kept)


def _sentence_index(doc: Doc) -> list[int]:
    sent_of = [0] * len(doc)
    if doc.has_annotation("SENT_START"):
        for k, sent in enumerate(doc.sents):
            for i in range(sent.start, sent.end):
                sent_of[i] = k
    return sent_of


def _fire(rule: Rule, elements: dict[int, list[tuple[int, int]]]) -> list[tuple[int, int]] | None:
    """Spans that make ``rule`` fire within one sentence, or None."""
    if rule.n_elements == 1:
        return [min(elements[0])] if elements.get(0) else None
    if len(elements) < rule.n_elements:
        return None
    ends = [{s: e for s, e in sorted(elements[k], reverse=True)} for k in range(rule.n_elements)]
    chosen = within_window([list(e) for e in ends], rule.window, ordered=rule.ordered)
    if chosen is None:
        return None
    return sorted((s, ends[k][s]) for k, s in enumerate(chosen))


@register_coder("rules")
class RulesCoder(BaseCoder):
    """The codebook's patterns applied to segment lemmas (see the module doc).

    Parameters
    ----------
    codebook : pipeline.codebook.Codebook
    config : pipeline.config.StudyConfig, optional
        ``spacy_model`` (a trained pipeline, used only if installed) and ``code_interviewer``.

    Attributes
    ----------
    compiled_ : CompiledCodebook
        Set by :meth:`fit` (called by the first :meth:`predict`).
    """

    name = "rules"
    #: At most this many codes per segment (None: no limit). A respondent turn usually carries
    #: one or two concepts; see codebook/README.md, "How a segment gets its codes".
    max_codes: int | None = 3
    #: Keep only codes whose strength is at least this share of the segment's strongest code:
    #: a passing mention next to the turn's main topic is dropped. 0.6 raised agreement on both
    #: gold sets over 0.5 (codebook/README.md, "How a segment gets its codes").
    relative: float = 0.6

    def fit(self, segments=None, codings=None):
        """Compile the codebook's patterns (human ``codings`` are not used by this coder)."""
        from ..nlp import get_nlp

        nlp = get_nlp(getattr(self.config, "spacy_model", None))
        self.compiled_ = CompiledCodebook(self.codebook, nlp)
        self.is_fitted_ = True
        return self

    def _score(self, todo: pd.DataFrame, segments: pd.DataFrame) -> list[tuple]:
        nlp = self.compiled_.nlp
        texts = todo["text"].fillna("").astype(str).tolist()
        contexts = self._contexts(todo, segments) if self.compiled_.has_context else [None] * len(todo)
        context_docs = {}
        unique_contexts = sorted({c for c in contexts if c})
        for text, doc in zip(unique_contexts, nlp.pipe(unique_contexts, batch_size=256)):
            context_docs[text] = doc
        rows = []
        ids = zip(todo["doc_id"].astype(str), todo["segment_id"].astype(str))
        for (doc_id, seg_id), doc, ctx in zip(ids, nlp.pipe(texts, batch_size=256), contexts):
            for code_id, score, evidence in self.compiled_.code(
                    doc, context_docs.get(ctx), max_codes=self.max_codes, relative=self.relative):
                rows.append((doc_id, seg_id, code_id, score, evidence))
        return rows

    @staticmethod
    def _contexts(todo: pd.DataFrame, segments: pd.DataFrame) -> list[str | None]:
        """Text of the interviewer turn right before each segment's turn (None if there is none)."""
        if "turn_index" not in segments.columns or "role" not in segments.columns:
            return [None] * len(todo)
        interviewer = segments[segments["role"].astype(str) == "interviewer"]
        turn_text = (interviewer.sort_values(["doc_id", "segment_id"], kind="mergesort")
                     .groupby(["doc_id", "turn_index"], sort=True)["text"]
                     .apply(lambda s: " ".join(s.fillna("").astype(str))).to_dict())
        out = []
        for doc_id, turn, role in zip(todo["doc_id"], todo["turn_index"], todo["role"]):
            out.append(None if role == "interviewer" else turn_text.get((doc_id, int(turn) - 1)))
        return out

    def explain(self, text: str, context: str | None = None) -> pd.DataFrame:
        """Every rule that fires in ``text`` — for codebook authors checking a pattern.

        Returns
        -------
        DataFrame
            Columns ``code_id, kind, pattern, weight, evidence, excluded``, in text order.
        """
        if not getattr(self, "is_fitted_", False):
            self.fit()
        nlp = self.compiled_.nlp
        hits = self.compiled_.hits(nlp(text), nlp(context) if context else None)
        rows = [(self.compiled_.rules[h.rule].code_id, self.compiled_.rules[h.rule].kind,
                 self.compiled_.rules[h.rule].pattern, self.compiled_.rules[h.rule].weight,
                 h.evidence, h.excluded) for h in hits]
        return pd.DataFrame(rows, columns=["code_id", "kind", "pattern", "weight", "evidence", "excluded"])


def check_patterns(codebook) -> list[str]:
    """Problems compiling a codebook's patterns (empty when all compile).

    For ``regie codebook check``: each problem reads ``code_id: patterns.kind[i]: message``.
    """
    from ..nlp import get_nlp

    try:
        CompiledCodebook(codebook, get_nlp())
    except ConfigError as exc:
        return [line.strip() for line in str(exc).splitlines()[1:]]
    return []
