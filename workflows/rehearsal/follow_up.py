"""Short lines that lean on what came just before: "and Dana?" after "Mulder can go now" (the
same request, for Dana), "can you get Fox Scully too" (two directory names run together: which
one?), "is that his mobile or his desk?" to a contact's read-back (the number the directory
has, then the read-back again). The tools still check everything; only a clear yes dials."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from itertools import pairwise

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.rehearsal.history import Pending, dialled_in
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.nlu.people import kind
from workflows.rehearsal.steps import Step, on_someone
from workflows.rehearsal.whom import whom

_ON_SOMEONE = ("remove", "mute", "unmute")
_AND_RE = re.compile(
    r"^\W*(?:and|also|plus|what about|how about|same for|same with)\s+(?P<who>[\w' -]+?)"
    r"(?:\s+(?:too|as well|also))?(?:\W+(?:please|pls|plz|thanks|thx|now|then))*\W*$",
    re.IGNORECASE,
)
# "and the other one too": with two on the call, the one the last request was not done to
_OTHER_RE = re.compile(
    r"^(?:the\s+)?other(?:\s+(?:one|1|guy|lady|person|line|number|leg|caller|phone|side))?$", re.I
)
# "right, let him back in" alone: an unmute right after a mute (after a removal, no unmute)
_BACK_IN_RE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|alright|right|so|now)\W+)?(?:let|bring|have)\s+(?:him|her|them|'?em)"
    r"\s+back\s+in\b\W*(?:(?:now|then|please|mate|thanks)\W*)?$",
    re.IGNORECASE,
)
_KIND_RE = re.compile(
    r"\b(?:is|was)\s+(?:that|this|it)\s+(?:(?:his|her|their|the|a)\s+)?(?:\w+\s+)?"
    r"(?:mobile|cell|cellphone|desk|office|work|home|landline|direct|personal)\b"
    r"|\bwhich (?:number|phone|line) is (?:that|it|this)\b",
    re.IGNORECASE,
)
# Whether the one read back is in the directory: "if that's not in your directory, what then?",
# "is she even in your contacts?" (asked, so a "?" or a question word; never a "no")
_LISTED_RE = re.compile(
    r"\b(?:in|on|from)\s+(?:your|the|ur|my|our)\s+(?:directory|contacts|contact list"
    r"|phone ?book|address book|system)\b",
    re.IGNORECASE,
)
_ASKED_RE = re.compile(r"\?|\b(?:what then|what happens|then what)\b|^\W*(?:is|are|was)\b", re.I)


def _listed_asked(text: str) -> bool:
    return bool(_LISTED_RE.search(text) and _ASKED_RE.search(text))


def follow_up(
    ctx: llm.ChatContext,
    reading: Reading,
    pending: Pending | None,
    prompts: Prompts,
    directory: Directory,
) -> list[Step] | None:
    """The host's answer to a line that follows up the last one; None when it is not one."""
    kind_asked = not reading.action and _KIND_RE.search(reading.text)
    if pending and pending.lookup and (kind_asked or _listed_asked(reading.text)):
        contact = next((c for c in directory.contacts if pending.who.startswith(c.name)), None)
        who = contact.name if contact else pending.lookup
        return [render(prompts.offline.followups.number_kind, who=who), read_again(pending)]
    if reading.action in (None, "add", "conference") and (mixed := _mixed(reading, directory)):
        return [render(prompts.offline.followups.which_contact, first=mixed[0], second=mixed[1])]
    if reading.action is None and _BACK_IN_RE.match(reading.text) and _muted_last(ctx):
        who = whom(ctx, replace(reading, action="unmute"), prompts)
        return [on_someone("unmute", who) if who else prompts.offline.which_person]
    if reading.action is None and (m := _AND_RE.match(reading.text)):
        said = [i for i in ctx.items if i.type == "message" and i.role == "user"][:-1]
        before = understand(said[-1].text_content or "") if said else None
        if (
            before
            and before.action in _ON_SOMEONE
            and (other := _other_leg(ctx, m["who"], prompts))
        ):
            return [on_someone(before.action, other)]
        if before and before.action in _ON_SOMEONE and kind(m.group("who")) == "specific":
            again = replace(reading, action=before.action, target=m.group("who"))
            if who := whom(ctx, again, prompts):  # "and Dana?": remove her too
                return [on_someone(before.action, who)]
    return None


def _other_leg(ctx: llm.ChatContext, said: str, prompts: Prompts) -> str | None:
    """ "the other one" with two people on the call: the one the last mute or removal was not
    done to; None when it names someone else, or more than two are on."""
    live = [who for who, _ in dialled_in(ctx, prompts)]
    if not _OTHER_RE.match(said.strip()) or len(live) != 2:
        return None
    for item in reversed(ctx.items):
        if item.type == "function_call" and item.name in ("mute_participant", "remove_participant"):
            done = json.loads(item.arguments or "{}").get("who", "")
            digits = re.sub(r"\D", "", done)[-10:]
            left = [
                w for w in live if w != done and not (digits and _digits_of(w).endswith(digits))
            ]
            return left[0] if len(left) == 1 else None
    return None


def _digits_of(who: str) -> str:
    return re.sub(r"\D", "", who)


def _muted_last(ctx: llm.ChatContext) -> bool:
    """Whether the last mute or removal on the call was a mute."""
    for item in reversed(ctx.items):
        if item.type == "function_call" and item.name == "remove_participant":
            return False
        if item.type == "function_call" and item.name == "mute_participant":
            return json.loads(item.arguments or "{}").get("muted", True)
    return False


def _mixed(reading: Reading, directory: Directory) -> tuple[str, str] | None:
    """Two contacts whose first and last names the caller ran together ("Fox Scully": Fox
    Mulder or Dana Scully), when no contact has both."""
    names = {c.name: words_of(c.name) for c in directory.contacts}
    teams = {c.name: words_of(c.team or "") for c in directory.contacts}
    for first, last in pairwise(words_of(reading.text)):
        if any(first in n and last in n for n in names.values()):
            continue
        if any(first in teams[c] and last in n for c, n in names.items()):
            continue  # "sales!! Scully": Dana Scully, of Sales
        one = next((c for c, n in names.items() if n[:1] == [first]), None)
        other = next((c for c, n in names.items() if n[-1:] == [last]), None)
        if one and other and one != other:
            return one, other
    return None
