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
from workflows.rehearsal.earlier import earlier_number
from workflows.rehearsal.follow_up import follow_up
from workflows.rehearsal.history import ACTS_ON_READ_BACK, dialled_in, last_number
from workflows.rehearsal.host_fallback import fallback
from workflows.rehearsal.introduction import introduction_about
from workflows.rehearsal.keys_after import keys_after_keys
from workflows.rehearsal.leg_names import names_last
from workflows.rehearsal.like_i_said import purpose_said
from workflows.rehearsal.line_named import line_named
from workflows.rehearsal.mentions import (
    add_instead,
    awaiting_whom,
    contacts_named,
    read_again,
    referenced,
)
from workflows.rehearsal.nlu import Reading, last_digits
from workflows.rehearsal.nlu.corrections import names_its_start, with_last_digits
from workflows.rehearsal.nlu.dismiss import asks_if_dropped
from workflows.rehearsal.nlu.needs import declines_conference
from workflows.rehearsal.nlu.numbers import digitize
from workflows.rehearsal.nlu.people import reference
from workflows.rehearsal.nlu.text import asks_without_refusing
from workflows.rehearsal.nlu.transfer_asks import PICKED_UP_RE
from workflows.rehearsal.not_reached import add_him_instead, name_in_team
from workflows.rehearsal.one_on_line import leg_named, named_already
from workflows.rehearsal.phone_said import phone_said
from workflows.rehearsal.questions import answer
from workflows.rehearsal.queued import next_queued
from workflows.rehearsal.retry import agreed_wait, retry, waited_for
from workflows.rehearsal.ruled_out import declines
from workflows.rehearsal.second_thoughts import yes_and_more, yes_last
from workflows.rehearsal.steps import Step, on_someone, tool_call
from workflows.rehearsal.support_offer import offer_support, offered_desk
from workflows.rehearsal.teams import chosen_from_team
from workflows.rehearsal.then_transfer import add_first, first_as_add, transfer_now
from workflows.rehearsal.transfer_kind import (
    as_said,
    asked_while_waiting,
    cold,
    purpose_asked,
    read_as_asked,
    transfer_answer,
    transfer_instead,
    waiting_and_asked,
)
from workflows.rehearsal.who_asked import asked_about
from workflows.rehearsal.whole_names import whole_names
from workflows.rehearsal.whom import described, directory_choice, keeps, known_as, not_muted, whom
from workflows.rehearsal.with_you import already_with_you, just_meant
from workflows.rehearsal.yes_named import yes_naming_number
from workflows.rehearsal.yes_rule import yes_to

_ON_SOMEONE = ("remove", "mute", "unmute")
_TRANSFERS = ("transfer", "warm_transfer")


def host_turn(
    ctx: llm.ChatContext, reading: Reading, prompts: Prompts, directory: Directory
) -> list[Step]:
    offline = prompts.offline
    pending, reading = waiting_and_asked(ctx, reading, prompts)  # "explain it all again?"
    action = reading.action
    yes = yes_to(pending, reading.text, prompts, directory)
    no = says_no(reading.text, prompts.confirmation) and not asks_without_refusing(reading.text)
    if pending and yes:
        if pending.purpose == "add":
            return [tool_call("add_sip_participant", phone_number=pending.number or "")]
        if pending.purpose == "warm_transfer" and (about := introduction_about(ctx, prompts)):
            return [tool_call("warm_transfer", about=about)]  # "tell them it's about..."
        return [tool_call(ACTS_ON_READ_BACK[pending.purpose])]
    if named_yes := yes_naming_number(reading, pending, prompts, directory):  # "yup thats Pawel"
        return named_yes  # the tool says why it did not dial; the name is kept for the leg
    if told_of := asked_about(ctx, reading, prompts):  # "ok send me to her" after "Dana White
        return [told_of]  # works in Support.": hers, read back for the caller's yes
    if now := transfer_now(ctx, reading, pending, directory):  # "yes, and afterwards put me
        return now  # through to Fox": the add asked again; "ok, go ahead": the transfer
    if pending and pending.purpose in _TRANSFERS and not yes and reading.wants_support:
        if declines_conference(reading.text):  # "I don't want a conference, just someone to
            return [read_again(pending)]  # sort out the double charge": the transfer, asked
    purpose = purpose_asked(reading, pending) if pending else None  # not "... to Mulder?"
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
    if pending and reading.asks_if_there and reading.target in (None, "you"):
        return [offline.still_here, read_again(pending)]  # "are you still there?": here, asked
    if pending and action in ("list", "status"):  # "before you do, is anyone on already?":
        return [tool_call("list_participants")]  # the list; the read-back is not dropped
    if not pending and action in (None, "add") and (one := chosen_from_team(ctx, reading, prompts)):
        return [tool_call("look_up_contact", name=one, purpose="add")]  # "Desk. Not Dana."
    if one := name_in_team(ctx, reading, pending, directory):  # "i want jenny from sales"
        return [one]
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
    if line := line_named(ctx, reading, prompts):  # "can you name that line Dr Patel's office"
        return [line]
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
    if (
        pending
        and action in _TRANSFERS
        and (not new_destination(reading) or names_pending(pending, reading.target or ""))
    ):  # "yes transfer me to dana" to Dana White's read-back: hers, never "which Dana?"
        # "go ahead and transfer me", "transfer me there": the one waiting, read back anew for
        # the caller's yes; "no, Dana White specifically, and introduce me first?": that one
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
        meant = just_meant(ctx, reading, directory)  # "let her know I'm coming then ..."
        if meant := meant or offered_desk(ctx, prompts.host.greeting_transfer):
            return [tool_call("look_up_contact", name=meant, purpose=action)]
        return [offline.ask_transfer_to]  # "grand so, transfer me across": to whom? not "add"
    if action is None and (redo := awaiting_whom(ctx, prompts)):
        # "drop Pete" -> "I don't see Pete on the call" -> "Pete is the 0128"
        live = [who for who, _ in dialled_in(ctx, prompts)]
        if who := referenced(ctx, reading, live):
            return [on_someone(redo, who)]
    if yes_and_more(reading, pending, yes, action in _ON_SOMEONE and whom(ctx, reading, prompts)):
        return [read_again(pending)]  # "yes and mute her when she joins": its own yes first
    if (
        pending
        and pending.number
        and reading.numbers
        and not no
        and adds_to(reading)
        and not add_first(reading, pending)  # "b4 that can u get Jamal on too, 617 ...": add
    ):
        # "yes, and also add 415 555 0143": no clear yes to the first, asked again; the new one next
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
        if number := phone_said(ctx, reading.target, directory):  # "the car phone": said before
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
    if pending and declines(reading.text, pending) and action not in _ON_SOMEONE:
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
    if action in ("add", "conference", None) and stray_digits(reading):  # "mention invoice 4471"
        return [offline.not_a_number, *([read_again(pending)] if pending else [])]  # asked again
    if again := add_him_instead(ctx, reading, prompts):  # "just add him to this call then"
        return again  # after a transfer not answered: "why didn't it go through?" said too
    if action in ("add", "conference", "transfer", "warm_transfer"):
        # "yeah bro dial it" is no clear yes: the read-back waiting is read again
        return [read_again(pending) if pending else offline.ask_number]
    return fallback(
        ctx, reading, prompts, pending, yes=yes, no=no or declines(reading.text, pending)
    )
