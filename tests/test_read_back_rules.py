"""The read-back tools' own rules (tools/read_back.py), whatever model drives them: what the
call log keeps of each read-back and refusal, how two read-backs in one turn end, and what a
read-back said again after a reply that was not a clear yes still carries (its turn, its
extension, its words)."""

from __future__ import annotations

from prompts.schema import render
from tests.support.harness import prompts
from tests.support.host_calls import FAST_RINGING, errors, host_state, messages, start
from tests.support.scripted_llm import call, feature_model, until
from workflows.call.phone import NO_NUMBER

HOST = prompts().host
A, B = "+1 415 555 0142", "+1 415 555 0143"
SAID_A, SAID_B = "+1 415-555-0142", "+1 415-555-0143"
MASKED_A, MASKED_B = "+1********42", "+1********43"
READ_BACK_A = render(HOST.read_back, who=SAID_A)
AGAIN_A = f"{HOST.not_confirmed} {READ_BACK_A}"


def _records(state, event: str) -> list[dict]:
    return [
        {k: v for k, v in r.items() if k not in ("event", "t", "at", "ts")}
        for r in state.log.records
        if r["event"] == event
    ]


def _refusals(state) -> list[tuple[str, str]]:
    return [(r["rule"], r["number"]) for r in state.log.records if r["event"] == "policy_refusal"]


def _eager(ctx):
    """Reads back on "add …" / "transfer …"; on "hmm" dials what it read back (too early)."""
    line = ctx.items[-1].text_content or ""
    if line == "hmm":
        return [call("add_sip_participant", phone_number=A)]
    if line == "hmm twice":
        return [call("add_sip_participant", phone_number=A) for _ in range(2)]
    return feature_model(ctx)


async def test_each_read_back_is_logged_with_its_purpose_and_masked_number():
    state = host_state(**FAST_RINGING)
    async with start(state, feature_model) as c:
        await c.session.run(user_input=f"add {A}")
        await c.session.run(user_input="hmm")
        await c.session.run(user_input=f"transfer {B}")
    logged = _records(state, "read_back")
    assert [(r["purpose"], r["target"]) for r in logged] == [
        ("add", MASKED_A),
        ("transfer", MASKED_B),
    ]
    replaced = _records(state, "read_back_replaced")
    assert [(r["purpose"], r["target"]) for r in replaced] == [("add", MASKED_A)]


async def test_dialling_what_was_never_read_back_is_logged_with_the_masked_number():
    state = host_state(**FAST_RINGING)

    def model(ctx):
        if ctx.items[-1].text_content == "transfer":
            return [call("transfer_call")]
        return [call("add_sip_participant", phone_number=A)]

    async with start(state, model) as c:
        await c.session.run(user_input="dial it")
        await c.session.run(user_input="transfer")
    assert _refusals(state) == [("nothing_read_back", MASKED_A), ("nothing_read_back", NO_NUMBER)]


async def test_a_reply_that_is_not_a_yes_is_logged_with_its_reason_and_masked_number():
    state = host_state(**FAST_RINGING)
    async with start(state, _eager) as c:
        await c.session.run(user_input=f"add {A}")
        await c.session.run(user_input="hmm")
    assert _refusals(state) == [("not_a_clear_yes", MASKED_A)]


async def test_two_read_backs_in_one_turn_are_refused_once_then_forgotten():
    state = host_state(**FAST_RINGING)

    def model(ctx):
        line = ctx.items[-1].text_content or ""
        if line == "add both":
            return [
                call("read_back_number", phone_number=A),
                call("read_back_number", phone_number=B),
            ]
        if line == "yes":
            return [call("add_sip_participant", phone_number=B)]
        return feature_model(ctx)

    async with start(state, model) as c:
        await c.session.run(user_input="add both")
        assert _refusals(state) == [("two_read_backs", MASKED_B)]
        result = await c.session.run(user_input="yes")
        assert errors(result) == [HOST.two_read_backs]  # neither is dialled, nor read again
        assert AGAIN_A not in messages(result) and state.read_back is None
        result = await c.session.run(user_input="yes")
        assert errors(result) == [render(HOST.confirm_first, who=SAID_B)]
        result = await c.session.run(user_input=f"add {A}")  # a new read-back starts afresh
        assert messages(result) == [READ_BACK_A]
    assert state.telephony.dialled == []
    assert _refusals(state)[1] == ("two_read_backs", MASKED_B)


async def test_a_read_back_said_again_belongs_to_the_turn_that_said_it():
    """Acting twice in the turn that read it again: asked once, then told to wait."""
    state = host_state(**FAST_RINGING)
    async with start(state, _eager) as c:
        await c.session.run(user_input=f"add {A}")
        result = await c.session.run(user_input="hmm twice")
    assert messages(result).count(AGAIN_A) == 1
    assert errors(result) == [HOST.wait_for_answer]
    assert state.telephony.dialled == []


async def test_a_read_back_said_again_keeps_its_words_and_extension():
    state = host_state(**FAST_RINGING)
    with_extension = render(HOST.with_extension, who=SAID_A, extension="2 0 4")
    read_back = render(HOST.read_back, who=with_extension)
    async with start(state, _eager) as c:
        await c.session.run(user_input=f"add {A} ext 204")
        for _ in range(2):  # said again, and again: the same read-back each time
            result = await c.session.run(user_input="hmm")
            assert messages(result) == [f"{HOST.not_confirmed} {read_back}"]
        await c.session.run(user_input="yes")
        await until(lambda: state.telephony.dialled)
    [request] = state.telephony.dialled
    assert (request.phone_number, request.dtmf) == ("+14155550142", "w204")
