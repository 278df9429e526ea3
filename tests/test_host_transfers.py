"""The host's cold and warm transfers through its real tools, driven by the offline dialog
model on simulated telephony."""

from __future__ import annotations

import asyncio

from prompts.schema import render
from tests.support.harness import prompts
from tests.support.host_calls import host, host_state, say, start, two_people_on
from tests.support.scripted_llm import call, until
from workflows.call.dial_policy import DialPolicy
from workflows.call.directory import Contact, Directory

HOST = prompts().host
TRANSFER = HOST.transfer


async def test_cold_transfer_to_a_number_then_the_call_is_cleaned_up():
    async with host() as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        await two_people_on(session, state)
        assert await say(session, "transfer me to +1 415 555 0123") == [
            render(TRANSFER.read_back, who="+1 415-555-0123")
        ]
        said = await say(session, "yes please")
        assert said == [render(TRANSFER.transferring, who="+1 415-555-0123")]
        await asyncio.wait_for(closed.wait(), 5)
        assert state.telephony.transfers == [("caller", "tel:+14155550123")]
        assert state.telephony.deleted == 1
        assert not state.live_legs()
        assert [r["outcome"] for r in state.log.records if r["event"] == "transfer"] == [
            "started",
            "transferred",
        ]


async def test_a_failed_transfer_keeps_the_caller_on_the_call():
    async with host() as (session, state):
        await say(session, "transfer me to +1 415 555 0186")
        assert await say(session, "yes") == [
            render(TRANSFER.transferring, who="+1 415-555-0186"),
            render(TRANSFER.failed, who="+1 415-555-0186"),
        ]
        assert not state.ending
        assert await say(session, "who is on the call?") == [HOST.just_us]


async def test_transfer_to_a_directory_sip_uri_needs_an_allowed_domain():
    directory = Directory(
        contacts=[
            Contact(name="Helpdesk", sip_uri="sip:helpdesk@pbx.example.com"),
        ]
    )
    async with host(directory) as (session, state):
        assert await say(session, "transfer me to Helpdesk") == [
            render(HOST.directory.no_number, who="Helpdesk")
        ]
    policy = DialPolicy(allowed_transfer_domains=["pbx.example.com"])
    async with host(directory, policy) as (session, state):
        await say(session, "transfer me to Helpdesk", "yes")
        await until(lambda: state.telephony.transfers)
        assert state.telephony.transfers == [("caller", "sip:helpdesk@pbx.example.com")]


async def test_a_confirmation_to_add_cannot_be_spent_on_a_transfer():
    def model(ctx):
        if ctx.items[-1].text_content == "add +1 415 555 0100":
            return [call("read_back_number", phone_number="+1 415 555 0100", purpose="add")]
        return [call("transfer_call")]

    state = host_state()
    async with start(state, model) as c:
        await c.session.run(user_input="add +1 415 555 0100")
        result = await c.session.run(user_input="yes")
        result.expect.contains_function_call_output(
            output=render(TRANSFER.confirm_first, who="the destination"), is_error=True
        )
    assert state.telephony.transfers == []


async def test_warm_transfer_introduces_the_caller_then_the_host_leaves():
    async with host() as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        assert await say(session, "put me through to Fox Mulder but introduce me first") == [
            render(TRANSFER.read_back_warm, who="Fox Mulder from Support at +1 415-555-0144")
        ]
        said = await say(session, "yes")
        fox = "Fox Mulder"
        assert said == [
            render(TRANSFER.warm_calling, who=fox),
            render(HOST.ringing, who=fox),
            render(HOST.joined, who=fox),
            render(TRANSFER.introduce, who=fox, caller_name="Ada", caller_reason="budget"),
            render(TRANSFER.handed_over, who=fox),
        ]
        await asyncio.wait_for(closed.wait(), 5)
        assert state.telephony.deleted == 0  # the caller and Fox stay together
        [fox] = state.legs.values()
        assert fox.answered and fox.live


async def test_a_warm_transfer_nobody_answers_keeps_the_caller():
    async with host() as (session, state):
        await say(session, "warm transfer me to +1 415 555 0180")
        said = await say(session, "yes")
        assert said[-1] == render(TRANSFER.failed, who="+1 415-555-0180")
        assert not state.ending


async def test_private_warm_transfer_uses_the_framework_task(monkeypatch):
    made = {}

    class FakeWarmTransferTask:
        def __init__(self, sip_call_to, **kwargs):
            made.update(sip_call_to=sip_call_to, **kwargs)

        def __await__(self):
            async def result():
                from livekit.agents.beta.workflows import WarmTransferResult

                return WarmTransferResult(human_agent_identity="human-1")

            return result().__await__()

    monkeypatch.setattr("tools.transfer.WarmTransferTask", FakeWarmTransferTask)
    async with host(warm_transfer="private", sip_trunk_id="ST_out") as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        await say(session, "warm transfer me to Dana from support")
        assert await say(session, "yes") == [render(TRANSFER.handed_over, who="Dana White")]
        # Then the agent's part ends, as in the framework's example: the room stays as it is.
        await asyncio.wait_for(closed.wait(), 5)
        assert state.ending and state.telephony.deleted == 0
    assert made["sip_call_to"] == "+14155550143"
    assert (made["sip_trunk_id"], made["dtmf"]) == ("ST_out", "w204")
    assert made["chat_ctx"] is not None
