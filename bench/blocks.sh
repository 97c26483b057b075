#!/usr/bin/env bash
# Sweeps in blocks (issue #20), side by side in one run: the same kind of grid (N = 8, T = 200, the
# default 10 cells: rho 0.8 … 1.2 × linear, tanh) through `spectralflow sweep --no-service`,
# published in blocks (the default) and trial by trial (--block-trials 1). Per run: wall time, the
# sweep's own split, spec records and bytes, shuffle records and bytes (Flink's serializer, counted
# by the job), peak heap (the largest heap before a GC in the JVM's GC log; one JVM holds the
# broker, the MiniCluster and the job), checkpoints (from the job's REST endpoint). BLOCKS_TRIALS and BY_TRIAL_TRIALS are trials per cell.
# Needs: a JDK, curl, ss, /usr/bin/python3, target/spectralflow.jar (mvn package).
set -euo pipefail
cd "$(dirname "$0")/.."
export OPENBLAS_NUM_THREADS=1
PY=${PY:-/usr/bin/python3}
JAR=$PWD/target/spectralflow.jar
[ -f "$JAR" ] || mvn -q -B -ntp package -DskipTests
BLOCKS_TRIALS=${BLOCKS_TRIALS:-1000000}   # 10^7 matrices
BY_TRIAL_TRIALS=${BY_TRIAL_TRIALS:-100000} # 10^6 matrices
out=$(mktemp -d)
# every 5 s, the running job's checkpoint statistics from its MiniCluster's REST endpoint (a random port)
checkpoints() { # pid file
    local pid=$1 file=$2 port jid
    while kill -0 "$pid" 2> /dev/null; do
        sleep 5
        for port in $(ss -ltnp 2> /dev/null | grep "pid=$pid," | awk '{print $4}' | sed 's/.*://'); do
            jid=$(curl -s -m 2 "http://127.0.0.1:$port/jobs/overview" | $PY -c 'import json,sys; print(json.load(sys.stdin)["jobs"][0]["jid"])' 2> /dev/null) || continue
            [ -n "$jid" ] && curl -s -m 2 "http://127.0.0.1:$port/jobs/$jid/checkpoints" > "$file.tmp" 2> /dev/null && mv "$file.tmp" "$file"
        done
    done
}
run() { # label trials-per-cell block-trials
    local label=$1 trials=$2 block=$3 s e
    s=$(date +%s.%N)
    java -Xlog:gc:file="$out/gc-$label.log" -jar "$JAR" sweep --no-service --sweep "blk-$label-$RANDOM" --out "$out/runs" \
        --n 8 --steps 200 --trials "$trials" --block-trials "$block" --quiet --no-report > "$out/$label.txt" 2> "$out/$label.err" &
    local pid=$!
    checkpoints "$pid" "$out/ckpt-$label.json" &
    wait "$pid"
    e=$(date +%s.%N)
    local peak
    peak=$(grep -o '[0-9]*M->' "$out/gc-$label.log" | sed 's/M->//' | sort -n | tail -1)
    printf '%-20s %10d %8.1f %10s MB\n' "$label" "$((trials * 10))" "$(echo "$e - $s" | bc)" "${peak:-?}"
    grep -e '^time:' -e '^traffic:' -e 'matrices in' "$out/$label.txt" | sed 's/^/    /'
    [ -f "$out/ckpt-$label.json" ] && $PY - "$out/ckpt-$label.json" <<'CK'
import json, sys
d = json.load(open(sys.argv[1])); c, s = d["counts"], d["summary"]
print(f"    checkpoints (last look, up to 5 s before the end): {c['completed']} completed, {c['failed']} failed; "
      f"duration p50 {s['end_to_end_duration']['p50']:.0f} ms, max {s['end_to_end_duration']['max']} ms; "
      f"size max {s['checkpointed_size']['max'] / 1e3:.0f} kB")
CK
}
printf '%-20s %10s %8s %13s\n' run matrices "wall s" "peak heap"
run blocks-1e6 "$BY_TRIAL_TRIALS" 0
run trial-by-trial-1e6 "$BY_TRIAL_TRIALS" 1
run blocks-1e7 "$BLOCKS_TRIALS" 0
# stats of the same grid must not depend on how it was published
diff <(grep -v 'matrices in\|^time:\|^traffic:' "$out/blocks-1e6.txt") <(grep -v 'matrices in\|^time:\|^traffic:' "$out/trial-by-trial-1e6.txt") \
    && echo "blocks-1e6 and trial-by-trial-1e6: the same statistics table" || echo "TABLES DIFFER"
echo "(files in $out)"
