"""The twelfth round (issue 22), one rule a test: what the sixth tester's calls showed. Each test
reads a line, or plays a few caller turns through the offline model on simulated telephony (as
the natural_twelfth_* scenarios do), and checks what the host did on the turn the rule is about."""

from __future__ import annotations

from prompts.loader import render
from tests.scenarios.corpus import Scenario
from tests.scenarios.runner import Heard, play, play_lines
from tests.support.harness import prompts
from workflows.call.confirmation import is_clear_yes
from workflows.rehearsal.introduction import about_from
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import support_need


def _names(turn: Heard) -> list[str]:
    return [name for name, _ in turn.calls]


# ------------------------------------------------- 1. a clear yes with a lead-in or a tail
def test_a_sigh_before_a_yes_leads_in_and_never_ends_one():
    words = prompts().confirmation
    assert is_clear_yes("ugh ok. yes, go ahead", words, "")
    assert is_clear_yes("Ugh, fine.", words, "")
    assert not is_clear_yes("yes, ugh", words, "")  # more to come
    assert not is_clear_yes("ugh, no", words, "")


def test_go_on_so_is_a_yes_and_so_alone_still_leads_on():
    words = prompts().confirmation
    assert is_clear_yes("Yeah, go on so.", words, "")
    assert is_clear_yes("Go ahead so.", words, "")
    assert not is_clear_yes("Yeah, so", words, "")
    assert not is_clear_yes("nah that's sweet, go ahead", words, "")


def test_german_please_and_that_too_stand_beside_a_yes_never_alone():
    # The eighth tester: "Ja, bitte" and "Yes, that also" (to the second of two read-backs).
    words = prompts().confirmation
    assert is_clear_yes("Ja, bitte", words, "")
    assert is_clear_yes("Yes, that also", words, "")
    assert is_clear_yes("yes, that too please", words, "")
    assert not is_clear_yes("bitte", words, "")
    assert not is_clear_yes("that also", words, "")
    assert not is_clear_yes("Yes, that also, and Dana", words, "")


# ------------------------------------------------- 2. the introduction carries the caller's reason
def test_a_device_that_keeps_failing_is_a_need_of_support_said_with_what_it_does():
    assert understand("my router keeps dropping the connection").wants_support
    need = support_need("it's Jen. my router keeps dropping the connection every ten minutes")
    assert need == "support with their router dropping the connection"


def test_about_something_on_behalf_of_someone_is_the_need():
    need = support_need("calling on behalf of Mr. Okafor, he needs support about an invoice")
    assert need == "support with an invoice for Mr. Okafor"
    assert support_need("I need support") is None


def test_tell_them_its_about_is_said_of_the_caller_and_the_latest_wins():
    assert about_from("can you tell them it's about my router, please?") == "their router"
    assert about_from("what are you gonna tell them?") is None


async def test_tell_them_its_about_answers_with_the_introduction_and_reads_back_again():
    p = prompts()
    heard = await play_lines(
        "host",
        "put me through to Fox Mulder and introduce me",
        "could you mention it's about an invoice for Mr. Okafor?",
        "yes",
    )
    assert _names(heard[1]) == ["look_up_contact"]  # asked again: the next yes confirms
    assert any("an invoice for Mr. Okafor" in line for line in heard[1].lines)
    assert heard[2].calls == [("warm_transfer", {"about": "an invoice for Mr. Okafor"})]
    spoken = render(
        p.host.transfer.introduce,
        who="Fox Mulder",
        caller_name="\0",  # whoever the test call's caller is
        caller_reason="an invoice for Mr. Okafor",
    )
    head, tail = spoken.split("\0")
    assert any(s.startswith(head) and s.endswith(tail) for s in heard[2].lines)  # as given


# ------------------------------------------------- 3. questions answered, not ignored
async def test_is_this_the_right_line_for_support_is_answered_before_the_name():
    p = prompts()
    heard = await play_lines("receptionist", "hello, am I through to support?", "Marek")
    assert heard[0].lines == [f"{p.offline.right_line} {p.offline.ask_name}"]
    assert heard[1].calls[0] == (
        "transfer_to_conference_host",
        {"caller_name": "Marek", "reason": "support"},
    )


async def test_a_contacts_number_refused_at_look_up_says_whose_it_is():
    p = prompts()
    heard = await play_lines("host", "add 415 555 0142", "yes", "add Dana Scully too")
    refusal = render(p.host.refused.duplicate, who="+1 415-555-0142")
    said = render(p.host.directory.refused, who="Dana Scully", refusal=refusal)
    assert said in heard[2].lines


async def test_whose_number_is_that_names_the_contact_and_the_read_back_waits():
    p = prompts()
    heard = await play_lines("host", "add 415 555 0144", "is that Mulder's number?", "yes")
    assert render(p.offline.whose_number, number="+1 415-555-0144", who="Fox Mulder") in (
        heard[1].lines
    )
    assert _names(heard[1]) == ["read_back_number"]
    assert _names(heard[2])[0] == "add_sip_participant"  # then named Fox Mulder (fortieth round)


# ------------------------------------------------- 4. no false "Okay"
async def test_a_line_with_a_no_that_nothing_was_done_for_gets_no_okay():
    p = prompts()
    heard = await play_lines("host", "no, not the Fennimore account")
    assert heard[0].lines == [p.offline.host_not_understood]
    heard = await play_lines("host", "no thanks")  # a bare answer to the greeting's question
    assert heard[0].lines == [p.offline.anything_else]


async def test_spelling_ones_own_name_renames_the_caller_keeping_the_surname():
    heard = await _as("Jurgen Bauer", "my name is spelled J-U-E-R-G-E-N")
    assert heard[0].calls == [("correct_caller_name", {"name": "Juergen Bauer"})]
    heard = await _as("Jurgen Bauer", "Dana's name is spelled D-A-N-A")
    assert "correct_caller_name" not in _names(heard[0])


async def test_a_name_with_an_aside_then_not_the_old_one_renames_the_caller():
    heard = await _as("Jurgen Bauer", "Juergen, with an e, not Jurgen")
    assert heard[0].calls == [("correct_caller_name", {"name": "Juergen Bauer"})]


async def test_one_of_a_listed_team_named_beside_a_not_is_read_back():
    heard = await play_lines("host", "who's in the sales team?", "Desk. Not Dana.")
    assert heard[1].calls == [("look_up_contact", {"name": "Sales desk", "purpose": "add"})]
    heard = await play_lines("host", "who's in the sales team?", "Dana. Not the desk.")
    assert heard[1].calls == [("look_up_contact", {"name": "Dana Scully", "purpose": "add"})]


async def _as(caller: str, *says: str) -> list[Heard]:
    heard: list[Heard] = []

    async def keep(_index, turn, _result) -> None:
        heard.append(turn)

    scenario = Scenario.model_validate(
        {"about": "lines", "start": "host", "caller": {"name": caller, "reason": "a call"}}
        | {"turns": [{"say": s} for s in says]}
    )
    await play(scenario, None, keep)
    return heard
