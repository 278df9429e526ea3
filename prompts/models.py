"""The strict models of the prompt files: one per file, nested ones per feature.

Every phrase the code speaks lives in `prompts/*.yaml`; `VARIABLES` says which `$variables`
each key may use (anything else is rejected at load time with file, line and key)."""

from __future__ import annotations

from prompts.answers import OfflineAnswers
from prompts.asides import HostAsides
from prompts.controls import HostControls
from prompts.followups import OfflineFollowUps
from prompts.keypad import HostKeypad
from prompts.participants import HostParticipants
from prompts.schema import Strict, render


class SharedTimeouts(Strict):
    """Said at MAX_CALL_DURATION or IDLE_TIMEOUT (`workflows/lifecycle/watchdog.py`)."""

    max_duration: str
    idle_warning: str
    idle_end: str


class SharedPrompt(Strict):
    """Phrases of the tools both agents share (`tools/common.py`)."""

    goodbye: str
    already_ending: str
    state_summary: str
    not_known: str  # get_call_state's caller or reason not given yet
    nobody_dialled: str  # get_call_state's participants before any dial
    timeouts: SharedTimeouts
    VARIABLES = {"state_summary": ("caller", "reason", "participants", "minutes")}


class ReceptionistPrompt(Strict):
    persona: str
    task: str
    greeting: str
    missing_details: str  # told to the model when it hands off too early
    handed_over: str  # told to the model when the host takes over
    VARIABLES = {"handed_over": ("name",)}

    @property
    def instructions(self) -> str:
        return f"{self.persona}\n\n{self.task}"


class HostStatus(Strict):
    """How each `sip.callStatus` is said when listing participants."""

    dialing: str
    ringing: str
    automation: str
    active: str
    hangup: str
    never_answered: str  # instead of hangup for a leg that ended before anyone answered
    muted: str  # added after the status of a muted participant


class HostRefusals(Strict):
    """What the caller hears when the dial policy refuses a number, one phrase per rule."""

    allow_only: str
    denied_prefix: str
    region: str
    number_type: str
    duplicate: str
    max_dials_per_call: str
    max_ringing: str
    cooldown: str
    VARIABLES = {
        "allow_only": ("who",),
        "denied_prefix": ("who",),
        "region": ("who", "regions"),
        "number_type": ("who", "kind"),
        "duplicate": ("who",),
        "max_dials_per_call": ("limit",),
        "max_ringing": ("limit",),
        "cooldown": ("who", "seconds"),
    }


class HostDirectory(Strict):
    """Looking people up by name in the directory (`tools/directory.py`)."""

    ambiguous: str
    unknown: str
    no_number: str
    refused: str  # a contact's number the dial policy refused: whose it is, then why
    VARIABLES = {"ambiguous": ("name", "choices"), "unknown": ("name",), "no_number": ("who",)}
    VARIABLES |= {"refused": ("who", "refusal")}


class HostTransfer(Strict):
    """Cold and warm transfers of the caller (`tools/transfer.py`)."""

    read_back: str
    read_back_warm: str
    confirm_first: str
    transferring: str
    failed: str
    not_possible: str
    warm_calling: str
    introduce: str
    handed_over: str
    not_transferred: str  # a transfer read-back was replaced before the caller answered it
    not_handed_over: str  # to the model: a warm transfer failed, the caller heard why
    VARIABLES = {
        "not_transferred": ("who",),
        "read_back": ("who",),
        "read_back_warm": ("who",),
        "confirm_first": ("who",),
        "transferring": ("who",),
        "failed": ("who",),
        "not_possible": (),
        "warm_calling": ("who",),
        "introduce": ("who", "caller_name", "caller_reason"),
        "handed_over": ("who",),
        "not_handed_over": ("who",),
    }


