#!/usr/bin/env bash
# Table export (CSV) on a 1,000,000-event case: all events, and the failures only.
#   bench/tableexport.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bin/gen_accesslog" --lines 1000000 --ips 50000 --ipv6-percent 6 --out "$work/access.log"
"$build/bin/netcase" new "$work/big.netcase" --authorization BENCH-1 >/dev/null
"$build/bin/netcase" import "$work/big.netcase" "$work/access.log" --no-analyze >/dev/null
"$build/bin/bench_tableexport" "$work/big.netcase"
