"""The sessions, newest first, with their notes — which can be added or changed here."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from pacer.core.practice_log.records import FEELINGS, SessionRecord, feeling_by_key
from pacer.core.practice_log.wording import (
    ENDED_WORDS,
    KIND_WORDS,
    describe_minutes,
    describe_pattern,
)

HEADERS = ("Date", "Time", "Practice", "Pattern", "Practised", "Ending", "Feeling", "Note")
NOTE_COLUMN = HEADERS.index("Note")
FEELING_COLUMN = HEADERS.index("Feeling")
EDITABLE_COLUMNS = (FEELING_COLUMN, NOTE_COLUMN)
NO_FEELING = ""


class SessionTableModel(QAbstractTableModel):
    note_edited = Signal(str, str)  # session id, new text
    feeling_edited = Signal(str, object)  # session id, feeling key or None

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[SessionRecord] = []

    def set_sessions(self, sessions: list[SessionRecord]) -> None:
        self.beginResetModel()
        self._rows = sessions
        self.endResetModel()

    def session_at(self, row: int) -> SessionRecord:
        return self._rows[row]

    def update_session(self, record: SessionRecord) -> None:
        """Show a changed record (same id) in place, without resetting the table."""
        for row, old in enumerate(self._rows):
            if old.id == record.id:
                self._rows[row] = record
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))
                return

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return HEADERS[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() in EDITABLE_COLUMNS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == FEELING_COLUMN:
            return record.feeling or NO_FEELING
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(record, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == NOTE_COLUMN:
            return record.note or "Double-click to add a note"
        return None

    @staticmethod
    def _text(record: SessionRecord, column: int) -> str:
        started = record.started_at
        if column == 0:
            return started.strftime("%a %d %b %Y")
        if column == 1:
            return started.strftime("%H:%M")
        if column == 2:
            return KIND_WORDS[record.kind]
        if column == 3:
            return describe_pattern(record)
        if column == 4:
            return describe_minutes(record.practised_seconds)
        if column == 5:
            return ENDED_WORDS[record.ended]
        if column == 6:
            feeling = feeling_by_key(record.feeling)
            return "" if feeling is None else feeling.label
        return record.note or ""

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE_COLUMNS:
            return False
        record = self._rows[index.row()]
        if index.column() == FEELING_COLUMN:
            self.feeling_edited.emit(record.id, str(value) or None)
        else:
            self.note_edited.emit(record.id, str(value))
        return True


class FeelingDelegate(QStyledItemDelegate):
    """Choose from the same few words as after a session — or none."""

    def createEditor(self, parent: QWidget, option, index: QModelIndex) -> QComboBox:
        editor = QComboBox(parent)
        editor.addItem("(not noted)", NO_FEELING)
        for feeling in FEELINGS:
            editor.addItem(feeling.label, feeling.key)
        return editor

    def setEditorData(self, editor: QComboBox, index: QModelIndex) -> None:
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QComboBox, model, index: QModelIndex) -> None:
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
