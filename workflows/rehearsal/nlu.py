"""Offline natural-language understanding for the deterministic dialog model.

`understand()` turns one typed caller utterance into a `Reading`: greeting, the caller's name,
why they called, what they want done (an `Action` with its target, number or keys), a yes/no
answer and whether they are leaving. It is regex/keyword based and deterministic, and it reads
faithfully without validating anything: the dialog policy and the phone tools decide what is
allowed. Numbers are kept as spoken ("0049 30 123456" -> "004930123456"; no country code added).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Action = Literal[
    "conference",
    "add",
    "redial",
    "list",
    "status",
    "remove",
    "mute",
    "unmute",
    "transfer",
    "warm_transfer",
    "dtmf",
    "help",
]
# Tie-break when two requests start at the same place ("dial star 9" is keys, not a person).
_ORDER = (
    "warm_transfer",
    "transfer",
    "dtmf",
    "unmute",
    "mute",
    "remove",
    "list",
    "status",
    "redial",
    "add",
    "conference",
    "help",
)


@dataclass(frozen=True)
class Reading:
    """What one caller utterance says; a field keeps its default when the caller did not say it."""

    text: str
    greeting: bool = False
    name: str | None = None
    reason: str | None = None
    action: Action | None = None
    phone_number: str | None = None
    extension: str | None = None
    numbers: tuple[str, ...] = ()  # every number said, in order, " ext 204" appended if any
    target: str | None = None
    digits: str | None = None
    confirm: bool | None = None
    goodbye: bool = False


_I = re.IGNORECASE
# --------------------------------------------------------------------- spoken digits and numbers
_DIGIT = {
    w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine".split())
}
_DIGIT_WORD_RE = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine)\b", _I)
_OH_RE = re.compile(
    r"(?:(?<=\d )|(?<=\d-)|(?<=double )|(?<=triple ))(?:oh|o)\b"
    r"|\b(?:oh|o)(?=[ -]\d)",
    _I,
)
_MULTI_RE = re.compile(r"\b(double|triple)[ -](\d)", _I)
_HUNDRED_RE = re.compile(r"(?<=\d)\s+(hundred|thousand)\b", _I)
_PLUS_RE = re.compile(r"\bplus\s*(?=\d)", _I)
# Digits joined by spaces, dashes, dots, brackets, or a comma before a group of 3+ digits.
_PHONE_RE = re.compile(r"(?<![\w+*#$])\+?\(?\d(?:(?:[ \t\-()]*|\.|,\s*(?=\d(?:[ -]?\d){2}))\d)*")
_KEYS_WORD = (
    r"(?:(?:the|my|our)\s+)?(?:(?:digits?|keys?|tones?|numbers?|buttons?|dtmf|pin"
    r"|code|passcode|access code|meeting id)\s+)?"
)
_NOT_PHONE_BEFORE_RE = re.compile(
    rf"(?:\b(?:press|hit|push|enter|type|tap|punch in|key in|send)\s+{_KEYS_WORD}"
    r"|\b(?:ext|extn|extension|x)\.?\s*|\b(?:id|code|pin)(?:\s+is)?\s*)$",
    _I,
)
_EXT_AFTER_RE = re.compile(
    r"\s*,?\s*(?:(?:and|then)\s+){0,2}(?:(?:ext|extn|extension)\.?\s*"
    r"(?:number\s+)?|x\s*|(?:press|dial)\s+)(\d(?:[ \-]?\d)*)",
    _I,
)
_EXT_ALONE_RE = re.compile(
    r"\b(?:(?:ext|extn|extension)\.?\s*(?:number\s+|is\s+)?|x(?=\d))"
    r"(\d(?:[ -]?\d)*)",
    _I,
)
_KEY = r"(?:\d|[*#]|(?:star|pound|hash|asterisk)\b)"
_DTMF_RE = re.compile(
    rf"\b(press|hit|push|enter|type|tap|punch in|key in|send|dial)\s+"
    rf"{_KEYS_WORD}({_KEY}(?:\s*[,\-]?\s*(?:(?:then|and|followed by)\s+)?"
    rf"{_KEY})*)",
    _I,
)
_OWN_NUMBER_RE = re.compile(
    r"(?:\b(?:my|our)\s+(?:\w+\s+)?(?:number|phone|cell|mobile)"
    r"(?:'s|\s+is)?|\b(?:reach|call) me(?: back)?\s+(?:at|on)"
    r"|\bi'm at)\s*$",
    _I,
)


def _before(s: str, pos: int) -> str:
    """The few words before `pos` (a bounded window keeps the look-behind checks linear)."""
    return s[max(0, pos - 60) : pos]


def _digitize(text: str) -> str:
    """Rewrite spoken digits as digits: "plus one four double five oh" -> "+1 4 55 0"."""
    s = _DIGIT_WORD_RE.sub(lambda m: _DIGIT[m.group().lower()], text)
    previous = None
    while previous != s:  # "five oh oh" needs two passes
        previous, s = s, _OH_RE.sub("0", s)
    s = _MULTI_RE.sub(lambda m: m.group(2) * (2 if m.group(1).lower() == "double" else 3), s)
    s = _HUNDRED_RE.sub(lambda m: "00" if m.group(1).lower() == "hundred" else "000", s)
    return _PLUS_RE.sub("+", s)


def _find_phone(d: str) -> tuple[str | None, str | None, int, int]:
    """First number of 5+ digits in digitized text that is not keys to press, with its span."""
    for m in _PHONE_RE.finditer(d):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) < 5 or _NOT_PHONE_BEFORE_RE.search(_before(d, m.start())):
            continue
        number = ("+" if m.group().startswith("+") else "") + digits
        if ext := _EXT_AFTER_RE.match(d, m.end()):
            return number, re.sub(r"\D", "", ext.group(1)), m.start(), ext.end()
        return number, None, m.start(), m.end()
    ext = _EXT_ALONE_RE.search(d)
    return None, re.sub(r"\D", "", ext.group(1)) if ext else None, -1, -1


def _find_phones(d: str) -> list[str]:
    """Every number to dial in digitized text, in order, each with " ext N" when one follows.

    "415 555 0146, 415 555 0147": a comma-joined run too long for one number is several."""
    found, start = [], 0
    while True:
        number, extension, at, end = _find_phone(d[start:])
        if number is None:
            return found
        if len(number.lstrip("+")) > 15 and "," in d[start + at : start + end]:
            for part in d[start + at : start + end].split(","):
                found += _find_phones(part)
        elif _OWN_NUMBER_RE.search(_before(d, start + at)):
            pass  # "my number is ...": the caller's own, not one to dial
        else:
            found.append(f"{number} ext {extension}" if extension else number)
        start += end


def _normalise(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'").strip()


def extract_phone_number(text: str) -> tuple[str | None, str | None]:
    """(number, extension) in free text, e.g. ("+14155550100", "204"); never validated."""
    number, extension, _, _ = _find_phone(_digitize(_normalise(text)))
    return number, extension


def _find_dtmf(d: str) -> tuple[str | None, int]:
    """Keys to send ("press star 9" -> "*9") and where that request starts."""
    for m in _DTMF_RE.finditer(d):
        keys = m.group(2).lower()
        for word, key in (("star", "*"), ("asterisk", "*"), ("pound", "#"), ("hash", "#")):
            keys = keys.replace(word, key)
        keys = re.sub(r"[^\d*#]", "", keys)
        if m.group(1).lower() != "dial" or re.search(r"[*#]", keys) or len(keys) < 5:
            return keys, m.start()  # "dial 4155550100" is a number to call, not keys
    return None, -1


# --------------------------------------------------------------------- small talk and yes/no
_GREETING_RE = re.compile(
    r"^\W*(?:(?:oh|um|uh|well|yes|yeah|ok|okay)\W+)?(?:hi|hello|hey|hiya"
    r"|howdy|greetings|yo|good\s+(?:morning|afternoon|evening|day)"
    r"|morning(?=\W*$|[,!.]))\b",
    _I,
)
_GOODBYE_RE = re.compile(
    r"\b(?:good)?bye\b|\bsee (?:you|ya)\b|\btalk (?:to you )?(?:later|soon)\b"
    r"|\bthat(?:'s| is|'ll be| will be) (?:all|everything)\b|\bthat's it for (?:now|today)\b"
    r"|\bhang up\b(?!\s+on\s+(?!me\b))|\bend (?:the|this|my|our) (?:call|conference|meeting)\b"
    r"(?!\s+(?:with|for)\b)|\b(?:we're|we are|i'm|i am) (?:all )?(?:done|finished)\b"
    r"|\b(?:i|we)(?:'ve| have)?\s+(?:got|have|need)\s+to\s+(?:go|run|leave|hop off|drop off)\b"
    r"|\bgotta\s+(?:go|run)\b|\b(?:drop|hop|jump|get) off\b(?!\s+mute)|\bnothing else\b"
    r"|\bhave a (?:good|great|nice) (?:day|one|night|evening|weekend)\b"
    r"|\b(?:disconnect|remove|drop) (?:me|myself)\b",
    _I,
)
_FILLER = (
    r"^(?:(?:oh|um+|uh+|er+m?|hmm+|well|wait|hold on|actually|and|but|so|please|hi|hello"
    r"|hey)\s+)*"
)
_NO_RE = re.compile(
    _FILLER + r"(?:no(?!\s+(?:one|body|idea|problem|worries|doubt|matter)\b)|nope|nah|negative"
    r"|cancel|never\s?mind|stop|wrong|incorrect|(?:please\s+)?(?:don't|do not|dont)"
    r"|absolutely not|definitely not|no way|not (?:really|yet|now|that|this|quite|exactly|right"
    r"|correct)|that(?:'s| is) (?:wrong|not right|not correct|incorrect|not it)"
    r"|i (?:don't|do not) think so|i'd rather not)\b",
    _I,
)
_YES_RE = re.compile(
    _FILLER + r"(?:(?:yes|yeah|yea|yep|yup|ya|aye|sure|of course|absolutely|definitely|certainly"
    r"|correct|exactly|affirmative|indeed|confirm(?:ed)?|that(?:'s| is) (?:right|correct|it|fine"
    r"|good|perfect)|sounds (?:good|great|right|fine|perfect)|go ahead|go for it|please do|do it"
    r"|let's do it|perfect|uh[- ]?huh|mm[- ]?hmm|mhm|you got it|that works|works for me)\b"
    r"|(?:ok|okay|alright|all right)(?:\s+(?:then|sure|thanks|thank you|go ahead|do it))?$"
    r"|right$)",
    _I,
)
_NEGATED_RE = re.compile(
    r"(?:\b(?:don't|dont|do not|not|never|no need to)|n't)\s+(?:\w+\s+){0,2}$", _I
)


def _negated(s: str, pos: int) -> bool:
    """True when the words just before `pos` negate it: "don't hang up", "do not call Bob"."""
    return bool(_NEGATED_RE.search(_before(s, pos)))


def _confirm(t: str) -> bool | None:
    """Yes/no at the start of each clause; the last clause that answers wins ("yes - wait, no")."""
    answer = None
    for clause in re.split(r"[,.!?;:]+|\s[-\u2013\u2014]+\s", t):
        if _NO_RE.match(clause.strip()):
            answer = False
        elif _YES_RE.match(clause.strip()):
            answer = True
    return answer


# --------------------------------------------------------------------- name and reason
_NAME_STOP = frozenset(
    """
    a an the my your his her our their this that it me us you we they he she i not no so very really
    just also still all and or but from with at in on of for to by as about here there fine good
    great well ok okay alright sure sorry ready done back new happy glad busy late free lost calling
    looking trying having going gonna wondering hoping interested afraid able unable available
    certain ringing phoning waiting stuck driving running speaking actually currently already
    probably supposed due only one after over out up down is was be been need want would like
    wanted have has had can could will please thanks thank urgent important regarding concerning
    again later now tomorrow today tonight asap if when maybe yes yeah what who why how where
    everyone everybody anyone anybody someone somebody nobody nothing none confused worried pleased
    excited tired finished correct right wrong true awesome before first then""".split()
)
_TITLE = r"(?:(?:dr|mr|mrs|ms|mx|miss|prof|professor|sir|dame)\.?[ \t]+)?"
_NAME_WORDS = rf"({_TITLE}[^\W\d_][\w'\-]*(?:[ \t]+[^\W\d_][\w'\-]*){{0,2}})"
# A capitalised name standing alone between commas after a greeting: "Hi, Tom Nguyen, ..."
_CAP = r"[^\W\d_a-z][\w'\-]*"
_GREETED_NAME = (
    r"^\W*(?i:(?:hi|hello|hey|hiya|yo|howdy|good\s+(?:morning|afternoon|evening))"
    rf"(?:\s+there)?\s*,?\s+)((?i:{_TITLE}){_CAP}(?:[ \t]+{_CAP}){{0,2}})"
    r"\s*(?:[,.!;:]|$)"
)
_NAME_RES = (
    re.compile(
        r"\b(?:my name is|my name's|name's|the name is|(?:you can )?call me|i'm called"
        rf"|i am called)\s+{_NAME_WORDS}",
        _I,
    ),
    re.compile(rf"\b(?:i'm|i am|im)\s+{_NAME_WORDS}", _I),
    re.compile(
        r"(?:^|[,.!?;:]\s*|\b(?:hi|hello|hey|yes|yeah|oh|and|so|there)\s+)"
        rf"(?:this is|it's|it is)\s+{_NAME_WORDS}",
        _I,
    ),
    re.compile(
        r"(?:^|[,.!?;:])\s*(?:(?:hi|hello|hey|yes|yeah|oh)(?:\s+there)?\s+)?"
        rf"{_NAME_WORDS}\s+(?:here|speaking|calling)\b",
        _I,
    ),
    re.compile(_GREETED_NAME),
)
_TAIL = r"(?P<r>[^.!?;,]+)"
_WANT_TO_RE = re.compile(  # "I need to <verb> ...": the reason is stored as "<verb>ing ..."
    r"\b(?:(?:i|we)\s*(?:'d|would|'m|am|was|are|'re)?\s*(?:wanna|(?:like|want|need|wanted"
    r"|hoping|trying|looking|calling|planning)\s+to)|help me(?:\s+to)?(?!\s+with\b))\s+" + _TAIL,
    _I,
)
_REASON_RES = (
    re.compile(
        r"\b(?:calling|call|ringing|phoning|reaching out|it's|it is|this is|here|question)"
        r"\s+(?:about|regarding|concerning|in regards? to|with regards? to|re)\s+" + _TAIL,
        _I,
    ),
    re.compile(r"^\W*(?:about|regarding|re)\s+" + _TAIL, _I),
    re.compile(
        r"\bthe reason (?:i'm calling|i am calling|for (?:my|the|this) call|i called) is"
        r"\s+(?:that\s+|to\s+|because\s+)?" + _TAIL,
        _I,
    ),
    _WANT_TO_RE,
    re.compile(
        r"\b(?:i|we)\s*(?:'d|would)?\s*(?:like|want|need)\s+(?P<r>(?:a|an|some)\s+[^.!?;,]+)", _I
    ),
    re.compile(r"\b(?:looking for|help me with)\s+" + _TAIL, _I),
)


def _name(t: str) -> str | None:
    """The caller's own name, title-cased; None for "I'm fine", "this is urgent", "it's me"."""
    for pattern in _NAME_RES:
        for m in pattern.finditer(t):
            words, kept = m.group(1).split(), []
            capitalised = words[0][0].isupper()  # "I'm Ada Lovelace" vs "i'm ada lovelace"
            for i, word in enumerate(words):
                low = word.lower()
                if (
                    low in _NAME_STOP
                    or re.search(r"'(?:s|re|ve|ll|d|m|t)$", low)
                    or (i and capitalised and not word[0].isupper())
                    or (word.islower() and len(low) > 4 and low.endswith(("ing", "ed", "ly")))
                ):
                    break
                kept.append(word if word not in (low, word.upper()) else word.title())
            if kept:
                return " ".join(kept)
    return None


