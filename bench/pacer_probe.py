"""Runs inside the benchmarked process: the Pacer full-screen pacer or a bare reference.

Started by ``bench/bench_pacer.py`` on an Xvfb display. Records when each frame is painted,
the process's and the X server's CPU time over the measuring window, and the time from
process start to the first painted frame, then writes them as JSON and quits.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QApplication, QWidget

PROCESS_T0 = float(os.environ.get("PACER_BENCH_T0", time.time()))
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


class Recorder:
    def __init__(self, seconds: float, warmup: float, server_pid: int, report: Path) -> None:
        self.seconds, self.warmup = seconds, warmup
        self.server_pid, self.report = server_pid, report
        self.frames: list[float] = []
        self.first_paint: float | None = None
        self.window_start: tuple[float, float, float] | None = None

    def painted(self) -> None:
        now = time.monotonic()
        if self.first_paint is None:
            self.first_paint = time.time()
            QTimer.singleShot(round(self.warmup * 1000), self.begin)
        if self.window_start is not None:
            self.frames.append(now)

    def begin(self) -> None:
        self.window_start = (
            time.monotonic(),
            cpu_seconds(os.getpid()),
            cpu_seconds(self.server_pid),
        )
        QTimer.singleShot(round(self.seconds * 1000), self.finish)

    def finish(self) -> None:
        start_wall, start_cpu, start_server = self.window_start
        wall = time.monotonic() - start_wall
        result = {
            "wall": wall,
            "frames": self.frames,
            "app_cpu": cpu_seconds(os.getpid()) - start_cpu,
            "server_cpu": cpu_seconds(self.server_pid) - start_server,
            "startup_to_first_paint": self.first_paint - PROCESS_T0,
        }
        self.report.write_text(json.dumps(result))
        QApplication.instance().quit()


class BareEllipse(QWidget):
    """The reference: a breathing ellipse that repaints its whole window every frame."""

    def __init__(self, recorder: Recorder) -> None:
        super().__init__()
        self.recorder = recorder
        self.t0 = time.monotonic()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(16)
        self.timer.timeout.connect(self.update)
        self.timer.start()

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


def run_reference(recorder: Recorder) -> int:
    app = QApplication([])
    widget = BareEllipse(recorder)
    widget.showFullScreen()
    return app.exec()


def run_pacer(recorder: Recorder) -> int:
    """The real entry point, as ``pacer breathe --fullscreen`` runs it."""
    from pacer.cli import main as pacer_main
    from pacer.ui.breathing.belly_canvas import BellyCanvas

    original = BellyCanvas.paintEvent

    def recorded(self, event):
        original(self, event)
        recorder.painted()

    BellyCanvas.paintEvent = recorded
    data_dir = tempfile.mkdtemp(prefix="pacer-bench-")
    return pacer_main(["--data-dir", data_dir, "breathe", "--minutes", "10", "--fullscreen"])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["pacer", "reference"])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--report", type=Path, required=True)
    args = parser.parse_args()
    recorder = Recorder(args.seconds, args.warmup, args.server_pid, args.report)
    return run_pacer(recorder) if args.mode == "pacer" else run_reference(recorder)


if __name__ == "__main__":
    raise SystemExit(main())
