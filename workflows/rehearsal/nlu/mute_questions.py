"""Questions about who is muted: "who's on mute?", "who's muted and who isn't?", "is anyone
muted?" ask for the list (it shows who is muted), never mute someone called "who's"; "am I on
mute?" asks about the caller, whom the host never mutes."""

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
