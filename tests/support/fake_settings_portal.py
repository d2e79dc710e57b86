"""A stand-in for the desktop's settings portal on a private session bus (tests only).

Run with the system Python (it needs python3-dbus and python3-gi):

    python3 fake_settings_portal.py '{"org.freedesktop.appearance": {"reduced-motion": ["u", 1]}}'

Each value is [D-Bus type, value]. With ``--version-1`` it has no ReadOne, like portals
before version 2 (callers then get UnknownMethod and must use Read). It owns org.freedesktop.portal.Desktop and answers
org.freedesktop.portal.Settings ReadOne (one variant) and Read (a variant inside a variant,
as the real, older method does); an unknown key gets the portal's NotFound error. A line
"namespace key type json-value" on standard input changes a setting and emits
SettingChanged. It prints "ready" once it owns its name.
"""

import json
import sys

import dbus
import dbus.mainloop.glib
import dbus.service
from gi.repository import GLib

INTERFACE = "org.freedesktop.portal.Settings"
TYPES = {"u": dbus.UInt32, "i": dbus.Int32, "b": dbus.Boolean, "s": dbus.String, "d": dbus.Double}


class NotFound(dbus.DBusException):
    _dbus_error_name = "org.freedesktop.portal.Error.NotFound"


class SettingsVersion1(dbus.service.Object):
    def __init__(self, bus, settings):
        super().__init__(bus, "/org/freedesktop/portal/desktop")
        self.settings = settings

    def _value(self, namespace, key, variant_level):
        try:
            kind, value = self.settings[namespace][key]
        except KeyError:
            raise NotFound(f"Requested setting {namespace} {key} not found") from None
        return TYPES[kind](value, variant_level=variant_level)

    @dbus.service.method(INTERFACE, in_signature="ss", out_signature="v")
    def Read(self, namespace, key):
        return self._value(namespace, key, 2)

    @dbus.service.signal(INTERFACE, signature="ssv")
    def SettingChanged(self, namespace, key, value):
        pass


class Settings(SettingsVersion1):
    @dbus.service.method(INTERFACE, in_signature="ss", out_signature="v")
    def ReadOne(self, namespace, key):
        return self._value(namespace, key, 1)


def main():
    dbus.mainloop.glib.DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    kind = SettingsVersion1 if "--version-1" in sys.argv[2:] else Settings
    portal = kind(bus, json.loads(sys.argv[1]))
    name = dbus.service.BusName("org.freedesktop.portal.Desktop", bus)

    def on_input(source, condition):
        line = sys.stdin.readline()
        if not line:
            loop.quit()
            return False
        namespace, key, kind, raw = line.split(" ", 3)
        value = json.loads(raw)
        portal.settings.setdefault(namespace, {})[key] = [kind, value]
        portal.SettingChanged(namespace, key, TYPES[kind](value, variant_level=1))
        print("changed", flush=True)
        return True

    loop = GLib.MainLoop()
    GLib.io_add_watch(sys.stdin, GLib.IO_IN | GLib.IO_HUP, on_input)
    print("ready", name.get_name(), flush=True)
    loop.run()


if __name__ == "__main__":
    main()
