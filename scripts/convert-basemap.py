#!/usr/bin/env python3
"""Convert a Natural Earth world-atlas TopoJSON file into Netcase's compact basemap.

Usage: npm pack world-atlas && tar xzf world-atlas-*.tgz
       python3 scripts/convert-basemap.py package/countries-50m.json resources/map/countries-50m.ncmap

Output format (little endian), read by model/items/mapbasemap.cpp:
  magic "NCBM", uint16 version (1), uint32 ring count, then for each ring:
  uint16 country id (ISO 3166-1 numeric, 0 if none), uint32 point count,
  point count x (int16 longitude * 50, int16 latitude * 50).
Coordinates are rounded to 0.02 degree (about 2 km), finer than the 1:50m source. Rings that
cross the antimeridian are unwrapped (longitudes may run past +-180; the reader draws them
twice); a ring that wraps the globe (Antarctica) is closed along the pole.
"""
import json
import struct
import sys


def decode_arcs(topo):
    t = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for p in arc:
            if t:
                x += p[0]
                y += p[1]
                lon = x * t["scale"][0] + t["translate"][0]
                lat = y * t["scale"][1] + t["translate"][1]
            else:
                lon, lat = p[0], p[1]
            pts.append((lon, lat))
        arcs.append(pts)
    return arcs


def ring_points(arcs, ring):
    pts = []
    for idx in ring:
        arc = arcs[idx] if idx >= 0 else list(reversed(arcs[~idx]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def unwrap(pts):
    """Removes 360-degree jumps so a ring is drawable in an equirectangular projection."""
    if any(abs(lat) > 89.9 for _, lat in pts):  # already closed along the pole (Antarctica)
        return pts
    out = []
    offset = 0.0
    for i, (lon, lat) in enumerate(pts):
        if i:
            d = lon + offset - out[-1][0]
            if d > 180:
                offset -= 360
            elif d < -180:
                offset += 360
        out.append((lon + offset, lat))
    if out and abs(out[-1][0] - out[0][0]) > 180:  # wraps the globe: close along the pole
        pole = -90.0 if sum(p[1] for p in out) < 0 else 90.0
        out.append((out[-1][0], pole))
        out.append((out[0][0], pole))
    return out


def main(src, dst):
    with open(src) as f:
        topo = json.load(f)
    arcs = decode_arcs(topo)
    rings = []
    for geom in topo["objects"]["countries"]["geometries"]:
        try:
            cid = int(geom.get("id", 0))
        except (TypeError, ValueError):
            cid = 0
        polys = []
        if geom.get("type") == "Polygon":
            polys = [geom["arcs"]]
        elif geom.get("type") == "MultiPolygon":
            polys = geom["arcs"]
        for poly in polys:
            for ring in poly:
                q = []
                for lon, lat in unwrap(ring_points(arcs, ring)):
                    p = (round(lon * 50), round(lat * 50))
                    if not q or q[-1] != p:
                        q.append(p)
                if len(q) >= 3:
                    rings.append((cid, q))
    with open(dst, "wb") as out:
        out.write(b"NCBM")
        out.write(struct.pack("<HI", 1, len(rings)))
        for cid, q in rings:
            out.write(struct.pack("<HI", cid, len(q)))
            out.write(b"".join(struct.pack("<hh", x, y) for x, y in q))
    print(f"{dst}: {len(rings)} rings, {sum(len(q) for _, q in rings)} points")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
