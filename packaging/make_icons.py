"""Render Pacer's icon from ``assets/icons/pacer.svg`` into every format the platforms want.

    python packaging/make_icons.py

writes (and the outputs are committed, so nobody needs to run this to build or install):

- ``assets/icons/png/pacer-<N>.png`` for N in 16 … 512 (the Linux hicolor sizes),
- ``assets/icons/pacer.ico`` for Windows (PNG payloads, 16 … 256),
- ``assets/icons/pacer.icns`` for macOS (PNG payloads, 16 … 1024 incl. the @2x slots).

Rendering uses Qt's QSvgRenderer offscreen; the two container formats are simple enough to
write here by hand, so no extra dependency is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "assets" / "icons"
SOURCE_SVG = ICONS / "pacer.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # 256 is the largest an .ico entry can say
# macOS icon types holding PNG data, with their pixel size (the @2x slots reuse bigger renders).
ICNS_TYPES = (
    (b"icp4", 16),
    (b"icp5", 32),
    (b"icp6", 64),
    (b"ic07", 128),
    (b"ic08", 256),
    (b"ic09", 512),
    (b"ic10", 1024),
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic13", 256),
    (b"ic14", 512),
)


def png_path(size: int) -> Path:
    return ICONS / "png" / f"pacer-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An ICONDIR with one 16-byte entry per size, each pointing at a whole PNG file."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, payload = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        payload += data
        offset += len(data)
    return header + entries + payload


def icns_bytes(chunks: list[tuple[bytes, bytes]]) -> bytes:
    """``icns`` + total length, then (type, length incl. 8-byte header, PNG data) chunks."""
    body = b"".join(kind + struct.pack(">I", 8 + len(data)) + data for kind, data in chunks)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    wanted = sorted(set(PNG_SIZES) | set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    rendered = {size: render_png(SOURCE_SVG, size) for size in wanted}

    png_path(PNG_SIZES[0]).parent.mkdir(parents=True, exist_ok=True)
    for size in PNG_SIZES:
        png_path(size).write_bytes(rendered[size])
    (ICONS / "pacer.ico").write_bytes(ico_bytes({s: rendered[s] for s in ICO_SIZES}))
    (ICONS / "pacer.icns").write_bytes(icns_bytes([(k, rendered[s]) for k, s in ICNS_TYPES]))
    print(f"Icons written to {ICONS.relative_to(ROOT)}/ from {SOURCE_SVG.name}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
