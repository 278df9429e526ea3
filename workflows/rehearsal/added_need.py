"""More of the need, said where the receptionist asked the name: "I need a conference" / "May I
have your name?" / "with my two colleagues". The company is added to the need kept ("a
conference with my two colleagues"), and the name is asked again saying why it is needed,
never the same question twice in a row."""

from __future__ import annotations

import re

from prompts.loader import Prompts

_LEAD = r"^\W*(?:(?i:and|also|oh|um+|uh+|so|it's|its|it is|it'll be|that's|just|plus)\W+)*"
_TAIL = r"(?:\s+(?i:too|as well|also|please))?\W*$"
# "with my two colleagues", "and w/ the sales team too"
_WHO = r"(?:(?i:my|our|his|her|their|the|a|an|some|both|all|two|three|four|five|\d+)\b|[A-Z])"
_WITH_RE = re.compile(_LEAD + rf"(?P<with>(?i:with|w/|w)\s+{_WHO}[^.!?;,]*?)" + _TAIL)
# "I want my two colleagues on it", "need my boss on it too", "we'd like the Berlin office in"
_ON_IT_RE = re.compile(
    _LEAD + r"(?:(?i:i|we)\s*)?(?i:need|want|'d like|would like|wanna have|gotta have)\s+"
    r"(?P<who>(?i:my|our|the|a|both|all)\b[^.!?;,]+?)\s+(?i:on it|on the call|in on it|in|to join)"
    + _TAIL
)


def added_company(text: str) -> str | None:
    """ "with my two colleagues" for a line that only says who else the call is with; None for
    any other line."""
    if m := _WITH_RE.match(text.strip()):
        return re.sub(r"^(?i:w/|w)\s", "with ", m["with"])
    if m := _ON_IT_RE.match(text.strip()):
        return f"with {m['who']}"
    return None


def with_company(reason: str | None, text: str) -> str | None:
    """The need kept, with the company a line adds to it: "a conference" + "with my two
    colleagues" -> "a conference with my two colleagues"; the need unchanged otherwise."""
    company = added_company(text)
    if not reason or not company or company.lower() in reason.lower():
        return reason
    return f"{reason} {company}"


def name_asked_again(asked: str, adds_need: bool, prompts: Prompts) -> str | None:
    """The name asked again after a line that gave none: saying why it is needed when the
    caller added to their need instead; the other way of asking after that. None when the name
    was not what was asked last."""
    offline = prompts.offline
    if asked == offline.ask_name and adds_need:
        return offline.ask_name_why
    if asked == offline.ask_name_why:
        return offline.ask_name_again
    return None
