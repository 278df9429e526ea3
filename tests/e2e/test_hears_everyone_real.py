"""The host hears everyone on a real call (issue 23, item 5): a sipp caller rings the agent
through livekit-sip and has a number dialled (keyed on its keypad); the sipp phone that answers
then speaks to the host and to the caller, with offline speech on its own stream.

- "Ava, who is on the call?" gets the list, said to the room (the callee hears it) and logged
  as a reply to that leg, with no tool but the listing;
- talk between the phones without the host's name gets no reply and no tool call, the
  callee's and the caller's own (no name, no greeting: logged as `caller_aside`);
- "Ava, please add Fox Mulder" is put to the caller; the callee's own "yes" dials nothing; the
  caller's "yes" makes the bridge ring Mulder's number.

What is asserted is what the agent did and said (call log, its transcription in the room, SIP
packets), never the recognizer's transcripts: any recognizer may hear these lines.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from prompts.schema import render
from tests.e2e import rtp
from tests.e2e.conference_phones import Conference, conference, sound_before
from tests.e2e.conftest import CALLEE_PORT, diagnosed, start_worker, until
from tests.e2e.phones import Cue, Key, Say
from tests.support.harness import files, prompts

pytestmark = pytest.mark.e2e
DANA = "4155550142"  # keyed by the caller: Dana Scully's number in the directory
# The leg keyed as digits is named as the contact whose number it is, once it is on the call
# (workflows/rehearsal/contact_number.py): it speaks as Dana Scully.
DANA_SPOKEN = next(c.name for c in files().directory.contacts if (c.number or "").endswith(DANA))
MULDER = "4155550144"  # Fox Mulder's number in the directory
SMALL_TALK = [  # said by the callee to the caller, never to the host
    "Thanks, that helps a lot.",
    "I will send you the report tomorrow.",
    "Let me check my notes.",
]
CALLER_SMALL_TALK = [  # said by the caller to the callee, with no name and no greeting
    "Thanks, that helps a lot.",
    "How was the trip?",
]
QUIET = 6.0  # seconds with no new turn after which what a phone said is all heard
ASIDE_WAIT = 8.0  # seconds after the caller's last aside in which no reply may begin
ACTS = {"dial", "read_back", "muted", "removed", "dtmf", "transfer", "ending"}  # tools' records


def records(call: Conference, event: str, since: float, **fields) -> list[dict]:
    return [
        r
        for r in call.log(since)
        if r["event"] == event and all(r.get(k) == v for k, v in fields.items())
    ]


async def all_heard(call: Conference, since: float, within: float = 60) -> list[dict]:
    """The participants' turns since `since`, once none has come for QUIET seconds."""
    deadline = time.monotonic() + within
    count, changed = -1, time.monotonic()
    while time.monotonic() < deadline:
        turns = records(call, "participant_turn", since)
        if len(turns) != count:
            count, changed = len(turns), time.monotonic()
        elif turns and time.monotonic() - changed >= QUIET:
            return turns
        await asyncio.sleep(0.25)
    raise AssertionError(f"no participant turn settled in {within} s: {call.log(since)}")


def lines(tmp_path, **texts: str) -> dict[str, Say]:
    said = {}
    for name, text in texts.items():
        wav = tmp_path / f"{name}.ulaw"
        said[name] = Say(wav, rtp.phone_wav(wav, text) + 1.5)
    return said


