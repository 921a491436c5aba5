#!/usr/bin/env bash
# Import of an input the project did not design (issue 27, target 2), against lnav on the same
# file: the real Apache sample in ../shared/samples resampled up to 1,000,000 lines with new
# addresses and times (bench/resample_apache.py; built at run time, never committed), and the
# generator's access log beside it. Each file: lnav's index + count(*) and Netcase's in-process
# import (bench_import, store only) alternate RUNS times; wall and CPU (user+sys) medians and
# the ratios Netcase/lnav are printed. Run by hand.
#
#   bench/import-real.sh [BUILD_DIR] [RUNS] [WORK_DIR]   (build/release, 5, /tmp/netcase-bench)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../build/release}" && pwd)
runs=${2:-5}
work=${3:-/tmp/netcase-bench}
sample=${NETCASE_SHARED:-$here/../../shared}/samples/apache/elastic-examples_apache_logs.log
[ -s "$sample" ] || sample=/work/shared/samples/apache/elastic-examples_apache_logs.log
[ -s "$sample" ] || { echo "no Apache sample (../shared/samples/apache)" >&2; exit 1; }
[ -x "$build/bin/bench_import" ] || { echo "build bench_import first" >&2; exit 1; }
command -v lnav >/dev/null || { echo "lnav is not installed" >&2; exit 1; }
mkdir -p "$work"
real=$work/apache_resampled_1m.log
if [ ! -s "$real" ]; then
    python3 "$here/resample_apache.py" "$sample" --lines 1000000 --out "$real.tmp"
    mv "$real.tmp" "$real"
fi
gen=$work/access_1m.log
if [ ! -s "$gen" ]; then
    "$build/bin/gen_accesslog" --lines 1000000 --ips 50000 --ipv6-percent 6 \
        --referer-percent 80 --url-variety 5000 --out "$gen.tmp"
    mv "$gen.tmp" "$gen"
fi
export HOME="$work/lnav-home" # lnav keeps state under HOME: a throw-away one
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); lnav $(lnav -V | head -1)"
for f in "$real" "$gen"; do
    echo "== $(basename "$f"): $(wc -l <"$f") lines, $(($(stat -c %s "$f") / 1000000)) MB," \
         "$(cut -d' ' -f1 "$f" | sort -u | wc -l) addresses, $(cut -d'"' -f2 "$f" | sort -u | wc -l) distinct requests," \
         "$(cut -d'"' -f6 "$f" | sort -u | wc -l) agents"
    : >"$work/real.runs"
    for i in $(seq "$runs"); do
        rm -rf "$HOME" && mkdir -p "$HOME"
        /usr/bin/time -f "lnav %e %U %S" -o "$work/time.out" \
            lnav -n -c ';SELECT count(*) AS n FROM access_log' "$f" >/dev/null
        cat "$work/time.out" >>"$work/real.runs"
        rm -f "$work"/real.netcase*
        "$build/bin/bench_import" "$f" --label real --case "$work/real.netcase" \
            | sed -n 's/^json .*"cpu_s":\([0-9.]*\).*"stored_events":\([0-9]*\).*"wall_s":\([0-9.]*\).*/netcase \3 \1 0 \2/p' \
            >>"$work/real.runs"
    done
    rm -f "$work"/real.netcase*
    awk '{ cpu = $3 + $4 } $1 == "lnav" { lw[++nl] = $2; lc[nl] = cpu }
         $1 == "netcase" { nw[++nn] = $2; nc[nn] = cpu; ev = $5 }
         function med(a, n,   i, j, t, b) { for (i = 1; i <= n; i++) b[i] = a[i]
             for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (b[j] < b[i]) { t = b[i]; b[i] = b[j]; b[j] = t }
             return b[int((n + 1) / 2)] }
         END { printf "   lnav index+count: wall median %.2f s, cpu %.2f s (%d runs)\n", med(lw, nl), med(lc, nl), nl
               printf "   netcase store-only import: wall median %.2f s, cpu %.2f s, %d events stored\n", med(nw, nn), med(nc, nn), ev
               printf "   ratio netcase/lnav: wall %.2f, cpu %.2f\n", med(nw, nn) / med(lw, nl), med(nc, nn) / med(lc, nl) }' \
        "$work/real.runs"
done
rm -rf "$HOME"
