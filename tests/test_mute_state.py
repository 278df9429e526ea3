"""mute_participant says what the room shows, not what was asked: unmuting someone nobody
muted gets "isn't muted" (no false "I've unmuted"), muting twice gets "already muted", "everyone"
changes only those it has to, "everyone except" one person mutes the others, and a room that
cannot be listed is muted as asked."""

from __future__ import annotations

import pytest

from prompts.schema import render
from tests.support.host_calls import messages, start
from tests.support.scripted_llm import call, relay_tool_output
from tests.test_hearing import acting, dial_in, fresh
from workflows.call.legs import everyone_but
from workflows.telephony.protocol import TelephonyError


def muting(ctx):
    """A model that passes "mute X" / "unmute X" straight to the tool, whatever the room shows;
    otherwise it acts on the line (`acting`)."""
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    for verb, muted in (("unmute ", False), ("mute ", True)):
        if text.startswith(verb):
            return [call("mute_participant", who=text.removeprefix(verb), muted=muted)]
    return acting(ctx)


async def mutes(state, *lines: str) -> tuple[list[list[str]], list[tuple[str, bool]]]:
    """Dial two people in, say `lines`; what the host said to each, and every set_muted call."""
    sent: list[tuple[str, bool]] = []
    set_muted = state.telephony.set_muted

    async def recording(identity: str, muted: bool) -> None:
        sent.append((identity, muted))
        await set_muted(identity, muted)

    state.telephony.set_muted = recording
    async with start(state, muting) as c:
        await dial_in(c, "+14155550142")
        await dial_in(c, "+14155550100")
        said = [messages(await c.session.run(user_input=line)) for line in lines]
    return said, sent


async def test_unmuting_someone_not_muted_says_so_and_sends_nothing():
    state = fresh()
    said, sent = await mutes(state, "unmute 0142")
    assert said == [[render(state.prompts.host.controls.not_muted, who="+1 415-555-0142")]]
    assert sent == []
    assert "unmuted" not in [r["event"] for r in state.log.records]


async def test_muting_twice_says_already_muted_the_second_time():
    state = fresh()
    said, sent = await mutes(state, "mute 0142", "mute 0142")
    controls, who = state.prompts.host.controls, "+1 415-555-0142"
    assert said == [[render(controls.muted, who=who)], [render(controls.already_muted, who=who)]]
    assert len(sent) == 1


async def test_everyone_changes_only_those_not_already_so():
    state = fresh()
    said, sent = await mutes(state, "mute 0142", "mute everyone", "unmute everyone")
    controls = state.prompts.host.controls
    both = "+1 415-555-0142 and +1 415-555-0100"
    assert said[1:] == [
        [render(controls.muted, who="+1 415-555-0100")],
        [render(controls.unmuted, who=both)],
    ]
    assert [muted for _, muted in sent] == [True, True, False, False]
    said, _ = await mutes(fresh(), "unmute everyone")
    assert said == [[render(controls.not_muted_several, who=both)]]


async def test_a_room_that_cannot_be_listed_is_muted_as_asked():
    state = fresh()

    async def unlisted():
        raise TelephonyError("unavailable", "listing failed")

    state.telephony.list_participants = unlisted
    said, sent = await mutes(state, "unmute 0142")
    assert said == [[render(state.prompts.host.controls.unmuted, who="+1 415-555-0142")]]
    assert len(sent) == 1


async def test_everyone_except_one_mutes_the_others():
    state = fresh()
    said, sent = await mutes(state, "mute Everyone except 0100")
    [kept] = [leg for leg in state.legs.values() if leg.phone_number.endswith("0100")]
    assert said == [[render(state.prompts.host.controls.muted, who="+1 415-555-0142")]]
    assert [identity for identity, _ in sent] == [
        leg.identity for leg in state.legs.values() if leg is not kept
    ]


async def test_everyone_except_someone_not_on_the_call_names_them_and_mutes_nobody():
    state = fresh()
    said, sent = await mutes(state, "mute all but Hendricks")
    controls = state.prompts.host.controls
    assert said == [[render(controls.not_on_call, who="Hendricks")]]
    assert sent == []


async def test_everyone_except_the_only_one_on_says_nobody_else():
    state = fresh()
    sent: list[str] = []
    state.telephony.set_muted = lambda identity, muted: sent.append(identity)
    async with start(state, muting) as c:
        await dial_in(c, "+14155550142")
        said = messages(await c.session.run(user_input="mute everybody except 0142"))
    assert said == [render(state.prompts.host.controls.nobody_else, who="+1 415-555-0142")]
    assert sent == []


@pytest.mark.parametrize(
    ("said", "left_out"),
    [
        ("everyone except Dana", "Dana"),
        ("Everybody else but  the one ending 0100.", "the one ending 0100"),
        ("all of them apart from me", "me"),
        ("everyone bar Klaus", "Klaus"),
        ("everyone", None),
        ("everyone's muted but Dana", None),
        ("all but", None),
    ],
)
def test_everyone_but_is_one_rule_for_the_tools_and_the_offline_model(said, left_out):
    assert everyone_but(said) == left_out


@pytest.mark.parametrize(("name", "who"), [("Анна Петрова", "Анна"), ("Łukasz Żak", "Żak")])
async def test_a_named_leg_is_found_by_a_word_of_its_name_in_any_alphabet(name, who):
    state = fresh()
    async with start(state, muting) as c:
        await dial_in(c, "+14155550142")
        [leg] = state.live_legs()
        leg.name = name
        said = messages(await c.session.run(user_input=f"mute {who}"))
    assert said == [render(state.prompts.host.controls.muted, who=name)]
    assert leg.identity in state.telephony.muted
