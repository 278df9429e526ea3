"""The eighteenth round (issue 22), one rule a test: what the tenth tester's calls found.
A name given to someone already on the call names that leg (by their whole number, their
order or their last digits, "X is N" or "N is X"); a question about a leg by its digits or
"muted right now, or can he hear us?" is that leg's status; "tell them what's going on before
you hand me over" is warm, "directly is fine" / "without introduction" cold; a name taken back
in the same breath, and "Mulder's the guy ..., transfer me to him instead", read back the one
meant; "It's Kevin actually. Kevin Oduya." corrects the caller's name; a shrug before a yes is
no refusal; "what you gonna tell him" is the introduction, whose reason is the problem said;
the receptionist answers "can you dial people in?" and reads "is Dana in support around?" as a
need. Expected words are rendered from the prompt files."""

from __future__ import annotations

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes, says_no
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.presence import asks_about

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_WORDS = _PROMPTS.confirmation


def _said(heard) -> str:
    return "\n".join(heard.lines)


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ------------------------------------------------- 1. naming someone already on the call
async def test_name_is_the_whole_number_of_a_leg_names_that_leg_not_a_new_dial():
    heard = await play_lines("host", "add 415 555 0132", "yes", "Raj is 415 555 0132")
    assert heard[2].calls == [("name_participant", {"who": "+1 415-555-0132", "name": "Raj"})]


async def test_a_number_not_on_the_call_with_a_name_is_still_read_back():
    heard = await play_lines("host", "add 415 555 0132", "yes", "Kayla is 415 555 0146")
    assert _tools(heard[2]) == ["read_back_number"]


async def test_the_first_one_is_carlos_names_the_first_leg_and_mute_carlos_mutes_him():
    heard = await play_lines(
        "host",
        "415 555 0121 and +1 415-555-0135",
        "yes",
        "yes",
        "Cool, the first one is Carlos btw",
        "mute Carlos",
    )
    assert heard[3].calls == [("name_participant", {"who": "+1 415-555-0121", "name": "Carlos"})]
    assert heard[4].calls == [("mute_participant", {"who": "Carlos", "muted": True})]


async def test_the_digits_guy_is_my_colleague_raj_names_that_leg():
    heard = await play_lines(
        "host", "add 415 555 0132", "yes", "the 0132 guy is my colleague Raj by the way"
    )
    assert heard[2].calls == [("name_participant", {"who": "+1 415-555-0132", "name": "Raj"})]


# ------------------------------------------------- 2. a leg by its digits in a question
def test_still_hanging_on_is_a_question_about_that_person():
    assert asks_about("is the 0121 guy still hanging on?") == "the 0121 guy"


def test_muted_right_now_or_can_he_hear_us_is_a_question_about_that_person():
    assert asks_about("is Pete muted right now, or can he hear us?") == "Pete"


async def test_a_named_leg_asked_about_by_its_digits_is_answered_by_its_name():
    heard = await play_lines(
        "host",
        "add 415 555 0121",
        "yes",
        "add 415 555 0135",
        "yes",
        "415 555 0121 is Carlos",
        "is the 0121 guy still hanging on?",
    )
    assert _tools(heard[5]) == ["list_participants"]
    head = render(_OFFLINE.person_status, who="Carlos", status="$status").split("$status")[0]
    assert len(heard[5].lines) == 1 and heard[5].lines[0].startswith(head)


# ------------------------------------------------- 3. warm or cold in the caller's words
async def test_tell_them_what_is_going_on_before_you_hand_me_over_is_warm():
    heard = await play_lines(
        "host",
        "transfer me to support",
        "Could you tell them what's going on before you hand me over?",
    )
    assert heard[1].calls == [("look_up_contact", {"name": "support", "purpose": "warm_transfer"})]


def test_without_introduction_takes_the_introduction_back():
    reading = understand("Just without introduction, transfer me directly to 415 555 0163")
    assert reading.action == "transfer"


async def test_directly_is_fine_to_an_offer_to_introduce_reads_back_the_cold_transfer():
    heard = await play_lines(
        "host",
        "transfer me to 415 555 0163",
        "Will you tell him who I am before, or is it directly?",
        "No, no need, directly is fine.",
    )
    assert heard[2].calls == [
        ("read_back_number", {"phone_number": "4155550163", "purpose": "transfer"})
    ]


# ------------------------------------------------- 4. corrections of names in a sentence
def test_a_name_taken_back_in_the_same_breath_is_replaced():
    assert understand("ok now add Fox Mulder, no sorry, I meant Dana Scully").target == (
        "Dana Scully"
    )


