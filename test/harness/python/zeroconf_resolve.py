"""Test harness: resolves one service instance with python-zeroconf and prints one JSON line.

Usage: zeroconf_resolve.py <bind-address> <type> <instance> <timeout-ms>
"""
import json
import sys
import time

from zeroconf import IPVersion, ServiceInfo, Zeroconf


def main() -> None:
    bind, service_type, instance, timeout_ms = sys.argv[1:5]
    zc = Zeroconf(interfaces=[bind], ip_version=IPVersion.All)
    started = time.perf_counter()
    info = ServiceInfo(service_type, f"{instance}.{service_type}")
    found = info.request(zc, int(timeout_ms))
    elapsed = (time.perf_counter() - started) * 1000
    if not found:
        print(json.dumps({"found": False, "elapsedMs": elapsed}))
    else:
        print(json.dumps({
            "found": True,
            "elapsedMs": elapsed,
            "type": info.type,
            "name": info.name,
            "server": info.server,
            "port": info.port,
            "addresses": info.parsed_addresses(),
            "txt": [s.decode("utf-8", "replace") for s in split_txt(info.text or b"")],
        }))
    sys.stdout.flush()
    zc.close()


def split_txt(data: bytes) -> list:
    """The TXT strings in wire order (python-zeroconf's properties dict loses order)."""
    strings, index = [], 0
    while index < len(data):
        length = data[index]
        strings.append(data[index + 1:index + 1 + length])
        index += 1 + length
    return strings


if __name__ == "__main__":
    main()
