"""A window's view of the figure: it receives exactly the rectangles the canvas repaints."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QImage, QRegion

from pacer.core.breathing.scene import PacerScene
from pacer.ui.breathing.belly_canvas import BellyCanvas
from pacer.ui.common.theme import Theme
from tests.support.reference_figure import (
    antialiasing_report,
    differs_only_by_antialiasing,
    render_reference,
)


class Screen:
    """The canvas's pixels as a window would hold them: only repainted rectangles change."""

    def __init__(self, canvas: BellyCanvas) -> None:
        self.canvas = canvas
        self.image = QImage(canvas.size(), QImage.Format.Format_RGB32)
        canvas.render(self.image)
        canvas.repainted.clear()

    def flush(self) -> list:
        rects = list(self.canvas.repainted)
        self.canvas.repainted.clear()
        if self.image.size() != self.canvas.size():  # Qt repaints a resized widget whole
            self.image = QImage(self.canvas.size(), QImage.Format.Format_RGB32)
            self.canvas.render(self.image)
            return rects
        for rect in rects:
            self.canvas.render(self.image, QPoint(rect.topLeft()), QRegion(rect))
        return rects


def assert_looks_signed_off(screen: Screen, scene: PacerScene, theme: Theme) -> None:
    """What the screen holds looks like the signed-off figure showing ``scene``."""
    expected = render_reference(screen.image.size(), scene, theme)
    assert differs_only_by_antialiasing(screen.image, expected), antialiasing_report(
        screen.image, expected
    )
