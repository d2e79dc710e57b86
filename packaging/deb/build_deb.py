"""Build ``pacer_<version>_<arch>.deb`` from the one-folder bundle (``make bundle``).

    make deb                       (builds the bundle first only if there is none)
    python packaging/deb/build_deb.py [--bundle packaging/dist/Pacer] [--out packaging/dist]

What goes where:
  /opt/pacer/                       the bundle exactly as PyInstaller made it
  /usr/bin/pacer                    a symbolic link to /opt/pacer/pacer
  /usr/share/applications/          the launcher (Exec=pacer), checked by desktop-file-validate
  /usr/share/icons/hicolor/         every PNG size and the SVG
  /usr/share/metainfo/              the AppStream file
  /usr/share/doc/pacer/             copyright and changelog.gz
  /usr/share/lintian/overrides/     why some lintian tags do not apply to a bundled app

Depends are worked out from the bundle itself: every library the program, its Python modules,
Qt and Qt's X11 (xcb) platform plugin load from outside the bundle (``ldd`` with the bundle's
own folders first, as its start-up does), owned per ``dpkg -S``; glibc at the newest symbol
version any of them asks for; plus the system files the bundled libraries read
(``SYSTEM_FILES_DEPENDS``). Plugins used only in some sessions (native Wayland, GTK theme,
framebuffer) are ``OPTIONAL``: their outside libraries become Recommends or are left out,
each for a written reason, and a new one stops the build until someone decides.
"""

from __future__ import annotations

import argparse
import fnmatch
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from pacer import __version__  # noqa: E402
from pacer.identity import APP_ID, ICON_SIZES  # noqa: E402

PACKAGE = "pacer"
INSTALL_DIR = Path("opt") / PACKAGE

# Read by bundled libraries from the system, so the package needs them although no ldd shows it.
SYSTEM_FILES_DEPENDS = {
    # The bundled PortAudio reads ALSA's configuration; without /usr/share/alsa/alsa.conf it
    # aborts the whole process the moment sound is turned on.
    "libasound2-data": "ALSA configuration read by the bundled sound library",
    # The bundled fontconfig reads /etc/fonts; this package also brings a default font.
    "fontconfig-config": "font configuration read by the bundled fontconfig",
}

# What the program loads itself: Python extension modules, Qt plugins, and libraries opened by
# path at run time (the bootloader's libpython, sounddevice's PortAudio). Everything they link
# to is required; any other library in the bundle is there only for an optional plugin.
# Patterns match paths inside the bundle.
ENTRY_POINTS = (
    "/pacer",
    "*.cpython-*.so",
    "*.abi3.so",
    "*/plugins/*",
    "*/libpython3*.so*",
    "*/libportaudio.so*",
)
# Files Qt loads only in some sessions.
OPTIONAL = (
    "*/platforms/libqwayland*.so",  # native Wayland windows; XWayland (xcb) works without
    "*/wayland-*/*",
    "*/libQt6Wayland*.so*",
    "*/libQt6WlShell*.so*",
    "*/platforms/libqeglfs.so",  # full-screen framebuffer/EGL devices, not desktops
    "*/platforms/libqlinuxfb.so",
    "*/platforms/libqminimalegl.so",
    "*/platforms/libqvkkhrdisplay.so",
    "*/platforms/libqvnc.so",
    "*/egldeviceintegrations/*",
    "*/libQt6EglFs*.so*",
    "*/platformthemes/libqgtk3.so",  # GTK-style dialogs on GNOME-like desktops
)
# What to do with a library only optional files need: (relation, package) or None to leave
# it out. The package is named here because the build machine may not have the library.
OPTIONAL_LIBRARIES: dict[str, tuple[str, str] | None] = {
    "libwayland-client.so.0": ("Recommends", "libwayland-client0"),
    "libwayland-cursor.so.0": ("Recommends", "libwayland-cursor0"),
    "libwayland-egl.so.1": ("Recommends", "libwayland-egl1"),
    # Every GTK desktop has GTK; elsewhere Qt's own dialogs are used, so no relation at all.
    "libgtk-3.so.0": None,
    "libgdk-3.so.0": None,
    # Only the framebuffer/EGL device plugins need it.
    "libdrm.so.2": None,
}


class BuildError(Exception):
    """Something the person building must fix; printed as one line."""


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, **kwargs)


def require_tools(*names: str) -> None:
    missing = [name for name in names if shutil.which(name) is None]
    if missing:
        raise BuildError(f"building the .deb needs {', '.join(missing)} (see .ci/run)")


