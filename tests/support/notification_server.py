"""A small freedesktop notification server for tests, run inside ``dbus-run-session``.

    dbus-run-session -- python -m tests.support.notification_server

It owns ``org.freedesktop.Notifications`` on that private session bus, prints
``ready <bus address>``, then one JSON line per Notify call (with each hint's D-Bus type),
and obeys lines on standard input:

    invoke <id> <action-key>    emit ActionInvoked, then NotificationClosed (as servers do)
    close <id> <reason>         emit NotificationClosed
"""

import asyncio
import json
import os
import sys

from dbus_fast import BusType
from dbus_fast.aio import MessageBus
from dbus_fast.service import ServiceInterface, method, signal

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Notifications(ServiceInterface):
    def __init__(self) -> None:
        super().__init__(NAME)
        self._next_id = 0

    @method()
    def Notify(
        self,
        app_name: "s",  # noqa: F821
        replaces_id: "u",  # noqa: F821
        app_icon: "s",  # noqa: F821
        summary: "s",  # noqa: F821
        body: "s",  # noqa: F821
        actions: "as",  # noqa: F722
        hints: "a{sv}",  # noqa: F722
        expire_timeout: "i",  # noqa: F821
    ) -> "u":  # noqa: F821
        self._next_id += 1
        record = {
            "id": self._next_id,
            "app_name": app_name,
            "replaces_id": replaces_id,
            "app_icon": app_icon,
            "summary": summary,
            "body": body,
            "actions": actions,
            "hints": {k: [v.signature, v.value] for k, v in hints.items()},
            "expire_timeout": expire_timeout,
        }
        _say("notify " + json.dumps(record))
        return self._next_id

    @method()
    def GetCapabilities(self) -> "as":  # noqa: F722
        return ["actions", "body", "body-markup"]

    @method()
    def GetServerInformation(self) -> "ssss":  # noqa: F821
        return ["pacer-test-server", "Pacer", "1.0", "1.2"]

    @method()
    def CloseNotification(self, notification_id: "u") -> None:  # noqa: F821
        self.NotificationClosed(notification_id, 3)

    @signal()
    def ActionInvoked(self, notification_id: int, action_key: str) -> "us":  # noqa: F821
        return [notification_id, action_key]

    @signal()
    def NotificationClosed(self, notification_id: int, reason: int) -> "uu":  # noqa: F821
        return [notification_id, reason]


async def main() -> None:
    bus = await MessageBus(bus_type=BusType.SESSION).connect()
    server = Notifications()
    bus.export(PATH, server)
    await bus.request_name(NAME)
    _say("ready " + os.environ["DBUS_SESSION_BUS_ADDRESS"])
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    while line := (await reader.readline()).decode():
        words = line.split()
        if words[:1] == ["invoke"]:
            server.ActionInvoked(int(words[1]), words[2])
            server.NotificationClosed(int(words[1]), 2)
        elif words[:1] == ["close"]:
            server.NotificationClosed(int(words[1]), int(words[2]))
        _say("done " + line.strip())


if __name__ == "__main__":
    asyncio.run(main())
