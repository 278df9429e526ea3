"""What the `python -m workflows.provision` tests share: the description and settings they run
with, the fixtures (a LiveKit API test server with nothing on it, the description file) and the
requests and output a run is expected to produce. Test modules take the fixtures with
`server, config = provision_cli.server, provision_cli.config`: module-level, so they win over
tests/conftest.py's `server`, which already has an outbound trunk."""

from __future__ import annotations

from pathlib import Path

import pytest
from google.protobuf import json_format
from google.protobuf.duration_pb2 import Duration
from livekit import api
from livekit.protocol import sip

from tests.support.livekit_server import LiveKitTestServer
from workflows.provision import run

NUMBER = "+14155550100"
OUT_NUMBER = "+14155550111"
PASSWORD = "sip-password-never-printed"
DESCRIPTION = """\
inbound_trunk:
  name: reception-in
dispatch_rule:
  name: reception-rule
  room_prefix: "call-"
outbound_trunk:
  create: {create}
  name: reception-out
"""


@pytest.fixture
async def server():
    """A LiveKit API test server with nothing on it yet (no outbound trunk)."""
    async with LiveKitTestServer() as server:
        yield server


@pytest.fixture
def config(tmp_path) -> Path:
    """The description above, with an outbound trunk to create."""
    path = tmp_path / "provision.yaml"
    path.write_text(DESCRIPTION.format(create="true"))
    return path


def env_for(server: LiveKitTestServer | None, **changes: str) -> dict[str, str]:
    env = {
        "SIP_INBOUND_NUMBER": "(415) 555-0100",
        "SIP_OUTBOUND_ADDRESS": "sip.example.com",
        "SIP_OUTBOUND_NUMBER": "+1 415 555 0111",
        "SIP_OUTBOUND_USERNAME": "reception",
        "SIP_OUTBOUND_PASSWORD": PASSWORD,
    }
    if server is not None:
        env |= {
            "LIVEKIT_URL": server.url,
            "LIVEKIT_API_KEY": server.api_key,
            "LIVEKIT_API_SECRET": server.api_secret,
        }
    return env | changes


async def provision(capsys, *argv: str, env: dict[str, str]) -> tuple[int, str, str]:
    code = await run(list(argv), env)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def changes_sent(server: LiveKitTestServer, since: int = 0) -> list[str]:
    """Every request after `since` that is not a read (List...)."""
    return [r.method for r in server.requests[since:] if not r.method.startswith("List")]


def expected_trunk(number: str = NUMBER) -> sip.SIPInboundTrunkInfo:
    return sip.SIPInboundTrunkInfo(
        name="reception-in", numbers=[number], ringing_timeout=Duration(seconds=30)
    )


def expected_rule(trunk_id: str, agent: str = "conference-receptionist") -> sip.SIPDispatchRuleInfo:
    return sip.SIPDispatchRuleInfo(
        name="reception-rule",
        rule=sip.SIPDispatchRule(
            dispatch_rule_individual=sip.SIPDispatchRuleIndividual(room_prefix="call-")
        ),
        trunk_ids=[trunk_id] if trunk_id else [],
        room_config=api.RoomConfiguration(agents=[api.RoomAgentDispatch(agent_name=agent)]),
    )


def expected_outbound(password: str = PASSWORD) -> sip.SIPOutboundTrunkInfo:
    return sip.SIPOutboundTrunkInfo(
        name="reception-out",
        address="sip.example.com",
        numbers=[OUT_NUMBER],
        auth_username="reception",
        auth_password=password,
    )


def ids(server: LiveKitTestServer) -> tuple[str, str, str]:
    [trunk] = server.inbound_trunks
    [rule] = server.dispatch_rules
    [outbound] = server.outbound_trunks
    return trunk, rule, outbound


def json_of(message) -> str:
    return json_format.MessageToJson(message, indent=2)


def next_steps(outbound_id: str, number: str = NUMBER, agent="conference-receptionist") -> str:
    return (
        "Next:\n"
        f"  1. Put SIP_TRUNK_ID={outbound_id} in .env so the host can dial out.\n"
        "  2. Start the worker: python -m workflows.main dev\n"
        f"  3. Call {number}: each call gets a new room (call-...) and the agent '{agent}' "
        "answers.\n"
    )
