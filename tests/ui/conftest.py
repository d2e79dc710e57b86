from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from pacer.core.clock import FakeClock
from pacer.ui.app_context import AppContext
from pacer.ui.main_window import MainWindow
from pacer.ui.session.services import SessionServices


@pytest.fixture
def fake_clock():
    return FakeClock()


@pytest.fixture
def context(qapp, data_dir):
    ctx = AppContext(data_dir)
    # The check-in question before and after each session is tested on its own (test_checkin_flow);
    # elsewhere Space begins at once and an ending shows its summary, as with the check-in off.
    ctx.update_preferences(welcome_seen=True, checkin=False)
    return ctx


@pytest.fixture
def window(qtbot, context, fake_clock):
    win = MainWindow(context, SessionServices(clock=fake_clock))
    qtbot.addWidget(win)
    win.resize(900, 680)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    QApplication.processEvents()
