#!/usr/bin/python3
"""Sends raw datagrams to UDP 6767 and reports every reply heard, for the tests.

Reads one hex-encoded datagram per line on stdin (an empty line is an empty datagram),
broadcasts each from port 6768 on IFACE, then listens WAIT seconds and prints one JSON object:
the xid of each reply (or null when the reply is too short to hold one).
It builds and reads nothing else on purpose: the tests decide.

Usage: send_dhcp_packets.py IFACE WAIT [PORT [TO]] < packets.hex
PORT (6768 by default) is the port sent from and listened on; a relay agent uses 6767 and
sends to the server's address TO instead of broadcasting.
"""
import json
import socket
import struct
import sys
import time


def main():
    iface, wait = sys.argv[1], float(sys.argv[2])
    port = int(sys.argv[3]) if len(sys.argv) > 3 else 6768
    to = sys.argv[4] if len(sys.argv) > 4 else "255.255.255.255"
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BROADCAST, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, iface.encode())
    sock.bind(("0.0.0.0", port))

    sent = 0
    # Every line is one datagram; an empty line sends an empty one.
    for line in sys.stdin.read().split("\n")[:-1]:
        sock.sendto(bytes.fromhex(line.strip()), (to, 6767))
        sent += 1

    replies = []
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        sock.settimeout(max(0.001, deadline - time.monotonic()))
        try:
            reply, _ = sock.recvfrom(2048)
        except socket.timeout:
            break
        replies.append(struct.unpack("!I", reply[4:8])[0] if len(reply) >= 8 else None)
    print(json.dumps({"sent": sent, "replyXids": replies}))


if __name__ == "__main__":
    main()
