#!/bin/sh
# Fuzzes the letter parser and the redaction pipeline with libFuzzer for SECONDS seconds.
#
#   sh scripts/fuzz.sh SECONDS [LIBFUZZER-OPTION...]
#
# Builds Fuzz/imr-fuzz with -sanitize=fuzzer,address in its own build folder (.build/fuzz, so the
# normal build is left alone), seeds it with Samples/*.txt and the letters of ../shared (the dev
# set, the seeds and the real letters, where present), and runs it with a one-second limit per
# input. Every input is checked (see README, "Fuzzing"): no crash, no input over one second, no
# span the detector found left in the output, redacting the output again changes nothing.
#
# Outside git: the working corpus grows in .build/fuzz-corpus (kept from run to run; IMR_FUZZ_CORPUS
# names another folder), crashing
# inputs go to .build/fuzz-crashes/, the log to .build/fuzz-logs/. The last lines printed are the
# run's executions, coverage (cov: edges, ft: features) and corpus size.
# Exit status: 0 when the run ends without a finding, 1 on a crash, timeout or violated property,
# 2 on a usage or build error. Replay a crash with the plain build:
#   swift build --product imr-fuzz && .build/debug/imr-fuzz .build/fuzz-crashes/crash-*
set -eu
cd "$(dirname "$0")/.."
case "${1:-}" in
'' | *[!0-9]*)
    echo "usage: sh scripts/fuzz.sh SECONDS [LIBFUZZER-OPTION...]" >&2
    exit 2
    ;;
esac
duration=$1
shift
sh scripts/ensure-deps.sh

scratch=.build/fuzz
corpus=${IMR_FUZZ_CORPUS:-.build/fuzz-corpus}
seeds=.build/fuzz-seeds
crashes=.build/fuzz-crashes
logs=.build/fuzz-logs
shared=../shared

# LeakSanitizer stays off while building: the build plugin's tool is built with the same flags.
# lld links (gold fails on the sanitizer runtimes: "internal error in format_file_lineno").
if ! ASAN_OPTIONS=detect_leaks=0 swift build -c release --product imr-fuzz --scratch-path "$scratch" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld; then
    echo "fuzz: the fuzz target did not build" >&2
    exit 2
fi
binary="$scratch/release/imr-fuzz"

# The seed corpus: the sample letters and the shared letters, rebuilt each run (never in git).
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$crashes" "$logs"
for file in Samples/*.txt "$shared"/eval/dev/letters/*.txt "$shared"/seeds/*.txt "$shared"/realdata/dwc/*.txt; do
    [ -f "$file" ] && cp "$file" "$seeds/"
done
echo "fuzz: $(ls "$seeds" | wc -l | tr -d ' ') seed letters, $(ls "$corpus" | wc -l | tr -d ' ') inputs in the working corpus" >&2

log="$logs/fuzz-$(date +%Y%m%d-%H%M%S).log"
before=$(ls "$crashes" | wc -l)
status=0
# -max_len: the longest real letter is 27 KB. rss limit: AddressSanitizer's shadow memory included.
# The Swift runtime's backtracer is off: it reads memory that AddressSanitizer then reports.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 "$binary" "$corpus" "$seeds" \
    -dict=Fuzz/imr-fuzz/letters.dict -timeout=1 -max_total_time="$duration" -rss_limit_mb=3072 -max_len=32768 \
    -artifact_prefix="$crashes/" -print_final_stats=1 "$@" >"$log" 2>&1 || status=$?
after=$(ls "$crashes" | wc -l)

# The run's figures: libFuzzer's last status line and its final statistics.
# (mutation details, which can quote input bytes, are cut.)
grep -E '^#[0-9]+' "$log" | tail -n 1 | sed 's/ MS:.*//' >&2 || true
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" >&2 || true
grep -E '^imr-fuzz: ' "$log" | tail -n 12 >&2 || true
echo "fuzz: log $log; working corpus $(ls "$corpus" | wc -l | tr -d ' ') inputs" >&2
if [ "$status" -ne 0 ] || [ "$after" -ne "$before" ]; then
    grep -E '^(==[0-9]+==ERROR|SUMMARY|ALARM|.*Fatal error|.*deadly signal|.*-timeout)' "$log" | head -n 5 >&2 || true
    echo "fuzz: FAILED (status $status): new inputs in $crashes/: $(ls -t "$crashes" | head -n $((after - before > 0 ? after - before : 1)) | tr '\n' ' ')" >&2
    exit 1
fi
echo "fuzz: passed: no crash, timeout or violated property in ${duration}s" >&2
