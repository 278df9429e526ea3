"""The stack's layout: where each livekit-server node and its SIP bridge live in the network
namespace, and their configuration files. `python tests/stack/stack.py up --nodes N` starts N
nodes on one Redis (LiveKit's multi-node mode: they find each other, and each other's rooms,
through it); N=1, the default, is the stack every existing command uses, unchanged.

Node 1 keeps the original addresses, ports and process names (livekit-server, livekit-sip):
10.77.0.1, HTTP 7880, ICE 7881/7882, SIP 10.77.0.1:5060, RTP 10000-10199. Node n > 1 gets the
next free address on the same veth end (10.77.0.3, 10.77.0.4, ...; 10.77.0.2 is the phones'),
ports 10(n-1) higher, its own 200 RTP ports, and `-n` after its process names. Standard library
only (stack.py runs before the virtualenv exists).
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass

STACK_IP = "10.77.0.1"  # node 1, inside the namespace only
PEER_IP = "10.77.0.2"  # the veth's other end, also inside: the phones' address
REDIS_PORT = 6379
HTTP_PORT = 7880  # signalling (WebSocket) and Twirp API
RTC_TCP_PORT = 7881
RTC_UDP_PORT = 7882
SIP_PORT = 5060
SIP_RTP_FIRST, SIP_RTP_COUNT = 10000, 200
PORT_STEP = 10  # node n's ports: node 1's + 10 (n-1)
MAX_NODES = 8
API_KEY = "stackkey"


@dataclass(frozen=True)
class Node:
    """One livekit-server and the SIP bridge beside it (1-based `index`)."""

    index: int

    @property
    def ip(self) -> str:
        return STACK_IP if self.index == 1 else f"10.77.0.{self.index + 1}"

    def _port(self, base: int) -> int:
        return base + PORT_STEP * (self.index - 1)

    @property
    def http_port(self) -> int:
        return self._port(HTTP_PORT)

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.http_port}"

    @property
    def sip_address(self) -> str:
        return f"{self.ip}:{SIP_PORT}"

    @property
    def rtp_ports(self) -> str:
        first = SIP_RTP_FIRST + SIP_RTP_COUNT * (self.index - 1)
        return f"{first}-{first + SIP_RTP_COUNT - 1}"

    def _suffix(self) -> str:
        return "" if self.index == 1 else f"-{self.index}"

    @property
    def server(self) -> str:
        """The livekit-server's process name (its pid and log files under .stack/run/)."""
        return f"livekit-server{self._suffix()}"

    @property
    def bridge(self) -> str:
        return f"livekit-sip{self._suffix()}"


def layout(count: int) -> list[Node]:
    """The nodes of a stack of `count`; a count out of 1..MAX_NODES is refused, named."""
    if not 1 <= count <= MAX_NODES:
        raise ValueError(f"stack: --nodes must be 1 to {MAX_NODES}, not {count}")
    return [Node(i) for i in range(1, count + 1)]


def livekit_yaml(node: Node, secret: str) -> str:
    config = {
        "port": node.http_port,
        "bind_addresses": ["127.0.0.1", node.ip],
        "keys": {API_KEY: secret},
        "redis": {"address": f"127.0.0.1:{REDIS_PORT}"},
        "rtc": {
            "tcp_port": node._port(RTC_TCP_PORT),
            "udp_port": node._port(RTC_UDP_PORT),
            "use_external_ip": False,
            "stun_servers": [],
            "node_ip": node.ip,
            "interfaces": {"includes": ["lk0"]},
        },
        "logging": {"level": "info"},
    }
    return json.dumps(config, indent=2)  # JSON is YAML


def sip_yaml(node: Node, secret: str) -> str:
    config = {
        "api_key": API_KEY,
        "api_secret": secret,
        "ws_url": node.url,
        "redis": {"address": f"127.0.0.1:{REDIS_PORT}"},
        "sip_port": SIP_PORT,
        "rtp_port": node.rtp_ports,
        "use_external_ip": False,
        "nat_1_to_1_ip": node.ip,
        "listen_ip": node.ip,
        "max_cpu_utilization": 1.0,  # 2 cores under test load: never refuse a call for CPU
        "logging": {"level": "debug"},
    }
    return json.dumps(config, indent=2)


def redis_conf(folder: str) -> str:
    return "\n".join(
        [
            "bind 127.0.0.1",
            f"port {REDIS_PORT}",
            'save ""',
            "appendonly no",
            f"dir {folder}",
            "daemonize no",
            "",
        ]
    )


def stack_env(nodes: list[Node], secret: str, netns: str, exec_: list[str]) -> dict[str, str]:
    """.stack/stack.env: node 1's settings under the original keys (every existing command
    uses them), and every node's under the STACK_NODE* keys, space-separated, node 1 first."""
    first = nodes[0]
    return {
        "LIVEKIT_URL": first.url,
        "LIVEKIT_API_KEY": API_KEY,
        "LIVEKIT_API_SECRET": secret,
        "SIP_ADDRESS": first.sip_address,
        "STACK_EXEC": shlex.join(exec_),
        "STACK_IP": first.ip,
        "STACK_NETNS": netns,
        "STACK_REDIS": f"127.0.0.1:{REDIS_PORT}",
        "STACK_PEER_IP": PEER_IP,
        "STACK_NODES": str(len(nodes)),
        "STACK_NODE_URLS": " ".join(n.url for n in nodes),
        "STACK_NODE_IPS": " ".join(n.ip for n in nodes),
        "STACK_SIP_ADDRESSES": " ".join(n.sip_address for n in nodes),
    }
