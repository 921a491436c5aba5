#!/usr/bin/env bash
# ClickHouse benchmark (issue 28 "Speed"): starts two clickhouse-server shards from a temporary
# configuration (as tests/cluster does), then measures
#   - netcase push of a generated access log, beside the anchor: the same rows as TSV through
#     clickhouse-client --query "INSERT ... FORMAT TSV" into the same Distributed table;
#   - netcase pull of about 100,000 events into a fresh case (without enrichment and analysis);
#   - netcase hunt --rule credential_stuffing over everything pushed.
# Run by hand; numbers go to the report, not to a test.
#
#   bench/clickhouse.sh [BUILD_DIR] [WORK_DIR] [LINES]  (defaults: build/release, /tmp/netcase-ch,
#                                                        2000000)
#
# Before/after: BASELINE=/path/to/an/older/netcase RUNS=5 bench/clickhouse.sh ... then runs the
# push and the pull RUNS times each with both executables, interleaved (A B, B A, ...), each
# push into its own database and each pull into a fresh case, and prints every run's seconds
# and the medians.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "${1:-$here/../build/release}" && pwd)
work=${2:-/tmp/netcase-ch}
lines=${3:-2000000}
bin=$build/bin
server=$(command -v clickhouse-server || echo /usr/sbin/clickhouse-server)
[ -x "$server" ] || { echo "clickhouse-server is not installed" >&2; exit 1; }
for tool in netcase gen_accesslog; do
    [ -x "$bin/$tool" ] || { echo "missing $bin/$tool: build it first" >&2; exit 1; }
done
mkdir -p "$work"
log=$work/access-$lines.log
[ -s "$log" ] || "$bin/gen_accesslog" --lines "$lines" --ips 5000 --out "$log"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
declare -a http tcp pids
for i in 0 1; do http[$i]=$(free_port); tcp[$i]=$(free_port); done
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
for i in 0 1; do
    d=$work/shard$i; rm -rf "$d"; mkdir -p "$d"
    cat > "$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>$d/server.log</log><errorlog>$d/server.err.log</errorlog></logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${http[$i]}</http_port><tcp_port>${tcp[$i]}</tcp_port>
  <interserver_http_port>$(free_port)</interserver_http_port>
  <path>$d/data/</path><tmp_path>$d/tmp/</tmp_path><user_files_path>$d/uf/</user_files_path>
  <format_schema_path>$d/fs/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size><timezone>UTC</timezone>
  <default_profile>default</default_profile><default_database>default</default_database>
  <profiles><default></default></profiles><quotas><default></default></quotas>
  <users><default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <remote_servers><netcase>
    <shard><replica><host>127.0.0.1</host><port>${tcp[0]}</port></replica></shard>
    <shard><replica><host>127.0.0.1</host><port>${tcp[1]}</port></replica></shard>
  </netcase></remote_servers>
</yandex>
XML
    (cd "$d" && exec "$server" --config-file="$d/config.xml" >"$d/stdout.log" 2>&1) &
    pids+=($!)
done
for i in 0 1; do
    for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:${http[$i]}/ping" >/dev/null && break; sleep 0.1; done
