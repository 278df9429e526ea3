"""Questions about what the call does, answered and never acted on: "do you hang up when
everyone leaves?", "what happens if Dana drops off?", "will they hear me while they ring?".
Each is asked (a question mark, or a question's first word), not a request ("if they all drop
off, end the call" is the caller's wish, not this)."""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.slang import unslanged

_I = re.IGNORECASE
_ASKED_RE = re.compile(
    r"\?|^\W*(?:(?:so|and|but|ok|okay|quick question)\W+)?(?:do|does|will|would|is|are|what|can"
    r"|could|how)\b|[,;]\s*(?:do|does|will|would|is|are)\s+(?:you|it|the call|we|i)\b",
    _I,
)
_GONE = (
    r"(?:leaves?|left|has left|have left|hangs? up|hung up|has hung up|have hung up|drops?"
    r"(?: off| out)?|dropped(?: off| out)?|goes|go|gone|is gone|are gone|disconnects?)"
)
# "when everyone leaves", "once the others have hung up", "if they all drop off"
_ALL_GONE_RE = re.compile(
    r"\b(?:when|if|once|after)\s+(?:every(?:one|body)(?:\s+else)?|all of them|they all|the others"
    rf"|the rest|both of them|they both|all the others)\s+(?:(?:have|has|are|is)\s+)?{_GONE}\b",
    _I,
)
# "what happens if Dana drops off?", "what if Fox hangs up by accident?"
_WHO = r"(?P<who>(?!(?:you|i|we|me|us)\b)[\w'-]+(?:\s+[\w'-]+){0,2}?)"
_ONE_GONE_RE = re.compile(
    rf"(?:\b(?:what happens|what do you do|what then)\s+(?:if|when)|\bwhat if|^\W*if)\s+{_WHO}\s+"
    rf"(?:gets?\s+cut\s+off|loses?\s+(?:signal|connection|the line)|{_GONE})\b",
    _I,
)
# "will they hear me while they ring?", "can Dana hear us before she picks up?"
_WHILE_RINGING_RE = re.compile(
    r"\bhear\b[^.!?]{0,40}\b(?:while|when|as|before)\b[^.!?]{0,25}\b(?:ring\w*|picks?\s+up"
    r"|answer\w*|(?:being\s+)?dial\w*)\b",
    _I,
)

# "how long can we stay on this call? is there a limit", "how long can the call go on for?"
_LIMIT_RE = re.compile(
    r"\bhow long (?:can|could|may|will|are)\s+(?:we|i|you|u|the call|this call|it)\s+(?:be\s+"
    r"allowed\s+to\s+)?(?:stay|be on(?!\s+hold)|go on|go|last|run|keep going|talk)\b"
    r"|\b(?:is there|any|what'?s"
    r"|what is)\s+(?:a\s+|the\s+)?(?:time\s+|call\s+)?limit\b(?!\s+(?:on|to|of)\s+(?:how many|the"
    r"\s+number|people|participants|calls|numbers))|\bmax(?:imum)?\s+(?:call\s+)?(?:length"
    r"|duration|time)\b",
    _I,
)

# "just checking the line works", "only testing the line", "testing if this thing works": the
# caller tries the line; it is neither a request nor a goodbye ("that's all" beside it)
_LINE_CHECK_RE = re.compile(
    r"\b(?:check(?:ing)?|test(?:ing)?|try(?:ing)? out)\s+(?:(?:that|if|whether)\s+)?(?:the|this|my)"
    r"\s+(?:line|connection|number|thing|phone)\b|\bjust\s+(?:checking|testing)\W*$",
    _I,
)

# "can you make it a bit louder", "can you speak up", "you're very quiet", "I can barely hear
# you": the volume, which is the caller's phone's (never "tell Dana to speak up")
_VOLUME_RE = re.compile(
    r"\b(?:make|turn)\s+(?:it|this|that|you|yourself|your\s+voice|the\s+(?:volume|sound))\s+"
    r"(?:(?:a\s+)?(?:bit|little|lil|tad|touch)\s+|any\s+|much\s+)?(?:louder|up)\b"
    r"|(?<!to\s)\b(?:speak|talk)\s+(?:(?:a\s+)?(?:bit|little|lil)\s+)?(?:up|louder)\b"
    r"|\b(?:raise|increase|boost|turn\s+up)\s+(?:the\s+|your\s+)?(?:volume|voice|sound)\b"
    r"|\byou(?:'re|\s+are|re|r)\s+(?:(?:very|really|so|too|a\s+bit|kinda|quite|pretty)\s+)?"
    r"(?:quiet|soft|faint)\b|\bbarely\s+hear\s+you\b|^\W*(?:a\s+(?:bit|little)\s+)?louder\b",
    _I,
)

_BYE_RE = re.compile(r"\b(?:bye|goodbye|hang up|end (?:the|this) call)\b", _I)


def checks_line(text: str) -> bool:
    """ "that's all, just checking the line works": a check of the line, no goodbye; one said
    with a goodbye ("testing the line, bye for now") is that goodbye."""
    return bool(_LINE_CHECK_RE.search(text)) and not _BYE_RE.search(text)


# "could u have left her a msg instead??", "can you leave him a voicemail?": a message of its own
_MESSAGE_RE = re.compile(
    r"\b(?:leave|left|leaving|take|taken|send|sent|pass on)\s+(?:(?:him|her|them|it|a|an|my|some)"
    r"\s+)*(?:msg|message|voicemail|voice\s*mail|note)\b",
    _I,
)
# "they can take a message for Robert", "the front desk could take a msg": someone else takes
# the message (a transfer asked for), never the host asked to leave one
_OTHERS_MESSAGE_RE = re.compile(
    r"\b(?:they|he|she|someone|somebody|anyone|anybody|the\s+[\w ]{2,24}?)(?:\s+there)?"
    r"(?:'ll|\s+(?:can|could|will|would|may|might|should))\s+(?:\w+\s+)?"
    r"(?:take|leave|pass on)\s+(?:(?:him|her|them|it|a|an|my|some)\s+)*"
    r"(?:msg|message|voicemail|voice\s*mail|note)\b",
    _I,
)


def call_question(text: str) -> str | None:
    """Which question about the call `text` asks: "line_works" (a check of the line),
    "all_gone", "one_gone", "while_ringing", "no_messages" (it leaves none of its own),
    "call_limit" (how long a call may last), "volume" (asked to be louder);
    None for a line that asks none of them."""
    if checks_line(text):
        return "line_works"
    if _VOLUME_RE.search(text):  # "can you make it a bit louder"
        return "volume"
    if not _ASKED_RE.search(text):
        return None
    plain = unslanged(text)
    if _MESSAGE_RE.search(plain) and not _OTHERS_MESSAGE_RE.search(plain):
        return "no_messages"
    if _ALL_GONE_RE.search(text):
        return "all_gone"
    if _WHILE_RINGING_RE.search(text):
        return "while_ringing"
    if _ONE_GONE_RE.search(text):
        return "one_gone"
    return "call_limit" if _LIMIT_RE.search(text) else None
