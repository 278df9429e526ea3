"""What the caller said earlier and points back at: "try Nigel again" after "(415) 555-0186,
that's Nigel", "call the 0177 number again", their own name corrected ("call me Grace").

Read from the chat so far; a number found here is read back like any other (only the caller's
own yes dials it), and a name is given to `correct_caller_name`, which only the caller may use.
"""

from __future__ import annotations

import difflib
import json
import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.rehearsal.history import dialled_numbers, filled, spoken_of
from workflows.rehearsal.mentions import given_names
from workflows.rehearsal.nlu import Reading, extract_phone_number, last_digits
from workflows.rehearsal.nlu.caller import caller_name
from workflows.rehearsal.nlu.goodbye import farewell
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.own_name import NOT_OLD_FIRST_RE, ON_FILE_RE, settled_name
from workflows.rehearsal.nlu.people import reference
from workflows.rehearsal.nlu.slang import LAUGHS
from workflows.rehearsal.roles import ROLES
from workflows.rehearsal.steps import Step, tool_call

_CAPITALISED_RE = re.compile(r"\b[A-Z][a-z'-]+\b")
_NUMBER_TOOLS = ("read_back_number", "add_sip_participant")
_ENDING_RE = re.compile(r"^the one ending in (\d{3,})$")


def _digits(number: str) -> str:
    return re.sub(r"\D", "", number.split(" ext ")[0])


def numbers_said(ctx: llm.ChatContext) -> list[str]:
    """Every number read back or dialled so far, oldest first (a contact's from its read-back)."""
    tools = {i.call_id: i.name for i in ctx.items if i.type == "function_call"}
    found: list[str] = []
    for item in ctx.items:
        if item.type == "function_call" and item.name in _NUMBER_TOOLS:
            if number := json.loads(item.arguments or "{}").get("phone_number"):
                found.append(number)
        elif (
            item.type == "function_call_output"
            and tools.get(item.call_id) == "look_up_contact"
            and not item.is_error
            and (number := extract_phone_number(item.output)[0])
        ):
            found.append(number)
    return found


def earlier_number(ctx: llm.ChatContext, reading: Reading) -> str | None:
    """The number an add or a retry points back at: a name the caller gave with a number
    ("try Nigel again", "could you try Robert once more?"), or the last digits of a number read
    back or dialled before ("the 0186 number", "call the 0177 number again")."""
    ref = reference(digitize(reading.text)) or ""
    ending = m.group(1) if (m := _ENDING_RE.match(ref)) else last_digits(reading.text)
    if ending and len(ending) >= 3:  # digits said in the line win over any earlier reference
        return next((n for n in reversed(numbers_said(ctx)) if _digits(n).endswith(ending)), None)
    if reading.action is None and farewell(reading.text) and not _AGAIN_RE.search(reading.text):
        return None  # "Thomas, thank you, auf Wiedersehen": a goodbye, no dial
    names = given_names(ctx)
    said = words_of(reading.target) if reading.target else _CAPITALISED_RE.findall(reading.text)
    for word in said:
        if number := names.get(word.lower()):
            return number
    if not _AGAIN_RE.search(reading.text):
        return None
    return whose_number(ctx, reading.text) or _nth_number(ctx, reading.text)


# "try the first number again in a bit", "the first resident again": by the order it was given
_NTH_RE = re.compile(
    r"\b(?:the|my|our)\s+(?P<nth>first|second|third|last)\s+(?!(?:time|thing|bit|part|step|go"
    r"|try|attempt|shot|place|question|digits?|few|two|three|couple)\b)[a-z]+s?\b",
    re.I,
)


def _nth_number(ctx: llm.ChatContext, text: str) -> str | None:
    """The number read back or dialled first (second, ..., last) on this call, each once."""
    if not (m := _NTH_RE.search(text)):
        return None
    given = list(dict.fromkeys(_digits(n)[-10:] for n in numbers_said(ctx)))
    nth = -1 if m["nth"].lower() == "last" else ("first", "second", "third").index(m["nth"].lower())
    return given[nth] if -len(given) <= nth < len(given) else None


# "try my manager's number again": someone the caller spoke of by who they are to them.
_ROLE_RE = re.compile(
    rf"\b(?:my|the|our)\s+(?P<role>{ROLES})(?:'s)?\b",
    re.IGNORECASE,
)
_AGAIN_RE = re.compile(
    r"\b(?:again|once more|one more|another (?:try|go|shot)|retry|redial)\b", re.I
)


