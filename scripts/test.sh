#!/bin/sh
# The test suite: unit tests, end-to-end tests of the built binary, and the rule examples; then
# a one-minute fuzz run of the parser and the redaction (README, "Fuzzing"; its build of the fuzz
# target takes some minutes the first time).
set -e
cd "$(dirname "$0")/.."
sh scripts/ensure-deps.sh
swift test
# A fixed seed, a fresh corpus and a fixed number of inputs (about a minute), so the run is the
# same on every machine; open-ended runs (scripts/fuzz.sh SECONDS) look for new findings.
corpus=$(mktemp -d)
IMR_FUZZ_CORPUS="$corpus" sh scripts/fuzz.sh 150 -seed=2026 -runs=12000
rm -rf "$corpus"
