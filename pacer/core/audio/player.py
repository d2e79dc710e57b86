"""Playing a session's sound through the sound card (``sounddevice`` / PortAudio).

``sounddevice`` is imported only when sound is wanted: without PortAudio, without a sound
card, or when the output fails or disappears, the player says so in ``status()``
(``available=False`` with a plain ``reason``) and the session simply goes on in silence.

Usage::

    player = AudioPlayer(settings)
    status = player.start(source, session_clock.elapsed)   # a CueSource, practised seconds
    player.pause(); player.resume()   # optional: standing still practised time also pauses
    player.follow(new_source)         # the same session, re-planned (e.g. closing early)
    player.stop()                     # lets a closing chime ring out, otherwise fades out
    player.status()                   # AudioStatus: available, reason, underflows …

One output stream is kept open for the whole session; the stream callback only copies
blocks rendered ahead by a feeder thread (see ``pacer.core.audio.live``).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any, cast

from pacer.core.audio.cues import CueSource
from pacer.core.audio.live import BLOCK_FRAMES, LiveFeed
from pacer.core.audio.scheduler import CueScheduler
from pacer.core.audio.settings import AudioSettings
from pacer.core.audio.synthesis import SAMPLE_RATE

FEED_PERIOD = 0.005  # seconds between feeder steps
STARTUP_PATIENCE = 5.0  # seconds a new stream may take to call back the first time
STALL_PATIENCE = 2.0  # seconds without a callback before the output counts as gone
RING_OUT_LIMIT = 10.0  # seconds a stopped player may keep playing the closing chime
SUGGESTED_LATENCY = 0.1  # seconds; PortAudio's "high" latency is gentler on busy machines

NO_PORTAUDIO = "the sound library PortAudio isn't installed on this computer"
NO_ALSA_CONFIG = "this computer's sound set-up (ALSA) couldn't be found"
NO_OUTPUT = "no sound output was found"
OUTPUT_LOST = "the sound output stopped responding"
INTERNAL_PROBLEM = "something unexpected stopped the sound"


class SoundUnavailableError(Exception):
    """Sound can't play; ``str(error)`` is a plain reason fit to show the user."""


@dataclass(frozen=True)
class AudioStatus:
    available: bool  # False: no sound right now; ``reason`` says why
    reason: str = ""
    running: bool = False  # a stream is open and following a session
    device: str | None = None  # the output in use
    note: str = ""  # something worth knowing while sound works (e.g. a fallback output)
    underflows: int = 0  # blocks the sound card had to fill on its own
    starved: int = 0  # blocks that found nothing prepared (silence was played)
    errors: int = 0  # callback errors turned into silence


# --- loading sounddevice lazily ------------------------------------------------------


def _alsa_config_missing() -> bool:
    # Without ALSA's configuration PortAudio aborts the whole process on start-up, which
    # nothing can catch: check before importing it.
    if not sys.platform.startswith("linux"):
        return False
    custom = os.environ.get("ALSA_CONFIG_PATH")
    candidates = [custom] if custom else ["/usr/share/alsa/alsa.conf", "/etc/alsa/alsa.conf"]
    return not any(os.path.exists(path) for path in candidates)


def load_sounddevice() -> ModuleType:
    """Import ``sounddevice``, or raise ``SoundUnavailableError`` with a plain reason."""
    if "sounddevice" in sys.modules:
        return sys.modules["sounddevice"]
    if _alsa_config_missing():
        raise SoundUnavailableError(NO_ALSA_CONFIG)
    try:
        # In a frozen bundle, pacer.bundle_runtime has already pointed the PortAudio
        # lookup at the bundled library before anything imports sounddevice.
        import sounddevice
    except OSError:
        raise SoundUnavailableError(NO_PORTAUDIO) from None
    except ImportError as error:
        raise SoundUnavailableError(f"the sound module couldn't be loaded ({error})") from None
    return cast(ModuleType, sounddevice)


def _output_names(sd: ModuleType) -> list[str]:
    names: list[str] = []
    for device in sd.query_devices():
        if device["max_output_channels"] > 0 and device["name"] not in names:
            names.append(device["name"])
    return names


