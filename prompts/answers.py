"""The strict model of the offline model's short answers (`answers:` in prompts/offline.yaml)."""

from __future__ import annotations

from prompts.schema import Strict


class OfflineAnswers(Strict):
    """Questions about the host answered in a line, then the call carries on."""

    dial_regions: str  # "can you dial people in from outside the US?" ($regions: the policy's)
    automated: str  # "are you a real person or a bot?"
    call_length: str  # "how long have we been going?": the call's length only ($minutes)
    capabilities: str  # "can you actually dial other people into a call for me?": yes, what
    VARIABLES = {"dial_regions": ("regions",), "call_length": ("minutes",)}
