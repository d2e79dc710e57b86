"""Small real file systems for tests: a read-only place and a nearly full disk.

They need root (``mount -t tmpfs``). Elsewhere the test is skipped; in CI
(``PACER_REQUIRE_SYSTEM_TOOLS=1``) it fails instead, so the gap cannot hide.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.system_tools import require_tools


def _unavailable(reason: str) -> None:
    if os.environ.get("PACER_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@contextlib.contextmanager
def tmpfs(mount_point: Path, size_kib: int, *, read_only: bool = False) -> Iterator[Path]:
    """Mount a ``size_kib`` tmpfs at ``mount_point`` (created) for the duration."""
    require_tools("mount", "umount")
    if os.geteuid() != 0:
        _unavailable("mounting a small tmpfs needs root")
    mount_point.mkdir(parents=True, exist_ok=True)
    options = f"size={size_kib}k,mode=0755" + (",ro" if read_only else "")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        _unavailable(f"could not mount a tmpfs: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)


def fill(folder: Path, leave_kib: int) -> None:
    """Fill the file system holding ``folder`` until about ``leave_kib`` KiB are free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave_kib * 1024))
