"""Opening Pacer to practise loads nothing the first frame does not need (issue 15).

numpy (history charts, sound), pyqtgraph (charts), sounddevice (sound) and uuid (it loads
``platform``) each cost tens of milliseconds to load; they come later, when first used.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFERRED = (
    *("numpy", "pyqtgraph", "sounddevice", "uuid", "platform", "asyncio", "statistics"),
    # The other sub-commands and what they need: only the command asked for is imported.
    *(f"pacer.commands.{name}" for name in ("relax", "trainer", "render_audio", "export")),
    *("pacer.commands.import_log", "pacer.commands.reminders", "pacer.core.export.exporting"),
)

CODE = """
import sys, tempfile
from pathlib import Path
from pacer.cli import build_parser
args = build_parser().parse_args(["breathe", "--fullscreen", "--minutes", "1"])
from pacer.commands.options import plan_from_args
from pacer.ui.application import get_application
from pacer.ui.launch import LaunchRequest, open_window
app = get_application()
folder = Path(tempfile.mkdtemp())
(folder / "settings.ini").write_text("[preferences]\\nwelcome_seen=true\\n")
window = open_window(LaunchRequest(data_dir=folder, fullscreen=True, sound=False,
                                   breathing=plan_from_args(build_parser(), args)))
app.processEvents()
assert window.breathing.is_active
print(",".join(sorted(m for m in {deferred!r} if m in sys.modules)))
window.close()
"""


def test_starting_a_practice_loads_none_of_the_slow_modules():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", CODE.format(deferred=DEFERRED)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
