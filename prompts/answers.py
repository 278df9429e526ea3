"""The strict model of the offline model's short answers (`answers:` in prompts/offline.yaml)."""

from __future__ import annotations

from prompts.schema import Strict


class OfflineAnswers(Strict):
    """Questions about the host answered in a line, then the call carries on."""

    dial_regions: str  # "can you dial people in from outside the US?" ($regions: the policy's)
    automated: str  # "are you a real person or a bot?"
    call_length: str  # "how long have we been going?": the call's length only ($minutes, whole)
    call_length_short: str  # the same, under a minute in
    call_length_one: str  # the same, about a minute in
    extension: str  # "what's his extension?" to a contact's read-back ($who, $extension)
    no_extension: str  # the same, for a contact listed without one ($who)
    leave_or_end: str  # "I'll leave them to it, goodbye" with others on: end it for all now?
    caller_cannot_leave: str  # "leave them talking": the caller alone cannot leave the call
    when_caller_leaves: str  # "if I hang up will they stay connected?": no, it ends for all
    host_stays: str  # "we can take it from here" with others on: the host stays, quietly
    capabilities: str  # "can you transfer calls to other numbers?", "can you do transfers?"
    cost: str  # "does it cost anything?": what the caller's phone company charges is not known
    your_name: str  # "what name have you got for me?": the caller's name as the host has it
    their_name: str  # "what's her name again?" to a contact's read-back ($who)
    already_named: str  # "the 0174 person's name is Suresh" when that is their name ($who)
    which_named: str  # "my sisters name is Kayla, and mom is Linda", no leg is mom ($name)
    named_but_left: str  # "the first is Lakshmi and the second Arjun": one left ($who, $name)
    rest_next: str  # a line of two requests whose first waits for the caller's answer
    transfer_once_joined: str  # "add X and then transfer me to $who": read back once X is on
    host_stays_for_you: str  # a participant's "Ava, can you leave us?": only the caller ends it
    line_works: str  # "that's all, just checking the line works": the line works; no goodbye
    all_gone: str  # "do you hang up when everyone leaves?": the call stays with the caller
    one_gone: str  # "what happens if Dana drops off?": the others stay; a redial is offered
    while_ringing: str  # "will they hear me while they ring?": only once they have joined
    receptionist_is: str  # "whats ur name btw" to the receptionist: who it is
    transfer_kind_ahead: str  # "is it gonna be warm or cold?" asked of the receptionist
    caller_not_muted: str  # "am I on mute?": the host never mutes the caller
    caller_mute_own: str  # "mute me", "put me on hold": only the caller's phone can
    keep_from_hearing: str  # "make it so Luis can't hear us": only taking off helps ($who)
    when_asked: str  # "..., then unmute her after": no timers, so done when the caller asks
    real_person: str  # "is that a real person?" while $who's read-back waits: their own line
    straight_through: str  # "just send me straight thru, no intro" to the receptionist
    no_messages: str  # "could u have left her a msg instead??": it takes no message to pass on
    no_team: str  # "is there a billing dept?": none; the directory's teams ($team, $teams)
    who_contact: str  # "whos Dana White": a directory contact's team ($who, $team)
    name_or_number: str  # after `no_team` to "put me through to someone in HR": whom, then
    cannot_tell: str  # "is this call recorded?", "are they open?": a question it cannot answer
    add_not_answered: str  # "if he doesnt pick up what happens" to an add's read-back
    no_scheduling: str  # "can you schedule it for 3pm?": no calls set up for later, only now
    call_limit: str  # "is there a limit?": how long a call may last (MAX_CALL_DURATION, $minutes)
    volume: str  # "can you make it a bit louder?", "you're very quiet": the volume is the phone's
    no_recording: str  # "can you record the call?", "is it possible to record this?": it cannot
    VARIABLES = {"dial_regions": ("regions",), "call_length": ("minutes",)}
    VARIABLES |= {"call_limit": ("minutes",)}
    VARIABLES |= {"extension": ("who", "extension"), "no_extension": ("who",)}
    VARIABLES |= {"your_name": ("name",), "their_name": ("who",), "real_person": ("who",)}
    VARIABLES |= {"keep_from_hearing": ("who",)}
    VARIABLES |= {"no_team": ("team", "teams"), "who_contact": ("who", "team")}
    VARIABLES |= {"already_named": ("who",), "named_but_left": ("who", "name")}
    VARIABLES |= {"which_named": ("name",), "transfer_once_joined": ("who",)}
