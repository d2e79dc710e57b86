"""When what a practice shows will next look different, so the window can rest until then.

The window's frame timer used to wake at the display rate all session long, although the
figure moves a visible half pixel only now and then, and during a hold or a rest not at all
(issue 15). Everything on the practice surface is a pure function of practised time, so the
next visible change can be worked out instead of polled for: a countdown shown in whole
seconds changes when the next second is reached, a quantity shown in steps when it crosses
the next step. These helpers answer "in how many practised seconds"; ``math.inf`` means not
by itself (something else, like the end of the phase, will come first).
"""

from __future__ import annotations

import math


def until_whole_second(seconds_left: float | None) -> float:
    """Seconds until a countdown shown in whole seconds, rounded up, shows another number."""
    if seconds_left is None or seconds_left <= 0:
        return math.inf
    return seconds_left - (math.ceil(seconds_left) - 1)


def until_linear_step(value: float, rate: float, steps: int) -> float:
    """Seconds until ``round(value * steps)`` changes, for a value growing at ``rate`` a second."""
    if rate <= 0 or steps <= 0:
        return math.inf
    boundary = (step_index(value, steps) + 0.5) / steps
    return max(boundary - value, 0.0) / rate


def step_index(value: float, steps: float) -> int:
    """``value`` shown in ``steps`` steps: the nearest step (halves round up, consistently)."""
    return math.floor(value * steps + 0.5)


def next_step_boundary(value: float, rising: bool, steps: float) -> float | None:
    """The next value at which :func:`step_index` changes, going up or down."""
    if steps <= 0:
        return None
    index = step_index(value, steps)
    return (index + 0.5) / steps if rising else (index - 0.5) / steps
