#!/usr/bin/env bash
# A/B of `netcase enrich` (issue 27, target 3) for a noisy machine: two netcase binaries enrich
# fresh copies of the same case in interleaved pairs (A B, B A, ...) with the installed geodata
# (scripts/fetch-geodata.sh: DB-IP Lite city, ip-location-db ASN CSV files), and the medians of
# wall and CPU (user+sys) and of the pairs' own ratios B/A are printed. The compiled ASN cache is
# warm (one untimed run of each binary first); COLD=1 removes it before every B run instead.
#
#   bench/enrich-ab.sh NETCASE_A NETCASE_B CASE [RUNS]
#   CASE: a case with its addresses imported, e.g. `netcase import C access.log --no-analyze`
set -euo pipefail
a=$(readlink -f "$1")
b=$(readlink -f "$2")
src=$3
runs=${4:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cache=${XDG_CACHE_HOME:-$HOME/.cache}/Netcase/netcase/compiled
echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
     "$(sqlite3 "$src" 'SELECT count(*) FROM ips') addresses; $runs pairs, interleaved"
for tool in "$a" "$b"; do # warm both (and the page cache)
    cp "$src" "$work/c.netcase" && "$tool" enrich "$work/c.netcase" >/dev/null
done
: >"$work/runs"
for i in $(seq "$runs"); do
    order="A B"
    [ $((i % 2)) = 0 ] && order="B A"
    for side in $order; do
        tool=$a
        [ "$side" = B ] && tool=$b
        [ "$side" = B ] && [ "${COLD:-0}" = 1 ] && rm -rf "$cache"
        rm -f "$work"/c.netcase*
        cp "$src" "$work/c.netcase"
        /usr/bin/time -f "$side %e %U %S" -o "$work/t" "$tool" enrich "$work/c.netcase" >/dev/null
        awk '{ printf "%s %.3f %.3f\n", $1, $2, $3 + $4 }' "$work/t" >>"$work/runs"
    done
    sqlite3 "$work/c.netcase" "SELECT * FROM ip_info ORDER BY id" | md5sum | cut -c1-12 >>"$work/sums"
done
for side in A B; do
    echo "$side wall: $(awk -v s=$side '$1 == s { print $2 }' "$work/runs" | sort -n | xargs)" \
         " cpu: $(awk -v s=$side '$1 == s { print $3 }' "$work/runs" | sort -n | xargs)"
done
awk '{ v[$1] = $2; c[$1] = $3 } NR % 2 == 0 { print v["B"] / v["A"], c["B"] / c["A"] }' \
    "$work/runs" >"$work/pairs"
for col in 1 2; do
    sort -n -k"$col","$col" "$work/pairs" | awk -v col="$col" '
        { r[NR] = $col } END {
            printf "median of %d paired ratios B/A, %s: %.3f (%.3f..%.3f)\n", NR,
                   col == 1 ? "wall" : "cpu", r[int((NR + 1) / 2)], r[1], r[NR] }'
done
echo "ip_info of the last run of each pair (B's when B ran last): $(sort -u "$work/sums" | xargs)"