async def test_the_host_hears_the_dialled_phone_and_acts_only_as_the_table_allows(
    stack, lk, line, tmp_path
):
    p = prompts()
    host, words = p.host, p.host.for_participants
    say = lines(
        tmp_path,
        ada="hi i'm ada i need a conference call",
        yes="yes",
        who=f"{host.name}, who is on the call?",
        add=f"{host.name}, please add Fox Mulder.",
        callee_yes="yes",
        **{f"talk{i}": text for i, text in enumerate(SMALL_TALK)},
        **{f"aside{i}": text for i, text in enumerate(CALLER_SMALL_TALK)},
    )
    caller_talks, callers_turn, done = asyncio.Event(), asyncio.Event(), asyncio.Event()
    held: dict[str, Conference] = {}  # the call, once it is answered

    def said_all(text: str) -> Cue:
        """The caller goes on once the agent has said `text` and stopped speaking (its own
        transcription in the room: the audio's envelope is unreliable on a loaded machine)."""
        return Cue(lambda _: (c := held.get("call")) is not None and c.finished(text), 120)

    caller_steps = [
        said_all(render(p.receptionist.greeting)),
        say["ada"],
        said_all(render(host.greeting, caller_name="Ada")),
        *[Key(d) for d in f"{DANA}#"],
        said_all(host.keypad.confirm_keys),
        Key("1"),
        Cue(lambda _: caller_talks.is_set(), within=600),
        *[say[f"aside{i}"] for i in range(len(CALLER_SMALL_TALK))],
        Cue(lambda _: callers_turn.is_set(), within=600),
        say["yes"],
        Cue(lambda _: done.is_set(), within=120),
    ]
    callee_steps = [
        Cue(lambda _: False, within=300),
        say["who"],
        Cue(lambda _: False, within=300),
        *[say[f"talk{i}"] for i in range(len(SMALL_TALK))],
        Cue(lambda _: False, within=300),
        say["add"],
        Cue(lambda _: False, within=300),
        say["callee_yes"],
    ]
    worker = await start_worker(
        stack, tmp_path, AGENT_NAME=line.agent_name, SIP_TRUNK_ID=line.outbound_trunk
    )
    try:
        with diagnosed(worker):
            async with conference(
                stack,
                lk,
                tmp_path,
                line.number,
                caller_steps,
                callee_steps,
                CALLEE_PORT,
                worker.call_logs,
            ) as call:
                held["call"] = call
                # The caller keys Dana's number and presses 1: the callee answers.
                await until(lambda: records(call, "status", 0, status="active"), 240, "a leg")
                [leg] = {r["identity"] for r in records(call, "status", 0, status="active")}
                await call.quiet()

                # 1. Said to the host: the list, to the room, as a reply to that leg.
                asked = time.time()
                await call.callee.cue()
                await until(
                    lambda: records(call, "participant_reply", asked, identity=leg), 90, "a reply"
                )
                await call.quiet()
                [reply] = records(call, "participant_reply", asked, identity=leg)
                assert reply["tools"] == ["list_participants"] and reply["said"], reply
                entry = render(
                    host.participant,
                    who=render(words.asker_entry, speaker=DANA_SPOKEN),
                    status=host.status.active,
                )
                listed = render(
                    host.participants,
                    list="; ".join([render(words.caller_entry, caller_name="Ada"), entry]),
                )
                assert listed in call.said_since(asked), call.said_since(asked)
                at = call.when_said(listed)
                assert at is not None and sound_before(call.callee, call.capture, at), "not heard"

                # 2. Talk between the phones: heard, never answered, no tool.
                talk = time.time()
                await call.callee.cue()
                turns = await all_heard(call, talk)
                assert not [t for t in turns if t["addressed"]], turns
                assert records(call, "participant_reply", talk) == []
                assert call.said_since(talk) == []

                # 2b. The caller's small talk with the callee, with no name: never answered.
                aside, states = time.time(), len(call.agent_state)
                caller_talks.set()
                await until(
                    lambda: len(records(call, "caller_aside", aside)) >= len(CALLER_SMALL_TALK),
                    90,
                    "the caller's asides",
                )
                await asyncio.sleep(ASIDE_WAIT)  # a reply to the last would have begun by now
                assert call.said_since(aside) == [], call.said_since(aside)
                assert "speaking" not in call.agent_state[states:], call.agent_state[states:]
                assert [r for r in call.log(aside) if r["event"] in ACTS] == []

                # 3. An "add" from the callee is put to the caller.
                adding = time.time()
                await call.callee.cue()
                await until(
                    lambda: records(call, "read_back", adding, purpose="add"), 90, "a read-back"
                )
                await call.quiet()
                [reply] = records(call, "participant_reply", adding, identity=leg)
                assert reply["tools"] == ["look_up_contact"], reply
                question = render(
                    words.read_back,
                    caller_name="Ada",
                    speaker=DANA_SPOKEN,
                    who="Fox Mulder from Support at +1 415-555-0144",
                )
                assert question in call.said_since(adding), call.said_since(adding)

                # 4. The callee's own yes dials nothing.
                callee_said_yes = time.time()
                await call.callee.cue()
                await all_heard(call, callee_said_yes)
                await call.quiet()
                assert records(call, "dial", callee_said_yes) == []
                assert call.invites_for(MULDER) == 0

                # 5. The caller's yes rings Mulder.
                callers_turn.set()
                await until(lambda: call.invites_for(MULDER) > 0, 60, "Mulder's INVITE")
                assert len(records(call, "dial", callee_said_yes)) == 1
                done.set()
                phone = await asyncio.wait_for(call.phone, 120)
            assert phone.status == 0, phone.sipp.messages()[-3000:]
    finally:
        await worker.stop()
        (tmp_path / "worker.log").write_text(worker.output)
