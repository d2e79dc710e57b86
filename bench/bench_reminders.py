"""The reminder waiting process at rest: CPU time over 60 s idle and resident memory.

Starts the real ``pacer reminders --run`` with a reminder set far from now, lets it settle,
then reads its CPU time (user + system, from /proc) across 60 idle seconds and its
resident set size. Figures are printed, never asserted. Linux only.
Run: ``python -m bench.bench_reminders`` (``BENCH_IDLE_SECONDS`` shortens the wait).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "60"))
SETTLE_SECONDS = 3.0
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def main() -> None:
    if not sys.platform.startswith("linux"):
        print("bench_reminders reads /proc: Linux only")
        return
    away = (datetime.now() + timedelta(hours=6)).strftime("%H:%M")
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        (data).mkdir(mode=0o700)
        (data / "settings.ini").write_text(
            f"[preferences]\nreminders=true\nreminder_times={away}\nreminder_days=daily\n"
        )
        env = {**os.environ, "XDG_CONFIG_HOME": str(Path(folder) / "config")}
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "pacer", "--data-dir", str(data), "reminders", "--run"],
            env=env,
        )
        try:
            lock = data / "reminders.lock"
            while not (lock.exists() and lock.read_text().strip()):
                time.sleep(0.01)
            ready = time.perf_counter() - started
            time.sleep(SETTLE_SECONDS)
            before = _cpu_seconds(proc.pid)
            time.sleep(IDLE_SECONDS)
            after = _cpu_seconds(proc.pid)
            rss = _status_kib(proc.pid, "VmRSS")
            high = _status_kib(proc.pid, "VmHWM")
            start_cpu = before
        finally:
            proc.send_signal(signal.SIGTERM)
            status = proc.wait(timeout=10)
    print(f"waiting process holds its lock after: {ready * 1000:.0f} ms")
    print(f"CPU time to start (user+system): {start_cpu * 1000:.0f} ms")
    print(
        f"CPU time over {IDLE_SECONDS:.0f} s idle: {(after - before) * 1000:.0f} ms "
        f"(clock ticks are {1000 / TICKS:.0f} ms)"
    )
    print(f"resident memory: {rss / 1024:.1f} MiB (peak {high / 1024:.1f} MiB)")
    print(f"exit status after SIGTERM: {status}")


if __name__ == "__main__":
    main()
