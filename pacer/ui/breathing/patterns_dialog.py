"""Your own breathing patterns: make one, rename it, or delete it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pacer.core.breathing.library import LibraryError
from pacer.core.breathing.pattern import PHASE_BOUNDS, BreathPattern, PatternError, Phase
from pacer.ui.app_context import AppContext

PHASE_LABELS = {
    Phase.INHALE: "Breathe in",
    Phase.HOLD: "Pause at the top (usually none)",
    Phase.EXHALE: "Breathe out",
    Phase.REST: "Rest before the next breath",
}


class PatternsDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Your patterns")
        self.saved = QListWidget(self)
        self.saved.setAccessibleName("Your saved patterns")
        self.rename_button = QPushButton("Rename…", self)
        self.delete_button = QPushButton("Delete", self)
        side = QVBoxLayout()
        side.addWidget(self.rename_button)
        side.addWidget(self.delete_button)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.saved, 1)
        top.addLayout(side)

        self.name = QLineEdit(self)
        self.name.setPlaceholderText("A name, e.g. Evening")
        self.spins: dict[Phase, QDoubleSpinBox] = {}
        form = QFormLayout()
        form.addRow("Name", self.name)
        defaults = {Phase.INHALE: 4.0, Phase.HOLD: 0.0, Phase.EXHALE: 7.0, Phase.REST: 0.0}
        for phase, label in PHASE_LABELS.items():
            bounds = PHASE_BOUNDS[phase]
            spin = QDoubleSpinBox(self)
            spin.setRange(bounds.minimum, bounds.maximum)
            spin.setSingleStep(0.5)
            spin.setDecimals(1)
            spin.setSuffix(" s")
            spin.setValue(defaults[phase])
            spin.valueChanged.connect(self._describe)
            self.spins[phase] = spin
            form.addRow(label, spin)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.save_button = QPushButton("Save as a new pattern", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Saved patterns", self))
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addWidget(QLabel("A new pattern", self))
        layout.addLayout(form)
        layout.addWidget(self.description)
        layout.addWidget(self.save_button)
        layout.addWidget(buttons)

        self.save_button.clicked.connect(self._save)
        self.rename_button.clicked.connect(self._rename)
        self.delete_button.clicked.connect(self._delete)
        self.saved.currentRowChanged.connect(self._update_buttons)
        self._reload()
        self._describe()

    def pattern(self) -> BreathPattern:
        values = {phase.value: spin.value() for phase, spin in self.spins.items()}
        return BreathPattern(**values)

    def _describe(self) -> None:
        try:
            pattern = self.pattern()
        except PatternError as error:
            self.description.setText(f"Please adjust: {error}.")
            self.save_button.setEnabled(False)
            return
        self.save_button.setEnabled(True)
        note = ""
        if pattern.exhale <= pattern.inhale:
            note = " Many people find a longer out-breath than in-breath more calming."
        self.description.setText(
            f"{pattern.describe()} — about {pattern.breaths_per_minute:.1f} breaths a minute.{note}"
        )

    def _reload(self) -> None:
        self.saved.clear()
        for name, pattern in self.context.patterns.items():
            self.saved.addItem(f"{name}  ·  {pattern.describe()}")
            self.saved.item(self.saved.count() - 1).setData(256, name)
        self._update_buttons()

    def _selected_name(self) -> str | None:
        item = self.saved.currentItem()
        return None if item is None else item.data(256)

    def _update_buttons(self) -> None:
        has = self._selected_name() is not None
        self.rename_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _changed(self) -> None:
        self._reload()
        self.context.patterns_changed.emit()

    def _save(self) -> None:
        try:
            self.context.patterns.save(self.name.text(), self.pattern())
        except (LibraryError, PatternError) as error:
            self.description.setText(str(error))
            return
        except OSError as error:
            self.description.setText(f"The pattern could not be saved: {error.strerror}.")
            return
        self.name.clear()
        self._changed()

    def _rename(self) -> None:
        old = self._selected_name()
        if old is None:
            return
        new, ok = QInputDialog.getText(self, "Rename pattern", "New name", text=old)
        if not ok:
            return
        try:
            self.context.patterns.rename(old, new)
        except LibraryError as error:
            QMessageBox.information(self, "Rename pattern", str(error))
            return
        self._changed()

    def _delete(self) -> None:
        name = self._selected_name()
        if name is None:
            return
        answer = QMessageBox.question(self, "Delete pattern", f"Delete your pattern “{name}”?")
        if answer == QMessageBox.StandardButton.Yes:
            self.context.patterns.delete(name)
            self._changed()
