"""How each dial ends is told to the caller and written to the call log
(`workflows/lifecycle/dialing.py`): the dial itself with the number masked, a dial the call
ended before, an answer that came after the call began to end, a voicemail, a dial that failed
unexpectedly, and an answer the room has not reported yet."""

import asyncio
from dataclasses import replace

import pytest

from prompts.schema import render
from tests.support.gates import Gate, GatedTelephony, gated_call, gated_detector
from tests.support.harness import TEST_SETTINGS, files, prompts
from workflows.call.phone import mask
from workflows.lifecycle import events
from workflows.lifecycle.dialing import answered, start_dial
from workflows.lifecycle.ending import caller_left, end_call_once, settle_dials
from workflows.lifecycle.setup import new_call
from workflows.telephony.protocol import TelephonyError

NUMBER = "+14155550161"
HOST = prompts().host


def story(state, leg) -> list[dict]:
    """The call log's records about `leg`, without their time and identity."""
    return [
        {k: v for k, v in r.items() if k not in ("ts", "identity")}
        for r in state.log.records
        if r.get("identity") == leg.identity
    ]


DIALLED = {"event": "dial", "number": mask(NUMBER)}
RANG = [
    {"event": "status", "status": "ringing", "detail": None},
    {"event": "status", "status": "active", "detail": None},
]


async def test_a_dial_the_call_ended_before_is_logged_as_failed_and_why():
    state = gated_call(quiet=True)
    leg = start_dial(state, NUMBER, "Dana", "")
    caller_left(state, "CLIENT_INITIATED")  # before the dial task's first step
    await settle_dials(state, 2)
    assert (leg.outcome, leg.failure) == ("failed", "the call ended before dialing")
    assert story(state, leg) == [
        DIALLED,
        {"event": "status", "status": "hangup", "detail": "CALL_ENDED"},
        {"event": "dial_failed", "outcome": "failed", "failure": leg.failure},
    ]


async def late_answer(state, answered: Gate, end):
    """Dial; once the callee answered (the request not yet returned) `end` the call."""
    leg = start_dial(state, NUMBER, "Dana", "")
    await answered.entered.wait()
    await end()
    answered.open()
    await settle_dials(state, 2)
    return leg


async def test_a_late_answer_with_the_room_left_as_it_is_is_hung_up_and_logged():
    answered = Gate()
    state = gated_call(answered, quiet=True)

    async def warm_transfer():
        end_call_once(state, None, "warm transfer", hang_up="nobody")

    leg = await late_answer(state, answered, warm_transfer)
    assert (leg.live, leg.outcome) == (False, "failed")
    assert leg.failure == "answered after the call ended"
    assert story(state, leg) == [
        DIALLED,
        *RANG,
        {"event": "late_answer", "room_deleted": False},
        {"event": "status", "status": "hangup", "detail": "CALL_ENDED"},
    ]


async def test_a_late_answer_after_the_room_was_deleted_deletes_it_again_and_is_logged():
    answered = Gate()
    state = gated_call(answered, quiet=True)
    leg = await late_answer(state, answered, lambda: caller_left(state, "CLIENT_INITIATED"))
    assert state.telephony.deleted == 2
    assert story(state, leg) == [
        DIALLED,
        *RANG,
        {"event": "status", "status": "hangup", "detail": "ROOM_DELETED"},
        {"event": "late_answer", "room_deleted": True},
    ]


async def test_a_late_answer_is_gone_once_the_room_is_deleted_again_though_its_hang_up_failed():
    answered = Gate()
    state = gated_call(answered, quiet=True)

    async def refuse(identity):  # e.g. not found in the re-created room
        raise TelephonyError("unavailable", "remove: not found")

    state.telephony.inner.inner.hang_up = refuse
    leg = await late_answer(state, answered, lambda: caller_left(state, "CLIENT_INITIATED"))
    assert state.telephony.deleted == 2
    assert (leg.outcome, leg.failure) == ("failed", "answered after the call ended")


async def test_a_late_answer_whose_second_delete_room_fails_says_so_in_the_call_log():
    answered = Gate()
    state = gated_call(answered, quiet=True)
    backend = state.telephony.inner.inner
    delete_room = backend.delete_room

    async def once_only():
        if backend.deleted:
            raise TelephonyError("unavailable", "delete room: server down")
        await delete_room()

    backend.delete_room = once_only
    leg = await late_answer(state, answered, lambda: caller_left(state, "CLIENT_INITIATED"))
    failed = [r["what"] for r in state.log.records if r["event"] == "hang_up_failed"]
    assert failed == ["delete the room"]
    assert backend.hung_up == [leg.identity]  # its own hang-up still went out
    assert (leg.outcome, leg.failure) == ("failed", "answered after the call ended")


async def test_a_voicemail_is_logged_with_what_was_done_and_hung_up_as_voicemail():
    state = gated_call(quiet=True)
    state.detect_voicemail = gated_detector("machine")
    leg = start_dial(state, NUMBER, "Dana", "")
    await settle_dials(state, 2)
    assert story(state, leg) == [
        DIALLED,
        *RANG,
        {"event": "voicemail", "action": "hang_up"},
        {"event": "status", "status": "hangup", "detail": "VOICEMAIL"},
    ]


