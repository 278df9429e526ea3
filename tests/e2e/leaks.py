"""Did any packet leave the stack's namespace? `python -m tests.e2e.leaks CAPTURE.pcap` reads a
capture taken on every interface inside the namespace during `make e2e` (tests/stack/e2e.sh)
and fails, naming them, if any packet was sent to an address outside it: only loopback, the
namespace's own 10.77.0.0/24 and link-local traffic on its veth pair are inside."""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

from tests.e2e.rtp import destinations, read_pcap

# Loopback, the namespace's own subnet, and link-local addresses (IPv4 224.0.0.0/24 and IPv6
# fe80::/10, ff02::/16: the kernel's IGMP/MLD reports on the veth pair; never routed).
INSIDE = [
    ipaddress.ip_network(n)
    for n in ("127.0.0.0/8", "10.77.0.0/24", "224.0.0.0/24", "::1/128", "fe80::/10", "ff02::/16")
]


def outside(addresses: set[str]) -> set[str]:
    return {a for a in addresses if not any(ipaddress.ip_address(a) in n for n in INSIDE)}


def main(path: Path) -> int:
    seen = destinations(path)
    if not seen:
        print(f"leaks: {path} holds no packets: the capture did not run", file=sys.stderr)
        return 1
    leaked = outside(seen)
    udp = len(read_pcap(path, cut=True))  # headers only
    print(f"leaks: {udp} UDP packets among the capture; destinations: {', '.join(sorted(seen))}")
    if leaked:
        print(f"leaks: packets left the namespace for {', '.join(sorted(leaked))}", file=sys.stderr)
        return 1
    print("leaks: no packet left the namespace")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
