#!/bin/sh
# Graph view benchmark (see docs/PERFORMANCE.md, "Views: graph"): layout of 5,000 and
# 12,000-node synthetic graphs (the second capped at 5,000), full frames (zoom, release) and
# drag frames as the canvas paints them ("pan with cache": the cached layer blitted shifted).
# Build first: cmake --build <build> --target bench_graph
set -e
BUILD=${1:-build/release}
for n in 1000 5000 12000; do
    echo "== $n nodes"
    QT_QPA_PLATFORM=offscreen "$BUILD/bin/bench_graph" --nodes "$n" --frames 60 --png "/tmp/bench_graph_$n.png"
done
