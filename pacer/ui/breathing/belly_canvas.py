"""The belly-breathing picture: someone lying on their back, one hand on the chest, one on the belly.

Only the belly moves: it rises on the in-breath and falls on the out-breath while the chest
stays still. The shape itself is described in :mod:`pacer.core.breathing.figure`; this
widget only turns it into pixels.

Cheap to animate on a laptop at someone's feet: the still parts are painted once into a
cached picture, a frame is repainted only when the belly has moved by a visible amount,
and then only the band the belly, its hand and its glow can occupy.
"""

from __future__ import annotations

import random

from PySide6.QtCore import QEasingCurve, QPointF, QRect, QRectF, QSize, Qt, QVariantAnimation
from PySide6.QtGui import (
    QColor,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from pacer.core.breathing import figure
from pacer.core.breathing.scene import PacerScene, resting_scene
from pacer.ui.common.theme import DAY, Theme, mix

GLOW_STRENGTH = 0.5  # alpha of the glow's centre at full brightness
GLOW_SPRITE = 160  # pixels across the glow's alpha mask before it is scaled
SETTLE_SECONDS = 2.5  # the belly comes to rest slowly when a session ends
LET_GO_STEPS = 48  # colour blends in this many steps: smooth, and few repaints


def _glow_mask(size: int) -> QImage:
    """A soft round alpha mask, dithered so its gentle slope shows no rings when scaled."""
    rng = random.Random(7)  # the same grain every time: frames compare equal
    centre = (size - 1) / 2
    data = bytearray(size * size)
    for y in range(size):
        dy = (y - centre) / centre
        row = y * size
        for x in range(size):
            dx = (x - centre) / centre
            d2 = dx * dx + dy * dy
            if d2 < 1.0:
                falloff = (1.0 - d2) ** 2  # smooth to zero at the edge
                data[row + x] = min(255, int(falloff * 255 + rng.random()))
    return QImage(bytes(data), size, size, size, QImage.Format.Format_Alpha8).copy()


class _Geometry:
    """Figure units → widget pixels for one widget size; recomputed on resize only."""

    def __init__(self, rect: QRectF) -> None:
        unit = min(rect.height(), rect.width() / figure.ASPECT)
        self.unit = unit
        self.left = rect.center().x() - unit * figure.ASPECT / 2
        self.bottom = rect.center().y() + unit / 2
        x0, y0, x1, y1 = figure.belly_band()
        self.band = self.rect_of(x0, y0, x1, y1).toAlignedRect().adjusted(-2, -2, 2, 2)
        self.rise_pixels = max(figure.BELLY_RISE * unit, 1.0)

    def point(self, p: figure.Point) -> QPointF:
        return QPointF(self.left + p[0] * self.unit, self.bottom - p[1] * self.unit)

    def rect_of(self, x0: float, y0: float, x1: float, y1: float) -> QRectF:
        return QRectF(self.point((x0, y1)), self.point((x1, y0)))

    def path(self, outline: figure.Outline) -> QPainterPath:
        path = QPainterPath(self.point(outline.start))
        for seg in outline.segments:
            path.cubicTo(self.point(seg.c1), self.point(seg.c2), self.point(seg.end))
        path.closeSubpath()
        return path

    def hand(self, centre: figure.Point) -> QRectF:
        w, h = figure.HAND_SIZE
        x, y = centre
        return self.rect_of(x - w / 2, y - h * 0.35, x + w / 2, y + h * 0.65)


class BellyCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 100)
        self.setAccessibleName("Breathing picture")
        self.setAccessibleDescription(
            "A person lying on their back, one hand on the chest and one on the belly; "
            "the belly rises and falls with the breath."
        )
        self._theme = DAY
        self._scene = resting_scene()
        self._drawn: tuple[int, int, int] | None = None  # what the last frame showed
        self._geometry = _Geometry(QRectF(self.rect()))
        self._cache: QPixmap | None = None
        self._glow_mask: QImage | None = None
        self._glow: dict[tuple[int, int], QPixmap] = {}
        self._settling: QVariantAnimation | None = None
        self.repainted: list[QRect] = []  # the rectangles asked for (tests, benchmarks)

    def sizeHint(self) -> QSize:
        return QSize(640, 250)

    @property
    def scene(self) -> PacerScene:
        return self._scene

    @property
    def band(self) -> QRect:
        """Everything that moves stays inside this rectangle."""
        return QRect(self._geometry.band)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._cache = None
        self._glow.clear()
        self._drawn = None
        self.update()

    def visible_state(self, scene: PacerScene) -> tuple[int, int, int]:
        """What a frame would show, in whole steps a person could see change."""
        rise = round(scene.rise * self._geometry.rise_pixels * 2)  # half-pixel steps
        glow = round(scene.glow * 64)
        return rise, glow, round(scene.let_go * LET_GO_STEPS)

    def set_scene(self, scene: PacerScene) -> None:
        if scene == self._scene:
            return
        self._scene = scene
        if self.visible_state(scene) != self._drawn:
            band = self._geometry.band
            self.repainted.append(QRect(band))
            self.update(band)

    def settle_from(self, scene: PacerScene, seconds: float = SETTLE_SECONDS) -> None:
        """Let the belly sink slowly from ``scene`` to rest, instead of jumping there."""
        if self._settling is not None:
            self._settling.stop()
        animation = QVariantAnimation(self)
        animation.setStartValue(0.0)
        animation.setEndValue(1.0)
        animation.setDuration(round(seconds * 1000))
        animation.setEasingCurve(QEasingCurve.Type.InOutSine)

        def step(value: object) -> None:
            t = float(value)  # type: ignore[arg-type]
            self.set_scene(
                PacerScene(
                    scene.rise * (1 - t),
                    scene.glow * (1 - t),
                    scene.let_go + (1 - scene.let_go) * t,
                    scene.phase,
                )
            )

        animation.valueChanged.connect(step)
        animation.finished.connect(lambda: setattr(self, "_settling", None))
        self._settling = animation
        step(0.0)
        animation.start()

    @property
    def settling(self) -> bool:
        return self._settling is not None

    def stop_settling(self) -> None:
        if self._settling is not None:
            self._settling.stop()
            self._settling = None

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._geometry = _Geometry(QRectF(self.rect()))
        self._cache = None
        self._glow.clear()
        self._drawn = None
        super().resizeEvent(event)

    # -- painting -------------------------------------------------------------------------
    def _still_picture(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        theme, g = self._theme, self._geometry
        pixmap.fill(theme.background)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        radius = 0.04 * g.unit
        painter.setBrush(theme.floor)
        painter.drawRoundedRect(g.rect_of(*figure.MAT), radius, radius)
        painter.setBrush(mix(theme.floor, theme.body, 0.45))
        painter.drawRoundedRect(g.rect_of(*figure.PILLOW), 2 * radius, 2 * radius)
        painter.drawEllipse(
            g.point(figure.BOLSTER_CENTRE),
            figure.BOLSTER_RADIUS * g.unit,
            figure.BOLSTER_RADIUS * g.unit,
        )
        painter.setBrush(theme.body)
        painter.drawPath(g.path(figure.BODY))
        painter.drawEllipse(
            g.point(figure.HEAD_CENTRE), figure.HEAD_RADIUS * g.unit, figure.HEAD_RADIUS * g.unit
        )
        self._draw_arm(painter, (figure.BELLY_SHOULDER, figure.BELLY_ELBOW), hand=False)
        painter.setBrush(self._limb_colour())
        painter.drawEllipse(g.hand(figure.CHEST_HAND))
        painter.end()
        return pixmap

    def _limb_colour(self) -> QColor:
        return self._theme.body.darker(112)

    def _draw_arm(
        self, painter: QPainter, joints: tuple[figure.Point, ...], *, hand: bool = True
    ) -> None:
        g = self._geometry
        pen = QPen(self._limb_colour(), figure.ARM_WIDTH * g.unit)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        path = QPainterPath(g.point(joints[0]))
        for joint in joints[1:-1]:
            path.lineTo(g.point(joint))
        path.lineTo(g.point(joints[-1]))
        painter.drawPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        if hand:
            painter.setBrush(self._limb_colour())
            painter.drawEllipse(g.hand(joints[-1]))

    def _glow_pixmap(self, colour: QColor, diameter: int) -> QPixmap:
        key = (colour.rgb(), diameter)
        cached = self._glow.get(key)
        if cached is not None:
            return cached
        if self._glow_mask is None:
            self._glow_mask = _glow_mask(GLOW_SPRITE)
        image = QImage(diameter, diameter, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(colour)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        painter.drawImage(QRect(0, 0, diameter, diameter), self._glow_mask)
        painter.end()
        if len(self._glow) > 2 * LET_GO_STEPS + 4:
            self._glow.clear()
        pixmap = QPixmap.fromImage(image)
        self._glow[key] = pixmap
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._cache is None:
            self._cache = self._still_picture()
        painter = QPainter(self)
        ratio = self._cache.devicePixelRatio()
        target = QRectF(event.rect())
        source = QRectF(
            target.x() * ratio, target.y() * ratio, target.width() * ratio, target.height() * ratio
        )
        painter.drawPixmap(target, self._cache, source)
        g, scene, theme = self._geometry, self._scene, self._theme
        painter.setClipRect(g.band)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        steps = round(scene.let_go * LET_GO_STEPS)
        belly_colour = mix(theme.inhale, theme.exhale, steps / LET_GO_STEPS)
        hand = figure.belly_hand(scene.rise)
        if scene.glow > 0.01:
            diameter = max(round(2 * figure.GLOW_RADIUS * g.unit), 8)
            glow = self._glow_pixmap(belly_colour, diameter)
            centre = g.point(hand)
            painter.setOpacity(min(GLOW_STRENGTH * scene.glow / 0.35, 1.0))
            painter.drawPixmap(
                QPointF(centre.x() - diameter / 2, centre.y() - diameter / 2 + 0.05 * g.unit),
                glow,
            )
            painter.setOpacity(1.0)
        # The tint is strongest at the skin and fades into the body: no hard lower edge.
        shape = g.path(figure.belly_shape(scene.rise))
        bounds = shape.boundingRect()
        fade = QLinearGradient(bounds.topLeft(), bounds.bottomLeft())
        fade.setColorAt(0.0, belly_colour)
        fade.setColorAt(0.45, belly_colour)
        fade.setColorAt(1.0, mix(belly_colour, theme.body, 1.0))
        painter.setBrush(fade)
        painter.drawPath(shape)
        self._draw_arm(painter, (figure.BELLY_ELBOW, hand))
        painter.end()
        self._drawn = self.visible_state(scene)
