"""Goodbye: the caller ending the call for everyone, or taking their own leave now."""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.cancel import A_DESCRIBED_LEG, A_LEG
from workflows.rehearsal.nlu.chatty import SHUT_DOWN
from workflows.rehearsal.nlu.not_leaving import not_leaving

_I = re.IGNORECASE
_CLAUSE_END = r"(?=\s*(?:[,.;!]|$))"
# The caller ends the call for everyone: this outranks any other request in the same line.
END_RE = re.compile(
    r"\b(?:hang up|ring off)\b(?!\s+on\s+(?!me\b))"
    rf"(?!\s+{A_LEG})"  # "hang up that ringing number": one leg, called off (cancel.py)
    rf"(?!\s+{A_DESCRIBED_LEG})"  # "hang up the insurance line": that leg is removed
    # "wrap up the call for everybody", "that's a wrap", "close it out for everyone"
    r"|\bwrap (?:up )?(?:the|this|our) (?:whole )?(?:call|conference|meeting)\b|\bthat's a wrap\b"
    r"|\bclose (?:it|this|the call|this call) out\b|\bclose out (?:the|this) (?:call|conference)\b"
    r"|\bend (?:the|this|my|our) (?:whole )?(?:call|conference|meeting|thing)\b"
    # not "end the call for Dana"; "end the call for us both" is everyone's
    r"(?!\s+(?:with|for)\b(?!\s+(?:us|both of us|all of us|everyone|everybody|all)\b))"
    # "end call for all", "standup over, end call for everyone": no article, the same ending
    # (never "end call forwarding": only the end of a clause, "now", "please" or "for" after)
    r"|(?<!\bthe )(?<!\bat )\bend (?:call|conference|meeting)"
    r"(?=\s*(?:[,.;!?]|$|now\b|please\b|pls\b|for\b))"
    r"(?!\s+(?:with|for)\b(?!\s+(?:us|both of us|all of us|everyone|everybody|all)\b))"
    r"|\b(?:we're|we are|i'm|i am) (?:all )?(?:done|finished)\b"
    r"(?!\s+with\s+(?!(?:the|this|our) (?:call|conference|meeting)\b))"  # "done with him"
    r"|\b(?:end|finish|close) (?:it|this|the call|this call)(?:\s+(?:now|please|off"
    r"|for (?:everyone|everybody|all of us)))*(?:\W*$|\W+(?:thanks|thank you|cheers|ta)\b"
    r"(?:\s+[\w']+){0,3}\W*$)|\bwrap (?:it|this|things) up\b"
    # "thanks everyone, we can wrap up now": the call ends when the caller says it may
    r"|\b(?:we can|we could|we should|we'll|let's|let us|time to|ready to)\s+wrap(?:\s+it)?\s+up\b"
    # "great, let's end it here. thanks everyone!", "we can finish there", "let's stop here"
    r"|\b(?:we can|we could|we should|we'll|we will|let's|let us|time to|ready to)\s+(?:end|finish"
    r"|close|stop)(?:\s+(?:it|this|things|up))?\s+(?:here|there)\b(?!\s+for\s+a\b)"
    # "Ava, you can end now", "you may finish it here": the host may end the call
    r"|\b(?:you|u) (?:can|may|could)(?: now| just| go ahead and)? (?:end|finish|close)"
    rf"(?: (?:it|this|things|up))?(?: now| here| there)?(?: please)?{_CLAUSE_END}"
    r"|^\W*(?:(?:ok|okay|please)\W+)?end(?: the)? call(?:\s+(?:now|please))*\W*$" + SHUT_DOWN,
    _I,
)
GOODBYE_RE = re.compile(
    r"\b(?:good)?bye\b|\bsee (?:you|ya)\b|\btalk (?:to you )?(?:later|soon)\b"
    # "that's all" ends ("thats all for today", typed without its apostrophe, too); "... if
    # that's all right" asks leave, and is no goodbye
    r"|\bthat(?:'?s| is|'?ll be| will be) (?:all(?!\s+(?:right|ok|okay)\b)|everything)\b"
    r"|\bthat'?s it for (?:now|today)\b|\bthat(?:'?ll| will) do (?:us|me|for (?:now|today))\b"
    rf"|(?:^|[,.;!?])\s*(?:all\s+|we're\s+|i'm\s+)?(?:done|finished){_CLAUSE_END}"
    r"|\bthat'?s (?:us|me)(?: done)?\b"
    rf"|\b(?:i'm|i am) out{_CLAUSE_END}"
    rf"|(?:^|[,.;!?])\s*(?:(?:ok|okay|alright|right|cool|great|kk|k),?\s+)?(?:we're|we are|we) good"
    rf"(?:\s+(?:here|now|then|thanks))?{_CLAUSE_END}"
    r"|\b(?:i|we)(?:'ve| have)?\s+(?:got|have|need)\s+to\s+(?:go|run|leave|hop off|drop off)\b"
    r"|\bgotta\s+(?:go|run)\b|\b(?:drop|hop|jump|get) off\b(?!\s+mute)|\bnothing else\b"
    # "I'm hopping off now", "I'm leaving the call now", "I gotta shoot off"
    r"|\b(?:i'm|i am)\s+(?:hopping|jumping|dropping|getting|heading|shooting|signing|logging)"
    r"\s+off\b(?!\s+(?:mute|to|for|at|in|after|on|with)\b)"
    r"|\b(?:gotta|got to|have to|need to)\s+(?:shoot|head|sign|log) off\b"
    rf"|\b(?:i'm|i am)\s+(?:leaving|exiting)(?:\s+(?:the|this)\s+(?:call|line|meeting))?"
    rf"(?:\s+now)?{_CLAUSE_END}"
    r"|\bhave a (?:good|great|nice) (?:day|one|night|evening|weekend)\b"
    r"|\b(?:disconnect|remove|drop|chuck|kick|boot) (?:me|myself)\b|\bcheers\W*$"
    r"|\b(?:i'm|i am|we're|we are) all set\b|\b(?:thanks|thank you|cheers)\W+that(?:'?s| is) it\b"
    r"|\bthat(?:'?s| is) it\W+(?:thanks|thank you|cheers)\b"
    r"|\b(?:i'll|i will|i'?ll just) (?:call|ring|try) (?:back|again)\b"
    # goodbyes in slang and in the languages callers slip into: "peace out", "Tschüss"
    r"|\bpeace(?: out)?\W*$|\b(?:tsch[üu]ss|tschau|ciao|adi[oó]s|au revoir"
    r"|auf wieder(?:sehen|h[öo]ren|schauen)|arrivederci|sayonara|laters"
    r"|cheerio|ta[ -]ra|ta[ -]ta|toodle[ -]?oo|toodles)\W*$|\bhooroo\b"
    # "let's leave it there", "we'll leave it at that": the caller wraps up
    rf"|\b(?:let's|let us|we'll|we will|i'll|i will) leave it (?:there|at that){_CLAUSE_END}",
    _I,
)


