"""The lying-down figure, as numbers: where each part sits and how the belly moves.

A side view of someone resting on their back: head on a pillow, a neck, shoulders, chest,
belly and hips on a mat, knees over a bolster, one hand on the chest and one on the belly.
Only the belly's skin line (and the hand resting on it) moves with the breath.

Coordinates are in units of the figure's height: x runs from 0 to ``ASPECT`` (head to
feet), y from 0 (bottom of the box) upwards. Outlines are lists of cubic Bézier segments
so the window can draw them smoothly and tests can check the shape without a display.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]

ASPECT = 2.6  # width / height of the figure's box
FLOOR = 0.15  # top of the mat
BELLY_RISE = 0.15  # how far the belly's control points lift at a full in-breath
# Both control points lift together, so a point of the skin line lifts by 3t(1-t) of that:
# at most three quarters, in the middle. This is how far the belly visibly rises.
SKIN_RISE = 0.75 * BELLY_RISE
GLOW_RADIUS = 0.30


@dataclass(frozen=True)
class Cubic:
    """One Bézier segment; ``start`` is where the previous segment ended."""

    c1: Point
    c2: Point
    end: Point


@dataclass(frozen=True)
class Outline:
    start: Point
    segments: tuple[Cubic, ...]

    def points(self, per_segment: int = 16) -> list[Point]:
        """Points along the outline, for tests and hit checks."""
        out = [self.start]
        p0 = self.start
        for seg in self.segments:
            for i in range(1, per_segment + 1):
                out.append(bezier(p0, seg.c1, seg.c2, seg.end, i / per_segment))
            p0 = seg.end
        return out


def bezier(p0: Point, p1: Point, p2: Point, p3: Point, t: float) -> Point:
    u = 1.0 - t
    a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
    return (
        a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
    )


def _line(a: Point, b: Point) -> Cubic:
    """A straight piece written as a cubic, so every outline has one kind of segment."""
    return Cubic(
        (a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3),
        (a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3),
        b,
    )


# -- still parts ----------------------------------------------------------------------------

MAT = (0.05, FLOOR - 0.05, ASPECT - 0.05, FLOOR)  # x0, y0, x1, y1
PILLOW = (0.12, FLOOR, 0.64, FLOOR + 0.10)
HEAD_RADIUS = 0.15
HEAD_CENTRE: Point = (0.36, FLOOR + 0.10 + HEAD_RADIUS)
BOLSTER_RADIUS = 0.12
BOLSTER_CENTRE: Point = (1.93, FLOOR + BOLSTER_RADIUS)

CHEST_END: Point = (1.08, 0.515)  # where the belly's skin line begins
HIP: Point = (1.56, 0.47)  # …and where it ends

BODY = Outline(
    (0.47, FLOOR + 0.10),  # under the neck, on the pillow
    (
        Cubic((0.47, 0.33), (0.47, 0.38), (0.50, 0.40)),  # back of the head to the neck
        Cubic((0.56, 0.41), (0.60, 0.45), (0.66, 0.49)),  # neck to the shoulder
        Cubic((0.72, 0.525), (0.86, 0.535), (0.95, 0.53)),  # the chest: never moves
        Cubic((1.00, 0.528), (1.04, 0.522), CHEST_END),
        # The resting belly line (the moving belly is drawn over it).
        Cubic((1.24, 0.525), (1.42, 0.515), HIP),
        Cubic((1.66, 0.46), (1.80, 0.62), (1.92, 0.655)),  # thigh up to the knee
        Cubic((1.99, 0.675), (2.05, 0.66), (2.08, 0.61)),  # round of the knee
        Cubic((2.15, 0.51), (2.23, 0.38), (2.30, 0.29)),  # shin down to the ankle
        Cubic((2.34, 0.31), (2.40, 0.37), (2.44, 0.37)),  # top of the foot, toes up
        Cubic((2.47, 0.36), (2.47, 0.24), (2.42, FLOOR)),  # sole
        _line((2.42, FLOOR), (2.27, FLOOR)),  # heel on the mat
        Cubic((2.17, 0.20), (2.06, 0.33), (1.96, FLOOR + 2 * BOLSTER_RADIUS)),  # calf
        Cubic((1.84, 0.36), (1.70, 0.22), (1.56, FLOOR)),  # back of the thigh to the seat
        _line((1.56, FLOOR), (0.66, FLOOR)),  # the back, resting on the mat
        Cubic((0.56, FLOOR), (0.48, FLOOR + 0.03), (0.47, FLOOR + 0.10)),  # shoulder blades
    ),
)

# The far arm is hidden behind the body: only its hand shows, resting on the chest.
CHEST_HAND: Point = (0.86, 0.535)
# The near arm lies along the side — shoulder, elbow on the mat — its forearm rising to
# the hand on the belly.
BELLY_SHOULDER: Point = (0.70, 0.40)
BELLY_ELBOW: Point = (1.02, FLOOR + 0.07)
ARM_WIDTH = 0.085
HAND_SIZE = (0.16, 0.07)  # width, height of a resting hand
BELLY_HAND_X = 1.30


# -- the part that breathes -------------------------------------------------------------------


def belly_top(rise: float) -> Outline:
    """The belly's skin line from the chest to the hips; ``rise`` 0 (resting) … 1 (full).

    At rest the line is soft and very slightly rounded — never dipping below the straight
    line from chest to hips, so the belly never looks hollow.
    """
    r = min(max(rise, 0.0), 1.0) * BELLY_RISE
    return Outline(
        CHEST_END,
        (Cubic((1.24, 0.525 + r), (1.42, 0.515 + r), HIP),),
    )


def belly_shape(rise: float) -> Outline:
    """The tinted belly: its skin line on top, closed below inside the body."""
    top = belly_top(rise)
    return Outline(
        top.start,
        (
            *top.segments,
            Cubic((1.50, 0.36), (1.40, 0.30), (1.32, 0.30)),
            Cubic((1.22, 0.30), (1.12, 0.36), CHEST_END),
        ),
    )


def belly_height_at(rise: float, x: float) -> float:
    """The skin line's height at ``x`` (between the chest and the hips)."""
    pts = belly_top(rise).points(64)
    best = min(pts, key=lambda p: abs(p[0] - x))
    return best[1]


def belly_hand(rise: float) -> Point:
    """Where the hand on the belly rests: on the skin line, riding it up and down."""
    return (BELLY_HAND_X, belly_height_at(rise, BELLY_HAND_X))


def belly_band() -> tuple[float, float, float, float]:
    """The box (x0, y0, x1, y1) that holds everything that moves, glow included."""
    return (0.94, FLOOR, 1.70, 0.53 + BELLY_RISE + GLOW_RADIUS * 0.8)
