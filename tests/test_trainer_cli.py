from __future__ import annotations

import pytest

from pacer.cli import main
from pacer.commands import COMMAND_MODULES
from pacer.core.breathing import BreathPattern
from pacer.core.trainer.plan import TrainerPlan
from tests.support.cli import exit_code_and_error


def test_trainer_builds_the_plan_and_opens_straight_into_it(launched, data_dir):
    argv = ["--data-dir", str(data_dir), "trainer", "--warmup-minutes", "0", "--minutes", "7.5"]
    argv += ["--inhale", "3", "--exhale", "7", "--rest", "1", "--fullscreen", "--sound"]
    assert main(argv) == 0
    (request,) = launched
    assert request.data_dir == data_dir
    assert (request.breathing, request.relaxation) == (None, None)
    assert request.trainer == TrainerPlan(
        BreathPattern(inhale=3, exhale=7, rest=1),
        warmup_minutes=0,
        practice_minutes=7.5,
        pattern_name="Your pattern",
    )
    assert (request.fullscreen, request.sound) == (True, True)


def test_trainer_defaults(launched, data_dir):
    assert main(["--data-dir", str(data_dir), "trainer"]) == 0
    (request,) = launched
    assert request.trainer == TrainerPlan(
        BreathPattern(inhale=4, exhale=6),
        warmup_minutes=3,
        practice_minutes=10,
        pattern_name="Calm",
    )
    assert (request.fullscreen, request.sound) == (False, None)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--warmup-minutes", "11"],
            "argument --warmup-minutes: warm-up must be between 0 and 10 minutes (got 11)",
        ),
        (["--warmup-minutes", "-0.5"], "warm-up must be between 0 and 10 minutes (got -0.5)"),
        (["--warmup-minutes", "inf"], "argument --warmup-minutes: expected a finite number"),
        (["--warmup-minutes", "soon"], "argument --warmup-minutes: expected a number, got 'soon'"),
        (
            ["--minutes", "0.2"],
            "argument --minutes: practice length must be between 0.5 and 120 minutes",
        ),
        (["--minutes", "121"], "(got 121)"),
        (["--inhale", "1"], "--inhale: inhale must be between 2 and 10 seconds (got 1)"),
        (["--exhale", "25"], "--exhale: exhale must be between 2 and 20 seconds (got 25)"),
        (["--clench", "5"], "unrecognized arguments: --clench 5"),
    ],
)
def test_out_of_range_values_exit_2_with_one_line_and_nothing_opens(
    launched, capsys, data_dir, args, message
):
    code, err = exit_code_and_error(capsys, ["--data-dir", str(data_dir), "trainer", *args])
    assert code == 2
    assert message in err
    assert len([line for line in err.splitlines() if "error:" in line]) == 1
    assert launched == []


def test_trainer_help_explains_the_flow_and_the_options(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["trainer", "--help"])
    assert exit_info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "if and when it feels right" in text
    assert "--warmup-minutes M minutes of slow belly breathing to settle in first, 0–10 " in text
    assert "(default: 3)" in text
    assert "--minutes M practice length in minutes, 0.5–120" in text
    assert "(default: 10)" in text
    for option in ("--inhale S", "--exhale S", "--fullscreen", "--sound, --no-sound"):
        assert option in text
    assert "clinician" in text


def test_the_command_is_registered_and_listed(capsys):
    assert "trainer" in COMMAND_MODULES
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "trainer" in capsys.readouterr().out
