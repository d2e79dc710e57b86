"""Distraction-free full screen: only the practice surface, and a quiet way out.

The practice surface is lent to this window while it is open and handed back when it
closes, so the running session never notices. The keys are the window's own actions, shared
with the main window, so Space, M, Ctrl+E, Ctrl+Q and F11 do here exactly what they do
there; Esc always leaves. Moving the mouse shows two large targets — pause or continue, and
leave — which fade again when the mouse rests. No button here ever takes keyboard focus,
so no key can be swallowed by one.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import (
    QEasingCurve,
    QEvent,
    QObject,
    QPropertyAnimation,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QCloseEvent, QCursor, QFont, QKeyEvent, QScreen
from PySide6.QtWidgets import (
    QGraphicsOpacityEffect,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pacer.ui.common.theme import Theme

IDLE_MS = 3000
FADE_MS = 600


class FullscreenWindow(QWidget):
    leave_requested = Signal()
    toggle_requested = Signal()  # the large Pause / Continue target

    def __init__(
        self, theme: Theme, actions: Iterable[QAction] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Pacer — practice")
        self.setObjectName("fullscreenPacer")
        self.setStyleSheet(
            f"#fullscreenPacer {{ background: {theme.background.name()}; }}"
            f"QPushButton#fullscreenTarget {{ font-size: 30px; padding: 18px 44px;"
            f" border-radius: 20px; }}"
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for action in actions:
            self.addAction(action)

        self.leave_button = self._target("Leave full screen  (Esc)", self.leave_requested)
        self.toggle_button = self._target("Pause  (Space)", self.toggle_requested)
        self.toggle_button.setObjectName("fullscreenTarget")
        top = QHBoxLayout()
        top.addStretch(1)
        top.addWidget(self.leave_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.toggle_button)
        bottom.addStretch(1)
        self._layout = QVBoxLayout(self)
        # A full-screen window takes the screen's size; size hints have nothing to say.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout.setContentsMargins(48, 24, 48, 24)
        self._layout.addLayout(top)
        self._view_index = 1
        self._layout.addLayout(bottom)
        self._view: QWidget | None = None

        self._effect = QGraphicsOpacityEffect(self)
        self._effect2 = QGraphicsOpacityEffect(self)
        self.leave_button.setGraphicsEffect(self._effect)
        self.toggle_button.setGraphicsEffect(self._effect2)
        self._fades = [
            QPropertyAnimation(effect, b"opacity", self) for effect in (self._effect, self._effect2)
        ]
        for fade in self._fades:
            fade.setDuration(FADE_MS)
            fade.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self._go_quiet)
        self._quiet = False

    def _target(self, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("fullscreenTarget")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space is never a click here
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        font = QFont(button.font())
        font.setPixelSize(30)
        button.setFont(font)
        button.clicked.connect(signal)
        return button

    def set_toggle_text(self, text: str, enabled: bool = True) -> None:
        """Mirror the page's Begin / Pause / Continue, with the key that does the same."""
        self.toggle_button.setText(f"{text}  (Space)")
        self.toggle_button.setVisible(enabled)

    def show_with(self, view: QWidget, screen: QScreen | None) -> None:
        self._view = view
        self._layout.insertWidget(self._view_index, view, 1)
        view.show()
        view.installEventFilter(self)
        for child in view.findChildren(QWidget):
            child.setMouseTracking(True)
            child.installEventFilter(self)
        view.setMouseTracking(True)
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.setFocus()
        self._wake()

    def release_view(self) -> QWidget | None:
        view, self._view = self._view, None
        if view is not None:
            view.removeEventFilter(self)
            for child in view.findChildren(QWidget):
                child.removeEventFilter(self)
            self._layout.removeWidget(view)
            view.setParent(None)
        self._idle.stop()
        self.unsetCursor()
        return view

    @property
    def cursor_hidden(self) -> bool:
        return self.cursor().shape() == Qt.CursorShape.BlankCursor

    @property
    def targets_shown(self) -> bool:
        return not self._quiet

    def _fade_to(self, opacity: float) -> None:
        for fade, effect in zip(self._fades, (self._effect, self._effect2), strict=True):
            fade.stop()
            fade.setStartValue(effect.opacity())
            fade.setEndValue(opacity)
            fade.start()

    def _wake(self) -> None:
        self.unsetCursor()
        if self._quiet:
            self._quiet = False
            self.leave_button.setEnabled(True)
            self.toggle_button.setEnabled(True)
            self._fade_to(1.0)
        self._idle.start()

    def _go_quiet(self) -> None:
        self._quiet = True
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))
        # Faded targets cannot be clicked by accident while lying still.
        self.leave_button.setEnabled(False)
        self.toggle_button.setEnabled(False)
        self._fade_to(0.0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseMove:
            self._wake()
        return super().eventFilter(watched, event)

    def mouseMoveEvent(self, event) -> None:
        self._wake()
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing (by the window manager, or the application quitting) simply leaves full
        # screen; refusing it would also cancel an application-wide quit.
        self.leave_requested.emit()
        event.accept()
