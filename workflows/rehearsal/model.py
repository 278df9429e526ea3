"""The offline dialog model: a deterministic stand-in for a cloud LLM (`AGENT_LLM=offline`).

It implements the framework's LLM interface, so the agents, tools and handoff run exactly as
they would with a real model. It reads the caller's words with `workflows.rehearsal.nlu`,
acts only by calling the agents' real tools, relays what the tools return, and otherwise
speaks lines from `prompts/offline.yaml`. It is not a general-purpose model: anything it
does not understand gets a clarifying question.
"""

from __future__ import annotations

from dataclasses import replace

from livekit.agents import llm, utils
from livekit.agents.types import DEFAULT_API_CONNECT_OPTIONS, NOT_GIVEN

from prompts.loader import Prompts
from workflows.call.asked import asks_a_transfer, asks_for_their_own
from workflows.call.directory import Directory
from workflows.rehearsal.about_host import about_host, at_reception
from workflows.rehearsal.asides import answers_participant, calls_one_on, said_again, unless_aside
from workflows.rehearsal.back_in import back_in
from workflows.rehearsal.both_names import named_beside
from workflows.rehearsal.described import describes_people
from workflows.rehearsal.earlier import renaming
from workflows.rehearsal.for_now import done_for_now
from workflows.rehearsal.history import pending_read_back
from workflows.rehearsal.host_sent_away import host_sent_away
from workflows.rehearsal.host_turns import host_turn
from workflows.rehearsal.leaving import leaves_now, leaving_asked, leaving_others
from workflows.rehearsal.lower_names import capitalised
from workflows.rehearsal.meant import question_meant
from workflows.rehearsal.mentions import read_again
from workflows.rehearsal.named_then import naming_first
from workflows.rehearsal.nlu import Reading, understand
from workflows.rehearsal.one_on_line import one_named
from workflows.rehearsal.overheard import kept_out
from workflows.rehearsal.participant_roles import described_by_participant
from workflows.rehearsal.participant_turns import callers_view, participant_turn, speaker_of
from workflows.rehearsal.queued import next_queued, without_own_team
from workflows.rehearsal.reception_asks import reception_answer
from workflows.rehearsal.receptionist_turns import asking_next, receptionist_turn
from workflows.rehearsal.relay import act, after_result
from workflows.rehearsal.renames import renamed as names_a_leg
from workflows.rehearsal.results import (
    ASKING,
)
from workflows.rehearsal.scheduling import later_at_reception, scheduling
from workflows.rehearsal.second_thoughts import same_again, taken_back
from workflows.rehearsal.sequence import clauses, kept_request
from workflows.rehearsal.steps import Step, tool_call
from workflows.rehearsal.support_offer import offer_support
from workflows.rehearsal.teams import (
    people_asked,
    someone_in_team,
    team_asked,
    team_members,
    whom_in_team,
)
from workflows.rehearsal.typos import as_typed_meant
from workflows.rehearsal.unknown_team import no_such_team_offered, unknown_team
from workflows.rehearsal.who_asked import who_is
from workflows.rehearsal.wrong_one import as_redone
from workflows.rehearsal.yes_rule import yes_to

__all__ = ["OfflineDialogLLM", "Step", "respond"]


class OfflineDialogLLM(llm.LLM):
    def __init__(self, prompts: Prompts, directory: Directory, regions: str = "", limit: int = 0):
        super().__init__()
        self._prompts, self._directory = prompts, directory
        self._regions = regions  # where the dial policy lets the host dial, as said
        self._limit = limit  # the minutes a call may last (MAX_CALL_DURATION); 0: not said

    @property
    def model(self) -> str:
        return "offline-dialog"

    @property
    def provider(self) -> str:
        return "local"

    def chat(
        self,
        *,
        chat_ctx,
        tools=None,
        conn_options=DEFAULT_API_CONNECT_OPTIONS,
        parallel_tool_calls=NOT_GIVEN,
        tool_choice=NOT_GIVEN,
        extra_kwargs=NOT_GIVEN,
    ):
        return _OfflineStream(self, chat_ctx=chat_ctx, tools=tools or [], conn_options=conn_options)


class _OfflineStream(llm.LLMStream):
    async def _run(self) -> None:
        names = set(llm.ToolContext(self._tools).function_tools)
        model = self._llm
        for step in respond(
            self._chat_ctx, names, model._prompts, model._directory, model._regions, model._limit
        ):
            delta = (
                llm.ChoiceDelta(role="assistant", content=step)
                if isinstance(step, str)
                else llm.ChoiceDelta(role="assistant", tool_calls=[step])
            )
            self._event_ch.send_nowait(llm.ChatChunk(id=utils.shortuuid("off_"), delta=delta))


