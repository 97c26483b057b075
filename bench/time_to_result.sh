#!/usr/bin/env bash
# Time to result (issue #17), side by side in one run: the numpy script a user would write
# (bench/numpy_cells.py) against `spectralflow sweep`, cold (a fresh JVM, embedded broker and
# MiniCluster each time, --no-service) and warm (on `spectralflow up`, the service started once
# before the warm rows), at 1, 204, 1 002, 2 400 and 12 000 matrices: N = 64, rho in {0.9, 1.0, 1.1} x
# {linear, tanh}, T = 100 (the 1-matrix run: N = 8, one cell; 1 002 = 167 trials a cell), plus the default sweep (200
# matrices at N = 32, T = 200). Wall time from the shell for all, python's start and numpy's import
# and the sweep's report.html included.
# Needs: /usr/bin/python3 with python3-numpy, a JDK, target/spectralflow.jar (mvn package).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
PY=${PY:-/usr/bin/python3}
JAR=$PWD/target/spectralflow.jar
[ -f "$JAR" ] || mvn -q -B -ntp package -DskipTests
out=$(mktemp -d)
export SPECTRALFLOW_HOME="$out/home"
trap 'java -jar "$JAR" down > /dev/null 2>&1 || true' EXIT
wall() { local s e; s=$(date +%s.%N); "$@" > "$out/last.txt" 2> "$out/last.err"; e=$(date +%s.%N); echo "$e - $s" | bc; }
sweep() { # mode label trials n scales activations steps
    local mode=$1 label=$2 trials=$3 n=$4 scales=$5 acts=$6 steps=$7
    wall java -jar "$JAR" sweep $mode --sweep "ttr-$label-$RANDOM" --out "$out/runs" --n "$n" --scale "$scales" \
        --activation "$acts" --trials "$trials" --steps "$steps" --quiet
}
# untimed: the jar's class-data archive exists after `mvn package`; a jar built otherwise writes it here, once
java -jar "$JAR" sweep --no-service --sweep first --out "$out/first" --n 8 --trials 1 --quiet --no-report > /dev/null 2>&1
declare -A NP COLD WARM SPLIT
ROWS="1:1:8:1.0:linear:100 204:34:64:0.9,1.0,1.1:linear,tanh:100 1002:167:64:0.9,1.0,1.1:linear,tanh:100 2400:400:64:0.9,1.0,1.1:linear,tanh:100 12000:2000:64:0.9,1.0,1.1:linear,tanh:100 default:20:32:0.8,0.9,1.0,1.1,1.2:linear,tanh:200"
for r in $ROWS; do
    IFS=: read -r label trials n scales acts steps <<< "$r"
    NP[$label]=$(wall $PY bench/numpy_cells.py "$n" "$trials" "$steps" "$scales" "$acts")
    COLD[$label]=$(sweep --no-service "$label" "$trials" "$n" "$scales" "$acts" "$steps")
    SPLIT[$label]=$(grep '^time:' "$out/last.txt" || true)
done
/usr/bin/time -f "%e" -o "$out/up.seconds" java -jar "$JAR" up > "$out/up.txt"
for r in $ROWS; do
    IFS=: read -r label trials n scales acts steps <<< "$r"
    sweep "" "$label" "$trials" "$n" "$scales" "$acts" "$steps" > /dev/null # a first warm sweep of this size
    WARM[$label]=$(sweep "" "$label" "$trials" "$n" "$scales" "$acts" "$steps")
done
printf '%-8s %9s %9s %9s %10s %10s\n' matrices "numpy s" "cold s" "warm s" "numpy/cold" "numpy/warm"
for r in $ROWS; do
    label=${r%%:*}
    printf '%-8s %9.2f %9.2f %9.2f %10.2f %10.2f\n' "$label" "${NP[$label]}" "${COLD[$label]}" "${WARM[$label]}" \
        "$(echo "${NP[$label]} / ${COLD[$label]}" | bc -l)" "$(echo "${NP[$label]} / ${WARM[$label]}" | bc -l)"
done
echo "spectralflow up (with its warm-up sweep): $(cat "$out/up.seconds") s"
echo "cold time splits:"
for r in $ROWS; do label=${r%%:*}; echo "  $label: ${SPLIT[$label]}"; done
echo "(files in $out)"
