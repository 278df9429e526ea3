"""The rehearsal model, twenty-fifth round (issue 22): what the seventeenth tester found.
Each test fails when its rule alone is removed; the scenarios
`tests/scenarios/natural_twentyfifth_*.yaml` say each item in several ways."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.addressing import said_to_another
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.cancel import find_cancel
from workflows.rehearsal.part_of import legs_with, part_of

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_VINNIE = ("add +1 718 555 0134", "yes")
_RINGING = ("add +1 415 555 0187", "yes")  # a phone that rings on
_BOTH = ("add Fox Mulder", "yes", "add Dana Scully", "yes")


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ------------------------------------------- 1. never a number nobody said
@pytest.mark.parametrize(("digits", "part"), [("718", True), ("0134", True), ("555", False)])
def test_an_area_code_or_last_digits_are_part_of_a_number(digits, part):
    assert part_of(digits, "+1 718-555-0134") is part
    assert legs_with(digits, ["+17185550134", "+17185550134"]) == (["+17185550134"] if part else [])


async def test_the_718_number_is_vinnie_names_that_leg_and_builds_no_number():
    heard = await play_lines("host", *_VINNIE, "the 718 number is Vinnie")
    assert heard[2].calls == [("name_participant", {"who": "+1 718-555-0134", "name": "Vinnie"})]


async def test_area_code_digits_said_alone_are_never_the_last_digits_of_a_new_number():
    heard = await play_lines("host", *_VINNIE, "yeah 718, that one")
    assert "read_back_number" not in _tools(heard[2])  # never +1 718-555-0718


async def test_unmute_646_unmutes_the_one_with_that_area_code():
    heard = await play_lines("host", "add 646 555 0101", "yes", "mute 646", "unmute 646")
    assert heard[3].calls == [("mute_participant", {"who": "+16465550101", "muted": False})]


async def test_the_212_guy_with_no_212_number_on_the_call_is_not_on_it():
    heard = await play_lines("host", *_VINNIE, "the 212 guy is Vinnie")
    not_on = render(_PROMPTS.host.controls.not_on_call, who="the 212 number")
    assert heard[2].calls == [] and heard[2].lines == [not_on]


# ------------------------------------------- 2. pronouns and the person meant
@pytest.mark.parametrize("line", ["ok he can talk again", "alright she can speak now"])
def test_an_opening_word_is_not_part_of_whom_an_unmute_names(line):
    reading = understand(line)
    assert (reading.action, reading.target) == ("unmute", None)


def test_speak_now_is_an_unmute():
    assert understand("she can speak now").action == "unmute"


async def test_let_him_back_in_alone_right_after_a_mute_unmutes_him():
    heard = await play_lines("host", *_VINNIE, "mute him", "right, let him back in")
    assert heard[3].calls == [("mute_participant", {"who": "+1 718-555-0134", "muted": False})]


async def test_let_him_back_in_after_a_removal_unmutes_nobody():
    lines = (*_VINNIE, "mute him", "remove him", "let him back in")
    heard = await play_lines("host", *lines)
    assert "mute_participant" not in _tools(heard[4])


def test_the_caller_saying_they_can_talk_now_unmutes_nobody():
    assert understand("ok I can talk now").action is None


async def test_him_with_everyone_muted_asks_which_person():
    lines = ("add 415 555 0100", "yes", "add 415 555 0101", "yes", "mute everyone")
    heard = await play_lines("host", *lines, "ok let him back in")
    assert heard[5].calls == [] and heard[5].lines == [_OFFLINE.which_person]


# ------------------------------------------- 3. cancelling a ringing call
def test_dont_bother_at_the_end_of_a_clause_calls_it_off():
    assert understand("ah nah he's not answering, don't bother").cancel
    assert not understand("don't bother Dana with this, just add Fox").cancel


def test_words_said_to_the_host_name_nobody_to_cancel():
    assert find_cancel("cancel that call mate", -1) == (True, None)


async def test_cancel_that_call_mate_stops_the_phone_ringing():
    heard = await play_lines("host", *_RINGING, "cancel that call mate")
    assert heard[2].calls == [("remove_participant", {"who": "+1 415-555-0187"})]


async def test_a_cancel_naming_nobody_ringing_asks_which_while_a_phone_rings():
    heard = await play_lines("host", *_RINGING, "cancel the call to Dana")
    which = render(_OFFLINE.followups.which_call, who="+1 415-555-0187")
    assert heard[2].calls == [] and heard[2].lines == [which]


# ------------------------------------------- 4. add, not transfer
def test_first_before_add_is_when_not_a_noun():
    line = "Actually, could you instead first add my colleague in Berlin, +49 30 1234 5678?"
    assert understand(line).action == "add"


def test_no_transfer_is_no_request_for_one():
    assert understand("No, no transfer. Add him to this call please.").action == "add"


async def test_the_number_replacing_a_refused_add_is_an_add():
    lines = ("transfer me to Fox Mulder", "could you instead first add +49 30 1234 5678?")
    heard = await play_lines("host", *lines, "Ach so. Then his US mobile: 212-555-0123")
    assert heard[2].calls == [
        ("read_back_number", {"phone_number": "2125550123", "purpose": "add"})
    ]


# ------------------------------------------- 5. small questions and follow-ups
def test_and_a_name_with_a_question_mark_is_said_to_the_host():
    assert not said_to_another("and Dana?", ["Dana Scully"], ["Ava"])
    assert said_to_another("Dana? can you hear me", ["Dana Scully"], ["Ava"])


async def test_and_dana_repeats_the_last_request_for_dana():
    heard = await play_lines("host", *_BOTH, "Mulder can go now actually", "and Dana?")
    assert heard[5].calls == [("remove_participant", {"who": "Dana Scully"})]


async def test_a_mix_of_two_directory_names_asks_which():
    heard = await play_lines("host", "and can you get Fox Scully too")
    which = render(_OFFLINE.followups.which_contact, first="Fox Mulder", second="Dana Scully")
    assert heard[0].calls == [] and heard[0].lines == [which]


async def test_his_mobile_or_desk_is_answered_then_read_back_again():
    heard = await play_lines("host", "add Fox Mulder", "is that his mobile or his desk?")
    said = render(_OFFLINE.followups.number_kind, who="Fox Mulder")
    assert heard[1].lines[0] == said
    assert _tools(heard[1]) == ["look_up_contact"]


@pytest.mark.parametrize(
    "line", ["Ava, who's this on the line with me?", "who's with me right now?"]
)
def test_who_is_this_on_the_line_with_me_asks_the_list(line):
    assert understand(line).action == "list"
