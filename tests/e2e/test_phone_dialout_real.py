"""The conference host dials real SIP phones through the bridge: the caller (typing into the
room, as a SIP participant) asks for a number, confirms, and hears what the callee did; when
the caller hangs up, every dialled phone gets a BYE (ON_CALLER_HANGUP)."""

from __future__ import annotations

import pytest
from livekit import api

from prompts.schema import render
from tests.e2e.conftest import CALLEE_PORT, caller_in_room, diagnosed, start_worker, unique, until
from tests.e2e.livekit_stack import room_gone
from tests.e2e.sipp import callee_scenario, run_sipp
from tests.support.harness import prompts

pytestmark = pytest.mark.e2e
WHO = "+1 415-555-0100"


async def trunk_to_callees(lk: api.LiveKitAPI, stack) -> str:
    trunk = await lk.sip.create_outbound_trunk(
        api.CreateSIPOutboundTrunkRequest(
            trunk=api.SIPOutboundTrunkInfo(
                name=unique("callees"),
                address=f"{stack.peer_ip}:{CALLEE_PORT}",
                numbers=["+14155550111"],
            )
        )
    )
    return trunk.sip_trunk_id


async def dial_from_the_call(caller) -> None:
    p = prompts()
    await caller.reaches_the_host()
    await caller.say_and_hear("add +1 415 555 0100", render(p.host.read_back, who=WHO))
    await caller.say_and_hear("yes", render(p.host.dialing, who=WHO))


@pytest.mark.parametrize("on_hangup", ["delete_room", "remove_legs"])
async def test_the_caller_hanging_up_sends_bye_to_every_dialled_phone(
    stack, lk, tmp_path, on_hangup
):
    worker = await start_worker(
        stack,
        tmp_path,
        SIP_TRUNK_ID=await trunk_to_callees(lk, stack),
        ON_CALLER_HANGUP=on_hangup,
    )
    callee = await run_sipp(
        tmp_path, "callee", callee_scenario("answer", hold=90), ip=stack.peer_ip, port=CALLEE_PORT
    )
    try:
        with diagnosed(worker):
            async with caller_in_room(stack, lk, worker, phone_number="+14155550123") as caller:
                await dial_from_the_call(caller)
                await caller.hears(render(prompts().host.joined, who=WHO), timeout=20)
                room_name = caller.room_name
            # The caller hung up: the dialled phone gets its BYE, whichever the setting.
            assert await callee.finished(20) == 0, callee.messages()[-2000:]
            assert [m.split()[0] for m in callee.received()].count("BYE") == 1
            await until(lambda: "call_end" in worker.output or _ended(worker), 20, "call_end")
            await room_gone(lk, room_name, timeout=30)  # deleted, or left empty and closed
    finally:
        await callee.stop()
        await worker.stop()


def _ended(worker) -> bool:
    return any('"call_end"' in p.read_text() for p in worker.call_logs.glob("*.jsonl"))


async def test_a_busy_phone_is_told_to_the_caller_and_the_call_goes_on(stack, lk, tmp_path):
    p = prompts()
    worker = await start_worker(stack, tmp_path, SIP_TRUNK_ID=await trunk_to_callees(lk, stack))
    callee = await run_sipp(
        tmp_path, "callee", callee_scenario("busy"), ip=stack.peer_ip, port=CALLEE_PORT
    )
    try:
        with diagnosed(worker):
            async with caller_in_room(stack, lk, worker, phone_number="+14155550123") as caller:
                await dial_from_the_call(caller)
                await caller.hears(render(p.host.busy, who=WHO), timeout=20)
                await caller.say_and_hear("who is on the call", p.host.just_us)
        assert "failed: busy (SIP 486 BUSY_HERE)" in worker.output
    finally:
        await callee.stop()
        await worker.stop()
