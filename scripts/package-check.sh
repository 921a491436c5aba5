#!/usr/bin/env bash
# Builds the .deb and .tar.gz with CPack, unpacks both into a temporary folder and runs the
# netcase binary of each. Installs nothing and needs no root.
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
# The .deb is unpacked into a throw-away root, not installed: the check must not change the
# machine. dpkg-deb checks the archive and its control file on the way.
root=$tmp/root
dpkg-deb --info "$deb" >/dev/null
dpkg-deb -x "$deb" "$root"
echo "package-check: unpacked; usr/bin/netcase --version says: $("$root/usr/bin/netcase" --version)"
test -f "$root/usr/share/mime/packages/org.netcase.Netcase.xml"
test -f "$root/usr/share/applications/org.netcase.Netcase.desktop"
