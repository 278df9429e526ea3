"""Problems with a service a caller pays for, said as they would: an outage ("my internet's
been down since yesterday"), a bill too high or wrong ("im calling about my bill, it's way too
high this month"), or someone asked to fix a thing of theirs ("i want someone to fix my bill").
Each is for the support desk: `problems.py` offers it, and the need is what the introduction
says it is about."""

from __future__ import annotations

import re

_I = re.IGNORECASE
# A service out: "my internet's been down since yesterday", "wifi is dead", "the phones are
# out" (only what a line or a device is, never "my boss is out today")
_SERVICE = r"internet|wifi|wi-fi|broadband|power|email|e-mail|network|server"
_MINE = (  # "the line went dead" may be a leg of the call: only "my line", "our phones"
    r"connection|service|phones?|phone line|line|website|site|system|tv|cable|router|modem"
    r"|signal|landline|portal|app|laptop|computer|pc|desktop|tablet|printer"  # "my laptop is dead"
)
DOWN_RE = re.compile(
    rf"\b(?:(?:(?:my|the|our)\s+)?(?P<n>{_SERVICE})|(?:my|our)\s+(?P<m>{_MINE}))(?:'s|\s+is|\s+are|\s+has|\s+have|\s+was"
    r"|\s+were|\s+went|\s+keeps\s+going|\s+goes)(?:\s+(?:been|just|now|all|completely|totally"
    r"|still|gone|down))*\s+(?P<s>down|out|dead|offline)\b(?!\s+(?:of|to|for|there|the)\b)",
    _I,
)
# A connection that keeps failing: "my internet has been dropping every evening", "our wifi is
# cutting out", "my broadband's been dropping out" (never "my boss has been dropping hints";
# "the line is cutting out" may be a leg of the call: only "my line")
# a service's box: "my wifi box keeps droppin out", "our internet router is cutting out"
_BOX = r"(?:\s+(?:box|router|modem|hub|connection|signal))?"
DROPPING_RE = re.compile(
    rf"\b(?:(?:my|the|our)\s+(?P<n>(?:{_SERVICE}){_BOX})|(?:my|our)\s+(?P<m>{_MINE}|calls?))(?:'s|\s+is|\s+are|\s+has|\s+have"
    r"|\s+was|\s+were|\s+keeps|\s+kept|\s+keep)(?:\s+(?:been|just|now|all|still|constantly"
    r"|always|on))*\s+(?P<s>(?:dropping|droppin|dropin|droping)(?:\s+(?:out|off))?"
    r"|(?:cutting|cuttin|cuting)\s+(?:out|off)|disconnecting|disconnectin|going\s+(?:out|off)"
    r"|(?:cutting|cuttin|cuting)(?=\s+(?:every|all|constantly|on\s+and\s+off)\b))(?![a-z])"
    # "my wifi drops every hour", "our internet cuts out at night"
    r"|\b(?:my|our)\s+(?P<n2>(?:" + _SERVICE + r"|" + _MINE + r")" + _BOX + r")\s+(?:(?:just|always"
    r"|constantly|still)\s+)?(?P<s2>drops(?:\s+(?:out|off))?|cuts\s+(?:out|off)|disconnects)\b",
    _I,
)
# A bill too high or wrong: "calling about my bill, it's way too high this month", "my invoice
# is wrong", "they charged me too much"
_BILLED = r"bill|invoice|statement|charges?|fees?|payment|phone bill"
# what the bill is for, one word: "my internet bill", "our electricity bill"
_FOR = r"(?:(?:internet|phone|mobile|cable|tv|wifi|broadband|electricity|gas|water|energy)\s+)?"
TOO_HIGH_RE = re.compile(
    rf"\b(?:my|the|our|this)\s+{_FOR}(?P<n>{_BILLED})\b[^.!?;]{{0,25}}?(?:'s|\bis|\bare|\bwas"
    r"|\bseems|\blooks|\bgot)\s+(?:(?:way|much|far|really|so|a lot|a bit|just|all|totally)\s+)*"
    r"(?P<s>too\s+(?:high|much|big|expensive)|higher than\b|wrong\b|incorrect\b|not right\b"
    r"|(?:messed|screwed|mixed|mucked|fouled)\s+up\b|a\s+mess\b)"
    r"|\bcharg(?:ed|ing)\s+(?:me|us)\s+(?:way\s+|far\s+)?too\s+much\b",
    _I,
)
# A question about a bill is for billing support: "I have a question about my invoice", "got a
# query regarding my phone bill", "quick question on our last statement"
BILL_QUESTION_RE = re.compile(
    r"\b(?:question|questions|query|queries|enquiry|inquiry)\s+(?:about|regarding|on|with|re)\s+"
    rf"(?:my|our|the|this|an?)\s+(?:(?:last|latest|recent|new|monthly)\s+)?{_FOR}(?P<n>{_BILLED})\b",
    _I,
)
# Someone asked to fix a thing of the caller's: "i want someone to fix my bill", "can somebody
# sort out my internet", "I need my wifi fixed" (never "fix my name", said to the host)
_FIXABLE = r"(?!(?:name|number|spelling|last|first)\b)[a-z]+"
FIX_RE = re.compile(
    r"\b(?:some(?:body|one)|anybody|anyone|a person|a human|a real person)\s+(?:who\s+can\s+"
    r"|that\s+can\s+|to\s+|can\s+|could\s+)?(?:fix|sort\s+out|sort|repair|look\s+at"
    rf"|look\s+into)\s+(?:my|our)\s+(?P<n>{_FIXABLE})\b"
    rf"|\b(?:need|want|get)\s+(?:my|our)\s+(?P<n2>{_FIXABLE})\s+(?:fixed|sorted|repaired)\b",
    _I,
)


