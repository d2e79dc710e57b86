"""Creating the QApplication with the app's identity, once."""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from pacer import __version__
from pacer.identity import APP_ID, APP_NAME, ICON_SIZES, ORGANIZATION_DOMAIN, ORGANIZATION_NAME
from pacer.resources import asset_path


def app_icon() -> QIcon:
    """The icon at every committed size (PNG, so no SVG icon-engine plugin is needed)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(asset_path("icons", "png", f"pacer-{size}.png")), QSize(size, size))
    return icon


def apply_identity(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # Wayland finds the icon through the desktop file
    app.setWindowIcon(app_icon())


def get_application() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    apply_identity(app)
    return app
