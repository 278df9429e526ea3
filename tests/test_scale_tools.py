"""The scale-out tools that work without the stack: the multi-node layout of `make stack
NODES=2` (tests/stack/nodes.py) and how `make scale` judges that a phone heard a line
(tests/e2e/scale.py)."""

from __future__ import annotations

import json

import pytest

from prompts.schema import render
from tests.e2e.phones import agent_voice
from tests.e2e.scale import heard, pieces_heard
from tests.stack.nodes import PEER_IP, layout, livekit_yaml, sip_yaml, stack_env
from tests.support.harness import prompts

EXEC = ["ip", "netns", "exec", "lkstack"]
SECOND = 8000 * 2  # bytes of 8 kHz 16-bit audio


def test_one_node_is_the_stack_every_existing_command_knows():
    [node] = layout(1)
    env = stack_env([node], "s3cret", "lkstack", EXEC)
    assert {k: env[k] for k in list(env)[:9]} == {
        "LIVEKIT_URL": "ws://127.0.0.1:7880",
        "LIVEKIT_API_KEY": "stackkey",
        "LIVEKIT_API_SECRET": "s3cret",
        "SIP_ADDRESS": "10.77.0.1:5060",
        "STACK_EXEC": "ip netns exec lkstack",
        "STACK_IP": "10.77.0.1",
        "STACK_NETNS": "lkstack",
        "STACK_REDIS": "127.0.0.1:6379",
        "STACK_PEER_IP": "10.77.0.2",
    }
    assert (node.server, node.bridge, node.rtp_ports) == (
        "livekit-server",
        "livekit-sip",
        "10000-10199",
    )
    server = json.loads(livekit_yaml(node, "s3cret"))
    assert (server["port"], server["rtc"]["tcp_port"], server["rtc"]["udp_port"]) == (
        7880,
        7881,
        7882,
    )
    assert env["STACK_NODES"] == "1" and env["STACK_SIP_ADDRESSES"] == "10.77.0.1:5060"


def test_two_nodes_share_redis_and_nothing_else():
    nodes = layout(2)
    servers = [json.loads(livekit_yaml(n, "s")) for n in nodes]
    bridges = [json.loads(sip_yaml(n, "s")) for n in nodes]
    assert len({s["redis"]["address"] for s in servers + bridges}) == 1  # one Redis
    assert len({n.ip for n in nodes} | {PEER_IP}) == 3  # each node its own address
    ports = [(s["port"], s["rtc"]["tcp_port"], s["rtc"]["udp_port"]) for s in servers]
    assert len(set(ports[0]) | set(ports[1])) == 6
    assert [s["rtc"]["node_ip"] for s in servers] == [n.ip for n in nodes]
    assert [s["bind_addresses"][1] for s in servers] == [n.ip for n in nodes]
    # Each bridge listens on its own node's address and joins rooms through its own node.
    assert [(b["listen_ip"], b["nat_1_to_1_ip"]) for b in bridges] == [(n.ip, n.ip) for n in nodes]
    assert [b["ws_url"] for b in bridges] == [n.url for n in nodes]
    first, second = (tuple(map(int, b["rtp_port"].split("-"))) for b in bridges)
    assert first[1] < second[0]  # RTP port ranges apart
    assert [n.server for n in nodes] == ["livekit-server", "livekit-server-2"]
    env = stack_env(nodes, "s", "lkscale", EXEC)
    assert env["STACK_NODE_URLS"].split() == [n.url for n in nodes]
    assert env["STACK_SIP_ADDRESSES"].split() == [n.sip_address for n in nodes]
    assert env["LIVEKIT_URL"] == nodes[0].url and env["SIP_ADDRESS"] == nodes[0].sip_address


@pytest.mark.parametrize("count", [0, -1, 9])
def test_a_node_count_out_of_range_is_refused_by_name(count):
    with pytest.raises(ValueError, match=f"--nodes must be 1 to 8, not {count}"):
        layout(count)


# ----------------------------------------------------------------- what the phone heard
def on_the_line(pcm: bytes) -> bytes:
    """`pcm` as a phone gets it: silence before and after."""
    return b"\0" * SECOND + pcm + b"\0" * SECOND * 2


def greeting() -> str:
    return prompts().receptionist.greeting


def test_the_greeting_as_the_agent_says_it_is_heard_whole():
    found, pieces = pieces_heard(on_the_line(agent_voice(greeting())), greeting())
    assert found == pieces >= 4


def test_a_stall_in_the_greeting_still_counts_as_heard():
    voice = agent_voice(greeting())
    middle = len(voice) // 2 & ~1
    stalled = voice[:middle] + b"\0" * int(SECOND * 1.5) + voice[middle:]
    assert heard(on_the_line(stalled), greeting())


def test_one_lost_second_is_tolerated_and_two_are_not():
    voice = agent_voice(greeting())
    first_lost = b"\0" * SECOND + voice[SECOND:]
    assert heard(on_the_line(first_lost), greeting())
    two_lost = b"\0" * SECOND + voice[SECOND : 3 * SECOND] + b"\0" * SECOND + voice[4 * SECOND :]
    assert not heard(on_the_line(two_lost), greeting())


def test_another_line_is_not_taken_for_the_greeting():
    p = prompts()
    for other in (render(p.host.greeting, caller_name="Ada"), p.host.just_us):
        assert not heard(on_the_line(agent_voice(other)), greeting()), other
