#!/usr/bin/env bash
# Every performance measurement, in one run on this machine: kernels against numpy/LAPACK (JMH),
# the pipeline against the bare core, spectralflow against a plain numpy sweep, and scaling.
# Needs python3-numpy. Takes about 15 minutes on 2 cores. Sweeps are sized so that the bare core
# runs for 15–30 s each: a job's fixed cost (about 1.2 s on a warm JVM) is then a few per cent.
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
java -Xmx4g -cp "$CP" org.spectralflow.bench.PipelineOverhead 32:20000 128:1500 2>/dev/null
echo
echo "== against a plain numpy sweep at N = 64 (T = 100; numpy: 1800 matrices, spectralflow: 24000) =="
sf=$(java -Xmx4g -cp "$CP" org.spectralflow.bench.PipelineOverhead 64:4000 2>/dev/null | awk 'NR==2 {print $4}')
np=$(python3 bench/numpy_sweep.py 64 300 | awk '{print $4}')
echo "spectralflow pipeline: $sf matrices/s; numpy script: $np matrices/s; ratio $(python3 -c "print(round($sf/$np, 2))")"
echo
echo "== scaling (multi-process cluster and MiniCluster) =="
bench/scaling.sh 64 2000
