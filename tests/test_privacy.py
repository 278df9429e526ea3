"""No full phone number in any byte a call writes, with LOG_PHONE_NUMBERS=masked: the worker
log (livekit-agents' production JSON formatter, with the redaction `workflows.main` installs),
the call log file and its name, and the text console's output and log file. Every number used
in a call takes a different path and a different spelling (refusals, tool errors, backend error
details, tracebacks, stack dumps, transcripts, tool arguments, handoff reasons, dict and list
log fields; `_ , . /`, dashes, no-break and zero-width spaces, digit words), and every byte is
scanned with a normalising matcher (tests/support/leaks.py). The redaction's rules one by one:
test_privacy_redaction.py."""

from __future__ import annotations

import io
import logging
import re
import subprocess
from dataclasses import replace

import pytest
from livekit.agents.cli.log import JsonFormatter

from agents.receptionist import Receptionist
from tests.support.console_driver import CONSOLE, ROOT, console_env
from tests.support.harness import TEST_SETTINGS, files, running_call
from tests.support.leaks import leaks, readable, written_bytes
from tests.support.scripted_llm import call, feature_model, relay_tool_output, until
from workflows.call.phone import mask, show_full_numbers
from workflows.call.redaction import RedactNumbers
from workflows.lifecycle.setup import new_call
from workflows.telephony.protocol import DialFailed, DialRequest, TelephonyError
from workflows.telephony.simulated import SimulatedTelephony

CALLER = "+14155550111"  # the caller's own number: the room is named after it, as SIP names it
ROOM = f"call-_{CALLER}_Xy9ZpQ"
HANDOFF = "+14155550170"  # in the handoff reason, as digit words
JOINS = "+14155550132"  # dialled, answers; the backend's mute error quotes it
BUSY = "+14155550186"  # dialled, busy (the backend's error quotes the number)
TRANSFER = "+14155550180"  # transfer target, the transfer fails
PREMIUM = "+19005550100"  # refused by the dial policy
UNREADABLE = "+12125550147"  # given with words around it: refused as not a number
DICT_FIELD = "+14155550171"  # a careless log line's dict field
LIST_FIELD = "+14155550172"  # ... and its list field, one group per item
STACK = "+14155550173"  # in the source line a stack dump shows
# What the caller says for numbers nobody dials: each a tool error that repeats it.
SAID = {
    "+14155550163": "add four one five five five five zero one six three",  # the recognizer
    "+14155550155": "add four one five double five five oh one five five",
    "+14155550166": "add four one five 555 0166",
    "+14155550177": "mute 415,555,0177",  # "I don't see 415,555,0177 on the call."
    "+14155550178": "remove 415_555_0178",
    "+14155550161": "mute 415\u2013555\u20130161",  # en dash
    "+14155550162": "remove 415\u2014555\u20140162",  # em dash
    "+14155550164": "mute 415\u00a0555\u00a00164",  # no-break space
    "+14155550165": "remove 415\u200b555\u200b0165",  # zero-width space
}
NUMBERS = [CALLER, HANDOFF, JOINS, BUSY, TRANSFER, PREMIUM, UNREADABLE, DICT_FIELD, LIST_FIELD]
NUMBERS += [STACK, *SAID]
log = logging.getLogger("tests.privacy")


def test_the_matcher_finds_every_spelling():
    assert leaks("call-_+15105550123_x", ["+15105550123"]) == ["+15105550123"]
    for number, line in SAID.items():
        assert leaks(line, [number]) == [number], line
    assert leaks('{"parts": ["415", "555", "0172"]}', [LIST_FIELD]) == [LIST_FIELD]
    assert leaks(readable('{"m": "415\\u00a0555\\u00a00164"}'), ["+14155550164"])
    assert leaks(f"{mask(JOINS)} 415-555-01**", NUMBERS) == []


def test_the_matcher_skips_the_clock_stamps_only():
    """A log line's time stamp is no number said: 05:55:01.004 and the epoch 1796555010.012
    spell 555-0100's last seven digits. The same digits anywhere else still leak."""
    stamps = '{"timestamp": "2026-12-07T05:55:01.004000+00:00"}\n{"ts": 1796555010.012}'
    assert leaks(stamps, [PREMIUM]) == []
    assert leaks('{"message": "05:55:01.004", "at": 1796555010.012}', [PREMIUM]) == [PREMIUM]


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


