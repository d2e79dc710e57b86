"""The committed icons: every PNG size, and .ico/.icns containers that parse."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

import pytest

from pacer.identity import ICON_SIZES
from pacer.resources import asset_path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    assert (depth, colour) == (8, 6), "expected 8-bit RGBA"
    return width, height


def test_svg_source_is_square_and_parses():
    root = ET.parse(asset_path("icons", "pacer.svg")).getroot()
    assert root.get("viewBox") == "0 0 256 256"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_png_exists_at_every_size(size):
    data = asset_path("icons", "png", f"pacer-{size}.png").read_bytes()
    assert png_size(data) == (size, size)


def test_ico_lists_png_entries_whose_headers_match():
    data = asset_path("icons", "pacer.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = []
    for index in range(count):
        entry = data[6 + 16 * index : 22 + 16 * index]
        width, height, _, _, planes, bits, length, offset = struct.unpack("<BBBBHHII", entry)
        assert (planes, bits) == (1, 32)
        side = width or 256
        assert (height or 256) == side
        assert png_size(data[offset : offset + length]) == (side, side)
        sizes.append(side)
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_chunks_cover_the_sizes_macos_asks_for():
    data = asset_path("icons", "pacer.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    chunks, position = {}, 8
    while position < len(data):
        kind = data[position : position + 4]
        (length,) = struct.unpack(">I", data[position + 4 : position + 8])
        assert length > 8
        chunks[kind.decode()] = png_size(data[position + 8 : position + length])[0]
        position += length
    assert position == len(data)
    assert chunks == {
        "icp4": 16, "icp5": 32, "icp6": 64, "ic07": 128, "ic08": 256, "ic09": 512,
        "ic10": 1024, "ic11": 32, "ic12": 64, "ic13": 256, "ic14": 512,
    }  # fmt: skip


def test_the_application_carries_the_icon(qapp):
    from pacer.ui.application import apply_identity

    apply_identity(qapp)
    icon = qapp.windowIcon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} == set(ICON_SIZES)
    image = icon.pixmap(32, 32).toImage()
    centre = image.pixelColor(16, 22)  # the soft teal core of the glyph
    assert centre.green() > centre.red() + 40
