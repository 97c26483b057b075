#!/usr/bin/env bash
# Kernel benchmarks, side by side in one run: JMH (spectralflow) and numpy/LAPACK eigvals on the
# same matrices, one thread each, median wall time per call on both sides. Prints a table with the
# ratio to numpy.
# Needs: python3-numpy (Debian), a built test classpath (this script runs mvn test-compile).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
SIZES=${SIZES:-"16 64 256 1024"}
out=$(mktemp -d)
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$out/cp.txt")"
java -cp "$CP" org.spectralflow.bench.KernelBenchmark\$BenchMatrices "$out" $SIZES
# numpy before and after JMH, samples pooled: drift on the shared VM then biases neither side
python3 bench/numpy_eigvals.py "$out" $SIZES > /dev/null
params=$(echo $SIZES | tr ' ' ',')
java -cp "$CP" org.openjdk.jmh.Main KernelBenchmark -p n="$params" -rf csv -rff "$out/jmh.csv" ${JMH_ARGS:-} > "$out/jmh.log"
python3 bench/numpy_eigvals.py "$out" $SIZES > "$out/numpy.txt"
python3 - "$out" <<'PY'
import csv, sys
d = sys.argv[1]
numpy = {int(l.split()[0]): float(l.split()[1]) for l in open(f"{d}/numpy.txt")}
rows = {}
for r in csv.DictReader(open(f"{d}/jmh.csv")):
    name = r["Benchmark"].rsplit("KernelBenchmark.", 1)[-1]
    if name.endswith(":p0.50"):  # SampleTime: the median of every timed call, as numpy's side
        rows.setdefault(int(r["Param: n"]), {})[name[:-len(":p0.50")]] = float(r["Score"])
print(f"{'N':>5} {'numpy eigvals ms':>17} {'sf eigenvalues ms':>18} {'ratio':>6} {'sf full analysis ms':>20} {'analysis/eig':>12} {'spectrum ms':>12} {'spectrum/eig':>12} {'propagation ms':>15} {'its BLAS ms':>12} {'prop/BLAS':>10}")
for n in sorted(rows):
    r = rows[n]
    e, a, sp = r.get("eigenvalues"), r.get("fullAnalysis"), r.get("spectrum")
    prop, blas = r.get("propagation100Steps"), r.get("blasCallsOfPropagation100Steps")
    print(f"{n:>5} {numpy[n]:>17.3f} {e:>18.3f} {e/numpy[n]:>6.2f} {a:>20.3f} {a/e:>12.2f} {sp:>12.3f} {sp/e:>12.2f} {prop:>15.3f} {blas:>12.3f} {prop/blas:>10.2f}")
import math
def slope(points):
    xs = [math.log(p[0]) for p in points]; ys = [math.log(p[1]) for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
big = [n for n in sorted(rows) if n >= 64]
if len(big) >= 2:
    print(f"cost ~ N^k for N >= 64 (least squares on log-log): full analysis k = {slope([(n, rows[n]['fullAnalysis']) for n in big]):.2f}, "
          f"eigenvalues k = {slope([(n, rows[n]['eigenvalues']) for n in big]):.2f}")
with open(f"{d}/costs.tsv", "w") as f:
    for n in sorted(rows):
        f.write(f"spectralflow full analysis\t{n}\t{rows[n]['fullAnalysis']}\n")
    for n in sorted(rows):
        f.write(f"spectralflow eigenvalues\t{n}\t{rows[n]['eigenvalues']}\n")
    for n in sorted(rows):
        f.write(f"numpy eigvals\t{n}\t{numpy[n]}\n")
PY
mkdir -p bench/results
java -cp "$CP" org.spectralflow.report.CostPlot "$out/costs.tsv" bench/results cost-vs-n > /dev/null
echo "log-log plot: bench/results/cost-vs-n.png"
java -cp "$CP" org.spectralflow.cli.Main info | head -1
