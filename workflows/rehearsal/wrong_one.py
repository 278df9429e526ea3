"""The wrong person acted on, corrected right after: "mute Niamh" ... "oops I meant to say Aoife,
not Niamh", "sorry, I meant Aoife not Niamh", "no, Aoife, not Niamh", "not Niamh, Aoife". The
line is read as what it asks: the last action undone on the one acted on and done to the one
meant ("unmute Niamh, then mute Aoife"; after a removal, "remove Aoife, then get Niamh back",
where bringing her back is read back for the caller's yes as any dial is)."""

from __future__ import annotations

import json
import re

from livekit.agents import llm

from workflows.lifecycle.hearing import SPEAKER
from workflows.rehearsal.nlu.words import everyday_word

_I = re.IGNORECASE
_WHO = r"(?P<{}>(?:the\s+)?[\w'-]+(?:\s+[\w'-]+){{0,3}}?)"
_LEADS = (
    r"(?:(?:oops|whoops|oopsie|sorry|no|nope|nah|wait|oh|ah|ugh|argh|damn|dang|shoot|ha"
    r"|my bad|my mistake|actually|hang on|hold on|wrong (?:one|person|lady|guy)|not (?:her|him))"
    r"[\s,.!;:-]+)*"
)
_LEAD = r"^\W*" + _LEADS
_TAIL = r"[\s,.!;:-]*(?:(?:instead|sorry|my bad|please|pls|thanks)[\s,.!;:-]*)*$"
_MEANT_RE = re.compile(
    _LEAD
    + r"(?:i\s+)?(?:meant|mean)(?:\s+to\s+say)?[\s,]+"
    + _WHO.format("x")
    + r"(?:[\s,;-]+(?:not|rather than|instead of)\s+"
    + _WHO.format("y")
    + r")?"
    + _TAIL,
    _I,
)
_NOT_AFTER_RE = re.compile(  # "no, Aoife, not Niamh": a correction word first, then the two
    r"^\W*(?:oops|whoops|sorry|no|nope|nah|wait|my bad)[\s,.!;:-]+"
    + _LEADS
    + _WHO.format("x")
    + r"[\s,;-]+not\s+"
    + _WHO.format("y")
    + _TAIL,
    _I,
)
_NOT_FIRST_RE = re.compile(  # "not Niamh, Aoife", "no not Niamh, I meant Aoife"
    _LEAD
    + r"not\s+"
    + _WHO.format("y")
    + r"[\s,;.!-]+(?:i\s+(?:meant|mean)\s+)?"
    + _WHO.format("x")
    + _TAIL,
    _I,
)
# X is a person, never an action or a plain word: "I meant mute her" is a request of its own
_NO_PERSON = frozenset(
    "it that this to say him her them me you yes no ok okay mute unmute remove drop add call"
    " dial the a what".split()
)


def corrected(line: str, acted: llm.FunctionCall) -> str | None:
    """The request `line` makes when it corrects whom the host's last action `acted` was done
    to; None when it is no such correction."""
    try:
        args = json.loads(acted.arguments or "{}")
    except ValueError:
        return None
    done = str(args.get("who") or "")
    m = next((m for r in _RES if (m := r.match(line.strip()))), None)
    if not done or m is None:
        return None
    meant, wrong = m.group("x").strip(), (m.group("y") or "").strip()
    if meant.split()[0].lower() in _NO_PERSON and not re.search(r"\d", meant):
        return None
    if all(everyday_word(w) for w in meant.split() if not w.lower() == "the"):
        return None  # "I meant it", "I meant later"
    if wrong and not _same(wrong, done) or _same(meant, done):
        return None  # "not Dana" after muting Fox: about someone else
    if acted.name == "remove_participant":
        return f"remove {meant}, then get {done} back"
    muted = args.get("muted", True) is not False
    undo, redo = ("unmute", "mute") if muted else ("mute", "unmute")
    return f"{undo} {done}, then {redo} {meant}"


def _same(said: str, who: str) -> bool:
    """Whether `said` ("Niamh", "the 0115 one", "niamh") names `who` ("Niamh", "4155550115")."""
    digits, said = re.sub(r"\D", "", said), said.lower().removeprefix("the ").strip()
    if digits and len(digits) >= 3:
        return re.sub(r"\D", "", who).endswith(digits)
    return said == who.lower() or (" " not in said and said in who.lower().split())


_RES = (_MEANT_RE, _NOT_AFTER_RE, _NOT_FIRST_RE)
_ACTS = ("mute_participant", "remove_participant")


def as_redone(ctx: llm.ChatContext) -> llm.ChatContext:
    """`ctx` with each caller's line that corrects whom the action just before it was done to
    read as the request it makes; `ctx` itself when there is none."""
    items, changed, acted = [], False, None
    for item in ctx.items:
        if item.type == "function_call":
            acted = item if item.name in _ACTS else None
        elif item.type == "message" and item.role == "user":
            if (item.extra or {}).get(SPEAKER):
                items.append(item)  # a participant's line ("Niamh: ..."): never the caller's
                continue
            text = item.text_content or ""
            if acted is not None and (asked := corrected(text, acted)):
                item, changed = item.model_copy(update={"content": [asked]}), True
            acted = None
        items.append(item)
    return llm.ChatContext(items) if changed else ctx
