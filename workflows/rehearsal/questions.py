"""Questions the host answers from what it knows, without a tool: who is in a directory team
("who's in the sales team? is it just the desk?") and what a warm transfer's introduction
will say ("what are you gonna tell him?"). A read-back waiting is asked again after the answer.
"""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.call.directory import Directory
from workflows.rehearsal.history import Pending, last_said
from workflows.rehearsal.introduction import MENTION_RE, caller_details, introduction_about
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.nlu import Reading
from workflows.rehearsal.nlu.mute_questions import asks_if_caller_muted, own_line_asked
from workflows.rehearsal.nlu.people import GENERIC, PRONOUNS
from workflows.rehearsal.nlu.problems import PROBLEM_RE
from workflows.rehearsal.nlu.questions import KNOWS_CALLER_RE, SOMEONE_ABOUT_RE
from workflows.rehearsal.nlu.text import HEDGE_RE, without_asked_of, without_titles
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.teams import TEAM_RE, team_asked, team_members
from workflows.rehearsal.who_asked import who_is

_I = re.IGNORECASE
# "don't call anyone yet", "hold off dialling": the caller only asks, nothing is to be dialled
HOLD_RE = re.compile(
    r"\b(?:don't|do not|dont|no need to)\s+(?:call|dial|ring|add)\s+(?:any(?:one|body)|them|it)"
    r"(?:\s+(?:yet|now|just yet))?\b|\bhold off\b",
    _I,
)
_INTRO_RE = re.compile(
    r"\bwhat\b(?:\s+\w+)?\s+you(?:'ll| will| would| are going to| gonna)\s+(?:tell|say)\b"
    r"|\bwhat (?:(?:are|r|will|would|do) (?:you|u) |(?:you|u)(?:'re| are| r)? (?=gonna|going to))"
    r"(?:gonna |going to |be |planning to )?(?:going to )?"
    # "so what are you telling them now?", "what are you saying to her?"
    r"(?:tell|say(?: to)?|introduce me as|telling (?:them|him|her)|saying to)\b"
    r"|\bwhat(?:'ll| will) you (?:tell|say)\b"
    r"|\bhow (?:will|are|would) you (?:gonna |going to )?introduce me\b"
    # "whatcha gonna tell him exactly", "watcha gonna say"
    r"|\bw(?:h)?at(?:cha|chu|ya) (?:gonna |going to |gon )?(?:tell|say)\b",
    _I,
)
# "wait, is that Dana's number?", "whose number is that?", "who does that number belong to?"
_WHOSE_RE = re.compile(
    r"\b(?:is|isn't|was)\s+(?:that|this|it)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?'s"
    r"(?:\s+(?:number|phone|line|mobile|cell|one))?\W*$"
    r"|\bwhose\s+(?:number|phone|line)\s+is\s+(?:that|this|it)\b"
    r"|\bwho(?:'s|\s+is)\s+(?:that|this)\s+number\b"
    r"|\bwho\s+(?:does|did)\s+(?:that|this)\s+(?:number\s+)?belong\s+to\b",
    _I,
)
# "what's his extension, does he have one?", "is there an extension?"
# "what name have you got for me?", "who have you got me down as?": the caller's own name
# "what's her name again?", "who's that again?": the name of the one read back
_THEIR_NAME_RE = re.compile(
    r"\bwhat(?:'s| is| was)\s+(?:her|his|their|the\s+(?:\w+'s\s+)?)\s*name\b"
    r"|\bwho(?:'s| is| was)\s+(?:that|she|he|it|this)\s+again\b"
    r"|\bwhat did you say (?:her|his|their) name was\b",
    re.IGNORECASE,
)
_MY_NAME_RE = re.compile(
    r"\bwhat(?:'s| is)? (?:my )?name\b[^.!?]{0,25}?\b(?:for me|got me|have me|put me"
    r"|me (?:down|as|under))|\bwhat(?:'s| is) my name\b"
    r"|\bwho (?:have|did|do) you (?:got |have )?(?:got )?me (?:down )?as\b"
    r"|\bwhat name (?:have|did|do|are) you\b[^.!?]{0,20}?\b(?:me|my)\b",
    _I,
)
_EXTENSION_RE = re.compile(r"\bextension\b[^.!]*\?|\b(?:what|which)\b[^.!?]*\bextension\b", _I)
_SPOKEN_NUMBER_RE = re.compile(r"\+\d[\d -]{6,}\d")


