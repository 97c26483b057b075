#!/usr/bin/env bash
# Record → health latency of the monitor job (embedded broker + MiniCluster, 2 slots):
# N = 256 f32 matrices at 20 records/s. Args: [n] [rate] [seconds] [checkpointMs].
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
cp=$(mktemp)
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
java -cp "target/test-classes:target/classes:$(cat "$cp")" org.spectralflow.bench.MonitorLatency "${@:-256}" ${2:+} 2>/dev/null
