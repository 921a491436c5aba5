#!/usr/bin/env bash
# Sets up this Debian 12 machine (idempotent), builds Netcase and runs the whole test suite.
#   NETCASE_PRESET=asan   run it under AddressSanitizer + UndefinedBehaviorSanitizer
#   NETCASE_SKIP_PACKAGE=1 / NETCASE_SKIP_FUZZ=1   skip the packaging check / the fuzz smoke run
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
preset=${NETCASE_PRESET:-dev}
jobs=$(nproc)

bash scripts/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$jobs"
if [ "$preset" = dev ]; then
    bash scripts/format-check.sh
    bash scripts/check-odr.sh "build/$preset"
    bash scripts/check-sql.sh
    [ -n "${NETCASE_SKIP_PACKAGE:-}" ] || bash scripts/package-check.sh "build/$preset"
    if [ -z "${NETCASE_SKIP_FUZZ:-}" ] && [ -x scripts/fuzz-smoke.sh ]; then
        bash scripts/fuzz-smoke.sh
    fi
fi
# Last, so that its summary closes the output.
ctest --preset "$preset" -j"$jobs" --timeout 600
