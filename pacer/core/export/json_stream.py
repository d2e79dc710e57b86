"""Reading one large JSON object a piece at a time, so no file can exhaust memory.

A Pacer export is one object whose ``sessions`` list may hold millions of entries. This
reader walks the object's keys itself and hands each value to the standard library's
decoder (``raw_decode``) once the value is wholly in its buffer; lists named as streamed
are yielded item by item. Memory stays within a few buffers of ``MAX_VALUE_CHARS``
whatever the file's length.

It is strict where a crafted file could do harm or deceive: a key given twice, ``NaN`` or
``Infinity``, integers longer than any Pacer writes, floats that overflow, nesting deeper
than Python's recursion allows, a value larger than ``MAX_VALUE_CHARS``, anything after
the closing brace. Every such case raises :class:`JsonStreamError` with a calm message.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Generator, Iterator
from typing import Any, TextIO

CHUNK_CHARS = 1 << 16
# One value (a session with a 10,000-character note escaped as \uXXXX is ~60,000
# characters) always fits; a larger one is not something Pacer wrote.
MAX_VALUE_CHARS = 1 << 20
MAX_INT_DIGITS = 19
_WHITESPACE = " \t\n\r"


class JsonStreamError(ValueError):
    """The text is not JSON this reader accepts; ``str()`` is a sentence for the user."""


def _refuse_constant(name: str) -> Any:
    raise JsonStreamError(f"The file contains {name}, which is not a number Pacer writes.")


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonStreamError(
            f"The file contains a whole number {len(text)} digits long, longer than any "
            "Pacer writes."
        )
    return int(text)


def _finite_float(text: str) -> float:
    if len(text) > 64:
        raise JsonStreamError("The file contains a number far longer than any Pacer writes.")
    value = float(text)
    if not math.isfinite(value):
        raise JsonStreamError(f"The file contains the number {text[:20]}, too large to use.")
    return value


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JsonStreamError(f'The file gives the key "{key[:40]}" twice in one object.')
        result[key] = value
    return result


_DECODER = json.JSONDecoder(
    object_pairs_hook=_no_duplicate_keys,
    parse_constant=_refuse_constant,
    parse_int=_small_int,
    parse_float=_finite_float,
)


class ObjectReader:
    """Walk the keys of the one JSON object in ``handle``.

    :meth:`entries` yields ``(key, value)``; for a key in ``streamed`` whose value is a
    list, the value is an iterator over its items, which must be used up before the next
    entry is asked for.
    """

    def __init__(
        self,
        handle: TextIO,
        streamed: frozenset[str] = frozenset(),
        *,
        on_read: Callable[[int], None] | None = None,
    ) -> None:
        self._handle = handle
        self._streamed = streamed
        self._on_read = on_read
        self._buffer = ""
        self._pos = 0
        self._eof = False
        self._lines_before = 0  # line breaks in text already dropped from the buffer
        self.chars_read = 0

    # -- the buffer ----------------------------------------------------------------------

    def _fill(self) -> bool:
        """Read more text; False at the end of the file."""
        if self._eof:
            return False
        chunk = self._handle.read(CHUNK_CHARS)
        if not chunk:
            self._eof = True
            return False
        if self._pos > CHUNK_CHARS:
            self._lines_before += self._buffer.count("\n", 0, self._pos)
            self._buffer = self._buffer[self._pos :]
            self._pos = 0
        self._buffer += chunk
        self.chars_read += len(chunk)
        if self._on_read is not None:
            self._on_read(self.chars_read)
        return True

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end), left unread."""
        while True:
            buffer, pos = self._buffer, self._pos
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                pos += 1
            self._pos = pos
            if pos < len(buffer):
                return buffer[pos]
            if not self._fill():
                return ""

    def _where(self, pos: int | None = None) -> str:
        pos = self._pos if pos is None else pos
        line = self._lines_before + self._buffer.count("\n", 0, pos) + 1
        column = pos - (self._buffer.rfind("\n", 0, pos) + 1) + 1
        return f"line {line}, column {column}"

    def _expect(self, wanted: str, what: str) -> None:
        found = self._peek()
        if found != wanted:
            shown = "the end of the file" if not found else repr(found)
            raise JsonStreamError(
                f"This file is not valid JSON ({self._where()}: expected {what}, found {shown})."
            )
        self._pos += 1

    def _value(self) -> Any:
        self._peek()
        while True:
            start = self._pos
            try:
                value, end = _DECODER.raw_decode(self._buffer, start)
            except json.JSONDecodeError as error:
                if len(self._buffer) - start < MAX_VALUE_CHARS and self._fill():
                    continue  # the value may simply not be wholly read yet
                if len(self._buffer) - start >= MAX_VALUE_CHARS:
                    raise JsonStreamError(
                        f"This file holds a value larger than any Pacer writes "
                        f"(at {self._where(start)})."
                    ) from None
                raise JsonStreamError(
                    f"This file is not valid JSON ({self._where(error.pos)}: {error.msg.lower()})."
                ) from None
            except RecursionError:
                raise JsonStreamError(
                    f"This file nests its values far deeper than any Pacer export "
                    f"(at {self._where(start)})."
                ) from None
            if end == len(self._buffer) and not self._eof and self._fill():
                continue  # a number at the buffer's edge may go on in the next chunk
            self._pos = end
            return value

    # -- the object ------------------------------------------------------------------------

    def entries(self) -> Generator[tuple[str, Any], None, None]:
        if self._peek() == "\ufeff":
            self._pos += 1
        if self._peek() == "":
            raise JsonStreamError("This file is empty.")
        if self._peek() != "{":
            raise NotAnObjectError(self._value())
        self._pos += 1
        seen: set[str] = set()
        if self._peek() == "}":
            self._pos += 1
        else:
            while True:
                key = self._value()
                if not isinstance(key, str):
                    raise JsonStreamError(
                        f"This file is not valid JSON ({self._where()}: a key must be text)."
                    )
                if key in seen:
                    raise JsonStreamError(f'The file gives the key "{key[:40]}" twice.')
                seen.add(key)
                self._expect(":", "':'")
                if key in self._streamed and self._peek() == "[":
                    items = self._items()
                    yield key, items
                    for _ in items:  # whatever the caller left unread
                        pass
                else:
                    yield key, self._value()
                if self._peek() == ",":
                    self._pos += 1
                    continue
                self._expect("}", "',' or '}'")
                break
        if self._peek() != "":
            raise JsonStreamError(
                f"This file has more after the end of its JSON object ({self._where()})."
            )

    def _items(self) -> Iterator[Any]:
        self._expect("[", "'['")
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self._value()
            if self._peek() == ",":
                self._pos += 1
                continue
            self._expect("]", "',' or ']'")
            return


class NotAnObjectError(JsonStreamError):
    """The file is JSON, but its top level is not an object; ``value`` is what it is."""

    def __init__(self, value: Any) -> None:
        self.value = value
        super().__init__("not an object")
