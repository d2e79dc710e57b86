"""Run every ``bench/bench_*.py`` module, each in its own process (Qt allows one app each).

python -m bench                      # all of them
python -m bench bench_pacer          # just the named ones
"""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main(argv: list[str]) -> int:
    wanted = set(argv)
    names = sorted(
        m.name
        for m in pkgutil.iter_modules([str(HERE)])
        if m.name.startswith("bench_") and (not wanted or m.name in wanted)
    )
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    status = 0
    for name in names:
        print(f"== {name}", flush=True)
        result = subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=HERE.parent, env=env)
        status = status or result.returncode
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
