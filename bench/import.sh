#!/usr/bin/env bash
# Import benchmark (issue 3 "Speed"): generates the inputs once, imports each into a fresh case
# (in-process through bench_import, then through the real `netcase import` under /usr/bin/time)
# and runs lnav on the same access log for comparison. Run by hand; results go to
# docs/PERFORMANCE.md ("Import").
#
#   bench/import.sh [BUILD_DIR] [WORK_DIR]      (defaults: build/release, /tmp/netcase-bench)
#   BIG=1 bench/import.sh ...                   also the 5,000,000-line access log (memory bound)
#   ONLY=access bench/import.sh ...             only the inputs whose label contains "access"
#   RATIO_RUNS=9 bench/import.sh ...            alternating lnav/Netcase runs for the ratio (5)
#
# Build first: cmake --preset release && cmake --build build/release --target netcase \
#              bench_import gen_accesslog
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../build/release}" && pwd)
work=${2:-/tmp/netcase-bench}
bin=$build/bin
mkdir -p "$work"
for tool in netcase bench_import gen_accesslog; do
    [ -x "$bin/$tool" ] || { echo "missing $bin/$tool: build it first (see the header)" >&2; exit 1; }
done

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== inputs in $work (generated once, deterministic)"
gen() { # file command...
    local f=$1; shift
    if [ ! -s "$f" ]; then
        echo "   generating $(basename "$f")"
        "$@" --out "$f.tmp" && mv "$f.tmp" "$f"
    fi
}
gen "$work/access_1m.log" "$bin/gen_accesslog" --lines 1000000 --ips 50000 --ipv6-percent 6 \
    --referer-percent 80 --url-variety 5000
gen "$work/auth_1m.log" python3 "$here/gen_sshd.py" --lines 1000000 --ips 50000
gen "$work/okta_1m.json" python3 "$here/gen_okta.py" --lines 1000000
if [ "${BIG:-0}" = 1 ]; then
    gen "$work/access_5m.log" "$bin/gen_accesslog" --lines 5000000 --ips 250000 \
        --ipv6-percent 6 --referer-percent 80 --url-variety 50000 --seed 7
fi
ls -l "$work"/*.log "$work"/*.json 2>/dev/null | awk '{printf "   %-16s %8.1f MB\n", $9, $5 / 1e6}' \
    | sed "s|$work/||"

bench() { # label file
    local label=$1 file=$2
    [ -s "$file" ] || return 0
    case "$label" in *"${ONLY:-}"*) ;; *) return 0 ;; esac
    echo "== $label: in-process ImportJob (bench_import)"
    if ! "$bin/bench_import" "$file" --label "$label" --case "$work/bench.netcase"; then
        echo "   $label: not imported (is its importer registered yet?)"
        return 0
    fi
    if [ "$label" = access-1M ]; then
        echo "== $label: in-process beside a second open connection (as in the GUI: WAL kept)"
        "$bin/bench_import" "$file" --label "$label-gui" --case "$work/bench.netcase" --reader \
            || true
    fi
    echo "== $label: netcase new + netcase import --no-analyze (/usr/bin/time)"
    rm -f "$work/cli.netcase" "$work/cli.netcase-wal" "$work/cli.netcase-shm"
    "$bin/netcase" new "$work/cli.netcase" --title "import benchmark" --authorization BENCH-1 >/dev/null
    /usr/bin/time -f "   wall %e s  user %U s  sys %S s  peak RSS %M KB" \
        "$bin/netcase" import "$work/cli.netcase" "$file" --no-analyze | sed 's/^/   /'
    rm -f "$work/cli.netcase" "$work/cli.netcase-wal" "$work/cli.netcase-shm"
}

bench access-1M "$work/access_1m.log"
bench sshd-1M "$work/auth_1m.log"
bench okta-1M "$work/okta_1m.json"
bench access-5M "$work/access_5m.log"

case "access-1M" in *"${ONLY:-}"*) ;; *) exit 0 ;; esac
if command -v lnav >/dev/null; then
    # lnav keeps state under $HOME/.lnav: give it a throw-away home so runs are comparable.
    export HOME="$work/lnav-home"
    rm -rf "$HOME" && mkdir -p "$HOME"
    log="$work/access_1m.log"
    echo "== lnav $(lnav -V | head -1) on access_1m.log (headless, -n)"
    /usr/bin/time -f "   index + field query: wall %e s  user %U s  sys %S s  peak RSS %M KB" \
        lnav -n -c ';SELECT count(*) AS n FROM access_log WHERE sc_status >= 400 AND cs_method = "POST"' \
        "$log" | tr -s ' ' | sed 's/^/   /'
    # The machine's speed drifts by the minute: lnav's index and Netcase's import alternate,
    # RATIO_RUNS times each, and the ratio is that of the two medians.
    runs=${RATIO_RUNS:-5}
    : >"$work/ratio.runs"
    for _ in $(seq "$runs"); do
        t0=$(date +%s.%N)
        lnav -n -c ';SELECT count(*) AS n FROM access_log' "$log" >/dev/null
        t1=$(date +%s.%N)
        echo "lnav $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')" >>"$work/ratio.runs"
        rm -f "$work"/bench.netcase*
        echo "netcase $("$bin/bench_import" "$log" --label ratio --case "$work/bench.netcase" \
            | sed -n 's/^json .*"wall_s":\([0-9.]*\).*/\1/p')" >>"$work/ratio.runs"
    done
    rm -rf "$HOME"
    median() { # tool
        awk -v t="$1" '$1 == t { print $2 }' "$work/ratio.runs" | sort -n \
            | awk '{ w[NR] = $1 } END { printf "%.2f", w[int((NR + 1) / 2)] }'
    }
    for tool in lnav netcase; do
        echo "   $tool: $(awk -v t="$tool" '$1 == t { printf "%.2f ", $2 }' "$work/ratio.runs")"
    done
    lnav_index=$(median lnav)
    ours=$(median netcase)
    echo "== ratio: lnav index time / Netcase import time = " \
         "$(awk -v l="$lnav_index" -v n="$ours" 'BEGIN { printf "%.2f", l / n }')" \
         "(medians of $runs alternating runs: Netcase import ${ours} s, lnav index+count ${lnav_index} s)"
else
    echo "== lnav not installed (scripts/setup.sh installs it): no comparison"
fi
