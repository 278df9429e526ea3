"""The LiveKit path against the Twirp test server: exact requests, grants, every SIP failure,
status from room events, and the caller hanging up. Nothing is patched in `livekit-api`."""

from __future__ import annotations

import asyncio
import logging
import socket
from dataclasses import replace

import pytest
from livekit import api

from tests.support.livekit_harness import ROOM, livekit_call, livekit_settings
from tests.support.livekit_server import SipOutcome
from tests.support.scripted_llm import dial


async def until(predicate, timeout=5.0):
    async with asyncio.timeout(timeout):
        while not predicate():
            await asyncio.sleep(0.01)


def heard(c) -> list[str]:
    return c.state.announcements


async def test_dial_sends_the_exact_create_sip_participant_request(server):
    async with livekit_call(server) as c:
        await dial(c.session, "(415) 555-0100")
        await until(lambda: "+1 415-555-0100 has joined the call." in heard(c))
        [leg] = c.state.legs.values()
        expected = api.CreateSIPParticipantRequest(
            sip_trunk_id=server.trunk_id,
            sip_call_to="+14155550100",
            room_name=ROOM,
            participant_identity=leg.identity,
            participant_name="+1 415-555-0100",
            wait_until_answered=True,
        )
        expected.ringing_timeout.FromSeconds(20)
        expected.max_call_duration.FromSeconds(1800)
        assert server.requests_for("CreateSIPParticipant") == [expected]
        [recorded] = [r for r in server.requests if r.method == "CreateSIPParticipant"]
        assert recorded.claims.sip.call is True


async def test_dial_returns_at_once_and_status_comes_from_room_events(server):
    server.sip_outcomes["+14155550100"] = SipOutcome.answer(after=0.5)
    async with livekit_call(server) as c:
        result = await dial(c.session, "+1 415 555 0100")
        [leg] = c.state.legs.values()
        assert leg.status in ("dialing", "ringing")  # the turn ended before the answer
        result.expect.contains_function_call_output(
            output="Dialing +1 415-555-0100 now. I'll let you know when they pick up."
        )
        await until(lambda: leg.status == "active")
        assert heard(c) == ["+1 415-555-0100 is ringing.", "+1 415-555-0100 has joined the call."]
        assert [s.status for s in leg.history] == ["dialing", "ringing", "active"]


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


BUSY = "+1 415-555-0100 is busy right now. Would you like to try another number?"
NO_ANSWER = "+1 415-555-0100 didn't answer. Would you like to try again later or another number?"
FAILED = (
    "I couldn't reach +1 415-555-0100 because of a problem on our side. We can try again "
    "in a moment."
)
CONFIG = (
    "I'm sorry, I can't dial out right now because of a setup problem on our side. "
    "I've reported it."
)

FAILURES = {
    # name: (set up the failure, what the caller hears, what is logged, recovers when fixed)
    "busy 486": (
        lambda s, st: s.sip_outcomes.update({"+14155550100": SipOutcome.fail(486)}),
        BUSY,
        "failed: busy (SIP 486 BUSY_HERE)",
        True,
    ),
    "unavailable 480": (
        lambda s, st: s.sip_outcomes.update({"+14155550100": SipOutcome.fail(480)}),
        NO_ANSWER,
        "failed: no_answer (SIP 480 TEMPORARILY_UNAVAILABLE)",
        True,
    ),
    "unknown number 404": (
        lambda s, st: s.sip_outcomes.update({"+14155550100": SipOutcome.fail(404)}),
        "+1 415-555-0100 doesn't seem to be a working number. Could you check it?",
        "failed: unknown_number (SIP 404 NOTFOUND)",
        True,
    ),
    "declined 603": (
        lambda s, st: s.sip_outcomes.update({"+14155550100": SipOutcome.fail(603)}),
        "+1 415-555-0100 declined the call.",
        "failed: declined (SIP 603 GLOBAL_DECLINE)",
        True,
    ),
    "ringing timeout": (
        lambda s, st: s.sip_outcomes.update({"+14155550100": SipOutcome.answer(after=5)}),
        NO_ANSWER,
        "failed: no_answer (no answer within 1 s (cancelled))",
        True,
    ),
    "server unavailable 503": (
        lambda s, st: s.fail("CreateSIPParticipant", "unavailable", "no SIP capacity"),
        FAILED,
        "LiveKit error unavailable (HTTP 503): no SIP capacity",
        True,
    ),
    "proxy error 502": (
        lambda s, st: s.fail("CreateSIPParticipant", status=502, body="<html>bad gateway"),
        FAILED,
        "(HTTP 502)",
        True,
    ),
    "server timeout": (
        lambda s, st: s.delay("CreateSIPParticipant", 30, times=1),
        FAILED,
        "could not reach LiveKit",
        True,
    ),
    "wrong api secret": (
        lambda s, st: replace(st, livekit_api_secret="x" * 40),
        CONFIG,
        "Check LIVEKIT_API_KEY / LIVEKIT_API_SECRET",
        False,
    ),
    "permission denied": (
        lambda s, st: s.fail("CreateSIPParticipant", "permission_denied", times=None),
        CONFIG,
        "LiveKit refused the request (permission_denied, HTTP 403)",
        True,
    ),
    "unknown outbound trunk": (
        lambda s, st: replace(st, sip_trunk_id="ST_missing"),
        CONFIG,
        "Check SIP_TRUNK_ID",
        False,
    ),
    "connection refused": (
        lambda s, st: replace(st, livekit_url=f"http://127.0.0.1:{_closed_port()}"),
        FAILED,
        "could not reach LiveKit at http://127.0.0.1:",
        False,
    ),
}


