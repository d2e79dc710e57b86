"""A calm dialog that shows a page of text: welcome, support, shortcuts, about."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class TextDialog(QDialog):
    def __init__(
        self,
        title: str,
        html: str,
        parent: QWidget | None = None,
        *,
        button: str = "Close",
        space_dismisses: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.resize(560, 440)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(f"<h2>{title}</h2>{html}")
        self.browser.setFrameShape(QTextBrowser.Shape.NoFrame)
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)
        self.ok_button = ok
        if space_dismisses:
            # Read lying down, perhaps from across the room: the practice key closes it too.
            self.browser.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            ok.setFocus()
            QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.accept)
        self._space_dismisses = space_dismisses

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._space_dismisses and event.key() == Qt.Key.Key_Space:
            self.accept()
        else:
            super().keyPressEvent(event)
