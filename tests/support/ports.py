"""Ports on this machine for the tests: a server's own, or one where a client finds nothing."""

from __future__ import annotations

import random
import socket
from pathlib import Path

_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")


def free_port() -> int:
    """A port nothing listens on, on any address (it was free a moment ago): bind to it, or
    connect to it to be refused. It is below the kernel's ephemeral range, so no outgoing
    connection can take it before its server binds (CI saw a worker's health port taken so)."""
    try:
        ephemeral = int(_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        ephemeral = 32768  # Linux's default start
    low = max(1024, ephemeral - 12000)
    for port in random.sample(range(low, ephemeral), 200):
        with socket.socket() as s:
            try:
                s.bind(("", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {low}-{ephemeral - 1}")