class HostVoicemail(Strict):
    """A dialled leg answered by a machine (`workflows/lifecycle/dialing.py`, VOICEMAIL_ACTION)."""

    hung_up: str
    message: str
    left_message: str
    VARIABLES = {"hung_up": ("who",), "message": ("caller_name",), "left_message": ("who",)}


class NumberProblems(Strict):
    """Why a text is no phone number, said as `invalid_number`'s $reason: one per kind of
    `workflows.call.phone.InvalidNumber`."""

    too_long: str
    empty: str
    signs: str
    too_short: str
    unreadable: str
    invalid: str


class HostPrompt(Strict):
    name: str  # what participants call the host to address it ("Ava, who is on?")
    persona: str
    task: str
    greeting: str
    greeting_transfer: str  # the greeting when the caller asked the receptionist for a desk
    greeting_unnamed: str  # $caller_name in the greetings when the caller gave none
    greeting_asked: str  # the greeting when the caller asked the receptionist for their own
    read_back: str  # the number read back before dialling
    with_extension: str  # how a destination with an extension is named in a read-back
    read_back_said: str  # tells the model the read-back was said and to wait
    confirm_first: str  # the model tried to dial without a read-back
    not_confirmed: str  # said before the read-back again when there was no clear yes
    too_late: str  # the same, when the yes began after the confirmation window (30 s)
    wait_for_answer: str  # the model acted on a read-back in the turn that read it
    two_read_backs: str  # two read-backs in one turn: neither can be confirmed
    not_dialled: str  # said before a read-back that replaces one the caller did not answer
    call_ending: str  # a dial or transfer after the call began to end
    dialing: str
    invalid_number: str
    number_problems: NumberProblems
    refused: HostRefusals
    ringing: str  # announcements as a dialled leg changes status, each naming the callee $who
    joined: str
    busy: str
    no_answer: str
    declined: str
    unknown_number: str
    hung_up: str
    removed: str
    failed: str
    config_error: str
    participants: str
    participant: str
    caller_entry: str  # how the caller is listed among the participants
    unnamed_caller: str  # the caller's name, to the others on the call, when they gave none
    unnamed_caller_outside: str  # ... to someone being called (a transfer, a voicemail)
    unknown_reason: str  # what the caller called about, when they did not say
    just_us: str
    status: HostStatus
    directory: HostDirectory
    controls: HostControls
    transfer: HostTransfer
    voicemail: HostVoicemail
    for_participants: HostParticipants  # said to the people dialled in
    keypad: HostKeypad
    asides: HostAsides  # the caller's words to someone else on the call
    VARIABLES = {
        "task": ("caller_name", "caller_reason"),
        "greeting": ("caller_name",),
        "greeting_transfer": ("caller_name", "who"),
        "greeting_asked": ("caller_name",),
        "read_back": ("who",),
        "with_extension": ("who", "extension"),
        "read_back_said": ("text",),
        "confirm_first": ("who",),
        "not_confirmed": ("who",),
        "not_dialled": ("who",),
        "dialing": ("who",),
        "invalid_number": ("text", "reason"),
        **{
            key: ("who",)
            for key in (
                "ringing",
                "joined",
                "busy",
                "no_answer",
                "declined",
                "unknown_number",
                "hung_up",
                "removed",
                "failed",
                "config_error",
            )
        },
        "participants": ("list",),
        "participant": ("who", "status"),
        "caller_entry": ("caller_name",),
    }

    def instructions(self, caller_name: str | None, caller_reason: str | None) -> str:
        """The host's instructions for a caller known so far by `caller_name` and reason."""
        task = render(
            self.task,
            caller_name=caller_name or "not known yet",
            caller_reason=caller_reason or "not stated",
        )
        rule = render(self.asides.rule, marker=self.asides.marker)
        return f"{self.persona}\n\n{task}\n{rule}"


