#!/usr/bin/env bash
# Builds the libFuzzer harnesses (preset "fuzz": clang, ASan + UBSan) and runs each for a short
# time, seeded with the golden inputs and the saved regressions. A crash, leak, timeout or
# failed check fails the script, and the input that caused it is copied to
# tests/fuzz/regressions/<format>/: commit it with the fix, and tests/importers/
# tst_fuzzregressions replays it in every normal test run from then on.
# Every tests/fuzz/fuzz_*.cpp is a harness; its format is the name it passes to fuzzImporter()
# (or, for the container harness, its "// fuzz-format: NAME" line).
#   FUZZ_TOTAL     seconds of fuzzing for all harnesses together (default 200)
#   FUZZ_SECONDS   seconds per harness (default FUZZ_TOTAL / harnesses, at most 20)
#   FUZZ_JOBS      harnesses built and run at once (default: the number of cores)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
harnesses=()
for src in tests/fuzz/fuzz_*.cpp; do
    # (grep finds nothing in the other kind of harness: "|| true" keeps pipefail from ending
    # the script there.)
    format=$(grep -oE 'fuzzImporter\("[^"]+"' "$src" | head -1 | cut -d'"' -f2 || true)
    # A harness that is not an importer names its regression folder: "// fuzz-format: NAME".
    if [ -z "$format" ]; then
        format=$(grep -oE '^// fuzz-format: [a-z0-9_-]+' "$src" | head -1 | cut -d' ' -f3 || true)
    fi
    if [ -n "$format" ]; then
        harnesses+=("$(basename "$src" .cpp):$format")
    else
        echo "fuzz-smoke: $src names no format; not run" >&2
        exit 1
    fi
done
total=${FUZZ_TOTAL:-200}
per=$(( total / ${#harnesses[@]} ))
[ "$per" -gt 20 ] && per=20
[ "$per" -lt 5 ] && per=5
seconds=${FUZZ_SECONDS:-$per}
jobs=${FUZZ_JOBS:-$(nproc)}

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target netcase_fuzz -j"$jobs"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One harness for its seconds; prints its line and, on a failure, saves what made it fail.
run_one() {
    local bin=${1%%:*} format=${1#*:}
    mkdir -p "$work/$format/corpus" "$work/$format/artifacts"
    local seeds=() d
    for d in "tests/fuzz/seeds/$format" "tests/importers/golden/$format" \
             "tests/fuzz/regressions/$format"; do
        [ -d "$d" ] && seeds+=("$d")
    done
    local log="$work/$format/log"
    if build/fuzz/fuzz/"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len=65536 -artifact_prefix="$work/$format/artifacts/" \
            "$work/$format/corpus" "${seeds[@]}" >"$log" 2>&1; then
        local runs
        runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 || true)
        echo "fuzz $format: ok (${runs:-no summary}, ${seconds}s)"
        return 0
    fi
    {
        echo "fuzz $format: FAILED"
        tail -40 "$log"
    } >&2
    mkdir -p "tests/fuzz/regressions/$format"
    local a
    for a in "$work/$format/artifacts/"*; do
        [ -f "$a" ] || continue
        cp "$a" "tests/fuzz/regressions/$format/"
        echo "  saved tests/fuzz/regressions/$format/$(basename "$a")" >&2
    done
    return 1
}

# The harnesses are single-threaded: run $jobs at once (each still fuzzes its own seconds).
status=0
running=0
for harness in "${harnesses[@]}"; do
    run_one "$harness" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || status=1
        running=$((running - 1))
    fi
done
while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
done
exit $status
