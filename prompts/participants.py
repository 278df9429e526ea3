"""The words the host says to the people it dialled in (`for_participants:` in
`prompts/conference_host.yaml`; README, "Who may do what")."""

from __future__ import annotations

from prompts.schema import Strict


class HostParticipants(Strict):
    """Refusals go to the person who asked; an "add" they ask for is put to the caller."""

    read_back: str  # a participant asked to add someone: the read-back, put to the caller
    read_back_said: str  # tells the model the question went to the caller, not the asker
    caller_only: str  # a participant asked for what only the caller may ask
    only_self: str  # a participant asked to mute or remove someone else
    goodbye: str  # said to a participant who asked to leave, before they are removed
    left: str  # the tool's result once they are off the call
    caller_entry: str  # how the caller is named when a participant asks who is on
    asker_entry: str  # how the participant who asked is named in that list
    VARIABLES = {
        "read_back": ("caller_name", "speaker", "who"),
        "read_back_said": ("text", "caller_name"),
        "caller_only": ("speaker", "caller_name"),
        "only_self": ("speaker", "caller_name"),
        "goodbye": ("speaker",),
        "left": ("speaker",),
        "caller_entry": ("caller_name",),
        "asker_entry": ("speaker",),
    }
