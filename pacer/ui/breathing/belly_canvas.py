"""The belly-breathing picture: someone lying on their back, one hand on the chest, one on the belly.

Only the belly moves: it rises on the in-breath and falls on the out-breath while the chest
stays still. The shape itself is described in :mod:`pacer.core.breathing.figure`; this
widget only turns it into pixels.

Cheap to animate on a laptop at someone's feet (issue 15): the still parts are painted once
into a cached picture. The moving parts are a one-parameter family — the belly's rise — so a
scene is first rounded to what a person could see change (half-pixel steps of the skin line, 1/64
of the glow, 1/48 of the colour blend); a frame is repainted only when that rounded state
changes, and then only the rectangle that the belly, its hand, its arm and its glow covered
before or cover now. Everything a rise step needs (paths, gradient, rectangles) is worked out
once and kept, so painting a frame allocates almost nothing.
"""

from __future__ import annotations

import random

from PySide6.QtCore import (
    QEasingCurve,
    QLineF,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    QVariantAnimation,
)
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
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from pacer.core.breathing import figure
from pacer.core.breathing.pattern import Phase
from pacer.core.breathing.scene import (
    GLOW_LEVEL,
    PacerScene,
    resting_scene,
    seconds_until_scene_change,
)
from pacer.core.breathing.timeline import BreathSnapshot
from pacer.core.pacing import step_index
from pacer.ui.common import accessible_roles
from pacer.ui.common.theme import DAY, Theme, mix

GLOW_STRENGTH = 0.5  # alpha of the glow's centre at full brightness
GLOW_SPRITE = 160  # pixels across the glow's alpha mask before it is scaled
GLOW_PREPARE_MS = 100  # after the figure is first shown, its glow's sprite is made
SETTLE_SECONDS = 2.5  # the belly comes to rest slowly when a session ends
LET_GO_STEPS = 48  # colour blends in this many steps: smooth, and few repaints
GLOW_STEPS = 64  # with reduced motion, the glow brightens in this many steps
FOLLOWS_RISE = -1  # the glow's visible state while it follows the rise
REPAINT_LOG = 512  # how many repainted rectangles are kept for tests and benchmarks


_GLOW_MASKS: dict[int, QImage] = {}  # one sprite per process, shared by every canvas


def glow_mask() -> QImage:
    """The glow's sprite, made once (it takes a few milliseconds of Python)."""
    mask = _GLOW_MASKS.get(GLOW_SPRITE)
    if mask is None:
        mask = _GLOW_MASKS[GLOW_SPRITE] = _glow_mask(GLOW_SPRITE)
    return mask


PICTURE_NAME = "Breathing picture"
_SHOWN = {Phase.INHALE: "belly rising", Phase.EXHALE: "belly falling"}


def picture_name(phase: Phase) -> str:
    """What a screen reader calls the figure: what it shows now, in the picture's own words."""
    return f"{PICTURE_NAME}: {_SHOWN.get(phase, 'resting')}"


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
        # Half-pixel steps of the skin line's highest point, from rest to a full belly.
        self.rise_steps = max(round(figure.SKIN_RISE * unit * 2), 1)
        self.glow_diameter = max(round(2 * figure.GLOW_RADIUS * unit), 8)

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


class _Pose:
    """Everything that moves, for one rise step: worked out once, drawn many times."""

    __slots__ = ("arm", "belly", "fade_bottom", "fade_top", "glow_at", "hand", "lit", "still")

    def __init__(self, g: _Geometry, rise: float) -> None:
        hand = figure.belly_hand(rise)
        centre = g.point(hand)
        self.belly = g.path(figure.belly_shape(rise))
        bounds = self.belly.boundingRect()
        self.fade_top, self.fade_bottom = bounds.topLeft(), bounds.bottomLeft()
        self.hand = g.hand(hand)
        self.arm = QLineF(g.point(figure.BELLY_ELBOW), centre)
        d = g.glow_diameter
        self.glow_at = QPointF(centre.x() - d / 2, centre.y() - d / 2 + 0.05 * g.unit)
        reach = figure.ARM_WIDTH * g.unit / 2
        arm_box = QRectF(self.arm.p1(), self.arm.p2()).normalized()
        moving = (
            self.belly.controlPointRect()
            .united(self.hand)
            .united(arm_box.adjusted(-reach, -reach, reach, reach))
        )
        # What this pose covers, with room for anti-aliasing; with and without the glow.
        self.still = moving.toAlignedRect().adjusted(-2, -2, 2, 2).intersected(g.band)
        glow = QRectF(self.glow_at, QSize(d, d)).toAlignedRect().adjusted(-1, -1, 1, 1)
        self.lit = self.still.united(glow).intersected(g.band)


