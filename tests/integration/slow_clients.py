#!/usr/bin/env python3
"""Slow clients against one service: from each source address given, opens
--per-address connections that send a request line and then trickle one
header byte every --trickle seconds, never ending the headers. Meanwhile it
asks GET /health from 127.0.0.1. Prints one JSON object:

  open_per_address  connections still open 0.5 s after connecting, by address
  health_status     status of /health while they hold their connections
  health_ms         its latency
  cut_after_s       [first, last] seconds after connecting at which the
                    service closed the connections it had kept
  still_open        connections not closed within --wait seconds

Only 127.0.0.x is ever contacted; every loop is bounded in time.
"""
import argparse
import json
import socket
import time


def closed(sock):
    """True when the peer has closed sock (EOF or reset); never blocks."""
    try:
        return sock.recv(1, socket.MSG_PEEK | socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def health(port):
    t0 = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
        s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        data = b""
        while b"\r\n" not in data:
            part = s.recv(4096)
            if not part:
                break
            data += part
    status = int(data.split(b" ")[1]) if data.startswith(b"HTTP/") else 0
    return status, round((time.monotonic() - t0) * 1000, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--sources", default="127.0.0.2,127.0.0.3,127.0.0.4")
    ap.add_argument("--per-address", type=int, default=8)
    ap.add_argument("--trickle", type=float, default=0.5)
    ap.add_argument("--wait", type=float, default=10)
    args = ap.parse_args()
    socks = []  # (source, socket, opened_at)
    for src in args.sources.split(","):
        assert src.startswith("127.0.0."), "loopback sources only"
        for _ in range(args.per_address):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((src, 0))
            s.settimeout(2)
            s.connect(("127.0.0.1", args.port))
            s.settimeout(None)  # blocking: closed() peeks with MSG_DONTWAIT
            s.sendall(b"GET /v1/producers HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
            socks.append([src, s, time.monotonic(), None])
    time.sleep(0.5)
    open_by = {}
    for entry in socks:
        if closed(entry[1]):
            entry[3] = -1.0  # refused at once (over the address's share)
        else:
            open_by[entry[0]] = open_by.get(entry[0], 0) + 1
    status, ms = health(args.port)
    end = time.monotonic() + args.wait
    while time.monotonic() < end and any(e[3] is None for e in socks):
        for entry in socks:
            if entry[3] is not None:
                continue
            try:
                entry[1].send(b"a")
            except OSError:
                pass
            if closed(entry[1]):
                entry[3] = time.monotonic() - entry[2]
        time.sleep(args.trickle)
    cuts = [e[3] for e in socks if e[3] is not None and e[3] >= 0]
    print(json.dumps({
        "open_per_address": open_by,
        "health_status": status,
        "health_ms": ms,
        "cut_after_s": [round(min(cuts), 2), round(max(cuts), 2)] if cuts else None,
        "still_open": sum(1 for e in socks if e[3] is None),
    }))
    for entry in socks:
        entry[1].close()


if __name__ == "__main__":
    main()
