"""The printable summary: valid PDF, the right words and numbers, tables that page well."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pacer.core.export.report import TABLE_HEADINGS
from pacer.core.export.service import ExportData
from pacer.core.practice_log.records import SessionEnd, SessionKind
from pacer.core.practice_log.store import PracticeLog
from pacer.ui.export.pdf_report import render_pdf
from tests.support.sessions import finished_session
from tests.support.system_tools import require_tools

ROOT = Path(__file__).resolve().parents[3]
EXPORTED_AT = datetime(2026, 4, 2, 10, 0, tzinfo=timezone(timedelta(hours=2)))
UNKIND_WORDS = ("fail", "missed", "goal", "target", "score", "level", "streak broken")


def pdf_text(data: bytes, tmp_path: Path, *pages: int) -> str:
    require_tools("pdftotext")
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    args = ["pdftotext"]
    if pages:
        args += ["-f", str(pages[0]), "-l", str(pages[-1])]
    result = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", result.stdout)


def layout_lines(data: bytes, tmp_path: Path) -> list[str]:
    """The PDF's text as laid out on the page: one table row per line."""
    require_tools("pdftotext")
    path = tmp_path / "layout.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return unicodedata.normalize("NFKC", result.stdout).splitlines()


def page_count(text_of_all_pages: str) -> int:
    return text_of_all_pages.count("\f")


def march_data(sessions, since=date(2026, 3, 1), until=date(2026, 3, 31), rest_days=()):
    return ExportData(tuple(sessions), tuple(rest_days), since, until, EXPORTED_AT)


def test_summary_shows_range_totals_and_kind_words(qapp, tmp_path):
    sessions = [
        finished_session("2026-03-02", "08:30", minutes=12, feeling="calm", note="Jaw softer."),
        finished_session("2026-03-02", "21:00", minutes=8, kind=SessionKind.RELAXATION),
        finished_session("2026-03-10", "07:45", minutes=5, ended=SessionEnd.ENDED_EARLY),
    ]
    data = render_pdf(march_data(sessions, rest_days=[date(2026, 3, 5)]))
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    text = pdf_text(data, tmp_path)
    flat = " ".join(text.split())
    assert "Practice log" in flat
    assert "1 March 2026 – 31 March 2026" in flat
    assert "Exported from Pacer on 2 April 2026" in flat
    for label, value in [
        ("Days with practice", "2"),
        ("Sessions", "3"),
        ("Minutes practised", "25"),
        ("Rest days noted", "1"),
    ]:
        assert label in flat
        assert value in text.split()
    assert "Minutes per week" in flat
    assert "Ended early" in flat
    assert "Calm and loose" in flat
    assert "Jaw softer." in flat
    assert "Belly breathing, 4 in · 6.5 out · 1 rest" in flat
    assert not [w for w in UNKIND_WORDS if w in flat.lower()]
    assert page_count(text) == 1


def test_long_tables_page_break_with_repeated_headers_and_nothing_lost(qapp, tmp_path):
    long_note = " ".join(f"word{i:03d}" for i in range(700))
    sessions = [
        finished_session(f"2026-03-{day:02d}", note=long_note if day == 3 else f"note {day}")
        for day in range(1, 31)
    ]
    data = render_pdf(march_data(sessions))
    text = pdf_text(data, tmp_path)
    pages = page_count(text)
    assert pages >= 3
    for page in range(1, pages + 1):
        page_text = " ".join(pdf_text(data, tmp_path, page).split())
        assert all(heading in page_text for heading in TABLE_HEADINGS), page
        assert f"Page {page} of {pages}" in page_text
    words = text.split()
    assert all(f"word{i:03d}" in words for i in range(700))  # a split note loses no line
    assert "(continued)" in text
    assert all(f"note {day}" in " ".join(words) for day in range(1, 31) if day != 3)


def test_empty_log_says_so_calmly(qapp, tmp_path):
    data = render_pdf(ExportData((), (), None, None, EXPORTED_AT))
    flat = " ".join(pdf_text(data, tmp_path).split())
    assert "No sessions yet" in flat
    assert "No sessions in this period." in flat


