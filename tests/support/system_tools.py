"""System programs some tests need (Xvfb, xdotool, strace …).

On a developer machine a missing tool skips the test with a reason; CI sets
``PACER_REQUIRE_SYSTEM_TOOLS=1`` so a missing tool fails instead of hiding a gap.
"""

from __future__ import annotations

import os
import shutil

import pytest


def require_tools(*names: str) -> None:
    missing = [name for name in names if shutil.which(name) is None]
    if not missing:
        return
    message = f"needs system program(s) {', '.join(missing)} (see README: system packages)"
    if os.environ.get("PACER_REQUIRE_SYSTEM_TOOLS") == "1":
        pytest.fail(message)
    pytest.skip(message)
