"""Requests said the chatty way, often after a remark to the others on the call: "ok he's off
the train, let him talk again" (unmute), "please make everybody muted except for me" (mute),
"bruh he dropped. hit him up again" (redial). Each names whom in group `t`, as the request
patterns of `requests` do."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_WHO = r"(?P<t>(?!me\b|us\b)[\w'-]+(?:\s+(?!to\b)[\w'-]+)?)"
# "let him talk again", "let Dana speak now", "let her chime in again": heard again
LET_TALK_RE = re.compile(
    rf"\b(?:let|allow)\s+{_WHO}\s+(?:to\s+)?(?:talk|speak|chime in|be heard)"
    r"(?:\s+(?:again|now|once more))+\b"
    # "Right, she can come back on now" (after muting her): heard again
    r"|(?:^|[,.;!?]\s*|\b(?:ok|okay|right|so|and|alright)\s+)(?P<u>he|she|they|(?-i:[A-Z])[\w'-]*)"
    r"\s+(?:can|could|may)\s+come\s+back\s+on(?:\s+now)?\b(?!\s+(?:the|to|at|later)\b)",
    _I,
)
# "make everybody muted except for me", "get the 0124 guy muted", "keep them silenced"
MADE_MUTED_RE = re.compile(
    r"\b(?:make|get|have|keep)\s+(?P<t>(?!me\b|us\b)[\w' -]{1,40}?)\s+(?:muted|silenced)\b",
    _I,
)
# "hit him up again", "buzz her again", "ring them back again", "ping that guy one more time"
AGAIN_RE = re.compile(
    r"\b(?:hit|buzz|ping|call|ring|phone|dial|try|get)\s+(?:him|her|them|that (?:guy|one|number))"
    r"(?:\s+(?:up|back))?\s+(?:again|one more time|once more)\b",
    _I,
)
# "shut it down for everybody", "close the whole thing down", "we're wrapped": the end of the
# call for everyone
SHUT_DOWN = (
    r"|\b(?:shut|close|bring)\s+(?:it|this|the call|this call|the whole thing|everything)"
    r"(?:\s+all)?\s+down\b|\bshut\s+down\s+(?:the|this)\s+call\b|\bwe(?:'re| are) wrapped\b"
)
