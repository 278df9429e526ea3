"""The seventeenth round (issue 22), one rule a test: what the eleventh tester's calls found.
Status questions in everyday words get the list or the length; menu keys said without "press"
are keys; a cancel beside a read-back waiting drops it and does what else the line asks;
questions while a read-back waits are answered; a no with a reason drops the read-back; "oh
right, Monica, yes" and "yessir" are clear yeses; a name given with its number ("now Priya
please, she's on ...") names the leg; a participant's "hang up on everyone" is ending the call
(refused: only the caller may); at the receptionist, something "throwing an error" is a support
need said as described, "Dana in support" is Dana White. Expected words are rendered from the
prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import support_need

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_FOX = ("add Fox Mulder", "yes")
_RINGING = (*_FOX, "add 415 555 0187", "yes")  # 0187 rings on


def _said(heard) -> str:
    return "\n".join(heard.lines)


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ------------------------------------------------- 1. status questions in everyday words
def test_who_have_we_with_a_word_between_is_the_list():
    assert understand("so who've we actually got on the line at the moment?").action == "list"


@pytest.mark.parametrize("line", ["anyone else on?", "anyone's already on this call with me?"])
def test_anyone_else_or_already_on_is_the_list(line):
    assert understand(line).action == "list"


def test_is_anyone_here_stays_a_question_to_the_host():
    assert understand("is anyone here?").action != "list"


def test_we_have_got_them_both_connected_is_the_list_not_a_look_up():
    line = "ok so we've got Priya and Mulder both connected now, yes?"
    assert understand(line).action == "list"


def test_still_trying_asks_the_status():
    assert understand("is the other guy still trying?").action == "status"


async def test_he_there_yet_lists_who_is_on_with_the_one_ringing():
    heard = await play_lines("host", *_RINGING, "he there yet?")
    assert _tools(heard[4]) == ["list_participants"]


async def test_a_leg_asked_about_by_its_last_digits_gets_the_list_never_a_read_back():
    heard = await play_lines("host", *_RINGING, "is the other guy still trying? the 0187 one")
    assert _tools(heard[4]) == ["list_participants"]


async def test_how_much_time_is_answered_with_the_length_only():
    heard = await play_lines("host", *_FOX, "How much time it is since we started the call?")
    assert _tools(heard[2]) == ["get_call_state"]
    said = _said(heard[2])
    assert _OFFLINE.answers.call_length_short in said


# ------------------------------------------------- 2. requests to the host are not asides
async def test_a_menu_option_pressed_by_reference_is_sent():
    line = "ok the menu wants option 3 for orders, can you press that"
    heard = await play_lines("host", *_FOX, line)
    assert heard[2].calls == [("send_digits", {"digits": "3"})]


# ---------------------------------------- 3. a read-back waiting is not "nothing to cancel"
async def test_dont_dial_anything_drops_the_read_back_and_presses_the_keys():
    line = "no! don't dial anything, just key in the digits 7721# on the menu"
    heard = await play_lines("host", *_FOX, "add 415 555 0136", line)
    assert heard[3].calls == [("send_digits", {"digits": "7721#"})]
    assert render(_OFFLINE.dropped, who="+1 415-555-0136") in _said(heard[3])


def test_anything_is_no_one_named_in_a_cancel():
    assert understand("don't dial anything").cancel_who is None


async def test_scratch_that_then_a_transfer_to_a_number_reads_the_transfer_back():
    line = "hmm actually scratch that. forget the vendors, just transfer me to 415-555-0128"
    heard = await play_lines("host", "add the sales desk", line)
    assert heard[1].calls == [
        ("read_back_number", {"phone_number": "4155550128", "purpose": "transfer"})
    ]
    assert _OFFLINE.nothing_to_cancel not in _said(heard[1])


async def test_a_cancel_naming_someone_else_while_a_read_back_waits_reads_it_again():
    heard = await play_lines("host", "add Fox Mulder", "don't call Bob")
    assert _OFFLINE.nothing_to_cancel not in _said(heard[1])
    assert _tools(heard[1]) == ["look_up_contact"]


# ------------------------------------------------- 4. menu digits are keys, not a number
@pytest.mark.parametrize(
    ("line", "keys"),
    [
        ("it's asking for the account number followed by hash, it's 7 7 2 1 then hash", "7721#"),
        ("it wants my pin: 4 4 0 9 pound", "4409#"),
    ],
)
def test_digits_ended_by_a_hash_are_keys(line, keys):
    reading = understand(line)
    assert (reading.action, reading.digits) == ("dtmf", keys)


# ------------------------------------------------- 5. questions while a read-back waits
async def test_an_extension_asked_is_told_from_the_directory_and_the_read_back_kept():
    heard = await play_lines("host", "transfer me to Dana White", "is there an extension for her?")
    said = _said(heard[1])
    assert render(_OFFLINE.answers.extension, who="Dana White", extension="2 0 4") in said
    assert _tools(heard[1]) == ["look_up_contact"]


async def test_no_extension_listed_is_said():
    heard = await play_lines("host", "transfer me to Fox Mulder", "what's his extension?")
    assert render(_OFFLINE.answers.no_extension, who="Fox Mulder") in _said(heard[1])


async def test_what_exactly_you_will_tell_them_is_the_introduction():
    heard = await play_lines(
        "host",
        "transfer me to Fox Mulder",
        "introduce me first",
        "What exactly you will tell them about me?",
    )
    intro = _OFFLINE.will_introduce.split("$")[0]
    assert intro and intro in _said(heard[2])


async def test_who_is_on_while_a_read_back_waits_is_the_list_not_a_no():
    line = "righto, no worries. Before you do, can you check if anyone's already on this call?"
    heard = await play_lines("host", "transfer me to Fox Mulder", line)
    assert _tools(heard[1]) == ["list_participants"]


# ------------------------------------------------- 6. no, with a reason
@pytest.mark.parametrize(
    "line",
    [
        "No, not required",
        "no, I will speak to Dana separately",
    ],
)
async def test_a_no_with_a_reason_drops_the_read_back(line):
    heard = await play_lines("host", "add Dana Scully", line)
    said = _said(heard[1])
    assert render(_OFFLINE.dropped, who="Dana Scully from Sales at +1 415-555-0142") in said
    assert _OFFLINE.wrong_number not in said


# ------------------------------------------------- 7. yes words
def test_oh_right_before_the_read_backs_name_recognises_it():
    assert is_clear_yes("oh right, Monica, yes", _PROMPTS.confirmation, "Monica Reyes")


def test_oh_right_before_anything_else_stays_sarcasm():
    assert not is_clear_yes("oh right, sure", _PROMPTS.confirmation, "Monica Reyes")
    assert not is_clear_yes("oh right, Dana, yes", _PROMPTS.confirmation, "Monica Reyes")


def test_a_yes_and_a_filler_run_together_are_a_yes():
    assert is_clear_yes("yessir", _PROMPTS.confirmation, "")


# ------------------------------------------------- 8. a name given with a number names the leg
async def test_a_name_then_please_then_the_number_names_the_leg():
    heard = await play_lines("host", "now Priya please, she's on 415 555 0171", "yes")
    assert ("name_participant", {"who": "4155550171", "name": "Priya"}) in heard[1].calls


async def test_number_is_and_a_plus_between_a_name_and_its_number_names_the_leg():
    heard = await play_lines("host", "First one is Suresh, number is +1-415-555-0155", "yes")
    assert ("name_participant", {"who": "+14155550155", "name": "Suresh"}) in heard[1].calls


async def test_her_name_is_with_a_capital_names_the_one_dialled():
    heard = await play_lines("host", "add 415 555 0133", "yes", "Her name is Katrin, by the way")
    assert heard[2].calls == [("name_participant", {"who": "+1 415-555-0133", "name": "Katrin"})]


# ------------------------------------------------- 9. a participant's "hang up on everyone"
@pytest.mark.parametrize("line", ["hang up on everyone, I'm done", "kick everyone off"])
async def test_a_participant_removing_everyone_is_ending_the_call_and_refused(line):
    heard = await play_lines("host", *_FOX, f"Mulder: Ava, {line}")
    assert _tools(heard[2]) == ["end_call"]
    refused = _PROMPTS.host.for_participants.caller_only
    assert render(refused, speaker="Fox Mulder", caller_name="Ada") in _said(heard[2])


# ------------------------------------------------- 10. the receptionist
def test_something_throwing_an_error_is_a_support_need_with_what_it_does():
    reading = understand("my expense report thingy keeps throwing an error when I submit it")
    assert reading.wants_support


def test_the_support_need_says_the_problem_described():
    heard_reason = support_need("the expense app keeps erroring out, I need some help with it")
    assert heard_reason == "support with their expense app erroring out"


async def test_a_person_in_a_team_is_that_contact_not_the_desk():
    heard = await play_lines("receptionist", "Hi, I'm Jen", "the support folks? Dana in support?")
    assert ("look_up_contact", {"name": "Dana from support", "purpose": "transfer"}) in heard[
        1
    ].calls


async def test_another_contact_named_with_introduce_me_first_is_that_contact_warm():
    heard = await play_lines(
        "receptionist",
        "It's Jennifer. my expense report thingy keeps throwing an error",
        "no, Dana White specifically, and can you introduce me first?",
    )
    assert heard[1].calls == [
        ("look_up_contact", {"name": "Dana White", "purpose": "warm_transfer"})
    ]


async def test_a_person_named_outside_the_support_team_leaves_the_desk_offered():
    heard = await play_lines("receptionist", "Hi, I'm Jen", "my laptop keeps crashing. Monica?")
    assert ("look_up_contact", {"name": "support", "purpose": "transfer"}) in heard[1].calls
