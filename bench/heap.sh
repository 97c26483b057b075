#!/usr/bin/env bash
# Heap over a 10⁶-matrix sweep at N = 16 through the `sweep` command (embedded broker +
# MiniCluster, G1, -Xmx2g, GC log). Every 20 s a full collection (a heap inspection through jcmd,
# retried while a JNI critical section holds the GC locker) measures the live heap — G1's heap
# after young collections also holds old garbage that its mixed collections reach later, so it
# saw-tooths. Prints one line: matrices, seconds, live heap after the first,
# the middle and the last full collection (MB), and the least-squares slope of the live heap in MB
# per 100 000 matrices. Args: [trials per cell=166667] (six cells).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
trials=${1:-166667}
[ -f target/spectralflow.jar ] || mvn -q -B -ntp package -DskipTests
log=$(mktemp)
out=$(mktemp -d)
start=$(date +%s.%N)
java -Xmx2g -XX:+UseG1GC -Xlog:gc:file="$log" -jar target/spectralflow.jar sweep --sweep "heap-$(date +%s)" --n 16 \
    --scale 0.9,1.0,1.1 --activation linear,tanh --trials "$trials" --steps 100 --out "$out" --no-report --quiet > /dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
    sleep "${HEAP_GC_EVERY:-20}"
    before=$(grep -c "Pause Full" "$log" || true)
    for try in 1 2 3 4 5 6 7 8 9 10; do
        jcmd "$pid" GC.class_histogram > /dev/null 2>&1 || break
        [ "$(grep -c "Pause Full" "$log" || true)" -gt "$before" ] && break
        sleep 0.5
    done
done
wait "$pid"
end=$(date +%s.%N)
python3 - "$log" "$((trials * 6))" "$start" "$end" <<'PY'
import re, sys
log, matrices, t0, t1 = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
full = [(float(m.group(1)), int(m.group(2))) for m in
        (re.search(r"\[([\d.]+)s\].*Pause Full \(Heap Inspection Initiated GC\) \d+M->(\d+)M", l) for l in open(log)) if m]
if len(full) < 3: sys.exit("too few full collections in the GC log")
rate = matrices / (t1 - t0)
mt = sum(t for t, _ in full) / len(full); mh = sum(h for _, h in full) / len(full)
slope = sum((t - mt) * (h - mh) for t, h in full) / sum((t - mt) ** 2 for t, _ in full)  # MB per second
print(f"{matrices} {t1 - t0:.1f} {full[0][1]} {full[len(full) // 2][1]} {full[-1][1]} {slope / rate * 1e5:.2f}")
PY
rm -rf "$out" "$log"
