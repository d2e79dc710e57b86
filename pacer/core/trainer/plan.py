"""A trainer practice as asked for: the breathing pattern and how long each part lasts.

There is deliberately nothing here about sizes or depths: the practice is paced by the
breath and follows the person's clinician's plan, never a number to reach.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.plan import SESSION_MINUTES_RANGE
from pacer.core.breathing.presets import DEFAULT_PRESET_KEY, preset_by_key

WARMUP_MINUTES_RANGE = (0.0, 10.0)
DEFAULT_WARMUP_MINUTES = 3.0
PRACTICE_MINUTES_RANGE = SESSION_MINUTES_RANGE  # the same as a breathing session's length
DEFAULT_PRACTICE_MINUTES = 10.0
CLOSING_MINUTES = 1.0


class TrainerPlanError(ValueError):
    """A setting outside its range; ``field`` names it, the message is for the user."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _check(field: str, label: str, value: float, allowed: tuple[float, float]) -> float:
    low, high = allowed
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TrainerPlanError(field, f"{label} must be a number (got {value!r})")
    if not (math.isfinite(value) and low <= value <= high):
        raise TrainerPlanError(
            field, f"{label} must be between {low:g} and {high:g} minutes (got {value:g})"
        )
    return float(value)


def default_pattern() -> BreathPattern:
    preset = preset_by_key(DEFAULT_PRESET_KEY)
    return preset.pattern if preset is not None else BreathPattern(inhale=4, exhale=6)


@dataclass(frozen=True)
class TrainerPlan:
    """Settle for ``warmup_minutes`` (0 for none), practise for ``practice_minutes``, then
    one minute of closing breaths; every part is rounded up to whole breaths."""

    pattern: BreathPattern
    warmup_minutes: float = DEFAULT_WARMUP_MINUTES
    practice_minutes: float = DEFAULT_PRACTICE_MINUTES
    pattern_name: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.pattern, BreathPattern):
            raise TrainerPlanError("pattern", "the practice needs a breathing pattern")
        warmup = _check("warmup_minutes", "warm-up", self.warmup_minutes, WARMUP_MINUTES_RANGE)
        practice = _check(
            "practice_minutes", "practice length", self.practice_minutes, PRACTICE_MINUTES_RANGE
        )
        object.__setattr__(self, "warmup_minutes", warmup)
        object.__setattr__(self, "practice_minutes", practice)

    @classmethod
    def default(cls) -> TrainerPlan:
        return cls(default_pattern())

    @property
    def closing_minutes(self) -> float:
        return CLOSING_MINUTES

    @property
    def warmup_seconds(self) -> float:
        return self.warmup_minutes * 60.0

    @property
    def practice_seconds(self) -> float:
        return self.practice_minutes * 60.0

    @property
    def closing_seconds(self) -> float:
        return CLOSING_MINUTES * 60.0
