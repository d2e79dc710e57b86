"""The reminder's words: discreet, because a notification may show on a locked screen.

Nothing here names a condition or the body; the user may write their own line instead.
"""

from __future__ import annotations

import unicodedata

TITLE = "A quiet moment"
DEFAULT_LINE = "A quiet moment for slow breathing, if you'd like one."
NEUTRAL_LINES: tuple[str, ...] = (
    DEFAULT_LINE,
    "A few slow breaths are here whenever you want them.",
    "Time for a gentle pause, if it suits you.",
    "Breathe in softly, and let a long breath out.",
)
START_ACTION = "start-breathing"
START_LABEL = "Start breathing"
NOT_TODAY_ACTION = "not-today"
NOT_TODAY_LABEL = "Not today"
MAX_TEXT_LENGTH = 120
EXPIRE_SECONDS = 120  # the note fades on its own; it is never shown again


class ReminderTextError(ValueError):
    pass


def check_text(text: str) -> str:
    """The user's own line, trimmed; refused if empty, too long or holding control characters."""
    line = text.strip()
    if not line:
        raise ReminderTextError("The reminder needs a few words.")
    if len(line) > MAX_TEXT_LENGTH:
        raise ReminderTextError(f"The reminder can be up to {MAX_TEXT_LENGTH} characters long.")
    # Cc: control characters (new lines, escapes); Cf: invisible formatting such as
    # direction overrides, which could make a line read differently from what was typed.
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in line):
        raise ReminderTextError("The reminder can only hold ordinary, visible characters.")
    return line
