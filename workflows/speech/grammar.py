"""The offline recognizer's grammar: what a caller of this product says, as JSGF.

`build_grammar` is a pure function of word lists. `project_vocabulary` gathers those lists from
the project's files (the directory's names, configured caller names, the yes/no words), so the
recognizer only ever hears phrases the product understands. A general English model turns
telephone-quality speech into noise ("who is on the call" -> "on the cold"); a grammar of the
product's own phrases makes it usable for rehearsals.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from workflows.call.directory import Directory

DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# The other words people say numbers with: "four fifteen", "oh one", "double five", "plus
# forty four", "oh one hundred" (the offline model reads them: workflows/rehearsal/nlu/numbers.py).
TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
# The words a caller answers a read-back with, when no prompts are at hand; a call uses
# prompts/confirmation.yaml's lists (workflows/worker/pipeline.py `build_stt`).
YES_WORDS = (
    "yes",
    "yeah",
    "yep",
    "sure",
    "correct",
    "that's right",
    "that is right",
    "go ahead",
    "please do",
    "okay",
    "yes please",
    "that's correct",
)
NO_WORDS = ("no", "nope", "cancel", "wrong", "that's wrong", "no thanks", "don't", "stop")
# Names a caller may introduce themselves with; SPEECH_CALLER_NAMES replaces this list.
CALLER_NAMES = (
    "Ada",
    "Sam",
    "Alex",
    "Alice",
    "Amy",
    "Anna",
    "Ben",
    "Bob",
    "Carol",
    "Chris",
    "Dan",
    "David",
    "Emma",
    "Eve",
    "Frank",
    "Grace",
    "Hannah",
    "Jack",
    "James",
    "Jane",
    "John",
    "Kate",
    "Laura",
    "Linda",
    "Lisa",
    "Lucy",
    "Maria",
    "Mark",
    "Mary",
    "Max",
    "Michael",
    "Mike",
    "Nina",
    "Oscar",
    "Paul",
    "Peter",
    "Rachel",
    "Robert",
    "Sarah",
    "Sophie",
    "Tom",
)

_GREETINGS = ("hi", "hello", "hey", "good morning", "good afternoon", "good evening")
_INTRODUCTIONS = ("i'm", "i am", "this is", "my name is", "it's")
_WANT = (
    "i'd like",
    "i would like",
    "i want",
    "i need",
    "can i have",
    "can you set up",
    "please set up",
    "i'd like to set up",
    "i want to set up",
    "i need to set up",
)
_CONFERENCE = (
    "a conference call",
    "a conference",
    "a conference call please",
    "a call",
    "a meeting",
)
_ADD = (
    "add",
    "call",
    "dial",
    "please add",
    "please call",
    "please dial",
    "can you add",
    "can you call",
    "bring in",
    "get",
)
_PEOPLE_ACTIONS = ("remove", "mute", "unmute", "drop", "please remove", "please mute")
_EVERYONE = ("everyone", "everybody")
_WHO = (
    "who is on the call",
    "who's on the call",
    "who is here",
    "who is on the line",
    "list the participants",
    "who did you call",
)
_GOODBYE = (
    "goodbye",
    "bye",
    "bye bye",
    "thank you goodbye",
    "thanks bye",
    "that's all",
    "that's all thank you",
    "end the call",
    "hang up",
    "we're done",
)
_FILLER = ("please", "thank you", "thanks")
# Said before a yes or no ("well, yes"), and what goes before a corrected number.
_LEAD = ("um", "uh", "well")
_CORRECTION = ("it's", "it is", "make that", "i said", "i meant", "the number is")
_OTHER = ("help", "what can you do", "are you there", "i'm still here", "hold on")
# Small talk with the others on the call, heard as itself (no reply: README "hears everyone").
_SMALL_TALK = ("thanks that helps a lot", "how was the trip")


@dataclass(frozen=True)
class Grammar:
    """The JSGF grammars, and the phrases left out because the dictionary cannot say them.

    `jsgf` is every caller line; `answer` only what answers a read-back (yes, no, a corrected
    number, goodbye): while a read-back waits, a short reply cannot come out as a command."""

    jsgf: str
    dropped: tuple[str, ...] = ()
    answer: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """The product's word lists the grammar is generated from."""

    caller_names: tuple[str, ...] = CALLER_NAMES
    contact_names: tuple[str, ...] = ()  # directory names, aliases and teams
    yes_words: tuple[str, ...] = YES_WORDS
    no_words: tuple[str, ...] = NO_WORDS
    extra: tuple[str, ...] = field(default=())  # further whole phrases, said as they are
    # The conference host's names ("Ava", "host"): a participant opens or ends a line with
    # one to speak to the host (workflows/call/addressing.py); none: not in the grammar.
    host_names: tuple[str, ...] = ()