def _reason(t: str) -> str | None:
    """A short noun phrase saying why they called, to follow "about": "calling about the Q3
    budget" -> "the Q3 budget"; "I need to bring someone in" -> "bringing someone in"."""
    for pattern in _REASON_RES:
        if m := pattern.search(t):
            phrase = re.split(r"\s+(?:but|because|please|thanks|thank you)\b", m.group("r"))[0]
            phrase = " ".join(phrase.split()[:12])
            if phrase and not _GOODBYE_RE.search(phrase):  # "I need to hang up" is a goodbye
                return gerund(phrase) if pattern is _WANT_TO_RE else phrase
    return None


_DOUBLE_LAST = frozenset("get set put run cut chat plan stop drop".split())


def gerund(phrase: str) -> str:
    """ "bring someone in" -> "bringing someone in", so that "about $reason" reads well."""
    verb, _, rest = phrase.partition(" ")
    low = verb.lower()
    if not low.isalpha() or (low.endswith("ing") and re.search(r"[aeiouy]", low[:-3])):
        return phrase
    if low in _DOUBLE_LAST:
        low += low[-1]
    elif low.endswith("ie"):
        low = low[:-2] + "y"
    elif low.endswith("e") and not low.endswith(("ee", "ye", "oe")) and len(low) > 2:
        low = low[:-1]
    return f"{low}ing {rest}".strip()


