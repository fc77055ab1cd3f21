"""Score a transcript reader against generated ground truth, and report per variant.

The measure is the acceptance criterion's: the share of ground-truth turns that come out with
the right role *and* the exact words (``" ".join(turn.text.split())``). Turns are aligned in
order; a turn the reader split or merged, or whose words or role differ, counts as wrong.
"""
from __future__ import annotations

import difflib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Sequence

from .generate import Case, TruthTurn


@dataclass
class Score:
    """How many ground-truth turns a reader got right in one file.

    Attributes
    ----------
    n_truth, n_read : int
        Turns generated / returned.
    correct : int
        Ground-truth turns matched, in order, by a returned turn with the same role *and* words.
    words_correct : int
        Same, ignoring the role (tells segmentation errors from role errors).
    problems : list of str
        The first few differences, human-readable.
    """

    n_truth: int
    n_read: int
    correct: int
    words_correct: int
    problems: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n_truth if self.n_truth else 1.0


def _short(text: str, n: int = 80) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _matched(want: list, got: list) -> int:
    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks())


def word_diff(want: str, got: str, context: int = 4) -> str:
    """The first place where two texts differ, word by word: ``…mis [–→] niemand…``."""
    a, b = want.split(), got.split()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            left = " ".join(a[max(0, i1 - context):i1])
            return f"…{left} [{' '.join(a[i1:i2])}→{' '.join(b[j1:j2])}] {' '.join(a[i2:i2 + context])}…"
    return ""


def score(truth: Sequence[TruthTurn], turns: Sequence, max_problems: int = 3) -> Score:
    """Align the turns a reader returned with the ground truth.

    Parameters
    ----------
    truth : sequence of TruthTurn
    turns : sequence of pipeline.model.Turn
        ``Document.turns`` (anything with ``speaker``, ``role`` and ``text``).
    max_problems : int
        How many differences to describe.

    Returns
    -------
    Score
        Matching uses difflib's longest matching blocks, so one split or merged turn costs
        the turns involved, not every later turn.
    """
    want = [(t.role, t.words) for t in truth]
    got = [(t.role, " ".join(t.text.split())) for t in turns]
    correct = _matched(want, got)
    words_correct = _matched([w for _, w in want], [w for _, w in got])
    problems: list[str] = []
    sm = difflib.SequenceMatcher(None, want, got, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal" or len(problems) >= max_problems:
            continue
        if tag == "replace" and i2 - i1 == 1 and j2 - j1 == 1 and want[i1][1] != got[j1][1]:
            problems.append(f"words of truth[{i1}] ({truth[i1].speaker}/{want[i1][0]}): "
                            f"{word_diff(want[i1][1], got[j1][1])}")
            continue
        w = " | ".join(f"{truth[i].speaker}/{want[i][0]}: {_short(want[i][1])!r}" for i in range(i1, min(i2, i1 + 2)))
        g = " | ".join(f"{turns[j].speaker}/{got[j][0]}: {_short(got[j][1])!r}" for j in range(j1, min(j2, j1 + 2)))
        problems.append(f"{tag} truth[{i1}:{i2}] {w or '-'}\n        read[{j1}:{j2}] {g or '-'}")
    return Score(len(want), len(got), correct, words_correct, problems)


@dataclass
class Result:
    """A case, what the reader made of it, and how long reading took."""

    case: Case
    score: Score
    seconds: float
    error: str = ""


def run_reader(cases: Sequence[Case], reader: Callable) -> list[Result]:
    """Read every case with ``reader(path) -> Document`` and score it.

    A reader that raises counts every turn of that file as wrong (the message is kept).
    """
    results = []
    for case in cases:
        t0 = time.perf_counter()
        try:
            doc = reader(case.path)
        except Exception as exc:  # noqa: BLE001 - a measurement: record, do not stop
            dt = time.perf_counter() - t0
            n = len(case.turns)
            results.append(Result(case, Score(n, 0, 0, 0, [f"{type(exc).__name__}: {exc}"]), dt,
                                  error=str(exc)))
            continue
        dt = time.perf_counter() - t0
        results.append(Result(case, score(case.turns, doc.turns), dt))
    return results


def totals(results: Sequence[Result]) -> tuple[int, int, int]:
    """``(turns, correct, words_correct)`` summed over ``results``."""
    return (sum(r.score.n_truth for r in results), sum(r.score.correct for r in results),
            sum(r.score.words_correct for r in results))


def accuracy(results: Sequence[Result]) -> float:
    n, c, _ = totals(results)
    return c / n if n else 1.0


def breakdown(results: Sequence[Result], key: Callable[[Result], str]) -> list[tuple[str, int, int, int, int, int]]:
    """Rows ``(group, files, files_perfect, turns, correct, words_correct)``, sorted by group."""
    groups: dict[str, list[Result]] = defaultdict(list)
    for r in results:
        groups[key(r)].append(r)
    rows = []
    for name in sorted(groups):
        rs = groups[name]
        n, c, w = totals(rs)
        rows.append((name, len(rs), sum(r.score.correct == r.score.n_truth for r in rs), n, c, w))
    return rows


def _table(title: str, rows) -> list[str]:
    out = [f"{title:<26} {'files':>5} {'perfect':>7} {'turns':>6} {'role+words':>10} {'words':>7}"]
    for name, files, perfect, n, c, w in rows:
        out.append(f"{name:<26} {files:>5} {perfect:>7} {n:>6} {c / n:>10.4f} {w / n:>7.4f}")
    return out


def report(results: Sequence[Result], max_failures: int = 12) -> str:
    """The accuracy overall, per variant, per label style and per timestamp style, then the
    first differences of the worst files."""
    n, c, w = totals(results)
    lines = [f"turn accuracy (right role and exact words): {c}/{n} = {c / n:.4f}   "
             f"(words only: {w / n:.4f}; {len(results)} files)", ""]
    lines += _table("variant", breakdown(results, lambda r: r.case.variant)) + [""]
    lines += _table("label style", breakdown(results, lambda r: r.case.label_style)) + [""]
    lines += _table("timestamps", breakdown(results, lambda r: r.case.timestamps)) + [""]
    bad = sorted((r for r in results if r.score.correct < r.score.n_truth),
                 key=lambda r: (r.score.accuracy, r.case.path.name))
    if bad:
        lines.append(f"{len(bad)} file(s) with wrong turns; worst first:")
    for r in bad[:max_failures]:
        s = r.score
        lines.append(f"  {r.case.path.name} [{r.case.label_style}, ts={r.case.timestamps}] "
                     f"{s.correct}/{s.n_truth} right, {s.n_read} read")
        lines += [f"      {p}" for p in s.problems]
    return "\n".join(lines)
