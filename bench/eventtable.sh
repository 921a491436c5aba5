#!/usr/bin/env bash
# Event table on a 1,000,000-event case: open, first screen, scrolling, random jumps, filter
# changes (time until loaded and the GUI thread's share), case summary, accounts list and context.
#   bench/eventtable.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bin/gen_accesslog" --lines 1000000 --ips 50000 --ipv6-percent 6 --out "$work/access.log"
"$build/bin/netcase" new "$work/big.netcase" --authorization BENCH-1 >/dev/null
"$build/bin/netcase" import "$work/big.netcase" "$work/access.log" --no-analyze
"$build/bin/bench_eventtable" "$work/big.netcase"
