"""A private accessibility desktop for tests, run inside ``dbus-run-session`` on an X display.

    dbus-run-session -- python -m tests.support.a11y_desktop [--orca DIR]

It starts the AT-SPI bus (``at-spi-bus-launcher --launch-immediately``) and, with
``--orca``, the real Orca screen reader with settings and a debug log in DIR, then prints
``ready {"session_bus": …, "a11y_bus": …}`` once Orca has registered for events (so an app
started now is seen from its first moment). ``stop`` on standard input shuts everything
down and waits until Orca's log is complete.

Orca is given its own settings folder (``orca -u``), nothing from the user's: no speech
server (its log still records every "SPEECH OUTPUT" exactly as it would speak it; the
speech-dispatcher audio path would block without a sound card) and no braille. Only one
Orca may run per user, so a second one waits for the first to finish.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dbus_fast import Message, MessageType
from dbus_fast.aio import MessageBus

BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"
ORCA_SETTINGS = {
    "general": {
        "speechServerFactory": "no-speech-server-in-tests",
        "speechFactoryModules": [],
        "enableBraille": False,
    },
    "profiles": {
        "default": {"profile": ["Default", "default"], "pronunciations": {}, "keybindings": {}}
    },
    "pronunciations": {},
    "keybindings": {},
}
# Orca loads this from its settings folder at start: each log line reaches the disk at once.
ORCA_CUSTOMIZATIONS = """
import orca.debug
if orca.debug.debugFile is not None:
    orca.debug.debugFile.reconfigure(line_buffering=True)
"""
READY_EVENT = "object:statechanged:focused"  # Orca registers it once it is listening
ANOTHER_ORCA = "Another screen reader process is already running"


CALL_TIMEOUT = 5.0


async def _call(bus: MessageBus, **fields: object) -> Message:
    return await asyncio.wait_for(bus.call(Message(**fields)), CALL_TIMEOUT)  # type: ignore[arg-type]


async def a11y_address(deadline: float) -> str:
    """The AT-SPI bus of this session, once our own launcher has taken its name.

    Asking for the address any earlier would have D-Bus start a second launcher, and the
    two could hand different buses to the reader and to the app.
    """
    while True:
        try:
            session = await MessageBus().connect()
            try:
                owned = await _call(
                    session,
                    destination="org.freedesktop.DBus",
                    path="/org/freedesktop/DBus",
                    interface="org.freedesktop.DBus",
                    member="NameHasOwner",
                    signature="s",
                    body=["org.a11y.Bus"],
                )
                if owned.message_type is MessageType.METHOD_RETURN and owned.body[0]:
                    reply = await _call(
                        session,
                        destination="org.a11y.Bus",
                        path="/org/a11y/bus",
                        interface="org.a11y.Bus",
                        member="GetAddress",
                    )
                    if reply.message_type is MessageType.METHOD_RETURN and reply.body[0]:
                        return str(reply.body[0])
            finally:
                session.disconnect()
        except (OSError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("the AT-SPI bus did not start")
        await asyncio.sleep(0.1)


async def registered_events(address: str) -> list[str]:
    try:
        bus = await asyncio.wait_for(MessageBus(bus_address=address).connect(), CALL_TIMEOUT)
    except (OSError, TimeoutError):
        return []
    try:
        reply = await _call(
            bus,
            destination="org.a11y.atspi.Registry",
            path="/org/a11y/atspi/registry",
            interface="org.a11y.atspi.Registry",
            member="GetRegisteredEvents",
        )
    except TimeoutError:
        return []
    finally:
        bus.disconnect()
    if reply.message_type is not MessageType.METHOD_RETURN:
        return []
    return [str(event).strip(":").replace("-", "").lower() for _, event in reply.body[0]]


def start_orca(folder: Path, address: str, deadline: float) -> subprocess.Popen[str]:
    """Start Orca and return once it listens for events (waiting out another one's turn)."""
    prefs = folder / "prefs"
    prefs.mkdir(parents=True, exist_ok=True)
    (prefs / "user-settings.conf").write_text(json.dumps(ORCA_SETTINGS))
    (prefs / "orca-customizations.py").write_text(ORCA_CUSTOMIZATIONS)
    while True:
        orca = subprocess.Popen(
            ["orca", "-u", str(prefs), f"--debug-file={folder / 'orca.log'}"],
            env={**os.environ, "AT_SPI_BUS_ADDRESS": address},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        while orca.poll() is None:
            if READY_EVENT in asyncio.run(registered_events(address)):
                return orca
            if time.monotonic() > deadline:
                raise RuntimeError("Orca did not register for events")
            time.sleep(0.1)
        said = orca.stdout.read() if orca.stdout else ""
        if ANOTHER_ORCA not in said or time.monotonic() > deadline:
            raise RuntimeError(f"Orca did not start: {said.strip()}")
        time.sleep(1.0)


def stop(process: subprocess.Popen[str] | None, timeout: float) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orca", type=Path, help="run Orca, with its settings and log here")
    args = parser.parse_args()
    deadline = time.monotonic() + 90
    launcher = subprocess.Popen(
        [BUS_LAUNCHER, "--launch-immediately"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    orca = None
    try:
        address = asyncio.run(a11y_address(deadline))
        if args.orca is not None:
            orca = start_orca(args.orca, address, deadline)
        ready = {"session_bus": os.environ["DBUS_SESSION_BUS_ADDRESS"], "a11y_bus": address}
        print("ready " + json.dumps(ready), flush=True)
        for line in sys.stdin:
            if line.strip() == "stop":
                break
    finally:
        stop(orca, timeout=20)
        stop(launcher, timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