def normalise(phrase: str) -> str:
    """Lower case, words only: "Dana Scully (Sales)" -> "dana scully sales"."""
    return " ".join(re.findall(r"[a-z0-9']+", phrase.lower().replace("\u2019", "'")))


def build_grammar(vocab: Vocabulary, known: Callable[[str], bool] | None = None) -> Grammar:
    """The JSGF grammar of caller lines for `vocab`. With `known` (is this word in the
    recognizer's dictionary?), phrases with unknown words are left out and listed in
    `dropped`, because one unknown word makes the decoder reject the whole grammar."""
    dropped: list[str] = []

    def alt(phrases: Iterable[str]) -> str:
        kept: list[str] = []
        for phrase in phrases:
            words = normalise(phrase)
            if not words or words in kept:
                continue
            if known is not None and not all(known(w) for w in words.split()):
                dropped.append(words)
                continue
            kept.append(words)
        return " | ".join(kept) if kept else "<VOID>"

    names = alt(vocab.caller_names)
    contacts = alt(vocab.contact_names)
    rules = {
        "digit": alt(DIGITS),
        "group": (
            # "oh" alone is left out: with it, "zero" was heard as "three oh" (digit by digit,
            # 1 of 8 numbers right on the speech benchmark instead of 4)
            f"<digit> | (double | triple) (<digit> | oh) | {alt(TEENS)}"
            f" | ({alt(TENS)}) [<digit>] | [<digit>] hundred"
        ),
        "number": "[plus] <group> <group>+",
        "caller": names,
        "contact": f"{contacts} | <caller>",
        "greeting": f"({alt(_GREETINGS)}) [there]",
        "intro": f"({alt(_INTRODUCTIONS)}) <caller>",
        "want": f"({alt(_WANT)}) ({alt(_CONFERENCE)})",
        "add": f"({alt(_ADD)}) (<number> [extension <digit>+] | <contact> [from <contact>])",
        "keys": "(press | hit) (<digit> | star | pound)+",
        "people": f"({alt(_PEOPLE_ACTIONS)}) (<contact> | <number> | {alt(_EVERYONE)})",
        "transfer": "transfer me to (<contact> | <number>)",
        "who": alt(_WHO),
        "yes": alt(vocab.yes_words),
        "no": alt(vocab.no_words),
        "goodbye": alt(_GOODBYE),
        "filler": alt(_FILLER),
        "other": alt((*_OTHER, *_SMALL_TALK, *vocab.extra)),
    }
    if vocab.host_names:
        rules["host"] = alt(vocab.host_names)
    request = " | ".join(
        f"<{name}>"
        for name in ("want", "add", "keys", "people", "transfer", "who", "yes", "no", "other")
    )
    line = "[<greeting>] [<intro>] [<request>] [<filler> | <goodbye>]"
    # "ava who is on the call". Only first: through the bridge, small talk came out as "thank
    # you ava" with the name last too, and "hi ada" (the caller's name) as "hi ava".
    if vocab.host_names:
        line = f"[<host>] {line}"
    lines = [
        "#JSGF V1.0;",
        "grammar caller;",
        f"public <line> = {line};",
        f"<request> = {request};",
    ]
    lines += [f"<{name}> = {body};" for name, body in rules.items()]
    shared = ("digit", "group", "number", "yes", "no", "goodbye", "filler")
    answer = [
        "#JSGF V1.0;",
        "grammar answer;",
        "public <answer> = [<lead>] (<yes> | <no> [[<correction>] <number>]) [<filler>]"
        " | [<correction>] <number> | <goodbye>;",
        f"<lead> = {alt(_LEAD)};",
        f"<correction> = {alt(_CORRECTION)};",
    ]
    answer += [f"<{name}> = {rules[name]};" for name in shared]
    return Grammar("\n".join(lines) + "\n", tuple(dict.fromkeys(dropped)), "\n".join(answer) + "\n")


def project_vocabulary(
    directory: Directory | None,
    caller_names: Iterable[str] = CALLER_NAMES,
    yes_words: Iterable[str] = YES_WORDS,
    no_words: Iterable[str] = NO_WORDS,
    host_names: Iterable[str] = (),
) -> Vocabulary:
    """The word lists from the project's files: every directory contact's name, aliases, the
    words they are found by ("scully") and team, plus the caller names, the yes/no words and
    the names the host is spoken to by."""
    contacts: list[str] = []
    for contact in directory.contacts if directory else ():
        contacts += [contact.name, *contact.aliases, *sorted(contact.words())]
        if " " in contact.name:  # "the sales desk"
            contacts.append(f"the {contact.name}")
        if contact.team:
            contacts += [f"{contact.team} team", f"the {contact.team} team"]
    return Vocabulary(
        caller_names=tuple(caller_names),
        contact_names=tuple(contacts),
        yes_words=tuple(yes_words),
        no_words=tuple(no_words),
        host_names=tuple(host_names),
    )