# --------------------------------------------------------------------- actions and their targets
_NOUN_BEFORE = frozenset(
    """a an the this that my our your his her their conference phone video
    group on another first last next same whole any no each every zoom team sales of way missed
    quick short long good bad important urgent business work""".split()
)
_NOUN_AFTER = frozenset(
    "with about is was going for number line center centre log quality back".split()
)
_PRONOUNS = frozenset("him her them it that this me us they he she".split())
_GENERIC = frozenset(
    """my our a an some someone somebody another more other others few couple of
    the colleague colleagues coworker coworkers co-worker co-workers team teammate teammates people
    person guest guests participant participants friend friends boss manager partner partners
    client clients customer customers member members folks rest everyone everybody else extra
    additional new caller callers attendees anyone anybody whole entire all""".split()
)
_CUT_RE = re.compile(
    r"[,.;:!?]|\s(?:to|into|onto|on|off|in|at|and|then|please|now|for|as well"
    r"|too|also|so|because|but|if|who|which|with|via|back|right|immediately"
    r"|again|first|before|after|when|using|out|by|through|over|yet|ext|extension|instead)\b|\sx\d"
    r"|\sfrom (?:the|this|our|my) (?:call|line|conference|meeting|bridge)\b",
    _I,
)
_ADD_VERB_RE = re.compile(
    r"\b(?:add|call|dial|redial|ring|phone|invite|contact|reach|connect"
    r"|get hold of|(?:bring|patch|loop|pull|conference|dial|call|get)\s+in)\b"
    r"(?!\s+me\b)",
    _I,
)
_WHO = r"(?!me\b)(?P<{}>[\w'-]+(?:\s+[\w'-]+){{0,4}}?)"
_ADD_IN_RE = re.compile(
    rf"\b(?:bring|patch|loop|pull|conference|dial|get)\s+{_WHO.format('t')}\s+(?:in|into|on|onto)\b"
    rf"|\b(?:want|need|have|put|get|bring)\s+{_WHO.format('u')}\s+(?:on|onto|into|in)\s+"
    rf"(?:the\s+)?(?:line|call|conference|phone)\b|\b(?:try|redial)\s+{_WHO.format('v')}\s+again\b",
    _I,
)
_CONF_WORD = (
    r"(?:conference(?:\s+call)?|con call|(?:three|3)[\s-]?way(?:\s+call)?|group call"
    r"|multi-?party(?:\s+call)?|bridge)"
)
_CONF_RE = re.compile(
    rf"(?:^|[,.!?;:])\W*(?:a\s+)?{_CONF_WORD}\b"
    r"|\b(?:set up|setup|start|make|have|host|organi[sz]e|arrange|begin|create|open|do|run|need"
    r"|want|like|get|place|book|schedule|initiate|launch|hold)\b"
    rf"(?:(?!about|regarding)[^.,;!?]){{0,25}}?\b{_CONF_WORD}\b"
    r"|\b(?:set up|setup|start|arrange|organi[sz]e|host|schedule)\s+an?\s+(?:\w+\s+)?call\b",
    _I,
)
_TRANSFER_RE = re.compile(
    r"\b(?:(?:transfer|forward|redirect|put me through|patch me through)\b(?:\s+(?:me|us"
    r"|this call|the call|my call|this|it))?(?:\s+(?:directly|straight|over))?(?:\s+(?:to|with)\b)?"
    r"|(?:connect|pass|hand|send|put) me(?:\s+(?:over|directly|straight|through))?\s+"
    r"(?:to|with)\b|(?:(?:can|could|may) i|(?:like|want|need) to) (?:please )?(?:speak|talk)"
    r" (?:to|with)\b)",
    _I,
)
_WARM_RE = re.compile(
    r"\bwarm(?:ly)?[\s-]+transfer|\b(?:introduce|announce) me\b|\bintroduc(?:e|tion)\b"
    r"|\bbrief (?:them|him|her)\b|\bbrief \w+ (?:first|before)\b|\bheads[\s-]up\b"
    r"|\b(?:talk|speak) to (?:them|him|her) first\b"
    r"|\btell (?:them|him|her) (?:who i am|what this is)"
    r"|\blet (?:them|him|her) know (?:who|i'm|i am|that)",
    _I,
)
_WARM_TO_RE = re.compile(r"\b(?:introduce|announce) me\s+(?:to|with)\b", _I)
_LIST_RE = re.compile(
    r"\bwho(?:'s| is| are| else is|'s all| all is)?\s+(?:else\s+)?(?:on|in|here|there|connected"
    r"|joined|present|listening)\b|\bwho (?:have we got|do we have|has joined|joined|else)\b"
    r"|\broll call\b|\bhow many (?:\w+ )?(?:are|is|people|callers|participants|of us)\b"
    r"|\bparticipants?(?: list)?\W*$"
    r"|\b(?:list|show|name|tell me)\b[^.?!]{0,20}\b(?:people|participants|callers|attendees)\b",
    _I,
)
_STATUS_RE = re.compile(
    r"\bstatus\b|\bhow(?:'s| is| are)\s+(?:the|my|our|that)\b[^.?!]{0,20}?\bgoing\b"
    r"|\bwhat(?:'s| is)\s+(?:happening|going on)\b|\bany\s+(?:luck|news|updates?|progress)\b"
    r"|\b(?:is it|still)\s+(?:ringing|dialing|dialling|connecting|calling|going)\b|\bupdate\b"
    r"|\bwhere are we\b|\b(?:has|have|did)\s+(?:joined|connected|answered)\b"
    r"|\b(?:is|are|has|have|did)\s+(?P<t>[\w' -]{1,40}?)\s+(?:connected|joined|on the (?:line|call)"
    r"|on yet|in yet|there yet|picked up|pick up|answered|answer|through|ringing|got through"
    r"|get through)\b",
    _I,
)
_UNMUTE_RE = re.compile(r"\bun-?mute\b|\btake\s+(?P<t>[\w' -]{1,40}?)\s+off\s+mute\b", _I)
_MUTE_RE = re.compile(r"\bput\s+(?P<t>[\w' -]{1,40}?)\s+on\s+mute\b|\b(?:mute|silence)\b", _I)
_REMOVE_RE = re.compile(
    r"\b(?:remove|drop|kick(?:\s+out)?|boot|disconnect|eject|hang up on|cut off)\b"
    r"|\b(?:cut|take|get|throw)\s+(?P<t>[\w' -]{1,40}?)\s+(?:out|off)\b(?!\s+mute)",
    _I,
)
_HELP_RE = re.compile(
    r"\bhelp\b|\bwhat (?:can|do|else can) you do\b|\bwhat are (?:my|the|your)"
    r" options\b|\bhow does (?:this|it) work\b|\bwhat can i (?:do|say|ask)\b"
    r"|\bcommands\b",
    _I,
)
_WHO_NOUN = r"(?:1|one|person|guy|lady|man|woman|number|line|caller|participant|leg)"
_ENDING_RE = re.compile(
    rf"\b(?:the\s+)?(?:{_WHO_NOUN}\s+)?(?:that\s+|whose number\s+|with\s+"
    r"(?:the\s+)?number\s+)?(?:ending|ends)\s+(?:in|with|on)?\s*"
    r"(\d(?:[\s-]?\d)*)\b",
    _I,
)
_NTH_RE = re.compile(
    rf"\b(?:the\s+)?(first|last|second|third|latest|previous)\s+{_WHO_NOUN}"
    r"(?:\s+(?:i|you|we)\s+(?:added|called|dialled|dialed))?\b",
    _I,
)
_NTH = {"latest": "last", "previous": "last"}
_REDIAL_RE = re.compile(
    r"\b(?:try|call|dial|ring|phone|redial)\s+(?:that|the same|that same|this|them|him|her|it)"
    rf"(?:\s+(?:same\s+)?{_WHO_NOUN})?\s+(?:again|one more time)\b"
    r"|\bredial\b(?!\s+\+?\d)|\btry (?:again|one more time)\b"
    rf"|^\W*(?:that|the same|that same) {_WHO_NOUN} again\b",
    _I,
)
_ON_MUTE_RE = re.compile(r"(?:\b(?:on|off|the)\s+|un-?)$", _I)
_EVERYONE_RE = re.compile(r"^(?:every(?:one|body)|all)\b", _I)
_LEAVE_TARGETS = ("me", "myself", "us", "the call", "this call")


