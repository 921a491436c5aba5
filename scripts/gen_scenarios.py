#!/usr/bin/env python3
"""Labelled analysis scenarios: malicious episodes mixed with benign look-alikes, written as log
files in real vendor formats, plus the enrichment each address should get and a labels file.

  python3 scripts/gen_scenarios.py --out DIR [--seed N] [--scale K]

--scale K multiplies the background (customers, their sign-ins and browsing, internal flows) by
K; the episodes stay as they are (K = 1 writes the same bytes as without it).

Writes into DIR:
  web-access.log     Apache combined access log (shop and staff portal)
  auth.log           OpenSSH syslog (RFC 3164, no year: import with --year 2026)
  okta.jsonl         Okta System Log, one event per line
  conn.log           Zeek conn.log (TSV with header)
  cloudtrail.json    AWS CloudTrail log file ({"Records": [...]})
  egress.txt         the organisation's known egress ranges (netcase analyze --egress-file)
  ipinfo.json        what enrichment would say about each address (country, position,
                     accuracy, ASN, network type, anonymiser flags) for tests that do not
                     depend on an .mmdb
  labels.json        the episodes: id, malicious, expected finding kinds, entities, file

The same seed always writes the same bytes.
"""
import argparse
import datetime as dt
import json
import os
import random

import scenarios_traffic

YEAR = 2026
START = dt.datetime(YEAR, 10, 5, 0, 0, 0, tzinfo=dt.timezone.utc)
DAYS = 5
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
CHROME = ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/130.0.0.0 Safari/537.36")
BROWSERS = [
    CHROME,
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.0 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:131.0) Gecko/20100101 Firefox/131.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/18.0 Mobile/15E148 Safari/604.1",
]
PAGES = ["/", "/products", "/products/42", "/cart", "/static/app.js", "/static/app.css",
         "/search?q=lamp", "/account"]

# Home regions for background customers: (country, lat, lon, first octets, asn, org).
REGIONS = [
    ("GB", 51.51, -0.13, (81, 2), 5089, "Virgin Media"),
    ("DE", 52.52, 13.40, (91, 64), 3209, "Vodafone GmbH"),
    ("FR", 48.86, 2.35, (90, 84), 3215, "Orange"),
    ("US", 40.71, -74.0, (73, 21), 7922, "Comcast Cable"),
    ("BR", -23.55, -46.63, (189, 6), 27699, "Telefonica Brasil"),
    ("NL", 52.37, 4.90, (84, 104), 1136, "KPN"),
]


