from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from pacer.core.export.exporting import export_log
from pacer.core.export.json_format import parse_log
from pacer.core.export.service import ExportFormat
from pacer.core.practice_log.store import PracticeLog
from pacer.ui.export.dialogs import ExportDialog, import_with_dialog
from tests.support.sessions import finished_session


@pytest.fixture
def log(data_dir):
    with PracticeLog.open(data_dir) as opened:
        opened.merge(
            [
                finished_session("2026-03-01", note="=1+1"),
                finished_session("2026-03-05"),
                finished_session("2026-03-09"),
            ]
        )
        yield opened


def save(qtbot, dialog) -> bool:
    """Press Save and wait for the worker's answer; True if the file was saved."""
    with qtbot.waitSignal(dialog.attempted, timeout=20_000) as signal:
        assert dialog.export()
    return signal.args[0]


@pytest.fixture
def dialog(qtbot, log, data_dir, tmp_path):
    widget = ExportDialog(log, data_dir, today=date(2026, 3, 20), default_folder=tmp_path)
    qtbot.addWidget(widget)
    return widget


def test_defaults_to_a_pdf_of_everything_in_the_chosen_folder(dialog, tmp_path):
    assert dialog.selected_format() is ExportFormat.PDF
    assert dialog.selected_range() == (None, None)
    assert dialog.path_edit.text() == str(tmp_path / "practice-log-2026-03-20.pdf")
    dialog.set_format(ExportFormat.CSV)
    assert dialog.path_edit.text().endswith("practice-log-2026-03-20.csv")


def test_exports_the_chosen_range_and_format_and_says_so(dialog, qtbot, tmp_path):
    dialog.set_format(ExportFormat.CSV)
    dialog.set_range(date(2026, 3, 1), date(2026, 3, 5))
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as signal:
        assert dialog.export()
    output = tmp_path / "practice-log-2026-03-20.csv"
    assert signal.args == [output]
    with output.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["started_at"][:10] for r in rows] == ["2026-03-01", "2026-03-05"]
    assert rows[0]["note"] == "'=1+1"
    assert dialog.message.text() == f"Saved 2 sessions to {output}."


def test_json_from_the_dialog_matches_the_command_line_format(dialog, qtbot, tmp_path):
    dialog.set_format(ExportFormat.JSON)
    save(qtbot, dialog)
    parsed = parse_log((tmp_path / "practice-log-2026-03-20.json").read_bytes())
    assert len(parsed.sessions) == 3


def test_a_write_problem_is_shown_calmly_and_leaves_no_file(dialog, qtbot, tmp_path):
    dialog.path_edit.setText(str(tmp_path / "missing" / "log.pdf"))
    assert not save(qtbot, dialog)
    assert dialog.message.text().startswith("The folder")
    assert "Nothing was written." in dialog.message.text()
    assert not (tmp_path / "missing").exists()


def test_swapped_dates_are_explained(dialog, tmp_path):
    dialog.set_range(date(2026, 3, 9), date(2026, 3, 1))
    assert not dialog.export()
    assert "swap" in dialog.message.text()
    assert list(tmp_path.glob("*.pdf")) == []


def test_pdf_from_the_dialog_is_a_pdf(dialog, qtbot, tmp_path):
    assert save(qtbot, dialog)
    assert (tmp_path / "practice-log-2026-03-20.pdf").read_bytes().startswith(b"%PDF-")


def test_import_helper_merges_and_reports(qtbot, log, tmp_path):
    export = tmp_path / "other.json"
    with PracticeLog.open(tmp_path / "other") as other:
        other.merge([finished_session("2026-02-01"), *log.sessions()[:1]])
        export_log(other, ExportFormat.JSON, export)
    shown = []
    outcome = import_with_dialog(
        None, log, choose=lambda parent: export, inform=lambda parent, o: shown.append(o)
    )
    assert outcome.imported
    assert shown == [outcome]
    assert outcome.message == "Added 1 session; 1 was already in your log."
    assert len(log.sessions()) == 4


def test_import_helper_refuses_a_foreign_file_and_changes_nothing(log, tmp_path):
    foreign = tmp_path / "foreign.json"
    foreign.write_text(json.dumps({"format": "someone-else", "version": 1, "sessions": []}))
    before = log.sessions()
    outcome = import_with_dialog(None, log, choose=lambda p: foreign, inform=lambda p, o: None)
    assert not outcome.imported
    assert "not a Pacer practice log" in outcome.message
    assert outcome.message.endswith("Your log is unchanged.")
    assert log.sessions() == before


def test_import_helper_does_nothing_when_no_file_is_chosen(log):
    assert import_with_dialog(None, log, choose=lambda p: None, inform=lambda p, o: 1 / 0) is None


def test_the_window_keeps_turning_while_a_large_pdf_is_saved(qtbot, data_dir, tmp_path):
    """The export runs on a worker thread: timers keep firing, the result arrives by signal."""
    from datetime import timedelta

    from PySide6.QtCore import QTimer

    start = date(2020, 1, 1)
    with PracticeLog.open(data_dir) as log:
        log.merge(
            [
                finished_session(
                    (start + timedelta(days=i // 3)).isoformat(), f"{8 + i % 3 * 4:02d}:00"
                )
                for i in range(3000)
            ]
        )
        dialog = ExportDialog(log, data_dir, today=date(2026, 3, 20), default_folder=tmp_path)
        qtbot.addWidget(dialog)
        ticks_while_busy = []
        timer = QTimer()
        timer.setInterval(5)
        timer.timeout.connect(lambda: ticks_while_busy.append(dialog.busy))
        timer.start()
        with qtbot.waitSignal(dialog.attempted, timeout=60_000) as signal:
            assert dialog.export()
            assert not dialog.progress.isHidden()
        timer.stop()
    assert signal.args == [True]
    assert sum(ticks_while_busy) >= 5  # the event loop turned many times during the work
    assert dialog.progress.isHidden()
    assert dialog.message.text().startswith("Saved 3000 sessions to ")
    assert (tmp_path / "practice-log-2026-03-20.pdf").read_bytes().startswith(b"%PDF-")


def test_a_refused_import_is_told_in_a_message_and_changes_nothing(qtbot, log, tmp_path):
    crafted = tmp_path / "crafted.json"
    crafted.write_bytes(
        b'{"format": "pacer-practice-log", "version": 2, "sessions": [' + b"[" * 50_000 + b"]}"
    )
    before = log.sessions()
    shown = []
    outcome = import_with_dialog(
        None, log, choose=lambda p: crafted, inform=lambda p, o: shown.append(o)
    )
    assert not outcome.imported
    assert shown == [outcome]
    assert "nests its values far deeper" in outcome.message
    assert "\n" not in outcome.message
    assert log.sessions() == before
