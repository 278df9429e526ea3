"""`python -m workflows.provision` errors, with the exact message: missing or malformed settings,
rejected credentials, a server that cannot be reached or does not answer, a number another
trunk claims, two resources of one name, and an invalid description. Nothing is sent that
should not be."""

from __future__ import annotations

import pytest
from livekit import api
from livekit.protocol import sip

from tests.support import provision_cli
from tests.support.livekit_server import LiveKitTestServer
from tests.support.ports import free_port
from tests.support.provision_cli import NUMBER, changes_sent, env_for, provision

# Fixtures: see tests/support/provision_cli.py.
server, config = provision_cli.server, provision_cli.config


async def _other_trunk(server: LiveKitTestServer) -> str:
    async with api.LiveKitAPI(server.url, server.api_key, server.api_secret) as lk:
        trunk = await lk.sip.create_inbound_trunk(
            sip.CreateSIPInboundTrunkRequest(
                trunk=sip.SIPInboundTrunkInfo(name="old-pbx", numbers=[NUMBER])
            )
        )
    return trunk.sip_trunk_id


CLAIMED = (
    "provision: SIP_INBOUND_NUMBER +14155550100 is already claimed by inbound trunk {id}{name}. "
    "Remove the number from that trunk, delete it (lk sip inbound delete {id}), or set "
    "inbound_trunk.name in {config} to that trunk's name to manage it from here.\n"
)


async def test_missing_settings_are_all_named_and_nothing_is_sent(server, config, capsys):
    code, out, err = await provision(capsys, "--config", str(config), env={"AGENT_NAME": "x"})

    assert (code, out) == (2, "")
    assert err == (
        "provision: missing settings: LIVEKIT_URL, LIVEKIT_API_KEY, LIVEKIT_API_SECRET, "
        "SIP_INBOUND_NUMBER, SIP_OUTBOUND_ADDRESS, SIP_OUTBOUND_NUMBER. "
        "Set them in .env (see .env.example).\n"
    )
    assert server.requests == []


@pytest.mark.parametrize(
    ("number", "reason"),
    [
        ("555-01", "it is too short to be a phone number"),
        ("tel:4155550100", "a phone number can only contain digits, spaces and + ( ) - ."),
        ("+1 415 555 0100 ext 7", "it has an extension"),
    ],
)
async def test_a_number_in_the_wrong_format_is_refused_before_anything_is_sent(
    server, config, capsys, number, reason
):
    env = env_for(server, SIP_INBOUND_NUMBER=number)
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, out) == (2, "")
    assert err == (
        f"provision: SIP_INBOUND_NUMBER {number!r} is not usable: {reason}; "
        "write it in E.164 form, e.g. +14155550100\n"
    )
    assert server.requests == []


async def test_bad_credentials_say_to_check_the_key_and_secret(server, config, capsys):
    env = env_for(server, LIVEKIT_API_SECRET="not-the-secret-but-long-enough-to-sign")
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, out) == (1, "")
    assert err == (
        "provision: LiveKit rejected the API key or secret (HTTP 401) while listing inbound "
        "trunks. Check LIVEKIT_API_KEY and LIVEKIT_API_SECRET: a key pair of the project at "
        "LIVEKIT_URL, with SIP admin permission.\n"
    )
    assert "not-the-secret" not in err and not server.inbound_trunks


async def test_an_unreachable_server_names_livekit_url(config, capsys):
    url = f"http://127.0.0.1:{free_port()}"
    env = env_for(None, LIVEKIT_URL=url, LIVEKIT_API_KEY="k", LIVEKIT_API_SECRET="s" * 32)
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, out) == (1, "")
    assert err == (
        f"provision: cannot reach LiveKit at {url} (connection refused). "
        "Check LIVEKIT_URL and that the server is running.\n"
    )


async def test_a_server_that_does_not_answer_is_given_up_on(server, config, capsys):
    server.delay("ListSIPInboundTrunk", 5)
    env = env_for(server)
    code, out, err = await provision(capsys, "--timeout", "0.2", "--config", str(config), env=env)

    assert (code, out) == (1, "")
    assert err == (
        f"provision: no answer from LiveKit at {server.url} within 0.2 s while listing "
        "inbound trunks. Check LIVEKIT_URL.\n"
    )


async def test_a_number_claimed_by_another_trunk_names_that_trunk(server, config, capsys):
    other = await _other_trunk(server)
    before = len(server.requests)

    code, out, err = await provision(capsys, "--config", str(config), env=env_for(server))

    assert (code, out) == (1, "")
    assert err == CLAIMED.format(id=other, name=" ('old-pbx')", config=config)
    assert changes_sent(server, before) == []


async def test_a_number_claim_reported_by_the_server_names_that_trunk(server, config, capsys):
    server.fail(
        "CreateSIPInboundTrunk",
        "invalid_argument",
        'Conflicting inbound SIP Trunks: "<new>" and "ST_racedAhead1", using the same '
        'number(s) ["+14155550100"] without AllowedNumbers set',
    )
    code, out, err = await provision(capsys, "--config", str(config), env=env_for(server))

    assert (code, out) == (1, "")
    assert err == CLAIMED.format(id="ST_racedAhead1", name="", config=config)
    assert changes_sent(server) == ["CreateSIPInboundTrunk"] and not server.dispatch_rules


async def test_two_resources_with_the_same_name_are_not_guessed_between(server, config, capsys):
    async with api.LiveKitAPI(server.url, server.api_key, server.api_secret) as lk:
        for number in ("+14155550120", "+14155550121"):
            trunk = sip.SIPInboundTrunkInfo(name="reception-in", numbers=[number])
            await lk.sip.create_inbound_trunk(sip.CreateSIPInboundTrunkRequest(trunk=trunk))
    first, second = server.inbound_trunks

    code, out, err = await provision(capsys, "--config", str(config), env=env_for(server))

    assert (code, out) == (1, "")
    assert err == (
        f"provision: 2 inbound trunks are named 'reception-in' ({first}, {second}): delete the "
        "extra ones (lk sip inbound delete <ID>) and run this again.\n"
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda text: text.replace("room_prefix", "room_prefx"),
            "{path}:5: key 'dispatch_rule.room_prefx': unknown key (did you mean 'room_prefix'?)",
        ),
        (
            lambda text: text.replace("  create: true\n", "  create: sometimes\n"),
            "{path}:7: key 'outbound_trunk.create': Input should be a valid boolean, "
            "unable to interpret input",
        ),
        (
            lambda text: text + "  - [",
            "{path}:9: invalid YAML: expected <block end>, but found '-'",
        ),
    ],
)
async def test_an_invalid_description_names_file_line_and_key(
    server, config, capsys, edit, message
):
    config.write_text(edit(config.read_text()))
    code, out, err = await provision(capsys, "--config", str(config), env=env_for(server))

    assert (code, out) == (2, "")
    assert err == "provision: " + message.format(path=config) + "\n"
    assert server.requests == []
