"""The host's cold and warm transfers through its real tools, driven by the offline dialog
model on simulated telephony."""

from __future__ import annotations

import asyncio

import pytest

from prompts.schema import render
from tests.support.harness import prompts, voicemail_detector
from tests.support.host_calls import host, host_state, say, start, two_people_on
from tests.support.scripted_llm import call, until
from workflows.call.dial_policy import DialPolicy
from workflows.call.directory import Contact, Directory
from workflows.lifecycle import events

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


WARM_FAILURES = [
    # (the callee's +1 415 555 line, voicemail action, the detector's verdict, what is heard)
    ("0177", "hang_up", None, HOST.voicemail.hung_up),
    ("0177", "leave_message", None, HOST.voicemail.left_message),
    ("0100", "hang_up", "machine", HOST.voicemail.hung_up),
    ("0186", "hang_up", None, HOST.busy),
    ("0180", "hang_up", None, HOST.no_answer),
    ("0103", "hang_up", None, HOST.declined),
]


@pytest.mark.parametrize(
    "line, action, verdict, heard",
    WARM_FAILURES,
    ids=[f"{f[0]}-{f[2] or f[1]}" for f in WARM_FAILURES],
)
async def test_a_warm_transfer_that_fails_keeps_the_host_and_says_why_once(
    line, action, verdict, heard
):
    async with host(voicemail_action=action) as (session, state):
        if verdict:
            state.detect_voicemail = voicemail_detector(verdict)
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        await say(session, f"warm transfer me to +1 415 555 {line}")
        said = await say(session, "yes")
        who = f"+1 415-555-{line}"
        message = render(HOST.voicemail.message, caller_name="Ada")  # to the machine
        assert [text for text in said if text != message] == [
            render(TRANSFER.warm_calling, who=who),
            render(HOST.ringing, who=who),
            render(heard, who=who),
        ]
        assert not state.ending and not closed.is_set()
        assert await say(session, "who is on the call?") == [HOST.just_us]  # still the host
    [leg] = state.legs.values()
    assert not leg.live
    [failed] = [r for r in state.log.records if r["event"] == "transfer"]
    assert (failed["outcome"], failed["why"]) == ("failed", leg.outcome)


@pytest.mark.parametrize("during", ["joined", "introduce", "handed_over"])
async def test_a_callee_who_hangs_up_before_the_hand_over_leaves_the_caller_with_the_host(
    monkeypatch, during
):
    say_now, who = events.say, "+1 415-555-0100"
    introduced = render(TRANSFER.introduce, who=who, caller_name="Ada", caller_reason="budget")
    after = {
        "joined": render(HOST.joined, who=who),
        "introduce": introduced,
        "handed_over": render(TRANSFER.handed_over, who=who),
    }[during]

    def callee_hangs_up_after(state, text, **kwargs):
        handle = say_now(state, text, **kwargs)
        if text == after:  # the room reports the callee gone
            events.on_status(state, state.live_legs()[0].identity, "hangup", "CLIENT_INITIATED")
        return handle

    monkeypatch.setattr(events, "say", callee_hangs_up_after)
    async with host() as (session, state):
        await say(session, "warm transfer me to +1 415 555 0100")
        said = await say(session, "yes")
        assert said[-1] == render(HOST.hung_up, who=who)  # said once, last
        assert (introduced in said) == (during != "joined")
        assert (render(TRANSFER.handed_over, who=who) in said) == (during == "handed_over")
        assert not state.ending
        assert await say(session, "who is on the call?") == [HOST.just_us]


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
