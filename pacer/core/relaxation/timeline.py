"""What is happening at any moment of a relaxation sequence, as a pure function of time.

The sequence is a list of steps laid end to end: a settling-in lead-in, then for each
switched-on group a clench and a rest per effort (100 %, then 50 %), then slow belly
breathing to close. A breathing timeline runs under the whole of it, because the user
keeps breathing slowly all the way through; the closing breathing is simply the part
where that breath becomes the whole practice.

So the closing breathing starts at the beginning of an in-breath, the lead-in is
lengthened by up to one breath; and like a breathing session the sequence closes after a
complete out-breath. ``total_seconds`` is therefore known before anything starts.

Pausing and resuming belong to :class:`pacer.core.session_clock.SessionClock`: the
timeline only ever answers "what is happening after this many practised seconds".

Heard with eyes closed (``cue_events_between``), the soft in- and out-breath cues run
through the whole sequence, like the breath itself; beneath them, each clench begins with
a rising cue (two notes for a full effort, one for a lighter one), each rest with a lower,
longer "let go", and a quiet bell sounds ``GROUP_MARKER_LEAD`` seconds before each group's
first clench, so the next group never arrives unannounced.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from pacer.core.audio.cues import Cue
from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.timeline import BreathingTimeline, BreathSnapshot
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import MuscleGroup

_EPSILON = 1e-9
GROUP_MARKER_LEAD = 2.5  # seconds between the new-group bell and that group's first clench
FULL_EFFORT_FROM = 75  # percent: from here on a clench gets the two-note "full effort" cue


class Stage(StrEnum):
    LEAD_IN = "lead_in"
    CLENCH = "clench"
    RELEASE = "release"
    CLOSING = "closing"
    FINISHED = "finished"


@dataclass(frozen=True)
class Step:
    index: int
    stage: Stage
    start: float
    duration: float
    instruction: str
    group: MuscleGroup | None = None
    group_index: int | None = None  # position among the switched-on groups, from 0
    effort: int | None = None  # percent; a rest carries the effort of the clench it follows
    round_index: int | None = None  # which of the group's efforts, from 0

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass(frozen=True)
class RelaxationSnapshot:
    elapsed: float
    total: float
    stage: Stage
    step: Step | None  # None once finished
    next_step: Step | None
    step_elapsed: float
    group_count: int
    belly: float  # the steady breath under the whole sequence, 0 (low) .. 1 (risen)
    breath_phase: Phase
    breath: BreathSnapshot | None  # the closing breathing, timed from its own start
    breathing: BreathSnapshot  # the slow breath that runs under every step

    @property
    def finished(self) -> bool:
        return self.stage is Stage.FINISHED

    @property
    def group(self) -> MuscleGroup | None:
        return None if self.step is None else self.step.group

    @property
    def group_index(self) -> int | None:
        return None if self.step is None else self.step.group_index

    @property
    def effort(self) -> int | None:
        return None if self.step is None else self.step.effort

    @property
    def step_duration(self) -> float:
        return 0.0 if self.step is None else self.step.duration

    @property
    def step_remaining(self) -> float:
        return max(self.step_duration - self.step_elapsed, 0.0)

    @property
    def step_progress(self) -> float:
        duration = self.step_duration
        return 1.0 if duration <= 0 else min(self.step_elapsed / duration, 1.0)

    @property
    def remaining(self) -> float:
        return max(self.total - self.elapsed, 0.0)

    @property
    def progress(self) -> float:
        return min(self.elapsed / self.total, 1.0)


_PHASE_CUES = {Phase.INHALE: Cue.INHALE, Phase.EXHALE: Cue.EXHALE}


def clench_cue(effort: int) -> Cue:
    """The "clench now" cue for an effort: two rising notes when full, one when lighter."""
    return Cue.CLENCH_FULL if effort >= FULL_EFFORT_FROM else Cue.CLENCH_HALF


class RelaxationTimeline:
    """A :class:`RelaxationPlan` laid out in time; also a ``CueSource`` for the audio side."""

    def __init__(self, plan: RelaxationPlan) -> None:
        self.plan = plan
        script = plan.script
        pattern = plan.closing_pattern
        cycle = pattern.cycle_seconds
        clench = plan.clench
        release = plan.release
        groups = plan.groups
        body = sum(len(group.efforts) for group in groups) * (clench + release)

        lead_in = script.lead_in_seconds
        closing = plan.closing_seconds
        if closing > 0:
            breaths_before_closing = math.ceil((lead_in + body) / cycle - _EPSILON)
            closing_start = breaths_before_closing * cycle
            lead_in = closing_start - body
            self._breathing = BreathingTimeline(pattern, closing_start + closing)
            breathing_total = self._breathing.total_seconds
            assert breathing_total is not None  # a timed breathing timeline
            total = breathing_total
        else:
            breaths_before_closing = 0
            closing_start = lead_in + body
            self._breathing = BreathingTimeline(pattern, None)
            total = closing_start
        self._breaths_before_closing = breaths_before_closing
        self.lead_in_seconds = lead_in
        self.closing_start = closing_start
        self.total_seconds = total

        steps: list[Step] = []

        def add(
            stage: Stage, start: float, duration: float, instruction: str, **where: Any
        ) -> float:
            if duration > _EPSILON:
                steps.append(Step(len(steps), stage, start, duration, instruction, **where))
            return start + duration

        at = add(Stage.LEAD_IN, 0.0, lead_in, script.lead_in_text)
        clench_words = script.clench_text
        for group_index, group in enumerate(groups):
            for round_index, effort in enumerate(group.efforts):
                where = {
                    "group": group,
                    "group_index": group_index,
                    "effort": effort,
                    "round_index": round_index,
                }
                at = add(Stage.CLENCH, at, clench, f"{group.instruction} {clench_words}", **where)
                at = add(Stage.RELEASE, at, release, script.release_text, **where)
        add(Stage.CLOSING, closing_start, total - closing_start, script.closing_text)
        self.steps: tuple[Step, ...] = tuple(steps)
        self._starts = [step.start for step in steps]
        self.group_count = len(groups)
        self.step_cues: tuple[tuple[float, Cue], ...] = self._step_cues()
        self._step_cue_times = [t for t, _ in self.step_cues]

    def _step_cues(self) -> tuple[tuple[float, Cue], ...]:
        """Clench, let go and new-group cues, in time order (the breath comes on top)."""
        events: list[tuple[float, Cue]] = []
        for step in self.steps:
            if step.stage is Stage.CLENCH and step.effort is not None:
                if step.round_index == 0 and step.start >= GROUP_MARKER_LEAD - _EPSILON:
                    events.append((step.start - GROUP_MARKER_LEAD, Cue.GROUP))
                events.append((step.start, clench_cue(step.effort)))
            elif step.stage is Stage.RELEASE:
                events.append((step.start, Cue.RELEASE))
        events.sort(key=lambda event: event[0])
        return tuple(events)

    # --- what is happening ----------------------------------------------------------

    def step_at(self, elapsed: float) -> Step | None:
        if elapsed >= self.total_seconds:
            return None
        index = max(bisect.bisect_right(self._starts, elapsed) - 1, 0)
        return self.steps[index]

    def snapshot(self, elapsed: float) -> RelaxationSnapshot:
        elapsed = min(max(float(elapsed), 0.0), self.total_seconds)
        step = self.step_at(elapsed)
        under = self._breathing.snapshot(elapsed)
        if step is None:
            stage = Stage.FINISHED
            next_step = None
            step_elapsed = 0.0
            closing = self.plan.closing_seconds > 0
        else:
            stage = step.stage
            following = step.index + 1
            next_step = self.steps[following] if following < len(self.steps) else None
            step_elapsed = elapsed - step.start
            closing = stage is Stage.CLOSING
        breath = None
        if closing:
            breath = replace(
                under,
                elapsed=elapsed - self.closing_start,
                breath_index=under.breath_index - self._breaths_before_closing,
            )
        return RelaxationSnapshot(
            elapsed=elapsed,
            total=self.total_seconds,
            stage=stage,
            step=step,
            next_step=next_step,
            step_elapsed=step_elapsed,
            group_count=self.group_count,
            belly=under.belly,
            breath_phase=under.phase,
            breath=breath,
            breathing=under,
        )

    # --- CueSource ----------------------------------------------------------------

    def belly_at(self, elapsed: float) -> float:
        elapsed = min(max(float(elapsed), 0.0), self.total_seconds)
        return self._breathing.snapshot(elapsed).belly

    def cue_events_between(self, start: float, end: float) -> list[tuple[float, Cue]]:
        """Every cue with onset ``start <= t < end``: the in- and out-breaths all the way
        through, clench, let go and new-group cues along the sequence, and the end."""
        events: list[tuple[float, Cue]] = []
        total = self.total_seconds
        if end <= start:
            return events
        first = bisect.bisect_left(self._step_cue_times, start)
        last = bisect.bisect_left(self._step_cue_times, end)
        events.extend(self.step_cues[first:last])
        for onset, phase in self._breathing.phase_starts_between(start, min(end, total)):
            cue = _PHASE_CUES.get(phase)
            if cue is not None:
                events.append((onset, cue))
        if start <= total < end:
            events.append((total, Cue.END))
        events.sort(key=lambda event: event[0])
        return events
