"""Ports on this machine for the tests: a server's own, or one where a client finds nothing."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A loopback port nothing listens on (it was free a moment ago): bind to it, or connect to
    it to be refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
