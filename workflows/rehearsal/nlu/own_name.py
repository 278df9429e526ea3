"""The shorter (or other) name a caller settles on for themselves, said alone: "Just Kat,
please.", "no, just Kat", "Kat is fine", "it's just Amélie". Read only where the caller has
already given a name (the receptionist's question after it, or at the host): never a person to
add."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_NAME = r"(?P<new>[^\W\d_][\w'-]*(?:[ \t]+[A-Z][\w'-]*)?)"
_OPENING = r"^\W*(?:(?i:no|nah|non|nein|sorry|oh|um+|uh+|actually|wait|well)\W+)*"
_SETTLED_RES = (
    # "Just Kat, please.", "no no, it's just Amélie", "only Kat thanks"
    re.compile(
        _OPENING
        + r"(?:(?i:it's|its|it is|call me)\s+)?(?i:just|only)\s+"
        + _NAME
        + r"(?:\W+(?i:please|pls|thanks|thank you|is fine|is good|will do))?\W*$"
    ),
    # "Kat is fine.", "Kat works", "Kat will do, thanks"
    re.compile(
        _OPENING + _NAME + r"\s+(?i:is\s+fine|is\s+good|is\s+ok(?:ay)?|works|will\s+do)"
        r"(?:\W+(?i:please|pls|thanks|thank you))?\W*$"
    ),
)
_NOT_NAMES = frozenset("me you that this it one them him her us the a fine".split())


def settled_name(text: str) -> str | None:
    """ "Kat" for "Just Kat, please."; None unless the line is only that name said so."""
    for pattern in _SETTLED_RES:
        if (m := pattern.match(text.strip())) and m["new"].split()[0].lower() not in _NOT_NAMES:
            new = m["new"]
            return new.title() if new == new.lower() else new
    return None


# The caller's name said wrong first, then right: "my name is not English, it is Klaus", "it's
# not Claus, it's Klaus", "I'm not Jon but John" (the old name is checked against theirs)
NOT_OLD_FIRST_RE = re.compile(
    r"\b(?i:my\s+name(?:'s|\s+is)|it's|its|it\s+is|i'm|i\s+am)\s+(?i:not)\s+"
    r"(?P<old>[A-Za-z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s*[,;.]?\s*(?i:but\s+|it's\s+|its\s+|it\s+is\s+"
    r"|i'm\s+|i\s+am\s+|my\s+name\s+is\s+)+(?P<new>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
)

# The caller's name as a record holds it: "my name on file is Aoife Brennan", "the account's in
# the name of Aoife Brennan", "it's under Aoife Brennan" ("it's under" only near their name)
ON_FILE_RE = re.compile(
    r"(?P<under>\b(?i:it's|its|it\s+is|it\s+should\s+be|should\s+be)\s+(?:(?i:all|listed|booked"
    r"|registered|saved|filed)\s+)?(?i:under)(?:\s+(?i:the\s+name))?)?"
    r"(?(under)|\b(?i:my\s+name\s+(?:on\s+(?:file|record|the\s+(?:account|file|system))"
    r"|in\s+(?:the|your)\s+(?:system|records?|files?))(?:\s+is|'s)"
    r"|(?:my|the|our)\s+(?:account|booking|reservation|file|record|profile)(?:'s|\s+is)?"
    r"\s+(?:(?:in|under)\s+the\s+name(?:\s+of)?|under)"
    r"|(?:it's|its|it\s+is|i'm|i\s+am)\s+(?:(?:all|listed|registered)\s+)?in\s+the\s+name\s+of"
    r"|(?:i'm|i\s+am)\s+(?:on\s+file|in\s+(?:the|your)\s+system|down)\s+as))"
    r"[\s:]+(?P<new>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
)
