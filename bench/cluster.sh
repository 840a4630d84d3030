#!/usr/bin/env bash
# The burst in cluster mode with 1, 2 and 3 instances: the machine's PostgreSQL (127.0.0.1:5432,
# database test, a fresh schema per round, dropped after) and a real Kafka broker started from the
# test classpath (kafka_2.13, KRaft). Loopback only; stops itself.
# Usage: bash bench/cluster.sh [events=6000] [orders=2000] [latency-ms=50] [clients=64] [max-instances=3]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/helpdesk-bridge.jar ] || mvn -B -q -DskipTests package
mvn -B -q -o -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
# absolute paths: the Kafka broker's own JVM starts in another folder with this classpath
cp="$PWD/target/test-classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench && mkdir -p target/bench
javac -cp "$cp" -d target/bench bench/*.java
exec java -Dlogback.configurationFile="$PWD/bench/logback-bench.xml" -cp "$PWD/target/bench:$cp" ClusterBench target/helpdesk-bridge.jar "$@"
