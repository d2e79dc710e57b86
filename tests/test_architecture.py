"""The drawing of the house holds: layers and Qt-free parts, checked by import-linter.

The contracts live in pyproject.toml ([tool.importlinter]); `make test` runs `lint-imports`
before the suite, and these tests run it too, show that it catches a broken rule, and check
at run time that importing the core loads no Qt.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pacer

PACKAGE_ROOT = Path(pacer.__file__).parent
CORE_ROOT = PACKAGE_ROOT / "core"


def _lint_imports() -> str:
    found = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    if not Path(found).exists():
        pytest.fail("lint-imports is missing: it comes with the test extra (import-linter)")
    return found


def test_the_layer_contracts_are_kept():
    result = subprocess.run(
        [_lint_imports()], capture_output=True, text=True, cwd=PACKAGE_ROOT.parent
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_the_contracts_catch_qt_in_the_core_and_a_window_that_calls_a_command(tmp_path):
    package = tmp_path / "pacer"
    for part in ("", "core", "ui", "commands"):
        (package / part).mkdir(parents=True, exist_ok=True)
        (package / part / "__init__.py").write_text("")
    (package / "cli.py").write_text("")
    (package / "core" / "sneaky.py").write_text("from PySide6.QtCore import QTimer\n")
    (package / "ui" / "dialog.py").write_text("def run():\n    from pacer.commands import export\n")
    (package / "commands" / "export.py").write_text("")
    config = (PACKAGE_ROOT.parent / "pyproject.toml").read_text(encoding="utf-8")
    contracts = config[config.index("[tool.importlinter]") : config.index("[tool.ruff]")]
    (tmp_path / "pyproject.toml").write_text(contracts)
    for name in ("paths", "identity", "resources", "desktop_entry"):
        (package / f"{name}.py").write_text("")
    (package / "bundle_runtime.py").write_text("def check():\n    import pacer.commands\n")
    result = subprocess.run(
        [_lint_imports()],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": str(Path(sys.executable).parent)},
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "pacer.core.sneaky -> PySide6" in result.stdout
    assert "pacer.ui.dialog -> pacer.commands" in result.stdout


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        "pacer."
        + ".".join(p.relative_to(PACKAGE_ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE_ROOT.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import pacer.cli, pacer.desktop_entry, pacer.bundle_runtime, pacer.paths\n"
        "import pacer.identity, pacer.resources\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6','shiboken6','pyqtgraph'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE_ROOT.parent,
    )
    assert result.stdout.strip() == ""
    assert len(modules) > 20, "suspiciously few core modules were imported"
