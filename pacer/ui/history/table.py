"""The sessions, newest first, with their notes — which can be added or changed here.

The table is part of the page: it is exactly as tall as its rows (the page scrolls, the
table never shows a small inner scroll area) and shows the newest sessions first, a
hundred at a time, with a quiet button for earlier ones.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QResizeEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSizePolicy,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from pacer.core.practice_log.records import FEELINGS, SessionKind, SessionRecord, feeling_by_key
from pacer.core.practice_log.wording import (
    ENDED_WORDS,
    KIND_WORDS,
    RESPONSE_WORDS,
    describe_minutes,
    describe_pattern,
)

HEADERS = (
    "Date",
    "Time",
    "Practice",
    "Pattern",
    "Practised",
    "Ending",
    "Before",
    "After",
    "Response",
    "Feeling",
    "Note",
)
BEFORE_COLUMN = HEADERS.index("Before")
AFTER_COLUMN = HEADERS.index("After")
RESPONSE_COLUMN = HEADERS.index("Response")
FEELING_COLUMN = HEADERS.index("Feeling")
NOTE_COLUMN = HEADERS.index("Note")
EDITABLE_COLUMNS = (FEELING_COLUMN, NOTE_COLUMN)
CHECK_IN_COLUMNS = (BEFORE_COLUMN, AFTER_COLUMN)
# Short columns always show whole: the width of a typical value (or their header).
FIXED_SAMPLES = {
    0: "Wed 30 Sep 2026",
    1: "21:05",
    4: "10.5 min",
    BEFORE_COLUMN: "10",
    AFTER_COLUMN: "10",
}
# Wordy columns: (the width they would like, the least they get). In a narrower window
# they shrink towards the least in proportion, their text elides and its tooltip shows it
# whole; only when even that does not fit can the table be scrolled sideways.
FLEXIBLE_WIDTHS = {
    2: (125, 100),
    3: (110, 60),
    5: (135, 90),
    RESPONSE_COLUMN: (330, 100),
    FEELING_COLUMN: (125, 90),
    NOTE_COLUMN: (240, 90),
}
MIN_COLUMN_WIDTH = 36
NO_FEELING = ""
ROWS_PER_STEP = 100
ROW_HEIGHT = 30


def describe_response(record: SessionRecord) -> str:
    """How the muscles responded in a trainer practice, and guarding moments noted, if any."""
    if record.kind is not SessionKind.TRAINER:
        return ""
    words = RESPONSE_WORDS.get(record.response or "", "")
    moments = record.guarding_moments
    if isinstance(moments, int) and not isinstance(moments, bool) and moments > 0:
        noted = "1 guarding moment noted" if moments == 1 else f"{moments} guarding moments noted"
        words = f"{words} · {noted}" if words else noted.capitalize()
    return words


def _tension_text(value: object) -> str:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else ""


# Qt passes either kind of index to a model and its delegates.
AnyIndex = QModelIndex | QPersistentModelIndex


class SessionTableModel(QAbstractTableModel):
    note_edited = Signal(str, str)  # session id, new text
    feeling_edited = Signal(str, object)  # session id, feeling key or None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionRecord] = []

    def set_sessions(self, sessions: list[SessionRecord]) -> None:
        """Show these sessions. The same sessions in the same order are updated in place,
        so an editor, the selection and the scroll position survive a refresh."""
        if [r.id for r in sessions] == [r.id for r in self._rows]:
            self._rows = list(sessions)
            if self._rows:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, len(HEADERS) - 1)
                )
            return
        self.beginResetModel()
        self._rows = list(sessions)
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

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole and section in CHECK_IN_COLUMNS:
            return "How tense your body felt, 0 (completely soft) to 10, if you checked in"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.column() in EDITABLE_COLUMNS:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.EditRole and column == FEELING_COLUMN:
            return record.feeling or NO_FEELING
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            try:
                return self._text(record, column)
            except (ValueError, OverflowError, KeyError, TypeError):
                return ""  # an odd value shows as nothing rather than stopping the table
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == NOTE_COLUMN:
                return record.note or "Double-click to add a note"
            return self.data(index, Qt.ItemDataRole.DisplayRole) or None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in CHECK_IN_COLUMNS:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _text(record: SessionRecord, column: int) -> str:
        if column == 0:
            return record.started_at.strftime("%a %d %b %Y")
        if column == 1:
            return record.started_at.strftime("%H:%M")
        if column == 2:
            return KIND_WORDS[record.kind]
        if column == 3:
            return describe_pattern(record)
        if column == 4:
            return describe_minutes(record.practised_seconds)
        if column == 5:
            return ENDED_WORDS[record.ended]
        if column == BEFORE_COLUMN:
            return _tension_text(record.tension_before)
        if column == AFTER_COLUMN:
            return _tension_text(record.tension_after)
        if column == RESPONSE_COLUMN:
            return describe_response(record)
        if column == FEELING_COLUMN:
            feeling = feeling_by_key(record.feeling)
            return "" if feeling is None else feeling.label
        return record.note or ""

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
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

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QComboBox:
        editor = QComboBox(parent)
        editor.addItem("(not noted)", NO_FEELING)
        for feeling in FEELINGS:
            editor.addItem(feeling.label, feeling.key)
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class SessionTable(QTableView):
    """A table exactly as tall as its rows and as wide as the page: the page scrolls."""

    def __init__(self, model: SessionTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setItemDelegateForColumn(FEELING_COLUMN, FeelingDelegate(self))
        self.setWordWrap(False)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        rows = self.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(ROW_HEIGHT)
        head = self.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        head.setMinimumSectionSize(MIN_COLUMN_WIDTH)
        head.sectionCountChanged.connect(self.fit_columns)
        self.horizontalScrollBar().rangeChanged.connect(self.fit_height)
        model.modelReset.connect(self.fit_height)
        model.rowsInserted.connect(self.fit_height)
        model.rowsRemoved.connect(self.fit_height)
        self.fit_height()

    def fit_height(self, *_: object) -> None:
        height = self.horizontalHeader().sizeHint().height() + 2 * self.frameWidth()
        height += self.model().rowCount() * ROW_HEIGHT
        scroll = self.horizontalScrollBar()
        if scroll.maximum() > scroll.minimum():
            height += scroll.sizeHint().height()
        if self.height() != height:
            self.setFixedHeight(height)

    def _fixed_width(self, column: int) -> int:
        header = self.model().headerData(column, Qt.Orientation.Horizontal)
        wide = max(
            self.fontMetrics().horizontalAdvance(FIXED_SAMPLES[column]),
            self.horizontalHeader().fontMetrics().horizontalAdvance(str(header)),
        )
        return wide + 14

    def fit_columns(self, *_: object) -> None:
        """Short columns whole; wordy ones shrink in proportion until they fit the page."""
        shown = [c for c in range(self.model().columnCount()) if not self.isColumnHidden(c)]
        fixed = {c: self._fixed_width(c) for c in shown if c in FIXED_SAMPLES}
        flexible = {c: FLEXIBLE_WIDTHS[c] for c in shown if c in FLEXIBLE_WIDTHS}
        spare = self.viewport().width() - sum(fixed.values())
        wished = sum(w for w, _ in flexible.values())
        least = sum(m for _, m in flexible.values())
        share = 1.0 if spare >= wished else max(spare - least, 0) / max(wished - least, 1)
        widths = dict(fixed)
        for column, (wish, minimum) in flexible.items():
            widths[column] = max(MIN_COLUMN_WIDTH, round(minimum + (wish - minimum) * share))
        for column in shown[:-1]:  # the last one (the note) stretches to the edge
            if self.columnWidth(column) != widths[column]:
                self.setColumnWidth(column, widths[column])

    def setColumnHidden(self, column: int, hide: bool) -> None:
        if self.isColumnHidden(column) != hide:
            super().setColumnHidden(column, hide)
            self.fit_columns()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.angleDelta().x() and not event.angleDelta().y():
            super().wheelEvent(event)  # sideways, when a narrow window needs it
        else:
            event.ignore()  # up and down: the page scrolls, never the table
