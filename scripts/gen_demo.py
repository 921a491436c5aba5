#!/usr/bin/env python3
"""Generates the bundled demo incident into resources/demo/ with a fixed seed.

The story (three days in October 2026): shop.example's web shop, its staff identity provider
(Okta), its SSH bastion and the office network's Zeek sensor.
  - A credential-stuffing run from three hosting addresses against the shop's /login; one
    customer account (cust0412) falls and an API token is created with it.
  - A staff member, maria.k, is bombarded with Okta Verify pushes from St Petersburg until she
    accepts one, 50 minutes after signing in from Berlin (impossible travel); the intruder then
    creates an API token.
  - A Tor exit changes user roles in the shop's admin area with erin's account.
  - An SSH brute force against the bastion ends with an accepted password for "deploy".
  - An office workstation beacons to a server every five minutes.
Benign look-alikes: the office NAT that all staff share, a colleague flying London to New York,
an uptime monitor that retries failures, a developer working from a cloud VM every day, and
periodic NTP. Actors use public addresses (RFC 5737 documentation ranges never geolocate).
Run it again to reproduce the same files byte for byte.
"""
import datetime as dt
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_scenarios as g  # noqa: E402  (the scenario writers: formats and jitter)

SEED = 20261123
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "demo")
DAYS = 3


def shop(s):
    rng = s.rng
    customers = []
    for n in range(120):
        country, lat, lon, (a, b), asn, org = rng.choice(g.REGIONS)
        customers.append(("%d.%d.%d.%d" % (a, b, rng.randint(0, 255), rng.randint(1, 254)),
                          "cust%04d" % rng.randint(1, 900), rng.choice(g.BROWSERS)))
    for _ in range(1400):
        ip, user, agent = rng.choice(customers)
        t = s.jitter(g.START, DAYS * 86400)
        if rng.random() < 0.12:
            s.weblog(t, ip, user, "POST", "/login", 401 if rng.random() < 0.06 else 302, 512, agent)
        else:
            s.weblog(t, ip, None, "GET", rng.choice(g.PAGES), rng.choice([200, 200, 304]),
                     rng.randint(300, 40000), agent)
    # Office NAT: 25 colleagues behind one address sign in to the staff portal.
    office = "62.154.10.9"
    for day in range(DAYS):
        for n in range(25):
            t = s.jitter(s.at(day, 8), 3600)
            if rng.random() < 0.05:
                s.weblog(t, office, "staff%02d" % (n + 1), "POST", "/login", 401, 230, g.CHROME)
                t += dt.timedelta(seconds=12)
            s.weblog(t, office, "staff%02d" % (n + 1), "POST", "/login", 302, 512, g.CHROME)
    # Uptime monitor every five minutes; a failure is retried three times.
    t = g.START
    while t < g.START + dt.timedelta(days=DAYS):
        bad = rng.random() < 0.03
        s.weblog(t, "34.120.5.9", None, "GET", "/health", 503 if bad else 200, 17, "UptimeRobot/2.0")
        for r in range(3 if bad else 0):
            s.weblog(t + dt.timedelta(seconds=r + 1), "34.120.5.9", None, "GET", "/health", 503, 17,
                     "UptimeRobot/2.0")
        t += dt.timedelta(minutes=5)
    # A developer on a cloud VM, every day, with curl.
    for day in range(DAYS):
        t = s.jitter(s.at(day, 10), 3600)
        s.weblog(t, "3.120.45.67", "dave", "POST", "/login", 302, 512, "curl/8.5.0")
        s.weblog(t + dt.timedelta(minutes=1), "3.120.45.67", "dave", "POST", "/admin/deploy", 200,
                 80, "curl/8.5.0")
    # erin signs in from Paris every day; then a Tor exit changes roles with her account.
    for day in range(DAYS):
        s.weblog(s.jitter(s.at(day, 9), 1800), "90.84.12.200", "erin", "POST", "/login", 302, 512,
                 g.BROWSERS[1])
    tor_agent = "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0"
    t = s.at(2, 23, 10)
    s.weblog(t, "185.220.101.45", "erin", "POST", "/login", 302, 512, tor_agent)
    s.weblog(t + dt.timedelta(minutes=3), "185.220.101.45", "erin", "POST", "/admin/users/roles",
             200, 61, tor_agent)
    # Credential stuffing from three hosting addresses; cust0412 falls.
    t = s.at(1, 2)
    for n in range(330):
        t += dt.timedelta(seconds=rng.uniform(1, 4))
        src = "45.155.205.%d" % (33 + n % 3)
        user = "cust0412" if n == 301 else "cust%04d" % rng.randint(1, 900)
        s.weblog(t, src, user, "POST", "/login", 302 if n == 301 else 401, 230,
                 rng.choice(["python-requests/2.31.0", "Go-http-client/1.1"]))
    s.weblog(t + dt.timedelta(minutes=4), "45.155.205.34", "cust0412", "POST",
             "/account/api-tokens", 201, 88, "python-requests/2.31.0")
    # A proxied request (the client in X-Forwarded-For) and a TLS handshake sent to port 80.
    t = s.at(0, 5)
    stamp = "%02d/%s/%04d:%02d:%02d:%02d +0000" % (t.day, g.MONTHS[t.month - 1], t.year, t.hour,
                                                  t.minute, t.second)
    s.web.append((t, '10.0.0.5 - - [%s] "GET / HTTP/1.1" 200 1200 "-" "%s" "81.2.69.77"'
                  % (stamp, g.BROWSERS[1])))
    t = s.at(0, 6)
    stamp = "%02d/%s/%04d:%02d:%02d:%02d +0000" % (t.day, g.MONTHS[t.month - 1], t.year, t.hour,
                                                  t.minute, t.second)
    s.web.append((t, '185.220.101.9 - - [%s] "\\x16\\x03\\x01\\x02\\x00\\x01\\x00\\x01\\xfc\\x03\\x03"'
                     ' 400 226 "-" "-"' % stamp))


