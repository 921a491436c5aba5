#!/usr/bin/env python3
"""Generates deterministic Okta System Log events as JSON lines for the import benchmark.

    gen_okta.py --lines N [--ips K] [--users U] [--seed S] [--out FILE]

Each line is one LogEvent with the fields of Okta's System Log API (actor, client with
userAgent / ipAddress / geographicalContext, authenticationContext, displayMessage, eventType,
outcome, published, securityContext, debugContext, transaction, uuid, request.ipChain, target).
"""
import argparse
import json
import random
import sys
import time
import uuid
import zlib

EVENTS = [
    ("user.session.start", "User login to Okta", "core.user_auth.login_success"),
    ("user.authentication.sso", "User single sign on to app", None),
    ("user.authentication.auth_via_mfa", "Authentication of user via MFA", None),
    ("user.mfa.okta_verify.deny_push", "User rejected Okta push verify", None),
    ("policy.evaluate_sign_on", "Evaluation of sign-on policy", None),
    ("user.session.end", "User logout from Okta", "core.user_auth.logout_success"),
]
AGENTS = [
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/120.0.0.0 Safari/537.36", "Windows 10", "CHROME"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.1 Safari/605.1.15", "Mac OS X", "SAFARI"),
    ("Okta Verify/8.2.0 iOS/17.1", "iOS", "UNKNOWN"),
]
CITIES = [("Ashburn", "Virginia", "United States", "20149", 39.0469, -77.4903),
          ("Frankfurt am Main", "Hesse", "Germany", "60313", 50.1109, 8.6821),
          ("Singapore", None, "Singapore", None, 1.2897, 103.8501)]


def make_ip(r, v6):
    if v6:
        return "2001:db8:%x:%x::%x" % (r.randrange(0xffff), r.randrange(0xffff), r.randrange(1, 0xffff))
    return "%d.%d.%d.%d" % (r.randrange(1, 224), r.randrange(256), r.randrange(256), r.randrange(1, 255))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--ips", type=int, default=20000)
    ap.add_argument("--users", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out")
    a = ap.parse_args()
    r = random.Random(a.seed)
    pool = [make_ip(r, r.randrange(100) < 6) for _ in range(a.ips)]
    users = ["user%04d@example.com" % i for i in range(a.users)]
    out = open(a.out, "w") if a.out else sys.stdout
    t = 1700000000.0
    buf = []
    dumps = json.JSONEncoder(separators=(",", ":")).encode
    for i in range(a.lines):
        t += r.random() * 2
        ms = int((t % 1) * 1000)
        published = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % ms
        event_type, message, legacy = EVENTS[r.randrange(len(EVENTS))]
        ip = pool[r.randrange(len(pool))]
        ua, os_name, browser = AGENTS[r.randrange(len(AGENTS))]
        city, state, country, postal, lat, lon = CITIES[r.randrange(len(CITIES))]
        user = users[r.randrange(len(users))]
        failed = r.randrange(10) == 0
        req_id = "%032x" % r.getrandbits(128)
        session = "102%022x" % r.getrandbits(88)
        geo = {"city": city, "state": state, "country": country, "postalCode": postal,
               "geolocation": {"lat": lat, "lon": lon}}
        ev = {
            "actor": {"id": "00u%017x" % zlib.crc32(user.encode()), "type": "User",
                      "alternateId": user, "displayName": user.split("@")[0], "detailEntry": None},
            "client": {"userAgent": {"rawUserAgent": ua, "os": os_name, "browser": browser},
                       "zone": "null", "device": "Computer", "id": None, "ipAddress": ip,
                       "geographicalContext": geo},
            "device": None,
            "authenticationContext": {"authenticationProvider": None, "credentialProvider": None,
                                      "credentialType": None, "issuer": None, "interface": None,
                                      "authenticationStep": 0, "rootSessionId": session,
                                      "externalSessionId": session},
            "displayMessage": message,
            "eventType": event_type,
            "outcome": {"result": "FAILURE" if failed else "SUCCESS",
                        "reason": "INVALID_CREDENTIALS" if failed else None},
            "published": published,
            "securityContext": {"asNumber": 14618, "asOrg": "example networks", "isp": "example isp",
                                "domain": "example.net", "isProxy": False},
            "severity": "WARN" if failed else "INFO",
            "debugContext": {"debugData": {"requestId": req_id, "requestUri": "/api/v1/authn",
                                           "url": "/api/v1/authn?"}},
            "legacyEventType": legacy,
            "transaction": {"type": "WEB", "id": req_id, "detail": {}},
            "uuid": str(uuid.UUID(int=r.getrandbits(128), version=1)),
            "version": "0",
            "request": {"ipChain": [{"ip": ip, "geographicalContext": geo,
                                     "version": "V6" if ":" in ip else "V4", "source": None}]},
            "target": [{"id": "0oa%017x" % r.getrandbits(64), "type": "AppInstance",
                        "alternateId": "Example App", "displayName": "Example App",
                        "detailEntry": None}],
        }
        buf.append(dumps(ev))
        if len(buf) >= 5000:
            out.write("\n".join(buf) + "\n")
            buf = []
    if buf:
        out.write("\n".join(buf) + "\n")


if __name__ == "__main__":
    main()
