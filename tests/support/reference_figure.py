"""The figure as it was drawn before the canvas learned to cache (issue 15), kept as an oracle.

A plain, whole-picture render of one :class:`PacerScene` with the drawing code the canvas had
when its look was signed off: the still picture, the glow, the tinted belly with its fading
gradient and the arm with its hand, all from the continuous scene values. The canvas may
paint in any clever way it likes, but what ends up on screen must match this render at the
same clock time up to anti-aliasing (:func:`differs_only_by_antialiasing`).
"""

from __future__ import annotations

import random

import numpy as np
from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QLinearGradient, QPainter, QPainterPath, QPen

from pacer.core.breathing import figure
from pacer.core.breathing.scene import PacerScene
from pacer.ui.common.theme import Theme, mix

GLOW_STRENGTH = 0.5
GLOW_SPRITE = 160
LET_GO_STEPS = 48


def _glow_mask(size: int) -> QImage:
    rng = random.Random(7)
    centre = (size - 1) / 2
    data = bytearray(size * size)
    for y in range(size):
        dy = (y - centre) / centre
        row = y * size
        for x in range(size):
            dx = (x - centre) / centre
            d2 = dx * dx + dy * dy
            if d2 < 1.0:
                falloff = (1.0 - d2) ** 2
                data[row + x] = min(255, int(falloff * 255 + rng.random()))
    return QImage(bytes(data), size, size, size, QImage.Format.Format_Alpha8).copy()


def _belly_hand(rise: float) -> figure.Point:
    pts = figure.belly_top(rise).points(64)
    best = min(pts, key=lambda p: abs(p[0] - figure.BELLY_HAND_X))
    return (figure.BELLY_HAND_X, best[1])


class _Geometry:
    def __init__(self, rect: QRectF) -> None:
        unit = min(rect.height(), rect.width() / figure.ASPECT)
        self.unit = unit
        self.left = rect.center().x() - unit * figure.ASPECT / 2
        self.bottom = rect.center().y() + unit / 2
        x0, y0, x1, y1 = figure.belly_band()
        self.band = self.rect_of(x0, y0, x1, y1).toAlignedRect().adjusted(-2, -2, 2, 2)

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


def _draw_arm(painter: QPainter, g: _Geometry, theme: Theme, joints, *, hand: bool = True) -> None:
    limb = theme.body.darker(112)
    pen = QPen(limb, figure.ARM_WIDTH * g.unit)
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
        painter.setBrush(limb)
        painter.drawEllipse(g.hand(joints[-1]))


def render_reference(size: QSize, scene: PacerScene, theme: Theme) -> QImage:
    """The whole canvas of ``size`` showing ``scene``, drawn the way the signed-off canvas did."""
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(theme.background)
    g = _Geometry(QRectF(QRect(0, 0, size.width(), size.height())))
    painter = QPainter(image)
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
    _draw_arm(painter, g, theme, (figure.BELLY_SHOULDER, figure.BELLY_ELBOW), hand=False)
    painter.setBrush(theme.body.darker(112))
    painter.drawEllipse(g.hand(figure.CHEST_HAND))

    painter.setClipRect(g.band)
    steps = round(scene.let_go * LET_GO_STEPS)
    belly_colour = mix(theme.inhale, theme.exhale, steps / LET_GO_STEPS)
    hand = _belly_hand(scene.rise)
    if scene.glow > 0.01:
        diameter = max(round(2 * figure.GLOW_RADIUS * g.unit), 8)
        glow = QImage(diameter, diameter, QImage.Format.Format_ARGB32_Premultiplied)
        glow.fill(belly_colour)
        mask_painter = QPainter(glow)
        mask_painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        mask_painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        mask_painter.drawImage(QRect(0, 0, diameter, diameter), _glow_mask(GLOW_SPRITE))
        mask_painter.end()
        centre = g.point(hand)
        painter.setOpacity(min(GLOW_STRENGTH * scene.glow / 0.35, 1.0))
        painter.drawImage(
            QPointF(centre.x() - diameter / 2, centre.y() - diameter / 2 + 0.05 * g.unit), glow
        )
        painter.setOpacity(1.0)
    shape = g.path(figure.belly_shape(scene.rise))
    bounds = shape.boundingRect()
    fade = QLinearGradient(bounds.topLeft(), bounds.bottomLeft())
    fade.setColorAt(0.0, belly_colour)
    fade.setColorAt(0.45, belly_colour)
    fade.setColorAt(1.0, mix(belly_colour, theme.body, 1.0))
    painter.setBrush(fade)
    painter.drawPath(shape)
    _draw_arm(painter, g, theme, (figure.BELLY_ELBOW, hand))
    painter.end()
    return image


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    return data.reshape(image.height(), image.bytesPerLine() // 4, 4)[:, : image.width(), :3]


def antialiasing_report(actual: QImage, expected: QImage) -> dict[str, float]:
    """How two renders of the figure differ, told apart from how anti-aliasing differs.

    Anti-aliasing differences sit on edges, where the expected picture itself changes
    steeply from one pixel to the next: the outline of the belly, the hand and the arm.
    A pixel that differs by more than a rounding step counts as "off the edges" when no
    pixel within two of it in the expected picture shows such a steep change. The soft,
    dithered glow is placed on whole pixels, so where it lands a pixel apart a few of its
    grains differ by a little more than rounding: that is resampling, not a different look.
    """
    a = pixels(actual).astype(np.int16)
    e = pixels(expected).astype(np.int16)
    diff = np.abs(a - e).max(axis=2)
    # Steepness of the expected picture: largest difference to a neighbour, any channel.
    steep = np.zeros(diff.shape, dtype=np.int16)
    for dy, dx in ((0, 1), (1, 0), (1, 1), (1, -1)):
        shifted = np.roll(np.roll(e, dy, axis=0), dx, axis=1)
        steep = np.maximum(steep, np.abs(e - shifted).max(axis=2))
    edge = steep >= 12
    near_edge = edge.copy()
    for dy in range(-2, 3):
        for dx in range(-2, 3):
            near_edge |= np.roll(np.roll(edge, dy, axis=0), dx, axis=1)
    off_edges = (diff > 3) & ~near_edge
    return {
        "max_difference": float(diff.max()),
        "changed_pixels": float((diff > 3).sum()),
        "off_edge_pixels": float(off_edges.sum()),
        "max_off_edge_difference": float(diff[~near_edge].max()) if (~near_edge).any() else 0.0,
    }


def differs_only_by_antialiasing(actual: QImage, expected: QImage) -> bool:
    """Off the edges: nothing differs by more than 6 of 255 levels (a grain of the glow
    placed a pixel apart), and hardly anything — one pixel in 5,000 — by more than 3."""
    report = antialiasing_report(actual, expected)
    allowed = actual.width() * actual.height() / 5000
    return report["off_edge_pixels"] <= allowed and report["max_off_edge_difference"] <= 6
