"""The strict model of the offline model's follow-up lines (`followups:` in
prompts/offline.yaml): what it asks or tells when a short line leaves something open."""

from __future__ import annotations

from prompts.schema import Strict


class OfflineFollowUps(Strict):
    """Lines for cancels, mixed-up names and questions about a number read back."""

    which_call: str  # "cancel that call" with a phone ringing that the words name not ($who)
    which_contact: str  # "get Fox Scully": two directory names mixed ($first, $second)
    number_kind: str  # "is that his mobile or his desk?" to a contact's read-back ($who)
    people_noted: str  # "Priya's my boss, Marco's from finance": who they are, asking for no one
    wait_agreed: str  # "ok sure, I'll wait" to "Let's give it N seconds": the wait, agreed
    wait_ringing: str  # "k ill just wait then" while a phone rings: told when it's answered
    who_is_own: str  # "and Mulder, and also my manager": after Mulder, who that is ($who)
    VARIABLES = {"which_call": ("who",), "which_contact": ("first", "second")}
    VARIABLES |= {"number_kind": ("who",), "who_is_own": ("who",), "wait_ringing": ("who",)}
