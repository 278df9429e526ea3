"""Hostile input: huge or malformed text from the caller or the model is refused quickly, with a
clear message and no side effect. Each timing bound is a single call against a case that took
seconds to minutes before (a catastrophic regex), so it is generous on purpose."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from livekit.agents import llm

from prompts.schema import render
from tests.support.harness import prompts
from tests.support.host_calls import FAST_RINGING, errors, host_state, start
from tests.support.scripted_llm import Step, call, dial, feature_model, relay_tool_output, until
from workflows.call import phone
from workflows.call.phone import InvalidNumber, parse_phone_number, redact

HUGE = 20_000
BOUND = 0.5  # seconds; the quadratic cases took 25 s and more on 20,000 characters

HOSTILE = [
    "1" + " " * HUGE + "1",  # spaces inside a number: the extension search rescanned them
    "x" + " " * HUGE + "a",
    "+1 415 555 0100 " + "ext " * (HUGE // 4),
    "1-" * (HUGE // 2),
    "9" * HUGE,
    "(" * HUGE + "1",
    ("123456 a") * (HUGE // 8),
]


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_a_huge_number_text_is_refused_at_once(text):
    def parse():
        with pytest.raises(InvalidNumber, match="too long"):
            parse_phone_number(text)

    assert _seconds(parse) < BOUND


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_the_extension_pattern_is_linear_even_without_the_cap(text):
    assert _seconds(lambda: phone._EXTENSION.search(text)) < BOUND


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_redacting_huge_text_is_fast_and_hides_the_digits(text):
    out: list[str] = []
    assert _seconds(lambda: out.append(redact(text))) < BOUND
    assert "1234567" not in out[0].replace(" ", "") and "9999999" not in out[0]


def test_numbers_and_extensions_still_parse():
    number = parse_phone_number("+1 415 555 0100 ext 204")
    assert (number.e164, number.extension) == ("+14155550100", "204")
    assert parse_phone_number("  (415) 555-0100x9 ").extension == "9"


def _model(ctx: llm.ChatContext) -> list[Step]:
    if (out := relay_tool_output(ctx)) is not None:
        return out
    text = ctx.items[-1].text_content or ""
    if text == "huge who":
        return [call("mute_participant", who="Dana " * HUGE)]
    if text == "huge remove":
        return [call("remove_participant", who="1" * HUGE)]
    if text == "huge digits":
        return [call("send_digits", digits="1 " * HUGE)]
    return feature_model(ctx)  # "press 1 2 3"


def _host_call():
    return start(host_state(**FAST_RINGING), _model)


@pytest.mark.parametrize("line", ["huge who", "huge remove", "huge digits"])
async def test_huge_tool_arguments_are_refused_before_any_parsing(line):
    async with _host_call() as c:
        result = await c.session.run(user_input=line)
    [error] = errors(result)
    assert "at most" in error  # the schema's limit, named to the model
    assert len(error) < 1000  # the argument is not echoed back in full
    assert c.simulated.dtmf == [] and c.simulated.muted == {}


# ---------------------------------------------------------------------------------- DTMF


async def _menu_on_the_call(c) -> None:
    """Dial someone in (an automated menu, say) and wait until they answer."""
    await dial(c.session, "+1 415 555 0100")
    await until(lambda: any(leg.answered for leg in c.state.live_legs()))


@pytest.mark.parametrize(
    "digits, pressed",
    [
        ("1", "1"),
        ("1 2 3 #", "123#"),
        ("*#0", "*#0"),
        (" 4\t5 ", "45"),
    ],
)
async def test_keys_and_spaces_are_pressed(digits, pressed):
    async with _host_call() as c:
        await _menu_on_the_call(c)
        result = await c.session.run(user_input=f"press {digits}")
    assert errors(result) == []
    assert c.simulated.dtmf == [pressed]


@pytest.mark.parametrize(
    "digits",
    [
        "1,2",
        "1-2",
        "1; call +19005550100",
        "one",
        "12a",
        "1w2",
        "\u0661",
        "9" * 33,
    ],
)
async def test_anything_but_keys_is_refused_and_nothing_is_pressed(digits):
    async with _host_call() as c:
        await _menu_on_the_call(c)
        result = await c.session.run(user_input=f"press {digits}")
    assert errors(result) == [render(prompts().host.controls.bad_digits, digits=digits)]
    assert c.simulated.dtmf == []


async def test_keys_with_nobody_dialled_on_the_call_are_not_pressed():
    async with _host_call() as c:
        result = await c.session.run(user_input="press 1")
    assert errors(result) == [render(prompts().host.controls.nobody_to_hear_keys, digits="1")]
    assert c.simulated.dtmf == []
