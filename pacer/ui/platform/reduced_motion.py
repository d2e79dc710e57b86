"""Whether the desktop asks for reduced motion, for Pacer's "follow my system" choice.

Qt reports it itself from 6.12 (``QStyleHints.accessibility().motionPreference()``) and that
is used whenever it exists. On older Qt the desktop's own setting is read:

- Linux and other freedesktop desktops: the settings portal (``org.freedesktop.portal.Settings``
  on the session bus): the standard ``org.freedesktop.appearance`` ``reduced-motion`` (1 means
  reduced) and GNOME's ``org.gnome.desktop.interface`` ``enable-animations`` (off means
  reduced), which GNOME's portal shares. Either one asking for less movement is enough. The
  portal's ``SettingChanged`` signal brings later changes at once.
- Windows: ``SystemParametersInfoW(SPI_GETCLIENTAREAANIMATION)`` ("Animation effects" off).
- macOS: ``NSWorkspace.accessibilityDisplayShouldReduceMotion`` ("Reduce motion").
  Windows and macOS are read again whenever Pacer becomes the active application.

The portal is asked without waiting (start-up never blocks on D-Bus); the answer arrives
within milliseconds and ``changed`` tells. No bus, no portal or no such key simply means no
preference — full movement — and nothing is printed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import SLOT, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication

PORTAL_SERVICE = "org.freedesktop.portal.Desktop"
PORTAL_PATH = "/org/freedesktop/portal/desktop"
PORTAL_SETTINGS = "org.freedesktop.portal.Settings"
PORTAL_TIMEOUT_MS = 2000
_NOT_FOUND = "org.freedesktop.portal.Error.NotFound"
_UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"


def _reduced_motion_value(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value == 1


def _animations_off(value: object) -> bool:
    return value is False


# (namespace, key) → how its value says "reduce motion".
PORTAL_KEYS: dict[tuple[str, str], Callable[[object], bool]] = {
    ("org.freedesktop.appearance", "reduced-motion"): _reduced_motion_value,
    ("org.gnome.desktop.interface", "enable-animations"): _animations_off,
}

SPI_GETCLIENTAREAANIMATION = 0x1042


class DesktopMotion(QObject):
    """The desktop's reduced-motion wish, kept current. ``reduced`` is False until known."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None, platform: str | None = None) -> None:
        super().__init__(parent)
        self._wishes: dict[object, bool] = {}  # source → does it ask for reduced motion
        self._pending = 0
        self._watchers: set[QObject] = set()
        platform = sys.platform if platform is None else platform
        instance = QGuiApplication.instance()
        app = instance if isinstance(instance, QGuiApplication) else None
        if app is not None and self._follow_qt(app):
            return
        if platform.startswith("win"):
            self._poll(app, windows_prefers_reduced_motion)
        elif platform == "darwin":
            self._poll(app, macos_prefers_reduced_motion)
        else:
            self._ask_portal()

    @property
    def reduced(self) -> bool:
        return any(self._wishes.values())

    @property
    def settled(self) -> bool:
        """True once every question asked has had its answer (or its silence)."""
        return self._pending == 0

    def _set(self, source: object, wish: bool | None) -> None:
        before = self.reduced
        if wish is None:
            self._wishes.pop(source, None)
        else:
            self._wishes[source] = wish
        if self.reduced != before:
            self.changed.emit(self.reduced)

    # -- Qt 6.12 and later ----------------------------------------------------------------------
    def _follow_qt(self, app: QGuiApplication) -> bool:
        hints = app.styleHints()  # keep a reference: a chained call frees the wrapper early
        accessibility = hints.accessibility()
        if not hasattr(accessibility, "motionPreference"):
            return False
        self._accessibility = accessibility

        def read(*_: object) -> None:
            reduced = Qt.MotionPreference.ReducedMotion  # type: ignore[attr-defined]
            self._set("qt", accessibility.motionPreference() == reduced)

        read()
        signal = getattr(accessibility, "motionPreferenceChanged", None)
        if signal is not None:
            signal.connect(read)
        return True

    # -- Windows and macOS: read now and whenever Pacer becomes active ------------------------
    def _poll(self, app: QGuiApplication | None, read: Callable[[], bool | None]) -> None:
        self._set("system", read())
        if app is not None:

            def reread(state: Qt.ApplicationState) -> None:
                if state == Qt.ApplicationState.ApplicationActive:
                    self._set("system", read())

            app.applicationStateChanged.connect(reread)

    # -- the freedesktop settings portal --------------------------------------------------------
    def _ask_portal(self) -> None:
        from PySide6.QtDBus import QDBusConnection

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            return
        self._bus = bus
        # The binding takes the slot as text, though its type stubs say bytes.
        bus.connect(  # type: ignore[call-overload]
            PORTAL_SERVICE,
            PORTAL_PATH,
            PORTAL_SETTINGS,
            "SettingChanged",
            self,
            SLOT("_setting_changed(QString,QString,QDBusVariant)"),
        )
        for namespace, key in PORTAL_KEYS:
            self._read(namespace, key, "ReadOne")

    def _read(self, namespace: str, key: str, method: str) -> None:
        from PySide6.QtDBus import QDBusMessage, QDBusPendingCallWatcher

        message = QDBusMessage.createMethodCall(
            PORTAL_SERVICE, PORTAL_PATH, PORTAL_SETTINGS, method
        )
        message.setArguments([namespace, key])
        watcher = QDBusPendingCallWatcher(self._bus.asyncCall(message, PORTAL_TIMEOUT_MS), self)
        self._watchers.add(watcher)
        self._pending += 1

        def answered(done: QDBusPendingCallWatcher) -> None:
            self._pending -= 1
            self._watchers.discard(done)
            done.deleteLater()
            if done.isError():
                if done.error().name() == _UNKNOWN_METHOD and method == "ReadOne":
                    self._read(namespace, key, "Read")  # a portal older than version 2
                return  # no such key, no portal: this source says nothing
            arguments = done.reply().arguments()
            if arguments:
                self._heard(namespace, key, arguments[0])

        watcher.finished.connect(answered)

    def _heard(self, namespace: str, key: str, value: object) -> None:
        meaning = PORTAL_KEYS.get((namespace, key))
        if meaning is not None:
            self._set((namespace, key), meaning(_unwrap(value)))

    @Slot(str, str, "QDBusVariant")
    def _setting_changed(self, namespace: str, key: str, value: object) -> None:
        self._heard(namespace, key, value)


