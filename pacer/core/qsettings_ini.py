"""Read the INI files QSettings writes, without Qt, the way QSettings itself reads them.

The window keeps its preferences with ``QSettings(path, IniFormat)``; the command line
reads the same file here so that it never needs Qt to know the usual practice. The rules
follow QSettings' own reader (Qt 6, UTF-8): ``;`` starts a comment at the start of a line
or outside quotes, double quotes keep commas, ``;`` and spaces, backslash escapes
(``\\n``, ``\\t``, ``\\"``, ``\\\\``, ``\\xHH…``, octal) and continued lines are undone, an
unquoted comma makes a list, ``@@`` stands for a leading ``@`` and ``@String(…)`` for text.
tests/core/test_qsettings_ini.py checks this reader against QSettings on many values.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

Value = str | list[str] | None  # what QSettings.value() gives for a plain string entry

_SPACE = b" \t\n\v\f\r"
_SIMPLE_ESCAPES = {
    ord("a"): "\a",
    ord("b"): "\b",
    ord("f"): "\f",
    ord("n"): "\n",
    ord("r"): "\r",
    ord("t"): "\t",
    ord("v"): "\v",
    ord('"'): '"',
    ord("?"): "?",
    ord("'"): "'",
    ord("\\"): "\\",
}
_HEX = b"0123456789abcdefABCDEF"


def read_ini(path: Path) -> dict[str, Value]:
    """Every key of the file, with groups joined by ``/`` (``General`` is the top level).

    Raises OSError when the file cannot be read.
    """
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    entries: dict[str, Value] = {}
    section = ""
    for line, equals in _lines(data):
        if line.startswith(b"["):
            end = line.find(b"]")
            name = (line[1:] if end == -1 else line[1:end]).strip()
            if name.lower() == b"general":
                section = ""
            elif name.lower() == b"%general":
                section = name[1:].decode("utf-8", "replace") + "/"
            else:
                section = _unescape_key(name) + "/"
            continue
        if equals < 0:
            continue  # not a key = value line; QSettings skips it too
        key = section + _unescape_key(line[:equals].strip())
        entries[key] = _value(line[equals + 1 :])
    return entries


def read_group(path: Path, group: str) -> dict[str, Value]:
    """The keys directly inside ``group`` (QSettings' ``childKeys`` with their values)."""
    prefix = group.strip("/") + "/"
    return {
        key[len(prefix) :]: value
        for key, value in read_ini(path).items()
        if key.startswith(prefix) and key != prefix and "/" not in key[len(prefix) :]
    }


def _lines(data: bytes) -> Iterator[tuple[bytes, int]]:
    """Yield (line, index of its first unquoted ``=`` or -1), as QSettings splits them."""
    position, size = 0, len(data)
    while True:
        start = position
        while start < size and data[start] in _SPACE:
            start += 1
        i, equals, in_quotes = start, -1, False
        while i < size:
            ch = data[i]
            i += 1
            if ch == ord("="):
                if not in_quotes and equals == -1:
                    equals = i - 1
            elif ch in (ord("\n"), ord("\r")):
                if i == start + 1:
                    start += 1
                elif not in_quotes:
                    i -= 1
                    break
            elif ch == ord("\\"):
                if i < size:
                    escaped = data[i]
                    i += 1
                    if i < size and {escaped, data[i]} == {ord("\n"), ord("\r")}:
                        i += 1
            elif ch == ord('"'):
                in_quotes = not in_quotes
            elif ch == ord(";"):
                if i == start + 1:  # a comment line: skip it and the space after it
                    while i < size and data[i] not in (ord("\n"), ord("\r")):
                        i += 1
                    while i < size and data[i] in _SPACE:
                        i += 1
                    start = i
                elif not in_quotes:
                    i -= 1
                    break
        position = i
        if i <= start:
            return
        yield data[start:i], (equals - start if equals >= 0 else -1)


def _unescape_key(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    out: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            out.append("/")
            i += 1
            continue
        if ch == "%":
            wide = text[i + 1 : i + 2] == "U"
            digits = text[i + 2 : i + 6] if wide else text[i + 1 : i + 3]
            value = _loose_hex(digits) if len(digits) == (4 if wide else 2) else None
            if value is not None:
                out.append(chr(value))
                i += 6 if wide else 3
                continue
        out.append(ch)
        i += 1
    return _join(out)


def _loose_hex(text: str) -> int | None:
    """Hex digits as QString::toUInt(base 16) takes them: spaces, ``+`` and ``0x`` allowed."""
    text = text.split("\0", 1)[0]  # read as a C string
    text = text.strip(" \t\n\v\f\r").removeprefix("+")
    if text[:2].lower() == "0x":
        text = text[2:]
    if not text or any(c not in "0123456789abcdefABCDEF" for c in text):
        return None
    return int(text, 16)


def _value(raw: bytes) -> Value:
    strings = _unescape_string_list(raw)
    if isinstance(strings, list):
        return [_variant(item) or "" for item in strings]
    return _variant(strings) if strings.startswith("@") else strings


def _variant(text: str) -> str | None:
    if text.startswith("@"):
        if text == "@Invalid()":
            return None
        if text.startswith("@String(") and text.endswith(")"):
            return text[len("@String(") : -1]
        if text.startswith("@@"):
            return text[1:]
    return text


def _unescape_string_list(raw: bytes) -> str | list[str]:
    """One string, or a list when an unquoted comma separates values."""
    units: list[str] = []  # UTF-16 code units may arrive one by one through \x escapes
    items: list[str] | None = None
    in_quotes = quoted = False
    chop_limit = 0
    i, size = 0, len(raw)

    def skip_spaces(i: int) -> int:
        while i < size and raw[i] in (ord(" "), ord("\t")):
            i += 1
        return i

    def chop_trailing_spaces() -> None:
        while len(units) > chop_limit and units[-1] in (" ", "\t"):
            units.pop()

    i = skip_spaces(i)
    chop_limit = len(units)
    while i < size:
        ch = raw[i]
        if ch == ord("\\"):
            i += 1
            if i >= size or (raw[i] == ord("x") and i + 1 >= size):
                return _finish(units, items)  # QSettings stops here without trimming
            escaped = raw[i]
            i += 1
            if escaped in _SIMPLE_ESCAPES:
                units.append(_SIMPLE_ESCAPES[escaped])
            elif escaped == ord("x") and raw[i] in _HEX:
                value = 0
                while i < size and raw[i] in _HEX:
                    value = ((value << 4) + int(chr(raw[i]), 16)) & 0xFFFF
                    i += 1
                units.append(chr(value))
            elif ord("0") <= escaped <= ord("7"):
                value = escaped - ord("0")
                while i < size and ord("0") <= raw[i] <= ord("7"):
                    value = ((value << 3) + raw[i] - ord("0")) & 0xFFFF
                    i += 1
                units.append(chr(value))
            elif (
                escaped in (ord("\n"), ord("\r"))
                and i < size
                and raw[i] in (ord("\n"), ord("\r"))
                and raw[i] != escaped
            ):
                i += 1  # a continued line: \r\n or \n\r counts as one
            chop_limit = len(units)
        elif ch == ord('"'):
            i += 1
            quoted = True
            in_quotes = not in_quotes
            if not in_quotes:
                i = skip_spaces(i)
                chop_limit = len(units)
        elif ch == ord(",") and not in_quotes:
            if not quoted:
                chop_trailing_spaces()
            items = [] if items is None else items
            items.append(_join(units))
            units.clear()
            quoted = False
            i = skip_spaces(i + 1)
            chop_limit = 0
        else:
            j = i + 1
            while j < size and raw[j] not in (ord("\\"), ord('"'), ord(",")):
                j += 1
            units.extend(raw[i:j].decode("utf-8", "replace"))
            i = j
    if not quoted:
        chop_trailing_spaces()
    return _finish(units, items)


def _finish(units: list[str], items: list[str] | None) -> str | list[str]:
    if items is None:
        return _join(units)
    items.append(_join(units))
    return items


def _join(units: list[str]) -> str:
    # Pair surrogate halves written as separate escapes into one character; a lone half is
    # dropped, as it is on its way from QString to Python.
    text = "".join(units)
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "ignore")
    return text
