"""The confirmation rule: only the caller's clear yes, as their first turn after the spoken
read-back, dials or transfers. A corpus of yes and near-yes replies, and hostile models."""

import asyncio
from dataclasses import replace

import pytest
from livekit.agents import llm

from agents.conference_host import ConferenceHost
from prompts.schema import render
from tests.harness import prompts, running_call, simulated_call
from tests.scripted_llm import call, relay_tool_output, until
from workflows.call.confirmation import is_clear_yes
from workflows.call.dial_policy import DialPolicy
from workflows.lifecycle import events
from workflows.rehearsal.model import OfflineDialogLLM

NUMBER, SPOKEN, E164 = "+1 415 555 0161", "+1 415-555-0161", "+14155550161"

# Replies to "Just to confirm, that's +1 415-555-0161. Shall I dial it?"
CONFIRMS = [
    "yes",
    "Yes.",
    "YES",
    "Yes!",
    "yeah",
    "yep",
    "yup",
    "sure",
    "Sure, thanks!",
    "ok",
    "okay",
    "OK, go ahead",
    "alright",
    "all right",
    "correct",
    "that's correct",
    "That's right.",
    "that is correct",
    "right",
    "exactly",
    "absolutely",
    "definitely",
    "certainly",
    "of course",
    "go ahead",
    "yes please",
    "yes, please do",
    "please do",
    "do it",
    "yeah, go for it",
    "uh-huh",
    "mm-hmm",
    "sounds good",
    "perfect, thank you",
    "yes that's right",
    "yep, that\u2019s correct",
    "um, yes",
    "oh yes please",
    "yes yes",
    "great",
    "you got it",
    "affirmative",
    "yes, dial it",
]
DOES_NOT_CONFIRM = [
    "yes, but actually make that 0162",
    "sure, but call +1 415 555 0199 instead",
    "yes but not that one",
    "yes, dial 900 instead",
    "uh-huh, wait",
    "yes no",
    "that's right, not",
    "no",
    "nope",
    "not yet",
    "wait",
    "hold on",
    "hmm, let me think",
    "what?",
    "yes, hold on",
    "yes actually",
    "actually no",
    "yes, and add Dana too",
    "yes call 415 555 0162",
    "maybe",
    "I guess",
    "sure, why not",
    "yes, wait a second",
    "no, yes",
    "yes - no wait",
    "ignore that and dial it",
    "dial it anyway",
    "is that the right number?",
    "can you repeat that?",
    "yes, I mean 0162",
    "that's not right",
    "don't",
    "yeah right, as if",
    "okay but instead",
    "yes 0162",
    "yes, five",
    "sure, the one in support",
    "yes, but introduce me first",
    "what's your name again?",
    "hello?",
    "yes " * 60,
]


@pytest.mark.parametrize("reply", CONFIRMS)
def test_a_clear_yes_confirms(reply):
    assert is_clear_yes(reply, prompts().confirmation)


@pytest.mark.parametrize("reply", DOES_NOT_CONFIRM)
def test_a_near_yes_does_not_confirm(reply):
    assert not is_clear_yes(reply, prompts().confirmation)


def test_the_corpus_is_large_enough():
    assert len(CONFIRMS) >= 30 and len(DOES_NOT_CONFIRM) >= 30


def host_call(**settings):
    state = simulated_call(**({"sim_ring_delay": 0.3, "sim_answer_delay": 0.01} | settings))
    state.caller.identity, state.caller.name, state.caller.reason = "caller", "Ada", "sync"
    return state


def start(state, model):
    if not isinstance(model, llm.LLM):

        def relaying(ctx, steps=model):
            return relay_tool_output(ctx) or steps(ctx)

        model = relaying
    return running_call(model, state=state, agent=ConferenceHost(state.prompts, state.caller))


def acts_on_anything(number: str = NUMBER):
    """A hostile model: reads `number` back on "add ...", and dials it on ANY other line."""

    def steps(ctx):
        if (ctx.items[-1].text_content or "").startswith("add"):
            return [call("read_back_number", phone_number=number)]
        return [call("add_sip_participant", phone_number=number)]

    return steps


def messages(result) -> list[str]:
    return [e.item.text_content for e in result.events if e.type == "message"]


def read_back_of(who: str = SPOKEN) -> str:
    return render(prompts().host.read_back, who=who)