def answer(
    ctx: llm.ChatContext,
    reading: Reading,
    pending: Pending | None,
    prompts: Prompts,
    directory: Directory,
) -> list[Step] | None:
    """The answer to a question about a team or an introduction; None for anything else."""
    said: list[Step] | None = None
    warm = pending and pending.purpose == "warm_transfer"
    plain = HEDGE_RE.sub("", reading.text)  # "what exactly will you say?", "who's actually in"
    intro = _INTRO_RE.search(plain) or KNOWS_CALLER_RE.search(plain)  # "will she know it's me?"
    if warm and (intro or MENTION_RE.search(reading.text)):
        # "what'll you tell him?"; "tell them it's about my router": what will be said now
        said = [_introduction(ctx, pending, prompts)]
    elif asks_if_caller_muted(reading.text):  # "am I on mute?": the host never mutes the caller
        said = [prompts.offline.answers.caller_not_muted]
    elif own := own_line_asked(reading.action, reading.target, reading.text):  # "mute me"
        answers = prompts.offline.answers  # never anyone else's line; "unmute me": not muted
        said = [answers.caller_not_muted if own == "unmute" else answers.caller_mute_own]
    elif pending and pending.purpose == "transfer" and intro:
        # "what are you going to say to him exactly?" to a direct transfer: nothing, as it
        # stands; it can introduce first
        said = [prompts.offline.transfer_kind]
    elif TEAM_RE.search(plain):
        said = [told] if (told := team_members(reading.text, prompts, directory)) else None
        if said and pending and reading.confirm is False:  # "no not the desk, who's in sales?"
            return [f"{told} {prompts.offline.which_of_team}"]  # the read-back dropped: whom
    elif told := team_asked(reading.text, prompts, directory):  # "is there a billing dept?"
        said = [told]
    elif told := who_is(reading.text, prompts, directory):  # "whos Dana White": never dialled
        said = [told]
    elif _MY_NAME_RE.search(reading.text) and (name := caller_details(ctx, prompts)[0]):
        said = [render(prompts.offline.answers.your_name, name=name)]
    elif _WHOSE_RE.search(reading.text) and (number := _last_number(ctx)):
        owner = next((c.name for c in directory.contacts if c.number == _e164(number)), None)
        offline = prompts.offline
        if owner:
            said = [render(offline.whose_number, number=number, who=owner)]
        else:
            said = [render(offline.number_unlisted, number=number)]
    elif (
        pending
        and _EXTENSION_RE.search(reading.text)
        and (ext := _extension(pending, prompts, directory))
    ):
        said = [ext]
    elif pending and pending.lookup and _THEIR_NAME_RE.search(reading.text):
        # "hang on, what's her name again? Monica?": the contact read back, then again
        contact = next((c for c in directory.contacts if pending.who.startswith(c.name)), None)
        said = [render(prompts.offline.answers.their_name, who=contact.name)] if contact else None
    if said is None:
        return _problem_told(reading, pending, directory)
    holds = HOLD_RE.search(reading.text)  # "don't call anyone yet": no read-back after it
    return said + ([read_again(pending)] if pending and not holds else [])


def _problem_told(reading: Reading, pending: Pending | None, directory: Directory) -> list[Step]:
    """ "As I said, the billing portal won't take my card. Can someone help?": a problem told
    with no one named is for support: the transfer waiting read again, or the support desk read
    back for a transfer (the caller's yes decides); None for any other line."""
    told = PROBLEM_RE.search(reading.text) or SOMEONE_ABOUT_RE.search(reading.text)
    if not told or reading.action not in (None, "help"):
        return None
    if reading.phone_number or reading.target:
        return None
    if pending:
        return [read_again(pending)] if pending.purpose != "add" else None
    if len(directory.find("support")) != 1:
        return None
    return [tool_call("look_up_contact", name="support", purpose="transfer")]


def _introduction(ctx: llm.ChatContext, pending: Pending, prompts: Prompts) -> str:
    """What the host will say to the destination, as `warm_transfer` renders it."""
    name, reason = caller_details(ctx, prompts)
    name = name or prompts.host.unnamed_caller_outside
    reason = reason or prompts.host.unknown_reason
    reason = introduction_about(ctx, prompts) or reason
    who = pending.lookup or pending.who
    if pending.lookup:  # "Fox Mulder from Support at +1 ..." is introduced as "Fox Mulder"
        who = pending.who.split(" from ")[0].split(" at ")[0]
    said = render(prompts.host.transfer.introduce, who=who, caller_name=name, caller_reason=reason)
    return render(prompts.offline.will_introduce, introduction=said)


def _extension(pending: Pending, prompts: Prompts, directory: Directory) -> str | None:
    """The extension of the contact read back, from the directory; None for a number."""
    answers = prompts.offline.answers
    contact = next((c for c in directory.contacts if pending.who.startswith(c.name)), None)
    if not pending.lookup or contact is None:
        return None
    if contact.extension:
        return render(answers.extension, who=contact.name, extension=" ".join(contact.extension))
    return render(answers.no_extension, who=contact.name)


def answers_a_question(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, pending: Pending | None = None
) -> bool:
    """A bare answer ("no thanks") to what the host last asked: never "Okay" for a line that
    says more ("Desk. Not Dana.", "not Jurgen") and was acted on not at all. With no read-back
    `pending`, a no with its reason to an offer, too (`declines_offer`)."""
    if pending is None and declines_offer(ctx, reading):
        return True
    words = prompts.confirmation
    known = {
        w
        for phrase in (*words.yes, *words.no, *words.filler, *words.lead_in)
        for w in words_of(phrase)
    }
    return set(words_of(reading.text)) <= known and last_said(ctx).endswith("?")


