#!/usr/bin/env bash
# Enrichment benchmark: 100,000 distinct addresses from City + ASN + Anonymous-IP databases.
# Builds bench_enrich in a Release tree, writes the databases with MaxMind's Perl writer and
# runs it. Results go to docs/PERFORMANCE.md ("Enrichment").
#   [BUILD_DIR=build/release] bench/enrich.sh [N]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${BUILD_DIR:-build/bench-enrich}
# An existing tree (BUILD_DIR=build/release) is used as it is configured.
[ -f "$build/CMakeCache.txt" ] ||
    cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNETCASE_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target bench_enrich -j2 >/dev/null
dbs=$(mktemp -d)
trap 'rm -rf "$dbs"' EXIT
perl bench/enrich_mmdb.pl "$dbs" >/dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$build/bin/bench_enrich" "$dbs" "${1:-100000}"
