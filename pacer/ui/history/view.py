"""The history view: draws one ``HistorySnapshot`` — charts, calendar, check-ins, sessions.

It computes nothing: the page builds snapshots off the window's thread and hands them in.
Edits (a note, a feeling, a rest day) go straight to the log; ``changed`` then asks the
page for a fresh snapshot. A new snapshot or new colours never reset the zoom.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pacer.core.history.model import HistorySnapshot
from pacer.core.practice_log.records import SessionKind
from pacer.core.practice_log.store import PracticeLog
from pacer.core.practice_log.wording import KIND_WORDS
from pacer.ui.history.calendar import PracticeCalendar
from pacer.ui.history.charts import (
    ZOOM_STEP,
    CheckInChart,
    DateChart,
    FeelingsChart,
    MinutesChart,
)
from pacer.ui.history.legend import Legend, Mark
from pacer.ui.history.style import HistoryColours
from pacer.ui.history.table import (
    CHECK_IN_COLUMNS,
    NOTE_COLUMN,
    RESPONSE_COLUMN,
    ROWS_PER_STEP,
    SessionTable,
    SessionTableModel,
)

KIND_CHOICES: tuple[tuple[str, SessionKind | None], ...] = (
    ("All practice", None),
    *((KIND_WORDS[kind], kind) for kind in SessionKind),
)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.1)
    font.setWeight(QFont.Weight.DemiBold)
    label.setFont(font)
    return label


class _WrappedLabel(QLabel):
    """A wrapping label that always keeps the height its lines need, even in a scrolling
    page whose layout does not ask labels for their height at a given width."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self._keep_its_height()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_its_height()

    def _keep_its_height(self) -> None:
        needed = self.heightForWidth(self.width()) if self.text() else 0
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)


