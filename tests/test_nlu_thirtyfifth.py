"""The rehearsal model, thirty-fifth round (issue 22): warm or cold as the caller says it,
questions about a transfer answered for what they ask, the receptionist's name and need, and
retries, cancels and slang at the host. One rule a test; expected words are rendered from the
prompt files."""

from __future__ import annotations

import pytest

from prompts.loader import render
from tests.scenarios.runner import play_lines
from tests.support.harness import prompts
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.caller import caller_name
from workflows.rehearsal.nlu.needs import GROUP_CALL_RE

_PROMPTS = prompts()
_OFFLINE = _PROMPTS.offline


def _calls(heard) -> list[tuple[str, dict]]:
    return list(heard.calls)


def _read_back(heard) -> dict:
    return next(args for name, args in heard.calls if name == "read_back_number")


# ----------------------------------------------- 1. warm or cold as the caller says it
@pytest.mark.parametrize(
    "line",
    [
        "Can you connect me to Fox Mulder and first tell him the issue?",
        "put me through to support after all, but tell them what's up first?",
    ],
)
def test_telling_them_the_issue_first_is_a_warm_transfer(line):
    assert understand(line).action == "warm_transfer"


async def test_no_introduction_needed_to_a_cold_read_back_reads_it_back_again():
    heard = await play_lines(
        "host", "transfer me to 415 555 0128", "Just connect me, no introduction needed"
    )
    assert _read_back(heard[-1])["purpose"] == "transfer"
    assert render(_OFFLINE.dropped_transfer, who="+1 415-555-0128") not in heard[-1].lines


async def test_a_number_said_again_with_no_introduction_needed_is_a_cold_transfer():
    heard = await play_lines(
        "host",
        "transfer me to 415 555 0128 and introduce me first",
        "no",
        "No, I mean the 0128 number I just gave you. Just connect me, no introduction needed",
    )
    assert _read_back(heard[-1]) == {"phone_number": "4155550128", "purpose": "transfer"}


# ----------------------------------------------- 2. questions about a transfer
@pytest.mark.parametrize(
    "line",
    [
        "Is this a cold transfer? Like, you won't tell them anything first?",
        "Are you going to introduce me to them or just connect me?",
    ],
)
async def test_warm_or_cold_asked_is_answered_then_read_back_again(line):
    heard = await play_lines("host", "transfer me to 415 555 0128", line)
    assert heard[-1].lines[0] == _OFFLINE.transfer_kind
    assert [name for name, _ in heard[-1].calls] == ["read_back_number"]
    assert _read_back(heard[-1])["purpose"] == "transfer"


async def test_asked_whether_they_must_tell_it_again_says_it_can_introduce_them_first():
    heard = await play_lines(
        "host",
        "transfer me to 415 555 0128",
        "if you transfer, will you explain them my problem or I have to tell everything again?",
    )
    assert heard[-1].lines[0] == _OFFLINE.transfer_warm


async def test_asked_whether_they_must_tell_it_again_reads_back_a_warm_transfer():
    heard = await play_lines(
        "host",
        "transfer me to 415 555 0128",
        "will you tell them what's wrong or do I need to explain it all again?",
    )
    assert _read_back(heard[-1])["purpose"] == "warm_transfer"


async def test_warm_or_cold_asked_of_a_warm_transfer_says_it_introduces_first():
    heard = await play_lines(
        "host",
        "transfer me to 415 555 0128 and introduce me first",
        "Are you going to introduce me or just connect me?",
    )
    assert heard[-1].lines[0] == _OFFLINE.transfer_warm


@pytest.mark.parametrize(
    "line",
    [
        "will you stay on the line with me or is it just them?",
        "would you stay with me on the call or do I go alone?",
    ],
)
def test_whether_the_host_stays_is_a_question_about_a_transfer(line):
    assert understand(line).asks_about_transfer


async def test_what_happens_to_someone_on_the_call_says_a_transfer_hangs_them_up():
    heard = await play_lines(
        "host",
        "add Dana Scully",
        "yes",
        "transfer me to the front desk",
        "What happens with Dana when you transfer me?",
    )
    assert heard[-1].lines[0] == _OFFLINE.transfer_others
    assert "transfer_call" not in [name for name, _ in heard[-1].calls]


