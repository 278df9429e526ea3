"""The receptionist's turns: collect the caller's name and need across turns, then hand over."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import words_of
from workflows.rehearsal.about_host import answer_about_host
from workflows.rehearsal.added_need import added_company, name_asked_again, with_company
from workflows.rehearsal.history import filled, last_said, said_from
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.nlu.caller import NAME_STOP
from workflows.rehearsal.nlu.cut_off import cut_off_from
from workflows.rehearsal.nlu.needs import (
    CONFERENCE_ASKED_RE,
    GROUP_CALL_RE,
    GROUP_CALL_WORD_RE,
    PROBLEMS_OF_A_KIND_RE,
    declines_conference,
    meeting_with,
    problem_to_sort,
)
from workflows.rehearsal.nlu.own_name import settled_name
from workflows.rehearsal.nlu.passing import name_in_passing
from workflows.rehearsal.nlu.presence import IN_TEAM_AROUND_RE
from workflows.rehearsal.nlu.problems import PROBLEM_RE, support_need
from workflows.rehearsal.nlu.questions import (
    CAPABILITY_QUESTION_RE,
    CONFERENCE_LINE_RE,
    RIGHT_LINE_RE,
)
from workflows.rehearsal.nlu.requests import HELP_RE
from workflows.rehearsal.nlu.slang import LAUGHS
from workflows.rehearsal.nlu.text import normalise, without_lead_in
from workflows.rehearsal.nlu.words import everyday_word
from workflows.rehearsal.spelled import as_spelled, how_written, spelled_out
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.teams import TEAM_RE


def receptionist_turn(ctx: llm.ChatContext, reading: Reading, prompts: Prompts) -> list[Step]:
    """Collect the caller's name and need across turns, then hand over."""
    offline = prompts.offline
    name, reason = _caller_details(ctx, prompts)
    if reading.action == "help" and not (reading.name or _reason(reading)):
        return [" ".join([offline.help, *asking_next(ctx, prompts)])]  # then the name
    if name and reason:
        return [tool_call("transfer_to_conference_host", caller_name=name, reason=reason)]
    asked = _question(last_said(ctx), prompts)
    # "is this the right line for tech support?": yes, then the name, the need kept
    said = []
    if RIGHT_LINE_RE.search(reading.text) or CONFERENCE_LINE_RE.search(reading.text):
        support = reading.wants_support or PROBLEMS_OF_A_KIND_RE.search(reading.text)
        calls = reading.action in ("conference", "add") or GROUP_CALL_RE.search(reading.text)
        calls = calls or CONFERENCE_LINE_RE.search(reading.text)  # "is this the conference line"
        said = [offline.right_line] if support else [offline.right_line_call] if calls else []
    asked_what = (m := HELP_RE.search(reading.text)) and m.group().lower().startswith(_ASKS)
    if not name and reading.action != "help" and asked_what:  # never "I need help with ..."
        said = [offline.help, *said]  # "what can you do? can you connect me ...": then the name
    if name:  # asked and not answered: ask another way, never loop
        renamed = reading.name or settled_name(reading.text) or how_written(reading.text)
        again = said_from(offline.ask_reason, asked) and not renamed  # not a new name
        asking = offline.ask_reason_again if again else render(offline.ask_reason, name=name)
        return [" ".join([*said, asking])]
    asking_name = (offline.ask_name, offline.ask_name_again, offline.ask_name_why)
    if asked in asking_name and _only_yes(reading, prompts):
        return [" ".join([*said, offline.ask_name_not_yes])]  # "ye", "yep", "lol": no name
    # "I need a conference" / ask_name / "with my colleagues": the need added to, asked why
    _, before = _caller_details(llm.ChatContext(ctx.items[:-1]), prompts)
    adds_need = bool(before and (_reason(reading) or added_company(reading.text)))
    if again := name_asked_again(asked, adds_need, prompts):  # never the same question twice
        return [" ".join([*said, again])]
    if asked == offline.ask_name and not _reason(reading):  # not answered: ask another way
        return [" ".join([*said, offline.ask_name_again])]
    if reason or reading.greeting or said or asked == offline.ask_name_again:
        return [" ".join([*said, offline.ask_name])]
    return [offline.receptionist_not_understood]


