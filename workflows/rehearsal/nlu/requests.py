"""Requests: the action a caller asks for (add, transfer, mute, ...) and who it is about."""

from __future__ import annotations

import re

from workflows.call.legs import everyone_but
from workflows.rehearsal.nlu.cancel import A_DESCRIBED_LEG
from workflows.rehearsal.nlu.chatty import AGAIN_RE, LET_TALK_RE, MADE_MUTED_RE
from workflows.rehearsal.nlu.dismiss import asks_what_happens
from workflows.rehearsal.nlu.muting import ME_THEN_RE, MUTE_RE, UNMUTE_RE
from workflows.rehearsal.nlu.numbers import OWN_NUMBER_RE
from workflows.rehearsal.nlu.people import WHO_NOUN, kind, own_people, reference
from workflows.rehearsal.nlu.phrase import phrase_at
from workflows.rehearsal.nlu.reading import Action
from workflows.rehearsal.nlu.status import LIST_RE, STATUS_RE
from workflows.rehearsal.nlu.text import WHEN_BEFORE_RE, negated, without_lead_in, words_before
from workflows.rehearsal.nlu.warm import WARM_RE, WARM_TO_RE

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
_I = re.IGNORECASE
_NOUN_BEFORE = frozenset(
    """a an the this that my our your his her their conference phone video those these
    group on another first last next same whole any no each every zoom team sales of way missed
    quick short long good bad important urgent business work""".split()
)
_NOUN_AFTER = frozenset(
    "with about is was going for number line center centre log quality back menu menus".split()
)
# "first" said as when, at the start of what is asked: "no hold on. first add my wife"
_FIRST_DO_RE = re.compile(r"(?:^|[.,;:!?]|\b(?:on|wait|but|so|ok|okay|and))\s*first\s+$", re.I)
_NEXT_WORD_RE = re.compile(r"\W*([\w'-]+)")
_WITH_RE = re.compile(r"\s+with\s")
_ADD_VERB_RE = re.compile(
    r"\b(?:add|call|dial|redial|ring|phone|invite|contact|reach|connect|grab"
    r"|get hold of|hit up|(?:bring|patch|loop|pull|conference|dial|call|get)\s+in"
    r"|let(?:'s| us) (?:get|have)(?!\s+(?:started|going|on|this|it|that|back|ready)\b))\b"
    # "I was told to call here", "to call this number to get connected": how they reached us
    r"(?!\s+(?:me|here)\b|\s+this\s+(?:number|line)\s+to\s+(?:get|be)\b)",
    _I,
)
_WHO = r"(?!(?:me|to)\b)(?P<{}>[\w'-]+(?:\s+[\w'-]+){{0,4}}?)"
_ADD_IN_RE = re.compile(
    # "get Dana White back": someone who left, brought in again
    rf"\b(?:bring|patch|loop|pull|conference|dial|get)\s+{_WHO.format('t')}\s+(?:in|into|on|onto"
    r"|back)\b"
    rf"|\b(?:want|need|have|put|get|bring)\s+{_WHO.format('u')}\s+(?:on|onto|into|in)\s+"
    rf"(?:the\s+|an?\s+)?(?:line|call|conference|phone)\b|\b(?:try|redial)\s+{_WHO.format('v')}\s+again\b"
    # "I want them added into this call with me": an add said in the passive
    rf"|\b(?:want|need|have|get)\s+{_WHO.format('w')}\s+(?:added|brought|patched|looped|dial?led)"
    r"\s+(?:in|into|on|onto|to)\b",
    _I,
)
_CONF_WORD = (
    r"(?:conference(?:\s+call)?|con call|(?:three|3)[\s-]?way(?:\s+call)?|group call"
    r"|multi-?party(?:\s+call)?|bridge)"
)
_CONF_RE = re.compile(
    rf"(?:^|[,.!?;:])\W{{0,8}}(?:a\s+)?{_CONF_WORD}\b"
    r"|\b(?:set up|setup|start|make|have|host|organi[sz]e|arrange|begin|create|open|do|run|needs?"
    r"|wants?|like|get|place|book|schedule|initiate|launch|hold)\b"
    rf"(?:(?!about|regarding)[^.,;!?]){{0,25}}?\b{_CONF_WORD}\b"
    r"|\b(?:set up|setup|start|arrange|organi[sz]e|host|schedule)\s+an?\s+(?:\w+\s+)?call\b"
    # "need a quick call w/ dana in sales", "I want to do a call with my sales team"
    # "I need call with my team": the article left out, as non-native callers say it
    r"|\b(?:(?:needs?|wants?|do|like|get)\s+an?|need|want)\s+(?:(?:quick|short|brief|group|joint)\s+)?call"
    r"(?:\s+(?:set\s+up|setup|arranged|organi[sz]ed))?(?=\s+with\s)"  # "a call set up with"
    # "arrange meeting with sales team and my colleague": a meeting asked for with people
    r"|\b(?:set up|setup|arrange|organi[sz]e|schedule|book|need|want|like)\s+(?:an?\s+|the\s+)?"
    r"(?:(?:quick|short|brief|group|joint)\s+)?meeting\s+with\b"
    r"|\b(?:set|hook)\s+(?:me|us)\s+up\s+(?:with\s+)?an?\s+(?:\w+\s+)?call\b"
    r"|\b(?:put|get)\s+(?:me|us)\s+(?:on|in|into)\s+an?\s+(?:\w+\s+)?call\b",
    _I,
)
_TRANSFER_RE = re.compile(
    r"\b(?:(?:transfer(?:red)?|forward|redirect|put me through|patch me through)\b"
    r"(?:\s+(?:(?:just|only)\s+)?(?:me|us"  # "transfer just me to the car phone"
    r"|this call|the call|my call|this|it))?(?:\s+(?:directly|straight|over|across))?"
    r"(?:\s+(?:to|with)\b)?"  # "transfer me across": no one named, the one offered
    r"|(?:connect|pass|hand|send|put|patch|flick|switch|shift|bounce) me"  # "flick me over to"
    r"(?:\s+(?:over|across|directly|straight|right|through)){0,2}\s+"
    r"(?:to|with)\b|(?:send|pass|hand|flick|switch|shift|bounce) me\s+(?:over|across|through)"
    # "just send me over but ...": to the one offered
    r"(?=\s*(?:$|[,.!?]|(?:but|and|now|please|pls|then)\b))"
    r"|(?:(?:can|could|may) i|(?:like|want|need) to) (?:please )?(?:speak|talk)"
    r" (?:to|with)\b|(?:send|put|take) me (?=there\b)"
    # "need to get thru to dana", "can u get me to support" (not "get me to join")
    r"|get (?:me\s+)?through\s+to\b|get me (?:over\s+)?to\b(?!\s+(?:join|call|dial|add)\b)"
    # said in the passive: "I need to be put through to our branch office", "can I get patched
    # through to ...", "I'd like to be connected to them"
    r"|\b(?:be|get|getting|being)\s+(?:put|patched|connected|passed|switched|sent)"
    r"(?:\s+(?:over|across|directly|straight|right|through)){0,2}\s+(?:to|with)\b"
    r"(?!\s+(?:join|call|(?:this|the|our|my|a)\s+(?:call|conference|line|meeting))\b))",
    _I,
)
# Talking with several people at once is a conference, never a transfer: "I need to talk with
# two of my clients at once", "speak to both my suppliers together"
_TOGETHER_RE = re.compile(
    r"\b(?:speak|talk|chat)\w*\s+(?:to|with)\s+(?:(?:both|all|several|\d+|a few|a couple)\b"
    r"|[^.,;!?]{0,40}?\b(?:at once|together|at the same time|in one call)\b)",
    _I,
)
# Joining: no warm transfer ("get Fox Mulder to join and tell him who I am") unless put through.
_JOIN_RE = re.compile(
    r"\bto join\b|\bjoin (?:us|in|the call|this call|the conference)\b"
    r"|\b(?:comes?|(?<!you )(?<!\bu )stays?) on\b"  # not "could you stay on and explain ..."
    r"|\b(?:onto|on|into|to) (?:this|the|our) (?:call|conference)\b",
    _I,
)
# A question whether someone is still ringing or there, said with a "not" that negates nothing:
# "Sam's not still ringing or anything, right?"
_STILL_RE = re.compile(
    r"\b(?P<t>[\w'-]+?)(?:'s|'re| is| are)\s+(?:not\s+)?still\s+(?:ringing|dialing|dialling"
    r"|calling|there|on|here|connected|on the (?:line|call))\b",
    _I,
)
_REMOVE_RE = re.compile(
    r"\b(?:remove|drop|kick(?:\s+(?:out|off))?|boot(?:\s+off)?|disconnect|eject|hang up on"
    rf"|hang up(?=\s+{A_DESCRIBED_LEG})"
    r"|cut off)\b"
    r"|\b(?:cut|take|get|throw)\s+(?P<t>[\w' -]{1,40}?)\s+(?:out|off)\b(?!\s+mute)",
    _I,
)
HELP_RE = re.compile(  # not thanks for it: "thank you for your help, goodbye"
    r"(?<!for your )(?<!for the )(?<!for all your )(?<!for all the )(?<!thanks for )"
    r"(?<!thank you for )(?<!appreciate your )(?<!appreciate the )(?<!appreciate it )\bhelp\b"
    r"|\bwhat (?:(?:exactly|else|actually|all|even) )?(?:can|do|else can) you do\b"
    r"|\bwhat (?:can|could|do) (?:you|u|ya) (?:actually|really|even|exactly|possibly) do\b"
    r"|\bwhat are (?:my|the|your) options\b|\bhow does (?:this|it) work\b"
    r"|\bwhat can i (?:do|say|ask)\b|\bcommands\b",
    _I,
)
_REDIAL_RE = re.compile(
    r"\b(?:try|call|dial|ring|phone|redial)\s+(?:that|the same|that same|this|them|him|her|it)"
    rf"(?:\s+(?:same\s+)?{WHO_NOUN})?\s+(?:again|one more time)\b"
    r"|\bredial\b(?!\s+\+?\d)|\btry (?:again|one more time|once more)\b"
    r"|\b(?:try|call|ring|phone)\s+(?:the|my|our)\s+[a-z]+(?:\s+(?:number|one|line))?"
    r"\s+(?:again|one more time|once more)\b"  # "call the first number again"
    # "no, put her back" after a removal: dial her again ("put her back on mute" mutes)
    r"|\b(?:put|bring|get|add)\s+(?:him|her|them|'?em)\s+back\b(?!\s+(?:on|in|to|into)\s+"
    r"(?:mute|hold|silent|the queue)\b|\s+(?:to|through)\b)"
    r"|\b(?:give (?:it|that|them|him|her) )?(?:one more|another) (?:shot|go|try|whirl|attempt"
    r"|crack|bash|stab)\b|\btry (?:him|her|them|it|that one) (?:now|again now)\b"
    rf"|^\W*(?:that|the same|that same) {WHO_NOUN} again\b"  # "try the 0199 one again"
    # "the first one again please", "ring the first resident again": by the order given
    r"|(?:^\W*(?:(?:ok(?:ay)?|so|and|now)\W+)?|\b(?:try|call|ring|phone|dial|redial|get)\s+)"
    r"(?:the|my|our)\s+(?:first|second|third|last)\s+[a-z]+\s+(?:again|one more time|once more)\b"
    rf"|\b(?:try|call|dial|ring|phone|redial|get)\s+the\s+(?:\d{{3,}}\s+{WHO_NOUN}|{WHO_NOUN}\s+"
    r"ending(?:\s+in)?\s+\d{3,})\s+(?:again|one more time|once more)\b",
    _I,
)
_ON_MUTE_RE = re.compile(r"(?:\b(?:on|off|the)\s+|un-?)$", _I)
_EVERYONE_RE = re.compile(
    r"^(?:every(?:one|body)|all|(?:th|')?em all|the (?:others|rest|lot)|(?:the )?whole lot)\b", _I
)
_LEAVE_TARGETS = ("me", "myself", "us", "the call", "this call")

