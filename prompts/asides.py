"""The strict model of the caller's asides (`asides:` in prompts/conference_host.yaml): the
words the caller says to someone else on the call, which the host leaves unanswered."""

from __future__ import annotations

from prompts.schema import Strict


class HostAsides(Strict):
    """The model replies with only `marker` to the caller's words not for it; the code never
    speaks it (`workflows/lifecycle/asides.py`)."""

    marker: str  # the whole reply that means "not for me": never spoken
    rule: str  # added to the host's instructions: when to reply with only the marker
    unheard: str  # said instead of the marker when the caller's words were for the host
    VARIABLES = {"rule": ("marker",)}
