#!/usr/bin/env bash
# The Kafka tests against a broker reached only through STREAMGEN_TEST_KAFKA — the path a user takes with a
# real cluster — so it cannot rot unnoticed. The broker is the embedded one started as its own process on a free
# port: the tests see nothing but its address, and create their topics with the Admin API as on a real cluster.
# `./build.sh test` runs it after the main test run; extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

server=artifacts/bin/StreamGen.Kafka.Embedded.Server/release/StreamGen.Kafka.Embedded.Server.dll
[ -f "$server" ] || { echo "$server is missing: build first (./build.sh test builds it)" >&2; exit 1; }

out=$(mktemp)
# --no-stdin: the server runs in the background, so stdin is not ours to keep open; it stops on SIGTERM.
dotnet "$server" --no-stdin >"$out" 2>&1 &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$out"' EXIT

# Its first stdout line is the bootstrap address, printed once clients can connect.
for _ in $(seq 1 600); do
  [ -s "$out" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "the embedded broker server exited:" >&2; cat "$out" >&2; exit 1; }
  sleep 0.1
done
bootstrap=$(head -n 1 "$out")
[ -n "$bootstrap" ] || { echo "the embedded broker server printed no address within 60 s" >&2; exit 1; }
echo "Kafka tests against the external broker at $bootstrap (STREAMGEN_TEST_KAFKA)"

# Tests with a broker of their own (trait Broker=Own: they stop, restart or reconfigure it, which a shared real
# broker does not allow) are left out here, not skipped: the main run covers them, and this says so. A --filter
# among the arguments is combined with that exclusion.
exclude="Broker!=Own"
args=() filtered=
while [ $# -gt 0 ]; do
  if [ "$1" = --filter ] && [ $# -ge 2 ]; then
    args+=(--filter "($2)&$exclude"); filtered=1; shift 2
  else
    args+=("$1"); shift
  fi
done
[ -n "$filtered" ] || args+=(--filter "$exclude")
echo "Left out here: tests with their own broker (Broker=Own), which cannot run against a shared broker; the main run covers them"

STREAMGEN_TEST_KAFKA=$bootstrap dotnet test tests/StreamGen.Kafka.Tests/StreamGen.Kafka.Tests.csproj \
  -c Release --no-build -nologo -v:q --logger "console;verbosity=minimal" "${args[@]}"
