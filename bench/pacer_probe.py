"""Runs inside the benchmarked process: a Pacer practice, plain ``pacer``, or a bare reference.

Started by ``bench/bench_pacer.py`` on its own Xvfb display. Records the time from process
start to the first frame on screen, every frame timer tick and painted frame of the figure
(with what it showed), the process's and the X server's CPU time and the resident memory over
the measuring window, then writes them as JSON and quits.

"First frame" is the end of the first paint-and-flush of the window: a zero-delay timer
queued from the first paint event fires once that pass is over, for every mode alike.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

PROCESS_T0 = float(os.environ.get("PACER_BENCH_T0", time.time()))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SHOW_METHODS = ("show", "showFullScreen", "showMaximized", "showNormal")  # as called from Python


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def resident_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Recorder(QObject):
    def __init__(self, seconds: float, warmup: float, server_pid: int, report: Path) -> None:
        super().__init__()
        self.seconds, self.warmup = seconds, warmup
        self.server_pid, self.report = server_pid, report
        self.frames: list[float] = []  # painted frames: monotonic time
        # Painted figure frames: [elapsed, rise step, steps from rest to full at that size].
        self.shown: list[list[float]] = []
        self.ticks: list[float] = []
        self.first_frame: float | None = None
        self.window_start: tuple[float, float, float] | None = None
        self.session = None  # the running PracticeSession, once there is one
        self.figure = None  # practised time → the figure's rise step, for the smoothness check

    # -- first frame -----------------------------------------------------------------------
    def watch_first_frame(self, app: QApplication) -> None:
        """Waits for the first window to be shown (from Python: both programs show theirs
        so), then for the first paint event.

        The window paints itself (its background) in each paint pass, its children after it,
        so watching the window alone is enough. An application-wide event filter would see
        every event of every widget, and having them all pass through Python (each object
        wrapped, its class's enums created on first touch) costs a program with many
        widgets far more than the bare one: about 15 ms of Pacer's start-up was the probe's.
        """
        shows = {name: getattr(QWidget, name) for name in SHOW_METHODS}
        recorder = self

        def watching(original):
            def show(widget: QWidget) -> None:
                original(widget)
                if not widget.isWindow():
                    return
                for name, method in shows.items():
                    setattr(QWidget, name, method)  # only the first window is waited for
                widget.installEventFilter(recorder)

            return show

        for name, method in shows.items():
            setattr(QWidget, name, watching(method))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.first_frame is None:
            self.first_frame = -1.0
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._first_frame_done)
        return False

    def _first_frame_done(self) -> None:
        self.first_frame = time.time()
        QTimer.singleShot(round(self.warmup * 1000), self.begin)

    # -- measuring -------------------------------------------------------------------------
    @property
    def measuring(self) -> bool:
        return self.window_start is not None

    def painted(self, elapsed: float | None = None, step: int = 0, steps: int = 0) -> None:
        if self.window_start is not None:
            self.frames.append(time.monotonic())
            if elapsed is not None:
                self.shown.append([elapsed, step, steps])

    def ticked(self) -> None:
        if self.window_start is not None:
            self.ticks.append(time.monotonic())

    def begin(self) -> None:
        self.window_start = (
            time.monotonic(),
            cpu_seconds(os.getpid()),
            cpu_seconds(self.server_pid),
        )
        QTimer.singleShot(round(self.seconds * 1000), self.finish)

    def finish(self) -> None:
        try:
            self._write_report()
        finally:
            QApplication.instance().quit()

    def _write_report(self) -> None:
        start_wall, start_cpu, start_server = self.window_start
        wall = time.monotonic() - start_wall
        app_cpu = cpu_seconds(os.getpid()) - start_cpu
        server_cpu = cpu_seconds(self.server_pid) - start_server
        smoothness = self._smoothness()
        result = {
            "wall": wall,
            "frames": self.frames,
            "ticks": self.ticks,
            "shown": self.shown,
            "app_cpu": app_cpu,
            "server_cpu": server_cpu,
            "rss_mib": resident_mib(os.getpid()),
            "startup_to_first_frame": self.first_frame - PROCESS_T0,
            **smoothness,
        }
        self.report.write_text(json.dumps(result))

    def _smoothness(self) -> dict:
        """How late each visible change of the figure was painted, and the largest jump.

        For every painted frame, the moment its rise step was first due is found on the
        session's own timeline (by bisection between the previous painted frame and this
        one); the delay from then to the paint is how late that change reached the screen.
        """
        session, figure = self.session, self.figure
        if session is None or figure is None or len(self.shown) < 2:
            return {}
        step_at = figure
        late: list[float] = []
        jumps: list[int] = []
        for (e0, s0, n0), (e1, s1, n1) in zip(self.shown, self.shown[1:], strict=False):
            if n0 != n1:
                continue  # the figure was resized (a layout change): steps differ in size
            jumps.append(abs(s1 - s0))
            if s1 == s0 or e1 <= e0:
                continue
            lo, hi = e0, e1
            for _ in range(30):
                mid = (lo + hi) / 2
                if step_at(session, mid, n1) == s1:
                    hi = mid
                else:
                    lo = mid
            late.append(e1 - hi)
        # The most the rise moves in one display frame, rounded up: what 60 Hz allows.
        from pacer.ui.session.practice_session import display_frame_interval_ms

        interval = display_frame_interval_ms() / 1000
        fastest = 0
        e, _, steps = self.shown[0]
        end = self.shown[-1][0]
        while e < end:
            moved = step_at(session, e + interval, steps) - step_at(session, e, steps)
            fastest = max(fastest, abs(moved))
            e += interval / 4
        return {"late": late, "jumps": jumps, "fastest_step_per_frame": fastest}


class BareEllipse(QWidget):
    """The reference: a breathing ellipse that repaints its whole window every frame."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self.recorder = recorder
        self.t0 = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(16)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        self.recorder.ticked()
        self.update()

    def paintEvent(self, event) -> None:
        level = 0.5 - 0.5 * math.cos(2 * math.pi * (time.monotonic() - self.t0) / 10)
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#f6efe4"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#6fa7a0"))
        radius = min(self.width(), self.height()) * (0.2 + 0.15 * level)
        centre = self.rect().center()
        painter.drawEllipse(
            QRectF(centre.x() - radius, centre.y() - radius, 2 * radius, 2 * radius)
        )
        painter.end()
        self.recorder.painted()


