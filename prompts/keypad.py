"""The strict model of the keypad's phrases (`keypad:` in prompts/conference_host.yaml)."""

from __future__ import annotations

from prompts.schema import Strict


class HostKeypad(Strict):
    """Numbers keyed on the caller's phone (`workflows/lifecycle/keypad.py`)."""

    keyed: str  # the caller's turn the keyed digits become (the model reads the number in it)
    confirm_keys: str  # added to the read-back of a keyed number: the keys that answer it
    pressed_yes: str  # the caller's turn when they press the confirm key: a clear yes
    pressed_no: str  # the same for the change key: a no
    VARIABLES = {"keyed": ("digits",)}
