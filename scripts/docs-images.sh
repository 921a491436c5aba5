#!/usr/bin/env bash
# Regenerates the images in docs/ from the demo case, so they show the current build:
#   docs/screenshots/*.png          one per view plus the main window, light and dark (README)
#   docs/demo-report.html           the HTML report of the demo case
#   docs/demo-report-page-NN.png    the pages of its PDF report (A4), rendered by pdftoppm
# Run scripts/demo.sh first: it builds Netcase and the demo case (with geodata when online).
#   scripts/docs-images.sh [BUILD_DIR] [CASE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
demo=${2:-${XDG_DATA_HOME:-$HOME/.local/share}/Netcase/netcase/demo.netcase}
bin=$build/bin/netcase
[ -x "$bin" ] || { echo "docs-images: no $bin; build first" >&2; exit 1; }
[ -f "$demo" ] || { echo "docs-images: no demo case at $demo; run scripts/demo.sh" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Work on a copy: opening a case is audited, and the demo case should stay as demo.sh left it.
cp "$demo" "$work/demo.netcase"

# The main window with the top finding opened, so the linked views show one story.
QT_QPA_PLATFORM=offscreen "$bin" screenshot "$work/demo.netcase" --out "$work/shots" \
    --finding 1 --width 1600 --height 1000 >/dev/null 2>&1
mkdir -p docs/screenshots
# Overwrites the views' pictures only: the tests' dialogs and the hand-made ones stay.
cp "$work"/shots/*.png docs/screenshots/
# The same window with a dark palette: every view must stay readable there too.
QT_QPA_PLATFORM=offscreen "$bin" screenshot "$work/demo.netcase" --out "$work/dark" \
    --finding 1 --width 1600 --height 1000 --palette dark >/dev/null 2>&1
cp "$work/dark/main.png" docs/screenshots/main-dark.png
# The Events search bar with a query applied.
QT_QPA_PLATFORM=offscreen "$bin" screenshot "$work/demo.netcase" --out "$work/search" \
    --width 1600 --height 1000 --query 'ip:45.155.205.0/24 status>=400 NOT ua:/curl/' >/dev/null 2>&1
cp "$work/search/events.png" docs/screenshots/search.png
# A laptop screen and a full-HD desktop: the default layout must fit both.
for size in 1366x768 1920x1080; do
    QT_QPA_PLATFORM=offscreen "$bin" screenshot "$work/demo.netcase" --out "$work/$size" \
        --finding 1 --width "${size%x*}" --height "${size#*x}" >/dev/null 2>&1
    cp "$work/$size/main.png" "docs/screenshots/main-$size.png"
done

"$bin" report "$work/demo.netcase" -o docs/demo-report.html
"$bin" report "$work/demo.netcase" -o "$work/demo-report.pdf" --page a4
rm -f docs/demo-report-page-*.png
pdftoppm -r 60 -png "$work/demo-report.pdf" docs/demo-report-page
ls docs/screenshots docs/demo-report-page-*.png | wc -l | xargs echo "docs-images: files written:"
