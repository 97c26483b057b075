#!/usr/bin/env bash
# Time to result (issue #17), side by side in one run: the numpy script a user would write
# (bench/numpy_cells.py) against `spectralflow sweep`, cold (a fresh JVM and embedded broker each
# time, as a user runs it), at 1, 204, 2 400 and 12 000 matrices: N = 64, rho in {0.9, 1.0, 1.1} x
# {linear, tanh}, T = 100 (the 1-matrix run: N = 8, one cell). Wall time from the shell for both,
# python's start and numpy's import included. Warm rows need a running `spectralflow up`.
# Needs: /usr/bin/python3 with python3-numpy, a JDK, target/spectralflow.jar (mvn package).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
PY=${PY:-/usr/bin/python3}
JAR=target/spectralflow.jar
[ -f "$JAR" ] || mvn -q -B -ntp package -DskipTests
out=$(mktemp -d)
wall() { local s e; s=$(date +%s.%N); "$@" > "$out/last.txt" 2> "$out/last.err"; e=$(date +%s.%N); echo "$e - $s" | bc; }
row() { # label trials n scales activations
    local label=$1 trials=$2 n=$3 scales=$4 acts=$5 np sf split
    np=$(wall $PY bench/numpy_cells.py "$n" "$trials" 100 "$scales" "$acts")
    sf=$(wall java -jar "$JAR" sweep --sweep "ttr-$label-$RANDOM" --out "$out/runs" --n "$n" --scale "$scales" \
        --activation "$acts" --trials "$trials" --steps 100 --quiet)
    split=$(grep '^time:' "$out/last.txt" || true)
    printf '%-8s %10.2f %10.2f %8.2f   %s\n' "$label" "$np" "$sf" "$(echo "$np / $sf" | bc -l)" "$split"
}
printf '%-8s %10s %10s %8s\n' matrices "numpy s" "sweep s" "numpy/sf"
row 1 1 8 1.0 linear
row 204 34 64 0.9,1.0,1.1 linear,tanh
row 2400 400 64 0.9,1.0,1.1 linear,tanh
row 12000 2000 64 0.9,1.0,1.1 linear,tanh
echo "(files in $out)"
