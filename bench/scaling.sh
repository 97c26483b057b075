#!/usr/bin/env bash
# Sweep throughput at parallelism 1 and 2 on the multi-process cluster and on the MiniCluster,
# the same sweep, side by side. Args: [n=64] [trials per cell=150].
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
mvn -q -B -ntp package -DskipTests
mvn -q -B -ntp -f cluster/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/cluster.classpath"
cp=$(mktemp)
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
java -cp "target/test-classes:target/classes:$(cat "$cp")" org.spectralflow.bench.ScalingBenchmark target/cluster.classpath "$@" 2>/dev/null
