from __future__ import annotations

import os
import signal

import pytest
from PySide6.QtCore import QTimer

from pacer.ui.launch import LaunchRequest, run_app
from pacer.ui.stop_signals import stop_signal_bridge

pytestmark = pytest.mark.qt_log_ignore("does not support propagateSizeHints")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_arrives_in_the_qt_loop(qtbot, qapp, signum):
    before = signal.getsignal(signum)
    with stop_signal_bridge(qapp) as bridge:
        with qtbot.waitSignal(bridge.stop_requested, timeout=5000) as caught:
            os.kill(os.getpid(), signum)
        assert caught.args == [signum]
    assert signal.getsignal(signum) is before
    assert signal.set_wakeup_fd(-1) == -1  # the wakeup socket was handed back


def test_sigterm_closes_the_app_calmly_with_exit_status_0(qapp, data_dir):
    QTimer.singleShot(100, lambda: os.kill(os.getpid(), signal.SIGTERM))
    safety = QTimer()  # ends the loop only if the signal were ignored
    safety.setSingleShot(True)
    safety.timeout.connect(lambda: qapp.exit(99))
    safety.start(10_000)
    try:
        status = run_app(LaunchRequest(data_dir=data_dir))
    finally:
        safety.stop()
    assert status == 0
    assert not [w for w in qapp.topLevelWidgets() if w.isVisible()]
