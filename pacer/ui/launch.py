"""Start the window: what the command line asked for, then Qt's event loop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from pacer.paths import ensure_private_dir
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
    ensure_private_dir(request.data_dir)
    context = AppContext(request.data_dir)
    context.apply_theme()
    if request.sound is not None and request.sound != context.preferences.sound:
        context.update_preferences(sound=request.sound)
    return MainWindow(context)


def start_requested_practice(window: MainWindow, request: LaunchRequest) -> None:
    if request.breathing is not None:
        window.show_page("breathing")
        window.breathing.start_plan(request.breathing)
    elif request.relaxation is not None:
        window.show_page("relaxation")
        window.relaxation.start_plan(request.relaxation)
    elif request.trainer is not None:
        window.start_trainer(request.trainer)
    if request.fullscreen:
        window.toggle_fullscreen()


def open_window(request: LaunchRequest) -> MainWindow:
    """Show the window and do what was asked; a requested session starts with no dialog.

    Asked for full screen, only the full-screen pacer appears; the main window shows when
    the person leaves full screen.
    """
    window = build_window(request)
    if not request.fullscreen:
        window.show()
    if any(plan is not None for plan in (request.breathing, request.relaxation, request.trainer)):
        start_requested_practice(window, request)
    else:
        if request.fullscreen:
            window.toggle_fullscreen()
        window.maybe_welcome()
    return window


def run_app(request: LaunchRequest) -> int:
    app = get_application()
    window = open_window(request)
    if request.quit_after is not None:
        QTimer.singleShot(round(request.quit_after * 1000), window.close)
    with close_on_stop_signals(app, window):  # SIGTERM / Ctrl-C: close calmly, exit 0
        return app.exec()