# -- the bundle's libraries --------------------------------------------------------------------
def is_elf(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"\x7fELF"


def elf_files(bundle: Path) -> list[Path]:
    return sorted(p for p in bundle.rglob("*") if p.is_file() and not p.is_symlink() and is_elf(p))


def _matches(path: Path, bundle: Path, patterns: Iterable[str]) -> bool:
    relative = "/" + path.relative_to(bundle).as_posix()
    return any(fnmatch.fnmatch(relative, pattern) for pattern in patterns)


def is_optional(path: Path, bundle: Path) -> bool:
    return _matches(path, bundle, OPTIONAL)


def is_entry_point(path: Path, bundle: Path) -> bool:
    """Loaded by the program itself rather than as some other library's dependency."""
    return _matches(path, bundle, ENTRY_POINTS) and not is_optional(path, bundle)


def linked_libraries(path: Path, bundle: Path) -> dict[str, Path | None]:
    """Everything ``path`` loads, directly or not: soname → resolved path (None: missing).

    The bundle's own folder comes first, as when the program runs.
    """
    env = {**os.environ, "LD_LIBRARY_PATH": str(bundle / "_internal")}
    found: dict[str, Path | None] = {}
    for line in run(["ldd", str(path)], env=env).stdout.splitlines():
        match = re.match(r"\s*(\S+) => (.+?)(?: \(0x[0-9a-f]+\))?$", line)
        if match:
            name, where = match.groups()
            found[name] = None if where == "not found" else Path(where).resolve()
    return found


def outside_libraries(files: Iterable[Path], bundle: Path) -> dict[str, Path | None]:
    """Libraries the files load from outside the bundle: soname → system path (None: missing)."""
    found: dict[str, Path | None] = {}
    for path in files:
        for name, where in linked_libraries(path, bundle).items():
            if where is None:
                found.setdefault(name, None)
            elif not where.is_relative_to(bundle.resolve()):
                found[name] = where
    return found


def required_files(bundle: Path) -> list[Path]:
    """The entry points and every bundled library they load: what any session uses."""
    entry_points = [p for p in elf_files(bundle) if is_entry_point(p, bundle)]
    required = {p.resolve() for p in entry_points}
    for path in entry_points:
        inside = bundle.resolve()
        required.update(
            w for w in linked_libraries(path, bundle).values() if w and w.is_relative_to(inside)
        )
    return sorted(required)


def owning_package(library: Path) -> str:
    candidates = [library, library.resolve()]
    for path in list(candidates):
        text = str(path)
        candidates.append(Path(text[4:] if text.startswith("/usr/") else "/usr" + text))
    for path in candidates:
        result = run(["dpkg", "-S", str(path)])
        for line in result.stdout.splitlines():
            owner, _, owned = line.partition(": ")
            if owned == str(path) and "diversion" not in owner:
                return owner.split(",")[0].split(":")[0].strip()
    raise BuildError(f"no Debian package owns {library}; cannot name it in Depends")


def glibc_version(files: Iterable[Path]) -> str:
    """The newest GLIBC_x.y symbol version the files require."""
    versions: set[tuple[int, ...]] = set()
    for path in files:
        for found in re.findall(
            r"\bGLIBC_(\d+(?:\.\d+)+)\b", run(["objdump", "-p", str(path)]).stdout
        ):
            versions.add(tuple(int(part) for part in found.split(".")))
    return ".".join(str(part) for part in max(versions))


def relations(bundle: Path) -> tuple[list[str], list[str]]:
    """Depends and Recommends for the bundle, each sorted, as control-file entries."""
    bundle = bundle.resolve()
    required = required_files(bundle)
    optional = [p for p in elf_files(bundle) if p.resolve() not in set(required)]
    needed = outside_libraries(required, bundle)
    missing = sorted(name for name, where in needed.items() if where is None)
    if missing:
        raise BuildError(
            f"this machine lacks {', '.join(missing)}, which the bundle needs; install "
            "them (see .ci/run) and build again"
        )
    depends = {owning_package(where) for where in needed.values() if where is not None}
    depends.update(SYSTEM_FILES_DEPENDS)
    recommends = set()
    for name in sorted(set(outside_libraries(optional, bundle)) - set(needed)):
        if name not in OPTIONAL_LIBRARIES:
            raise BuildError(
                f"a library only optional plugins use needs {name}: decide in "
                f"OPTIONAL_LIBRARIES ({Path(__file__).relative_to(ROOT)}) what it is to Pacer"
            )
        if (decision := OPTIONAL_LIBRARIES[name]) is not None:
            recommends.add(decision[1])
    entries = [f"libc6 (>= {glibc_version(required)})" if p == "libc6" else p for p in depends]
    return sorted(entries), sorted(recommends - depends)


# -- the package tree ----------------------------------------------------------------------------
def copy_file(source: Path, target: Path, mode: int = 0o644) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(mode)


def install_bundle(bundle: Path, root: Path) -> None:
    target = root / INSTALL_DIR
    shutil.copytree(bundle, target, symlinks=True)
    program = target / "pacer"
    for path in target.rglob("*"):
        if path.is_symlink():
            continue
        # Only the program is run directly; libraries and modules are loaded, so 0644.
        path.chmod(0o755 if path.is_dir() or path == program else 0o644)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "pacer").symlink_to(Path("/") / INSTALL_DIR / "pacer")


