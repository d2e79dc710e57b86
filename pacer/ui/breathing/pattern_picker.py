"""Choosing a breathing pattern and a session length before starting."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget

from pacer.core.breathing.pattern import BreathPattern

OPEN_ENDED = 0


class PatternPicker(QWidget):
    changed = Signal()
    manage_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pattern = QComboBox(self)
        self.pattern.setAccessibleName("Breathing pattern")
        self.pattern.setMinimumContentsLength(22)
        self.minutes = QSpinBox(self)
        self.minutes.setAccessibleName("Session length in minutes")
        self.minutes.setRange(OPEN_ENDED, 120)
        self.minutes.setSpecialValueText("No set length")
        self.minutes.setSuffix(" min")
        self.manage = QPushButton("Your patterns…", self)
        # Each label is the buddy of its field, so screen readers link the two (labelled-by).
        # On Linux Qt names a combo box by its current item and leaves its purpose to that
        # link, so the labels carry the full words a reader says.
        pattern_label = QLabel("Pattern", self)
        pattern_label.setBuddy(self.pattern)
        pattern_label.setAccessibleName(self.pattern.accessibleName())
        length_label = QLabel("Length", self)
        length_label.setBuddy(self.minutes)
        length_label.setAccessibleName(self.minutes.accessibleName())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(pattern_label)
        layout.addWidget(self.pattern, 1)
        layout.addWidget(length_label)
        layout.addWidget(self.minutes)
        layout.addWidget(self.manage)
        self.pattern.currentIndexChanged.connect(self.changed)
        self.minutes.valueChanged.connect(self.changed)
        self.manage.clicked.connect(self.manage_requested)

    def set_choices(self, choices: list[tuple[str, str, BreathPattern]], selected: str) -> None:
        self.pattern.blockSignals(True)
        self.pattern.clear()
        for ref, name, pattern in choices:
            self.pattern.addItem(f"{name}  ·  {pattern.describe()}", ref)
        index = self.pattern.findData(selected)
        self.pattern.setCurrentIndex(max(index, 0))
        self.pattern.blockSignals(False)

    def selected_ref(self) -> str:
        return self.pattern.currentData()

    def set_minutes(self, minutes: float | None) -> None:
        self.minutes.setValue(OPEN_ENDED if minutes is None else max(1, round(minutes)))

    def selected_minutes(self) -> float | None:
        value = self.minutes.value()
        return None if value == OPEN_ENDED else float(value)
