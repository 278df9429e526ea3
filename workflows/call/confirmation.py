"""The confirmation rule: a destination is dialled only on the caller's clear yes to its read-back.

Decided here, in code, from what the caller heard and said; never from anything the model
supplies. The rule (README, "Safe dial-out"):

1. A destination is confirmable only once its read-back, which names the number or contact,
   any extension and the purpose, has been said to the caller in full (its audio played out;
   a read-back cut off is not said).
2. The confirmation is the caller's first turn after that (a participant's words are not the
   caller's turn: they never confirm and never close the window), and it must have *begun*
   after the read-back ended: a yes already under way (or typed) before it does not answer
   it. Any other turn closes the window, and so does anything else the agent says in
   between, or silence past `WINDOW_SECONDS`. News the agent must say while the question
   waits is followed by the read-back again (`workflows/lifecycle/questions.py`), which
   starts a new window.
3. That turn must be an unambiguous yes: only yes phrases, filler and lead-in words from
   `prompts/confirmation.yaml`, and the words of the name the read-back gave the destination
   ("Monica, yes" to Monica Reyes's read-back; any other name refuses), the go-aheads naming
   the read-back's own purpose ("yes, transfer me" to a transfer's), no "no" phrase, no
   other words; and no digits, no question mark, no sign that does not agree, nothing
   trailing off (`is_clear_yes`). The few things read past first ("thru", "Oh. Right.")
   are `yes_openers.py`.
4. The window is anchored to the spoken read-back (its item in the session history), issued by
   the code. Two read-backs in one agent turn: neither is confirmable.

This module has no LiveKit imports: the tools feed it the history as (role, text) pairs and
the times on the call's clock.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from prompts.confirmation_words import contains, match_key
from workflows.call.yes_openers import read_past, recognising, respelled

Purpose = Literal["add", "transfer", "warm_transfer"]
MAX_REPLY_CHARS = 200  # a yes is short; longer replies are never read as one
NO_SCAN_CHARS = MAX_REPLY_CHARS * 5  # `says_no` reads this much of a reply: a bound on the work
WINDOW_SECONDS = 30.0  # the caller's yes must begin this soon after the read-back ended
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Signs a yes may carry besides letters and spaces ("Yes!", "uh-huh", "that's it."). Any other
# sign makes a reply not a clear yes: a digit, "?", ":(", "/s", "[", "#", an emoji...
_PLAIN_MARKS = frozenset(".,!'-\u2013\u2014")
# ...except these, which only agree: allowed beside a yes, never a yes on their own.
_AGREEING_MARKS = (
    "\U0001f44d",
    "\U0001f44c",
    "\u2705",
    "\u2714",
    "\u2713",
    "\u2611",
    "\U0001f60a",
    ":-)",
    ":)",
)
_EMOJI_VARIANTS = "[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]"  # text/emoji style, skin tone
# What `_only_plain_signs` leaves out of its check: the agreeing marks and emoji variants.
_NOT_CHECKED = re.compile("|".join([_EMOJI_VARIANTS, *map(re.escape, _AGREEING_MARKS)]))
_PAUSE = "..."  # "well... okay", "yes...": hesitating, not a clear yes
_TRAILING_OFF = ("-", "\u2013", "\u2014")  # "yes, but-": unfinished
_KINDS = ("yes", "filler", "lead_in")  # the parts of a yes (a phrase is of one kind only)
_NAMED = "name"  # a word of the destination's own name: stands beside a yes like filler


class Words(Protocol):
    """The yes/no vocabulary (`prompts.confirmation_words.ConfirmationWords`)."""

    yes: list[str]
    typed_yes: list[str]  # a yes only typed, never heard: "yh"
    typed_yes_alone: list[str]  # ...and only as the whole reply: "y"
    filler: list[str]
    lead_in: list[str]
    no: list[str]
    lead_in_with_no: list[str]  # a lead-in holding a no word, read whole: "why not"
    yes_to_transfer: list[str]  # a yes only to a transfer's read-back: "transfer me"
    yes_to_introduction: list[str]  # a yes only to a warm transfer's: "introduce me"
    endearment: list[str]  # how the caller addresses the agent warmly: "dear", "hun"
    typed_spelling: dict[str, str]  # typed forms of the words: "thru" is "through"


def words_of(text: str) -> list[str]:
    """Lower-case words of a reply: apostrophes kept, hyphens and punctuation dropped."""
    return _WORD.findall(_normal(text).lower())


def is_clear_yes(text: str, words: Words, name: str, purpose: Purpose = "add") -> bool:
    """True only if `text` is made of yes phrases, filler and lead-in words, with a yes.

    `name` is how the read-back named the destination (`ReadBack.name`, from the directory or
    the number itself, never from the model; "" for none): its words may stand beside a yes
    like filler ("Monica, sure, yes" to "... Monica Reyes from Management ..."); no other
    name may. `purpose` is the read-back's (`ReadBack.purpose`, set by the code): a go-ahead
    naming that action is a yes to it alone ("yes, transfer me" to a transfer's read-back).

    Never a yes: a long reply; a digit, a question mark or any sign but light punctuation and
    a few that agree ("yes?", "yes :(", "yes \U0001f44e", "yes /s"); a pause or trailing off
    ("yes...", "well... ok", "yes, but-"); a "no" phrase anywhere (a refusal, or sarcasm:
    "yeah right"); any other word (a hedge, a name, a new request); no yes at all ("um,
    please"); a lead-in last ("yes, and").
    """
    if len(text) > MAX_REPLY_CHARS:
        return False
    text = read_past(respelled(_normal(text).strip(), getattr(words, "typed_spelling", {})), name)
    if not _only_plain_signs(text) or _PAUSE in text or text.endswith(_TRAILING_OFF):
        return False
    if says_no(recognising(text, name), words):
        return False
    if len(said := words_of(text)) == 1 and said[0] in words.typed_yes_alone:
        return True  # "y", "Y.": typed alone ("y not", "so y" are no yes)
    kinds = _kinds(words_of(text), words, frozenset(words_of(name)), purpose)
    return kinds is not None and "yes" in kinds and kinds[-1] != "lead_in"


def says_no(text: str, words: Words) -> bool:
    """Whether the reply contains a refusal or sarcasm ("no", "don't", "not", "yeah right"),
    outside a lead-in that holds one ("sure, why not, go for it": no refusal; "yeah nah":
    one)."""
    despite = sorted(map(match_key, words.lead_in_with_no), key=len, reverse=True)
    known = {p.split()[0] for p in [*map(match_key, words.no), *despite]}
    said = f" {' '.join(_plain(w, known) for w in words_of(text[:NO_SCAN_CHARS]))} "
    for phrase in despite:
        said = said.replace(f" {phrase} ", " | ")
    return any(contains(said, match_key(phrase)) for phrase in words.no)


# "yess", "yeahhh", "okayyy": a word typed with its last letter held, read as the word.
_HELD_LAST = re.compile(r"(\w)\1+$")


def _plain(word: str, known: set[str] | dict) -> str:
    """`word`'s match key, a held last letter let go of when the word as typed is not `known`
    (the first words of phrases) and the shorter one is ("yess" is "yes"; "well" stays)."""
    key = match_key(word)
    short = _HELD_LAST.sub(r"\1", key)
    return short if key not in known and short in known else key


def _normal(text: str) -> str:
    """One spelling per letter and sign: compatibility forms folded ("\uff59\uff45\uff53" is
    "yes", "\u2026" is "..."), an accented letter as its plain letter ("S\u00ed" is "Si", as
    the lists are written), curly apostrophes straight. A mark that is no part of a letter stays
    ("y\u0337e\u0337s\u0337", a struck-out yes, is no yes)."""
    letters = "".join(map(_plain_letter, unicodedata.normalize("NFC", text)))
    return unicodedata.normalize("NFKC", letters).replace("\u2019", "'").replace("\u2018", "'")


def _plain_letter(char: str) -> str:
    """`char` without its accent, if it is one letter written with one ("\u00ed" is "i")."""
    base, *marks = unicodedata.normalize("NFD", char)
    return base if marks and all(unicodedata.combining(m) for m in marks) else char


def _only_plain_signs(text: str) -> bool:
    """Whether `text` has nothing but letters, spaces, light punctuation and agreeing signs."""
    parts = _NOT_CHECKED.split(text)
    return all(c.isalpha() or c.isspace() or c in _PLAIN_MARKS for part in parts for c in part)


def _kinds(
    tokens: list[str], words: Words, named: frozenset[str] = frozenset(), purpose: Purpose = "add"
) -> list[str] | None:
    """The kind of each phrase the reply is made of, reading the longest phrase at each word,
    or a word of the destination's name (`named`); None if some word belongs to neither."""
    phrases: dict[str, list[tuple[list[str], str]]] = {}
    for kind in _KINDS:
        for phrase in getattr(words, kind) + _more(kind, words, purpose):
            keys = match_key(phrase).split()
            phrases.setdefault(keys[0], []).append((keys, kind))
    one_word = {p[0] for found in phrases.values() for p, _ in found if len(p) == 1}
    tokens = [part for t in tokens for part in _run_together(t, one_word, phrases)]
    keys = [_plain(t, phrases) for t in tokens]
    kinds, i = [], 0
    while i < len(keys):
        if keys[i] == "to" and _names_next(keys, tokens, i + 1, named):  # "put me through to
            kinds, i = [*kinds, "lead_in"], i + 1  # Fox", to Fox's read-back; nobody else's
            continue
        at = next((len(p) for p in _THAT_IS if keys[i : i + len(p)] == p), 0)
        if at and tokens[i + at : i + at + 1] and tokens[i + at] in named:  # "yes, that's Monica"
            kinds, i = [*kinds, "filler"], i + at + 1  # beside a yes only, as the name alone is
            continue
        found = [(len(p), k) for p, k in phrases.get(keys[i], ()) if keys[i : i + len(p)] == p]
        if found:  # the longest phrase here (a phrase is of one kind only: prompts/models.py)
            best, kind = max(found)
        elif tokens[i] in named:
            best, kind = 1, _NAMED
        else:
            return None
        kinds.append(kind)
        i += best
    return kinds


def _names_next(keys: list[str], tokens: list[str], i: int, named: frozenset[str]) -> bool:
    """Whether the destination's own name comes at `i`, maybe after "the" ("to the desk")."""
    i += keys[i : i + 1] == ["the"]
    return i < len(tokens) and tokens[i] in named


_THAT_IS = (["thats"], ["that", "is"], ["this", "is"])  # "that's Monica" to Monica's read-back


def _more(kind: str, words: Words, purpose: Purpose) -> list[str]:
    """Phrases of `kind` besides its own list: the lead-ins that hold a no, and the go-aheads
    that name the read-back's own action, the yeses only typed, and the endearments that stand
    like filler."""
    if kind == "filler":
        return words.endearment
    if kind == "lead_in":
        return words.lead_in_with_no
    if kind != "yes":
        return []
    if purpose == "add":
        return words.typed_yes
    warm = words.yes_to_introduction if purpose == "warm_transfer" else []
    return words.typed_yes + words.yes_to_transfer + warm


def _run_together(token: str, one_word: set[str], phrases: dict) -> list[str]:
    """A typed word made of two one-word phrases run together ("yessir": "yes" "sir"), as the
    two; any other word as itself."""
    key = match_key(token)
    if key in phrases:
        return [token]
    for i in range(1, len(key)):
        if key[:i] in one_word and key[i:] in one_word:
            return [key[:i], key[i:]]
    return [token]


@dataclass
class ReadBack:
    """A destination read back to the caller, waiting for their yes (`CallState.read_back`)."""

    target: str  # what is dialled: E.164, or a "sip:" URI from the directory (transfers only)
    name: str  # how the callee is named to the caller from now on: "+1 415-555-0100", "Dana"
    purpose: Purpose
    extension: str  # digits pressed once answered ("" for none); named in `text`
    text: str  # the read-back exactly as said to the caller
    turn: str  # the agent turn (speech) that issued it; two in one turn void both
    said_item: str | None = None  # history item of the spoken read-back, once said in full
    said_at: float | None = None  # when it finished playing (the call's clock)
    over: bool = False  # its speech has ended, said in full or cut off
    void: bool = False  # another read-back came in the same turn


Refusal = Literal[
    "nothing_read_back",
    "not_said",
    "two_read_backs",
    "no_reply",
    "spoke_between",
    "another_turn",
    "began_before_read_back_ended",
    "not_a_clear_yes",
    "too_late",
]


def check(
    read_back: ReadBack,
    after: Sequence[tuple[str, str]],
    reply_began: float | None,
    words: Words,
    window_seconds: float = WINDOW_SECONDS,
) -> Refusal | None:
    """Why `read_back` is not confirmed, or None if it is.

    `after` is every message said after the read-back, in order, as (role, text) with role
    "user" (the caller), "assistant", or "participant" (anyone else on the call);
    `reply_began` is when the caller began the first of their turns, on the call's clock
    (None: not known, which never confirms). Participants' words neither answer the caller's
    read-back nor close it: only the caller's own turn confirms.
    """
    after = [(role, text) for role, text in after if role != "participant"]
    if read_back.void:
        return "two_read_backs"
    if read_back.said_item is None or read_back.said_at is None:
        return "not_said"
    if not after:
        return "no_reply"
    role, reply = after[0]
    if role != "user":
        return "spoke_between"
    if sum(r == "user" for r, _ in after) > 1:
        return "another_turn"
    if reply_began is None or reply_began < read_back.said_at:
        return "began_before_read_back_ended"
    if not is_clear_yes(reply, words, read_back.name, read_back.purpose):
        return "not_a_clear_yes"
    if reply_began - read_back.said_at > window_seconds:
        return "too_late"
    return None
