"""The relaxation sequence file: read with ``tomllib``, checked field by field.

The sequence is data, not code. A file that is not exactly right is refused as a whole
with a :class:`SequenceError` naming the file, the field (``groups[2].efforts``) and
what is wrong, so nothing half-understood ever starts.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pacer.core.relaxation import limits
from pacer.core.relaxation.limits import Range

FORMAT = "pacer-relaxation-sequence"
SUPPORTED_VERSION = 1
DEFAULT_SEQUENCE = ("sequences", "progressive-relaxation.toml")
MAX_FILE_BYTES = 256 * 1024
_KEY_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class SequenceError(ValueError):
    """A sequence file Pacer cannot use; the message is shown to the user as is."""

    def __init__(self, source: str, field: str | None, problem: str) -> None:
        self.source = source
        self.field = field
        self.problem = problem
        where = f"{source}: {field}" if field else source
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class MuscleGroup:
    key: str
    name: str
    instruction: str
    efforts: tuple[int, ...]  # percent of a comfortable full clench, in order


@dataclass(frozen=True)
class RelaxationScript:
    """A checked sequence file: the words, the groups in order and the default timings."""

    name: str
    groups: tuple[MuscleGroup, ...]
    lead_in_seconds: float
    lead_in_text: str
    clench_text: str
    release_text: str
    closing_text: str
    clench_seconds: float
    release_seconds: float
    closing_minutes: float
    version: int = SUPPORTED_VERSION
    source: str = "<built in>"

    @property
    def group_keys(self) -> tuple[str, ...]:
        return tuple(group.key for group in self.groups)

    def group(self, key: str) -> MuscleGroup | None:
        return next((group for group in self.groups if group.key == key), None)


# --- reading -------------------------------------------------------------------------


def load_script(path: Path | str) -> RelaxationScript:
    """Read and check a sequence file; raise :class:`SequenceError` if it is not usable."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SequenceError(
                source, None, f"is {size} bytes; a sequence file is at most {MAX_FILE_BYTES}"
            )
        raw = path.read_bytes()
    except IsADirectoryError:
        raise SequenceError(source, None, "is a folder, not a sequence file") from None
    except FileNotFoundError:
        raise SequenceError(source, None, "no such file") from None
    except OSError as error:
        raise SequenceError(source, None, f"cannot be read ({error.strerror})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SequenceError(source, None, "is not a UTF-8 text file") from None
    return parse_script(text, source)


def parse_script(text: str, source: str = "<text>") -> RelaxationScript:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SequenceError(source, None, f"is not valid TOML ({error})") from None
    return _Checker(source).script(data)


def default_script_path() -> Path:
    from pacer.resources import asset_path

    return asset_path(*DEFAULT_SEQUENCE)


def load_default_script() -> RelaxationScript:
    return load_script(default_script_path())


# --- checking ------------------------------------------------------------------------

_TOP_FIELDS = ("format", "version", "name", "timing", "lead_in", "clench", "release", "closing")
_TYPE_NAMES = {
    str: "text in quotes",
    int: "a whole number",
    float: "a number",
    list: "a list",
    dict: "a table",
}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return type(value).__name__


class _Checker:
    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, field: str | None, problem: str) -> SequenceError:
        return SequenceError(self.source, field, problem)

    # generic helpers -------------------------------------------------------------

    def require(self, table: Mapping[str, Any], key: str, prefix: str) -> Any:
        if key not in table:
            raise self.error(prefix + key, "this field is missing")
        return table[key]

    def table(self, data: Mapping[str, Any], key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
        value = self.require(data, key, "")
        if not isinstance(value, dict):
            raise self.error(key, f"must be a table [{key}], not {_type_name(value)}")
        self.no_unknown(value, allowed, key + ".")
        return value

    def no_unknown(self, table: Mapping[str, Any], allowed: tuple[str, ...], prefix: str) -> None:
        for key in table:
            if key not in allowed:
                raise self.error(
                    prefix + key, f"unknown field (expected one of: {', '.join(allowed)})"
                )

    def text(self, table: Mapping[str, Any], key: str, prefix: str, limit: int) -> str:
        field = prefix + key
        value = self.require(table, key, prefix)
        if not isinstance(value, str):
            raise self.error(field, f"must be {_TYPE_NAMES[str]}, not {_type_name(value)}")
        value = " ".join(value.split())
        if not value:
            raise self.error(field, "must not be empty")
        if len(value) > limit:
            raise self.error(field, f"is {len(value)} characters long; at most {limit} fit")
        return value

    def number(self, table: Mapping[str, Any], key: str, prefix: str, allowed: Range) -> float:
        field = prefix + key
        value = self.require(table, key, prefix)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(field, f"must be a number, not {_type_name(value)}")
        if not math.isfinite(value) or value not in allowed:
            raise self.error(field, f"must be {allowed.describe()} (got {value:g})")
        return float(value)

    # the file --------------------------------------------------------------------

    def script(self, data: dict[str, Any]) -> RelaxationScript:
        fmt = self.require(data, "format", "")
        if fmt != FORMAT:
            raise self.error("format", f'must be "{FORMAT}" (got {fmt!r})')
        version = self.require(data, "version", "")
        if isinstance(version, bool) or not isinstance(version, int):
            raise self.error("version", f"must be a whole number, not {_type_name(version)}")
        if version > SUPPORTED_VERSION:
            raise self.error(
                "version",
                f"version {version} is newer than this Pacer can read "
                f"(it reads version {SUPPORTED_VERSION}); an update of Pacer may read it",
            )
        if version != SUPPORTED_VERSION:
            raise self.error(
                "version",
                f"unknown version {version} (this Pacer reads version {SUPPORTED_VERSION})",
            )
        self.no_unknown(data, (*_TOP_FIELDS, "groups"), "")

        timing = self.table(
            data, "timing", ("clench_seconds", "release_seconds", "closing_minutes")
        )
        lead_in = self.table(data, "lead_in", ("seconds", "text"))
        texts = {
            key: self.text(
                self.table(data, key, ("text",)), "text", key + ".", limits.MAX_TEXT_CHARS
            )
            for key in ("clench", "release", "closing")
        }
        return RelaxationScript(
            name=self.text(data, "name", "", limits.MAX_NAME_CHARS),
            groups=self.groups(self.require(data, "groups", "")),
            lead_in_seconds=self.number(lead_in, "seconds", "lead_in.", limits.LEAD_IN_SECONDS),
            lead_in_text=self.text(lead_in, "text", "lead_in.", limits.MAX_TEXT_CHARS),
            clench_text=texts["clench"],
            release_text=texts["release"],
            closing_text=texts["closing"],
            clench_seconds=self.number(timing, "clench_seconds", "timing.", limits.CLENCH_SECONDS),
            release_seconds=self.number(
                timing, "release_seconds", "timing.", limits.RELEASE_SECONDS
            ),
            closing_minutes=self.number(
                timing, "closing_minutes", "timing.", limits.CLOSING_MINUTES
            ),
            version=version,
            source=self.source,
        )

    def groups(self, value: Any) -> tuple[MuscleGroup, ...]:
        if not isinstance(value, list):
            raise self.error(
                "groups", f"must be a list of [[groups]] tables, not {_type_name(value)}"
            )
        if not value:
            raise self.error("groups", "needs at least one [[groups]] entry")
        if len(value) > limits.MAX_GROUPS:
            raise self.error("groups", f"has {len(value)} groups; at most {limits.MAX_GROUPS} fit")
        groups: list[MuscleGroup] = []
        seen: dict[str, int] = {}
        for index, entry in enumerate(value):
            prefix = f"groups[{index}]"
            if not isinstance(entry, dict):
                raise self.error(prefix, f"must be a [[groups]] table, not {_type_name(entry)}")
            self.no_unknown(entry, ("key", "name", "instruction", "efforts"), prefix + ".")
            key = self.text(entry, "key", prefix + ".", limits.MAX_NAME_CHARS)
            if not _KEY_PATTERN.fullmatch(key):
                raise self.error(
                    prefix + ".key",
                    f"{key!r} must be lower-case letters, digits and single hyphens (like pelvic-floor)",
                )
            if key in seen:
                raise self.error(prefix + ".key", f"{key!r} is already used by groups[{seen[key]}]")
            seen[key] = index
            groups.append(
                MuscleGroup(
                    key=key,
                    name=self.text(entry, "name", prefix + ".", limits.MAX_NAME_CHARS),
                    instruction=self.text(
                        entry, "instruction", prefix + ".", limits.MAX_TEXT_CHARS
                    ),
                    efforts=self.efforts(self.require(entry, "efforts", prefix + "."), prefix),
                )
            )
        return tuple(groups)

    def efforts(self, value: Any, prefix: str) -> tuple[int, ...]:
        field = prefix + ".efforts"
        allowed = limits.EFFORT_PERCENT
        if not isinstance(value, list):
            raise self.error(
                field, f"must be a list of percentages like [100, 50], not {_type_name(value)}"
            )
        if not value:
            raise self.error(field, "needs at least one effort, like [100, 50]")
        if len(value) > limits.MAX_EFFORTS_PER_GROUP:
            raise self.error(
                field, f"has {len(value)} efforts; at most {limits.MAX_EFFORTS_PER_GROUP} fit"
            )
        for index, effort in enumerate(value):
            if isinstance(effort, bool) or not isinstance(effort, int):
                raise self.error(
                    f"{field}[{index}]",
                    f"must be a whole-number percentage, not {_type_name(effort)}",
                )
            if effort not in allowed:
                raise self.error(
                    f"{field}[{index}]", f"must be {allowed.describe()} (got {effort})"
                )
        return tuple(value)
