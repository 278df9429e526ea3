"""A question about one person on the call: "is Dana still with us?", "is Fox still on?", "did
Mulder drop?", "has Dana hung up?". It asks about that person, never for the whole state, and
"drop" or "hang up" in it is neither a removal nor the caller's goodbye."""

from __future__ import annotations

import re

_PERSON_Q_RE = re.compile(
    r"^\W*(?:(?:so|and|hey|um|uh|wait|ok(?:ay)?|sorry|oh|hmm|right|actually)\W+)*(?:is|are|has|have|did)\s+"
    r"(?!(?:you|u|i|we|it|there|anyone|anybody|everyone|everybody|someone|somebody)\b)"
    r"(?!(?:this|that)\s+(?:on|there|here)\b)"  # "is this on?": the caller's own line
    r"(?P<who>[\w'.-]+(?:\s+[\w'.-]+){0,3}?)\s+"
    r"(?:still\s+(?:with us|on|there|here|around|connected|on the (?:line|call)|ringing|muted)"
    r"|(?:on|there|here|with us|connected|on the (?:line|call))(?:\s+or\s+(?:what|not))?"
    r"|(?:just\s+)?(?:left|gone|dropped|drop|hung up|hang up|leave)(?:\s+(?:off|out))?"
    r"|(?:on\s+)?mute[d]?)"
    r"(?:\s+(?:the|this)\s+(?:call|line))?"
    r"(?:,?\s+or\s+(?:did|has|have|is)\s+(?:he|she|they|it|\w+)\s+[\w' ]{1,30})?\s*\??\s*$",
    re.IGNORECASE,
)


# "Dana still with us?", "Mulder still on the call?": the same question without its "is"
_STILL_Q_RE = re.compile(
    r"^\W*(?!(?i:i|you|we|it|there|(?:any|every|some)(?:one|body)|this|that)\b)"
    r"(?P<who>[^\W\d_a-z][\w'.-]*(?:\s+[^\W\d_a-z][\w'.-]*){0,2})\s+(?i:still\s+"
    r"(?:with us|on|there|here|around|connected|on the (?:line|call))(?:\s+(?:the|this)\s+"
    r"(?:call|line))?)\s*\?"
)


def asks_about(t: str) -> str | None:
    """Whom a question about one person on the call names, or None."""
    for sentence in _SENTENCE_RE.split(t):  # "Is Monica still on? I hear nothing from her."
        if m := _PERSON_Q_RE.search(sentence) or _STILL_Q_RE.match(sentence):
            return " ".join(m.group("who").split())
    return None


_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+")
