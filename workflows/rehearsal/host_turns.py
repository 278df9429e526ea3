"""The conference host's turns: read numbers back, act on the caller's yes, and work the call
(remove, mute, keys, who is on it), one tool call at a time."""

from __future__ import annotations

import re

from livekit.agents import llm

from prompts.loader import Prompts, render
from workflows.call.confirmation import says_no
from workflows.call.directory import Directory
from workflows.rehearsal.call_back import called_back
from workflows.rehearsal.cancelling import call_chosen, cancel, in_team_of, instead, names_pending
from workflows.rehearsal.contact_extension import with_extension
from workflows.rehearsal.destination import (
    adds_to,
    new_destination,
    new_digits,
    purpose_of,
    specific,
    stray_digits,
    varied,
    varied_digits,
)
from workflows.rehearsal.earlier import callers_own, earlier_number
from workflows.rehearsal.follow_up import follow_up
from workflows.rehearsal.history import (
    ACTS_ON_READ_BACK,
    dialled_in,
    last_number,
    last_said,
    last_tool_failed,
    pending_read_back,
)
from workflows.rehearsal.introduction import introduction_about
from workflows.rehearsal.keys_after import keys_after_keys
from workflows.rehearsal.leg_names import names_last
from workflows.rehearsal.like_i_said import purpose_said
from workflows.rehearsal.mentions import (
    add_instead,
    awaiting_whom,
    contacts_named,
    read_again,
    referenced,
)
from workflows.rehearsal.nlu import Reading, last_digits
from workflows.rehearsal.nlu.cancel import DECLINE_RE
from workflows.rehearsal.nlu.corrections import names_its_start, with_last_digits
from workflows.rehearsal.nlu.dismiss import asks_if_dropped
from workflows.rehearsal.nlu.needs import declines_conference
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.outside import unanswered
from workflows.rehearsal.nlu.people import reference
from workflows.rehearsal.nlu.text import asks_without_refusing, without_asked_of
from workflows.rehearsal.nlu.transfer_asks import PICKED_UP_RE
from workflows.rehearsal.one_on_line import leg_named, named_already, naming
from workflows.rehearsal.questions import answer, answers_a_question
from workflows.rehearsal.queued import next_queued, offer_support
from workflows.rehearsal.retry import agreed_wait, retry, waited_for
from workflows.rehearsal.second_thoughts import yes_and_more, yes_last
from workflows.rehearsal.sequence import same_ask
from workflows.rehearsal.steps import Step, on_someone, tool_call
from workflows.rehearsal.teams import chosen_from_team
from workflows.rehearsal.then_transfer import first_as_add, transfer_now
from workflows.rehearsal.transfer_kind import (
    as_said,
    asked_while_waiting,
    cold,
    read_as_asked,
    transfer_answer,
    transfer_instead,
)
from workflows.rehearsal.whole_names import whole_names
from workflows.rehearsal.whom import described, directory_choice, keeps, known_as, not_muted, whom
from workflows.rehearsal.with_you import already_with_you, just_meant
from workflows.rehearsal.yes_rule import yes_to

_ON_SOMEONE = ("remove", "mute", "unmute")
_TRANSFERS = ("transfer", "warm_transfer")
_ONE_RE = re.compile(r"\W*(?:he|she|they)\b", re.I)  # "he there yet?": the one dialled

# A question offering two choices: a yes answers neither
_EITHER_OR_RE = re.compile(r"\s+or\s+[^?]*\?$")