def run_reference(recorder: Recorder, window: tuple[int, int] | None) -> int:
    app = QApplication([])
    recorder.watch_first_frame(app)
    widget = BareEllipse(recorder)
    if window is None:
        widget.showFullScreen()
    else:
        widget.resize(*window)
        widget.show()
    return app.exec()


def _figure_step(page):
    """The rise step the figure shows at practised time ``elapsed`` with ``steps`` steps from
    rest to full (the canvas's rounding; for the smoothness check)."""
    from pacer.core.breathing.scene import pacer_scene
    from pacer.core.pacing import step_index

    def step_at(session, elapsed: float, steps: int) -> int:
        state = page.surface_state(session.timeline.snapshot(elapsed))
        scene = pacer_scene(state.breath, page.surface._reduced_motion)
        return step_index(min(max(scene.rise, 0.0), 1.0), steps)

    return step_at


def run_pacer(recorder: Recorder, mode: str, window: tuple[int, int] | None, data_dir: Path) -> int:
    """The real entry point, as ``pacer breathe|relax [--fullscreen]`` or plain ``pacer`` runs it."""
    from pacer import cli
    from pacer.ui import application
    from pacer.ui.breathing.belly_canvas import BellyCanvas
    from pacer.ui.main_window import MainWindow
    from pacer.ui.session.practice_session import PracticeSession

    original_app = application.get_application

    def get_application():
        app = original_app()
        recorder.watch_first_frame(app)
        return app

    application.get_application = get_application
    import pacer.ui.launch as launch

    launch.get_application = get_application

    original_paint = BellyCanvas.paintEvent

    def recorded_paint(self, event):
        original_paint(self, event)
        if recorder.measuring:
            session = recorder.session
            elapsed = session.elapsed() if session is not None else None
            recorder.painted(elapsed, self.visible_state(self.scene)[0], self.rise_steps)

    BellyCanvas.paintEvent = recorded_paint

    original_refresh = PracticeSession.refresh

    def recorded_refresh(self):
        recorder.ticked()
        original_refresh(self)

    PracticeSession.refresh = recorded_refresh

    original_start = PracticeSession.start

    def recorded_start(self):
        recorder.session = self
        original_start(self)
        page = self.parent()
        if hasattr(page, "surface_state"):
            recorder.figure = _figure_step(page)

    PracticeSession.start = recorded_start

    if window is not None:
        original_init = MainWindow.__init__

        def sized_init(self, *args, **kwargs):
            original_init(self, *args, **kwargs)
            self.resize(*window)

        MainWindow.__init__ = sized_init

    argv = ["--data-dir", str(data_dir)]
    if mode == "breathe":
        argv += ["breathe", "--minutes", "10"]
    elif mode == "relax":
        argv += ["relax"]
    if mode != "home" and window is None:
        argv.append("--fullscreen")
    return cli.main(argv)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["reference", "breathe", "relax", "home"])
    parser.add_argument("--window", help="WIDTHxHEIGHT; full screen when not given")
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--data-dir", type=Path, help="Pacer's data folder (made by the bench)")
    args = parser.parse_args()
    window = tuple(int(v) for v in args.window.split("x")) if args.window else None
    recorder = Recorder(args.seconds, args.warmup, args.server_pid, args.report)
    if args.mode == "reference":
        return run_reference(recorder, window)
    return run_pacer(recorder, args.mode, window, args.data_dir)


if __name__ == "__main__":
    raise SystemExit(main())
