from __future__ import annotations

import pytest

from pacer.cli import main
from pacer.core.relaxation.sequence import default_script_path, load_default_script
from tests.support.cli import exit_code_and_error


def test_relax_builds_the_plan_and_opens_straight_into_it(launched, data_dir):
    argv = ["--data-dir", str(data_dir), "relax", "--clench", "6", "--release", "15"]
    argv += ["--closing-minutes", "2", "--skip", "abdominals", "--fullscreen", "--no-sound"]
    assert main(argv) == 0
    (request,) = launched
    plan = request.relaxation
    assert request.data_dir == data_dir
    assert request.breathing is None
    assert request.fullscreen is True
    assert request.sound is False
    assert (plan.clench_seconds, plan.release_seconds, plan.closing_minutes) == (6.0, 15.0, 2.0)
    assert "abdominals" not in plan.enabled_groups
    assert len(plan.enabled_groups) == 4


def test_relax_defaults_follow_the_sequence_file_and_saved_sound(launched, data_dir):
    assert main(["--data-dir", str(data_dir), "relax"]) == 0
    (request,) = launched
    assert request.sound is None
    assert request.fullscreen is False
    assert request.relaxation.clench_seconds == 5.0
    assert request.relaxation.script.source == str(default_script_path())


def test_relax_uses_a_users_own_sequence_file(launched, data_dir, tmp_path):
    mine = tmp_path / "mine.toml"
    mine.write_text(
        default_script_path()
        .read_text(encoding="utf-8")
        .replace("clench_seconds = 5", "clench_seconds = 7"),
        encoding="utf-8",
    )
    assert main(["--data-dir", str(data_dir), "relax", "--sequence", str(mine)]) == 0
    assert launched[0].relaxation.clench_seconds == 7.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--clench", "12"],
            "argument --clench: clench time must be between 3 and 10 seconds (got 12)",
        ),
        (
            ["--release", "2"],
            "argument --release: rest time must be between 5 and 60 seconds (got 2)",
        ),
        (
            ["--closing-minutes", "11"],
            "argument --closing-minutes: closing breathing must be between 0 and 10 minutes",
        ),
        (["--release", "abc"], "argument --release: expected a number, got 'abc'"),
        (["--clench", "nan"], "argument --clench: expected a finite number, got 'nan'"),
        (["--skip", "hands"], "argument --skip: no group called 'hands'"),
    ],
)
def test_out_of_range_values_exit_2_and_nothing_starts(launched, capsys, data_dir, args, message):
    code, err = exit_code_and_error(capsys, ["--data-dir", str(data_dir), "relax", *args])
    assert code == 2
    assert message in err
    assert launched == []


def test_switching_every_group_off_is_refused(launched, capsys, data_dir):
    skips = [
        arg
        for key in ("feet", "buttocks", "pelvic-floor", "abdominals", "shoulders-neck-jaw")
        for arg in ("--skip", key)
    ]
    code, err = exit_code_and_error(capsys, ["--data-dir", str(data_dir), "relax", *skips])
    assert code == 2
    assert "at least one muscle group" in err
    assert launched == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not toml ][", "is not valid TOML"),
        ('format = "pacer-relaxation-sequence"\nversion = 7\n', "version: version 7 is newer"),
        (
            default_script_path()
            .read_text(encoding="utf-8")
            .replace("efforts = [100, 50]", "efforts = [100, 0]"),
            "groups[0].efforts[1]: must be between 10 and 100 percent (got 0)",
        ),
    ],
)
def test_malformed_sequence_file_exits_2_naming_file_and_field(
    launched, capsys, data_dir, tmp_path, content, message
):
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    code, err = exit_code_and_error(
        capsys, ["--data-dir", str(data_dir), "relax", "--sequence", str(path)]
    )
    assert code == 2
    assert f"{path}: " in err
    assert message in err
    assert launched == []


def test_missing_sequence_file_exits_2(launched, capsys, data_dir, tmp_path):
    missing = tmp_path / "nowhere.toml"
    code, err = exit_code_and_error(
        capsys, ["--data-dir", str(data_dir), "relax", "--sequence", str(missing)]
    )
    assert code == 2
    assert f"{missing}: no such file" in err
    assert launched == []


def test_relax_help_names_the_ranges_and_the_sequence_files_defaults(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["relax", "--help"])
    assert exit_info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    script = load_default_script()
    assert f"3–10 (default: {script.clench_seconds:g})" in text
    assert f"5–60 (default: {script.release_seconds:g})" in text
    assert f"0–10 (default: {script.closing_minutes:g})" in text
    assert "soft jaw" in text
    assert "two notes for full effort, one for half" in text


def test_a_long_rest_up_to_a_minute_is_accepted(launched, data_dir):
    assert main(["--data-dir", str(data_dir), "relax", "--release", "60"]) == 0
    assert launched[0].relaxation.release_seconds == 60.0
