"""Roles Qt gets wrong for Pacer, set once for the whole app through an accessibility factory.

- A ``QStackedWidget`` (the window's pages, the surface's lower part, the options row,
  every ``QTabWidget``'s pages) is only a container, yet Qt exposes it as a "layered pane",
  which Orca speaks on every focus change inside it ("layered pane layered pane Done").
  As a plain container (AT-SPI "filler") it is silent unless it is given a name.
- A widget that draws a picture says so: classes listed in ``GRAPHIC_CLASSES`` are images
  (AT-SPI "image", UI Automation "Image"), named by what they show.

Qt asks the factory once per object, the first time a reader asks about it, so installing
it before any window is shown is enough; ``install`` may be called any number of times.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget

CONTAINER_CLASSES = frozenset({"QStackedWidget"})
GRAPHIC_CLASSES = frozenset({"BellyCanvas"})

_installed = False


def role_for(class_name: str) -> QAccessible.Role | None:
    if class_name in CONTAINER_CLASSES:
        return QAccessible.Role.Client
    if class_name in GRAPHIC_CLASSES:
        return QAccessible.Role.Graphic
    return None


def _factory(class_name: str, obj: QObject) -> QAccessibleInterface | None:
    role = role_for(class_name)
    if role is None or not isinstance(obj, QWidget):
        return None
    return QAccessibleWidget(obj, role)


def install() -> None:
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True