def declines_offer(ctx: llm.ChatContext, reading: Reading) -> bool:
    """ "no no, leave it, he must be in some meeting" to "... Would you like to try another
    number?" (said since the caller last spoke): a no with its reason, asking nothing. Never a
    line that asks for something, names someone or gives a number."""
    if reading.action is not None or reading.numbers or reading.target:
        return False
    text = without_asked_of(reading.text)  # "leave her. Amir, can you hear me?": to Amir
    if any(w not in ("I", "I'm", "I'll", "I'd") for w in _NAME_RE.findall(text[1:])):
        return False  # "no, Scully": a name, not a no
    at = max((n for n, i in enumerate(ctx.items[:-1]) if _users(i)), default=-1)
    told = [i.text_content or "" for i in ctx.items[at + 1 :] if _host_said(i)]
    return any(t.rstrip().endswith("?") for t in told)


_NAME_RE = re.compile(r"\b[A-Z][\w'-]*")


def _users(item) -> bool:
    return item.type == "message" and item.role == "user"


def _host_said(item) -> bool:
    return item.type == "message" and item.role == "assistant"


def _last_number(ctx: llm.ChatContext) -> str | None:
    """The last phone number the host said or a tool gave it ("+1 415-555-0142")."""
    for item in reversed(ctx.items):
        text = ""
        if item.type == "message" and item.role == "assistant":
            text = item.text_content or ""
        elif item.type == "function_call_output":
            text = item.output
        if found := _SPOKEN_NUMBER_RE.findall(text):
            return found[-1]
    return None


def _e164(spoken: str) -> str:
    return "+" + re.sub(r"\D", "", spoken)


_NOT_A_NAME = frozenset("the line number one ending in on call".split())
# Who a question points at without a name: a pronoun or a relation ("me brother", "my guest").
_SOMEONE = (
    PRONOUNS
    | GENERIC
    | frozenset(
        """my me our your his her guy lady man woman bloke fella chap brother sister mum mom
        dad mother father wife husband son daughter mate buddy pal cousin uncle aunt""".split()
    )
)


def _said(prompts: Prompts, who: str, status: str, mute_asked: bool) -> str:
    """ "Dana White is connected.", or asked whether muted: "No, Dana White isn't muted." """
    host = prompts.host.status
    if mute_asked and status.endswith(f", {host.muted}"):
        return render(prompts.offline.is_muted, who=who)
    if mute_asked and status == host.active:
        return render(prompts.offline.is_not_muted, who=who)
    return render(prompts.offline.person_status, who=who, status=status)


def about_one(
    output: str,
    who: str,
    prompts: Prompts,
    names: dict[str, str] | None = None,
    gone: str = "",
    mute_asked: bool = False,
) -> str:
    """ "is Dana still with us?": only that person's entry of who is on the call ("Dana Scully
    is connected, muted."), or that they are not on it (`gone`: what was said when they left,
    "I've stopped calling Shane."), never the whole list."""
    host = prompts.host
    head, _, tail = host.participants.partition("$list")
    listed = output.startswith(head) and output.endswith(tail)
    # the caller's entry first; each entry is "$who, $status"
    entries = output[len(head) : len(output) - len(tail)].split("; ")[1:] if listed else []
    digits = re.sub(r"\D", "", who)
    words = set(words_of(without_titles(who))) - _NOT_A_NAME  # "Mr Mulder": Fox Mulder
    named = any(words and words <= set(words_of(e.partition(", ")[0])) for e in entries)
    if not digits and not named:  # a name the caller gave a number that the leg does not carry
        digits = next((names[w] for w in words if w in (names or {})), "")
    said = []
    for entry in entries:
        name, _, status = entry.partition(", ")
        if (len(digits) >= 2 and re.sub(r"\D", "", name).endswith(digits)) or (
            not digits and words and words <= set(words_of(name))
        ):
            said.append(_said(prompts, name, status, mute_asked))
    if not said and len(digits) >= 3:  # "the 0121 guy" once named Carlos: Carlos's entry
        called = [n for n, number in (names or {}).items() if number.endswith(digits)]
        said = [
            _said(prompts, name, status, mute_asked)
            for name, _, status in (e.partition(", ") for e in entries)
            if any(set(words_of(c)) <= set(words_of(name)) for c in called)
        ]
    if not said and len(entries) == 1 and words <= _SOMEONE and len(digits) < 3:
        # "is me brother on the line?", "so is he on or what?": the one person on the call
        name, _, status = entries[0].partition(", ")
        said.append(_said(prompts, name, status, mute_asked))
    if not said and words <= _SOMEONE and len(digits) < 3:  # "is he on?": no one else, or several
        return prompts.offline.which_person if len(entries) > 1 else output
    return " ".join(said) or gone or render(host.controls.not_on_call, who=who)
