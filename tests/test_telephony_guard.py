"""The telephony boundary refuses anything billable once the call is ending: each action on
its own, logged, with nothing sent; the ending's own hang-ups and DeleteRoom still pass."""

import copy
import logging

import pytest

from tests.support.harness import simulated_call
from workflows.lifecycle.ending import end_call_once
from workflows.telephony.guarded import GuardedTelephony
from workflows.telephony.protocol import CallEnding, DialRequest
from workflows.telephony.simulated import SimulatedTelephony

REQUEST = DialRequest("+14155550100", "sip-abc", "Dana")

# (action, how the guard names it, what the simulated backend would have recorded)
ACTIONS = [
    ("dial", "dial", lambda t: t.dial(REQUEST), lambda b: b.dialled),
    (
        "transfer",
        "transfer",
        lambda t: t.transfer("caller", "tel:+14155550100"),
        lambda b: b.transfers,
    ),
    ("dtmf", "send DTMF", lambda t: t.send_dtmf("1"), lambda b: b.dtmf),
    ("mute", "mute", lambda t: t.set_muted("sip-abc", True), lambda b: b.muted),
    ("unmute", "unmute", lambda t: t.set_muted("sip-abc", False), lambda b: b.muted),
    ("hang_up", "hang up", lambda t: t.hang_up("sip-abc"), lambda b: b.hung_up),
]


class Recording(SimulatedTelephony):
    """The simulated backend, also recording hang-ups, with one SIP participant in the room."""

    def __init__(self) -> None:
        super().__init__(status_sink=lambda *a: None, ring_delay=0, answer_delay=0)
        self.hung_up: list[str] = []
        self._set(REQUEST, "active")

    async def hang_up(self, identity: str) -> None:
        self.hung_up.append(identity)
        await super().hang_up(identity)


def guarded(ending: bool) -> tuple[GuardedTelephony, Recording, list[str]]:
    backend, refused = Recording(), []
    return (
        GuardedTelephony(backend, ending=lambda: ending, on_refused=refused.append),
        backend,
        refused,
    )


@pytest.mark.parametrize("name, action, act, sent", ACTIONS, ids=[a[0] for a in ACTIONS])
async def test_each_action_is_refused_once_the_call_is_ending(name, action, act, sent, caplog):
    telephony, backend, refused = guarded(ending=True)
    with caplog.at_level(logging.WARNING, "telephony.guarded"), pytest.raises(CallEnding) as e:
        await act(telephony)
    assert e.value.action == action  # the refusal names what it refused
    assert not sent(backend)  # nothing reached the backend
    assert refused == [action]
    assert f"{action} refused: the call is ending" in caplog.text


@pytest.mark.parametrize("name, action, act, sent", ACTIONS, ids=[a[0] for a in ACTIONS])
async def test_each_action_goes_through_while_the_call_is_on(name, action, act, sent):
    telephony, backend, refused = guarded(ending=False)
    await act(telephony)
    assert sent(backend) and refused == []


async def test_the_endings_own_hang_ups_and_delete_room_pass_while_ending():
    telephony, backend, refused = guarded(ending=True)
    assert [p.identity for p in await telephony.list_participants()] == ["caller", "sip-abc"]
    await telephony.hang_up_at_end("sip-abc")
    await telephony.delete_room()
    assert (backend.hung_up, backend.deleted, refused) == (["sip-abc"], 1, [])


async def test_a_call_refuses_from_the_moment_it_begins_to_end_and_logs_it():
    state = simulated_call()
    end_call_once(state, None, "end_call", hang_up="nobody")  # the guard asks the call itself
    with pytest.raises(CallEnding):
        await state.telephony.dial(REQUEST)
    assert state.telephony.dialled == []
    refusals = [r for r in state.log.records if r["event"] == "policy_refusal"]
    assert [(r["rule"], r["action"]) for r in refusals] == [("call_ending", "dial")]


def test_a_copy_reads_the_backends_extras_and_a_bare_instance_has_none():
    telephony, backend, _ = guarded(ending=False)
    assert copy.copy(telephony).dialled is backend.dialled  # the simulated backend's records
    bare = GuardedTelephony.__new__(GuardedTelephony)  # as copy and pickle make it first
    assert not hasattr(bare, "dialled")  # an AttributeError, not endless recursion