def test_cli_pdf_export_needs_no_display(data_dir, tmp_path):
    require_tools("pdftotext")
    with PracticeLog.open(data_dir) as log:
        log.merge([finished_session("2026-03-02", minutes=15), finished_session("2026-03-09")])
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    output = tmp_path / "summary.pdf"
    command = [sys.executable, "-m", "pacer", "--data-dir", str(data_dir), "export"]
    options = ["--format", "pdf", "--output", str(output)]
    options += ["--since", "2026-03-01", "--until", "2026-03-15"]
    result = subprocess.run(
        [*command, *options],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Saved 2 sessions to {output}."
    flat = " ".join(pdf_text(output.read_bytes(), tmp_path).split())
    assert "1 March 2026 – 15 March 2026" in flat
    assert "Minutes practised" in flat
    assert "25" in flat.split()
    assert output.stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("weeks", [1, 5, 60])
def test_chart_copes_with_few_and_many_weeks(qapp, tmp_path, weeks):
    start = date(2026, 1, 5)
    sessions = [
        finished_session((start + timedelta(days=7 * i)).isoformat(), minutes=5 + i % 7)
        for i in range(weeks)
    ]
    until = start + timedelta(days=7 * weeks - 1)
    data = render_pdf(march_data(sessions, since=start, until=until))
    assert "Minutes per week" in pdf_text(data, tmp_path, 1)


def test_relaxation_trainer_check_ins_and_rest_days_are_all_printed(qapp, tmp_path):
    from dataclasses import replace

    relax = replace(
        finished_session("2026-03-02", "08:30", kind=SessionKind.RELAXATION),
        clench_seconds=6.0,
        release_seconds=20.0,
        skipped_groups=("abdominals", "pelvic-floor"),
        tension_before=7,
        tension_after=3,
    )
    trainer = [
        replace(
            finished_session(f"2026-03-0{day}", "21:00", kind=SessionKind.TRAINER),
            response=response,
            guarding_moments=moments,
            tension_before=6,
            tension_after=after,
        )
        for day, response, moments, after in (
            (3, "softened", 2, 3),
            (4, "softened", 0, 4),
            (5, "soft", None, 2),
            (6, "softened", 1, 3),
        )
    ]
    data = render_pdf(march_data([relax, *trainer], rest_days=[date(2026, 3, 7)]))
    flat = " ".join(pdf_text(data, tmp_path).split())
    assert "clench 6 s · let go 20 s" in flat
    assert "left out: Abdominals; Pelvic floor" in flat
    assert "Guarded, then softened" in flat
    assert "guarding noted 2 times" in flat
    assert "Before 7, after 3" in flat
    assert any(
        "Sat 7 Mar 2026" in line and "Rest day" in line for line in layout_lines(data, tmp_path)
    )
    assert "Ran to the end" in flat
    assert "softened 3, stayed soft 1" in flat  # trainer responses that week
    # medians over the week's five sessions with both: before 6 or 7 → 6; after 3
    assert "eased from about 6 to about 3 (5 sessions)" in flat
    assert not [w for w in UNKIND_WORDS if w in flat.lower()]
    for arrow in ("↑", "↓", "→", "↗", "↘"):
        assert arrow not in flat


def test_dates_and_times_never_wrap(qapp, tmp_path):
    """The longest date of the year stays on one line of the table."""
    sessions = [finished_session("2026-09-30", "23:59"), finished_session("2026-12-30", "08:30")]
    data = render_pdf(march_data(sessions, since=date(2026, 9, 1), until=date(2026, 12, 31)))
    lines = layout_lines(data, tmp_path)
    assert any("Wed 30 Sep 2026" in line and "23:59" in line for line in lines)
    assert any("Wed 30 Dec 2026" in line and "08:30" in line for line in lines)


def test_an_emoji_the_font_lacks_is_drawn_from_a_fallback_font(qapp, tmp_path):
    require_tools("pdftoppm", "pdffonts")
    leaf = finished_session("2026-03-02", note="🌿")
    plain = finished_session("2026-03-02", note="")
    pages = {}
    for name, session in (("leaf", leaf), ("plain", plain)):
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(render_pdf(march_data([session])))
        subprocess.run(
            ["pdftoppm", "-r", "100", "-gray", str(pdf), str(tmp_path / name)], check=True
        )
        pages[name] = next(tmp_path.glob(f"{name}-*.pgm")).read_bytes()
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "leaf.pdf")], capture_output=True, text=True, check=True
    ).stdout
    if "symbola" not in fonts.lower() and "emoji" not in fonts.lower():
        pytest.skip("no font with the leaf is installed (Debian: fonts-symbola)")
    # The note's cell holds ink where the leaf is drawn: the pages differ.
    assert pages["leaf"] != pages["plain"]
