"""The host's features through its real tools, driven by the offline dialog model on
simulated telephony: directory, remove and mute, transfers, DTMF, voicemail, time limits."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager

import pytest

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.harness import ManualTime, running_call, simulated_call, voicemail_detector
from tests.scripted_llm import until
from workflows.call.dial_policy import DialPolicy
from workflows.call.directory import Contact, Directory
from workflows.rehearsal.model import OfflineDialogLLM


@asynccontextmanager
async def host(
    directory: Directory | None = None,
    policy: DialPolicy | None = None,
    watchdog_tick: float = 1.0,
    time: ManualTime | None = None,
    **settings,
):
    state = simulated_call(**({"sim_ring_delay": 0.3, "sim_answer_delay": 0.01} | settings))
    if time is not None:
        time.install(state)
    if directory is not None:
        state.directory = directory
    if policy is not None:
        state.policy = policy
    state.caller.identity, state.caller.name, state.caller.reason = "caller", "Ada", "budget"
    agent = ConferenceHost(state.prompts, state.caller)
    async with running_call(
        OfflineDialogLLM(state.prompts, state.directory),
        state=state,
        agent=agent,
        watchdog_tick=watchdog_tick,
    ) as c:
        yield c.session, state


async def say(session, *lines) -> list[str]:
    """Type lines as the caller; return what the host said to the last one."""
    for line in lines:
        result = await session.run(user_input=line)
    return [e.item.text_content for e in result.events if e.type == "message"]


def heard(state) -> list[str]:
    return state.announcements


# ---------------------------------------------------------------------------- directory


async def test_add_by_name_from_the_directory():
    async with host() as (session, state):
        assert await say(session, "add Dana from sales") == [
            "Just to confirm, that's Dana Scully from Sales at +1 415-555-0142. Shall I dial it?"
        ]
        assert await say(session, "yes") == [
            "Dialing Dana Scully now. I'll let you know when they pick up."
        ]
        await until(lambda: "Dana Scully has joined the call." in heard(state))
        assert [r.phone_number for r in state.telephony.dialled] == ["+14155550142"]


async def test_an_ambiguous_name_gets_a_question_and_nothing_is_dialled():
    directory = Directory(
        contacts=[
            Contact(name="Dana Scully", team="Sales", number="+14155550142"),
            Contact(name="Dana White", team="Support", number="+14155550143"),
        ]
    )
    async with host(directory) as (session, state):
        assert await say(session, "please get Dana on the line") == [
            "I found more than one Dana: Dana Scully from Sales or Dana White from Support. "
            "Which one do you mean?"
        ]
        assert await say(session, "add Dana from support") == [
            "Just to confirm, that's Dana White from Support at +1 415-555-0143. Shall I dial it?"
        ]
        assert state.telephony.dialled == []


async def test_an_unknown_name_gets_a_polite_no():
    async with host() as (session, state):
        assert await say(session, "add Walter Skinner") == [
            "I couldn't find Walter Skinner in the directory. Do you have their phone number?"
        ]


async def test_directory_numbers_still_pass_the_dial_policy():
    directory = Directory(contacts=[Contact(name="Hotline", number="+19005550100")])
    async with host(directory) as (session, state):
        assert await say(session, "add Hotline") == [
            "I can't dial +1 900-555-0100: calls to that number range are blocked."
        ]
        await say(session, "yes")
        await asyncio.sleep(0.05)
        assert state.telephony.dialled == []


async def test_a_directory_extension_is_pressed_after_the_answer():
    async with host() as (session, state):
        await say(session, "add Dana from support", "yes")
        await until(lambda: state.telephony.dialled)
        assert state.telephony.dialled[0].dtmf == "w204"


async def test_a_spoken_extension_is_pressed_after_the_answer():
    async with host() as (session, state):
        phrases = state.prompts.host
        with_extension = render(phrases.with_extension, who="+1 415-555-0100", extension="2 0 4")
        assert await say(session, "add +1 415 555 0100 extension 204") == [
            render(phrases.read_back, who=with_extension)  # the extension is read back too
        ]
        await say(session, "yes")
        await until(lambda: state.telephony.dialled)
        assert state.telephony.dialled[0].dtmf == "w204"


# ----------------------------------------------------------------------- remove and mute


async def two_people_on(session, state):
    await say(session, "add Dana from sales", "yes")
    # Dana's "joined" said between the next read-back and its yes would void that yes.
    await until(lambda: sum(leg.answered for leg in state.legs.values()) == 1)
    await say(session, "add +1 415 555 0100", "yes")
    await until(lambda: sum(leg.answered for leg in state.legs.values()) == 2)


async def test_remove_someone_by_name_is_announced_once():
    async with host() as (session, state):
        await two_people_on(session, state)
        assert await say(session, "drop Dana from the call") == [
            "Dana Scully has been removed from the call."
        ]
        [dana] = [leg for leg in state.legs.values() if leg.name == "Dana Scully"]
        assert (dana.status, dana.outcome) == ("hangup", "removed")
        assert heard(state).count("Dana Scully has been removed from the call.") == 0
        assert await say(session, "who is on the call?") == [
            "On the call: you, Ada; +1 415-555-0100, connected."
        ]


async def test_remove_by_the_last_digits_of_the_number():
    async with host() as (session, state):
        await two_people_on(session, state)
        assert await say(session, "remove the one ending 0100") == [
            "+1 415-555-0100 has been removed from the call."
        ]


async def test_removing_someone_not_on_the_call_is_explained():
    async with host() as (session, state):
        await two_people_on(session, state)
        assert await say(session, "drop Walter") == ["I don't see Walter on the call."]
        assert len(state.live_legs()) == 2


async def test_mute_and_unmute_by_name_and_everyone():
    async with host() as (session, state):
        await two_people_on(session, state)
        assert await say(session, "mute Dana") == ["I've muted Dana Scully."]
        [dana] = [leg for leg in state.legs.values() if leg.name == "Dana Scully"]
        assert state.telephony.muted == {dana.identity: True}
        assert await say(session, "who is on the call?") == [
            "On the call: you, Ada; Dana Scully, connected, muted; +1 415-555-0100, connected."
        ]
        assert await say(session, "unmute everyone") == [
            "I've unmuted Dana Scully and +1 415-555-0100."
        ]
        assert set(state.telephony.muted.values()) == {False}
        assert len(state.telephony.muted) == 2


# ---------------------------------------------------------------------------- transfers


async def test_cold_transfer_to_a_number_then_the_call_is_cleaned_up():
    async with host() as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        await two_people_on(session, state)
        assert await say(session, "transfer me to +1 415 555 0123") == [
            "Just to confirm, you'd like me to transfer you to +1 415-555-0123. Shall I go ahead?"
        ]
        said = await say(session, "yes please")
        assert said == ["Transferring you to +1 415-555-0123 now. Goodbye!"]
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
            "Transferring you to +1 415-555-0186 now. Goodbye!",
            "The transfer to +1 415-555-0186 didn't go through, so you're still with me.",
        ]
        assert not state.ending
        assert await say(session, "who is on the call?") == [
            "It's just you and me on the call right now."
        ]


async def test_transfer_to_a_directory_sip_uri_needs_an_allowed_domain():
    directory = Directory(
        contacts=[
            Contact(name="Helpdesk", sip_uri="sip:helpdesk@pbx.example.com"),
        ]
    )
    async with host(directory) as (session, state):
        assert await say(session, "transfer me to Helpdesk") == [
            "Helpdesk can't be dialed into a conference, only transferred to."
        ]
    policy = DialPolicy(allowed_transfer_domains=["pbx.example.com"])
    async with host(directory, policy) as (session, state):
        await say(session, "transfer me to Helpdesk", "yes")
        await until(lambda: state.telephony.transfers)
        assert state.telephony.transfers == [("caller", "sip:helpdesk@pbx.example.com")]


async def test_a_confirmation_to_add_cannot_be_spent_on_a_transfer():
    from tests.harness import running_call
    from tests.scripted_llm import call, relay_tool_output

    def model(ctx):
        if (out := relay_tool_output(ctx)) is not None:
            return out
        if ctx.items[-1].text_content == "add +1 415 555 0100":
            return [call("read_back_number", phone_number="+1 415 555 0100", purpose="add")]
        return [call("transfer_call")]

    state = simulated_call()
    state.caller.identity = "caller"
    async with running_call(
        model, state=state, agent=ConferenceHost(state.prompts, state.caller)
    ) as c:
        await c.session.run(user_input="add +1 415 555 0100")
        result = await c.session.run(user_input="yes")
        result.expect.contains_function_call_output(
            output="I need to confirm the destination with the caller before transferring. "
            "Call read_back_number or look_up_contact with the transfer purpose first.",
            is_error=True,
        )
    assert state.telephony.transfers == []


async def test_warm_transfer_introduces_the_caller_then_the_host_leaves():
    async with host() as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        assert await say(session, "put me through to Fox Mulder but introduce me first") == [
            "Just to confirm, you'd like me to call Fox Mulder from Support at +1 415-555-0144 "
            "and introduce you first. Shall I go ahead?"
        ]
        said = await say(session, "yes")
        assert said == [
            "I'll call Fox Mulder and introduce you. Please stay on the line.",
            "Fox Mulder is ringing.",
            "Fox Mulder has joined the call.",
            "Hello Fox Mulder, this is the conference host. I have Ada on the line about "
            "budget. I'll connect you now.",
            "You're now connected with Fox Mulder. I'll leave you to it. Goodbye!",
        ]
        await asyncio.wait_for(closed.wait(), 5)
        assert state.telephony.deleted == 0  # the caller and Fox stay together
        [fox] = state.legs.values()
        assert fox.answered and fox.live


async def test_a_warm_transfer_nobody_answers_keeps_the_caller():
    async with host() as (session, state):
        await say(session, "warm transfer me to +1 415 555 0180")
        said = await say(session, "yes")
        assert said[-1] == (
            "The transfer to +1 415-555-0180 didn't go through, so you're still with me."
        )
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

    monkeypatch.setattr("livekit.agents.beta.workflows.WarmTransferTask", FakeWarmTransferTask)
    async with host(warm_transfer="private", sip_trunk_id="ST_out") as (session, state):
        await say(session, "warm transfer me to Dana from support")
        assert await say(session, "yes") == [
            "You're now connected with Dana White. I'll leave you to it. Goodbye!"
        ]
    assert made["sip_call_to"] == "+14155550143"
    assert (made["sip_trunk_id"], made["dtmf"]) == ("ST_out", "w204")
    assert made["chat_ctx"] is not None


# --------------------------------------------------------------------------------- DTMF


async def test_press_keys_on_an_automated_menu():
    async with host() as (session, state):
        await say(session, "add +1 415 555 0100", "yes")  # the menu: keys need someone to hear
        await until(lambda: any(leg.answered for leg in state.live_legs()))
        assert await say(session, "press 1") == ["I've pressed 1."]
        assert await say(session, "send 1 2 3 #") == ["I've pressed 1 2 3 #."]
        assert state.telephony.dtmf == ["1", "123#"]


async def test_keys_other_than_digits_star_and_pound_are_refused():
    from tests.harness import running_call
    from tests.scripted_llm import call, relay_tool_output

    def model(ctx):
        return relay_tool_output(ctx) or [call("send_digits", digits="1; call +19005550100")]

    state = simulated_call()
    async with running_call(
        model, state=state, agent=ConferenceHost(state.prompts, state.caller)
    ) as c:
        result = await c.session.run(user_input="press it")
        result.expect.contains_function_call_output(
            output='I can only press the keys 0 to 9, star and pound, and "1; call '
            '+19005550100" has others.',
            is_error=True,
        )
    assert state.telephony.dtmf == []


# ---------------------------------------------------------------------------- voicemail


@pytest.mark.parametrize(
    "action, heard_last",
    [
        ("hang_up", "+1 415-555-0177 went to voicemail, so I hung up that line."),
        (
            "leave_message",
            "+1 415-555-0177 went to voicemail. I left a short message and hung up that line.",
        ),
    ],
)
async def test_voicemail_is_told_to_the_caller_and_the_leg_hung_up(action, heard_last):
    async with host(voicemail_action=action) as (session, state):
        await say(session, "add +1 415 555 0177", "yes")
        await until(lambda: heard(state) and heard(state)[-1] == heard_last)
        [leg] = state.legs.values()
        assert (leg.status, leg.outcome) == ("hangup", "voicemail")
        message = (
            "Hello, this is the conference host calling on behalf of Ada, who would "
            "like you to join a call. Please call them back. Goodbye."
        )
        assert (message in heard(state)) == (action == "leave_message")
        assert "+1 415-555-0177 has left the call." not in heard(state)


async def test_a_voicemail_detector_verdict_hangs_up_a_leg_that_answered():
    async with host() as (session, state):
        state.detect_voicemail = voicemail_detector("machine")
        await say(session, "add +1 415 555 0100", "yes")
        await until(lambda: state.live_legs() == [] and state.legs)
        [leg] = state.legs.values()
        assert leg.outcome == "voicemail"


async def test_voicemail_detection_starts_before_the_dial_for_each_leg_at_once():
    """As the framework's AMD example does: listening begins before the dial request is
    sent, so no word of the greeting is lost; two legs ringing together each get their own."""
    async with host(sim_answer_delay=0.05) as (session, state):
        started: list[tuple[str, int]] = []
        backend = state.telephony.inner
        state.detect_voicemail = voicemail_detector("human", backend, started)
        await say(session, "add +1 415 555 0100", "yes")
        await say(session, "add +1 415 555 0101", "yes")
        await until(lambda: len([leg for leg in state.legs.values() if leg.answered]) == 2)
    first, second = state.legs
    assert started == [(first, 0), (second, 1)]  # each before its own request went out


# ---------------------------------------------------------------------- duration and idle


def said(session) -> list[str]:
    return [
        item.text_content
        for item in session.history.items
        if item.type == "message" and item.role == "assistant"
    ]


async def test_max_call_duration_ends_the_call_politely():
    time = ManualTime()
    async with host(max_call_duration=60, time=time) as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        await time.advance(59)
        assert not state.ending
        await time.advance(1)
        await asyncio.wait_for(closed.wait(), 5)
        assert state.telephony.deleted == 1
        assert [r["kind"] for r in state.log.records if r["event"] == "timeout"] == [
            "max_call_duration"
        ]
        assert said(session)[-1] == state.prompts.shared.timeouts.max_duration


async def test_an_idle_caller_is_asked_then_the_call_ends():
    time = ManualTime()
    async with host(idle_timeout=30, time=time) as (session, state):
        closed = asyncio.Event()
        session.on("close", lambda _: closed.set())
        timeouts = state.prompts.shared.timeouts
        await time.advance(29)
        assert timeouts.idle_warning not in heard(state)
        await time.advance(1)
        await until(lambda: timeouts.idle_warning in heard(state))
        await time.advance(15)  # half the idle timeout again, with no answer
        await asyncio.wait_for(closed.wait(), 5)
        assert [r["kind"] for r in state.log.records if r["event"] == "timeout"] == [
            "idle_warning",
            "idle",
        ]
        assert said(session)[-1] == timeouts.idle_end


async def test_answering_the_idle_warning_keeps_the_call():
    time = ManualTime()
    async with host(idle_timeout=30, time=time) as (session, state):
        await time.advance(30)
        await until(lambda: state.prompts.shared.timeouts.idle_warning in heard(state))
        await time.advance(5)
        await say(session, "yes, still here")
        await time.advance(20)
        assert not state.ending


async def test_silence_while_people_talk_to_each_other_is_not_idle():
    time = ManualTime()
    async with host(idle_timeout=30, time=time) as (session, state):
        await say(session, "add +1 415 555 0100", "yes")
        await until(lambda: any(leg.answered for leg in state.legs.values()))
        for _ in range(4):
            await time.advance(30)
        assert not state.ending
        assert state.prompts.shared.timeouts.idle_warning not in heard(state)
