"""The offline NLU reads the caller: greeting, name, reason, yes/no and goodbye."""

from __future__ import annotations

import pytest

from tests.test_nlu import assert_reads
from workflows.rehearsal.nlu import understand

GREETINGS = [
    ("hi", {"greeting": True}),
    ("Hello there!", {"greeting": True}),
    ("hey", {"greeting": True}),
    ("Good morning", {"greeting": True}),
    ("good afternoon, anyone there?", {"greeting": True}),
    ("Good evening.", {"greeting": True}),
    ("Oh, hello", {"greeting": True}),
    ("hiya", {"greeting": True}),
    ("Morning!", {"greeting": True}),
    ("Howdy", {"greeting": True}),
    ("yes hello", {"greeting": True, "confirm": True}),
]

NAMES = [
    ("my name is Ada Lovelace", {"name": "Ada Lovelace"}),
    ("My name's Grace", {"name": "Grace"}),
    ("I'm Ada", {"name": "Ada"}),
    ("i am ada lovelace", {"name": "Ada Lovelace"}),
    ("this is Bob from Acme", {"name": "Bob"}),
    ("Hi, this is Bob", {"greeting": True, "name": "Bob"}),
    ("Ada here", {"name": "Ada"}),
    ("hello, Ada Lovelace here", {"greeting": True, "name": "Ada Lovelace"}),
    ("it's Ada", {"name": "Ada"}),
    ("Hey it's Dana from marketing", {"greeting": True, "name": "Dana"}),
    ("call me Ada", {"name": "Ada"}),
    ("you can call me Sam", {"name": "Sam"}),
    ("Carol speaking", {"name": "Carol"}),
    ("I'm Seán O'Brien", {"name": "Seán O'Brien"}),
    ("im mary-jane", {"name": "Mary-Jane"}),
    ("I'm Ada, calling about the budget", {"name": "Ada", "reason": "the budget"}),
    ("the name is Bond", {"name": "Bond"}),
    ("Yes, I'm Ada", {"name": "Ada", "confirm": True}),
    (
        "It's Ada Lovelace calling about the budget",
        {"name": "Ada Lovelace", "reason": "the budget"},
    ),
]

NOT_NAMES = [
    ("I'm calling about my invoice", {"reason": "my invoice"}),
    ("I'm not sure", {}),
    ("I am not sure", {}),
    ("I'm fine, thanks", {}),
    ("I'm good", {}),
    ("I'm looking for Dana", {"reason": "Dana"}),
    ("I'm still here", {}),
    ("I'm sorry", {}),
    ("I'm ready", {}),
    ("I'm on the line", {}),
    ("I'm the host", {}),
    ("I'm Dana's assistant", {}),
    ("this is urgent", {}),
    ("this is about my bill", {"reason": "my bill"}),
    ("it's me", {}),
    ("it's ringing", {}),
    ("call me back", {}),
    ("I'm having trouble hearing", {}),
    ("I'm interested in a demo", {}),
    ("is anyone here?", {}),
    ("I'm a customer", {}),
]

REASONS = [
    (
        "I need to set up a conference call with my team",
        {"reason": "setting up a conference call with my team", "action": "conference"},
    ),
    ("calling about the Q3 budget", {"reason": "the Q3 budget"}),
    ("I'm calling regarding my account", {"reason": "my account"}),
    (
        "I'd like to talk to someone in billing",
        {"reason": "talking to someone in billing", "action": "transfer", "target": "someone"},
    ),
    ("I want to book a demo, please", {"reason": "booking a demo"}),
    ("It's about the contract renewal", {"reason": "the contract renewal"}),
    ("The reason I'm calling is the outage yesterday", {"reason": "the outage yesterday"}),
    ("I was hoping to reschedule my appointment", {"reason": "rescheduling my appointment"}),
    ("I need a quote for ten licenses", {"reason": "a quote for ten licenses"}),
    ("regarding the invoice you sent", {"reason": "the invoice you sent"}),
    ("We need to sort out the shipping delay", {"reason": "sorting out the shipping delay"}),
]

