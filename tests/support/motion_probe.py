"""Run as a program on a (private) session bus: what does "follow my system" motion mean?

Builds the real window (not shown) with motion left at "follow my system", waits until the
desktop's answers are in, then prints one JSON line: whether motion is reduced and how high
the breathing figure's belly is drawn 3.5 s into a 4 s in-breath (0.5 when it stays still).
With ``--wait-for-change`` it then waits (up to 20 s) for the desktop to change its mind
and prints a second line.
"""

from __future__ import annotations

import json
import sys
import tempfile

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.clock import FakeClock
from pacer.ui.app_context import AppContext
from pacer.ui.main_window import MainWindow
from pacer.ui.session.services import SessionServices


def main() -> int:
    app = QApplication(sys.argv[:1])
    context = AppContext(tempfile.mkdtemp())
    context.update_preferences(welcome_seen=True)
    clock = FakeClock()
    window = MainWindow(context, SessionServices(clock=clock))
    session = window.breathing.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 5))
    clock.advance(3.5)

    def report(event: str) -> None:
        session.refresh()
        line = {
            "event": event,
            "reduced": context.reduced_motion,
            "rise": round(window.breathing.surface.canvas.scene.rise, 3),
        }
        print(json.dumps(line), flush=True)

    settled: list[bool] = []

    def when_settled() -> None:
        if not context.desktop_motion.settled:
            QTimer.singleShot(5, when_settled)
            return
        settled.append(True)
        report("settled")
        if "--wait-for-change" not in sys.argv:
            app.quit()

    def changed(_reduced: bool) -> None:
        if settled:  # a change after the first answers were in
            report("changed")
            app.quit()

    context.motion_changed.connect(changed)
    QTimer.singleShot(0, when_settled)
    QTimer.singleShot(20_000, app.quit)
    app.exec()
    session.stop()
    window.close()
    context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
