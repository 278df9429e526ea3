"""Calling something off: "cancel that", "don't ring her", "stop calling Dana"."""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.people import PRONOUNS, kind, reference
from workflows.rehearsal.nlu.phrase import phrase_at
from workflows.rehearsal.nlu.text import negated

_I = re.IGNORECASE
# "hang up that ringing number / the ringing one / that call / the 0187": a leg, not the call
# ("hang up the call" or "this call" is still the whole call)
A_LEG = r"(?:(?:that|the|this)\s+(?:ringing\b|number\b|one\b|\+?\(?\d)|that\s+call\b)"
# "the insurance line", "that caterer": a leg by a description, never the call or the phone
A_DESCRIBED_LEG = (
    r"(?:the|that|this|our|my)\s+(?!(?:whole|entire|call|phone|conference|meeting|thing|line)\b)"
    r"[a-z]"
)
HANG_UP_A_LEG = rf"\bhang\s+up\s+(?:on\s+)?{A_LEG}"

_CANCEL_RE = re.compile(
    r"\b(?:cancel|abort|call off)\b|\b(?:scratch|scrap|forget)\s+(?:that|it)\b"
    # "forget the front desk, I never asked for them", "scrap the sales desk"
    r"|\b(?:forget|scrap|scratch|ditch)\s+(?:about\s+)?(?=the\s+\w)"
    # "ah nah he's not answering, don't bother": bother said alone, at a clause's end
    r"|\b(?:don't|dont|do not)\s+bother\b(?=\W*(?:mate|then|now)?\W*(?:$|[,.;!]))"
    # "don't bother with Robbo", "bruh he ain't answering, kill that"
    r"|\b(?:don't|dont|do not)\s+bother\s+with\b|\bkill\s+(?:that|it|this)(?:\s+call)?\b"
    r"|\b(?:don't|dont|do not|no need to)\s+(?:bother\s+)?(?:ring|call|dial|phone|calling"
    r"|ringing|ringin'?|callin'?|dialling|dialing)(?!\w)|\bstop\s+(?:calling|ringing|dialling|dialing|phoning|trying)\b"
    # "he's not picking up, forget him, hang that up", "never mind her", "give up on them"
    r"|\b(?:forget|never\s?mind|give up on)\s+(?:about\s+)?(?:him|her|them)\b"
    r"|\bhang\s+(?:that|it|this|him|her|them)(?:\s+call)?\s+up\b"
    # "hold off on the transfer", "hang fire on that call", "put the transfer on hold"
    r"|\b(?:hold off|hang fire)(?:\s+on)?(?:\s+(?:the|that|this))?\s+(?:transfer|call|dial)\w*\b"
    r"|\bput\s+(?:the|that|this)\s+(?:transfer|call)\s+on\s+hold\b"
    # "call it off", "hang up on that one": the one ringing ("hang up on him" is a removal)
    r"|\bcall\s+(?:it|that|this|him|her|them)\s+off\b|\bhang\s+up\s+on\s+(?:that|this)\s+one\b"
    # "hang up that ringing number", "hang up the 0187", "kindly stop that call": one leg
    rf"|{HANG_UP_A_LEG}|\bstop\s+(?:that|this|the)\s+call\b"
    # "stop the 0187 call", "kill the ringing call": a leg named by its digits or its ringing
    r"|\b(?:stop|kill|end)\s+(?:that|this|the)\s+(?:ringing\s+|\+?\(?\d[\d()\s-]*\s+)call\b"
    # "stop the ringing", "kill that ringing": the phone that rings
    r"|\b(?:stop|kill|end)\s+(?:that|this|the)\s+ringing\b(?!\s+\w)",
    _I,
)
# Declining what was read back, beside a no or alone: "nah skip Mulder lol", "no number, don't
# add anyone", "leave him, we don't need him" (not "skip the intro").
DECLINE_RE = re.compile(
    r"\bskip\b(?!\s+(?:the\s+)?(?:intro|introduction|formalities|small talk)\b)"
    r"|\b(?:don't|do not|dont)\s+(?:add|need|want|bother)\b|\bno need\b"
    r"|\bleave (?:it|him|her|them|that(?: one)?)\b(?!\s+(?:on|in|there)\b)"
    r"|\bno number\b|\b(?:not|don't add) (?:anyone|anybody)\b|\bnot needed\b"
    r"|\b(?:nobody|no one|no-one|none) else\b"  # "scrap that, nobody else"
    # "not yet, hold off on that": not now, so nothing is dialled
    r"|\bhold off\b(?!\s+(?:a|one)\s+(?:sec|second|moment|minute)\b)|^\W*(?:no,?\s+)?not yet\b"
    # "503 is the error code, not a phone number": what was read back was never a number
    r"|(?:\bnot|n't)\s+(?:even\s+)?(?:a|any)\s+(?:phone\s+|telephone\s+)?number\b"
    # "no, not required, I will speak to Dana separately": a reason not to dial at all
    r"|\bnot (?:required|necessary)\b|\bi(?:'ll| will| can)\s+(?:speak|talk|catch up|deal)"
    r"\s+(?:to|with)\s+[\w' ]{1,30}?\s+(?:separately|myself|later|directly|another time)\b",
    _I,
)
# "ah he's not answering, leave him": leaving someone who does not answer is calling them off
# (alone, "leave him" is declining a read-back, or leaving someone as they are: "don't mute")
_NO_ANSWER_RE = re.compile(
    r"\b(?:not|n't|ain't)\s+(?:answering|answerin'?|picking up|pickin'? up|pickin'? it up"
    r"|picking it up)\b|\bno answer\b|\bno(?:body|\s?one)(?:'s| is)?\s+(?:answering|picking up)\b",
    _I,
)
_LEAVE_RE = re.compile(
    r"\b(?:just\s+)?leave (?:him|her|them|it)(?: be)?\b(?!\s+(?:on|in)\b)"
    # "he is not answering, stop it please", "it's still ringing, stop that": the ringing stopped
    r"|\b(?:stop|kill)\s+(?:it|that)\b(?!\s+(?:from|with|by)\b)",
    _I,
)
# "it's still ringing", "it keeps ringing": a phone that rings on, as no answer is
_RINGS_ON_RE = re.compile(r"\b(?:still|keeps?|keep on)\s+ringing\b|\bringing\s+out\b", _I)
# What may stand between a cancel and whom it names: "cancel the call to Dana".
_CALL_NOUN_RE = re.compile(
    r"\s+(?:(?:the|that|this|my)\s+)?(?:(?:phone\s+)?call|calling|ringing|dialling|dialing)"
    r"(?:\s+(?:to|for|with))?(?=\s|$)",
    _I,
)


