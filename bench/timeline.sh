#!/bin/sh
# Timeline re-bucketing benchmark: 10,000,000 events over 30 days (the case is generated once
# and reused). Usage: bench/timeline.sh [BUILD_DIR] [EVENTS]
set -e
BUILD=${1:-build/release}
EVENTS=${2:-10000000}
CASE=${TMPDIR:-/tmp}/netcase-bench-timeline-$EVENTS.netcase
cmake --build "$BUILD" --target bench_timeline -j2
"$BUILD/bin/bench_timeline" "$CASE" "$EVENTS"
