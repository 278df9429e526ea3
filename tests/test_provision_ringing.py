"""The inbound trunk's ringing timeout: how long a caller hears ringing when no agent takes the
call (no worker registered, every worker full) before the SIP bridge ends it with 486 Busy
Here. LiveKit's default is 3 minutes of ringing; `python -m workflows.provision` sets it."""

from __future__ import annotations

from google.protobuf.duration_pb2 import Duration

from tests.support import provision_cli
from tests.support.provision_cli import DESCRIPTION, changes_sent, env_for, ids, provision

server, config = provision_cli.server, provision_cli.config


async def test_the_trunk_is_created_with_the_described_ringing_timeout(server, tmp_path, capsys):
    path = tmp_path / "provision.yaml"
    text = DESCRIPTION.format(create="true").replace(
        "  name: reception-in\n", "  name: reception-in\n  ringing_timeout: 12\n"
    )
    path.write_text(text)

    code, _, err = await provision(capsys, "--config", str(path), env=env_for(server))

    assert (code, err) == (0, "")
    [trunk] = server.inbound_trunks.values()
    assert trunk.ringing_timeout == Duration(seconds=12)


async def test_a_trunk_made_without_one_gets_the_default_on_the_next_run(server, config, capsys):
    await provision(capsys, "--config", str(config), env=env_for(server))
    trunk_id, _, _ = ids(server)
    server.inbound_trunks[trunk_id].ClearField("ringing_timeout")  # made before this setting
    before = len(server.requests)

    code, out, err = await provision(capsys, "--config", str(config), env=env_for(server))

    assert (code, err) == (0, "")
    assert changes_sent(server, before) == ["UpdateSIPInboundTrunk"]
    assert server.inbound_trunks[trunk_id].ringing_timeout == Duration(seconds=30)
    assert f"inbound trunk 'reception-in' ({trunk_id}): updated ringing_timeout\n" in out


async def test_a_ringing_timeout_out_of_range_is_refused_by_file_and_line(server, tmp_path, capsys):
    path = tmp_path / "provision.yaml"
    text = DESCRIPTION.format(create="true").replace(
        "  name: reception-in\n", "  name: reception-in\n  ringing_timeout: 0\n"
    )
    path.write_text(text)

    code, out, err = await provision(capsys, "--config", str(path), env=env_for(server))

    assert code == 2 and out == ""
    assert f"{path}:3" in err and "inbound_trunk.ringing_timeout" in err
    assert server.requests == []
