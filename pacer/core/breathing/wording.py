"""The words shown for each phase: few, large and kind, readable from across a room."""

from __future__ import annotations

from dataclasses import dataclass

from pacer.core.breathing.pattern import Phase


@dataclass(frozen=True)
class PhaseWords:
    title: str  # the big word
    hint: str  # the quiet line beneath it
    announcement: str  # what a screen reader says at the phase change


PHASE_WORDS: dict[Phase, PhaseWords] = {
    Phase.INHALE: PhaseWords(
        "Breathe in", "gently through your nose, belly rising", "Breathe in, belly rises"
    ),
    Phase.HOLD: PhaseWords("Stay soft", "a moment at the top, no effort", "Stay soft"),
    Phase.EXHALE: PhaseWords(
        "Slowly out… let go", "belly falling, soften everything", "Slowly out, let go"
    ),
    Phase.REST: PhaseWords("Rest", "nothing to do until the next breath", "Rest"),
}


def pattern_phrase(inhale: float, hold: float, exhale: float, rest: float) -> str:
    """``4 in · 6 out`` or ``4 in · 1 hold · 6 out · 2 rest``: the one way a pattern is written."""
    parts = [f"{inhale:g} in"]
    if hold:
        parts.append(f"{hold:g} hold")
    parts.append(f"{exhale:g} out")
    if rest:
        parts.append(f"{rest:g} rest")
    return " · ".join(parts)


def duration_phrase(seconds: float) -> str:
    """'40 seconds', 'about a minute', 'about 12 minutes' — unfussy, no decimals."""
    if seconds < 60:
        return f"{round(seconds)} seconds"
    if seconds < 90:
        return "about a minute"
    return f"about {round(seconds / 60)} minutes"


def summary_sentence(practised_seconds: float, breaths: int, completed: bool) -> str:
    """A kind, factual line after a session; no verdict either way."""
    duration = duration_phrase(practised_seconds)
    opener = "You breathed slowly" if completed else "You took some time to breathe slowly"
    if breaths < 1:
        return f"{opener} for {duration}."
    breath_word = "breath" if breaths == 1 else "breaths"
    return f"{opener} for {duration} — {breaths} unhurried {breath_word}."
