#!/usr/bin/env bash
# `make e2e`: start the stack, run tests/e2e inside its network namespace with every packet of
# the run captured there, check that none left the namespace, and stop the stack (and
# everything left in the namespace) on success, failure or interrupt. NODES (default 1) is the
# stack's livekit-server nodes; E2E_TESTS (default tests/e2e) what pytest runs (`make scale`).
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
trap 'python3 tests/stack/stack.py down' EXIT
python3 tests/stack/stack.py up --nodes "${NODES:-1}" || exit 1
set -a
# shellcheck disable=SC1091
. .stack/stack.env
set +a
capture="$ROOT/.stack/run/e2e.pcap"
# Headers only (-s 128): every packet's destination, not its audio.
$STACK_EXEC tcpdump -i any -n -s 128 -U -w "$capture" 2>"$ROOT/.stack/run/tcpdump.log" &
dump=$!
sleep 1
started=$SECONDS
# shellcheck disable=SC2086
$STACK_EXEC .venv/bin/python -m pytest -m e2e ${E2E_TESTS:-tests/e2e} -q "$@"
status=$?
echo "e2e: tests took $((SECONDS - started)) s"
kill -INT "$dump" 2>/dev/null; wait "$dump" 2>/dev/null
.venv/bin/python -m tests.e2e.leaks "$capture" || status=1
exit $status
