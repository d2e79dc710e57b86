"""Make the pictures the README and docs show, from the real app on a private X display.

    make screenshots            (or: .venv/bin/python docs/make_screenshots.py [--out DIR])

Starts Xvfb with openbox, writes a made-up practice log (docs/demo_log.py) into a temporary
data folder, builds the real ``MainWindow`` on that display with a ``FakeClock`` so every
picture is taken at an exact moment of a session, and saves what the X server shows for
each window. The PDF summary's first page is exported by ``pacer export`` from the same
log and rendered with ``pdftoppm``. Needs Xvfb, openbox, xdotool and pdftoppm (poppler-utils).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from demo_log import write_demo_log

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "docs" / "screenshots"
SCREEN = (1920, 1080)  # the full-screen picture's size
WINDOW = (1200, 800)  # the main window in every other picture
PDF_DPI = 90  # an A4 page at 90 dpi is 744 × 1052 pixels
TOOLS = ("Xvfb", "openbox", "xdotool", "pdftoppm")
# Every picture this script makes, as named in docs/screenshots/ (the README links each one).
PICTURES = (
    "home",
    "breathing-in",
    "breathing-in-night",
    "breathing-out",
    "breathing-out-night",
    "fullscreen",
    "relaxation-clench",
    "relaxation-let-go",
    "practice-log",
    "practice-log-sessions",
    "pdf-summary",
)
# The picture-taking process must not take a look from the desktop it was started from.
DESKTOP_VARIABLES = (
    "WAYLAND_DISPLAY",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "DESKTOP_SESSION",
    "GNOME_DESKTOP_SESSION_ID",
    "KDE_FULL_SESSION",
    "QT_QPA_PLATFORMTHEME",
    "QT_STYLE_OVERRIDE",
    "QT_SCALE_FACTOR",
    "QT_SCREEN_SCALE_FACTORS",
    "QT_FONT_DPI",
    "PACER_DATA_DIR",
)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"make_screenshots: gave up waiting for {what}")
        time.sleep(0.05)


@contextmanager
def private_display(width: int, height: int) -> Iterator[str]:
    """Xvfb on a free display number, with openbox managing its windows."""
    read_fd, write_fd = os.pipe()
    size = f"{width}x{height}x24"
    command = ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"]
    server = subprocess.Popen(
        [*command, "-dpi", "96"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    manager = None
    try:
        with os.fdopen(read_fd) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SystemExit("make_screenshots: Xvfb did not start")
        display = f":{number}"
        env = {**os.environ, "DISPLAY": display}
        manager = subprocess.Popen(
            ["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

        def manager_ready() -> bool:  # answers once openbox has taken over the screen
            probe = ["xdotool", "get_num_desktops"]
            return subprocess.run(probe, env=env, capture_output=True).returncode == 0

        wait_until(manager_ready, "openbox to manage the display")
        yield display
    finally:
        if manager is not None:
            manager.terminate()
            manager.wait(timeout=10)
        server.terminate()
        server.wait(timeout=10)


def render_pdf_first_page(data_dir: Path, scratch: Path, target: Path) -> None:
    pdf = scratch / "summary.pdf"
    pacer = [sys.executable, "-m", "pacer", "--data-dir", str(data_dir)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [*pacer, "export", "--output", str(pdf)],
        check=True,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
    )
    prefix = scratch / "summary-page"
    first_page = ["-f", "1", "-l", "1", "-singlefile"]
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(PDF_DPI), *first_page, str(pdf), str(prefix)], check=True
    )
    shutil.move(prefix.with_suffix(".png"), target)


def breath_moment(pattern, breath: int, *, breathing_in: bool, fraction: float) -> float:
    """Seconds into a session at ``fraction`` of breath number ``breath``'s in- or out-breath."""
    start = breath * pattern.cycle_seconds
    if breathing_in:
        return start + fraction * pattern.inhale
    return start + pattern.inhale + pattern.hold + fraction * pattern.exhale


