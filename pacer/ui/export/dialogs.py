"""The window's Export… dialog and Import… helper.

Both call exactly what ``pacer export`` and ``pacer import`` call
(:func:`pacer.core.export.exporting.export_log`, :func:`pacer.core.export.importing.import_file`),
on a worker thread with a progress bar, so the window never freezes, and report in calm words
inside the window. Nothing is written anywhere but where the user chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEventLoop, Qt, Signal
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
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pacer.core.export.exporting import ExportResult, PdfRenderer, export_log
from pacer.core.export.importing import import_file
from pacer.core.export.service import (
    DateRangeError,
    ExportFormat,
    ExportWriteError,
    ImportFormatError,
    ImportReadError,
    check_range,
    describe_merge,
)
from pacer.core.practice_log.store import LogError
from pacer.ui.export.background import BackgroundTask

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


def _first_day(log: Any) -> date | None:
    sessions = log.iter_sessions()
    try:
        first = next(sessions, None)
    finally:
        sessions.close()  # finish the statement: an open read would hide later writes
    return None if first is None else first.started_at.date()


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class ExportDialog(QDialog):
    """Choose a date range, a format and a file; then save on a worker thread.

    Emits ``exported(path)`` when the file is saved and ``attempted(saved)`` after every try
    (QDialog's own ``done`` and ``finished`` are about closing the dialog).
    """

    exported = Signal(Path)
    attempted = Signal(bool)

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
        self._task: BackgroundTask | None = None
        first = _first_day(log) or self._today

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

        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setAccessibleName("Saving progress")
        self.progress.setTextVisible(False)
        self.progress.hide()

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
        layout.addWidget(self.progress)
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

    @property
    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def export(self) -> bool:
        """Start saving with the chosen settings; False if it could not start.

        The outcome is shown in the dialog when the worker is done (``attempted`` is emitted).
        """
        if self.busy:
            return False
        text = self.path_edit.text().strip()
        if not text:
            self._show("Please choose where to save the file first.")
            return False
        output = Path(text).expanduser()
        since, until = self.selected_range()
        try:
            check_range(since, until)
        except DateRangeError:
            self._show("The first day is after the last day; please swap them.")
            return False
        fmt = self.selected_format()
        render: PdfRenderer | None = None
        if fmt is ExportFormat.PDF:
            from pacer.ui.export.pdf_report import render_pdf as render
        total = max(1, self._log.count()) if hasattr(self._log, "count") else 0
        log, data_dir = self._log, self._data_dir

        def work(report):
            report(-1.0)
            with log.open_another() as own:  # SQLite: one connection per thread

                def written(count: int) -> None:
                    if total and count % 500 == 0:
                        report(min(1.0, count / total))

                return export_log(
                    own,
                    fmt,
                    output,
                    since,
                    until,
                    render_pdf=render,
                    data_dir=data_dir,
                    on_session=written,
                )

        self._task = BackgroundTask(work)
        self._task.progressed.connect(self._progressed)
        self._task.succeeded.connect(self._exported)
        self._task.failed.connect(self._failed)
        self.save_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self._show("Saving…")
        self._task.start()
        return True

    def _progressed(self, share: float) -> None:
        if share < 0:
            self.progress.setRange(0, 0)  # busy: the amount is not known
        else:
            self.progress.setRange(0, 1000)
            self.progress.setValue(round(share * 1000))

    def _finish(self) -> None:
        self.progress.hide()
        self.save_button.setEnabled(True)

    def _exported(self, result: ExportResult) -> None:
        self._finish()
        self._show(result.message)
        self.save_button.setText("Save again")
        self.exported.emit(result.output)
        self.attempted.emit(True)

    def _failed(self, error: Exception) -> None:
        self._finish()
        if isinstance(error, (ExportWriteError, LogError)):
            self._show(str(error))
        else:
            self._show(f"The file could not be saved ({error}). Nothing was written.")
        self.attempted.emit(False)

    def _show(self, text: str) -> None:
        self.message.setText(text)


# --- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    imported: bool
    message: str
    result: Any = None  # the store's MergeResult when imported


def import_into_log(
    log: Any, path: Path, progress: Callable[[float], None] | None = None
) -> ImportOutcome:
    """Check the file, merge it in one transaction, and say what happened."""
    try:
        result = import_file(log, Path(path), progress=progress)
    except ImportFormatError as error:
        return ImportOutcome(False, f"This file was not imported. {error} Your log is unchanged.")
    except (ImportReadError, LogError) as error:
        return ImportOutcome(False, f"{error} Your log is unchanged.")
    return ImportOutcome(True, describe_merge(result), result)


def import_in_background(parent: QWidget | None, log: Any, path: Path) -> ImportOutcome:
    """Import on a worker thread with a progress dialog; the window keeps repainting."""
    outcome: list[ImportOutcome] = []

    def work(report):
        with log.open_another() as own:  # SQLite: one connection per thread
            return import_into_log(own, path, report)

    def failed(error: Exception) -> None:
        outcome.append(
            ImportOutcome(False, f"This file was not imported ({error}). Your log is unchanged.")
        )

    task = BackgroundTask(work)
    progress = QProgressDialog("Reading the file…", "", 0, 1000, parent)
    progress.setWindowTitle("Import")
    progress.setCancelButton(None)  # a merge is all or nothing; it is quick once read
    progress.setMinimumDuration(400)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    loop = QEventLoop()
    task.progressed.connect(lambda share: progress.setValue(round(max(share, 0) * 1000)))
    task.succeeded.connect(outcome.append)
    task.failed.connect(failed)
    task.finished.connect(loop.quit)
    task.start()
    if task.running or not outcome:
        loop.exec()
    progress.reset()
    progress.deleteLater()
    return outcome[0]


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
    outcome = import_in_background(parent, log, path)
    inform(parent, outcome)
    return outcome