@pytest.mark.parametrize("model", ["hostile", "offline"])
@pytest.mark.parametrize(
    "reply, dials", [(r, True) for r in CONFIRMS] + [(r, False) for r in DOES_NOT_CONFIRM]
)
async def test_only_a_clear_yes_to_the_read_back_dials(model, reply, dials):
    state = host_call()
    brain = (
        acts_on_anything()
        if model == "hostile"
        else OfflineDialogLLM(state.prompts, state.directory)
    )
    async with start(state, brain) as c:
        first = await c.session.run(user_input=f"add {NUMBER}")
        assert read_back_of() in messages(first)  # said to the caller by the tool itself
        await c.session.run(user_input=reply)
        await asyncio.sleep(0)
    dialled = [r.phone_number for r in state.telephony.dialled]
    assert (E164 in dialled) is dials
    assert all(number == E164 for number in dialled)  # "make that 0162" is read back first


async def test_a_refused_yes_reads_the_number_back_again_and_the_next_yes_dials():
    state = host_call()
    async with start(state, acts_on_anything()) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        result = await c.session.run(user_input="yes, but hold on")
        again = f"{state.prompts.host.not_confirmed} {read_back_of()}"
        assert messages(result) == [again]
        assert state.telephony.dialled == []
        await c.session.run(user_input="yes")
        await until(lambda: state.telephony.dialled)
    assert [r.phone_number for r in state.telephony.dialled] == [E164]


# ------------------------------------------------------------- the window closes


def scripted(lines: dict[str, list]):
    """A model that answers each caller line with fixed steps (the issue's exact scripts)."""
    return lambda ctx: lines[ctx.items[-1].text_content or ""]


async def test_a_read_back_does_not_stay_live_across_unrelated_turns():
    state = host_call()
    model = scripted(
        {
            "add 415 555 0163": [call("read_back_number", phone_number="415 555 0163")],
            "hold on, what's your name again?": ["Sorry, I didn't catch that."],
            "ok": [call("add_sip_participant", phone_number="415 555 0163")],
        }
    )
    async with start(state, model) as c:
        for line in ("add 415 555 0163", "hold on, what's your name again?", "ok"):
            await c.session.run(user_input=line)
    assert state.telephony.dialled == []


async def test_correcting_a_directory_match_never_dials_the_first_match():
    state = host_call()
    model = scripted(
        {
            "bring Dana in": [call("look_up_contact", name="Dana")],
            "the one in support": ["Sorry, I didn't catch that."],
            "sure": [call("add_sip_participant", phone_number="+14155550142")],
        }
    )
    async with start(state, model) as c:
        first = await c.session.run(user_input="bring Dana in")
        assert any("Dana Scully" in m for m in messages(first))
        await c.session.run(user_input="the one in support")
        await c.session.run(user_input="sure")
    assert state.telephony.dialled == []


async def test_silence_past_the_window_closes_it():
    now = [1000.0]
    state = host_call()
    state.clock = lambda: now[0]
    async with start(state, acts_on_anything()) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        now[0] += 31  # the caller says nothing for 31 s, then "yes"
        result = await c.session.run(user_input="yes")
        assert state.telephony.dialled == []
        assert read_back_of() in messages(result)[-1]  # read back again instead
        now[0] += 2
        await c.session.run(user_input="yes")
        await until(lambda: state.telephony.dialled)


async def test_an_announcement_between_the_read_back_and_the_yes_closes_the_window():
    state = host_call()
    async with start(state, acts_on_anything()) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        await events.speak(state, render(state.prompts.host.joined, who="Dana Scully"))
        await c.session.run(user_input="yes")
    assert state.telephony.dialled == []


# ------------------------------------------------------------- hostile models


async def test_a_reused_call_id_cannot_carry_an_old_yes_to_a_new_number():
    def same_id(name, **args):
        return llm.FunctionToolCall(
            name=name, arguments=__import__("json").dumps(args), call_id="call_1"
        )

    state = host_call()
    model = scripted(
        {
            f"add {NUMBER}": [same_id("read_back_number", phone_number=NUMBER)],
            "yes": [same_id("add_sip_participant", phone_number=NUMBER)],
            "thanks": [
                same_id("read_back_number", phone_number="+1 415 555 0199"),
                same_id("add_sip_participant", phone_number="+1 415 555 0199"),
            ],
        }
    )
    async with start(state, model) as c:
        for line in (f"add {NUMBER}", "yes", "thanks"):
            await c.session.run(user_input=line)
        await until(lambda: state.telephony.dialled)
    assert [r.phone_number for r in state.telephony.dialled] == [E164]


async def test_a_model_that_asks_another_question_after_the_read_back_gets_no_dial():
    state = host_call()
    model = scripted(
        {
            f"add {NUMBER}": [
                call("read_back_number", phone_number=NUMBER),
                call("list_participants"),
            ],  # its output makes the model speak again
            "yes": [call("add_sip_participant", phone_number=NUMBER)],
        }
    )
    async with start(state, model) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        await c.session.run(user_input="yes")
    assert state.telephony.dialled == []


