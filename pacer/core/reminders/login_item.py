"""The login item that starts ``pacer reminders --run`` when the user logs in.

- Linux (and other freedesktop systems): an XDG autostart entry,
  ``$XDG_CONFIG_HOME/autostart/org.pacerapp.Pacer.Reminders.desktop``.
- macOS: a per-user LaunchAgent, ``~/Library/LaunchAgents/org.pacerapp.Pacer.Reminders.plist``.
- Windows: a value named ``PacerReminders`` under the per-user ``Run`` registry key.

The command is built like the menu launcher's (``pacer.desktop_entry.launch_command``), so
it starts the same installation, with the data folder written out in full.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import plistlib
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pacer.core.files import atomic_write_bytes
from pacer.desktop_entry import exec_line, launch_command
from pacer.identity import APP_ID

REMINDERS_ID = f"{APP_ID}.Reminders"
AUTOSTART_FILENAME = f"{REMINDERS_ID}.desktop"
WINDOWS_RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
WINDOWS_VALUE_NAME = "PacerReminders"
PUBLIC_FILE_MODE = 0o644


def waiting_command(data_dir: Path, launch: Sequence[str] | None = None) -> list[str]:
    base = list(launch) if launch is not None else launch_command()
    return [*base, "--data-dir", str(Path(data_dir).absolute()), "reminders", "--run"]


def xdg_config_home(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("XDG_CONFIG_HOME"):
        return Path(env["XDG_CONFIG_HOME"])
    return Path(env.get("HOME") or Path.home()) / ".config"


def autostart_path(environ: Mapping[str, str] | None = None) -> Path:
    return xdg_config_home(environ) / "autostart" / AUTOSTART_FILENAME


def autostart_text(command: Sequence[str]) -> str:
    return "\n".join(
        (
            "[Desktop Entry]",
            "Type=Application",
            "Version=1.4",
            "Name=Pacer reminders",
            "Comment=Shows the gentle reminders you asked Pacer for",
            f"Exec={exec_line(command)}",
            f"Icon={APP_ID}",
            "Terminal=false",
            "NoDisplay=true",
            "X-GNOME-Autostart-enabled=true",
            "",
        )
    )


def launch_agent_path(home: Path | None = None) -> Path:
    home = Path.home() if home is None else home
    return home / "Library" / "LaunchAgents" / f"{REMINDERS_ID}.plist"


def launch_agent_bytes(command: Sequence[str]) -> bytes:
    return plistlib.dumps(
        {
            "Label": REMINDERS_ID,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "ProcessType": "Background",
        }
    )


def windows_run_value(command: Sequence[str]) -> str:
    return subprocess.list2cmdline(list(command))


def register(command: Sequence[str], platform: str | None = None) -> str:
    """Write the login item; return where it lives, in words for the user."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        winreg: Any = importlib.import_module("winreg")  # Windows only

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY) as key:
            winreg.SetValueEx(key, WINDOWS_VALUE_NAME, 0, winreg.REG_SZ, windows_run_value(command))
        return rf"HKEY_CURRENT_USER\{WINDOWS_RUN_KEY}\{WINDOWS_VALUE_NAME}"
    if platform == "darwin":
        path = launch_agent_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, launch_agent_bytes(command), mode=PUBLIC_FILE_MODE)
        return str(path)
    path = autostart_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, autostart_text(command).encode("utf-8"), mode=PUBLIC_FILE_MODE)
    return str(path)


def unregister(platform: str | None = None) -> bool:
    """Remove the login item; True if there was one."""
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        winreg: Any = importlib.import_module("winreg")  # Windows only

        try:
            with winreg.OpenKey(
                winreg.HKEY_CURRENT_USER, WINDOWS_RUN_KEY, 0, winreg.KEY_SET_VALUE
            ) as key:
                winreg.DeleteValue(key, WINDOWS_VALUE_NAME)
        except FileNotFoundError:
            return False
        return True
    path = launch_agent_path() if platform == "darwin" else autostart_path()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        return True
    return False


def registered_path(platform: str | None = None) -> Path | None:
    platform = sys.platform if platform is None else platform
    if platform.startswith("win"):
        return None
    path = launch_agent_path() if platform == "darwin" else autostart_path()
    return path if path.exists() else None
