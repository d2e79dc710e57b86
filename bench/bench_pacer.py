"""The practice surface against a bare QPainter reference and a CSS pacer in Chromium (issues 3, 15).

Every run gets its own Xvfb (1920×1080) with openbox, so the X server's CPU is attributable.
Cases, interleaved round by round so drifting machine load hits all alike:

- ``reference``: a bare breathing ellipse that repaints its whole window every 16 ms;
- ``breathe`` / ``relax``: the real ``pacer breathe`` / ``pacer relax``;
- ``chromium``: ``bench/css_pacer.html`` (a circle animated by CSS keyframes, 4 s in, 6 s out)
  in Chromium, counting every Chromium process; skipped with a message when it is absent;
- ``home``: plain ``pacer`` (start-up, and what an open window costs at rest);

each full screen and in a 900×600 window. For each: CPU seconds per second (the process,
the X server, both), resident memory, start to first frame; for Pacer also how often the
frame timer ticked and the figure was painted, how late a visible change of the figure
reached the screen (p99) and the largest jump between two painted frames, in half-pixel
steps of the belly, next to the most the belly moves in one display frame.

    python -m bench.bench_pacer [--seconds 20] [--rounds 3] [--cases breathe,reference]
                                [--python PATH]

Every process starts from compiled bytecode, as an installed app does. ``make test`` installs
Pacer editable: its import hook costs every Python process in that venv (the reference too)
about 15 ms at start. ``--python`` runs the processes with another interpreter, e.g. one whose
site-packages only point at the venv's (a ``.pth`` line), to measure start-up without it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH, HEIGHT = 1920, 1080
WINDOW = (900, 600)
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
CSS_PAGE = ROOT / "bench" / "css_pacer.html"
PYTHON = [sys.executable]  # the interpreter the measured processes run in (--python)
CHROMIUM_SETTLE = 6.0  # Chromium starts several processes; measure once it animates


@dataclass(frozen=True)
class Case:
    kind: str  # reference, breathe, relax, chromium, home
    window: tuple[int, int] | None  # None: full screen

    @property
    def name(self) -> str:
        size = "full" if self.window is None else "window"
        return f"{self.kind}/{size}"


def _start_display() -> tuple[subprocess.Popen, subprocess.Popen, str]:
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        [
            *("Xvfb", "-displayfd", str(write_fd)),
            *("-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"),
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


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _descendants(root: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _pss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_chromium(case: Case, seconds: float) -> dict:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    server, wm, display = _start_display()
    try:
        with tempfile.TemporaryDirectory(prefix="pacer-bench-chromium-") as profile:
            size = (
                ["--kiosk"]
                if case.window is None
                else [
                    f"--window-size={case.window[0]},{case.window[1]}",
                    "--app=" + CSS_PAGE.as_uri(),
                ]
            )
            browser = subprocess.Popen(
                [
                    chromium,
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    f"--user-data-dir={profile}",
                    # No network at all: no name resolves.
                    "--host-resolver-rules=MAP * ~NOTFOUND",
                    *size,
                    CSS_PAGE.as_uri(),
                ],
                env={**os.environ, "DISPLAY": display},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                time.sleep(CHROMIUM_SETTLE)
                before = {pid: _cpu_seconds(pid) for pid in _descendants(browser.pid)}
                server_before = _cpu_seconds(server.pid)
                start = time.monotonic()
                time.sleep(seconds)
                pids = _descendants(browser.pid)
                app = sum(_cpu_seconds(pid) - before.get(pid, 0.0) for pid in pids)
                wall = time.monotonic() - start
                result = {
                    "wall": wall,
                    "app_cpu": app,
                    "server_cpu": _cpu_seconds(server.pid) - server_before,
                    "memory_mib": sum(_pss_mib(pid) for pid in pids),
                    "processes": len(pids),
                }
            finally:
                os.killpg(browser.pid, signal.SIGTERM)
                try:
                    browser.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    os.killpg(browser.pid, signal.SIGKILL)
                    browser.wait()
            return result
    finally:
        wm.terminate()
        server.terminate()
        wm.wait(timeout=10)
        server.wait(timeout=10)


def _child_env(display: str) -> dict[str, str]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    # Start-up is measured as an installed app starts: from compiled bytecode.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_bytecode() -> None:
    subprocess.run(
        [PYTHON[0], "-m", "compileall", "-q", "pacer", "bench"],
        cwd=ROOT,
        env=_child_env(""),
        check=True,
        stdout=subprocess.DEVNULL,
    )


def returning_data_folder(folder: Path) -> Path:
    """A data folder as someone who has practised before has it: settings (the one-time
    welcome already read) and a practice log, so start-up is not a first run's."""
    from pacer.core.practice_log.store import PracticeLog

    folder.mkdir(mode=0o700)
    (folder / "settings.ini").write_text("[preferences]\nwelcome_seen=true\n")
    PracticeLog.open(folder).close()
    return folder