def _unwrap(value: object) -> object:
    """The plain value inside any variants (``Read`` wraps it twice, ``ReadOne`` once)."""
    from PySide6.QtDBus import QDBusVariant

    while isinstance(value, QDBusVariant):
        value = value.variant()
    return value


def windows_prefers_reduced_motion() -> bool | None:
    """Windows' "Animation effects": off means reduced motion; None when it cannot be read."""
    try:
        import ctypes

        enabled = ctypes.c_int(1)
        user32 = ctypes.windll.user32  # type: ignore[attr-defined]
        if not user32.SystemParametersInfoW(
            SPI_GETCLIENTAREAANIMATION, 0, ctypes.pointer(enabled), 0
        ):
            return None
        return not enabled.value
    except Exception:  # not Windows, or the call is unavailable: no preference
        return None


def macos_prefers_reduced_motion() -> bool | None:
    """macOS' "Reduce motion" (NSWorkspace); None when it cannot be read."""
    try:
        import ctypes
        import ctypes.util

        objc = ctypes.cdll.LoadLibrary(ctypes.util.find_library("objc") or "libobjc.dylib")
        ctypes.cdll.LoadLibrary(ctypes.util.find_library("AppKit") or "AppKit")
        objc.objc_getClass.restype = ctypes.c_void_p
        objc.objc_getClass.argtypes = [ctypes.c_char_p]
        objc.sel_registerName.restype = ctypes.c_void_p
        objc.sel_registerName.argtypes = [ctypes.c_char_p]
        address = ctypes.cast(objc.objc_msgSend, ctypes.c_void_p).value
        if not address:
            return None
        send_id = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)(address)
        send_bool = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_void_p)(address)
        workspace_class = objc.objc_getClass(b"NSWorkspace")
        if not workspace_class:
            return None
        workspace = send_id(workspace_class, objc.sel_registerName(b"sharedWorkspace"))
        if not workspace:
            return None
        selector = objc.sel_registerName(b"accessibilityDisplayShouldReduceMotion")
        return bool(send_bool(workspace, selector))
    except Exception:  # not macOS, or AppKit is unavailable: no preference
        return None
