#!/bin/sh
# Graph view benchmark (see docs/PERFORMANCE.md, "Views: graph"): layout of 5,000 and
# 12,000-node synthetic graphs (the second capped at 5,000) and painting of panned frames.
# Build first: cmake --build <build> --target bench_graph
set -e
BUILD=${1:-build/release}
for n in 1000 5000 12000; do
    echo "== $n nodes"
    "$BUILD/bin/bench_graph" --nodes "$n" --frames 60 --png "/tmp/bench_graph_$n.png"
done
