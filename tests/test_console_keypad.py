"""The text console's keypad (README "The console"): a line typed as `#4155550199#` keys the
number as a phone's keypad would; it is read back with the keys that answer it, and `#1`
(the key the read-back asked for) dials it. Words typed as usual still answer."""

from prompts.schema import render
from tests.support.harness import prompts
from tests.test_console_timing import rehearse

HOST = prompts().host
NUMBER = "+1 415-555-0155"
KEYED = render(HOST.read_back, who=NUMBER)


async def test_keys_typed_in_the_console_are_read_back_and_dialled_on_the_key_asked_for():
    shown = await rehearse(
        ("I'm Ada, about the budget\n", "\n"),
        ("#4155550155#\n", HOST.keypad.confirm_keys),
        ("#1\n", render(HOST.dialing, who=NUMBER)),
    )
    assert KEYED in shown


async def test_a_key_pressed_for_a_spoken_numbers_read_back_is_no_yes():
    dialing = render(HOST.dialing, who=NUMBER)
    shown = await rehearse(
        ("I'm Ada, about the budget\n", "\n"),
        ("add 415 555 0155\n", KEYED),
        ("#1\n", "#1"),  # the read-back offered no keys: 1 answers nothing
        ("yes\n", dialing),
    )
    after_key = shown[shown.index("#1") :]
    assert dialing not in after_key[: after_key.index("yes")]
