#!/usr/bin/env python3
"""Generates the bundled demo incident into resources/demo/ with a fixed seed.

The story: shop.example's web front end sees ordinary traffic from customers, an office NAT
and a monitoring probe, while a small botnet stuffs credentials into /login and one account is
taken over. Run it again to reproduce the same files byte for byte.
"""
import os
import random
import datetime as dt

SEED = 20261123
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "demo")
START = dt.datetime(2026, 11, 2, 8, 0, 0, tzinfo=dt.timezone.utc)
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

BROWSERS = [
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
]
PAGES = ["/", "/products", "/products/42", "/cart", "/static/app.js", "/static/app.css", "/search?q=lamp"]


def clf(t, offset_min=0):
    local = t + dt.timedelta(minutes=offset_min)
    sign = "+" if offset_min >= 0 else "-"
    off = abs(offset_min)
    return "%02d/%s/%04d:%02d:%02d:%02d %s%02d%02d" % (
        local.day, MONTHS[local.month - 1], local.year, local.hour, local.minute, local.second,
        sign, off // 60, off % 60)


def line(ip, user, t, method, path, status, size, agent, xff=None):
    s = '%s - %s [%s] "%s %s HTTP/1.1" %d %d "-" "%s"' % (
        ip, user or "-", clf(t), method, path, status, size, agent)
    if xff:
        s += ' "%s"' % xff
    return s


def web(rng):
    rows = []
    customers = ["198.51.100.%d" % i for i in range(10, 60)] + ["2001:db8:4f::%x" % i for i in range(1, 6)]
    for _ in range(2200):
        t = START + dt.timedelta(seconds=rng.randint(0, 3 * 86400))
        ip = rng.choice(customers)
        rows.append((t, line(ip, None, t, "GET", rng.choice(PAGES), rng.choice([200, 200, 200, 304]),
                             rng.randint(300, 40000), rng.choice(BROWSERS))))
    # Office NAT: 40 colleagues behind one address, successful sign-ins.
    for i in range(300):
        t = START + dt.timedelta(hours=rng.randint(0, 60), seconds=rng.randint(0, 3600))
        user = "staff%02d" % rng.randint(1, 40)
        rows.append((t, line("203.0.113.10", user, t, "POST", "/login", 302, 512, rng.choice(BROWSERS))))
    # Monitoring probe retrying every minute.
    for i in range(600):
        t = START + dt.timedelta(minutes=i)
        rows.append((t, line("192.0.2.50", None, t, "GET", "/health", 200 if i % 97 else 503, 17,
                             "UptimeMonitor/2.1 (+https://monitor.example)")))
    # Credential stuffing: 6 hosting addresses, many accounts, mostly 401s, scripted clients.
    attackers = ["185.220.101.%d" % i for i in (4, 7, 9)] + ["45.155.205.%d" % i for i in (33, 34, 35)]
    t0 = START + dt.timedelta(days=1, hours=2)
    for i in range(900):
        t = t0 + dt.timedelta(seconds=i * 2 + rng.randint(0, 1))
        user = "user%04d" % rng.randint(1, 700)
        status = 200 if i == 777 else 401
        rows.append((t, line(rng.choice(attackers), user, t, "POST", "/login", status, 230,
                             rng.choice(["python-requests/2.31.0", "Go-http-client/1.1", "curl/8.5.0"]))))
    # Account takeover: user0412 signs in from home, then from abroad 40 minutes later and
    # creates an API token.
    t = START + dt.timedelta(days=1, hours=9)
    rows.append((t, line("198.51.100.23", "user0412", t, "POST", "/login", 302, 512, BROWSERS[0])))
    t2 = t + dt.timedelta(minutes=40)
    rows.append((t2, line("45.155.205.34", "user0412", t2, "POST", "/login", 302, 512, "python-requests/2.31.0")))
    t3 = t2 + dt.timedelta(minutes=2)
    rows.append((t3, line("45.155.205.34", "user0412", t3, "POST", "/account/api-tokens", 201, 88,
                          "python-requests/2.31.0")))
    # A proxied request: the load balancer logs the client in X-Forwarded-For.
    t4 = START + dt.timedelta(hours=5)
    rows.append((t4, line("10.0.0.5", None, t4, "GET", "/", 200, 1200, BROWSERS[1], xff="198.51.100.77")))
    # Junk: a TLS handshake sent to the plain-HTTP port.
    t5 = START + dt.timedelta(hours=6)
    rows.append((t5, '185.220.101.9 - - [%s] "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03" 400 226 "-" "-"' % clf(t5)))
    rows.sort(key=lambda r: r[0])
    return [r[1] for r in rows]


def main():
    rng = random.Random(SEED)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "shop-access.log"), "w", newline="\n") as f:
        for row in web(rng):
            f.write(row + "\n")


if __name__ == "__main__":
    main()
