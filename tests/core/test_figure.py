"""The lying-down figure as numbers: a belly that is never hollow and always readable."""

from __future__ import annotations

import pytest

from pacer.core.breathing import figure


def chord_height(x: float) -> float:
    (x0, y0), (x1, y1) = figure.CHEST_END, figure.HIP
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


@pytest.mark.parametrize("rise", [0.0, 0.25, 0.5, 1.0])
def test_the_belly_line_never_dips_below_the_line_from_chest_to_hips(rise):
    for x, y in figure.belly_top(rise).points(64):
        assert y >= chord_height(x) - 1e-9, (rise, x, y)


def test_a_full_breath_lifts_the_belly_visibly_and_the_hand_rides_it():
    rest, full = figure.belly_hand(0.0), figure.belly_hand(1.0)
    lift = full[1] - rest[1]
    assert lift > 0.08  # of the figure's height: readable from across a room
    assert full[0] == rest[0]  # the hand rises, it does not slide
    assert figure.belly_height_at(0.5, figure.BELLY_HAND_X) == pytest.approx(
        (rest[1] + full[1]) / 2, abs=0.01
    )


def test_everything_that_moves_stays_inside_the_repainted_band():
    x0, y0, x1, y1 = figure.belly_band()
    for rise in (0.0, 0.5, 1.0):
        for x, y in figure.belly_shape(rise).points(32):
            assert x0 <= x <= x1
            assert y0 <= y <= y1
        hx, hy = figure.belly_hand(rise)
        width, height = figure.HAND_SIZE
        assert x0 <= hx - width / 2
        assert hx + width / 2 <= x1
        assert hy + height <= y1


def test_the_figure_has_head_on_pillow_and_knees_over_a_bolster():
    head_bottom = figure.HEAD_CENTRE[1] - figure.HEAD_RADIUS
    pillow_top = figure.PILLOW[3]
    assert head_bottom == pytest.approx(pillow_top)
    knee = max(figure.BODY.points(32), key=lambda p: p[1] if p[0] > figure.HIP[0] else -1)
    assert abs(knee[0] - figure.BOLSTER_CENTRE[0]) < 0.1  # the knee sits above the bolster
    assert knee[1] > figure.CHEST_END[1]  # bent knees, higher than the chest
