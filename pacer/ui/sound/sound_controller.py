"""Plays the session's sound cues when sound is on; silent, with a notice, when it can't.

The audio player reports from its own thread; its reports reach the window through a
queued Qt signal, never by touching widgets directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QObject, Qt, Signal

from pacer.core.audio.cues import CueSource
from pacer.core.audio.settings import AudioSettings
from pacer.core.audio.sources import BreathingCues
from pacer.core.breathing.timeline import BreathingTimeline
from pacer.core.practice_log.records import SessionEnd
from pacer.core.preferences import Preferences
from pacer.ui.app_context import AppContext
from pacer.ui.session.practice_session import PracticeSession, SessionOutcome
from pacer.ui.sound.notice import SoundNotice

if TYPE_CHECKING:
    from pacer.core.audio.player import AudioPlayer, AudioStatus


def _default_player(settings: AudioSettings, on_change=None) -> AudioPlayer:
    # numpy and the synthesis are loaded only when someone actually wants sound.
    from pacer.core.audio.player import AudioPlayer

    return AudioPlayer(settings, on_change=on_change)


def cue_source_for(timeline: object) -> CueSource:
    if isinstance(timeline, BreathingTimeline):
        return BreathingCues(timeline)
    # The relaxation and trainer timelines speak the CueSource protocol themselves.
    return cast(CueSource, timeline)


def audio_settings(prefs: Preferences) -> AudioSettings:
    return AudioSettings(
        enabled=prefs.sound,
        volume_db=prefs.volume_db,
        breath_tone=prefs.breath_tone,
        device=prefs.output_device or None,
    )


class SoundController(QObject):
    status_reported = Signal(object)  # AudioStatus, possibly from the audio thread

    def __init__(
        self, context: AppContext, notice: SoundNotice, player_factory=_default_player, parent=None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.notice = notice
        self._player_factory = player_factory
        self.player: AudioPlayer | None = None
        self.session: PracticeSession | None = None
        self.status_reported.connect(self._show_status, Qt.ConnectionType.QueuedConnection)
        notice.retry_requested.connect(self.retry)
        context.preferences_changed.connect(self._preferences_changed)

    # -- session listener --------------------------------------------------------------------
    def session_started(self, session: PracticeSession) -> None:
        self.session = session
        if self.context.preferences.sound:
            self._start()

    def session_paused(self, session: PracticeSession) -> None:
        if self.player is not None:
            self.player.pause()

    def session_resumed(self, session: PracticeSession) -> None:
        if self.player is not None:
            self.player.resume()

    def session_frame(self, session: PracticeSession) -> None:
        """The player follows practised time by itself."""

    def session_replanned(self, session: PracticeSession) -> None:
        if self.player is not None:
            self.player.follow(cue_source_for(session.timeline))

    def session_ended(self, session: PracticeSession, outcome: SessionOutcome) -> None:
        if self.player is not None:
            self.player.stop(ring_out=outcome.ended is SessionEnd.COMPLETED)
        self.session = None

    # -- the M key, Retry, preferences -----------------------------------------------------
    def toggle_sound(self) -> bool:
        on = not self.context.preferences.sound
        self.context.update_preferences(sound=on)
        return on

    def retry(self) -> None:
        if self.session is not None and self.context.preferences.sound:
            self._start()

    def _preferences_changed(self, prefs: Preferences) -> None:
        if self.player is not None:
            self.player.settings = audio_settings(prefs)
            self.player.set_volume_db(prefs.volume_db)
        if prefs.sound and self.session is not None and not self._playing():
            self._start()
        elif not prefs.sound and self.session is not None and self.player is not None:
            self.player.stop(ring_out=False)
            self.notice.hide()

    def _playing(self) -> bool:
        return self.player is not None and self.player.status().running

    def _start(self) -> None:
        settings = audio_settings(self.context.preferences)
        if self.player is None:
            self.player = self._player_factory(settings, on_change=self.status_reported.emit)
        else:
            self.player.settings = settings
        session = self.session
        if session is None:
            return
        status = self.player.start(cue_source_for(session.timeline), session.clock.elapsed)
        self._show_status(status)

    def _show_status(self, status: AudioStatus) -> None:
        if not status.available and self.context.preferences.sound:
            self.notice.show_reason(status.reason or "the sound output could not be opened")
        elif status.available:
            self.notice.hide()

    def shutdown(self) -> None:
        if self.player is not None:
            self.player.stop(ring_out=False)
