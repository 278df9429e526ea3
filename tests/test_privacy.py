"""No full phone number leaves a call with LOG_PHONE_NUMBERS=masked: not in the worker log
(livekit-agents' production JSON formatter, with the redaction `workflows.main` installs) and
not in the call log file, whatever path a number takes: refusals, tool errors, backend error
details, tracebacks, transcripts and tool arguments."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import re
from dataclasses import replace

import pytest
from livekit.agents.cli.log import JsonFormatter

from agents.conference_host import ConferenceHost
from tests.support.harness import TEST_SETTINGS, files, running_call
from tests.support.scripted_llm import feature_model, until
from workflows.call.phone import mask, redact
from workflows.call.redaction import RedactNumbers, redact_value
from workflows.lifecycle.setup import new_call
from workflows.telephony.protocol import DialFailed, DialRequest, TelephonyError
from workflows.telephony.simulated import SimulatedTelephony

CALLER = "+14155550111"  # the caller's own number, reported by the room
JOINS = "+14155550132"  # dialled, answers
BUSY = "+14155550186"  # dialled, busy (the backend's error quotes the number)
TRANSFER = "+14155550180"  # transfer target, the transfer fails
PREMIUM = "+19005550100"  # refused by the dial policy
UNREADABLE = "+12125550147"  # given with words around it: refused as not a number
NUMBERS = [CALLER, JOINS, BUSY, TRANSFER, PREMIUM, UNREADABLE]


def leaks(text: str) -> list[str]:
    """The numbers whose full digits appear in `text`, however they are written:
    "+14155550100", "14155550100", "4155550100", "(415) 555-0100", "415/555/0100"..."""
    runs = ["".join(re.findall(r"\d", run)) for run in re.findall(r"[\d\s().\-/+]+", text)]
    return [n for n in NUMBERS if any(n[2:] in digits for digits in runs)]


class ChattyTelephony(SimulatedTelephony):
    """Simulated telephony whose failures quote numbers, as SIP providers' errors do."""

    async def dial(self, request: DialRequest):
        try:
            return await super().dial(request)
        except DialFailed as e:
            detail = f"{e.detail} from sip:{request.phone_number}@pstn.example.net"
            raise DialFailed(e.outcome, detail, e.sip_status) from None

    async def transfer(self, identity: str, transfer_to: str) -> None:
        try:
            await super().transfer(identity, transfer_to)
        except DialFailed as e:
            raise DialFailed(e.outcome, f"REFER to {transfer_to} refused: {e.detail}") from None

    async def set_muted(self, identity: str, muted: bool) -> None:
        raise TelephonyError("unavailable", f"mute: no audio track for sip:{JOINS}@pstn")

    async def list_participants(self):
        raise RuntimeError(f"room listing broke on participant sip_{JOINS}")


@pytest.fixture
def json_log():
    """The worker's production log: livekit-agents' JSON formatter on a root handler, with
    the redaction that workflows.main hooks to the worker's start."""
    from workflows.main import server

    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    server.emit("worker_started")  # what the CLI's worker does once logging is set up
    try:
        yield buffer
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
        for h in root.handlers:
            h.filters = [f for f in h.filters if not isinstance(f, RedactNumbers)]


async def test_a_whole_call_writes_no_full_number_to_the_worker_log_or_the_call_log(
    json_log, tmp_path
):
    settings = replace(
        TEST_SETTINGS, call_log_dir=tmp_path, sim_ring_delay=0.01, sim_answer_delay=0.01
    )
    state = new_call(
        settings,
        files(),
        "room-privacy",
        make_telephony=lambda sink: ChattyTelephony(
            status_sink=sink, ring_delay=0.01, answer_delay=0.01
        ),
    )
    state.caller.identity, state.caller.name = "caller", "Ada"
    state.caller.phone_number = CALLER
    logging.getLogger("tests.privacy").info("caller is %s", CALLER)  # a careless log line
    agent = ConferenceHost(state.prompts, state.caller)
    async with running_call(feature_model, state=state, agent=agent) as c:
        say = c.session.run
        await say(user_input="add +1 (900) 555-0100")  # refused: premium rate
        await say(user_input="add please dial 212 555 0147 now")  # refused: not a number
        await say(user_input="add +1 415 555 0132")
        await say(user_input="yes")
        await until(lambda: any(leg.status == "active" for leg in state.legs.values()))
        await say(user_input="add 415/555/0186")
        await say(user_input="yes")
        await until(lambda: any(leg.outcome == "busy" for leg in state.legs.values()))
        await say(user_input="mute 0132")  # backend error quoting the number
        await say(user_input="who?")  # an unexpected exception: a traceback in the log
        await say(user_input="press 1")
        await say(user_input="transfer 415.555.0180")
        await say(user_input="yes")  # the transfer fails; its detail names the number
        await say(user_input="bye")
        await until(lambda: state.log.records[-1]["event"] == "call_end")

    worker_log = json_log.getvalue()
    [call_log] = tmp_path.iterdir()
    written = call_log.read_text()
    # The call really went down every path: each of these carried a full number.
    assert "lk.pii.error" in worker_log and "Traceback" in worker_log
    assert '"event": "transfer"' in written and '"event": "policy_refusal"' in written
    assert "failure" in written and mask(BUSY) in written
    assert leaks(worker_log) == []
    assert leaks(written) == []


@pytest.mark.parametrize(
    "text",
    [
        "+14155550100",
        "+1 415-555-0100",
        "(415) 555-0100",
        "415.555.0100",
        "415/555/0100",
        "tel:+14155550100",
        "sip:+14155550100@pbx.example.com",
        '{"phone_number": "+14155550100"}',
        "call 1-415-555-0100 now",
        "sip_+14155550100_abc",
    ],
)
def test_redact_masks_every_written_form_of_a_number(text):
    assert "4155550100" not in re.sub(r"[\s().\-/]", "", redact(text))


def test_redact_leaves_short_numbers_alone():
    assert redact("3 legs, 12.5 s, room 42, port 7880") == "3 legs, 12.5 s, room 42, port 7880"


def test_redact_value_masks_strings_inside_nested_fields():
    value = {"legs": [{"failure": "486 from +14155550100", "n": 1}], "raw": b"+14155550100"}
    out = redact_value(value)
    assert out["legs"][0]["n"] == 1
    assert leaks(json.dumps(out)) == [] and "4155550100" not in json.dumps(out)


async def test_a_leg_identity_never_looks_like_a_number():
    from tests.support.harness import simulated_call
    from workflows.call.phone import redact
    from workflows.lifecycle.dialing import start_dial

    state = simulated_call()
    for _ in range(200):
        leg = start_dial(state, "+14155550100", "+1 415-555-0100", "")
        assert redact(leg.identity) == leg.identity
        assert not any(c.isdigit() for c in leg.identity)
    for task in list(state.dial_tasks):
        task.cancel()
    await asyncio.gather(*state.dial_tasks, return_exceptions=True)
