"""How values from a session record are written as text in exports."""

from __future__ import annotations

import math
from datetime import datetime


def format_timestamp(moment: datetime | None, *, timespec: str = "auto") -> str:
    """ISO 8601 with the UTC offset the session was recorded in, or ``""``."""
    return "" if moment is None else moment.isoformat(timespec=timespec)


def format_seconds(value: float | None) -> str:
    """A plain decimal number of seconds: ``600``, ``612.5``; ``""`` for none."""
    if value is None or not math.isfinite(value):
        return ""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text
