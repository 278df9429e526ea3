"""The offline host's answer to a participant who spoke to it ("Ava, who else is on?").

Only turns addressed to the host reach a model (`workflows/lifecycle/hearing.py`). This
reads what the participant asks and calls the tool for it, as it would for the caller:
"me" is the participant, leaving is removing themselves. Whether they may is decided by the
tools (`tools/guards.py`, the permission table), never here: asked to end the call, it calls
end_call, and the tool refuses.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.addressing import addressed_at
from workflows.call.directory import Directory
from workflows.lifecycle.hearing import SPEAKER
from workflows.rehearsal.host_sent_away import sends_host_away
from workflows.rehearsal.host_turns import host_turn
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.nlu.text import normalise
from workflows.rehearsal.number_asked import number_asked
from workflows.rehearsal.steps import Step, tool_call

_REPEAT = re.compile(
    r"\b(?:say|repeat) (?:that|it|this)(?: again)?\b|\bcome again\b|\bpardon\b"
    r"|\bwhat did you (?:just )?say\b|\bsay again\b",
    re.I,
)
# A participant giving their own name: "this is actually Marco, not Marcus", "call me Marco"
_OWN_NAME_RE = re.compile(
    r"\b(?i:(?:this|it)(?:'s| is)\s+(?:actually\s+)?|i'm\s+(?:actually\s+)?|my name(?:'s| is)\s+"
    r"(?:actually\s+)?|call me\s+)(?P<new>[A-Z][\w'-]+)(?=,?\s+not\b|\W*$)",
)
# A participant asking whether someone else is there too: "is Mulder also there or only me?",
# "am I the only one on?", "is anyone else here or just me?"
_WHO_ELSE_RE = re.compile(
    r"\b(?:or (?:only|just) me|am i (?:the only one|alone)|just me (?:here|on)"
    r"|(?:is|are) (?:any(?:one|body) else|\w+ (?:also|too)) (?:there|here|on))\b",
    re.I,
)
# A participant asking whether they are heard: "can everyone hear me okay?", "am I on mute?",
# "can you all hear me": who is on, told from their side, says whether they are muted
_HEARD_RE = re.compile(
    r"\b(?:can|do|does)\s+(?:every(?:one|body)|you(?:\s+all|\s+guys)?|y'?all|they|people"
    r"|any(?:one|body))\s+hear\s+me\b|\bam\s+i\s+(?:on\s+)?mut(?:e|ed)\b",
    re.I,
)
# "can you press it", "press that for me": keys asked for, named before or not at all
_PRESS_RE = re.compile(r"\b(?:press|push|hit|key in|enter)\s+(?:it|that|them|the button)\b", re.I)
# A participant asking to be let go: "please let us go", "can you let me go?", "we'll hang up and
# call back later", "can I drop off?": they leave (removing themselves, which the permits allow),
# the call goes on ("hang up on everyone" is ending it, which the tool refuses a participant)
_NOT_AFTER = r"(?!\s+(?:on|ahead|and|to|the|a|an|it|that|this|some|my|your|through|over|back"
_NOT_AFTER += r"|check|get|find|ask|see|grab|look)\b)"
_LET_GO_RE = re.compile(
    rf"\blet (?:me|us) (?:go|off|leave|drop off)\b{_NOT_AFTER}"
    rf"|\b(?:can|could|may) (?:i|we) (?:go|leave|drop off|hop off|hang up)\b{_NOT_AFTER}"
    r"|\b(?:we|i)(?:'ll| will|'re going to|'re gonna| are going to| am going to|'m going to"
    rf"|'m gonna)? (?:just )?(?:hang up|drop off|hop off|head off)\b{_NOT_AFTER}"
    r"|\b(?:i'?m|i am|we're|we are) (?:off|out(?: of here)?)\W*(?:now\W*)?$",  # "Ava I'm off"
    re.I,
)
# A participant asking for someone else to be put through: "Ava can you put Ada through to Dana
# Scully?", "transfer her to support": a transfer, asked as "put me through to ...", which the
# tool refuses a participant (only the caller may transfer)
_OTHERS = r"(?!(?:me|us)\b)(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?|him|her|them|the caller)"
_PUT_THROUGH_RE = re.compile(
    rf"\b(?:put|patch|get|connect)\s+{_OTHERS}\s+(?:through|thru)\s+to\b"
    rf"|\b(?i:transfer|forward)\s+{_OTHERS}\s+to\b"
)
_ME = {"me", "myself", "my line", "my phone"}
_EVERYONE = {"everyone", "everybody", "all", "all of them", "everyone else", "the lot"}


def speaker_of(item: llm.ChatItem) -> str | None:
    """The participant who said a message, or None for the caller's (and the host's)."""
    if item.type != "message" or item.role != "user":
        return None
    return (item.extra or {}).get(SPEAKER)


def callers_view(ctx: llm.ChatContext) -> llm.ChatContext:
    """The conversation without participants' lines: what the caller said and was told."""
    return llm.ChatContext([i for i in ctx.items if speaker_of(i) is None])


