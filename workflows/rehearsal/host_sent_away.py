"""The caller sending the host away, not ending the call: "Ava can you drop off now, i'm good",
"thanks ava that's all we need from u, bye!", "ava you can leave us now", "can you hang up
yourself and leave me and dana talking?". With others on the call the host cannot leave it
running (the call ends with it), so it says so and stays, quietly: `host_stays`, the answer
"Robert and I will manage" gets (`leaving.py`). Nothing is ended and no one is removed ("ava
you" is no leg). With nobody else on, the call ends as any goodbye ends it; "end the call" in
the same line still ends it for everyone.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import dialled_in
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.nlu.text import negated
from workflows.rehearsal.steps import Step, tool_call

_I = re.IGNORECASE
_YOU = r"(?:you|u|ya|yourself)"
_GO = (
    r"(?:drop(?: off)?|hop off|jump off|log off|sign off|leave(?: us to it| us| the call| now)?|go"
    r"|head off|get off|hang up yourself|disconnect yourself|bow out|step out|bail)"
)


# Nobody after the going ("Ava can you drop Dana", "could you go ahead and add Fox" send no one
# away): the line ends, or goes on with a word that takes no object
_NO_OBJECT = (
    r"(?!\s+(?!(?:now|please|then|too|so|and|if|when|thanks|thank|cheers|bye|we|i|it's"
    r"|already|right|alone|at|as)\b)\w)"
)
_GONE = (
    # "hey Ava, please hop off the call now"
    r"(?:leave (?:us|the call)|(?:drop|hop|jump) off(?: (?:the|this) (?:call|line))?|log off"
    r"|sign off|get off the call"
    r"|bow out|step out|hang up yourself|disconnect yourself)"
)


# Said to the host whoever else is on: it goes while the caller stays connected ("can you leave
# and keep me connected to support?", "can u leave the call but keep me n support connected?",
# "k can u transfer me to him directly and u hang up"), or it hangs up "on its end" ("u can
# hang up on ur end"). The host cannot leave the call running: never a removal, never the end
_OWN_GO = (
    r"(?:leave(?: (?:the|this) call)?|hang up|drop(?: off)?(?: (?:the|this) call)?|hop off"
    r"|jump off|log off|get off(?: (?:the|this) call)?|disconnect|go|bow out|step out)"
)
_STAYS_ON_RE = re.compile(
    rf"\b(?:(?:can|could|would|will) {_YOU}|{_YOU} (?:can|could|may|should))"
    rf"(?: please)?(?: just)? {_OWN_GO},?(?: and| but| &)(?: then)?(?: just)?"
    r" (?:keep|leave|let) (?:me|us)\b[^.?!]{0,40}?\b(?:connected|on|talking"
    r"|chatting|(?:stay|keep) (?:on|talking|going))\b"
    # "u can hang up on ur end", "you can drop off on your side now"
    rf"|\b{_YOU} (?:can|could|may)(?: just)? (?:hang up|drop(?: off)?|disconnect|leave|hop off"
    r"|log off)(?: on)? (?:your|ur|yr) (?:end|side)\b"
    # "transfer me to him directly and u hang up": the leg stays with the caller, host gone
    rf"|\b(?:transfer|put|connect|patch) me (?:through |straight |directly )?(?:to|with)"
    rf" (?:him|her|them)\b[^.?!]{{0,20}}? and (?:then )?{_YOU}(?: can| could)?(?: just)?"
    rf" (?:hang up|drop(?: off)?|leave|hop off|go|disconnect|get off)\b{_NO_OBJECT}",
    _I,
)


# "put me straight through to dana white and hang up urself": someone already on the call
# (`_on_call`), the host gone; a transfer to anyone else is a transfer
_TO_LEG_RE = re.compile(
    r"\b(?:transfer|put|connect|patch) me (?:(?:through|straight|directly|just) )*(?:to|with)"
    r" (?P<who>[\w'-]+(?: [\w'-]+){0,2}?)(?: directly| now| please)?,? and (?:then )?(?:just )?"
    rf"(?:{_YOU}(?: can| could)?(?: just)? (?:hang up|drop(?: off)?|leave|hop off|go|disconnect"
    rf"|get off)\b{_NO_OBJECT}|(?:hang up|drop off|disconnect|leave|hop off) (?:yourself|urself"
    r"|ur ?self)\b)",
    _I,
)


def _on_call(who: str, legs: list[str]) -> bool:
    return any(w.lower() in leg.lower().split() for w in who.split() for leg in legs)


def _host(prompts: Prompts) -> str:
    names = [re.escape(prompts.host.name)] if prompts.host.name else []
    return rf"(?:{'|'.join([*names, 'host', 'the assistant', 'assistant'])})"


def _sent_away_re(prompts: Prompts) -> re.Pattern[str]:
    host = _host(prompts)
    return re.compile(
        # "Ava can you drop off now", "ava you can leave us now", "Ava, you may go"
        rf"\b{host}\W+(?:(?:can|could|would|will) {_YOU}|{_YOU} (?:can|could|may|are free to))"
        rf"(?: please)?(?: just)? {_GO}\b(?! (?:mute|to|for|on|with)\b){_NO_OBJECT}"
        # "Ava, please leave the call now and let me and my sister talk", "Ava, hop off now"
        rf"|\b{host}\W+(?:please\W+)?(?:just\W+)?{_GONE}\b"
        rf"(?! (?:mute|to|for|on|with)\b){_NO_OBJECT}"
        # "Ava, would you mind leaving us alone now?"
        rf"|\b{host}\W+(?:would|do) {_YOU} mind (?:just )?(?:leaving(?: us| the call)?"
        r"|(?:dropping|hopping|jumping|logging|signing) off|stepping out|bowing out|going)\b"
        rf"(?! (?:mute|to|for|on|with)\b){_NO_OBJECT}"
        # "can you hang up yourself", "disconnect yourself", "leave me and dana talking"
        r"|\b(?:hang up|disconnect|drop|remove|take)\s+yourself\b(?: off)?"
        r"|\bleave (?:me and [\w'-]+|[\w'-]+ and (?:me|i)|us(?: two| both)?) (?:to (?:it|talk|chat)"
        r"|talking|chatting|alone|be)\b"
        # "that's all we need from u", "we don't need you anymore"
        rf"|\bthat(?:'s| is) all (?:we|i) need(?:ed)? from {_YOU}\b"
        rf"|\b(?:we|i) (?:don't|do not|won't|no longer) need {_YOU}(?: anymore| any more| now)?\b",
        _I,
    )


def _names_host(text: str, prompts: Prompts, legs: list[str]) -> bool:
    """The line is said to the host: its name, "the assistant", "yourself", or a "you" in a
    line naming no one on the call ("thanks Dana, we don't need you anymore" is Dana's)."""
    if re.search(rf"\b{_host(prompts)}\b|\byourself\b", text, _I):
        return True
    named = any(re.search(rf"\b{re.escape(w)}\b", text, _I) for leg in legs for w in leg.split())
    return not named and bool(re.search(r"\byou\b|\bu\b", text, _I))


def host_sent_away(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step] | None:
    """`host_stays` when the caller sends the host away while others are on the call, the end
    of the call when the line also ends it in so many words; None otherwise (nobody else on)."""
    legs = [who for who, on in dialled_in(ctx, prompts) if on]
    if legs and (m := _STAYS_ON_RE.search(reading.text)) and not negated(reading.text, m.start()):
        return [prompts.offline.answers.host_stays]  # "can you leave and keep me on with them?"
    if legs and (m := _TO_LEG_RE.search(reading.text)) and _on_call(m["who"], legs):
        return [prompts.offline.answers.host_stays]  # "put me through to Dana and hang up"
    if not legs or not (m := _sent_away_re(prompts).search(reading.text)):
        return None  # nobody left on: sending the host away ends the call, as a goodbye does
    if not _names_host(reading.text, prompts, legs):
        return None
    rest = reading.text[: m.start()] + " " + reading.text[m.end() :]
    if understand(rest).ends_call:
        return [tool_call("end_call")]  # "ava you can go, end the call for everyone": ended
    return [prompts.offline.answers.host_stays]


def sends_host_away(text: str, prompts: Prompts) -> bool:
    """Whether `text`, said to the host, sends it away ("can you leave us?", "please leave the
    call now"): a participant's asking gets `host_stays_for_you` (only the caller ends it)."""
    return bool(_sent_away_re(prompts).search(f"{prompts.host.name}, {text}"))