@pytest.mark.parametrize("name", list(FAILURES))
async def test_every_dial_failure_is_told_to_the_caller_and_logged(server, name, caplog):
    setup, caller_hears, logged, recovers = FAILURES[name]
    settings = livekit_settings(server, sip_ringing_timeout=1)
    settings = setup(server, settings) or settings
    async with livekit_call(server, settings, request_timeout=0.5) as c:
        with caplog.at_level(logging.INFO):
            await dial(c.session, "+1 415 555 0100")
            # The leg leaves the list a moment before its outcome is said: wait for both.
            await until(lambda: not c.state.live_legs() and caller_hears in heard(c), timeout=8)
        assert heard(c)[-1] == caller_hears
        assert logged in caplog.text
        if caller_hears == CONFIG:
            assert "DIAL-OUT MISCONFIGURED" in caplog.text
        assert "4155550100" not in caplog.text  # numbers are masked in logs
        assert server.api_secret not in caplog.text

        # The call goes on, and the host can try again.
        server.reset_faults()
        server.sip_outcomes.clear()
        result = await dial(c.session, "+1 415 555 0101")
        result.expect.contains_function_call_output(
            output="Dialing +1 415-555-0101 now. I'll let you know when they pick up."
        )
        if recovers:
            await until(lambda: "+1 415-555-0101 has joined the call." in heard(c))
        else:
            await until(lambda: heard(c)[-1] == caller_hears.replace("0100", "0101"))


async def test_list_remove_and_delete_use_the_room_admin_grants(server):
    async with livekit_call(server) as c:
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: "+1 415-555-0100 has joined the call." in heard(c))
        result = await c.session.run(user_input="who?")
        result.expect.contains_function_call_output(
            output="On the call: you, Ada; +1 415-555-0100, connected."
        )
        [leg] = c.state.legs.values()
        await c.state.telephony.hang_up(leg.identity)
        await until(lambda: "+1 415-555-0100 has been removed from the call." in heard(c))
        await c.state.telephony.hang_up(leg.identity)  # already gone: not an error
        await c.state.telephony.delete_room()
        await c.state.telephony.delete_room()  # already gone: not an error
        assert ROOM not in server.rooms
    grants = {r.method: r.claims.video for r in server.requests if r.claims and r.claims.video}
    for method in ("ListParticipants", "RemoveParticipant"):
        assert grants[method].room_admin and grants[method].room == ROOM
    assert grants["DeleteRoom"].room_create


async def test_end_call_when_the_room_is_already_gone_still_says_goodbye(server):
    async with livekit_call(server) as c:
        server.rooms.pop(ROOM, None)
        result = await c.session.run(user_input="bye")
        assert [e.item.text_content for e in result.events if e.type == "message"] == [
            "Thanks for calling. Goodbye!"
        ]
        assert len(server.requests_for("DeleteRoom")) == 1


async def test_list_falls_back_to_call_state_when_the_server_is_down(server, caplog):
    async with livekit_call(server) as c:
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: "+1 415-555-0100 has joined the call." in heard(c))
        server.fail("ListParticipants", "unavailable")
        with caplog.at_level(logging.WARNING):
            result = await c.session.run(user_input="who?")
        result.expect.contains_function_call_output(
            output="On the call: you, Ada; +1 415-555-0100, connected."
        )
        assert "room listing failed, using call state" in caplog.text


@pytest.mark.parametrize("policy", ["delete_room", "remove_legs"])
async def test_caller_hanging_up_ends_the_conference_and_leaks_nothing(server, policy):
    server.sip_outcomes["+14155550101"] = SipOutcome.answer(after=30)  # still ringing
    settings = livekit_settings(server, on_caller_hangup=policy)
    async with livekit_call(server, settings) as c:
        closed = asyncio.Event()
        c.session.on("close", lambda ev: closed.set())
        await dial(c.session, "+1 415 555 0100")
        await until(lambda: "+1 415-555-0100 has joined the call." in heard(c))
        await dial(c.session, "+1 415 555 0101")
        await until(lambda: len(c.state.dial_tasks) == 1)
        await server.disconnect_participant(ROOM, "caller", "CLIENT_INITIATED")
        await asyncio.wait_for(closed.wait(), 5)
        await until(lambda: not c.state.dial_tasks)
        if policy == "delete_room":
            assert ROOM not in server.rooms
        else:
            removed = {r.identity for r in server.requests_for("RemoveParticipant")}
            assert removed == set(c.state.legs)  # the answered leg and the ringing one
            assert ROOM in server.rooms
        assert all(not leg.live for leg in c.state.legs.values())