class BellyCanvas(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(260, 80)
        accessible_roles.install()  # an image (Graphic), not a generic client area
        self.setAccessibleDescription(
            "A person lying on their back, one hand on the chest and one on the belly; "
            "the belly rises and falls with the breath."
        )
        self._theme = DAY
        self._scene = resting_scene()
        self.setAccessibleName(picture_name(self._scene.phase))
        self._drawn: tuple[int, int, int] | None = None  # what the last frame showed
        self._geometry = _Geometry(QRectF(self.rect()))
        self._cache: QPixmap | None = None
        self._poses: dict[int, _Pose] = {}
        self._colours: dict[int, QColor] = {}
        self._fades: dict[tuple[int, int], QLinearGradient] = {}
        self._arm_pen: QPen | None = None
        self._glow_white: QImage | None = None  # …scaled to this size, in white
        self._glow: dict[int, QImage] = {}  # the glow in each colour step in use
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

    @property
    def rise_steps(self) -> int:
        """Visible steps between a resting and a full belly (half a pixel each)."""
        return self._geometry.rise_steps

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._forget_drawing()
        self.update()

    def _forget_drawing(self) -> None:
        self._cache = None
        self._colours.clear()
        self._fades.clear()
        self._glow.clear()
        self._arm_pen = None
        self._drawn = None

    def visible_state(self, scene: PacerScene) -> tuple[int, int, int]:
        """What a frame would show, in whole steps a person could see change.

        While the figure moves, its glow brightens with the rise (``GLOW_LEVEL`` of it), so
        it simply follows the rise step by step (glow ``FOLLOWS_RISE``) and costs no frames
        of its own; with reduced motion it breathes alone, in ``GLOW_STEPS`` steps.
        """
        rise = step_index(min(max(scene.rise, 0.0), 1.0), self._geometry.rise_steps)
        if abs(scene.glow - GLOW_LEVEL * scene.rise) < 1e-9:
            glow = FOLLOWS_RISE
        else:
            glow = step_index(scene.glow, GLOW_STEPS)
        return rise, glow, step_index(scene.let_go, LET_GO_STEPS)

    def _glow_level(self, state: tuple[int, int, int]) -> float:
        rise, glow, _ = state
        if glow == FOLLOWS_RISE:
            return GLOW_LEVEL * rise / self._geometry.rise_steps
        return glow / GLOW_STEPS

    def seconds_until_change(self, breath: BreathSnapshot, reduced_motion: bool) -> float:
        """Practised seconds until the figure for this breath next looks different."""
        return seconds_until_scene_change(
            breath, reduced_motion, self._geometry.rise_steps, GLOW_STEPS, LET_GO_STEPS
        )

    def set_scene(self, scene: PacerScene) -> None:
        if scene == self._scene:
            return
        if scene.phase is not self._scene.phase:
            # Renamed only when what it shows changes, never per frame; it never has focus,
            # so no reader speaks the change (the phase itself is announced elsewhere).
            self.setAccessibleName(picture_name(scene.phase))
        self._scene = scene
        state = self.visible_state(scene)
        drawn = self._drawn
        if state == drawn:
            return
        dirty = self._covered(state)
        if drawn is not None:
            dirty = dirty.united(self._covered(drawn))
        else:
            dirty = QRect(self._geometry.band)
        if len(self.repainted) >= REPAINT_LOG:
            del self.repainted[: REPAINT_LOG // 2]
        self.repainted.append(dirty)
        self.update(dirty)

    def _covered(self, state: tuple[int, int, int]) -> QRect:
        pose = self._pose(state[0])
        return pose.lit if self._glow_level(state) > 0.01 else pose.still

    def _pose(self, step: int) -> _Pose:
        pose = self._poses.get(step)
        if pose is None:
            g = self._geometry
            pose = self._poses[step] = _Pose(g, step / g.rise_steps if g.rise_steps else 0.0)
        return pose

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
                    Phase.REST,  # sinking to rest, whatever the last phase was
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

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if GLOW_SPRITE not in _GLOW_MASKS:
            # Made after the first frame, while the belly has barely begun to rise (the glow
            # shows from about a tenth of the in-breath on), not in the middle of a breath.
            QTimer.singleShot(GLOW_PREPARE_MS, glow_mask)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._geometry = _Geometry(QRectF(self.rect()))
        self._poses.clear()
        self._glow_white = None
        self._forget_drawing()
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

    def _colour(self, step: int) -> QColor:
        colour = self._colours.get(step)
        if colour is None:
            theme = self._theme
            colour = self._colours[step] = mix(theme.inhale, theme.exhale, step / LET_GO_STEPS)
        return colour

    def _fade(self, rise: int, colour_step: int) -> QLinearGradient:
        """The tint is strongest at the skin and fades into the body: no hard lower edge."""
        key = (rise, colour_step)
        fade = self._fades.get(key)
        if fade is None:
            if len(self._fades) > 2 * (self._geometry.rise_steps + LET_GO_STEPS + 1):
                self._fades.clear()  # only after a resize or a run of colour blends
            pose, colour = self._pose(rise), self._colour(colour_step)
            fade = self._fades[key] = QLinearGradient(pose.fade_top, pose.fade_bottom)
            fade.setColorAt(0.0, colour)
            fade.setColorAt(0.45, colour)
            fade.setColorAt(1.0, mix(colour, self._theme.body, 1.0))
        return fade

    def _glow_image(self, colour_step: int) -> QImage:
        """The glow in one colour. The two resting colours are kept; a blend step, which
        lasts a frame or two, is drawn into the one image kept for blends."""
        glow = self._glow.get(colour_step)
        if glow is not None:
            return glow
        d = self._geometry.glow_diameter
        if self._glow_white is None:
            white = QImage(d, d, QImage.Format.Format_ARGB32_Premultiplied)
            white.fill(Qt.GlobalColor.white)
            self._mask_into(white, QRect(0, 0, d, d), glow_mask())
            self._glow_white = white
        blends = [step for step in self._glow if step not in (0, LET_GO_STEPS)]
        if colour_step not in (0, LET_GO_STEPS) and blends:
            image = self._glow.pop(blends[0])  # the blends' one image, drawn over
        else:
            image = QImage(d, d, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(self._colour(colour_step))
        self._mask_into(image, QRect(0, 0, d, d), self._glow_white)
        self._glow[colour_step] = image
        return image

    @staticmethod
    def _mask_into(image: QImage, target: QRect, mask: QImage) -> None:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_DestinationIn)
        painter.drawImage(target, mask)
        painter.end()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._cache is None or self._arm_pen is None:
            self._cache = self._still_picture()
            self._arm_pen = QPen(self._limb_colour(), figure.ARM_WIDTH * self._geometry.unit)
            self._arm_pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            self._arm_pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        cache, rect, arm_pen = self._cache, event.rect(), self._arm_pen
        painter = QPainter(self)
        ratio = cache.devicePixelRatio()
        if ratio == 1.0:
            painter.drawPixmap(rect, cache, rect)
        else:
            source = QRectF(
                rect.x() * ratio, rect.y() * ratio, rect.width() * ratio, rect.height() * ratio
            )
            painter.drawPixmap(QRectF(rect), cache, source)
        state = self.visible_state(self._scene)
        g = self._geometry
        if rect.intersects(g.band):
            rise, _, colour_step = state
            pose = self._pose(rise)
            painter.setClipRect(g.band)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            level = self._glow_level(state)
            if level > 0.01:
                painter.setOpacity(min(GLOW_STRENGTH * level / GLOW_LEVEL, 1.0))
                painter.drawImage(pose.glow_at, self._glow_image(colour_step))
                painter.setOpacity(1.0)
            painter.setBrush(self._fade(rise, colour_step))
            painter.drawPath(pose.belly)
            painter.setPen(arm_pen)
            painter.drawLine(pose.arm)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(arm_pen.color())
            painter.drawEllipse(pose.hand)
        painter.end()
        self._drawn = state
