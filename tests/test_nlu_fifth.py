"""What the fifth round's tester said and the offline NLU misread (issue 22), one rule a test:
a third person leaving, everyone but the caller, calling off a ringing phone, keys on a phone
menu, warm transfers asked other ways, problems said with the name, directory words in passing.
The dialog around them is pinned by the natural_fifth_* scenarios."""

from __future__ import annotations

import pytest

from tests.support.harness import files
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.problems import support_need


def _reads(said: str, **fields) -> None:
    reading = understand(said)
    assert {k: getattr(reading, k) for k in fields} == fields, said


# ------------------------------------------------------------------- a third person leaving
@pytest.mark.parametrize(
    "said, whom",
    [
        ("ok the 0164 guy can drop off, he's done", "the one ending in 0164"),
        ("New York can drop off now, they've got what they need.", "New York"),
        ("Dana is free to go", "Dana"),
        ("actually Mulder can hang up now", "Mulder"),
    ],
)
def test_someone_who_can_drop_off_is_removed_and_the_call_goes_on(said, whom):
    _reads(said, action="remove", target=whom, ends_call=False)


@pytest.mark.parametrize(
    "said, whom",
    [("can you let Dana go?", "Dana"), ("you can let the 212 number go now", "the 212 number")],
)
def test_let_them_go_is_a_removal(said, whom):
    _reads(said, action="remove", target=whom)


@pytest.mark.parametrize(
    "said, whom",
    [
        ("The sales desk isn't needed anymore, can you let them go?", "The sales desk"),
        ("Mulder's not needed now", "Mulder"),
    ],
)
def test_not_needed_anymore_is_a_removal_of_whom_it_names(said, whom):
    _reads(said, action="remove", target=whom)


@pytest.mark.parametrize(
    "said, whom",
    [
        ("we're done with Dana, thanks", "Dana"),
        ("we don't need the sales desk anymore", "the sales desk"),
    ],
)
def test_done_with_someone_is_a_removal_not_the_end_of_the_call(said, whom):
    _reads(said, action="remove", target=whom, ends_call=False)


def test_he_can_drop_off_is_a_removal_of_whom_he_is():
    _reads("he can drop off now", action="remove", target=None, ends_call=False)


@pytest.mark.parametrize(
    "said", ["I can go now", "I think we can go now", "let's go", "can you go ahead", "let me go"]
)
def test_the_caller_or_the_agent_leaving_is_no_removal(said):
    assert understand(said).action != "remove", said


def test_the_caller_done_outright_still_ends_the_call():
    _reads("ok we're done, end it", ends_call=True)


# ------------------------------------------------------------------ everyone but the caller
@pytest.mark.parametrize("said", ["Mute them all.", "mute all the others", "mute the rest"])
def test_them_all_and_the_others_are_everyone(said):
    _reads(said, action="mute", target="everyone")


def test_everyone_bar_me_ends_before_what_follows_it():
    _reads("Could you mute everyone bar me for a moment?", target="everyone except me")


def test_everyone_except_a_list_keeps_the_list():
    _reads("drop everybody apart from Dana and Mulder", target="everyone except Dana and Mulder")


# ------------------------------------------------------------------------- calling off
@pytest.mark.parametrize(
    "said",
    [
        "ugh he's not picking up, forget him",
        "hang that up",
        "never mind her",
        "give up on them",
        "forget about him",
    ],
)
def test_forget_him_and_hang_that_up_call_off(said):
    _reads(said, cancel=True, ends_call=False)


def test_hang_up_alone_still_ends_the_call():
    _reads("hang up", cancel=False, ends_call=True)


# ------------------------------------------------------------------------------ requests
def test_lets_get_someone_adds_them():
    _reads(
        "Okay, never mind. Let's get Dana from sales first", action="add", target="Dana from sales"
    )


@pytest.mark.parametrize("said", ["let's get started", "let's get going", "let's have it"])
def test_lets_get_going_adds_nobody(said):
    assert understand(said).action != "add", said


@pytest.mark.parametrize(
    "said",
    [
        "ugh it's one of those phone menus. can you hit 2 for me?",
        "it's one of those phone systems, hit 2",  # "those" before "phone": a noun
        "I'm stuck in phone menus, hit 2",  # "menus" after "phone": a noun
    ],
)
def test_a_phone_menu_is_no_one_to_phone(said):
    _reads(said, action="dtmf", digits="2")


@pytest.mark.parametrize("said", ["Who's left on now?", "who's left?"])
def test_whos_left_lists_the_call(said):
    _reads(said, action="list")


