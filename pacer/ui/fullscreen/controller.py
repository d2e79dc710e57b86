"""Lends the active page's practice surface to a full-screen window on the main window's screen."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, SignalInstance
from PySide6.QtWidgets import QWidget

from pacer.ui.common.theme import Theme
from pacer.ui.fullscreen.fullscreen_window import FullscreenWindow


class LendsView(Protocol):
    controls_changed: SignalInstance  # (Begin/Pause/Continue text, enabled)

    def take_view(self) -> QWidget: ...
    def return_view(self) -> None: ...
    def toggle(self) -> None: ...
    def toggle_text(self) -> tuple[str, bool]: ...


class FullscreenController(QObject):
    def __init__(self, main_window: QWidget) -> None:
        super().__init__(main_window)
        self.main_window = main_window
        self.window: FullscreenWindow | None = None
        self._page: LendsView | None = None

    @property
    def active(self) -> bool:
        return self.window is not None

    def enter(self, page: LendsView, theme: Theme) -> None:
        if self.window is not None:
            return
        screen = self.main_window.screen()
        self._page = page
        # The main window's actions work here too: one key does one thing everywhere.
        self.window = FullscreenWindow(theme, self.main_window.actions())
        self.window.leave_requested.connect(self.leave)
        self.window.toggle_requested.connect(page.toggle)
        page.controls_changed.connect(self.window.set_toggle_text)
        self.window.set_toggle_text(*page.toggle_text())
        view = page.take_view()
        if hasattr(view, "set_distance_reading"):
            view.set_distance_reading(True)
        self.window.show_with(view, screen)

    def leave(self, *, show_main_window: bool = True) -> None:
        window, page = self.window, self._page
        if window is None or page is None:
            return
        self.window, self._page = None, None
        page.controls_changed.disconnect(window.set_toggle_text)
        view = window.release_view()
        if view is not None:
            if hasattr(view, "set_distance_reading"):
                view.set_distance_reading(False)
            page.return_view()
        window.hide()
        window.deleteLater()
        if show_main_window:
            if not self.main_window.isVisible():
                self.main_window.show()  # it was started straight into full screen
            self.main_window.activateWindow()

    def toggle(self, page: LendsView, theme: Theme) -> None:
        if self.active:
            self.leave()
        else:
            self.enter(page, theme)
