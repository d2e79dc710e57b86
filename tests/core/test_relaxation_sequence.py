from __future__ import annotations

import re

import pytest

from pacer.core import preferences
from pacer.core.breathing import BreathPattern
from pacer.core.relaxation import limits
from pacer.core.relaxation.plan import PlanError, RelaxationPlan
from pacer.core.relaxation.sequence import (
    SequenceError,
    default_script_path,
    load_default_script,
    load_script,
    parse_script,
)
from pacer.resources import asset_path

GOOD = default_script_path().read_text(encoding="utf-8")
UNSAFE_WORDS = re.compile(
    r"\b(fail\w*|missed|goal|target|level|score|streak|hold your breath|push down|bear down)\b",
    re.IGNORECASE,
)


def test_the_shipped_sequence_validates_with_the_expected_groups_and_timings():
    script = load_default_script()
    assert default_script_path() == asset_path("sequences", "progressive-relaxation.toml")
    assert script.version == 1
    assert script.group_keys == (
        "feet",
        "buttocks",
        "pelvic-floor",
        "abdominals",
        "shoulders-neck-jaw",
    )
    assert all(group.efforts == (100, 50) for group in script.groups)
    assert (script.clench_seconds, script.release_seconds, script.closing_minutes) == (5, 20, 3)
    assert 20 <= script.lead_in_seconds <= 30
    assert "hand" in script.lead_in_text
    assert "belly" in script.lead_in_text


def test_the_shipped_words_stay_calm_and_never_say_which_way_the_pelvic_floor_moves():
    script = load_default_script()
    texts = [script.lead_in_text, script.clench_text, script.release_text, script.closing_text]
    texts += [group.instruction for group in script.groups] + [script.name]
    for text in texts:
        assert not UNSAFE_WORDS.search(text), text
    assert "breathing" in script.clench_text.lower()
    assert "hurt" in script.clench_text.lower()
    pelvic = script.group("pelvic-floor")
    assert pelvic is not None
    assert not re.search(
        r"\b(up|down|in|out|inward|upward|lift\w*|drop\w*|rais\w*|lower\w*)\b", pelvic.instruction
    ), pelvic.instruction


