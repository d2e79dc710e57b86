"""A relaxation session as asked for: which sequence, which groups, how long each step."""

from __future__ import annotations

import math
from dataclasses import dataclass

from pacer.core.breathing.pattern import BreathPattern
from pacer.core.relaxation import limits
from pacer.core.relaxation.limits import Range
from pacer.core.relaxation.sequence import MuscleGroup, RelaxationScript, load_default_script

DEFAULT_CLOSING_PATTERN = BreathPattern(inhale=4, exhale=6)


class PlanError(ValueError):
    """A setting outside its range; ``field`` names the setting, the message is for the user."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _check(field: str, label: str, value: float, allowed: Range) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise PlanError(field, f"{label} must be a number (got {value!r})")
    if not math.isfinite(value) or value not in allowed:
        raise PlanError(field, f"{label} must be {allowed.describe()} (got {value:g})")
    return float(value)


@dataclass(frozen=True)
class RelaxationPlan:
    """Timings left as ``None`` take the sequence file's defaults; ``enabled_groups`` None: all.

    The closing pattern also paces the small breathing guide that runs under the whole
    sequence: the user keeps breathing slowly all the way through.
    """

    script: RelaxationScript
    clench_seconds: float | None = None
    release_seconds: float | None = None
    closing_minutes: float | None = None
    enabled_groups: tuple[str, ...] | None = None
    closing_pattern: BreathPattern = DEFAULT_CLOSING_PATTERN

    def __post_init__(self) -> None:
        script = self.script
        values = {
            "clench_seconds": ("clench time", script.clench_seconds, limits.CLENCH_SECONDS),
            "release_seconds": ("rest time", script.release_seconds, limits.RELEASE_SECONDS),
            "closing_minutes": (
                "closing breathing",
                script.closing_minutes,
                limits.CLOSING_MINUTES,
            ),
        }
        for field, (label, default, allowed) in values.items():
            given = getattr(self, field)
            value = default if given is None else given
            object.__setattr__(self, field, _check(field, label, value, allowed))

        if self.enabled_groups is None:
            keys = script.group_keys
        else:
            if isinstance(self.enabled_groups, str):
                raise PlanError("enabled_groups", "enabled groups must be a list of group keys")
            wanted = tuple(self.enabled_groups)
            unknown = [key for key in wanted if script.group(key) is None]
            if unknown:
                raise PlanError(
                    "enabled_groups",
                    f"no group called {unknown[0]!r} in this sequence "
                    f"(its groups are: {', '.join(script.group_keys)})",
                )
            keys = tuple(key for key in script.group_keys if key in wanted)  # sequence order
        if not keys:
            raise PlanError("enabled_groups", "at least one muscle group needs to stay switched on")
        object.__setattr__(self, "enabled_groups", keys)
        if not isinstance(self.closing_pattern, BreathPattern):
            raise PlanError("closing_pattern", "the closing breathing needs a breathing pattern")

    @classmethod
    def default(cls) -> RelaxationPlan:
        return cls(load_default_script())

    @property
    def groups(self) -> tuple[MuscleGroup, ...]:
        """The groups that are switched on, in the sequence's order."""
        enabled = set(self.enabled_groups or ())
        return tuple(group for group in self.script.groups if group.key in enabled)

    # The timings, once resolved against the sequence's defaults (always, after __init__).
    @property
    def clench(self) -> float:
        assert self.clench_seconds is not None
        return self.clench_seconds

    @property
    def release(self) -> float:
        assert self.release_seconds is not None
        return self.release_seconds

    @property
    def closing(self) -> float:
        assert self.closing_minutes is not None
        return self.closing_minutes

    @property
    def skipped_groups(self) -> tuple[str, ...]:
        """The sequence's groups left out this time, in the sequence's order."""
        enabled = set(self.enabled_groups or ())
        return tuple(key for key in self.script.group_keys if key not in enabled)

    @property
    def closing_seconds(self) -> float:
        return self.closing * 60.0
