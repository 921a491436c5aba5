#!/usr/bin/env bash
# A/B import benchmark for a noisy machine: runs bench_import of two builds on the same access
# log, interleaved (A, B, A, B, ...), so both see the same moments of the VM's varying speed,
# and prints each build's walls, medians and the ratio B/A. Run by hand; figures go to
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
    for side in A B; do
        tool=$a
        [ "$side" = B ] && tool=$b
        rm -f "$work"/ab.netcase*
        "$tool" "$file" --label "$side" --case "$work/ab.netcase" \
            | sed -n 's/^json .*"cpu_s":\([0-9.]*\).*"wall_s":\([0-9.]*\).*/\2 \1/p' \
            | awk -v s="$side" '{ printf "%s %.2f %.2f\n", s, $1, $2 }' >>"$work/runs"
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