def _variant(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def _without_group_field(index: int, field_line: str) -> str:
    blocks = GOOD.split("[[groups]]")
    assert field_line in blocks[index + 1]
    blocks[index + 1] = blocks[index + 1].replace(field_line + "\n", "")
    return "[[groups]]".join(blocks)


def _groups_removed() -> str:
    head = GOOD.split("[[groups]]")[0]
    return head.replace("version = 1\n", "version = 1\ngroups = []\n")


def _group_variant(index: int, old: str, new: str) -> str:
    blocks = GOOD.split("[[groups]]")
    assert old in blocks[index + 1]
    blocks[index + 1] = blocks[index + 1].replace(old, new)
    return "[[groups]]".join(blocks)


@pytest.mark.parametrize(
    ("text", "field", "problem"),
    [
        (_without_group_field(2, 'name = "Pelvic floor"'), "groups[2].name", "missing"),
        (
            _without_group_field(2, "efforts = [100, 50]"),
            "groups[2].efforts",
            "this field is missing",
        ),
        (_variant("version = 1", "version = 2"), "version", "version 2 is newer"),
        (_variant("version = 1", "version = 0"), "version", "unknown version 0"),
        (_variant("version = 1", 'version = "1"'), "version", "whole number, not text"),
        (_variant("version = 1\n", ""), "version", "missing"),
        (
            _variant('format = "pacer-relaxation-sequence"', 'format = "something-else"'),
            "format",
            'must be "pacer-relaxation-sequence"',
        ),
        (
            _group_variant(2, "efforts = [100, 50]", "efforts = [100, 150]"),
            "groups[2].efforts[1]",
            "between 10 and 100 percent (got 150)",
        ),
        (
            _variant("efforts = [100, 50]", "efforts = [100, 50.5]"),
            "groups[0].efforts[1]",
            "whole-number percentage, not a number",
        ),
        (
            _variant("efforts = [100, 50]", 'efforts = "100, 50"'),
            "groups[0].efforts",
            "must be a list",
        ),
        (_variant("efforts = [100, 50]", "efforts = []"), "groups[0].efforts", "at least one"),
        (_groups_removed(), "groups", "at least one [[groups]]"),
        (
            _variant('name = "Buttocks"', "name = 3"),
            "groups[1].name",
            "must be text in quotes, not a whole number",
        ),
        (
            _variant('key = "buttocks"', 'key = "feet"'),
            "groups[1].key",
            "'feet' is already used by groups[0]",
        ),
        (_variant('key = "buttocks"', 'key = "Glutes!"'), "groups[1].key", "lower-case"),
        (
            _variant('key = "feet"', 'key = "feet"\nefort = 3'),
            "groups[0].efort",
            "unknown field",
        ),
        (
            _variant("clench_seconds = 5 ", "clench_seconds = 20 "),
            "timing.clench_seconds",
            "between 3 and 10 seconds (got 20)",
        ),
        (
            _variant("release_seconds = 20 ", "release_seconds = 2 "),
            "timing.release_seconds",
            "between 5 and 60 seconds (got 2)",
        ),
        (
            _variant("release_seconds = 20 ", "release_seconds = 61 "),
            "timing.release_seconds",
            "between 5 and 60 seconds (got 61)",
        ),
        (
            _variant("closing_minutes = 3 ", "closing_minutes = nan "),
            "timing.closing_minutes",
            "between 0 and 10 minutes (got nan)",
        ),
        (
            _variant("closing_minutes = 3 ", "closing_minutes = true "),
            "timing.closing_minutes",
            "must be a number, not true/false",
        ),
        (_variant("\nseconds = 20 ", "\nseconds = 600 "), "lead_in.seconds", "between 0 and 120"),
        (_variant('[release]\ntext = "', '[release]\ntext = "   '), None, None),  # still fine
    ],
)
def test_malformed_variants_name_the_file_the_field_and_the_problem(tmp_path, text, field, problem):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    if field is None:
        assert load_script(path).release_text.startswith("Let go")
        return
    with pytest.raises(SequenceError) as error:
        load_script(path)
    assert error.value.source == str(path)
    assert error.value.field == field
    assert problem in error.value.problem
    assert str(error.value).startswith(f"{path}: {field}: ")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"this is not [toml at all", "is not valid TOML"),
        (b"\xff\xfe\x00binary", "is not a UTF-8 text file"),
        (b"", "format: this field is missing"),
    ],
)
def test_files_that_are_not_sequences_at_all_are_refused(tmp_path, content, problem):
    path = tmp_path / "notes.toml"
    path.write_bytes(content)
    with pytest.raises(SequenceError) as error:
        load_script(path)
    assert str(error.value).startswith(str(path))
    assert problem in str(error.value)


def test_missing_file_and_folder_are_refused_plainly(tmp_path):
    with pytest.raises(SequenceError, match=r"nowhere\.toml: no such file"):
        load_script(tmp_path / "nowhere.toml")
    with pytest.raises(SequenceError, match="is a folder"):
        load_script(tmp_path)


def test_text_is_tidied_and_limited():
    script = parse_script(_variant('name = "Feet"', 'name = "  Both\\n   feet "'))
    assert script.groups[0].name == "Both feet"
    with pytest.raises(SequenceError, match=r"groups\[0\]\.name: is 61 characters long"):
        parse_script(_variant('name = "Feet"', f'name = "{"x" * 61}"'))


# --- the plan ------------------------------------------------------------------------


def test_plan_takes_the_file_defaults_and_all_groups():
    plan = RelaxationPlan.default()
    assert (plan.clench_seconds, plan.release_seconds, plan.closing_minutes) == (5.0, 20.0, 3.0)
    assert plan.enabled_groups == plan.script.group_keys
    assert plan.closing_pattern == BreathPattern(inhale=4, exhale=6)
    assert plan.closing_seconds == 180


