"""The confirmation rule: only the caller's clear yes, as their first turn after the spoken
read-back, dials or transfers. A corpus of yes and near-yes replies; the window a read-back
opens closes on the next turn, after silence or an announcement. Hostile models, what a
read-back names and the dial limits are in test_confirmation_hostile."""

import asyncio

import pytest

from prompts.schema import render
from tests.support.harness import prompts
from tests.support.host_calls import host_state, messages, start
from tests.support.scripted_llm import call, reads_back_then_dials, scripted, until
from workflows.call.confirmation import is_clear_yes
from workflows.lifecycle import events
from workflows.rehearsal.model import OfflineDialogLLM

NUMBER, SPOKEN, E164 = "+1 415 555 0161", "+1 415-555-0161", "+14155550161"

# Replies to the read-back of +1 415-555-0161 (conference_host.yaml, `read_back`)
CONFIRMS = [
    "yes",
    "Yes.",
    "YES",
    "Yes!",
    "yeah",
    "yep",
    "yup",
    "sure",
    "Sure, thanks!",
    "ok",
    "okay",
    "OK, go ahead",
    "alright",
    "all right",
    "correct",
    "that's correct",
    "That's right.",
    "that is correct",
    "right",
    "exactly",
    "absolutely",
    "definitely",
    "certainly",
    "of course",
    "go ahead",
    "yes please",
    "yes, please do",
    "please do",
    "do it",
    "yeah, go for it",
    "uh-huh",
    "mm-hmm",
    "sounds good",
    "perfect, thank you",
    "yes that's right",
    "yep, that\u2019s correct",
    "um, yes",
    "oh yes please",
    "yes yes",
    "great",
    "you got it",
    "affirmative",
    "yes, dial it",
]
DOES_NOT_CONFIRM = [
    "yes, but actually make that 0162",
    "sure, but call +1 415 555 0199 instead",
    "yes but not that one",
    "yes, dial 900 instead",
    "uh-huh, wait",
    "yes no",
    "that's right, not",
    "no",
    "nope",
    "not yet",
    "wait",
    "hold on",
    "hmm, let me think",
    "what?",
    "yes, hold on",
    "yes actually",
    "actually no",
    "yes, and add Dana too",
    "yes call 415 555 0162",
    "maybe",
    "I guess",
    "sure, why not",
    "yes, wait a second",
    "no, yes",
    "yes - no wait",
    "ignore that and dial it",
    "dial it anyway",
    "is that the right number?",
    "can you repeat that?",
    "yes, I mean 0162",
    "that's not right",
    "don't",
    "yeah right, as if",
    "okay but instead",
    "yes 0162",
    "yes, five",
    "sure, the one in support",
    "yes, but introduce me first",
    "what's your name again?",
    "hello?",
    "yes " * 60,
]


@pytest.mark.parametrize("reply", CONFIRMS)
def test_a_clear_yes_confirms(reply):
    assert is_clear_yes(reply, prompts().confirmation, "")


@pytest.mark.parametrize("reply", DOES_NOT_CONFIRM)
def test_a_near_yes_does_not_confirm(reply):
    assert not is_clear_yes(reply, prompts().confirmation, "")


def test_each_yes_phrase_confirms_alone_and_no_phrase_or_filler_alone_does():
    words = prompts().confirmation  # the shipped vocabulary, as a caller would use it
    for phrase in words.yes:
        assert is_clear_yes(phrase, words, ""), phrase
        for no in words.no:
            assert not is_clear_yes(f"{phrase} {no}", words, ""), f"{phrase} {no}"
    for filler in words.filler:
        assert not is_clear_yes(filler, words, ""), filler  # "um", "please": not a yes


def read_back_of(who: str = SPOKEN) -> str:
    return render(prompts().host.read_back, who=who)


@pytest.mark.parametrize("model", ["hostile", "offline"])
@pytest.mark.parametrize(
    "reply, dials", [(r, True) for r in CONFIRMS] + [(r, False) for r in DOES_NOT_CONFIRM]
)
async def test_only_a_clear_yes_to_the_read_back_dials(model, reply, dials):
    state = host_state()
    brain = (
        reads_back_then_dials(NUMBER, NUMBER)
        if model == "hostile"
        else OfflineDialogLLM(state.prompts, state.directory)
    )
    async with start(state, brain) as c:
        first = await c.session.run(user_input=f"add {NUMBER}")
        assert read_back_of() in messages(first)  # said to the caller by the tool itself
        await c.session.run(user_input=reply)
        await asyncio.sleep(0)
    dialled = [r.phone_number for r in state.telephony.dialled]
    assert (E164 in dialled) is dials
    assert all(number == E164 for number in dialled)  # "make that 0162" is read back first


async def test_a_refused_yes_reads_the_number_back_again_and_the_next_yes_dials():
    state = host_state()
    async with start(state, reads_back_then_dials(NUMBER, NUMBER)) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        result = await c.session.run(user_input="yes, but hold on")
        again = f"{state.prompts.host.not_confirmed} {read_back_of()}"
        assert messages(result) == [again]
        assert state.telephony.dialled == []
        await c.session.run(user_input="yes")
        await until(lambda: state.telephony.dialled)
    assert [r.phone_number for r in state.telephony.dialled] == [E164]


# ------------------------------------------------------------- the window closes


async def test_a_read_back_does_not_stay_live_across_unrelated_turns():
    state = host_state()
    model = scripted(
        {
            "add 415 555 0163": [call("read_back_number", phone_number="415 555 0163")],
            "hold on, what's your name again?": ["Sorry, I didn't catch that."],
            "ok": [call("add_sip_participant", phone_number="415 555 0163")],
        }
    )
    async with start(state, model) as c:
        for line in ("add 415 555 0163", "hold on, what's your name again?", "ok"):
            await c.session.run(user_input=line)
    assert state.telephony.dialled == []


async def test_correcting_a_directory_match_never_dials_the_first_match():
    state = host_state()
    model = scripted(
        {
            "bring Dana in": [call("look_up_contact", name="Dana")],
            "the one in support": ["Sorry, I didn't catch that."],
            "sure": [call("add_sip_participant", phone_number="+14155550142")],
        }
    )
    async with start(state, model) as c:
        first = await c.session.run(user_input="bring Dana in")
        assert any("Dana Scully" in m for m in messages(first))
        await c.session.run(user_input="the one in support")
        await c.session.run(user_input="sure")
    assert state.telephony.dialled == []


async def test_silence_past_the_window_closes_it():
    now = [1000.0]
    state = host_state()
    state.clock = lambda: now[0]
    async with start(state, reads_back_then_dials(NUMBER, NUMBER)) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        now[0] += 31  # the caller says nothing for 31 s, then "yes"
        result = await c.session.run(user_input="yes")
        assert state.telephony.dialled == []
        assert read_back_of() in messages(result)[-1]  # read back again instead
        now[0] += 2
        await c.session.run(user_input="yes")
        await until(lambda: state.telephony.dialled)


async def test_words_said_as_they_are_between_the_read_back_and_the_yes_close_the_window():
    # `events.speak` (a voicemail message, "Transferring you…") adds no question after it;
    # news (`events.say`) is followed by the read-back again: test_confirmation_news.
    state = host_state()
    async with start(state, reads_back_then_dials(NUMBER, NUMBER)) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        await events.speak(state, render(state.prompts.host.joined, who="Dana Scully"))
        await c.session.run(user_input="yes")
    assert state.telephony.dialled == []
