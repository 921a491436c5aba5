#!/usr/bin/env bash
# What encryption at rest costs (issue 24, docs/AUDIT.md "Encryption at rest"): the
# 1,000,000-line generated access log (as bench/import.sh makes it) imported with
# `netcase import --no-analyze` into a plain and into an encrypted case (`new --encrypt`), the
# two alternating RUNS times each (the machine's speed drifts); then `info` on each case (the
# encrypted one decrypts the whole file first) and `verify`. Prints every run, the medians and
# the file sizes. Run by hand; the figures go to docs/AUDIT.md.
#
#   bench/encrypt.sh [BUILD_DIR] [WORK_DIR]     (defaults: build/release, /tmp/netcase-bench)
#   RUNS=3 bench/encrypt.sh ...                 alternating runs of each (default 3)
#
# Build first: cmake --build BUILD_DIR --target netcase netcase-sqlcipher gen_accesslog
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../build/release}" && pwd)
work=${2:-/tmp/netcase-bench}
bin=$build/bin
mkdir -p "$work"
for tool in netcase netcase-sqlcipher gen_accesslog; do
    [ -x "$bin/$tool" ] || { echo "missing $bin/$tool: build it first (see the header)" >&2; exit 1; }
done
log=$work/access_1m.log
if [ ! -s "$log" ]; then
    echo "   generating access_1m.log"
    "$bin/gen_accesslog" --lines 1000000 --ips 50000 --ipv6-percent 6 --referer-percent 80 \
        --url-variety 5000 --out "$log.tmp" && mv "$log.tmp" "$log"
fi
key=$work/encrypt-bench.key
printf 'benchmark passphrase\n' >"$key"
chmod 600 "$key"
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "working copies in ${XDG_RUNTIME_DIR:-/dev/shm} ($(df --output=fstype /dev/shm | tail -1))"

secs() { # command... -> wall seconds on stdout, the command's output dropped
    local t0 t1
    t0=$(date +%s.%N)
    "$@" >/dev/null
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}
clean() { rm -f "$1" "$1-wal" "$1-shm" "$1.lock"; }

runs=${RUNS:-3}
: >"$work/encrypt.runs"
for i in $(seq "$runs"); do
    for kind in plain encrypted; do
        c=$work/enc-$kind.netcase
        clean "$c"
        if [ "$kind" = plain ]; then
            "$bin/netcase" new "$c" --authorization BENCH-1 >/dev/null
            t=$(secs "$bin/netcase" import "$c" "$log" --no-analyze)
        else
            "$bin/netcase" new "$c" --authorization BENCH-1 --encrypt --key-file "$key" >/dev/null
            t=$(secs "$bin/netcase" import "$c" "$log" --no-analyze --key-file "$key")
        fi
        echo "import $kind $t" >>"$work/encrypt.runs"
        echo "   run $i: import into the $kind case: $t s"
    done
done
median() { # what kind
    awk -v w="$1" -v k="$2" '$1 == w && $2 == k { print $3 }' "$work/encrypt.runs" | sort -n \
        | awk '{ v[NR] = $1 } END { printf "%.2f", v[int((NR + 1) / 2)] }'
}
for kind in plain encrypted; do
    c=$work/enc-$kind.netcase
    k=()
    [ "$kind" = encrypted ] && k=(--key-file "$key")
    for i in $(seq "$runs"); do
        echo "info $kind $(secs "$bin/netcase" info "$c" "${k[@]}")" >>"$work/encrypt.runs"
        echo "verify $kind $(secs "$bin/netcase" verify "$c" "${k[@]}")" >>"$work/encrypt.runs"
    done
done
echo "== medians of $runs runs (wall seconds)"
for what in import info verify; do
    p=$(median "$what" plain)
    e=$(median "$what" encrypted)
    echo "   $what: plain $p s, encrypted $e s (+$(awk -v a="$p" -v b="$e" \
        'BEGIN { printf "%.2f s, %+.0f%%", b - a, (b - a) * 100 / a }'))"
done
echo "== file sizes: plain $(stat -c %s "$work/enc-plain.netcase") bytes," \
     "encrypted $(stat -c %s "$work/enc-encrypted.netcase") bytes"
clean "$work/enc-plain.netcase"
clean "$work/enc-encrypted.netcase"
rm -f "$key"