def asking_next(ctx: llm.ChatContext, prompts: Prompts) -> list[str]:
    """What the receptionist still asks after answering a question of the caller's ("can you
    dial abroad?"): the name, or what they need; that line gives no need, but may give the
    name ("It's Priya. Can you do transfers?")."""
    _, reason = _caller_details(llm.ChatContext(ctx.items[:-1]), prompts)
    name, _ = _caller_details(ctx, prompts)
    if not name:
        return [prompts.offline.ask_name]
    return [] if reason else [render(prompts.offline.ask_reason, name=name)]


def _caller_details(ctx: llm.ChatContext, prompts: Prompts) -> tuple[str | None, str | None]:
    """The caller's name and reason so far, reading each answer in light of the question."""
    name = reason = asked_about = None
    before_name = False
    asked = ""
    for item in ctx.items:
        if item.type != "message":
            continue
        text = (item.text_content or "").strip()
        if item.role == "assistant":  # "Yes, I can put you through... May I have your name?"
            asked = _question(text, prompts)
            continue
        if item.role != "user":
            continue
        said = understand(plain := text if name else spelled_out(text))  # "hi, S I O B H A N"
        name = said.name if said.name and is_a_name(said.name, prompts) else name
        name = (settled_name(text) or name) if name and not said.name else name  # "Just Kat"
        name = as_spelled(name, text) if name else name  # "Odonell. That's O-D-O-N-N-E-L-L"
        if not (name or said.name) and (passing := name_in_passing(text, _is_request)):
            name = passing if is_a_name(passing, prompts) else None  # "mike. need a conference."
        # "a transfer" said after "need to get thru to dana scully" keeps Dana
        reason = reason if reason and _reason(said) in _GENERIC else _reason(said) or reason
        reason = with_company(reason, text) if not said.name else reason  # "with my team"
        if (m := _ASKED_ABOUT_RE.search(text)) and (m["who"] or m["had"]) not in (name or ""):
            asked_about = m["who"] or m["had"]  # "is Fox Mulder around today?"
            before_name = name is None  # asked first, the name asked for after it
        elif reason and asked_about:  # ... "I need to speak with him": with Fox Mulder
            reason = _PRONOUN_RE.sub(asked_about, reason, count=1)
        offline = prompts.offline  # "... your name and what you need?" asks the name too
        asking = (offline.ask_name, offline.ask_name_again, offline.ask_name_not_yes)
        asking += (offline.receptionist_not_understood, offline.ask_name_why)
        if asked in asking and not said.name:
            # "Linus Torvalds", "I just told you, Anand Krishnamurthy", "Olu. O-L-U."
            clauses = [_bare(c) for c in re.split(r"[,.;:!?]+", _SPELLED_RE.sub(" ", plain))]
            said_name = next((c for c in reversed(clauses) if _looks_like_a_name(c, prompts)), None)
            name = _title(said_name) if said_name else name
        elif (
            (said_from(offline.ask_reason, asked) or asked == offline.ask_reason_again)
            and not _reason(said)
            and answer_about_host(said, prompts, "") is None  # "how much?", "speak up": answered
            and not (said.name or settled_name(text))  # "No, my name is Lena": not a reason
            and is_a_name(text, prompts)
            and not _NOT_THAT_RE.match(text)  # "no, not that": a correction, never the need
            and not how_written(text)  # "spelt Siobhán with the accent": the name, not the need
        ):  # "yes" is not a reason either
            reason = reason or (without_lead_in(text).rstrip(".!") if not said.goodbye else None)
    # "Do you guys have a Fox Mulder there?", then the name: asking whether someone is there
    # was the need ("I'm Sam. Is Fox around?" is still asked what for)
    return name, reason or (f"speaking to {asked_about}" if before_name else None)


