"""The practice log and history with 10,000 sessions.

Targets from the issue: streak computation < 20 ms, log load < 100 ms, history view
open < 300 ms; app start-up unchanged versus an empty log.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from pacer.core.history.model import build_history
from pacer.core.history.streaks import summarize
from pacer.core.practice_log.records import FEELINGS, SessionEnd, SessionKind, SessionRecord
from pacer.core.practice_log.store import PracticeLog

SESSIONS = 10_000
ROOT = Path(__file__).resolve().parents[1]


def synthetic_sessions(
    count: int, today: date, seed: int = 6
) -> tuple[list[SessionRecord], set[date]]:
    """About three sessions a day going back in time, with gaps, notes, feelings, DST offsets."""
    rng = random.Random(seed)
    records: list[SessionRecord] = []
    rest: set[date] = set()
    day = today
    while len(records) < count:
        if rng.random() < 0.15:
            if rng.random() < 0.3:
                rest.add(day)
        else:
            offset = timezone(timedelta(hours=2 if 4 <= day.month <= 10 else 1))
            for _ in range(rng.randint(1, 5)):
                start = datetime(
                    day.year,
                    day.month,
                    day.day,
                    rng.randint(6, 23),
                    rng.randint(0, 59),
                    tzinfo=offset,
                )
                minutes = rng.choice((3, 5, 8, 10, 12, 15, 20))
                records.append(
                    SessionRecord(
                        kind=rng.choice((SessionKind.BREATHING, SessionKind.RELAXATION)),
                        started_at=start,
                        ended_at=start + timedelta(minutes=minutes),
                        planned_seconds=minutes * 60.0,
                        practised_seconds=minutes * 60.0 * rng.choice((1, 1, 1, 0.6)),
                        ended=rng.choice((SessionEnd.COMPLETED,) * 4 + (SessionEnd.ENDED_EARLY,)),
                        inhale=4.0,
                        hold=0.0,
                        exhale=rng.choice((6.0, 7.0, 8.0)),
                        rest=0.0,
                        feeling=rng.choice((None, None, *(f.key for f in FEELINGS))),
                        note=rng.choice(
                            (None, None, None, "Softer jaw tonight.", "Took a while to settle.")
                        ),
                    )
                )
                if len(records) == count:
                    break
        day -= timedelta(days=1)
    return records, rest


def timed(function, repeat: int = 7) -> tuple[float, object]:
    """Median wall time in milliseconds over ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def report(label: str, milliseconds: float, target: float | None = None) -> None:
    goal = f"   (aim: under {target:g} ms)" if target else ""
    print(f"  {label:<44} {milliseconds:8.1f} ms{goal}")


def app_start_ms(data_dir: Path, repeat: int = 3) -> float:
    """Process start to clean exit of the real app, offscreen, closing itself at once."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "pacer", "--data-dir", str(data_dir), "--quit-after", "0.01"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    today = date(2026, 6, 30)
    records, rest = synthetic_sessions(SESSIONS, today)
    print(f"  {len(records)} sessions over {(today - records[-1].started_at.date()).days} days")
    with tempfile.TemporaryDirectory() as folder:
        full, empty = Path(folder) / "full", Path(folder) / "empty"
        with PracticeLog.open(full) as log:
            log.merge(records, rest)
        PracticeLog.open(empty).close()

        ms, _ = timed(lambda: summarize(records, rest, today))
        report("streaks and summary (summarize)", ms, 20)
        ms, _ = timed(lambda: build_history(records, rest, today))
        report("whole history model (build_history)", ms)

        def load():
            with PracticeLog.open(full) as log:
                return log.sessions(), log.rest_days()

        ms, _ = timed(load)
        report("log load (open + all sessions + rest days)", ms, 100)
        ms_full, _ = timed(lambda: PracticeLog.open(full).close())
        ms_empty, _ = timed(lambda: PracticeLog.open(empty).close())
        report("log open alone, 10,000 sessions", ms_full)
        report("log open alone, empty log", ms_empty)

        from pacer.ui.application import get_application
        from pacer.ui.history.view import HistoryView

        app = get_application()

        def open_view():
            log = PracticeLog.open(full)
            view = HistoryView(log, today=lambda: today)
            view.resize(1000, 900)
            view.show()
            app.processEvents()
            view.grab()  # a complete paint of everything on screen
            view.close()
            view.deleteLater()
            app.processEvents()
            log.close()

        open_view()  # first use of Qt's fonts and styles is not the view's cost
        ms, _ = timed(open_view, repeat=5)
        report("history view open (log to first full paint)", ms, 300)

        report("app start to exit, empty log", app_start_ms(empty))
        report("app start to exit, 10,000 sessions", app_start_ms(full))


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
