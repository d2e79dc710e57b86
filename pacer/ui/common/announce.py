"""Speaking to screen readers: the one way every part of Pacer does it.

Three calls cover a practice from start to end:

``announce(widget, message)``
    Something changed while the person's focus stays where it is: a breathing phase, a
    relaxation step, "Paused". Spoken once. Readers that follow Qt's polite announcements
    (Orca ≥ 45.2, NVDA and Narrator through UI Automation, VoiceOver) get exactly that.
    Older Orca (Debian 12 has 43.1) ignores announcements but speaks a change to the
    description of the element that has focus, so where the AT-SPI registry shows that no
    client listens for announcements (:mod:`pacer.ui.common.reader_events`) the message
    becomes the description of the *speaking place* instead. Never both, so no reader hears
    a message twice.

``make_speaking_place(widget, name)``
    The element that holds keyboard focus while a practice runs (the practice surface).
    It takes focus by Tab or click, accepts no key and no shortcut, so Space, Esc, M,
    Ctrl+E and F11 stay with the window's actions. ``announce`` from the widget or any of
    its descendants falls back to it; while focus is elsewhere (Tab to a button) an older
    reader hears the latest message when focus comes back. ``describe_quietly`` sets what
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
        place.current = message  # what focus will hear next time it arrives
    if not QAccessible.isActive():
        _log("quiet", message)
        return  # no assistive technology listening; nothing to send
    if reader_events.announcements_heard():
        _log("announcement", message)
        event = QAccessibleAnnouncementEvent(widget, message)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        _post(event)
    elif place is not None:
        _log("description", message)
        place.speak_if_focused()


def describe_quietly(widget: QWidget, text: str) -> None:
    """What the speaking place tells focus the next time it arrives, without saying it now."""
    place = speaking_place_for(widget)
    if place is not None:
        place.current = text


def make_speaking_place(widget: QWidget, name: str) -> None:
    """Let ``widget`` hold focus during a practice and carry messages for older readers."""
    widget.setAccessibleName(name)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    _SpeakingPlace(widget)


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
    """Carries messages as the description of its widget, for readers without announcements.

    Such a reader (Orca 43) speaks a description change only on the focused element, and
    speaks the description again whenever focus arrives. So the description changes only
    while the widget has focus (each change is spoken once); when focus leaves it is
    emptied (an empty description is never spoken), and when focus comes back the current
    message is set just before Qt reports the focus, so it is said once, after the name:
    "Practice. Breathe in, belly rises." Readers that hear announcements never see the
    description change at all.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.setObjectName(SPEAKING_PLACE)
        self.widget = widget
        self.current = ""
        widget.installEventFilter(self)

    def speak_if_focused(self) -> None:
        if not self.widget.hasFocus():
            return  # kept in ``current``; said when focus arrives
        if self.widget.accessibleDescription() != self.current:
            self.widget.setAccessibleDescription(self.current)  # Qt tells the readers
        else:
            # The same words again (another "Breathe in"): tell the readers once more.
            _post(QAccessibleEvent(self.widget, QAccessible.Event.DescriptionChanged))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        focus_change = kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut)
        if focus_change and watched is self.widget and self._describing():
            if kind == QEvent.Type.FocusOut:
                self.widget.setAccessibleDescription("")
            else:
                # Before Qt reports the focus change itself: the reader ignores a change on
                # an element without focus, then reads the new description with the focus.
                self.widget.setAccessibleDescription(self.current)
        return False

    def _describing(self) -> bool:
        return QAccessible.isActive() and not reader_events.announcements_heard()


def _post(event: QAccessibleEvent) -> None:
    QAccessible.updateAccessibility(event)


def _log(how: str, message: str) -> None:
    path = os.environ.get(SPEECH_LOG_ENV)
    if not path:
        return
    stamp = datetime.now().strftime("%H:%M:%S.%f")
    with open(path, "a", encoding="utf-8") as log:
        log.write(f"{stamp}\t{how}\t{message}\n")
