"""Distraction-free full screen: only the pacer, the phase words and a quiet way out.

The pacer view is lent to this window while it is open and handed back when it closes,
so the running session never notices. Esc always leaves; the cursor hides when idle.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QCursor, QKeyEvent, QScreen
from PySide6.QtWidgets import QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from pacer.ui.common.theme import Theme

CURSOR_IDLE_MS = 3000


class FullscreenWindow(QWidget):
    leave_requested = Signal()
    toggle_requested = Signal()  # Space: pause / continue

    def __init__(self, theme: Theme, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Pacer — breathing")
        self.setObjectName("fullscreenPacer")
        self.setStyleSheet(f"#fullscreenPacer {{ background: {theme.background.name()}; }}")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setMouseTracking(True)
        self._layout = QVBoxLayout(self)
        # A full-screen window takes the screen's size; size hints have nothing to say.
        self._layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._layout.setContentsMargins(48, 48, 48, 32)
        self.way_out = QPushButton("Leave full screen  (Esc)", self)
        self.way_out.setFlat(True)
        self.way_out.setCursor(Qt.CursorShape.PointingHandCursor)
        self.way_out.setStyleSheet(f"color: {theme.muted_text.name()}; border: none;")
        self.way_out.clicked.connect(self.leave_requested)
        self.hint = QLabel("Space pauses · Esc leaves", self)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet(f"color: {theme.muted_text.name()};")
        self._view: QWidget | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(CURSOR_IDLE_MS)
        self._idle.timeout.connect(self._go_quiet)

    def show_with(self, view: QWidget, screen: QScreen | None) -> None:
        self._view = view
        self._layout.addWidget(self.way_out, 0, Qt.AlignmentFlag.AlignRight)
        self._layout.addWidget(view, 1)
        self._layout.addWidget(self.hint)
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

    def _wake(self) -> None:
        self.unsetCursor()
        self.way_out.show()
        self.hint.show()
        self._idle.start()

    def _go_quiet(self) -> None:
        self.setCursor(QCursor(Qt.CursorShape.BlankCursor))
        self.way_out.hide()
        self.hint.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseMove:
            self._wake()
        return super().eventFilter(watched, event)

    def mouseMoveEvent(self, event) -> None:
        self._wake()
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            self.leave_requested.emit()
        elif key == Qt.Key.Key_Space:
            self.toggle_requested.emit()
            self._wake()
        else:
            super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing (by the window manager, or the application quitting) simply leaves full
        # screen; refusing it would also cancel an application-wide quit.
        self.leave_requested.emit()
        event.accept()
