"""The .deb builder's parts that need no bundle (the whole package: packaging/check_deb.sh)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pacer.cli import build_parser
from pacer.commands import COMMANDS
from tests.support.system_tools import require_tools

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def build_deb():
    import sys

    sys.path.insert(0, str(ROOT / "packaging" / "deb"))
    try:
        import build_deb

        yield build_deb
    finally:
        sys.path.remove(str(ROOT / "packaging" / "deb"))
        sys.modules.pop("build_deb", None)


@pytest.mark.parametrize(
    ("path", "optional"),
    [
        ("_internal/PySide6/Qt/plugins/platforms/libqxcb.so", False),
        ("_internal/PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", False),
        ("_internal/PySide6/Qt/lib/libQt6XcbQpa.so.6", False),
        ("_internal/PySide6/Qt/plugins/imageformats/libqsvg.so", False),
        ("_internal/PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("_internal/PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("_internal/PySide6/Qt/lib/libQt6WaylandClient.so.6", True),
        ("_internal/PySide6/Qt/plugins/platformthemes/libqgtk3.so", True),
        ("_internal/PySide6/Qt/plugins/platforms/libqeglfs.so", True),
    ],
)
def test_only_plugins_for_other_sessions_are_optional(build_deb, tmp_path, path, optional):
    assert build_deb.is_optional(tmp_path / path, tmp_path) is optional


@pytest.mark.parametrize(
    ("path", "entry_point"),
    [
        ("pacer", True),
        ("_internal/PySide6/QtCore.abi3.so", True),
        ("_internal/python3.11/lib-dynload/_ctypes.cpython-311-x86_64-linux-gnu.so", True),
        ("_internal/libportaudio.so.2", True),
        ("_internal/libpython3.11.so.1.0", True),
        ("_internal/PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("_internal/PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("_internal/libgtk-3.so.0", False),  # only as something else's dependency
        ("_internal/PySide6/Qt/lib/libQt6Gui.so.6", False),
    ],
)
def test_entry_points_are_what_the_program_loads_itself(build_deb, tmp_path, path, entry_point):
    assert build_deb.is_entry_point(tmp_path / path, tmp_path) is entry_point


def test_a_system_library_is_traced_to_its_debian_package(build_deb):
    require_tools("ldd", "dpkg", "objdump")
    program = Path(shutil.which("ls")).resolve()
    libraries = build_deb.outside_libraries([program], Path("/nonexistent-bundle"))
    assert "libc.so.6" in libraries
    assert build_deb.owning_package(libraries["libc.so.6"]) == "libc6"
    major, minor = (int(part) for part in build_deb.glibc_version([program]).split("."))
    assert (major, minor) >= (2, 2)


def test_manual_page_shows_every_sub_command_and_reads_cleanly(build_deb, tmp_path):
    page = build_deb.manual_page(datetime(2026, 11, 22, tzinfo=UTC))
    assert page.startswith('.TH PACER 1 "2026-11-22"')
    parsers = build_parser(complete=True)._subparsers._group_actions[0].choices
    assert len(parsers) == len(COMMANDS)
    for name in parsers:
        assert f".SH PACER {name.upper()}\n" in page
    require_tools("man")
    source = tmp_path / "pacer.1"
    source.write_text(page, encoding="utf-8")
    shown = subprocess.run(
        ["man", "--warnings", "-E", "UTF-8", "-l", str(source)],
        capture_output=True,
        text=True,
        env={"MANWIDTH": "80", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    )
    assert shown.returncode == 0
    assert shown.stderr == ""
    assert "--install-desktop-entry" in shown.stdout


def test_changelog_names_the_version_and_maintainer(build_deb):
    text = build_deb.changelog_text("1.2.3", "A B <a@b.example>", datetime(2026, 1, 2, tzinfo=UTC))
    assert text.startswith("pacer (1.2.3) unstable; urgency=medium\n")
    assert text.endswith(" -- A B <a@b.example>  Fri, 02 Jan 2026 00:00:00 +0000\n")
