# imr-redact: common tasks. `make bench BENCH_ARGS="--megabytes 20 --runs 3"` passes options
# to the benchmark driver (see `.build/release/imr-bench --help`).

SWIFT ?= swift
BENCH_ARGS ?=

.PHONY: build bench test

build:
	$(SWIFT) build -c release --product imr-redact

# The benchmark measures the release binary, so both products are built in release first.
bench:
	$(SWIFT) build -c release --product imr-redact
	$(SWIFT) build -c release --product imr-bench
	.build/release/imr-bench $(BENCH_ARGS)

test:
	$(SWIFT) test
