"""The README's pictures: every image link points to a file, and the pictures are the app's own.

The pictures themselves are made by ``make screenshots`` (docs/make_screenshots.py) from a
made-up log (docs/demo_log.py); these tests keep the links, the files and the demo log honest.
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from PySide6.QtGui import QImage

from pacer.core.practice_log.records import SessionRecord
from pacer.core.practice_log.store import PracticeLog
from tests.support.system_tools import require_tools

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCREENSHOTS = DOCS / "screenshots"
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
# ![alt](target "title"), [text](picture.png), <img src="target">
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")
_MARKDOWN_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)")
_HTML_IMAGE = re.compile(r"<img\b[^>]*?\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)


def picture_links(text: str) -> list[str]:
    """Image targets in Markdown/HTML text: images, links to picture files, ``<img src>``."""
    links = _MARKDOWN_IMAGE.findall(text) + _HTML_IMAGE.findall(text)
    links += [
        target
        for target in _MARKDOWN_LINK.findall(text)
        if urlsplit(target).path.lower().endswith(PICTURE_SUFFIXES)
    ]
    return links


def missing_pictures(document: Path) -> list[str]:
    """Local picture links in ``document`` whose file does not exist."""
    missing = []
    for target in picture_links(document.read_text(encoding="utf-8")):
        parts = urlsplit(target)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # a web address is not ours to check offline
        path = unquote(parts.path)
        resolved = ROOT / path.lstrip("/") if path.startswith("/") else document.parent / path
        if not resolved.is_file():
            missing.append(target)
    return missing


def documents() -> list[Path]:
    found = [ROOT / "README.md"]
    for pattern in ("*.md", "*.html", "*.rst"):
        found += sorted(DOCS.rglob(pattern))
    return found


@pytest.mark.parametrize("document", documents(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_picture_link_points_to_a_file(document):
    assert missing_pictures(document) == []


def test_a_missing_picture_is_noticed_in_every_link_form(tmp_path):
    (tmp_path / "here.png").write_bytes(b"")
    page = tmp_path / "page.md"
    page.write_text(
        "![ok](here.png) ![gone](gone.png 'a title') [also gone](pics/gone%20too.PNG)\n"
        '<img alt="x" src="gone.svg"> <img src="here.png"> [a page](other.md)\n'
        "![web](https://example.org/a.png)\n",
        encoding="utf-8",
    )
    assert missing_pictures(page) == ["gone.png", "gone.svg", "pics/gone%20too.PNG"]


@pytest.fixture
def make_screenshots(monkeypatch):
    monkeypatch.syspath_prepend(str(DOCS))
    import make_screenshots

    yield make_screenshots
    sys.modules.pop("make_screenshots", None)
    sys.modules.pop("demo_log", None)


def test_the_committed_pictures_are_the_ones_the_script_makes_and_all_are_shown(
    make_screenshots,
):
    committed = sorted(path.stem for path in SCREENSHOTS.glob("*.png"))
    assert committed == sorted(make_screenshots.PICTURES)
    linked = {
        (document.parent / target).resolve()
        for document in documents()
        for target in picture_links(document.read_text(encoding="utf-8"))
    }
    assert sorted(p.name for p in SCREENSHOTS.glob("*.png") if p.resolve() not in linked) == []


def test_demo_log_is_accepted_by_a_real_log_and_is_the_same_every_time(make_screenshots, tmp_path):
    import demo_log

    today = date(2026, 3, 29)  # a daylight-saving change inside the five weeks
    sessions, rest_days = demo_log.demo_log(today)
    again, _ = demo_log.demo_log(today)
    assert sessions == again
    assert 20 <= len(sessions) <= 40
    assert max(s.started_at.date() for s in sessions) == today
    assert rest_days
    assert not rest_days & {s.started_at.date() for s in sessions}
    assert demo_log.write_demo_log(tmp_path / "data", today) == len(sessions)
    with PracticeLog.open(tmp_path / "data") as log:
        assert log.sessions() == sorted(sessions, key=lambda s: (s.started_at, s.id))
        assert log.rest_days() == rest_days


def test_demo_log_fills_in_the_check_in_once_the_log_has_it(make_screenshots):
    import demo_log

    sessions, _ = demo_log.demo_log(date(2026, 3, 29))
    fields = {field.name for field in dataclasses.fields(SessionRecord)}
    assert "a_field_from_the_future" not in fields
    made = demo_log._record(**dataclasses.asdict(sessions[0]), a_field_from_the_future=3)
    assert made == sessions[0]
    for name in ("tension_before", "tension_after"):
        if name in fields:
            assert any(getattr(s, name) is not None for s in sessions)


@pytest.mark.xvfb
@pytest.mark.slow
def test_make_screenshots_still_runs_and_makes_every_picture(make_screenshots, tmp_path):
    """The pictures are remade by hand (``make screenshots``); this keeps the script working."""
    require_tools("Xvfb", "openbox", "xdotool", "pdftoppm")
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    result = subprocess.run(
        [sys.executable, str(DOCS / "make_screenshots.py"), "--out", str(tmp_path)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert sorted(p.stem for p in tmp_path.glob("*.png")) == sorted(make_screenshots.PICTURES)
    sizes = {p.stem: QImage(str(p)).size().toTuple() for p in tmp_path.glob("*.png")}
    assert sizes.pop("fullscreen") == make_screenshots.SCREEN
    width, height = sizes.pop("pdf-summary")
    assert height / width == pytest.approx(297 / 210, rel=0.01)  # an A4 page
    assert set(sizes.values()) == {make_screenshots.WINDOW}
