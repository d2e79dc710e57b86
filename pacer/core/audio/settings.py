"""What the user chose about sound; plain data the window persists between runs."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from pacer.core.audio.levels import DEFAULT_VOLUME_DB, VOLUME_RANGE_DB


class VolumeError(ValueError):
    """A volume outside the allowed range; the message is shown to the user as is."""

    def __init__(self, value: float) -> None:
        low, high = VOLUME_RANGE_DB
        self.value = value
        super().__init__(f"volume must be between {low:g} and {high:g} dB (got {value:g})")


def check_volume_db(value: float) -> float:
    low, high = VOLUME_RANGE_DB
    if not math.isfinite(value) or not low <= value <= high:
        raise VolumeError(value)
    return float(value)


@dataclass(frozen=True)
class AudioSettings:
    enabled: bool = False  # sound is optional and off until the user turns it on
    volume_db: float = DEFAULT_VOLUME_DB
    breath_tone: bool = False  # a continuous tone following the belly, instead of only cues
    cues: bool = True
    device: str | None = None  # output device name; None: the system default

    def __post_init__(self) -> None:
        check_volume_db(self.volume_db)

    def with_changes(self, **changes: Any) -> AudioSettings:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "enabled": self.enabled,
            "volume_db": self.volume_db,
            "breath_tone": self.breath_tone,
            "cues": self.cues,
            "device": self.device,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AudioSettings:
        """Lenient: unknown or damaged values fall back to the defaults."""
        default = cls()
        volume = data.get("volume_db", default.volume_db)
        try:
            volume = check_volume_db(float(volume))
        except (TypeError, ValueError):
            volume = default.volume_db
        device = data.get("device")
        return cls(
            enabled=bool(data.get("enabled", default.enabled)),
            volume_db=volume,
            breath_tone=bool(data.get("breath_tone", default.breath_tone)),
            cues=bool(data.get("cues", default.cues)),
            device=device if isinstance(device, str) and device else None,
        )
