"""Linux desktop integration: the packaged launcher and metainfo, install and uninstall."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pacer import desktop_entry
from pacer.cli import main
from pacer.identity import APP_ID
from pacer.resources import asset_path
from tests.support.system_tools import require_tools

ROOT = Path(__file__).resolve().parents[1]
DESKTOP_FILE = asset_path("desktop", f"{APP_ID}.desktop")
METAINFO = asset_path("desktop", f"{APP_ID}.metainfo.xml")


def _entries(text: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


def _all_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if not p.is_dir())


def test_packaging_copies_are_the_runtime_assets():
    for name in (DESKTOP_FILE.name, METAINFO.name):
        packaged = ROOT / "packaging" / "linux" / name
        assert packaged.resolve() == (ROOT / "assets" / "desktop" / name).resolve()


def test_desktop_file_and_metainfo_validate():
    require_tools("desktop-file-validate", "appstreamcli")
    desktop = subprocess.run(
        ["desktop-file-validate", str(DESKTOP_FILE)], capture_output=True, text=True
    )
    assert desktop.returncode == 0, desktop.stdout + desktop.stderr
    assert "error" not in desktop.stdout
    metainfo = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert metainfo.returncode == 0, metainfo.stdout + metainfo.stderr


def test_metainfo_launches_our_desktop_id_and_stays_discreet():
    text = METAINFO.read_text(encoding="utf-8")
    assert f'<launchable type="desktop-id">{APP_ID}.desktop</launchable>' in text
    assert f"<id>{APP_ID}</id>" in text
    lowered = (text + DESKTOP_FILE.read_text(encoding="utf-8")).lower()
    for word in ("vagin", "pelvic", "pain", "sex", "fail", "goal", "target", "score"):
        assert word not in lowered


def test_launch_command_prefers_frozen_binary_then_script_then_module(tmp_path):
    binary = tmp_path / "Pacer"
    assert desktop_entry.launch_command(frozen=True, executable=str(binary)) == [str(binary)]
    python = tmp_path / "bin" / "python"
    python.parent.mkdir()
    assert desktop_entry.launch_command(frozen=False, executable=str(python)) == [
        str(python),
        "-m",
        "pacer",
    ]
    script = python.parent / "pacer"
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    assert desktop_entry.launch_command(frozen=False, executable=str(python)) == [str(script)]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        (["/opt/pacer/pacer"], "/opt/pacer/pacer"),
        (["/home/a b/bin/pacer"], '"/home/a b/bin/pacer"'),
        (["/x/py", "-m", "pacer"], "/x/py -m pacer"),
        (["/odd$dir/100%/pacer"], '"/odd\\\\$dir/100%%/pacer"'),
    ],
)
def test_exec_line_quotes_and_escapes_per_the_specification(command, expected):
    assert desktop_entry.exec_line(command) == expected


def test_install_writes_launcher_and_every_icon_then_uninstall_leaves_nothing(tmp_path):
    home = tmp_path / "data home"
    command = [str(tmp_path / "my apps" / "pacer")]
    written = desktop_entry.install(home, command)

    launcher = home / "applications" / f"{APP_ID}.desktop"
    assert launcher in written
    entries = _entries(launcher.read_text(encoding="utf-8"))
    assert entries["Exec"] == f'"{command[0]}"'
    assert entries["TryExec"] == command[0]
    assert entries["Icon"] == APP_ID
    assert entries["Name"] == "Pacer"
    hicolor = home / "icons" / "hicolor"
    svg = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    assert svg.read_bytes() == asset_path("icons", "pacer.svg").read_bytes()
    for size in desktop_entry.ICON_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.read_bytes() == asset_path("icons", "png", f"pacer-{size}.png").read_bytes()
    assert sorted(written) == _all_files(home)
    assert {p.stat().st_mode & 0o777 for p in written} == {0o644}

    removed = desktop_entry.uninstall(home)
    assert sorted(removed) == sorted(written)
    assert list(home.iterdir()) == []


def test_installed_launcher_validates(tmp_path):
    require_tools("desktop-file-validate")
    desktop_entry.install(tmp_path, [str(tmp_path / "a b$c" / "pacer"), "--flag"])
    launcher = tmp_path / "applications" / f"{APP_ID}.desktop"
    result = subprocess.run(
        ["desktop-file-validate", str(launcher)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_uninstall_keeps_other_apps_files_and_reinstall_is_harmless(tmp_path):
    other_launcher = tmp_path / "applications" / "org.example.Other.desktop"
    other_icon = tmp_path / "icons" / "hicolor" / "48x48" / "apps" / "other.png"
    for path in (other_launcher, other_icon):
        path.parent.mkdir(parents=True)
        path.write_text("theirs")
    desktop_entry.install(tmp_path, ["/bin/pacer"])
    desktop_entry.install(tmp_path, ["/bin/pacer"])  # twice: still one set of files
    desktop_entry.uninstall(tmp_path)
    assert _all_files(tmp_path) == sorted([other_launcher, other_icon])
    assert other_launcher.read_text() == "theirs"


def test_existing_icon_cache_is_refreshed_not_left_stale(tmp_path):
    require_tools("gtk-update-icon-cache")
    cache = tmp_path / "icons" / "hicolor" / "icon-theme.cache"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"stale")
    desktop_entry.install(tmp_path, ["/bin/pacer"])
    assert cache.read_bytes() != b"stale"
    assert APP_ID.encode() in cache.read_bytes()


def test_cli_install_and_uninstall_print_calm_confirmations(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main(["--install-desktop-entry"]) == 0
    out = capsys.readouterr().out
    assert "applications menu" in out
    launcher = tmp_path / "applications" / f"{APP_ID}.desktop"
    assert launcher.is_file()
    assert f"Exec={desktop_entry.exec_line(desktop_entry.launch_command())}" in (
        launcher.read_text()
    )
    assert main(["--uninstall-desktop-entry"]) == 0
    assert "untouched" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
    assert main(["--uninstall-desktop-entry"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_install_into_unwritable_place_says_so_and_exits_1(tmp_path, capsys):
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("")
    assert desktop_entry.run_install({"XDG_DATA_HOME": str(blocked)}) == 1
    assert "could not add its launcher" in capsys.readouterr().err
    assert blocked.read_text() == ""


def test_install_on_windows_or_macos_points_to_the_app_instead(tmp_path, capsys):
    assert desktop_entry.run_install({"XDG_DATA_HOME": str(tmp_path)}, platform="darwin") == 1
    assert "Linux desktops" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_desktop_options_exclude_each_other(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--install-desktop-entry", "--uninstall-desktop-entry"])
    assert exit_info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_xdg_data_home_defaults_to_local_share():
    assert desktop_entry.xdg_data_home({"HOME": "/h"}) == Path("/h/.local/share")
    assert desktop_entry.xdg_data_home({"HOME": "/h", "XDG_DATA_HOME": "/x"}) == Path("/x")
