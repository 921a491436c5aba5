#!/usr/bin/env bash
# The query language on a 1,000,000-event case (bench_query: count of matches, best and median
# of 5, peak memory), beside grep -c (the floor for text over the raw lines) and lnav's SQL on
# the same 1,000,000-line file when lnav is installed.
#   bench/query.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log="$work/access.log"
"$build/bin/gen_accesslog" --lines 1000000 --ips 50000 --ipv6-percent 6 --referer-percent 30 \
    --url-variety 1000 --out "$log"
"$build/bin/bench_query" "$work/big.netcase" --import "$log" \
    'src:{ip}' 'ip:{ip}' 'user:{user}' 'src:{ip16}' 'ip:{ip16}' 'status>=500' \
    'ua:/python-requests.*/' 'path:/admin*' \
    '"wp-login"' 'wp-login' '/wp-login\.php/' 'src:{ip} "wp-login"' | tee "$work/out.txt"
ip=$(sed -n 's/.*{ip} = \([^,]*\),.*/\1/p' "$work/out.txt")
timed() { # label, command...
    local label=$1; shift
    local start end out
    start=$(date +%s%N)
    out=$("$@" || true)
    end=$(date +%s%N)
    printf '%-40s %10s %10.1f\n' "$label" "$out" "$(echo "($end - $start) / 1000000" | bc -l)"
}
echo "baselines (one run each, ms):"
timed "grep -c 'wp-login'" grep -c 'wp-login' "$log"
timed "grep -ci 'wp-login'" grep -ci 'wp-login' "$log"
timed "grep -cE 'wp-login\\.php'" grep -cE 'wp-login\.php' "$log"
timed "grep -c '^$ip '" grep -c "^$ip " "$log"
if command -v lnav >/dev/null; then
    # lnav indexes the file on every start: its time includes reading the 1,000,000 lines.
    timed "lnav SQL c_ip = ip" lnav -n -c ";SELECT count(*) FROM access_log WHERE c_ip = '$ip'" "$log"
    timed "lnav SQL regexp wp-login" lnav -n -c ";SELECT count(*) FROM access_log WHERE log_text REGEXP 'wp-login\\.php'" "$log"
    timed "lnav SQL count(*) (indexing alone)" lnav -n -c ";SELECT count(*) FROM access_log" "$log"
fi
