"""Creating the QApplication with the app's identity, once."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from pacer import __version__
from pacer.identity import APP_ID, APP_NAME, ORGANIZATION_DOMAIN, ORGANIZATION_NAME


def apply_identity(app: QApplication) -> None:
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(ORGANIZATION_NAME)
    app.setOrganizationDomain(ORGANIZATION_DOMAIN)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)


def get_application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    apply_identity(app)
    return app
