#!/bin/sh
# The test suite: unit tests, end-to-end tests of the built binary, and the rule examples.
set -e
cd "$(dirname "$0")/.."
sh scripts/ensure-deps.sh
swift test
