#!/usr/bin/env bash
# Every performance measurement, in one run on this machine: kernels against numpy/LAPACK (JMH),
# the pipeline against the bare core, spectralflow against a plain numpy sweep, and scaling.
# Needs python3-numpy. Takes about 15 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
mvn -q -B -ntp package -DskipTests
cp=$(mktemp)
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
CP="target/test-classes:target/classes:$(cat "$cp")"
echo "== kernels (ms per matrix; JMH and numpy on the same matrices) =="
bench/kernels.sh
echo
echo "== pipeline overhead (MiniCluster, 2 slots, against the bare core on 2 threads) =="
java -cp "$CP" org.spectralflow.bench.PipelineOverhead 100 32 128 2>/dev/null
echo
echo "== against a plain numpy sweep at N = 64 (1800 matrices, T = 100) =="
sf=$(java -cp "$CP" org.spectralflow.bench.PipelineOverhead 300 64 2>/dev/null | awk 'NR==2 {print $4}')
np=$(python3 bench/numpy_sweep.py 64 300 | awk '{print $4}')
echo "spectralflow pipeline: $sf matrices/s; numpy script: $np matrices/s; ratio $(python3 -c "print(round($sf/$np, 2))")"
echo
echo "== scaling (multi-process cluster and MiniCluster) =="
bench/scaling.sh 64 400