def _wrapped(text: str = "") -> QLabel:
    label = _WrappedLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class HistoryView(QWidget):
    """Your practice so far, as the latest snapshot shows it."""

    changed = Signal()  # the view wrote a note, a feeling or a rest day to the log
    kind_changed = Signal()  # another practice was chosen: the page builds a new snapshot

    def __init__(
        self, log: PracticeLog, colours: HistoryColours, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self._log = log
        self.colours = colours
        self.snapshot: HistorySnapshot | None = None
        self._rows_shown = ROWS_PER_STEP

        title = QLabel("Your practice")
        title.setObjectName("historyTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        title.setFont(font)
        self.kind_choice = QComboBox()
        self.kind_choice.setAccessibleName("Which practice to show")
        for label, _kind in KIND_CHOICES:
            self.kind_choice.addItem(label)
        self.kind_choice.currentIndexChanged.connect(self.kind_changed)
        header = QHBoxLayout()
        header.addWidget(title)
        header.addStretch(1)
        header.addWidget(self.kind_choice)

        self.summary = _wrapped()
        self.summary.setObjectName("historySummary")

        # Minutes per day, with the zoom buttons beside its heading.
        self.zoom_out_button = QToolButton()
        self.zoom_out_button.setText("−")
        self.zoom_out_button.setAccessibleName("Show a longer span of time")
        self.zoom_out_button.setToolTip("Show a longer span of time (or Ctrl + mouse wheel)")
        self.zoom_in_button = QToolButton()
        self.zoom_in_button.setText("+")
        self.zoom_in_button.setAccessibleName("Show a shorter span of time, closer")
        self.zoom_in_button.setToolTip("Show fewer days, closer (or Ctrl + mouse wheel)")
        self.zoom_out_button.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        self.zoom_in_button.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        minutes_header = QHBoxLayout()
        minutes_header.addWidget(_heading("Minutes each day"))
        minutes_header.addStretch(1)
        minutes_header.addWidget(self.zoom_out_button)
        minutes_header.addWidget(self.zoom_in_button)
        self.minutes_chart = MinutesChart(colours)
        self.minutes_chart.setMinimumHeight(200)
        self.minutes_chart.setMaximumHeight(320)
        self.minutes_legend = Legend(
            [
                (Mark.BAR, "minutes you practised that day"),
                (Mark.BAND, "days in a row (a rest day you mark keeps them together)"),
            ],
            colours,
        )

        self.calendar = PracticeCalendar(colours)
        self.calendar.rest_day_toggled.connect(self._toggle_rest_day)
        self.calendar_legend = Legend(
            [
                (Mark.PRACTISED_DAY, "you practised"),
                (Mark.REST_DAY, "a rest day you chose"),
                (Mark.QUIET_DAY, "a quiet day: click it to mark a rest day"),
            ],
            colours,
            stacked=True,
        )
        calendar_row = QHBoxLayout()
        calendar_row.addWidget(self.calendar, 0, Qt.AlignmentFlag.AlignTop)
        calendar_words = QVBoxLayout()
        calendar_words.addWidget(_wrapped("Recent weeks"))
        calendar_words.addWidget(self.calendar_legend)
        calendar_words.addStretch(1)
        calendar_row.addLayout(calendar_words, 1)

        # The check-in and feelings charts are built when a snapshot first has something
        # for them: a log without check-ins never pays for one, and building the three
        # charts is spread over separate turns of the event loop.
        self.check_in_chart: CheckInChart | None = None
        self.feelings_chart: FeelingsChart | None = None
        self.check_in_sentence = _wrapped()
        self.check_in_sentence.setObjectName("checkInSentence")
        self.check_in_legend = Legend(
            [
                (Mark.BEFORE, "before practice"),
                (Mark.AFTER, "after practice"),
                (None, "0 is completely soft, 10 as tense as it gets"),
            ],
            colours,
        )
        self.check_in_box = self._section(
            "Before and after practice",
            self.check_in_sentence,
            self.check_in_legend,
        )

        self.feelings_box = self._section("How you felt afterwards, when you noted it")

        self.table_model = SessionTableModel(self)
        self.table_model.note_edited.connect(self._save_note)
        self.table_model.feeling_edited.connect(self._save_feeling)
        self.table = SessionTable(self.table_model)
        self.more_button = QPushButton("Show earlier sessions")
        self.more_button.setFlat(True)
        self.more_button.clicked.connect(self.show_more_rows)
        self.sessions_box = self._section("Sessions", self.table, self.more_button)

        self.left_out = _wrapped()
        self.left_out.setObjectName("leftOutEntries")

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addLayout(minutes_header)
        layout.addWidget(self.minutes_chart, 3)
        layout.addWidget(self.minutes_legend)
        layout.addSpacing(6)
        layout.addLayout(calendar_row)
        layout.addSpacing(6)
        layout.addWidget(self.check_in_box, 2)
        layout.addWidget(self.feelings_box, 2)
        layout.addWidget(self.sessions_box)
        layout.addWidget(self.left_out)
        layout.addStretch(0)
        self.apply_colours(colours)

    @staticmethod
    def _section(title: str, *widgets: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 6, 0, 0)
        column.addWidget(_heading(title))
        for widget in widgets:
            column.addWidget(widget)
        return box

    @property
    def charts(self) -> list[DateChart]:
        """The charts built so far."""
        built = (self.minutes_chart, self.check_in_chart, self.feelings_chart)
        return [chart for chart in built if chart is not None]

    def _check_in_chart(self) -> CheckInChart:
        if self.check_in_chart is None:
            chart = CheckInChart(self.colours)
            chart.setMinimumHeight(190)
            chart.setMaximumHeight(300)
            chart.setXLink(self.minutes_chart)
            layout = self.check_in_box.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.insertWidget(layout.indexOf(self.check_in_legend), chart)
            self.check_in_chart = chart
        return self.check_in_chart

    def _feelings_chart(self) -> FeelingsChart:
        if self.feelings_chart is None:
            chart = FeelingsChart(self.colours)
            chart.setMinimumHeight(150)
            chart.setMaximumHeight(240)
            chart.setXLink(self.minutes_chart)
            layout = self.feelings_box.layout()
            assert isinstance(layout, QVBoxLayout)
            layout.addWidget(chart)
            self.feelings_chart = chart
        return self.feelings_chart

    @property
    def kind(self) -> SessionKind | None:
        return KIND_CHOICES[max(self.kind_choice.currentIndex(), 0)][1]

    # -- drawing a snapshot -------------------------------------------------------------------

    def show_snapshot(self, snapshot: HistorySnapshot) -> None:
        for step in self.snapshot_steps(snapshot):
            step()

    def snapshot_steps(self, snapshot: HistorySnapshot) -> list[Callable[[], None]]:
        """Showing a snapshot in a few short steps, each a fraction of the whole, so a
        caller can let the event loop breathe between them (ten thousand sessions)."""

        def overview() -> None:
            self.snapshot = snapshot
            self.summary.setText("\n".join(snapshot.lines))
            self.minutes_chart.show_snapshot(snapshot)
            self.calendar.set_weeks(snapshot.calendar)
            self.left_out.setText("\n".join(snapshot.left_out_lines))
            self.left_out.setVisible(bool(snapshot.left_out_lines))

        def check_ins() -> None:
            if snapshot.has_check_ins or self.check_in_chart is not None:
                self._check_in_chart().show_snapshot(snapshot)
            self.check_in_box.setVisible(snapshot.has_check_ins)
            self.check_in_sentence.setText(snapshot.check_ins.sentence or "")
            self.check_in_sentence.setVisible(bool(snapshot.check_ins.sentence))

        def feelings() -> None:
            if snapshot.has_feelings or self.feelings_chart is not None:
                self._feelings_chart().show_snapshot(snapshot)
            self.feelings_box.setVisible(snapshot.has_feelings)

        def sessions() -> None:
            self._show_rows()
            for column in CHECK_IN_COLUMNS:
                self.table.setColumnHidden(column, not snapshot.has_check_ins)
            self.table.setColumnHidden(RESPONSE_COLUMN, not snapshot.has_trainer)
            self.sessions_box.setVisible(not snapshot.empty)

        return [overview, check_ins, feelings, sessions]

    def _show_rows(self) -> None:
        assert self.snapshot is not None
        sessions = self.snapshot.sessions
        self.table_model.set_sessions(sessions[: self._rows_shown])
        hidden = len(sessions) - self.table_model.rowCount()
        self.more_button.setVisible(hidden > 0)
        if hidden > 0:
            self.more_button.setText(f"Show earlier sessions ({hidden:,} not shown yet)")

    def show_more_rows(self) -> None:
        self._rows_shown += ROWS_PER_STEP
        if self.snapshot is not None:
            self._show_rows()

    def apply_colours(self, colours: HistoryColours) -> None:
        """Day or night changed: recolour everything in place, keeping zoom and rows."""
        self.colours = colours
        for chart in self.charts:
            chart.apply_colours(colours)
        for legend in (self.minutes_legend, self.calendar_legend, self.check_in_legend):
            legend.set_colours(colours)
        self.calendar.set_colours(colours)
        palette = self.left_out.palette()
        palette.setColor(self.left_out.foregroundRole(), colours.faint_text)
        self.left_out.setPalette(palette)

    def zoom(self, factor: float) -> None:
        self.minutes_chart.zoom(factor)  # the other charts follow its time axis

    # -- edits ------------------------------------------------------------------------------

    def _toggle_rest_day(self, day: date) -> None:
        resting = not any(
            cell.rest
            for week in (self.snapshot.calendar if self.snapshot else [])
            for cell in week
            if cell.day == day
        )
        self._log.set_rest_day(day, resting=resting)
        self.changed.emit()

    def _save_note(self, session_id: str, text: str) -> None:
        # Called from inside the table's setData: update the row in place, no reset.
        self._log.set_note(session_id, text)
        self._show_updated(session_id)

    def _save_feeling(self, session_id: str, feeling: str | None) -> None:
        self._log.set_feeling(session_id, feeling)
        self._show_updated(session_id)

    def _show_updated(self, session_id: str) -> None:
        updated = self._log.get(session_id)
        if updated is not None:
            self.table_model.update_session(updated)
        self.changed.emit()

    def edit_note(self, row: int) -> None:
        """Open the note of the session in ``row`` for editing (keyboard users, tests)."""
        self.table.edit(self.table_model.index(row, NOTE_COLUMN))
