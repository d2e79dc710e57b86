"""``pacer reminders --run``: wait quietly for the next reminder, show it, wait again.

An asyncio loop with no Qt event loop and no window. Between reminders it sleeps in the
kernel: one ``timerfd`` armed for the next wake-up (the next reminder or midnight), plus an
inotify watch on the time-zone files; SIGHUP means "settings changed", SIGTERM/SIGINT mean
"stop" (exit 0, lock released). On systems without ``timerfd`` (Windows, macOS) a plain
loop timer is used instead, re-checking the wall clock at least every ten minutes so that
sleep or a clock change cannot make a reminder very late.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
import time
from datetime import datetime
from functools import partial
from pathlib import Path

from pacer.core.reminders.practice import practice_running, practised_on
from pacer.core.reminders.state import load_state, save_state
from pacer.core.reminders.waiter import Outcome, ReminderSettings, ReminderWaiter, settings_from
from pacer.core.reminders.waiting_lock import AlreadyWaitingError, WaitingLock
from pacer.core.reminders.wall_timer import (
    RealtimeTimer,
    Wake,
    ZoneWatcher,
    realtime_timer_available,
)
from pacer.core.reminders.words import EXPIRE_SECONDS, NOT_TODAY_ACTION, START_ACTION
from pacer.paths import ensure_private_dir
from pacer.ui.reminders.notification import NotificationUnavailableError, ReminderNotifier

FALLBACK_RECHECK_SECONDS = 600.0


def load_reminder_settings(data_dir: Path) -> ReminderSettings:
    from pacer.ui.preferences.settings_store import SettingsStore

    return settings_from(SettingsStore(data_dir).load())


def system_now() -> datetime:
    return datetime.now().astimezone()


def make_waiter(data_dir: Path) -> ReminderWaiter:
    return ReminderWaiter(
        now=system_now,
        load_settings=partial(load_reminder_settings, data_dir),
        load_state=partial(load_state, data_dir),
        save_state=partial(save_state, data_dir),
        practised_on=partial(practised_on, data_dir),
        practice_running=partial(practice_running, data_dir),
    )


def _reread_time_zone() -> None:
    if hasattr(time, "tzset"):
        time.tzset()


def run_waiting(data_dir: Path) -> int:
    ensure_private_dir(Path(data_dir))
    try:
        lock = WaitingLock(data_dir).acquire()
    except AlreadyWaitingError as waiting:
        who = f" (process {waiting.pid})" if waiting.pid else ""
        print(f"Reminders are already waiting{who}; one is enough.")
        return 0
    try:
        return asyncio.run(_wait(Path(data_dir)))
    finally:
        lock.release()


class _Wakeups:
    """Everything that can wake the loop, gathered into one event."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.event = asyncio.Event()
        self.stop = False
        self.reload = False
        self.timer: RealtimeTimer | None = None
        self.zone: ZoneWatcher | None = None
        self._fallback: asyncio.TimerHandle | None = None

    def request_stop(self) -> None:
        self.stop = True
        self.event.set()

    def request_reload(self) -> None:
        self.reload = True
        self.event.set()

    def install(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            self._on_signal(signum, self.request_stop)
        if hasattr(signal, "SIGHUP"):
            self._on_signal(signal.SIGHUP, self.request_reload)
        if realtime_timer_available():
            self.timer = RealtimeTimer()
            self.loop.add_reader(self.timer.fileno(), self._timer_fired)
            with contextlib.suppress(OSError):
                self.zone = ZoneWatcher()
                self.loop.add_reader(self.zone.fileno(), self._zone_event)

    def _on_signal(self, signum: int, action: object) -> None:
        try:
            self.loop.add_signal_handler(signum, action)  # type: ignore[arg-type]
        except (NotImplementedError, RuntimeError):  # pragma: no cover - Windows
            signal.signal(signum, lambda *_: self.loop.call_soon_threadsafe(action))  # type: ignore[arg-type]

    def _timer_fired(self) -> None:
        assert self.timer is not None
        if self.timer.acknowledge() is not Wake.NOTHING:
            self.event.set()

    def _zone_event(self) -> None:
        assert self.zone is not None
        if self.zone.changed():
            self.event.set()

    def arm(self, moment: datetime) -> None:
        if self.timer is not None:
            self.timer.arm(moment)
            return
        if self._fallback is not None:
            self._fallback.cancel()
        delay = min(max((moment - system_now()).total_seconds(), 0.0), FALLBACK_RECHECK_SECONDS)
        self._fallback = self.loop.call_later(delay, self.event.set)

    async def next(self) -> None:
        await self.event.wait()
        self.event.clear()

    def close(self) -> None:
        for source in (self.timer, self.zone):
            if source is not None:
                self.loop.remove_reader(source.fileno())
                source.close()
        if self._fallback is not None:
            self._fallback.cancel()


async def _wait(data_dir: Path) -> int:
    wakeups = _Wakeups(asyncio.get_running_loop())
    wakeups.install()
    waiter = make_waiter(data_dir)
    notifier: ReminderNotifier | None = None

    def not_today() -> None:
        waiter.not_today()
        wakeups.event.set()

    first = True
    try:
        while not wakeups.stop:
            _reread_time_zone()
            if wakeups.reload:
                wakeups.reload = False
                waiter.start_afresh()
            result = waiter.wake()
            settings = waiter.load_settings()
            if not settings.enabled:  # turned off: nothing left to wait for
                if first:
                    print("Reminders are off, so there is nothing to wait for.")
                return 0
            first = False
            if result.outcome is Outcome.SHOW:
                try:
                    notifier = notifier or ReminderNotifier(data_dir, on_not_today=not_today)
                    await notifier.show(settings.text, sound=settings.sound)
                except NotificationUnavailableError as error:
                    print(error, file=sys.stderr)
            wakeups.arm(result.next_wake)
            await wakeups.next()
        return 0
    finally:
        wakeups.close()


def run_test(data_dir: Path) -> int:
    """``pacer reminders --test``: one reminder now, answered like a real one."""
    ensure_private_dir(Path(data_dir))
    try:
        return asyncio.run(_test(Path(data_dir)))
    except KeyboardInterrupt:
        print("Stopped waiting for the test reminder.")
        return 0


async def _test(data_dir: Path) -> int:
    settings = load_reminder_settings(data_dir)
    waiter = make_waiter(data_dir)
    notifier = ReminderNotifier(data_dir, on_not_today=waiter.not_today)
    try:
        await notifier.show(settings.text, sound=settings.sound)
    except NotificationUnavailableError as error:
        print(error, file=sys.stderr)
        return 1
    print(
        "A test reminder is showing. This waits until you answer it or it fades "
        f"(about {EXPIRE_SECONDS // 60} minutes); Ctrl+C stops waiting.",
        flush=True,
    )
    answer = await notifier.wait_for_answer(EXPIRE_SECONDS + 5)
    if answer == START_ACTION:
        print("Opening Pacer for your usual breathing practice.")
    elif answer == NOT_TODAY_ACTION:
        print("No more reminders today; they start again tomorrow.")
    else:
        print("The test reminder has gone.")
    return 0