CONFIRM = [
    ("yes", {"confirm": True}),
    ("yeah go ahead", {"confirm": True}),
    ("that's right", {"confirm": True}),
    ("correct", {"confirm": True}),
    ("sure", {"confirm": True}),
    ("please do", {"confirm": True}),
    ("Yep.", {"confirm": True}),
    ("absolutely", {"confirm": True}),
    ("sounds good", {"confirm": True}),
    ("ok", {"confirm": True}),
    ("no", {"confirm": False}),
    ("nope", {"confirm": False}),
    ("that's wrong", {"confirm": False}),
    ("don't", {"confirm": False}),
    ("cancel", {"confirm": False, "cancel": True}),
    ("wait, no", {"confirm": False}),
    ("no, that's not right", {"confirm": False}),
    ("never mind", {"confirm": False}),
    ("absolutely not", {"confirm": False}),
    ("not yet", {"confirm": False}),
    ("yes - wait, no", {"confirm": False}),
    ("no, yes, go ahead", {"confirm": True}),
    ("don't call Bob", {"confirm": False, "cancel": True, "cancel_who": "Bob"}),
]

GOODBYE = [
    ("bye", {"goodbye": True}),
    ("goodbye", {"goodbye": True}),
    ("that's all, thanks", {"goodbye": True}),
    ("hang up", {"goodbye": True, "ends_call": True}),
    ("please end the call", {"goodbye": True, "ends_call": True}),
    ("we're done here", {"goodbye": True, "ends_call": True}),
    ("I have to go", {"goodbye": True}),
    ("thanks, bye bye", {"goodbye": True}),
    ("I've got to run", {"goodbye": True}),
    ("nothing else, have a good day", {"goodbye": True}),
    ("disconnect me", {"goodbye": True}),
    ("remove me from the call", {"goodbye": True}),
    ("no thanks, that's all", {"confirm": False, "goodbye": True}),
    ("don't hang up", {"confirm": False}),
    ("are we done?", {}),
    ("I need to drop off now", {"goodbye": True}),
]

TABLE = GREETINGS + NAMES + NOT_NAMES + REASONS + CONFIRM + GOODBYE


@pytest.mark.parametrize(("text", "fields"), TABLE, ids=[t or "<empty>" for t, _ in TABLE])
def test_reading(text: str, fields: dict) -> None:
    assert_reads(text, fields)


# ------------------------------------------------------------------ issue 12: how people talk
@pytest.mark.parametrize(
    "text, name",
    [
        ("Hi, Tom Nguyen, conference please", "Tom Nguyen"),
        ("yo, Alex, I need to bring someone into a call", "Alex"),
        (
            "good morning. Siobhán O'Brien-Smith calling about a conference call",
            "Siobhán O'Brien-Smith",
        ),
        ("Dr. Jane Foster speaking, I'd like to set up a conference", "Dr. Jane Foster"),
        ("Hello, Kenji Watanabe calling, I want to get a few people on a call", "Kenji Watanabe"),
        ("Sam here. Could you conference in my lawyer?", "Sam"),
        ("it's Priya", "Priya"),
        ("this is Maria Garcia", "Maria Garcia"),
        ("hi, conference please", None),
        ("yeah sure", None),
        ("yep", None),
        ("good morning", None),
    ],
)
def test_names_given_the_ways_people_give_them(text, name):
    assert understand(text).name == name


@pytest.mark.parametrize(
    "text, reason",
    [
        ("I need to bring someone into a call", "bringing someone into a call"),
        ("we'd like to set up a call", "setting up a call"),
        ("help me add Dana", "adding Dana"),
        ("can you help me with the budget", "the budget"),
        ("calling about the Q3 budget", "the Q3 budget"),
    ],
)
def test_a_reason_reads_well_after_about(text, reason):
    assert understand(text).reason == reason
