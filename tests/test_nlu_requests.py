"""The offline NLU reads requests: the action asked for and who or what it is about."""

from __future__ import annotations

import pytest

from tests.test_nlu import LOCAL, NUM, assert_reads
from workflows.rehearsal.nlu import understand

CONFERENCE = [
    (
        "I'd like to set up a conference",
        {"reason": "setting up a conference", "action": "conference"},
    ),
    ("can you get my colleague on the line", {"action": "conference"}),
    ("Conference call please", {"action": "conference"}),
    ("Can we do a three-way call?", {"action": "conference"}),
    (
        "I want to start a conference with my team",
        {"reason": "starting a conference with my team", "action": "conference"},
    ),
    ("please add some people", {"action": "conference"}),
    ("I need a conference call", {"reason": "a conference call", "action": "conference"}),
    ("could you bring a few colleagues in", {"action": "conference"}),
    ("add one more person", {"action": "conference"}),
    ("can you loop in my boss", {"action": "conference"}),
    ("let's set up a call with the whole team", {"action": "conference"}),
]

ADD = [
    ("add Dana from sales", {"action": "add", "target": "Dana from sales"}),
    ("call +1 415 555 0100", {"action": "add", "phone_number": NUM}),
    ("dial 415-555-0100", {"action": "add", "phone_number": LOCAL}),
    ("Please add Bob to the call", {"action": "add", "target": "Bob"}),
    ("bring in Carol", {"action": "add", "target": "Carol"}),
    ("bring Carol in", {"action": "add", "target": "Carol"}),
    ("conference in Dana", {"action": "add", "target": "Dana"}),
    ("can you get Dana on the line", {"action": "add", "target": "Dana"}),
    ("call Dana at 415 555 0100", {"action": "add", "target": "Dana", "phone_number": LOCAL}),
    ("ring Bob now", {"action": "add", "target": "Bob"}),
    ("loop in the sales team", {"action": "add", "target": "the sales team"}),
    ("patch Dana in too", {"action": "add", "target": "Dana"}),
    ("invite Priya", {"action": "add", "target": "Priya"}),
    ("call him back", {"action": "add"}),
    ("call my colleague on 415 555 0100", {"action": "add", "phone_number": LOCAL}),
    ("set up a conference with Dana", {"action": "add", "target": "Dana"}),
    ("I'd like to add Dana", {"reason": "adding Dana", "action": "add", "target": "Dana"}),
    ("call Bob right now", {"action": "add", "target": "Bob"}),
    ("no, call Bob instead", {"confirm": False, "action": "add", "target": "Bob"}),
    ("please dial extension 204", {"action": "add", "extension": "204"}),
    ("call reception, extension 204", {"action": "add", "target": "reception", "extension": "204"}),
    ("try Dana again", {"action": "add", "target": "Dana"}),
    ("call 911", {"action": "add", "target": "911"}),
    (
        "Can you add Dana? Her number is 415 555 0100",
        {"action": "add", "target": "Dana", "phone_number": LOCAL},
    ),
]

LIST = [
    ("who is on the call?", {"action": "list"}),
    ("who's here", {"action": "list"}),
    ("Who's on the line right now", {"action": "list"}),
    ("who else is on", {"action": "list"}),
    ("list the participants", {"action": "list"}),
    ("participants?", {"action": "list"}),
    ("how many people are on the call", {"action": "list"}),
    ("who do we have so far", {"action": "list"}),
    ("who joined", {"action": "list"}),
    ("can you tell me who is connected", {"action": "list"}),
    ("how many are on", {"action": "list"}),
]

STATUS = [
    ("how is the call going", {"action": "status"}),
    ("is Dana connected yet?", {"action": "status", "target": "Dana"}),
    ("what's happening with the dial", {"action": "status"}),
    ("any luck?", {"action": "status"}),
    ("did Bob pick up", {"action": "status", "target": "Bob"}),
    ("is it ringing", {"action": "status"}),
    ("what's the status", {"action": "status"}),
    ("has Carol joined", {"action": "status", "target": "Carol"}),
    ("any update on Dana", {"action": "status"}),
    ("is he on the line yet", {"action": "status"}),
    ("how's my conference going", {"action": "status"}),
    ("is the call still going", {"action": "status"}),
]