def whose_number(ctx: llm.ChatContext, text: str) -> str | None:
    """The number of the one `text` calls "my manager", "the vendor": the first number dialled
    (else read back) after the caller's earlier line that spoke of them ("a conference call
    with my manager" ... "his number is ..." ... "no, eight six": the one dialled)."""
    if not (m := _ROLE_RE.search(text)):
        return None
    # spoken of earlier as "my supplier" or "a supplier" ("I need to ring a supplier")
    role = re.compile(rf"\b(?:my|the|our|a|an)\s+{m.group('role')}\b", re.IGNORECASE)
    if (spoke := spoken_of(ctx, role)) is None:
        return None
    tail = llm.ChatContext(ctx.items[spoke:])
    return next(iter(dialled_numbers(tail)), None) or next(iter(numbers_said(tail)), None)


# The caller gives their own name anew: "actually it's Anand, not Anan", "my name is Klaus,
# not Guten Tag", "just call me Grace". "it's X, not Y" only when Y is the caller's name now.
_OWN_RE = re.compile(
    r"\b(?:my (?:(?:full|real|proper|whole) )?name(?: is|'s)(?:\s+(?:actually|really|in fact"
    r"|just|only))?"
    r"|(?:you can |please |just )*(?:call me|put me down as))\s+"
    r"(?P<new>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})(?!\s+(?:back|at|on)\b)(?!')"
)
# "my surname is Krishnamurthy, not Krishnan": the caller's last name, kept with the first
_SURNAME_RE = re.compile(
    r"\b(?i:my\s+(?:sur|last\s+|family\s+)name(?:\s+is|'s)(?:\s+actually)?)\s+"
    r"(?P<new>[A-Z][\w'-]*)"
)
# "my name is spelled J-U-E-R-G-E-N", "it's spelt with an e, J-U-E-R-G-E-N"
_SPELLED_RE = re.compile(
    r"\b(?:my\s+name(?:'s|\s+is)\s+(?:actually\s+)?(?:spelt|spelled)"
    r"|(?:it's|it\s+is|that's)\s+(?:actually\s+)?(?:spelt|spelled)"
    r"|i\s+spell\s+it)\b[^A-Z]{0,30}?(?P<letters>(?:[A-Z]-){2,}[A-Z])\b",
)
# "its John with an h. J O H N": a name spelled out alone, letter by letter, in capitals
_SPELLED_OUT_RE = re.compile(r"(?<![\w-])(?P<letters>(?:[A-Z](?:\s|-|\.\s?)){2,}[A-Z])(?![\w-])")
# "It's Kevin actually. Kevin Oduya.", "actually I'm Kevin": the caller's name said again in
# full, taken only when it is close to the name they gave (Kev -> Kevin)
_ACTUALLY_RE = re.compile(
    r"(?:\b(?i:it's|it is|i'm|i am|this is)\s+(?P<new>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?),?"
    r"\s+(?i:actually|in fact)\b"
    r"|\b(?i:actually),?\s+(?i:it's|it is|i'm|i am)\s+(?P<after>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?))"
)
# "Oh, and it's Rosalind Okafor": the caller's first name again, with more of it
_IN_FULL_RE = re.compile(
    r"\b(?i:it's|it is|i'm|i am|this is)\s+(?P<new>[A-Z][\w'-]*\s+[A-Z][\w'-]*)"
)
# "please use Rosalind Okafor as my name, not just Rosalind"
_USE_AS_RE = re.compile(
    r"\b(?i:use|put|have)\s+(?P<new>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s+(?i:as|for)\s+my\s+name\b"
)
# "correct my name please: Philippa Hartley", "change my name to Ellie": asked for in so many words
_FIX_MY_NAME_RE = re.compile(
    r"\b(?i:correct|fix|change|update|amend|make)\s+my\s+name(?:\s+(?i:please|pls))?"
    r"(?:\s+(?i:to|into|as)|\s*[:,-])?\s+(?:(?i:please|pls)\s+)?"
    r"(?P<new>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})"
)
# "my full name is Siobhan Kelly, could you use that?": the name given, then asked used
_USE_IT_RE = re.compile(
    r"\bmy\s+(?:(?:full|real|proper|whole)\s+)?name(?:'s|\s+is)\s+[A-Z][^?]*[,.;]\s*"
    r"(?:(?:so|and|please)\s+)?(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?"
    r"(?:use|go\s+with|call\s+me)\s+(?:that|it|this|that\s+one)(?:\s+instead)?(?:\s+please)?\W*$",
    re.I,
)
# A line that says the name given before was wrong: "no Jones", "not Hartley-Jones", "I said my
# surname wrong". Only such a line may drop a word of the caller's name.
# "spelled with ue", "with a u-e", "with an o-e", "with a double s": how the name is written
_WITH_LETTERS_RE = re.compile(
    r"\bwith\s+(?:an?\s+)?(?:the\s+)?(?P<letters>[uoa]\W?e|s\W?s|double\s+[a-z])\b", re.I
)
# "it's John with an H", "Siobhan with a B": the caller's name with a letter it is written with
_WITH_A_RE = re.compile(r"\b(?P<name>[A-Z][\w'-]+),?\s+(?i:with\s+an?)\s+(?P<letter>[A-Za-z])\b")
_UMLAUTS = {"ue": "ü", "oe": "ö", "ae": "ä", "ss": "ß"}
_WRONG_RE = re.compile(r"\b(?:wrong|mistake|correct|fix|change|update|not|no|without|drop)\b", re.I)
_LETTERS_RE = re.compile(r"(?:[A-Za-z]-){2,}[A-Za-z]")
_LETTERS_SAID_RE = re.compile(r"(?<![\w-])(?:[A-Za-z](?:\s|-|\.\s?)){2,}[A-Za-z](?![\w-])")
# A name typed in lower case after "its": "its jay not ye" is "its Jay not ye"
_LOWER_NAME_RE = re.compile(r"(?<=\bits )[a-z]+(?=,? not )|(?<=\bit's )[a-z]+(?=,? not )")
_NOT_OLD_RE = re.compile(
    r"(?:\b(?:it's|it is|i'm|i am|this is)\s+|(?<![\w'])(?=[A-Z]))"
    r"(?P<new>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){0,2})(?:,?\s+with\s+an?\s+[\w-]+)?,?\s+not\s+"
    r"(?:just\s+|only\s+|simply\s+)?(?P<old>[A-Za-z][\w' -]*?)\s*(?:[,.!?]|$)",
)


