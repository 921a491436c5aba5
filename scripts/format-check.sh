#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what .clang-format asks for (part of the test
# command). Fix with: git ls-files '*.cpp' '*.h' | xargs clang-format -i
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# The tracked files; outside a git checkout (an unpacked tarball), the project's source folders.
files() {
    if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
        git ls-files '*.cpp' '*.h'
    else
        find app widgets model importers tests bench -name '*.cpp' -o -name '*.h'
    fi
}
command -v clang-format >/dev/null || { echo "format-check: clang-format is not installed" >&2; exit 1; }
# One clang-format per 64 files, on every core: it names each file that differs.
bad=$(files | xargs -d '\n' -n 64 -P "$(nproc)" clang-format --dry-run --Werror 2>&1 \
    | sed -n 's/^\([^:]*\.\(cpp\|h\)\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u || true)
if [ -n "$bad" ]; then
    echo "format-check: not formatted as .clang-format says:" >&2
    echo "$bad" | sed 's/^/  /' >&2
    exit 1
fi
echo "format-check: $(files | wc -l) files formatted"