def model(ctx):
    if (out := relay_tool_output(ctx)) is not None:
        return out
    if (ctx.items[-1].text_content or "").startswith("I'm Ada"):
        reason = "a call with four one five five five five zero one seven zero"  # HANDOFF
        return [call("transfer_to_conference_host", caller_name="Ada", reason=reason)]
    return feature_model(ctx)


def _log_with_stack(number: str) -> None:
    log.warning("dial attempt", stack_info=True)  # the stack shows the caller's source line


async def a_whole_call(tmp_path) -> None:
    settings = replace(
        TEST_SETTINGS, call_log_dir=tmp_path, sim_ring_delay=0.01, sim_answer_delay=0.01
    )
    state = new_call(
        settings,
        files(),
        ROOM,
        make_telephony=lambda sink: ChattyTelephony(
            status_sink=sink, ring_delay=0.01, answer_delay=0.01
        ),
    )
    state.caller.identity, state.caller.phone_number = "caller", CALLER
    log.info("caller is %s", CALLER)  # careless log lines
    log.info("legs", extra={"legs": [{"number": "415 555 0171"}], "parts": ["415", "555", "0172"]})
    _log_with_stack("+1 415 555 0173")
    async with running_call(model, state=state, agent=Receptionist(state.prompts)) as c:
        say = c.session.run
        await say(user_input="I'm Ada")
        await say(user_input="add +1 (900) 555-0100")  # refused: premium rate
        await say(user_input="add please dial 212 555 0147 now")  # refused: not a number
        for line in SAID.values():
            await say(user_input=line)
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


async def test_a_whole_call_writes_no_number_in_any_form_to_any_byte(json_log, tmp_path):
    await a_whole_call(tmp_path)

    worker_log = readable(json_log.getvalue())
    written = written_bytes(tmp_path)  # the call log: its name and its text
    # The call really went down every path: each of these carried a full number.
    assert "lk.pii.error" in worker_log and "Traceback" in worker_log
    assert "stack_info" in worker_log and '"parts"' in worker_log
    for event in ("transfer", "policy_refusal", "handoff", "tool_error"):
        assert f'"event": "{event}"' in written
    assert written.count('"event": "tool_error"') >= len(SAID)
    assert "failure" in written and mask(BUSY) in written
    assert leaks(worker_log, NUMBERS) == []
    assert leaks(written, NUMBERS) == []


async def test_with_masking_off_the_same_call_writes_every_number(json_log, tmp_path):
    """The scan above is not blind: the same bytes, unmasked, hold every number."""
    show_full_numbers(True)
    try:
        await a_whole_call(tmp_path)
    finally:
        show_full_numbers(False)
    found = leaks(readable(json_log.getvalue()) + written_bytes(tmp_path), NUMBERS)
    assert sorted(found) == sorted(NUMBERS)
    assert leaks(str(list(tmp_path.iterdir())), NUMBERS) == [CALLER]  # the file name


@pytest.mark.slow  # a real process
def test_the_text_console_writes_no_number_outside_the_conversation(tmp_path):
    """`make run` with every log line shown (--verbose, LOG_LEVEL=DEBUG): only the lines of the
    conversation itself (the agent's read-back, the caller's own words) may hold a number."""
    lines = ["I'm Ada and I need a conference call", *SAID.values(), "add 415 555 0132", "yes"]
    typed = "\n".join([*lines, "who is on the call?", "bye"]) + "\n"
    env = console_env(CALL_LOG_DIR=str(tmp_path / "logs"), LOG_LEVEL="DEBUG")
    result = subprocess.run(
        [*CONSOLE, "--verbose"],
        input=typed,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    conversation = re.compile(r"^\s*(?:Agent|You): ", re.MULTILINE)
    said = [line for line in result.stdout.splitlines() if conversation.match(line)]
    assert any(leaks(line, [JOINS]) for line in said)  # the read-back, as the caller hears it
    shown = "\n".join(
        line
        for line in (result.stdout + result.stderr).splitlines()
        if not conversation.match(line)
    )
    assert "DEBUG" in shown and "handed over" in shown  # the log really was shown
    numbers = [JOINS, *SAID]
    assert leaks(shown, numbers) == []
    assert leaks(written_bytes(tmp_path / "logs"), numbers) == []
