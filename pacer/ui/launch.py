"""Start the window: what the command line asked for, then Qt's event loop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer

from pacer.paths import ensure_private_dir
from pacer.ui.application import get_application
from pacer.ui.main_window import MainWindow


@dataclass(frozen=True)
class LaunchRequest:
    data_dir: Path
    quit_after: float | None = None


def run_app(request: LaunchRequest) -> int:
    app = get_application()
    ensure_private_dir(request.data_dir)
    window = MainWindow(request.data_dir)
    window.show()
    if request.quit_after is not None:
        QTimer.singleShot(round(request.quit_after * 1000), window.close)
    return app.exec()