def list_output_devices(loader: Callable[[], ModuleType] = load_sounddevice) -> list[str]:
    """Names of the sound outputs, for a settings menu; empty when sound is unavailable."""
    try:
        return _output_names(loader())
    except SoundUnavailableError:
        return []
    except Exception:
        return []


# --- the player ------------------------------------------------------------------------


class AudioPlayer:
    """One session's sound: one output stream, fed ahead of time, following practised time.

    ``on_change`` (optional) is called with the new ``AudioStatus`` whenever sound becomes
    unavailable or stops — from a worker thread, so a Qt receiver must queue it (a signal
    does). Polling ``status()`` about once a second works as well.
    """

    def __init__(
        self,
        settings: AudioSettings,
        *,
        loader: Callable[[], ModuleType] = load_sounddevice,
        on_change: Callable[[AudioStatus], None] | None = None,
        block: int = BLOCK_FRAMES,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._loader = loader
        self._on_change = on_change
        self._block = block
        self._monotonic = monotonic
        self._lock = threading.Lock()
        self._feed: LiveFeed | None = None
        self._stream: Any = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._source: CueSource | None = None
        self._elapsed_fn: Callable[[], float] | None = None
        self._status = AudioStatus(available=True)

    # --- public API -------------------------------------------------------------------

    def start(self, source: CueSource, elapsed_fn: Callable[[], float]) -> AudioStatus:
        """Open the output and follow ``source`` at practised time ``elapsed_fn()``.

        Sound starts once practised time moves and pauses whenever it stands still, so it
        may be called before the session starts, or in the middle of it (e.g. unmuting).
        """
        self.stop(ring_out=False)
        self._source, self._elapsed_fn = source, elapsed_fn
        try:
            sd = self._loader()
            device, note = self._choose_device(sd)
            scheduler = CueScheduler(
                source,
                volume_db=self.settings.volume_db,
                cues=self.settings.cues,
                breath_tone=self.settings.breath_tone,
            )
            feed, stream = self._open(sd, scheduler, elapsed_fn, device)
        except SoundUnavailableError as error:
            return self._set_status(AudioStatus(available=False, reason=str(error)))
        name = device if device is not None else self._default_name(sd)
        with self._lock:
            self._feed, self._stream = feed, stream
            self._stop = threading.Event()
            self._thread = threading.Thread(
                target=self._feed_loop,
                args=(feed, stream, self._stop),
                name="pacer-audio-feed",
                daemon=True,
            )
            self._status = AudioStatus(available=True, running=True, device=name, note=note)
        feed.step()  # the first reading of practised time
        self._thread.start()
        return self.status()

    def retry(self) -> AudioStatus:
        """Try again with the same session (after ``available=False``)."""
        if self._source is None or self._elapsed_fn is None:
            return self.status()
        return self.start(self._source, self._elapsed_fn)

    def pause(self) -> None:
        """Silence within one block (also happens by itself when practised time stops)."""
        feed = self._feed
        if feed is not None:
            feed.pause()

    def resume(self) -> None:
        feed = self._feed
        if feed is not None:
            feed.resume()

    def stop(self, ring_out: bool = True) -> None:
        """Close the output. When the session has just ended, the closing chime finishes
        first (in the background) unless ``ring_out`` is False; otherwise sound fades out
        within a block. Never blocks for long."""
        with self._lock:
            feed, thread, stop = self._feed, self._thread, self._stop
            self._feed = self._stream = self._thread = None
            if feed is None:
                return
            self._status = AudioStatus(available=self._status.available, reason=self._status.reason)
        if not (ring_out and self._ringing_out(feed)):
            feed.pause()
        stop.set()
        if thread is not None and not ring_out:
            thread.join(timeout=1.0)

    def follow(self, source: CueSource) -> None:
        """Go on with a new timeline of the same session, without a break in the sound.

        For a timeline that agrees with the old one about everything already due, such as
        a trainer practice's ``closing_from``: the blocks rendered ahead still match it.
        """
        self._source = source
        feed = self._feed
        if feed is not None:
            feed.scheduler.source = source

    def set_volume_db(self, volume_db: float) -> None:
        """Change the volume now (smoothly) and for later sessions."""
        self.settings = self.settings.with_changes(volume_db=volume_db)
        feed = self._feed
        if feed is not None:
            feed.scheduler.set_volume_db(volume_db)

    def status(self) -> AudioStatus:
        with self._lock:
            status, feed = self._status, self._feed
        if feed is None:
            return status
        return AudioStatus(
            available=status.available,
            reason=status.reason,
            running=status.running,
            device=status.device,
            note=status.note,
            underflows=feed.underflows,
            starved=feed.starved,
            errors=feed.errors,
        )

    # --- internals --------------------------------------------------------------------

    def _choose_device(self, sd: ModuleType) -> tuple[str | None, str]:
        try:
            names = _output_names(sd)
        except Exception as error:
            raise SoundUnavailableError(f"the sound outputs couldn't be listed ({error})") from None
        if not names:
            raise SoundUnavailableError(NO_OUTPUT)
        wanted = self.settings.device
        if wanted is None or wanted in names:
            return wanted, ""
        return None, f"{wanted} isn't connected, so sound plays through the default output"

    @staticmethod
    def _default_name(sd: ModuleType) -> str | None:
        try:
            return str(sd.query_devices(kind="output")["name"])
        except Exception:
            return None

    def _open(
        self,
        sd: ModuleType,
        scheduler: CueScheduler,
        elapsed_fn: Callable[[], float],
        device: str | None,
    ) -> tuple[LiveFeed, Any]:
        problem = ""
        for channels in (1, 2):
            feed = LiveFeed(
                scheduler, elapsed_fn, channels=channels, block=self._block, now=self._monotonic
            )
            try:
                stream = sd.OutputStream(
                    samplerate=SAMPLE_RATE,
                    blocksize=self._block,
                    device=device,
                    channels=channels,
                    dtype="float32",
                    latency=SUGGESTED_LATENCY,
                    callback=feed.callback,
                )
            except Exception as error:
                problem = str(error) or type(error).__name__
                continue
            try:
                feed.set_output_latency(float(stream.latency))
                stream.start()
            except Exception as error:
                problem = str(error) or type(error).__name__
                with contextlib.suppress(Exception):
                    stream.close()
                continue
            return feed, stream
        raise SoundUnavailableError(f"the sound output couldn't be opened ({problem})")

    @staticmethod
    def _ringing_out(feed: LiveFeed) -> bool:
        """The session has reached its end and the closing chime is still to be heard."""
        return feed.session_ended and not feed.paused and not feed.done

    def _feed_loop(self, feed: LiveFeed, stream: Any, stop: threading.Event) -> None:
        reason = ""
        started = self._monotonic()
        seen_blocks, seen_at = 0, started
        stop_asked_at: float | None = None
        while True:
            if stop.is_set():
                now = self._monotonic()
                stop_asked_at = now if stop_asked_at is None else stop_asked_at
                if not self._ringing_out(feed) or now - stop_asked_at > RING_OUT_LIMIT:
                    break
            try:
                feed.step()
            except Exception:
                reason = INTERNAL_PROBLEM
                break
            now = self._monotonic()
            if feed.blocks != seen_blocks:
                seen_blocks, seen_at = feed.blocks, now
            patience = STALL_PATIENCE if seen_blocks else STARTUP_PATIENCE
            if now - seen_at > patience:
                reason = OUTPUT_LOST
                break
            time.sleep(FEED_PERIOD)
        feed.pause()
        if not reason:  # let the fade-out and a little silence reach the speakers
            time.sleep(min(float(getattr(stream, "latency", 0.1)), 0.5) + 0.05)
        with contextlib.suppress(Exception):
            stream.close()
        if reason:
            self._lost(feed, reason)

    def _lost(self, feed: LiveFeed, reason: str) -> None:
        with self._lock:
            if self._feed is feed:
                self._feed = self._stream = self._thread = None
            status = AudioStatus(
                available=False,
                reason=reason,
                underflows=feed.underflows,
                starved=feed.starved,
                errors=feed.errors,
            )
            self._status = status
        if self._on_change is not None:
            with contextlib.suppress(Exception):
                self._on_change(status)

    def _set_status(self, status: AudioStatus) -> AudioStatus:
        with self._lock:
            self._status = status
        if self._on_change is not None and not status.available:
            with contextlib.suppress(Exception):
                self._on_change(status)
        return status
