"""Finding the files in ``assets/`` from a source checkout, an editable install or a bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def assets_dir() -> Path:
    bundle_root = getattr(sys, "_MEIPASS", None)  # PyInstaller unpacks data here
    if bundle_root:
        return Path(bundle_root) / "assets"
    here = Path(__file__).resolve().parent
    for candidate in (here / "assets", here.parent / "assets"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Pacer's assets folder is missing from this installation")


def asset_path(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)
