"""The tenth round (issue 22), one rule a test: what the fifth tester's calls showed. Each test
reads a line, or plays a few caller turns through the offline model on simulated telephony (as
the natural_tenth_* scenarios do), and checks what the host did on the turn the rule is about."""

from __future__ import annotations

from tests.scenarios.runner import Heard, play_lines
from workflows.rehearsal.nlu import understand


def _names(turn: Heard) -> list[str]:
    return [name for name, _ in turn.calls]


# ------------------------------------------------- 1. a request and thanks is that request
def test_someone_can_come_off_mute_is_an_unmute_of_them():
    reading = understand("right, sorted. Mulder can come off mute now")
    assert (reading.action, reading.target) == ("unmute", "Mulder")


async def test_a_request_with_cheers_is_that_request_and_never_ends_the_call():
    last = (await play_lines("host", "could you add Dana Scully please, cheers"))[-1]
    assert _names(last) == ["look_up_contact"]


async def test_an_explicit_goodbye_beside_a_request_still_ends_the_call():
    last = (await play_lines("host", "add Dana Scully, bye"))[-1]
    assert "end_call" not in _names(last)  # a sequence: the read-back first, the end after
    last = (await play_lines("host", "cheers, bye"))[-1]
    assert _names(last) == ["end_call"]


# ------------------------------------------------- 2. no contact from an incidental word
async def test_at_the_front_names_no_front_desk():
    heard = await play_lines(
        "host", "ring 415 555 0166, no plus one at the front", "yeah that's it"
    )
    assert _names(heard[0]) == ["read_back_number"]
    assert _names(heard[1]) == ["add_sip_participant"]


async def test_a_contact_said_with_not_is_never_offered_after_the_yes():
    heard = await play_lines("host", "add Dana White", "no, I meant Scully, not White", "yes")
    assert heard[1].calls[0][1]["name"] == "Scully"
    assert _names(heard[2]) == ["add_sip_participant"]


async def test_the_sales_one_beside_a_name_describes_her_and_offers_no_sales_desk():
    heard = await play_lines(
        "host", "add Dana White", "sorry, I meant Scully, the sales one", "yes"
    )
    assert _names(heard[2]) == ["add_sip_participant"]


async def test_a_question_about_the_support_team_is_no_need_of_support():
    heard = await play_lines(
        "receptionist",
        "hi, who do you have in the support team?",
        "Tom Okafor. I'm setting up a call with a couple of your people.",
    )
    assert _names(heard[1]) == ["transfer_to_conference_host"]


# ------------------------------------------------- 4. ending
def test_end_call_alone_ends_the_call():
    assert understand("end call").ends_call
    assert not understand("I need to end call forwarding").ends_call


def test_end_it_for_everyone_then_thanks_ends_the_call():
    assert understand("standup's over, you can end it for everyone. thanks so much!").ends_call


# ------------------------------------------------- 6. slang for mute
def test_chuck_him_on_mute_is_a_mute_of_him():
    reading = understand("right, chuck him on mute would ya")
    assert (reading.action, reading.target) == ("mute", None)
