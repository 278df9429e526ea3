"""The rehearsal model, thirty-fourth round (issue 22): the host's naming, presence questions and
endings the twenty-second and twenty-third testers met. One rule a test; expected words are
rendered from the prompt files."""

from __future__ import annotations

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.caller import caller_name

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_TWO_ON = ("call 415-555-0121 and 415-555-0162", "yes", "yes")
_DANA_AND_FOX = ("add Dana Scully", "yes", "add Fox Mulder", "yes")


def _calls(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. ending one person is not ending the call
def test_done_with_someone_is_not_the_end_of_the_call():
    assert not understand("ok, we're done with him").ends_call


def test_done_with_the_call_still_ends_it():
    assert understand("we're done with the call").ends_call


async def test_one_let_go_with_done_with_him_beside_is_removed_and_the_call_goes_on():
    heard = await play_lines("host", *_TWO_ON, "OK the 0121 guy can hop off, we're done with him.")
    assert heard[-1].calls == [("remove_participant", {"who": "+1 415-555-0121"})]


def test_remove_nobody_asks_for_no_removal():
    assert understand("Please remove nobody").action is None


async def test_sending_the_host_away_with_others_on_keeps_the_call_and_says_so():
    heard = await play_lines("host", *_TWO_ON, "Perfect, we can take it from here. Thank you, bye.")
    assert heard[-1].calls == [] and heard[-1].lines == [_OFFLINE.answers.host_stays]


async def test_talking_alone_and_hanging_up_oneself_is_the_same_answer():
    heard = await play_lines(
        "host", *_TWO_ON, "Dana and I will talk alone. I will just hang up myself. Auf Wiedersehen"
    )
    assert heard[-1].calls == [] and heard[-1].lines == [_OFFLINE.answers.host_stays]


async def test_taking_it_from_here_with_no_one_else_on_ends_the_call():
    heard = await play_lines("host", "we can take it from here, thanks, goodbye")
    assert _calls(heard[-1]) == ["end_call"]


async def test_taking_it_from_here_then_ending_it_for_everyone_ends_it():
    heard = await play_lines(
        "host", *_TWO_ON, "we can take it from here - actually no, end the call for everyone"
    )
    assert _calls(heard[-1]) == ["end_call"]


async def test_leave_them_to_it_then_no_just_end_it_ends_without_asking_again():
    heard = await play_lines(
        "host", *_TWO_ON, "leave them to it? no actually, just end the call for everyone"
    )
    assert _calls(heard[-1]) == ["end_call"]


def test_end_the_whole_thing_ends_the_call():
    assert understand("just end the whole thing").ends_call


# ----------------------------------------------- 2. naming the people on the call
async def test_a_name_in_passing_beside_the_next_number_is_not_that_number_s():
    heard = await play_lines(
        "host", "call 415-555-0146", "yes",
        "Great. That's Priya by the way. Next, could you add (415) 555-0133?", "Yep, go ahead.",
    )  # fmt: skip
    assert _calls(heard[-1]) == ["add_sip_participant"]


async def test_this_one_is_names_the_leg_dialled_last():
    heard = await play_lines(
        "host", "call 415-555-0146", "yes", "that's Priya", "call 415-555-0133", "yes",
        "No, Priya's the first one. This one is Tom.",
    )  # fmt: skip
    assert heard[-1].calls == [("name_participant", {"who": "+1 415-555-0133", "name": "Tom"})]


async def test_the_first_said_beside_this_one_names_no_other_leg():
    heard = await play_lines(
        "host", "call 415-555-0146", "yes", "that's Priya", "call 415-555-0133", "yes",
        "Priya was the first one. This guy is Lars.",
    )  # fmt: skip
    assert heard[-1].calls == [("name_participant", {"who": "+1 415-555-0133", "name": "Lars"})]


async def test_the_other_is_names_the_leg_the_line_left_unnamed():
    heard = await play_lines(
        "host", "call 415-555-0146", "yes", "call 415-555-0136", "yes",
        "the 0146 one is Ciara and the other is Orla",
    )  # fmt: skip
    assert heard[-1].calls == [
        ("name_participant", {"who": "+1 415-555-0146", "name": "Ciara"}),
        ("name_participant", {"who": "+1 415-555-0136", "name": "Orla"}),
    ]


# ----------------------------------------------- 3. the caller's own name after the handover
def test_a_particle_inside_a_name_is_kept():
    assert caller_name("my name is Niamh Ni Bhriain") == "Niamh Ni Bhriain"


async def test_a_three_word_name_given_anew_is_taken_whole():
    heard = await play_lines(
        "receptionist", "Hi I'm Mary, I need a conference call", "my name is Mary Anne Quinn"
    )
    assert heard[-1].calls == [("correct_caller_name", {"name": "Mary Anne Quinn"})]


async def test_not_just_the_old_name_corrects_it():
    heard = await play_lines(
        "receptionist", "Hi I'm Niamh, I need a conference call",
        "oh btw you've got my name slightly wrong, its Niamh Ni Bhriain, not just Niamh",
    )  # fmt: skip
    assert heard[-1].calls == [("correct_caller_name", {"name": "Niamh Ni Bhriain"})]


async def test_can_you_change_my_name_is_a_request_not_a_question():
    heard = await play_lines(
        "receptionist", "Hi I'm Ellie, I need a conference call",
        "hello? can you change my name to Ellen please",
    )  # fmt: skip
    assert heard[-1].calls == [("correct_caller_name", {"name": "Ellen"})]


async def test_the_name_with_a_letter_it_is_written_with_corrects_it():
    heard = await play_lines(
        "receptionist", "Hi I'm Jon Castellano, I need a conference call",
        "Actually sorry, it's John with an H.",
    )  # fmt: skip
    assert heard[-1].calls == [("correct_caller_name", {"name": "John Castellano"})]


async def test_the_name_already_right_with_a_letter_is_acknowledged():
    heard = await play_lines(
        "receptionist", "Hi I'm Siobhan, I need a conference call",
        "Oh and by the way it's Siobhan with a B",
    )  # fmt: skip
    assert heard[-1].calls == []
    assert heard[-1].lines == [render(_OFFLINE.answers.your_name, name="Siobhan")]


async def test_a_number_beside_the_name_correction_is_read_back_after_it():
    heard = await play_lines(
        "receptionist", "Hi I'm Jon Castellano, I need a conference call",
        "Actually sorry, it's John with an H. And the first engineer is 415 555 0112.", "yes",
    )  # fmt: skip
    assert _calls(heard[-2]) == ["correct_caller_name", "read_back_number"]
    assert _calls(heard[-1]) == ["add_sip_participant"]


# ----------------------------------------------- 4. presence questions
def test_or_what_after_a_question_about_him_keeps_him():
    assert understand("Is he still on or what?").asks_about == "he"


def test_do_you_know_after_a_question_about_someone_keeps_the_question():
    assert understand("Is Dana still with us, do you know?").asks_about == "Dana"


def test_or_he_dropped_after_a_question_about_someone_keeps_the_question():
    assert understand("Is Mulder still connected or he dropped?").asks_about == "Mulder"


def test_who_is_still_on_is_the_whole_list_not_a_person():
    reading = understand("Hello? Who's still on the call?")
    assert reading.asks_about is None and reading.action == "list"


def test_who_do_we_still_have_is_the_whole_list():
    assert understand("Thanks. Who do we still have?").action == "list"


async def test_someone_asked_about_by_an_ending_is_never_the_one_other_person():
    heard = await play_lines(
        "host", "call 415-555-0199", "yes", "add Dana Scully", "yes", "remove the 0199 one",
        "wait is the 0199 guy still on? I didn't hear nothin",
    )  # fmt: skip
    said = " ".join(heard[-1].lines)
    assert "Dana Scully" not in said


async def test_someone_asked_about_by_an_ending_who_left_is_said_to_have_left():
    heard = await play_lines(
        "host", "call 415-555-0199", "yes", "add Dana Scully", "yes", "remove the 0199 one",
        "is the 0199 one still there?",
    )  # fmt: skip
    assert heard[-1].lines == [render(_PROMPTS.host.removed, who="+1 415-555-0199")]


async def test_this_is_a_name_names_the_one_just_joined():
    heard = await play_lines("host", "call 415-555-0123", "yes", "This is Suresh, my colleague.")
    assert heard[-1].calls == [("name_participant", {"who": "+1 415-555-0123", "name": "Suresh"})]


async def test_connect_after_a_naming_is_the_request_acted_on_next():
    heard = await play_lines(
        "host", "call 415-555-0123", "yes",
        "That's Suresh, my colleague. Now also connect the support desk please",
    )  # fmt: skip
    assert _calls(heard[-1]) == ["name_participant", "look_up_contact"]
