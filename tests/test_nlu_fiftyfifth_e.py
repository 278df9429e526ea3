"""The rehearsal model, fifty-fifth round e (issue 22): endings and whom a line is said to.
"end call for all" (no article) ends the call; "I have to hop off in 5" is leaving later, no
goodbye; "transfer me off... actually no, just drop me out and leave them talking" keeps what
follows the correction and asks whether to end it for everyone; a request only the host can do
("can you also add Dana Scully?") in a sentence after a thanks to a participant is for the host;
"Maeve, mute yourself" in a later sentence is said to Maeve; a name called ("Monica, it's about
the budget.") is never someone to add. Expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines, tool_names
from tests.support.harness import prompts
from workflows.call.addressing import said_to_another
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.sequence import kept_request

_PROMPTS = prompts()
_ON = ("add 415 555 0172", "yes")


# ----------------------------------------------- 1. "end call for all": ended
@pytest.mark.parametrize(
    "line",
    ["ok standup over, end call for all", "end call for everyone", "end call for all pls"],
)
def test_end_call_without_the_ends_the_call(line):
    assert understand(line).ends_call and understand(line).goodbye


@pytest.mark.parametrize(
    "line", ["end call for Dana", "end call with the bank", "at the end call me back"]
)
def test_end_call_for_one_or_in_passing_ends_nothing(line):
    assert not understand(line).ends_call


async def test_end_call_for_all_ends_it_with_someone_on():
    heard = await play_lines("host", *_ON, "ok standup over, end call for all")
    assert tool_names(heard[2:]) == ["end_call"]


# ----------------------------------------------- 2. leaving later is no goodbye
@pytest.mark.parametrize(
    "line",
    [
        "I have to hop off in 5",
        "I have to hop off in five",
        "gotta go in 10 mins",
        "i need to drop off in a couple",
        "I need to jump off in like 2 min",
    ],
)
def test_leaving_in_a_few_minutes_is_no_goodbye(line):
    assert not understand(line).goodbye


def test_leaving_now_is_still_a_goodbye():
    assert understand("I have to hop off").goodbye
    assert understand("gotta go in five, bye").goodbye


async def test_hop_off_in_5_never_ends_the_call():
    heard = await play_lines("host", *_ON, "I have to hop off in 5")
    assert "end_call" not in tool_names(heard[2:])


# ----------------------------------------------- 3. "actually no, just drop me out and leave them"
_LINE = (
    "thanks Ines. Right, I'll let you two sort it out, transfer me off... actually no, just"
    " drop me out and leave them talking"
)


def test_the_correction_keeps_the_leaving_after_it():
    assert kept_request(_LINE) == "actually no, just drop me out and leave them talking"


@pytest.mark.parametrize(
    "line",
    [
        _LINE,
        "thanks Ines. I'll let you two sort it out",
        "move me off the call. no wait, keep them connected and drop me out",
    ],
)
async def test_leaving_them_talking_is_asked_never_ended(line):
    heard = await play_lines(
        "host", *_ON, "thats Ines", "add 415 555 0173", "yes", "thats Fox", line
    )
    assert "end_call" not in tool_names(heard[6:])
    assert any(_PROMPTS.offline.answers.leave_or_end in said for said in heard[6].lines)


# ----------------------------------------------- 4. whom a line is said to
@pytest.mark.parametrize(
    "line",
    [
        "thanks Priya. can you also add Dana Scully from sales?",
        "cheers Priya. could you add Dana too",
        "Priya, thanks for jumping on. can you add the sales desk?",
    ],
)
def test_an_add_after_a_thanks_is_for_the_host(line):
    assert not said_to_another(line, ["Priya"], ["Ava"])


@pytest.mark.parametrize(
    "line",
    [
        "thanks Priya. can you send me the notes?",
        "thanks Priya. can you add that to the ticket?",
        "thanks Priya. get me the file later",
        "hi Priya, how was the trip?",
    ],
)
def test_what_the_participant_can_do_stays_said_to_them(line):
    assert said_to_another(line, ["Priya"], ["Ava"])


@pytest.mark.parametrize(
    "line",
    [
        "grand, forget it then. Maeve, mute yourself if you're not talking",
        "ok never mind. Maeve, can you mute your line?",
    ],
)
def test_a_later_sentence_telling_them_of_themselves_is_said_to_them(line):
    assert said_to_another(line, ["Maeve"], ["Ava"])
    assert not said_to_another("forget it. Ava, mute yourself", ["Maeve"], ["Ava"])


async def test_thanks_then_add_is_looked_up():
    heard = await play_lines(
        "host", *_ON, "thats Priya", "Priya: hi all", "thanks Priya. can you add Dana Scully?"
    )
    assert tool_names(heard[4:]) == ["look_up_contact"]


async def test_maeve_mute_yourself_mutes_no_one():
    heard = await play_lines(
        "host", *_ON, "thats Maeve", "Maeve: hello?", "forget it. Maeve, mute yourself"
    )
    assert tool_names(heard[4:]) == []


async def test_a_name_called_is_never_queued_as_an_add():
    heard = await play_lines(
        "host",
        *_ON,
        "thats Monica",
        "Monica: hi, what is this about?",
        "Monica, it's about the Q3 budget. Ava can you add the sales desk too",
        "yes",
    )
    assert tool_names(heard[5:]) == ["add_sip_participant"]
