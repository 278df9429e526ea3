"""Offline natural-language understanding for the deterministic dialog model.

`understand()` turns one typed caller utterance into a `Reading`: greeting, the caller's name,
why they called, what they want done (an `Action` with its target, number or keys), a yes/no
answer and whether they are leaving. It is regex/keyword based and deterministic, and it reads
faithfully without validating anything: the dialog policy and the phone tools decide what is
allowed. Numbers are kept as spoken ("0049 30 123456" -> "004930123456"; no country code added).
"""

from __future__ import annotations

import re

from workflows.rehearsal.nlu.call_questions import checks_line
from workflows.rehearsal.nlu.caller import (
    GREETING_RE,
    SUPPORT_RE,
    call_reason,
    caller_name,
    gerund,
    yes_or_no,
)
from workflows.rehearsal.nlu.cancel import find_cancel
from workflows.rehearsal.nlu.collective import as_team
from workflows.rehearsal.nlu.corrections import correct, corrected_target, new_last_digits
from workflows.rehearsal.nlu.dismiss import find_dismissal, in_own_time, said_to_them
from workflows.rehearsal.nlu.goodbye import END_RE, says_goodbye
from workflows.rehearsal.nlu.mute_questions import asks_who_is_muted
from workflows.rehearsal.nlu.named_first import hangs_up_on_everyone, named_first
from workflows.rehearsal.nlu.needs import GROUP_CALL_RE, people_from
from workflows.rehearsal.nlu.numbers import (
    digitize,
    extract_phone_number,
    find_dtmf,
    find_phone,
    find_phones,
)
from workflows.rehearsal.nlu.people import without_apposition, without_relation
from workflows.rehearsal.nlu.presence import asks_about
from workflows.rehearsal.nlu.questions import (
    KEYS_IN_RE,
    LEAVING_QUESTION_RE,
    PRESENCE_RE,
    TRANSFER_QUESTION_RE,
    asks_purpose,
)
from workflows.rehearsal.nlu.reaching import reaching_transfer
from workflows.rehearsal.nlu.reading import Action, Reading
from workflows.rehearsal.nlu.requests import find_action
from workflows.rehearsal.nlu.text import (
    negated,
    normalise,
    taken_back,
    without_disowned,
    without_titles,
)
from workflows.rehearsal.nlu.transfer_asks import transfer_asked

__all__ = [
    "MAX_LINE_CHARS",
    "Action",
    "Reading",
    "kept_requests",
    "extract_phone_number",
    "gerund",
    "last_digits",
    "understand",
]

# The longest caller line read: well over a minute of speech. A longer one is not read at all
# (`Reading.too_long`), so no line, typed or pasted, can stall the call's event loop.
MAX_LINE_CHARS = 1000
# Being done, said beside a request in the same line ("we're done presenting, unmute everyone",
# "I'm done, who's still on?"): the caller is done with a part, not leaving.
_DONE_RE = re.compile(
    r"\b(?:(?:we're|we are|i'm|i am|we've|i've|we have|i have)\s+)?(?:all\s+)?(?:done|finished)\b",
    re.IGNORECASE,
)
# Thanks said after a request ("..., cheers", "thanks in advance", "ta very much"): a sign-off
# of the request, never a goodbye (a goodbye said as well, "that's it, cheers", still is one).
SIGN_OFF_RE = re.compile(
    r"[\s,.;!-]*\b(?:ok(?:ay)?\W+)?(?:cheers|thanks|thank you|thanks? heaps|ta|much appreciated)"
    r"(?: (?:so|very) much| a lot| in advance| mate| love| then)?\W*$",
    re.IGNORECASE,
)
# Whom a request names when it names no one: "remove nobody", "mute no one"
_NO_ONE_RE = re.compile(r"(?:nobody|no one|no-one|none|noone)\W*$", re.IGNORECASE)
# Requests about someone that a third person's leaving beside them does not replace.
_ABOUT_SOMEONE = ("remove", "mute", "unmute", "dtmf", "transfer", "warm_transfer")
# Requests a take-back in the same line withdraws ("..., i mean... whatever, who's on?").
_TAKEN_BACK = ("remove", "mute", "unmute")


