"""The main window only assembles views; each feature lives in its own module."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow

from pacer.identity import APP_NAME


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(480, 420)
        self.resize(760, 620)
        welcome = QLabel("Take a slow breath. Pacer is here when you are ready.")
        welcome.setWordWrap(True)
        self.setCentralWidget(welcome)
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        self.quit_action = quit_action
