#!/usr/bin/env bash
# Sigma rules over 1,000,000 generated events (release build): 800,000 access-log lines,
# 100,000 sshd syslog lines and 100,000 Okta System Log events, against every rule of a rules
# folder (default ../shared/sigma/rules, the 245 SigmaHQ rules; not part of the project).
#   bench/sigma.sh [RULES_DIR]   (figures go to docs/PERFORMANCE.md by hand)
# CHECK=1 also compares the matches and findings with the reference pass (bench_sigma --check);
# REFERENCE=1 times the reference pass (the evaluator before it read events as stored) instead.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rules=${1:-../shared/sigma/rules}
build=build/release
cmake --preset release >/dev/null
cmake --build --preset release --target bench_sigma gen_accesslog -j2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bin/gen_accesslog" --lines 800000 --ips 50000 --ipv6-percent 6 --referer-percent 30 \
    --url-variety 1000 --out "$work/access.log"
python3 bench/gen_sshd.py --lines 100000 --out "$work/auth.log"
python3 bench/gen_okta.py --lines 100000 --out "$work/okta.jsonl"
"$build/bin/bench_sigma" "$work/sigma.netcase" "$rules" --import "$work/access.log" \
    --import "$work/auth.log" --import "$work/okta.jsonl" ${REFERENCE:+--reference}
if [ -n "${CHECK:-}" ]; then
    "$build/bin/bench_sigma" "$work/sigma.netcase" "$rules" --check
fi
