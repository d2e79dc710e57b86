"""The history view: assembles the charts, the calendar and the table around one snapshot.

It reads the log once, builds a ``HistorySnapshot`` (pure) and hands it to the widgets.
Edits (a note, a rest day) go straight to the log, then the snapshot is rebuilt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pacer.core.history.model import HistorySnapshot, build_history
from pacer.core.practice_log.records import SessionKind, SessionRecord
from pacer.core.practice_log.store import PracticeLog
from pacer.ui.history.calendar import PracticeCalendar
from pacer.ui.history.charts import FeelingsChart, MinutesChart
from pacer.ui.history.style import colours_for
from pacer.ui.history.table import (
    FEELING_COLUMN,
    NOTE_COLUMN,
    FeelingDelegate,
    SessionTableModel,
)

KIND_CHOICES: tuple[tuple[str, SessionKind | None], ...] = (
    ("All practice", None),
    ("Belly breathing", SessionKind.BREATHING),
    ("Relaxation", SessionKind.RELAXATION),
)


class HistoryView(QWidget):
    """Your practice so far. ``refresh()`` after a session ends to show it."""

    changed = Signal()  # after the view wrote a note or a rest day to the log

    def __init__(
        self,
        log: PracticeLog,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self._log = log
        self._today = today
        self._records: list[SessionRecord] = []
        self._rest_days: set[date] = set()
        self.snapshot: HistorySnapshot | None = None
        colours = colours_for(self)

        title = QLabel("Your practice")
        title.setObjectName("historyTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        self.kind_choice = QComboBox()
        self.kind_choice.setAccessibleName("Which practice to show")
        for label, _kind in KIND_CHOICES:
            self.kind_choice.addItem(label)
        self.kind_choice.currentIndexChanged.connect(self._rebuild)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.kind_choice)

        self.summary = QLabel()
        self.summary.setObjectName("historySummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.minutes_chart = MinutesChart(colours)
        self.feelings_chart = FeelingsChart(colours)
        self.feelings_chart.setXLink(self.minutes_chart)
        self.feelings_box = QWidget()
        feelings_layout = QVBoxLayout(self.feelings_box)
        feelings_layout.setContentsMargins(0, 0, 0, 0)
        feelings_layout.addWidget(QLabel("How you felt afterwards, when you noted it"))
        feelings_layout.addWidget(self.feelings_chart)

        self.calendar = PracticeCalendar(colours)
        self.calendar.rest_day_toggled.connect(self._toggle_rest_day)
        calendar_note = QLabel(
            "Recent weeks. Filled: a day you practised. Sand: a rest day you chose — "
            "click a quiet day to mark it. Rest days keep your days in a row together."
        )
        calendar_note.setWordWrap(True)
        calendar_row = QHBoxLayout()
        calendar_row.addWidget(self.calendar, 0, Qt.AlignmentFlag.AlignTop)
        calendar_row.addWidget(calendar_note, 1, Qt.AlignmentFlag.AlignTop)

        self.table_model = SessionTableModel(self)
        self.table_model.note_edited.connect(self._save_note)
        self.table_model.feeling_edited.connect(self._save_feeling)
        self.table = QTableView()
        self.table.setObjectName("sessionTable")
        self.table.setModel(self.table_model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setItemDelegateForColumn(FEELING_COLUMN, FeelingDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        head.setStretchLastSection(True)
        for column, width in enumerate((120, 60, 120, 130, 80, 130, 130)):
            self.table.setColumnWidth(column, width)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.minutes_chart, 3)
        layout.addLayout(calendar_row)
        layout.addWidget(self.feelings_box, 2)
        layout.addWidget(self.table, 3)
        self.refresh()

    @property
    def kind(self) -> SessionKind | None:
        return KIND_CHOICES[max(self.kind_choice.currentIndex(), 0)][1]

    def refresh(self) -> None:
        """Read the log again (a session ended, a note was added elsewhere)."""
        self._records = self._log.sessions()
        self._rest_days = self._log.rest_days()
        self._rebuild()

    def _rebuild(self) -> None:
        snapshot = build_history(self._records, self._rest_days, self._today(), kind=self.kind)
        self.snapshot = snapshot
        self.summary.setText("\n".join(snapshot.lines))
        self.minutes_chart.show_snapshot(snapshot)
        self.feelings_chart.show_snapshot(snapshot)
        self.feelings_box.setVisible(snapshot.has_feelings)
        self.calendar.set_weeks(snapshot.calendar)
        self.table_model.set_sessions(snapshot.sessions)
        self.table.setVisible(not snapshot.empty)

    def _toggle_rest_day(self, day: date) -> None:
        self._log.set_rest_day(day, resting=day not in self._rest_days)
        self.changed.emit()
        self.refresh()

    def _save_note(self, session_id: str, text: str) -> None:
        # Called from inside the table's setData: update the row in place, no reset.
        self._log.set_note(session_id, text)
        self._show_updated(session_id)

    def _save_feeling(self, session_id: str, feeling: str | None) -> None:
        self._log.set_feeling(session_id, feeling)
        self._show_updated(session_id)
        # The feelings chart changes too; rebuilding resets the table, which must wait
        # until the table has finished committing this edit.
        QTimer.singleShot(0, self._rebuild)

    def _show_updated(self, session_id: str) -> None:
        updated = self._log.get(session_id)
        self._records = [updated if r.id == session_id else r for r in self._records]
        self.table_model.update_session(updated)
        self.changed.emit()

    def edit_note(self, row: int) -> None:
        """Open the note of the session in ``row`` for editing (keyboard users, tests)."""
        self.table.edit(self.table_model.index(row, NOTE_COLUMN))