EVERYONE_BUT = "everyone except "


def _everyone(d: str, at: int) -> str:
    """ "everyone", or "everyone except <whom>" ("everyone but the 0146 line" -> "everyone except
    the one ending in 0146"): never the one person named after "except"."""
    rest = d[at : at + 80].split("\n")[0]
    if not (whom := everyone_but(rest)):
        return "everyone"
    whom = re.split(r"[,.;!?]|\s(?:for|while|so|because|now|please|until|till)\b", whom)[0]
    return EVERYONE_BUT + (reference(whom) or " ".join(whom.split()))  # "bar me for a bit"


def _is_noun(d: str, m: re.Match[str]) -> bool:
    """True for "a call", "the first dial": no request to dial (not "could you first add")."""
    before = re.search(r"([\w'-]+)\s+$", words_before(d, m.start()))
    after = _NEXT_WORD_RE.match(d, m.end())
    if before and _FIRST_DO_RE.search(words_before(d, m.start())):
        before = None  # "no hold on. first add my wife": asked first, not "the first call"
    return not WHEN_BEFORE_RE.search(words_before(d, m.start())) and bool(
        (before and before.group(1).lower() in _NOUN_BEFORE)
        or (after and after.group(1).lower() in _NOUN_AFTER)
    )


def find_action(
    d: str, phone: str | None, extension: str | None, phone_at: int, dtmf_at: int
) -> tuple[Action | None, str | None, bool]:
    """(action, target, leaving) for digitized text: the earliest request that is not negated."""
    found: list[tuple[int, int, Action, str | None]] = []
    leaving = False
    # a number to dial, not "my number is ..."; "dial extension 204" dials too
    dialling = bool(phone and not OWN_NUMBER_RE.search(words_before(d, phone_at)) or extension)

    def note(pos: int, action: Action, target: str | None = None) -> None:
        if not negated(d, pos):
            found.append((pos, _ORDER.index(action), action, target))

    def bring(pos: int, phrase: str) -> None:  # someone named -> add; nobody yet -> conference
        sort = kind(phrase)
        if sort == "specific":
            note(pos, "add", phrase)
        else:
            note(pos, "add" if sort == "pronoun" or dialling else "conference")

    def about(phrase: str) -> str | None:  # keeps "me": "mute me" is not "mute him"
        phrase = ME_THEN_RE.sub("me", phrase)  # "unmute me i'm done eating": me
        return None if kind(phrase) in ("none", "pronoun") and phrase.lower() != "me" else phrase

    for m in _ADD_VERB_RE.finditer(d):
        if not _is_noun(d, m):
            bring(m.start(), phrase_at(d, m.end(), phone_at))
    for m in _ADD_IN_RE.finditer(d):
        said = " ".join((m.group("t") or m.group("u") or m.group("v") or m.group("w")).split())
        bring(m.start(), (own_people(said) or [said])[0])  # "my supplier and my foreman": first
    for m in _CONF_RE.finditer(d):
        with_ = _WITH_RE.match(d, m.end())
        bring(m.start(), phrase_at(d, with_.end() - 1, phone_at) if with_ else "")
    for m in _TRANSFER_RE.finditer(d):
        if not re.search(r"\bno\s+$", d[: m.start()], re.I):  # "No, no transfer. Add him"
            note(m.start(), "transfer", about(phrase_at(d, m.end(), phone_at)))
    warm_to = WARM_TO_RE.search(d)
    for m in WARM_RE.finditer(d):
        if re.search(r"\bno\s+$", d[: m.start()], re.I):
            continue  # "transfer me to him, no introduction needed": cold
        note(
            m.start(),
            "warm_transfer",
            about(phrase_at(d, warm_to.end(), phone_at)) if warm_to else None,
        )
    for regex, action in (
        *((UNMUTE_RE, "unmute"), (LET_TALK_RE, "unmute"), (MUTE_RE, "mute")),
        *((MADE_MUTED_RE, "mute"), (_REMOVE_RE, "remove")),
    ):
        for m in regex.finditer(d):
            who = next(filter(None, map(m.groupdict().get, "tuvas")), None)  # whom it names
            who = without_lead_in(who) if who else who  # "ok he can talk again": he
            if action == "remove" and asks_what_happens(d, m):
                continue  # "would that kick lorraine off?": asked, nobody removed
            if action == "mute" and not who and _ON_MUTE_RE.search(words_before(d, m.start())):
                continue  # "I'm on mute", "the mute button", "un-mute"
            phrase = " ".join(who.split()) if who else phrase_at(d, m.end(), phone_at)
            if action == "remove" and (phrase.lower() in _LEAVE_TARGETS or not (phrase or phone)):
                leaving = leaving or bool(phrase)  # "remove me" is a goodbye; bare "drop" nothing
                continue
            rest = f"{phrase} {d[m.end() :]}" if who else d[m.end() :]  # "... except for me"
            note(
                m.start(),
                action,
                _everyone(rest, 0) if _EVERYONE_RE.match(phrase) else about(phrase),
            )
    for m in (*_REDIAL_RE.finditer(d), *AGAIN_RE.finditer(d)):
        note(m.start(), "redial")
    for m in LIST_RE.finditer(d):
        note(m.start(), "list")
    for m in STATUS_RE.finditer(d):
        note(m.start(), "status", about(m.group("t") or ""))
    for m in _STILL_RE.finditer(d):  # asked with a "not" that negates nothing
        found.append((m.start(), _ORDER.index("status"), "status", about(m.group("t"))))
    for m in HELP_RE.finditer(d):
        note(m.start(), "help")
    if dtmf_at >= 0:
        note(dtmf_at, "dtmf")

    if _TOGETHER_RE.search(d):  # several people at once: a conference, nobody named yet
        found = [
            (f[0], _ORDER.index("conference"), "conference", None) if f[2] == "transfer" else f
            for f in found
        ]
    actions = {f[2] for f in found}
    if "warm_transfer" in actions and "transfer" not in actions and _JOIN_RE.search(d):
        found = [f for f in found if f[2] != "warm_transfer"]  # introduced on joining: an add
        actions.discard("warm_transfer")
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
    if action in ("remove", "mute", "unmute", "status") and (ref := reference(d)):
        target = target if target and target.startswith(EVERYONE_BUT) else ref
    return action, (None if action == "redial" else target), leaving
