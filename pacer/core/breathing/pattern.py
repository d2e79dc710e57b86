"""A breathing pattern: inhale, optional hold, exhale, optional rest — validated."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Phase(StrEnum):
    INHALE = "inhale"
    HOLD = "hold"
    EXHALE = "exhale"
    REST = "rest"


@dataclass(frozen=True)
class Bounds:
    minimum: float
    maximum: float


# Slow, gentle breathing only: nobody should be paced into over-breathing or straining.
PHASE_BOUNDS: dict[Phase, Bounds] = {
    Phase.INHALE: Bounds(2.0, 10.0),
    Phase.HOLD: Bounds(0.0, 10.0),
    Phase.EXHALE: Bounds(2.0, 20.0),
    Phase.REST: Bounds(0.0, 10.0),
}


class PatternError(ValueError):
    """A phase length outside its allowed range; the message is shown to the user as is."""

    def __init__(self, phase: Phase, value: float, bounds: Bounds) -> None:
        self.phase = phase
        self.value = value
        self.bounds = bounds
        super().__init__(
            f"{phase.value} must be between {bounds.minimum:g} and {bounds.maximum:g} seconds "
            f"(got {value:g})"
        )


@dataclass(frozen=True, kw_only=True)
class BreathPattern:
    inhale: float
    hold: float = 0.0
    exhale: float
    rest: float = 0.0

    def __post_init__(self) -> None:
        for phase, value in self.durations().items():
            bounds = PHASE_BOUNDS[phase]
            if not math.isfinite(value) or not bounds.minimum <= value <= bounds.maximum:
                raise PatternError(phase, value, bounds)

    def durations(self) -> dict[Phase, float]:
        return {
            Phase.INHALE: float(self.inhale),
            Phase.HOLD: float(self.hold),
            Phase.EXHALE: float(self.exhale),
            Phase.REST: float(self.rest),
        }

    def phases(self) -> list[tuple[Phase, float]]:
        """The phases of one breath in order, leaving out those of zero length."""
        return [(phase, length) for phase, length in self.durations().items() if length > 0]

    @property
    def cycle_seconds(self) -> float:
        return self.inhale + self.hold + self.exhale + self.rest

    @property
    def breaths_per_minute(self) -> float:
        return 60.0 / self.cycle_seconds

    def describe(self) -> str:
        """Short plain form such as ``4 in · 6 out`` or ``4 in · 1 hold · 6 out · 2 rest``."""
        from pacer.core.breathing.wording import pattern_phrase  # wording imports Phase from here

        return pattern_phrase(self.inhale, self.hold, self.exhale, self.rest)

    def to_dict(self) -> dict[str, float]:
        return {"inhale": self.inhale, "hold": self.hold, "exhale": self.exhale, "rest": self.rest}

    @classmethod
    def from_dict(cls, data: dict[str, float]) -> BreathPattern:
        return cls(
            inhale=float(data["inhale"]),
            hold=float(data.get("hold", 0.0)),
            exhale=float(data["exhale"]),
            rest=float(data.get("rest", 0.0)),
        )