_DIGIT_RE = re.compile(r"\d")
# "don't dial anything", "don't call anyone": whatever waits or rings, no one in particular.
_ANY = frozenset({"anything", "anyone", "anybody", "everything", "everyone", "everybody"})
# Words said to the host, not of anyone: "cancel that call mate", "scrap it bro, thanks".
_TO_HOST = frozenset("mate bro man dude pal buddy love please thanks cheers now then lol".split())


def find_cancel(d: str, phone_at: int) -> tuple[bool, str | None]:
    """Whether the caller calls off a dial or a read-back in digitized text `d`, and whom they
    name: "Dana", "the one ending in 46"; None for "that", "her", or a number."""
    for m in _CANCEL_RE.finditer(d):
        if negated(d, m.start()):  # "I didn't say stop calling her"
            continue
        if 0 <= phone_at < m.start() and _DIGIT_RE.search(d, m.end()):
            continue  # "415 555 0142... scratch that, it ends in 0124": the number corrected
        start = m.end()
        if call := _CALL_NOUN_RE.match(d, start):  # "cancel the call to Dana"
            start = call.end()
        phrase = phrase_at(d, start, phone_at)
        if phrase and set(phrase.lower().split()) <= _TO_HOST:
            phrase = ""  # "cancel that call mate": no one named
        first = phrase.split()[0].lower() if phrase else ""
        named = kind(phrase) == "specific" and first not in PRONOUNS and first not in _ANY
        return True, reference(d) or (phrase if named else None)
    unanswered = _NO_ANSWER_RE.search(d) or _RINGS_ON_RE.search(d)
    if unanswered and (m := _LEAVE_RE.search(d)) and not negated(d, m.start()):
        return True, reference(d)
    return False, None
