"""The eighth round (issue 22), one rule a test: what the fourth tester's calls showed. The
dialog around each rule (read-backs asked again, only the caller's own yes dialling) is pinned
by the natural_eighth_* scenarios, which `tests/test_scenarios.py` plays."""

from __future__ import annotations

import json

import pytest
from livekit.agents import llm

from tests.support.harness import prompts
from workflows.rehearsal.earlier import earlier_number, renaming
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.cancel import DECLINE_RE
from workflows.rehearsal.nlu.people import kind
from workflows.rehearsal.nlu.problems import support_need


def _chat(*turns: tuple[str, str]) -> llm.ChatContext:
    """A chat of ("user", text) lines and ("add"|"read", number) tool calls."""
    ctx = llm.ChatContext.empty()
    for n, (kind_, value) in enumerate(turns):
        if kind_ == "user":
            ctx.add_message(role="user", content=value)
        elif kind_ == "system":
            ctx.add_message(role="system", content=value)
        else:
            name = "add_sip_participant" if kind_ == "add" else "read_back_number"
            args = json.dumps({"phone_number": value})
            ctx.items.append(llm.FunctionCall(call_id=f"c{n}", name=name, arguments=args))
    return ctx


# ------------------------------------------------- 1. things said earlier
@pytest.mark.parametrize(
    "said", ["try Nigel again", "Could you try Nigel once more, please?", "give Nigel one more go"]
)
def test_a_name_given_with_a_number_is_that_number(said):
    ctx = _chat(("user", "could you also try (415) 555-0186, that's Nigel"), ("add", "4155550186"))
    ctx.add_message(role="user", content=said)
    assert earlier_number(ctx, understand(said)) == "4155550186"


@pytest.mark.parametrize(
    "said", ["call the 0177 number again", "I gave it you earlier, it's the 0177 number"]
)
def test_last_digits_of_a_number_read_back_are_that_number(said):
    ctx = _chat(("read", "4155550142"), ("read", "4155550177"))
    assert earlier_number(ctx, understand(said)) == "4155550177"


def test_last_digits_of_no_number_said_are_nothing():
    ctx = _chat(("read", "4155550142"))
    assert earlier_number(ctx, understand("call the 0177 number")) is None


@pytest.mark.parametrize("said", ["unmute em", "ok drop 'em", "mute em please"])
def test_em_is_a_pronoun(said):
    target = understand(said).target
    assert target is None or kind(target) == "pronoun"


@pytest.mark.parametrize(
    "said, action",
    [
        ("Can you mute her line while I sort something?", "mute"),
        ("mute his line for a minute while we talk", "mute"),
        ("unmute their phone until I'm back", "unmute"),
    ],
)
def test_her_line_is_a_pronoun_and_the_rest_no_name(said, action):
    reading = understand(said)
    assert reading.action == action and reading.target is None


# ------------------------------------------------- 2. questions to a read-back
@pytest.mark.parametrize(
    "said, purpose",
    [
        ("you're transferring me, right? not adding them?", "transfer"),
        ("so you'll put me through, yeah?", None),
        ("this is a transfer, right?", "transfer"),
        ("Wait, he's joining this call though, isn't he? My colleague stays on?", "add"),
        ("she's being added to this call, yeah?", "add"),
        ("I'm not leaving, am I?", "add"),
    ],
)
def test_a_question_says_what_the_read_back_is_taken_for(said, purpose):
    assert understand(said).asks_purpose == purpose


def test_a_statement_is_no_purpose_question():
    assert understand("he is joining us later").asks_purpose is None


@pytest.mark.parametrize(
    "said", ["what happens to you after? do I come back here?", "will I lose you?"]
)
def test_what_happens_after_is_a_question_about_the_transfer(said):
    reading = understand(said)
    assert reading.asks_about_transfer and reading.action is None


# ------------------------------------------------- 3. declining
@pytest.mark.parametrize(
    "said",
    ["nah skip Mulder lol", "no number, don't add anyone", "no, leave it", "nah, skip that one"],
)
def test_declining_is_read(said):
    assert DECLINE_RE.search(said)


