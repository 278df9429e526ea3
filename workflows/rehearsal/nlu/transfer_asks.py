"""What a question about a transfer asks: whether the host introduces the caller first ("is this
a cold transfer?", "are you going to introduce me or just connect me?", "will you explain them my
problem or I have to tell everything again?") or what happens to the others on the call ("what
happens with Matthias when you transfer me?"). Asked, answered, never acted on."""

from __future__ import annotations

import re

from workflows.call.asking import asks

_I = re.IGNORECASE
_THEM = r"(?:them|'em|him|her)"
# Whether it is warm or cold: a question, so "is", "are you going to", "will you" and a "?"
KIND_RE = re.compile(
    r"\bis (?:this|that|it) (?:a |going to be a |gonna be a )?(?:cold|warm|blind)(?: transfer)?\b"
    rf"|\b(?:are|will|would|do) you (?:going to |gonna )?(?:introduce|announce) me\b[^.!]*\bor\b"
    rf"|\b(?:will|would|do) you (?:not |n't )?(?:tell|brief) {_THEM} (?:anything|something)"
    rf"|\bwon't tell {_THEM} anything\b"
    # "will somebody explain my problem to them or do I have to start all over again?"
    r"|\b(?:will|would) (?:you|some(?:one|body)|any(?:one|body)|u) (?:explain|tell|describe)\b"
    r"[^.!?]{0,40}\bor (?:do )?i (?:have|need)"
    r" to\b"
    # "will you explain my problem to them or you will just connect directly?"
    r"|\b(?:will|would) you (?:explain|tell|describe|brief)\b[^.!?]{0,40}\bor "
    r"(?:will you |you(?:'ll| will)? )?(?:just )?(?:connect|put|transfer|patch|send)\b"
    r"|\b(?:warm|cold|blind) or (?:warm|cold|blind)\b",  # "is it gonna be warm or cold"
    _I,
)
# What happens to someone else on the call: "what happens with Matthias when you transfer me?",
# "will the others stay on if I transfer?"
_NOT_OTHERS = r"(?!me\b|you\b|us\b|i\b|we\b|it\b|this\b|that\b|the call\b)"
OTHERS_RE = re.compile(
    rf"\bwhat (?:(?:happens|will happen|'ll happen) (?:with|to)|about) {_NOT_OTHERS}\w+"
    r"(?: \w+)?,? (?:when|if|once|after) (?:you |u )?(?:transfer|send me (?:over|across|through)"
    r"|put me through|move me)"
    rf"|\b(?:will|does|do|would) (?:the others|everyone(?: else)?|the rest|{_NOT_OTHERS}\w+)"
    r" (?:stay|remain"
    r"|be (?:cut off|dropped|disconnected))\b[^.!?]{0,30}\btransfer",
    _I,
)

# The same asked with no word of a transfer, of one read back and waiting for the caller's yes
# ("what will happen to my colleague?", "will Jake still be on when I pick up?", "wait, do the
# others stay on?"): read as "others" only while a transfer's read-back waits (`host_turns`)
OTHERS_WAITING_RE = re.compile(
    rf"\bwhat(?:'s| is)? (?:going to |gonna )?(?:happens?|will happen|'ll happen|happening)"
    rf" (?:to|with) {_NOT_OTHERS}\w+"
    rf"|\b(?:will|would|do|does|can) {_NOT_OTHERS}(?:\w+ ){{0,2}}?(?:\w+ )?(?:still |also |all )?"
    r"(?:stay|remain|be (?:on|there|here|left|cut off|dropped|disconnected|staying)|keep (?:talking"
    r"|going))\b",
    _I,
)


# Whether a person answers: "will somebody actually pick up or is it gonna be a recording?"
# (asked of a transfer read back: `host_turns`)
PICKED_UP_RE = re.compile(
    r"\b(?:will|would|does|is) (?:some(?:one|body)|any(?:one|body)|a (?:real )?(?:person|human)"
    r"|they|he|she) (?:actually |really |even )?(?:pick(?:ing)? up|answer(?:ing)?|be there)\b"
    r"|\b(?:is it|will it be|is that) (?:gonna be |going to be )?(?:just )?(?:a |an )?"
    r"(?:recording|voicemail|machine|answering machine)\b",
    _I,
)

