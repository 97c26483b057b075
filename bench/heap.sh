#!/usr/bin/env bash
# Heap over a 10⁶-matrix sweep at N = 16 through the `sweep` command (embedded broker +
# MiniCluster, G1, -Xmx2g, GC log): the heap left after each young collection, early, middle and
# late in the run (medians over 10–40 %, 40–70 %, 70–100 % of it; G1's after-GC heap includes old
# garbage that mixed collections have not reached yet, so single values saw-tooth), and the
# least-squares slope per 100 000 matrices over the second half.
# Args: [trials per cell=166667] (six cells). Prints one line: matrices seconds early mid late slope.
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
trials=${1:-166667}
[ -f target/spectralflow.jar ] || mvn -q -B -ntp package -DskipTests
log=$(mktemp)
out=$(mktemp -d)
start=$(date +%s.%N)
java -Xmx2g -XX:+UseG1GC -Xlog:gc:file="$log" -jar target/spectralflow.jar sweep --sweep "heap-$(date +%s)" --n 16 \
    --scale 0.9,1.0,1.1 --activation linear,tanh --trials "$trials" --steps 100 --out "$out" --no-report --quiet > /dev/null 2>&1
end=$(date +%s.%N)
python3 - "$log" "$((trials * 6))" "$start" "$end" <<'PY'
import re, sys
log, matrices, t0, t1 = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
pts = []
for line in open(log):
    m = re.search(r"\[([\d.]+)s\].*Pause Young.* \d+M->(\d+)M\(\d+M\)", line)
    if m: pts.append((float(m.group(1)), int(m.group(2))))
if len(pts) < 6: sys.exit("too few collections in the GC log")
end = pts[-1][0]
def median(v): v = sorted(v); return v[len(v) // 2]
third = lambda a, b: median([h for t, h in pts if a * end <= t < b * end] or [0])
half = [(t, h) for t, h in pts if t >= end / 2]
mt = sum(t for t, _ in half) / len(half); mh = sum(h for _, h in half) / len(half)
slope = sum((t - mt) * (h - mh) for t, h in half) / sum((t - mt) ** 2 for t, _ in half)  # MB per second
rate = matrices / (t1 - t0)
print(f"{matrices} {t1 - t0:.1f} {third(0.1, 0.4)} {third(0.4, 0.7)} {third(0.7, 1.01)} {slope / rate * 1e5:.2f}")
PY
rm -rf "$out" "$log"
