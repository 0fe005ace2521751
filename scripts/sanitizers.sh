#!/bin/sh
# The test suite under AddressSanitizer (with LeakSanitizer), then under ThreadSanitizer, each in
# its own build folder (.build/asan, .build/tsan); `sh scripts/sanitizers.sh address` or
# `sh scripts/sanitizers.sh thread` runs one (no argument: both). README, "Sanitizers".
#
# The end-to-end tests run the instrumented imr-redact beside the test bundle. CommandRunner
# passes these variables on to it (also when a test gives it an environment of its own) and
# fails the test that ran it when its stderr holds a sanitizer report, whatever else the test
# checks. IMR_SANITIZER tells the tests with large inputs to scale them down.
#
# ASan stops at the first error (its default). TSan does not stop (halt_on_error=0, so that one
# run shows every race), and a process that reported a race exits 66 (exitcode=66): a child's
# report fails its test, the test runner's fails `swift test`.
set -e
cd "$(dirname "$0")/.."
sh scripts/ensure-deps.sh
root=$(pwd)
# Children run with an environment of their own have no PATH to find the symbolizer with.
symbolizer=$(dirname "$(command -v swift)")/llvm-symbolizer
[ -x "$symbolizer" ] || symbolizer=$(command -v llvm-symbolizer || true)
symbolize=${symbolizer:+:external_symbolizer_path=$symbolizer}

address() {
    IMR_SANITIZER=address \
    ASAN_OPTIONS="halt_on_error=1:detect_leaks=1${symbolize}" \
    LSAN_OPTIONS="suppressions=$root/scripts/sanitizers/lsan.supp:print_suppressions=0" \
        swift test --sanitize=address --scratch-path .build/asan
}

thread() {
    IMR_SANITIZER=thread \
    TSAN_OPTIONS="halt_on_error=0:exitcode=66${symbolize}" \
        swift test --sanitize=thread --scratch-path .build/tsan
}

case "${1:-both}" in
    address) address ;;
    thread) thread ;;
    both) address && thread ;;
    *) echo "usage: sh scripts/sanitizers.sh [address|thread|both]" >&2; exit 2 ;;
esac
