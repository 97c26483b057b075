#!/usr/bin/env bash
# Reservoir-scale spectra, side by side in one run (issue #15): time to rho of spectralflow's
# Krylov–Schur solver against scipy.sparse.linalg.eigs(k=1) (ARPACK, what ReservoirPy calls) on the
# same .npz files, one thread each: N = 10^4 and 10^5 with 10 nonzeros a row, N = 10^4 at density
# 0.05; how often each fails on MANY random reservoirs at N = 10^4; and, at N = 1000 where LAPACK's
# dense spectrum is cheap, how often each answer is not the true rho (relative error above 1e-9).
# Needs: python3-numpy, python3-scipy (Debian's /usr/bin/python3), a JDK, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
PY=${PY:-/usr/bin/python3}
MANY=${MANY:-100}
out=$(mktemp -d)
mvn -q -B -ntp test-compile dependency:build-classpath -Dmdep.outputFile="$out/cp.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$out/cp.txt")"
$PY bench/reservoir_matrices.py "$out" "$MANY"
big="$out/n1e4-10.npz $out/n1e5-10.npz $out/n1e4-d05.npz"
java -Xmx8g -cp "$CP" org.spectralflow.bench.ReservoirSpectra $big > "$out/sf-big.txt"
$PY bench/scipy_eigs.py $big > "$out/scipy-big.txt"
java -Xmx2g -cp "$CP" org.spectralflow.bench.ReservoirSpectra "$out"/many-*.npz > "$out/sf-many.txt"
$PY bench/scipy_eigs.py "$out"/many-*.npz > "$out/scipy-many.txt"
java -Xmx2g -cp "$CP" org.spectralflow.bench.ReservoirSpectra "$out"/small-*.npz > "$out/sf-small.txt"
$PY bench/scipy_eigs.py --truth "$out"/small-*.npz > "$out/scipy-small.txt"
$PY - "$out" <<'PY'
import statistics, sys
d = sys.argv[1]
def rows(name):
    return {l.split()[0]: l.split()[1:] for l in open(f"{d}/{name}")}
sf, sc = rows("sf-big.txt"), rows("scipy-big.txt")
print(f"{'matrix':<14} {'sf rho s':>9} {'eigs(k=1) s':>12} {'speed-up':>9} {'sf 6 moduli s':>14} {'sf rho':>20} {'eigs rho':>20} {'rel. diff':>10} {'sf 6: rho diff':>14}")
for f in sf:
    a, b = sf[f], sc[f]
    ta, tb, ra, rb = float(a[0]), float(b[0]), float(a[1]), float(b[1])
    print(f"{f:<14} {ta:>9.3f} {tb:>12.3f} {tb / ta:>9.2f} {float(a[4]):>14.3f} {ra:>20.15f} {rb:>20.15f} {abs(ra - rb) / ra:>10.1e}"
          f" {abs(float(a[5]) - ra) / ra:>14.1e}"
          + ("" if a[2] == "true" and a[6] == "true" else "  (sf not converged)") + ("" if b[2] == "ok" else "  (eigs failed)"))
sf, sc = rows("sf-many.txt"), rows("scipy-many.txt")
agree = sum(1 for f in sf if sc[f][2] == "ok" and abs(float(sf[f][1]) - float(sc[f][1])) <= 1e-9 * float(sf[f][1]))
six = sum(1 for f in sf if abs(float(sf[f][1]) - float(sf[f][5])) <= 1e-9 * float(sf[f][1]))
print(f"\n{len(sf)} reservoirs N = 10^4, 10 a row: spectralflow not converged {sum(1 for f in sf if sf[f][2] != 'true' or sf[f][6] != 'true')}, "
      f"eigs failed {sum(1 for f in sc if sc[f][2] != 'ok')}; rho agrees with eigs to 1e-9: {agree}, rho alone with the 6 moduli's: {six}; "
      f"eigs rho larger than spectralflow's (by over 1e-9): {sum(1 for f in sf if float(sc[f][1]) > float(sf[f][1]) * (1 + 1e-9))}; "
      f"median s: spectralflow rho {statistics.median(float(v[0]) for v in sf.values()):.3f}, "
      f"6 moduli {statistics.median(float(v[4]) for v in sf.values()):.3f}, "
      f"eigs {statistics.median(float(v[0]) for v in sc.values()):.3f}")
sf, sc = rows("sf-small.txt"), rows("scipy-small.txt")
def wrong(rho, truth):
    return not abs(rho - truth) <= 1e-9 * truth
print(f"{len(sf)} reservoirs N = 1000, 10 a row, against LAPACK's dense rho: spectralflow wrong "
      f"{sum(1 for f in sf if wrong(float(sf[f][1]), float(sc[f][3])))} (rho alone), "
      f"{sum(1 for f in sf if wrong(float(sf[f][5]), float(sc[f][3])))} (6 moduli), eigs(k=1) wrong "
      f"{sum(1 for f in sc if wrong(float(sc[f][1]), float(sc[f][3])))} (failed {sum(1 for f in sc if sc[f][2] != 'ok')})")
PY
echo "(files in $out)"
