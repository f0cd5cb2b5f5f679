#!/usr/bin/env bash
# Installs slate's build dependencies from Debian's packages, builds slate,
# and runs the main job: the slate command on a bundled example policy.
set -euo pipefail
cd "$(dirname "$0")/.."
sudo_cmd=""
[ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo_cmd apt-get update -qq
$sudo_cmd apt-get install -y -qq cmake gcc g++ make pkg-config libpcre2-dev libcjson-dev libical-dev check \
    doxygen python3 python3-venv tzdata >/dev/null
cmake -S . -B build >/dev/null
cmake --build build -j "$(nproc)"
./build/slate calendar add 2026-03-06T10:00:00Z PT4H \
    --policy examples/policies/follow-the-sun.json --calendar pune-l2
