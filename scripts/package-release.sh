#!/usr/bin/env bash
# Builds the release .deb with stripped binaries and prints its path and size:
#   bash scripts/package-release.sh        ->  build/release/netcase_VERSION_ARCH.deb
# Install it with `sudo apt install ./build/release/netcase_*.deb` (apt brings its dependencies).
# Sets up this Debian 12 machine first (scripts/setup.sh, idempotent; root or sudo for apt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# The package holds the application only; the tests and benchmarks are not built for it (cpack
# would otherwise build everything before it installs).
cmake --preset release -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON >/dev/null
cmake --build --preset release -j"$(nproc)" --target netcase
# The release preset keeps debug information (RelWithDebInfo); the package strips it.
(cd build/release && cpack -G DEB -D CPACK_STRIP_FILES=ON >/dev/null)
deb=$(ls -t build/release/netcase_*.deb | head -1)
dpkg-deb --info "$deb" >/dev/null
echo "package-release: $PWD/$deb ($(du -h "$deb" | cut -f1); unstripped binary" \
    "$(du -h build/release/bin/netcase | cut -f1))"