REMOVE = [
    ("drop Bob", {"action": "remove", "target": "Bob"}),
    ("remove Dana from the call", {"action": "remove", "target": "Dana"}),
    ("kick Carol out", {"action": "remove", "target": "Carol"}),
    ("disconnect Bob please", {"action": "remove", "target": "Bob"}),
    ("hang up on Dana", {"action": "remove", "target": "Dana"}),
    ("take Bob off the call", {"action": "remove", "target": "Bob"}),
    ("drop 415 555 0100", {"action": "remove", "phone_number": LOCAL}),
    ("please remove the last caller", {"action": "remove", "target": "the last one"}),
    ("kick everyone else out", {"action": "remove", "target": "everyone"}),
    ("get Dana off the line", {"action": "remove", "target": "Dana"}),
]

MUTE = [
    ("mute Carol", {"action": "mute", "target": "Carol"}),
    ("mute everyone else", {"action": "mute", "target": "everyone"}),
    ("put Bob on mute", {"action": "mute", "target": "Bob"}),
    ("please mute Dana from sales", {"action": "mute", "target": "Dana from sales"}),
    ("mute all", {"action": "mute", "target": "everyone"}),
    ("silence Bob", {"action": "mute", "target": "Bob"}),
    ("mute 415 555 0100", {"action": "mute", "phone_number": LOCAL}),
    ("mute him", {"action": "mute"}),
    ("can you mute everybody", {"action": "mute", "target": "everyone"}),
    ("mute line 2", {"action": "mute", "target": "line 2"}),
    ("mute me", {"action": "mute", "target": "me"}),
]

UNMUTE = [
    ("unmute Carol", {"action": "unmute", "target": "Carol"}),
    ("take Bob off mute", {"action": "unmute", "target": "Bob"}),
    ("un-mute Dana please", {"action": "unmute", "target": "Dana"}),
    ("unmute everyone", {"action": "unmute", "target": "everyone"}),
    ("please unmute him", {"action": "unmute"}),
    ("unmute 415 555 0100", {"action": "unmute", "phone_number": LOCAL}),
    ("could you unmute Priya now", {"action": "unmute", "target": "Priya"}),
    ("take Carol from sales off mute", {"action": "unmute", "target": "Carol from sales"}),
    ("Unmute me please", {"action": "unmute", "target": "me"}),
]

TRANSFER = [
    ("transfer me to Dana", {"action": "transfer", "target": "Dana"}),
    ("put me through to sales", {"action": "transfer", "target": "sales"}),
    ("forward this call to +1 415 555 0100", {"action": "transfer", "phone_number": NUM}),
    ("can you connect me with Bob", {"action": "transfer", "target": "Bob"}),
    ("transfer me please", {"action": "transfer"}),
    ("patch me through to Carol", {"action": "transfer", "target": "Carol"}),
    ("please transfer me to 415 555 0100", {"action": "transfer", "phone_number": LOCAL}),
    (
        "pass me over to the support team",
        {"action": "transfer", "target": "the support team", "wants_support": True},
    ),
    ("just transfer me directly to Dana", {"action": "transfer", "target": "Dana"}),
    (
        "I'd like to speak with Dana",
        {"reason": "speaking with Dana", "action": "transfer", "target": "Dana"},
    ),
    ("Can I speak to a human?", {"action": "transfer", "target": "a human"}),
    ("transfer to x204", {"action": "transfer", "extension": "204"}),
]

WARM = [
    ("introduce me first", {"action": "warm_transfer"}),
    ("brief them before connecting me", {"action": "warm_transfer"}),
    ("warm transfer to Dana", {"action": "warm_transfer", "target": "Dana"}),
    ("transfer me to Dana but introduce me first", {"action": "warm_transfer", "target": "Dana"}),
    ("can you introduce me to Bob", {"action": "warm_transfer", "target": "Bob"}),
    ("give them a heads up before you put me through", {"action": "warm_transfer"}),
    ("please talk to him first", {"action": "warm_transfer"}),
    ("do a warm transfer to 415 555 0100", {"action": "warm_transfer", "phone_number": LOCAL}),
    ("let her know who I am before connecting", {"action": "warm_transfer"}),
]

