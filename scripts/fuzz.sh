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
# An input that starts with %PDF- goes through the PDF path (read, redact, write, verify); PDF
# seeds are made at run time from the smallest real PDFs of ../shared (as they are, decrypted and
# uncompressed by qpdf, and damaged: cut short, the xref offsets mangled) and from small PDFs
# written here (a text page, a blank page, a page painted without text).
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

# PDF seeds (never in git: made here from ../shared and from nothing).
# pdf FILE CONTENT...: a one-object-per-argument PDF whose xref qpdf then rebuilds (qpdf fixes the
# offsets and stream lengths, so the file is valid); each CONTENT is one object's dictionary or stream.
pdf() {
    out=$1
    shift
    {
        printf '%%PDF-1.4\n'
        n=0
        for object in "$@"; do
            n=$((n + 1))
            printf '%d 0 obj\n%s\nendobj\n' "$n" "$object"
        done
        printf 'xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n0\n%%%%EOF\n' $((n + 1))
    } >"$out.raw"
    qpdf "$out.raw" "$out" >/dev/null 2>&1 || [ -f "$out" ]
    rm -f "$out.raw"
}
stream() { printf '<< /Length %d >>\nstream\n%s\nendstream' "$(printf '%s' "$1" | wc -c)" "$1"; }
font='<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'
page='<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>'
pdf "$seeds/written-text.pdf" '<< /Type /Catalog /Pages 2 0 R >>' '<< /Type /Pages /Kids [5 0 R] /Count 1 >>' "$font" \
    "$(stream 'BT /F1 11 Tf 72 720 Td (Claim Number:       Decision Date:) Tj 0 -14 Td (Priority: Standard) Tj ET')" "$page"
pdf "$seeds/written-blank.pdf" '<< /Type /Catalog /Pages 2 0 R >>' '<< /Type /Pages /Kids [5 0 R] /Count 1 >>' "$font" \
    "$(stream '')" "$page"
pdf "$seeds/written-painted.pdf" '<< /Type /Catalog /Pages 2 0 R >>' '<< /Type /Pages /Kids [5 0 R] /Count 1 >>' "$font" \
    "$(stream '0 0 0 rg 72 72 300 300 re f')" "$page"
i=0
for file in $(ls -S "$shared"/realdata/pdf/*.pdf 2>/dev/null | tail -n 4); do
    i=$((i + 1))
    cp "$file" "$seeds/real-$i.pdf"
    size=$(wc -c <"$file")
    head -c $((size / 2)) "$file" >"$seeds/real-$i-half.pdf"
    { head -c $((size / 2)) "$file"; printf '\n%%%%EOF\n'; } >"$seeds/real-$i-half-eof.pdf"
    # The offset after startxref pointing elsewhere (perl-base is always there on Debian).
    perl -0777 -pe 's/(startxref\s+)\d+/${1}777/g' "$file" >"$seeds/real-$i-xref.pdf"
    if [ "$i" -le 2 ]; then
        # Decrypted, uncompressed: content streams and a classic xref table open to mutation.
        qpdf --decrypt --object-streams=disable --stream-data=uncompress "$file" "$seeds/real-$i-open.pdf" >/dev/null 2>&1 || true
        [ -f "$seeds/real-$i-open.pdf" ] &&
            perl -0777 -pe 's/^(\d{9})\d( 00000 n)/${1}3$2/mg' "$seeds/real-$i-open.pdf" >"$seeds/real-$i-open-xref.pdf"
    fi
done
echo "fuzz: $(ls "$seeds" | wc -l | tr -d ' ') seed letters ($(ls "$seeds" | grep -c '\.pdf$') of them PDFs), $(ls "$corpus" | wc -l | tr -d ' ') inputs in the working corpus" >&2

log="$logs/fuzz-$(date +%Y%m%d-%H%M%S).log"
before=$(ls "$crashes" | wc -l)
status=0
# -max_len: the longest real letter is 27 KB; the PDF seeds up to about 50 KB (longer inputs would be
# cut when loaded). rss limit: AddressSanitizer's shadow memory included.
# The Swift runtime's backtracer is off: it reads memory that AddressSanitizer then reports.
SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 "$binary" "$corpus" "$seeds" \
    -dict=Fuzz/imr-fuzz/letters.dict -timeout=1 -max_total_time="$duration" -rss_limit_mb=3072 -max_len=65536 \
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
