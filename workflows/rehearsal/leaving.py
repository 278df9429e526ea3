"""The caller leaving while others are on the call: "I'll leave them to it, goodbye", "you lot
carry on, I'm off". The host does not end the call for everyone unasked: it asks whether to end
it for everyone or leave the others talking, and says honestly that the caller alone cannot
leave while the call goes on ("end it for all of us" and "hang up on everyone" end it at once).
A caller who sends the host away while they talk on ("we can take it from here", "Dana and I
will talk alone", "I'll hang up myself") has answered that: the host stays, quietly.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import dialled_in, last_said
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.steps import Step

_I = re.IGNORECASE
_LEAVES_OTHERS_RE = re.compile(
    r"\bleave (?:them|you(?: all| guys| lot| two)?|the others|everyone) to it\b"
    r"|\b(?:you lot|you guys|you all|y'all|you two|the rest of you|everyone else|they)"
    r" (?:can )?(?:carry on|keep going|keep talking|continue)\b|\bcarry on without me\b",
    _I,
)
# The host sent away while the caller and the others talk on: the question answered already
_TALK_ON_RE = re.compile(
    r"\bwe(?:'ll| will| can| are fine| are good|'re fine|'re good)?\s+(?:take it|handle it"
    r"|manage|carry on|continue|go on|take over)\s+from here\b"
    r"|\b(?:we|[\w'-]+ and (?:i|me))\s+(?:will|'ll|can|are going to|want to|would like to)"
    r"\s+(?:just\s+)?(?:talk|chat|speak|carry on|continue)\s+(?:alone|on our own|by ourselves"
    r"|privately|in private|from here)\b"
    r"|\bi(?:'ll| will| can)\s+(?:just\s+)?hang up (?:myself|on my own|on my end|my end)\b"
    r"|(?<!can )(?<!could )(?<!shall )(?<!should )\bwe(?:'ll| will| can)?\s+(?:talk|chat|speak)"
    r"\s+now\b",  # "Gracias, we talk now. Adiós!"
    _I,
)
# The answer "leave the others talking" to the question: the caller alone cannot leave
_KEEP_IT_RE = re.compile(
    r"\b(?:leave|let|keep)\s+(?:them|the others|everyone|it)\b|\bcarry on\b|\bkeep (?:it )?going"
    r"|\btalking\b|\bthey can stay\b",
    _I,
)


def leaving_others(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step] | None:
    """The question (end for everyone, or leave the others talking?) when the caller's goodbye
    leaves others on the call; what the host can do when they answer "leave them talking";
    None for any other line."""
    answers = prompts.offline.answers
    if last_said(ctx).endswith(answers.leave_or_end) and not reading.ends_call:
        return [answers.caller_cannot_leave] if _KEEP_IT_RE.search(reading.text) else None
    if _TALK_ON_RE.search(reading.text) and any(on for _, on in dialled_in(ctx, prompts)):
        rest = _TALK_ON_RE.sub(" ", reading.text)  # "..., no, just end the whole thing": ended
        return None if understand(rest).ends_call else [answers.host_stays]
    if (
        not (m := _LEAVES_OTHERS_RE.search(reading.text))
        or understand(reading.text[m.end() :]).ends_call
    ):
        return None  # "leave them to it? no actually, just end the whole thing": ended
    return [answers.leave_or_end] if any(on for _, on in dialled_in(ctx, prompts)) else None
