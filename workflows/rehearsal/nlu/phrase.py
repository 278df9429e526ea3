"""Who a request names: the few words after its verb, up to where the name ends ("Fox Mulder
about a case": Fox Mulder; "the sales desk directly": the sales desk), and "someone from the
sales team, Dana I think": Dana from the sales team."""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.words import everyday_word

_I = re.IGNORECASE
_CUT_RE = re.compile(
    r"[,.;:!?]|\s(?:to|into|onto|on|off|in|at|and|then|please|now|for|as well"
    r"|too|also|so|because|cause|cuz|while|whilst|until|till|once|as soon as|but|if|who|which"
    r"|with|via|back|right|immediately"
    r"|about|regarding|concerning|directly|straight|personally|privately|alone"
    r"|i think|i guess|i believe|i reckon"
    r"|again|first|before|after|when|using|out|by|through|over|yet|ext|extension|instead"
    r"|here|up|since|rather than|in place of|not (?:the|my|our|that|this)"  # "..., not the desk"
    # a word of when or how soon: "add Mulder meanwhile", "mute Dana real quick", "Fox asap"
    r"|meanwhile|meantime|real quick|quick|quickly|asap|whenever|later|soon|pls|plz)\b|\sx\d"
    # a trailing remark: "marcus hes eating lmao", "him he's done", "dana she's typing"
    r"|\s(?:he|she|they|he's|hes|she's|shes|they're|theyre|he'll|she'll|lol|lmao|lmfao|haha"
    r"|rofl|btw|tbh)\b"
    r"|\sfrom (?:the|this|our|my) (?:call|line|conference|meeting|bridge)\b",
    _I,
)
_UP_RE = re.compile(r"^\s*up\b", _I)
# A pronoun, then how long: "mute them a sec pls", "unmute him a moment": the pronoun
_PRONOUN_AWHILE_RE = re.compile(
    r"^((?:them|him|her|'?em|it)\b)\s+(?:just\s+)?(?:a|one)\s+(?:sec|secs|second|seconds|min|mins"
    r"|minute|minutes|moment|mo|tick|bit|while|jiffy)\b.*$",
    _I,
)
_WINDOW_WORDS = 8
_WINDOW_RE = re.compile(rf"\s*(?:\S+\s*){{0,{_WINDOW_WORDS}}}")
# "someone from the sales team, Dana I think": the name after the comma, in that team
_SOMEONE_FROM_RE = re.compile(
    r"(?:some(?:one|body)|a person|any(?:one|body)|one of them) (?P<team>from (?:the |our )?\S.*)",
    _I,
)
_NAME_AFTER_RE = re.compile(
    r"\s*,\s*(?i:(?:i think|probably|maybe|i guess)\s+)?(?i:it's\s+|its\s+)?"
    r"(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)"
    r"(?=\s+(?i:i think|i guess|probably|maybe|i believe)\b|\s*[,.;!?]|\s*$)"
)


def phrase_at(d: str, start: int, stop: int = -1) -> str:
    """The few words naming who a request is about, up to a preposition, clause end or number.

    Only the next `_WINDOW_WORDS` words are read: the phrase keeps five, and the longest cut
    ("from the call") ends within three more. Reading the whole rest of the line instead, once
    per verb, made a line of many verbs quadratic ("add " x 8,000 took 17 s)."""
    window = _WINDOW_RE.match(d, start, stop if stop > start else len(d))
    rest = window.group() if window else ""
    rest = _UP_RE.sub(" ", rest, count=1)  # "ring up Dana": Dana, never "up Dana"
    if cut := _CUT_RE.search(rest):
        rest = rest[: cut.start()]
    phrase = _PRONOUN_AWHILE_RE.sub(r"\1", " ".join(rest.split()[:5]))
    if (
        (team := _SOMEONE_FROM_RE.fullmatch(phrase))
        and (name := _NAME_AFTER_RE.match(d, window.start() + len(rest) if window else start))
        and not everyday_word(name.group("name"))
    ):  # "someone from sales, Thanks": no name
        return f"{name.group('name')} {team.group('team')}"
    return phrase
