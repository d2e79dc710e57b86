"""The kernel timer, the time-zone watch and the login item's contents."""

from __future__ import annotations

import plistlib
import select
import sys
from datetime import UTC, datetime, timedelta

import pytest

from pacer.core.reminders import login_item
from pacer.core.reminders.wall_timer import RealtimeTimer, Wake, ZoneWatcher

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="timerfd/inotify")


@linux_only
def test_realtime_timer_sleeps_until_the_wall_clock_moment_then_fires_once():
    timer = RealtimeTimer()
    try:
        timer.arm(datetime.now(UTC) + timedelta(hours=1))
        assert select.select([timer], [], [], 0.05)[0] == []  # nothing until then
        assert timer.acknowledge() is Wake.NOTHING
        timer.arm(datetime.now(UTC) - timedelta(seconds=1))  # a moment already past
        assert select.select([timer], [], [], 5)[0] == [timer]
        assert timer.acknowledge() is Wake.DUE
        assert timer.acknowledge() is Wake.NOTHING
    finally:
        timer.close()


@linux_only
def test_zone_watcher_notices_its_files_being_replaced_and_ignores_others(tmp_path):
    zone_file = tmp_path / "localtime"
    zone_file.write_text("Europe/Berlin")
    watcher = ZoneWatcher([zone_file])
    try:
        (tmp_path / "unrelated").write_text("x")
        assert select.select([watcher], [], [], 0.2)[0] == [watcher]
        assert watcher.changed() is False
        replacement = tmp_path / "localtime.new"
        replacement.write_text("America/New_York")
        replacement.rename(zone_file)  # how time-zone tools swap the file
        assert select.select([watcher], [], [], 2)[0] == [watcher]
        assert watcher.changed() is True
    finally:
        watcher.close()


def test_waiting_command_names_the_data_folder_in_full(tmp_path):
    command = login_item.waiting_command(tmp_path / "my data", ["/opt/Pacer/pacer"])
    assert command == [
        "/opt/Pacer/pacer",
        "--data-dir",
        str(tmp_path / "my data"),
        "reminders",
        "--run",
    ]


def test_autostart_entry_is_hidden_and_quotes_its_command():
    text = login_item.autostart_text(["/home/a b/pacer", "--data-dir", "/d", "reminders", "--run"])
    lines = text.splitlines()
    assert lines[0] == "[Desktop Entry]"
    assert 'Exec="/home/a b/pacer" --data-dir /d reminders --run' in lines
    assert "NoDisplay=true" in lines
    assert "X-GNOME-Autostart-enabled=true" in lines


def test_macos_launch_agent_and_windows_run_value():
    command = ["/Applications/Pacer.app/Contents/MacOS/pacer", "reminders", "--run"]
    agent = plistlib.loads(login_item.launch_agent_bytes(command))
    assert agent["Label"] == "org.pacerapp.Pacer.Reminders"
    assert agent["ProgramArguments"] == command
    assert agent["RunAtLoad"] is True
    value = login_item.windows_run_value([r"C:\Program Files\Pacer\pacer.exe", "--run"])
    assert value == r'"C:\Program Files\Pacer\pacer.exe" --run'


def test_register_and_unregister_on_linux(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    where = login_item.register(["/x/pacer", "reminders", "--run"], platform="linux")
    path = tmp_path / "autostart" / "org.pacerapp.Pacer.Reminders.desktop"
    assert where == str(path)
    assert path.stat().st_mode & 0o777 == 0o644
    assert login_item.unregister(platform="linux") is True
    assert login_item.unregister(platform="linux") is False
    assert not path.exists()
