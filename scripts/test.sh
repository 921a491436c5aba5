#!/usr/bin/env bash
# Sets up this Debian 12 machine (idempotent), builds Netcase and runs the whole test suite.
# NETCASE_PRESET=asan runs it under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
preset=${NETCASE_PRESET:-dev}
jobs=$(nproc)

bash scripts/setup.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j"$jobs"
ctest --preset "$preset" -j"$jobs" --timeout 600
if [ "$preset" = dev ] && [ -z "${NETCASE_SKIP_PACKAGE:-}" ]; then
    bash scripts/package-check.sh "build/$preset"
fi
