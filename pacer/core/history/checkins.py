"""The before/after check-in in the history: one pair of points per session, one sentence.

What a clinician reads progress from is the change *within* a session, so the pairs are
never joined across sessions or days, and the sentence speaks of medians over the sessions
where both answers were given. No comparison between weeks, no arrow, no target: if the
tension did not ease, the sentence says what was noted and nothing more.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pacer.core.practice_log.records import TENSION_RANGE, SessionRecord

if TYPE_CHECKING:
    import numpy as np  # loaded when check-ins are gathered, never at start-up (issue 15)

# Below this many sessions with both answers, a median would say more than it knows.
PAIRS_FOR_A_SENTENCE = 3


def tension(value: object) -> int | None:
    """A check-in answer the history can draw (0 to 10), or None."""
    if type(value) is int and TENSION_RANGE.start <= value < TENSION_RANGE.stop:  # not bool
        return value
    return None


def _about(value: float) -> int:
    return math.floor(value + 0.5)  # halves go up, as people round


def change_sentence(pairs: Sequence[tuple[int, int]]) -> str | None:
    """One neutral sentence about (before, after) answers of whole sessions."""
    if not pairs:
        return None
    if len(pairs) < PAIRS_FOR_A_SENTENCE:
        sessions = "1 session" if len(pairs) == 1 else f"{len(pairs)} sessions"
        return f"You checked in before and after {sessions}; each shows here as a pair of points."
    import statistics  # ~8 ms to load; the window imports this module at start (issue 15)

    before = _about(statistics.median(b for b, _ in pairs))
    after = _about(statistics.median(a for _, a in pairs))
    if after < before:
        return (
            f"On days you checked in, tension eased from about {before} to about {after} "
            "during practice."
        )
    if after == before:
        return f"On days you checked in, tension stayed at about {before} during practice."
    return (
        f"On days you checked in, tension was about {before} before practice "
        f"and about {after} after it."
    )


@dataclass(frozen=True)
class CheckIns:
    """Sessions with at least one answer, in time order; NaN where one was skipped."""

    x: np.ndarray  # each session's start, Unix seconds
    before: np.ndarray
    after: np.ndarray
    # One short vertical segment per session with both answers, drawn with pyqtgraph's
    # connect="pairs": x0, x0, x1, x1, … and before0, after0, before1, after1, …
    segment_x: np.ndarray
    segment_y: np.ndarray
    sentence: str | None

    @property
    def count(self) -> int:
        return int(self.x.size)

    @property
    def pairs(self) -> int:
        return int(self.segment_x.size // 2)


def check_ins(
    records: Iterable[SessionRecord], *, starts: Sequence[float] | None = None
) -> CheckIns:
    """The check-ins of ``records``. With ``starts`` (their Unix start times, already in
    time order) nothing is computed twice."""
    import numpy as np  # the window imports this module at start; numpy is slow to load

    records = list(records)
    if starts is None:
        records.sort(key=lambda r: r.started_at.timestamp())
        starts = [r.started_at.timestamp() for r in records]
    x: list[float] = []
    before: list[float] = []
    after: list[float] = []
    pairs: list[tuple[int, int]] = []
    paired_x: list[float] = []
    for start, record in zip(starts, records, strict=True):
        b, a = tension(record.tension_before), tension(record.tension_after)
        if b is None and a is None:
            continue
        x.append(start)
        before.append(math.nan if b is None else float(b))
        after.append(math.nan if a is None else float(a))
        if b is not None and a is not None:
            pairs.append((b, a))
            paired_x.append(start)
    return CheckIns(
        x=np.array(x, dtype=float),
        before=np.array(before, dtype=float),
        after=np.array(after, dtype=float),
        segment_x=np.repeat(np.array(paired_x, dtype=float), 2),
        segment_y=np.array([v for pair in pairs for v in pair], dtype=float),
        sentence=change_sentence(pairs),
    )
