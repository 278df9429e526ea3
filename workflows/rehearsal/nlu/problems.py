"""A problem a caller needs support with, said as they would: "my account's been locked since
this morning, I can't log in at all" -> "support for a locked account".

The need keeps the desk's word first ("support ..."), so the host offers the support desk
(`Directory.asked_for`), and the rest is what a warm transfer's introduction says it is about.
"""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.service_problems import SERVICE_SIGNS, service_need

_I = re.IGNORECASE
# "account" or "credit card", never "account is" / "card got": a second word is no auxiliary
_AUX = r"is|was|were|are|am|has|have|had|got|gets|get|been|be|just|now|keeps|keep|did|does|do|also"
_NOUN = rf"[a-z]+(?:\s+(?!(?:{_AUX})\b)[a-z]+)?"
_STATE = (
    r"locked|blocked|suspended|hacked|frozen|disabled|compromised|closed|deactivated|cancelled"
    r"|canceled|stolen|broken|charged twice|double charged|overcharged|declined|rejected"
)
# "my account's been locked", "my card got blocked", "my password was stolen", "about my
# account, it got locked out" (never "my bill, it's been charged twice": a double charge)
_BROKEN_RE = re.compile(
    rf"\bmy\s+(?P<n>{_NOUN})(?:\s*,\s*(?:and\s+)?it(?=\s|'?s\b)(?!.{{0,25}}\b(?:charged|billed)))?"
    r"(?:'s|(?<=\bit)s|\s+is|\s+has|\s+was|\s+got|\s+keeps\s+getting)"  # "its been locked"
    rf"(?:\s+(?:been|just|now|all|gotten|got))*\s+(?P<s>{_STATE})\b",
    _I,
)
# "I'm locked out of my account"
_LOCKED_OUT_RE = re.compile(r"\blocked out of (?:my|the|our)\s+(?P<n>[a-z]+)\b", _I)
# "it keeps saying password expired", "my password's expired", "says my pin has expired"
_EXPIRED_RE = re.compile(
    r"\b(?P<n>password|pin|passcode|login|card|subscription|licen[cs]e)(?:'s|\s+is|\s+was"
    r"|\s+has|\s+had|\s+just)*(?:\s+been)?\s+expired\b",
    _I,
)
# "I can't log in", "unable to sign in", "I cannot access my email"
_CANT_RE = re.compile(
    r"\b(?:can't|cant|cannot|can not|couldn't|couldnt|unable to|not able to"
    r"|(?:won't|wouldn't|doesn't|does not|isn't|is not|not|keeps not)\s+(?:let|letting)"
    r"\s+(?:me|us))\s+(?P<v>(?:access|get into|(?:log|sign)\s?(?:in)?to)\s+(?:my|the|our)\s+[a-z]+"
    r"|log\s?in|sign\s?in|login"  # "i cant log into my account": getting into it
    r"|get online|get on the internet|get connected)\b",  # "I can't get online"
    _I,
)
# "my internet isn't working", "my phone stopped working", "problem with my bill"
_NOT_WORKING_RE = re.compile(
    rf"\bmy\s+(?P<n>{_NOUN})\s+(?:isn't|is(?:\s+(?:also|still))?\s+not|not|no|stopped|won't|doesn't"
    r"|does not|keeps\s+not|'s\s+not)\s+work(?:ing)?\b",
    _I,
)
# "me laptop won't connect to the VPN", "the invoices portal is not opening since morning"
_WONT_RE = re.compile(
    rf"\b(?:my|me|the|our)\s+(?P<n>{_NOUN})\s+(?:won'?t|will not|isn'?t|not|no|doesn'?t|didn'?t"
    r"|is(?:\s+(?:also|still))?\s+not|'s not|does not|keeps not)"  # "my laptop wont turn on"
    r"\s+(?P<v>connect|open|load|start|boot|respond|turn on|power on|switch on)(?:ing)?\b",
    _I,
)
# "my invoices stopped downloading since yesterday", "the app has stopped syncing": a thing that
# stopped doing what it did is a problem told as a story
_STOPPED_RE = re.compile(
    rf"\b(?:my|me|the|our)\s+(?P<n>{_NOUN})\s+(?:(?:have|has|just|all|suddenly)\s+)*stopped\s+"
    r"(?!working\b)(?P<v>[a-z]+ing)\b",
    _I,
)
# "I was charged twice", "I've been overcharged", "I got hacked"
_HAPPENED_RE = re.compile(
    r"\b(?:i|we)(?:\s+was|\s+were|'ve been|\s+have been|\s+got|\s+keep getting)\s+"
    r"(?P<s>charged twice|double charged|overcharged|billed twice|hacked|scammed|locked out"
    r"|cut off)",
    _I,
)
# "it's been charged twice this month", "they billed me twice", "a double charge on my card"
_CHARGED_RE = re.compile(
    r"\b(?:charged|billed)\s+(?:me\s+|us\s+)?(?:twice|two times|double)\b"
    r"|\bdouble[- ]?(?:charged|billed)\b|\b(?:a|the)\s+double[- ]?(?:charge|billing)\b",
    _I,
)
# "my order hasn't arrived", "my parcel never came", "I ordered a printer from you and it never
# arrived", "the package I bought still hasn't shown up" (an order only: never "the guy never
# came")
_NEVER_CAME = (
    r"(?:hasn't|has not|never|didn't|did not|still hasn't|still has not|still didn't|hasnt"
    r"|didnt|still hasnt)\s+(?:arrived|arrive|come|came|shown up|showed up|show up|turned up"
    r"|turn up|been delivered|been sent|got here|gotten here|get here)\b"
)
_MISSING_RE = re.compile(
    rf"\b(?:my|our)\s+(?P<n>[a-z]+)\s+{_NEVER_CAME}"
    r"|\b(?:ordered|bought|purchased|paid for)\s+(?:a|an|the|some|two|a new|my)\s+(?:new\s+)?"
    rf"(?P<n2>[a-z]+)\b[^.!?;]{{0,40}}?\b(?:and|but)\s+(?:it|they)\s+{_NEVER_CAME}"
    r"|\b(?:the|my|our)\s+(?P<n3>order|package|parcel|delivery|shipment|item|items|printer"
    rf"|product)\s+(?:(?:i|we)\s+(?:ordered|bought|purchased)\s+)?{_NEVER_CAME}",
    _I,
)
# "my invoices arent showing up in the portal since tuesday", "our orders aren't loading": a
# thing that does not appear where it should
_NOT_SHOWING_RE = re.compile(
    rf"\b(?:my|our|the)\s+(?P<n>{_NOUN})\s+(?:aren't|arent|isn't|isnt|are\s+not|is\s+not"
    r"|don't|dont|doesn't|doesnt|haven't|hasn't|have\s+not|has\s+not|won't|still\s+aren't)"
    r"\s+(?:been\s+)?(?P<v>show(?:ing|n)?\s+up|appear(?:ing|ed)?|load(?:ing|ed)?|updat(?:e|ing|ed)"
    r"|sync(?:ing|ed)?|com(?:e|ing)\s+through)\b",
    _I,
)
# "I need to reset my password", "I forgot my PIN"
_PASSWORD_RE = re.compile(
    r"\b(?:forgot|reset|lost|change)\s+my\s+(?P<n>password|pin|passcode)\b", _I
)
# "I've been trying to get into my account all morning", "keep trying to log into my email"
_TRYING_RE = re.compile(
    r"\b(?:been trying|keep trying|kept trying|tried|trying|try)\s+to\s+(?:get into|log\s?in(?:to)?"
    r"|sign\s?in(?:to)?|access|get back into)\s+(?:my|the|our)\s+(?P<n>[a-z]+)\b",
    _I,
)
# "it keeps saying my password's wrong", "it tells me my PIN is incorrect"
_WRONG_RE = re.compile(
    r"\b(?:says?|saying|said|tells? me|telling me)\s+(?:that\s+)?(?:my|the)\s+(?P<n>password|pin"
    r"|passcode|login|username|code)(?:'s|\s+is|\s+was)\s+(?:wrong|incorrect|invalid|not valid"
    r"|not right|not recogni[sz]ed)\b",
    _I,
)
# "trouble with my bill", "I'm having trouble with the billing portal" (help only with "my")
_TROUBLE_RE = re.compile(
    r"\b(?:(?:problem|problems|issue|issues|trouble|help)\s+with\s+(?P<d>my)"
    rf"|(?:problem|problems|issue|issues|trouble)\s+with\s+(?P<d2>the|our))\s+(?P<n>{_NOUN})"
    r"(?=\s*(?:[,.;!?]|$|\s(?:and|but|since|because|please|today|again)\b))",
    _I,
)
# "the app keeps logging me out", "it logs me out all the time", "my app keeps crashing"
_KEEPS_RE = re.compile(
    r"\b(?:keeps?|kept)\s+(?P<v>logging|kicking|signing|throwing|booting)\s+me\s+out\b"
    r"|\b(?:logs|kicks|signs|throws|boots)\s+me\s+out\b|\b(?:getting|got|being)\s+logged\s+out\b"
    r"|\b(?P<n>app|website|site|phone|account|email|computer|laptop|system|portal|login|router"
    r"|modem|wifi|internet|broadband|connection|printer|tablet)\s+(?:keeps|kept)\s+"
    r"(?P<s>crashing|freezing|failing|dropping|hanging|glitching|disconnecting|cutting out"
    r"|restarting|rebooting|overheating)\b",
    _I,
)
# "my laptop's been freezing up all day", "my phone is crashing again"
_DOING_RE = re.compile(
    r"\bmy\s+(?P<n>[a-z]+)(?:'s|\s+is|\s+has)(?:\s+(?:been|just|now|all|still))*\s+"
    r"(?P<s>(?:crashing|freezing|failing|glitching|hanging|lagging|acting|overheating|rebooting"
    r"|restarting|beeping)(?:\s+(?:up|out))?"
    # "my router's been blinking red all morning"
    r"|(?:blinking|flashing)(?:\s+(?:red|orange|amber|green|yellow|white|blue))?)\b",
    _I,
)
# Only what a need is about, never a sign of one: "my router keeps dropping the connection",
# "about an invoice", "on behalf of Mr. Okafor"
_ANY_KEEPS_RE = re.compile(
    r"\b(?:my|the|our)\s+(?P<n>[a-z]+(?:\s+(?!(?:keeps|kept)\b)[a-z]+){0,2}?)\s+(?:keeps|kept)\s+"
    r"(?P<s>[a-z]+ing(?:\s+(?:out|off|up|down)\b)?)"
    r"(?:\s+(?P<o>(?:the|my|our|its|an?)\s+[a-z]+|errors))?\b",
    _I,
)
# Something that errors is a problem for support: "my expense report thingy keeps throwing an
# error", "the app keeps erroring out", "I get an error message when I submit"
_ERROR_RE = re.compile(
    r"\b(?:throwing|throws|giving|gives|showing|shows|returning|getting|get|got)\s+(?:me\s+)?"
    r"(?:an?\s+|some\s+|this\s+)?errors?\b|\berroring\b|\berrors?\s+out\b",
    _I,
)
# "the billing portal is showing the wrong invoice amount", "my bill shows the wrong address"
# "the invoice is (only) showing the wrong amount (only)": the thing and what is wrong, each a
# noun of one or two words (never "invoice is", "amount only")
_ADVERB = r"only|just|now|still|again|always|also|for|on|in|and|but|since|today|here|there"
_SHOWS_WRONG_RE = re.compile(
    rf"\b(?:my|the|our)\s+(?P<n>{_NOUN})\s+(?:(?:is|are|keeps|keep|{_ADVERB})\s+)*(?:showing|shows"
    r"|displaying|displays|giving|gives)\s+(?:me\s+)?(?:the\s+|a\s+)?wrong\s+"
    rf"(?P<w>[a-z]+(?:\s+(?!(?:{_ADVERB}|{_AUX})\b)[a-z]+)?)",
    _I,
)
_ABOUT_RE = re.compile(
    r"\babout\s+(?P<a>(?:an?|the|my|our|some|his|her)\s+[a-z]+(?:\s+being\s+[a-z]+"
    r"|\s+(?!for\b|on\b|being\b)[a-z]+)?)\b",  # "my invoice being wrong", never "... being"
    _I,
)
_ON_BEHALF_RE = re.compile(
    r"\bon\s+behalf\s+of\s+(?P<w>(?:(?i:mr|mrs|ms|miss|dr|prof)\.?\s+)?[A-Z][\w'-]+"
    r"(?:\s+[A-Z][\w'-]+)?)",
)
# "I'm having trouble with the billing portal", "we've got an issue with our router": a problem
# told (never "help with my booking", nor "no problem with the time")
_HAVING_TROUBLE_RE = re.compile(
    r"\b(?:having|have|had|got|getting)\s+(?:some\s+|a\s+|an\s+|real\s+)?(?:problem|problems"
    r"|issue|issues|trouble)\s+with\s+(?:my|the|our)\s+[a-z]+",
    _I,
)
# "the billing portal won't take my card", "it keeps rejecting my card", "the site declined my
# payment": a payment refused
_REFUSED_RE = re.compile(
    rf"\b(?:(?:my|the|our)\s+(?P<n>{_NOUN})\s+|it\s+)?(?:(?:won't|will not|doesn't|does not"
    r"|didn't|did not|isn't|is not|refuses to)\s+(?:take|accept|taking|accepting)"
    r"|(?:keeps\s+|kept\s+|just\s+)?(?:reject|declin)(?:e|es|ed|ing|s)?)"
    r"\s+(?:my|our)\s+(?P<p>card|payment|credit card|debit card)\b",
    _I,
)
# Said when there is a problem only the support desk can solve: the caller wants support.
_SIGNS = (_BROKEN_RE, _LOCKED_OUT_RE, _CANT_RE, _NOT_WORKING_RE, _KEEPS_RE, _DOING_RE, _WONT_RE,
          _HAPPENED_RE, _MISSING_RE, _PASSWORD_RE, _TRYING_RE, _WRONG_RE, _ERROR_RE, _EXPIRED_RE,
          _SHOWS_WRONG_RE, _STOPPED_RE, _CHARGED_RE, _NOT_SHOWING_RE, _HAVING_TROUBLE_RE,
          _REFUSED_RE, *SERVICE_SIGNS)  # fmt: skip
