"""Put Pacer in the Linux applications menu (and take it out again), without Qt.

``pacer --install-desktop-entry`` writes, under ``$XDG_DATA_HOME`` (or ``~/.local/share``):

- ``applications/org.pacerapp.Pacer.desktop`` — the launcher, its ``Exec`` pointing at the
  command that started this install (the frozen binary, the ``pacer`` script next to the
  interpreter, or ``python -m pacer``);
- ``icons/hicolor/scalable/apps/org.pacerapp.Pacer.svg`` and
  ``icons/hicolor/<N>x<N>/apps/org.pacerapp.Pacer.png`` for every committed size.

``pacer --uninstall-desktop-entry`` removes exactly those files and any folders left empty by
that. The template and icons come from ``assets/`` (one source of truth, also used by packaging).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from pacer.core.files import atomic_write_bytes
from pacer.identity import APP_ID, APP_NAME, ICON_SIZES
from pacer.resources import asset_path

PUBLIC_FILE_MODE = 0o644  # launchers and icons are read by the desktop, not private data
# Characters that make an Exec argument need quoting (Desktop Entry Specification, "Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_TOOL_TIMEOUT = 30


def xdg_data_home(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    if env.get("XDG_DATA_HOME"):
        return Path(env["XDG_DATA_HOME"])
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launch_command(*, frozen: bool | None = None, executable: str | None = None) -> list[str]:
    """The command a double-click should run to start this same installation of Pacer."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    executable = sys.executable if executable is None else executable
    program = Path(executable).absolute()
    if frozen:
        return [str(program)]
    # Not resolved: a venv's (or pipx's) bin folder holds both python and the pacer script.
    script = program.parent / ("pacer.exe" if os.name == "nt" else "pacer")
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [str(program), "-m", "pacer"]


def _exec_argument(argument: str) -> str:
    if _EXEC_RESERVED.isdisjoint(argument):
        quoted = argument
    else:
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in argument)
        quoted = f'"{escaped}"'
    return quoted.replace("%", "%%")


def _string_value(text: str) -> str:
    # Desktop-entry string escaping, applied after the Exec quoting rules.
    return text.replace("\\", "\\\\")


def exec_line(command: Sequence[str]) -> str:
    return _string_value(" ".join(_exec_argument(argument) for argument in command))


def desktop_entry_text(command: Sequence[str]) -> str:
    """The packaged launcher with ``Exec``/``TryExec`` pointing at ``command``."""
    template = asset_path("desktop", f"{APP_ID}.desktop").read_text(encoding="utf-8")
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            lines.append(f"TryExec={_string_value(command[0])}")
            lines.append(f"Exec={exec_line(command)}")
        elif not line.startswith("TryExec="):
            lines.append(line)
    return "\n".join(lines) + "\n"


def desktop_file_path(data_home: Path) -> Path:
    return data_home / "applications" / f"{APP_ID}.desktop"


def icon_files(data_home: Path) -> dict[Path, Path]:
    """Installed icon path → the asset it is copied from."""
    hicolor = data_home / "icons" / "hicolor"
    icons = {hicolor / "scalable" / "apps" / f"{APP_ID}.svg": asset_path("icons", "pacer.svg")}
    for size in ICON_SIZES:
        target = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        icons[target] = asset_path("icons", "png", f"pacer-{size}.png")
    return icons


def installed_paths(data_home: Path) -> list[Path]:
    return [desktop_file_path(data_home), *icon_files(data_home)]


def install(data_home: Path, command: Sequence[str] | None = None) -> list[Path]:
    """Write the launcher and icons; return the files written."""
    command = launch_command() if command is None else command
    contents = {path: source.read_bytes() for path, source in icon_files(data_home).items()}
    contents[desktop_file_path(data_home)] = desktop_entry_text(command).encode("utf-8")
    for path, data in contents.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data, mode=PUBLIC_FILE_MODE)
    _refresh_caches(data_home)
    return list(contents)


def uninstall(data_home: Path) -> list[Path]:
    """Remove what :func:`install` wrote, and folders that leaves empty; return removed files."""
    removed = []
    for path in installed_paths(data_home):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
        _remove_empty_parents(path.parent, data_home)
    if removed:
        _refresh_caches(data_home)
    return removed


def _remove_empty_parents(folder: Path, stop: Path) -> None:
    while folder != stop and stop in folder.parents:
        try:
            folder.rmdir()
        except OSError:  # not empty (or not ours to remove)
            return
        folder = folder.parent


def _refresh_caches(data_home: Path) -> None:
    """Keep existing caches current; never create one (that file would then be ours to own).

    Desktops notice new launchers by watching the folder. A stale icon cache, though, would
    hide our icon, so an existing one is rebuilt. Missing tools are simply skipped.
    """
    hicolor = data_home / "icons" / "hicolor"
    applications = data_home / "applications"
    jobs = []
    if (hicolor / "icon-theme.cache").exists():
        jobs.append(["gtk-update-icon-cache", "--quiet", "--force", "--ignore-theme-index"])
        jobs[-1].append(str(hicolor))
    if (applications / "mimeinfo.cache").exists():
        jobs.append(["update-desktop-database", "--quiet", str(applications)])
    for job in jobs:
        if shutil.which(job[0]) is None:
            continue
        try:
            subprocess.run(job, check=False, capture_output=True, timeout=_TOOL_TIMEOUT)
        except (OSError, subprocess.SubprocessError):
            continue


def _supported(platform: str) -> bool:
    return not (platform.startswith("win") or platform == "darwin")


def run_install(environ: Mapping[str, str] | None = None, platform: str | None = None) -> int:
    if not _supported(sys.platform if platform is None else platform):
        print(
            "The desktop entry is for Linux desktops. On Windows and macOS, open Pacer "
            "from its app folder (see the README).",
            file=sys.stderr,
        )
        return 1
    data_home = xdg_data_home(environ)
    try:
        install(data_home)
    except OSError as error:
        print(f"Pacer could not add its launcher in {data_home}: {error}", file=sys.stderr)
        return 1
    print(f"{APP_NAME} is now in your applications menu; open it from there whenever you like.")
    print(f"Launcher: {desktop_file_path(data_home)}")
    return 0


def run_uninstall(environ: Mapping[str, str] | None = None) -> int:
    data_home = xdg_data_home(environ)
    try:
        removed = uninstall(data_home)
    except OSError as error:
        print(f"Pacer could not remove its launcher from {data_home}: {error}", file=sys.stderr)
        return 1
    if removed:
        print(f"{APP_NAME}'s launcher and icons are removed from your applications menu.")
    else:
        print(f"{APP_NAME}'s launcher was not installed in {data_home}; nothing to remove.")
    print("Your practice log and settings are untouched.")
    return 0
