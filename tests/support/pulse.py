"""A private PulseAudio server with a null sink: a real, clocked sound output for tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.system_tools import require_tools


@dataclass
class PulseServer:
    env: dict[str, str]  # what a client needs to reach this server (PULSE_SERVER …)
    process: subprocess.Popen

    def vanish(self) -> None:
        """End the server abruptly, as when a sound output disappears."""
        self.process.kill()
        self.process.wait(timeout=10)


@contextmanager
def pulse_null_sink(start_timeout: float = 15.0) -> Iterator[PulseServer]:
    """Start PulseAudio (not as a daemon, all state in a temporary folder) with a null
    sink, plus a keep-alive stream; yield the server and a client's environment."""
    require_tools("pulseaudio", "pacat")
    home = Path(tempfile.mkdtemp(prefix="pacer-pulse-"))  # short: socket paths are limited
    socket = home / "pulse.sock"
    server_env = {key: value for key, value in os.environ.items() if not key.startswith("PULSE_")}
    server_env.update(
        HOME=str(home),
        XDG_RUNTIME_DIR=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        PULSE_RUNTIME_PATH=str(home / "runtime"),
        PULSE_STATE_PATH=str(home / "state"),
    )
    server = subprocess.Popen(
        [
            "pulseaudio",
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--disallow-exit",
            "--use-pid-file=no",
            "--log-target=stderr",
            "-L",
            "module-null-sink sink_name=null",
            "-L",
            f"module-native-protocol-unix auth-anonymous=1 socket={socket}",
        ],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    keep_alive = None
    try:
        deadline = time.monotonic() + start_timeout
        while not socket.exists():
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("PulseAudio did not start")
            time.sleep(0.05)
        client_env = dict(server_env, PULSE_SERVER=f"unix:{socket}")
        # The first stream after the server idles stalls for a second or so; a quiet
        # keep-alive stream started a little earlier avoids it.
        keep_alive = subprocess.Popen(
            ["pacat", "--latency-msec=20", "/dev/zero"],
            env=client_env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(2.0)
        yield PulseServer(client_env, server)
    finally:
        for process in (keep_alive, server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        shutil.rmtree(home, ignore_errors=True)
