#!/usr/bin/env python3
"""Scales a real Apache combined log up by resampling it (issue 27, target 2): an input whose
requests, agents, referrers, statuses and sizes come from real traffic, not from the project's
generator. Reads the sample at run time (../shared/samples is third-party data: never commit
it or the output).

    resample_apache.py SAMPLE --lines N [--ips K] [--seed S] [--out FILE]

The sample is cut into visits (runs of consecutive lines from one client address). Visits are
drawn at random, with replacement, until N lines are written; each drawn visit gets a new client
address (one of K random public addresses, 6 % IPv6, an address keeps visiting) and a new start
time, while its lines keep their text and their spacing in time. Times rise by a random gap per
visit, so the file is in time order but for the overlap of a visit with the next one.
Deterministic for a given seed and sample.
"""
import argparse
import datetime
import random
import re
import sys

LINE = re.compile(r'^(\S+)( \S+ \S+ )\[(\d\d/\w\w\w/\d{4}:\d\d:\d\d:\d\d) ([+-]\d{4})\](.*)$')


def public_v4(rng):
    while True:
        a = [rng.randrange(1, 224), rng.randrange(256), rng.randrange(256), rng.randrange(1, 255)]
        if a[0] in (10, 127, 0) or (a[0] == 172 and 16 <= a[1] < 32) \
                or (a[0] == 192 and a[1] == 168) or (a[0] == 169 and a[1] == 254) \
                or (a[0] == 100 and 64 <= a[1] < 128):
            continue
        return "%d.%d.%d.%d" % tuple(a)


def public_v6(rng):
    groups = [0x2001 + rng.randrange(0x0df0)] + [rng.randrange(0x10000) for _ in range(7)]
    return ":".join("%x" % g for g in groups)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sample")
    ap.add_argument("--lines", type=int, required=True)
    ap.add_argument("--ips", type=int, default=50000)
    ap.add_argument("--seed", type=int, default=27)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    visits, current, last_ip = [], [], None
    with open(args.sample, "r", encoding="utf-8", errors="surrogateescape") as f:
        for raw in f:
            m = LINE.match(raw.rstrip("\n"))
            if not m:
                continue  # not a combined line: left out rather than mangled
            ip, mid, when, zone, rest = m.groups()
            t = datetime.datetime.strptime(when, "%d/%b/%Y:%H:%M:%S")
            if ip != last_ip and current:
                visits.append(current)
                current = []
            last_ip = ip
            current.append((t, mid, rest))
    if current:
        visits.append(current)
    if not visits:
        sys.exit("no combined-format lines in " + args.sample)
    # Each visit as offsets from its first line (clamped at 0: the sample is nearly in order).
    shaped = []
    for v in visits:
        t0 = v[0][0]
        shaped.append([(max(0, int((t - t0).total_seconds())), mid, rest) for t, mid, rest in v])

    pool = [public_v6(rng) if rng.random() < 0.06 else public_v4(rng) for _ in range(args.ips)]
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8",
                                                   errors="surrogateescape")
    clock = datetime.datetime(2026, 11, 2, 0, 0, 0)
    # About seven days for a million lines, whatever N is.
    mean_gap = 7 * 86400.0 / max(1, args.lines) * 8
    written = 0
    while written < args.lines:
        v = shaped[rng.randrange(len(shaped))]
        ip = pool[min(int(rng.paretovariate(1.2)) - 1, args.ips - 1) if rng.random() < 0.3
                  else rng.randrange(args.ips)]
        clock += datetime.timedelta(seconds=rng.expovariate(1.0 / mean_gap))
        for off, mid, rest in v:
            if written >= args.lines:
                break
            t = clock + datetime.timedelta(seconds=off)
            out.write("%s%s[%s +0000]%s\n" % (ip, mid, t.strftime("%d/%b/%Y:%H:%M:%S"), rest))
            written += 1
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
