"""Conference controls for the host: remove, mute and unmute people, and press keys.

People are named the way the caller names them: a directory name ("Dana"), the number or its
last digits ("the one ending 0100"), or "everyone" for mute and unmute.
"""

import logging
import re
from typing import Annotated, Literal

from livekit.agents import Agent, RunContext, ToolError, function_tool
from pydantic import Field

from prompts.schema import render
from tools.guards import call_ending_refusal, permit
from workflows.call.confirmation import words_of
from workflows.call.legs import Leg, everyone_but, person_name
from workflows.lifecycle import events
from workflows.lifecycle.state import CallState
from workflows.telephony.protocol import TelephonyError

log = logging.getLogger("tools.conference")

_KEYS = re.compile(r"^[0-9*#]{1,32}$")
# Argument caps, checked by the framework's schema validation before any parsing here.
MAX_WHO = 80  # "Dana Scully from Sales", "+1 415 555 0100", "the one ending 0100"
MAX_DIGITS_TEXT = 64  # up to 32 keys, spaces allowed between them
Who = Annotated[str, Field(max_length=MAX_WHO)]
_EVERYONE = {"everyone", "everybody", "all", "everyone else", "all of them"}


class ConferenceControls:
    """Remove, mute/unmute and DTMF. Mix in before `Agent` in the bases."""

    @function_tool
    async def remove_participant(self, context: RunContext[CallState], who: Who) -> str:
        """Hang up one person the host dialled into the call, by name or number.

        Call this when the caller asks to drop, remove or disconnect someone. It also cancels
        a call still dialling or ringing: call it when the caller says "cancel that", "don't
        ring her" or "stop calling him" about someone not yet answered. It cannot remove the
        caller; to end the whole call, use end_call.

        Args:
            who: The person as the caller named them: a name, a number or its last digits.
        """
        state = context.userdata
        host = state.prompts.host
        [leg] = _named(context, who, "remove", allow_everyone=False)
        if leaving := permit(context, "remove", about=leg):  # a participant leaves: goodbye
            await context.session.say(
                render(host.for_participants.goodbye, speaker=leaving.name)
            ).wait_for_playout()
        try:  # announced here, not again by the room event (nor by the dial it ends)
            with call_ending_refusal(state):
                await events.hang_up(state, leg, "removed", "PARTICIPANT_REMOVED")
        except TelephonyError as e:
            log.error("remove %s failed: %s", leg.identity, e)
            raise ToolError(render(state.prompts.host.failed, who=leg.name)) from None
        state.log.write("removed", identity=leg.identity, answered=leg.answered)
        if leaving:
            return render(host.for_participants.left, speaker=leg.name)
        # A phone that never answered was called off, not removed from the call.
        return render(host.removed if leg.answered else host.controls.cancelled, who=leg.name)

    @function_tool
    async def mute_participant(
        self, context: RunContext[CallState], who: Who, muted: bool = True
    ) -> str:
        """Mute or unmute someone on the call for everyone, by name or number.

        Call this when the caller asks to mute or unmute a person, or "everyone". The caller
        themselves cannot be muted here.

        Args:
            who: A name, a number or its last digits, "everyone", or "everyone except" one
                of them ("everyone except Dana").
            muted: True to mute, False to unmute.
        """
        state = context.userdata
        controls = state.prompts.host.controls
        named = _named(context, who, "mute", allow_everyone=True)
        for leg in named:  # a participant may mute or unmute only themselves
            permit(context, "mute", about=leg if len(named) == 1 else None)
        # Once the call is ending the guard refuses any change: tried, never "already muted".
        legs = named if state.ending else await _to_change(state, named, muted)
        if not legs:  # no false "I've unmuted"
            who = " and ".join(leg.name for leg in named)
            if len(named) > 1:  # "Sven and Monica aren't muted"
                said = controls.already_muted_several if muted else controls.not_muted_several
                return render(said, who=who)
            return render(controls.already_muted if muted else controls.not_muted, who=who)
        for leg in legs:
            try:
                with call_ending_refusal(state):
                    await state.telephony.set_muted(leg.identity, muted)
            except TelephonyError as e:
                log.error("mute %s failed: %s", leg.identity, e)
                raise ToolError(render(state.prompts.host.failed, who=leg.name)) from None
            state.log.write("muted" if muted else "unmuted", identity=leg.identity)
        names = " and ".join(leg.name for leg in legs)
        return render(controls.muted if muted else controls.unmuted, who=names)

    @function_tool
    async def correct_caller_name(
        self, context: RunContext[CallState], name: Annotated[str, Field(max_length=MAX_WHO)]
    ) -> str:
        """Call the caller by a corrected name from now on.

        Call this only when the caller says you have their own name wrong, or gives it anew:
        "it's Anand, not Anan", "actually, call me Grace". Never for anyone else's name: the
        people on the call are named as the caller named them.

        Args:
            name: The caller's name as they now give it, e.g. "Anand Krishnamurthy".
        """
        state = context.userdata
        permit(context, "rename")  # only the caller names themselves
        controls = state.prompts.host.controls
        name = " ".join(name.split()).strip(" .,!?")
        if not name:
            raise ToolError(controls.no_name)
        state.caller.name = name
        state.log.write("caller_renamed")
        if isinstance(self, Agent):  # the instructions name the caller
            await self.update_instructions(
                state.prompts.host.instructions(state.caller.name, state.caller.reason)
            )
        return render(controls.renamed, name=name)

    @function_tool
    async def name_participant(
        self,
        context: RunContext[CallState],
        who: Who,
        name: Annotated[str, Field(max_length=MAX_WHO)],
    ) -> str:
        """Call a person already dialled into the call by the name the caller gives them.

        Call this when the caller tells you who someone you dialled is: "her name's Priya",
        "the guy who just joined is Ben", or "Kayla is 415 555 0146" once that number has been
        dialled. From then on that person is named so in who's on the call and in your news,
        and the caller can say "mute Kayla". It dials no one and changes no one's status.
        Never for the caller's own name: use correct_caller_name.

        Args:
            who: The person as named now: their number, its last digits, or their name.
            name: Only the name the caller gave them, e.g. "Priya" or "Kayla Kowalski".
        """
        state = context.userdata
        permit(context, "rename")  # only the caller names people
        controls = state.prompts.host.controls
        given = person_name(name)
        reserved = _EVERYONE | {"host", "caller", "me", state.prompts.host.name.lower()}
        if given is None or given.lower() in reserved:
            raise ToolError(render(controls.bad_person_name, name=name))
        [leg] = _match(state, who, allow_everyone=False)
        if any(
            other is not leg and other.name.lower() == given.lower() for other in state.live_legs()
        ):
            raise ToolError(render(controls.name_taken, name=given))
        before, leg.name = leg.name, given
        log.info("leg %s (%s) named by the caller", leg.identity, leg.masked)
        state.log.write("participant_named", identity=leg.identity)
        return render(controls.participant_named, who=before, name=given)

    @function_tool
    async def send_digits(
        self,
        context: RunContext[CallState],
        digits: Annotated[str, Field(max_length=MAX_DIGITS_TEXT)],
    ) -> str:
        """Press phone keys (DTMF) on the call, e.g. to answer an automated menu.

        Call this when the caller asks you to press or dial keys on a menu, like "press 1" or
        "enter 1234#". Everyone on the call hears the tones. Not for dialling new people: use
        read_back_number for that.

        Args:
            digits: The keys to press, only 0-9, * and #, e.g. "1" or "1234#".
        """
        state = context.userdata
        permit(context, "press_keys")
        controls = state.prompts.host.controls
        keys = re.sub(r"\s", "", digits)  # "1 2 3 #" is fine; anything else but keys is not
        if not _KEYS.match(keys):
            raise ToolError(render(controls.bad_digits, digits=digits))
        if not any(leg.answered for leg in state.live_legs()):  # only the caller would hear them
            raise ToolError(render(controls.nobody_to_hear_keys, digits=" ".join(keys)))
        try:
            with call_ending_refusal(state):
                await state.telephony.send_dtmf(keys)
        except TelephonyError as e:
            log.error("DTMF failed: %s", e)
            raise ToolError(controls.keys_failed) from None
        state.log.write("dtmf", count=len(keys))
        return render(controls.digits_sent, digits=" ".join(keys))