done
url="clickhouse://127.0.0.1:${http[0]},127.0.0.1:${http[1]}/bench"
q() { clickhouse-client --port "${tcp[0]}" --query "$1"; }
secs() { python3 -c "import time; print(time.time())"; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(wc -l < "$log") lines"
"$bin/netcase" push "$url" --init >/dev/null
t0=$(secs); "$bin/netcase" push "$url" "$log" >"$work/push.out"; t1=$(secs)
events=$(q "SELECT count() FROM bench.events")
python3 -c "print('netcase push: %d events in %.2f s = %.0f events/s' % ($events, $t1-$t0, $events/($t1-$t0)))"

# The anchor: the same rows as TSV, inserted by clickhouse-client into a copy of the schema.
q "SELECT * FROM bench.events FORMAT TSV" > "$work/rows.tsv"
for i in 0 1; do
    clickhouse-client --port "${tcp[$i]}" --query "CREATE TABLE IF NOT EXISTS bench.anchor_local AS bench.events_local"
    clickhouse-client --port "${tcp[$i]}" --query "CREATE TABLE IF NOT EXISTS bench.anchor AS bench.events ENGINE = Distributed(netcase, bench, anchor_local, rand())"
done
t0=$(secs); clickhouse-client --port "${tcp[0]}" --insert_distributed_sync=1 --query "INSERT INTO bench.anchor FORMAT TSV" < "$work/rows.tsv"; t1=$(secs)
python3 -c "print('clickhouse-client INSERT FORMAT TSV: %d rows in %.2f s = %.0f rows/s' % ($events, $t1-$t0, $events/($t1-$t0)))"

# Pull about 100,000 events: the first 100,000 timestamps' range.
to=$(q "SELECT toString(intDiv(ts, 1000000) + 1) FROM (SELECT ts FROM bench.events ORDER BY ts LIMIT 1 OFFSET 99999)")
rm -f "$work/pull.netcase"; "$bin/netcase" new "$work/pull.netcase" --authorization BENCH-1 >/dev/null
n=$("$bin/netcase" pull "$work/pull.netcase" "$url" --to "$to" --count)
t0=$(secs); "$bin/netcase" pull "$work/pull.netcase" "$url" --to "$to" --no-analyze >/dev/null; t1=$(secs)
python3 -c "print('netcase pull: $n in %.2f s' % ($t1-$t0))"
# The transfer alone: the same SELECT through curl.
t0=$(secs)
curl -sf "http://127.0.0.1:${http[0]}/?database=bench" --data-binary \
    "SELECT * FROM events WHERE ts < $((to * 1000000)) FORMAT RowBinary" >/dev/null
t1=$(secs)
python3 -c "print('  of which the transfer (curl, same rows as RowBinary): %.2f s' % ($t1-$t0))"

if [ -n "${BASELINE:-}" ]; then
    runs=${RUNS:-5}
    declare -A took
    one() { # SIDE RUN: one push and one pull with side A (BASELINE) or B (this build)
        local exe=$BASELINE; [ "$1" = B ] && exe=$bin/netcase
        local db="ab_$1_$2" u="clickhouse://127.0.0.1:${http[0]},127.0.0.1:${http[1]}/ab_$1_$2"
        "$exe" push "$u" --init >/dev/null
        local t0 t1 t2 t3
        t0=$(secs); "$exe" push "$u" "$log" >/dev/null; t1=$(secs)
        rm -f "$work/ab.netcase"; "$exe" new "$work/ab.netcase" --authorization BENCH-1 >/dev/null
        t2=$(secs); "$exe" pull "$work/ab.netcase" "$url" --to "$to" --no-analyze >/dev/null; t3=$(secs)
        took[push_$1]+="$(python3 -c "print('%.2f' % ($t1-$t0))") "
        took[pull_$1]+="$(python3 -c "print('%.2f' % ($t3-$t2))") "
        q "DROP DATABASE IF EXISTS $db"
        clickhouse-client --port "${tcp[1]}" --query "DROP DATABASE IF EXISTS $db"
    }
    for i in $(seq "$runs"); do
        if [ $((i % 2)) = 1 ]; then one A "$i"; one B "$i"; else one B "$i"; one A "$i"; fi
    done
    med() { python3 -c "import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print('%.2f' % statistics.median(v))" $1; }
    for what in push pull; do
        for side in A B; do
            echo "$what $side ($([ $side = A ] && echo "$BASELINE" || echo "$bin/netcase")): ${took[${what}_$side]}s, median $(med "${took[${what}_$side]}") s"
        done
    done
    echo "push: $events events per run; pull: $n"
fi

t0=$(secs); "$bin/netcase" hunt "$url" --rule credential_stuffing | tail -1; t1=$(secs)
python3 -c "print('netcase hunt credential_stuffing over %d events: %.2f s' % ($events, $t1-$t0))"