def test_plan_keeps_switched_on_groups_in_sequence_order():
    script = load_default_script()
    plan = RelaxationPlan(script, enabled_groups=("abdominals", "feet"))
    assert plan.enabled_groups == ("feet", "abdominals")
    assert [group.name for group in plan.groups] == ["Feet", "Abdominals"]


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        (
            {"clench_seconds": 2},
            "clench_seconds",
            "clench time must be between 3 and 10 seconds (got 2)",
        ),
        ({"clench_seconds": 11}, "clench_seconds", "between 3 and 10 seconds (got 11)"),
        ({"release_seconds": 61}, "release_seconds", "rest time must be between 5 and 60 seconds"),
        ({"release_seconds": 4}, "release_seconds", "rest time must be between 5 and 60 seconds"),
        ({"release_seconds": float("inf")}, "release_seconds", "(got inf)"),
        ({"closing_minutes": -1}, "closing_minutes", "between 0 and 10 minutes (got -1)"),
        ({"enabled_groups": ()}, "enabled_groups", "at least one muscle group"),
        ({"enabled_groups": ("hands",)}, "enabled_groups", "no group called 'hands'"),
        ({"enabled_groups": "feet"}, "enabled_groups", "must be a list"),
    ],
)
def test_plan_rejects_out_of_range_settings_clearly(kwargs, field, message):
    with pytest.raises(PlanError) as error:
        RelaxationPlan(load_default_script(), **kwargs)
    assert error.value.field == field
    assert message in str(error.value)


def test_plan_edges_are_allowed():
    script = load_default_script()
    plan = RelaxationPlan(script, clench_seconds=3, release_seconds=60, closing_minutes=0)
    assert (plan.clench_seconds, plan.release_seconds, plan.closing_seconds) == (3.0, 60.0, 0.0)
    plan = RelaxationPlan(script, clench_seconds=10, release_seconds=5)
    assert (plan.clench_seconds, plan.release_seconds) == (10.0, 5.0)


# --- fidelity to the practice ------------------------------------------------------------


def test_the_shoulders_step_presses_the_head_back_and_lifts_the_shoulders_with_a_soft_jaw():
    step = load_default_script().group("shoulders-neck-jaw")
    assert step is not None
    words = step.instruction.lower()
    assert "head gently back" in words
    assert "shoulders toward your ears" in words
    assert "notice your jaw and let it soften" in words
    # never asks for a jaw clench: a hard jaw clench can bother people with jaw pain
    assert not re.search(r"(close|clench|tighten|bite)\w*\s+(your\s+)?(jaw|teeth)", words)
    assert "firmly" not in words


def test_the_rest_teaches_so_it_is_clearly_longer_than_the_clench():
    script = load_default_script()
    assert script.release_seconds >= 15
    assert script.release_seconds >= 3 * script.clench_seconds
    assert limits.RELEASE_SECONDS.maximum == 60
    assert (limits.CLENCH_SECONDS.minimum, limits.CLENCH_SECONDS.maximum) == (3, 10)


@pytest.mark.parametrize("saved", ["5", "10", "15", "30", "45", "60"])
def test_rest_times_saved_by_this_and_earlier_versions_stay_valid(saved):
    prefs, problems = preferences.from_mapping({"relax_release_seconds": saved})
    assert problems == []
    assert prefs.relax_release_seconds == float(saved)
    plan = RelaxationPlan(load_default_script(), release_seconds=prefs.relax_release_seconds)
    assert plan.release_seconds == float(saved)


def test_a_rest_time_past_a_minute_is_set_aside_gently():
    prefs, problems = preferences.from_mapping({"relax_release_seconds": "61"})
    assert prefs.relax_release_seconds is None  # the sequence file's default is used
    assert len(problems) == 1
    assert "between 5 and 60 seconds" in problems[0]
