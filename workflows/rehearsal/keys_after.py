"""More keys named right after keys went in ("and then 4", "now 3", "you forgot the 4", "also
hash", "1, and after that 4"): pressed, in order. Only when the host's last act was pressing
keys, so a number said alone elsewhere ("0147 is Kayla", "now 0147") is never a key."""

from __future__ import annotations

from livekit.agents import llm

from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.nlu.key_sequence import follow_up_keys
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.text import normalise


def keys_after_keys(ctx: llm.ChatContext, reading: Reading) -> str:
    """The keys the caller's line adds to those just pressed ("" if it adds none)."""
    if reading.action not in (None, "dtmf") or reading.phone_number:
        return ""
    keys = follow_up_keys(digitize(normalise(reading.text)))
    return keys if keys and _just_pressed(ctx) else ""


def _just_pressed(ctx: llm.ChatContext) -> bool:
    """Whether the host's last act before the caller's line was pressing keys, and it worked."""
    failed: set[str] = set()
    for item in reversed(ctx.items[:-1]):
        if item.type == "function_call_output" and item.is_error:
            failed.add(item.call_id)
        if item.type == "function_call":
            return item.name == "send_digits" and item.call_id not in failed
        if item.type == "message" and item.role == "user":
            return False
    return False
