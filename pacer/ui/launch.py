"""Start the window: what the command line asked for, then Qt's event loop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from pacer.ui.app_context import AppContext
from pacer.ui.application import get_application
from pacer.ui.main_window import MainWindow
from pacer.ui.stop_signals import close_on_stop_signals

if TYPE_CHECKING:
    from pacer.core.breathing.plan import BreathingPlan
    from pacer.core.relaxation.plan import RelaxationPlan
    from pacer.core.trainer.plan import TrainerPlan


@dataclass(frozen=True)
class LaunchRequest:
    """What the command line asks the window to do on start."""

    data_dir: Path
    quit_after: float | None = None
    # Start a session at once (no welcome or other dialog in the way). At most one is set.
    breathing: BreathingPlan | None = None
    relaxation: RelaxationPlan | None = None
    trainer: TrainerPlan | None = None
    fullscreen: bool = False
    sound: bool | None = None  # None: follow the saved preference


def build_window(request: LaunchRequest) -> MainWindow:
    context = AppContext(request.data_dir)
    context.apply_theme()
    if request.sound is not None and request.sound != context.preferences.sound:
        context.update_preferences(sound=request.sound)
    return MainWindow(context)


def requested_page(request: LaunchRequest) -> str | None:
    if request.breathing is not None:
        return "breathing"
    if request.relaxation is not None:
        return "relaxation"
    if request.trainer is not None:
        return "trainer"
    return None


def start_requested_practice(window: MainWindow, request: LaunchRequest) -> None:
    if request.breathing is not None:
        window.breathing.start_plan(request.breathing)
    elif request.relaxation is not None:
        window.relaxation.start_plan(request.relaxation)
    elif request.trainer is not None:
        window.trainer.start_plan(request.trainer)


def open_window(request: LaunchRequest) -> MainWindow:
    """Show the window and do what was asked; a requested session starts at once.

    The very first time, the short welcome and safety note comes first, whatever was asked
    for. Asked for full screen, only the full-screen pacer appears; the main window shows
    when the person leaves full screen.
    """
    window = build_window(request)
    page = requested_page(request)
    if page is not None:
        window.show_page(page)
    if request.fullscreen:
        window.enter_fullscreen()
    else:
        window.show()
    window.welcome_then(lambda: start_requested_practice(window, request))
    return window


def run_app(request: LaunchRequest) -> int:
    app = get_application()
    window = open_window(request)
    if request.quit_after is not None:
        QTimer.singleShot(round(request.quit_after * 1000), window.quit_app)
    with close_on_stop_signals(app, window):  # SIGTERM / Ctrl-C: close calmly, exit 0
        return app.exec()
