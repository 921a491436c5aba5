#!/usr/bin/env bash
# Fails when two types share a qualified name (part of the test command). Two definitions of one
# name break the One Definition Rule: the linker keeps one copy of their inline members (implicit
# destructors, constructors, inline functions) and the other type silently runs it. The compiler
# and linker do not report it; it works only by link order.
#   bash scripts/check-odr.sh [BUILD_DIR]   (default build/dev)
# (a) Every tracked source: class, struct and union definitions at namespace scope outside
#     anonymous namespaces (out-of-line nested ones as Outer::Inner), by qualified name. Tests and
#     benchmarks are included: they link the libraries, and a test-only type belongs in an
#     anonymous namespace.
# (b) When BUILD_DIR/lib holds the static libraries: a strong text (T) symbol defined in two
#     object files.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/dev}

files() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files '*.cpp' '*.h'
    else
        find app widgets model importers tests bench -name '*.cpp' -o -name '*.h'
    fi
}

# Relies on the .clang-format layout: namespaces and their types start in column 0
# (NamespaceIndentation: None) and every namespace closes with "} // namespace ..."
# (FixNamespaceComments).
# shellcheck disable=SC2016
types=$(files | xargs awk '
FNR == 1 { depth = 0 }
/^namespace[ \t]*\{/ { stack[++depth] = ""; next }
/^(inline[ \t]+)?namespace[ \t]+[A-Za-z_][A-Za-z0-9_:]*[ \t]*\{/ {
    n = $0; sub(/^(inline[ \t]+)?namespace[ \t]+/, "", n); sub(/[ \t]*\{.*/, "", n)
    stack[++depth] = n; next
}
/^\}[ \t]*\/\/[ \t]*(anonymous[ \t]+)?namespace/ { if (depth > 0) depth--; next }
/^(class|struct|union)[ \t]+[A-Za-z_]/ {
    if (depth == 0 || ($0 ~ /;[ \t]*$/ && $0 !~ /\{/)) next # a declaration only
    n = $0; sub(/^(class|struct|union)[ \t]+(\[\[[^]]*\]\][ \t]+)?/, "", n)
    if (n ~ /^[A-Za-z_][A-Za-z0-9_:]*[ \t]*</) next # a specialisation of a template
    sub(/[^A-Za-z0-9_:].*/, "", n)
    q = ""
    for (i = 1; i <= depth; i++) {
        if (stack[i] == "") next # anonymous: private to its file
        q = q stack[i] "::"
    }
    if (q ~ /^netcase::/) print q n "\t" FILENAME ":" FNR
}')
dups=$(printf '%s\n' "$types" | cut -f1 | sort | uniq -d)
status=0
if [ -n "$dups" ]; then
    echo "check-odr: types defined more than once (rename one or move it into an anonymous namespace):" >&2
    while IFS= read -r q; do
        printf '%s\n' "$types" | awk -F'\t' -v q="$q" '$1 == q { print "  " $1 "  " $2 }' >&2
    done <<<"$dups"
    status=1
fi

symbols=0
if compgen -G "$build/lib/*.a" >/dev/null; then
    # "archive:object:address T symbol"; one symbol in two objects is a duplicate definition.
    strong=$(nm -A -C --defined-only "$build"/lib/*.a 2>/dev/null | awk '$2 == "T" {
        obj = $1; sub(/:[0-9a-f]+$/, "", obj); sym = $0; sub(/^[^ ]+ T /, "", sym)
        print obj "\t" sym }' | sort -u)
    symbols=$(printf '%s\n' "$strong" | grep -c . || true)
    clash=$(printf '%s\n' "$strong" | cut -f2 | sort | uniq -d)
    if [ -n "$clash" ]; then
        echo "check-odr: strong symbols defined in more than one object file:" >&2
        while IFS= read -r s; do
            printf '%s\n' "$strong" | awk -F'\t' -v s="$s" '$2 == s { print "  " $2 "  " $1 }' >&2
        done <<<"$clash"
        status=1
    fi
fi
[ "$status" = 0 ] || exit 1
echo "check-odr: $(printf '%s\n' "$types" | grep -c .) netcase types, $symbols strong symbols in $build/lib: no name defined twice"
