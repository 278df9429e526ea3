"""What a warm transfer's introduction says the call is about, when the caller said it on the
call ("can you tell them it's about my router dropping the connection?", "mention it's about an
invoice for Mr. Okafor"): their words, said of them ("their router dropping the connection").
The latest such line wins; the host passes it to `warm_transfer` as `about`."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.rehearsal.history import filled
from workflows.rehearsal.intro_phrase import as_phrase, without_team
from workflows.rehearsal.nlu.problems import support_need
from workflows.rehearsal.nlu.warm import REFERENCE, WARM_RE

_I = re.IGNORECASE
MENTION_RE = re.compile(
    r"\b(?:tell|let|mention|say|explain|add)\b"
    r"(?:\s+(?:to\s+)?(?:them|him|her|the\s+desk|whoever\s+answers))?(?:\s+know)?"
    r"(?:\s+instead)?(?:\s+that)?"  # "please tell him instead that it's about ..."
    r"\s+(?:it's|its|it\s+is|this\s+is|that's|i'm\s+calling|i\s+am\s+calling|we're\s+calling"
    r"|the\s+call\s+is|i'm\s+ringing|i\s+need\s+help"
    # "tell her it's me, Priya, calling about my resignation", "say this is Tom ringing re ..."
    r"|(?:it's|its|it\s+is|this\s+is)\s+(?:me|[A-Z][\w'-]*)(?:\s*,?\s*[A-Z][\w'-]*)?\s*,?"
    r"\s+(?:calling|ringing))"
    r"\s+(?:about|regarding|re|to\s+do\s+with|for)\s+(?P<about>.+)"
    # "can you mention it's saying my password expired?": what it shows, said of them
    r"|\b(?:tell|mention|say|explain|add)(?:\s+(?:to\s+)?(?:them|him|her))?(?:\s+that)?"
    r"\s+(?:it's|its|it\s+is|it)\s+(?P<verb>say|show|tell)(?:s|ing)?(?:\s+me)?\s+(?P<shows>.+)"
    # "tell him my router keeps dropping", "let her know I can't log in": the problem itself
    r"|\b(?:tell|let)\s+(?:them|him|her|the\s+desk|whoever\s+answers)(?:\s+know)?(?:\s+that)?"
    r"\s+(?P<told>(?:my|our|i|i'm|i've|i\s+can't|we|we're|we've)\s.+)"
    # "please mention VPN is not connecting", "mention that the printer's jammed": the problem
    r"|(?:^|[.!?,]\s*|\b(?:please|just|also|and|(?:can|could|would) you)\s+)mention"
    r"(?:\s+to\s+(?:them|him|her))?(?:\s+that)?\s+(?P<noted>(?!it\b|this\b|me\b)\w.+"
    # "can you also mention it drops around 7pm": what it does, not "mention it as well"
    r"|it\s+(?:(?:always|only|usually|often|still|just|keeps)\s+)?(?!as\b|is\b|was\b|has\b"
    r"|does\b|this\b)[a-z]+s\b.+)"
    # "can u say its the ios app tho, not android": which thing the problem is with
    r"|\b(?:say|tell\s+(?:them|him|her))(?:\s+that)?\s+(?:it's|its|it\s+is)\s+(?P<which>(?:the|my"
    r"|our)\s+[^.!?,]+?)(?=\s+(?:tho|though)\b|,?\s+not\b|\s*[.!?,]|\s*$)"
    # "can you mention it's invoice number 4471 too": a reference's number, no phone number
    r"|\b(?:mention|say|add|tell\s+(?:them|him|her))(?:\s+that)?\s+(?:it's|its|it\s+is)\s+(?P<ref>"
    r"(?:an?\s+|the\s+|my\s+|our\s+)?" + REFERENCE + r")"
    # "can you say it more simple, 'his badge is not working'", "just tell her: badge broken"
    r"|\b(?:say|tell\s+(?:them|him|her)|put|word|phrase)\b[^'\"“‘:.!?]{0,40}?(?:[\s,]['\"“‘]"
    r"(?P<quoted>[^\"“”‘’]+?)['\"”’](?=\W*(?:(?:please|pls|thanks|instead)\W*)?$)|:\s*(?P<colon>[^.!?]+))",
    _I,
)
# said of the caller: "my router" -> "their router"
_THEIRS = {
    "my": "their",
    "our": "their",
    "me": "them",
    "us": "them",
    "mine": "theirs",
    "i": "they",
    "i'm": "they're",
    "we": "they",
    "we're": "they're",
    "i've": "they've",
}
_TAIL_RE = re.compile(
    r"(?:[\s,]+(?:please|thanks|thank you|cheers|first|too|as well|instead|before you do"
    r"|ok|okay|yeah|yes|then|and|so|right|righto|go ahead|go for it|do it|put me through))+$",
    _I,
)
# The reason ends with its sentence: "... not booting up. yeah go ahead" is a go-ahead (no yes
# for the read-back either), "... connecting. Then okay, go ahead" too
# "an invoice for Mr. Okafor" goes on past a title's dot
_SENTENCE_END_RE = re.compile(
    r"(?<!\bmr)(?<!\bmrs)(?<!\bms)(?<!\bdr)(?<!\bst)(?<!\bprof)(?<!\bno)[.!?;]\s", _I
)
# The need as the receptionist heard it: "talking to Fox Mulder about me laptop" is said to Fox
# Mulder himself, so the introduction says only what about: "their laptop"
_TALK_ABOUT_RE = re.compile(
    r"^(?:talking|speaking|to talk|to speak)\s+(?:to|with)\s+.+?\s+about\s+(?P<a>.+)$",
    _I,
)
# The need as only whom to talk to, nothing of what about: "talking to Dana", "speaking with
# someone in sales", "speaking to a specific person"
_TALK_ONLY_RE = re.compile(
    r"^(?:talking|speaking|to talk|to speak)\s+(?:to|with)\s+(?!.*\babout\b)", _I
)
# "me laptop" (Australian, Irish, British English): "my laptop"; "about me" alone: "them"
_ME_AS_MY_RE = re.compile(r"\bme(?=\s+(?!and\b|or\b|to\b|in\b|on\b|out\b|up\b)[a-z])", _I)
_MAX_WORDS = 16  # short: an introduction, not the whole story


# Where a told problem's clause ends: "my problem and then connect me", "... and put me through"
_CLAUSE_END_RE = re.compile(
    r"\s+(?:and\s+)?then\b|\s+and\s+(?:connect|put|transfer|patch|send|pass|hand|bring)\b"
    r"|\s+and\s+(?:i|we)(?:\s+was|\s+were|'ve\s+been|\s+have\s+been)?\s+(?:told|asked|sent"
    r"|advised|referred)\b",
    _I,
)
# The problem named, not told: "tell them my problem", "tell him what's wrong": the need the
# caller already gave says it
_NAMED_ONLY_RE = re.compile(
    r"^(?:my|our|the)\s+(?:problem|issue|situation|query|case|story|trouble)s?"
    r"|^what(?:'s|\s+is)\s+(?:wrong|going\s+on|up|happening)$|^what\s+(?:it's|it\s+is)\s+about$",
    _I,
)
# The need as the handover gave it: "support because they were double charged" is introduced
# as "being double charged"
_BECAUSE_RE = re.compile(r"^support because (?:they were|they've been|they have been)\s+", _I)


def about_from(text: str) -> str | None:
    """What `text` asks the introduction to say the call is about, or None ("tell them my
    problem" names the problem without telling it: None, so the caller's need is said)."""
    if not (m := MENTION_RE.search(text)):
        return _stated(text)
    told = m.group("told") or m.group("noted")
    if told and _NAMED_ONLY_RE.match(_CLAUSE_END_RE.split(told.strip(), maxsplit=1)[0]):
        return None
    if m.group("shows"):
        verb = "showing" if m.group("verb").lower() == "show" else "saying"
        return _of_them(f"it {verb} {m.group('shows')}")
    if quoted := m.group("quoted") or m.group("colon"):  # the caller's own words for it
        return _of_them(quoted)
    if m.group("ref"):
        return _of_them(m.group("ref"))
    if m.group("which"):  # "say its the ios app tho": about the ios app
        return _of_them(m.group("which"))
    return _of_them(m.group("about") or f"how {told}")


# What the call is about, said beside the introduction asked for: "intro me first. its about
# my invoice being wrong", "introduce me, it's regarding my refund"
_STATED_RE = re.compile(
    r"(?:^|[.!?,;]\s*)(?:and\s+|so\s+)?(?:it's|its|it\s+is|this\s+is|that's)\s+(?:about"
    r"|regarding|re|to\s+do\s+with)\s+(?P<about>(?:my|our|the|an?)\s.+)",
    _I,
)


def _stated(text: str) -> str | None:
    """What `text` says the call is about, said with an introduction asked for; else None."""
    if (m := _STATED_RE.search(text)) and WARM_RE.search(text) and not text.rstrip().endswith("?"):
        return _of_them(m.group("about"))
    return None


# A contrast after what it is about: "..., not just 'support'", "rather than only billing"
_CONTRAST_RE = re.compile(
    r"[,;]?\s+(?:and\s+)?(?:not\s+(?:just|only|simply|merely)|rather\s+than|instead\s+of)\b.*$", _I
)


# Why the caller wants it said, after what it is about: "the refund first, so he remembers
# me", "my invoice so that she knows who I am", "my refund, to remind him": no part of it
_WHY_TOLD_RE = re.compile(
    r"[,;]?\s+(?:so\s+(?:that\s+)?(?:he|she|they|the\s+desk)(?:\s+(?:will|can|would|'ll))?"
    r"\s+(?:knows?|remembers?|recogni[sz]es?|recalls?|understands?|gets?\s+it|is\s+aware"
    r"|(?:doesn't|does\s+not|won't|will\s+not)\s+forget|places?)\b"
    r"|(?:just\s+)?to\s+(?:remind|jog)\s+(?:him|her|them|his|their)\b).*$",
    _I,
)


def _of_them(about: str) -> str | None:
    """`about` said of the caller, to its clause's end, with no go-ahead or thanks after, nor
    a contrast ("not just 'support'")."""
    about = _SENTENCE_END_RE.split(about.strip(), maxsplit=1)[0].strip().rstrip("?!.; ")
    about = _CONTRAST_RE.sub("", _WHY_TOLD_RE.sub("", about))
    about = _CLAUSE_END_RE.split(about, maxsplit=1)[0]
    about = _ME_AS_MY_RE.sub("my", _TAIL_RE.sub("", about).strip(" ,"))
    words = [_THEIRS.get(w.lower(), w) for w in about.split()[:_MAX_WORDS]]
    return as_phrase(" ".join(words)) or None


def introduced_reason(reason: str) -> str:
    """The caller's need as the introduction says it to whom they are put through."""
    if (kind := without_team(reason)) != reason:  # "support with a question about ..."
        return introduced_reason(kind)
    if m := _TALK_ABOUT_RE.match(reason.strip()):
        return _of_them(m.group("a")) or reason
    if m := _BECAUSE_RE.match(reason.strip()):
        return "being " + reason.strip()[m.end() :]
    if (need := support_need(reason)) and need != reason:  # "I'm having trouble with my bill,
        return introduced_reason(need)  # it's been charged twice...": "support with their bill"
    if _UNCLEAN_RE.search(reason):  # "I have problem, my badge not open the door": its
        thing = _NOT_DOING_RE.search(reason)  # words not copied; "support with their badge"
        return f"support with their {thing.group('n').lower()}" if thing else "support"
    return (
        _of_them(_FIRST_CLAUSE_RE.split(reason, maxsplit=1)[0]) or reason
    )  # "a billing dispute on our account": "their account"


# A need not told in a clean clause ("I have problem", "my badge not open the door"): said in
# the support wording, never copied
_NOT_DOING_RE = re.compile(
    r"\b(?:my|our)\s+(?P<n>[a-z]+)\s+not\s+(?!working\b)(?![a-z]+ing\b)[a-z]+", _I
)
_UNCLEAN_RE = re.compile(
    r"\b(?:i|we)\s+(?:have|has|got)\s+(?:problem|issue)\b|" + _NOT_DOING_RE.pattern, _I
)


# A long need told in several clauses is introduced by its first: "trouble with their bill"
_FIRST_CLAUSE_RE = re.compile(r"(?<=\w{3}),\s+(?=(?:it|it's|and|but|so|i|i'm|they)\b)", _I)


_SENTENCES_RE = re.compile(r"(?<=[.!?])\s+")
# A question asked without its "?": "wait does he know about the invoice or ..."
_ASKS_RE = re.compile(
    r"\W*(?:(?:wait|so|ok|okay|and|but|um+|uh+|hmm+|oh)\W+)*(?:does|do|did|is|are|was|were"
    r"|has|have|what|who|why|how|where|which|when|(?:will|would|can|could|should)\s+(?:he|she"
    r"|they|it|i|we)\b)\b",
    _I,
)


def latest_problem(ctx: llm.ChatContext) -> str | None:
    """The latest problem the caller described on the call ("I was charged twice in
    November"), as the introduction says it ("being charged twice")."""
    found = None
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            found = _problem_in(item.text_content or "") or found
    return introduced_reason(found) if found else None


def _problem_in(text: str) -> str | None:
    """The last problem a caller's line describes, as the need says it; None if it has none."""
    found = None
    for said in _SENTENCES_RE.split(text):
        # "will you tell them about my VPN issue?", "does he know about the invoice or do i
        # have to start from scratch": a question, never the reason
        if not said.rstrip().endswith("?") and not _ASKS_RE.match(said):
            found = support_need(said) or found
    return found


def caller_details(ctx: llm.ChatContext, prompts: Prompts) -> tuple[str, str]:
    """The caller's name and reason as the host's instructions give them now ("" if none)."""
    name, reason = "", ""
    for item in ctx.items:
        if item.type == "message" and item.role == "system":
            if found := filled(prompts.host.task, item.text_content or ""):
                name, reason = found["caller_name"], found["caller_reason"]
    return name, reason


def introduction_about(ctx: llm.ChatContext, prompts: Prompts) -> str | None:
    """What `warm_transfer` is told the call is about: the caller's latest words for it, else
    their need cleaned for the introduction; None when the need stands as it is."""
    reason = caller_details(ctx, prompts)[1]
    talk_only = _TALK_ONLY_RE.match(reason)  # "talking to Dana", "speaking to someone in sales"
    problem = latest_problem(ctx)
    if found := mentioned_about(ctx, None if talk_only else introduced_reason(reason)):
        return found
    if problem:
        return problem
    if talk_only:
        return prompts.host.unknown_reason  # says nothing of what about: "a call"
    return cleaned if (cleaned := introduced_reason(reason)) != reason else None


def _reworded(text: str) -> bool:
    """Whether `text` gives the introduction's own words ("say it more simple, 'his badge is
    not working'", "tell her: badge broken"): they replace what was to be said."""
    m = MENTION_RE.search(text)
    return bool(m and (m.group("quoted") or m.group("colon")))


# More to say beside what the introduction says already: "mention it's for the March bill as
# well", "also tell them it's about ...", "say it's about my router too"
_ADDED_RE = re.compile(r"\b(?:as well|also|too)\b", _I)


def mentioned_about(ctx: llm.ChatContext, need: str | None = None) -> str | None:
    """The latest thing the caller asked the introduction to say the call is about; said "as
    well" (also, too), it is added to what was to be said before: the problem told before it,
    else the need (`need`)."""
    found = problem = None
    for item in ctx.items:
        if item.type == "message" and item.role == "user":
            text = item.text_content or ""
            if about := about_from(text):
                was = found or (introduced_reason(problem) if problem else need)
                added = was and _ADDED_RE.search(text) and about.lower() not in was.lower()
                added = added and not _reworded(text)  # "also say it more simple, '...'"
                found = f"{was} and {about}" if added else about
            problem = _problem_in(text) or problem
    return found