def understand(text: str) -> Reading:
    """Read one caller utterance into a `Reading`; anything not understood keeps its default."""
    if len(text) > MAX_LINE_CHARS:
        return Reading(text=text, too_long=True)
    t = normalise(text)
    d = digitize(without_titles(t))  # "add Ms. Reyes": Reyes
    d = without_apposition(d)  # "bring in my boss, Monica Reyes": as "my boss Monica Reyes"
    phone, extension, start, end = find_phone(d)
    numbers = tuple(find_phones(d)) if phone else ()
    if numbers and len(numbers[0]) < len(phone):  # the first of several joined by commas
        phone, extension = numbers[0], None
    if (fixed := correct(d, numbers, end)) != numbers:  # "call A, no wait, ..."
        numbers = fixed
        phone, _, ext = numbers[0].partition(" ext ")
        extension = ext or None
    digits, dtmf_at = find_dtmf(d if start < 0 else d[:start] + " " * (end - start) + d[end:])
    # "i didnt want to call anyone. unmute bisi pls": the unmute
    action, target, leaving = find_action(without_disowned(d), phone, extension, start, dtmf_at)
    if action in _TAKEN_BACK and (back := taken_back(d)):  # "mute the busy one, i mean...
        action, target, leaving = find_action(back[1], phone, extension, start, dtmf_at)
    target = named_first(d, action, target) or target  # "Fox? drop him": Fox
    action = reaching_transfer(d, action) or action  # "trying to reach X, put me through"
    target = as_team(target)  # "grab the sales mob too": the sales team
    if action in ("add", "transfer", "warm_transfer"):
        target = without_relation(target)  # "add my manager Monica": Monica
    if target and _NO_ONE_RE.match(target):  # "please remove nobody": nothing to do
        action, target = None, None
    if action in ("add", "transfer", "warm_transfer") and (fixed := corrected_target(d, target)):
        target = fixed  # "add Fox Mulder, no sorry, I meant Dana Scully"
    else:
        fixed = None
    # "So, I'm finished. Unmute both of them": being done beside a request is no goodbye
    said = _DONE_RE.sub(lambda m: " " * len(m.group()), t) if action else t
    reason = call_reason(t)
    if action or reason or GROUP_CALL_RE.search(t) or SUPPORT_RE.search(t):  # "..., cheers"
        said = SIGN_OFF_RE.sub("", said)
    goodbye = leaving or says_goodbye(said, negated)
    ends = any(not negated(said, m.start()) for m in END_RE.finditer(said))
    if hangs_up_on_everyone(d):  # "hang up on everyone": the end of the call, not a removal
        action, target, goodbye, ends = None, None, True, True
    if (dismissed := find_dismissal(d)) and action not in _ABOUT_SOMEONE:
        # "New York can drop off now": a removal of that leg, never the caller's goodbye
        (action, target), (at, to) = ("remove", dismissed[0]), dismissed[1]
        rest = d[:at] + " " * (to - at) + d[to:]
        rest = _DONE_RE.sub(lambda m: " " * len(m.group()), rest)  # "..., we are finished": his
        ends = any(not negated(rest, m.start()) for m in END_RE.finditer(rest))
    if action == "remove" and in_own_time(d, target):  # "Harold you can drop whenever": later
        action, target = None, None
    # "call Mulder. nah scratch that, Scully": a take-back with a new name corrects, never cancels
    cancel, cancel_who = (False, None) if fixed else find_cancel(d, start)
    if cancel and action == "status" and "?" not in t:  # "cancel the 0187, it's still ringing"
        action, target = None, None  # / "he is not answering, stop it": told, not asked
    if checks_line(t):  # "that's all, just checking the line works": no goodbye
        goodbye, ends = False, False
    if leaving_question := bool(LEAVING_QUESTION_RE.search(t)):  # "do you hang up on me?"
        goodbye, ends = False, False  # asked, answered, never acted on
    if about := asks_about(t):  # "did Mulder drop?": a question, no removal and no goodbye
        action, target, goodbye, ends, cancel = "status", about, False, False, False
    elif asks_who_is_muted(t):  # "who's on mute?": the list shows it, no one called "who's"
        action, target, goodbye, ends, cancel = "list", None, False, False, False
    return Reading(
        text=text,
        greeting=bool(GREETING_RE.search(t)),
        name=_last_name_given(t),
        reason=reason,
        action=action,
        phone_number=phone,
        extension=extension,
        numbers=numbers,
        target=target,
        digits=digits,
        confirm=yes_or_no(t),
        goodbye=goodbye,
        ends_call=ends,
        cancel=cancel,
        cancel_who=cancel_who,
        asks_if_there=bool(PRESENCE_RE.search(t)),
        asks_about_transfer=leaving_question
        or bool(TRANSFER_QUESTION_RE.search(t) or transfer_asked(t)),
        transfer_asked=transfer_asked(t),
        asks_about=about,
        wants_support=bool(SUPPORT_RE.search(t)) and not people_from(t),  # not "2 from support"
        asks_purpose=asks_purpose(t),
        keys_in=bool(KEYS_IN_RE.search(t)) and not digits,
        said_to=said_to_them(t),
    )


