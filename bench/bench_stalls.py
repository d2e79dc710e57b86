"""Does the window keep breathing while the log is exported or imported? (issue 15)

Exports of 10,000 sessions with check-ins (CSV, JSON and the clinician's PDF) through the
real export dialog, and an import of the same sessions as JSON through the real import path
(worker thread, progress dialog), while a watchdog on the window's thread measures the
longest time its event loop could not run. Figures are printed (medians; the stall is the
worst of the rounds), never asserted. Run: ``python -m bench bench_stalls``.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from bench.bench_export import with_check_ins
from bench.bench_history import report, synthetic_sessions
from bench.watchdog import Watchdog, spin
from pacer.core.export.json_format import write_log_json
from pacer.core.export.service import ExportFormat
from pacer.core.practice_log.store import PracticeLog

SESSIONS = 10_000
ROUNDS = 3
TODAY = date(2026, 3, 31)


def export_once(log: PracticeLog, fmt: ExportFormat, folder: Path) -> tuple[float, float]:
    """Milliseconds from Save to the dialog's result, and the longest stall meanwhile."""
    from PySide6.QtCore import QEventLoop

    from pacer.ui.export.dialogs import ExportDialog

    dialog = ExportDialog(log, folder, today=TODAY, default_folder=folder)
    dialog.set_format(fmt)
    dialog.path_edit.setText(str(folder / f"export.{fmt.value}"))
    dialog.show()
    spin(50)
    loop = QEventLoop()
    saved: list[bool] = []
    dialog.attempted.connect(lambda ok: (saved.append(ok), loop.quit()))
    watchdog = Watchdog()
    watchdog.start()
    start = time.perf_counter()
    if dialog.export():
        loop.exec()
    elapsed = (time.perf_counter() - start) * 1000
    spin(20)
    stall = watchdog.stop()
    if saved != [True]:
        raise SystemExit(f"the {fmt.value} export did not save: {dialog.message.text()}")
    dialog.close()
    dialog.deleteLater()
    spin(10)
    return elapsed, stall


def import_once(folder: Path, source: Path, *, duplicates: bool) -> tuple[float, float]:
    """Milliseconds for an import into an empty log (or one that has every session
    already), and the longest stall meanwhile."""
    from pacer.ui.export.dialogs import import_in_background

    target = folder / ("full" if duplicates else f"empty-{time.monotonic_ns()}")
    with PracticeLog.open(target) as log:
        watchdog = Watchdog()
        watchdog.start()
        start = time.perf_counter()
        outcome = import_in_background(None, log, source)
        elapsed = (time.perf_counter() - start) * 1000
        spin(20)
        stall = watchdog.stop()
    if not outcome.imported and not duplicates:
        raise SystemExit(f"the import did not happen: {outcome.message}")
    return elapsed, stall


def rounds(action) -> tuple[float, float]:
    results = [action() for _ in range(ROUNDS)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def main() -> None:
    from pacer.ui.application import get_application

    records, rest = synthetic_sessions(SESSIONS, TODAY)
    records = with_check_ins(sorted(records, key=lambda r: r.started_at))
    print(f"  {len(records)} sessions with check-ins; {ROUNDS} rounds, median time, worst stall")
    get_application()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with PracticeLog.open(folder / "full") as log:
            log.merge(records, rest)
            spin(50)  # let the first show of anything settle before measuring
            for fmt in (ExportFormat.CSV, ExportFormat.JSON, ExportFormat.PDF):
                elapsed, stall = rounds(lambda fmt=fmt: export_once(log, fmt, folder))
                report(f"export as {fmt.value.upper()} through the dialog", elapsed)
                report("  longest event-loop stall meanwhile", stall, 100)
        source = folder / "sessions.json"
        with source.open("wb") as handle:
            write_log_json(handle, records, sorted(rest), datetime.now().astimezone())
        elapsed, stall = rounds(lambda: import_once(folder, source, duplicates=False))
        report("import into an empty log", elapsed)
        report("  longest event-loop stall meanwhile", stall, 100)
        elapsed, stall = rounds(lambda: import_once(folder, source, duplicates=True))
        report("import of sessions the log already has", elapsed)
        report("  longest event-loop stall meanwhile", stall, 100)


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    main()
