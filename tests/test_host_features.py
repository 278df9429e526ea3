"""The host's features through its real tools, driven by the offline dialog model on
simulated telephony: the directory, remove and mute, and DTMF. Transfers, voicemail and the
time limits have their own modules (test_host_transfers, test_host_voicemail_and_timers)."""

from __future__ import annotations

import asyncio

from prompts.schema import render
from tests.support.harness import prompts
from tests.support.host_calls import host, host_state, on_the_call, say, start, two_people_on
from tests.support.scripted_llm import call, until
from workflows.call.directory import Contact, Directory

HOST = prompts().host


# ---------------------------------------------------------------------------- directory


async def test_add_by_name_from_the_directory():
    async with host() as (session, state):
        assert await say(session, "add Dana from sales") == [
            render(HOST.read_back, who="Dana Scully from Sales at +1 415-555-0142")
        ]
        assert await say(session, "yes") == [render(HOST.dialing, who="Dana Scully")]
        await until(lambda: render(HOST.joined, who="Dana Scully") in state.announcements)
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
            render(
                HOST.directory.ambiguous,
                name="Dana",
                choices="Dana Scully from Sales or Dana White from Support",
            )
        ]
        assert await say(session, "add Dana from support") == [
            render(HOST.read_back, who="Dana White from Support at +1 415-555-0143")
        ]
        assert state.telephony.dialled == []


async def test_an_unknown_name_gets_a_polite_no():
    async with host() as (session, state):
        assert await say(session, "add Walter Skinner") == [
            render(HOST.directory.unknown, name="Walter Skinner")
        ]


async def test_directory_numbers_still_pass_the_dial_policy():
    directory = Directory(contacts=[Contact(name="Hotline", number="+19005550100")])
    async with host(directory) as (session, state):
        refusal = render(HOST.refused.denied_prefix, who="+1 900-555-0100")
        assert await say(session, "add Hotline") == [
            render(HOST.directory.refused, who="Hotline", refusal=refusal)  # whose it is, why
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
        with_extension = render(HOST.with_extension, who="+1 415-555-0100", extension="2 0 4")
        assert await say(session, "add +1 415 555 0100 extension 204") == [
            render(HOST.read_back, who=with_extension)  # the extension is read back too
        ]
        await say(session, "yes")
        await until(lambda: state.telephony.dialled)
        assert state.telephony.dialled[0].dtmf == "w204"


# ----------------------------------------------------------------------- remove and mute


async def test_remove_someone_by_name_is_announced_once():
    async with host() as (session, state):
        await two_people_on(session, state)
        removed = render(HOST.removed, who="Dana Scully")
        assert await say(session, "drop Dana from the call") == [removed]
        [dana] = [leg for leg in state.legs.values() if leg.name == "Dana Scully"]
        assert (dana.status, dana.outcome) == ("hangup", "removed")
        assert state.announcements.count(removed) == 0
        assert await say(session, "who is on the call?") == [
            on_the_call(("+1 415-555-0100", "active"))
        ]


async def test_remove_by_the_last_digits_of_the_number():
    async with host() as (session, state):
        await two_people_on(session, state)
        assert await say(session, "remove the one ending 0100") == [
            render(HOST.removed, who="+1 415-555-0100")
        ]


async def test_removing_someone_not_on_the_call_is_explained():
    async with host() as (session, state):
        await two_people_on(session, state)
        assert await say(session, "drop Walter") == [
            render(HOST.controls.not_on_call, who="Walter")
        ]
        assert len(state.live_legs()) == 2


async def test_mute_and_unmute_by_name_and_everyone():
    async with host() as (session, state):
        await two_people_on(session, state)
        assert await say(session, "mute Dana") == [render(HOST.controls.muted, who="Dana Scully")]
        [dana] = [leg for leg in state.legs.values() if leg.name == "Dana Scully"]
        assert state.telephony.muted == {dana.identity: True}
        assert await say(session, "who is on the call?") == [
            on_the_call(("Dana Scully", "active", "muted"), ("+1 415-555-0100", "active"))
        ]
        assert await say(session, "unmute everyone") == [  # only Dana was muted
            render(HOST.controls.unmuted, who="Dana Scully")
        ]
        assert state.telephony.muted == {dana.identity: False}


# --------------------------------------------------------------------------------- DTMF


async def test_press_keys_on_an_automated_menu():
    async with host() as (session, state):
        await say(session, "add +1 415 555 0100", "yes")  # the menu: keys need someone to hear
        await until(lambda: any(leg.answered for leg in state.live_legs()))
        assert await say(session, "press 1") == [render(HOST.controls.digits_sent, digits="1")]
        assert await say(session, "send 1 2 3 #") == [
            render(HOST.controls.digits_sent, digits="1 2 3 #")
        ]
        assert state.telephony.dtmf == ["1", "123#"]


async def test_keys_other_than_digits_star_and_pound_are_refused():
    state = host_state()
    async with start(state, lambda ctx: [call("send_digits", digits="1; call +19005550100")]) as c:
        result = await c.session.run(user_input="press it")
        result.expect.contains_function_call_output(
            output=render(HOST.controls.bad_digits, digits="1; call +19005550100"),
            is_error=True,
        )
    assert state.telephony.dtmf == []
