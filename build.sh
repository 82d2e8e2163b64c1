#!/usr/bin/env bash
# StreamGen's one entry point. From a fresh clone:
#   ./build.sh demo    run the WordCount demo on the embedded Kafka broker
#   ./build.sh test    build everything and run every test
#   ./build.sh bench [--quick|--smoke]   run the benchmarks (Release): a table, and benchmarks/results/latest.json
#   ./build.sh pack    produce the NuGet packages in artifacts/packages
# Each command first builds what is missing (librdkafka from source, cached) and restores packages.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export MSBUILDTERMINALLOGGER=off

command=${1:-help}
shift || true

ensure_native() {
  # librdkafka from source (cached): the Kafka client package StreamGen.Kafka.Native and the embedded broker library.
  bash eng/librdkafka/build.sh
}

ensure_test_tools() {
  # The dashboard test drives Debian's Chromium through playwright-core (installed by the test, cached).
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium for the dashboard browser test (one time)..."
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
  fi
}

build() {
  ensure_native
  dotnet build StreamGen.sln -c Release -nologo -v:q -clp:NoSummary "$@"
}

run_benchmarks() {
  # Built first: "dotnet run" hands options it does not know (such as -nologo) to the program.
  dotnet build benchmarks/StreamGen.Benchmarks -c Release -nologo -v:q -clp:NoSummary
  dotnet run --project benchmarks/StreamGen.Benchmarks -c Release --no-build -- "$@"
}

bench_smoke() {
  # One tiny iteration of every benchmark scenario (built by build()): the bench command starts, every
  # scenario completes and the JSON is written. No figure or timing is judged.
  local out status=0
  out=$(mktemp -d)
  dotnet run --project benchmarks/StreamGen.Benchmarks -c Release --no-build -- --smoke --out "$out/smoke.json" >"$out/smoke.log" 2>&1 || status=$?
  if [ "$status" -ne 0 ] || [ ! -s "$out/smoke.json" ]; then
    cat "$out/smoke.log"
    echo "benchmark smoke run failed (exit $status)"
    rm -rf "$out"
    return 1
  fi
  echo "benchmark smoke run: every scenario completed, $(grep -c '^' "$out/smoke.log") lines of output, JSON written"
  rm -rf "$out"
}

run_tests() {
  local log status
  log=$(mktemp)
  set +e
  # Quiet build output; failed tests are printed with their messages.
  dotnet test StreamGen.sln -c Release --no-build -nologo -v:q --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  # The Kafka tests again, against a broker reached only through STREAMGEN_TEST_KAFKA (the path a user with a
  # real cluster takes); its results go into the same log, so the closing line counts both runs.
  eng/ci/kafka-external-broker-tests.sh "$@" 2>&1 | tee -a "$log"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  set -e
  # One closing line for the whole suite, summed over the test assemblies.
  awk '
    /(Passed|Failed)! +- Failed: / {
      gsub(/,/, "");
      for (i = 1; i <= NF; i++) {
        if ($i == "Failed:") f += $(i + 1);
        if ($i == "Passed:") p += $(i + 1);
        if ($i == "Skipped:") s += $(i + 1);
      }
      runs++
    }
    END {
      if (runs == 0) { print "no test assembly reported results"; print "0 passed, 1 failed"; exit }
      printf "%d passed, %d failed, %d skipped\n", p, f, s
    }' "$log" | tee "$log.summary"
  if grep -q "^0 passed" "$log.summary"; then status=1; fi
  rm -f "$log" "$log.summary"
  return "$status"
}

case "$command" in
  test)
    ensure_test_tools
    build
    bench_smoke
    run_tests "$@"
    ;;
  demo)
    ensure_native
    dotnet run --project samples/WordCount -c Release -- "$@"
    ;;
  bench)
    ensure_native
    run_benchmarks "$@"
    ;;
  pack)
    ensure_native
    dotnet pack StreamGen.sln -c Release -nologo -v:q -o artifacts/packages "$@"
    # StreamGen.Kafka depends on it: publish it with the others.
    cp artifacts/feed/StreamGen.Kafka.Native.*.nupkg artifacts/packages/
    ;;
  *)
    sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'
    [ "$command" = help ] || exit 2
    ;;
esac
