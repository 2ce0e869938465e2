#!/usr/bin/python3
"""A Jitsi-style DHCPINFORM client for the tests, written apart from src/ on purpose.

It packs the request by hand (RFC 2131 §2) and reads the reply's options itself, so a fault in
our own packet codec cannot hide a fault in a server's answer. Like Jitsi it binds UDP 6768,
broadcasts a DHCPINFORM (ciaddr = our address, chaddr = the interface MAC, parameter request
list = [224]) to 255.255.255.255:6767, and takes the first reply with its xid carrying option 224.

Usage: jitsi_dhcp_inform.py IFACE CIADDR [--count N] [--timeout S]
Prints one JSON object: the URI, the server, what the last reply gave (message type, yiaddr,
whether it has a lease time) and every round trip's latency in ms.
"""
import json
import os
import random
import socket
import struct
import sys
import time

MAGIC = b"\x63\x82\x53\x63"


def inform(xid, ciaddr, mac):
    header = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, xid, 0, 0,
                         socket.inet_aton(ciaddr), bytes(4), bytes(4), bytes(4),
                         mac, bytes(64), bytes(128))
    options = bytes([53, 1, 8, 55, 1, 224, 255])
    message = header + MAGIC + options
    return message + bytes(max(0, 300 - len(message)))


def options_of(reply):
    if len(reply) < 240 or reply[236:240] != MAGIC:
        return None
    found, at = {}, 240
    while at < len(reply) and reply[at] != 255:
        if reply[at] == 0:
            at += 1
            continue
        code, length = reply[at], reply[at + 1]
        found[code] = found.get(code, b"") + reply[at + 2:at + 2 + length]
        at += 2 + length
    return found


def ask(sock, ciaddr, mac, deadline):
    xid = random.getrandbits(32)
    started = time.perf_counter()
    sock.sendto(inform(xid, ciaddr, mac), ("255.255.255.255", 6767))
    while True:
        sock.settimeout(max(0.001, deadline - time.monotonic()))
        reply, sender = sock.recvfrom(2048)
        if reply[0] != 2 or struct.unpack("!I", reply[4:8])[0] != xid:
            continue
        options = options_of(reply)
        if options is None or 224 not in options:
            continue
        elapsed = (time.perf_counter() - started) * 1000
        server = socket.inet_ntoa(options[54]) if len(options.get(54, b"")) == 4 else sender[0]
        ack = {"messageType": options.get(53, b"\0")[0], "yiaddr": socket.inet_ntoa(reply[16:20]),
               "leaseTime": 51 in options}
        return options[224].decode("utf-8"), server, elapsed, ack


def main():
    iface, ciaddr = sys.argv[1], sys.argv[2]
    count = int(sys.argv[sys.argv.index("--count") + 1]) if "--count" in sys.argv else 1
    timeout = float(sys.argv[sys.argv.index("--timeout") + 1]) if "--timeout" in sys.argv else 10
    with open(f"/sys/class/net/{iface}/address") as f:
        mac = bytes.fromhex(f.read().strip().replace(":", "")).ljust(16, b"\0")

    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    # Pins the broadcast to IFACE; Jitsi's Java socket leaves that to the routing table.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
    sock.bind(("0.0.0.0", 6768))

    result = {"uri": None, "server": None, "latenciesMs": []}
    try:
        for _ in range(count):
            uri, server, elapsed, ack = ask(sock, ciaddr, mac, time.monotonic() + timeout)
            result.update(uri=uri, server=server, ack=ack)
            result["latenciesMs"].append(elapsed)
    except socket.timeout:
        result["error"] = "timeout"
    print(json.dumps(result))


if __name__ == "__main__":
    main()