def participant_turn(
    ctx: llm.ChatContext, prompts: Prompts, directory: Directory, name: str
) -> list[Step]:
    """What the host does for `name`, who just spoke to it (the last item of `ctx`)."""
    said = ctx.items[-1].text_content or ""
    text = _to_host(said.removeprefix(f"{name}:").strip(), prompts.host.name)
    if _REPEAT.search(text):
        return [_last_said(ctx) or prompts.offline.host_not_understood]
    if m := _OWN_NAME_RE.search(text):  # "this is actually Marco, not Marcus": only the
        # caller names people; the tool decides (and refuses a participant)
        return [tool_call("name_participant", who=name, name=m.group("new"))]
    reading = understand(text)
    if _WHO_ELSE_RE.search(text) or _HEARD_RE.search(text):  # "... or only me?", "can
        # everyone hear me?": who is on, from their side (muted or not), never an add
        return [tool_call("list_participants")]
    if reading.digits or _PRESS_RE.search(text):  # "... press 2, can you press it": keys,
        keys = reading.digits or _recent_keys(ctx, name)  # never a dial; the tool decides
        if keys:
            return [tool_call("send_digits", digits=keys)]
        return [prompts.offline.host_not_understood]
    if _LET_GO_RE.search(text) and not reading.digits:  # "please let us go": they leave
        return [tool_call("remove_participant", who=name)]
    if m := _PUT_THROUGH_RE.search(text):
        reading = understand(f"{text[: m.start()]}put me through to{text[m.end() :]}")
    # "Ava, can you leave us?", "hey Ava, please hop off the call now": the host, never them
    if sends_host_away(normalise(text), prompts) and not reading.ends_call:
        return [prompts.offline.answers.host_stays_for_you]  # it stays; only the caller ends it
    about = name if (reading.target or "").lower() in _ME else reading.target
    if reading.action in ("mute", "unmute") and about:
        return [tool_call("mute_participant", who=about, muted=reading.action == "mute")]
    if reading.action == "remove" and about:
        # "hang up on everyone, I'm done": ending the call, which the tool allows the caller only
        ends = about.lower() in _EVERYONE
        return [tool_call("end_call") if ends else tool_call("remove_participant", who=about)]
    if reading.ends_call:
        return [tool_call("end_call")]
    if reading.goodbye:  # "I have to drop off": they leave, the call goes on
        return [tool_call("remove_participant", who=name)]
    quiet = llm.ChatContext([*callers_view(ctx).items, ctx.items[-1]])
    if told := number_asked(quiet, text, prompts):  # "who is the 510 number?": the caller's
        return [told]  # add waiting, answered; never an add asked by them
    return host_turn(quiet, reading, prompts, directory)


def _to_host(text: str, host_name: str) -> str:
    """The words without the host's name they were addressed with ("Ava, mute me")."""
    names = "|".join(re.escape(n) for n in (host_name, "host") if n)
    lead = r"(?:(?:hey|hi|ok|okay|so|um|uh|oi|oy)\W+)*"  # "oi Ava, ..."
    # what comes before is said to the others: "Let me loop in Fox. Ava, can you add Fox
    # Mulder?", "sorry, I'm driving, Ava can you put me on mute"
    if (at := addressed_at(text, [host_name])) is not None:
        text = text[at:]
    elif m := re.search(rf"(?<=[.!?])\s+{lead}(?:{names})\b\W*(?=\w)", text, flags=re.I):
        text = text[m.end() :]
    text = re.sub(rf"^\W*{lead}(?:{names})\b\W*", "", text, flags=re.I)
    return re.sub(rf"[,\s]+(?:{names})(?=\W*$)", "", text, flags=re.I)


def _recent_keys(ctx: llm.ChatContext, name: str) -> str | None:
    """The keys `name` named in one of their last lines ("it says press 2 ...")."""
    said = [i for i in ctx.items[:-1] if speaker_of(i) == name][-2:]
    found = [understand(i.text_content or "").digits for i in reversed(said)]
    return next(filter(None, found), None)


def _last_said(ctx: llm.ChatContext) -> str | None:
    """The host's last line before this turn, said again."""
    for item in reversed(ctx.items[:-1]):
        if item.type == "message" and item.role == "assistant" and item.text_content:
            return item.text_content
    return None
