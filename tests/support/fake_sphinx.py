"""Stand-ins for the pocketsphinx decoder process, on the product's own child loop
(`workflows.speech.sphinx_process.main`): `python -m tests.support.fake_sphinx MODE`.

- `slow`: decodes like pocketsphinx at its worst, holding its process's GIL for 0.1 s per
  second of audio (a C call that keeps the GIL, as pocketsphinx's does), and hears "goodbye".
- `length`: hears the number of bytes of audio it was given.
- `search`: hears the name of the grammar it was asked to hear the utterance with.
- `hang`: never answers.
- `exit`: ends at the first utterance.
- `stuck-loading`: never gets ready.
"""

from __future__ import annotations

import ctypes
import os
import sys

from workflows.speech.sphinx_process import SAMPLE_RATE, main

_HOLDING_GIL = ctypes.PyDLL(None)  # calls through PyDLL keep the GIL, like pocketsphinx's


class FakeDecoder:
    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.heard = ""
        self.search = ""

    def activate_search(self, name: str) -> None:
        self.search = name

    def reinit_feat(self) -> None:
        pass

    def start_utt(self) -> None:
        pass

    def process_raw(self, data: bytes, full_utt: bool = False) -> None:
        if self.mode == "slow":
            _HOLDING_GIL.usleep(int(len(data) / 2 / SAMPLE_RATE * 100_000))
            self.heard = "goodbye"
        elif self.mode == "length":
            self.heard = str(len(data))
        elif self.mode == "search":
            self.heard = self.search
        elif self.mode == "hang":
            _HOLDING_GIL.pause()
        elif self.mode == "exit":
            os._exit(3)

    def end_utt(self) -> None:
        pass

    def hyp(self):
        return type("Hypothesis", (), {"hypstr": self.heard})()


def load(setup: dict) -> FakeDecoder:
    if sys.argv[1] == "stuck-loading":
        _HOLDING_GIL.pause()
    return FakeDecoder(sys.argv[1])


if __name__ == "__main__":
    main(make_decoder=load)
