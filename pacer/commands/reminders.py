"""``pacer reminders``: gentle reminders at the times you choose, only when asked for.

--at 19:30 [--at 08:00] [--days mon-fri]   turn them on with those times and days
--off                                       turn them off (login item removed, waiting stopped)
--status                                    what is set and when the next one is due
--test                                      one reminder now
--run                                       the waiting process (started at login)
"""

from __future__ import annotations

import argparse
import sys
from datetime import time
from pathlib import Path

from pacer.core.reminders.schedule import (
    MAX_TIMES,
    ReminderError,
    format_days,
    format_times,
    parse_days,
    parse_time,
)


def _time_value(text: str) -> time:
    try:
        return parse_time(text)
    except ReminderError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _days_value(text: str) -> frozenset[int]:
    try:
        return parse_days(text)
    except ReminderError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "A small, discreet desktop note at the times you choose, on the days you choose. "
        "Off unless you turn it on; never repeated. With no option, shows what is set."
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument(
        "--at",
        action="append",
        type=_time_value,
        metavar="HH:MM",
        help=f"a time of day for a reminder (24-hour clock; up to {MAX_TIMES}, "
        "repeat --at for each); turns reminders on",
    )
    action.add_argument("--off", action="store_true", help="turn reminders off")
    action.add_argument(
        "--status", action="store_true", help="what is set and when the next one is due"
    )
    action.add_argument("--test", action="store_true", help="show one reminder now")
    action.add_argument(
        "--run",
        action="store_true",
        dest="wait",  # "run" is the sub-command's entry point in the namespace
        help="wait for reminders (started for you when you log in)",
    )
    parser.add_argument(
        "--days",
        type=_days_value,
        metavar="DAYS",
        help="with --at: which days, e.g. mon-fri, sat,sun, mon,wed,fri or daily (default: daily)",
    )
    parser.set_defaults(run=lambda args: run(parser, args))


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.days is not None and not args.at:
        parser.error("--days goes together with --at, e.g. --at 19:30 --days mon-fri")
    data_dir = Path(args.data_dir)
    if args.at:
        chosen = sorted(set(args.at))
        if len(chosen) > MAX_TIMES:
            parser.error(f"at most {MAX_TIMES} reminder times a day (got {len(chosen)})")
        days = args.days if args.days is not None else frozenset(range(7))
        return _turn_on(data_dir, format_times(chosen), format_days(days))
    if args.off:
        return _turn_off(data_dir)
    if args.test:
        from pacer.ui.reminders.waiting_process import run_test

        return run_test(data_dir)
    if args.wait:
        from pacer.ui.reminders.waiting_process import run_waiting

        return run_waiting(data_dir)
    return _status(data_dir)


def _save(data_dir: Path, **changes: object) -> bool:
    from pacer.paths import ensure_private_dir
    from pacer.ui.preferences.settings_store import SettingsStore

    try:
        ensure_private_dir(data_dir)
        store = SettingsStore(data_dir)
        store.save(store.load().with_changes(**changes))
    except OSError as error:
        print(
            f"Pacer could not save your reminder settings in {data_dir}: {error}", file=sys.stderr
        )
        return False
    if not store.writable:
        print(f"Pacer could not save your reminder settings in {data_dir}.", file=sys.stderr)
        return False
    return True


def _apply(data_dir: Path, enabled: bool) -> str | None:
    from pacer.core.reminders.control import apply

    try:
        applied = apply(data_dir, enabled)
    except OSError as error:
        print(f"Pacer could not update its login item: {error}", file=sys.stderr)
        return None
    return applied.login_item or ""


def _turn_on(data_dir: Path, times: str, days: str) -> int:
    if not _save(data_dir, reminders=True, reminder_times=times, reminder_days=days):
        return 1
    where = _apply(data_dir, True)
    if where is None:
        return 1
    _status(data_dir, wait_for_start=True)
    if where:
        print(f"They start by themselves when you log in ({where}).")
    return 0


def _turn_off(data_dir: Path) -> int:
    if not _save(data_dir, reminders=False):
        return 1
    if _apply(data_dir, False) is None:
        return 1
    print("Reminders are off. Nothing will appear unless you turn them on again.")
    return 0


def _status(data_dir: Path, *, wait_for_start: bool = False) -> int:
    from pacer.core.reminders.status import status_lines
    from pacer.core.reminders.waiting_lock import waiting_pid
    from pacer.ui.reminders.waiting_process import make_waiter, system_now

    waiter = make_waiter(data_dir)
    settings = waiter.load_settings()
    state = waiter.load_state()
    now = system_now()
    pid = waiting_pid(data_dir)
    if wait_for_start and pid is None:
        pid = _await_waiting_pid(data_dir)
    for line in status_lines(settings, state, waiter.upcoming(now, settings, state), now, pid):
        print(line)
    return 0


def _await_waiting_pid(data_dir: Path, seconds: float = 3.0) -> int | None:
    """A just-started waiting process takes a moment to take its lock; wait briefly for it."""
    import time as _time

    from pacer.core.reminders.waiting_lock import waiting_pid

    deadline = _time.monotonic() + seconds
    while _time.monotonic() < deadline:
        pid = waiting_pid(data_dir)
        if pid is not None:
            return pid
        _time.sleep(0.05)
    return None
