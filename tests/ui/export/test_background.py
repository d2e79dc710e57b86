"""Long work on a worker thread: results by signal, and the garbage collector waiting."""

from __future__ import annotations

import gc
import threading

import pytest

from pacer.ui.common.collector import collector_waiting
from pacer.ui.export.background import BackgroundTask


def test_the_work_runs_on_another_thread_and_its_result_comes_back(qtbot):
    seen = {}

    def work(report):
        report(0.5)
        seen["thread"] = threading.current_thread()
        seen["collector"] = gc.isenabled()
        return 42

    task = BackgroundTask(work)
    shares = []
    task.progressed.connect(shares.append)
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as result:
        task.start()
    assert result.args == [42]
    assert seen["thread"] is not threading.main_thread()
    assert shares == [0.5]
    # A full collection during the work would hold the window; it waits until the end.
    assert seen["collector"] is False
    qtbot.waitUntil(lambda: not task.running)
    assert gc.isenabled()


def test_a_failure_is_handed_over_and_the_collector_comes_back(qtbot):
    def work(report):
        raise OSError("the disk is full")

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.failed, timeout=10_000) as failure:
        task.start()
    assert isinstance(failure.args[0], OSError)
    qtbot.waitUntil(lambda: not task.running)
    assert gc.isenabled()


def test_the_collector_resumes_only_when_the_last_waiting_block_ends():
    assert gc.isenabled()
    first, second = collector_waiting(), collector_waiting()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with collector_waiting():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.fixture(autouse=True)
def _collector_on():
    yield
    assert gc.isenabled(), "a test left the garbage collector off"