def _is_request(word: str) -> bool:
    """A word that is a request on its own ("conference.", "support."): never a name."""
    said = understand(word)
    return bool(said.action or said.wants_support)


def _question(said: str, prompts: Prompts) -> str:
    """What the receptionist's line asked, after an answer it began with ("Yes, I can put you
    through... May I have your name, please?", "<what I can do>. May I have your name?")."""
    said = said.removeprefix(prompts.offline.right_line).strip()
    offline = prompts.offline
    asks = (offline.ask_name, offline.ask_name_again, offline.ask_name_why)
    if (found := filled(offline.ask_reason, said)) and said.endswith(
        reason := render(offline.ask_reason, name=found["name"])
    ):  # "<I'm an automated assistant...> Thanks, Sam. What can I help you with today?"
        return reason
    return next((q for q in asks if said.endswith(q)), said)


_GREETINGS = frozenset(
    "hi hello hey hiya howdy yo greetings morning afternoon evening good day".split()
)
_GENERIC = ("a transfer", "a conference call")  # a need that names no one


def _only_yes(reading: Reading, prompts: Prompts) -> bool:
    """An answer of yes words or slang alone ("ye", "yep", "sure", "lol"), no name nor need."""
    said = set(words_of(reading.text))
    return not (is_a_name(reading.text, prompts) or _reason(reading) or reading.greeting) and (
        bool(said & LAUGHS) or bool(said & set(prompts.confirmation.yes))  # not "um", not "no"
    )


def is_a_name(text: str, prompts: Prompts) -> bool:
    """False when every word is a yes, a no, a filler or a greeting ("yep", "yeah sure",
    "um okay", "good morning"): words from prompts/confirmation.yaml, plus greetings."""
    words = prompts.confirmation
    phrases = {*words.yes, *words.filler, *words.endearment, *words.lead_in, *words.no}
    tokens = words_of(text)
    i = 0
    while i < len(tokens):
        step = next((n for n in (3, 2, 1) if " ".join(tokens[i : i + n]) in phrases), 0)
        if not step and tokens[i] not in _GREETINGS | LAUGHS:
            return True
        i += step or 1
    return False


def _title(text: str) -> str:
    """Title-case a name typed in lower case; keep one typed with capitals as it is."""
    return text.title() if text == text.lower() else text


# A name spelled out after it is said: "O-L-U", "O, L, U", "spelled O L U".
_SPELLED_RE = re.compile(
    r"\b(?:spelled|spelt|that's|that is)?\s*\b[A-Za-z](?:[\s,.-]+[A-Za-z]\b){1,}\.?", re.I
)


# Words said around a name given again: "Rajesh Kumar only", "it's Olu, sir", "as I said, Ada".
_AROUND_A_NAME_RE = re.compile(
    r"^(?:(?:it's|its|it is|i said|as i said|like i said|just|only)\s+)+"
    r"|(?:\s+(?:only|here|again|please|sir|madam|ma'am|ji|speaking|itself))+$",
    re.IGNORECASE,
)


def _bare(clause: str) -> str:
    return _AROUND_A_NAME_RE.sub("", clause.strip())


def _looks_like_a_name(text: str, prompts: Prompts) -> bool:
    words = text.split()
    return (
        1 <= len(words) <= 3
        and all(w.replace("-", "").replace("'", "").isalpha() for w in words)
        and not any(w.lower() in NAME_STOP for w in words)
        and not any(w.islower() and everyday_word(w) for w in words)  # not "Kindly help."
        and is_a_name(text, prompts)
    )