def _confirms(
    ctx: llm.ChatContext, reading: Reading, tools: set[str], prompts: Prompts, directory: Directory
) -> bool:
    """ "great, thanks, that's it" right after a read-back is the yes it waits for, not a
    goodbye: the host acts on it (the yes rule still decides)."""
    if "add_sip_participant" not in tools:
        return False
    pending = pending_read_back(ctx, prompts)
    return pending is not None and yes_to(pending, reading.text, prompts, directory)


def _asked_at_reception(ctx: llm.ChatContext, prompts: Prompts, directory: Directory) -> list[Step]:
    """ "can u put me thru to my foreman", told the receptionist: acted on as the host's first
    turn (looked up; someone not listed is asked for their number). Nothing once acted on."""
    calls = [i.name for i in ctx.items if i.type == "function_call"]
    if any(name != "transfer_to_conference_host" for name in calls):
        return []
    said = [i.text_content or "" for i in ctx.items if i.type == "message" and i.role == "user"]
    asked = [line for line in said if asks_for_their_own([line])]
    if not asked and asks_a_transfer(said):
        return [prompts.offline.ask_transfer_to]  # "Need a transfer.": to whom?
    steps = act(ctx, without_own_team(asked[-1]), prompts, directory) if asked else []
    return [prompts.offline.bring_whom] if steps == [prompts.offline.host_not_understood] else steps


