#!/usr/bin/env bash
# The PostgreSQL extension on a fresh Debian machine, as root: installs
# PostgreSQL 15 and what slate needs from Debian's packages, builds slate
# (build/), then builds, installs and tests the extension against a
# throw-away cluster (bindings/postgresql/test.sh). Afterwards, in any
# database of the machine's PostgreSQL 15: CREATE EXTENSION slate;
set -euo pipefail
cd "$(dirname "$0")/.."
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq cmake gcc g++ make pkg-config libpcre2-dev libcjson-dev libical-dev check doxygen python3 \
    python3-venv tzdata postgresql-15 postgresql-server-dev-15 postgresql-common >/dev/null
cmake -S . -B build >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
$sudo_cmd env SLATE_REQUIRE_POSTGRESQL=1 bindings/postgresql/test.sh build
