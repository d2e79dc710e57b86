"""``pacer import`` and the window's Import…: a JSON export merged into the log, streamed.

The file is read one session at a time, each checked against the app's limits, and staged
by the log (:meth:`pacer.core.practice_log.store.PracticeLog.merge`); only when the whole file
has been read and found sound are the new sessions merged, in one transaction. A problem
anywhere refuses the whole file and leaves the log exactly as it was. Memory stays bounded
whatever the file's size.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from pacer.core.export.json_format import MAX_IMPORT_BYTES, ImportFormatError, LogReader
from pacer.core.export.service import ImportReadError
from pacer.core.practice_log.records import SessionEnd, SessionRecord
from pacer.core.practice_log.store import DuplicateSessionError

Progress = Callable[[float], None]  # the share of the file read so far, 0 to 1


class MergeableLog(Protocol):
    def merge(self, records: Iterable[SessionRecord], rest_days: Iterable[date] = ()) -> Any: ...


def describe_size(size: int) -> str:
    """``67 MB``, ``4.2 GB`` — the real size, in the units people see in their file manager."""
    for unit, scale in (("GB", 1000**3), ("MB", 1000**2)):
        if size >= scale:
            value = size / scale
            text = f"{value:.1f}" if value < 10 else f"{value:.0f}"
            return f"{text.removesuffix('.0')} {unit}"
    return f"{max(1, round(size / 1000))} kB"


class _Limited:
    """A binary file that refuses to be read past ``limit`` bytes (a pipe has no size)."""

    def __init__(self, handle: BinaryIO, limit: int) -> None:
        self._handle = handle
        self._limit = limit
        self.position = 0

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self.position += len(data)
        if self.position > self._limit:
            raise ImportFormatError(_too_large(self.position, partial=True))
        return data

    read1 = read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    @property
    def closed(self) -> bool:
        return False

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def seekable(self) -> bool:
        return False

    def writable(self) -> bool:
        return False


def _too_large(size: int, *, partial: bool = False) -> str:
    more = "more than " if partial else ""
    return (
        f"This file is {more}{describe_size(size)}; Pacer imports files of up to "
        f"{describe_size(MAX_IMPORT_BYTES)} (several million sessions)."
    )


def _open(path: Path) -> tuple[BinaryIO, int]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise ImportReadError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise ImportReadError(f"{path} is a folder; please choose a Pacer export file.") from None
    except PermissionError:
        raise ImportReadError(f"Pacer may not read {path}.") from None
    except OSError as error:
        raise ImportReadError(f"Could not read {path}: {error.strerror or error}.") from None
    size = os.fstat(handle.fileno()).st_size
    if size > MAX_IMPORT_BYTES:
        handle.close()
        raise ImportFormatError(_too_large(size))
    return handle, size


def check_header(path: Path, *, today: date | None = None) -> None:
    """Read only as far as the sessions: is this a Pacer export this Pacer reads?

    Lets a command refuse a foreign or newer file before it opens (or creates) a log.
    """
    handle, _size = _open(Path(path))
    with handle:
        source = _Limited(handle, MAX_IMPORT_BYTES)
        LogReader(source, today=today).check_header()  # type: ignore[arg-type]


def as_finished(record: SessionRecord) -> SessionRecord:
    """A session still running when it was exported is imported as ``interrupted``.

    That is what its own Pacer would have recorded on its next start; its time is the
    practised time the export held.
    """
    if record.ended is not None:
        return record
    ended_at = record.ended_at or record.started_at + timedelta(seconds=record.practised_seconds)
    return replace(record, ended=SessionEnd.INTERRUPTED, ended_at=ended_at)


def import_file(
    log: MergeableLog,
    path: Path,
    *,
    today: date | None = None,
    progress: Progress | None = None,
) -> Any:
    """Check and merge a JSON export; returns the log's MergeResult.

    Raises :class:`ImportReadError` (the file cannot be read at all) or
    :class:`ImportFormatError` (it is not a sound Pacer export); the log is then unchanged.
    """
    handle, size = _open(Path(path))
    with handle:
        source = _Limited(handle, MAX_IMPORT_BYTES)

        def read_so_far(position: int) -> None:
            if progress is not None and size > 0:
                progress(min(1.0, position / size))

        reader = LogReader(source, today=today, on_read=read_so_far)  # type: ignore[arg-type]

        def sessions() -> Iterator[SessionRecord]:
            for record in reader.sessions():
                yield as_finished(record)

        try:
            result = log.merge(sessions(), reader.rest_days())
        except DuplicateSessionError as error:
            raise ImportFormatError(
                f"The file lists the session {error.session_id} twice; each session "
                "appears once in a Pacer export."
            ) from None
        except OSError as error:
            raise ImportReadError(f"Could not read {path}: {error.strerror or error}.") from None
    if progress is not None:
        progress(1.0)
    return result
