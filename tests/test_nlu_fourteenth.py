"""The fourteenth round (issue 22), one rule a test: what the seventh tester's calls found.
Digits said in the line win over earlier references; a question while a transfer read-back
waits is a question; a second thing in the same line is done too (never a loosened yes); "my
manager's number again"; "both of 'em", "everyone except me lol"; "is X still on?" answers
about X; "unmute Monica" when she isn't muted; the need said with the name is kept. Expected
words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts

_OFFLINE = prompts().offline
_MULDER_TWO = ("add Fox Mulder", "yes", "add 415 555 0124", "yes")


def _said(heard) -> str:
    return "\n".join(heard.lines)


def _tools(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ------------------------------------------------- 1. digits said in the line win
async def test_digits_said_with_a_retry_win_over_the_number_dialled_last():
    heard = await play_lines(
        "host", "add 646 555 0186", "yes", "add Dana Scully", "yes", "give 0186 one more shot"
    )
    assert heard[4].calls == [
        ("read_back_number", {"phone_number": "6465550186", "purpose": "add"})
    ]


async def test_digits_nothing_said_ends_in_vary_the_number_dialled_last_not_redial_it():
    heard = await play_lines("host", "add Dana Scully", "yes", "give 0177 one more try")
    assert heard[2].calls == [
        ("read_back_number", {"phone_number": "+14155550177", "purpose": "add"})
    ]


# ------------------------------------------------- 2. questions to a transfer read-back
async def test_do_i_lose_you_is_a_question_while_a_transfer_waits():
    heard = await play_lines(
        "host", "transfer me to Fox Mulder please", "hmm, and if he doesn't answer, do I lose you?"
    )
    assert heard[1].lines[0] == _OFFLINE.transfer_question
    assert heard[1].calls == [("look_up_contact", {"name": "Fox Mulder", "purpose": "transfer"})]


@pytest.mark.parametrize(
    "line",
    [
        "No no, I do want the transfer, I was just asking. Will I lose you if you transfer me?",
        "sorry, I still want the transfer",
    ],
)
async def test_i_do_want_the_transfer_reads_the_transfer_called_off_back_again(line):
    heard = await play_lines("host", "put me through to support", "nah, I'll stay", line, "yes")
    assert heard[2].calls == [("look_up_contact", {"name": "support", "purpose": "transfer"})]
    assert _tools(heard[3]) == ["transfer_call"]


# ------------------------------------------------- 3. a second thing in the same line
async def test_forget_it_talk_to_someone_else_instead_reads_them_back_for_a_transfer():
    heard = await play_lines(
        "host",
        "put me through to support",
        "nah, forget it, can I just talk to Dana White directly instead?",
    )
    dropped = render(_OFFLINE.dropped_transfer, who="Support desk at +1 415-555-0151")
    assert heard[1].lines[0] == dropped
    assert heard[1].calls == [("look_up_contact", {"name": "Dana White", "purpose": "transfer"})]


async def test_yes_and_mute_her_is_no_yes_and_reads_the_read_back_again():
    heard = await play_lines("host", "get me Dana Scully", "yes and mute her when she joins")
    assert heard[1].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "add"})]
    assert _OFFLINE.which_person not in _said(heard[1])


async def test_when_she_joins_is_the_one_read_back_not_the_one_on_the_call():
    heard = await play_lines(
        "host", "add Fox Mulder", "yes", "get me Dana Scully", "yes, mute her when she joins"
    )
    assert heard[3].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "add"})]


# ------------------------------------------------- 4. referring back
async def test_my_managers_number_again_is_the_number_given_for_the_manager():
    heard = await play_lines(
        "receptionist",
        "I'm Priya, I want one conference call with my manager",
        "his number is 415 555 0186",
        "yes",
        "add Fox Mulder",
        "yes",
        "now try my manager's number again please",
    )
    assert heard[5].calls == [
        ("read_back_number", {"phone_number": "4155550186", "purpose": "add"})
    ]


# ------------------------------------------------- 5. quantifiers
@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("unmute the both of 'em", "both"),
        ("mute everyone except me lol", "except me"),
        ("mute the lot of them", "the lot"),
    ],
)
async def test_quantifiers_are_everyone_but_the_caller(line, rule):
    heard = await play_lines("host", *_MULDER_TWO, line)
    assert [(name, args["who"]) for name, args in heard[4].calls] == [
        ("mute_participant", "everyone")
    ], rule


# ------------------------------------------------- 6. "is X still on?" is about X
@pytest.mark.parametrize(
    "line",
    [
        "Ha, classic. Hey is Mulder still on?",  # a sentence before it
        "is Mulder still on or did he drop?",  # "or did he drop" after it
        "Is Mulder still connected? I hear nothing from him.",  # a sentence after it
        "sorry, is Mulder still on the line?",  # "sorry" before it
    ],
)
async def test_is_x_still_on_answers_about_x_only(line):
    heard = await play_lines("host", *_MULDER_TWO, line)
    assert heard[4].lines == [render(_OFFLINE.person_status, who="Fox Mulder", status="connected")]


async def test_unmuting_someone_nobody_muted_says_they_are_not_muted():
    heard = await play_lines(
        "host", *_MULDER_TWO, "please unmute Mulder", "mute Mulder", "unmute Mulder"
    )
    assert heard[4].calls == []
    assert heard[4].lines == [render(_OFFLINE.not_muted, who="Fox Mulder")]
    assert heard[6].calls == [("mute_participant", {"who": "Fox Mulder", "muted": False})]


# ------------------------------------------------- 7. the need given with the name
@pytest.mark.parametrize(
    "line",
    [
        "my name's Karen and I've been trying to get into my account all morning",
        "this is Karen, it keeps saying my password's wrong",
    ],
)
async def test_the_need_said_with_the_name_is_kept(line):
    heard = await play_lines("receptionist", line)
    assert _tools(heard[0])[:1] == ["transfer_to_conference_host"]
    assert render(_OFFLINE.ask_reason, name="Karen") not in _said(heard[0])


# ------------------------------------------------- the eighth tester: one person, said twice
_DANA_AND_THE_DESK_MUTED = (
    "add Dana Scully",
    "yes",
    "add the support desk",
    "yes",
    "mute the support desk",
)


@pytest.mark.parametrize(
    "line",
    [
        "Dana madam can leave now, she has other meeting. Please remove her",
        "Dana can go now. Remove her please",
        "drop Dana, she's done. yeah drop her",
    ],
)
async def test_a_pronoun_repeating_the_request_of_the_same_line_is_that_person(line):
    heard = await play_lines("host", *_DANA_AND_THE_DESK_MUTED, line)
    removed = [args for name, args in heard[5].calls if name == "remove_participant"]
    assert len(removed) == 1 and "Dana" in str(removed[0]), heard[5].calls


async def test_a_pronoun_with_too_is_another_person():
    heard = await play_lines("host", *_DANA_AND_THE_DESK_MUTED, "remove Dana, then remove them too")
    assert [name for name, _ in heard[5].calls].count("remove_participant") == 2, heard[5].calls
