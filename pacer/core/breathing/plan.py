"""A breathing session as asked for: which pattern, for how long."""

from __future__ import annotations

from dataclasses import dataclass

from pacer.core.breathing.pattern import BreathPattern

SESSION_MINUTES_RANGE = (0.5, 120.0)


@dataclass(frozen=True)
class BreathingPlan:
    pattern: BreathPattern
    minutes: float | None = 10.0  # None: open-ended
    pattern_name: str = ""

    def __post_init__(self) -> None:
        low, high = SESSION_MINUTES_RANGE
        if self.minutes is not None and not low <= self.minutes <= high:
            raise ValueError(
                f"session length must be between {low:g} and {high:g} minutes (got {self.minutes:g})"
            )

    @property
    def length_seconds(self) -> float | None:
        return None if self.minutes is None else self.minutes * 60.0
