#!/usr/bin/env bash
# A/B import benchmark for a noisy machine: runs bench_import of two builds on the same access
# log in pairs, interleaved (A B, B A, A B, ...), so both see the same moments of the VM's
# varying speed, and prints each build's walls, medians, the ratio of the medians B/A and the
# median of the pairs' own ratios B/A (wall and CPU), which is what judges a change. Run by hand; figures go to
# docs/PERFORMANCE.md ("Import").
#
#   bench/import-ab.sh BUILD_A BUILD_B [RUNS] [FILE]
#       RUNS defaults to 7; FILE to /tmp/netcase-bench/access_1m.log (bench/import.sh makes it)
#
# A baseline build of an older commit:  git worktree add /tmp/base REV &&
#   (cd /tmp/base && cmake --preset release && cmake --build build/release --target bench_import)
set -euo pipefail
a=$(cd "$1" && pwd)/bin/bench_import
b=$(cd "$2" && pwd)/bin/bench_import
runs=${3:-7}
file=${4:-/tmp/netcase-bench/access_1m.log}
for tool in "$a" "$b"; do
    [ -x "$tool" ] || { echo "missing $tool: build bench_import first" >&2; exit 1; }
done
[ -s "$file" ] || { echo "missing $file: run bench/import.sh once to generate it" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg); $runs runs each, interleaved"
for i in $(seq "$runs"); do
    order="A B"
    [ $((i % 2)) = 0 ] && order="B A"
    for side in $order; do
        tool=$a
        [ "$side" = B ] && tool=$b
        rm -f "$work"/ab.netcase*
        "$tool" "$file" --label "$side" --case "$work/ab.netcase" \
            | sed -n 's/^json .*"cpu_s":\([0-9.]*\).*"wall_s":\([0-9.]*\).*/\2 \1/p' \
            | awk -v s="$side" '{ printf "%s %.3f %.3f\n", s, $1, $2 }' >>"$work/runs"
    done
done
median() { # side
    awk -v s="$1" '$1 == s { print $2 }' "$work/runs" | sort -n | awk '
        { w[NR] = $1 } END { print w[int((NR + 1) / 2)] }'
}
for side in A B; do
    echo "$side walls: $(awk -v s="$side" '$1 == s { print $2 }' "$work/runs" | sort -n | xargs)" \
         " cpu: $(awk -v s="$side" '$1 == s { print $3 }' "$work/runs" | sort -n | xargs)" \
         " median wall $(median "$side") s"
done
awk -v a="$(median A)" -v b="$(median B)" 'BEGIN { printf "ratio of medians B/A: %.2f\n", b / a }'
# Each pair's own ratio (lines 2i-1 and 2i of the runs file hold pair i, in either order).
awk '{ v[$1] = $2; c[$1] = $3 } NR % 2 == 0 { print v["B"] / v["A"], c["B"] / c["A"] }' \
    "$work/runs" >"$work/pairs"
for col in 1 2; do
    sort -n -k"$col","$col" "$work/pairs" | awk -v col="$col" '
        { r[NR] = $col } END {
            printf "median of %d paired ratios B/A, %s: %.3f (%.3f..%.3f)\n", NR,
                   col == 1 ? "wall" : "cpu", r[int((NR + 1) / 2)], r[1], r[NR] }'
done
