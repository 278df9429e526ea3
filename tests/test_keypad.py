"""Numbers by keypad: the caller's keys (the room's `sip_dtmf_received`, as the rtc SDK emits
them) become a number that is read back and dialled only on the caller's yes; keys answer a
read-back only when it asked for them. The offline model drives the real host and tools."""

from __future__ import annotations

from contextlib import asynccontextmanager

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.support.fake_room import FakeRoom
from tests.support.harness import prompts, running_call, simulated_call
from tests.support.scripted_llm import until
from workflows.lifecycle import keypad
from workflows.lifecycle.room import attach_room
from workflows.rehearsal.model import OfflineDialogLLM

HOST = prompts().host
KEYED_READ_BACK = (
    f"{render(HOST.read_back, who='+1 415-555-0199')} {render(HOST.keypad.confirm_keys)}"
)
CALLER = "sip_caller"


@asynccontextmanager
async def host_call():
    """The host on a call whose caller is a SIP participant in a (stand-in) room."""
    state = simulated_call(sim_ring_delay=0.3, sim_answer_delay=0.01)
    state.caller.name, state.caller.reason = "Ada", "a conference call"
    room = FakeRoom()
    attach_room(room, state)
    room.join(CALLER, **{"sip.phoneNumber": "+14155550123"})
    model = OfflineDialogLLM(state.prompts, state.directory)
    async with running_call(model, state=state, agent=ConferenceHost(state.prompts, state.caller)):
        yield state, room


def said(state) -> list[str]:
    items = state.session.history.items
    return [i.text_content for i in items if i.type == "message" and i.role == "assistant"]


async def read_back_said(state, text: str) -> None:
    await until(lambda: text in said(state))
    await until(lambda: state.read_back is not None and state.read_back.said_at is not None)


def dialled(state) -> list[str]:
    return [leg.phone_number for leg in state.legs.values()]


async def test_keyed_digits_are_read_back_with_the_keys_that_answer_and_1_dials():
    async with host_call() as (state, room):
        room.key(CALLER, "4155550199#")
        await read_back_said(state, KEYED_READ_BACK)
        assert dialled(state) == []  # keys never dial by themselves
        room.key(CALLER, "1")
        await until(lambda: dialled(state) == ["+14155550199"])


async def test_2_changes_it_and_nothing_is_dialled():
    async with host_call() as (state, room):
        room.key(CALLER, "4155550199#")
        await read_back_said(state, KEYED_READ_BACK)
        room.key(CALLER, "2")
        await until(lambda: len(said(state)) > 2)  # the host answered the "no"
        assert dialled(state) == []


async def test_1_does_not_answer_a_read_back_that_did_not_ask_for_keys():
    """A spoken number's read-back offers no keys: 1 is only a digit then, and dials nothing."""
    async with host_call() as (state, room):
        await state.session.run(user_input="add 415 555 0199")
        spoken = render(HOST.read_back, who="+1 415-555-0199")
        await read_back_said(state, spoken)
        room.key(CALLER, "1")
        await until(lambda: state.keypad.keys == "1")
        assert dialled(state) == [] and said(state)[-1] == spoken


async def test_a_dialled_legs_keys_are_not_the_callers():
    async with host_call() as (state, room):
        room.join("sip-leg", **{"sip.phoneNumber": "+14155550100"})
        room.key("sip-leg", "4155550199#")
        assert state.keypad.keys == "" and state.keypad.keyed == ""


async def test_star_starts_again_and_only_the_digits_after_it_count():
    async with host_call() as (state, room):
        room.key(CALLER, "999*4155550199#")
        await read_back_said(state, KEYED_READ_BACK)


async def test_the_consoles_typed_keys_are_pressed_in_turn():
    async with host_call() as (state, _):
        assert keypad.typed(state, "#4155550199#")
        await read_back_said(state, KEYED_READ_BACK)
        assert keypad.typed(state, "#1")
        await until(lambda: dialled(state) == ["+14155550199"])
        assert not keypad.typed(state, "4155550199") and not keypad.typed(state, "# 1")


def test_no_more_digits_are_kept_than_a_number_can_have():
    state = simulated_call()
    for _ in range(keypad.MAX_KEYS + 5):
        keypad.pressed(state, "5")
    assert state.keypad.keys == "5" * keypad.MAX_KEYS