def caller_now(ctx: llm.ChatContext, prompts: Prompts) -> str:
    """The caller's name as the host's instructions give it now."""
    name = ""
    for item in ctx.items:
        if item.type == "message" and item.role == "system":
            if found := filled(prompts.host.task, item.text_content or ""):
                name = found["caller_name"]
    return name


def renaming(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> Step | None:
    """`correct_caller_name` for a line that corrects or gives the caller's own name; None
    for anyone else's ("this is Dana's number", "it's Dana, not Fox" to a read-back)."""
    text = reading.text.strip()
    if "?" in text and not (_FIX_MY_NAME_RE.search(text) or _USE_IT_RE.search(text)):
        return None  # "Dana here too?", "is it Anand?"; never "my full name is ..., use that?"
    new = None
    titled = _LOWER_NAME_RE.sub(lambda n: n.group().title(), text)
    if m := _NOT_OLD_RE.search(titled) or NOT_OLD_FIRST_RE.search(titled):
        old, now = set(words_of(m.group("old"))) - LAUGHS, caller_now(ctx, prompts)  # not Ye
        if old and old <= set(words_of(now)):  # "its jay not ye lol"
            new = m.group("new")
        elif m.re is NOT_OLD_FIRST_RE and set(words_of(m["new"])) <= set(words_of(now)):
            return render(prompts.offline.answers.your_name, name=now)  # already theirs
    if new is None and (m := _SPELLED_RE.search(text)):  # "it's spelled J-U-E-R-G-E-N"
        spelled = m.group("letters").replace("-", "").capitalize()
        now = caller_now(ctx, prompts)
        if _closest(spelled, now) is not None:  # only their own name
            new = spelled
        elif first := [w for w in now.split() if w[:1].lower() == spelled[:1].lower()][:1]:
            new = now.replace(
                first[0], spelled, 1
            )  # "Shivawn": "it's actually spelled S-I-O-B-H-A-N"
    if new is None and reading.action is None and (m := _SPELLED_OUT_RE.search(text)):
        spelled = re.sub(r"[\s.-]", "", m.group("letters")).capitalize()
        new = spelled if _closest(spelled, caller_now(ctx, prompts)) is not None else None
    now = caller_now(ctx, prompts)
    if new and _LETTERS_SAID_RE.search(text) and new.lower() in now.lower().split():
        return render(prompts.offline.answers.your_name, name=now)  # spelled as it is: said
    if new is None and (m := _ACTUALLY_RE.search(text)):  # "It's Kevin actually. Kevin Oduya."
        said = m.group("new") or m.group("after")
        now = caller_now(ctx, prompts)
        if now and (_closest(said.split()[0], now) is not None or said.startswith(now.split()[0])):
            fuller = re.search(rf"\b{re.escape(said)}(?:\s+[A-Z][\w'-]*)+", text[m.end() :])
            new = fuller.group() if fuller else said
    if new is None and (m := _OWN_RE.search(text) or ON_FILE_RE.search(text)):  # "my name is
        if m.re is _OWN_RE or not m["under"] or callers_own(m["new"], ctx, prompts):  # "on file"
            fuller = re.search(rf"\b{re.escape(m['new'])}(?:\s+[A-Z][\w'-]*)+", text[m.end() :])
            new = fuller.group() if fuller else m.group("new")
    if new is None and (said := settled_name(text)):  # "Just Kat, please." from Katherine
        now = caller_now(ctx, prompts)
        new = said if now and said[:3].lower() == now[:3].lower() else None
    if new is None:  # "it's Jürgen with a u-e", "spelled with ue, Juergen": their own name
        new = _spelled_with(text, caller_now(ctx, prompts))
    if new is None and (m := _WITH_A_RE.search(text)):  # "it's John with an H": with that letter
        said, letter = m.group("name"), m.group("letter").lower()
        close = _closest(said, caller_now(ctx, prompts)) is not None
        new = said if letter in said.lower() and close else None
        if new is not None and new.lower() in caller_now(ctx, prompts).lower().split():
            return render(prompts.offline.answers.your_name, name=caller_now(ctx, prompts))
    if new is None and (m := _USE_AS_RE.search(text) or _FIX_MY_NAME_RE.search(text)):
        new = m.group("new")
    if new is None and (m := _IN_FULL_RE.search(text)):  # "it's Rosalind Okafor": in full
        now = caller_now(ctx, prompts).split()
        new = m.group("new") if now and m.group("new").split()[0] == now[0] else None
    if new is None and (m := _SURNAME_RE.search(text)):
        new = " ".join(caller_now(ctx, prompts).split()[:1] + [m.group("new")])
    if new and _LETTERS_RE.fullmatch(new):  # "J-O-R-D-Y-N, not Jordan": Jordyn
        new = new.replace("-", "").capitalize()
    name = caller_name(f"my name is {new}") if new else None
    if name and len(name.split()) == 1:  # "Juergen" for "Jurgen Bauer": "Juergen Bauer"
        name = _in_full(name, caller_now(ctx, prompts))
    said, now = set(words_of(name or "")), set(words_of(caller_now(ctx, prompts)))
    if not name or said == now or (said < now and not _WRONG_RE.search(text)):
        return None  # "it's Philippa Hartley" from Philippa Hartley-Jones: no correction
    return tool_call("correct_caller_name", name=name)


def _spelled_with(text: str, now: str) -> str | None:
    """The caller's own name as a line says it is written ("it's Jürgen with a u-e by the
    way": Juergen); None when the line says no such letters or names no word close to `now`."""
    if not (m := _WITH_LETTERS_RE.search(text)):
        return None
    letters = re.sub(r"\W|double", "", m["letters"].lower())
    letters = letters * 2 if len(letters) == 1 else letters  # "a double s": ss
    for said in re.findall(r"\b[^\W\d_]+", text):
        written = said.replace(_UMLAUTS.get(letters, letters), letters)
        if said[0].isupper() and letters in written and _closest(written, now) is not None:
            return written
    return None


def callers_own(name: str, ctx: llm.ChatContext, prompts: Prompts) -> bool:
    """Whether `name` is (close to) a word of the caller's own name, as the call knows it, and
    starts as it does ("Stephan" for Stefan; "Sven" is never Margaret Olsen's "Olsen")."""
    words = caller_now(ctx, prompts).split()
    close = ((w, _closest(w, " ".join(words))) for w in name.split())
    return any(at is not None and w[:1].lower() == words[at][:1].lower() for w, at in close)


def _closest(first: str, now: str) -> int | None:
    """Which word of the caller's name `now` the word `first` corrects, if any is close."""
    words = now.split()
    close = [difflib.SequenceMatcher(None, first.lower(), w.lower()).ratio() for w in words]
    best = max(range(len(words)), key=close.__getitem__, default=None)
    return best if best is not None and close[best] >= 0.6 else None


def _in_full(first: str, now: str) -> str:
    """`first` in place of the word of the caller's name `now` it corrects ("Juergen" for
    "Jurgen Bauer": "Juergen Bauer"); just `first` when it corrects none."""
    best, words = _closest(first, now), now.split()
    return first if best is None else " ".join(words[:best] + [first] + words[best + 1 :])
