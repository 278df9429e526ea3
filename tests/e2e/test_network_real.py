"""Every packet stays on this machine: the stack's namespace has no way out, and a real call's
sockets (signalling, WebRTC media and data) only ever talk to addresses inside it."""

from __future__ import annotations

import ipaddress
import subprocess

import pytest

from tests.e2e.conftest import unique
from tests.e2e.test_room_control_real import participant

pytestmark = pytest.mark.e2e

INSIDE = [ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128")]


def peers() -> set[str]:
    """The remote address of every TCP/UDP socket in this namespace (pytest runs inside it)."""
    out = subprocess.run(["ss", "-Htuna"], check=True, capture_output=True, text=True).stdout
    found = set()
    for line in out.splitlines():
        peer = line.split()[5]  # Netid State Recv-Q Send-Q Local Peer
        host = peer.rsplit(":", 1)[0].strip("[]").split("%")[0]
        if host not in ("*", "0.0.0.0", "::"):
            found.add(host)
    return found


def plain(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    ip = ipaddress.ip_address(address)
    return getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:10.77.0.1 is 10.77.0.1


def test_the_namespace_has_no_route_out(stack):
    routes = subprocess.run(["ip", "route"], check=True, capture_output=True, text=True).stdout
    assert "default" not in routes
    assert routes.split() and all(
        line.startswith(str(ipaddress.ip_network(f"{stack.ip}/24", strict=False)))
        for line in routes.splitlines()
    )


async def test_a_real_call_talks_only_to_addresses_inside(stack):
    inside = [*INSIDE, ipaddress.ip_network(f"{stack.ip}/24", strict=False)]
    room_name = unique("e2e-room")
    async with (
        participant(stack, room_name, "ada", audio=True),
        participant(stack, room_name, "grace", audio=True),
    ):
        seen = peers()
    assert seen, "no connected sockets seen during the call"
    outside = {a for a in seen if not any(plain(a) in n for n in inside)}
    assert outside == set()
