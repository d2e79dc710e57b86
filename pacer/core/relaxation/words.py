"""The plain words shown (and read out to screen readers) for a relaxation snapshot.

Kept out of the widgets so the view only draws, and so the same words can be tested
without a display.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pacer.core.relaxation.timeline import RelaxationSnapshot, Stage, Step

KEEP_BREATHING = "Keep breathing slowly"
FINISHED_TEXT = "That is the whole sequence. Stay and rest for as long as you like."
_EFFORTS = {100: "full effort", 50: "half effort"}


def effort_words(effort: int) -> str:
    return _EFFORTS.get(effort, f"{effort} % effort")


def step_heading(step: Step | None) -> str:
    if step is None:
        return "Rest as long as you like"
    return {
        Stage.LEAD_IN: "Settle in",
        Stage.CLENCH: "Clench",
        Stage.RELEASE: "Let go",
        Stage.CLOSING: "Slow belly breathing",
    }[step.stage]


def effort_line(step: Step | None) -> str:
    """Under the heading: the effort while clenching, the invitation to notice while resting."""
    if step is None or step.effort is None:
        return ""
    if step.stage is Stage.CLENCH:
        return effort_words(step.effort)
    return "rest and notice"


def next_words(step: Step | None) -> str:
    if step is None:
        return "Next: rest for as long as you like"
    if step.stage is Stage.CLENCH and step.group is not None and step.effort is not None:
        return f"Next: {step.group.name}, {effort_words(step.effort)}"
    if step.stage is Stage.RELEASE:
        return "Next: let go and rest"
    if step.stage is Stage.CLOSING:
        return "Next: slow belly breathing"
    return ""


def countdown_text(seconds_left: float) -> str:
    """Whole seconds, rounded up, so it never shows 0 while the step is still running."""
    return str(max(math.ceil(seconds_left - 1e-6), 0))


def minutes_text(seconds: float) -> str:
    whole = max(math.ceil(seconds - 1e-6), 0)
    return f"{whole // 60}:{whole % 60:02d}"


def _countdown(snapshot: RelaxationSnapshot) -> str:
    if snapshot.step is None:
        return ""
    if snapshot.step_duration > 60:  # the closing breathing: minutes read more calmly
        return minutes_text(snapshot.step_remaining)
    return countdown_text(snapshot.step_remaining)


@dataclass(frozen=True)
class SnapshotWords:
    where: str  # "Feet · 1 of 5"
    heading: str
    effort: str
    instruction: str
    countdown: str
    next: str
    remaining: str  # "4:35 left"
    spoken: str  # one sentence for screen readers; changes only when the step changes


def describe(snapshot: RelaxationSnapshot) -> SnapshotWords:
    step = snapshot.step
    where = ""
    if step is not None and step.group is not None and step.group_index is not None:
        where = f"{step.group.name} · {step.group_index + 1} of {snapshot.group_count}"
    heading = step_heading(step)
    effort = effort_line(step)
    instruction = FINISHED_TEXT if step is None else step.instruction
    following = "" if snapshot.finished else next_words(snapshot.next_step)
    parts = [p for p in (where.replace(" · ", ", group "), heading, effort) if p]
    spoken = ". ".join(part[0].upper() + part[1:] for part in parts) + ". " + instruction
    return SnapshotWords(
        where=where,
        heading=heading,
        effort=effort,
        instruction=instruction,
        countdown=_countdown(snapshot),
        next=following,
        remaining="" if step is None else f"{minutes_text(snapshot.remaining)} left",
        spoken=spoken,
    )
