from __future__ import annotations

import pytest

from pacer.cli import main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--inhale", "1"], "--inhale: inhale must be between 2 and 10 seconds (got 1)"),
        (["--exhale", "25"], "--exhale: exhale must be between 2 and 20 seconds (got 25)"),
        (["--minutes", "0"], "session length must be between 0.5 and 120 minutes (got 0)"),
        (["--minutes", "soon"], "expected a number of minutes, got 'soon'"),
        (["--rest", "nan"], "expected a number of seconds, got 'nan'"),
    ],
)
def test_invalid_values_exit_2_naming_value_and_range(args, message, capsys, tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(tmp_path), "breathe", *args])
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_breathe_opens_straight_into_a_running_session(monkeypatch, tmp_path):
    seen = {}

    def fake_run_app(request):
        seen["request"] = request
        return 0

    monkeypatch.setattr("pacer.ui.launch.run_app", fake_run_app)
    status = main(
        [
            "--data-dir",
            str(tmp_path),
            "breathe",
            "--inhale",
            "4",
            "--exhale",
            "7",
            "--minutes",
            "0.5",
            "--fullscreen",
            "--no-sound",
        ]
    )
    request = seen["request"]
    assert status == 0
    assert request.breathing.pattern.exhale == 7
    assert request.breathing.length_seconds == 30
    assert request.fullscreen is True
    assert request.sound is False
