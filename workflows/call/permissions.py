"""Who may ask the host for what: the permission table (README, "Who may do what").

The caller owns the call and may ask for everything. A participant (anyone the host dialled
in) may ask who is on, to leave (the host says goodbye and removes them), to be muted or
unmuted, and to hear something again; those concerning a person concern only themselves.
Adding someone is put to the caller as a read-back that only the caller's own yes confirms
(`workflows/call/confirmation.py`); dialling, transferring, ending the call, pressing keys
and acting on anyone else stay with the caller. Decided here, in code, from who spoke (set
when the turn was heard), never from what a model says.
"""

from __future__ import annotations

from typing import Literal

# What a tool does, as the table names it.
Action = Literal[
    "who_is_on",  # list_participants, get_call_state
    "mute",  # mute_participant (or unmute)
    "remove",  # remove_participant: of oneself, leaving
    "add",  # read_back_number / look_up_contact for a new dial: the read-back asks the caller
    "dial",  # add_sip_participant: acts on the caller's yes
    "transfer",  # a transfer's read-back, transfer_call, warm_transfer
    "end",  # end_call
    "press_keys",  # send_digits
    "rename",  # correct_caller_name (the caller's own name), name_participant (a leg's)
]
# "yes": allowed; "self": allowed about oneself only; "ask_caller": put to the caller;
# "no": the caller's alone.
Rule = Literal["yes", "self", "ask_caller", "no"]
PARTICIPANT_MAY: dict[Action, Rule] = {
    "who_is_on": "yes",
    "mute": "self",
    "remove": "self",
    "add": "ask_caller",
    "dial": "no",
    "transfer": "no",
    "end": "no",
    "press_keys": "no",
    "rename": "no",
}
Verdict = Literal["allowed", "ask_caller", "only_self", "caller_only"]


def decide(action: Action, *, by_caller: bool, about_self: bool = False) -> Verdict:
    """What happens when someone asks for `action`: the caller always may; a participant by
    the table (`about_self`: the person it concerns is the one who asked)."""
    if by_caller:
        return "allowed"
    rule = PARTICIPANT_MAY[action]
    if rule == "yes" or (rule == "self" and about_self):
        return "allowed"
    if rule == "self":
        return "only_self"
    return "ask_caller" if rule == "ask_caller" else "caller_only"
