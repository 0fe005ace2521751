#!/bin/sh
# Installs what the build and the tests need from Debian when it is missing: libpcre2-dev (PCRE2
# headers and pkg-config file), libsqlite3-dev (SQLite for the pseudonym vault, through GRDB),
# libpoppler-cpp-dev (PDF letters: text and metadata), and for the PDF tests poppler-utils
# (pdftotext, pdfinfo) and qpdf (encrypted test files), and for the review page's browser tests
# chromium (headless: the DOM and screenshots of the report).
# Runs apt-get directly as root, through sudo otherwise.
set -e
if dpkg -s libpcre2-dev >/dev/null 2>&1 && pkg-config --exists libpcre2-8 2>/dev/null \
    && dpkg -s libsqlite3-dev >/dev/null 2>&1 && dpkg -s libpoppler-cpp-dev >/dev/null 2>&1 \
    && command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 \
    && command -v qpdf >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libpcre2-dev libsqlite3-dev libpoppler-cpp-dev poppler-utils qpdf chromium pkg-config