def install_desktop_files(root: Path) -> None:
    assets = ROOT / "assets"
    share = root / "usr" / "share"
    copy_file(
        assets / "desktop" / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop"
    )
    copy_file(
        assets / "desktop" / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml"
    )
    hicolor = share / "icons" / "hicolor"
    copy_file(assets / "icons" / "pacer.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    for size in ICON_SIZES:
        source = assets / "icons" / "png" / f"pacer-{size}.png"
        copy_file(source, hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png")


def changelog_text(version: str, maintainer: str, when: datetime) -> str:
    stamp = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
    return (
        f"{PACKAGE} ({version}) unstable; urgency=medium\n\n"
        f"  * Pacer {version}, packaged from its one-folder build.\n\n"
        f" -- {maintainer}  {stamp}\n"
    )


def install_documents(root: Path, maintainer: str, when: datetime) -> None:
    doc = root / "usr" / "share" / "doc" / PACKAGE
    copy_file(HERE / "copyright", doc / "copyright")
    text = changelog_text(__version__, maintainer, when).encode()
    # mtime=0 and no file name inside: the same changelog gives the same bytes (lintian asks).
    (doc / "changelog.gz").write_bytes(gzip.compress(text, compresslevel=9, mtime=0))
    (doc / "changelog.gz").chmod(0o644)
    copy_file(
        HERE / "lintian-overrides", root / "usr" / "share" / "lintian" / "overrides" / PACKAGE
    )


def manual_page(when: datetime) -> str:
    """pacer(1) made from the command line's own help, so it says what the program does."""
    import argparse as _argparse

    from pacer.cli import build_parser

    os.environ["COLUMNS"] = "80"  # argparse wraps to the terminal's width otherwise
    parser = build_parser(complete=True)
    sections = [("", parser.format_help())]
    for action in parser._actions:
        if isinstance(action, _argparse._SubParsersAction):
            sections += [
                (f"pacer {name}", sub.format_help()) for name, sub in action.choices.items()
            ]

    def verbatim(text: str) -> str:
        lines = [line.replace("\\", "\\e").replace("-", "\\-") for line in text.splitlines()]
        return "\n".join(f"\\&{line}" if line else "" for line in lines)

    page = [
        f'.TH PACER 1 "{when:%Y-%m-%d}" "Pacer {__version__}" "User Commands"',
        ".SH NAME",
        "pacer \\- calm pacer for slow breathing and relaxation",
        ".SH SYNOPSIS",
        ".B pacer",
        "[\\fIOPTIONS\\fR] [\\fICOMMAND\\fR [\\fIOPTIONS\\fR]]",
        ".SH DESCRIPTION",
        "Pacer opens a window that paces slow belly breathing and a gentle",
        "clench-and-let-go relaxation sequence, and keeps a private practice log.",
        "Its sub-commands start a session at once, write a guided session to a",
        "WAV file, and export or import the log.",
    ]
    for title, text in sections:
        page += [".SH " + (title.upper() if title else "OPTIONS"), ".nf", verbatim(text), ".fi"]
    page += [
        ".SH FILES",
        "Your log and settings: \\fI~/.local/share/pacer/\\fR (or \\fI$XDG_DATA_HOME/pacer\\fR).",
        "The program itself: \\fI/opt/pacer/\\fR.",
    ]
    return "\n".join(page) + "\n"


def install_manual(root: Path, when: datetime) -> None:
    target = root / "usr" / "share" / "man" / "man1" / "pacer.1.gz"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(gzip.compress(manual_page(when).encode(), compresslevel=9, mtime=0))
    target.chmod(0o644)


def installed_size_kib(root: Path) -> int:
    total = sum(p.lstat().st_size for p in root.rglob("*") if p.is_file() or p.is_symlink())
    return (total + 1023) // 1024


def write_control(root: Path, architecture: str, depends: list[str], recommends: list[str]) -> str:
    template = (HERE / "control.in").read_text(encoding="utf-8")
    lines = [line for line in template.splitlines() if not line.startswith("#")]
    control = "\n".join(lines).strip() + "\n"
    control = (
        control.replace("@VERSION@", __version__)
        .replace("@ARCHITECTURE@", architecture)
        .replace("@INSTALLED_SIZE@", str(installed_size_kib(root)))
        .replace("@DEPENDS@", ", ".join(depends))
        .replace("@RECOMMENDS@", ", ".join(recommends))
    )
    # A relation with nothing in it (no Recommends, say) is left out, not written empty.
    control = "\n".join(line for line in control.splitlines() if not line.endswith(": ")) + "\n"
    debian = root / "DEBIAN"
    debian.mkdir(mode=0o755)
    (debian / "control").write_text(control, encoding="utf-8")
    sums = []
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(root).as_posix()
        if not relative.startswith("DEBIAN/"):
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative}\n")
    (debian / "md5sums").write_text("".join(sums), encoding="utf-8")
    for name in ("control", "md5sums"):
        (debian / name).chmod(0o644)
    return control


def maintainer_from_template() -> str:
    match = re.search(r"^Maintainer: (.+)$", (HERE / "control.in").read_text(), re.MULTILINE)
    if match is None:
        raise BuildError("control.in has no Maintainer line")
    return match.group(1)


def check_bundle_version(bundle: Path) -> None:
    program = bundle / "pacer"
    if not program.is_file():
        raise BuildError(f"no bundle at {bundle}: run 'make bundle' first")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    shown = run([str(program), "--version"], env=env, timeout=60).stdout.split()
    if shown[-1:] != [__version__]:
        raise BuildError(
            f"the bundle at {bundle} is Pacer {' '.join(shown[-1:]) or '?'}, the source is "
            f"{__version__}: rebuild it with 'make bundle'"
        )


def build(bundle: Path, out_dir: Path, work: Path, xz_level: int = 6) -> Path:
    require_tools("dpkg-deb", "dpkg", "ldd", "objdump", "desktop-file-validate")
    bundle = bundle.absolute()
    check_bundle_version(bundle)
    architecture = run(["dpkg", "--print-architecture"], check=True).stdout.strip()
    depends, recommends = relations(bundle)

    root = work / "root"
    if work.exists():
        shutil.rmtree(work)
    root.mkdir(parents=True, mode=0o755)
    install_bundle(bundle, root)
    install_desktop_files(root)
    when = datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", time.time())), UTC)
    install_documents(root, maintainer_from_template(), when)
    install_manual(root, when)
    launcher = root / "usr" / "share" / "applications" / f"{APP_ID}.desktop"
    checked = run(["desktop-file-validate", str(launcher)])
    if checked.returncode != 0:
        raise BuildError(f"the launcher does not validate: {checked.stdout.strip()}")
    for folder in [root, *(p for p in root.rglob("*") if p.is_dir() and not p.is_symlink())]:
        folder.chmod(0o755)
    control = write_control(root, architecture, depends, recommends)

    out_dir.mkdir(parents=True, exist_ok=True)
    deb = out_dir / f"{PACKAGE}_{__version__}_{architecture}.deb"
    result = run(
        ["dpkg-deb", "--root-owner-group", "-Zxz", f"-z{xz_level}", "--build", str(root), str(deb)]
    )
    if result.returncode != 0:
        raise BuildError(f"dpkg-deb: {(result.stderr or result.stdout).strip()}")
    shutil.rmtree(work)
    print(control, end="")
    return deb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the Debian package from the bundle.")
    parser.add_argument("--bundle", type=Path, default=ROOT / "packaging" / "dist" / "Pacer")
    parser.add_argument("--out", type=Path, default=ROOT / "packaging" / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "packaging" / "build" / "deb")
    parser.add_argument(
        "--xz-level", type=int, default=6, choices=range(10), help="6 (default): smallest .deb"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        deb = build(args.bundle, args.out, args.work, args.xz_level)
    except BuildError as error:
        print(f"build_deb: {error}", file=sys.stderr)
        return 1
    size = deb.stat().st_size / 1024 / 1024
    print(f"Built {deb.relative_to(ROOT) if deb.is_relative_to(ROOT) else deb}: {size:.1f} MB")
    print(f"in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
