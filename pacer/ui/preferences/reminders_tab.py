"""Preferences → Reminders: off unless turned on; up to three times, the days, the words."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from pacer.core.preferences import PreferenceError, Preferences
from pacer.core.reminders.schedule import (
    DAY_NAMES,
    MAX_TIMES,
    format_days,
    format_times,
    parse_days,
    parse_times,
)
from pacer.core.reminders.words import MAX_TEXT_LENGTH, NEUTRAL_LINES, ReminderTextError, check_text

# Shown, unticked, in the empty rows: a nudge of what could go there, never saved by itself.
SUGGESTED_TIMES = (QTime(19, 30), QTime(8, 0), QTime(12, 30))
REMINDER_FIELDS = (
    "reminders",
    "reminder_times",
    "reminder_days",
    "reminder_text",
    "reminder_skip_practised",
    "reminder_sound",
)


class RemindersTab(QWidget):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox("Send me a gentle reminder", self)
        self.enabled.setChecked(prefs.reminders)
        explanation = QLabel(
            "A small note appears at the times you choose, even with Pacer closed. "
            "It is shown once, fades on its own, and never names what you practise.",
            self,
        )
        explanation.setWordWrap(True)

        saved = parse_times(prefs.reminder_times)
        self.time_boxes: list[QCheckBox] = []
        self.time_edits: list[QTimeEdit] = []
        times = QGridLayout()
        for row in range(MAX_TIMES):
            box = QCheckBox(f"Time {row + 1}", self)
            edit = QTimeEdit(self)
            edit.setDisplayFormat("HH:mm")
            if row < len(saved):
                box.setChecked(True)
                edit.setTime(QTime(saved[row].hour, saved[row].minute))
            else:
                edit.setTime(SUGGESTED_TIMES[row])
            edit.setEnabled(box.isChecked())
            box.toggled.connect(edit.setEnabled)
            edit.setAccessibleName(f"Reminder time {row + 1}")
            times.addWidget(box, row, 0)
            times.addWidget(edit, row, 1)
            self.time_boxes.append(box)
            self.time_edits.append(edit)

        chosen_days = parse_days(prefs.reminder_days)
        self.day_boxes: list[QCheckBox] = []
        days = QHBoxLayout()
        for index, name in enumerate(DAY_NAMES):
            box = QCheckBox(name.capitalize(), self)
            box.setChecked(index in chosen_days)
            days.addWidget(box)
            self.day_boxes.append(box)

        self.words = QComboBox(self)
        self.words.setEditable(True)
        self.words.addItems(NEUTRAL_LINES)
        self.words.setCurrentText(prefs.reminder_text)
        editor = self.words.lineEdit()
        if editor is not None:
            editor.setMaxLength(MAX_TEXT_LENGTH)
        self.words.setAccessibleName("Reminder words")
        self.words.setToolTip("Pick a line or write your own; it may show on a locked screen.")

        self.skip_practised = QCheckBox("Skip on days I've already practised", self)
        self.skip_practised.setChecked(prefs.reminder_skip_practised)
        self.sound = QCheckBox("Play the desktop's notification sound", self)
        self.sound.setChecked(prefs.reminder_sound)

        form = QFormLayout()
        form.addRow("At", times)
        form.addRow("On", days)
        form.addRow("Words", self.words)
        form.addRow("", self.skip_practised)
        form.addRow("", self.sound)
        self.details = QWidget(self)
        self.details.setLayout(form)
        self.details.setEnabled(self.enabled.isChecked())
        self.enabled.toggled.connect(self.details.setEnabled)
        self.enabled.toggled.connect(self._offer_first_time)

        layout = QVBoxLayout(self)
        layout.addWidget(self.enabled)
        layout.addWidget(explanation)
        layout.addWidget(self.details)
        layout.addStretch(1)

    def _offer_first_time(self, on: bool) -> None:
        if on and not any(box.isChecked() for box in self.time_boxes):
            self.time_boxes[0].setChecked(True)

    def changes(self) -> dict[str, Any]:
        """The reminder preferences as chosen; raises PreferenceError with a kind message."""
        times = [
            edit.time().toString("HH:mm")
            for box, edit in zip(self.time_boxes, self.time_edits, strict=True)
            if box.isChecked()
        ]
        days = [index for index, box in enumerate(self.day_boxes) if box.isChecked()]
        enabled = self.enabled.isChecked()
        if enabled and not times:
            raise PreferenceError("Choose at least one time for the reminder.")
        if enabled and not days:
            raise PreferenceError("Choose at least one day for the reminder.")
        try:
            text = check_text(self.words.currentText())
        except ReminderTextError as error:
            raise PreferenceError(str(error)) from None
        return {
            "reminders": enabled,
            "reminder_times": format_times(parse_times(times)),
            "reminder_days": format_days(days) or "daily",
            "reminder_text": text,
            "reminder_skip_practised": self.skip_practised.isChecked(),
            "reminder_sound": self.sound.isChecked(),
        }
