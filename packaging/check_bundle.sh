#!/usr/bin/env bash
# Build the packaged app (`make bundle`), check it starts and quits cleanly offscreen, and
# print its size and build time. Run by .ci/run after the test suite; fine to run by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

case "$(uname -s)" in
    Darwin) app="packaging/dist/Pacer.app/Contents/MacOS/pacer"; folder="packaging/dist/Pacer.app" ;;
    *) app="packaging/dist/Pacer/pacer"; folder="packaging/dist/Pacer" ;;
esac

started=$(date +%s.%N)
make bundle
finished=$(date +%s.%N)

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

echo "== self-check (assets, sub-commands, lazily imported libraries, sound library)"
"$app" --self-check

echo "== start offscreen, quit after 3 s"
status=0
QT_QPA_PLATFORM=offscreen timeout 60 "$app" --quit-after 3 --data-dir "$scratch/data" \
    >"$scratch/out.txt" 2>"$scratch/err.txt" || status=$?
cat "$scratch/out.txt" "$scratch/err.txt"
if [ "$status" -ne 0 ]; then
    echo "The bundled app exited with status $status (expected 0)." >&2
    exit 1
fi
if grep -q "Traceback" "$scratch/err.txt"; then
    echo "The bundled app printed a traceback." >&2
    exit 1
fi
if [ "$(stat -c %a "$scratch/data" 2>/dev/null || stat -f %Lp "$scratch/data")" != 700 ]; then
    echo "The bundled app did not create its data folder as private (0700)." >&2
    exit 1
fi

if [ "$(uname -s)" = Linux ]; then
    echo "== double-click: install the bundle's own launcher in a private home, gio launch it on Xvfb"
    PACER_BUNDLE_DIR="$folder" .venv/bin/python -m pytest -q -p no:cacheprovider \
        "tests/test_desktop_launch.py::test_double_clicking_the_bundles_launcher_opens_the_bundle"
fi

tar -czf "$scratch/bundle.tar.gz" -C "$(dirname "$folder")" "$(basename "$folder")"
unpacked_mb=$(du -sk "$folder" | awk '{printf "%.0f", $1 / 1024}')
packed_mb=$(du -k "$scratch/bundle.tar.gz" | awk '{printf "%.0f", $1 / 1024}')
build_s=$(awk -v a="$started" -v b="$finished" 'BEGIN {printf "%.0f", b - a}')
echo "== bundle: $folder"
echo "unpacked: ${unpacked_mb} MB (aim < 250 MB)"
echo "tar.gz:   ${packed_mb} MB (aim < 100 MB)"
echo "build:    ${build_s} s (make bundle, including installing PyInstaller the first time)"
echo "The bundled app started and quit cleanly."