def run_probe(case: Case, seconds: float) -> dict:
    server, wm, display = _start_display()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp) / "report.json"
            data_dir = returning_data_folder(Path(tmp) / "pacer")
            env = _child_env(display)
            env["PACER_BENCH_T0"] = repr(time.time())
            window = [] if case.window is None else ["--window", "x".join(map(str, case.window))]
            subprocess.run(
                [
                    *(PYTHON[0], "-m", "bench.pacer_probe", case.kind, *window),
                    *("--seconds", str(seconds), "--server-pid", str(server.pid)),
                    *("--report", str(report), "--data-dir", str(data_dir)),
                ],
                cwd=ROOT,
                env=env,
                check=True,
                timeout=seconds + 90,
            )
            result = json.loads(report.read_text())
            result["memory_mib"] = result.pop("rss_mib")
            return result
    finally:
        wm.terminate()
        server.terminate()
        wm.wait(timeout=10)
        server.wait(timeout=10)


def _p99(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, round(0.99 * (len(values) - 1)))] if values else 0.0


def _peak_rate(times: list[float], window: float = 0.25) -> float:
    """The most frames in any quarter second, per second."""
    best, lo = 0, 0
    for hi, t in enumerate(times):
        while t - times[lo] > window:
            lo += 1
        best = max(best, hi - lo + 1)
    return best / window


def summarise(result: dict) -> dict:
    wall = result["wall"]
    row = {
        "cpu_per_s": (result["app_cpu"] + result["server_cpu"]) / wall,
        "app_cpu_per_s": result["app_cpu"] / wall,
        "server_cpu_per_s": result["server_cpu"] / wall,
        "memory_mib": result["memory_mib"],
    }
    if "startup_to_first_frame" in result:
        row["startup_s"] = result["startup_to_first_frame"]
    frames, ticks = result.get("frames"), result.get("ticks")
    if frames is not None:
        row["paints_per_s"] = len(frames) / wall
        row["peak_paints_per_s"] = _peak_rate(frames)
        row["ticks_per_s"] = len(ticks) / wall
        intervals = [(b - a) * 1000 for a, b in itertools.pairwise(ticks)]
        row["tick_p99_ms"] = _p99(intervals)
    if result.get("late"):
        row["late_p99_ms"] = _p99([s * 1000 for s in result["late"]])
        row["largest_step"] = max(result["jumps"])
        row["fastest_step_per_frame"] = result["fastest_step_per_frame"]
    return row


def _cases(names: set[str] | None) -> list[Case]:
    cases = []
    for window in (None, WINDOW):
        for kind in ("reference", "breathe", "relax", "chromium", "home"):
            if kind == "home" and window is None:
                continue  # plain ``pacer`` opens its window; it has no full-screen start
            case = Case(kind, window)
            if names is None or case.kind in names or case.name in names:
                cases.append(case)
    return cases


def _fmt(value: float | None, spec: str, unit: str = "") -> str:
    width = int(spec.split(".")[0])
    return "—".rjust(width + len(unit)) if value is None else format(value, spec) + unit


