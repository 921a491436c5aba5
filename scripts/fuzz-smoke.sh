#!/usr/bin/env bash
# Builds the libFuzzer harnesses (preset "fuzz": clang, ASan + UBSan) and runs each for a short
# time, seeded with the golden inputs and the saved regressions. A crash, leak, timeout or
# failed check fails the script, and the input that caused it is copied to
# tests/fuzz/regressions/<format>/: commit it with the fix, and tests/importers/
# tst_fuzzregressions replays it in every normal test run from then on.
#   FUZZ_SECONDS   seconds per harness (default 20; six harnesses)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds=${FUZZ_SECONDS:-20}
jobs=${FUZZ_JOBS:-2}

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target netcase_fuzz -j"$jobs"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for harness in fuzz_apache:apache fuzz_syslog:syslog fuzz_journal:journal fuzz_zeek:zeek \
               fuzz_zeekjson:zeek-json fuzz_nfdump:nfdump; do
    bin=${harness%%:*}
    format=${harness#*:}
    mkdir -p "$work/$format/corpus" "$work/$format/artifacts"
    seeds=()
    for d in "tests/fuzz/seeds/$format" "tests/importers/golden/$format" \
             "tests/fuzz/regressions/$format"; do
        [ -d "$d" ] && seeds+=("$d")
    done
    log="$work/$format/log"
    if build/fuzz/fuzz/"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len=65536 -artifact_prefix="$work/$format/artifacts/" \
            "$work/$format/corpus" "${seeds[@]}" >"$log" 2>&1; then
        runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 || true)
        echo "fuzz $format: ok (${runs:-no summary}, ${seconds}s)"
    else
        echo "fuzz $format: FAILED" >&2
        tail -40 "$log" >&2
        mkdir -p "tests/fuzz/regressions/$format"
        for a in "$work/$format/artifacts/"*; do
            [ -f "$a" ] || continue
            cp "$a" "tests/fuzz/regressions/$format/"
            echo "  saved tests/fuzz/regressions/$format/$(basename "$a")" >&2
        done
        status=1
    fi
done
exit $status
