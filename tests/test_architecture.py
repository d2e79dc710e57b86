"""The core stays Qt-free: checked on the source and on what importing it loads."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pacer

PACKAGE_ROOT = Path(pacer.__file__).parent
CORE_ROOT = PACKAGE_ROOT / "core"
FORBIDDEN_IN_CORE = ("PySide6", "shiboken6", "pyqtgraph", "pacer.ui")
# Qt-free modules outside core; cli.py imports the window lazily and is checked at run time.
QT_FREE_OUTSIDE_CORE = (
    "paths.py",
    "identity.py",
    "resources.py",
    "desktop_entry.py",
    "bundle_runtime.py",
    "__init__.py",
)


def _imported_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _forbidden(names: set[str]) -> set[str]:
    return {n for n in names if any(n == f or n.startswith(f + ".") for f in FORBIDDEN_IN_CORE)}


def test_core_sources_never_import_qt():
    offenders = {}
    files = sorted(CORE_ROOT.rglob("*.py")) + [PACKAGE_ROOT / n for n in QT_FREE_OUTSIDE_CORE]
    for path in files:
        bad = _forbidden(_imported_names(path))
        if bad:
            offenders[str(path.relative_to(PACKAGE_ROOT))] = sorted(bad)
    assert not offenders, f"core modules import Qt: {offenders}"
    assert len(files) > 8, "the scan found suspiciously few core modules"


def test_the_checker_catches_a_qt_import(tmp_path):
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("from PySide6.QtCore import QTimer\nimport pyqtgraph as pg\n")
    assert _forbidden(_imported_names(sneaky)) == {"PySide6.QtCore", "pyqtgraph"}


def test_importing_every_core_module_loads_no_qt():
    modules = sorted(
        "pacer."
        + ".".join(p.relative_to(PACKAGE_ROOT).with_suffix("").parts).removesuffix(".__init__")
        for p in CORE_ROOT.rglob("*.py")
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "import pacer.cli, pacer.desktop_entry, pacer.bundle_runtime\n"
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