def report(medians: dict[str, dict], seconds: float, rounds: int) -> None:
    print(
        f"screen {WIDTH}x{HEIGHT}, window {WINDOW[0]}x{WINDOW[1]}; {seconds:g} s x {rounds} rounds, medians"
    )
    header = (
        f"{'':18}{'CPU-s/s':>8}{'own':>7}{'X':>7}{'MiB':>6}{'start':>7}"
        f"{'ticks/s':>8}{'paints/s':>9}{'peak':>6}{'p99 tick':>9}{'p99 late':>9}{'step':>9}"
    )
    print(header)
    for name, m in medians.items():
        step = (
            f"{m['largest_step']:.0f}/{m['fastest_step_per_frame']:.0f}"
            if "largest_step" in m
            else "—"
        )
        print(
            f"{name:18}{m['cpu_per_s']:8.3f}{m['app_cpu_per_s']:7.3f}{m['server_cpu_per_s']:7.3f}"
            f"{m['memory_mib']:6.0f}{_fmt(m.get('startup_s'), '6.2f', 's')}"
            f"{_fmt(m.get('ticks_per_s'), '8.1f')}{_fmt(m.get('paints_per_s'), '9.1f')}"
            f"{_fmt(m.get('peak_paints_per_s'), '6.0f')}"
            f"{_fmt(m.get('tick_p99_ms'), '7.1f', 'ms')}{_fmt(m.get('late_p99_ms'), '7.1f', 'ms')}"
            f"{step:>9}"
        )
    print("step: largest jump between two painted frames / most the belly moves in one")
    print("display frame (half-pixel steps); late: visible change due → painted")
    print()
    for size in ("full", "window"):
        ref = medians.get(f"reference/{size}")
        browser = medians.get(f"chromium/{size}")
        for kind in ("breathe", "relax"):
            m = medians.get(f"{kind}/{size}")
            if m is None or ref is None:
                continue
            line = (
                f"{kind}/{size}: all {m['cpu_per_s'] / ref['cpu_per_s']:.2f}x reference (aim <= 0.5), "
                f"own {m['app_cpu_per_s'] / ref['app_cpu_per_s']:.2f}x (aim <= 0.7)"
            )
            if browser is not None:
                line += f", {m['cpu_per_s'] / browser['cpu_per_s']:.2f}x Chromium (aim < 1)"
            line += f", memory {m['memory_mib'] / ref['memory_mib']:.2f}x"
            line += f", start {m['startup_s'] / ref['startup_s']:.2f}x (aim <= 1.3)"
            print(line)
    home, breathe = medians.get("home/window"), medians.get("breathe/window")
    ref = medians.get("reference/window")
    if home is not None and ref is not None:
        line = f"home/window: start {home['startup_s'] / ref['startup_s']:.2f}x reference"
        if breathe is not None:
            line += f", {home['startup_s'] / breathe['startup_s']:.2f}x pacer breathe (aim <= 1)"
        print(line)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--cases", help="comma-separated kinds or names (e.g. breathe,reference/full)"
    )
    parser.add_argument("--json", type=Path, help="also write the medians here")
    parser.add_argument("--python", help="interpreter for the measured processes")
    args = parser.parse_args(argv if argv is not None else [])
    if args.python:
        PYTHON[0] = args.python
    cases = _cases(set(args.cases.split(",")) if args.cases else None)
    if any(case.kind == "chromium" for case in cases) and not (
        shutil.which("chromium") or shutil.which("chromium-browser")
    ):
        print("chromium is not installed: the CSS pacer comparison is skipped")
        cases = [case for case in cases if case.kind != "chromium"]
    compile_bytecode()
    rows: dict[str, list[dict]] = {case.name: [] for case in cases}
    for _ in range(args.rounds):
        for case in cases:
            run = run_chromium if case.kind == "chromium" else run_probe
            rows[case.name].append(summarise(run(case, args.seconds)))
    medians = {
        name: {key: statistics.median(r[key] for r in results) for key in results[0]}
        for name, results in rows.items()
    }
    report(medians, args.seconds, args.rounds)
    if args.json is not None:
        args.json.write_text(json.dumps(medians, indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
