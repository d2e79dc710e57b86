from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pacer import __version__
from pacer.cli import build_parser, main
from pacer.paths import default_data_dir, ensure_private_dir, resolve_data_dir

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


def test_data_dir_option_beats_environment_which_beats_default(tmp_path):
    env = {"HOME": str(tmp_path), "PACER_DATA_DIR": str(tmp_path / "from-env")}
    assert resolve_data_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"
    assert resolve_data_dir(None, env) == tmp_path / "from-env"
    assert resolve_data_dir(None, {"HOME": str(tmp_path)}) == tmp_path / ".local/share/pacer"


@pytest.mark.parametrize(
    ("platform", "env", "expected"),
    [
        ("linux", {"HOME": "/h", "XDG_DATA_HOME": "/x"}, "/x/pacer"),
        ("darwin", {"HOME": "/h"}, "/h/Library/Application Support/Pacer"),
        ("win32", {"HOME": "/h", "APPDATA": "/roaming"}, "/roaming/Pacer"),
    ],
)
def test_default_data_dir_follows_platform_conventions(platform, env, expected):
    assert default_data_dir(env, platform) == Path(expected)


def test_private_dir_is_user_only_even_if_it_existed_open(tmp_path):
    target = tmp_path / "a" / "b"
    target.mkdir(parents=True, mode=0o777)
    target.chmod(0o777)
    ensure_private_dir(target)
    assert target.stat().st_mode & 0o777 == 0o700
