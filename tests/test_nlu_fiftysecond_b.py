"""The rehearsal model, fifty-second round b (issue 22): leaving and ending in people's words
(testers 45 and 46). The caller leaving as well after a removal ends the call; "Ava, you can
end now" after a goodbye to someone ends it, and a name in a goodbye is never a dial; the host
sent away by the caller or by a participant says it stays (and "Ava can you drop Dana" still
removes Dana); a tool call for a participant carries none of the caller's earlier requests.
One rule a test; expected words are rendered from the prompt files."""

from __future__ import annotations

import pytest

from tests.scenarios.runner import play_lines
from tests.support.harness import prompts

_PROMPTS = prompts()
_ANSWERS = _PROMPTS.offline.answers
_DANA = ("add Dana Scully", "yes")


def _names(heard) -> list[str]:
    return [name for name, _ in heard.calls]


# ----------------------------------------------- 1. "kick tony off and im out too": ended
@pytest.mark.parametrize(
    "line",
    [
        "aight we good, kick dana off and im out too",
        "drop Dana and I'm done too",
        "remove Dana, then I'm off",
        "take Dana off the call and I'll go as well",
    ],
)
async def test_the_caller_leaving_too_after_a_removal_ends_the_call(line):
    heard = await play_lines("host", *_DANA, line)
    assert [(n, a.get("who")) for n, a in heard[-1].calls] == [
        ("remove_participant", "Dana Scully"),
        ("end_call", None),
    ]


async def test_a_removal_alone_still_ends_nothing():
    heard = await play_lines("host", *_DANA, "kick dana off")
    assert _names(heard[-1]) == ["remove_participant"]


# ----------------------------------------------- 2. a goodbye to someone, then "you can end now"
_THOMAS = ("call 646 555 0112", "yes", "his name is Thomas")


@pytest.mark.parametrize(
    "line",
    [
        "Thomas, thank you very much, auf Wiedersehen. Ava, you can end now",
        "Thomas, vielen Dank, auf Wiedersehen. Ava you may end now",
        "Thanks Thomas, tschüss! ok Ava you can end it here",
    ],
)
async def test_you_can_end_now_after_a_goodbye_ends_the_call(line):
    heard = await play_lines("host", *_THOMAS, line)
    assert _names(heard[-1]) == ["end_call"]


@pytest.mark.parametrize(
    "line",
    [
        "Thomas, danke, tschüss. Ava, who is on the call?",
        "Thomas, thank you, auf Wiedersehen. Ava, one moment please",
    ],
)
async def test_a_name_in_a_goodbye_is_never_a_dial(line):
    heard = await play_lines("host", *_THOMAS, line)
    assert "read_back_number" not in _names(heard[-1])
    assert "add_sip_participant" not in _names(heard[-1])


# ----------------------------------------------- 3. the host sent away, by anyone: it stays
@pytest.mark.parametrize(
    "line",
    [
        "Ava, please leave the call now and let me and Dana talk alone",
        "Ava, leave us alone please",
        "Ava hop off now, we are fine",
    ],
)
async def test_the_caller_sending_the_host_away_in_commands_is_told_it_stays(line):
    heard = await play_lines("host", *_DANA, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays]


@pytest.mark.parametrize(
    "line",
    [
        "Dana: no, don't say it while the agent is on. Ava, can you leave us?",
        "Dana: Ava, please leave the call now",
        "Dana: Ava, you can hop off now, we're fine",
    ],
)
async def test_a_participant_sending_the_host_away_is_told_it_stays(line):
    heard = await play_lines("host", *_DANA, line)
    assert heard[-1].calls == [] and heard[-1].lines == [_ANSWERS.host_stays_for_you]


@pytest.mark.parametrize(
    ("line", "tool"),
    [
        ("Ava can you drop Dana", "remove_participant"),
        ("Ava could you go ahead and add Fox Mulder", "look_up_contact"),
    ],
)
async def test_a_request_after_can_you_is_no_sending_away(line, tool):
    heard = await play_lines("host", *_DANA, line)
    assert _names(heard[-1]) == [tool]


# ----------------------------------------------- 4. a participant's removal: nothing queued
_TWO = ("add Dana Scully", "yes", "add Monica Reyes", "yes")


@pytest.mark.parametrize(
    "line",
    [
        "Dana: Thanks, I'll hop off. Ava, remove me please",
        "Dana: ok bye all. Ava, take me off please",
        "Dana: Ava, I'm hopping off now",
    ],
)
async def test_a_participant_leaving_carries_no_earlier_request(line):
    said = "Monica, Sam from Oakridge here, about our order. Dana, you can leave if you want"
    heard = await play_lines("host", *_TWO, said, line)
    assert [(n, a.get("who")) for n, a in heard[-1].calls] == [
        ("remove_participant", "Dana Scully")
    ]
