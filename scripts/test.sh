#!/bin/sh
# The test suite: unit tests, end-to-end tests of the built binary, and the rule examples; then
# a one-minute fuzz run of the parser and the redaction (README, "Fuzzing"; its build of the fuzz
# target takes some minutes the first time).
set -e
cd "$(dirname "$0")/.."
sh scripts/ensure-deps.sh
swift test
sh scripts/fuzz.sh 60
