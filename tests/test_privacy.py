"""Pacer makes no network connections: checked at the system-call level with strace."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.network_guard import NetworkAccessError
from tests.support.system_tools import require_tools

ROOT = Path(__file__).resolve().parents[1]
INTERNET_CONNECT = re.compile(r"connect\(\d+, \{sa_family=AF_INET6?\b")


def test_in_process_guard_refuses_internet_sockets():
    import socket

    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkAccessError),
    ):
        sock.connect(("127.0.0.1", 9))


@pytest.mark.slow
def test_running_app_never_connects_to_a_network_address(tmp_path):
    require_tools("strace")
    trace = tmp_path / "connect.trace"
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-qq",
            "-e",
            "trace=connect",
            "-o",
            str(trace),
            sys.executable,
            "-m",
            "pacer",
            "--data-dir",
            str(tmp_path / "data"),
            "--quit-after",
            "2",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    calls = trace.read_text()
    internet = [line for line in calls.splitlines() if INTERNET_CONNECT.search(line)]
    assert internet == [], f"the app tried to reach the network: {internet[:5]}"


def test_the_trace_pattern_recognises_an_internet_connect():
    sample = '1234 connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}, 16) = -1'
    unix = '1234 connect(3, {sa_family=AF_UNIX, sun_path="/run/dbus"}, 20) = 0'
    assert INTERNET_CONNECT.search(sample)
    assert not INTERNET_CONNECT.search(unix)