def identity(s):
    rng = s.rng
    staff = ["maria.k", "tom.b", "alice.w", "omar.s", "lena.p", "ravi.n"]
    for day in range(DAYS):
        for name in staff:
            user = name + "@shop.example"
            ip = "62.154.10.9"
            if name == "alice.w" and day == 2:
                continue
            t = s.jitter(s.at(day, 8), 1800)
            sess = "idx%08x" % rng.getrandbits(32)
            s.oktalog(t, "user.session.start", "SUCCESS", user, ip, g.CHROME, sess)
            s.oktalog(t + dt.timedelta(seconds=15), "user.authentication.auth_via_mfa", "SUCCESS",
                      user, ip, g.CHROME, sess, factor="OKTA_VERIFY_PUSH")
    # alice.w flies London -> New York: morning in London, evening in New York.
    s.oktalog(s.at(2, 7, 40), "user.session.start", "SUCCESS", "alice.w@shop.example",
              "81.2.69.160", g.BROWSERS[1], "idxalice01")
    s.oktalog(s.at(2, 20, 30), "user.session.start", "SUCCESS", "alice.w@shop.example",
              "74.101.8.33", g.BROWSERS[3], "idxalice02")
    # maria.k at home in Berlin, then MFA bombing from St Petersburg and an API token.
    user = "maria.k@shop.example"
    t = s.at(2, 8, 10)
    s.oktalog(t, "user.session.start", "SUCCESS", user, "91.64.77.12", g.CHROME, "idxmaria01")
    t = s.at(2, 8, 45)
    for n in range(8):
        t += dt.timedelta(seconds=rng.uniform(40, 90))
        s.oktalog(t, "user.authentication.auth_via_mfa", "FAILURE", user, "5.188.206.14", g.CHROME,
                  "idxmaria02", factor="OKTA_VERIFY_PUSH", message="User rejected Okta Verify push")
    t += dt.timedelta(seconds=70)
    s.oktalog(t, "user.authentication.auth_via_mfa", "SUCCESS", user, "5.188.206.14", g.CHROME,
              "idxmaria02", factor="OKTA_VERIFY_PUSH")
    s.oktalog(t + dt.timedelta(seconds=5), "user.session.start", "SUCCESS", user, "5.188.206.14",
              g.CHROME, "idxmaria02")
    s.oktalog(t + dt.timedelta(minutes=3), "system.api_token.create", "SUCCESS", user,
              "5.188.206.14", "python-requests/2.31.0", "idxmaria02",
              message="Create API token")