class Photographer:
    """Drives one real MainWindow and saves what the X server shows of its windows."""

    def __init__(self, data_dir: Path, out_dir: Path) -> None:
        # Qt is imported only here, after DISPLAY points at the private server.
        from PySide6.QtWidgets import QApplication

        from pacer.core.clock import FakeClock
        from pacer.core.preferences import Appearance
        from pacer.ui.app_context import AppContext
        from pacer.ui.application import get_application
        from pacer.ui.main_window import MainWindow
        from pacer.ui.session.services import SessionServices

        self.out_dir = out_dir
        self.app: QApplication = get_application()
        self.clock = FakeClock()
        self.context = AppContext(data_dir)
        self.context.update_preferences(welcome_seen=True, appearance=Appearance.LIGHT)
        self.context.apply_theme()
        self.window = MainWindow(self.context, SessionServices(clock=self.clock))
        self.window.resize(*WINDOW)
        self.window.show()
        self.saved: list[Path] = []

    # -- waiting for what a person would see -------------------------------------------------
    def settle(self, condition: Callable[[], bool], what: str, timeout: float = 15.0) -> None:
        from PySide6.QtCore import QEventLoop

        deadline = time.monotonic() + timeout
        while True:
            self.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            if condition():
                return
            if time.monotonic() > deadline:
                raise SystemExit(f"make_screenshots: gave up waiting for {what}")
            time.sleep(0.02)

    def shoot(self, widget, name: str) -> Path:
        """Save the pixels the X server shows for ``widget``'s window, once they are final.

        Final means: the window is mapped and focused, and what the server holds for it is
        exactly what the window paints now (a fresh paint compared with the server's copy).
        """
        from PySide6.QtGui import QImage

        top = widget.window()
        handle = top.windowHandle()
        self.settle(lambda: handle is not None and handle.isExposed(), f"{name}: window shown")
        self.settle(lambda: top.isActiveWindow(), f"{name}: window focused")
        shown: list[QImage] = []

        def server_matches_paint() -> bool:
            top.repaint()  # paints and flushes to the server before the grab below reads it
            server = top.screen().grabWindow(top.winId()).toImage()
            painted = top.grab().toImage()
            rgb = QImage.Format.Format_RGB32
            shown[:] = [server]
            return server.convertToFormat(rgb) == painted.convertToFormat(rgb)

        self.settle(server_matches_paint, f"{name}: the server to show the painted window")
        path = self.out_dir / f"{name}.png"
        if not shown[0].save(str(path), "PNG", 0):  # 0: smallest file
            raise SystemExit(f"make_screenshots: could not write {path}")
        self.saved.append(path)
        return path

    def at(self, seconds: float) -> None:
        """Move the session's clock to ``seconds`` of practice and show that moment."""
        session = self.window.services.current
        self.clock.advance(seconds - session.elapsed())
        session.refresh()

    def appearance(self, dark: bool) -> None:
        from pacer.core.preferences import Appearance

        self.context.update_preferences(appearance=Appearance.DARK if dark else Appearance.LIGHT)

    # -- the pictures ---------------------------------------------------------------------------
    def home(self) -> None:
        self.window.show_page("home")
        self.shoot(self.window, "home")

    def practice_log(self) -> None:
        """The overview at the top of the page, then the list of sessions further down."""
        from PySide6.QtWidgets import QScrollArea, QTableView

        self.window.show_page("history")
        page = self.window.pages.currentWidget()
        self.shoot(self.window, "practice-log")
        scroll = page.findChild(QScrollArea)
        table = page.findChild(QTableView)
        scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
        scroll.ensureWidgetVisible(table, 0, 0)
        self.shoot(self.window, "practice-log-sessions")

    def breathing(self) -> None:
        from pacer.core.breathing.pattern import BreathPattern
        from pacer.core.breathing.plan import BreathingPlan
        from pacer.ui.launch import LaunchRequest, start_requested_practice

        plan = BreathingPlan(BreathPattern(inhale=4, exhale=6), 10, "Calm")
        self.window.show_page("breathing")
        start_requested_practice(self.window, LaunchRequest(Path(), breathing=plan))
        moments = (
            (breath_moment(plan.pattern, 2, breathing_in=True, fraction=0.7), "breathing-in"),
            (breath_moment(plan.pattern, 2, breathing_in=False, fraction=0.45), "breathing-out"),
        )
        for seconds, name in moments:
            self.at(seconds)
            for dark, suffix in ((False, ""), (True, "-night")):
                self.appearance(dark)
                self.shoot(self.window, name + suffix)
        self.appearance(False)

    def fullscreen(self) -> None:
        """Full screen in night colours, as at bedtime, during an out-breath."""
        self.appearance(True)
        self.window.toggle_fullscreen()
        full = self.window.fullscreen.window
        screen = full.screen().geometry()
        self.settle(lambda: full.geometry() == screen, "the full-screen window to fill the screen")
        pattern = self.window.services.current.timeline.pattern
        self.at(breath_moment(pattern, 4, breathing_in=False, fraction=0.55))
        self.shoot(full, "fullscreen")
        self.window.toggle_fullscreen()
        self.settle(lambda: self.window.fullscreen.window is None, "full screen to close")
        self.window.stop_session()
        self.window.breathing.surface.summary.done.click()
        self.appearance(False)

    def relaxation(self) -> None:
        from pacer.core.relaxation.timeline import Stage
        from pacer.ui.launch import LaunchRequest, start_requested_practice

        plan = self.window.relaxation.current_plan()
        self.window.show_page("relaxation")
        start_requested_practice(self.window, LaunchRequest(Path(), relaxation=plan))
        steps = self.window.services.current.timeline.steps
        clench = next(step for step in steps if step.stage is Stage.CLENCH)
        release = next(step for step in steps if step.stage is Stage.RELEASE)
        self.at(clench.start + 0.4 * clench.duration)
        self.shoot(self.window, "relaxation-clench")
        self.at(release.start + 0.3 * release.duration)
        self.shoot(self.window, "relaxation-let-go")
        self.window.stop_session()
        self.window.relaxation.surface.summary.done.click()

    def close(self) -> None:
        self.window.close()
        self.app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder for the PNG files")
    args = parser.parse_args(argv)
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        print(f"make_screenshots needs {', '.join(missing)} (see .ci/run)", file=sys.stderr)
        return 1
    started = time.monotonic()
    out_dir: Path = args.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in DESKTOP_VARIABLES:
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory(prefix="pacer-screenshots-") as scratch_name:
        scratch = Path(scratch_name)
        data_dir = scratch / "data"
        count = write_demo_log(data_dir, date.today())
        render_pdf_first_page(data_dir, scratch, out_dir / "pdf-summary.png")
        saved = [out_dir / "pdf-summary.png"]
        with private_display(*SCREEN) as display:
            os.environ.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
            photographer = Photographer(data_dir, out_dir)
            try:
                photographer.home()
                photographer.practice_log()  # before practising, so it shows the demo log only
                photographer.breathing()
                photographer.fullscreen()
                photographer.relaxation()
            finally:
                photographer.close()
            saved += photographer.saved
    if sorted(path.stem for path in saved) != sorted(PICTURES):
        print(f"make_screenshots: made {[p.stem for p in saved]}, expected {PICTURES}")
        return 1
    for path in saved:
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    for stray in sorted(set(out_dir.glob("*.png")) - set(saved)):
        print(f"not made by this script (remove it if nothing links to it): {stray.name}")
    print(
        f"{len(saved)} pictures from a demo log of {count} sessions in {time.monotonic() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
