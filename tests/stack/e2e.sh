#!/usr/bin/env bash
# `make e2e`: start the real stack, run tests/e2e inside its network namespace, stop the stack
# (and everything left in the namespace) on success, failure or interrupt.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
trap 'python3 tests/stack/stack.py down' EXIT
python3 tests/stack/stack.py up || exit 1
set -a
# shellcheck disable=SC1091
. .stack/stack.env
set +a
# shellcheck disable=SC2086
$STACK_EXEC .venv/bin/python -m pytest -m e2e tests/e2e -q "$@"
