#!/bin/sh
# Map clustering and paint benchmark with 100,000 located addresses: full frames (zoom, the
# render after a drag) and drag frames as the canvas paints them (cached layer, shifted).
# Usage: bench/map.sh [BUILD_DIR] [LOCATIONS]
set -e
BUILD=${1:-build/release}
cmake --build "$BUILD" --target bench_map -j2
QT_QPA_PLATFORM=offscreen "$BUILD/bin/bench_map" "${2:-100000}"
