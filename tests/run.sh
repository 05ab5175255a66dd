#!/usr/bin/env bash
# Install everything the tests need on a fresh Debian machine, then run them.
#   bash tests/run.sh [pytest args...]
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's packages the tests need: Chromium (browser tests), a JDK 17 and
# Maven (the Neo4j 5 test server, tests/neo4j/)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
{ command -v java >/dev/null 2>&1 && command -v javac >/dev/null 2>&1; } \
    || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
python3 -m pip install -q -e '.[test]'
# Neo4j's jars from Maven Central, cached in ~/.cache/graphkit-neo4j/<version>
# (skipped when NEO4J_URI names a server to test against)
if [ -z "${NEO4J_URI:-}" ]; then
    python3 tests/neo4j_server.py fetch
fi
python3 -m pytest -q "$@"
