"""Nothing billable once the call is ending, whatever a tool was awaiting: the caller hangs up
while the transfer's speech plays, or the model ends the call in the same turn; and once the
call is ending, no key is pressed and nobody is muted or removed. Each race is held open at
one await with a gate and the call ended there."""

import asyncio

import pytest
from livekit.agents import RunContext

from tests.support.gates import Gate
from tests.support.host_calls import errors, host_state, start
from tests.support.scripted_llm import call, dial, feature_model, until
from workflows.lifecycle import events
from workflows.lifecycle.ending import caller_left, end_call_once

NUMBER = "+1 415 555 0123"


def call_ending(state) -> list[str]:
    return [state.prompts.host.call_ending]


def refused_actions(state) -> list[str]:
    return [r.get("action") for r in state.log.records if r["event"] == "policy_refusal"]


@pytest.fixture
def playout(monkeypatch) -> Gate:
    """Hold the tool's wait for what is being said before it acts."""
    gate = Gate()

    async def wait_for_playout(self) -> None:
        await gate.wait()

    monkeypatch.setattr(RunContext, "wait_for_playout", wait_for_playout)
    return gate


def speech(monkeypatch, phrase: str) -> Gate:
    """Hold the tool while it says the phrase starting with `phrase`."""
    gate, speak = Gate(), events.speak

    async def held(state, text: str) -> None:
        await speak(state, text)
        if text.startswith(phrase):
            await gate.wait()

    monkeypatch.setattr(events, "speak", held)
    return gate


async def hang_up_while(c, gate: Gate, line: str = "yes"):
    """Say `line`; while the tool waits at `gate`, the caller hangs up."""
    run = asyncio.ensure_future(c.session.run(user_input=line))
    await gate.entered.wait()
    caller_left(c.state, "CLIENT_INITIATED")
    gate.open()
    return await run


# ------------------------------------------------------------------------ cold transfer


async def test_no_refer_after_the_caller_hangs_up_while_speech_plays_out(playout):
    state = host_state()
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"transfer {NUMBER}")
        result = await hang_up_while(c, playout)
    assert state.telephony.transfers == []
    assert errors(result) == call_ending(state)
    assert refused_actions(state) == ["transfer"]


async def test_no_refer_after_the_caller_hangs_up_during_transferring_you(monkeypatch):
    state = host_state()
    gate = speech(monkeypatch, state.prompts.host.transfer.transferring.split("$")[0])
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"transfer {NUMBER}")
        result = await hang_up_while(c, gate)
    assert state.telephony.transfers == []
    assert errors(result) == call_ending(state)


@pytest.mark.parametrize("first", ["transfer_call", "end_call"])
async def test_no_refer_when_the_model_transfers_and_ends_in_one_turn(first):
    def model(ctx):
        text = ctx.items[-1].text_content
        if text.startswith("transfer"):
            return [call("read_back_number", phone_number=NUMBER, purpose="transfer")]
        second = "end_call" if first == "transfer_call" else "transfer_call"
        return [call(first), call(second)]

    state = host_state()
    async with start(state, model) as c:
        await c.session.run(user_input=f"transfer {NUMBER}")
        await c.session.run(user_input="yes")
        await until(lambda: state.telephony.deleted)
    assert state.telephony.transfers == []


# ------------------------------------------------------------------------ warm transfer


async def test_no_warm_dial_after_the_caller_hangs_up_while_speech_plays_out(playout):
    state = host_state()
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"warm {NUMBER}")
        result = await hang_up_while(c, playout)
    assert state.telephony.dialled == []
    assert errors(result) == call_ending(state)


async def test_no_warm_dial_after_the_caller_hangs_up_during_ill_call_them(monkeypatch):
    state = host_state()
    gate = speech(monkeypatch, state.prompts.host.transfer.warm_calling.split("$")[0])
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"warm {NUMBER}")
        result = await hang_up_while(c, gate)
    assert state.telephony.dialled == []
    assert errors(result) == call_ending(state)