def _reference(d: str) -> str | None:
    """A person on the call named by position or last digits, in one spelling the tools and
    the dialog model share: "the one ending in 64", "the first one", "the last one"."""
    if m := _ENDING_RE.search(d):
        return f"the one ending in {re.sub(r'[^0-9]', '', m.group(1))}"
    if m := _NTH_RE.search(d):
        return f"the {_NTH.get(m.group(1).lower(), m.group(1).lower())} one"
    return None


def _phrase(d: str, start: int, stop: int = -1) -> str:
    """The few words naming who a request is about, up to a preposition, clause end or number."""
    rest = d[start : stop if stop > start else None]
    if cut := _CUT_RE.search(rest):
        rest = rest[: cut.start()]
    return " ".join(rest.split()[:5])


def _kind(phrase: str) -> str:
    """ "none", "pronoun" ("him"), "generic" ("my colleague", "2 people") or "specific"."""
    words = phrase.lower().split()
    if not words:
        return "none"
    if phrase.lower() in _PRONOUNS or words[-1] == "number":
        return "pronoun"
    generic = all(w in _GENERIC or w.isdigit() for w in words) and not phrase.isdigit()
    return "generic" if generic else "specific"


def _is_noun(d: str, m: re.Match[str]) -> bool:
    """True for "a call", "the dial", "phone number": not a request to dial someone."""
    before = re.search(r"([\w'-]+)\s+$", _before(d, m.start()))
    after = re.match(r"\W*([\w'-]+)", d[m.end() :])
    return bool(
        (before and before.group(1).lower() in _NOUN_BEFORE)
        or (after and after.group(1).lower() in _NOUN_AFTER)
    )


