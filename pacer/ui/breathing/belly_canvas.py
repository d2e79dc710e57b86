"""The belly-breathing picture: a calm side view of someone lying down, hands on chest and belly.

Only the belly moves: it rises on the in-breath and falls on the out-breath, while the
chest stays still. The still parts are painted once into a cache; each frame repaints
just the belly's rectangle, which keeps full-screen animation cheap.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
    QRadialGradient,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from pacer.core.breathing.scene import PacerScene, resting_scene
from pacer.ui.common.theme import DAY, Theme, mix

ASPECT = 2.3  # width / height of the figure's box
BELLY_RISE = 0.17  # of the box height, at a full in-breath
GLOW_RADIUS = 0.24


class _Geometry:
    """Where things go for one widget size; recomputed on resize only."""

    def __init__(self, rect: QRectF) -> None:
        width = min(rect.width(), rect.height() * ASPECT)
        height = width / ASPECT
        self.box = QRectF(
            rect.center().x() - width / 2, rect.center().y() - height / 2, width, height
        )
        self.w, self.h = width, height
        self.floor = self.box.top() + 0.8 * height
        self.belly_rect = self.rect_of(0.36, 0.74, -0.64, 0.02).toAlignedRect()

    def x(self, fraction: float) -> float:
        return self.box.left() + fraction * self.w

    def y(self, above_floor: float) -> float:
        return self.floor - above_floor * self.h

    def point(self, fx: float, fy: float) -> QPointF:
        return QPointF(self.x(fx), self.y(fy))

    def rect_of(self, x0: float, x1: float, y0: float, y1: float) -> QRectF:
        return QRectF(QPointF(self.x(x0), self.y(-y0)), QPointF(self.x(x1), self.y(-y1)))


def _still_body(g: _Geometry) -> QPainterPath:
    p = g.point
    path = QPainterPath(p(0.19, 0.0))
    path.cubicTo(p(0.19, 0.12), p(0.22, 0.2), p(0.27, 0.24))  # shoulder
    path.cubicTo(p(0.31, 0.27), p(0.38, 0.27), p(0.43, 0.22))  # chest: never moves
    path.lineTo(p(0.68, 0.18))  # flat belly, the moving hump is drawn over it
    path.cubicTo(p(0.72, 0.19), p(0.76, 0.3), p(0.8, 0.31))  # thigh up to a knee on a bolster
    path.cubicTo(p(0.84, 0.31), p(0.88, 0.18), p(0.93, 0.09))  # shin
    path.cubicTo(p(0.955, 0.09), p(0.965, 0.02), p(0.95, 0.0))  # foot
    path.closeSubpath()
    return path


def _belly(g: _Geometry, rise: float) -> QPainterPath:
    """The belly as a soft lens: its top is the skin line, which rises with the breath."""
    p = g.point
    top = 0.2 + BELLY_RISE * rise
    path = QPainterPath(p(0.43, 0.218))
    path.cubicTo(p(0.47, top + 0.01), p(0.5, top), p(0.555, top))
    path.cubicTo(p(0.61, top), p(0.65, top - 0.015), p(0.685, 0.18))
    path.cubicTo(p(0.62, 0.05), p(0.5, 0.05), p(0.43, 0.218))
    path.closeSubpath()
    return path


def _hand(centre: QPointF, g: _Geometry) -> QRectF:
    """A resting hand, its lower edge on the skin at ``centre``."""
    return QRectF(centre.x() - 0.04 * g.w, centre.y() - 0.05 * g.h, 0.08 * g.w, 0.065 * g.h)


class BellyCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(280, 140)
        self.setAccessibleName("Breathing picture")
        self.setAccessibleDescription(
            "A person lying down; the belly rises and falls with the breath."
        )
        self._theme = DAY
        self._scene = resting_scene()
        self._geometry = _Geometry(QRectF(self.rect()))
        self._cache: QPixmap | None = None

    def sizeHint(self) -> QSize:
        return QSize(640, 300)

    @property
    def scene(self) -> PacerScene:
        return self._scene

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._cache = None
        self.update()

    def set_scene(self, scene: PacerScene) -> None:
        if scene == self._scene:
            return
        self._scene = scene
        self.update(self._geometry.belly_rect)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._geometry = _Geometry(QRectF(self.rect()))
        self._cache = None
        super().resizeEvent(event)

    def _still_picture(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        theme, g = self._theme, self._geometry
        pixmap.fill(theme.background)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.floor)
        painter.drawRoundedRect(g.rect_of(0.03, 0.97, -0.005, 0.035), 0.02 * g.h, 0.02 * g.h)
        painter.drawRoundedRect(g.rect_of(0.04, 0.2, 0.05, 0.0), 0.03 * g.h, 0.03 * g.h)  # pillow
        painter.setBrush(theme.body)
        painter.drawEllipse(g.point(0.145, 0.15), 0.11 * g.h, 0.11 * g.h)  # head
        painter.drawPath(_still_body(g))
        painter.setBrush(theme.body.darker(112))
        painter.drawEllipse(_hand(g.point(0.335, 0.262), g))
        painter.end()
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._cache is None:
            self._cache = self._still_picture()
        painter = QPainter(self)
        painter.drawPixmap(QRectF(event.rect()), self._cache, self._source_rect(event))
        g, scene, theme = self._geometry, self._scene, self._theme
        painter.setClipRect(g.belly_rect)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        belly_colour = mix(theme.inhale, theme.exhale, scene.let_go)
        if scene.glow > 0.01:
            centre = g.point(0.555, 0.2 + BELLY_RISE * scene.rise)
            glow = QRadialGradient(centre, GLOW_RADIUS * g.h)  # fades out inside belly_rect
            halo = QColor(belly_colour)
            halo.setAlphaF(0.55 * scene.glow)
            glow.setColorAt(0.0, halo)
            glow.setColorAt(1.0, QColor(0, 0, 0, 0))
            painter.setBrush(glow)
            painter.drawRect(g.belly_rect)
        painter.setBrush(belly_colour)
        painter.drawPath(_belly(g, scene.rise))
        painter.setBrush(theme.body.darker(112))
        painter.drawEllipse(_hand(g.point(0.555, 0.2 + BELLY_RISE * scene.rise), g))
        painter.end()

    def _source_rect(self, event: QPaintEvent) -> QRectF:
        r = QRectF(event.rect())
        ratio = self._cache.devicePixelRatio() if self._cache else 1.0
        return QRectF(r.x() * ratio, r.y() * ratio, r.width() * ratio, r.height() * ratio)
