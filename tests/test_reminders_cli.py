"""``pacer reminders``: options, the login item, the waiting process, and real notifications
on a private session bus (``dbus-run-session`` with tests/support/notification_server.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from pacer.cli import main
from pacer.core.practice_log.records import SessionKind, SessionRecord
from pacer.core.practice_log.store import PracticeLog
from pacer.core.reminders import login_item
from pacer.core.reminders.practice import practice_running, practised_on
from pacer.core.reminders.state import load_state
from pacer.core.reminders.waiting_lock import waiting_pid
from pacer.ui.reminders.notification import TEST_LAUNCHER_ENV
from tests.support.system_tools import require_tools

ROOT = Path(__file__).resolve().parents[1]
PACER = [sys.executable, "-m", "pacer"]


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A private XDG config folder, and no waiting process left behind."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    data = tmp_path / "data"
    yield data
    pid = waiting_pid(data) if data.exists() else None
    if pid:
        os.kill(pid, signal.SIGTERM)


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def _wait_for(predicate, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--at", "25:00"], "expected a time between 00:00 and 23:59, got '25:00'"),
        (["--at", "soon"], "expected a time like 19:30, got 'soon'"),
        (["--at", "8:00", "--days", "funday"], "expected days like mon-fri"),
        (["--at", "1:00", "--at", "2:00", "--at", "3:00", "--at", "4:00"], "at most 3"),
        (["--days", "mon-fri"], "--days goes together with --at"),
        (["--off", "--status"], "not allowed with argument"),
    ],
)
def test_bad_times_or_days_exit_2_with_one_line(args, message, capsys, home):
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(home), "reminders", *args])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert len([line for line in err.splitlines() if "error:" in line]) == 1
    assert not (home / "settings.ini").exists()


def test_status_says_off_by_default(capsys, home):
    assert main(["--data-dir", str(home), "reminders", "--status"]) == 0
    assert "Reminders are off" in capsys.readouterr().out
    assert not login_item.autostart_path().exists()


def test_on_writes_a_valid_login_item_and_starts_one_waiting_process(home):
    require_tools("desktop-file-validate")
    result = subprocess.run(
        [*PACER, "--data-dir", str(home), "reminders", "--at", "19:30", "--at", "08:00",
         "--days", "mon-fri"],
        capture_output=True, text=True, env=_env(), timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Reminders are on: at 08:00 and 19:30, Monday to Friday." in result.stdout
    assert "The next one is" in result.stdout
    settings = (home / "settings.ini").read_text()
    assert "reminders=true" in settings
    assert "reminder_times=08:00 19:30" in settings
    assert "reminder_days=mon-fri" in settings

    entry = login_item.autostart_path()
    assert entry.name == "org.pacerapp.Pacer.Reminders.desktop"
    text = entry.read_text()
    assert "NoDisplay=true" in text
    assert "X-GNOME-Autostart-enabled=true" in text
    exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
    assert exec_line.endswith(f"--data-dir {home} reminders --run")
    valid = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout + valid.stderr

    _wait_for(lambda: waiting_pid(home) is not None)
    pid = waiting_pid(home)
    assert "Waiting quietly in the background" in result.stdout

    again = subprocess.run(
        [*PACER, "--data-dir", str(home), "reminders", "--at", "21:00"],
        capture_output=True, text=True, env=_env(), timeout=60,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert waiting_pid(home) == pid  # told to re-read its settings, not doubled

    off = subprocess.run(
        [*PACER, "--data-dir", str(home), "reminders", "--off"],
        capture_output=True, text=True, env=_env(), timeout=60,
    )  # fmt: skip
    assert off.returncode == 0, off.stderr
    assert "Reminders are off" in off.stdout
    assert not entry.exists()
    _wait_for(lambda: waiting_pid(home) is None)


def test_run_waits_stops_cleanly_and_only_once(home):
    assert main(["--data-dir", str(home), "reminders", "--at", "03:00"]) == 0
    _wait_for(lambda: waiting_pid(home) is not None)
    first = waiting_pid(home)
    second = subprocess.run(
        [*PACER, "--data-dir", str(home), "reminders", "--run"],
        capture_output=True, text=True, env=_env(), timeout=30,
    )  # fmt: skip
    assert second.returncode == 0
    assert f"already waiting (process {first})" in second.stdout
    os.kill(first, signal.SIGTERM)
    _wait_for(lambda: waiting_pid(home) is None)
    # The lock file stays, but holds nothing: a new waiter takes it at once.
    proc = subprocess.Popen(
        [*PACER, "--data-dir", str(home), "reminders", "--run"], env=_env(), text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    _wait_for(lambda: waiting_pid(home) == proc.pid)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert err == ""
    assert waiting_pid(home) is None


def test_practice_check_reads_the_log_without_touching_it(home):
    today = datetime.now().astimezone()
    assert practised_on(home, today.date()) is False
    with PracticeLog.open(home) as log:
        running = SessionRecord(kind=SessionKind.BREATHING, started_at=today)
        log.begin(running)
        assert practice_running(home) is True  # an open row while a Pacer holds the lock
        log.checkpoint(running.id, 30.0, today + timedelta(seconds=30))
        assert practised_on(home, today.date()) is True
        assert practised_on(home, today.date() - timedelta(days=1)) is False
    assert practice_running(home) is False  # the row left open is not a practice going on
    with PracticeLog.open(home) as log:
        log.set_rest_day(date(2026, 1, 1))
    assert practised_on(home, date(2026, 1, 1)) is True


# --- real notifications on a private session bus -------------------------------------------


@pytest.fixture
def notification_bus(tmp_path):
    """A private session bus with the test notification server; yields (address, server)."""
    require_tools("dbus-run-session")
    server = subprocess.Popen(
        ["dbus-run-session", "--", sys.executable, "-m", "tests.support.notification_server"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        cwd=ROOT, env=_env(),
    )  # fmt: skip
    first = server.stdout.readline().split()
    assert first[:1] == ["ready"], first
    yield first[1], server
    server.stdin.close()
    server.wait(timeout=10)
    server.stdout.close()


def _invoke(server, proc, notification_id: int, action: str) -> None:
    # Only once the reminder process says the note is up has it taken the note's id, so a
    # button pressed from then on reaches it (a person is never faster than that).
    assert "A test reminder is showing" in proc.stdout.readline()
    server.stdin.write(f"invoke {notification_id} {action}\n")
    server.stdin.flush()


def _next_notify(server) -> dict:
    while True:
        line = server.stdout.readline()
        assert line, "the notification server stopped"
        if line.startswith("notify "):
            return json.loads(line.removeprefix("notify "))


def _start_test_reminder(home, address, tmp_path):
    launched = tmp_path / "launched.json"
    stub = [sys.executable, str(ROOT / "tests" / "support" / "record_argv.py"), str(launched)]
    proc = subprocess.Popen(
        [*PACER, "--data-dir", str(home), "reminders", "--test"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=_env(DBUS_SESSION_BUS_ADDRESS=address, **{TEST_LAUNCHER_ENV: json.dumps(stub)}),
    )  # fmt: skip
    return proc, launched


def test_test_reminder_is_a_discreet_low_urgency_note_and_not_today_silences_the_day(
    notification_bus, home, tmp_path
):
    address, server = notification_bus
    proc, _launched = _start_test_reminder(home, address, tmp_path)
    call = _next_notify(server)
    assert call["app_name"] == "Pacer"
    assert call["summary"] == "A quiet moment"
    assert call["body"] == "A quiet moment for slow breathing, if you'd like one."
    assert call["app_icon"].startswith("file://")
    assert call["app_icon"].endswith(".png")
    actions = dict(zip(call["actions"][::2], call["actions"][1::2], strict=True))
    assert actions["start-breathing"] == "Start breathing"
    assert actions["not-today"] == "Not today"
    assert call["hints"]["urgency"] == ["y", 0]  # low
    assert not {"sound-name", "sound-file"} & set(call["hints"])  # silent
    assert call["expire_timeout"] > 0  # fades on its own
    _invoke(server, proc, call["id"], "not-today")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "No more reminders today" in out
    assert load_state(home).quiet_day == datetime.now().astimezone().date()
    status = subprocess.run(
        [*PACER, "--data-dir", str(home), "reminders", "--status"],
        capture_output=True, text=True, env=_env(), timeout=60,
    )  # fmt: skip
    assert "Reminders are off" in status.stdout  # a test note never turns them on


def test_start_breathing_opens_pacer_breathe_with_the_same_data_folder(
    notification_bus, home, tmp_path
):
    address, server = notification_bus
    proc, launched = _start_test_reminder(home, address, tmp_path)
    call = _next_notify(server)
    _invoke(server, proc, call["id"], "start-breathing")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "Opening Pacer" in out
    _wait_for(launched.exists)
    argv = json.loads(launched.read_text())
    assert argv[-3:] == ["--data-dir", str(home), "breathe"]
    assert load_state(home).quiet_day is None


def test_own_words_show_exactly_as_typed(notification_bus, home, tmp_path):
    address, server = notification_bus
    assert main(["--data-dir", str(home), "reminders", "--off"]) == 0
    from pacer.ui.preferences.settings_store import SettingsStore

    store = SettingsStore(home)
    store.save(store.load().with_changes(reminder_text="Tea & <three> slow breaths, then rest"))
    proc, _ = _start_test_reminder(home, address, tmp_path)
    call = _next_notify(server)
    assert call["body"] == "Tea &amp; &lt;three&gt; slow breaths, then rest"
    assert "A test reminder is showing" in proc.stdout.readline()
    server.stdin.write(f"close {call['id']} 2\n")  # dismissed
    server.stdin.flush()
    out, err = proc.communicate(timeout=30)
    assert (proc.returncode, err) == (0, "")
    assert "The test reminder has gone." in out


def test_without_a_notification_service_the_test_says_so_calmly(home, tmp_path):
    result = subprocess.run(
        [*PACER, "--data-dir", str(home), "reminders", "--test"],
        capture_output=True, text=True, timeout=60,
        env=_env(DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path}/no-bus"),
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "No desktop notification service answered" in result.stderr
