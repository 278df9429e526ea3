"""The caller leaving while others are on the call: "I'll leave them to it, goodbye", "you lot
carry on, I'm off", "I'll leave you three to chat, you can hang up on me now". The host does not
end the call for everyone unasked: it says the call cannot go on without the caller and asks
whether to end it for everyone now. A yes or a plain goodbye then ends it; a no or "leave them
talking" gets the honest answer that the caller alone cannot leave ("end it for all of us" and
"hang up on everyone" end it at once). A caller who sends the host away while they talk on
("we can take it from here", "Dana and I will talk alone", "Robert and I will manage, bye",
"I'll hang up myself") has answered that: the host stays, quietly.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import dialled_in, last_said
from workflows.rehearsal.nlu import SIGN_OFF_RE, Reading, understand
from workflows.rehearsal.nlu.goodbye import says_goodbye
from workflows.rehearsal.nlu.text import negated, normalise
from workflows.rehearsal.steps import Step, tool_call

_I = re.IGNORECASE
_YOU_ALL = (
    r"(?:you(?: all| guys| lot| two| three| both| folks)?|both of you|them|the others|everyone)"
)
_LEAVES_OTHERS_RE = re.compile(
    # "I'll leave you three to chat", "leave you to sort it out with Fox", "let you two get on"
    rf"\b(?:leave|let) {_YOU_ALL} (?:to )?(?:it|chat|talk|catch up|natter|sort|get on|carry on"
    r"|figure|work|hash|plan)\b"
    r"|\b(?:you lot|you guys|you all|y'?all|you two|you three|you both|both of you"
    r"|the rest of you|everyone else|they)"
    r" (?:can )?(?:carry on|keep going|keep (?:talk|chatt?)(?:ing|in'?)|continue)\b"
    # "I'm going to hang up myself now but they should keep talking", "the rest can stay on"
    # (never asked: "do the others stay on?")
    r"|\b(?:you lot|you guys|you all|y'?all|you two|you three|you both|both of you|they"
    r"|the rest(?: of you)?|everyone else|the others) (?:can|should|will|could|may|must|need to"
    r"|are to|get to) (?:just |still )?(?:carry on|keep going|keep (?:talk|chatt?)(?:ing|in'?)"
    r"|continue|stay on)\b"
    r"|\bcarry on without me\b"
    # "just drop me out and leave them talking", "let the others keep chatting": they talk on
    rf"|\b(?:leave|let|keep) {_YOU_ALL} (?:to )?(?:keep )?(?:talking|chatting|connected"
    r"|on the (?:call|line))\b"
    # "I'll drop off now and leave Mr. Liu and Dana to talk"
    r"|\b(?:leave|let) (?:[\w.'-]+ ){1,5}?to (?:it|chat|talk|catch up|natter|sort|get on|carry on"
    r"|figure|work|hash|plan)\b"
    # "I'll drop off now but please keep the call going for them"
    r"|(?<!need to )(?<!don't )(?<!dont )(?<!not )(?<!never )"  # "no need to keep it going"
    r"\bkeep (?:the call|this call|it|things|the conference|the line) (?:going|running|open|up)"
    r"(?! (?:till|until|while) (?:i|we)\b)",
    _I,
)
# Leaving asked about, never done: "if I hang up will they stay connected?", "can I hang up
# and leave them on?", "should I hang up now?", "what happens to the others if I leave?"
_ASKS_LEAVING_RE = re.compile(
    r"\b(?:if|when|once|whether|can|could|should|shall|may|do|does|must)\s+(?:i|we)\s+"
    r"(?:just\s+|now\s+)?(?:hang up|disconnect|drop (?:off|out)|hop off|jump off|log off"
    r"|leave(?!\s+(?:a|an|the|my|it|them|him|her|this|that|you|out)\b)"
    r"|go(?=\s*(?:now\s*)?(?:[,.;!?]|$)))",
    _I,
)
# The caller's own leaving beside the others' carrying on: "you can hang up on me now"
_ME_ONLY_RE = re.compile(r"\b(?:hang up on|disconnect|drop|remove|take) me\b(?: off)?", _I)
# The host sent away while the caller and the others talk on: the question answered already
_TALK_ON_RE = re.compile(
    r"\b(?:we|i)(?:'ll| will| can| are fine| are good|'re fine|'re good|'m fine|'m good)?"
    r"\s+(?:take it|handle it|manage|carry on|continue|go on|take over)\s+from here\b"
    # "I'll take it from here" said by the caller alone, "we've got it from here", "we're good
    # from here": the caller and the others talk on, never the end of the call
    r"|\b(?:we|i)(?:'ve| have)?\s+got (?:it|this|things)\s+from here\b"
    r"|\b(?:we're|we are|i'm|i am)\s+(?:all\s+)?(?:good|fine|ok|okay|sorted|set)\s+from here\b"
    r"|\b(?:we|[\w'-]+ and (?:i|me))\s+(?:will|'ll|can|are going to|want to|would like to)"
    r"\s+(?:just\s+)?(?:talk|chat|speak|carry on|continue)\s+(?:alone|on our own|by ourselves"
    r"|privately|in private|from here)\b"
    r"|\bi(?:'ll| will| can)\s+(?:just\s+)?hang up (?:myself|on my own|on my end|my end)\b"
    r"|(?<!can )(?<!could )(?<!shall )(?<!should )\bwe(?:'ll| will| can)?\s+(?:talk|chat|speak)"
    r"\s+now\b"  # "Gracias, we talk now. Adiós!"
    # "Never mind, Robert and I will manage. Thank you, goodbye": the two talk on
    r"|\b(?:we|[\w'-]+ and (?:i|me)|(?:me|i) and [\w'-]+)(?:'ll| will| can| shall)"
    r"\s+(?:just\s+)?(?:manage|finish(?:\s+(?:it\s+)?(?:up|off))?|wrap(?:\s+it|\s+things)?\s+up"
    r"|sort it(?:\s+out)?|take it from here)\b"  # "Monica and I will finish up, goodbye"
    r"(?=\s*(?:[,.;!]|$|from here|on our own|by ourselves|alone|fine|ok))",
    _I,
)
# "Monica and I will continue", "me ray n kev will keep chatting", "i'll keep talking to the
# bank", "ill stay on w the bank": the caller talks on with the others (in a line asking
# nothing else: "we'll carry on, add Fox Mulder too" adds Fox)
_TALKS_ON_WITH_RE = re.compile(
    r"\b(?:we|i|[\w'-]+ and (?:i|me)|(?:me|i) and [\w'-]+|me(?: [\w'-]+){1,3} (?:n|and|&) [\w'-]+)"
    r"(?:'ll|ll| will| are going to| am going to| gonna)\s+(?:just\s+)?(?:keep (?:on )?"
    r"(?:talking|chatting|going)|continue|carry on|stay on(?!\s+hold))\b"
    r"(?!\s+(?:(?:this|it|that)\s+)?(?:next|tomorrow|later|another|some\s+other|on\s+\w+day))",
    _I,
)
# "you can go now Ava, we'll carry on": the others carry on, in a line asking nothing else
_CARRY_ON_RE = re.compile(
    r"\bwe(?:'ll| will| can)\s+(?:just\s+)?(?:carry on|keep going|continue)(?:\s+(?:now|then))?"
    r"(?=\s*(?:[,.;!]|$|thanks|thank you|cheers|bye))",
    _I,
)
# The answer "leave the others talking" to the question: the caller alone cannot leave
_KEEP_IT_RE = re.compile(
    r"\b(?:leave|let|keep)\s+(?:them|the others|everyone|it)\b|\bcarry on\b|\bkeep (?:it )?going"
    r"|\btalking\b|\bthey can stay\b",
    _I,
)


def leaving_asked(reading: Reading, prompts: Prompts) -> list[Step] | None:
    """The answer to a question about the caller leaving ("if I hang up, will Ines and Fox stay
    connected?"): the call ends for everyone with them. Never the end of the call itself, nor
    a lookup of the names in the question; an end asked beside it ("end it. can I go?") ends."""
    parts = re.split(r"(?<=[.!?])\s+", reading.text)
    asked = [part for part in parts if _asks(part)]
    if not asked or any(understand(part).ends_call for part in parts if part not in asked):
        return None
    return [prompts.offline.answers.when_caller_leaves]


def asks_leaving(text: str) -> bool:
    """Whether `text` asks about the caller leaving ("can i leave and the two of them stay
    on?"): for the host, even right after a participant spoke to the caller."""
    return any(_asks(part) for part in re.split(r"(?<=[.!?])\s+", text))


def _asks(part: str) -> bool:
    """Whether `part`, a sentence, asks about the caller leaving: a question or an "if"."""
    return bool(
        _ASKS_LEAVING_RE.search(part)
        and (part.rstrip().endswith("?") or re.search(r"\b(?:if|when|whether)\b", part, _I))
    )


def leaving_others(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step] | None:
    """The question (end it for everyone now?) when the caller's goodbye leaves others on the
    call; the end of the call for a yes; what the host can do when they answer no or "leave
    them talking"; None for any other line."""
    answers = prompts.offline.answers
    if last_said(ctx).endswith(answers.leave_or_end) and not reading.ends_call:
        if reading.confirm and not _KEEP_IT_RE.search(reading.text):
            return [tool_call("end_call")]  # "yes": ended for everyone, as asked
        keeps = reading.confirm is False or _KEEP_IT_RE.search(reading.text)
        return [answers.caller_cannot_leave] if keeps else None
    if (
        (
            _TALK_ON_RE.search(reading.text)
            or (
                reading.action is None
                and (_CARRY_ON_RE.search(reading.text) or _TALKS_ON_WITH_RE.search(reading.text))
            )
        )
        and reading.action not in ("transfer", "warm_transfer")  # "transfer me to Mulder so he
        and any(on for _, on in dialled_in(ctx, prompts))  # and I can continue privately"
    ):
        # "..., no, just end the whole thing": ended
        rest = _CARRY_ON_RE.sub(" ", _TALK_ON_RE.sub(" ", reading.text))
        rest = _TALKS_ON_WITH_RE.sub(" ", rest)
        return None if understand(rest).ends_call else [answers.host_stays]
    if (
        not (m := _LEAVES_OTHERS_RE.search(reading.text))
        or understand(_ME_ONLY_RE.sub(" ", reading.text[m.end() :])).ends_call
    ):
        return None  # "leave them to it? no actually, just end the whole thing": ended
    return [answers.leave_or_end] if any(on for _, on in dialled_in(ctx, prompts)) else None


# What the caller asks done to someone on the call: it outranks goodbye words said beside it
# ("drop the first bloke, he's gotta run"); only ending the call outright ends it.
_ON_THE_CALL = ("remove", "mute", "unmute", "dtmf", "transfer", "warm_transfer", "redial")


def leaves_now(reading: Reading) -> bool:
    """Whether a goodbye said now is the caller leaving: never with a request beside it."""
    if reading.ends_call:
        return True
    if reading.action is not None and not says_goodbye(
        normalise(SIGN_OFF_RE.sub("", reading.text)), negated
    ):
        return False  # "Mulder can come off mute, cheers": a request; only a goodbye ends it
    return reading.action not in _ON_THE_CALL


def leaves_others(text: str) -> bool:
    """Whether `text` is the caller leaving the others on the call ("leave them talking")."""
    return bool(_LEAVES_OTHERS_RE.search(text))
