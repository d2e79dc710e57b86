"""Who the app is to the operating system: names used for data paths and desktop files.

Kept Qt-free so the command line, packaging scripts and the Qt front share one source.
The visible name is deliberately discreet: nothing in it names a condition.
"""

APP_NAME = "Pacer"
APP_ID = "org.pacerapp.Pacer"  # reverse-DNS id: .desktop file name, D-Bus, AppStream
ORGANIZATION_NAME = "Pacer"
ORGANIZATION_DOMAIN = "pacerapp.org"
DATA_DIR_ENV = "PACER_DATA_DIR"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)  # PNG renders of assets/icons/pacer.svg
