"""The nineteenth round (issue 22), one rule a test: what the thirteenth tester's calls found.
The caller's answer to a participant who just spoke is an aside, and "sorry, what was that?"
repeats the host's last line; requests inside chatty lines ("let him back in, he needs to say
something", "we can wrap up now", "she still there or did she hang up?") are acted on;
"lemme just key in another one" gets the keypad help. Expected words are rendered from the
prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.call.addressing import is_addressed
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.nlu.warm import WARM_RE

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline
_GRAHAM = ("add 212 555 0342", "yes", "his name is Graham")
_NAMED = render(_PROMPTS.host.controls.participant_named, name="Graham", who="+1 212-555-0342")


def _said(heard) -> str:
    return "\n".join(heard.lines)


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ------------------------------------------------- 1. the caller answering a participant
async def test_a_yes_to_a_participant_who_just_asked_is_an_aside():
    asked = "Graham: morning Harriet, can you hear me alright?"
    heard = await play_lines("host", *_GRAHAM, asked, "yes loud and clear Graham")
    assert heard[4].calls == [] and heard[4].lines == []


async def test_the_same_yes_with_no_participant_before_it_is_still_read():
    heard = await play_lines("host", *_GRAHAM, "yes loud and clear Graham")
    assert heard[3].calls or heard[3].lines  # the host answers the caller


async def test_a_request_after_a_participant_spoke_is_acted_on():
    heard = await play_lines("host", *_GRAHAM, "Graham: can you hear me?", "yes, mute Graham")
    assert _tools(heard[4]) == ["mute_participant"]


@pytest.mark.parametrize(
    "line",
    [
        "sorry, what was that? I was talking to Graham",
        "sorry, I missed that, can you say it again?",
        "come again? I was distracted",
    ],
)
async def test_asked_again_the_host_repeats_its_last_line(line):
    heard = await play_lines("host", *_GRAHAM, line)
    assert heard[3].calls == [] and _said(heard[3]) == _NAMED


async def test_what_was_that_alone_still_asks_the_status():
    heard = await play_lines("host", *_GRAHAM, "what was that?")
    assert _tools(heard[3]) == ["get_call_state"]


# ------------------------------------------------- 2. requests inside chatty lines
@pytest.mark.parametrize(
    "line",
    [
        "ok that's better. actually, let him back in, he needs to say something",
        "could you bring Graham back in, he wants to say a word",
    ],
)
def test_let_him_back_in_to_speak_is_an_unmute(line):
    assert understand(line).action == "unmute"


def test_let_him_back_in_alone_is_no_unmute():
    assert understand("let him back in").action != "unmute"  # after a removal: not a mute


@pytest.mark.parametrize(
    "line",
    ["brilliant, thanks everyone, we can wrap up now", "ok folks, let's wrap it up there"],
)
def test_we_can_wrap_up_ends_the_call(line):
    assert understand(line).ends_call


@pytest.mark.parametrize(
    "line", ["she still there or did she hang up?", "they still there or have they dropped off?"]
)
def test_a_pronoun_still_there_is_a_status_question_never_the_end(line):
    reading = understand(line)
    assert reading.asks_about and not reading.ends_call and not reading.goodbye


# ------------------------------------------------- 10. keying in another number
@pytest.mark.parametrize(
    "line", ["ok lemme just key in another one", "I'm gonna punch in the next one myself"]
)
def test_keying_another_number_in_is_the_keypad_help(line):
    assert understand(line).keys_in


# ------------------------------------------------- 3. add, not transfer
@pytest.mark.parametrize(
    "line",
    [
        "I need to talk with two of my clients at once",
        "can I talk to three people at the same time",
    ],
)
def test_talking_with_several_at_once_is_a_conference(line):
    assert understand(line).action == "conference"


def test_talking_to_one_person_is_still_a_transfer():
    assert understand("I need to talk to Dana").action == "transfer"


async def test_a_number_after_asking_for_several_at_once_is_read_back_as_an_add():
    said = ("hi, this is Sam Lee", "I need to talk with two of my clients at once")
    heard = await play_lines("receptionist", *said, "the first one is (917) 555-2038")
    assert heard[2].calls == [
        ("read_back_number", {"phone_number": "9175552038", "purpose": "add"})
    ]


async def test_wanting_them_added_instead_of_a_transfer_reads_the_add_back():
    line = "no no, don't transfer me! I want them added into this call with me"
    heard = await play_lines("host", "transfer me to 917 555 2038", line)
    assert heard[1].calls == [
        ("read_back_number", {"phone_number": "9175552038", "purpose": "add"})
    ]


# ------------------------------------------------- 4. questions while a read-back waits
_JORDAN = ("Hi, I am Jordan Lee, I need a conference call", "transfer me to 917 555 2038")


@pytest.mark.parametrize(
    "line", ["wait, what name have you got for me now?", "who have you got me down as?"]
)
async def test_the_callers_name_asked_is_answered_then_the_read_back_again(line):
    heard = await play_lines("receptionist", *_JORDAN, line)
    said = _said(heard[2])
    assert render(_OFFLINE.answers.your_name, name="Jordan Lee") in said
    assert _tools(heard[2]) == ["read_back_number"]


@pytest.mark.parametrize(
    "line", ["hold off on the transfer", "hang fire on that transfer", "put the transfer on hold"]
)
def test_holding_off_a_transfer_calls_it_off(line):
    assert understand(line).cancel


async def test_held_off_and_asked_who_is_on_drops_the_read_back_then_lists_once():
    line = "hold off on the transfer. who's on this call right now?"
    heard = await play_lines("host", "add Fox Mulder", "yes", "transfer me to 917 555 2038", line)
    assert _tools(heard[3]) == ["list_participants"]
    assert render(_OFFLINE.dropped_transfer, who="+1 917-555-2038") in _said(heard[3])


# ------------------------------------------------- 5. the caller's name while a read-back waits
async def _renamed(name: str, *lines: str) -> list:
    said = (f"Hi, my name is {name}, I need a conference call", "transfer me to Fox Mulder")
    return await play_lines("receptionist", *said, *lines)


@pytest.mark.parametrize(
    "name, line, new",
    [
        ("Jordan", "it's Jordyn with a Y, J-O-R-D-Y-N, not Jordan", "Jordyn"),
        (
            "Rosalind",
            "Oh, and it's Rosalind Okafor, the account is under my surname",
            "Rosalind Okafor",
        ),
        ("Rosalind", "my full name is Rosalind Okafor", "Rosalind Okafor"),
        ("Rosalind", "please use Rosalind Okafor as my name, not just Rosalind", "Rosalind Okafor"),
    ],
)
async def test_the_callers_name_given_while_a_read_back_waits_is_corrected_and_read_again(
    name, line, new
):
    heard = await _renamed(name, line)
    assert heard[2].calls[0] == ("correct_caller_name", {"name": new})
    assert _tools(heard[2])[1:] == ["look_up_contact"]  # the transfer read back again


async def test_it_is_someone_elses_full_name_renames_nobody():
    heard = await _renamed("Rosalind", "it's Dana White I need, actually")
    assert "correct_caller_name" not in _tools(heard[2])


async def test_use_someone_instead_renames_nobody():
    heard = await _renamed("Rosalind", "use Dana White instead")
    assert "correct_caller_name" not in _tools(heard[2])


async def test_still_wanting_the_one_called_off_with_a_name_renames_and_reads_it_again():
    line = (
        "no wait, I do still want Mulder! I was only correcting my name. my name is Rosalind Okafor"
    )
    heard = await _renamed("Rosalind", "no, not yet", line)
    assert heard[3].calls[0] == ("correct_caller_name", {"name": "Rosalind Okafor"})
    assert heard[3].calls[1][0] == "look_up_contact"


async def test_still_wanting_someone_else_is_not_the_one_called_off():
    heard = await _renamed("Rosalind", "no, not yet", "I still want Dana White.")
    assert ("look_up_contact", {"name": "Fox Mulder", "purpose": "transfer"}) not in heard[3].calls


async def test_only_correcting_the_name_keeps_the_transfer_called_off_by_it():
    line = "no no, I was only correcting my name. my name is Rosalind Okafor"
    heard = await _renamed("Rosalind", "no, not yet", line)
    assert _tools(heard[3]) == ["correct_caller_name", "look_up_contact"]


# ------------------------------------------------- 6. the read-back's number said to be fine
_SCULLY = "Dana Scully from Sales at +1 415-555-0142"


@pytest.mark.parametrize(
    "line",
    [
        "eh? the number you just said for Dana is fine. dial her",
        "that number for Dana is fine, go ahead and dial her",
    ],
)
async def test_the_number_just_read_back_said_to_be_fine_is_read_back_again(line):
    heard = await play_lines("host", "add Dana Scully", "why not then", line)
    assert _tools(heard[2]) == ["look_up_contact"] and _SCULLY in _said(heard[2])
    assert heard[2].calls[0][1]["name"] == "Dana Scully"


async def test_the_number_said_to_be_fine_with_someone_else_to_call_is_not_read_again():
    line = "the number you just said is fine, but call Fox Mulder instead"
    heard = await play_lines("host", "add Dana Scully", "why not then", line)
    assert heard[2].calls[0][1].get("name") != "Dana Scully"


# ------------------------------------------------- 7. the receptionist
def test_a_full_name_as_a_sentence_after_a_greeting_is_the_callers_name():
    assert understand("yeah hi. Mike Delgado. need a conference").name == "Mike Delgado"


def test_something_showing_the_wrong_amount_is_a_support_need():
    need = support_need("the billing portal is showing the wrong invoice amount")
    assert need == "support with the wrong invoice amount on the billing portal"


async def test_a_problem_before_the_name_is_the_reason_not_asked_again():
    said = ("hi, the billing portal is showing the wrong invoice amount", "it's Priya Shah")
    heard = await play_lines("receptionist", *said)
    assert heard[1].calls[0][1]["reason"] == support_need(said[0])


@pytest.mark.parametrize(
    "line",
    [
        "will you explain to them my problem or I have to tell again?",
        "do I need to explain it all over again to them?",
        "will you explain my problem to them?",
    ],
)
def test_asking_whether_the_problem_must_be_told_again_asks_for_the_warm_transfer(line):
    assert WARM_RE.search(line)


# ------------------------------------------------- 9. a participant giving their own name
@pytest.mark.parametrize(
    "line", ["Marcus: Ava, this is actually Marco, not Marcus", "Marcus: Ava, my name is Marco"]
)
async def test_a_participants_own_name_is_asked_of_the_tool_which_refuses_them(line):
    heard = await play_lines("host", "add 415 555 0166", "yes", "his name is Marcus", line)
    assert heard[3].calls == [("name_participant", {"who": "Marcus", "name": "Marco"})]
    refused = render(
        _PROMPTS.host.for_participants.caller_only, speaker="Marcus", caller_name="Ada"
    )
    assert _said(heard[3]) == refused


def test_the_host_named_at_the_start_of_a_later_sentence_is_addressed():
    line = "hi Klaus, Dana here. Ava, can you tell me who else is on?"
    assert is_addressed(line, ["Ava"])


def test_the_host_named_in_passing_in_a_later_sentence_is_not_addressed():
    assert not is_addressed("hi Klaus. I think Ava muted him earlier, right?", ["Ava"])
