#!/usr/bin/env bash
# Run a sweep on a real multi-process Flink cluster on this machine, without Docker: a Kafka
# broker, a JobManager and TaskManagers as separate JVMs (Flink from Maven jars, configured by
# flink-conf/), the sweep job submitted over REST. Everything started is stopped on exit.
# Usage: cluster/local-cluster.sh [local-cluster options and grid options]
#   e.g. cluster/local-cluster.sh --taskmanagers 2 --n 64 --scale 0.9:1.1:0.05 --trials 50
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
[ -f target/spectralflow.jar ] && [ -f target/spectralflow-job.jar ] || mvn -q -B -ntp package -DskipTests
[ -f target/cluster.classpath ] || mvn -q -B -ntp -f cluster/pom.xml dependency:build-classpath -Dmdep.outputFile="$PWD/target/cluster.classpath"
exec java -jar target/spectralflow.jar local-cluster "$@"
