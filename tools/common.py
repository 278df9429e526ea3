"""Tools both agents offer, defined once. Mix `CallTools` in before `Agent` in the bases."""

from livekit.agents import RunContext, StopResponse, function_tool

from prompts.schema import render
from tools.guards import permit
from workflows.lifecycle.ending import end_call_once
from workflows.lifecycle.state import CallState


class CallTools:
    """End the call and report its state, from whichever agent is talking."""

    @function_tool
    async def end_call(self, context: RunContext[CallState]) -> str:
        """Say goodbye and end the call for everyone on it.

        Call this when the caller says goodbye, asks to hang up, or wants to end the conference.
        Not when they only ask you to drop off and leave them talking: you cannot leave a call
        running (say so and stay).
        Do not say goodbye yourself first: this tool says it, waits for it to be heard, then
        hangs up everyone, including people dialled into the call.
        """
        state = context.userdata
        permit(context, "end")  # the caller's call: only they end it for everyone
        ending = end_call_once(
            state,
            context.session,
            "end_call",
            goodbye=state.prompts.shared.goodbye,
            first=context.wait_for_playout,  # let what is being said finish first
        )
        if ending is None:
            return state.prompts.shared.already_ending
        await ending
        raise StopResponse()

    @function_tool
    async def get_call_state(self, context: RunContext[CallState]) -> str:
        """Report what is known about this call so far.

        Gives the caller's name and reason, everyone dialled with their status, and how long
        the call has lasted. Call this to check details before answering a question about the
        call. It does not contact anyone; use list_participants (when available) for who is in
        the room now.
        """
        state = context.userdata
        permit(context, "who_is_on")
        host = state.prompts.host
        legs = []
        for leg in state.legs.values():
            status = getattr(host.status, leg.status)
            if not leg.live and not leg.answered:  # busy, no answer: never "hung up" on anyone
                status = host.status.never_answered
            legs.append(render(host.participant, who=leg.name, status=status))
        shared = state.prompts.shared
        return render(
            shared.state_summary,
            caller=state.caller.name or shared.not_known,
            reason=state.caller.reason or shared.not_known,
            participants="; ".join(legs) or shared.nobody_dialled,
            minutes=round((state.clock() - state.started_at) / 60, 1),
        )
