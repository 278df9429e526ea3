"""News never eats the caller's answer: leg news ("… is ringing", "… has joined") said while a
read-back waits for the caller's yes is followed, in the same breath, by the read-back again,
so the caller's next yes answers a question they just heard. Nothing said between a
read-back and the yes counts unless the read-back is repeated after it."""

from prompts.schema import render
from tests.support.harness import ManualTime, prompts
from tests.support.host_calls import host, host_state, messages, say, start
from tests.support.scripted_llm import call, scripted, until
from workflows.call.confirmation import WINDOW_SECONDS
from workflows.lifecycle import events
from workflows.lifecycle.recording import turn_started

HOST = prompts().host
FIRST, SECOND = "+1 415-555-0155", "+1 415-555-0156"
E164_FIRST, E164_SECOND = "+14155550155", "+14155550156"


def dialled(state) -> list[str]:
    return [r.phone_number for r in state.telephony.dialled]


def said(session) -> list[str]:
    """Everything the host said so far, in order."""
    return [
        item.text_content or ""
        for item in session.history.items
        if item.type == "message" and item.role == "assistant"
    ]


async def test_news_between_the_read_back_and_the_yes_is_said_then_the_question_again():
    # Issue 19: two numbers in one turn, "yes", "yes": the second yes was refused because
    # "… is ringing" / "… has joined" came between the read-back and it.
    async with host() as (session, state):
        await say(session, "add 415 555 0155 and 415 555 0156")
        assert render(HOST.read_back, who=SECOND) in messages(await session.run(user_input="yes"))
        await until(lambda: any(leg.answered for leg in state.legs.values()))
        joined = render(HOST.joined, who=FIRST)
        await until(lambda: said(session)[-1].startswith(joined))
        await session.run(user_input="yes")
        await until(lambda: len(dialled(state)) == 2)
    assert dialled(state) == [E164_FIRST, E164_SECOND]
    news = [render(HOST.ringing, who=FIRST), joined]
    assert all(line in state.announcements for line in news)  # the news is not lost
    for line in news:  # each said with the question again, as one utterance
        assert f"{line} {render(HOST.read_back, who=SECOND)}" in said(session)


# ------------------------------------------------------------- with a scripted host

NUMBER, SPOKEN, E164 = "+1 415 555 0161", "+1 415-555-0161", "+14155550161"
NEWS = render(HOST.joined, who="Dana Scully")
READ_BACK = render(HOST.read_back, who=SPOKEN)


def hostile_or_patient(ctx):
    """Reads back on "add …", chats on "hmm", and dials on any other line."""
    line = ctx.items[-1].text_content or ""
    if line.startswith("add"):
        return [call("read_back_number", phone_number=NUMBER)]
    if line == "hmm":
        return ["Take your time."]
    return [call("add_sip_participant", phone_number=NUMBER)]


async def test_the_yes_after_news_and_the_question_again_dials():
    state = host_state()
    async with start(state, hostile_or_patient) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        await events.say(state, NEWS)
        assert said(c.session)[-1] == f"{NEWS} {READ_BACK}"
        await c.session.run(user_input="yes")
        await until(lambda: dialled(state))
    assert dialled(state) == [E164]
    assert state.announcements == [NEWS]


async def test_a_yes_begun_before_the_question_was_asked_again_does_not_dial():
    state = host_state()
    async with start(state, hostile_or_patient) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        turn_started(state, state.clock())  # the caller starts to answer the first read-back...
        await events.say(state, NEWS)  # ...and the news and the question come over it
        result = await c.session.run(user_input="yes")
        assert messages(result) == [f"{HOST.not_confirmed} {READ_BACK}"]
    assert dialled(state) == []


async def test_news_after_the_caller_answered_is_said_as_it_is():
    state = host_state()
    async with start(state, hostile_or_patient) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        await c.session.run(user_input="hmm")  # the question has had its answer
        await events.say(state, NEWS)
        assert said(c.session)[-1] == NEWS
        await c.session.run(user_input="yes")  # a yes now answers nothing
    assert dialled(state) == []


async def test_news_after_the_window_closed_is_said_as_it_is():
    time = ManualTime()
    state = host_state()
    time.install(state)
    async with start(state, hostile_or_patient) as c:
        await c.session.run(user_input=f"add {NUMBER}")
        await time.advance(WINDOW_SECONDS + 1)
        await events.say(state, NEWS)
        assert said(c.session)[-1] == NEWS


async def test_news_after_two_read_backs_in_one_turn_asks_neither_again():
    state = host_state()
    model = scripted(
        {
            "add two": [
                call("read_back_number", phone_number=NUMBER),
                call("read_back_number", phone_number="+1 415 555 0199"),
            ]
        }
    )
    async with start(state, model) as c:
        await c.session.run(user_input="add two")
        await events.say(state, NEWS)
        assert said(c.session)[-1] == NEWS


async def test_a_second_yes_after_the_host_spoke_in_between_does_not_dial():
    state, heard = host_state(), []

    def model(ctx):  # ignores the first yes, dials on the second
        line = ctx.items[-1].text_content or ""
        if line.startswith("add"):
            return [call("read_back_number", phone_number=NUMBER)]
        heard.append(line)
        if len(heard) == 1:
            return ["Sorry, could you say that again?"]
        return [call("add_sip_participant", phone_number=NUMBER)]

    async with start(state, model) as c:
        for line in (f"add {NUMBER}", "yes", "yes"):
            await c.session.run(user_input=line)
    assert dialled(state) == []
