"""A small AT-SPI client for tests, run with the system Python that has python3-pyatspi.

    /usr/bin/python3 tests/support/atspi_probe.py APP_NAME [--listen EVENTS.jsonl]

It answers one JSON line per command read on standard input:

    tree      every accessible of the app: role, name, description, states, extents,
              the names it is labelled by, and whether it (and all its ancestors) show
    focused   the accessible that has keyboard focus (as the last focus event said), or null
    quit

With ``--listen`` it also asks the registry for ``object:announcement`` (as Orca 45.2 and
later do) and records each announcement, description change, name change and focus change
with the wall-clock time, one JSON line each. That makes it a stand-in for a newer screen
reader: the app sees a client that listens for announcements.

This file is not imported by the test suite (the suite's Python has no gi); it is a script.
"""

import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
import pyatspi  # noqa: E402
from gi.repository import Atspi, GLib  # noqa: E402

LISTENED = (
    "object:announcement",
    "object:property-change:accessible-description",
    "object:property-change:accessible-name",
    "object:state-changed:focused",
)
STATES = {
    "focused": pyatspi.STATE_FOCUSED,
    "focusable": pyatspi.STATE_FOCUSABLE,
    "showing": pyatspi.STATE_SHOWING,
    "visible": pyatspi.STATE_VISIBLE,
    "sensitive": pyatspi.STATE_SENSITIVE,
}


def find_app(name):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is not None and app.name == name:
            return app
    return None


def describe(acc, path, showing_parent):
    states = acc.getState()
    flags = {key: states.contains(state) for key, state in STATES.items()}
    try:
        x, y, w, h = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    except NotImplementedError:
        x = y = w = h = 0
    labelled_by = []
    for relation in acc.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for index in range(relation.getNTargets()):
                labelled_by.append(relation.getTarget(index).name)
    return {
        "path": path,
        "role": acc.getRoleName(),
        "name": acc.name,
        "description": acc.description,
        "states": flags,
        "shown": showing_parent and flags["showing"],
        "extents": [x, y, w, h],
        "labelled_by": labelled_by,
    }


def walk(app):
    Atspi.Accessible.clear_cache(app)
    nodes = []

    def visit(acc, path, showing_parent):
        node = describe(acc, path, showing_parent)
        nodes.append(node)
        for index in range(acc.childCount):
            child = acc.getChildAtIndex(index)
            if child is not None:
                visit(child, [*path, index], node["shown"])

    for index in range(app.childCount):
        window = app.getChildAtIndex(index)
        if window is not None:
            visit(window, [index], True)
    return nodes


def main():
    app_name = sys.argv[1]
    record = None
    if "--listen" in sys.argv:
        record = open(sys.argv[sys.argv.index("--listen") + 1], "a", encoding="utf-8")  # noqa: SIM115

        def on_event(event):
            data = event.any_data
            try:
                source = {"role": event.source.getRoleName(), "name": event.source.name}
            except Exception:
                source = {}
            line = {
                "time": time.time(),
                "type": event.type,
                "detail1": event.detail1,
                "data": data if isinstance(data, str) else None,
                "source": source,
            }
            record.write(json.dumps(line) + "\n")
            record.flush()

        listener = Atspi.EventListener.new(on_event)
        for kind in LISTENED:
            listener.register(kind)

    # Where focus is, as a reader learns it: from focus events (a walk of the tree is slow).
    last_focus = {}

    def on_focus(event):
        if event.detail1:
            last_focus["accessible"] = event.source

    focus_listener = Atspi.EventListener.new(on_focus)
    focus_listener.register("object:state-changed:focused")

    def focused_now(app):
        accessible = last_focus.get("accessible")
        if accessible is not None:
            Atspi.Accessible.clear_cache(accessible)
            node = describe(accessible, [], True)
            if node["states"]["focused"]:
                return node
        focused = [n for n in walk(app) if n["states"]["focused"] and n["shown"]]
        return focused[-1] if focused else None

    loop = GLib.MainLoop()

    def answer(value):
        sys.stdout.write(json.dumps(value) + "\n")
        sys.stdout.flush()

    def on_command(channel, _condition):
        line = channel.readline().strip()
        if line in ("", "quit"):
            loop.quit()
            return False
        app = find_app(app_name)
        if app is None:
            answer({"error": f"no application named {app_name!r}"})
        elif line == "tree":
            answer(walk(app))
        elif line == "focused":
            answer(focused_now(app))
        else:
            answer({"error": f"unknown command {line!r}"})
        return True

    channel = GLib.IOChannel.unix_new(sys.stdin.fileno())
    GLib.io_add_watch(channel, GLib.PRIORITY_DEFAULT, GLib.IO_IN | GLib.IO_HUP, on_command)
    answer({"ready": True})
    loop.run()
    if record is not None:
        record.close()


if __name__ == "__main__":
    main()