@pytest.mark.parametrize("said", ["no", "no, that's wrong", "put me through, skip the intro"])
def test_a_plain_no_or_skipping_the_intro_is_no_decline(said):
    assert not DECLINE_RE.search(said)


# ------------------------------------------------- 4. add or transfer
@pytest.mark.parametrize(
    "said",
    [
        "could you get Fox Mulder to join and tell him who I am before he comes on?",
        "bring Dana Scully onto this call and let her know it's me calling",
    ],
)
def test_an_introduction_on_joining_is_no_warm_transfer(said):
    assert understand(said).action != "warm_transfer"


def test_an_introduction_with_a_transfer_stays_warm():
    assert understand("transfer me to Dana but introduce me first").action == "warm_transfer"


@pytest.mark.parametrize(
    "said",
    [
        "just put me straight through to support, no intro needed",
        "patch me right through to Dana Scully, you don't need to introduce me",
    ],
)
def test_straight_through_is_a_cold_transfer(said):
    assert understand(said).action == "transfer"


# ------------------------------------------------- 5. the need survives the handover
@pytest.mark.parametrize(
    "said",
    [
        "hey so the app keeps logging me out every five minutes",
        "The app keeps crashing and it logs me out all the time",
        "I keep getting logged out",
    ],
)
def test_a_problem_said_plainly_is_a_need_for_support(said):
    assert understand(said).wants_support and support_need(said)


# ------------------------------------------------- 6. endings and slang
@pytest.mark.parametrize(
    "said",
    [
        "Alright, then we are finished. Tschüss",
        "kk we good, peace out",
        "ok then, we're finished here, ciao",
    ],
)
def test_endings_in_slang_and_other_languages_are_goodbyes(said):
    assert understand(said).goodbye


def test_then_before_leaving_later_is_still_later():
    assert not understand("add Dana and then I'll probably hop off").goodbye


@pytest.mark.parametrize(
    "said, target",
    [
        ("sales desk can bounce now tho", "sales desk"),
        ("ok Dana can dip now", "Dana"),
        ("the 0146 guy can head out too", "the one ending in 0146"),
    ],
)
def test_slang_for_leaving_removes_that_person(said, target):
    reading = understand(said)
    assert (reading.action, reading.target, reading.goodbye) == ("remove", target, False)


# ------------------------------------------------- 7. grouped numbers and the keypad
def test_grouped_numbers_after_at_are_no_time():
    said = "Robert is at four fifteen, five fifty-five, oh one seventy-seven."
    assert understand(said).numbers == ("4155550177",)


@pytest.mark.parametrize("said", ["I'll type it in then.", "let me key it in", "can I type it?"])
def test_saying_they_will_key_it_is_read(said):
    assert understand(said).keys_in


def test_keys_to_press_are_not_keying_a_number():
    assert not understand("I'll type 1").keys_in


# ------------------------------------------------- 8. the caller's name corrected
def _host_chat(caller: str, said: str) -> llm.ChatContext:
    task = prompts().host.task
    task = task.replace("$caller_name", caller).replace("$caller_reason", "a conference call")
    return _chat(("system", task), ("user", said))


@pytest.mark.parametrize(
    "caller, said, name",
    [
        ("Anan", "actually it's Anand, not Anan", "Anand"),
        ("Guten Tag", "my name is Klaus, not Guten Tag", "Klaus"),
        ("Ada", "oh and just call me Grace", "Grace"),
    ],
)
def test_the_callers_own_name_corrected_is_renamed(caller, said, name):
    step = renaming(_host_chat(caller, said), understand(said), prompts())
    assert step is not None and json.loads(step.arguments) == {"name": name}


@pytest.mark.parametrize(
    "said", ["this is Dana's number", "Dana here too?", "no, it's Dana, not Fox", "call me back"]
)
def test_another_name_is_no_renaming(said):
    assert renaming(_host_chat("Ada", said), understand(said), prompts()) is None
