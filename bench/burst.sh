#!/usr/bin/env bash
# Issue #5's benchmark: start-up and memory, a burst against a rate-limited Zendesk-like helpdesk
# versus the naive way, and end-to-end latency at a steady rate. Loopback only; stops itself.
# Usage: bash bench/burst.sh [events=10000] [orders=2000] [per-minute=2500] [latency-ms=50] [clients=64] [steady-rate=100] [steady-seconds=30]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/helpdesk-bridge.jar ] || mvn -B -q -DskipTests package
rm -rf target/bench && mkdir -p target/bench
javac -d target/bench bench/*.java
exec java -cp target/bench BurstBench target/helpdesk-bridge.jar "$@"
