"""Allowed ranges for the relaxation sequence, shared by the file check and the plan."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    minimum: float
    maximum: float
    unit: str

    def __contains__(self, value: float) -> bool:
        return self.minimum <= value <= self.maximum

    def describe(self) -> str:
        return f"between {self.minimum:g} and {self.maximum:g} {self.unit}"


# Short, comfortable clenches. The rest after each is the part that teaches (clinical
# protocols give it 30-40 s), so it may run to a minute; the lower end stays at 5 s so
# timings saved by earlier versions remain valid.
CLENCH_SECONDS = Range(3, 10, "seconds")
RELEASE_SECONDS = Range(5, 60, "seconds")
CLOSING_MINUTES = Range(0, 10, "minutes")
LEAD_IN_SECONDS = Range(0, 120, "seconds")
EFFORT_PERCENT = Range(10, 100, "percent")
MAX_GROUPS = 20
MAX_EFFORTS_PER_GROUP = 4
MAX_NAME_CHARS = 60
MAX_TEXT_CHARS = 400
