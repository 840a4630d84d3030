#!/usr/bin/env bash
# Intake latency under load, bridge vs answer-after-write, in one run. Loopback only; stops itself.
# Usage: bash bench/run.sh [events=3000] [clients=64] [helpdesk-call-ms=100]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/helpdesk-bridge.jar ] || mvn -B -q -DskipTests package
rm -rf target/bench && mkdir -p target/bench && javac -d target/bench bench/*.java
exec java -cp target/bench IntakeLoad target/helpdesk-bridge.jar "${1:-3000}" "${2:-64}" "${3:-100}"