def says_goodbye(t: str, negated) -> bool:
    """Whether the caller takes their leave now: goodbye words not negated ("don't hang up"),
    not said of someone else ("he's gotta run"), of later ("I've gotta go in a sec") nor with a
    job to do ("I need to run a call")."""
    return any(
        not not_leaving(t, m, negated) for m in (*GOODBYE_RE.finditer(t), *END_RE.finditer(t))
    )


# Farewell words anywhere in a line ("Thomas, thank you, auf Wiedersehen. Ava, ..."): a name
# beside them is said goodbye to, never asked for
_FAREWELL_RE = re.compile(
    r"\b(?:good)?bye\b|\bauf wieder(?:sehen|h[öo]ren|schauen)\b|\btsch[üu]ss\b|\bciao\b"
    r"|\badi[oó]s\b|\bau revoir\b|\barrivederci\b|\bsee (?:you|ya)\b|\btake care\b"
    r"|\bhave a (?:good|great|nice) (?:day|one|night|evening|weekend)\b",
    _I,
)


def farewell(text: str) -> bool:
    """Whether `text` says goodbye to someone anywhere in it."""
    return bool(_FAREWELL_RE.search(text))


# The caller's own leaving said after a request: "kick tony off and im out too", "remove Dana,
# then I'm off", "drop him and I'll go as well": a goodbye, once the request is done
OWN_LEAVING = (
    r"(?:i'm|im|i am|i'll|ill|i will)\s+(?:just\s+)?(?:(?:be\s+)?(?:out|off|done|gone|outta here)"
    r"|(?:leaving|going|heading off|hopping off|dropping off|signing off|logging off)"
    r"|(?:go|leave|head off|hop off|drop off|jump off|sign off|log off|bail))"
    r"(?:\s+(?:too|as well|also|then|now|myself))*\W*$"
)
_OWN_LEAVING_RE = re.compile(rf"^\W*(?:(?:and|then|so)\s+)*{OWN_LEAVING}", _I)


def leaves_too(part: str) -> bool:
    """Whether `part`, a clause after a request, is the caller leaving as well."""
    return bool(_OWN_LEAVING_RE.match(part))
