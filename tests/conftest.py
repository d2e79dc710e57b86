"""Test set-up shared by the whole suite.

- Qt runs offscreen unless a test starts the real app on Xvfb itself.
- No desktop session bus: what the developer's desktop is set to never leaks in.
- Tests that touch Qt are marked ``gui`` automatically.
- No test may open an internet socket: Pacer makes no network connections at all.
"""

from __future__ import annotations

import os
import socket

import pytest

from tests.support.network_guard import refuse_internet

os.environ["QT_QPA_PLATFORM"] = "offscreen"
# The suite never reads the desktop it runs on (reduced motion, screen saver): tests that
# need a session bus start a private one and pass its address to their subprocess.
os.environ["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=/nonexistent/pacer-tests-use-private-buses"
os.environ.setdefault("PACER_TEST", "1")

_QT_FIXTURES = {"qtbot", "qapp", "qtmodeltester"}


@pytest.fixture(autouse=True, scope="session")
def _no_network():
    patched = {name: getattr(socket.socket, name) for name in ("connect", "connect_ex")}
    for name, original in patched.items():
        setattr(socket.socket, name, refuse_internet(original))
    yield
    for name, original in patched.items():
        setattr(socket.socket, name, original)


def pytest_collection_modifyitems(items):
    for item in items:
        if _QT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def data_dir(tmp_path):
    path = tmp_path / "pacer-data"
    path.mkdir(mode=0o700)
    return path


@pytest.fixture
def launched(monkeypatch):
    """The window's start is recorded instead of run: what a practice command asked for."""
    requests = []
    monkeypatch.setattr("pacer.ui.launch.run_app", lambda request: requests.append(request) or 0)
    return requests
