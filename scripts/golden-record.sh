#!/usr/bin/env bash
# Records what the command line prints for a fixed set of inputs, so that a refactoring can be
# shown to change no behaviour: run it with the old and the new binary and diff the folders.
#   bash scripts/golden-record.sh BIN OUTDIR
# Recorded: `events --raw` and `info --json` of every log in ../shared/samples (one case each,
# when ../shared is present), and of the demo case (resources/demo, made as scripts/demo.sh
# makes it, without geodata) also `findings --json` and `report --json`. Values that name the
# moment of the run (creation and import times, report time, audit hashes over them, the case
# path) are replaced by placeholders.
set -euo pipefail
bin=$(realpath "$1")
out=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mkdir -p "$out"
out=$(realpath "$out")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work/home NETCASE_USER=golden
mkdir -p "$HOME"

# ISO times of today, epoch-like creation stamps and SHA-256 values that chain over them.
normalise() {
    sed -E -e "s/$(date -u +%Y-%m-%d)T[0-9:.]+Z?/<now>/g" \
        -e "s/$(date -u +%Y-%m-%d) [0-9:]+( UTC)?/<now>/g" \
        -e 's/"([a-z_]*hash|audit_head|head)": ?"[0-9a-f]{64}"/"\1":"<hash>"/g' \
        -e 's/head [0-9a-f]{64}/head <hash>/g' \
        -e 's/"(head_signature|signer_public_key)": ?"[0-9a-f]+"/"\1":"<key>"/g' \
        -e 's/([0-9a-f]{4}:){7}[0-9a-f]{4}/<fingerprint>/g' \
        -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<uuid>/g' \
        -e "s#$work#<work>#g"
}

record_case() { # name case
    "$bin" events "$2" --raw | normalise >"$out/$1.events.jsonl"
    "$bin" info "$2" --json | normalise >"$out/$1.info.json"
}

samples=$here/../shared/samples
if [ -d "$samples" ]; then
    while IFS= read -r f; do
        name=$(echo "${f#"$samples"/}" | tr '/' '_')
        c=$work/$name.netcase
        "$bin" new "$c" --authorization GOLDEN-1 >/dev/null
        "$bin" import "$c" "$f" --no-analyze >/dev/null 2>&1 || true
        record_case "$name" "$c"
    done < <(find "$samples" -type f ! -path '*/mmdb/*' ! -name README.md | sort)
fi

demo=$work/demo.netcase
"$bin" new "$demo" --title "Demo" --authorization "DEMO-2026-001" --scope "golden" >/dev/null
"$bin" import "$demo" "$here/resources/demo" >/dev/null
"$bin" directory "$demo" "$here/resources/demo-directory.csv" >/dev/null
d=$("$bin" decide "$demo" --subject account:maria.k@shop.example --verdict block \
    --confidence high --analyst "golden analyst" --factor "token after MFA push" \
    --reason "golden" --proportionality "golden")
"$bin" review "$demo" --decision "$d" --verdict agree --reviewer "golden reviewer" \
    --note "golden" --self-review >/dev/null
record_case demo "$demo"
"$bin" findings "$demo" --json | normalise >"$out/demo.findings.jsonl"
"$bin" report "$demo" -o "$work/report.json" >/dev/null
normalise <"$work/report.json" >"$out/demo.report.json"
echo "golden: $(ls "$out" | wc -l) files in $out"
