from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from pacer import __version__
from pacer.cli import build_parser, main
from pacer.paths import default_data_dir, ensure_private_dir, platform_dirs, resolve_data_dir

ROOT = Path(__file__).resolve().parents[1]


def run_pacer(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pacer", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )


def test_version_prints_the_package_version():
    result = run_pacer("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"pacer {__version__}"


def test_help_describes_the_app_and_the_data_dir_option():
    result = run_pacer("--help")
    assert result.returncode == 0
    assert "--data-dir DIR" in result.stdout
    assert "belly breathing" in result.stdout


def test_unknown_option_exits_2_with_a_clear_message(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-thing"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --no-such-thing" in capsys.readouterr().err


def test_bad_quit_after_value_is_rejected(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["--quit-after", "soon"])
    assert exit_info.value.code == 2
    assert "expected a number of seconds" in capsys.readouterr().err


def test_data_dir_option_beats_environment_which_beats_default(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    env = {"PACER_DATA_DIR": str(tmp_path / "from-env")}
    assert resolve_data_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"
    assert resolve_data_dir(None, env) == tmp_path / "from-env"
    assert resolve_data_dir(None, {}) == tmp_path / ".local/share/pacer"


def test_linux_data_dir_follows_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir("linux") == tmp_path / "xdg" / "pacer"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_data_dir("linux") == tmp_path / "home" / ".local" / "share" / "pacer"


def test_macos_data_dir_is_application_support_pacer(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    expected = tmp_path / "Library" / "Application Support" / "Pacer"
    assert default_data_dir("darwin") == expected


def test_windows_data_dir_is_roaming_appdata_pacer(monkeypatch):
    # platformdirs asks Windows for the roaming AppData folder (%APPDATA%); off Windows its
    # documented override stands in for that answer.
    monkeypatch.setenv("WIN_PD_OVERRIDE_APPDATA", r"C:\Users\me\AppData\Roaming")
    path = PureWindowsPath(platform_dirs("win32").user_data_dir)
    assert path == PureWindowsPath(r"C:\Users\me\AppData\Roaming\Pacer")


def test_the_default_data_dir_is_the_same_in_a_real_pacer_process(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    env.pop("PACER_DATA_DIR", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pacer.paths import resolve_data_dir; print(resolve_data_dir(None))",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == str(tmp_path / "xdg" / "pacer")


def test_private_dir_is_user_only_even_if_it_existed_open(tmp_path):
    target = tmp_path / "a" / "b"
    target.mkdir(parents=True, mode=0o777)
    target.chmod(0o777)
    ensure_private_dir(target)
    assert target.stat().st_mode & 0o777 == 0o700
