#!/usr/bin/env bash
# Check the Debian package as a user meets it: lintian, `apt-get install ./pacer_….deb`, open
# it from its menu entry with `gio launch` on Xvfb, close it, `apt-get purge` it, and make sure
# nothing of it is left. Run by .ci/run after `make deb`. Needs root (or sudo) and apt-get;
# leaves the machine's packages as it found them.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
version=$(.venv/bin/python -c 'import pacer; print(pacer.__version__)')
deb="$PWD/packaging/dist/pacer_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { echo "No package at $deb: run 'make deb' first." >&2; exit 1; }
if dpkg-query -W -f '${Status}' pacer 2>/dev/null | grep -q "installed"; then
    echo "Pacer's package is already installed here; purge it first (apt-get purge pacer)." >&2
    exit 1
fi

scratch=$(mktemp -d)
pulled_in="$scratch/pulled-in.txt"  # what installing the package adds: pacer and what it brings
: >"$pulled_in"
cleanup() {
    # Whatever happened below, take away the package and exactly what its installation added.
    local added
    added=$(grep -v '^pacer$' "$pulled_in" | while IFS= read -r name; do
        dpkg-query -W -f '${Status}' "$name" 2>/dev/null | grep -q "ok installed" && echo "$name"
    done || true)
    $SUDO apt-get purge -y -qq pacer >/dev/null 2>&1 || true
    if [ -n "$added" ]; then
        # shellcheck disable=SC2086  # one package name per word
        $SUDO apt-get purge -y -qq $added >/dev/null 2>&1 || true
    fi
    rm -rf "$scratch"
}
trap cleanup EXIT

echo "== $(basename "$deb"): $(du -m "$deb" | cut -f1) MB"
dpkg-deb --field "$deb" Depends Recommends

echo "== lintian (overrides, each with its reason: packaging/deb/lintian-overrides)"
started=$(date +%s)
lintian --fail-on error,warning "$deb"
echo "lintian: no errors or warnings ($(($(date +%s) - started)) s)"

# Every path the package holds, and which of them were here already (folders like /usr/share).
dpkg-deb --fsys-tarfile "$deb" | tar -t | sed -e 's|^\./|/|' -e 's|/$||' | grep -v '^$' \
    | sort -u >"$scratch/files.txt"
while IFS= read -r path; do
    if [ -e "$path" ] || [ -L "$path" ]; then echo "$path"; fi
done <"$scratch/files.txt" >"$scratch/already-here.txt"

echo "== apt-get install ./$(basename "$deb")"
$SUDO apt-get install -s "$deb" 2>/dev/null | awk '$1 == "Inst" && $3 !~ /^\[/ {print $2}' >"$pulled_in"
$SUDO apt-get install -y -qq "$deb" >"$scratch/install.txt" 2>&1 || { cat "$scratch/install.txt"; exit 1; }
dpkg-query -W -f '${Package} ${Version}: ${Status}\n' pacer
[ "$(dpkg -L pacer | grep -c .)" -ge "$(grep -c . "$scratch/files.txt")" ]
[ "$(readlink /usr/bin/pacer)" = /opt/pacer/pacer ]
desktop-file-validate /usr/share/applications/org.pacerapp.Pacer.desktop
appstreamcli validate --no-net /usr/share/metainfo/org.pacerapp.Pacer.metainfo.xml >/dev/null
pacer --version

echo "== open it from the menu: gio launch /usr/share/applications/org.pacerapp.Pacer.desktop"
PACER_CHECK_INSTALLED_DEB=1 .venv/bin/python -m pytest -q -p no:cacheprovider \
    "tests/test_desktop_launch.py::test_the_installed_package_opens_from_the_system_menu"

echo "== apt-get purge pacer"
$SUDO apt-get purge -y -qq pacer >/dev/null
left=()
if dpkg-query -W -f '${Status}' pacer 2>/dev/null | grep -q "installed\|config-files"; then
    left+=("the package is still known to dpkg")
fi
if [ -n "$(dpkg -L pacer 2>/dev/null)" ]; then
    left+=("dpkg -L pacer still lists files")
fi
while IFS= read -r path; do
    if [ -e "$path" ] || [ -L "$path" ]; then echo "$path"; fi
done <"$scratch/files.txt" >"$scratch/still-here.txt"
# A folder that was here before the package (/usr/share/applications …) rightly stays.
while IFS= read -r path; do left+=("$path"); done \
    < <(comm -23 "$scratch/still-here.txt" "$scratch/already-here.txt")
for path in /opt/pacer /usr/bin/pacer /usr/share/applications/org.pacerapp.Pacer.desktop \
    /usr/share/metainfo/org.pacerapp.Pacer.metainfo.xml /usr/share/doc/pacer; do
    if [ -e "$path" ] || [ -L "$path" ]; then left+=("$path"); fi
done
while IFS= read -r icon; do left+=("$icon"); done < <(find /usr/share/icons -name 'org.pacerapp.Pacer.*' 2>/dev/null)
if [ "${#left[@]}" -ne 0 ]; then
    printf 'Left behind after purge: %s\n' "${left[@]}" >&2
    exit 1
fi
echo "Purged: none of its $(wc -l <"$scratch/files.txt") paths is left."
echo "The package installs, opens from the menu, closes cleanly and purges without a trace."
