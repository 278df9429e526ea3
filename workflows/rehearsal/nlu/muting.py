"""The words that ask for someone to be muted or heard again: "mute", "put him on mute", "shut
him up would ya", "take her off mute", "Mulder can come off mute now", "ok, Raj can talk again",
and "me" followed by a clause of its own ("unmute me i'm done eating"). Which request a line
makes, and whom it is about, is `requests.find_action`'s."""

from __future__ import annotations

import re

_I = re.IGNORECASE
UNMUTE_RE = re.compile(
    r"\bun-?mute\b|\b(?:take|pop|get|bring|let)\s+(?P<t>[\w' -]{1,40}?)\s+off\s+mute\b"
    # "Mulder can come off mute now"
    r"|\b(?P<u>[\w'-]+(?:\s+[\w'-]+)?)\s+(?:can|could|may|should)\s+(?:come|go|get)\s+off\s+mute\b"
    # "let him back in, he needs to say something": heard again (said of the one muted)
    r"|\b(?:let|bring|have)\s+(?P<v>[\w'-]+(?:\s+[\w'-]+)?)\s+back\s+in\b(?=[^.?!]*\b(?:say|speak|talk"
    r"|hear|heard|word|chime)\w*)"
    # "ok, Raj can talk again", "she may speak again now", "she can speak now" (not "I can")
    r"|\b(?P<a>(?!(?:i|we|you)\b)[\w'-]+(?:\s+(?!(?:i|we|you)\b)[\w'-]+)?)"
    r"\s+(?:can|could|may|should)\s+(?:talk|speak)\s+(?:again|now)\b",
    _I,
)
# "me", then a clause of its own: "unmute me i'm done eating", "mute me he's talking"
ME_THEN_RE = re.compile(
    r"^me\s+(?:i|i'm|im|i've|ive|i'll|ill|he's|hes|she's|shes|they're|theyre|we're|it's|its"
    r"|thx|thanks|ty|pls|please|lol|bc|because|cause|cos|coz|so)\b.*$",
    _I,
)
MUTE_RE = re.compile(
    r"\b(?:put|pop|stick|throw|chuck|bung|place|set|have)\s+(?P<t>[\w' -]{1,40}?)\s+on\s+mute\b"
    # "both of them on mute please": no verb, a clause of its own (not "I'm on mute")
    r"|(?:^|[,.!?;])\s*(?!(?:kindly\s+|please\s+|pls\s+)?(?:i|i'm|im|we|we're|you|you're|am|are|is|it's|can|could|would"
    r"|will|put|pop|stick|throw|chuck|bung|place|set|have)\b)(?P<u>\w[\w'-]*(?:\s+[\w'-]+){0,2}?)\s+on\s+mute\b"
    # "the 0124 guy keeps typing, shut him up would ya"
    r"|\bshut\s+(?P<s>[\w'-]+(?:\s+[\w'-]+){0,2}?)\s+up\b"
    r"|\b(?:mute|silence)\b",
    _I,
)

# "bring sales back in", "Mulder can come back in now": back in (`back_in` decides what)
_BACK_IN = r"back\s+(?:in(?:to)?|on)\b(?:\s+(?:the|this|our)\s+(?:call|convo|conversation|chat))?"
BACK_IN_RE = re.compile(
    rf"\b(?:bring|let|get|put|have)\s+(?P<who>[\w' -]+?)\s+{_BACK_IN}"
    rf"|\b(?P<who2>[\w' -]+?)\s+can\s+(?:come|join|be)\s+{_BACK_IN}",
    _I,
)

# ", unmute em" said after it: the same request, once
UNMUTE_THEM_RE = re.compile(
    r"^\W*(?:and\s+|i mean\s+|like\s+)?un-?mute\s+(?:them|'?em|him|her|it)\b", _I
)
