"""The eleventh round (issue 22), one rule a test: what the fifth tester's calls still showed.
Each test reads a line, or plays a few caller turns through the offline model on simulated
telephony (as the natural_eleventh_* scenarios do), and checks what the host did on the turn
the rule is about. Expected words are rendered from the prompt files."""

from __future__ import annotations

from prompts.loader import render
from tests.scenarios.runner import Heard, play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand

_OFFLINE = prompts().offline
_DESK = "Front desk at +1 415-555-0160"
_DANA = "Dana Scully from Sales at +1 415-555-0142"


def _names(turn: Heard) -> list[str]:
    return [name for name, _ in turn.calls]


# ------------------------------------------------- 1. dropping a read-back
def test_forget_the_contact_calls_off_its_read_back():
    reading = understand("no! forget the front desk, I never asked for them")
    assert (reading.cancel, reading.cancel_who) == (True, "the front desk")


def test_scrap_that_calls_it_off():
    assert understand("scrap that, I've changed my mind").cancel


async def test_forget_the_contact_drops_it_and_never_asks_for_the_right_number():
    heard = await play_lines("host", "add the front desk", "forget the front desk, thanks")
    assert heard[1].calls == []
    assert heard[1].lines == [render(_OFFLINE.dropped, who=_DESK)]


async def test_nobody_else_drops_the_read_back():
    heard = await play_lines("host", "add 415 555 0177", "nah, nobody else mate")
    assert heard[1].lines == [render(_OFFLINE.dropped, who="+1 415-555-0177")]


async def test_the_sales_lady_names_dana_scully_to_drop():
    heard = await play_lines("host", "add Dana Scully", "forget about the sales lady")
    assert heard[1].lines == [render(_OFFLINE.dropped, who=_DANA)]


async def test_a_dropped_contact_is_not_offered_again_after_the_next_dial():
    heard = await play_lines(
        "host", "add the front desk", "forget the front desk", "ring 415 555 0171", "yes"
    )
    assert _names(heard[3]) == ["add_sip_participant"]


# ------------------------------------------------- 2. the one person on
def test_is_me_brother_on_the_line_asks_about_him():
    # "me" before a role is read as "my" (round 57e: "get me supplier and me foreman on")
    assert understand("is me brother on the line?").asks_about == "my brother"
    assert understand("so is he on or what?").asks_about == "he"


def test_is_this_on_asks_about_no_one():
    assert understand("is this on?").asks_about is None


async def test_a_question_about_him_answers_about_the_one_person_on():
    heard = await play_lines("host", "dial 415 555 0138", "yes", "so is he on or what?")
    said = render(_OFFLINE.person_status, who="+1 415-555-0138", status="connected")
    assert heard[2].lines == [said]


async def test_a_question_about_him_with_several_on_asks_which_person():
    heard = await play_lines(
        "host", "dial 415 555 0138", "yes", "add Dana Scully", "yes", "is he still there?"
    )
    assert heard[4].lines == [_OFFLINE.which_person]


async def test_a_question_about_him_with_no_one_on_says_who_is_on():
    heard = await play_lines("host", "is he still on?")
    assert heard[0].lines == [prompts().host.just_us]


# ------------------------------------------------- 3. names given in passing
async def test_her_names_priya_names_the_person_just_dialled():
    heard = await play_lines("host", "dial 415 555 0163", "yes", "her name's Priya by the way")
    said = render(prompts().host.controls.participant_named, who="+1 415-555-0163", name="Priya")
    named = ("name_participant", {"who": "+1 415-555-0163", "name": "Priya"})
    assert (heard[2].calls, heard[2].lines) == ([named], [said])  # the leg is Priya (13th round)


async def test_a_name_given_in_passing_is_asked_about_by_name():
    heard = await play_lines(
        "host", "dial 415 555 0163", "yes", "that's Priya by the way", "is Priya still there?"
    )
    said = render(_OFFLINE.person_status, who="Priya", status="connected")
    assert heard[3].lines == [said]


async def test_the_guy_who_just_joined_is_ben_names_that_leg():
    heard = await play_lines(
        "host", "add 415 555 0122", "yes", "the guy who just joined is Ben.", "drop Ben"
    )
    assert heard[2].calls == [("name_participant", {"who": "+1 415-555-0122", "name": "Ben"})]
    assert heard[3].calls == [("remove_participant", {"who": "Ben"})]


async def test_two_names_in_one_line_go_each_with_its_own_number():
    heard = await play_lines(
        "host",
        "Pete is on 415 555 0152, and Maria is 415 555 0153",
        "yes",
        "yes",
        "mute Maria",
    )
    assert ("name_participant", {"who": "4155550153", "name": "Maria"}) in heard[2].calls
    assert heard[3].calls == [("mute_participant", {"who": "Maria", "muted": True})]


async def test_a_name_s_follows_its_corrected_number():
    heard = await play_lines(
        "host",
        "dial 415 555 0152, and Maria's 415 555 0153",
        "yes",
        "wait, Maria's actually ends in 0135",
        "yes",
        "mute Maria",
    )
    assert ("name_participant", {"who": "4155550135", "name": "Maria"}) in heard[3].calls
    assert heard[4].calls == [("mute_participant", {"who": "Maria", "muted": True})]


async def test_a_name_first_said_with_a_correction_goes_with_the_corrected_number():
    heard = await play_lines(
        "host", "dial 415 555 0153", "hang on, Maria's actually ends in 0135", "yes", "mute Maria"
    )
    assert ("name_participant", {"who": "4155550135", "name": "Maria"}) in heard[2].calls
    assert heard[3].calls == [("mute_participant", {"who": "Maria", "muted": True})]


async def test_a_correction_without_the_name_still_moves_it():
    heard = await play_lines(
        "host", "first is Pete, 415 555 0183", "hmm no, it's 0128 actually", "yes", "drop Pete"
    )
    assert ("name_participant", {"who": "4155550128", "name": "Pete"}) in heard[2].calls
    assert heard[3].calls == [("remove_participant", {"who": "Pete"})]


# ------------------------------------------------- 4. the caller's name during a read-back
async def test_my_names_actually_corrects_the_caller_name():
    heard = await play_lines(
        "host", "transfer me to 415 555 0129", "oh hang on, my name's actually Siobhan Murphy"
    )
    assert heard[1].calls[0] == ("correct_caller_name", {"name": "Siobhan Murphy"})


async def test_the_read_back_waits_through_a_name_correction_for_the_yes():
    heard = await play_lines(
        "host", "add 415 555 0133", "sorry, my name is really Grace Hopper", "yes"
    )
    assert _names(heard[1]) == ["correct_caller_name", "read_back_number"]
    assert _names(heard[2]) == ["add_sip_participant"]


# ------------------------------------------------- 5. numbers in mixed forms
def test_a_one_between_digits_is_a_digit():
    assert understand("415 555 0 one 3 2").numbers == ("4155550132",)


def test_a_one_before_digit_words_is_a_digit():
    assert understand("415 555 0 one three two").numbers == ("4155550132",)
    assert understand("the 0146 one, oh and 415 555 0199").numbers == ("4155550199",)
