#!/usr/bin/env bash
# Every performance measurement, in one run on this machine, ending in one table of ratios against
# the targets: kernels against numpy/LAPACK (JMH), the pipeline against the bare core, spectralflow
# against a plain numpy sweep, scaling from 1 to 2 slots, and the heap over a 10⁶-matrix sweep.
# Sweeps are sized so that the bare core runs 15–30 s each: a job's fixed cost (about 1.2 s on a
# warm JVM) is then a few per cent. Needs python3-numpy. About 30 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
mvn -q -B -ntp package -DskipTests
cp=$(mktemp)
mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null
CP="target/test-classes:target/classes:$(cat "$cp")"
res=$(mktemp -d)
echo "== kernels (ms per matrix; JMH and numpy on the same matrices) ==" | tee "$res/log"
bench/kernels.sh | tee "$res/kernels.txt"
echo "== pipeline overhead (MiniCluster, 2 slots, against the bare core on 2 threads) =="
java -Xmx4g -cp "$CP" org.spectralflow.bench.PipelineOverhead 32:20000 128:1500 2>/dev/null | tee "$res/overhead.txt"
echo "== against a plain numpy sweep at N = 64 (T = 100) =="
java -Xmx4g -cp "$CP" org.spectralflow.bench.PipelineOverhead 64:4000 2>/dev/null | tee "$res/sf64.txt"
python3 bench/numpy_sweep.py 64 300 | tee "$res/numpy64.txt"
echo "== scaling (multi-process cluster and MiniCluster) =="
bench/scaling.sh 64 6000 | tee "$res/scaling.txt"
echo "== heap over 10^6 matrices at N = 16 (matrices, seconds, live MB after the first/mid/last full GC, MB per 10^5 matrices) =="
bench/heap.sh | tee "$res/heap.txt"
python3 - "$res" <<'PY'
import sys, re
d = sys.argv[1]
rows = []
def row(what, value, target, ok): rows.append((what, value, target, "yes" if ok else "NO"))
k = [l.split() for l in open(f"{d}/kernels.txt") if re.match(r"\s*\d+\s+[\d.]", l)]
for f in k:
    n, eig_ratio, an_ratio = int(f[0]), float(f[3]), float(f[5])
    row(f"eigenvalues / numpy eigvals, N = {n}", f"{eig_ratio:.2f}", "<= 1", eig_ratio <= 1)
for f in k:
    n, an_ratio = int(f[0]), float(f[5])
    if n >= 64: row(f"full analysis / eigenvalues, N = {n}", f"{an_ratio:.2f}", "<= 1.5", an_ratio <= 1.5)
for l in open(f"{d}/overhead.txt"):
    f = l.split()
    if f and f[0].isdigit(): row(f"pipeline / bare core, N = {f[0]} ({f[1]} matrices)", f[4], ">= 0.85", float(f[4]) >= 0.85)
sf = float([l.split() for l in open(f"{d}/sf64.txt") if l.split() and l.split()[0].isdigit()][0][3])
np_ = float(open(f"{d}/numpy64.txt").read().split()[3])
row(f"pipeline / numpy sweep, N = 64 ({sf:.0f} vs {np_:.0f} /s)", f"{sf / np_:.2f}", ">= 3", sf / np_ >= 3)
sc = {}
for l in open(f"{d}/scaling.txt"):
    m = re.match(r"(multi-process cluster|MiniCluster \(in process\))\s+(\d)\s+\d+\s+([\d.]+)\s+([\d.]+)", l)
    if m: sc.setdefault(m.group(1), {}).setdefault(int(m.group(2)), []).append((float(m.group(3)), float(m.group(4))))
mean = lambda xs: sum(xs) / len(xs)
for where, v in sc.items():
    if 1 in v and 2 in v:  # the mean rate of each parallelism's runs
        e = mean([r[0] for r in v[2]]) / mean([r[0] for r in v[1]])
        s = mean([r[1] for r in v[2]]) / mean([r[1] for r in v[1]])
        row(f"parallelism 2 / 1 sustained, {where}", f"{s:.3f}", ">= 1.85", s >= 1.85)
        rows.append((f"  (end to end, with the job's start-up)", f"{e:.3f}", "", ""))
h = open(f"{d}/heap.txt").read().split()
row(f"live heap after full GCs, first / mid / last in {h[0]} matrices (MB)", f"{h[2]}/{h[3]}/{h[4]}", "last <= 1.1 mid", float(h[4]) <= 1.1 * float(h[3]))
exp = re.search(r"full analysis k = ([\d.]+), eigenvalues k = ([\d.]+)", open(f"{d}/kernels.txt").read())
if exp: rows.append((f"cost exponent N >= 64 (plot: bench/results/cost-vs-n.png)", f"N^{exp.group(1)}", "(eig N^" + exp.group(2) + ")", ""))
w = max(len(r[0]) for r in rows)
print()
print(f"{'measurement':<{w}}  {'value':>12}  {'target':>12}  met")
for r in rows: print(f"{r[0]:<{w}}  {r[1]:>12}  {r[2]:>12}  {r[3]}")
PY
