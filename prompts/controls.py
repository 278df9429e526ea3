"""The strict model of the conference controls' phrases (`controls:` in
prompts/conference_host.yaml)."""

from __future__ import annotations

from prompts.schema import Strict


class HostControls(Strict):
    """Removing, muting and sending keys (`tools/conference.py`)."""

    not_on_call: str
    which_one: str
    muted: str
    unmuted: str
    already_muted: str  # mute_participant: the room has them muted already
    not_muted: str  # mute_participant: unmute someone the room does not have muted
    already_muted_several: str  # already_muted, said of two or more ("$who are ...")
    not_muted_several: str  # not_muted, said of two or more ("$who aren't ...")
    nobody_else: str  # mute_participant "everyone except $who" when only $who is on
    digits_sent: str
    bad_digits: str
    nobody_to_hear_keys: str  # send_digits with no dialled person (or menu) on the call
    keys_failed: str  # send_digits failed on our side
    cancelled: str  # remove_participant hung up a phone still dialling or ringing
    renamed: str  # correct_caller_name: the caller's name as they corrected it
    no_name: str  # correct_caller_name without a name
    participant_named: str  # name_participant: $who (as named before) is now called $name
    bad_person_name: str  # name_participant: $name is no name (digits, signs, too long)
    name_taken: str  # name_participant: another person on the call is already called $name
    VARIABLES = {
        "renamed": ("name",),
        "participant_named": ("who", "name"),
        "bad_person_name": ("name",),
        "name_taken": ("name",),
        "which_one": ("who", "choices"),
        "digits_sent": ("digits",),
        "bad_digits": ("digits",),
        "nobody_to_hear_keys": ("digits",),
    }
    VARIABLES |= dict.fromkeys(
        (
            "cancelled",
            "not_on_call",
            "muted",
            "unmuted",
            "already_muted",
            "not_muted",
            "already_muted_several",
            "not_muted_several",
            "nobody_else",
        ),
        ("who",),
    )
