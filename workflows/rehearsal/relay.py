"""The host's turn after one of its tools returned: the result relayed, then what the caller
asked comes next: a name for the leg just dialled ("Kayla is 415 ..."), the next number or
person queued ("call A and B"), the transfer waiting for an add to join, or the rest of the
line ("remove Fox, then get the sales desk")."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts
from workflows.call.directory import Directory
from workflows.rehearsal.about_host import call_length
from workflows.rehearsal.both_names import read_beside
from workflows.rehearsal.cancelling import brought_after
from workflows.rehearsal.contact_number import contact_dialled
from workflows.rehearsal.dialled_name import dial_name, gone_when_named, named_at_dial
from workflows.rehearsal.for_now import done_for_now
from workflows.rehearsal.history import last_news_of, pending_read_back, reads_next
from workflows.rehearsal.host_turns import host_turn
from workflows.rehearsal.leg_names import given_names, legs_named
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.named_then import rest_after_naming
from workflows.rehearsal.nlu import understand
from workflows.rehearsal.other_number import other_number_named
from workflows.rehearsal.own_people import own_asked_after
from workflows.rehearsal.questions import about_one
from workflows.rehearsal.queued import next_queued
from workflows.rehearsal.renames import said_together
from workflows.rehearsal.results import (
    asked_about,
    asks_caller,
    corrected_caller,
    listed_for,
    who_else,
)
from workflows.rehearsal.second_thoughts import taken_back
from workflows.rehearsal.sequence import for_later, is_end, next_clause
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.then_transfer import transfer_after_add

_MUTED_RE = re.compile(r"\b(?:muted|on\s+mute)\b", re.IGNORECASE)  # "is Dana muted?": yes or no


def after_result(
    ctx: llm.ChatContext,
    heard: llm.ChatContext,
    last: llm.FunctionCallOutput,
    tools: set[str],
    prompts: Prompts,
    directory: Directory,
) -> list[Step]:
    """`ctx` is the caller's view of the call, `heard` everyone's lines."""
    relayed = said_together(ctx, last.call_id) or ([last.output] if last.output else [])
    acted = last.call_id
    naming = (
        dial_name(ctx, last.call_id, prompts)
        or other_number_named(ctx, last.call_id, prompts)  # "try his mobile, ...": his
        or contact_dialled(ctx, last.call_id, directory)
    )
    if "name_participant" in tools and naming:
        return relayed + [naming]  # "Kayla is A and ...": the leg just dialled is Kayla
    then = rest_after_naming(ctx, acted, prompts, directory) if "name_participant" in tools else []
    if then:
        return relayed + then  # "the client is Mr Okonkwo, and who's on?": the rest now
    if dial := named_at_dial(ctx, last.call_id):  # named as dialled: on as after the dial
        gone = gone_when_named(ctx, last.call_id, prompts)  # busy at once: told already
        relayed, acted = relayed if last.is_error and not gone else [], dial
    if not last.is_error and (length := call_length(heard, last.output or "", prompts)):
        relayed = [length]  # "how long have we been going?": the length, never the summary
    if (who := asked_about(ctx, last.call_id)) and not last.is_error:
        names = given_names(ctx) | legs_named(ctx)
        number = names.get(who.lower(), "")  # "is Shazza still busy?": her number's news
        news = last_news_of(ctx, who, prompts) or (number and last_news_of(ctx, number, prompts))
        said = [i for i in ctx.items if i.type == "message" and i.role == "user"]
        muted = bool(said) and bool(_MUTED_RE.search(said[-1].text_content or ""))
        relayed = [about_one(last.output, who, prompts, names, news or "", muted)]  # "is Dana on?"
    if "add_sip_participant" in tools and corrected_caller(ctx, last.call_id):
        # "my name's actually Siobhan Murphy" while a read-back waits: read it again, so
        # the caller's next clear yes answers it (the dial policy wants it right after)
        if pending := pending_read_back(ctx, prompts):
            return relayed + [read_again(pending)]
        said = [i for i in ctx.items if i.type == "message" and i.role == "user"]
        line = understand(said[-1].text_content or "") if said else None
        if line and (again := taken_back(ctx, line, prompts)):
            return relayed + again  # "I do still want Mulder! ... my name is Rosalind"
        if line and (asked := read_beside(ctx, line, prompts, directory)):
            return relayed + asked  # "it's John with an H. And the first is 415 ..."
    if "add_sip_participant" in tools and not last.is_error and reads_next(heard, acted):
        # "call A and B": B is read back after A
        queued = next_queued(ctx, directory) or own_asked_after(ctx, prompts, directory)
        queued = queued or transfer_after_add(ctx, prompts, directory)  # once joined
        if queued:
            return relayed + queued  # "..., and also my manager": who, once Mulder is in
    if "add_sip_participant" in tools and (then := brought_after(ctx, acted, directory)):
        return [*relayed, then]  # "never mind him. Then go ahead with Dana White"
    if "add_sip_participant" in tools and not asks_caller(ctx, acted) and not who_else(ctx):
        # "remove Fox, then get the sales desk": the next request, once this one returned
        if (clause := next_clause(ctx)) is not None and not listed_for(ctx, acted, clause):
            return relayed + act(ctx, clause, prompts, directory)
    return relayed


def act(ctx: llm.ChatContext, clause: str, prompts: Prompts, directory: Directory) -> list[Step]:
    """The host's turn for one request of a line of several."""
    if is_end(clause):  # "try him again in a bit. for now that's all": the call goes on
        said = [i.text_content or "" for i in ctx.items if i.type == "message" and i.role == "user"]
        stays = done_for_now(ctx, said[-1], prompts) if said else None
        return [" " + stays] if stays else [tool_call("end_call")]
    if for_later(clause):  # "..., then unmute her after": no timers; done when asked
        return [" " + prompts.offline.answers.when_asked]  # after what was just done
    return host_turn(ctx, understand(clause), prompts, directory)
