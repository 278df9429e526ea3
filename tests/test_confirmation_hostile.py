"""The confirmation rule against hostile models (reused call ids, a second question, two
read-backs, a yes in the same turn), what a read-back names, and the dial limits that count
transfers too."""

import json
import re
from dataclasses import replace

import pytest
from livekit.agents import llm

from prompts.schema import render
from tests.support.host_calls import host_state, messages, start
from tests.support.scripted_llm import call, scripted, until
from workflows.call.dial_policy import DialPolicy
from workflows.rehearsal.model import OfflineDialogLLM

NUMBER, SPOKEN, E164 = "+1 415 555 0161", "+1 415-555-0161", "+14155550161"


# ------------------------------------------------------------- hostile models


async def test_a_reused_call_id_cannot_carry_an_old_yes_to_a_new_number():
    def same_id(name, **args):
        return llm.FunctionToolCall(name=name, arguments=json.dumps(args), call_id="call_1")

    state = host_state()
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
    state = host_state()
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
    state = host_state()
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
    state = host_state()
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
    state = host_state()
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


async def test_a_yes_to_adding_someone_never_transfers_the_caller_to_them():
    state = host_state()
    model = scripted(
        {
            f"add {NUMBER}": [call("read_back_number", phone_number=NUMBER)],
            "yes": [call("transfer_call")],
        }
    )
    async with start(state, model) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        result = await c.session.run(user_input="yes")
        result.expect.contains_function_call_output(
            output=render(state.prompts.host.transfer.confirm_first, who="the destination"),
            is_error=True,
        )
    assert state.telephony.transfers == []


# ------------------------------------------------------------- what the read-back names


async def test_a_directory_extension_is_read_back_with_the_contact():
    state = host_state()
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
    state = host_state()
    model = scripted({"go": [call("read_back_number", phone_number=NUMBER, purpose=purpose)]})
    async with start(state, model) as c:
        result = await c.session.run(user_input="go")
    assert messages(result) == [render(getattr(state.prompts.host.transfer, key), who=SPOKEN)]


# ------------------------------------------------------------- limits count transfers


async def test_cold_transfers_count_toward_the_dial_limit_and_cool_down():
    state = host_state()
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
        phrase = render(state.prompts.host.refused.cooldown, who="+1 415-555-0186", seconds="@")
        left = re.fullmatch(re.escape(phrase).replace("@", r"(\d+)"), refusal)
        assert left, refusal  # the whole phrase, naming the number
        assert 25 <= int(left[1]) <= 30  # the seconds left of 30, moments after the failure
        state.transfers.append(replace(state.transfers[0]))  # a second transfer attempt
        limit = await c.session.run(user_input="add")
        limit.expect.contains_function_call_output(
            output=render(state.prompts.host.refused.max_dials_per_call, limit=2), is_error=True
        )
    assert state.telephony.dialled == []


async def test_after_the_dial_limit_a_yes_is_not_answered_with_a_request_for_a_number():
    state = host_state()
    state.policy = DialPolicy(max_dials_per_call=1)
    async with start(state, OfflineDialogLLM(state.prompts, state.directory)) as c:
        await c.session.run(user_input="add +1 415 555 0100")
        await c.session.run(user_input="yes")
        joined = render(state.prompts.host.joined, who="+1 415-555-0100")
        await until(lambda: joined in state.announcements)  # its news is said before the next turn
        await c.session.run(user_input="add +1 415 555 0101")
        result = await c.session.run(user_input="yes")
    assert state.prompts.offline.ask_number not in messages(result)
    assert messages(result) == [state.prompts.offline.anything_else]
