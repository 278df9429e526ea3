# Two commands: `make run` (offline text console) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test eval lint perf mutation setup portaudio espeak clean stack-install stack stack-down e2e scale call

run: setup portaudio espeak
	$(PY) -m workflows.main console --text

test: setup portaudio espeak
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest -q -m 'not e2e'

# The scenario corpus against the real AGENT_LLM (LiveKit Inference); skips without credentials.
eval: setup
	$(PY) -m tests.eval $(ARGS)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

perf: setup
	$(PY) -m tests.perf

# Small bugs planted one at a time in the consent core and the ending guards; prints the kill
# rate and fails below 95% or on a survivor not in docs/equivalent_mutants.yaml (~30-60 min).
mutation: setup
	$(PY) -m tests.mutation $(ARGS)

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

# The real stack: Redis + livekit-server + livekit-sip (the SIP bridge) in a private network
# namespace. Pins: tests/stack/versions.env; binaries and state: .stack/.
stack-install:
	bash tests/stack/install.sh

# NODES=2: two livekit-server nodes on the one Redis, a SIP bridge beside each (README
# "Running in production", several nodes).
NODES ?= 1
stack: stack-install
	python3 tests/stack/stack.py up --nodes $(NODES)

stack-down:
	python3 tests/stack/stack.py down

# Starts the stack, runs tests/e2e inside its namespace, stops it whatever happened.
e2e: setup stack-install
	bash tests/stack/e2e.sh

# Scale-out on the real phone path (issue 24): a two-node stack, two `start` workers, a burst of
# real SIP calls and a worker stopped during it (tests/e2e/test_scale_real.py). The burst:
# SCALE_CALLS calls, SCALE_AT_ONCE at a time. The defaults (12, 1) are what 2 cores shared with
# other work carry with offline speech and margin: 1 at a time passed twice in a row here; 2 at
# once failed 4 runs of 4 on the greeting (11 of 96 broken by CPU stalls at the other sessions'
# load of 3-7), though with nothing else running 2 at once kept every greeting. With 1 at a time
# the SIGTERM test's stopped worker finishes its one call before the next is placed.
# On 4+ cores try SCALE_CALLS=30 SCALE_AT_ONCE=6 (README "Running in production").
SCALE_CALLS ?= 12
SCALE_AT_ONCE ?= 1
scale: setup stack-install
	SCALE_CALLS=$(SCALE_CALLS) SCALE_AT_ONCE=$(SCALE_AT_ONCE) NODES=2 \
	  E2E_TESTS=tests/e2e/test_scale_real.py bash tests/stack/e2e.sh

# Ring the local agent from a scripted phone (README "Call your local agent"): starts the stack if
# needed and a `dev` worker, says $(SAY) after the greeting, saves what the phone heard.
SAY ?= hi i'm ada i need a conference call
call: setup stack-install
	python3 tests/stack/stack.py ensure
	set -a && . .stack/stack.env && set +a && \
	  $$STACK_EXEC $(PY) -m tests.e2e.call --say "$(SAY)" $(ARGS)
