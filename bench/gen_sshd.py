#!/usr/bin/env python3
"""Generates a deterministic OpenSSH auth log (RFC 3164 syslog, no year) for the import benchmark.

    gen_sshd.py --lines N [--ips K] [--seed S] [--out FILE]

The mix follows a host under brute force: failed passwords and invalid users dominate, with
accepted passwords and public keys, PAM failures with rhost, disconnects, too many failures
and sudo lines. About 6 % of the addresses are IPv6.
"""
import argparse
import random
import sys
import time

USERS = ["root", "admin", "ubuntu", "test", "oracle", "postgres", "git", "deploy", "alice", "bob"]
INVALID = ["webmaster", "guest", "user1", "support", "ftpuser", "pi", "nagios", "hadoop", "www"]


def make_ip(r, v6):
    if v6:
        return "2001:db8:%x:%x::%x" % (r.randrange(0xffff), r.randrange(0xffff), r.randrange(1, 0xffff))
    return "%d.%d.%d.%d" % (r.randrange(1, 224), r.randrange(256), r.randrange(256), r.randrange(1, 255))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--ips", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out")
    a = ap.parse_args()
    r = random.Random(a.seed)
    pool = [make_ip(r, r.randrange(100) < 6) for _ in range(a.ips)]
    out = open(a.out, "w") if a.out else sys.stdout
    t = 1700000000
    pid = 20000
    lines = []
    for i in range(a.lines):
        t += r.randrange(2)
        stamp = time.strftime("%b %e %H:%M:%S", time.gmtime(t))
        head = "%s bastion sshd[%d]: " % (stamp, pid)
        ip = pool[r.randrange(len(pool))]
        port = r.randrange(1024, 65536)
        k = r.randrange(100)
        if k < 40:
            msg = "Failed password for %s from %s port %d ssh2" % (r.choice(USERS), ip, port)
        elif k < 60:
            msg = "Failed password for invalid user %s from %s port %d ssh2" % (r.choice(INVALID), ip, port)
        elif k < 70:
            msg = "Invalid user %s from %s port %d" % (r.choice(INVALID), ip, port)
        elif k < 78:
            msg = ("pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh "
                   "ruser= rhost=%s  user=%s" % (ip, r.choice(USERS)))
        elif k < 86:
            msg = "Connection closed by authenticating user %s %s port %d [preauth]" % (r.choice(USERS), ip, port)
        elif k < 90:
            msg = "Disconnected from invalid user %s %s port %d [preauth]" % (r.choice(INVALID), ip, port)
        elif k < 93:
            msg = ("error: maximum authentication attempts exceeded for %s from %s port %d ssh2 "
                   "[preauth]" % (r.choice(USERS), ip, port))
        elif k < 96:
            msg = "Accepted password for %s from %s port %d ssh2" % (r.choice(USERS), ip, port)
        elif k < 99:
            msg = ("Accepted publickey for %s from %s port %d ssh2: RSA "
                   "SHA256:Kl8kPGZrTiz7g4FO1hyqHdsSBBb5Fge6NWOobN03XJg" % (r.choice(USERS), ip, port))
        else:
            head = "%s bastion sudo: " % stamp
            msg = ("   %s : TTY=pts/0 ; PWD=/home/%s ; USER=root ; COMMAND=/usr/bin/systemctl "
                   "restart nginx" % ("alice", "alice"))
        lines.append(head + msg + "\n")
        if r.randrange(4) == 0:
            pid += 1
        if len(lines) >= 10000:
            out.write("".join(lines))
            lines = []
    out.write("".join(lines))


if __name__ == "__main__":
    main()
