"""The sixteenth round (issue 22), one rule a test: what the ninth tester's calls found.
A title before a name is not the name looked up, given to a leg or acted on, while the
caller's own name keeps the title they gave; "<name>. <verb> him" acts on the person just
named, also when the line opens by calling them ("Fox? drop him"); "hang up on everyone" ends
the call for everyone, never a removal."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.addressing import said_to_another
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.text import without_titles

_OFFLINE = prompts().offline
_TWO_ON = ("add Fox Mulder", "yes", "add the support desk", "yes")


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ------------------------------------------------- 1. titles before names
@pytest.mark.parametrize(
    ("line", "name"),
    [("add Ms. Reyes", "Reyes"), ("Dr. Scully please", "Scully"), ("add Prof Mulder", "Mulder")],
)
async def test_a_title_is_not_the_name_looked_up(line, name):
    heard = await play_lines("host", line)
    assert heard[0].calls == [("look_up_contact", {"name": name, "purpose": "add"})]


def test_the_callers_own_name_keeps_its_title_while_the_person_asked_for_has_none():
    said = understand("hi, it's Professor Anand Krishnamurthy, add Dr. Scully please")
    assert (said.name, said.target) == ("Professor Anand Krishnamurthy", "Scully")


def test_a_title_before_a_leg_is_not_part_of_whom_the_request_spares():
    assert understand("mute everyone except Mr. Hendricks").target == "everyone except Hendricks"


async def test_a_title_is_not_the_name_given_to_a_leg():
    heard = await play_lines("host", "add 415 555 0192", "yes", "his name is Mr. Hartley")
    assert heard[2].calls == [("name_participant", {"who": "+1 415-555-0192", "name": "Hartley"})]


async def test_a_title_is_not_the_name_given_with_a_number():
    heard = await play_lines("host", "Mr. Hendricks is at 415 555 0192, could you add him?", "yes")
    assert ("name_participant", {"who": "4155550192", "name": "Hendricks"}) in heard[1].calls


def test_miss_as_a_verb_is_no_title():
    assert without_titles("I miss Dana already") == "I miss Dana already"
    assert understand("add Miss Reyes").target == "Reyes"


# ------------------------------------------------- 2. a name, then a verb with a pronoun
@pytest.mark.parametrize(
    ("line", "tool", "who"),
    [
        ("the support desk. remove it", "remove_participant", "Support desk"),
        ("Mulder. kick him off", "remove_participant", "Fox Mulder"),
    ],
)
async def test_a_pronoun_after_a_name_in_the_line_is_that_person(line, tool, who):
    heard = await play_lines("host", *_TWO_ON, line)
    assert heard[4].calls[0][0] == tool and heard[4].calls[0][1]["who"] == who


def test_a_sentence_that_names_nobody_gives_the_pronoun_no_name():
    assert understand("ok. mute her").target is None
    assert understand("she's loud. mute her").target is None


async def test_a_line_that_calls_someone_then_asks_to_drop_them_is_for_the_host():
    heard = await play_lines("host", *_TWO_ON, "Fox? drop him")
    assert heard[4].calls == [("remove_participant", {"who": "Fox Mulder"})]


def test_calling_someone_by_name_with_a_question_for_them_stays_an_aside():
    assert said_to_another("Fox, can you hear me?", ["Fox Mulder"], ["Ava"])
    assert not said_to_another("Fox, mute him", ["Fox Mulder"], ["Ava"])


# ------------------------------------------------- 4. ending for everyone
@pytest.mark.parametrize("line", ["hang up on everyone, cheers", "cut off all of us"])
async def test_hang_up_on_everyone_ends_the_call_and_removes_no_one(line):
    heard = await play_lines("host", *_TWO_ON, line)
    assert _tools(heard[4]) == ["end_call"]


# ------------------------------------------------- 7. a question after a name
async def test_a_question_about_what_the_host_can_do_is_answered_and_the_name_taken():
    heard = await play_lines("receptionist", "It's Priya. Can you do transfers?")
    asked = render(_OFFLINE.ask_reason, name="Priya")
    assert heard[0].lines == [f"{_OFFLINE.answers.capabilities} {asked}"]


async def test_but_can_you_after_a_name_answers_the_question_asked_before():
    heard = await play_lines(
        "receptionist", "can you transfer calls to other numbers?", "Klaus Becker. But can you?"
    )
    asked = render(_OFFLINE.ask_reason, name="Klaus Becker")
    assert heard[1].lines == [f"{_OFFLINE.answers.capabilities} {asked}"]


async def test_a_question_about_what_the_host_can_do_is_no_need_to_hand_over():
    heard = await play_lines("receptionist", "can you transfer calls?", "Klaus Becker")
    assert heard[1].calls == []


async def test_a_name_given_after_an_answered_question_is_taken_as_the_name():
    heard = await play_lines("receptionist", "are you a bot?", "Sam Jones")
    assert heard[1].lines == [render(_OFFLINE.ask_reason, name="Sam Jones")]


# ------------------------------------------------- 8. one answer to "X still with us? anyone else?"
async def test_a_name_still_with_us_without_is_asks_about_them_not_to_add_them():
    heard = await play_lines("host", *_TWO_ON, "Mulder still with us? anyone else on the line?")
    assert _tools(heard[4]) == ["list_participants"]
    assert len(heard[4].lines) == 1 and "Support desk" in heard[4].lines[0]


def test_i_still_there_is_no_question_about_a_person_named_i():
    assert understand("You still there?").asks_about is None


# ------------------------------------------------- 5. the pending action is kept
async def test_last_digits_alone_after_a_declined_transfer_read_back_are_still_a_transfer():
    heard = await play_lines(
        "host", "transfer me to 415 555 0123", "no", "then let's stay with the US one, 0132"
    )
    assert heard[2].calls == [
        ("read_back_number", {"phone_number": "4155550132", "purpose": "transfer"})
    ]


async def test_a_number_said_before_after_a_refused_transfer_is_still_a_transfer():
    heard = await play_lines(
        "host",
        "Please transfer me to plus one, four one five, five five five, zero one two three.",
        "Ah, no, not 0123. It is 0132.",
        "No. Transfer me to +49 89 21080 instead.",
        "Then let's stay with the US one, 0132.",
    )
    assert heard[3].calls == [
        ("read_back_number", {"phone_number": "+14155550132", "purpose": "transfer"})
    ]


async def test_a_new_number_with_can_you_transfer_me_there_replaces_the_read_back():
    heard = await play_lines(
        "host",
        "transfer me to 415 555 0132",
        "Actually my colleague is in Munich, +49 89 2108 0 — can you transfer me there?",
    )
    assert heard[1].calls == [
        ("read_back_number", {"phone_number": "+498921080", "purpose": "transfer"})
    ]


# ------------------------------------------------- 3. people described, not named
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("add Dana, the sales one", "Dana Scully"),
        ("transfer me to Dana, the support one", "Dana White"),
        ("add the other Dana, the sales one", "Dana Scully"),
    ],
)
async def test_a_name_with_words_that_single_out_one_contact_looks_that_one_up(line, name):
    heard = await play_lines("host", line)
    assert heard[0].calls[0][1]["name"] == name


async def test_the_other_dana_the_sales_one_is_dana_scully():
    heard = await play_lines(
        "host", "add Dana White", "yes", "chuck the other Dana on too, the sales one"
    )
    assert heard[2].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "add"})]


async def test_a_name_with_no_words_that_single_one_out_is_asked_about():
    heard = await play_lines("host", "add Dana please")
    assert heard[0].calls == [("look_up_contact", {"name": "Dana", "purpose": "add"})]


# ------------------------------------------------- 4. the caller leaves, others are on
@pytest.mark.parametrize("line", ["I'll leave them to it, goodbye", "you lot carry on, I'm off"])
async def test_leaving_the_others_on_the_call_asks_before_ending_for_everyone(line):
    heard = await play_lines("host", "add Fox Mulder", "yes", line)
    assert heard[2].calls == [] and heard[2].lines == [_OFFLINE.answers.leave_or_end]


async def test_leave_them_to_it_with_no_one_else_on_the_call_ends_it():
    heard = await play_lines("host", "I'll leave them to it, goodbye")
    assert _tools(heard[0]) == ["end_call"]


async def test_leave_them_talking_says_honestly_the_caller_alone_cannot_leave():
    heard = await play_lines(
        "host", "add Fox Mulder", "yes", "you lot carry on, I'm off", "leave them talking"
    )
    assert heard[3].calls == [] and heard[3].lines == [_OFFLINE.answers.caller_cannot_leave]


async def test_end_it_for_everyone_after_the_question_ends_the_call():
    heard = await play_lines(
        "host",
        "add Fox Mulder",
        "yes",
        "you lot carry on, I'm off",
        "just end it for everyone, no need to keep it going",
    )
    assert _tools(heard[3]) == ["end_call"]
