"""The usual breathing practice: the pattern and length chosen in Preferences.

One rule for the window's home page, its breathing page and ``pacer breathe``: a saved
choice names a built-in pattern (``preset:<key>``) or one of yours (``custom:<name>``); one
that no longer exists falls back to the default built-in pattern.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from pacer.core.breathing.library import read_saved_patterns
from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.breathing.presets import DEFAULT_PRESET_KEY, preset_by_key
from pacer.core.preferences import Preferences
from pacer.core.settings_file import load_preferences


def resolve_pattern(ref: str, custom: Mapping[str, BreathPattern]) -> tuple[str, BreathPattern]:
    """The name and pattern a saved choice refers to."""
    kind, _, key = ref.partition(":")
    if kind == "custom" and (pattern := custom.get(key)) is not None:
        return key, pattern
    preset = preset_by_key(key) if kind == "preset" else None
    preset = preset or preset_by_key(DEFAULT_PRESET_KEY)
    assert preset is not None  # the default key is always a built-in pattern
    return preset.name, preset.pattern


def usual_plan(preferences: Preferences, custom: Mapping[str, BreathPattern]) -> BreathingPlan:
    name, pattern = resolve_pattern(preferences.pattern, custom)
    return BreathingPlan(pattern, preferences.session_minutes, name)


def load_usual_plan(data_dir: Path) -> BreathingPlan:
    """The usual practice as saved in ``data_dir``, read without changing any file there."""
    preferences, _problems = load_preferences(data_dir)  # the window tells about problems
    return usual_plan(preferences, read_saved_patterns(data_dir))
