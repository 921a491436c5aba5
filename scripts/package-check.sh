#!/usr/bin/env bash
# Builds the .deb and .tar.gz with CPack, installs the .deb with dpkg -i and runs the installed
# netcase. Needs root (or sudo) for dpkg; without it, it checks the .tar.gz only.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/dev}
(cd "$build" && cpack -G "DEB;TGZ" >/dev/null)
deb=$(ls -t "$build"/netcase_*.deb | head -1)
tgz=$(ls -t "$build"/netcase-*.tar.gz | head -1)
echo "package-check: built $(basename "$deb") and $(basename "$tgz")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
tar -xzf "$tgz" -C "$tmp"
"$(find "$tmp" -path '*/bin/netcase' | head -1)" --version
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo -n"
if $sudo true 2>/dev/null; then
    $sudo dpkg -i "$deb" >/dev/null
    echo "package-check: installed; /usr/bin/netcase --version says: $(/usr/bin/netcase --version)"
    test -f /usr/share/mime/packages/org.netcase.Netcase.xml
    test -f /usr/share/applications/org.netcase.Netcase.desktop
else
    echo "package-check: not root, skipped dpkg -i"
fi
