"""Speaking to screen readers: the one way every part of Pacer does it.

Three calls cover a practice from start to end:

``announce(widget, message)``
    Something changed while the person's focus stays where it is: a breathing phase, a
    relaxation step, "Paused". Spoken once. Readers that follow Qt's polite announcements
    (Orca ≥ 45.2, NVDA and Narrator through UI Automation, VoiceOver) get exactly that.
    Older Orca (Debian 12 has 43.1) ignores announcements but speaks a change to the name
    of the element that has focus, so where the AT-SPI registry shows that no client
    listens for announcements (:mod:`pacer.ui.common.reader_events`) the message becomes
    the name of the *speaking place* instead. Never both, so no reader hears a message twice.

``make_speaking_place(widget, name)``
    The element that holds keyboard focus while a practice runs (the practice surface).
    It takes focus by Tab or click, accepts no key and no shortcut, so Space, Esc, M,
    Ctrl+E and F11 stay with the window's actions. ``announce`` from the widget or any of
    its descendants falls back to it; while focus is elsewhere (Tab to a button) an older
    reader hears the latest message when focus comes back. ``say_when_focused`` sets what
    it says then without saying anything now (the words before a practice).

``speak_on_appearance(panel, name, description)``
    A panel that appears with something to say — the summary at the end, a check-in
    question — takes keyboard focus. Every reader presents a newly focused element by its
    name and then its description, so this needs no announcement at all (and so cannot be
    doubled). Call it after the panel is shown; its own controls follow it in the Tab order.
    Example, for a question panel::

        panel.show()
        speak_on_appearance(panel, "How tense does your body feel?", "0 is soft, 10 is tight.")

Setting ``PACER_SPEECH_LOG`` to a file path appends one line per message (local time, how it
was sent, the text); the screen-reader tests compare it with what Orca says.
"""

from __future__ import annotations

import os
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget

from pacer.ui.common import reader_events

SPEAKING_PLACE = "pacerSpeakingPlace"  # object name of the helper each speaking place has
SPEECH_LOG_ENV = "PACER_SPEECH_LOG"


def announce(widget: QWidget, message: str) -> None:
    """Say ``message`` once, politely, without moving focus."""
    if not message:
        return
    place = speaking_place_for(widget)
    if place is not None:
        place.current = message  # what focus will hear the next time it arrives
    if not QAccessible.isActive():
        _log("quiet", message)
        return  # no assistive technology listening; nothing to send
    if reader_events.announcements_heard():
        _log("announcement", message)
        event = QAccessibleAnnouncementEvent(widget, message)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        _post(event)
    elif place is not None:
        _log("name", message)
        place.speak_if_focused()


def say_when_focused(widget: QWidget, text: str) -> None:
    """What the speaking place says the next time focus arrives, without saying it now."""
    place = speaking_place_for(widget)
    if place is not None:
        place.current = text


def make_speaking_place(widget: QWidget, name: str) -> None:
    """Let ``widget`` hold focus during a practice and carry messages for older readers."""
    widget.setAccessibleName(name)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    _SpeakingPlace(widget, name)


def speaking_place_for(widget: QWidget | None) -> _SpeakingPlace | None:
    while widget is not None:
        place = widget.findChild(
            _SpeakingPlace, SPEAKING_PLACE, Qt.FindChildOption.FindDirectChildrenOnly
        )
        if place is not None:
            return place
        widget = widget.parentWidget()
    return None


def speak_on_appearance(panel: QWidget, name: str, description: str = "") -> None:
    """Give a newly shown panel focus, named and described by what it says."""
    panel.setAccessibleName(name)
    panel.setAccessibleDescription(description)
    if panel.focusPolicy() == Qt.FocusPolicy.NoFocus:
        panel.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    _log("focus", f"{name}\t{description}" if description else name)
    panel.setFocus(Qt.FocusReason.OtherFocusReason)


class _SpeakingPlace(QObject):
    """Carries messages as the name of its widget, for readers without announcements.

    Such a reader (Orca 43) speaks a name change of the focused element only, and reads the
    name whenever focus arrives. It also keeps the name it read with the focus and ignores a
    change to that same name, so a message that arrives together with the focus (the first
    breath, as the window opens) is said once, whichever of the two the reader handles
    first. (It keeps no such note of descriptions: a description would be said twice.)

    So the name changes only while the widget has focus, each change said once; a message
    that comes while focus is elsewhere becomes the name just before Qt reports the focus
    coming back. Readers that hear announcements always get the plain name ("Practice").
    """

    def __init__(self, widget: QWidget, name: str) -> None:
        super().__init__(widget)
        self.setObjectName(SPEAKING_PLACE)
        self.widget = widget
        self.name = name
        self.current = ""
        widget.installEventFilter(self)

    def speak_if_focused(self) -> None:
        if not self.widget.hasFocus():
            return  # kept in ``current``; said when focus arrives
        said = self.current
        if self.widget.accessibleName() == said:
            # The same words again; a reader ignores a name that did not change.
            said += " "
        self.widget.setAccessibleName(said)  # Qt tells the readers

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched is self.widget:
            # Before Qt reports the focus: the reader reads this name with it.
            speaking = QAccessible.isActive() and not reader_events.announcements_heard()
            self.widget.setAccessibleName(self.current if speaking and self.current else self.name)
        return False


def _post(event: QAccessibleEvent) -> None:
    QAccessible.updateAccessibility(event)


def _log(how: str, message: str) -> None:
    path = os.environ.get(SPEECH_LOG_ENV)
    if not path:
        return
    stamp = datetime.now().strftime("%H:%M:%S.%f")
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{stamp}\t{how}\t{message}\n")
