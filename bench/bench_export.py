"""Export and import with 10,000 sessions: CSV, JSON, PDF, reading a JSON export, merging.

Figures are printed (medians), never asserted. Run: ``python -m bench.bench_export``.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from bench.bench_history import synthetic_sessions
from pacer.core.export.csv_export import csv_bytes
from pacer.core.export.json_format import json_bytes, parse_log
from pacer.core.export.service import ExportData
from pacer.core.practice_log.store import PracticeLog

SESSIONS = 10_000


def _median_ms(action, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    records, rest = synthetic_sessions(SESSIONS, date(2026, 3, 31))
    records.sort(key=lambda r: r.started_at)
    now = datetime.now().astimezone()
    data = ExportData(tuple(records), tuple(sorted(rest)), None, None, now)
    payload = json_bytes(data.sessions, data.rest_days, now)
    print(f"sessions: {len(records)}")
    print(f"CSV encode: {_median_ms(lambda: csv_bytes(data.sessions)):.0f} ms")
    print(
        f"JSON encode: {_median_ms(lambda: json_bytes(data.sessions, data.rest_days, now)):.0f} ms"
    )
    print(f"JSON read + check: {_median_ms(lambda: parse_log(payload)):.0f} ms")

    from pacer.ui.export.pdf_report import ensure_gui_application, render_pdf

    ensure_gui_application(offscreen=True)
    pdf = render_pdf(data)
    print(
        f"PDF render (two passes): {_median_ms(lambda: render_pdf(data), 3):.0f} ms, "
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


if __name__ == "__main__":
    main()
