#!/bin/sh
# Installs libpcre2-dev (PCRE2 headers and pkg-config file) and libsqlite3-dev (SQLite for the
# pseudonym vault, through GRDB) when they are missing.
# Runs apt-get directly as root, through sudo otherwise.
set -e
if dpkg -s libpcre2-dev >/dev/null 2>&1 && pkg-config --exists libpcre2-8 2>/dev/null \
    && dpkg -s libsqlite3-dev >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y libpcre2-dev libsqlite3-dev pkg-config
