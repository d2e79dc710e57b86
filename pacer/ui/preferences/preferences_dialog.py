"""A small, clear preferences dialog. Every control only offers values that make sense."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSlider,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pacer.core.audio.levels import VOLUME_RANGE_DB as VOLUME_DB_RANGE
from pacer.core.preferences import (
    Appearance,
    MotionSetting,
    PreferenceError,
    Preferences,
)
from pacer.ui.app_context import AppContext
from pacer.ui.breathing.pattern_picker import OPEN_ENDED
from pacer.ui.preferences.reminders_tab import REMINDER_FIELDS, RemindersTab

MOTION_LABELS = {
    MotionSetting.SYSTEM: "Follow my system setting",
    MotionSetting.REDUCED: "Reduced: brightness changes instead of movement",
    MotionSetting.FULL: "Full movement",
}
APPEARANCE_LABELS = {
    Appearance.SYSTEM: "Follow my system",
    Appearance.LIGHT: "Day (light)",
    Appearance.DARK: "Night (dark)",
}


def apply_reminders(data_dir: Path, enabled: bool) -> None:
    """Login item and waiting process follow the saved reminder settings (raises OSError)."""
    from pacer.core.reminders.control import apply

    apply(data_dir, enabled)


class PreferencesDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        output_devices: Callable[[], list[str]] | None = None,
        reminders_applier: Callable[[Path, bool], None] = apply_reminders,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self._apply_reminders = reminders_applier
        self.setWindowTitle("Preferences")
        prefs = context.preferences

        self.pattern = QComboBox(self)
        for ref, name, pattern in context.pattern_choices():
            self.pattern.addItem(f"{name}  ·  {pattern.describe()}", ref)
        self.pattern.setCurrentIndex(max(self.pattern.findData(prefs.pattern), 0))
        self.minutes = QSpinBox(self)
        self.minutes.setRange(OPEN_ENDED, 120)
        self.minutes.setSpecialValueText("No set length")
        self.minutes.setSuffix(" min")
        minutes = prefs.session_minutes
        self.minutes.setValue(OPEN_ENDED if minutes is None else max(1, round(minutes)))

        self.sound = QCheckBox("Play soft sound cues", self)
        self.sound.setChecked(prefs.sound)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        low, high = VOLUME_DB_RANGE
        self.volume.setRange(int(low), int(high))
        self.volume.setValue(round(prefs.volume_db))
        self.volume_label = QLabel(self)
        self.volume.valueChanged.connect(self._show_volume)
        self._show_volume(self.volume.value())
        volume_row = QHBoxLayout()
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.volume_label)
        self.breath_tone = QCheckBox("A continuous tone that follows the breath", self)
        self.breath_tone.setChecked(prefs.breath_tone)
        self.device = QComboBox(self)
        self.device.addItem("System default", "")
        for name in output_devices() if output_devices else []:
            self.device.addItem(name, name)
        if prefs.output_device and self.device.findData(prefs.output_device) < 0:
            self.device.addItem(f"{prefs.output_device} (not connected now)", prefs.output_device)
        self.device.setCurrentIndex(max(self.device.findData(prefs.output_device), 0))

        self.motion = QComboBox(self)
        for motion, label in MOTION_LABELS.items():
            self.motion.addItem(label, motion.value)
        self.motion.setCurrentIndex(self.motion.findData(prefs.motion.value))
        self.countdown = QCheckBox("Show seconds counting down", self)
        self.countdown.setChecked(prefs.countdown)
        self.appearance = QComboBox(self)
        for appearance, label in APPEARANCE_LABELS.items():
            self.appearance.addItem(label, appearance.value)
        self.appearance.setCurrentIndex(self.appearance.findData(prefs.appearance.value))
        self.checkin = QCheckBox("Ask how tense I feel before and after", self)
        self.checkin.setChecked(prefs.checkin)

        form = QFormLayout()
        form.addRow("Usual pattern", self.pattern)
        form.addRow("Usual length", self.minutes)
        form.addRow("Sound", self.sound)
        form.addRow("Volume", volume_row)
        form.addRow("", self.breath_tone)
        form.addRow("Play through", self.device)
        form.addRow("Movement", self.motion)
        form.addRow("Countdown", self.countdown)
        form.addRow("Appearance", self.appearance)
        form.addRow("Check-in", self.checkin)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        practice = QWidget(self)
        practice.setLayout(form)
        self.reminders = RemindersTab(prefs, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(practice, "Practice")
        self.tabs.addTab(self.reminders, "Reminders")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _show_volume(self, value: int) -> None:
        self.volume_label.setText(f"{value} dB")

    def chosen(self) -> Preferences:
        minutes = self.minutes.value()
        return self.context.preferences.with_changes(
            pattern=self.pattern.currentData(),
            session_minutes=None if minutes == OPEN_ENDED else float(minutes),
            sound=self.sound.isChecked(),
            volume_db=float(self.volume.value()),
            breath_tone=self.breath_tone.isChecked(),
            output_device=self.device.currentData(),
            motion=MotionSetting(self.motion.currentData()),
            countdown=self.countdown.isChecked(),
            appearance=Appearance(self.appearance.currentData()),
            **self.reminders.changes(),
            checkin=self.checkin.isChecked(),
        )

    def accept(self) -> None:
        try:
            chosen = self.chosen()
        except PreferenceError as error:
            self.message.setText(str(error))
            return
        changes = {
            name: getattr(chosen, name)
            for name in chosen.__dataclass_fields__
            if getattr(chosen, name) != getattr(self.context.preferences, name)
        }
        if changes:
            self.context.update_preferences(**changes)
        if any(name in changes for name in REMINDER_FIELDS):
            try:
                self._apply_reminders(self.context.data_dir, chosen.reminders)
            except OSError as error:
                self.message.setText(
                    f"Your reminder settings are saved, but Pacer could not set up its "
                    f"login item: {error.strerror or error}"
                )
                return
        super().accept()
