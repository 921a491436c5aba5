"""Episodes of gen_scenarios.py for the traffic rules of issue 21: a flash crowd beside the DDoS,
and on the Zeek side a long connection, a large outbound transfer and a rare port with their
benign look-alikes (video calls, a nightly backup, update downloads, a licence server).

They are written after every other episode and draw from their own random generator, so the
lines written before them keep their bytes (the flows' uids come from the shared generator, which
nothing uses after them)."""
import datetime as dt
import random

REGIONS = [("GB", 51.5, -0.1, 5089, "Virgin Media"), ("DE", 52.5, 13.4, 3209, "Vodafone GmbH"),
           ("FR", 48.9, 2.4, 3215, "Orange"), ("US", 40.7, -74.0, 7922, "Comcast Cable"),
           ("ES", 40.4, -3.7, 3352, "Telefonica de Espana"), ("IT", 41.9, 12.5, 3269, "Telecom Italia"),
           ("NL", 52.4, 4.9, 1136, "KPN"), ("SE", 59.3, 18.1, 3301, "Telia"),
           ("PL", 52.2, 21.0, 5617, "Orange Polska"), ("CA", 43.7, -79.4, 812, "Rogers"),
           ("AU", -33.9, 151.2, 1221, "Telstra"), ("JP", 35.7, 139.7, 2516, "KDDI")]


def flash_crowd(s, rng, browsers, pages):
    """B14: a newsletter links the shop's launch page; 1,200 readers arrive within five minutes,
    most with the newsletter as referrer, browse a few pages and get them."""
    t0 = s.at(3, 16)
    story = "https://news.example.org/2026/10/08/lamp-launch"
    sources = []
    for n in range(1200):
        country, lat, lon, asn, org = REGIONS[n % len(REGIONS)]
        ip = "%d.%d.%d.%d" % (rng.choice([31, 46, 62, 78, 80, 82, 86, 87, 92, 94]),
                              rng.randint(0, 255), rng.randint(0, 255), rng.randint(1, 254))
        s.ip(ip, country, lat + rng.uniform(-1, 1), lon + rng.uniform(-1, 1), 20, asn + n % 40,
             org)
        sources.append(ip)
        t = t0 + dt.timedelta(seconds=rng.uniform(0, 300))
        agent = rng.choice(browsers)
        ref = story if rng.random() < 0.9 else "-"
        for path in ["/products/lamp"] + rng.sample(pages, rng.randint(2, 5)):
            s.weblog(t, ip, None, "GET", path, rng.choice([200, 200, 200, 304]),
                     rng.randint(300, 40000), agent, ref)
            ref = "https://shop.example.com/products/lamp"
            t += dt.timedelta(seconds=rng.uniform(1, 20))
    s.label("B14-flash-crowd", False, [], "web-access.log", ips=sources[:50])


def flows(s, rng, days):
    # M12 a reverse shell held open for ten hours from a workstation to a rented server.
    shell = s.ip("45.134.26.9", "RU", 55.75, 37.62, 50, 210644, "AEZA GROUP LLC", "hosting",
                 is_hosting=1)
    s.flow(s.at(1, 11, 7), "10.20.1.33", 51922, shell, 4444, "tcp", "-", 36000.0, 182340,
           951200)
    s.label("M12-long-connection", True, ["long_connection"], "conn.log",
            ips=["10.20.1.33", shell])

    # M13 exfiltration: 6.9 GB uploaded to a rented server in an hour.
    drop = s.ip("5.253.84.10", "NL", 52.37, 4.90, 50, 44477, "Stark Industries", "hosting",
                is_hosting=1)
    t = s.at(3, 22, 14)
    for _ in range(3):
        s.flow(t, "10.20.1.41", rng.randint(40000, 60000), drop, 443, "tcp", "ssl", 1150.0,
               2300000000 + rng.randint(0, 9999999), 4100000 + rng.randint(0, 99999))
        t += dt.timedelta(minutes=20)
    s.label("M13-large-transfer", True, ["large_transfer"], "conn.log", ips=["10.20.1.41", drop])

    # M14 a remote-access tool on its own port, reached again and again at irregular times.
    rat = s.ip("193.149.129.7", "SC", -4.62, 55.45, 50, 204428, "SS-Net", "hosting", is_hosting=1)
    t = s.at(2, 9)
    for _ in range(30):
        t += dt.timedelta(seconds=rng.uniform(120, 1800))
        s.flow(t, "10.20.1.52", rng.randint(40000, 60000), rat, 6667, "tcp", "-",
               rng.uniform(1, 40), rng.randint(200, 4000), rng.randint(200, 9000))
    s.label("M14-rare-port", True, ["rare_port"], "conn.log", ips=["10.20.1.52", rat])

    # B15 video calls: twelve colleagues in daily calls of one to three hours.
    zoom = s.ip("170.114.52.2", "US", 37.34, -121.89, 100, 30103,
                "Zoom Video Communications, Inc", "business")
    for h in range(12):
        for day in range(days):
            s.flow(s.at(day, 10) + dt.timedelta(seconds=rng.uniform(0, 14400)),
                   "10.20.1.%d" % (70 + h), rng.randint(40000, 60000), zoom, 8801, "udp", "-",
                   rng.uniform(3600, 10800), rng.randint(200000000, 600000000),
                   rng.randint(300000000, 900000000))
    s.label("B15-video-calls", False, [], "conn.log", ips=[zoom])

    # B16 the file server's nightly backup: 8 GB to the backup provider every night.
    backup = s.ip("149.137.128.10", "US", 38.0, -122.0, 100, 40401, "Backblaze Inc", "hosting",
                  is_hosting=1)
    for day in range(days):
        t = s.at(day, 2) + dt.timedelta(seconds=rng.uniform(0, 600))
        for _ in range(2):
            s.flow(t, "10.20.1.9", rng.randint(40000, 60000), backup, 443, "tcp", "ssl", 2400.0,
                   4000000000 + rng.randint(0, 99999999), 9000000 + rng.randint(0, 999999))
            t += dt.timedelta(minutes=41)
    s.label("B16-nightly-backup", False, [], "conn.log", ips=["10.20.1.9", backup])

    # B17 update downloads: thirty workstations fetch 3 GB each (inbound, not outbound).
    cdn = s.ip("152.199.19.161", "US", 42.15, -70.83, 100, 15133, "Edgecast Inc.", "hosting",
               is_hosting=1)
    for h in range(30):
        s.flow(s.at(1, 12) + dt.timedelta(seconds=rng.uniform(0, 7200)), "10.20.1.%d" % (20 + h),
               rng.randint(40000, 60000), cdn, 443, "tcp", "ssl", 900.0, 60000,
               3000000000 + rng.randint(0, 999999))
    s.label("B17-update-download", False, [], "conn.log", ips=[cdn])

    # B18 a licence server on its own port, used by 25 engineers all day.
    lic = s.ip("52.29.10.77", "DE", 50.11, 8.68, 100, 16509, "Amazon.com", "hosting",
               is_hosting=1)
    for h in range(25):
        t = s.at(2, 8)
        for _ in range(12):
            t += dt.timedelta(seconds=rng.uniform(600, 3000))
            s.flow(t, "10.20.1.%d" % (100 + h), rng.randint(40000, 60000), lic, 27000, "tcp", "-",
                   rng.uniform(0.5, 3), rng.randint(300, 900), rng.randint(300, 900))
    s.label("B18-licence-server", False, [], "conn.log", ips=[lic])


def traffic(s, days, browsers, pages):
    rng = random.Random(20261007)
    flash_crowd(s, rng, browsers, pages)
    flows(s, rng, days)
