"""The window's Export… dialog and Import… helper.

Both call exactly what ``pacer export`` and ``pacer import`` call
(:func:`pacer.commands.export.export_log`, :func:`pacer.core.export.service.import_file`),
and report in calm words inside the window. Nothing is written anywhere but where the user
chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pacer.commands.export import export_log
from pacer.core.export.service import (
    DateRangeError,
    ExportFormat,
    ExportWriteError,
    ImportFormatError,
    ImportReadError,
    describe_merge,
    import_file,
)
from pacer.core.practice_log.store import LogError

FILE_FILTERS = {
    ExportFormat.CSV: "Spreadsheet (*.csv)",
    ExportFormat.JSON: "Pacer log (*.json)",
    ExportFormat.PDF: "PDF (*.pdf)",
}
FORMAT_HINTS = {
    ExportFormat.PDF: "A printable summary to share with your physiotherapist or therapist.",
    ExportFormat.CSV: "One row per session, for LibreOffice Calc, Excel or Numbers.",
    ExportFormat.JSON: "Everything in your log, to keep as a copy or bring to another computer.",
}


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ExportDialog(QDialog):
    """Choose a date range, a format and a file; then save. Emits ``exported(path)``."""

    exported = Signal(Path)

    def __init__(
        self,
        log: Any,
        data_dir: Path | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        default_folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export your practice log")
        self.setObjectName("exportDialog")
        self._log = log
        self._data_dir = data_dir
        self._today = today or date.today()
        self._folder = default_folder or Path.home()
        sessions = log.sessions()
        first = min((s.started_at.date() for s in sessions), default=self._today)

        intro = QLabel("Save your log to a file you choose. It stays on this computer.")
        intro.setWordWrap(True)

        self.all_days = QRadioButton("All sessions")
        self.some_days = QRadioButton("Only these days:")
        self.all_days.setChecked(True)
        range_group = QButtonGroup(self)
        range_group.addButton(self.all_days)
        range_group.addButton(self.some_days)
        self.since_edit = QDateEdit(_to_qdate(first))
        self.until_edit = QDateEdit(_to_qdate(max(first, self._today)))
        for edit in (self.since_edit, self.until_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setEnabled(False)
        self.some_days.toggled.connect(self.since_edit.setEnabled)
        self.some_days.toggled.connect(self.until_edit.setEnabled)
        range_row = QHBoxLayout()
        range_row.addWidget(self.some_days)
        range_row.addWidget(self.since_edit)
        range_row.addWidget(QLabel("to"))
        range_row.addWidget(self.until_edit)
        range_row.addStretch(1)

        self.format_buttons: dict[ExportFormat, QRadioButton] = {}
        self._format_group = QButtonGroup(self)
        format_box = QVBoxLayout()
        for fmt in (ExportFormat.PDF, ExportFormat.CSV, ExportFormat.JSON):
            button = QRadioButton(fmt.label)
            button.setToolTip(FORMAT_HINTS[fmt])
            self._format_group.addButton(button)
            self.format_buttons[fmt] = button
            hint = QLabel(FORMAT_HINTS[fmt])
            hint.setWordWrap(True)
            hint.setIndent(24)
            small = hint.font()
            small.setPointSizeF(small.pointSizeF() * 0.9)
            hint.setFont(small)
            format_box.addWidget(button)
            format_box.addWidget(hint)
            button.toggled.connect(self._format_changed)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("Choose where to save…")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self.choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(choose)

        self.message = QLabel()
        self.message.setObjectName("exportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = self.buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        days = QVBoxLayout()
        days.addWidget(self.all_days)
        days.addLayout(range_row)
        form.addRow("Days", days)
        form.addRow("Format", format_box)
        form.addRow("File", path_row)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self.format_buttons[ExportFormat.PDF].setChecked(True)

    # -- state ---------------------------------------------------------------------------

    def selected_format(self) -> ExportFormat:
        return next(f for f, b in self.format_buttons.items() if b.isChecked())

    def selected_range(self) -> tuple[date | None, date | None]:
        if self.all_days.isChecked():
            return None, None
        return _from_qdate(self.since_edit.date()), _from_qdate(self.until_edit.date())

    def set_range(self, since: date | None, until: date | None) -> None:
        if since is None and until is None:
            self.all_days.setChecked(True)
            return
        self.some_days.setChecked(True)
        if since is not None:
            self.since_edit.setDate(_to_qdate(since))
        if until is not None:
            self.until_edit.setDate(_to_qdate(until))

    def set_format(self, fmt: ExportFormat) -> None:
        self.format_buttons[ExportFormat(fmt)].setChecked(True)

    def _default_path(self, fmt: ExportFormat) -> Path:
        return self._folder / f"practice-log-{self._today.isoformat()}{fmt.suffix}"

    def _format_changed(self, checked: bool) -> None:
        if not checked:
            return
        fmt = self.selected_format()
        text = self.path_edit.text().strip()
        if not text:
            self.path_edit.setText(str(self._default_path(fmt)))
            return
        path = Path(text)
        if path.suffix.lower() in {f.suffix for f in ExportFormat}:
            self.path_edit.setText(str(path.with_suffix(fmt.suffix)))

    def choose_file(self) -> None:
        fmt = self.selected_format()
        current = self.path_edit.text().strip() or str(self._default_path(fmt))
        name, _ = QFileDialog.getSaveFileName(
            self, "Save your practice log", current, FILE_FILTERS[fmt]
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != fmt.suffix:
                path = path.with_name(path.name + fmt.suffix)
            self.path_edit.setText(str(path))

    # -- action --------------------------------------------------------------------------

    def export(self) -> bool:
        """Save with the chosen settings; the outcome is shown in the dialog."""
        text = self.path_edit.text().strip()
        if not text:
            self._show("Please choose where to save the file first.")
            return False
        output = Path(text).expanduser()
        since, until = self.selected_range()
        try:
            data = export_log(
                self._log, self.selected_format(), output, since, until, data_dir=self._data_dir
            )
        except DateRangeError:
            self._show("The first day is after the last day; please swap them.")
            return False
        except (ExportWriteError, LogError) as error:
            self._show(str(error))
            return False
        count = len(data.sessions)
        noun = "session" if count == 1 else "sessions"
        self._show(f"Saved {count} {noun} to {output}.")
        self.save_button.setText("Save again")
        self.exported.emit(output)
        return True

    def _show(self, text: str) -> None:
        self.message.setText(text)


# --- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    imported: bool
    message: str
    result: Any = None  # the store's MergeResult when imported


def import_into_log(log: Any, path: Path) -> ImportOutcome:
    """Check the file, merge it in one transaction, and say what happened."""
    try:
        result = import_file(log, Path(path))
    except ImportFormatError as error:
        return ImportOutcome(False, f"This file was not imported. {error} Your log is unchanged.")
    except (ImportReadError, LogError) as error:
        return ImportOutcome(False, f"{error} Your log is unchanged.")
    return ImportOutcome(True, describe_merge(result), result)


def _choose_import_file(parent: QWidget | None) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import a Pacer log", str(Path.home()), "Pacer log (*.json);;All files (*)"
    )
    return Path(name) if name else None


def _inform(parent: QWidget | None, outcome: ImportOutcome) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Import")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(outcome.message)
    box.exec()


def import_with_dialog(
    parent: QWidget | None,
    log: Any,
    *,
    choose: Callable[[QWidget | None], Path | None] = _choose_import_file,
    inform: Callable[[QWidget | None, ImportOutcome], None] = _inform,
) -> ImportOutcome | None:
    """File chooser → merge → calm message. Returns None if the user chose no file.

    Refresh the history view when ``outcome.imported`` is true.
    """
    path = choose(parent)
    if path is None:
        return None
    outcome = import_into_log(log, path)
    inform(parent, outcome)
    return outcome