class OfflinePrompt(Strict):
    """What the offline rehearsal model says when it is not relaying a tool's result."""

    ask_name: str
    ask_reason: str
    ask_number: str
    ask_transfer_to: str  # "transfer me across" with nobody read back: to whom?
    wrong_number: str
    anything_else: str
    receptionist_not_understood: str
    host_not_understood: str
    help: str
    too_long: str  # a caller line longer than the offline model reads
    dropped: str  # "cancel that" while a read-back waits for the caller's yes
    dropped_transfer: str  # the same for a transfer's read-back
    bring_whom: str  # after the host's offer of a desk is declined: whom to bring in
    nothing_to_cancel: str  # "cancel that" with nothing ringing and nothing read back
    nobody_ringing: str  # the same with people on the call: who they are, none removed
    not_a_number: str  # digits were said, but no whole phone number
    ask_name_again: str  # the name question was answered with no name
    ask_name_not_yes: str  # the name question answered "ye", "yep", "lol": a yes, no name
    ask_name_why: str  # the name question answered with more of the need: why the name
    ask_reason_again: str  # the question what they need was answered with no need
    transfer_question: str  # "will I lose you if you transfer me?"
    transfer_kind: str  # "is this a cold transfer?": straight through unless asked to introduce
    transfer_not_reached_warm: str  # "if she doesn't pick up, what happens to me?": you stay
    transfer_picked_up: str  # "will somebody pick up or is it a recording?": it rings them
    transfer_warm: str  # the same asked of a warm transfer: it introduces the caller first
    transfer_others_warm: str  # the same for a warm transfer: the others stay on
    transfer_others: str  # "what happens with Matthias when you transfer me?"
    which_person: str  # "mute her" with several people on the call
    still_here: str  # "are you still there with me?": said before who is on the call
    person_status: str  # "is Dana still with us?": that person only ($who, $status)
    not_muted: str  # "unmute Monica" when nobody muted her ($who)
    is_muted: str  # "is Dana muted?" when she is ($who)
    is_not_muted: str  # "is Dana muted?" when she is on and heard ($who)
    console_intro: str  # the text console's first screen (`make run`): what to say
    team_members: str  # "who's in the sales team?": the directory's contacts in it
    which_of_team: str  # after the team's members, to "someone in your sales team, who's in it?"
    will_introduce: str  # "what are you gonna tell him?" before a warm transfer
    will_transfer: str  # "you're transferring me, right?" to a read-back: a transfer it is
    will_add: str  # "he's joining this call, isn't he?" to a read-back: an add it is
    how_to_key: str  # "I'll type it in then" after the keypad was offered
    whose_number: str  # "is that Dana's number?": the directory contact it is
    number_unlisted: str  # the same, for a number no directory contact has
    number_waiting: str  # a participant's "who is the 510 number?" of the caller's add waiting
    right_line: str  # "is this the right line for tech support?" to the receptionist
    right_line_call: str  # "... to set up the review call, is that right?": yes, the call
    already_with_you: str  # "transfer me to her" while she is on this call ($who)
    still_ringing_for_you: str  # the same while their phone still rings ($who): not on yet
    answers: OfflineAnswers  # "can you dial abroad?", "are you a bot?", "how long so far?"
    followups: OfflineFollowUps  # "cancel that call", "Fox Scully", "his mobile or desk?"
    VARIABLES = {"ask_reason": ("name",), "dropped": ("who",), "dropped_transfer": ("who",)}
    VARIABLES |= {"team_members": ("team", "who"), "will_introduce": ("introduction",)}
    VARIABLES |= {"person_status": ("who", "status"), "not_muted": ("who",)}
    VARIABLES |= {"is_muted": ("who",), "is_not_muted": ("who",)}
    VARIABLES |= {"whose_number": ("number", "who"), "number_unlisted": ("number",)}
    VARIABLES |= {"number_waiting": ("number", "caller_name")}
    VARIABLES |= {"already_with_you": ("who",), "still_ringing_for_you": ("who",)}
    VARIABLES |= {"nobody_ringing": ("who",)}
