#!/bin/sh
# The main job on the bundled samples: builds the release binary, redacts Samples/*.txt into
# out/samples/ (same file names), writes the audit log out/samples/audit.jsonl, and prints the
# summary on stderr.
set -e
cd "$(dirname "$0")/.."
sh scripts/ensure-deps.sh
swift build -c release --product imr-redact
mkdir -p out/samples
.build/release/imr-redact redact --out out/samples --audit out/samples/audit.jsonl Samples/*.txt
echo "redacted letters and audit log: out/samples/" >&2