async def test_a_message_left_for_a_caller_whose_name_is_unknown_names_no_one():
    settings = replace(TEST_SETTINGS, voicemail_action="leave_message")
    state = gated_call(settings=settings, quiet=True)
    state.caller.name = None
    state.detect_voicemail = gated_detector("machine")
    leg = start_dial(state, NUMBER, "Dana", "")
    await settle_dials(state, 2)
    # The fallback words are in dialing.py, not in the prompts (reported): rendered here.
    assert state.announcements[-2:] == [
        render(HOST.voicemail.message, caller_name=HOST.unnamed_caller_outside),
        render(HOST.voicemail.left_message, who="Dana"),
    ]
    assert {"event": "voicemail", "action": "leave_message"} in story(state, leg)


async def test_a_machine_whose_hang_up_failed_is_never_taken_for_a_person():
    state = gated_call(quiet=True)
    state.detect_voicemail = gated_detector("machine")

    async def refuse(identity):
        raise TelephonyError("unavailable", "remove: server down")

    state.telephony.inner.inner.hang_up = refuse
    leg = start_dial(state, NUMBER, "Dana", "")
    await settle_dials(state, 2)
    assert leg.live  # still on the line, as far as anyone knows
    assert await asyncio.wait_for(answered(state, leg), 1) is False  # no one to introduce


async def test_a_dial_that_fails_unexpectedly_is_told_and_logged_as_failed():
    def broken(sink):
        telephony = GatedTelephony(sink)

        async def dial(request):
            raise RuntimeError("a bug in the backend")

        telephony.dial = dial
        return telephony

    state = new_call(TEST_SETTINGS, files(), "room-test", make_telephony=broken)
    leg = start_dial(state, NUMBER, "Dana", "")
    await settle_dials(state, 2)
    assert (leg.live, leg.outcome, leg.failure) == (False, "failed", "RuntimeError")
    assert state.announcements == [render(HOST.failed, who="Dana")]
    assert story(state, leg)[-1] == {
        "event": "dial_failed",
        "outcome": "failed",
        "failure": "RuntimeError",
    }


@pytest.mark.parametrize(
    ("kind", "outcome"), [("config", "config_error"), ("unavailable", "failed")]
)
async def test_a_backend_error_is_told_as_a_setup_problem_or_a_failure(kind, outcome):
    def failing(sink):
        telephony = GatedTelephony(sink)

        async def dial(request):
            raise TelephonyError(kind, "no outbound trunk")

        telephony.dial = dial
        return telephony

    state = new_call(TEST_SETTINGS, files(), "room-test", make_telephony=failing)
    leg = start_dial(state, NUMBER, "Dana", "")
    await settle_dials(state, 2)
    assert (leg.live, leg.outcome, leg.failure) == (False, outcome, "no outbound trunk")
    assert state.announcements == [render(getattr(HOST, outcome), who="Dana")]


async def test_an_answer_the_room_has_not_reported_yet_still_joins_the_callee():
    # CreateSIPParticipant returned "answered"; the room's own status event comes later.
    def unreported(sink):
        telephony = GatedTelephony(sink)

        async def dial(request):
            return "human"

        telephony.dial = dial
        return telephony

    state = new_call(TEST_SETTINGS, files(), "room-test", make_telephony=unreported)
    leg = start_dial(state, NUMBER, "Dana", "")
    assert await asyncio.wait_for(answered(state, leg), 1) is True
    assert (leg.status, leg.outcome) == ("active", "joined")
    assert state.announcements == [render(HOST.joined, who="Dana")]
    assert story(state, leg) == [
        DIALLED,
        {"event": "status", "status": "active", "detail": "answered"},
    ]


async def test_a_machine_is_never_said_to_have_joined_while_its_voicemail_is_handled(monkeypatch):
    # The room's status events may lag the dial's answer: "automation" (keys being sent),
    # then "active" again, arrive while the message is left on the machine.
    settings = replace(TEST_SETTINGS, voicemail_action="leave_message")
    state = gated_call(settings=settings, quiet=True)
    state.detect_voicemail = gated_detector("machine")
    speaking = Gate()
    monkeypatch.setattr(events, "speak", lambda state, text: speaking.wait())
    leg = start_dial(state, NUMBER, "Dana", "")
    await speaking.entered.wait()
    events.on_status(state, leg.identity, "automation")
    events.on_status(state, leg.identity, "active")
    speaking.open()
    await settle_dials(state, 2)
    assert render(HOST.joined, who="Dana") not in state.announcements
    assert state.announcements[-1] == render(HOST.voicemail.left_message, who="Dana")


async def test_a_callee_is_said_to_have_joined_once_though_the_room_reports_active_again():
    state = gated_call(quiet=True)
    leg = start_dial(state, NUMBER, "Dana", "")
    assert await asyncio.wait_for(answered(state, leg), 1) is True
    await settle_dials(state, 2)
    events.on_status(state, leg.identity, "automation")  # lagging room events
    events.on_status(state, leg.identity, "active")
    assert state.announcements.count(render(HOST.joined, who="Dana")) == 1