# A person asked about before the need is said: "is Fox Mulder around today?"
_ASKED_ABOUT_RE = re.compile(
    r"\b(?i:is|are)\s+(?P<who>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s+(?i:around|in|there|available"
    r"|free|about|on)\b"
    # "Do you guys have a Fox Mulder there?", "do you have someone called Dana working there?"
    r"|\b(?i:do|does)\s+(?i:you|u|ya|y'all)(?:\s+(?i:guys|folks|people|all))?\s+(?i:have|got)\s+"
    r"(?:(?i:a|an|someone|somebody|anyone|anybody)\s+(?:(?i:called|named|by the name of)\s+)?)?"
    r"(?P<had>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)\s+(?i:there|around|working|in|on|at)\b"
)
# "not that", "no, not that one", "that's not it", "nope, that's not what I meant"
_NOT_THAT_RE = re.compile(
    r"^\W*(?:(?:no|nope|nah|oh|um+|sorry|wait)\W+)*(?:not\s+(?:that|this|it)(?:\s+one)?"
    r"|that(?:'s|\s+is|s)\s+not\s+(?:it|that|right|what\s+i\s+(?:said|meant|need|want(?:ed)?)))\W*$",
    re.IGNORECASE,
)
_FOR_ME_RE = re.compile(r"\bfor\s+(?:me|us)\b", re.IGNORECASE)
# "quick question, can you actually dial people in for me?": asked about, not asked for yet
# ("quick question first, can you ring people in to a call for me?" asks it done: the need)
_INQUIRY_RE = re.compile(
    r"\b(?:wondering|actually|really|even|just checking|in general)\b", re.IGNORECASE
)
_TRANSFER_RE = re.compile(r"\b(?:transfer|forward|put\s+through)", re.IGNORECASE)
_PRONOUN_RE = re.compile(r"\b(?:him|her|them)\b")
# "what exactly can you do?", "how does this work?": asked, not the word "help" in a need
_ASKS = ("what", "how")


def _reason(reading: Reading) -> str | None:
    if reading.asks_about_transfer or reading.transfer_asked:  # "do I lose you?": no need
        return None
    if who := cut_off_from(reading.text):  # "I was talking to Fox Mulder and the call dropped"
        return f"speaking to {who}"
    if m := CAPABILITY_QUESTION_RE.search(reading.text):  # "can you transfer calls?": no need
        # yet; "can you dial people in for me?" asks it done: that is the need
        if not _FOR_ME_RE.search(reading.text, m.start()) or _INQUIRY_RE.search(reading.text):
            return None
        return "a transfer" if _TRANSFER_RE.search(m.group()) else "a conference call"
    if m := IN_TEAM_AROUND_RE.search(reading.text):
        return f"speaking to {m.group('who')}"  # "is Dana in support around?": Dana White
    # "I got cut off. I need a conference call"; never "I don't really want a conference"
    if CONFERENCE_ASKED_RE.search(reading.text) and not declines_conference(reading.text):
        return reading.reason or "a conference call"
    if PROBLEM_RE.search(reading.text) and (need := support_need(reading.text)):
        return need  # "my laptop's been freezing up, get me somebody in IT": the problem
    if need := problem_to_sort(reading.text):  # "my invoice is showing ..., sort it out"
        return need
    if m := PROBLEMS_OF_A_KIND_RE.search(reading.text):  # "... for billing problems also?"
        return f"support with {m.group().lower()}"
    if TEAM_RE.search(normalise(reading.text)):  # "who do y'all have in support?": no need
        return None
    if reading.wants_support and reading.action not in ("conference", "add"):
        # "can I talk to support?", "my account's been locked": the host offers the support
        # desk, and a warm transfer's introduction says what for
        return support_need(reading.text) or "support"
    if need := meeting_with(reading.text):  # "a sync at 3 and need Dana on it": no time
        return need
    if reading.reason and not GROUP_CALL_WORD_RE.match(reading.reason):
        return reading.reason  # "a quick sync and I ...": a conference call, below
    if reading.action in ("transfer", "warm_transfer") and reading.target:
        return f"speaking to {reading.target}"  # "could you put me through to the front desk?"
    if reading.action in ("transfer", "warm_transfer"):
        return "a transfer"  # "put me through to 415 555 0133": a number is no reason to keep
    if reading.action in ("conference", "add") or GROUP_CALL_RE.search(reading.text):
        return "a conference call"  # "my manager wants a quick sync": a call all the same
    if CONFERENCE_LINE_RE.search(reading.text):  # "is this the conference line?"
        return "a conference call"
    return None