DTMF = [
    ("press 1", {"action": "dtmf", "digits": "1"}),
    ("send 1 2 3 #", {"action": "dtmf", "digits": "123#"}),
    ("dial star 9", {"action": "dtmf", "digits": "*9"}),
    ("press one", {"action": "dtmf", "digits": "1"}),
    ("press the pound key", {"action": "dtmf", "digits": "#"}),
    ("hit 0", {"action": "dtmf", "digits": "0"}),
    ("enter 123456 then hash", {"action": "dtmf", "digits": "123456#"}),
    ("send the digits 4 5 6", {"action": "dtmf", "digits": "456"}),
    ("press 2 for sales", {"action": "dtmf", "digits": "2"}),
    ("enter my pin 9876 followed by pound", {"action": "dtmf", "digits": "9876#"}),
    ("dial 9", {"action": "dtmf", "digits": "9"}),
    ("punch in star star 5", {"action": "dtmf", "digits": "**5"}),
    ("press 1 then 2 then 3", {"action": "dtmf", "digits": "123"}),
    ("please send star 6 to unmute me", {"action": "dtmf", "digits": "*6"}),
]

HELP = [
    ("what can you do", {"action": "help"}),
    ("help", {"action": "help"}),
    ("Help!", {"action": "help"}),
    ("I need help", {"action": "help"}),
    ("what are my options", {"action": "help"}),
    ("how does this work?", {"action": "help"}),
    ("what can I say", {"action": "help"}),
    ("can you help me", {"action": "help"}),
    ("help me add Dana", {"reason": "adding Dana", "action": "add", "target": "Dana"}),
]

# Calling off a dial or a read-back: `cancel`, and whom it names when it names someone.
CANCEL = [
    ("cancel that", {"confirm": False, "cancel": True}),
    ("Cancel it please", {"confirm": False, "cancel": True}),
    ("don't ring her", {"confirm": False, "cancel": True}),
    ("please don't call them after all", {"confirm": False, "cancel": True}),
    ("don't bother calling him", {"confirm": False, "cancel": True}),
    ("no need to call her any more", {"confirm": False, "cancel": True}),
    ("stop calling him", {"confirm": False, "cancel": True}),
    ("never mind, don't call", {"confirm": False, "cancel": True}),
    ("forget it", {"cancel": True}),
    ("scratch that", {"cancel": True}),
    ("cancel the call to Dana", {"confirm": False, "cancel": True, "cancel_who": "Dana"}),
    ("Stop calling Dana Scully", {"confirm": False, "cancel": True, "cancel_who": "Dana Scully"}),
    (
        "stop ringing the one ending in 46",
        {"confirm": False, "cancel": True, "cancel_who": "the one ending in 46"},
    ),
    (
        "cancel the call to 415 555 0146",
        {"confirm": False, "cancel": True, "phone_number": LOCAL[:-3] + "146"},
    ),
    (
        "cancel that and call 415 555 0147 instead",
        {"confirm": False, "cancel": True, "action": "add", "phone_number": LOCAL[:-3] + "147"},
    ),
    ("hang up on them", {"action": "remove"}),  # a remove: the host picks the last one dialled
    ("don't hang up", {"confirm": False}),
    ("I didn't say stop calling her", {}),
    ("can you call Dana", {"action": "add", "target": "Dana"}),
]

TABLE = (
    CONFERENCE + ADD + LIST + STATUS + REMOVE + MUTE + UNMUTE + TRANSFER + WARM + DTMF + HELP
) + CANCEL


@pytest.mark.parametrize(("text", "fields"), TABLE, ids=[t or "<empty>" for t, _ in TABLE])
def test_reading(text: str, fields: dict) -> None:
    assert_reads(text, fields)


@pytest.mark.parametrize(
    "text, action, target",
    [
        ("drop the one ending in 64", "remove", "the one ending in 64"),
        ("remove the person ending in 0171", "remove", "the one ending in 0171"),
        ("kick out the number ending with six four", "remove", "the one ending in 64"),
        ("drop the first one", "remove", "the first one"),
        ("mute the last one", "mute", "the last one"),
        ("try that same one again", "redial", None),
        ("call that one again", "redial", None),
        ("redial", "redial", None),
        ("add 415 555 0100", "add", None),
    ],
)
def test_people_on_the_call_by_position_digits_or_again(text, action, target):
    reading = understand(text)
    assert (reading.action, reading.target) == (action, target)
