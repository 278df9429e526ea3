"""A name typed in lower case where only a name can stand: "his name is marcus", "0156 is my
boy marcus", "the 0156 one is marcus", "this one's called raj". Written with its capital, so
the line reads as "his name is Marcus" does (`leg_names.py`, `renames.py`, `one_on_line.py`
name that leg); a word that says how someone is ("0156 is muted", "the 0156 one is back now")
or any everyday word is never a name."""

from __future__ import annotations

import re

from workflows.call.addressing import PLEASANTRIES
from workflows.rehearsal.leg_names import NOT_A_NAME
from workflows.rehearsal.nlu.words import everyday_word

_TITLE = r"(?:(?:mr|mrs|ms|miss|dr|prof)\.?\s+)?"  # "his name is mr peterson": Peterson
_WHO = r"(?:one|guy|person|number|line|lady|man|woman|bloke|fella|chap|girl|caller)"
# Where a name stands: after "his name is" anything may follow ("..., he's from sales"); after
# last digits or "this one is" the name ends the sentence ("0156 is muted now" names no one).
_NAME_IS_RE = re.compile(
    rf"\b(?:his|her|their)\s+name(?:'s|s|\s+is)\s+(?:called\s+)?{_TITLE}(?P<name>[a-z][a-z'-]+)\b",
    re.IGNORECASE,
)
_LEG_IS_RE = re.compile(
    rf"(?:^|\b(?:the|that|this)\s+|[.!?;,]\s*)(?:\d{{3,4}}(?:\s+{_WHO})?|(?:that|this)\s+one)"
    r"(?:'s|\s+is)\s+(?:called\s+|named\s+)?(?:(?:my|our)\s+(?:[a-z]+\s+){1,2}?)?"
    rf"{_TITLE}(?!(?:my|our)\b)(?P<name>[a-z][a-z'-]+)"
    r"(?=\s*(?:[.!?;,]|$|\s+(?:btw|by the way|fyi)\b))",
    re.IGNORECASE,
)
# "that's mr peterson", "she's called aoife": the one just dialled, named in passing (a bare
# "that's odd" is never read as a name)
_THATS_RE = re.compile(  # "shes called noor", "hes named raj", "she goes by noor"
    r"(?:^|[.!?;,]\s*)(?:(?:that|this|he|she)(?:'s|s|\s+is)|they(?:'re|re|\s+are))\s+"
    r"(?:(?:called|named)\s+(?:mr|mrs|ms|miss|dr|prof)?\.?\s*|(?:mr|mrs|ms|miss|dr|prof)\.?\s+)"
    r"(?P<name>[a-z][a-z'-]+)\b"
    r"|(?:^|[.!?;,]\s*)(?:he|she|they)\s+goe?s\s+by\s+(?P<by>[a-z][a-z'-]+)\b",
    re.IGNORECASE,
)
# "thats marcus", "this is raj btw": a line of that alone names the one just dialled
_THATS_ALONE_RE = re.compile(
    r"^\W*(?:(?:and|oh|ok|okay|so|yeah|ya|yep|yup)\W+)*that(?:'s|s|\s+is)\s+"
    r"(?P<name>[a-z][a-z'-]+)(?=\W*(?:(?:btw|by the way|fyi)\W*)?$)",
    re.IGNORECASE,
)
# How something is, never who: "thats odd", "that's ridiculous", "thats mine"
_NOT_ALONE_RE = re.compile(
    r"(?:ous|ible|able|ful|ish|less)$|^(?:odd|weird|mine|yours|ours|theirs|sales|support"
    r"|billing|reception|sick|mad|lit|wild|crazy|insane|dope|sweet|rad|legit|bs|tough|brutal"
    r"|lame|fair|sad|gross|wack|cringe|fire|mid|sus|rough|harsh|rude|nuts|bonkers|random|typical"
    r"|normal|grand|mint|unreal|ace|class|epic|savage|classic|gold|wicked|bonza|ripper|beaut)$"
)
# "call him marcus", "the guy u just called is marcus", "the 718 number, thats marcus": the one
# dialled last, or the leg pointed at, named in lower case
_CALL_HIM_RE = re.compile(
    r"\bcall\s+(?:him|her|them)\s+(?P<name>[a-z][a-z'-]+)(?=\s*(?:[.!?;,]|$|\s+(?:btw|by the way|"
    r"from now on|please|pls)\b))",
    re.IGNORECASE,
)
_JUST_CALLED_RE = re.compile(
    rf"\bthe\s+{_WHO}\s+(?:(?:who|that)\s+)?(?:you|u)\s+(?:just\s+)?(?:called|dialled|dialed"
    rf"|rang|added|got)\s+(?:is|was)\s+{_TITLE}(?P<name>[a-z][a-z'-]+)\b",
    re.IGNORECASE,
)
_POINTED_RE = re.compile(
    rf"\bthe\s+(?:\d{{3,4}}|first|second|third|last)\s+{_WHO},?\s+(?:that|this|he|she|it)"
    rf"(?:'s|s|\s+is)\s+{_TITLE}(?P<name>[a-z][a-z'-]+)"
    r"(?=\s*(?:[.!?;,]|$|\s+(?:btw|by the way)\b))",
    re.IGNORECASE,
)
# "name the 917 one mom", "label 0188 as mom", "call the 646 number raj": the leg pointed at
_NAME_THE_RE = re.compile(
    rf"\b(?:name|label|call)\s+(?:the\s+)?\d{{3,4}}(?:\s+{_WHO})?\s+(?:as\s+)?{_TITLE}"
    r"(?P<name>[a-z][a-z'-]+)(?=\s*(?:[.!?;,]|$|\s+(?:btw|by the way|please|pls|for me)\b))",
    re.IGNORECASE,
)
# How someone is, never who: "0156 is muted", "the 0156 one is ringing"
_STATE_RE = re.compile(r"(?:ed|ing|ly)$|^(?:gone|busy|dead|silent|loud|quiet|online|offline)$")


def capitalised(text: str) -> str:
    """`text` with each lower-case word in a name's place written with its capital."""
    for regex in (
        _NAME_IS_RE,
        _LEG_IS_RE,
        _THATS_RE,
        _THATS_ALONE_RE,
        _CALL_HIM_RE,
        _JUST_CALLED_RE,
        _POINTED_RE,
        _NAME_THE_RE,
    ):
        text = regex.sub(_capital, text)
    return re.sub(r"\b([Tt]hat)s(?=\s+[A-Z])", r"\1's", text)  # "thats Marcus": "that's"


def _capital(m: re.Match[str]) -> str:
    group = "by" if m.re is _THATS_RE and m["by"] else "name"
    name = m[group]
    low = name.lower()
    if m.re is _THATS_ALONE_RE and _NOT_ALONE_RE.search(low):
        return m.group()
    if low in NOT_A_NAME or low in PLEASANTRIES or _STATE_RE.search(low) or everyday_word(low):
        return m.group()
    at = m.start(group) - m.start()
    return m.group()[:at] + name[:1].upper() + name[1:]
