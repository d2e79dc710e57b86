"""The first screen: one obvious way into today's practice, everything else one step away."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class PracticeCard(QPushButton):
    def __init__(self, title: str, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("practiceCard")
        self.setMinimumSize(240, 150)
        self.setAccessibleName(title)
        self.title = QLabel(title, self)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.45)
        self.title.setFont(font)
        self.detail = QLabel(detail, self)
        self.detail.setWordWrap(True)
        for label in (self.title, self.detail):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def set_detail(self, text: str) -> None:
        self.detail.setText(text)
        self.setAccessibleDescription(text)


class HomePage(QWidget):
    breathe_requested = Signal()
    relax_requested = Signal()
    trainer_requested = Signal()
    history_requested = Signal()
    preferences_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        greeting = QLabel("Take a moment for yourself", self)
        font = QFont(greeting.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        greeting.setFont(font)
        greeting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub = QLabel("Lie down comfortably, perhaps with a pillow under your knees.", self)
        sub.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sub.setWordWrap(True)
        self.breathe = PracticeCard("Breathe", "", self)
        self.relax = PracticeCard("Relax", "Tighten, let go, and notice the difference", self)
        self.trainer = PracticeCard(
            "Trainer practice", "Paced by your out-breath, at your own pace", self
        )
        cards = QHBoxLayout()
        cards.addStretch(1)
        cards.addWidget(self.breathe)
        cards.addSpacing(16)
        cards.addWidget(self.relax)
        cards.addSpacing(16)
        cards.addWidget(self.trainer)
        cards.addStretch(1)
        self.history = QPushButton("Your practice log", self)
        self.history.setFlat(True)
        self.preferences = QPushButton("Preferences", self)
        self.preferences.setFlat(True)
        links = QHBoxLayout()
        links.addStretch(1)
        links.addWidget(self.history)
        links.addWidget(self.preferences)
        links.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 24)
        layout.addStretch(1)
        layout.addWidget(greeting)
        layout.addWidget(sub)
        layout.addSpacing(24)
        layout.addLayout(cards)
        layout.addSpacing(16)
        layout.addLayout(links)
        layout.addStretch(2)
        self.breathe.clicked.connect(self.breathe_requested)
        self.relax.clicked.connect(self.relax_requested)
        self.trainer.clicked.connect(self.trainer_requested)
        self.history.clicked.connect(self.history_requested)
        self.preferences.clicked.connect(self.preferences_requested)

    def set_breathing_detail(self, text: str) -> None:
        self.breathe.set_detail(text)
