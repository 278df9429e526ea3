"""Questions about what the host cannot know: how long "they" usually take to answer, their
opening hours, the time or the weather where they are, whether the call is recorded or shows the
caller's number, what languages someone speaks, an email address. Answered honestly that it
cannot tell (`cannot_tell` in prompts/offline.yaml); nothing is done, nothing waiting changes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workflows.call.asking import asks

if TYPE_CHECKING:
    from prompts.models import OfflinePrompt
    from workflows.rehearsal.nlu import Reading

_I = re.IGNORECASE
_WHO = r"(?:they|she|he|it|you|u|the\s+\w+(?:\s+\w+)?|\w+)"
_OUTSIDE_RE = re.compile(
    # waiting: "how long is the wait usually for them?", "is there usually a queue?"
    # "how long will i be on hold", "how long am I in the queue for?"
    r"\bhow long\b[^.?!]{0,30}\b(?:wait|on hold|in (?:the|a) queue|holding)\b"
    # "how long do these transfers usually take", "am I going to be stuck on hold?"
    r"|\bhow long (?:do|does|will|would) (?:the |these |a |my |this |that )?transfers?"
    r" (?:usually |normally |typically )?take\b"
    r"|\b(?:am|will|would) i (?:going to |gonna )?(?:be |get )?(?:stuck|left|kept|waiting)"
    r" on hold\b"
    r"|\bwait(?:ing)? times?\b|\b(?:a|the) (?:queue|wait)\b"
    r"[^.?!]{0,20}\b(?:usually|normally|typically|long)\b"
    # hours: "are they even open?", "what time do they close?", "open on weekends?"
    rf"|\b(?:are|is|r)\s+{_WHO}\s+(?:even\s+|still\s+|usually\s+)?(?:open|closed)\b"
    rf"|\bwhat time (?:do|does|will)\s+{_WHO}\s+(?:open|close|shut|finish|get in|start)\b"
    r"|\b(?:opening|business|office|working)\s+hours\b"
    r"|\bopen (?:on|at|till?|until|today|tomorrow|now|weekends?|saturdays?|sundays?)\b"
    # the time or the weather there: "what's the time difference with them?"
    r"|\btime\s+(?:difference|zone)s?\b|\btimezone\b|\bwhat time is it\b|\bweather\b"
    # the call itself: "is this call recorded?", "can they see my number?"
    r"|\brecorded\b|\brecording (?:this|the|our) (?:call|conversation)\b"
    r"|\bsee my (?:number|name|caller ?id)\b|\bcaller ?id\b|\bshow my number\b"
    r"|\bmy number (?:show|come up|be (?:shown|hidden|private))\b"
    # what someone speaks, their address: "do they speak Spanish?", "what's her email?"
    r"|\b(?:do|does|can)\s+(?:they|she|he|anyone|anybody|someone|somebody)\s+speak\b"
    r"|\be-?mail\b|\bwebsite\b|\b(?:postal|street|office|mailing)\s+address\b"
    r"|\bwhere (?:are|r|is) (?:you|u|they|she|he|it|that|the office)(?: guys)?"
    r" (?:based|located|from)\b",
    _I,
)


def outside_question(text: str) -> bool:
    """Whether `text` asks something the host cannot know ("are they even open?")."""
    return asks(text) and bool(_OUTSIDE_RE.search(text))


# "can you send them a text?": a request the host cannot do (its list of what it can), not a
# question it cannot answer
_REQUEST_RE = re.compile(
    r"^\W*(?:\w+\W+){0,3}?(?:can|could|would|will|won't|can't)\s+(?:you|u|ya)\b|\bplease\b", _I
)

# "Ava, how are you?", "how's it going?": small talk, which gets the help, not "I can't tell"
_SMALL_TALK_RE = re.compile(
    r"\bhow (?:are|r) (?:you|u|ya|things)\b|\bhow(?:'s| is) (?:it going|your day|everything)\b"
    r"|\bhow (?:you|u|ya) doin|\bwhat'?s up\b",
    _I,
)


def unanswered(reading: Reading, offline: OfflinePrompt) -> list[str]:
    """The answer to a line no rule read that is plainly a question of a few words asking
    something, not a request of the host ("will they call me back?"): that it cannot tell;
    nothing for any other line."""
    text = reading.text
    if reading.phone_number or not asks(text, words=3) or _REQUEST_RE.search(text):
        return []
    if _SMALL_TALK_RE.search(text):
        return []
    return [offline.answers.cannot_tell]