@pytest.mark.parametrize(
    "said",
    [
        "can you just put me through to him? but tell him it's me first",
        "transfer me to him, and let him know it's me",
        "put me through, but tell him who's calling first",
    ],
)
def test_tell_him_its_me_asks_for_a_warm_transfer(said):
    _reads(said, action="warm_transfer")


# ------------------------------------------------------------------------ the caller's need
@pytest.mark.parametrize(
    "said, need",
    [
        ("my account's been locked since this morning", "support for a locked account"),
        ("I'm locked out of my account", "support for a locked account"),
        ("my card got blocked", "support for a blocked card"),
        ("I can't log in at all", "support with logging in"),
        ("I cannot access my email", "support with getting into their email"),
        ("my internet isn't working", "support with their internet not working"),
        ("I have a problem with my bill.", "support with their bill"),
    ],
)
def test_a_problem_is_the_need_support_is_for(said, need):
    assert support_need(said) == need
    _reads(said, wants_support=True)


@pytest.mark.parametrize("said", ["I need support", "my account manager is Dana"])
def test_no_problem_said_is_no_need_of_its_own(said):
    assert support_need(said) is None


@pytest.mark.parametrize(
    "said",
    [
        "Jess Alvarez here, I'm pulling together a quick call with two of my vendors",
        "Marco speaking, I'm getting together a call with the design team",
        "It's Li, I'm lining up a call with my suppliers",
    ],
)
def test_pulling_a_call_together_is_a_reason(said):
    assert understand(said).reason, said


# ---------------------------------------------------------------------------- the directory
def test_a_word_of_an_alias_in_passing_names_nobody():
    directory = files().directory  # "help desk" is an alias of the Support desk
    said = "I was hoping you could help me get a few colleagues together on a call"
    assert directory.named_in(said) == []
    assert directory.named_in("put me through to the help desk") != []
    assert directory.named_in("add the boss") == ["boss"]


@pytest.mark.parametrize(
    "need, contact",
    [
        ("support", "Support desk"),
        ("support for a locked account", "Support desk"),
        ("a conference call", None),
        ("speaking to the front desk", None),
    ],
)
def test_the_desk_a_need_asks_for(need, contact):
    found = files().directory.asked_for(need)
    assert (found.name if found else None) == contact


# ------------------------------------------------------------------- more ways to say them
@pytest.mark.parametrize(
    "said, whom",
    [
        ("let's lose the 212 number", "the 212 number"),
        ("you can release New York now", "New York"),
        ("get rid of the sales desk", "the sales desk"),
        ("we can say goodbye to Dana now", "Dana"),
    ],
)
def test_lose_release_and_get_rid_of_are_removals(said, whom):
    _reads(said, action="remove", target=whom, ends_call=False)


@pytest.mark.parametrize("said", ["Dana's free to go", "Dana is free to go"])
def test_free_to_go_is_a_removal(said):
    _reads(said, action="remove", target="Dana")


@pytest.mark.parametrize(
    "said, whom",
    [
        ("New York's done, thanks", "New York"),
        ("Sales desk's done, thanks", "Sales desk"),
        ("the 0164 guy is done", "the one ending in 0164"),
        ("he's done", None),
    ],
)
def test_someone_named_who_is_done_is_a_removal(said, whom):
    _reads(said, action="remove", target=whom, ends_call=False)


@pytest.mark.parametrize("said", ["Dana's done talking", "that's done, bye", "we're done"])
def test_done_said_of_no_one_on_the_call_is_no_removal(said):
    assert understand(said).action != "remove", said


@pytest.mark.parametrize("said", ["don't let Dana go", "will I lose you?"])
def test_a_negated_or_second_person_let_go_is_no_removal(said):
    assert understand(said).action != "remove", said


@pytest.mark.parametrize(
    "said", ["tell him I'm on the line first", "say it's me before you put me through"]
)
def test_say_its_me_asks_for_a_warm_transfer(said):
    _reads(said, action="warm_transfer")


def test_choose_option_is_keys():
    _reads("choose option 2 for me", action="dtmf", digits="2")


@pytest.mark.parametrize(
    "said, need",
    [
        ("I was charged twice, this is Ann", "support because they were charged twice"),
        ("Hi, Ben here, my order hasn't arrived", "support with their order not arriving"),
        ("I need to reset my password, Tom here", "support with their password"),
    ],
)
def test_what_happened_to_the_caller_is_a_need_for_support(said, need):
    assert support_need(said) == need
    _reads(said, wants_support=True)
    assert files().directory.asked_for(need) is not None


@pytest.mark.parametrize("said", ["release me", "you can let us go now", "get rid of it"])
def test_the_caller_let_go_is_no_removal_of_anyone_else(said):
    assert understand(said).action != "remove", said