async def _to_change(state: CallState, legs: list[Leg], muted: bool) -> list[Leg]:
    """The legs whose microphone the room does not already have `muted` as asked; all of them
    when the room cannot be listed (muting twice is harmless, a false "already" is not)."""
    try:
        in_room = {p.identity: p.muted for p in await state.telephony.list_participants()}
    except TelephonyError as e:
        log.warning("mute: room listing failed, muting as asked: %s", e)
        return legs
    return [leg for leg in legs if in_room.get(leg.identity, not muted) != muted]


def _names_caller(state: CallState, who: str) -> bool:
    """Whether `who` is the caller's own name, or part of it ("Priya" for Priya Raghavan)."""
    words = set(words_of(who))
    return bool(words) and words <= set(words_of(state.caller.name or ""))


def _named(
    context: RunContext[CallState],
    who: str,
    action: Literal["remove", "mute"],
    *,
    allow_everyone: bool,
) -> list[Leg]:
    """The live legs `who` names (`_match`) for `action`, "remove" or "mute". When none does,
    a participant is refused as for anyone else ("Ava, remove kai", "mute ada" of the caller:
    only the caller may), never told "I don't see"; removing the caller is ending their call,
    theirs alone. The caller hears who is not on the call."""
    try:
        return _match(context.userdata, who, allow_everyone=allow_everyone)
    except ToolError:
        ends = action == "remove" and _names_caller(context.userdata, who)
        permit(context, "end" if ends else action)
        raise


def _match(state: CallState, who: str, *, allow_everyone: bool) -> list[Leg]:
    """The live legs `who` names; exactly one unless "everyone". ToolError otherwise."""
    controls = state.prompts.host.controls
    legs = state.live_legs()
    wanted = " ".join(who.lower().split()).strip(" .?!")
    if allow_everyone and wanted in _EVERYONE and legs:
        return legs
    if allow_everyone and (but := everyone_but(who)):
        [kept] = _match(state, but, allow_everyone=False)
        if not (others := [leg for leg in legs if leg is not kept]):
            raise ToolError(render(controls.nobody_else, who=kept.name))
        return others
    groups = re.findall(r"\d+", wanted)
    # "+1 415 555 0100" names a whole number; "the one ending 0100" only its last digits.
    digits = (
        "".join(groups)
        if "+" in wanted or len("".join(groups)) >= 7
        else (groups[-1] if groups else "")
    )
    words = set(words_of(wanted)) - {
        "the",
        "one",
        "ending",
        "in",
        "with",
        "mr",
        "ms",
        "number",
        "on",
    }
    found = [
        leg
        for leg in legs
        if (len(digits) >= 2 and leg.phone_number.endswith(digits))
        or (words and words <= set(words_of(leg.name)))
    ]
    if not found:
        raise ToolError(render(controls.not_on_call, who=who))
    if len(found) > 1:
        choices = " or ".join(leg.name for leg in found)
        raise ToolError(render(controls.which_one, who=who, choices=choices))
    return found