def respond(
    ctx: llm.ChatContext,
    tools: set[str],
    prompts: Prompts,
    directory: Directory,
    regions: str = "",
    limit: int = 0,
) -> list[Step]:
    """The next turn: relay a tool's result, or act on the caller's last words."""
    ctx = as_typed_meant(ctx, directory)  # "can u transfr me": every line read as meant
    ctx = as_redone(ctx)  # "mute Niamh" ... "oops I meant Aoife, not Niamh": unmute, then mute
    last = ctx.items[-1] if ctx.items else None
    if last is None:
        return []
    if (name := speaker_of(last)) is not None:  # a participant spoke to the host
        return participant_turn(ctx, prompts, directory, name)
    if last.type == "message" and last.role == "user" and "add_sip_participant" in tools:
        if question_meant(callers_view(ctx)):  # "is he on?" ... "no, I mean the 0199 one"
            return [tool_call("list_participants")]
        said = last.text_content or ""  # "No. The sales desk is Carla." names, never answers
        line = understand(said)  # "Funmi, should I say it out loud?": to Funmi
        if (answers_participant(ctx, line, prompts) or calls_one_on(ctx, line, prompts)) and not (
            names_a_leg(callers_view(ctx), said, prompts)
            or one_named(callers_view(ctx), line, prompts, directory)  # "thanks. mom's name is"
        ):
            return [prompts.host.asides.marker]  # "yes loud and clear Graham": to Graham
    heard = ctx  # everyone's lines: "Monica: Ava, how long have we been on?" asked it
    ctx = callers_view(ctx)  # participants' words are never read as the caller's
    if last.type == "function_call_output":
        return after_result(ctx, heard, last, tools, prompts, directory)
    if last.type != "message" or last.role != "user":
        # The host's first turn after the handoff: a number the caller already gave, or the
        # support desk they asked for
        if "add_sip_participant" not in tools:
            return []
        return (
            later_at_reception(ctx, prompts)  # "a call with Monica at 3 pm": none now
            or people_asked(ctx, prompts, directory)  # "two people from sales": who, not the desk
            or next_queued(ctx, directory, first=True)
            or no_such_team_offered(ctx, prompts, directory)  # "someone in billing": none
            or offer_support(ctx, directory)
            or _asked_at_reception(ctx, prompts, directory)
        )
    said = kept_request(last.text_content or "")  # "..., wait no. mute Dana"
    if "add_sip_participant" in tools:
        said = capitalised(said)  # "his name is marcus": as "his name is Marcus"
    reading = understand(said)
    if "add_sip_participant" in tools:  # "the husband" a participant added: to everyone
        reading = described_by_participant(heard, ctx, reading, prompts)
    if "add_sip_participant" in tools and (stays := host_sent_away(ctx, reading, prompts)):
        return stays  # "Ava can you drop off now, i'm good": the host cannot leave it running
    if reading.said_to and reading.said_to.lower() not in (prompts.host.name.lower(), "host"):
        # "Amir, thanks, that's all I needed, you can hang up now": Amir goes, the call goes on
        reading = replace(reading, action="remove", target=reading.said_to, goodbye=False)
        reading = replace(reading, ends_call=False, cancel=False)
    if reading.too_long:
        return [prompts.offline.too_long]
    if "add_sip_participant" in tools and (again := said_again(ctx, reading)):
        if (pending := pending_read_back(ctx, prompts)) and pending.who in again:
            return [read_again(pending)]  # "could you say that again?": read back anew, so
        return [again]  # the yes after it is right after it; "sorry, what was that?"
    if "add_sip_participant" in tools and (again := taken_back(ctx, reading, prompts)):
        if "correct_caller_name" in tools and (renamed := renaming(ctx, reading, prompts)):
            return [renamed]  # the name first; the transfer is read again once it is changed
        return again  # "No no, I do want the transfer, I was just asking"
    if "add_sip_participant" in tools and (again := same_again(ctx, reading, prompts)):
        return again  # "the number you just said for Dana is fine. dial her"
    if "add_sip_participant" in tools and (told := leaving_asked(reading, prompts)):
        return told  # "if I hang up will they stay connected?": no; never ended, never looked up
    if "add_sip_participant" in tools and (told := unknown_team(reading, prompts, directory)):
        return [told]  # "talk to HR, can you put me through to someone?": no HR; whom?
    if "add_sip_participant" in tools and (later := scheduling(ctx, reading, prompts, directory)):
        return later  # "can you schedule it for 3pm?": no calls for later; now, if they like
    if "add_sip_participant" in tools and (
        told := about_host(ctx, reading, prompts, regions, limit)
    ):
        return told  # "are you a bot?", "would a UK number work?": answered, then on
    if "add_sip_participant" in tools and not (reading.action or reading.phone_number):
        if stays := done_for_now(ctx, reading.text, prompts):  # "that's all for now" with
            return [stays]  # others on: the call goes on, the host stays
    if "add_sip_participant" in tools and pending_read_back(ctx, prompts) is None:
        if told := someone_in_team(reading.text, prompts, directory):
            return [told]  # "someone in your sales team. Who is in it?": no desk read back
        reading = whom_in_team(ctx, reading, prompts) or reading  # "Dana please": to Dana
        reading = back_in(ctx, reading, prompts, directory) or reading  # muted: unmuted
        if requests := clauses(reading.text):  # two requests in one line: the first now
            steps = act(ctx, requests[0], prompts, directory)
            asks = any(getattr(step, "name", None) in ASKING for step in steps)
            note = prompts.offline.answers.rest_next + " "  # a refusal relayed after it
            return [note, *steps] if asks else steps  # the rest of the line: next, not lost
    if "add_sip_participant" in tools and (asked := leaving_others(ctx, reading, prompts)):
        return asked  # "I'll leave them to it, goodbye": end it for everyone, or not?
    if (
        reading.goodbye
        and "end_call" in tools
        and leaves_now(reading)
        and not _confirms(ctx, reading, tools, prompts, directory)
    ):
        return [tool_call("end_call")]
    if "transfer_to_conference_host" in tools:
        said = at_reception(ctx, reading, prompts, regions, limit)
        said = said or team_members(reading.text, prompts, directory)  # "who's in support?"
        said = said or team_asked(reading.text, prompts, directory)  # "is there a billing dept?"
        said = said or who_is(reading.text, prompts, directory)  # "whos Dana White"
        said = said or reception_answer(reading, prompts)  # "whats ur name btw"
        if said:  # "quick question first, ...", "It's Priya. Can you do transfers?"
            return [" ".join([said, *asking_next(ctx, prompts)])]
        return receptionist_turn(ctx, reading, prompts)
    if "correct_caller_name" in tools and (renamed := renaming(ctx, reading, prompts)):
        # "actually it's Anand, not Anan"; "This is Stefan. And my name is Juergen": both
        steps = named_beside(ctx, reading, prompts, directory, renamed)
        if isinstance(renamed, str) and (pending := pending_read_back(ctx, prompts)):
            return [*steps, read_again(pending)]  # "my surname is spelled D-E-S-H...": as it
        return steps  # is, so the read-back waiting is said again for the yes after it
    if "add_sip_participant" in tools and describes_people(ctx, reading.text, prompts):
        return [prompts.offline.followups.people_noted]  # "Priya's my boss btw": no one asked
    if "add_sip_participant" in tools and (
        named := naming_first(ctx, reading.text, prompts, directory)
    ):
        return named  # "the client is Mr Okonkwo by the way, and who's on?": named first
    if "add_sip_participant" in tools:  # small talk with the others on the call: unanswered
        steps = kept_out(heard, reading, prompts) or host_turn(ctx, reading, prompts, directory)
        return unless_aside(steps, ctx, reading, prompts, directory)
    return [prompts.offline.help]
