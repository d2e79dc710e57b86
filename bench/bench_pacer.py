"""Full-screen pacer at 1920×1080 on Xvfb versus a bare QPainter ellipse (issue 3).

For each: frames painted per second, frame-interval median and p99, CPU seconds per second
of animation (the process plus the X server), and process start to first painted frame.
Each process gets its own Xvfb + openbox so the server's CPU is attributable.

    python -m bench.bench_pacer [--seconds 20] [--rounds 3]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1920, 1080


def _start_display() -> tuple[subprocess.Popen, subprocess.Popen, str]:
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_fd),
            "-screen",
            "0",
            f"{WIDTH}x{HEIGHT}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = ":" + pipe.readline().strip()
    wm = subprocess.Popen(
        ["openbox"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(0.7)
    return server, wm, display


def run_once(mode: str, seconds: float) -> dict:
    server, wm, display = _start_display()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
            env["PACER_BENCH_T0"] = repr(time.time())
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "bench.pacer_probe",
                    mode,
                    "--seconds",
                    str(seconds),
                    "--server-pid",
                    str(server.pid),
                    "--report",
                    str(report),
                ],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=seconds + 60,
            )
            return json.loads(report.read_text())
    finally:
        wm.terminate()
        server.terminate()
        wm.wait(timeout=10)
        server.wait(timeout=10)


def summarise(result: dict) -> dict:
    frames = result["frames"]
    intervals = sorted((b - a) * 1000 for a, b in itertools.pairwise(frames))
    p99 = intervals[min(len(intervals) - 1, round(0.99 * (len(intervals) - 1)))]
    return {
        "fps": len(frames) / result["wall"],
        "median_ms": statistics.median(intervals),
        "p99_ms": p99,
        "cpu_per_s": (result["app_cpu"] + result["server_cpu"]) / result["wall"],
        "app_cpu_per_s": result["app_cpu"] / result["wall"],
        "startup_s": result["startup_to_first_paint"],
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv if argv is not None else [])
    rows: dict[str, list[dict]] = {"reference": [], "pacer": []}
    for _ in range(args.rounds):
        for mode in rows:  # interleaved, so drifting machine load hits both alike
            rows[mode].append(summarise(run_once(mode, args.seconds)))
    medians = {
        mode: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for mode, results in rows.items()
    }
    print(f"full screen {WIDTH}x{HEIGHT}, {args.seconds:g} s x {args.rounds} rounds (medians)")
    print(
        f"{'':10} {'fps':>6} {'median':>8} {'p99':>8} {'CPU-s/s':>8} {'app only':>9} {'start':>7}"
    )
    for mode, m in medians.items():
        print(
            f"{mode:10} {m['fps']:6.1f} {m['median_ms']:6.1f}ms {m['p99_ms']:6.1f}ms "
            f"{m['cpu_per_s']:8.3f} {m['app_cpu_per_s']:9.3f} {m['startup_s']:6.2f}s"
        )
    pacer, ref = medians["pacer"], medians["reference"]
    print(f"CPU ratio pacer/reference: {pacer['cpu_per_s'] / ref['cpu_per_s']:.2f}x")
    print(f"start-up ratio pacer/reference: {pacer['startup_s'] / ref['startup_s']:.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
