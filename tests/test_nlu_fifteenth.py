"""The fifteenth round (issue 22), one rule a test: what the eighth tester's calls found.
The last name given in a line wins; "my surname is ..." corrects the caller's surname while a
read-back waits; a name given to a leg by its order or last digits names that leg; "could you
tell 'em first?" turns a transfer warm; "not a transfer, just add him" reads back an add; a
person asked about at the receptionist is the need; questions about the host are answered
(regions from the dial policy); short answers; "yeah Kev dial it" keeps the read-back. Expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest
from livekit.agents import llm

from agents.receptionist import Receptionist
from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts, running_call, simulated_call
from workflows.call.dial_policy import DialPolicy, spoken_regions
from workflows.call.files import CallFiles
from workflows.call.settings import Settings
from workflows.rehearsal.about_host import about_host
from workflows.rehearsal.nlu import understand
from workflows.worker.pipeline import build_llm

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_TWO_ON = ("add Fox Mulder", "yes", "add 415 555 0136", "yes")


def _said(heard) -> str:
    return "\n".join(heard.lines)


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ------------------------------------------------- 1. names corrected or given by reference
def test_the_last_name_given_in_the_line_is_the_callers():
    assert understand("hi it's Bazza. Well, Barry Thompson").name == "Barry Thompson"


def test_a_line_with_one_name_keeps_it_when_a_sentence_follows_with_well():
    assert understand("hi it's Sam. Well, I need a conference call").name == "Sam"


async def test_my_surname_is_corrects_the_callers_last_name_and_reads_the_read_back_again():
    heard = await play_lines(
        "receptionist",
        "Hi, I'm Tom Reed, I need a conference call",
        "add 917 555 0134",
        "Yes. Oh, and actually my surname's Reid, for the record",
    )
    assert heard[2].calls == [
        ("correct_caller_name", {"name": "Tom Reid"}),
        ("read_back_number", {"phone_number": "9175550134", "purpose": "add"}),
    ]
    assert _OFFLINE.wrong_number not in _said(heard[2])


async def test_a_leg_named_by_its_order_is_that_leg_not_a_directory_lookup():
    heard = await play_lines("host", *_TWO_ON, "that second one, that's Aoife. call her Aoife?")
    assert heard[4].calls == [("name_participant", {"who": "+1 415-555-0136", "name": "Aoife"})]


async def test_a_leg_named_by_its_last_digits_is_that_leg():
    heard = await play_lines(
        "host", "add 415 555 0136", "yes", "add Fox Mulder", "yes", "the 0136 one, she's Aoife"
    )
    assert heard[4].calls == [("name_participant", {"who": "+1 415-555-0136", "name": "Aoife"})]


# ------------------------------------------------- 2. a cold transfer read-back turned warm
@pytest.mark.parametrize(
    "line",
    [
        "could you tell 'em first?",
        "will they know what it's about?",
        "do I have to explain it all again?",
    ],
)
async def test_tell_them_first_reads_back_the_warm_transfer_of_the_same_person(line):
    heard = await play_lines("host", "transfer me to Fox Mulder", line)
    assert heard[1].calls == [
        ("look_up_contact", {"name": "Fox Mulder", "purpose": "warm_transfer"})
    ]


# ------------------------------------------------- 3. not a transfer, just add him
async def test_not_a_transfer_just_add_them_here_reads_back_an_add_of_the_same_contact():
    heard = await play_lines(
        "host", "connect me to support", "no, don't transfer me, just add them here, I'll stay on"
    )
    assert heard[1].calls == [("look_up_contact", {"name": "support", "purpose": "add"})]


async def test_add_him_to_this_call_wins_over_a_question_about_staying_on():
    heard = await play_lines(
        "host", "transfer me to Fox Mulder", "nope, just add him in here, I stay on the line"
    )
    assert heard[1].calls == [("look_up_contact", {"name": "Fox Mulder", "purpose": "add"})]


# ------------------------------------------------- 4. a person asked about is the need
async def test_a_person_asked_about_then_him_is_offered_after_the_handover():
    heard = await play_lines(
        "receptionist", "Hi, I'm Sam Jones. is Fox Mulder around today?", "I need to speak with him"
    )
    assert ("look_up_contact", {"name": "Fox Mulder", "purpose": "transfer"}) in heard[1].calls


# ------------------------------------------------- 5. questions about what the host can do
def test_the_regions_answer_is_rendered_from_the_dial_policy():
    regions = spoken_regions(DialPolicy(allowed_regions=["US", "CA"]), "US")
    said = about_host(llm.ChatContext(), understand("would a UK number work?"), _PROMPTS, regions)
    assert said == [render(_OFFLINE.answers.dial_regions, regions=regions)]
    assert "Canada" in regions


async def test_can_you_dial_abroad_is_answered_and_the_read_back_read_again():
    heard = await play_lines("host", "add Fox Mulder", "can you dial people from outside the US?")
    assert heard[1].lines[0] == render(_OFFLINE.answers.dial_regions, regions="the United States")
    assert heard[1].calls == [("look_up_contact", {"name": "Fox Mulder", "purpose": "add"})]


async def test_are_you_a_bot_is_answered():
    heard = await play_lines("host", "are you a real person or a bot?")
    assert heard[0].lines == [_OFFLINE.answers.automated]


# ------------------------------------------------- 6. short answers
async def test_how_long_says_the_call_length_only():
    heard = await play_lines("host", "how long have we been going?")
    assert heard[0].lines == [_OFFLINE.answers.call_length_short]


@pytest.mark.parametrize(
    ("line", "rule"), [("who all have joined", "joined"), ("who all's on", "on")]
)
async def test_who_all_is_the_list(line, rule):
    heard = await play_lines("host", "add Fox Mulder", "yes", line)
    assert _tools(heard[2]) == ["list_participants"]


async def test_is_x_still_on_and_who_else_is_one_list():
    heard = await play_lines("host", *_TWO_ON, "is Fox Mulder still on? And who else?")
    assert _tools(heard[4]) == ["list_participants"]
    assert len(heard[4].lines) == 1 and "0136" in heard[4].lines[0]


# ------------------------------------------------- 7. a refused yes keeps the read-back
async def test_yeah_another_name_dial_it_reads_the_read_back_again():
    heard = await play_lines("host", "add Fox Mulder", "yeah Kev dial it")
    assert heard[1].calls == [("look_up_contact", {"name": "Fox Mulder", "purpose": "add"})]
    assert _OFFLINE.ask_number not in _said(heard[1])


async def test_a_question_about_the_host_at_the_receptionist_is_answered_then_the_name_asked():
    heard = await play_lines("receptionist", "quick question first, are you a bot?")
    assert heard[0].lines == [f"{_OFFLINE.answers.automated} {_OFFLINE.ask_name}"]


async def test_him_in_the_need_is_the_person_asked_about_in_the_reason_kept():
    heard = await play_lines(
        "receptionist", "Jens Bauer here. Is Fox Mulder around today?", "I need to speak with him"
    )
    handover = dict(heard[1].calls)["transfer_to_conference_host"]
    assert handover["reason"] == "speaking with Fox Mulder"


async def test_the_callers_own_name_is_not_the_person_asked_about():
    heard = await play_lines(
        "receptionist", "Hi, this is Sam on the line", "I need to speak with her, Dana"
    )
    handover = dict(heard[1].calls)["transfer_to_conference_host"]
    assert "Sam" not in handover["reason"]


async def test_the_worker_gives_the_offline_model_the_regions_of_the_policy_file_it_loaded():
    state = simulated_call()
    policy = DialPolicy(allowed_regions=["US", "CA"])
    model = build_llm(
        Settings.from_env({}, mode="console"), CallFiles(state.prompts, policy, state.directory)
    )
    async with running_call(model, state=state, agent=Receptionist(state.prompts)) as call:
        result = await call.session.run(user_input="are Canadian numbers ok for you?")
    said = [e.item.text_content for e in result.events if e.type == "message"]
    regions = spoken_regions(policy, "US")
    assert said == [f"{render(_OFFLINE.answers.dial_regions, regions=regions)} {_OFFLINE.ask_name}"]


def test_a_person_named_after_actually_is_no_new_name_for_the_caller():
    assert understand("I'm Ada. Actually, Dana Scully should join too").name == "Ada"


async def test_a_request_on_a_leg_named_by_order_is_that_request_not_a_name():
    heard = await play_lines("host", *_TWO_ON, "mute the second one, she's Aoife")
    assert _tools(heard[4]) == ["mute_participant"]
