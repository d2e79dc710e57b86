"""Whether the screen readers listening right now hear Qt's polite announcements.

Qt turns a ``QAccessibleAnnouncementEvent`` into an AT-SPI ``object:announcement`` on Linux,
a UI Automation notification on Windows and an announcement request on macOS. Orca speaks
``object:announcement`` from version 45.2 on; Debian 12's Orca 43 (and Ubuntu 22.04's older
one) never asks for it and stays silent. Those readers do speak a change to the description
of the focused element, but newer readers speak that *as well* as the announcement.

AT-SPI's registry knows which events each client has asked for — the same list GTK's and
Qt's bridges read to decide which events to send at all — so Pacer reads it too and speaks
each message one way only: as an announcement when some client listens for them, otherwise
on the focused element. A small thread follows the registry (a reader started or stopped
later is noticed); it never touches Qt.

On Windows and macOS every current reader follows Qt's announcements, so this is Linux only.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable

ANNOUNCEMENT_EVENT = "object:announcement"
FIRST_ANSWER_WAIT = 0.5  # seconds the first question may wait for the registry (≈3 ms here)
CALL_TIMEOUT = 5.0  # a registry that does not answer is given up on, not waited for

_REGISTRY = "org.a11y.atspi.Registry"
_REGISTRY_PATH = "/org/a11y/atspi/registry"
_REGISTRY_SIGNALS = ("EventListenerRegistered", "EventListenerDeregistered")


def normalised_event(name: str) -> str:
    """``Object:Announcement:`` (how libatspi registers it) → ``object:announcement``."""
    return name.strip(":").replace("-", "").lower()


def hears_announcements(registered: Iterable[str]) -> bool:
    """True when one of the registered event names is exactly the announcement event.

    A client registered for every ``object:`` event (an inspector such as Accerciser) is not
    taken as a reader that speaks announcements.
    """
    wanted = normalised_event(ANNOUNCEMENT_EVENT)
    return any(normalised_event(name) == wanted for name in registered)


class RegistryWatch:
    """Follows the AT-SPI registry's list of registered events on a background thread."""

    def __init__(self, address: str | None = None) -> None:
        self._address = address
        self._lock = threading.Lock()
        self._known = threading.Event()
        self._heard: bool | None = None
        self._listeners: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="pacer-reader-events", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def heard(self, wait: float = 0.0) -> bool | None:
        """True/False once the registry has answered; None if it has not (or cannot)."""
        if wait > 0:
            self._known.wait(wait)
        with self._lock:
            return self._heard

    # -- the thread ----------------------------------------------------------------------
    def _run(self) -> None:
        import asyncio  # only once a screen reader is connected: ~25 ms to load (issue 15)

        try:
            asyncio.run(self._watch())
        except Exception:  # no registry, no D-Bus: the answer stays unknown, nothing breaks
            pass
        finally:
            self._known.set()

    async def _watch(self) -> None:
        import asyncio

        from dbus_fast import Message, MessageType
        from dbus_fast.aio import MessageBus

        address = self._address or os.environ.get("AT_SPI_BUS_ADDRESS") or await _bus_address()
        bus = await asyncio.wait_for(MessageBus(bus_address=address).connect(), CALL_TIMEOUT)
        loop = asyncio.get_running_loop()
        pending: set[asyncio.Task[None]] = set()

        def on_message(message: Message) -> None:
            if message.message_type is not MessageType.SIGNAL:
                return
            registry_changed = message.interface == _REGISTRY and message.member in (
                _REGISTRY_SIGNALS
            )
            listener_left = (
                message.member == "NameOwnerChanged"
                and len(message.body) == 3
                and message.body[2] == ""
                and message.body[0] in self._listeners
            )
            if registry_changed or listener_left:
                task = loop.create_task(self._refresh(bus))
                pending.add(task)
                task.add_done_callback(pending.discard)

        bus.add_message_handler(on_message)
        for rule in (
            f"type='signal',interface='{_REGISTRY}',path='{_REGISTRY_PATH}'",
            "type='signal',sender='org.freedesktop.DBus',member='NameOwnerChanged'",
        ):
            await asyncio.wait_for(
                bus.call(
                    Message(
                        destination="org.freedesktop.DBus",
                        path="/org/freedesktop/DBus",
                        interface="org.freedesktop.DBus",
                        member="AddMatch",
                        signature="s",
                        body=[rule],
                    )
                ),
                CALL_TIMEOUT,
            )
        await self._refresh(bus)
        await bus.wait_for_disconnect()

    async def _refresh(self, bus: object) -> None:
        import asyncio

        from dbus_fast import Message, MessageType

        try:
            reply = await asyncio.wait_for(
                bus.call(  # type: ignore[attr-defined]
                    Message(
                        destination=_REGISTRY,
                        path=_REGISTRY_PATH,
                        interface=_REGISTRY,
                        member="GetRegisteredEvents",
                    )
                ),
                CALL_TIMEOUT,
            )
        except Exception:  # the registry went away or hangs; keep the last answer
            return
        if reply.message_type is not MessageType.METHOD_RETURN:
            return
        pairs = [(str(sender), str(event)) for sender, event in reply.body[0]]
        with self._lock:
            self._listeners = {sender for sender, _ in pairs}
            self._heard = hears_announcements(event for _, event in pairs)
        self._known.set()


async def _bus_address() -> str:
    import asyncio

    from dbus_fast import Message
    from dbus_fast.aio import MessageBus

    session = await asyncio.wait_for(MessageBus().connect(), CALL_TIMEOUT)
    try:
        reply = await asyncio.wait_for(
            session.call(
                Message(
                    destination="org.a11y.Bus",
                    path="/org/a11y/bus",
                    interface="org.a11y.Bus",
                    member="GetAddress",
                )
            ),
            CALL_TIMEOUT,
        )
        return str(reply.body[0])
    finally:
        session.disconnect()


_watch: RegistryWatch | None = None
_watch_lock = threading.Lock()


def announcements_heard() -> bool:
    """Should a message go out as an announcement (True) or on the focused element (False)?

    Asked only while a screen reader is connected (Qt's accessibility is active). When the
    registry cannot be read the answer is True: Qt's own announcement, never both.
    """
    if not sys.platform.startswith("linux"):
        return True
    global _watch
    with _watch_lock:
        watch = _watch
        first = watch is None
        if watch is None:
            watch = _watch = RegistryWatch()
            watch.start()
    heard = watch.heard(FIRST_ANSWER_WAIT if first else 0.0)
    return True if heard is None else heard


def forget_watch() -> None:
    """Tests: start afresh with the next question."""
    global _watch
    with _watch_lock:
        _watch = None
