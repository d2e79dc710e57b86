"""A stand-in for the AT-SPI registry's event list, run inside ``dbus-run-session``.

    dbus-run-session -- python -m tests.support.fake_registry

It owns ``org.a11y.atspi.Registry`` on that private bus, prints ``ready <bus address>``,
answers ``GetRegisteredEvents`` and obeys lines on standard input:

    add <event>       a client registers for <event> (EventListenerRegistered is emitted)
    remove <event>    it deregisters (EventListenerDeregistered)
"""

import asyncio
import os
import sys

from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

NAME = "org.a11y.atspi.Registry"
PATH = "/org/a11y/atspi/registry"
CLIENT = ":1.99"


class Registry(ServiceInterface):
    def __init__(self) -> None:
        super().__init__(NAME)
        self.events: list[str] = []

    @method()
    def GetRegisteredEvents(self) -> "a(ss)":  # noqa: F821
        return [[CLIENT, event] for event in self.events]

    @signal()
    def EventListenerRegistered(self, bus: str, event: str) -> "ss":  # noqa: F821
        return [bus, event]

    @signal()
    def EventListenerDeregistered(self, bus: str, event: str) -> "ss":  # noqa: F821
        return [bus, event]


async def main() -> None:
    bus = await MessageBus().connect()
    registry = Registry()
    bus.export(PATH, registry)
    await bus.request_name(NAME)
    print("ready " + os.environ["DBUS_SESSION_BUS_ADDRESS"], flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        command, _, event = line.strip().partition(" ")
        if command == "add":
            registry.events.append(event)
            registry.EventListenerRegistered(CLIENT, event)
        elif command == "remove":
            registry.events.remove(event)
            registry.EventListenerDeregistered(CLIENT, event)
        print("done", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
