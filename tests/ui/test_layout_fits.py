"""No clipped or elided text: every page and every relaxation step, at the smallest window
and at 1920×1080, in both palettes, with the system font at 1× and 1.5×."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from pacer.core.breathing import BreathPattern
from pacer.core.breathing.plan import BreathingPlan
from pacer.core.preferences import Appearance
from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import load_default_script
from pacer.core.relaxation.timeline import RelaxationTimeline, Stage
from pacer.ui.main_window import MINIMUM_SIZE

SIZES = [(MINIMUM_SIZE.width(), MINIMUM_SIZE.height()), (1920, 1080)]


@pytest.fixture(params=[1.0, 1.5], ids=["font-1x", "font-1.5x"])
def font_scale(request, qapp):
    """The system font, as the desktop would set it before Pacer starts (and before its
    style sheet, which would otherwise hide a later change)."""
    original, sheet = QFont(qapp.font()), qapp.styleSheet()
    qapp.setStyleSheet("")
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * request.param)
    qapp.setFont(bigger)
    yield request.param
    qapp.setStyleSheet("")
    qapp.setFont(original)
    qapp.setStyleSheet(sheet)


def _settle(widget: QWidget) -> None:
    for _ in range(3):
        QApplication.processEvents()
        widget.layout() and widget.layout().activate()


def clipped_texts(root: QWidget) -> list[str]:
    """Every visible label or button under ``root`` whose text does not fit its rectangle."""
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or not label.text() or label.width() <= 0:
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                problems.append(
                    f"{label.objectName() or label.text()!r}: {needed}>{label.height()}"
                )
        else:
            hint = label.sizeHint()
            if hint.width() > label.width() + 1 or hint.height() > label.height() + 1:
                problems.append(
                    f"{label.text()!r}: needs {hint.width()}×{hint.height()}, "
                    f"has {label.width()}×{label.height()}"
                )
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or not button.text() or button.width() <= 0:
            continue
        hint = button.sizeHint()
        if hint.width() > button.width() + 1:
            problems.append(f"button {button.text()!r}: needs {hint.width()}, has {button.width()}")
    return problems


def relaxation_instants(timeline: RelaxationTimeline) -> list[float]:
    """A moment inside every step, and the very end."""
    return [step.start + min(0.5, step.duration / 2) for step in timeline.steps] + [
        timeline.total_seconds
    ]


@pytest.mark.parametrize("appearance", [Appearance.LIGHT, Appearance.DARK], ids=["day", "night"])
@pytest.mark.parametrize("size", SIZES, ids=["smallest", "1920x1080"])
def test_every_page_and_step_fits_its_text(font_scale, window, qtbot, fake_clock, size, appearance):
    window.context.update_preferences(appearance=appearance)
    window.context.apply_theme()
    base = QApplication.font().pointSizeF()
    assert window.breathing.stop_button.font().pointSizeF() == pytest.approx(base)
    window.resize(*size)
    problems: dict[str, list[str]] = {}

    def check(where: str, root: QWidget | None = None) -> None:
        _settle(window)
        # The layout may not quietly grow the window past the size asked for.
        if (window.width(), window.height()) != size:
            problems[where] = [f"window grew to {window.width()}×{window.height()}"]
            return
        found = clipped_texts(root or window)
        if found:
            problems[where] = found

    window.show_page("home")
    check("home")

    window.show_page("breathing")
    check("breathing, before")
    page = window.breathing
    session = page.start_plan(BreathingPlan(BreathPattern(inhale=4, exhale=6), 1))
    for t in (1.0, 5.0):
        fake_clock.advance(t - session.elapsed())
        session.refresh()
        check(f"breathing at {t}s")
    page.toggle()
    check("breathing, paused")
    page.stop()
    check("breathing, the ending")
    page.surface.summary.done.click()

    window.show_page("relaxation")
    check("relaxation, before")
    relax = window.relaxation
    plan = RelaxationPlan(load_default_script(), closing_minutes=1)
    session = relax.start_plan(plan)
    timeline: RelaxationTimeline = session.timeline
    for t in relaxation_instants(timeline):
        fake_clock.advance(max(t - session.elapsed(), 0.0))
        session.refresh()
        stage = timeline.snapshot(t).stage
        check(f"relaxation {stage} at {t:.1f}s")
        if stage is Stage.FINISHED:
            break
    assert relax.surface.summary_shown
    check("relaxation, the ending")
    relax.surface.summary.done.click()

    window.show_page("history")
    qtbot.waitUntil(lambda: window.history.idle, timeout=10000)  # read on a worker thread
    check("practice log")

    assert problems == {}


def test_the_check_sees_clipped_and_wrapped_text(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.resize(300, 200)
    squeezed = QLabel("A sentence far too long for forty pixels", holder)
    squeezed.setGeometry(0, 0, 40, 20)
    wrapped = QLabel("Many words that wrap onto several lines here", holder)
    wrapped.setWordWrap(True)
    wrapped.setGeometry(0, 40, 80, 16)
    holder.show()
    found = clipped_texts(holder)
    assert len(found) == 2
