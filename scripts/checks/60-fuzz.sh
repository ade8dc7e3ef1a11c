#!/usr/bin/env bash
# Fuzzing: builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) in build-fuzz/,
# runs each one for FUZZ_SECONDS (default 40) from its committed seed corpus, and fails on
# the first crash, leak, timeout or sanitizer report (leaks inside dependencies that we
# cannot free are listed, with their reproducers, in fuzz/lsan.supp). New inputs found go to a scratch
# corpus (never into the committed seeds); a crash leaves its input in build-fuzz/crashes/.
#   FUZZ_SECONDS=600 scripts/checks/60-fuzz.sh      # a longer run by hand
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

ensure_packages clang libclang-rt-14-dev
FUZZ_SECONDS="${FUZZ_SECONDS:-40}"
BUILD="$ROOT/build-fuzz"

CXX=clang++ cmake -S "$ROOT/fuzz" -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j "$JOBS" -- --no-print-directory 2>&1 | grep -Ev '^\[ *[0-9]+%\]' || true
cmake --build "$BUILD" -j "$JOBS" >/dev/null

mkdir -p "$BUILD/crashes"
status=0
for target in article jsonl search request html feed synonyms; do
  scratch="$BUILD/corpus-$target"
  mkdir -p "$scratch"
  log="$BUILD/fuzz_$target.log"
  echo "fuzz_$target: ${FUZZ_SECONDS}s"
  if ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 LSAN_OPTIONS="suppressions=$ROOT/fuzz/lsan.supp" \
     UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     "$BUILD/fuzz_$target" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
       -max_len=8192 -print_final_stats=1 -artifact_prefix="$BUILD/crashes/$target-" \
       "$scratch" "$ROOT/fuzz/corpus/$target" >"$log" 2>&1; then
    runs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || echo "?")
    echo "fuzz_$target: ok, $runs executions, no crash"
  else
    echo "fuzz_$target: FAILED (log: $log)"
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|deadly signal' "$log" | head -20
    status=1
  fi
done
exit $status
