#!/usr/bin/env bash
# The PostgreSQL extension on a fresh Debian machine, as root: slate's own
# set-up (tools/setup.sh: dependencies, build, the main job), then
# PostgreSQL 15 from Debian's packages, then the extension built, installed
# and tested against a throw-away cluster (bindings/postgresql/test.sh).
# Afterwards, in any database of the machine's PostgreSQL 15:
#   CREATE EXTENSION slate;
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql-15 postgresql-server-dev-15 \
    postgresql-common >/dev/null
$sudo_cmd env SLATE_REQUIRE_POSTGRESQL=1 bindings/postgresql/test.sh build