@pytest.mark.parametrize("phrase", ["ringing", "introduce"])
async def test_no_hand_over_after_the_caller_hangs_up_while_the_callee_is_reached(
    monkeypatch, phrase
):
    state = host_state(sim_ring_delay=0.01, sim_answer_delay=0.05)
    transfer = state.prompts.host.transfer
    if phrase == "ringing":  # held while the callee's phone rings
        gate = Gate()
        ring = events.announce

        def ringing(state, leg, key):
            ring(state, leg, key)
            if key == "ringing":
                gate.entered.set()  # the caller hangs up now; the dial goes on

        monkeypatch.setattr(events, "announce", ringing)
    else:
        gate = speech(monkeypatch, transfer.introduce.split("$")[0])
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"warm {NUMBER}")
        result = await hang_up_while(c, gate)
        await until(lambda: not state.live_legs())
    assert errors(result) == call_ending(state)
    assert not any(
        text.startswith(transfer.handed_over.split("$")[0]) for text in state.announcements
    )
    assert [r["why"] for r in state.log.records if r["event"] == "ending"] == ["caller left"]


# ------------------------------------------------- conference controls while it ends


@pytest.mark.parametrize("line", ["remove 0100", "mute 0100", "unmute 0100", "press 1"])
async def test_no_key_mute_or_removal_once_the_call_is_ending(line):
    state = host_state(sim_ring_delay=0.01)
    async with start(state, feature_model) as c:
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: any(leg.answered for leg in state.legs.values()))
        end_call_once(state, None, "warm transfer", hang_up="nobody")  # the room stays
        result = await c.session.run(user_input=line)
        in_room = [p.identity for p in await c.simulated.list_participants()]
    assert errors(result) == call_ending(state)
    [leg] = state.live_legs()
    assert leg.identity in in_room
    assert (c.simulated.muted, c.simulated.dtmf) == ({}, [])
    assert refused_actions(state) == [
        line.split()[0].replace("press", "send DTMF").replace("remove", "hang up")
    ]


async def test_a_hang_up_while_the_room_is_listed_for_a_mute_mutes_nobody(monkeypatch):
    # mute_participant lists the room first (who is muted already): the call can end there.
    state = host_state(sim_ring_delay=0.01)
    gate = Gate()
    async with start(state, feature_model) as c:
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: all(leg.answered for leg in state.legs.values()))
        list_participants = c.simulated.list_participants

        async def held():
            listed = await list_participants()
            await gate.wait()
            return listed

        monkeypatch.setattr(c.simulated, "list_participants", held)
        run = asyncio.ensure_future(c.session.run(user_input="mute 0100"))
        await gate.entered.wait()
        caller_left(state, "CLIENT_INITIATED")
        gate.open()
        result = await run
    assert errors(result) == call_ending(state)
    assert c.simulated.muted == {}  # nothing sent once the call began to end


async def test_mute_everyone_stops_once_the_call_begins_to_end(monkeypatch):
    state = host_state(sim_ring_delay=0.01)
    gate = Gate()
    async with start(state, feature_model) as c:
        for number in ("+1 415 555 0100", "+1 415 555 0101"):
            await dial(c.session, number)
            await until(lambda: all(leg.answered for leg in state.legs.values()))
        set_muted = c.simulated.set_muted

        async def held(identity, muted):
            await set_muted(identity, muted)
            await gate.wait()

        monkeypatch.setattr(c.simulated, "set_muted", held)
        run = asyncio.ensure_future(c.session.run(user_input="mute everyone"))
        await gate.entered.wait()
        end_call_once(state, None, "warm transfer", hang_up="nobody")
        gate.open()
        result = await run
    assert errors(result) == call_ending(state)
    assert len(c.simulated.muted) == 1  # the first, before the end; not the second
