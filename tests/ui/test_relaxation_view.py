from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QWidget

from pacer.core.relaxation.plan import RelaxationPlan
from pacer.core.relaxation.sequence import load_default_script
from pacer.core.relaxation.timeline import RelaxationTimeline, Stage
from pacer.ui.relaxation.view import STAGE_ACCENTS, RelaxationView


@pytest.fixture(scope="module")
def timeline():
    # The instants below were chosen for 10 s rests, whatever the sequence file's default.
    return RelaxationTimeline(RelaxationPlan(load_default_script(), release_seconds=10))


@pytest.fixture
def view(qtbot):
    widget = RelaxationView()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _shown(view, timeline, elapsed) -> QImage:
    view.set_snapshot(timeline.snapshot(elapsed))
    return view.grab().toImage()


def _texts(view) -> tuple[str, str, str, str]:
    return (
        view.where_label.text(),
        view.heading_label.text(),
        view.effort_label.text(),
        view.countdown_label.text(),
    )


def test_view_shows_the_right_group_and_effort_at_chosen_instants(view, timeline):
    view.set_snapshot(timeline.snapshot(5.0))
    assert _texts(view) == ("", "Settle in", "", "15")
    assert view.next_label.text() == "Next: Feet, full effort"

    view.set_snapshot(timeline.snapshot(22.5))
    assert _texts(view) == ("Feet · 1 of 5", "Clench", "full effort", "3")
    assert "Curl the toes" in view.instruction_label.text()

    view.set_snapshot(timeline.snapshot(27.0))
    assert _texts(view) == ("Feet · 1 of 5", "Let go", "rest and notice", "8")
    assert view.next_label.text() == "Next: Feet, half effort"

    view.set_snapshot(timeline.snapshot(96.0))
    assert _texts(view) == ("Pelvic floor · 3 of 5", "Clench", "half effort", "4")
    assert "stop the flow of urine" in view.instruction_label.text()

    view.set_snapshot(timeline.snapshot(200.0))
    assert _texts(view) == ("", "Slow belly breathing", "", "2:30")
    assert view.remaining_label.text() == "2:30 left"

    view.set_snapshot(timeline.snapshot(timeline.total_seconds))
    assert view.heading_label.text() == "Rest as long as you like"
    assert view.countdown_label.text() == ""
    assert view.reminder_label.text() == "Keep breathing slowly"


def test_clench_and_release_are_painted_differently_and_calmly(view, timeline):
    clench = _shown(view, timeline, 22.5)
    assert view.stage is Stage.CLENCH
    release = _shown(view, timeline, 27.5)
    assert view.stage is Stage.RELEASE
    assert clench.size() == release.size()
    assert clench != release
    corner_clench = clench.pixelColor(4, 4)
    corner_release = release.pixelColor(4, 4)
    assert corner_clench != corner_release
    # the clench tint is warm, the rest tint cool; neither leans to red
    assert corner_clench.red() > corner_clench.blue()
    assert corner_release.blue() > corner_release.red()
    for colour in (corner_clench, corner_release):
        assert not _reddish(colour), colour.name()


def _reddish(colour: QColor) -> bool:
    hue = colour.hslHue()
    return colour.hslSaturation() > 40 and (hue >= 330 or 0 <= hue <= 20)


def test_no_stage_colour_is_red():
    for stage, colour in STAGE_ACCENTS.items():
        assert not _reddish(colour), stage


def test_the_step_ring_moves_with_the_countdown(view, timeline):
    early = _shown(view, timeline, 20.5)
    late = _shown(view, timeline, 24.5)
    assert view.heading_label.text() == "Clench"
    assert early != late


def test_accessible_name_and_description_follow_the_step(view, timeline):
    view.set_snapshot(timeline.snapshot(22.0))
    assert view.accessibleName() == "Progressive relaxation: Clench"
    assert view.accessibleDescription().startswith("Feet, group 1 of 5. Clench. Full effort.")
    view.set_snapshot(timeline.snapshot(26.0))
    assert view.accessibleName() == "Progressive relaxation: Let go"
    assert "notice" in view.accessibleDescription()


def test_breath_widget_slot_holds_one_widget(qtbot, view, timeline):
    first, second = QWidget(), QWidget()
    view.set_breath_widget(first)
    assert view.isAncestorOf(first)
    view.set_breath_widget(second)
    assert view.breath_widget() is second
    assert view.isAncestorOf(second)
    assert not view.isAncestorOf(first)
    view.set_snapshot(timeline.snapshot(22.0))
    qtbot.waitUntil(lambda: second.isVisible() and second.width() > 20)
    small = second.width()
    assert second.mapTo(view, second.rect().center()).y() > view.heading_label.y()
    view.set_snapshot(timeline.snapshot(200.0))  # the closing breathing: the pacer grows
    qtbot.waitUntil(lambda: second.width() > small * 1.5)


def test_follows_a_dark_system_palette(view, timeline):
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#1c2230"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#e8ebf0"))
    view.setPalette(palette)
    image = _shown(view, timeline, 27.0)
    background = image.pixelColor(4, 4)
    assert background.lightness() < 90
    assert view.where_label.palette().color(QPalette.ColorRole.WindowText).lightness() > 150
