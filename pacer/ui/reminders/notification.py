"""The reminder as a native desktop notification, through the ``desktop-notifier`` library.

Linux: the freedesktop Notifications service on the session bus (``dbus-fast``); Windows:
WinRT toasts; macOS: the Notification Center, which shows notes only from a signed app.
Low urgency, no sound unless asked for, fades on its own, and two buttons: "Start breathing"
and "Not today". The library answers button presses inside the running asyncio loop.
"""

from __future__ import annotations

import asyncio
import html
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path

from pacer.core.reminders.control import spawn_detached
from pacer.core.reminders.words import (
    EXPIRE_SECONDS,
    NOT_TODAY_ACTION,
    NOT_TODAY_LABEL,
    START_ACTION,
    START_LABEL,
    TITLE,
)
from pacer.desktop_entry import launch_command
from pacer.identity import APP_NAME
from pacer.resources import asset_path

# Tests only: a JSON list that replaces the Pacer command "Start breathing" runs.
TEST_LAUNCHER_ENV = "PACER_TEST_LAUNCHER"
FREEDESKTOP_SOUND = "message-new-instant"
_UNAVAILABLE = "No desktop notification service answered, so the reminder could not be shown here."


def breathe_command(data_dir: Path) -> list[str]:
    override = os.environ.get(TEST_LAUNCHER_ENV)
    base = json.loads(override) if override else launch_command()
    return [*base, "--data-dir", str(Path(data_dir).absolute()), "breathe"]


class NotificationUnavailableError(Exception):
    """No notification service answered; the message is written for the user."""


class ReminderNotifier:
    """Shows reminders and answers their buttons. Create it inside the running loop."""

    def __init__(
        self,
        data_dir: Path,
        on_not_today: Callable[[], object],
        spawn: Callable[[list[str]], object] = spawn_detached,
    ) -> None:
        # Imported here: loading the library (and its D-Bus code) is only worth it when
        # reminders are in use.
        from desktop_notifier import DesktopNotifier, Icon

        logging.getLogger("desktop_notifier").setLevel(logging.ERROR)
        self._data_dir = Path(data_dir)
        self._on_not_today = on_not_today
        self._spawn = spawn
        self._notifier = DesktopNotifier(
            app_name=APP_NAME, app_icon=Icon(path=asset_path("icons", "png", "pacer-256.png"))
        )
        self.answered = asyncio.Event()
        self.last_answer: str | None = None

    def _answer(self, action: str | None) -> None:
        self.last_answer = action
        if action == START_ACTION:
            self._spawn(breathe_command(self._data_dir))
        elif action == NOT_TODAY_ACTION:
            self._on_not_today()
        self.answered.set()

    async def show(self, text: str, *, sound: bool = False) -> str:
        """Send one reminder; return its identifier. Raises NotificationUnavailableError."""
        from desktop_notifier import DEFAULT_SOUND, Button, Sound, Urgency

        self.answered.clear()
        self.last_answer = None
        chosen_sound = None
        if sound:
            linux = sys.platform.startswith("linux")
            chosen_sound = Sound(name=FREEDESKTOP_SOUND) if linux else DEFAULT_SOUND
        buttons = (
            Button(START_LABEL, lambda: self._answer(START_ACTION), identifier=START_ACTION),
            Button(
                NOT_TODAY_LABEL, lambda: self._answer(NOT_TODAY_ACTION), identifier=NOT_TODAY_ACTION
            ),
        )
        dispatched: list[bool] = []
        try:
            identifier = await self._notifier.send(
                title=TITLE,
                # Most servers read the body as simple markup; the user's own words must
                # show exactly as typed.
                message=html.escape(text, quote=False),
                urgency=Urgency.Low,
                buttons=buttons,
                sound=chosen_sound,
                timeout=EXPIRE_SECONDS,
                on_clicked=lambda: self._answer(None),
                on_dismissed=lambda: self._answer(None),
                on_dispatched=lambda: dispatched.append(True),
            )
        except Exception as error:  # defensive: the library normally only logs failures
            raise NotificationUnavailableError(_UNAVAILABLE) from error
        if not dispatched:
            raise NotificationUnavailableError(_UNAVAILABLE)
        return identifier

    async def wait_for_answer(self, timeout: float) -> str | None:
        """Wait until a button is pressed or the note is dismissed, at most ``timeout`` s."""
        try:
            await asyncio.wait_for(self.answered.wait(), timeout)
        except TimeoutError:
            return None
        return self.last_answer
