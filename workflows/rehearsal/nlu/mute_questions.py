"""Questions about who is muted: "who's on mute?", "who's muted and who isn't?", "is anyone
muted?" ask for the list (it shows who is muted), never mute someone called "who's"; "am I on
mute?" asks about the caller, whom the host never mutes; "mute me", "put me on hold" ask it of the
caller's own line, which only their phone can mute."""

from __future__ import annotations

import re

_I = re.IGNORECASE
_MUTED = r"(?:on\s+mute|muted)"
# "who's on mute?", "who all is muted", "is anyone muted?", "anybody on mute?", "which of them
# are muted?"
_WHO_MUTED_RE = re.compile(
    rf"\bwho(?:'s|s|\s+is|\s+are|\s+all(?:\s+is|'s)?)?\s+(?:still\s+|currently\s+)?{_MUTED}"
    rf"|\b(?:is|are)\s+(?:any(?:one|body)|some(?:one|body)|people|they|every(?:one|body)|we)"
    rf"(?:\s+(?:else|still))?\s+{_MUTED}"
    rf"|^\W*(?:\w+\W+)?any(?:one|body)\s+(?:still\s+)?{_MUTED}"
    r"(?:\s+(?:rn|now|right now|atm|at the moment|yet))?\W*$"
    rf"|\bwhich\s+(?:ones?|of\s+them|people|lines?)\s+(?:is|are)\s+(?:still\s+)?{_MUTED}",
    _I,
)
# "am I on mute?", "am i muted or what", "did you mute me?", "have you got me on mute?"
_CALLER_MUTED_RE = re.compile(
    rf"\bam\s+i\s+(?:still\s+)?{_MUTED}"
    rf"|\b(?:did|have)\s+(?:you|u)\s+(?:just\s+)?(?:muted?\s+me|(?:got|put)\s+me\s+on\s+mute)\b"
    rf"|\bis\s+my\s+(?:line|phone|mic)\s+{_MUTED}",
    _I,
)


def asks_who_is_muted(t: str) -> bool:
    """A question about who on the call is muted: answered by the list of who is on."""
    return bool(_WHO_MUTED_RE.search(t)) and not asks_if_caller_muted(t)


def asks_if_caller_muted(t: str) -> bool:
    """The caller asking whether they themselves are muted."""
    return bool(_CALLER_MUTED_RE.search(t))


# The caller's own line as a mute's target ("mute me", "can you mute my line please")
_OWN_LINE = ("me", "myself", "my line", "my phone", "my mic", "my end", "my side")
# "ava put me on hold for a sec lol": the host has no hold; asked as a mute of the caller
_HOLD_ME_RE = re.compile(r"\b(?:put|place|keep|stick|pop|leave)\s+(?:me|us)\s+on\s+hold\b", _I)
# "mute me and Dana": not the caller's line alone
_ME_AND_RE = re.compile(
    r"\bme\s*(?:and|&)\s+(?!(?:i|i'm|im|he|he's|hes|she|she's|shes|we|they|it's|its)\b)\w", _I
)


def own_line_asked(action: str | None, target: str | None, text: str) -> str | None:
    """ "mute" when the caller asks to be muted or put on hold ("mute me", "can you mute me",
    "put me on hold for a sec"), "unmute" for "unmute me"; None for anyone else. The caller's
    session never asks this of a participant: their "mute me" is read as theirs."""
    if action in ("mute", "unmute") and (target or "").lower() in _OWN_LINE:
        return None if _ME_AND_RE.search(text) else action
    return "mute" if action is None and _HOLD_ME_RE.search(text) else None
