"""Guards against a Qt-binding release that corrupts Python's reference counts.

PySide6 6.12.0 on Python 3.11 released a reference to ``None`` on every call of a void
C++ method; an animated view makes thousands of such calls a minute and the interpreter
aborts. Pacer caps the version in pyproject.toml; this test tells us when a release is safe.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None is immortal from Python 3.12 (PEP 683): its reference count never changes, "
    "so a lost reference cannot be seen here (and cannot crash the app either)",
)
def test_void_painter_calls_keep_none_reference_count(qapp):
    pixmap = QPixmap(16, 16)
    painter = QPainter(pixmap)
    before = sys.getrefcount(None)
    for _ in range(200):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(10, 20, 30))
        painter.drawRect(QRect(0, 0, 4, 4))
    after = sys.getrefcount(None)
    painter.end()
    assert after - before > -50, f"the Qt binding dropped {before - after} references to None"
