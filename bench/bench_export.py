"""The practice log's load, export and import: 10,000 sessions with check-ins, and a million.

Figures are printed (medians), never asserted. Run: ``python -m bench bench_export``.
``python -m bench.bench_export --million-only`` runs only the million-session import.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bench.bench_history import synthetic_sessions
from pacer.core.export.csv_export import csv_bytes
from pacer.core.export.json_format import json_bytes, parse_log, write_log_json
from pacer.core.export.service import ExportData
from pacer.core.practice_log.records import SessionEnd, SessionKind, SessionRecord
from pacer.core.practice_log.store import PracticeLog

SESSIONS = 10_000
MILLION = 1_000_000
ROOT = Path(__file__).resolve().parents[1]


def _median_ms(action, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def with_check_ins(records: list[SessionRecord], seed: int = 7) -> list[SessionRecord]:
    """The synthetic log with the v3 fields filled as a real one would have them."""
    rng = random.Random(seed)
    result = []
    for record in records:
        extra: dict = {}
        if rng.random() < 0.7:
            extra["tension_before"] = rng.randint(3, 8)
            extra["tension_after"] = max(0, extra["tension_before"] - rng.randint(0, 4))
        if record.kind is SessionKind.RELAXATION:
            extra.update(clench_seconds=5.0, release_seconds=15.0, skipped_groups=())
        elif rng.random() < 0.2:
            extra.update(
                kind=SessionKind.TRAINER,
                response=rng.choice(("guarded", "softened", "soft", "stopped")),
                guarding_moments=rng.randint(0, 3),
            )
        result.append(replace(record, **extra))
    return result


def million_sessions(count: int) -> Iterator[SessionRecord]:
    """``count`` plausible sessions, made one at a time (never all in memory)."""
    rng = random.Random(11)
    start = datetime(2006, 1, 1, 7, 0, tzinfo=timezone(timedelta(hours=1)))
    notes = (None, None, None, "Softer jaw tonight.", "Took a while to settle.")
    for index in range(count):
        begin = start + timedelta(minutes=10 * index)  # 144 a day, 2006 to 2025
        minutes = rng.choice((3, 5, 8))
        yield SessionRecord(
            id=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            kind=SessionKind.BREATHING,
            started_at=begin,
            ended_at=begin + timedelta(minutes=minutes),
            planned_seconds=minutes * 60.0,
            practised_seconds=minutes * 60.0,
            ended=SessionEnd.COMPLETED,
            inhale=4.0,
            hold=0.0,
            exhale=6.0,
            rest=0.0,
            feeling=rng.choice((None, "calm", "softer")),
            note=rng.choice(notes),
            tension_before=rng.randint(3, 8),
            tension_after=rng.randint(0, 4),
        )


_IMPORT_CHILD = """
import sys, time
from pathlib import Path
from pacer.core.export.importing import import_file
from pacer.core.practice_log.store import PracticeLog


def status(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])  # kB


# The peak resident size survives exec (it would be the parent's): start it afresh here.
Path("/proc/self/clear_refs").write_text("5")
before = status("VmRSS")
start = time.perf_counter()
with PracticeLog.open(Path(sys.argv[2])) as log:
    result = import_file(log, Path(sys.argv[1]))
elapsed = time.perf_counter() - start
print(result.added, elapsed, before, status("VmHWM"))
"""


def million_import() -> None:
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "million.json"
        start = time.perf_counter()
        with export.open("wb") as handle:
            write_log_json(handle, million_sessions(MILLION), [], datetime.now().astimezone())
        written = time.perf_counter() - start
        size = export.stat().st_size
        print(f"million-session export written: {size / 1e6:.0f} MB in {written:.1f} s")
        child = subprocess.run(
            [sys.executable, "-c", _IMPORT_CHILD, str(export), str(Path(folder) / "data")],
            capture_output=True,
            text=True,
            check=False,
            cwd=ROOT,
        )
        if child.returncode:
            print(f"the import stopped: {child.stderr.strip().splitlines()[-1]}")
            return
        added, elapsed, before, peak = child.stdout.split()
        print(
            f"import of {int(added):,} sessions into an empty log: {float(elapsed):.1f} s; "
            f"peak resident memory {int(peak) / 1024:.1f} MB "
            f"({int(before) / 1024:.1f} MB before the import began)"
        )
        with PracticeLog.open(Path(folder) / "data") as log:
            start = time.perf_counter()
            count = sum(1 for _ in log.iter_sessions())
            print(
                f"reading all {count:,} back (iter_sessions): {time.perf_counter() - start:.1f} s"
            )
            out = Path(folder) / "again.json"
            from pacer.core.export.exporting import export_log
            from pacer.core.export.service import ExportFormat

            start = time.perf_counter()
            export_log(log, ExportFormat.JSON, out)
            print(
                f"export of the million as JSON: {time.perf_counter() - start:.1f} s, "
                f"{out.stat().st_size / 1e6:.0f} MB"
            )


def main() -> None:
    if "--million-only" in sys.argv:
        million_import()
        return
    records, rest = synthetic_sessions(SESSIONS, date(2026, 3, 31))
    records = with_check_ins(sorted(records, key=lambda r: r.started_at))
    now = datetime.now().astimezone()
    data = ExportData(tuple(records), tuple(sorted(rest)), None, None, now)
    payload = json_bytes(data.sessions, data.rest_days, now)
    print(f"sessions: {len(records)} (with check-ins, relaxation and trainer fields)")
    with tempfile.TemporaryDirectory() as folder:
        full = Path(folder) / "full"
        with PracticeLog.open(full) as log:
            log.merge(records, rest)

        def load():
            with PracticeLog.open(full) as log:
                return log.sessions(), log.rest_days()

        print(f"log load (open + all sessions + rest days): {_median_ms(load, 7):.0f} ms")
    print(f"CSV encode: {_median_ms(lambda: csv_bytes(data.sessions, data.rest_days)):.0f} ms")
    print(
        f"JSON encode: {_median_ms(lambda: json_bytes(data.sessions, data.rest_days, now)):.0f} ms"
    )
    print(f"JSON read + check: {_median_ms(lambda: parse_log(payload)):.0f} ms")

    from pacer.ui.export.pdf_report import ensure_gui_application, render_pdf

    ensure_gui_application(offscreen=True)
    pdf = render_pdf(data)
    print(
        f"PDF render, 10,000 sessions (two passes): {_median_ms(lambda: render_pdf(data), 3):.0f} ms, "
        f"{len(pdf) / 1e6:.1f} MB"
    )
    month = ExportData(data.sessions[-90:], (), None, None, now)
    print(f"PDF render, last 90 sessions: {_median_ms(lambda: render_pdf(month)):.0f} ms")

    with tempfile.TemporaryDirectory() as folder:
        parsed = parse_log(payload)
        with PracticeLog.open(Path(folder)) as log:
            start = time.perf_counter()
            log.merge(parsed.sessions, parsed.rest_days)
            first = (time.perf_counter() - start) * 1000
            again = _median_ms(lambda: log.merge(parsed.sessions, parsed.rest_days), 3)
    print(f"merge into an empty log: {first:.0f} ms; re-import (all present): {again:.0f} ms")
    if os.environ.get("PACER_BENCH_MILLION", "1") != "0":
        million_import()


if __name__ == "__main__":
    main()