class Scenario:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.web = []
        self.ssh = []
        self.okta = []
        self.conn = []
        self.trail = []
        # The episodes added later draw from their own generator, so the files and episodes
        # written before them keep their bytes.
        self.rng2 = random.Random(seed + 1)
        self.ipinfo = {}
        self.labels = []

    # --- enrichment -----------------------------------------------------------------------
    def ip(self, ip, country, lat, lon, acc, asn, org, network_type="residential", **flags):
        info = {"country_iso": country, "latitude": lat, "longitude": lon, "accuracy_km": acc,
                "asn": asn, "as_org": org, "network_type": network_type,
                "address_class": "private" if ip.startswith("10.") else "public"}
        info.update({k: bool(v) for k, v in flags.items()})
        self.ipinfo[ip] = info
        return ip

    def label(self, ident, malicious, kinds, file, ips=(), accounts=(), note=""):
        self.labels.append({"id": ident, "malicious": malicious, "kinds": list(kinds),
                            "file": file, "ips": list(ips), "accounts": list(accounts),
                            "note": note})

    # --- formats ----------------------------------------------------------------------------
    def weblog(self, t, ip, user, method, path, status, size, agent, referer="-"):
        stamp = "%02d/%s/%04d:%02d:%02d:%02d +0000" % (t.day, MONTHS[t.month - 1], t.year, t.hour,
                                                      t.minute, t.second)
        self.web.append((t, '%s - %s [%s] "%s %s HTTP/1.1" %d %d "%s" "%s"' % (
            ip, user or "-", stamp, method, path, status, size, referer, agent)))

    def sshlog(self, t, message, host="bastion"):
        stamp = "%s %2d %02d:%02d:%02d" % (MONTHS[t.month - 1], t.day, t.hour, t.minute, t.second)
        self.ssh.append((t, "%s %s sshd[%d]: %s" % (stamp, host, self.rng.randint(1000, 65000),
                                                    message)))

    def oktalog(self, t, event_type, result, user, ip, agent, session, factor=None, message=""):
        ev = {
            "uuid": "%032x" % self.rng.getrandbits(128),
            "published": t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000),
            "eventType": event_type,
            "version": "0",
            "severity": "INFO" if result == "SUCCESS" else "WARN",
            "displayMessage": message or event_type,
            "actor": {"id": "00u" + user.split("@")[0], "type": "User", "alternateId": user,
                      "displayName": user.split("@")[0].title()},
            "client": {"userAgent": {"rawUserAgent": agent, "os": "Unknown", "browser": "UNKNOWN"},
                       "zone": "null", "device": "Computer", "ipAddress": ip},
            "outcome": {"result": result, "reason": None if result == "SUCCESS" else "denied"},
            "authenticationContext": {"externalSessionId": session,
                                      "authenticationProvider": "FACTOR_PROVIDER" if factor else
                                      "OKTA_AUTHENTICATION_PROVIDER"},
            "debugContext": {"debugData": {"requestId": "req%08x" % self.rng.getrandbits(32)}},
            "transaction": {"type": "WEB", "id": "tx%08x" % self.rng.getrandbits(32)},
        }
        if factor:
            ev["debugContext"]["debugData"]["factor"] = factor
        self.okta.append((t, json.dumps(ev, separators=(",", ":"))))

    def flow(self, t, src, sport, dst, dport, proto, service, duration, ob, rb):
        uid = "C%016x" % self.rng.getrandbits(64)
        self.conn.append((t, "\t".join([
            "%.6f" % t.timestamp(), uid, src, str(sport), dst, str(dport), proto, service or "-",
            "%.6f" % duration, str(ob), str(rb), "SF", "T", "F", "0", "ShADadFf",
            str(max(1, ob // 500)), str(ob + 40), str(max(1, rb // 500)), str(rb + 40), "-"])))

    def trailevent(self, t, source, name, ip, agent, role, key, session_name, error=None,
                   identity_type="AssumedRole"):
        account = "123456789012"
        ev = {
            "eventVersion": "1.08",
            "userIdentity": {
                "type": identity_type,
                "principalId": "AROA5EXAMPLEROLEID:%s" % session_name,
                "arn": "arn:aws:sts::%s:assumed-role/%s/%s" % (account, role, session_name),
                "accountId": account,
                "accessKeyId": key,
                "sessionContext": {
                    "sessionIssuer": {"type": "Role", "principalId": "AROA5EXAMPLEROLEID",
                                      "arn": "arn:aws:iam::%s:role/%s" % (account, role),
                                      "accountId": account, "userName": role},
                    "attributes": {"creationDate": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                   "mfaAuthenticated": "false"}}},
            "eventTime": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "eventSource": source,
            "eventName": name,
            "awsRegion": "eu-central-1",
            "sourceIPAddress": ip,
            "userAgent": agent,
            "requestParameters": None,
            "responseElements": None,
            "requestID": "%08x-%04x-%04x-%04x-%012x" % (
                self.rng2.getrandbits(32), self.rng2.getrandbits(16), self.rng2.getrandbits(16),
                self.rng2.getrandbits(16), self.rng2.getrandbits(48)),
            "eventID": "%08x-%04x-%04x-%04x-%012x" % (
                self.rng2.getrandbits(32), self.rng2.getrandbits(16), self.rng2.getrandbits(16),
                self.rng2.getrandbits(16), self.rng2.getrandbits(48)),
            "readOnly": name.startswith(("Get", "List", "Describe")),
            "eventType": "AwsApiCall",
            "managementEvent": True,
            "recipientAccountId": account,
        }
        if error:
            ev["errorCode"] = error
            ev["errorMessage"] = "User is not authorized to perform this operation"
        self.trail.append((t, ev))

    def tempkey(self):
        return "ASIA" + "".join(self.rng2.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
                                for _ in range(16))

    # --- helpers ----------------------------------------------------------------------------
    def at(self, day, hour=0, minute=0, second=0):
        return START + dt.timedelta(days=day, hours=hour, minutes=minute, seconds=second)

    def jitter(self, t, seconds):
        return t + dt.timedelta(seconds=self.rng.uniform(0, seconds))


def background(s, scale=1):
    """Customers browsing and signing in from home; internal hosts browsing the web."""
    rng = s.rng
    customers = []
    for n in range(300 * scale):
        country, lat, lon, (a, b), asn, org = rng.choice(REGIONS)
        ip = "%d.%d.%d.%d" % (a, b, rng.randint(0, 255), rng.randint(1, 254))
        s.ip(ip, country, lat + rng.uniform(-1, 1), lon + rng.uniform(-1, 1), 20, asn, org)
        customers.append((ip, "cust%04d" % (n + 1), rng.choice(BROWSERS)))
    for _ in range(9000 * scale):
        ip, user, agent = rng.choice(customers)
        t = s.jitter(START, DAYS * 86400)
        if rng.random() < 0.15:
            status = 401 if rng.random() < 0.05 else 302
            s.weblog(t, ip, user, "POST", "/login", status, 512, agent)
        else:
            s.weblog(t, ip, None, "GET", rng.choice(PAGES), rng.choice([200, 200, 304]),
                     rng.randint(300, 40000), agent)
    # Internal hosts browsing: ordinary irregular flows.
    for _ in range(3000 * scale):
        t = s.jitter(START, 8 * 3600)
        src = "10.20.1.%d" % rng.randint(20, 60)
        dst = "%d.%d.%d.%d" % (rng.choice([151, 172, 104, 142]), rng.randint(0, 255),
                               rng.randint(0, 255), rng.randint(1, 254))
        s.flow(t, src, rng.randint(40000, 60000), dst, 443, "tcp", "ssl", rng.uniform(0.1, 30),
               rng.randint(300, 90000), rng.randint(1000, 900000))
    # The operations team's daily SSH logins with keys.
    ops = s.ip("62.154.10.5", "DE", 50.11, 8.68, 10, 3320, "Deutsche Telekom AG", "business")
    for day in range(DAYS):
        for h in (9, 14):
            t = s.jitter(s.at(day, h), 1800)
            s.sshlog(t, "Accepted publickey for ops from %s port %d ssh2: ED25519 SHA256:"
                        "q0x7p3oJ8cRk6m2yQ1vDd2f3Yt9U1q4ZbXr5s6t7u8w" % (ops, rng.randint(40000, 60000)))


def malicious(s):
    rng = s.rng
    # M1 credential stuffing: one hosting address, hundreds of accounts, fast, scripted. A list
    # leaked elsewhere: a quarter of its names are customers here, the rest are not (the names
    # come from n, so the random sequence, and every other episode, stays as it was).
    stuffer = s.ip("45.155.205.33", "NL", 52.38, 4.90, 50, 49505, "Selectel", "hosting",
                   is_hosting=1)
    t = s.at(1, 2)
    for n in range(400):
        t += dt.timedelta(seconds=rng.uniform(0.5, 3))
        user = "cust%04d" % rng.randint(1, 600)
        if n % 4:
            user = "%s%d@mail.example" % (("anna", "jo", "m.lee", "kim")[n % 4 - 1], n * 7919 % 99991)
        status = 302 if n in (133, 377) else 401
        s.weblog(t, stuffer, user, "POST", "/login", status, 230, "python-requests/2.31.0")
    s.label("M1-stuffing", True, ["credential_stuffing"], "web-access.log", ips=[stuffer])

    # M2 password spraying: slow, one attempt per account, two sources on different days.
    for day, src in ((2, "193.42.33.7"), (3, "193.42.33.91")):
        s.ip(src, "RU", 55.75, 37.62, 100, 50340, "Selectel Moscow", "hosting", is_hosting=1)
        t = s.at(day, 1)
        for n in range(60):
            t += dt.timedelta(seconds=rng.uniform(60, 180))
            user = "staff%02d" % (n % 50 + 1) if n < 50 else "cust%04d" % rng.randint(1, 300)
            s.weblog(t, src, user, "POST", "/login", 401, 230, CHROME)
        s.label("M2-spraying-%d" % day, True, ["password_spraying"], "web-access.log", ips=[src])

    # M3 distributed stuffing: a residential botnet, few accounts per source, one hour.
    bots = []
    t0 = s.at(4, 3)
    for n in range(40):
        country, lat, lon, (a, b), asn, org = rng.choice(REGIONS)
        bot = s.ip("%d.%d.%d.%d" % (a, b + 1, rng.randint(0, 255), rng.randint(1, 254)), country,
                   lat, lon, 20, asn, org)
        bots.append(bot)
        for _ in range(4):
            t = s.jitter(t0, 3000)
            s.weblog(t, bot, "user%05d" % rng.randint(1, 99999), "POST", "/login", 401, 230,
                     rng.choice(BROWSERS))
    s.label("M3-distributed-stuffing", True, ["credential_stuffing"], "web-access.log", ips=bots)

    # M4 account takeover: bob signs in from Berlin, 40 minutes later from Singapore (hosting)
    # with a script, and creates an API token.
    home = s.ip("91.64.77.12", "DE", 52.52, 13.40, 5, 3209, "Vodafone GmbH")
    for day in range(DAYS):
        for h in (8, 13):
            s.weblog(s.jitter(s.at(day, h), 1800), home, "bob", "POST", "/login", 302, 512, CHROME)
    t = s.at(3, 9, 0, 5)
    s.weblog(t, home, "bob", "POST", "/login", 302, 512, CHROME)
    thief = s.ip("103.75.118.20", "SG", 1.29, 103.85, 50, 138915, "Kaopu Cloud", "hosting",
                 is_hosting=1)
    t += dt.timedelta(minutes=40)
    s.weblog(t, thief, "bob", "POST", "/login", 302, 512, "python-requests/2.31.0")
    s.weblog(t + dt.timedelta(minutes=2), thief, "bob", "POST", "/account/api-tokens", 201, 88,
             "python-requests/2.31.0")
    s.label("M4-account-takeover", True, ["impossible_travel"], "web-access.log", ips=[thief],
            accounts=["bob"])

    # M5 DDoS: 800 sources from many networks for five minutes.
    t0 = s.at(2, 18)
    sources = []
    for n in range(800):
        a = rng.choice([36, 41, 49, 58, 101, 112, 117, 175, 177, 186, 190, 197, 200])
        src = s.ip("%d.%d.%d.%d" % (a, rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254)),
                   rng.choice(["CN", "IN", "BR", "VN", "ID", "EG", "AR", "CO", "KE"]),
                   rng.uniform(-30, 40), rng.uniform(-70, 120), 100, 4000 + n % 60,
                   "Access network %d" % (n % 60))
        sources.append(src)
        for _ in range(10):
            s.weblog(s.jitter(t0, 300), src, None, "GET", "/", 503, 0,
                     rng.choice(BROWSERS + ["Mozilla/5.0", "-"]))
    s.label("M5-ddos", True, ["ddos"], "web-access.log", ips=sources[:50])

    # M6 SSH brute force, then a success from the same source.
    brute = s.ip("218.92.0.112", "CN", 32.06, 118.78, 100, 4134, "Chinanet", "residential")
    t = s.at(1, 22)
    names = ["admin", "test", "oracle", "postgres", "ubuntu", "git", "user", "guest", "deploy"]
    for n in range(150):
        t += dt.timedelta(seconds=rng.uniform(2, 10))
        name = rng.choice(names)
        port = rng.randint(30000, 65000)
        if name in ("deploy", "root"):
            s.sshlog(t, "Failed password for %s from %s port %d ssh2" % (name, brute, port))
        else:
            s.sshlog(t, "Invalid user %s from %s port %d" % (name, brute, port))
            s.sshlog(t, "Failed password for invalid user %s from %s port %d ssh2" % (name, brute, port))
    t += dt.timedelta(minutes=10)
    s.sshlog(t, "Accepted password for deploy from %s port %d ssh2" % (brute, rng.randint(30000, 65000)))
    s.label("M6-ssh-bruteforce", True, ["ssh_bruteforce"], "auth.log", ips=[brute])

    # M7 beaconing: one workstation calls a server every five minutes with small jitter.
    c2 = s.ip("185.225.69.24", "MD", 47.0, 28.86, 50, 200019, "Alexhost", "hosting", is_hosting=1)
    t = s.at(0, 8)
    for n in range(96):
        t += dt.timedelta(seconds=300 + rng.uniform(-15, 15))
        s.flow(t, "10.20.1.15", rng.randint(40000, 60000), c2, 443, "tcp", "ssl",
               rng.uniform(0.2, 0.4), 1180 + rng.randint(-20, 20), 4200 + rng.randint(-50, 50))
    s.label("M7-beaconing", True, ["beaconing"], "conn.log", ips=["10.20.1.15", c2])

    # M8 a Tor exit doing an admin action for erin, who otherwise signs in from Paris.
    paris = s.ip("90.84.12.200", "FR", 48.86, 2.35, 10, 3215, "Orange")
    for day in range(DAYS):
        s.weblog(s.jitter(s.at(day, 9), 3600), paris, "erin", "POST", "/login", 302, 512, BROWSERS[1])
    tor = s.ip("185.220.101.45", "DE", 51.30, 9.49, 200, 60729, "Stiftung Erneuerbare Freiheit",
               "hosting", is_tor=1, is_anonymous=1)
    t = s.at(3, 23, 10)
    s.weblog(t, tor, "erin", "POST", "/login", 302, 512, "Mozilla/5.0 (Windows NT 10.0; rv:128.0) "
             "Gecko/20100101 Firefox/128.0")
    s.weblog(t + dt.timedelta(minutes=3), tor, "erin", "POST", "/admin/users/roles", 200, 61,
             "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0")
    s.label("M8-tor-admin", True, ["anonymiser_sensitive_action"], "web-access.log", ips=[tor],
            accounts=["erin"])

    # M9 MFA fatigue in Okta: a stream of denied pushes, then one accepted.
    frank_home = s.ip("84.104.5.77", "NL", 52.09, 5.12, 10, 1136, "KPN")
    attacker = s.ip("5.188.206.14", "RU", 59.94, 30.31, 50, 49505, "Selectel", "hosting",
                    is_hosting=1)
    for day in range(DAYS):
        t = s.jitter(s.at(day, 8), 3600)
        s.oktalog(t, "user.session.start", "SUCCESS", "frank@corp.example", frank_home, CHROME,
                  "idx%08x" % rng.getrandbits(32))
        s.oktalog(t + dt.timedelta(seconds=20), "user.authentication.auth_via_mfa", "SUCCESS",
                  "frank@corp.example", frank_home, CHROME, "idx%08x" % rng.getrandbits(32),
                  factor="OKTA_VERIFY_PUSH")
    t = s.at(2, 23, 5)
    sess = "idxfatigue01"
    for n in range(9):
        t += dt.timedelta(seconds=rng.uniform(60, 120))
        s.oktalog(t, "user.authentication.auth_via_mfa", "FAILURE", "frank@corp.example", attacker,
                  CHROME, sess, factor="OKTA_VERIFY_PUSH", message="User rejected Okta Verify push")
    t += dt.timedelta(seconds=90)
    s.oktalog(t, "user.authentication.auth_via_mfa", "SUCCESS", "frank@corp.example", attacker,
              CHROME, sess, factor="OKTA_VERIFY_PUSH")
    s.label("M9-mfa-fatigue", True, ["mfa_fatigue"], "okta.jsonl", ips=[attacker],
            accounts=["frank@corp.example"])


def benign(s):
    rng = s.rng
    # B1 an office NAT shared by 50 colleagues, with the odd typo.
    office = s.ip("62.154.10.9", "DE", 50.11, 8.68, 10, 3320, "Deutsche Telekom AG", "business")
    for day in range(DAYS):
        for n in range(50):
            for h in (8, 13):
                t = s.jitter(s.at(day, h), 3600)
                agent = BROWSERS[n % 3]
                if rng.random() < 0.04:
                    s.weblog(t, office, "staff%02d" % (n + 1), "POST", "/login", 401, 230, agent)
                    t += dt.timedelta(seconds=rng.uniform(5, 20))
                s.weblog(t, office, "staff%02d" % (n + 1), "POST", "/login", 302, 512, agent)
                s.weblog(t + dt.timedelta(seconds=2), office, "staff%02d" % (n + 1), "GET",
                         "/dashboard", 200, 20000, agent)
    s.label("B1-office-nat", False, [], "web-access.log", ips=[office])

    # B2 a real traveller: London in the morning, New York twelve hours later.
    london = s.ip("81.2.69.160", "GB", 51.51, -0.13, 10, 5089, "Virgin Media")
    newyork = s.ip("74.101.8.33", "US", 40.71, -74.0, 20, 701, "Verizon Business")
    for day in range(DAYS):
        ip = london if day < 3 else newyork
        s.weblog(s.jitter(s.at(day, 8), 1800), ip, "alice", "POST", "/login", 302, 512, BROWSERS[1])
    s.weblog(s.at(2, 20, 30), newyork, "alice", "POST", "/login", 302, 512, BROWSERS[3])
    s.label("B2-traveller", False, [], "web-access.log", accounts=["alice"])

    # B3 a phone on a mobile carrier whose exit moves between cities.
    cities = [("Hamburg", 53.55, 10.0), ("Munich", 48.14, 11.58), ("Frankfurt", 50.11, 8.68)]
    ips = []
    for i, (_, lat, lon) in enumerate(cities):
        ips.append(s.ip("109.40.%d.%d" % (64 + i, rng.randint(1, 254)), "DE", lat, lon, 200, 3320,
                        "Telekom Deutschland Mobile", "cellular"))
    for day in range(DAYS):
        for k in range(3):
            s.weblog(s.jitter(s.at(day, 12, 10 * k), 300), ips[k], "carol", "POST", "/login", 302,
                     512, BROWSERS[3])
    s.label("B3-mobile-carrier", False, [], "web-access.log", accounts=["carol"])

    # B4 a monitoring service polling every 30 s and retrying a failure five times.
    probe = s.ip("34.120.5.9", "US", 39.03, -77.49, 100, 396982, "Google Cloud", "hosting",
                 is_hosting=1)
    t = START
    while t < START + dt.timedelta(days=DAYS):
        failed = rng.random() < 0.03
        s.weblog(t, probe, None, "GET", "/health", 503 if failed else 200, 17, "UptimeRobot/2.0")
        if failed:
            for r in range(5):
                s.weblog(t + dt.timedelta(seconds=r + 1), probe, None, "GET", "/health", 503, 17,
                         "UptimeRobot/2.0")
        t += dt.timedelta(seconds=30)
    s.label("B4-monitoring-retry", False, [], "web-access.log", ips=[probe])

    # B5 a developer working from the same cloud VM every day, scripts included.
    vm = s.ip("3.120.45.67", "DE", 50.11, 8.68, 100, 16509, "Amazon.com", "hosting", is_hosting=1)
    for day in range(DAYS):
        t = s.jitter(s.at(day, 10), 3600)
        s.weblog(t, vm, "dave", "POST", "/login", 302, 512, CHROME)
        s.weblog(t + dt.timedelta(minutes=5), vm, "dave", "POST", "/login", 302, 512, "curl/8.5.0")
        s.weblog(t + dt.timedelta(minutes=6), vm, "dave", "POST", "/admin/deploy", 200, 80,
                 "curl/8.5.0")
    s.label("B5-developer-cloud-vm", False, [], "web-access.log", ips=[vm], accounts=["dave"])

    # B6 NTP: forty workstations poll the time server every 64 s.
    ntp = s.ip("162.159.200.1", "US", 37.77, -122.4, 100, 13335, "Cloudflare", "hosting",
               is_hosting=1)
    for h in range(40):
        t = s.at(0, 8) + dt.timedelta(seconds=rng.uniform(0, 64))
        for _ in range(400):
            s.flow(t, "10.20.1.%d" % (20 + h), 123, ntp, 123, "udp", "ntp", 0.01, 48, 48)
            t += dt.timedelta(seconds=64)
    s.label("B6-ntp", False, [], "conn.log", ips=[ntp])

    # B7 update checks: thirty workstations ask the update service every 15 minutes.
    upd = s.ip("13.107.4.50", "US", 47.6, -122.3, 100, 8068, "Microsoft Corporation", "hosting",
               is_hosting=1)
    for h in range(30):
        t = s.at(0, 8) + dt.timedelta(seconds=rng.uniform(0, 900))
        for _ in range(32):
            s.flow(t, "10.20.1.%d" % (20 + h), rng.randint(40000, 60000), upd, 443, "tcp", "ssl",
                   0.3, 900 + rng.randint(-5, 5), 3000)
            t += dt.timedelta(seconds=900)
    s.label("B7-update-checks", False, [], "conn.log", ips=[upd])


SDK = "aws-sdk-java/2.25.16 Linux/6.1.79-99.167.amzn2023.x86_64 OpenJDK_64-Bit_Server_VM/17.0.10"
CLI = "aws-cli/2.15.30 Python/3.11.8 Linux/6.6.9-amd64 exe/x86_64.kali.2024 prompt/off command/%s"
CONSOLE_CLI = "aws-cli/2.15.30 Python/3.11.8 Darwin/23.4.0 exe/x86_64 prompt/off command/%s"
INSTANCE_CALLS = [("s3.amazonaws.com", "ListBuckets"), ("ec2.amazonaws.com", "DescribeTags"),
                  ("secretsmanager.amazonaws.com", "GetSecretValue"),
                  ("sqs.amazonaws.com", "ReceiveMessage")]


def cloud(s):
    """CloudTrail: instance roles used from their instances all week; M10 one instance's keys
    used from a home broadband address; B8 a developer's SSO role used from a cloud IDE and from
    home, every day."""
    rng = s.rng2
    instances = []
    for n, ip in enumerate(("3.121.12.40", "3.121.12.41", "18.194.20.7")):
        s.ip(ip, "DE", 50.11, 8.68, 100, 16509, "Amazon.com", "hosting", is_hosting=1)
        instances.append(("i-0%016x" % rng.getrandbits(64), ip))
    keys = {}
    for day in range(DAYS):
        for quarter in range(4):  # instance role credentials are renewed every six hours
            for inst, ip in instances:
                key = s.tempkey()
                keys[(inst, day, quarter)] = key
                t = s.at(day, 6 * quarter) + dt.timedelta(seconds=rng.uniform(0, 120))
                while t < s.at(day, 6 * quarter + 6):
                    source, name = rng.choice(INSTANCE_CALLS)
                    s.trailevent(t, source, name, ip, SDK, "web-app-role", key, inst)
                    t += dt.timedelta(seconds=rng.uniform(300, 900))

    # M10 the first instance's credentials (taken through its metadata service) used from a
    # home broadband address in another country with the AWS CLI, creating an access key.
    inst, _ = instances[0]
    key = keys[(inst, 3, 0)]
    thief = s.ip("176.59.41.12", "RU", 55.75, 37.62, 50, 31213, "PJSC MegaFon", "residential")
    t = s.at(3, 2, 40)
    for name, source, err in (("GetCallerIdentity", "sts.amazonaws.com", None),
                              ("ListBuckets", "s3.amazonaws.com", None),
                              ("ListUsers", "iam.amazonaws.com", "AccessDenied"),
                              ("CreateAccessKey", "iam.amazonaws.com", None)):
        t += dt.timedelta(seconds=rng.uniform(20, 90))
        s.trailevent(t, source, name, thief, CLI % name.lower(), "web-app-role", key, inst,
                     error=err)
    s.label("M10-instance-credentials", True, ["cloud_credentials_outside"], "cloudtrail.json",
            ips=[thief])

    # B8 a developer's SSO session: started in a cloud IDE (an AWS address), then the same
    # credentials exported to the laptop at home, every working day.
    ide = s.ip("3.64.201.9", "DE", 50.11, 8.68, 100, 16509, "Amazon.com", "hosting", is_hosting=1)
    home = s.ip("84.104.200.17", "NL", 52.37, 4.90, 10, 1136, "KPN")
    role = "AWSReservedSSO_DeveloperAccess_3f2a9c1b7d6e5f40"
    for day in range(DAYS):
        key = s.tempkey()
        t = s.at(day, 9) + dt.timedelta(seconds=rng.uniform(0, 1800))
        for _ in range(5):
            source, name = rng.choice(INSTANCE_CALLS)
            s.trailevent(t, source, name, ide, SDK, role, key, "dev@corp.example")
            t += dt.timedelta(seconds=rng.uniform(60, 600))
        t += dt.timedelta(hours=2)
        for _ in range(5):
            source, name = rng.choice(INSTANCE_CALLS)
            s.trailevent(t, source, name, home, CONSOLE_CLI % name.lower(), role, key,
                         "dev@corp.example")
            t += dt.timedelta(seconds=rng.uniform(60, 600))
    s.label("B8-developer-sso-from-home", False, [], "cloudtrail.json", ips=[home],
            accounts=[role])


def hours(s):
    """Okta: accounts with two weeks of history. M11 a sign-in and a new MFA factor at an hour
    the account never used; B9 an on-call engineer whose nights are part of the history; B10 a
    new starter with three days of history; B11 a late evening next to the usual hours."""
    rng = s.rng2
    grace_home = s.ip("86.44.20.17", "IE", 53.35, -6.26, 10, 5466, "Eir")
    henry_home = s.ip("94.119.64.3", "GB", 51.45, -0.97, 10, 5089, "Virgin Media")
    jack_home = s.ip("90.84.77.9", "FR", 48.86, 2.35, 10, 3215, "Orange")
    ines_home = s.ip("84.104.9.41", "NL", 52.37, 4.90, 10, 1136, "KPN")

    def workday(user, ip, day, first, last):
        t = s.at(day, first) + dt.timedelta(seconds=rng.uniform(0, 3600))
        s.oktalog(t, "user.session.start", "SUCCESS", user, ip, CHROME,
                  "idx%08x" % rng.getrandbits(32))
        while True:
            t += dt.timedelta(seconds=rng.uniform(1800, 7200))
            if t >= s.at(day, last):
                break
            s.oktalog(t, "user.authentication.sso", "SUCCESS", user, ip, CHROME,
                      "idx%08x" % rng.getrandbits(32))

    for day in range(-9, DAYS):
        workday("grace@corp.example", grace_home, day, 8, 17)
        workday("henry@corp.example", henry_home, day, 9, 18)
        workday("jack@corp.example", jack_home, day, 10, 19)
        if day >= 1:
            workday("ines@corp.example", ines_home, day, 9, 17)
        if -8 <= day <= -4:  # henry's on-call week: paged at night
            workday("henry@corp.example", henry_home, day, 2, 4)

    # M11 grace's password used at 03:10 UTC from abroad, and a new MFA factor enrolled.
    thief = s.ip("177.54.148.20", "BR", -23.55, -46.63, 50, 28573, "Claro NXT", "residential")
    t = s.at(3, 3, 10)
    s.oktalog(t, "user.session.start", "SUCCESS", "grace@corp.example", thief, BROWSERS[2],
              "idxnight0001")
    s.oktalog(t + dt.timedelta(minutes=4), "user.mfa.factor.activate", "SUCCESS",
              "grace@corp.example", thief, BROWSERS[2], "idxnight0001")
    s.label("M11-unusual-hour", True, ["unusual_access_hours"], "okta.jsonl", ips=[thief],
            accounts=["grace@corp.example"])

    t = s.at(3, 2, 30)
    s.oktalog(t, "user.session.start", "SUCCESS", "henry@corp.example", henry_home, CHROME,
              "idx%08x" % rng.getrandbits(32))
    s.label("B9-on-call-night", False, [], "okta.jsonl", accounts=["henry@corp.example"])
    t = s.at(3, 23, 15)
    s.oktalog(t, "user.session.start", "SUCCESS", "ines@corp.example", ines_home, CHROME,
              "idx%08x" % rng.getrandbits(32))
    s.label("B10-new-starter-late", False, [], "okta.jsonl", accounts=["ines@corp.example"])
    t = s.at(4, 21, 40)
    s.oktalog(t, "user.session.start", "SUCCESS", "jack@corp.example", jack_home, CHROME,
              "idx%08x" % rng.getrandbits(32))
    s.label("B11-late-evening", False, [], "okta.jsonl", accounts=["jack@corp.example"])


EGRESS_LIST = """# The organisation's egress ranges as an analyst would list them (netcase analyze
# --egress-file): CIDR, then a label.
154.47.30.0/24 Acme corporate VPN, Singapore exit
"""


def egress(s):
    """Okta: the corporate VPN. B12 an exit many colleagues use every day (learnable), and liam
    who signs in from home in Berlin and half an hour later through it (Ashburn); B13 mia, from
    home in Munich and then through the Singapore exit nobody else used (only the analyst's
    egress list knows it)."""
    rng = s.rng2
    exit_us = s.ip("154.47.24.10", "US", 39.04, -77.49, 20, 6461, "Zayo Bandwidth", "business")
    exit_sg = s.ip("154.47.30.20", "SG", 1.29, 103.85, 20, 6461, "Zayo Bandwidth", "business")
    for day in range(DAYS):
        for n in range(20):
            t = s.at(day, 13) + dt.timedelta(seconds=rng.uniform(0, 14400))
            s.oktalog(t, "user.session.start", "SUCCESS", "vpn%02d@corp.example" % (n + 1),
                      exit_us, BROWSERS[n % 3], "idx%08x" % rng.getrandbits(32))
    berlin = s.ip("91.64.80.3", "DE", 52.52, 13.40, 10, 3209, "Vodafone GmbH")
    munich = s.ip("79.200.14.77", "DE", 48.14, 11.58, 10, 3320, "Deutsche Telekom AG")
    for day in range(DAYS):
        t = s.at(day, 8) + dt.timedelta(seconds=rng.uniform(0, 1800))
        s.oktalog(t, "user.session.start", "SUCCESS", "liam@corp.example", berlin, CHROME,
                  "idx%08x" % rng.getrandbits(32))
        s.oktalog(t + dt.timedelta(minutes=30), "user.session.start", "SUCCESS",
                  "liam@corp.example", exit_us, CHROME, "idx%08x" % rng.getrandbits(32))
        s.oktalog(s.at(day, 9) + dt.timedelta(seconds=rng.uniform(0, 1800)), "user.session.start",
                  "SUCCESS", "mia@corp.example", munich, CHROME, "idx%08x" % rng.getrandbits(32))
    s.oktalog(s.at(2, 10, 5), "user.session.start", "SUCCESS", "mia@corp.example", exit_sg,
              CHROME, "idx%08x" % rng.getrandbits(32))
    s.label("B12-corporate-vpn-learned", False, [], "okta.jsonl", accounts=["liam@corp.example"])
    s.label("B13-corporate-vpn-listed", False, [], "okta.jsonl", accounts=["mia@corp.example"])


def write(out, name, rows, header=(), footer=()):
    rows.sort(key=lambda r: r[0])
    with open(os.path.join(out, name), "w", newline="\n") as f:
        for h in header:
            f.write(h + "\n")
        for _, line in rows:
            f.write(line + "\n")
        for h in footer:
            f.write(h + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20261005)
    ap.add_argument("--scale", type=int, default=1)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    s = Scenario(args.seed)
    background(s, args.scale)
    malicious(s)
    benign(s)
    cloud(s)
    hours(s)
    egress(s)
    scenarios_traffic.traffic(s, DAYS, BROWSERS, PAGES)
    write(args.out, "web-access.log", s.web)
    write(args.out, "auth.log", s.ssh)
    write(args.out, "okta.jsonl", s.okta)
    fields = ["ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service",
              "duration", "orig_bytes", "resp_bytes", "conn_state", "local_orig", "local_resp",
              "missed_bytes", "history", "orig_pkts", "orig_ip_bytes", "resp_pkts",
              "resp_ip_bytes", "tunnel_parents"]
    types = ["time", "string", "addr", "port", "addr", "port", "enum", "string", "interval",
             "count", "count", "string", "bool", "bool", "count", "string", "count", "count",
             "count", "count", "set[string]"]
    write(args.out, "conn.log", s.conn,
          header=["#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)",
                  "#unset_field\t-", "#path\tconn", "#open\t%s" % START.strftime("%Y-%m-%d-%H-%M-%S"),
                  "#fields\t" + "\t".join(fields), "#types\t" + "\t".join(types)],
          footer=["#close\t%s" % (START + dt.timedelta(days=1)).strftime("%Y-%m-%d-%H-%M-%S")])
    with open(os.path.join(args.out, "egress.txt"), "w") as f:
        f.write(EGRESS_LIST)
    s.trail.sort(key=lambda r: r[0])
    with open(os.path.join(args.out, "cloudtrail.json"), "w") as f:
        json.dump({"Records": [ev for _, ev in s.trail]}, f, separators=(",", ":"))
    with open(os.path.join(args.out, "ipinfo.json"), "w") as f:
        json.dump(s.ipinfo, f, indent=0, sort_keys=True)
    with open(os.path.join(args.out, "labels.json"), "w") as f:
        json.dump({"year": YEAR, "high": 60, "medium": 40, "episodes": s.labels}, f, indent=1)


if __name__ == "__main__":
    main()
