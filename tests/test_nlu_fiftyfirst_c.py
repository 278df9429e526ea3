"""The rehearsal model, fifty-first round c (issue 22): wrong actions tester 42 found. The
caller sending the host away ends nothing while others are on; "Ava, Monica ... remove her"
removes Monica; a reason after a name is no second person; "dial one more: <number>" reads
the number back; a name said with one number is never given to the next dial. One rule a
test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts

_PROMPTS = prompts()
_ANSWERS = _PROMPTS.offline.answers
_ONE = ("add Dana Scully", "yes")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. the host sent away, the call goes on
_SENT_AWAY = [
    "Ava can you drop off now, i'm good",
    "thanks ava that's all we need from u, bye!",
    "ok cool. ava you can leave us now, thanks",
    "i mean YOU, the assistant. can you hang up yourself and leave me and dana talking?",
    "Ava, you can go now, thank you",
    "we don't need you anymore, thanks. bye",
]


@pytest.mark.parametrize("line", _SENT_AWAY)
async def test_sending_the_host_away_ends_nothing_while_others_are_on(line):
    heard = await play_lines("host", *_ONE, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays]


@pytest.mark.parametrize("line", ["thanks ava that's all we need from u, bye!", "bye!"])
async def test_with_nobody_else_on_a_goodbye_still_ends_the_call(line):
    heard = await play_lines("host", line)
    assert _names(heard[-1]) == ["end_call"]


@pytest.mark.parametrize(
    "line", ["ava you can go, end the call for everyone", "ok end the call", "hang up please"]
)
async def test_ending_the_call_in_so_many_words_still_ends_it(line):
    heard = await play_lines("host", *_ONE, line)
    assert _names(heard[-1]) == ["end_call"]


async def test_thanking_someone_else_on_the_call_is_no_sending_the_host_away():
    heard = await play_lines("host", *_ONE, "Dana, thanks, we don't need you anymore")
    assert heard[-1].lines != [_ANSWERS.host_stays]


# ----------------------------------------------- 2. "Ava, Monica ... remove her": Monica
_DANA_AND_FOX = ("add Dana Scully", "yes", "add Fox Mulder", "yes")


@pytest.mark.parametrize(
    "line",
    [
        "Ava, Dana needs to leave, please remove her.",
        "Ava, Dana has to go now, can you drop her?",
        "host, Dana is finished, take her off please",
    ],
)
async def test_a_host_addressed_before_a_reason_is_never_the_one_removed(line):
    heard = await play_lines("host", *_DANA_AND_FOX, line)
    assert [(n, a.get("who")) for n, a in heard[-1].calls] == [
        ("remove_participant", "Dana Scully")
    ]


# ----------------------------------------------- 3. a reason after a name is no second person
@pytest.mark.parametrize(
    "line",
    [
        "ava can you mute fox, he's driving and it's loud",
        "mute Fox please, there's a dog barking and it is noisy",
        "mute fox he's driving and it's loud",
    ],
)
async def test_a_reason_after_the_name_mutes_only_that_one(line):
    heard = await play_lines("host", *_DANA_AND_FOX, line)
    assert [(n, a.get("who")) for n, a in heard[-1].calls] == [("mute_participant", "Fox Mulder")]


async def test_two_people_joined_by_and_are_still_both_muted():
    heard = await play_lines("host", *_DANA_AND_FOX, "mute Dana and Fox")
    assert [n for n, _ in heard[-1].calls] == ["mute_participant", "mute_participant"]


# ----------------------------------------------- 4. "dial one more: <number>" is a person
@pytest.mark.parametrize(
    "line",
    [
        "Oh, and dial one more: 415-555-0186.",
        "dial one more please, 415 555 0186",
        "and dial another: four one five, five five five, zero one eight six",
        "can you dial one more number, 415 555 0186",
    ],
)
async def test_dialling_one_more_reads_the_number_back_and_presses_nothing(line):
    heard = await play_lines("host", *_ONE, line)
    assert [n for n, _ in heard[-1].calls] == ["read_back_number"]
    assert heard[-1].calls[0][1]["phone_number"].endswith("4155550186")


@pytest.mark.parametrize("line", ["dial 1", "press 1 please", "dial star 9"])
async def test_keys_to_dial_are_still_pressed(line):
    heard = await play_lines("host", *_ONE, line)
    assert [n for n, _ in heard[-1].calls] == ["send_digits"]


# ----------------------------------------------- 5. a name said with one number, not the next
@pytest.mark.parametrize(
    "line",
    [
        "Now can you get your mother too, her number is 4 1 5 5 5 5 0 1 6 8",
        "and add my sister please, her number is 415 555 0168",
        "can you also call my boss? his number is 415 555 0168",
    ],
)
async def test_someone_new_with_a_pronouns_number_is_never_named_as_the_one_before(line):
    heard = await play_lines(
        "host", "Peter is four one five, five five five, oh one four nine", "yes", line, "yes"
    )
    assert "name_participant" not in [n for n, _ in heard[-1].calls]
    assert "add_sip_participant" in [n for n, _ in heard[-1].calls]
