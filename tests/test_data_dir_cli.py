"""``--data-dir`` anywhere on the line, and a data folder Pacer cannot use, in real processes.

A sub-command that cannot use its data folder exits 2 with one line on stderr; the window
opens anyway, says so calmly and lets practice go on unrecorded (see tests/ui/test_data_dir_notice.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pacer.cli import build_parser
from pacer.core.export.json_format import json_bytes
from pacer.core.practice_log.store import LOG_FILENAME, PracticeLog
from tests.support.mounts import fill, tmpfs
from tests.support.sessions import finished_session

ROOT = Path(__file__).resolve().parents[1]


def run_pacer(*args: str, home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "PACER_DATA_DIR"}
    environ.update(HOME=str(home), XDG_DATA_HOME=str(home / "xdg"), **env)
    return subprocess.run(
        [sys.executable, "-m", "pacer", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=60,
        check=False,
    )


@pytest.fixture
def export_file(tmp_path) -> Path:
    path = tmp_path / "two.json"
    sessions = [finished_session("2026-03-01"), finished_session("2026-03-02")]
    path.write_bytes(json_bytes(sessions, [], datetime(2026, 3, 3, tzinfo=UTC)))
    return path


def sessions_in(folder: Path) -> int:
    with PracticeLog.open(folder) as log:
        return len(log.sessions())


def one_line(stream: str) -> str:
    lines = stream.splitlines()
    assert len(lines) == 1, stream
    assert "Traceback" not in stream
    return lines[0]


# -- where --data-dir may stand ------------------------------------------------------------------


def test_data_dir_after_the_command_is_accepted(tmp_path, export_file):
    folder = tmp_path / "after"
    result = run_pacer("import", str(export_file), "--data-dir", str(folder), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sessions_in(folder) == 2


def test_data_dir_after_the_command_wins_over_the_one_before(tmp_path, export_file):
    before, after = tmp_path / "before", tmp_path / "after"
    result = run_pacer(
        "--data-dir",
        str(before),
        "import",
        str(export_file),
        "--data-dir",
        str(after),
        home=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert sessions_in(after) == 2
    assert not (before / LOG_FILENAME).exists()


def test_data_dir_before_the_command_and_the_environment_still_work(tmp_path, export_file):
    before, from_env = tmp_path / "before", tmp_path / "env"
    assert (
        run_pacer("--data-dir", str(before), "import", str(export_file), home=tmp_path).returncode
        == 0
    )
    assert sessions_in(before) == 2
    result = run_pacer("import", str(export_file), home=tmp_path, PACER_DATA_DIR=str(from_env))
    assert result.returncode == 0, result.stderr
    assert sessions_in(from_env) == 2


def test_without_any_data_dir_the_per_user_folder_is_used(tmp_path, export_file):
    assert run_pacer("import", str(export_file), home=tmp_path).returncode == 0
    assert sessions_in(tmp_path / "xdg" / "pacer") == 2


def sub_commands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


@pytest.mark.parametrize("command", sub_commands())
def test_every_sub_command_lists_data_dir_in_its_help(command, tmp_path):
    result = run_pacer(command, "--help", home=tmp_path)
    assert result.returncode == 0
    assert "--data-dir DIR" in result.stdout
    assert "folder for the practice log and settings" in " ".join(result.stdout.split())


# -- a data folder Pacer cannot use ------------------------------------------------------------


@pytest.fixture
def a_file(tmp_path) -> Path:
    path = tmp_path / "not-a-folder"
    path.write_text("something else\n")
    return path


def test_a_file_as_data_folder_exits_2_with_one_line(tmp_path, a_file, export_file):
    result = run_pacer("import", str(export_file), "--data-dir", str(a_file), home=tmp_path)
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        f"pacer import: {a_file} cannot be Pacer's data folder: it is a file, not a folder."
    )
    assert a_file.read_text() == "something else\n"


def test_export_from_a_file_as_data_folder_exits_2_with_one_line(tmp_path, a_file):
    out = tmp_path / "out.csv"
    result = run_pacer("export", "-o", str(out), "--data-dir", str(a_file), home=tmp_path)
    assert result.returncode == 2
    assert "it is a file, not a folder" in one_line(result.stderr)
    assert not out.exists()


def test_a_folder_inside_a_file_exits_2_with_one_line(tmp_path, a_file, export_file):
    inside = a_file / "pacer"
    result = run_pacer("import", str(export_file), "--data-dir", str(inside), home=tmp_path)
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        f"pacer import: {inside} cannot be Pacer's data folder: "
        "part of that path is a file, not a folder."
    )


def test_a_folder_under_proc_exits_2_with_one_line(tmp_path, export_file):
    result = run_pacer("import", str(export_file), "--data-dir", "/proc/pacer-data", home=tmp_path)
    assert result.returncode == 2
    assert one_line(result.stderr) == (
        "pacer import: /proc/pacer-data cannot be Pacer's data folder: "
        "a folder cannot be made there."
    )


def test_a_read_only_place_exits_2_with_one_line(tmp_path, export_file):
    with tmpfs(tmp_path / "ro", 64, read_only=True) as read_only:
        for folder in (read_only, read_only / "pacer"):
            result = run_pacer("import", str(export_file), "--data-dir", str(folder), home=tmp_path)
            assert result.returncode == 2
            assert one_line(result.stderr) == (
                f"pacer import: {folder} cannot be Pacer's data folder: that disk is read-only."
            )


def test_a_full_disk_exits_2_with_one_line_and_leaves_no_folder(tmp_path, export_file):
    with tmpfs(tmp_path / "full", 64) as disk:
        fill(disk, leave_kib=0)
        folder = disk / "pacer"
        result = run_pacer("import", str(export_file), "--data-dir", str(folder), home=tmp_path)
        assert result.returncode == 2
        assert one_line(result.stderr) == (
            f"pacer import: {folder} cannot be Pacer's data folder: the disk is full."
        )
        assert not folder.exists()


def test_a_disk_that_fills_while_the_log_is_set_up_exits_2_with_one_line(tmp_path, export_file):
    # Room for the write check but not for a whole new log: the log's own set-up fails.
    with tmpfs(tmp_path / "nearly", 64) as disk:
        fill(disk, leave_kib=12)
        folder = disk / "pacer"
        result = run_pacer("import", str(export_file), "--data-dir", str(folder), home=tmp_path)
        assert result.returncode == 2
        line = one_line(result.stderr)
        assert line.startswith("pacer import: Pacer could not ")
        assert str(folder) in line


def without_offscreen_noise(stderr: str) -> str:
    """The offscreen test platform says this of every dialog (here: the welcome, which
    cannot be remembered as read in a folder that cannot be written); a real screen doesn't."""
    return "".join(
        line
        for line in stderr.splitlines(keepends=True)
        if "does not support propagateSizeHints" not in line
    )


def test_the_window_opens_anyway_on_an_unusable_folder(tmp_path, a_file):
    # The window tells the person in its notice bar (tested in-process); here: no traceback,
    # a normal exit, and the file left alone.
    for folder in (a_file, Path("/proc/pacer-data")):
        result = run_pacer("--data-dir", str(folder), "--quit-after", "0.3", home=tmp_path)
        assert result.returncode == 0
        assert "Error" not in result.stderr
    result = run_pacer(
        "--quit-after",
        "0.3",
        "breathe",
        "--minutes",
        "0.5",
        "--data-dir",
        str(a_file),
        home=tmp_path,
    )
    assert (result.returncode, without_offscreen_noise(result.stderr)) == (0, "")
    assert a_file.read_text() == "something else\n"


def test_the_window_opens_anyway_when_the_disk_fills_during_set_up(tmp_path):
    with tmpfs(tmp_path / "nearly", 64) as disk:
        fill(disk, leave_kib=12)
        result = run_pacer(
            "--data-dir", str(disk / "pacer"), "--quit-after", "0.3", "breathe", home=tmp_path
        )
        assert (result.returncode, without_offscreen_noise(result.stderr)) == (0, "")
