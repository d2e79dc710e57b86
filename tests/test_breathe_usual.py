"""``pacer breathe`` without pattern options starts your usual pattern and length.

The usual choice is what Preferences saved in settings.ini (written by QSettings, as the
window does) and, for your own patterns, patterns.json. The real command runs in a
subprocess; what it started is read back from the practice log it wrote.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pacer.cli import main
from pacer.core.breathing.library import PatternLibrary
from pacer.core.breathing.pattern import BreathPattern
from pacer.core.breathing.timeline import BreathingTimeline
from pacer.core.practice_log.records import SessionEnd
from pacer.core.practice_log.store import PracticeLog
from pacer.core.preferences import Preferences
from pacer.ui.preferences.settings_store import SettingsStore
from tests.support.sessions import welcome_already_read

ROOT = Path(__file__).resolve().parents[1]
CALM = BreathPattern(inhale=4, exhale=6)
EVENING = "Evening, slow; “quiet” = mine"  # punctuation QSettings has to quote and escape


def save_usual(folder: Path, pattern: str, minutes: float | None) -> None:
    folder.mkdir(exist_ok=True)
    SettingsStore(folder).save(
        Preferences(pattern=pattern, session_minutes=minutes, welcome_seen=True)
    )


def breathe(folder: Path, *options: str) -> subprocess.CompletedProcess[str]:
    if not (folder / "settings.ini").exists():
        welcome_already_read(folder)  # the first practice would otherwise wait for the welcome
    env = {k: v for k, v in os.environ.items() if k != "PACER_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "pacer", "--quit-after", "0.3", "breathe", *options],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**env, "PACER_DATA_DIR": str(folder)},
        timeout=60,
        check=False,
    )


def started(folder: Path) -> tuple[BreathPattern, float | None]:
    """The pattern and planned length of the one session the command started."""
    with PracticeLog.open(folder) as log:
        (record,) = log.sessions()
    pattern = BreathPattern(
        inhale=record.inhale, hold=record.hold, exhale=record.exhale, rest=record.rest
    )
    return pattern, record.planned_seconds


def planned(pattern: BreathPattern, minutes: float) -> float:
    return BreathingTimeline(pattern, minutes * 60).total_seconds


def test_the_saved_built_in_pattern_and_length_are_used(tmp_path):
    save_usual(tmp_path, "preset:long-out", 15)
    result = breathe(tmp_path)
    assert result.returncode == 0, result.stderr
    long_out = BreathPattern(inhale=4, exhale=8)
    assert started(tmp_path) == (long_out, planned(long_out, 15))


def test_your_own_saved_pattern_is_used(tmp_path):
    mine = BreathPattern(inhale=3.5, exhale=7, rest=1.5)
    PatternLibrary(tmp_path).save(EVENING, mine)
    save_usual(tmp_path, f"custom:{EVENING}", 5)
    assert breathe(tmp_path).returncode == 0
    assert started(tmp_path) == (mine, planned(mine, 5))


def test_a_saved_open_ended_session_stays_open_ended(tmp_path):
    save_usual(tmp_path, "preset:gentle", None)
    assert breathe(tmp_path).returncode == 0
    assert started(tmp_path) == (BreathPattern(inhale=3, exhale=5), None)


def test_pattern_options_win_and_the_saved_length_still_applies(tmp_path):
    save_usual(tmp_path, "preset:long-out", 15)
    assert breathe(tmp_path, "--inhale", "3", "--exhale", "5").returncode == 0
    three_five = BreathPattern(inhale=3, exhale=5)
    assert started(tmp_path) == (three_five, planned(three_five, 15))


def test_minutes_win_and_the_saved_pattern_still_applies(tmp_path):
    save_usual(tmp_path, "preset:soft-pause", 15)
    assert breathe(tmp_path, "--minutes", "2").returncode == 0
    soft_pause = BreathPattern(inhale=4, exhale=7, rest=1)
    assert started(tmp_path) == (soft_pause, planned(soft_pause, 2))


def test_with_nothing_saved_it_is_calm_for_ten_minutes(tmp_path):
    assert breathe(tmp_path).returncode == 0
    assert started(tmp_path) == (CALM, 600)


# In-process: which plan reaches the window (no window opens).


def test_a_saved_pattern_that_is_gone_falls_back_to_calm(tmp_path, launched):
    save_usual(tmp_path, "custom:Deleted since", 7)
    assert main(["breathe", "--data-dir", str(tmp_path)]) == 0
    plan = launched[0].breathing
    assert (plan.pattern, plan.minutes, plan.pattern_name) == (CALM, 7, "Calm")


def test_an_unreadable_patterns_file_is_left_for_the_window_to_explain(tmp_path, launched):
    broken = tmp_path / "patterns.json"
    broken.write_text("{ not json")
    save_usual(tmp_path, f"custom:{EVENING}", 7)
    assert main(["breathe", "--data-dir", str(tmp_path)]) == 0
    assert launched[0].breathing.pattern == CALM
    assert broken.read_text() == "{ not json"  # the command moves nothing aside
    assert sorted(p.name for p in tmp_path.iterdir()) == ["patterns.json", "settings.ini"]


def test_nonsense_in_settings_gives_the_usual_values(tmp_path, launched):
    (tmp_path / "settings.ini").write_text(
        "[preferences]\npattern=whatever\nsession_minutes=-3\n", encoding="utf-8"
    )
    assert main(["breathe", "--data-dir", str(tmp_path)]) == 0
    plan = launched[0].breathing
    assert (plan.pattern, plan.minutes) == (CALM, 10)


def test_reading_the_usual_practice_needs_no_qt(tmp_path):
    PatternLibrary(tmp_path).save(EVENING, BreathPattern(inhale=5, exhale=9))
    save_usual(tmp_path, f"custom:{EVENING}", 12.5)
    code = (
        "import sys; sys.modules['PySide6'] = None\n"  # any Qt import now fails
        "from pacer.core.breathing.usual import load_usual_plan\n"
        f"plan = load_usual_plan({str(tmp_path)!r})\n"
        "print(plan.pattern_name, plan.pattern.inhale, plan.pattern.exhale, plan.minutes)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == f"{EVENING} 5.0 9.0 12.5"


def test_breathe_help_says_it_uses_the_usual_pattern_and_length(capsys):
    with pytest.raises(SystemExit):
        main(["breathe", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "your usual pattern and length as chosen in Preferences" in text
    assert "(default: your usual length from Preferences, or 10 before you choose one)" in text
    assert "Without these, your usual pattern from Preferences" in text


def test_quit_after_also_closes_a_practice_shown_only_in_full_screen(tmp_path):
    # The main window is never shown then: closing it alone would leave the app running.
    result = breathe(tmp_path, "--fullscreen", "--minutes", "5")
    assert result.returncode == 0, result.stderr
    with PracticeLog.open(tmp_path) as log:
        (record,) = log.sessions()
    assert record.ended is SessionEnd.ENDED_EARLY
