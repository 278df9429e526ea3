"""The one person dialled in, named in people's words: "That one is Priya, my team lead",
"that's the supplier, call 'em Vinnie", "no, I mean his name's Vinnie, the guy who's on the
line". With one person on the call (or one who just joined), "that one", "the guy on the line",
"'em" is that person: `name_participant` names them, and no one is dialled or looked up."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.directory import Directory
from workflows.rehearsal.described_legs import described_leg
from workflows.rehearsal.earlier import callers_own
from workflows.rehearsal.history import dialled_in, filled
from workflows.rehearsal.leg_names import NOT_A_NAME, legs_named, name_step, names_last
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.nlu.words import everyday_word
from workflows.rehearsal.renames import renamed
from workflows.rehearsal.role_namings import by_roles
from workflows.rehearsal.roles import ROLES, forms_of
from workflows.rehearsal.steps import Step

_CAP = "[A-ZÀ-ÖØ-ÞĀ-ž][a-zß-öø-ÿĀ-ž'-]+"  # a name with a capital, in any Latin letters: "Tomás"
# "That one is Priya", "this one's called Raj", "call 'em Vinnie", "just call them Vinnie"
_ONE_NAMED_RE = re.compile(
    r"(?:\b(?i:that|this)\s+(?i:one)(?:'s|\s+is)\s+(?i:called\s+|named\s+)?"
    rf"|\b(?i:call)\s+(?i:'em|em|them)\s+)(?P<name>{_CAP})"
)
# "the guy who's on the line", "the one on the call": the person on the call, not a question
_ON_THE_LINE_RE = re.compile(
    r"\bthe\s+(?:guy|lady|man|woman|person|one|bloke|fella|chap|girl)\s+(?:who's\s+|who\s+is\s+"
    r"|that's\s+)?(?:already\s+)?on\s+the\s+(?:line|call|phone)\b",
    re.IGNORECASE,
)

_ON_THE_LINE_IS_RE = re.compile(
    rf"(?i:{_ON_THE_LINE_RE.pattern})\s+is\s+(?i:called\s+|named\s+)?(?P<name>{_CAP})"
)


_TITLE = r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+)?"  # "Mr Okonkwo": Okonkwo
# "This is Stefan.", "that's Stefan": a first sentence that names someone and says no more
# (not "that 0146 one? that's Kayla": the 0146 one)
_THIS_IS_RE = re.compile(
    rf"^\W*(?i:this|that)(?:'s|\s+is)\s+{_TITLE}"
    rf"(?!(?:Mr|Mrs|Ms|Miss|Dr|Prof)\b)(?P<name>{_CAP})\s*(?:[.!?;]|$)"
)
# "thats my boy marcus btw", "thats my landlord Gary", "thats my man marcus"
_ROLES = rf"(?i:{ROLES}|guy|man|caller)"
_KIN = r"(?i:mom|mum|mommy|mummy|mama|momma|dad|daddy|papa|grandma|grandpa|nana|granny)"
_NO_ORDINAL = r"(?!(?:first|second|third|fourth|fifth|last)\b)"  # "the first guy": by order
# "the client is Mr Okonkwo by the way", "my colleague's Stefan", "my client's name is Anjali",
# "that's my boss Priya on the line": the one on the call, by role, named as information
_ROLE_IS_RE = re.compile(
    # "my bro is called Dre", "my sisters name is Shannon", "the desk guy is jordan"
    rf"\b(?i:the|my|our)\s+(?:{_NO_ORDINAL}[a-z]+\s+){{0,2}}{_ROLES}(?:(?i:'?s\s+name(?:\s+is|'s)|'s\s+called)"
    r"|\s+(?i:is\s+called|is\s+named|is|called|named))\s+"
    rf"{_TITLE}(?P<name>{_CAP}|[a-z][a-z'-]+\b(?!'))"
    rf"|\b(?i:the|my|our)\s+{_ROLES}'s\s+{_TITLE}(?P<cap_name>{_CAP})"  # not "'s gotta"
    rf"|\b(?i:that|this)(?:'?s|\s+is)\s+(?i:my|our)\s+{_ROLES}[\s,]+{_TITLE}"
    rf"(?P<role_name>{_CAP}|[a-z][a-z'-]+)"  # typed in lower case: no everyday word
    # "Mr. Alvarez is the lawyer", "Ortiz's my accountant": the name first, then the role
    rf"|(?:^|[.!?;]\s+)\W*{_TITLE}(?P<is_role>{_CAP})(?:'s|\s+is)\s+(?i:the|my|our)\s+"
    rf"(?:[a-z]+\s+)?{_ROLES}\b(?![^.!?]*\b(?i:first|second|third|fourth|fifth|last|other)\b)"
    # "thanks. mom's name is rosa btw", "mom is rosa", "intern's name is Tomás": the word alone
    rf"|(?:^|[.!?;,]\s*|\b(?i:and|oh|so|also|btw)\s+)(?:{_KIN}|{_ROLES})(?i:'?s\s+name(?:\s+is|'s)"
    rf"|'s\s+called|\s+is\s+(?:called|named)|\s+is)\s+(?P<kin_name>{_CAP}|[a-z][a-z'-]+\b(?!'))"
)


def one_named(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> Step | None:
    """`name_participant` for the one person on the call named in people's words; None when
    the line names no one so, gives a number, or more than one person could be meant."""
    if reading.numbers:
        return None
    told = False  # named as information: with several on the call, which one is asked
    if m := _ONE_NAMED_RE.search(reading.text):
        name = m["name"]
    elif _ON_THE_LINE_RE.search(reading.text):  # "his name's Vinnie, the guy who's on the line"
        is_named = _ON_THE_LINE_IS_RE.search(reading.text)  # "The person on the line is Stefan."
        name = names_last(reading.text) or (is_named["name"] if is_named else None)
    elif reading.action in ("list", "status") and (said := names_last(reading.text)):
        name, told = said, True  # "the person who joined is my colleague Sam": no question
    elif (m := _ROLE_IS_RE.search(reading.text)) and (name := _role_name(m)):
        if m["is_role"] and directory.find(name):
            return None  # "Dana's my boss" with Dana in the directory: her, not a leg's name
        told = True
    elif (m := _THIS_IS_RE.search(reading.text)) and not callers_own(m["name"], ctx, prompts):
        name = m["name"]  # "This is Stefan." once he is on: him, never the caller
    else:
        return None
    if not name or name.lower() in NOT_A_NAME or directory.exactly(name):
        return None  # "call 'em Mulder": a contact, dialled as asked elsewhere
    legs = dialled_in(ctx, prompts)
    if told and (one := _spoken_of(legs, reading.text)):
        return naming([(one, True)], name, prompts)  # "the sales desk guy is Jordan": the desk
    unnamed = [who for who, _ in legs if who.startswith("+")]  # known by their number alone
    if told and len(unnamed) == 1 and not any(w.lower() == name.lower() for w, _ in legs):
        return name_step(unnamed[0], name)  # "my bro is called Dre btw": the one with no name
    known = {name: n for name, n in legs_named(ctx).items()}
    if told and (one := described_leg(ctx, reading.text, [w for w, _ in legs], known)):
        return name_step(one, name)  # "My colleague is Dr. Baptiste": the one said so with a number
    if len(legs) == 1 or (legs and _just_joined(ctx)):
        return naming(legs, name, prompts)
    return prompts.offline.which_person if told and legs else None


def _spoken_of(legs: list[tuple[str, bool]], text: str) -> str | None:
    """The one leg whose name the line says ("the sales desk guy is Jordan": Sales desk)."""
    words = set(re.findall(r"[a-z]+", text.lower()))  # "mum is called Rosa": the one called Mom
    said = [
        w
        for w, _ in legs
        if not w.startswith("+") and (w.lower() in text.lower() or forms_of(w) & words)
    ]
    return said[0] if len(said) == 1 else None


def naming(legs: list[tuple[str, bool]], name: str, prompts: Prompts) -> Step:
    """`name_participant` giving the person dialled last `name`; a name someone on the call
    has already is said to be theirs and never moves to another leg ("that's Priya" once the
    first one is Priya and the second Raj keeps both)."""
    has = next((who for who, _ in legs if who.lower() == name.lower()), None)
    if has:  # named so already: said, not named again
        return render(prompts.offline.answers.already_named, who=has)
    unnamed = [who for who, _ in legs if who.startswith("+")]  # known by their number alone
    if len(unnamed) == 1 and not legs[-1][0].startswith("+"):
        return name_step(unnamed[0], name)  # "his name is Sven" once Monica joined after him
    return name_step(legs[-1][0], name)


def named_already(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> Step | None:
    """ "that's Priya" said in passing when someone on the call is Priya already: that it is
    her name, never a redial of a number once said with it nor a name moved to another leg."""
    legs = dialled_in(ctx, prompts)
    if (name := names_last(reading.text)) and any(w.lower() == name.lower() for w, _ in legs):
        return naming(legs, name, prompts)
    return None


def which_answered(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step]:
    """ "the 646 one" to "Which person do you mean?" asked of a name given as information ("my
    client's name is Anjali"): that leg gets the name; [] when the line answers no such question."""
    users = [n for n, i in enumerate(ctx.items) if i.type == "message" and i.role == "user"]
    if len(users) < 2 or reading.action or reading.numbers:
        return []
    said = [i for i in ctx.items[users[-2] : users[-1]] if i.type == "message"]
    which = prompts.offline.answers.which_named  # "Which person is Linda?": Linda's, alone
    asked = next((f for i in said[1:] if (f := filled(which, i.text_content or ""))), None)
    plain = said[-1].role == "assistant" and said[-1].text_content == prompts.offline.which_person
    if not (asked or plain):
        return []
    before = said[0].text_content or ""
    m = _ROLE_IS_RE.search(before)
    name = asked["name"] if asked else _role_name(m) if m else names_last(before)
    return renamed(ctx, f"{reading.text.strip(' ?.!')} is {name}", prompts) if name else []


def _just_joined(ctx: llm.ChatContext) -> bool:
    """The last tool the host called was a dial: the person dialled last has just joined."""
    calls = [i for i in ctx.items if i.type == "function_call"]
    return bool(calls) and calls[-1].name == "add_sip_participant"


_HOW_ON = frozenset(
    "muted unmuted connected disconnected ringing dropped calling waiting talking speaking "
    "listening online offline".split()
)


def _role_name(m: re.Match) -> str | None:
    """The name a role is given ("my boy marcus": Marcus); None for an everyday word ("my boss
    on the line") or a lower-case word that says how someone is or what they are doing ("mom
    is muted right?", "my cousin is leaving, hang up on him")."""
    name = m["name"] or m["cap_name"] or m["role_name"] or m["kin_name"] or m["is_role"]
    if name.islower():
        doing = everyday_word(name) or name in _HOW_ON or _DOING_RE.fullmatch(name)
        return None if doing else name.capitalize()
    return name


_DOING_RE = re.compile(r"[a-z]{2,}ing")  # leaving, dropping, calling: never a lower-case name


def leg_named(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> list[Step] | None:
    """Someone on the call named: by role ("my sisters name is Kayla, and mom is Linda"), by
    a description beside the name ("That one is Priya, my team lead"), as the answer to
    "Which person ...?" ("the 646 one"), or anew ("that second one, that's Aoife", "Raj is 415
    555 0132" once dialled; never inside a request to act on someone)."""
    if named := by_roles(ctx, reading.text, prompts):
        return named
    if one := one_named(ctx, reading, prompts, directory):
        return [one]
    if which := which_answered(ctx, reading, prompts):
        return which
    if reading.action not in ("remove", "mute", "unmute", "transfer", "warm_transfer"):
        return renamed(ctx, reading.text, prompts) or None
    return None