def bastion(s):
    rng = s.rng
    for day in range(DAYS):
        for h in (9, 15):
            s.sshlog(s.jitter(s.at(day, h), 1800), "Accepted publickey for ops from 62.154.10.5 port "
                     "%d ssh2: ED25519 SHA256:q0x7p3oJ8cRk6m2yQ1vDd2f3Yt9U1q4ZbXr5s6t7u8w"
                     % rng.randint(40000, 60000))
    t = s.at(1, 22)
    names = ["admin", "test", "oracle", "postgres", "ubuntu", "git", "guest", "deploy"]
    for n in range(90):
        t += dt.timedelta(seconds=rng.uniform(3, 12))
        name = rng.choice(names)
        port = rng.randint(30000, 65000)
        if name == "deploy":
            s.sshlog(t, "Failed password for deploy from 218.92.0.112 port %d ssh2" % port)
        else:
            s.sshlog(t, "Invalid user %s from 218.92.0.112 port %d" % (name, port))
            s.sshlog(t, "Failed password for invalid user %s from 218.92.0.112 port %d ssh2"
                     % (name, port))
    s.sshlog(t + dt.timedelta(minutes=7), "Accepted password for deploy from 218.92.0.112 port "
             "%d ssh2" % rng.randint(30000, 65000))


def office_network(s):
    rng = s.rng
    for _ in range(500):
        t = s.jitter(s.at(1, 8), 8 * 3600)
        dst = "%d.%d.%d.%d" % (rng.choice([151, 172, 104, 142]), rng.randint(0, 255),
                               rng.randint(0, 255), rng.randint(1, 254))
        s.flow(t, "10.20.1.%d" % rng.randint(20, 40), rng.randint(40000, 60000), dst, 443, "tcp",
               "ssl", rng.uniform(0.1, 30), rng.randint(300, 90000), rng.randint(1000, 900000))
    t = s.at(1, 8)
    for _ in range(96):
        t += dt.timedelta(seconds=300 + rng.uniform(-12, 12))
        s.flow(t, "10.20.1.15", rng.randint(40000, 60000), "185.225.69.24", 443, "tcp", "ssl",
               rng.uniform(0.2, 0.4), 1180 + rng.randint(-20, 20), 4200 + rng.randint(-50, 50))
    for h in range(10):
        t = s.at(1, 8) + dt.timedelta(seconds=rng.uniform(0, 64))
        for _ in range(60):
            s.flow(t, "10.20.1.%d" % (20 + h), 123, "162.159.200.1", 123, "udp", "ntp", 0.01, 48, 48)
            t += dt.timedelta(seconds=64)


def main():
    s = g.Scenario(SEED)
    g.START = dt.datetime(2026, 10, 19, 0, 0, 0, tzinfo=dt.timezone.utc)
    shop(s)
    identity(s)
    bastion(s)
    office_network(s)
    os.makedirs(OUT, exist_ok=True)
    g.write(OUT, "shop-access.log", s.web)
    g.write(OUT, "staff-okta.jsonl", s.okta)
    g.write(OUT, "bastion-auth.log", s.ssh)
    fields = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service",
              "duration", "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp",
              "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts",
              "resp_ip_bytes", "tunnel_parents"]
    types = ["time", "string", "addr", "port", "addr", "port", "enum", "string", "interval",
             "count", "count", "string", "bool", "bool", "count", "string", "count", "count",
             "count", "count", "set[string]"]
    g.write(OUT, "office-conn.log", s.conn,
            header=["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)",
                    "#unset_field\t-", "#path\tconn", "#open\t2026-10-20-08-00-00",
                    "#fields\t" + "\t".join(fields), "#types\t" + "\t".join(types)],
            footer=["#close\t2026-10-20-17-00-00"])


if __name__ == "__main__":
    main()