PROBLEM_RE = re.compile(re.sub(r"\?P<\w+>", "", "|".join(r.pattern for r in _SIGNS)), _I)


# what a thing not showing does, as "not ...": "show up" -> "showing up"
_ING = {"show": "showing up", "appe": "appearing", "load": "loading", "upda": "updating"}
_ING |= {"sync": "syncing", "come": "coming through", "comi": "coming through"}


def _noun(m: re.Match) -> str:
    """The thing that is wrong, in lower case but for its acronyms: "their VPN", "their PC"."""
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in m.group("n").split())


def support_need(t: str) -> str | None:
    """What a caller needs support for, to follow "about" in an introduction; None when no
    problem is said ("I need support")."""
    if m := _SHOWS_WRONG_RE.search(t):  # "the billing portal is showing the wrong amount"
        return f"support with the wrong {m.group('w').lower()} on the {_noun(m)}"
    if _ANY_KEEPS_RE.search(t):  # with what it does it to: "... dropping the connection"
        return _said_about(t)
    if m := _BROKEN_RE.search(t) or _LOCKED_OUT_RE.search(t):
        state = m.group("s") if "s" in m.groupdict() else "locked"
        noun = _noun(m)
        article = "an" if state[0] in "aeiou" else "a"
        return f"support for {article} {state.lower()} {noun}"
    if m := _CANT_RE.search(t):
        doing = re.sub(r"^(?:log\s?in|login)$", "logging in", m.group("v").lower())
        doing = re.sub(r"^sign\s?in$", "signing in", doing)
        into = r"^(?:access|get into|(?:log|sign)\s?(?:in)?to)\s+(?:my|our)\b"  # "log into my"
        doing = re.sub(into, r"getting into their", doing)
        doing = re.sub(r"^get\b", "getting", doing)  # "get online": "getting online"
        return f"support with {doing}"
    if m := _EXPIRED_RE.search(t):  # "it keeps saying password expired"
        return f"support for an expired {_noun(m)}"
    if m := _HAPPENED_RE.search(t):
        return f"support because they were {m.group('s').lower()}"
    if m := _NOT_SHOWING_RE.search(t):  # "my invoices arent showing up": not showing up
        return f"support with their {_noun(m)} not {_ING.get(m.group('v').split()[0][:4].lower())}"
    if m := _MISSING_RE.search(t):  # "ordered a printer ... it never arrived"
        thing = (m.group("n") or m.group("n2") or m.group("n3")).lower()
        return f"support with their {thing} not arriving"
    if _CHARGED_RE.search(t):  # "trouble with my bill, it's been charged twice"
        on = f" on their {_noun(m)}" if (m := _TROUBLE_RE.search(t)) else ""
        return f"support with a double charge{on}"
    if m := _TRYING_RE.search(t):  # "... been trying to get into my account all morning"
        return f"support with getting into their {_noun(m)}"
    if m := _PASSWORD_RE.search(t) or _WRONG_RE.search(t):
        return f"support with their {_noun(m)}"
    if m := _WONT_RE.search(t):  # "my laptop won't boot": their laptop not booting
        doing = re.sub(r"^(\w+)", r"\1ing", m.group("v").lower())
        return f"support with their {_noun(m)} not {doing}"
    if m := _NOT_WORKING_RE.search(t):
        return f"support with their {_noun(m)} not working"
    if m := _KEEPS_RE.search(t):  # "the app keeps crashing", "keeps logging me out"
        if m.group("n"):
            return f"support with their {_noun(m)} {m.group('s').lower()}"
        return "support with being logged out"
    if m := _STOPPED_RE.search(t):  # "my invoices stopped downloading since yesterday"
        return f"support with their {_noun(m)} not {m.group('v').lower()}"
    if m := _DOING_RE.search(t):  # "my laptop's been freezing up all day"
        return f"support with their {_noun(m)} {m.group('s').lower()}"
    if m := _TROUBLE_RE.search(t):
        return f"support with {'the' if m.group('d2') == 'the' else 'their'} {_noun(m)}"
    if m := _REFUSED_RE.search(t):  # "the billing portal won't take my card"
        on = f" on the {_noun(m)}" if m.group("n") and m.group("n").lower() != "it" else ""
        return f"support with their {m.group('p').lower()} being refused{on}"
    if need := service_need(t):  # "my internet's been down", "my bill's way too high"
        return need
    return _said_about(t)


def _said_about(t: str) -> str | None:
    """ "my router keeps dropping the connection" -> "support with their router dropping the
    connection"; "on behalf of Mr. Okafor ... about an invoice" -> "support with an invoice
    for Mr. Okafor"."""
    need = None
    if m := _ANY_KEEPS_RE.search(t):
        thing = re.sub(r"^(?:my|our)\b", "their", m.group("o") or "", flags=_I)
        need = f"their {_noun(m)} {m.group('s').lower()} {thing}".strip()
    elif m := _ABOUT_RE.search(t):
        need = re.sub(r"^(?:my|our)\b", "their", m.group("a"), flags=_I)
    behalf = _ON_BEHALF_RE.search(t)
    if need is None and behalf is None:
        return None
    return (
        " ".join(
            ["support", f"with {need}" if need else "", f"for {behalf['w']}" if behalf else ""]
        )
        .replace("  ", " ")
        .strip()
    )
