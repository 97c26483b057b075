#!/usr/bin/env bash
# Sweeps in blocks (issue #20), side by side in one run: the same kind of grid (N = 8, T = 200, the
# default 10 cells: rho 0.8 … 1.2 × linear, tanh) through `spectralflow sweep --no-service`,
# published in blocks (the default) and trial by trial (--block-trials 1). Per run: wall time, the
# sweep's own split, spec records and bytes, shuffle records and bytes (Flink's serializer, counted
# by the job), peak heap (the largest heap before a GC in the JVM's GC log; one JVM holds the
# broker, the MiniCluster and the job). BLOCKS_TRIALS and BY_TRIAL_TRIALS are trials per cell.
# Needs: a JDK, target/spectralflow.jar (mvn package).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
JAR=$PWD/target/spectralflow.jar
[ -f "$JAR" ] || mvn -q -B -ntp package -DskipTests
BLOCKS_TRIALS=${BLOCKS_TRIALS:-1000000}   # 10^7 matrices
BY_TRIAL_TRIALS=${BY_TRIAL_TRIALS:-100000} # 10^6 matrices
out=$(mktemp -d)
run() { # label trials-per-cell block-trials
    local label=$1 trials=$2 block=$3 s e
    s=$(date +%s.%N)
    java -Xlog:gc:file="$out/gc-$label.log" -jar "$JAR" sweep --no-service --sweep "blk-$label-$RANDOM" --out "$out/runs" \
        --n 8 --steps 200 --trials "$trials" --block-trials "$block" --quiet --no-report > "$out/$label.txt" 2> "$out/$label.err"
    e=$(date +%s.%N)
    local peak
    peak=$(grep -o '[0-9]*M->' "$out/gc-$label.log" | tr -d 'M->' | sort -n | tail -1)
    printf '%-22s %12d %9.1f %10s %12s %10s %12s %9s MB\n' "$label" "$((trials * 10))" "$(echo "$e - $s" | bc)" \
        "$(sed -n 's/^traffic: \([0-9]*\) spec records (\([^)]*\)).*shuffle \([0-9]*\) records (\([^)]*\)).*/\1 \2 \3 \4/p' "$out/$label.txt" \
           | awk '{print $1}')" \
        "$(sed -n 's/^traffic: [0-9]* spec records (\([^)]*\)).*/\1/p' "$out/$label.txt")" \
        "$(sed -n 's/.*shuffle \([0-9]*\) records.*/\1/p' "$out/$label.txt")" \
        "$(sed -n 's/.*shuffle [0-9]* records (\([^)]*\)).*/\1/p' "$out/$label.txt")" "${peak:-?}"
    grep '^time:' "$out/$label.txt" | sed 's/^/    /'
}
printf '%-22s %12s %9s %10s %12s %10s %12s %12s\n' run matrices "wall s" "specs" "spec bytes" "shuffled" "shuffle bytes" "peak heap"
run blocks-1e6 "$BY_TRIAL_TRIALS" 0
run trial-by-trial-1e6 "$BY_TRIAL_TRIALS" 1
run blocks-1e7 "$BLOCKS_TRIALS" 0
# stats of the same grid must not depend on how it was published
diff <(grep -v 'matrices in\|^time:\|^traffic:' "$out/blocks-1e6.txt") <(grep -v 'matrices in\|^time:\|^traffic:' "$out/trial-by-trial-1e6.txt") \
    && echo "blocks-1e6 and trial-by-trial-1e6: the same statistics table" || echo "TABLES DIFFER"
echo "(files in $out)"
