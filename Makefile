# Two commands: `make run` (offline text console) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test eval lint perf setup portaudio espeak clean

run: setup portaudio espeak
	$(PY) -m workflows.main console --text

test: setup portaudio espeak
	$(PY) -m ruff check .
	$(PY) -m pytest -q

# The scenario corpus against the real AGENT_LLM (LiveKit Inference); skips without credentials.
eval: setup
	$(PY) -m tests.eval $(ARGS)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

perf: setup
	$(PY) -m tests.perf

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# The console imports sounddevice even in text mode, and sounddevice needs PortAudio.
portaudio:
	@$(PY) -c "import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library('portaudio') else 1)" \
	|| { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	       echo "Installing PortAudio (libportaudio2) for the console..."; \
	       apt-get install -y -qq libportaudio2 >/dev/null 2>&1 \
	       || { apt-get update -qq >/dev/null && apt-get install -y -qq libportaudio2 >/dev/null; }; \
	     else \
	       echo "PortAudio is missing. Install it with: sudo apt-get install libportaudio2" \
	            "(macOS: brew install portaudio)"; exit 1; \
	     fi; }

# Offline speech (AGENT_TTS=espeak) runs Debian's espeak-ng; the speech tests render with it too.
espeak:
	@command -v espeak-ng >/dev/null \
	|| { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	       echo "Installing espeak-ng for offline speech..."; \
	       apt-get install -y -qq espeak-ng >/dev/null 2>&1 \
	       || { apt-get update -qq >/dev/null && apt-get install -y -qq espeak-ng >/dev/null; }; \
	     else \
	       echo "espeak-ng is missing. Install it with: sudo apt-get install espeak-ng" \
	            "(macOS: brew install espeak-ng)"; exit 1; \
	     fi; }

clean:
	rm -rf $(VENV) *.egg-info
