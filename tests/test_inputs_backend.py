"""Hostile or broken backends: a garbage API reply maps like any other API error, and a backend
call that never returns cannot freeze a tool or the end of the call."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from livekit.protocol import models
from livekit.protocol import room as rm

from prompts.schema import render
from tests.support.harness import TEST_SETTINGS, files
from tests.support.host_calls import errors, start
from tests.support.livekit_harness import livekit_call, livekit_settings
from tests.support.scripted_llm import dial, feature_model, until
from workflows.lifecycle.setup import new_call
from workflows.telephony.bounded import BoundedTelephony
from workflows.telephony.guarded import GuardedTelephony
from workflows.telephony.livekit import LiveKitTelephony
from workflows.telephony.protocol import DialRequest, TelephonyError
from workflows.telephony.simulated import SimulatedTelephony

_REPLY = rm.ListParticipantsResponse(
    participants=[models.ParticipantInfo(identity="sip-abc", name="Dana", sid="PA_1")]
).SerializeToString()
BODIES = {
    "garbage": b"\xff\xff\xff\xff",
    "truncated protobuf": _REPLY[:-3],
    "html page": "<html><body><h1>502 Bad Gateway</h1></body></html>",
}
CALLS = {
    "ListParticipants": lambda t: t.list_participants(),
    "RemoveParticipant": lambda t: t.hang_up("sip-abc"),
    "DeleteRoom": lambda t: t.delete_room(),
    "GetParticipant": lambda t: t.set_muted("sip-abc", True),
    "CreateSIPParticipant": lambda t: t.dial(DialRequest("+14155550100", "sip-abc", "Dana")),
    "TransferSIPParticipant": lambda t: t.transfer("caller", "tel:+14155550100"),
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
@pytest.mark.parametrize("method", CALLS)
async def test_a_garbage_reply_is_an_api_error_like_any_other(server, method, body):
    telephony = LiveKitTelephony(
        url=server.url,
        api_key=server.api_key,
        api_secret=server.api_secret,
        room_name="room-1",
        trunk_id=server.trunk_id,
    )
    server.garble(method, body)
    try:
        with pytest.raises(TelephonyError, match="not a LiveKit API reply") as raised:
            await CALLS[method](telephony)
    finally:
        await telephony.aclose()
    assert raised.value.kind == "unavailable"
    assert len(server.requests_for(method)) == 1


async def test_a_garbage_reply_in_a_call_is_told_as_a_failure_and_the_call_goes_on(server):
    async with livekit_call(server, model=feature_model) as c:
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: any(leg.answered for leg in c.state.live_legs()))
        [leg] = c.state.live_legs()
        server.garble("RemoveParticipant", b"\xff\xff")
        result = await c.session.run(user_input="remove 0100")
        assert errors(result) == [render(c.state.prompts.host.failed, who=leg.name)]
        server.garble("ListParticipants", "<html>bad gateway</html>")
        result = await c.session.run(user_input="who?")  # falls back to the call's own state
        assert errors(result) == []


class StuckTelephony(SimulatedTelephony):
    """Dials and answers, but deleting the room, hanging up and DTMF never return (until the
    test ends: `release` lets a frozen call unwind so the test fails instead of hanging)."""

    release = asyncio.Event()

    async def _never(self, *args) -> None:
        await self.release.wait()

    delete_room = hang_up = send_dtmf = _never  # type: ignore[assignment]


@pytest.fixture
def stuck_call():
    settings = replace(TEST_SETTINGS, sim_ring_delay=0.01, sim_answer_delay=0.01)

    def telephony(sink):
        inner = StuckTelephony(status_sink=sink, ring_delay=0.01, answer_delay=0.01)
        return BoundedTelephony(inner, ring_timeout=1.0, request_timeout=0.05)

    state = new_call(settings, files(), "room-stuck", make_telephony=telephony)
    state.caller.identity = "caller"
    return start(state, feature_model)


async def test_a_backend_that_never_answers_cannot_freeze_remove_keys_or_the_end(stuck_call):
    async with stuck_call as c:
        c.simulated.release = asyncio.Event()
        try:
            async with asyncio.timeout(10):  # before: frozen forever
                await dial(c.session, "+1 415 555 0100")
                await until(lambda: any(leg.answered for leg in c.state.live_legs()))
                [leg] = c.state.live_legs()
                failed = c.state.prompts.host.failed
                result = await c.session.run(user_input="press 1")
                assert errors(result) == [c.state.prompts.host.controls.keys_failed]
                result = await c.session.run(user_input="remove 0100")
                assert errors(result) == [render(failed, who=leg.name)]
                await c.session.run(user_input="bye")
                await until(lambda: c.state.log.records[-1]["event"] == "call_end")
        finally:
            c.simulated.release.set()
    assert [r["why"] for r in c.state.log.records if r["event"] == "ending"] == ["end_call"]


async def test_every_call_gets_a_guarded_bounded_backend(server):
    simulated = new_call(TEST_SETTINGS, files(), "room-a")
    assert isinstance(simulated.telephony, GuardedTelephony)
    assert isinstance(simulated.telephony.inner, BoundedTelephony)
    assert isinstance(simulated.telephony.inner.inner, SimulatedTelephony)
    settings = livekit_settings(server)
    livekit = new_call(settings, files(), "room-b")
    try:
        assert isinstance(livekit.telephony, GuardedTelephony)
        assert isinstance(livekit.telephony.inner, BoundedTelephony)
        assert isinstance(livekit.telephony.inner.inner, LiveKitTelephony)
        # A dial may ring for the whole ringing window before the bound applies.
        assert livekit.telephony.inner.ring_timeout > settings.sip_ringing_timeout
    finally:
        await livekit.telephony.aclose()
        await simulated.telephony.aclose()
