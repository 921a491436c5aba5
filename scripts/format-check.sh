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
bad=$(files | while read -r f; do
    clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || echo "$f"
done)
if [ -n "$bad" ]; then
    echo "format-check: not formatted as .clang-format says:" >&2
    echo "$bad" | sed 's/^/  /' >&2
    exit 1
fi
echo "format-check: $(files | wc -l) files formatted"