# What happens to this call, or to the caller when the one rung is not reached: "wait what
# happens to this call after", "and if she doesn't pick up, what happens to me?", "I mean if
# Dana's not at her desk. Will I be stuck on hold?" (asked of a transfer read back: `host_turns`)
THIS_CALL_RE = re.compile(
    r"\bwhat(?:'s| is)? (?:going to |gonna )?(?:happens?|will happen|'ll happen|happening)"
    r" (?:to|with) (?:this|the|my|our) (?:call|line)\b",
    _I,
)
# "not in your directory" is not "not in": a question about the directory, not the one rung
_LISTED = (
    r"\s+(?:your|the|my|our|ur)\s+"
    r"(?:directory|contacts|contact list|list|phone ?book|address book|system)"
)
NOT_REACHED_RE = re.compile(
    r"\bif (?:she|he|they|it|[a-z]+)(?:'s|'re| is| are)? (?:not|isn't|aren't|doesn't|does not"
    r"|don't|do not|won't|will not|can't|cannot|never|doesnt|dont|isnt|wont|cant) (?:\w+ )?"
    r"(?:pick(?:s|ing)? up|answer\w*"
    rf"|there|at (?:his|her|their|the) desk|available|around|in\b(?!{_LISTED})|reachable|free)"
    r"|\bif (?:nobody|no one|no-one|noone) (?:picks? up|answers)\b"
    r"|\bif (?:she|he|they|it)(?:'s|'re| is| are) busy\b|\bif it goes to (?:voicemail|a machine)"
    r"|\b(?:will|would|am|do) i (?:be |get )?(?:stuck|left|kept|put|waiting) on hold\b",
    _I,
)

_LOSE_YOU_RE = re.compile(r"\blose you\b|\b(?:come|get) back to you\b", _I)


def not_reached_asked(text: str) -> bool:
    """Whether `text` asks what happens if the one rung is not reached."""
    if _LOSE_YOU_RE.search(text):  # "if he doesn't answer, do I lose you?": what a transfer does
        return False
    # asked, not told: "if she doesn't pick up, just add Fox" is a request
    return bool(NOT_REACHED_RE.search(text) and asks(text))


# ... "or I have to tell everything again?": the question says the caller would rather be
# introduced first
_RATHER_WARM_RE = re.compile(r"\bor (?:do )?i (?:have|need) to\b", _I)


# Whether the one rung will know what the call is about: "does he know about the invoice?", asked
# of the transfer as it stands (it can introduce first); "... or do i have to start from scratch"
# says the caller would rather be introduced
_KNOWS_RE = re.compile(
    rf"\b(?:will|would|does|do|did) (?:he|she|they|{_THEM}) (?:already |even |actually )?know"
    r" (?:about|anything)\b",
    _I,
)


# Whether the caller will have to tell it all again to the one rung: "will I have to explain all
# this again to them?", "do I have to start all over again?", "am I gonna need to repeat
# everything?" (asked of a transfer read back: `transfer_kind.repeat_asked`)
_AGAIN_RE = re.compile(
    r"\b(?:will|would|do|am|shall|must|is|are)\s+(?:i|we|me)\s+(?:going\s+to\s+|gonna\s+)?"
    r"(?:have|need|got|be\s+(?:made|asked))\s+to\s+(?:explain|repeat|tell|say|describe|start"
    r"|go\s+(?:through|over))\b[^.?!]{0,40}?\b(?:again|over|from\s+scratch"
    r"|from\s+the\s+(?:start|beginning|top))\b"
    r"|\b(?:will|would|do|am|shall|must)\s+(?:i|we)\s+(?:going\s+to\s+|gonna\s+)?(?:have|need|got)"
    r"\s+to\s+repeat\s+(?:everything|it\s+all|all\s+(?:of\s+)?(?:this|that|it)|myself)\b",
    _I,
)


def again_asked(text: str) -> bool:
    """Whether `text` asks if the caller must tell it all again to whom they are put through."""
    return bool(_AGAIN_RE.search(text) and asks(text))


def transfer_asked(text: str) -> str | None:
    """ "kind" for a question whether the transfer is warm or cold ("warm" when it says the
    caller would rather be introduced), "others" for one about the rest of the call, None
    otherwise."""
    if OTHERS_RE.search(text):
        return "others"
    if not KIND_RE.search(text) and not _KNOWS_RE.search(text):
        return None
    return "warm" if _RATHER_WARM_RE.search(text) else "kind"
