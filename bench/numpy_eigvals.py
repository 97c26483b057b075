#!/usr/bin/env python3
"""numpy.linalg.eigvals on the benchmark matrices: wall time per call, one thread, as JMH measures.

Usage: numpy_eigvals.py DIR N [N ...]   (DIR holds bench-N.npy written by BenchMatrices)
Appends every timed call to DIR/numpy-N.times (one ms value per line), so that runs before and
after JMH pool their samples, and prints one line per N:  N  median_ms_of_all_samples  rho
"""
import sys, time
import numpy as np

d = sys.argv[1]
for n in map(int, sys.argv[2:]):
    w = np.load(f"{d}/bench-{n}.npy")
    reps = max(10, min(200, int(2e8 / n**3)))
    np.linalg.eigvals(w)  # warm-up
    with open(f"{d}/numpy-{n}.times", "a") as f:
        for _ in range(reps):
            t0 = time.perf_counter()
            ev = np.linalg.eigvals(w)
            f.write(f"{1e3 * (time.perf_counter() - t0)}\n")
    times = sorted(float(l) for l in open(f"{d}/numpy-{n}.times"))
    print(n, times[len(times) // 2], float(np.max(np.abs(ev))))
