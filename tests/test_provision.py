"""`python -m workflows.provision` against the LiveKit API test server: first run, second run,
changed settings, dry run, export and every error, with exact output. Nothing is patched in
`livekit-api`; the server records every request it receives."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from pathlib import Path

import pytest
from google.protobuf import json_format
from livekit import api
from livekit.protocol import sip

from tests.livekit_server import LiveKitTestServer
from workflows.provision import DEFAULT_CONFIG, load_description, run

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
    async with LiveKitTestServer() as server:
        yield server


@pytest.fixture
def config(tmp_path) -> Path:
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
    return sip.SIPInboundTrunkInfo(name="reception-in", numbers=[number])


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


async def test_first_run_creates_the_trunk_the_dispatch_rule_and_the_outbound_trunk(
    server, config, capsys
):
    code, out, err = await provision(capsys, "--config", str(config), env=env_for(server))

    assert (code, err) == (0, "")
    trunk_id, rule_id, outbound_id = ids(server)
    assert server.requests_for("CreateSIPInboundTrunk") == [
        sip.CreateSIPInboundTrunkRequest(trunk=expected_trunk())
    ]
    assert server.requests_for("CreateSIPDispatchRule") == [
        sip.CreateSIPDispatchRuleRequest(dispatch_rule=expected_rule(trunk_id))
    ]
    assert server.requests_for("CreateSIPOutboundTrunk") == [
        sip.CreateSIPOutboundTrunkRequest(trunk=expected_outbound())
    ]
    assert out == (
        f"inbound trunk 'reception-in' ({trunk_id}): created\n"
        f"dispatch rule 'reception-rule' ({rule_id}): created\n"
        f"outbound trunk 'reception-out' ({outbound_id}): created\n" + next_steps(outbound_id)
    )
    assert PASSWORD not in out and server.api_secret not in out


async def test_second_run_changes_nothing_and_says_so(server, config, capsys):
    env = env_for(server)
    await provision(capsys, "--config", str(config), env=env)
    before = len(server.requests)
    trunk_id, rule_id, outbound_id = ids(server)

    code, out, err = await provision(
        capsys, "--config", str(config), env=env | {"SIP_TRUNK_ID": outbound_id}
    )

    assert (code, err) == (0, "")
    assert changes_sent(server, before) == []
    assert ids(server) == (trunk_id, rule_id, outbound_id)
    assert out == (
        f"inbound trunk 'reception-in' ({trunk_id}): unchanged\n"
        f"dispatch rule 'reception-rule' ({rule_id}): unchanged\n"
        f"outbound trunk 'reception-out' ({outbound_id}): unchanged\n"
        "Nothing changed: LiveKit already matches your settings.\n"
        "Next:\n"
        "  1. Start the worker: python -m workflows.main dev\n"
        f"  2. Call {NUMBER}: each call gets a new room (call-...) and the agent "
        "'conference-receptionist' answers.\n"
    )


async def test_a_new_inbound_number_updates_the_trunk_in_place_and_keeps_other_edits(
    server, config, capsys
):
    await provision(capsys, "--config", str(config), env=env_for(server))
    trunk_id, rule_id, outbound_id = ids(server)
    server.inbound_trunks[trunk_id].allowed_addresses.append("203.0.113.7")  # set in the console
    before = len(server.requests)

    env = env_for(server, SIP_INBOUND_NUMBER="+1 415 555 0142")
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, err) == (0, "")
    assert changes_sent(server, before) == ["UpdateSIPInboundTrunk"]
    assert ids(server) == (trunk_id, rule_id, outbound_id)  # no duplicate
    kept = expected_trunk("+14155550142")
    kept.allowed_addresses.append("203.0.113.7")
    assert server.requests_for("UpdateSIPInboundTrunk") == [
        sip.UpdateSIPInboundTrunkRequest(sip_trunk_id=trunk_id, replace=kept)
    ]
    assert list(server.inbound_trunks[trunk_id].numbers) == ["+14155550142"]
    assert out.splitlines()[:3] == [
        f"inbound trunk 'reception-in' ({trunk_id}): updated numbers",
        f"dispatch rule 'reception-rule' ({rule_id}): unchanged",
        f"outbound trunk 'reception-out' ({outbound_id}): unchanged",
    ]


async def test_a_new_agent_name_updates_the_dispatch_rule_in_place(server, config, capsys):
    await provision(capsys, "--config", str(config), env=env_for(server))
    trunk_id, rule_id, outbound_id = ids(server)
    before = len(server.requests)

    env = env_for(server, AGENT_NAME="night-receptionist")
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, err) == (0, "")
    assert changes_sent(server, before) == ["UpdateSIPDispatchRule"]
    assert ids(server) == (trunk_id, rule_id, outbound_id)
    [agent] = server.dispatch_rules[rule_id].room_config.agents
    assert agent.agent_name == "night-receptionist"
    assert out == (
        f"inbound trunk 'reception-in' ({trunk_id}): unchanged\n"
        f"dispatch rule 'reception-rule' ({rule_id}): updated room_config.agents\n"
        f"outbound trunk 'reception-out' ({outbound_id}): unchanged\n"
        + next_steps(outbound_id, agent="night-receptionist")
    )


async def test_a_new_sip_password_updates_the_outbound_trunk_without_printing_it(
    server, config, capsys
):
    await provision(capsys, "--config", str(config), env=env_for(server))
    trunk_id, rule_id, outbound_id = ids(server)

    env = env_for(server, SIP_OUTBOUND_PASSWORD="rotated-password")
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, err) == (0, "")
    assert server.outbound_trunks[outbound_id].auth_password == "rotated-password"
    assert f"outbound trunk 'reception-out' ({outbound_id}): updated auth_password\n" in out
    assert "rotated-password" not in out


async def test_dry_run_prints_the_exact_requests_and_sends_nothing(server, config, capsys):
    code, out, err = await provision(
        capsys, "--dry-run", "--config", str(config), env=env_for(server)
    )

    assert (code, err) == (0, "")
    assert changes_sent(server) == []
    assert not server.inbound_trunks and not server.dispatch_rules and not server.outbound_trunks
    assert out == (
        "Dry run: LiveKit is only read. Each request below is what a real run sends.\n"
        "inbound trunk 'reception-in': would create\n"
        "POST /twirp/livekit.SIP/CreateSIPInboundTrunk\n"
        f"{json_of(sip.CreateSIPInboundTrunkRequest(trunk=expected_trunk()))}\n"
        "dispatch rule 'reception-rule': would create\n"
        "POST /twirp/livekit.SIP/CreateSIPDispatchRule\n"
        + json_of(
            sip.CreateSIPDispatchRuleRequest(dispatch_rule=expected_rule("<new inbound trunk ID>"))
        )
        + "\noutbound trunk 'reception-out': would create\n"
        "POST /twirp/livekit.SIP/CreateSIPOutboundTrunk\n"
        f"{json_of(sip.CreateSIPOutboundTrunkRequest(trunk=expected_outbound('***')))}\n"
        'auth_password is shown as "***"; a real run sends SIP_OUTBOUND_PASSWORD.\n'
        '"<new inbound trunk ID>" stands for the ID the new inbound trunk gets.\n'
        "Dry run: nothing was sent.\n"
    )
    assert PASSWORD not in out


async def test_dry_run_prints_the_update_that_the_real_run_then_sends(server, config, capsys):
    await provision(capsys, "--config", str(config), env=env_for(server))
    env = env_for(server, SIP_INBOUND_NUMBER="+14155550142")

    _, dry, _ = await provision(capsys, "--dry-run", "--config", str(config), env=env)
    assert changes_sent(server, 0) == [
        "CreateSIPInboundTrunk",
        "CreateSIPDispatchRule",
        "CreateSIPOutboundTrunk",
    ]
    await provision(capsys, "--config", str(config), env=env)

    [sent] = server.requests_for("UpdateSIPInboundTrunk")
    assert f"POST /twirp/livekit.SIP/UpdateSIPInboundTrunk\n{json_of(sent)}\n" in dry
    _, rule_id, outbound_id = ids(server)
    assert dry.endswith(
        f"dispatch rule 'reception-rule' ({rule_id}): unchanged\n"
        f"outbound trunk 'reception-out' ({outbound_id}): unchanged\n"
        "Dry run: nothing was sent.\n"
    )


async def test_export_writes_request_files_for_the_lk_cli_without_contacting_livekit(
    tmp_path, config, capsys
):
    out_dir = tmp_path / "lk"
    code, out, err = await provision(
        capsys, "--export", str(out_dir), "--config", str(config), env=env_for(None)
    )

    assert (code, err) == (0, "")

    def read(name, request):  # as `lk` does: protojson into the Create...Request
        return json_format.Parse((out_dir / name).read_text(), request)

    assert sorted(p.name for p in out_dir.iterdir()) == [
        "dispatch-rule.json",
        "inbound-trunk.json",
        "outbound-trunk.json",
    ]
    assert read("inbound-trunk.json", sip.CreateSIPInboundTrunkRequest()) == (
        sip.CreateSIPInboundTrunkRequest(trunk=expected_trunk())
    )
    assert read("dispatch-rule.json", sip.CreateSIPDispatchRuleRequest()) == (
        sip.CreateSIPDispatchRuleRequest(dispatch_rule=expected_rule(""))
    )
    assert read("outbound-trunk.json", sip.CreateSIPOutboundTrunkRequest()) == (
        sip.CreateSIPOutboundTrunkRequest(trunk=expected_outbound("***"))
    )
    assert '"trunk": {\n    "name": "reception-in"' in (out_dir / "inbound-trunk.json").read_text()
    assert out == (
        "Wrote 3 files. Create the resources with the lk CLI, in this\n"
        "order (the first command prints the inbound trunk ID the second needs):\n"
        f"  lk sip inbound create {out_dir}/inbound-trunk.json\n"
        f"  lk sip dispatch create --trunks <inbound trunk ID> {out_dir}/dispatch-rule.json\n"
        f'  lk sip outbound create --auth-pass "$SIP_OUTBOUND_PASSWORD" '
        f"{out_dir}/outbound-trunk.json\n"
        'The SIP password is written as "***"; --auth-pass sends yours.\n'
        "Running these twice makes duplicates; this command updates in place.\n"
    )
    assert PASSWORD not in out + "".join(p.read_text() for p in out_dir.iterdir())


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
    url = f"http://127.0.0.1:{_closed_port()}"
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


def test_the_shipped_description_is_valid_and_asks_only_for_inbound_calls():
    d = load_description(DEFAULT_CONFIG)
    assert (d.inbound_trunk.name, d.dispatch_rule.name, d.dispatch_rule.room_prefix) == (
        "conference-receptionist-inbound",
        "conference-receptionist-dispatch",
        "call-",
    )
    assert (d.inbound_trunk.krisp_enabled, d.outbound_trunk.create) == (False, False)


async def test_the_module_runs_as_a_command(server, tmp_path):
    config = tmp_path / "inbound-only.yaml"
    config.write_text(DESCRIPTION.format(create="false"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LIVEKIT_", "SIP_"))}
    env |= env_for(server, AGENT_NAME="conference-receptionist")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "workflows.provision",
        "--dry-run",
        "--config",
        str(config),
        cwd=tmp_path,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)

    assert (process.returncode, stderr.decode()) == (0, "")
    assert stdout.decode().splitlines()[:3] == [
        "Dry run: LiveKit is only read. Each request below is what a real run sends.",
        "inbound trunk 'reception-in': would create",
        "POST /twirp/livekit.SIP/CreateSIPInboundTrunk",
    ]
    assert stdout.decode().endswith("Dry run: nothing was sent.\n")
    assert [r.method for r in server.requests] == ["ListSIPInboundTrunk", "ListSIPDispatchRule"]


async def test_inbound_only_run_says_how_dev_mode_gets_a_trunk_for_dial_out(server, config, capsys):
    config.write_text(DESCRIPTION.format(create="false"))
    env = {k: v for k, v in env_for(server).items() if not k.startswith("SIP_OUTBOUND")}
    code, out, err = await provision(capsys, "--config", str(config), env=env)

    assert (code, err) == (0, "")
    assert not server.outbound_trunks
    [trunk_id], [rule_id] = server.inbound_trunks, server.dispatch_rules
    assert out == (
        f"inbound trunk 'reception-in' ({trunk_id}): created\n"
        f"dispatch rule 'reception-rule' ({rule_id}): created\n"
        "Next:\n"
        "  1. `dev` needs SIP_TRUNK_ID for dial-out: set outbound_trunk.create: true in the "
        "description and run this again, put an existing outbound trunk's ID in SIP_TRUNK_ID, "
        "or set TELEPHONY=simulated to take calls without real dial-out.\n"
        "  2. Start the worker: python -m workflows.main dev\n"
        f"  3. Call {NUMBER}: each call gets a new room (call-...) and the agent "
        "'conference-receptionist' answers.\n"
    )