def _action(
    d: str, phone: str | None, extension: str | None, phone_at: int, dtmf_at: int
) -> tuple[Action | None, str | None, bool]:
    """(action, target, leaving) for digitized text: the earliest request that is not negated."""
    found: list[tuple[int, int, Action, str | None]] = []
    leaving = False
    # a number to dial, not "my number is ..."; "dial extension 204" dials too
    dialling = bool(phone and not _OWN_NUMBER_RE.search(_before(d, phone_at)) or extension)

    def note(pos: int, action: Action, target: str | None = None) -> None:
        if not _negated(d, pos):
            found.append((pos, _ORDER.index(action), action, target))

    def bring(pos: int, phrase: str) -> None:  # someone named -> add; nobody yet -> conference
        kind = _kind(phrase)
        if kind == "specific":
            note(pos, "add", phrase)
        else:
            note(pos, "add" if kind == "pronoun" or dialling else "conference")

    def about(phrase: str) -> str | None:  # keeps "me": "mute me" is not "mute him"
        return None if _kind(phrase) in ("none", "pronoun") and phrase.lower() != "me" else phrase

    for m in _ADD_VERB_RE.finditer(d):
        if not _is_noun(d, m):
            bring(m.start(), _phrase(d, m.end(), phone_at))
    for m in _ADD_IN_RE.finditer(d):
        bring(m.start(), " ".join((m.group("t") or m.group("u") or m.group("v")).split()))
    for m in _CONF_RE.finditer(d):
        with_ = re.match(r"\s+with\s", d[m.end() :])
        bring(m.start(), _phrase(d, m.end() + with_.end() - 1, phone_at) if with_ else "")
    for m in _TRANSFER_RE.finditer(d):
        note(m.start(), "transfer", about(_phrase(d, m.end(), phone_at)))
    warm_to = _WARM_TO_RE.search(d)
    for m in _WARM_RE.finditer(d):
        note(
            m.start(),
            "warm_transfer",
            about(_phrase(d, warm_to.end(), phone_at)) if warm_to else None,
        )
    for regex, action in ((_UNMUTE_RE, "unmute"), (_MUTE_RE, "mute"), (_REMOVE_RE, "remove")):
        for m in regex.finditer(d):
            if action == "mute" and not m.group("t") and _ON_MUTE_RE.search(_before(d, m.start())):
                continue  # "I'm on mute", "the mute button", "un-mute"
            who = m.group("t")
            phrase = " ".join(who.split()) if who else _phrase(d, m.end(), phone_at)
            if action == "remove" and (phrase.lower() in _LEAVE_TARGETS or not (phrase or phone)):
                leaving = leaving or bool(phrase)  # "remove me" is a goodbye; bare "drop" nothing
                continue
            note(m.start(), action, "everyone" if _EVERYONE_RE.match(phrase) else about(phrase))
    for m in _REDIAL_RE.finditer(d):
        note(m.start(), "redial")
    for m in _LIST_RE.finditer(d):
        note(m.start(), "list")
    for m in _STATUS_RE.finditer(d):
        note(m.start(), "status", about(m.group("t") or ""))
    for m in _HELP_RE.finditer(d):
        note(m.start(), "help")
    if dtmf_at >= 0:
        note(dtmf_at, "dtmf")

    actions = {f[2] for f in found}
    if "warm_transfer" in actions:  # "transfer me to Dana but introduce me first"
        targets = [f[3] for f in found if f[2] in ("warm_transfer", "transfer") and f[3]]
        return "warm_transfer", (targets or [None])[0], leaving
    found = [
        f
        for f in found
        if not (f[2] == "help" and len(actions) > 1)
        and not (f[2] == "conference" and "add" in actions)
    ]
    if not found:
        return None, None, leaving
    _, _, action, target = min(found, key=lambda f: f[:2])
    if action in ("remove", "mute", "unmute", "status") and (ref := _reference(d)):
        target = ref
    return action, (None if action == "redial" else target), leaving


def understand(text: str) -> Reading:
    """Read one caller utterance into a `Reading`; anything not understood keeps its default."""
    t = _normalise(text)
    d = _digitize(t)
    phone, extension, start, end = _find_phone(d)
    numbers = tuple(_find_phones(d)) if phone else ()
    if numbers and len(numbers[0]) < len(phone):  # the first of several joined by commas
        phone, extension = numbers[0], None
    digits, dtmf_at = _find_dtmf(d if start < 0 else d[:start] + " " * (end - start) + d[end:])
    action, target, leaving = _action(d, phone, extension, start, dtmf_at)
    goodbye = leaving or any(not _negated(t, m.start()) for m in _GOODBYE_RE.finditer(t))
    return Reading(
        text=text,
        greeting=bool(_GREETING_RE.search(t)),
        name=_name(t),
        reason=_reason(t),
        action=action,
        phone_number=phone,
        extension=extension,
        numbers=numbers,
        target=target,
        digits=digits,
        confirm=_confirm(t),
        goodbye=goodbye,
    )
