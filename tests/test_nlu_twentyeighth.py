"""The rehearsal model, twenty-eighth round (issue 22): what the nineteenth tester met. Clear
yeses typed in a hurry or in slang are dialled, their near misses never are; the receptionist
keeps a need said with the name. One rule a test; expected words are rendered from the prompt
files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import files, prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.mentions import contacts_named
from workflows.rehearsal.nlu.needs import GROUP_CALL_RE, PROBLEMS_OF_A_KIND_RE, problem_to_sort
from workflows.rehearsal.nlu.text import without_titles
from workflows.rehearsal.receptionist_turns import RIGHT_LINE_RE
from workflows.rehearsal.teams import TEAM_RE

_PROMPTS = prompts()
_WORDS = _PROMPTS.confirmation
_OFFLINE = _PROMPTS.offline


# ----------------------------------------------- 1. clear yeses refused
@pytest.mark.parametrize("line", ["yes pls", "yeah plz dial it"])
def test_pls_stands_beside_a_yes_like_please(line):
    assert is_clear_yes(line, _WORDS, "Monica Reyes")


@pytest.mark.parametrize("line", ["pls", "yes pls no", "pls, not that one"])
def test_pls_is_never_a_yes_alone_nor_beside_a_no(line):
    assert not is_clear_yes(line, _WORDS, "Monica Reyes")


@pytest.mark.parametrize("line", ["Yes, that one also", "yep, this one also"])
def test_that_one_also_is_the_second_read_back_as_well(line):
    assert is_clear_yes(line, _WORDS, "+1 415-555-0199")


@pytest.mark.parametrize("line", ["that one also, and 0143", "that one also, and Dana"])
def test_that_one_also_with_more_is_no_yes(line):
    assert not is_clear_yes(line, _WORDS, "+1 415-555-0199")


@pytest.mark.parametrize("line", ["aight", "aight, go ahead"])
def test_aight_is_alright(line):
    assert is_clear_yes(line, _WORDS, "Fox Mulder")


@pytest.mark.parametrize("line", ["yeah send it", "ok send it please"])
def test_send_it_is_a_go_ahead(line):
    assert is_clear_yes(line, _WORDS, "Fox Mulder")


def test_aight_cool_send_it_is_a_yes():
    assert is_clear_yes("aight cool, send it", _WORDS, "Fox Mulder")


@pytest.mark.parametrize("line", ["send it to Dana", "send it?", "aight, but not Dana", "aight?"])
def test_send_it_and_aight_never_carry_more_or_a_question(line):
    assert not is_clear_yes(line, _WORDS, "Fox Mulder")


# ----------------------------------------------- 2. the need said with the name or before it
def _handover(heard) -> dict:
    """The arguments the receptionist handed the call over with ({} when it did not)."""
    calls = [(name, args) for turn in heard for name, args in turn.calls]
    return next((args for name, args in calls if name == "transfer_to_conference_host"), {})


@pytest.mark.parametrize(
    "line", ["my manager wants a quick sync and I'm supposed to set it up", "need a huddle"]
)
def test_a_sync_or_huddle_wanted_is_a_group_call(line):
    assert GROUP_CALL_RE.search(line)


@pytest.mark.parametrize(
    "line", ["I'm ringing to get a quick call together", "can you pull a call together"]
)
def test_a_call_got_together_is_a_group_call(line):
    assert GROUP_CALL_RE.search(line)


@pytest.mark.parametrize(
    "line", ["I want a call with a few colleagues", "set me a call with my team mates"]
)
def test_a_call_with_people_is_a_group_call(line):
    assert GROUP_CALL_RE.search(line)


def test_people_got_together_is_a_group_call():
    assert GROUP_CALL_RE.search("I'm getting a few of your people together on a call.")


@pytest.mark.parametrize("line", ["I'm in a meeting", "call me back later", "it's Kayleigh"])
def test_a_line_naming_no_group_call_is_none(line):
    assert not GROUP_CALL_RE.search(line)


async def test_the_receptionist_keeps_a_group_call_said_with_the_name():
    line = "so my manager wants a quick sync and I'm supposed to set it up, I'm Kayleigh btw"
    heard = await play_lines("receptionist", line)
    assert _handover(heard) == {"caller_name": "Kayleigh", "reason": "a conference call"}


async def test_the_receptionist_keeps_a_group_call_said_before_the_name():
    line = "I'm ringing to get a quick call together with a couple of colleagues"
    heard = await play_lines("receptionist", line, "Aisha Khan")
    assert _handover(heard) == {"caller_name": "Aisha Khan", "reason": "a conference call"}


def test_a_problem_with_someone_asked_to_sort_it_is_the_need():
    line = "My invoice is showing double charge since two months, I need somebody to sort it out"
    assert problem_to_sort(line) == "support with their invoice showing double charge"


def test_a_problem_told_without_asking_anyone_to_sort_it_is_not_this_need():
    assert problem_to_sort("my invoice is showing double charge since two months") is None


def test_asking_someone_to_sort_out_nothing_named_is_not_this_need():
    assert problem_to_sort("I need somebody to sort it out") is None


async def test_the_receptionist_keeps_the_problem_said_with_the_name():
    line = "Myself Priya Raghunathan. My invoice keeps doubling the charge, can someone fix it"
    heard = await play_lines("receptionist", line)
    assert _handover(heard) == {
        "caller_name": "Priya Raghunathan",
        "reason": "support with their invoice doubling the charge",
    }


def test_a_problem_that_has_been_going_on_is_told_without_been():
    line = "my account has been showing a negative balance, can someone look into it"
    assert problem_to_sort(line) == "support with their account showing a negative balance"


# ----------------------------------------------- 3. questions asked before the name
@pytest.mark.parametrize(
    "line",
    [
        "can you tell me whether this line is for billing problems also?",
        "does this number handle it?",
    ],
)
def test_asking_what_this_line_is_for_is_a_right_line_question(line):
    assert RIGHT_LINE_RE.search(line)


@pytest.mark.parametrize("line", ["billing problems", "account issues", "login trouble"])
def test_problems_of_a_kind_are_for_support(line):
    assert PROBLEMS_OF_A_KIND_RE.search(line)


async def test_a_line_for_billing_problems_is_answered_yes_then_the_name_asked():
    line = "can you tell me whether this line is for billing problems also?"
    heard = await play_lines("receptionist", line, "Raj")
    assert heard[0].lines == [f"{_OFFLINE.right_line} {_OFFLINE.ask_name}"]
    assert _handover(heard) == {"caller_name": "Raj", "reason": "support with billing problems"}


@pytest.mark.parametrize(
    "line", ["quick q, who do y'all have in support?", "who do ya have in sales?"]
)
def test_who_do_yall_have_asks_about_a_team(line):
    assert TEAM_RE.search(line)


async def test_the_receptionist_answers_who_is_in_a_team_then_asks_the_name():
    heard = await play_lines("receptionist", "yo what's good. quick q, who do you have in support?")
    [said] = heard[0].lines
    members = [c.name for c in files().directory.contacts if c.team == "Support"]
    assert said.startswith(render(_OFFLINE.team_members.split("$who")[0], team="Support"))
    assert members and all(name in said for name in members)
    assert said.endswith(_OFFLINE.ask_name)


async def test_a_question_about_a_team_is_no_need_to_hand_over_with():
    heard = await play_lines("receptionist", "who do you have in support?", "it's Dre")
    assert _handover(heard) == {}
    assert heard[1].lines == [render(_OFFLINE.ask_reason, name="Dre")]


# ----------------------------------------------- 4. a rejected choice never comes back
@pytest.mark.parametrize(
    "line", ["I meant Dana, the one in sales", "not the desk, I meant Dana the one from sales"]
)
def test_the_one_in_a_team_picks_the_person_of_that_team(line):
    assert contacts_named(files().directory, line) == ["Dana from sales"]


async def test_a_take_back_with_the_one_in_a_team_never_reads_the_rejected_desk_again():
    lines = ("add the sales desk", "wait no sorry, not the desk, I meant Dana, the one in sales")
    heard = await play_lines("host", *lines, "yes")
    looked_up = [
        args["name"] for turn in heard for name, args in turn.calls if name == "look_up_contact"
    ]
    assert looked_up == ["the sales desk", "Dana from sales"]


async def test_a_team_then_a_surname_answers_which_one():
    heard = await play_lines("host", "add Dana", "sales!! Scully")
    assert heard[1].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "add"})]


async def test_a_yes_to_an_either_or_question_asks_it_again():
    heard = await play_lines("host", "add Fox Scully", "yeah")
    assert heard[1].calls == [] and heard[1].lines == heard[0].lines


# ----------------------------------------------- 5. people referred to on the call
async def test_a_directory_alias_of_someone_on_the_call_is_that_person():
    lines = ("add Monica Reyes", "yes", "add Dana Scully", "yes", "ok unmute the boss")
    heard = await play_lines("host", *lines[:4], "mute everyone except me", lines[4])
    assert heard[-1].calls == [("mute_participant", {"who": "Monica Reyes", "muted": False})]


@pytest.mark.parametrize("title", ["Agent", "Officer", "agent", "Detective"])
def test_a_title_that_is_also_a_word_before_a_name_is_left_out(title):
    assert without_titles(f"Could you also bring in {title} Mulder?") == (
        "Could you also bring in Mulder?"
    )


def test_a_title_word_before_no_name_stays():
    assert without_titles("can I talk to an agent please") == "can I talk to an agent please"


async def test_a_leg_renamed_keeps_its_new_name_for_later_lines():
    heard = await play_lines(
        "host",
        "add 415 555 0155",
        "yes",
        "And the second is four fifteen, five five five, oh one twenty-two. That's Fiona.",
        "Correct.",
        "The first chap, the 0155 one, is Douglas.",
        "Sorry, my mistake, he's Dougal, not Douglas.",
        "Right, Dougal's had to nip off to another meeting, you can take him off the call.",
    )
    assert heard[-1].calls == [("remove_participant", {"who": "Dougal"})]


_BUSY_THEN_CANCELLED = (
    "add 415 555 0186",
    "yes",
    "alright try Davo then, (415) 555-0187",
    "yep that's him",
    "ah he's probably at the pub, don't bother ringing him",
    "can ya have another crack at the first bloke? the 0186 one",
)


async def test_him_after_a_number_just_asked_about_is_that_number():
    heard = await play_lines("host", *_BUSY_THEN_CANCELLED, "righto, give him another go now")
    assert heard[-1].calls == [
        ("read_back_number", {"phone_number": "4155550186", "purpose": "add"})
    ]


async def test_one_more_try_without_him_is_still_the_number_last_dialled():
    heard = await play_lines("host", *_BUSY_THEN_CANCELLED, "one more try")
    assert heard[-1].calls[0][1]["phone_number"] == "4155550187"


# ----------------------------------------------- 6. naming lines that got no reply
@pytest.mark.parametrize(
    "line", ["The person on the line is Stefan.", "the guy on the call is called Stefan"]
)
async def test_the_one_on_the_line_is_a_name_names_them(line):
    heard = await play_lines("host", "add 415 555 0124", "yes", line)
    assert heard[-1].calls == [("name_participant", {"who": "+1 415-555-0124", "name": "Stefan"})]
