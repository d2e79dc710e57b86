"""Built-in patterns. Every one has a longer out-breath than in-breath.

Relaxation breathing commonly sits around 5–7 breaths a minute with the exhale 1.5–2×
the inhale; the gentle preset exists for anyone who finds slower pacing a strain.
"""

from __future__ import annotations

from dataclasses import dataclass

from pacer.core.breathing.pattern import BreathPattern


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    pattern: BreathPattern
    summary: str


PRESETS: tuple[Preset, ...] = (
    Preset("calm", "Calm", BreathPattern(inhale=4, exhale=6), "4 in, 6 out — six breaths a minute"),
    Preset(
        "gentle",
        "Gentle",
        BreathPattern(inhale=3, exhale=5),
        "3 in, 5 out — a lighter, easier pace",
    ),
    Preset(
        "long-out",
        "Long out-breath",
        BreathPattern(inhale=4, exhale=8),
        "4 in, 8 out — five a minute",
    ),
    Preset(
        "slow",
        "Slow and even",
        BreathPattern(inhale=4.4, exhale=6.5),
        "4.4 in, 6.5 out — about 5.5 breaths a minute",
    ),
    Preset(
        "soft-pause",
        "Soft pause",
        BreathPattern(inhale=4, exhale=7, rest=1),
        "4 in, 7 out, a short rest before the next breath",
    ),
)

DEFAULT_PRESET_KEY = "calm"


def preset_by_key(key: str) -> Preset | None:
    return next((preset for preset in PRESETS if preset.key == key), None)