def host_turn(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> list[Step]:
    offline = prompts.offline
    pending = pending_read_back(ctx, prompts)
    action = reading.action
    yes = yes_to(pending, reading.text, prompts, directory)
    no = says_no(reading.text, prompts.confirmation) and not asks_without_refusing(reading.text)
    if pending and yes:
        if pending.purpose == "add":
            return [tool_call("add_sip_participant", phone_number=pending.number or "")]
        if pending.purpose == "warm_transfer" and (about := introduction_about(ctx, prompts)):
            return [tool_call("warm_transfer", about=about)]  # "tell them it's about..."
        return [tool_call(ACTS_ON_READ_BACK[pending.purpose])]
    if now := transfer_now(ctx, reading, pending, directory):  # "yes, and afterwards put me
        return now  # through to Fox": the add asked again; "ok, go ahead": the transfer
    if pending and pending.purpose in _TRANSFERS and not yes and reading.wants_support:
        if declines_conference(reading.text):  # "I don't want a conference, just someone to
            return [read_again(pending)]  # sort out the double charge": the transfer, asked
    purpose = None if reading.asks_about_transfer or reading.numbers else reading.asks_purpose
    if pending and (purpose := transfer_instead(reading, pending.purpose) or purpose):
        # "you're transferring me, right? not adding them?"; to an add read back: "no, I mean
        # transfer me to them. will I lose you if you do that?"
        if purpose == "transfer" and pending.purpose == "warm_transfer":
            purpose = "warm_transfer"
        said = offline.will_add if purpose == "add" else offline.will_transfer
        return [said, read_again(pending, purpose)]  # asked again: the caller's yes decides
    if pending and pending.purpose == "add" and asks_if_dropped(digitize(reading.text)):
        return [offline.will_add, read_again(pending)]  # "if you dial him, will I lose Monica?"
    if pending and (said := asked_while_waiting(reading, pending.purpose, prompts)):
        return [said, read_again(pending)]  # "do the others stay on?": answered, asked again
    if pending and pending.purpose in _TRANSFERS and not yes and cold(reading, pending.purpose):
        return [read_again(pending, "transfer")]  # "no need, directly is fine": the cold one
    if (answered := answer(ctx, reading, pending, prompts, directory)) is not None:
        return answered  # "who's in the sales team?", "what are you gonna tell him?"
    if (followed := follow_up(ctx, reading, pending, prompts, directory)) is not None:
        return followed  # "and Dana?", "get Fox Scully too", "his mobile or his desk?"
    if pending and pending.purpose in _TRANSFERS and PICKED_UP_RE.search(reading.text):
        # "will somebody pick up or is it a recording?": it rings them; unanswered, you stay
        return [offline.transfer_picked_up, read_again(pending)]
    if pending and action in ("list", "status"):  # "before you do, is anyone on already?":
        return [tool_call("list_participants")]  # the list; the read-back is not dropped
    if not pending and action in (None, "add") and (one := chosen_from_team(ctx, reading, prompts)):
        return [tool_call("look_up_contact", name=one, purpose="add")]  # "Desk. Not Dana."
    if pending and pending.purpose != "add":  # "No, not a transfer. Just add him to this call"
        if add := add_instead(ctx, reading, prompts, directory):
            return [add]
    if reading.asks_about_transfer:  # "will I lose you if you transfer me?": answer, act not;
        # the read-back waiting is asked again, so the caller's next "go ahead" is its yes
        said = transfer_answer(reading, prompts, pending.purpose if pending else None)
        if not pending and action in _TRANSFERS and reading.phone_number:
            # "can you transfer me to 415 ...? will I lose you?": answered, then read back
            number = reading.numbers[0] if reading.numbers else reading.phone_number
            return [said, tool_call("read_back_number", phone_number=number, purpose=action)]
        return [said] + (
            [read_again(pending, read_as_asked(reading, pending.purpose))] if pending else []
        )
    if reading.asks_if_there:  # "are you still there, or am I connected to somebody?"
        return [offline.still_here, tool_call("list_participants")]
    if named := leg_named(ctx, reading, prompts, directory):  # "That one is Priya", "the 646
        return whole_names(named, reading.text, prompts)  # one" to "Which person ...?"
    if chosen := call_chosen(ctx, reading, prompts):  # "the 0187" to "Which call ...?"
        return [chosen]
    if reading.cancel and yes_last(
        reading, pending, lambda last: yes_to(pending, last, prompts, directory)
    ):
        return [read_again(pending)]  # "forget it, yes call her": no clean yes, asked again
    if reading.cancel and (called_off := cancel(ctx, reading, pending, prompts, directory)):
        return called_off
    if (
        pending
        and action in ("transfer", "warm_transfer", "add")
        and not new_destination(reading)
        and (other := instead(reading, pending, directory))
    ):  # "actually Mulder's the guy who fixed it, transfer me to him instead": Mulder
        return [tool_call("look_up_contact", name=other, purpose=action)]
    if pending and action in ("transfer", "warm_transfer") and not new_destination(reading):
        # "that's fine, go ahead and transfer me", "transfer me there": the one waiting, read
        # back anew (a question in between closed its window), for the caller's yes; "no, Dana
        # White specifically, and can you introduce me first?": that contact, as asked
        if other := instead(reading, pending, directory):
            return [tool_call("look_up_contact", name=other, purpose=action)]
        return [read_again(pending, action)]
    if not pending and (told := already_with_you(ctx, reading, prompts, directory)):
        return told  # "transfer me to her" with Dana on the call: she is here already
    if (
        not pending
        and action in ("transfer", "warm_transfer")
        and not new_destination(reading)
        and not contacts_named(directory, reading.text, reading)  # "get Fox Mulder and ..."
    ):
        if meant := just_meant(ctx, reading, directory):  # "let her know I'm coming then ..."
            return [tool_call("look_up_contact", name=meant, purpose=action)]
        return [offline.ask_transfer_to]  # "grand so, transfer me across": to whom? not "add"
    if action is None and (redo := awaiting_whom(ctx, prompts)):
        # "drop Pete" -> "I don't see Pete on the call" -> "Pete is the 0128"
        live = [who for who, _ in dialled_in(ctx, prompts)]
        if who := referenced(ctx, reading, live):
            return [on_someone(redo, who)]
    if yes_and_more(reading, pending, yes, action in _ON_SOMEONE and whom(ctx, reading, prompts)):
        return [read_again(pending)]  # "yes and mute her when she joins": its own yes first
    if pending and pending.number and reading.numbers and not no and adds_to(reading):
        # "yes, and also add 415 555 0143" is no clear yes to the first: ask it again first
        # (the read-back says it was not dialled); the new one is read back after it.
        return [tool_call("read_back_number", phone_number=pending.number, purpose=pending.purpose)]
    fix = varied_digits(reading)
    if pending and pending.number and fix and names_its_start(pending.number, fix, reading.text):
        return [read_again(pending)]  # "then please dial Tom's 646 number": that one, as is
    if pending and pending.number and (number := varied(pending.number, reading, fix)):
        # "yes, but make that 0162", "change the last digit to 5", "and extension 312": anew
        return [tool_call("read_back_number", phone_number=number, purpose=pending.purpose)]
    if choice := directory_choice(ctx, reading, directory):
        return [choice]
    if action in (None, "help") and not (reading.phone_number or reading.target):
        if offer := offer_support(ctx, directory):
            return offer
    if action is None and (named := named_already(ctx, reading, prompts)):
        return [named]  # "that's Priya" once someone on the call is Priya: hers, kept
    if action in ("add", "redial") and (back := called_back(ctx, reading, prompts)):
        return [back]  # "ugh. call him back": the one who just left
    if action in ("add", "redial", None) and not (reading.phone_number or names_last(reading.text)):
        number = earlier_number(ctx, reading)  # "try Nigel again"; never "his name's Jordan"
        live = [re.sub(r"\D", "", who) for who, _ in dialled_in(ctx, prompts)]
        asked = action is not None and bool(last_digits(reading.text))  # "ring 0199 again"
        if number and (asked or not any(d and number.endswith(d[-10:]) for d in live)):
            purpose = as_said(purpose_of(ctx, action), reading.text)  # "then the US one, 0132"
            return [tool_call("read_back_number", phone_number=number, purpose=purpose)]
    if wait := agreed_wait(ctx, reading, prompts):  # "ok sure, I'll wait", "I'll hang on"
        return [wait]
    if action == "redial" or (action is None and waited_for(ctx, reading, prompts)):
        return retry(ctx, reading, prompts)  # "one more try", "how bout now"
    if action in ("transfer", "warm_transfer", "add", "conference", None) and (
        reading.phone_number or (reading.target and action and specific(reading.target))
    ):
        purpose = action if action in ("transfer", "warm_transfer") else purpose_of(ctx, action)
        if reading.phone_number:
            number = reading.numbers[0] if reading.numbers else reading.phone_number
            purpose = purpose_said(ctx, reading) or purpose  # "415 ..., like I said"
            return [tool_call("read_back_number", phone_number=number, purpose=purpose)]
        name = described(reading.target, reading.text, directory)  # "Dana, the sales one"
        return [with_extension(reading, name, directory, purpose)]
    if yes_last(reading, pending, lambda last: yes_to(pending, last, prompts, directory)):
        return [read_again(pending)]  # "Oh I see, you haven't rung him yet. Yes, ring him"
    if pending and no and pending.lookup and keeps(pending.who, reading.text, directory):
        return [read_again(pending)]  # "ok sure, the desk, not Dana. go ahead": the desk
    if pending and no and (other := instead(reading, pending, directory)):
        purpose = first_as_add(ctx, reading.text, pending.purpose)  # "No. First Dana White"
        return [tool_call("look_up_contact", name=other, purpose=purpose)]
    declines = DECLINE_RE.search(reading.text) and not asks_without_refusing(
        without_asked_of(reading.text)  # "leave her. Amir, can you hear me?": to Amir
    )
    if pending and declines and action not in _ON_SOMEONE:
        # "nah skip Mulder lol", "no number, don't add anyone": dropped, no "the right number?"
        dropped = offline.dropped if pending.purpose == "add" else offline.dropped_transfer
        return [render(dropped, who=pending.who)]
    if pending and no and action not in _ON_SOMEONE:  # not "the desk isn't needed, drop it"
        if pending.purpose != "add":  # "nah, I'll stay": nothing to correct
            return [render(offline.dropped_transfer, who=pending.who)]
        return next_queued(ctx, directory) or [offline.wrong_number]
    if action in ("remove", "mute", "unmute"):
        if (who := whom(ctx, known_as(ctx, reading, prompts, directory), prompts)) is None:
            return [offline.which_person]  # "unmute the boss": the one on the call known so
        if action == "unmute" and not_muted(ctx, prompts, who):
            return [render(offline.not_muted, who=who)]  # "unmute Monica": she isn't muted
        return [on_someone(action, who)]
    if keys := (action == "dtmf" and reading.digits) or keys_after_keys(ctx, reading):
        return [tool_call("send_digits", digits=keys)]  # "and then 4" right after keys
    if action in ("add", "conference", None) and fix and new_digits(ctx, fix, reading.text):
        if reference(digitize(reading.text)) == f"the {fix} number":  # "the 212 guy": someone
            return [render(prompts.host.controls.not_on_call, who=f"the {fix} number")]
        if base := last_number(ctx):  # "the other one, 0147": the same number, other digits
            number = with_last_digits(base, fix)
            purpose = purpose_of(ctx, action)
            return [tool_call("read_back_number", phone_number=number, purpose=purpose)]
    if action in ("add", "conference", "transfer", "warm_transfer", None) and (
        named := next(iter(contacts_named(directory, reading.text, reading)), None)
    ):  # "Dana from sales please", "and also get Mulder", "add the boss", "Dana and Fox"
        if pending and action is None and names_pending(pending, named):
            return [read_again(pending)]  # "the one from sales?" to Dana Scully's read-back
        purpose = action if action in ("transfer", "warm_transfer") else purpose_of(ctx, action)
        if pending and action is None:  # "the support desk" to its transfer's read-back
            purpose = pending.purpose
        named = described(named, reading.text, directory)  # "the other Dana, the sales one"
        named = in_team_of(pending, named, directory) if pending else named  # "Dana, not the desk"
        return [with_extension(reading, named, directory, purpose)]  # "Fox, extension 312"
    if action in ("add", "conference", None) and stray_digits(reading):
        return [offline.not_a_number]
    if again := add_instead(ctx, reading, prompts):  # "just add him to this call then"
        return [again]
    if action in ("add", "conference", "transfer", "warm_transfer"):
        # "yeah bro dial it" is no clear yes: the read-back waiting is read again
        return [read_again(pending) if pending else offline.ask_number]
    if action == "list":
        return [tool_call("list_participants")]
    if action == "status":  # "is Dana still on?", "he there yet?": from who is on the call
        about = reading.asks_about or last_digits(reading.text) or _ONE_RE.match(reading.text)
        about = about or same_ask(reading) == "who is on"  # "is everyone still there?"
        return [tool_call("list_participants" if about else "get_call_state")]
    if reading.keys_in and action is None:  # "I'll type it in then"
        return [offline.how_to_key]
    if action == "help" or (reading.greeting and action is None):
        return [offline.help]
    if yes and _EITHER_OR_RE.search(asked := last_said(ctx)):
        return [asked]  # "yeah" to "Did you mean Sales desk or Dana Scully?": asked again
    if yes:  # a yes with nothing read back: after a refusal there is nothing to dial
        return [offline.anything_else if last_tool_failed(ctx) else offline.ask_number]
    if (no or declines) and answers_a_question(ctx, reading, prompts, pending):
        return [offline.anything_else]
    if pending and (pending.number or pending.lookup):  # neither yes nor no: read it again
        return unanswered(reading, offline) + [read_again(pending)]  # "are they even open?"
    name = names_last(reading.text)  # "This is Stefan" said by Stefan names no one
    if name and not callers_own(name, ctx, prompts) and (legs := dialled_in(ctx, prompts)):
        return whole_names([naming(legs, name, prompts)], reading.text, prompts)  # "her name"
    return unanswered(reading, offline) or [offline.host_not_understood]
