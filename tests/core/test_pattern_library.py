from __future__ import annotations

import json

import pytest

from pacer.core.breathing.library import LibraryError, PatternLibrary
from pacer.core.breathing.pattern import BreathPattern


def test_save_rename_delete_and_persist(data_dir):
    library = PatternLibrary(data_dir)
    library.save("Evening", BreathPattern(inhale=4, exhale=8, rest=1))
    library.save("  morning   calm ", BreathPattern(inhale=3, exhale=5))
    assert library.names() == ["Evening", "morning calm"]
    library.rename("Evening", "Bedtime")
    library.delete("morning calm")
    again = PatternLibrary(data_dir)
    assert again.items() == [("Bedtime", BreathPattern(inhale=4, exhale=8, rest=1))]
    assert (data_dir / "patterns.json").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("name", "message"),
    [("", "give the pattern a name"), ("calm", "built-in pattern"), ("x" * 41, "under 40")],
)
def test_names_are_checked_kindly(data_dir, name, message):
    with pytest.raises(LibraryError, match=message):
        PatternLibrary(data_dir).save(name, BreathPattern(inhale=4, exhale=6))


def test_duplicate_names_are_refused_unless_replacing(data_dir):
    library = PatternLibrary(data_dir)
    library.save("Mine", BreathPattern(inhale=4, exhale=6))
    with pytest.raises(LibraryError, match="already have"):
        library.save("Mine", BreathPattern(inhale=4, exhale=7))
    library.save("Mine", BreathPattern(inhale=4, exhale=7), replace=True)
    assert library.get("Mine").exhale == 7


def test_an_unreadable_file_is_kept_aside_not_overwritten(data_dir):
    broken = data_dir / "patterns.json"
    broken.write_text('{"format": "pacer-patterns", "version": 1, "patterns": [{"name": "x"}]}')
    original = broken.read_bytes()
    library = PatternLibrary(data_dir)
    assert library.names() == []
    kept = list(data_dir.glob("patterns.unreadable-*.json"))
    assert len(kept) == 1
    assert kept[0].read_bytes() == original
    assert "kept as" in library.notices[0]
    library.save("New", BreathPattern(inhale=4, exhale=6))
    assert json.loads(broken.read_text())["patterns"][0]["name"] == "New"
