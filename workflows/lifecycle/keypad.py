"""Numbers by keypad: what people do on a phone when speech fails.

The caller's keys arrive as the room's `sip_dtmf_received` events (RFC 2833 through the SIP
bridge; `workflows/lifecycle/room.py` passes on the caller's only, never a dialled leg's).
Digits are gathered until pound (star starts again); the digits keyed then become the caller's
turn (`host.keypad.keyed`), which the host reads like a spoken number: it reads it back, and it
is dialled only on the caller's yes, by the same confirmation rule as a spoken one.

Keys never confirm by themselves. The read-back of a keyed number says which keys answer it
(`host.keypad.confirm_keys`: 1 to dial, 2 to change it); only while that read-back waits does
1 become the caller's yes and 2 their no, as a turn begun at the key press, so the rule's
timing holds (a key pressed while the read-back is still being said does not answer it).

Why not the framework's `GetDtmfTask`: it takes keys from anyone in the room (a dialled leg
too), wants a fixed number of digits, and lets the model decide that the caller confirmed.
"""

from __future__ import annotations

import asyncio
import re

from prompts.schema import render
from workflows.lifecycle import questions
from workflows.lifecycle.recording import turn_started
from workflows.lifecycle.state import CallState

MAX_KEYS = 20  # digits kept before pound: an E.164 number has at most 15
CONFIRM_KEY, CHANGE_KEY = "1", "2"
_tasks: set[asyncio.Task] = set()  # the caller's keyed turns being started


def pressed(state: CallState, key: str) -> None:
    """The caller pressed `key` (0-9, *, #; anything else is ignored)."""
    pad = state.keypad
    if not pad.keys and key in (CONFIRM_KEY, CHANGE_KEY) and _offered_and_waiting(state):
        words = state.prompts.host.keypad
        _turn(state, words.pressed_yes if key == CONFIRM_KEY else words.pressed_no)
        state.log.write("keypad_answer", key=key)
        return
    if key == "*":
        pad.keys = ""
    elif key == "#":
        digits, pad.keys = pad.keys, ""
        if digits:
            pad.keyed = digits
            state.log.write("keypad_number", digits=len(digits))
            _turn(state, render(state.prompts.host.keypad.keyed, digits=digits))
    elif key.isdigit() and len(pad.keys) < MAX_KEYS:
        pad.keys += key


def typed(state: CallState, text: str) -> bool:
    """The text console's keypad: a line that starts with pound is keys, each character after
    it pressed in turn ("#4155550199#" keys a number, "#1" presses 1). False for other lines."""
    keys = text.strip()
    if not re.fullmatch(r"#[0-9*#]+", keys):
        return False
    for key in keys[1:]:
        pressed(state, key)
    return True


def offer_keys(state: CallState, target: str, text: str) -> str:
    """The read-back `text` of `target`, with the keys that answer it when `target` is the
    number just keyed (said once: the next read-back of it is said as usual)."""
    pad = state.keypad
    keyed = pad.keyed.lstrip("0")
    if not keyed or not re.sub(r"\D", "", target).endswith(keyed):
        return text
    pad.keyed = ""
    text = f"{text} {state.prompts.host.keypad.confirm_keys}"
    pad.offered = (target, text)
    return text


def _offered_and_waiting(state: CallState) -> bool:
    """Whether the read-back waiting for the caller is one that offered the keys."""
    pending = questions.waiting(state)
    offered = state.keypad.offered
    return pending is not None and offered == (pending.target, pending.text)


def _turn(state: CallState, text: str) -> None:
    """`text` becomes the caller's turn, begun now, as a typed line does."""
    session = state.session
    if session is None:
        return
    turn_started(state, state.clock())

    async def reply() -> None:
        try:
            await session.interrupt()
        except RuntimeError:  # a speech that may not be cut (the goodbye): no new turn
            return
        session.generate_reply(user_input=text)

    task = asyncio.get_running_loop().create_task(reply(), name="keypad-turn")
    _tasks.add(task)
    task.add_done_callback(_tasks.discard)
