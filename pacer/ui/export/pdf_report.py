"""A printable A4 summary of the practice log for a clinician, drawn with QPainter.

The content (totals, weeks, table rows and their wording) comes from
:mod:`pacer.core.export.report`; this module only lays it out: a title, the date range,
summary cards, a small calm bar chart of minutes per week, the week-by-week check-ins and
trainer responses, and the session table (rest days among the sessions) whose cells wrap,
split across pages when needed and repeat their header on every page. Dates and times never
wrap: their columns take the width the widest of them needs.

Why our own pagination rather than QTextDocument: both were tried (docs/architecture.md);
the pages looked alike, but QTextDocument took 2.3 s for 1,000 sessions and 12 s for 4,000
(its HTML import and table layout grow faster than the log), against 1 s and 3.8 s here,
and it could only place the chart as a picture.

Any character the font lacks (an emoji in a note) is drawn from a font that has it by Qt's
font fallback (Debian's fonts-symbola covers emoji in outline form).

Works headless: :func:`ensure_gui_application` starts Qt on the offscreen platform when no
application exists, so ``pacer export --format pdf`` needs no display. Safe on a worker
thread: only QPdfWriter, QPainter and QTextLayout are used.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextLayout,
    QTextOption,
)

from pacer import __version__
from pacer.core.export.report import (
    TABLE_HEADINGS,
    WEEK_HEADINGS,
    Report,
    WeekBar,
    build_report,
)
from pacer.core.export.service import ExportData

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGINS_MM = QMarginsF(18, 16, 18, 14)

INK = QColor("#2f3a45")  # body text: dark slate, high contrast on white
SOFT_INK = QColor("#66727e")  # secondary text
ACCENT = QColor("#4f6f8c")  # titles
BAR = QColor("#9fb7cb")  # muted blue-grey bars
CARD = QColor("#f3eee6")  # warm sand
STRIPE = QColor("#faf7f2")
RULE = QColor("#d9d2c7")

# Relative widths of the session table's columns after Date and Time (which take what their
# text needs and never wrap): Practice, Minutes, How it ended, Check-in and feeling, Note.
FLEXIBLE_WEIGHTS = (24, 11, 12, 18, 30)
WEEK_WEIGHTS = (20, 48, 32)


def ensure_gui_application(*, offscreen: bool = False) -> QGuiApplication:
    """Return the running Qt application, starting a windowless one if there is none.

    Fonts need a QGuiApplication. With ``offscreen`` (the command line) or with no display
    to talk to, the offscreen platform is used, so exporting never needs a screen.
    """
    app = QGuiApplication.instance()
    if app is not None:
        return app  # type: ignore[return-value]
    import os

    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    argv = sys.argv[:1] or ["pacer"]
    if offscreen or (no_display and sys.platform.startswith("linux")):
        argv = [*argv, "-platform", "offscreen"]
    return QGuiApplication(argv)


def render_pdf(data: ExportData) -> bytes:
    """The report as PDF bytes (the caller writes them atomically)."""
    report = build_report(data)
    # Two passes: the first only counts pages, so the footer can say "page 2 of 5". Cells
    # are laid out once and kept for the second pass.
    cells: dict[tuple[int, int], _Row] = {}
    pages = _render(report, None, cells)[1]
    return _render(report, pages, cells)[0]


def _render(
    report: Report, total_pages: int | None, cells: dict[tuple[int, int], _Row]
) -> tuple[bytes, int]:
    array = QByteArray()
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(MARGINS_MM, QPageLayout.Unit.Millimeter)
    writer.setTitle(f"{report.title}, {report.range_text}")
    writer.setCreator(f"Pacer {__version__}")
    painter = QPainter(writer)
    try:
        page_count = _Layout(painter, writer, report, total_pages, cells).run()
    finally:
        painter.end()
    buffer.close()
    return bytes(array.data()), page_count


@dataclass
class _Fonts:
    title: QFont
    subtitle: QFont
    small: QFont
    heading: QFont
    card_value: QFont
    body: QFont
    body_bold: QFont


def _font(point_size: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPointSizeF(point_size)
    font.setBold(bold)
    # No ligatures: "floor" copied or read aloud from the PDF stays "floor", not "ﬂoor".
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


class _Layout:
    """Draws the report top to bottom, starting new pages as content needs them."""

    def __init__(
        self,
        painter: QPainter,
        writer: QPdfWriter,
        report: Report,
        total_pages: int | None,
        cells: dict[tuple[int, int], _Row],
    ) -> None:
        self.p = painter
        self.writer = writer
        self.report = report
        self.total_pages = total_pages
        self.cells = cells  # laid-out rows by (table, row); filled by the first pass
        self.mm = RESOLUTION / 25.4
        self.width = float(writer.width())
        self.footer_height = 8 * self.mm
        self.bottom = float(writer.height()) - self.footer_height
        self.y = 0.0
        self.page = 1
        self.fonts = _Fonts(
            title=_font(20, bold=True),
            subtitle=_font(12.5),
            small=_font(8.5),
            heading=_font(12, bold=True),
            card_value=_font(17, bold=True),
            body=_font(8.5),
            body_bold=_font(8.5, bold=True),
        )
        self.p.setRenderHint(QPainter.RenderHint.Antialiasing)

    # -- page handling --

    def run(self) -> int:
        self.pad = 1.4 * self.mm
        self._header()
        self._summary_cards()
        self._check_in_line()
        self._chart()
        self._week_notes()
        self._sessions()
        self._footer()
        return self.page

    def _new_page(self) -> None:
        self._footer()
        self.writer.newPage()
        self.page += 1
        self.y = 0.0

    def _footer(self) -> None:
        self.p.setFont(self.fonts.small)
        self.p.setPen(SOFT_INK)
        line_y = self.bottom + 2.5 * self.mm
        self.p.setPen(QPen(RULE, 0.25 * self.mm))
        self.p.drawLine(QPointF(0, line_y), QPointF(self.width, line_y))
        self.p.setPen(SOFT_INK)
        rect = QRectF(0, line_y + 1 * self.mm, self.width, self.footer_height - 3.5 * self.mm)
        left = f"{self.report.title} · {self.report.range_text}"
        self.p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
        page = f"Page {self.page}" + (f" of {self.total_pages}" if self.total_pages else "")
        self.p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, page)

    def _text_height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.writer).height()

    def _draw_line_of_text(self, text: str, font: QFont, color: QColor, gap_after: float) -> None:
        height = self._text_height(font)
        self.p.setFont(font)
        self.p.setPen(color)
        rect = QRectF(0, self.y, self.width, height)
        self.p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        self.y += height + gap_after

    def _paragraph(self, text: str, font: QFont, color: QColor, gap_after: float) -> None:
        """Wrapped text, moved to a new page if it does not fit."""
        cell = _Cell(text, font, self.writer, self.width)
        if self.y + cell.height > self.bottom:
            self._new_page()
        self.p.setPen(color)
        cell.draw(self.p, QPointF(0, self.y), 0.0, math.inf)
        self.y += cell.height + gap_after

    # -- sections --

    def _header(self) -> None:
        self._draw_line_of_text(self.report.title, self.fonts.title, ACCENT, 1.5 * self.mm)
        self._draw_line_of_text(self.report.range_text, self.fonts.subtitle, INK, 1 * self.mm)
        self._draw_line_of_text(self.report.exported_text, self.fonts.small, SOFT_INK, 6 * self.mm)

    def _summary_cards(self) -> None:
        items = self.report.summary_items
        gap = 4 * self.mm
        card_w = (self.width - gap * (len(items) - 1)) / len(items)
        card_h = 19 * self.mm
        for index, (label, value) in enumerate(items):
            rect = QRectF(index * (card_w + gap), self.y, card_w, card_h)
            self.p.setPen(Qt.PenStyle.NoPen)
            self.p.setBrush(CARD)
            self.p.drawRoundedRect(rect, 3 * self.mm, 3 * self.mm)
            inner = rect.adjusted(4 * self.mm, 2.5 * self.mm, -3 * self.mm, -2.5 * self.mm)
            self.p.setPen(INK)
            self.p.setFont(self.fonts.card_value)
            self.p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, value)
            self.p.setPen(SOFT_INK)
            self.p.setFont(self.fonts.small)
            self.p.drawText(inner, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, label)
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.y += card_h + 8 * self.mm

    def _check_in_line(self) -> None:
        if self.report.check_in_text:
            self._paragraph(self.report.check_in_text, self.fonts.body, INK, 6 * self.mm)

    def _chart(self) -> None:
        weeks = self.report.weeks
        if not weeks:
            return
        self._draw_line_of_text("Minutes per week", self.fonts.heading, ACCENT, 3 * self.mm)
        chart_h = 38 * self.mm
        label_h = self._text_height(self.fonts.small)
        plot = QRectF(0, self.y + label_h, self.width, chart_h - 2 * label_h - 1.5 * self.mm)
        _draw_week_bars(self.p, plot, weeks, self.fonts.small, self.mm)
        self.y += chart_h + 7 * self.mm

    def _heading(self, text: str, room_after: float) -> None:
        """A section heading, kept on the same page as ``room_after`` of what follows."""
        if self.y + self._text_height(self.fonts.heading) + room_after > self.bottom:
            self._new_page()
        self._draw_line_of_text(text, self.fonts.heading, ACCENT, 2 * self.mm)

    def _week_notes(self) -> None:
        notes = self.report.week_notes
        if not notes:
            return
        self._heading("Week by week", 12 * self.mm)
        widths = self._shares(WEEK_HEADINGS, WEEK_WEIGHTS, 0.0)
        self._table(1, WEEK_HEADINGS, [note.cells for note in notes], widths, set())
        self.y += 7 * self.mm

    def _sessions(self) -> None:
        self._heading("Sessions", 16 * self.mm)
        if self.report.unreadable_text:
            self._paragraph(self.report.unreadable_text, self.fonts.body, SOFT_INK, 2 * self.mm)
        if not self.report.rows:
            self._draw_line_of_text("No sessions in this period.", self.fonts.subtitle, SOFT_INK, 0)
            return
        date_w, time_w = self._fixed_widths()
        widths = [
            date_w,
            time_w,
            *self._shares(TABLE_HEADINGS[2:], FLEXIBLE_WEIGHTS, date_w + time_w),
        ]
        rows = [row.cells for row in self.report.rows]
        soft = {index for index, row in enumerate(self.report.rows) if row.rest_day}
        self._table(2, TABLE_HEADINGS, rows, widths, soft)

    def _shares(
        self, headings: tuple[str, ...], weights: tuple[int, ...], taken: float
    ) -> list[float]:
        """Split the width left by weight, each column at least as wide as its heading's
        longest word, so no heading is ever broken inside a word."""
        bold = QFontMetricsF(self.fonts.body_bold, self.writer)
        least = [
            max(bold.horizontalAdvance(word) for word in heading.split()) + 2 * self.pad + self.mm
            for heading in headings
        ]
        room = self.width - taken
        widths = [room * w / sum(weights) for w in weights]
        short = sum(max(0.0, low - w) for low, w in zip(least, widths, strict=True))
        spare = sum(w - low for low, w in zip(least, widths, strict=True) if w > low)
        return [
            low if w <= low else w - short * (w - low) / spare
            for low, w in zip(least, widths, strict=True)
        ]

    def _fixed_widths(self) -> tuple[float, float]:
        """The Date and Time columns: as wide as their widest text, so they never wrap."""
        body = QFontMetricsF(self.fonts.body, self.writer)
        bold = QFontMetricsF(self.fonts.body_bold, self.writer)
        longest = sorted({row.cells[0] for row in self.report.rows}, key=len)[-60:]
        date_w = max([bold.horizontalAdvance("Date"), *map(body.horizontalAdvance, longest)])
        time_w = max(bold.horizontalAdvance("Time"), body.horizontalAdvance("00:00"))
        slack = 2 * self.pad + 0.8 * self.mm  # rounding in the PDF never pushes a word over
        return date_w + slack, time_w + slack

    def _table(
        self,
        table: int,
        headings: tuple[str, ...],
        rows: Sequence[Sequence[str]],
        widths: list[float],
        soft_rows: set[int],
    ) -> None:
        self.long_row = 30 * self.mm
        header = _Row(self._cells(headings, widths, self.fonts.body_bold))
        min_row = self._text_height(self.fonts.body) + 2 * self.pad
        if self.y + header.height + 2 * self.pad + min_row > self.bottom:
            self._new_page()
        self._table_header(header, widths)
        for index, texts in enumerate(rows):
            cells = self.cells.get((table, index))
            if cells is None:
                cells = self.cells[(table, index)] = _Row(
                    self._cells(texts, widths, self.fonts.body)
                )
            colour = SOFT_INK if index in soft_rows else INK
            offset = 0.0
            while True:
                room = self.bottom - self.y - 2 * self.pad
                # A short row moves whole to the next page; a long one is split (at least
                # two lines here) rather than leaving half a page empty.
                keep_together = cells.height <= max(self.long_row, 2 * room)
                if offset == 0.0 and cells.height > room and (keep_together or room < 2 * min_row):
                    self._new_page()
                    self._table_header(header, widths)
                    continue
                drawn, next_offset = self._table_row(
                    cells, widths, offset, room, index % 2 == 1, colour
                )
                self.y += drawn
                if next_offset is None:
                    break
                offset = next_offset
                self._new_page()
                self._table_header(header, widths)

    def _cells(self, texts, widths, font) -> list[_Cell]:
        return [
            _Cell(text, font, self.writer, width - 2 * self.pad)
            for text, width in zip(texts, widths, strict=True)
        ]

    def _table_header(self, header: _Row, widths: list[float]) -> None:
        height = header.height + 2 * self.pad
        self.p.setPen(INK)
        x = 0.0
        for cell, width in zip(header.cells, widths, strict=True):
            cell.draw(self.p, QPointF(x + self.pad, self.y + self.pad), 0.0, math.inf)
            x += width
        self.y += height
        self.p.setPen(QPen(ACCENT, 0.3 * self.mm))
        self.p.drawLine(QPointF(0, self.y), QPointF(self.width, self.y))

    def _table_row(
        self,
        row: _Row,
        widths: list[float],
        offset: float,
        room: float,
        striped: bool,
        colour: QColor = INK,
    ) -> tuple[float, float | None]:
        """Draw the part of ``row`` from ``offset`` that fits in ``room``.

        Returns the height used and the offset to continue from on the next page (or None).
        """
        visible = row.height - offset
        part = min(visible, row.fit(offset, room))
        height = part + 2 * self.pad
        if striped:
            self.p.fillRect(QRectF(0, self.y, self.width, height), STRIPE)
        self.p.setPen(colour)
        x = 0.0
        for cell, width in zip(row.cells, widths, strict=True):
            cell.draw(self.p, QPointF(x + self.pad, self.y + self.pad), offset, offset + part)
            x += width
        if offset > 0:  # the rest of a long note, carried over from the previous page
            self.p.setPen(SOFT_INK)
            self.p.setFont(self.fonts.body)
            rect = QRectF(self.pad, self.y + self.pad, widths[0] * 2, part)
            self.p.drawText(
                rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, "(continued)"
            )
        self.p.setPen(QPen(RULE, 0.2 * self.mm))
        self.p.drawLine(QPointF(0, self.y + height), QPointF(self.width, self.y + height))
        done = offset + part >= row.height - 0.01
        return height, None if done else offset + part


class _Cell:
    """Wrapped text laid out once; lines can be drawn in slices across pages."""

    def __init__(self, text: str, font: QFont, device: QPdfWriter, width: float) -> None:
        # QTextLayout breaks lines only at U+2028, not at "\n".
        self.layout = QTextLayout(text.replace("\r\n", "\n").replace("\n", "\u2028"), font, device)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.layout.setTextOption(option)
        self.lines: list[tuple[float, float]] = []  # (top, height) of each line
        y = 0.0
        self.layout.beginLayout()
        while True:
            line = self.layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            line.setPosition(QPointF(0, y))
            self.lines.append((y, line.height()))
            y += line.height()
        self.layout.endLayout()
        self.height = y

    def draw(self, painter: QPainter, origin: QPointF, start: float, end: float) -> None:
        for index, (top, height) in enumerate(self.lines):
            if top >= start - 0.01 and top + height <= end + 0.01:
                line = self.layout.lineAt(index)
                line.draw(painter, QPointF(origin.x(), origin.y() - start))


class _Row:
    def __init__(self, cells: list[_Cell]) -> None:
        self.cells = cells
        self.height = max(cell.height for cell in cells)

    def fit(self, offset: float, room: float) -> float:
        """The tallest slice from ``offset`` no taller than ``room`` that splits between lines."""
        limit = offset + room
        cut = offset
        ends = sorted(
            {top + h for cell in self.cells for top, h in cell.lines if top >= offset - 0.01}
        )
        for end in ends:
            if end > limit + 0.01:
                break
            # Only cut where no cell has a line straddling the cut.
            if all(
                not (top < end - 0.01 < top + h - 0.02) for c in self.cells for top, h in c.lines
            ):
                cut = end
        if cut <= offset:  # a single line taller than the room: let it be drawn anyway
            cut = ends[0] if ends else offset + room
        return cut - offset


def _draw_week_bars(
    painter: QPainter, plot: QRectF, weeks: tuple[WeekBar, ...], font: QFont, mm: float
) -> None:
    """Soft bars, a baseline, values above bars and a few week labels; no grid, no lines to reach."""
    painter.setFont(font)
    metrics = QFontMetricsF(font, painter.device())
    label_h = metrics.height()
    highest = max((w.minutes for w in weeks), default=0.0)
    scale = plot.height() / highest if highest > 0 else 0.0
    slot = plot.width() / len(weeks)
    bar_w = min(slot * 0.62, 16 * mm)
    label_every = max(1, math.ceil(metrics.horizontalAdvance("30 Sep") * 1.4 / slot))
    show_values = metrics.horizontalAdvance("999") < slot * 0.95
    baseline = plot.bottom()
    for index, week in enumerate(weeks):
        centre = plot.left() + slot * (index + 0.5)
        height = week.minutes * scale
        if height > 0:
            rect = QRectF(centre - bar_w / 2, baseline - height, bar_w, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(BAR)
            radius = min(1.2 * mm, bar_w / 3, height / 2)
            painter.drawRoundedRect(rect, radius, radius)
            painter.fillRect(
                QRectF(rect.left(), baseline - min(height, radius), bar_w, min(height, radius)), BAR
            )
            if show_values:
                painter.setPen(SOFT_INK)
                value_rect = QRectF(centre - slot / 2, rect.top() - label_h, slot, label_h)
                painter.drawText(value_rect, Qt.AlignmentFlag.AlignCenter, f"{round(week.minutes)}")
        if index % label_every == 0:
            painter.setPen(SOFT_INK)
            text_rect = QRectF(
                centre - slot * label_every / 2, baseline + 1.5 * mm, slot * label_every, label_h
            )
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, week.label)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(RULE, 0.3 * mm))
    painter.drawLine(QPointF(plot.left(), baseline), QPointF(plot.right(), baseline))
