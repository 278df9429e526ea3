"""The caller asking that someone on the call not hear them for a while: "could you make it so
Luis can't hear us for a moment?", "can Luis step away for a minute?", "keep the front desk from
hearing this". The host can mute a line (the others stop hearing it) or take it off the call,
never stop it hearing: it says so and offers to take them off (`keep_from_hearing` in
prompts/offline.yaml); nothing is done until the caller asks. Who is meant: someone on the call
by a word of their name, or a name said on a participant's line ("Front desk: ... this is
Luis") is that line's person; else the words as said.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.lifecycle.hearing import SPEAKER
from workflows.rehearsal.history import dialled_in, pending_read_back
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.steps import Step

_I = re.IGNORECASE
_WHO = (
    r"(?P<who>(?!(?i:i|we|you|u|me|us|everyone|everybody|anyone)\b)(?-i:[A-Z])[\w'-]*"
    r"(?:\s+(?-i:[A-Z])[\w'-]*)?|him|her|them|he|she|they|the\s+\w+(?:\s+(?:desk|line|one|guy|lady))?)"
)
_NOT_HEAR = r"(?:can't|cant|cannot|can not|won't|wont|doesn't|doesnt|does not|don't|dont)\s+hear"
# Stepping away for a while, not leaving: "can Luis step away for a minute?" (a while said)
_AWAY = r"(?:step|go|pop|wait|stay)\s+(?:away|out(?:side)?)\b(?=.*\b(?:{while_}))".format(
    while_=r"minutes?|moment|sec|second|bit|while|briefly|private|privately"
)
_KEEP_OUT = tuple(
    re.compile(pattern, _I)
    for pattern in (
        # "make it so Luis can't hear us", "so that Luis doesn't hear this"
        rf"\b(?:make it|so that|so)\s+{_WHO}\s+{_NOT_HEAR}\b",
        # "can Luis step away for a minute?", "could the front desk wait outside"
        rf"\b(?:can|could|would|will)\s+{_WHO}\s+(?:please\s+)?{_AWAY}",
        # "have Luis step out for a sec", "ask him to step away"
        rf"\b(?:have|ask|get|let)\s+{_WHO}\s+(?:to\s+)?{_AWAY}",
        # "stop Luis hearing this", "keep Luis from hearing"
        rf"\b(?:stop|keep|block)\s+{_WHO}\s+(?:from\s+)?(?:hearing|listening)\b",
        # "mute Luis so he can't hear us"
        rf"\bmute\s+{_WHO}\s+so\s+(?:that\s+)?(?:he|she|they|it)\s+{_NOT_HEAR}\b",
    )
)
_NAME_RE = re.compile(r"[^\W\d_]{3,}")


def kept_out(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step]:
    """The answer to a wish that someone not hear the call for a while (the host cannot; it
    can take them off), then the read-back waiting, again; [] for any other line. `ctx` keeps
    the participants' lines."""
    found = (p.search(reading.text) for p in _KEEP_OUT)
    if reading.phone_number or not (m := next(filter(None, found), None)):
        return []
    view = llm.ChatContext([i for i in ctx.items if not _speaker(i)])
    legs = [who for who, _ in dialled_in(view, prompts)]
    if not legs:
        return []
    said = " ".join(m.group("who").split())
    who = _on_call(said, legs) or _introduced(ctx, said, legs)
    if (
        who is None
        and said.lower() in ("him", "her", "them", "he", "she", "they")
        and len(legs) == 1
    ):
        who = legs[0]
    told = render(prompts.offline.answers.keep_from_hearing, who=who or said)
    pending = pending_read_back(view, prompts)
    return [told, read_again(pending)] if pending else [told]


def _on_call(said: str, legs: list[str]) -> str | None:
    """The one on the call `said` names by a word of their name ("the front desk")."""
    words = {w.lower() for w in _NAME_RE.findall(said)} - {"the", "one", "guy", "lady", "line"}
    found = [who for who in legs if words & {w.lower() for w in _NAME_RE.findall(who)}]
    return found[0] if len(found) == 1 else None


def _introduced(ctx: llm.ChatContext, said: str, legs: list[str]) -> str | None:
    """The one on the call whose own line said `said` as their name ("this is Luis")."""
    if not _NAME_RE.fullmatch(said):
        return None
    own = re.compile(rf"\b(?:this is|it's|it is|i'm|i am|my name is)\s+{re.escape(said)}\b", _I)
    for item in reversed(ctx.items):
        speaker = _speaker(item)
        if speaker and own.search(item.text_content or ""):
            return _on_call(speaker, legs) or (speaker if speaker in legs else None)
    return None


def _speaker(item: llm.ChatItem) -> str | None:
    if item.type != "message" or item.role != "user":
        return None
    return (item.extra or {}).get(SPEAKER)
