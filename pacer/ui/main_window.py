"""The main window only assembles pages, menus and shortcuts; each feature has its own module."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from pacer import __version__
from pacer.core import guidance
from pacer.core.practice_log.records import SessionKind
from pacer.core.practice_log.store import PracticeLog, UnknownSessionError
from pacer.core.practice_log.wording import KIND_WORDS
from pacer.identity import APP_NAME
from pacer.ui.app_context import AppContext
from pacer.ui.common.notice_bar import NoticeBar
from pacer.ui.fullscreen.controller import FullscreenController
from pacer.ui.home.home_page import HomePage
from pacer.ui.platform.keep_awake import KeepAwake
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome
from pacer.ui.session.recording import WRITE_ERRORS, SessionRecording
from pacer.ui.session.services import SessionServices
from pacer.ui.sound.notice import SoundNotice
from pacer.ui.sound.sound_controller import SoundController

if TYPE_CHECKING:
    from pacer.ui.breathing.breathing_page import BreathingPage
    from pacer.ui.history.history_page import HistoryPage
    from pacer.ui.relaxation.relaxation_page import RelaxationPage
    from pacer.ui.session.practice_page import PracticePage
    from pacer.ui.trainer.trainer_page import TrainerPage

MINIMUM_SIZE = QSize(900, 600)


class MainWindow(QMainWindow):
    page_changed = Signal(str)

    def __init__(self, context: AppContext, services: SessionServices | None = None) -> None:
        super().__init__()
        self.context = context
        self.services = services or SessionServices(parent=self)
        self.keep_awake = KeepAwake()
        self.services.add_listener_factory(lambda session: self.keep_awake)
        self.services.confirm_replacing = self._confirm_replacing
        self.setWindowTitle(APP_NAME)
        # Everything fits at this size, with the system font up to 1.5× (tested).
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(1000, 700)

        self.notices = NoticeBar(self)
        self.sound_notice = SoundNotice(self)
        self.sound_notice.hide()
        self.sound = SoundController(context, self.sound_notice, parent=self)
        self.services.add_listener_factory(lambda session: self.sound)
        if context.log is not None:
            self.services.add_listener_factory(self._recording_for)
        self.pages = QStackedWidget(self)
        self.home = HomePage(self)
        # Every other page (and its modules) is built when first wanted, so the first frame
        # waits only for what it shows (issue 15).
        self._page_names: dict[str, QWidget] = {}
        self._page_builders: dict[str, Callable[[], QWidget]] = {
            "breathing": self._build_breathing,
            "relaxation": self._build_relaxation,
            "trainer": self._build_trainer,
            "history": self._build_history,
        }
        self.add_page("home", self.home)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.notices)
        layout.addWidget(self.sound_notice)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.fullscreen = FullscreenController(self)

        self.home.breathe_requested.connect(lambda: self.show_page("breathing"))
        self.home.relax_requested.connect(lambda: self.show_page("relaxation"))
        self.home.trainer_requested.connect(lambda: self.show_page("trainer"))
        self.home.history_requested.connect(lambda: self.show_page("history"))
        self.home.preferences_requested.connect(self.open_preferences)
        context.preferences_changed.connect(self._refresh_home)
        context.patterns_changed.connect(self._refresh_home)
        self._build_menus()
        self._refresh_home()
        for notice in context.notices:
            self.notices.post(notice)

    # -- pages -------------------------------------------------------------------------------
    def add_page(self, name: str, page: QWidget) -> None:
        self._page_names[name] = page
        self.pages.addWidget(page)

    def _connect_practice_page(self, page: PracticePage) -> None:
        page.fullscreen_requested.connect(self.toggle_fullscreen)
        page.session_finished.connect(self._session_finished)
        page.reflection_given.connect(self._save_reflection)
        page.tension_after_given.connect(self._save_tension_after)

    def page(self, name: str) -> QWidget:
        """The page called ``name``, built on first use."""
        page = self._page_names.get(name)
        if page is None:
            page = self._page_builders[name]()
            self.add_page(name, page)
        return page

    def built_page(self, name: str) -> QWidget | None:
        """The page called ``name`` if it has been built, else None (nothing is built)."""
        return self._page_names.get(name)

    def _build_breathing(self) -> QWidget:
        from pacer.ui.breathing.breathing_page import BreathingPage

        page = BreathingPage(self.context, self.services, self)
        self._connect_practice_page(page)
        page.manage_patterns_requested.connect(self.open_patterns)
        return page

    def _build_relaxation(self) -> QWidget:
        from pacer.ui.relaxation.relaxation_page import RelaxationPage

        page = RelaxationPage(self.context, self.services, self)  # reads its sequence file
        self._connect_practice_page(page)
        return page

    def _build_trainer(self) -> QWidget:
        from pacer.ui.trainer.trainer_page import TrainerPage

        page = TrainerPage(self.context, self.services, self)
        self._connect_practice_page(page)
        return page

    def _build_history(self) -> QWidget:
        from pacer.ui.history.history_page import HistoryPage

        page = HistoryPage(self.context.log, self.context.log_problem, self)
        page.export_requested.connect(self.open_export)
        page.import_requested.connect(self.open_import)
        self.context.theme_changed.connect(lambda theme: page.restyle())
        return page

    @property
    def breathing(self) -> BreathingPage:
        return cast("BreathingPage", self.page("breathing"))

    @property
    def relaxation(self) -> RelaxationPage:
        return cast("RelaxationPage", self.page("relaxation"))

    @property
    def trainer(self) -> TrainerPage:
        return cast("TrainerPage", self.page("trainer"))

    @property
    def history(self) -> HistoryPage:
        return cast("HistoryPage", self.page("history"))

    def _refresh_history(self) -> None:
        """A history page not yet built reads the log when it is; nothing to do until then."""
        history = self.built_page("history")
        if history is not None:
            cast("HistoryPage", history).refresh()

    def show_page(self, name: str) -> None:
        page = self.page(name)
        if name == "history":
            self.history.ensure_built()
            self.history.refresh()
        self.pages.setCurrentWidget(page)
        self.page_changed.emit(name)

    def _confirm_replacing(self, running) -> bool:
        from PySide6.QtWidgets import QMessageBox

        practice = KIND_WORDS[running.kind].lower()
        answer = QMessageBox.question(
            self,
            "Start something new?",
            f"Your {practice} is still going. End it here and start this one? "
            "The time you have practised is kept.",
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- what follows a session -------------------------------------------------------------
    def _recording_for(self, session: PracticeSession) -> SessionRecording | None:
        log = self.context.log
        if log is None:
            return None
        return SessionRecording(log, self.services.clock, self.notices.post)

    def _session_finished(self, outcome: SessionOutcome) -> None:
        # A session that ends in full screen ends there, calmly; the person leaves when ready.
        self._refresh_history()

    def _write_to_log(self, session: PracticeSession, write: Callable[..., object]) -> None:
        """Something the person added after a session; never lost without a word."""
        log = self.context.log
        if log is None:
            return
        try:
            write(log, session.description.session_id)
        except UnknownSessionError:
            self.notices.post(
                "This session isn't in your practice log, so what you added could not be kept."
            )
        except WRITE_ERRORS as error:
            self.notices.post(f"What you added could not be saved just now ({error}).")
        self._refresh_history()

    def _save_tension_after(self, session: PracticeSession, tension: int) -> None:
        self._write_to_log(session, lambda log, key: log.set_tension_after(key, tension))

    def _save_reflection(self, session: PracticeSession, choice: str | None, note: str) -> None:
        """After a session: the answer to the page's question, and a note, if any."""

        def write(log: PracticeLog, key: str) -> None:
            if choice and session.kind is SessionKind.TRAINER:
                log.set_response(key, choice)
            elif choice:
                log.set_feeling(key, choice)
            if note:
                log.set_note(key, note)

        self._write_to_log(session, write)

    @property
    def current_page_name(self) -> str:
        current = self.pages.currentWidget()
        return next(name for name, page in self._page_names.items() if page is current)

    def _refresh_home(self, *_: object) -> None:
        prefs = self.context.preferences
        name, pattern = self.context.resolve_pattern(prefs.pattern)
        length = (
            "no set length" if prefs.session_minutes is None else f"{prefs.session_minutes:g} min"
        )
        self.home.set_breathing_detail(f"{name} · {pattern.describe()} · {length}")

    # -- menus and keys ----------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, menu=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if menu is not None:
            menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        practice = bar.addMenu("&Practice")
        self._action("&Home", lambda: self.show_page("home"), "Ctrl+0", practice)
        self._action("&Breathe", lambda: self.show_page("breathing"), "Ctrl+1", practice)
        self.relax_action = self._action(
            "&Relax", lambda: self.show_page("relaxation"), "Ctrl+2", practice
        )
        self.history_action = self._action(
            "Practice &log", lambda: self.show_page("history"), "Ctrl+3", practice
        )
        self.trainer_action = self._action(
            "&Trainer practice", lambda: self.show_page("trainer"), "Ctrl+4", practice
        )
        practice.addSeparator()
        self.toggle_action = self._action("Begin / pause", self.toggle_session, "Space", practice)
        self.stop_action = self._action("&End session", self.stop_session, "Ctrl+E", practice)
        self.fullscreen_action = self._action(
            "&Full screen", self.toggle_fullscreen, QKeySequence.StandardKey.FullScreen, practice
        )
        self.fullscreen_action.setShortcuts([QKeySequence("F11")])
        self.guarding_action = self._action(
            "Note a moment of &guarding", self._note_guarding, "G", practice
        )
        self.closing_action = self._action(
            "Go to the &closing breaths", self._close_early, "C", practice
        )
        self.sound_action = self._action("&Sound", self.sound.toggle_sound, "M", practice)
        self.sound_action.setCheckable(True)
        self.sound_action.setChecked(self.context.preferences.sound)
        self.context.preferences_changed.connect(
            lambda prefs: self.sound_action.setChecked(prefs.sound)
        )
        practice.addSeparator()
        self._action("&Export practice log…", self.open_export, "Ctrl+Shift+E", practice)
        self._action("&Import practice log…", self.open_import, None, practice)
        practice.addSeparator()
        self.quit_action = self._action("&Quit", self.quit_app, "Ctrl+Q", practice)
        # The platform's own quit keys too (e.g. Cmd+Q on macOS), without losing Ctrl+Q
        # on platforms whose theme defines none.
        quit_keys = [QKeySequence("Ctrl+Q")]
        for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Quit):
            if key not in quit_keys:  # a key bound twice to one action would be ambiguous
                quit_keys.append(key)
        self.quit_action.setShortcuts(quit_keys)
        settings = bar.addMenu("&Settings")
        self._action("&Preferences…", self.open_preferences, "Ctrl+,", settings)
        self._action("Your &patterns…", self.open_patterns, None, settings)
        help_menu = bar.addMenu("&Help")
        self._action("&Welcome and safety", self.show_welcome, None, help_menu)
        self._action("Where to find &support", self.show_support, None, help_menu)
        self._action("About &trainer practice", self.show_trainer_help, None, help_menu)
        self._action("&Keyboard shortcuts", self.show_shortcuts, "F1", help_menu)
        self._action("&About Pacer", self.show_about, None, help_menu)
        self.help_menu = help_menu
        self.practice_menu = practice

    def active_practice_page(self) -> PracticePage:
        """The page whose session Space/F11 act on: the one shown, else breathing."""
        from pacer.ui.session.practice_page import PracticePage

        page = self.pages.currentWidget()
        return page if isinstance(page, PracticePage) else self.breathing

    def toggle_session(self) -> None:
        page = self.active_practice_page()
        if self.pages.currentWidget() is not page:
            self.show_page("breathing")
        page.toggle()

    def stop_session(self) -> None:
        self.services.stop_current()

    def _running_trainer(self) -> TrainerPage | None:
        """The trainer page when its session is the one running, else None."""
        page = cast("TrainerPage | None", self.built_page("trainer"))
        return page if page is not None and page.is_active else None

    def _note_guarding(self) -> None:
        page = self._running_trainer()
        if page is not None:
            page.note_guarding()

    def _close_early(self) -> None:
        page = self._running_trainer()
        if page is not None:
            page.close_early()

    def enter_fullscreen(self) -> None:
        if not self.fullscreen.active:
            self.toggle_fullscreen()

    def toggle_fullscreen(self) -> None:
        page = self.active_practice_page()
        if self.pages.currentWidget() is not page:
            self.show_page("breathing")
        self.fullscreen.toggle(page, self.context.theme)

    # -- dialogs -------------------------------------------------------------------------------
    def open_preferences(self) -> None:
        from pacer.core.audio.player import list_output_devices
        from pacer.ui.preferences.preferences_dialog import PreferencesDialog

        PreferencesDialog(self.context, self, output_devices=list_output_devices).exec()

    def open_export(self) -> None:
        if self.context.log is None:
            self.notices.post("There is no practice log to export right now.")
            return
        from pacer.ui.export.dialogs import ExportDialog

        ExportDialog(self.context.log, self.context.data_dir, self).exec()

    def open_import(self) -> None:
        if self.context.log is None:
            self.notices.post("The practice log isn't available, so nothing can be imported now.")
            return
        from pacer.ui.export.dialogs import import_with_dialog

        outcome = import_with_dialog(self, self.context.log)
        if outcome is not None and outcome.imported:
            self._refresh_history()

    def open_patterns(self) -> None:
        from pacer.ui.breathing.patterns_dialog import PatternsDialog

        PatternsDialog(self.context, self).exec()

    def show_welcome(self) -> None:
        self.welcome_then(None, always=True)

    def welcome_then(self, then: Callable[[], None] | None, *, always: bool = False) -> None:
        """The welcome and safety note comes once before the first practice, however
        Pacer was started; ``then`` runs when it has been read (at once if it was before)."""
        if self.context.preferences.welcome_seen and not always:
            if then is not None:
                then()
            return
        from pacer.ui.dialogs.text_dialog import TextDialog

        parent = self.fullscreen.window if self.fullscreen.active else self
        dialog = TextDialog(
            guidance.WELCOME_TITLE,
            guidance.WELCOME_HTML,
            parent,
            button="Begin",
            space_dismisses=True,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def read(_result: int) -> None:
            if not self.context.preferences.welcome_seen:
                self.context.update_preferences(welcome_seen=True)
            if then is not None:
                then()

        dialog.finished.connect(read)
        self.welcome = dialog
        dialog.open()

    def show_support(self) -> None:
        from pacer.ui.dialogs.text_dialog import TextDialog

        TextDialog(guidance.SUPPORT_TITLE, guidance.SUPPORT_HTML, self).exec()

    def show_trainer_help(self) -> None:
        from pacer.ui.dialogs.text_dialog import TextDialog

        TextDialog(guidance.TRAINER_TITLE, guidance.TRAINER_HTML, self).exec()

    def show_shortcuts(self) -> None:
        from pacer.ui.dialogs.text_dialog import TextDialog

        TextDialog("Keyboard shortcuts", guidance.SHORTCUTS_HTML, self).exec()

    def show_about(self) -> None:
        from pacer.ui.dialogs.text_dialog import TextDialog

        TextDialog(
            f"About {APP_NAME}",
            f"<p>{APP_NAME} {__version__} — a calm pacer for slow belly breathing and "
            "progressive relaxation, with a private practice log.</p>"
            f"<p>Your data is kept in <code>{self.context.data_dir}</code> and never leaves "
            "this computer.</p>",
            self,
        ).exec()

    # -- closing --------------------------------------------------------------------------------
    def quit_app(self) -> None:
        """Ctrl+Q: close and leave, even when only the full-screen pacer was ever shown."""
        if self.close():
            app = QApplication.instance()
            if app is not None:
                app.quit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.fullscreen.leave(show_main_window=False)
        self.services.stop_current()  # a running session is kept as "ended early"
        self.keep_awake.session_ended(None, None)
        self.sound.shutdown()
        self.context.close()
        super().closeEvent(event)