# the typed forms of what a connection does, as "dropping", "cutting", "disconnecting"
_ING = {"drop": "dropping", "cut": "cutting", "disconnect": "disconnecting"}


def _said(s: str) -> str:
    """What is wrong, in a few words: "way too high" -> "too high", "incorrect" -> "wrong"."""
    s = " ".join(s.lower().split())
    if s.startswith(("too", "higher")):
        return "too high"
    if s.startswith(("messed", "screwed", "mixed", "mucked", "fouled", "a mess")):
        return "wrong"
    return "wrong" if s in ("incorrect", "not right") else s


def service_need(t: str) -> str | None:
    """ "support with their internet down", "support with their bill too high", "support with
    fixing their bill"; None when no such problem is said."""
    if m := DOWN_RE.search(t):  # "my internet's been down": their internet down
        return f"support with their {(m.group('n') or m.group('m')).lower()} {m.group('s').lower()}"
    if m := DROPPING_RE.search(t):  # "my internet has been dropping": their internet dropping
        thing = (m.group("n") or m.group("m") or m.group("n2")).lower()
        said = " ".join((m.group("s") or m.group("s2")).split()).lower()
        said = re.sub(r"^(drop|cut|disconnect)\w*", lambda w: _ING[w.group(1)], said)
        return f"support with their {thing} {said}"
    if m := TOO_HIGH_RE.search(t):  # "my bill, it's way too high": their bill too high
        if not m.group("n"):
            return "support with being charged too much"
        return f"support with their {m.group('n').lower()} {_said(m.group('s'))}"
    if m := BILL_QUESTION_RE.search(t):  # "a question about my invoice"
        return f"support with a question about their {m.group('n').lower()}"
    if m := FIX_RE.search(t):  # "someone to fix my bill": fixing their bill
        return f"support with fixing their {(m.group('n') or m.group('n2')).lower()}"
    return None


# every sign of a problem with a service, for `problems.PROBLEM_RE`
SERVICE_SIGNS = (DOWN_RE, TOO_HIGH_RE, FIX_RE, DROPPING_RE, BILL_QUESTION_RE)