def kept_requests(text: str) -> str:
    """`text` without a request to mute, unmute or remove someone that the line takes back
    ("mute the busy one, i mean... whatever, who's on?": "who's on?")."""
    back = taken_back(text)
    return back[1].strip(" ,;") if back and understand(back[0]).action in _TAKEN_BACK else text


def last_digits(text: str) -> str | None:
    """The last digits of a number a caller corrects or adds to: "make the last digit 5" -> "5",
    "not 0112, it's 0121" -> "0121", "the other one, 0147" -> "0147"."""
    return new_last_digits(digitize(normalise(text)))


# "it's Bazza. Well, Barry Thompson", "I'm Jo, I mean Joanna Price": a name said again in
# other words after the first; the last one given in the line is the caller's name
# ("I'm Robert, actually no wait, just Bob", "name's Elizabeth, no, Liz is fine")
_SAID_AGAIN_RE = re.compile(
    r"[,.!;]\s*(?:(?i:well|i mean|or rather|actually|properly|officially|sorry|no|wait|um+"
    r"|uh+|hmm+)\s*[,:]?\s+)+(?i:it's\s+|it is\s+|call me\s+|make it\s+)?(?i:just\s+)?(?=[A-Z])"
)


# "Kat is fine", "Kat works", "just Kat": the shorter name the caller settles on
_IS_FINE_RE = re.compile(
    r"^(?i:just\s+)(?=[A-Z])|(?<=\w)\s+(?i:is\s+fine|is\s+good|is\s+ok(?:ay)?|works|will\s+do"
    r"|please)(?=\s*(?:[,.!?;]|$))"
)
# ("no sorry, Stephan with a ph. need a ...": how it is written, said after it)
_NAME_ALONE_RE = re.compile(
    r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2}(?:,?\s+(?i:(?:spelt|spelled)\s+)?(?i:with|without)\s+"
    r"(?i:a|an|the|one|two|double)\s+(?i:[a-z](?:-?[a-z])?)\b)?(?:\s+[a-z]+)?\s*(?:[,.!?;]|$)"
)


def _last_name_given(t: str) -> str | None:
    """The caller's own name; of two given in the line ("Bazza. Well, Barry Thompson") the
    last."""
    first = caller_name(t)
    # "It's Harriet, Harriet Pembroke-Smythe": the first name said again with the surname
    if first and (
        m := re.search(rf"\b{re.escape(first)}\W+({re.escape(first)}(?:[ \t]+[A-Z][\w'-]*)+)", t)
    ):
        return m.group(1)
    again = [m for m in _SAID_AGAIN_RE.finditer(t)] if first else []
    for m in reversed(again):
        rest = t[m.end() :]  # a name alone: "Barry Thompson", not "Dana Scully should join"
        rest = _IS_FINE_RE.sub("", rest, count=2)  # "no wait, Kat is fine. I'd like ..."
        if _NAME_ALONE_RE.match(rest) and (later := caller_name(f"my name is {rest}")):
            return later
    return first
