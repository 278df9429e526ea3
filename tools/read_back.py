"""The read-back and the caller's yes: the two halves of every dial and transfer.

`read_back` says a checked destination to the caller and records it; `take_confirmed` hands
it to the acting tool only when the confirmation rule (`workflows/call/confirmation.py`)
finds the caller's clear yes to it in the session history, and otherwise reads it back again.
Nothing the model supplies decides this: not a call id, not the text of a "yes".

Why not the framework's `GetPhoneNumberTask` (an AgentTask whose confirm tool exists only
after the read-back): its confirmation is still a tool the model calls on whatever the caller
said, so the code check here would be needed anyway; and as a task it would take the caller's
"no, make that 0162" or "call Dana instead" away from the host, whose tools handle them.
"""

from livekit.agents import RunContext, ToolError, ToolResult

from prompts.schema import render
from tools.guards import log_refusal, permit
from workflows.call import confirmation
from workflows.call.asking import asks
from workflows.call.confirmation import Purpose, ReadBack
from workflows.call.legs import Leg
from workflows.call.phone import mask
from workflows.lifecycle import keypad, questions
from workflows.lifecycle.state import CallState


def may_ask(context: RunContext[CallState], purpose: Purpose) -> Leg | None:
    """Who asks for a read-back of `purpose` (None: the caller), checked before any lookup or
    parsing: a participant's add is put to the caller, their transfer of anyone refused as
    the caller's alone ("Monica: Ava, transfer Sam to support"), never "I couldn't find"."""
    return permit(context, "add" if purpose == "add" else "transfer")


def read_back(
    context: RunContext[CallState],
    target: str,
    name: str,
    purpose: Purpose,
    extension: str,
    described: str | None = None,
) -> ToolResult:
    """Say the read-back of a destination to the caller and wait for their yes.

    `name` names the callee from then on ("Dana Scully"); `described` is the fuller form read
    back once ("Dana Scully from Sales at +1 415-555-0142"), defaulting to `name`. The
    read-back names the extension and the purpose too.
    """
    state = context.userdata
    asker = may_ask(context, purpose)
    host = state.prompts.host
    who = described or name
    if extension:
        who = render(host.with_extension, who=who, extension=" ".join(extension))
    template = {
        "add": host.read_back,
        "transfer": host.transfer.read_back,
        "warm_transfer": host.transfer.read_back_warm,
    }[purpose]
    text = render(template, who=who)
    caller = state.caller.name or host.unnamed_caller
    if asker is not None:  # a participant asked: the question is the caller's to answer
        text = render(
            host.for_participants.read_back, caller_name=caller, speaker=asker.name, who=who
        )
    if purpose == "add":  # a number the caller keyed: the keys that answer are said too
        text = keypad.offer_keys(state, target, text)
    turn = context.speech_handle.id
    earlier = state.read_back
    state.read_back = ReadBack(target, name, purpose, extension, text, turn)
    state.log.write("read_back", purpose=purpose, target=mask(target))
    if earlier is not None and earlier.turn == turn:  # two read-backs in one turn
        state.read_back.void = True
        log_refusal(state, "two_read_backs", mask(target))
        raise ToolError(host.two_read_backs)
    if notice := _not_done(state, earlier, state.read_back):  # never dropped unsaid
        state.log.write("read_back_replaced", purpose=earlier.purpose, target=mask(earlier.target))
        text = f"{notice} {text}"
    questions.ask(state, state.read_back, text)  # the caller's yes counts once it is heard
    said = render(host.read_back_said, text=text)
    if asker is not None:
        said = render(host.for_participants.read_back_said, text=text, caller_name=caller)
    return ToolResult(said, reply_required=False)


def _not_done(state: CallState, earlier: ReadBack | None, now: ReadBack) -> str:
    """What the caller hears about a read-back that a new one replaces before they answered
    it: that it was not dialled (or transferred to). Nothing when they had said no to it, nor
    when the same one is read again after the host answered the caller's question ("is she
    even in your contacts?"): nothing was refused, the question still waits."""
    if earlier is None or earlier.void:
        return ""
    after = questions.said_after(state, earlier)
    replies = [item.text_content for item in after if item.id not in state.spoken_by]
    same = (earlier.target, earlier.purpose) == (now.target, now.purpose)
    if same and replies and all(_asks(reply or "") for reply in replies):
        return ""  # the caller asked about it ("how much does this cost me?"): nothing refused
    words = state.prompts.confirmation
    if any(confirmation.says_no(reply, words) for reply in replies if reply):
        return ""
    host = state.prompts.host
    phrase = host.not_dialled if earlier.purpose == "add" else host.transfer.not_transferred
    return render(phrase, who=earlier.name)


def _asks(reply: str) -> bool:
    """Whether a reply is a question of a few words ("is she even in your contacts?", "wait, if
    he doesnt pick up what happens"), not a doubtful answer ("yes?")."""
    return asks(reply, words=3)


def take_confirmed(
    context: RunContext[CallState], purpose: Purpose, target: str | None, name: str
) -> ReadBack | ToolResult:
    """The read-back the caller just confirmed for `purpose`, spent so it acts only once.

    Raises ToolError when nothing suitable was read back. When the caller has not clearly
    confirmed it, the read-back is said again (a new window) and a ToolResult telling the
    model to wait is returned instead. `target` None accepts whatever was read back for
    `purpose` (transfers take no argument).
    """
    state = context.userdata
    permit(context, "dial" if purpose == "add" else "transfer")  # only the caller acts on a yes
    host = state.prompts.host
    pending = state.read_back
    if pending is None or pending.purpose != purpose or target not in (None, pending.target):
        log_refusal(state, "nothing_read_back", mask(target))
        first = host.confirm_first if purpose == "add" else host.transfer.confirm_first
        raise ToolError(render(first, who=name))
    # Who said each message since: a participant's turn is never the caller's.
    after = [
        ("participant" if item.id in state.spoken_by else item.role, item)
        for item in questions.said_after(state, pending)
    ]
    reply = next((item for role, item in after if role == "user"), None)
    reply_began = state.turn_began.get(reply.id) if reply else None  # not "now"
    reason = confirmation.check(
        pending,
        [(role, item.text_content or "") for role, item in after],
        reply_began,
        state.prompts.confirmation,
    )
    if reason is None:
        state.read_back = None
        return pending
    log_refusal(state, reason, mask(pending.target))
    if reason == "two_read_backs":
        state.read_back = None
        raise ToolError(host.two_read_backs)
    if pending.turn == context.speech_handle.id:  # acting in the turn that read it back
        raise ToolError(host.wait_for_answer)
    again = f"{host.too_late if reason == 'too_late' else host.not_confirmed} {pending.text}"
    turn = context.speech_handle.id
    read_again = ReadBack(
        pending.target, pending.name, purpose, pending.extension, pending.text, turn
    )
    questions.ask(state, read_again, again)
    return ToolResult(render(host.read_back_said, text=again), reply_required=False)
