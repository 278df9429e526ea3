"""The strict models of the prompt files: one per file, nested ones per feature.

Every phrase the code speaks lives in `prompts/*.yaml`; `VARIABLES` says which `$variables`
each key may use (anything else is rejected at load time with file, line and key).
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo

from prompts.keypad import HostKeypad
from prompts.schema import Strict, render


class SharedTimeouts(Strict):
    """Said when a call hits MAX_CALL_DURATION or IDLE_TIMEOUT
    (`workflows/lifecycle/watchdog.py`)."""

    max_duration: str
    idle_warning: str
    idle_end: str


class SharedPrompt(Strict):
    """Phrases of the tools both agents share (`tools/common.py`)."""

    goodbye: str
    already_ending: str
    state_summary: str
    timeouts: SharedTimeouts
    VARIABLES = {"state_summary": ("caller", "reason", "participants", "minutes")}


class ReceptionistPrompt(Strict):
    persona: str
    task: str
    greeting: str
    missing_details: str  # told to the model when it hands off too early

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
    VARIABLES = {"ambiguous": ("name", "choices"), "unknown": ("name",), "no_number": ("who",)}


class HostControls(Strict):
    """Removing, muting and sending keys (`tools/conference.py`)."""

    not_on_call: str
    which_one: str
    muted: str
    unmuted: str
    digits_sent: str
    bad_digits: str
    nobody_to_hear_keys: str  # send_digits with no dialled person (or menu) on the call
    cancelled: str  # remove_participant hung up a phone still dialling or ringing
    VARIABLES = {
        "cancelled": ("who",),
        "not_on_call": ("who",),
        "which_one": ("who", "choices"),
        "muted": ("who",),
        "unmuted": ("who",),
        "digits_sent": ("digits",),
        "bad_digits": ("digits",),
        "nobody_to_hear_keys": ("digits",),
    }


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


class HostPrompt(Strict):
    persona: str
    task: str
    greeting: str
    greeting_transfer: str  # the greeting when the caller asked the receptionist for a desk
    read_back: str  # the number read back before dialling
    with_extension: str  # how a destination with an extension is named in a read-back
    read_back_said: str  # tells the model the read-back was said and to wait
    confirm_first: str  # the model tried to dial without a read-back
    not_confirmed: str  # said before the read-back again when there was no clear yes
    wait_for_answer: str  # the model acted on a read-back in the turn that read it
    two_read_backs: str  # two read-backs in one turn: neither can be confirmed
    not_dialled: str  # said before a read-back that replaces one the caller did not answer
    call_ending: str  # a dial or transfer after the call began to end
    dialing: str
    invalid_number: str
    refused: HostRefusals
    # Announcements as a dialled leg changes status; each names the callee as $who.
    ringing: str
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
    just_us: str
    status: HostStatus
    directory: HostDirectory
    controls: HostControls
    transfer: HostTransfer
    voicemail: HostVoicemail
    keypad: HostKeypad
    VARIABLES = {
        "task": ("caller_name", "caller_reason"),
        "greeting": ("caller_name",),
        "greeting_transfer": ("caller_name", "who"),
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

    def instructions(self, caller_name: str, caller_reason: str) -> str:
        task = render(self.task, caller_name=caller_name, caller_reason=caller_reason)
        return f"{self.persona}\n\n{task}"


class OfflinePrompt(Strict):
    """What the offline rehearsal model says when it is not relaying a tool's result."""

    ask_name: str
    ask_reason: str
    ask_number: str
    wrong_number: str
    anything_else: str
    receptionist_not_understood: str
    host_not_understood: str
    help: str
    too_long: str  # a caller line longer than the offline model reads
    dropped: str  # "cancel that" while a read-back waits for the caller's yes
    dropped_transfer: str  # the same for a transfer's read-back
    nothing_to_cancel: str  # "cancel that" with nothing ringing and nothing read back
    not_a_number: str  # digits were said, but no whole phone number
    ask_name_again: str  # the name question was answered with no name
    ask_reason_again: str  # the question what they need was answered with no need
    transfer_question: str  # "will I lose you if you transfer me?"
    which_person: str  # "mute her" with several people on the call
    still_here: str  # "are you still there with me?": said before who is on the call
    console_intro: str  # the text console's first screen (`make run`): what to say
    VARIABLES = {"ask_reason": ("name",), "dropped": ("who",), "dropped_transfer": ("who",)}


_WORD = r"[^\W\d_]+(?:'[^\W\d_]+)?"  # a word, maybe with an apostrophe: "that's"


def _phrase(text: str) -> str:
    if text != text.lower() or not re.fullmatch(rf"{_WORD}(?: {_WORD})*", text):
        raise ValueError(f"{text!r} must be lower-case words separated by single spaces")
    return text


Phrase = Annotated[str, AfterValidator(_phrase)]


def _answer_phrase(text: str, info: ValidationInfo) -> str:
    """A yes, filler or lead-in phrase: holds no "no" phrase and is in one list only (matched
    without apostrophes, as the rule matches: "thats" is "that's")."""
    key = match_key(text)
    if clash := next((no for no in info.data.get("no", ()) if contains(key, match_key(no))), None):
        raise ValueError(f"{text!r} contains {clash!r}, which is a 'no' phrase")
    for kind in ("yes", "filler"):  # the lists validated before this one
        if kind != info.field_name and key in map(match_key, info.data.get(kind, ())):
            raise ValueError(f"{text!r} is also a {kind!r} phrase")
    return text


def match_key(words: str) -> str:
    """A word or phrase as the yes rule matches it: apostrophes do not count ("thats" is
    "that's", "maam" is "ma'am"), as recognizers and typists often leave them out."""
    return words.replace("'", "")


AnswerPhrase = Annotated[Phrase, AfterValidator(_answer_phrase)]


class ConfirmationWords(Strict):
    """`prompts/confirmation.yaml`: what counts as the caller's yes or no to a read-back
    (`workflows/call/confirmation.py`). Validated in this order: `no` first, so that every
    other phrase can be checked against it."""

    no: list[Phrase] = Field(min_length=1)
    yes: list[AnswerPhrase] = Field(min_length=1)
    filler: list[AnswerPhrase] = Field(default_factory=list)
    lead_in: list[AnswerPhrase] = Field(default_factory=list)  # never last: "um", "and"


def contains(text: str, phrase: str) -> bool:
    """Whether the words of `phrase` appear, in order and together, among the words of `text`."""
    return f" {phrase} " in f" {text} "