# ----------------------------------------------- 3. the receptionist's name and need
def test_a_name_then_speakin_is_the_callers_name():
    assert caller_name("G'day mate, Bazza speakin. gotta get a few of the crew on a call") == (
        "Bazza"
    )


async def test_a_name_alone_after_a_greeting_is_the_callers_name():
    heard = await play_lines("receptionist", "yo. tyler. need a conf call")
    assert heard[-1].calls == [
        ("transfer_to_conference_host", {"caller_name": "Tyler", "reason": "a conference call"})
    ]


def test_a_call_goin_with_folks_is_a_group_call():
    assert GROUP_CALL_RE.search("I gotta get a quick call goin with some folks from work")


async def test_is_that_right_after_a_call_asked_for_says_yes_then_asks_the_name():
    heard = await play_lines(
        "receptionist",
        "Hello? Yes, hi, I was told to call this number to set up the quarterly review call, "
        "is that right?",
    )
    assert heard[-1].lines == [f"{_OFFLINE.right_line_call} {_OFFLINE.ask_name}"]


async def test_do_you_guys_handle_tech_support_is_answered_then_the_name():
    heard = await play_lines(
        "receptionist", "do you guys handle tech support or is this just for conference calls?"
    )
    assert heard[-1].lines == [f"{_OFFLINE.right_line} {_OFFLINE.ask_name}"]


# ----------------------------------------------- 4. retries, cancels, slang at the host
_REFUSED = (
    "call 415 555 0186",
    "yes",
    "add Dana Scully",
    "yes",
    "Please try the 0186 number once more, perhaps he is free now",
)


async def test_try_it_again_after_a_refused_number_is_that_number():
    heard = await play_lines("host", *_REFUSED, "Now, try it again please")
    assert _read_back(heard[-1])["phone_number"] == "4155550186"


async def test_how_bout_now_after_the_wait_is_the_same_retry():
    heard = await play_lines("host", *_REFUSED, "how bout now")
    assert _read_back(heard[-1])["phone_number"] == "4155550186"


async def test_how_bout_now_with_no_wait_asked_is_no_retry():
    heard = await play_lines("host", "call 415 555 0199", "yes", "how bout now")
    assert "read_back_number" not in [name for name, _ in heard[-1].calls]


def test_dont_bother_ringin_him_is_a_cancel():
    assert understand("ah bugger it, he's not pickin up, don't bother ringin him").cancel


def test_shut_a_three_word_name_up_mutes_them():
    said = understand("shut the sales desk up for a sec would ya")
    assert (said.action, said.target) == ("mute", "the sales desk")


def test_an_oath_among_the_take_back_words_is_no_name():
    said = understand("lemme get Dana White on first, no wait, shoot, I mean Dana Scully")
    assert said.target == "Dana Scully"


async def test_the_name_after_i_mean_stands_in_a_line_with_no_request_read():
    heard = await play_lines("host", "Get Dana Scully instead. No, sorry, I mean Dana White.")
    assert heard[-1].calls == [("look_up_contact", {"name": "Dana White", "purpose": "add"})]


async def test_forget_it_to_the_offered_desk_drops_it_and_asks_whom_to_bring_in():
    heard = await play_lines(
        "receptionist",
        "Oh, it's Marcus. My laptop won't connect to the VPN and I've got a client call soon.",
        "Actually nah, forget it, I'll restart it myself. Can you just get the client call "
        "going instead?",
    )
    dropped = render(_OFFLINE.dropped_transfer, who="Support desk")
    assert heard[-1].lines == [f"{dropped} {_OFFLINE.bring_whom}"]


@pytest.mark.parametrize(
    "line",
    [
        "hang on, what happens to this call if you transfer me?",
        "will you stay on the line when you transfer me?",
    ],
)
def test_what_happens_to_the_call_or_the_host_is_not_about_the_others(line):
    assert understand(line).transfer_asked != "others"


async def test_what_happens_to_someone_on_a_warm_transfer_says_they_stay_on():
    heard = await play_lines(
        "host",
        "add Dana Scully",
        "yes",
        "transfer me to the front desk and introduce me first",
        "What happens with Dana when you transfer me?",
    )
    assert heard[-1].lines[0] == _OFFLINE.transfer_others_warm


async def test_one_more_try_with_nothing_referred_to_is_the_number_last_dialled():
    heard = await play_lines("host", *_REFUSED, "one more try")
    assert _read_back(heard[-1])["phone_number"] == "+14155550142"
