#!/usr/bin/env bash
# Analysis benchmark: 1,000,000 authentication events analysed in a release build.
# Usage: bench/analysis.sh [EVENTS [--stages] [--dump FILE]]   (results go to docs/PERFORMANCE.md
# by hand; --stages times each detection, --dump writes the findings to compare two builds)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=build/bench-analysis
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target bench_analysis -j2
"$build/bin/bench_analysis" --events "${1:-1000000}" --case /tmp/bench_analysis.netcase "${@:2}"