def test_i_mean_the_one_from_support_says_more_of_the_same_person():
    assert understand("add Fox Mulder, I mean the one from support").target == "Fox Mulder"


async def test_mulders_the_guy_transfer_me_to_him_instead_reads_back_mulder():
    heard = await play_lines(
        "host",
        "get me Dana White",
        "nah wait, actually Mulder's the guy who fixed it last time, transfer me to him instead",
    )
    assert heard[1].calls == [("look_up_contact", {"name": "Mulder", "purpose": "transfer"})]


async def test_its_kevin_actually_corrects_the_callers_name_in_full():
    heard = await play_lines(
        "receptionist", "Kev. Need a conference.", "It's Kevin actually. Kevin Oduya."
    )
    assert heard[1].calls == [("correct_caller_name", {"name": "Kevin Oduya"})]


async def test_a_longer_form_of_the_callers_name_corrects_it():
    heard = await play_lines(
        "receptionist",
        "Hi I'm Sam, I need a conference call",
        "actually it's Samantha. Samantha Cole.",
    )
    assert heard[1].calls == [("correct_caller_name", {"name": "Samantha Cole"})]


async def test_its_someone_else_actually_is_no_correction_of_the_callers_name():
    heard = await play_lines(
        "receptionist",
        "Hi I'm Kev, I need a conference call",
        "add Fox Mulder",
        "It's Dana actually",
    )
    assert "correct_caller_name" not in _tools(heard[2])


# ------------------------------------------------- 5. a yes after a shrug
def test_whatever_before_a_yes_is_a_clear_yes():
    assert is_clear_yes("whatever. yeah go ahead", _WORDS, "")
    assert is_clear_yes("fine, whatever, do it", _WORDS, "")


def test_meh_before_a_yes_is_a_clear_yes():
    assert is_clear_yes("meh ok sure", _WORDS, "")


def test_a_shrug_last_is_no_clear_yes():
    assert not is_clear_yes("yeah sure, whatever", _WORDS, "")
    assert not is_clear_yes("whatever.", _WORDS, "")
    assert not says_no("whatever. yeah go ahead", _WORDS)


# ------------------------------------------------- 6. the introduction asked about
async def test_what_you_gonna_tell_him_tho_is_the_introduction_and_the_read_back_is_kept():
    heard = await play_lines(
        "host", "transfer me to Fox Mulder and introduce me first", "what you gonna tell him tho"
    )
    head = _OFFLINE.will_introduce.split("$")[0]
    assert heard[1].lines[0].startswith(head)
    assert heard[1].calls == [
        ("look_up_contact", {"name": "Fox Mulder", "purpose": "warm_transfer"})
    ]


async def test_the_introductions_reason_is_the_problem_the_caller_described():
    heard = await play_lines(
        "receptionist",
        "yo what's good, Deshawn here",
        "my laptop's been freezing up all day, I gotta get ahold of somebody in IT or whatever",
    )
    assert heard[1].calls[0] == (
        "transfer_to_conference_host",
        {"caller_name": "Deshawn", "reason": "support with their laptop freezing up"},
    )


# ------------------------------------------------- 7. the receptionist asked what it can do
async def test_can_you_dial_people_in_is_answered_then_the_name_asked():
    heard = await play_lines(
        "receptionist",
        "Hi, um, quick question before anything, can you actually dial other people into a "
        "call for me?",
    )
    assert heard[0].calls == []
    assert heard[0].lines == [f"{_OFFLINE.answers.capabilities} {_OFFLINE.ask_name}"]


async def test_a_name_given_with_the_question_is_kept():
    heard = await play_lines(
        "receptionist", "hi I'm Jo, could you even add a few people to a call for me?"
    )
    assert _OFFLINE.ask_name not in _said(heard[0])
    assert render(_OFFLINE.ask_reason, name="Jo") in _said(heard[0])


async def test_is_dana_in_support_around_is_a_need_for_dana_white():
    heard = await play_lines(
        "receptionist", "yo what's good, Deshawn here", "is Dana in support around?"
    )
    assert heard[1].calls == [
        (
            "transfer_to_conference_host",
            {"caller_name": "Deshawn", "reason": "speaking to Dana in support"},
        ),
        ("look_up_contact", {"name": "Dana from support", "purpose": "transfer"}),
    ]


async def test_a_transfer_to_a_number_on_the_call_with_a_name_names_nobody():
    heard = await play_lines("host", "add 415 555 0132", "yes", "transfer me to Raj, 415 555 0132")
    assert "name_participant" not in _tools(heard[2])