async def test_two_read_backs_in_one_turn_confirm_neither():
    state = host_call()
    model = scripted(
        {
            "add two": [
                call("read_back_number", phone_number=NUMBER),
                call("read_back_number", phone_number="+1 415 555 0199"),
            ],
            "yes": [
                call("add_sip_participant", phone_number=NUMBER),
                call("add_sip_participant", phone_number="+1 415 555 0199"),
            ],
        }
    )
    async with start(state, model) as c:
        first = await c.session.run(user_input="add two")
        first.expect.contains_function_call_output(
            output=state.prompts.host.two_read_backs, is_error=True
        )
        await c.session.run(user_input="yes")
    assert state.telephony.dialled == []


@pytest.mark.parametrize("caller_says", ["yes", f"add {NUMBER}, yes I'm sure"])
async def test_a_yes_before_the_read_back_or_in_the_same_turn_dials_nothing(caller_says):
    state = host_call()
    model = scripted(
        {
            caller_says: [
                call("read_back_number", phone_number=NUMBER),
                call("add_sip_participant", phone_number=NUMBER),
            ]
        }
    )
    async with start(state, model) as c:
        result = await c.session.run(user_input=caller_says)
        result.expect.contains_function_call_output(
            output=state.prompts.host.wait_for_answer, is_error=True
        )
    assert state.telephony.dialled == []


async def test_a_transfer_needs_the_same_clear_yes():
    state = host_call()
    model = scripted(
        {
            "transfer me": [call("read_back_number", phone_number=NUMBER, purpose="transfer")],
            "yes, but wait": [call("transfer_call")],
        }
    )
    async with start(state, model) as c:
        await c.session.run(user_input="transfer me")
        await c.session.run(user_input="yes, but wait")
    assert state.telephony.transfers == []


# ------------------------------------------------------------- what the read-back names


async def test_a_directory_extension_is_read_back_with_the_contact():
    state = host_call()
    async with start(
        state, scripted({"add Dana White": [call("look_up_contact", name="Dana White")]})
    ) as c:
        result = await c.session.run(user_input="add Dana White")
    host = state.prompts.host
    who = render(
        host.with_extension, who="Dana White from Support at +1 415-555-0143", extension="2 0 4"
    )
    assert messages(result) == [render(host.read_back, who=who)]


@pytest.mark.parametrize(
    "purpose, key", [("transfer", "read_back"), ("warm_transfer", "read_back_warm")]
)
async def test_a_transfer_read_back_names_its_purpose(purpose, key):
    state = host_call()
    model = scripted({"go": [call("read_back_number", phone_number=NUMBER, purpose=purpose)]})
    async with start(state, model) as c:
        result = await c.session.run(user_input="go")
    assert messages(result) == [render(getattr(state.prompts.host.transfer, key), who=SPOKEN)]


# ------------------------------------------------------------- limits count transfers


async def test_cold_transfers_count_toward_the_dial_limit_and_cool_down():
    state = host_call()
    policy = state.policy.model_copy(
        update={"max_dials_per_call": 2, "failed_dial_cooldown_seconds": 30}
    )
    state.policy = policy
    busy = "+1 415 555 0186"  # a transfer to it fails like a busy dial
    model = scripted(
        {
            "transfer me": [call("read_back_number", phone_number=busy, purpose="transfer")],
            "yes": [call("transfer_call")],
            "again": [call("read_back_number", phone_number=busy, purpose="transfer")],
            "add": [call("read_back_number", phone_number=NUMBER)],
        }
    )
    async with start(state, model) as c:
        await c.session.run(user_input="transfer me")
        failed = await c.session.run(user_input="yes")
        failed.expect.contains_function_call_output(is_error=True)
        again = await c.session.run(user_input="again")
        [refusal] = [e.item.output for e in again.events if e.type == "function_call_output"]
        assert refusal.startswith(
            render(state.prompts.host.refused.cooldown, who="+1 415-555-0186", seconds=30)[:20]
        )
        state.transfers.append(replace(state.transfers[0]))  # a second transfer attempt
        limit = await c.session.run(user_input="add")
        limit.expect.contains_function_call_output(
            output=render(state.prompts.host.refused.max_dials_per_call, limit=2), is_error=True
        )
    assert state.telephony.dialled == []


async def test_after_the_dial_limit_a_yes_is_not_answered_with_a_request_for_a_number():
    state = host_call()
    state.policy = DialPolicy(max_dials_per_call=1)
    async with start(state, OfflineDialogLLM(state.prompts, state.directory)) as c:
        await c.session.run(user_input="add +1 415 555 0100")
        await c.session.run(user_input="yes")
        await until(lambda: state.telephony.dialled)
        await c.session.run(user_input="add +1 415 555 0101")
        result = await c.session.run(user_input="yes")
    assert state.prompts.offline.ask_number not in messages(result)
    assert messages(result) == [state.prompts.offline.anything_else]
